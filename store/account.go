package store

import (
	"context"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
)

// LocalAthleteID is the athlete the CLI works on: the single local runner
// of a personal database, and user 1 when the server creates accounts.
const LocalAthleteID = 1

// Database is one engine's whole database: the local runner's store, a
// store per athlete, and the accounts that may use them.
type Database interface {
	Store // the local runner's (LocalAthleteID)
	AccountStore
	// ForAthlete returns the store of athlete id's data. It shares the
	// database's connections; closing it closes the database.
	ForAthlete(id int64) Store
}

// AccountStore keeps users, sessions, API tokens and coaching grants.
// Secrets are stored only as account.HashSecret.
type AccountStore interface {
	// CreateUser stores u and sets u.ID and a zero u.CreatedAt. It returns
	// ECONFLICT when a user of that name (case-insensitive) exists and
	// EINVALID for an unknown role. The first user created in an empty
	// database gets LocalAthleteID.
	CreateUser(ctx context.Context, u *account.User) error
	// FindUserByID returns ENOTFOUND if there is no such user.
	FindUserByID(ctx context.Context, id int64) (*account.User, error)
	// FindUserByName finds a user by name, case-insensitive.
	FindUserByName(ctx context.Context, name string) (*account.User, error)
	// FindUsers returns every user by ID.
	FindUsers(ctx context.Context) ([]*account.User, error)
	// UpdateUser saves u's role and password hash. Returns ENOTFOUND if
	// there is no such user and EINVALID for an unknown role.
	UpdateUser(ctx context.Context, u *account.User) error

	// CreateSession stores a session. Returns ENOTFOUND if its user does
	// not exist.
	CreateSession(ctx context.Context, s account.Session) error
	// FindSession returns the unexpired session with this hash, or ENOTFOUND.
	FindSession(ctx context.Context, hash string, now time.Time) (account.Session, error)
	// TouchSession moves a session's expiry.
	TouchSession(ctx context.Context, hash string, expires time.Time) error
	// DeleteSession signs one browser out.
	DeleteSession(ctx context.Context, hash string) error
	// DeleteUserSessions signs a user out everywhere.
	DeleteUserSessions(ctx context.Context, userID int64) error

	// CreateToken stores t and sets t.ID and a zero t.CreatedAt. Returns
	// ENOTFOUND if its user does not exist.
	CreateToken(ctx context.Context, t *account.Token) error
	// FindToken returns the token with this hash, or ENOTFOUND.
	FindToken(ctx context.Context, hash string) (account.Token, error)
	// FindTokens returns a user's tokens, oldest first.
	FindTokens(ctx context.Context, userID int64) ([]account.Token, error)
	// DeleteToken removes a user's token; ENOTFOUND if that user has no such token.
	DeleteToken(ctx context.Context, userID, id int64) error

	// Grant lets coachID read athleteID's data. Granting twice is a no-op.
	// Returns ENOTFOUND if either user does not exist.
	Grant(ctx context.Context, athleteID, coachID int64) error
	// Revoke takes the grant back; ENOTFOUND if there was none.
	Revoke(ctx context.Context, athleteID, coachID int64) error
	// FindGrantedAthletes returns the athletes who granted coachID access, by ID.
	FindGrantedAthletes(ctx context.Context, coachID int64) ([]int64, error)
	// FindCoaches returns the users athleteID granted access to, by ID.
	FindCoaches(ctx context.Context, athleteID int64) ([]int64, error)

	// DeleteUser deletes a user and everything of theirs, in one
	// transaction: their athlete data (activities with their samples,
	// originals and session RPEs, the profile, check-ins, shoes and
	// checklist ticks), their sessions and tokens, and the grants they
	// gave or were given. Nothing of it is left when it returns nil, and
	// nothing is deleted when it fails. Returns ENOTFOUND if there is no
	// such user.
	DeleteUser(ctx context.Context, id int64) error
}

// Tick is a ticked item of a day's recovery checklist.
type Tick struct {
	Day    string    `json:"day"`     // YYYY-MM-DD in the runner's time zone
	StepID string    `json:"step_id"` // a protocol technique id
	At     time.Time `json:"at"`
}

// TickStore keeps the daily checklist's ticks. Days are YYYY-MM-DD
// (ParseDay); SetTick and FindTicks return EINVALID for any other day.
type TickStore interface {
	// SetTick ticks (done) or unticks a step of a day's checklist.
	SetTick(ctx context.Context, day, stepID string, done bool, at time.Time) error
	// FindTicks returns a day's ticks by step id.
	FindTicks(ctx context.Context, day string) (map[string]Tick, error)
	// FindAllTicks returns every tick of the athlete, by day then step id.
	FindAllTicks(ctx context.Context) ([]Tick, error)
}

// ParseDay parses a checklist day, YYYY-MM-DD, as midnight UTC. Returns
// EINVALID for anything else.
func ParseDay(day string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return d, rebound.Errorf(rebound.EINVALID, "day %q is not YYYY-MM-DD", day)
	}
	return d, nil
}
