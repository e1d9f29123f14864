package account

import (
	"strings"
	"testing"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not an argon2id PHC string with Rebound's parameters", h)
	}
	if !CheckPassword(h, "correct horse") {
		t.Error("the right password does not match")
	}
	for _, wrong := range []string{"correct horsE", "", "correct horse "} {
		if CheckPassword(h, wrong) {
			t.Errorf("%q matches", wrong)
		}
	}
	h2, _ := HashPassword("correct horse")
	if h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	// An empty or malformed hash matches nothing, after the same work as
	// a real one: one argon2id derivation.
	for _, bad := range []string{"", "$argon2id$", "plain", strings.Replace(h, "m=19456", "m=0", 1), h[:len(h)-3] + "!!!", h} {
		before := Derivations()
		if CheckPassword(bad, "wrong password") {
			t.Errorf("hash %q matches a wrong password", bad)
		}
		if n := Derivations() - before; n != 1 {
			t.Errorf("hash %q: %d argon2id derivations for a check, want one", bad, n)
		}
		if bad != h && CheckPassword(bad, "correct horse") {
			t.Errorf("malformed hash %q matches", bad)
		}
	}
	if _, err := HashPassword("short"); err == nil {
		t.Error("a 5-character password was accepted")
	}
}

func TestSecrets(t *testing.T) {
	a, b := NewSecret(), NewSecret()
	if a == b || len(a) != 43 { // 32 bytes in unpadded base64url = 43 characters
		t.Errorf("secrets %q, %q", a, b)
	}
	if HashSecret(a) == a || HashSecret(a) != HashSecret(a) || len(HashSecret(a)) != 64 {
		t.Error("HashSecret is not a stable hex SHA-256")
	}
}

func TestNewPassword(t *testing.T) {
	a, b := NewPassword(), NewPassword()
	if a == b {
		t.Errorf("two passwords are the same: %q", a)
	}
	for _, pw := range []string{a, b} {
		if len(pw) != 19 || strings.Count(pw, "-") != 3 || strings.Trim(pw, "abcdefghijklmnopqrstuvwxyz234567-") != "" {
			t.Errorf("password %q: want four groups of four of a-z and 2-7", pw)
		}
		if _, err := HashPassword(pw); err != nil {
			t.Errorf("password %q is not accepted: %v", pw, err)
		}
	}
}

func TestCanRead(t *testing.T) {
	ana := &User{ID: 1, Role: Athlete}
	bo := &User{ID: 2, Role: Athlete}
	coach := &User{ID: 3, Role: Coach}
	admin := &User{ID: 4, Role: Admin}
	tests := []struct {
		name    string
		viewer  *User
		athlete int64
		granted []int64
		want    bool
	}{
		{"own data", ana, 1, nil, true},
		{"another athlete", bo, 1, nil, false},
		{"an athlete listing a grant does not make them a coach", bo, 1, []int64{1}, false},
		{"coach without grant", coach, 1, []int64{2}, false},
		{"coach with grant", coach, 1, []int64{1, 2}, true},
		{"admin without grant", admin, 1, nil, false},
		{"admin with grant", admin, 2, []int64{2}, true},
		{"nobody", nil, 1, []int64{1}, false},
	}
	for _, tt := range tests {
		if got := CanRead(tt.viewer, tt.athlete, tt.granted); got != tt.want {
			t.Errorf("%s: CanRead = %v, want %v", tt.name, got, tt.want)
		}
	}
	if CanWrite(coach, 1) || !CanWrite(ana, 1) || CanWrite(nil, 1) {
		t.Error("only an athlete may change their own data")
	}
}

func TestValidName(t *testing.T) {
	for _, ok := range []string{"ana", "coach.bo", "a-b_c@club"} {
		if err := ValidName(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"a", "has space", "<script>", strings.Repeat("x", 65)} {
		if ValidName(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
