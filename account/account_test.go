package account

import (
	"fmt"
	"strings"
	"testing"
	"time"
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
	for _, bad := range []string{"", "$argon2id$", "plain", strings.Replace(h, "m=19456", "m=0", 1)} {
		if CheckPassword(bad, "correct horse") {
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

func TestLimiter(t *testing.T) {
	l := NewLimiter(3, time.Minute)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		if ok, _ := l.Allow("ana", t0); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
		l.Fail("ana", t0)
	}
	ok, wait := l.Allow("ana", t0)
	if ok || wait != time.Minute {
		t.Errorf("after 3 failures: allowed %v, wait %v; want refused for 1m", ok, wait)
	}
	if ok, _ := l.Allow("bo", t0); !ok {
		t.Error("another key is limited too")
	}
	if ok, _ := l.Allow("ana", t0.Add(time.Minute)); !ok {
		t.Error("not refilled after a minute")
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

func TestLimiterForgetsFullBuckets(t *testing.T) {
	l := NewLimiter(3, time.Minute)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range maxKeys {
		l.Fail(fmt.Sprint("client-", i), t0)
	}
	// Three minutes on, every one of those buckets has refilled (one
	// failure, three refills): the next failure forgets them all.
	l.Fail("ana", t0.Add(3*time.Minute))
	l.Fail("bo", t0.Add(3*time.Minute))
	if n := len(l.keys); n > 2 {
		t.Errorf("%d keys kept after the others' buckets refilled, want ana and bo only", n)
	}
	if ok, _ := l.Allow("ana", t0.Add(3*time.Minute)); !ok {
		t.Error("ana refused after one failure")
	}
}
