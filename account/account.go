// Package account is who may use a Rebound server and what each may see:
// users and their roles, password hashing, random secrets (session
// cookies, API tokens, one-time sign-in links) and the access rule that
// keeps one athlete's data from every other account.
//
// It is plain Go with no I/O: the store keeps users, sessions, tokens and
// grants (store.AccountStore); the server asks this package whether a
// viewer may read an athlete.
package account

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"
)

// Role is what an account is for.
type Role string

// Roles. An athlete owns their data; a coach reads the athletes who granted
// them access; an admin manages accounts. Every account may also log its
// own runs (athlete data is keyed by the user's ID), so a coach who runs
// has their own pages too.
const (
	Athlete Role = "athlete"
	Coach   Role = "coach"
	Admin   Role = "admin"
)

// ParseRole returns the role named s.
func ParseRole(s string) (Role, error) {
	if r := Role(strings.ToLower(strings.TrimSpace(s))); r.Valid() {
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q (athlete, coach or admin)", s)
}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return r == Athlete || r == Coach || r == Admin }

// User is an account. Its athlete data (activities, check-ins, profile…)
// is stored under athlete ID == ID.
type User struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"` // login name, unique, case-insensitive
	Role         Role      `json:"role"`
	PasswordHash string    `json:"-"` // PHC string from HashPassword; "" means no password login
	CreatedAt    time.Time `json:"created_at"`
}

// ValidName reports a problem with a login name, or nil.
func ValidName(name string) error {
	if len(name) < 2 || len(name) > 64 {
		return errors.New("a user name has 2 to 64 characters")
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-@", r)) {
			return fmt.Errorf("a user name has letters, digits and . _ - @ only, not %q", r)
		}
	}
	return nil
}

// MinPasswordLength is the shortest password accepted (NIST SP 800-63B
// asks for at least 8 characters for user-chosen secrets).
const MinPasswordLength = 8

// Argon2id parameters: the second recommended option of RFC 9106 §4 is
// t=3, m=64 MiB; OWASP's cheaper floor is m=19 MiB, t=2, p=1. Rebound uses
// t=2, m=19 MiB, p=1 so a 2-core server verifies a login in ~30 ms.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// HashPassword returns an argon2id PHC string for password:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
func HashPassword(password string) (string, error) {
	if len(password) < MinPasswordLength {
		return "", fmt.Errorf("a password has at least %d characters", MinPasswordLength)
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := deriveKey(password, salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches the PHC string hash. An
// empty or malformed hash matches nothing, after the same work as a real
// one: one argon2id derivation with Rebound's parameters, so that the
// time a sign-in takes tells nothing about whether the account exists or
// has a password (the server checks an unknown name against "").
func CheckPassword(hash, password string) bool {
	salt, want, t, m, p, ok := parseHash(hash)
	if !ok {
		salt, want, t, m, p = make([]byte, saltLen), make([]byte, argonKeyLen), argonTime, argonMemory, argonThreads
	}
	got := deriveKey(password, salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1 && ok
}

// parseHash reads a PHC string of HashPassword's form.
func parseHash(hash string) (salt, key []byte, t, m uint32, p uint8, ok bool) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 || m > 1<<20 || t > 16 {
		return
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return
	}
	key, err = b64.DecodeString(parts[5])
	if err != nil || len(key) == 0 || len(key) > 1024 {
		return
	}
	return salt, key, t, m, p, true
}

// derivations counts argon2id derivations (see Derivations).
var derivations atomic.Int64

// Derivations returns how many argon2id keys this process has derived,
// in HashPassword and CheckPassword: the costly work of a sign-in. A test
// counts it to check that every sign-in does that work once, whatever
// the name; a server may export it as a metric.
func Derivations() int64 { return derivations.Load() }

func deriveKey(password string, salt []byte, t, m uint32, p uint8, keyLen uint32) []byte {
	derivations.Add(1)
	return argon2.IDKey([]byte(password), salt, t, m, p, keyLen)
}

// NewSecret returns a random URL-safe secret of 32 bytes (256 bits), for
// session cookies, API tokens and sign-in links. Stores keep only its
// HashSecret.
func NewSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("account: no randomness: %v", err)) // crypto/rand never fails on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewPassword returns a random password for an account that a program
// creates and shows once (the club demo's): 16 characters of the base32
// alphabet (a-z, 2-7), 80 bits, in groups of four for reading aloud or
// typing, e.g. "k3vq-7mzd-a2xw-pe5r".
func NewPassword() string {
	s := strings.ToLower(rand.Text()[:16])
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
}

// HashSecret is the form in which a secret is stored: its hex SHA-256. A
// stolen database then holds no usable session or token.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// TokenPrefix starts every personal API token, so that a leaked one is
// easy to recognise and to search for.
const TokenPrefix = "rbd_"

// Session is a signed-in browser.
type Session struct {
	Hash      string // HashSecret of the cookie value
	UserID    int64
	CSRF      string // the session's CSRF token (sent in forms and X-CSRF-Token)
	CreatedAt time.Time
	ExpiresAt time.Time
}

// SessionLifetime is how long a session lasts without use.
const SessionLifetime = 30 * 24 * time.Hour

// Token is a personal API token (Authorization: Bearer rbd_…) or a
// calendar feed secret.
type Token struct {
	ID        int64     `json:"id"`
	UserID    int64     `json:"user_id"`
	Name      string    `json:"name"`
	Scope     Scope     `json:"scope"`
	Hash      string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

// Scope is what a token may do.
type Scope string

// Token scopes.
const (
	ScopeAPI      Scope = "api"      // the whole /api/v1 as its user
	ScopeCalendar Scope = "calendar" // only the user's iCalendar feed
)

// CanRead reports whether viewer may read athlete's data: their own, or a
// coach's or admin's athlete who granted them access (granted holds the
// athlete IDs that granted viewer).
func CanRead(viewer *User, athleteID int64, granted []int64) bool {
	if viewer == nil {
		return false
	}
	if viewer.ID == athleteID {
		return true
	}
	if viewer.Role != Coach && viewer.Role != Admin {
		return false
	}
	for _, id := range granted {
		if id == athleteID {
			return true
		}
	}
	return false
}

// CanWrite reports whether viewer may change athlete's data: only their own.
// Coaches read; they never change an athlete's runs, check-ins or profile.
func CanWrite(viewer *User, athleteID int64) bool {
	return viewer != nil && viewer.ID == athleteID
}
