package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

type dbOpener = func(tb testing.TB) store.Database

// mustUser creates a user and fails the test on error.
func mustUser(tb testing.TB, db store.Database, name string, role account.Role) *account.User {
	tb.Helper()
	u := &account.User{Name: name, Role: role, PasswordHash: "$argon2id$fake-" + name}
	if err := db.CreateUser(context.Background(), u); err != nil {
		tb.Fatalf("CreateUser %s: %v", name, err)
	}
	return u
}

func testUsers(t *testing.T, open dbOpener) {
	ctx := context.Background()
	t.Run("CreateFind", func(t *testing.T) {
		db := open(t)
		first := mustUser(t, db, "Ana", account.Athlete)
		if first.ID != store.LocalAthleteID {
			t.Errorf("first user's ID = %d, want the local athlete %d", first.ID, store.LocalAthleteID)
		}
		if first.CreatedAt.IsZero() {
			t.Error("CreatedAt not set")
		}
		coach := mustUser(t, db, "coach.bo", account.Coach)
		got, err := db.FindUserByName(ctx, "ANA")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != first.ID || got.Name != "Ana" || got.Role != account.Athlete || got.PasswordHash != first.PasswordHash {
			t.Errorf("FindUserByName(ANA) = %+v, want %+v", got, first)
		}
		got, err = db.FindUserByID(ctx, coach.ID)
		if err != nil || got.Name != "coach.bo" || got.Role != account.Coach {
			t.Errorf("FindUserByID = %+v, %v", got, err)
		}
		all, err := db.FindUsers(ctx)
		if err != nil || len(all) != 2 || all[0].ID != first.ID || all[1].ID != coach.ID {
			t.Errorf("FindUsers = %+v, %v", all, err)
		}
	})
	t.Run("ErrConflictName", func(t *testing.T) {
		db := open(t)
		mustUser(t, db, "ana", account.Athlete)
		checkCode(t, "create ANA", db.CreateUser(ctx, &account.User{Name: "ANA", Role: account.Coach}), rebound.ECONFLICT)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		db := open(t)
		_, err := db.FindUserByName(ctx, "nobody")
		checkCode(t, "find nobody", err, rebound.ENOTFOUND)
		_, err = db.FindUserByID(ctx, 42)
		checkCode(t, "find 42", err, rebound.ENOTFOUND)
		checkCode(t, "update 42", db.UpdateUser(ctx, &account.User{ID: 42, Role: account.Athlete}), rebound.ENOTFOUND)
	})
	t.Run("ErrInvalidRole", func(t *testing.T) {
		db := open(t)
		checkCode(t, "create with role owner", db.CreateUser(ctx, &account.User{Name: "ana", Role: "owner"}), rebound.EINVALID)
		// The refused user used up no ID: the first user is still the local athlete.
		u := mustUser(t, db, "ana", account.Athlete)
		if u.ID != store.LocalAthleteID {
			t.Errorf("first user after a refused one: ID %d, want %d", u.ID, store.LocalAthleteID)
		}
		checkCode(t, "update to role owner", db.UpdateUser(ctx, &account.User{ID: u.ID, Name: u.Name, Role: "owner"}), rebound.EINVALID)
		if got, err := db.FindUserByID(ctx, u.ID); err != nil || got.Role != account.Athlete {
			t.Errorf("after a refused update: %+v, %v; want role athlete", got, err)
		}
	})
	t.Run("Update", func(t *testing.T) {
		db := open(t)
		u := mustUser(t, db, "ana", account.Athlete)
		u.Role, u.PasswordHash = account.Admin, "new-hash"
		if err := db.UpdateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindUserByID(ctx, u.ID)
		if got.Role != account.Admin || got.PasswordHash != "new-hash" {
			t.Errorf("after update: %+v", got)
		}
	})
}

func testSessions(t *testing.T, open dbOpener) {
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	db := open(t)
	ana := mustUser(t, db, "ana", account.Athlete)
	bo := mustUser(t, db, "bo", account.Athlete)
	mk := func(hash string, user int64, expires time.Time) account.Session {
		s := account.Session{Hash: hash, UserID: user, CSRF: "csrf-" + hash, CreatedAt: now, ExpiresAt: expires}
		if err := db.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s1 := mk("h1", ana.ID, now.Add(time.Hour))
	mk("h2", ana.ID, now.Add(time.Hour))
	mk("h3", bo.ID, now.Add(time.Hour))
	mk("old", bo.ID, now.Add(-time.Second))

	got, err := db.FindSession(ctx, "h1", now)
	if err != nil || got.UserID != ana.ID || got.CSRF != s1.CSRF || !got.ExpiresAt.Equal(s1.ExpiresAt) {
		t.Errorf("FindSession(h1) = %+v, %v", got, err)
	}
	_, err = db.FindSession(ctx, "old", now)
	checkCode(t, "expired session", err, rebound.ENOTFOUND)

	if err := db.TouchSession(ctx, "h1", now.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindSession(ctx, "h1", now.Add(24*time.Hour)); err != nil {
		t.Errorf("touched session gone a day later: %v", err)
	}
	if err := db.DeleteSession(ctx, "h3"); err != nil {
		t.Fatal(err)
	}
	_, err = db.FindSession(ctx, "h3", now)
	checkCode(t, "deleted session", err, rebound.ENOTFOUND)

	// Sign Ana out everywhere: both her sessions go, Bo's stay.
	mk("h4", bo.ID, now.Add(time.Hour))
	if err := db.DeleteUserSessions(ctx, ana.ID); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"h1", "h2"} {
		_, err = db.FindSession(ctx, h, now)
		checkCode(t, "session "+h+" after logout everywhere", err, rebound.ENOTFOUND)
	}
	if _, err := db.FindSession(ctx, "h4", now); err != nil {
		t.Errorf("another user's session was signed out: %v", err)
	}

	checkCode(t, "session of user 99", db.CreateSession(ctx, account.Session{Hash: "h99", UserID: 99, CSRF: "c",
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}), rebound.ENOTFOUND)
}

func testTokens(t *testing.T, open dbOpener) {
	ctx := context.Background()
	db := open(t)
	ana := mustUser(t, db, "ana", account.Athlete)
	bo := mustUser(t, db, "bo", account.Athlete)
	t1 := &account.Token{UserID: ana.ID, Name: "script", Scope: account.ScopeAPI, Hash: "th1"}
	t2 := &account.Token{UserID: ana.ID, Name: "calendar", Scope: account.ScopeCalendar, Hash: "th2"}
	for _, tok := range []*account.Token{t1, t2} {
		if err := db.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	if t1.ID == 0 || t1.ID == t2.ID || t1.CreatedAt.IsZero() {
		t.Errorf("IDs %d, %d; CreatedAt %v", t1.ID, t2.ID, t1.CreatedAt)
	}
	got, err := db.FindToken(ctx, "th2")
	if err != nil || got.ID != t2.ID || got.UserID != ana.ID || got.Scope != account.ScopeCalendar || got.Name != "calendar" {
		t.Errorf("FindToken(th2) = %+v, %v", got, err)
	}
	_, err = db.FindToken(ctx, "nope")
	checkCode(t, "unknown token", err, rebound.ENOTFOUND)
	list, err := db.FindTokens(ctx, ana.ID)
	if err != nil || len(list) != 2 || list[0].ID != t1.ID {
		t.Errorf("FindTokens = %+v, %v", list, err)
	}
	// Bo cannot delete Ana's token.
	checkCode(t, "delete another's token", db.DeleteToken(ctx, bo.ID, t1.ID), rebound.ENOTFOUND)
	if err := db.DeleteToken(ctx, ana.ID, t1.ID); err != nil {
		t.Fatal(err)
	}
	_, err = db.FindToken(ctx, "th1")
	checkCode(t, "deleted token", err, rebound.ENOTFOUND)
	checkCode(t, "token of user 99", db.CreateToken(ctx, &account.Token{UserID: 99, Name: "x", Scope: account.ScopeAPI,
		Hash: "th99"}), rebound.ENOTFOUND)
}

func testGrants(t *testing.T, open dbOpener) {
	ctx := context.Background()
	db := open(t)
	ana := mustUser(t, db, "ana", account.Athlete)
	bo := mustUser(t, db, "bo", account.Athlete)
	coach := mustUser(t, db, "coach", account.Coach)
	for i := 0; i < 2; i++ { // granting twice is a no-op
		if err := db.Grant(ctx, ana.ID, coach.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Grant(ctx, bo.ID, coach.ID); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindGrantedAthletes(ctx, coach.ID)
	if err != nil || !slices.Equal(got, []int64{ana.ID, bo.ID}) {
		t.Errorf("FindGrantedAthletes = %v, %v", got, err)
	}
	coaches, err := db.FindCoaches(ctx, ana.ID)
	if err != nil || !slices.Equal(coaches, []int64{coach.ID}) {
		t.Errorf("FindCoaches = %v, %v", coaches, err)
	}
	if err := db.Revoke(ctx, ana.ID, coach.ID); err != nil {
		t.Fatal(err)
	}
	checkCode(t, "revoke twice", db.Revoke(ctx, ana.ID, coach.ID), rebound.ENOTFOUND)
	got, _ = db.FindGrantedAthletes(ctx, coach.ID)
	if !slices.Equal(got, []int64{bo.ID}) {
		t.Errorf("after revoke: %v", got)
	}
	checkCode(t, "grant to user 99", db.Grant(ctx, ana.ID, 99), rebound.ENOTFOUND)
	checkCode(t, "grant of user 99", db.Grant(ctx, 99, coach.ID), rebound.ENOTFOUND)
}

func testTicks(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	at := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	for _, id := range []string{"refuel", "sleep"} {
		if err := s.SetTick(ctx, "2026-11-24", id, true, at); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetTick(ctx, "2026-11-23", "foam-rolling", true, at); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTick(ctx, "2026-11-24", "sleep", false, at); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindTicks(ctx, "2026-11-24")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got["refuel"].At.Equal(at) || got["refuel"].Day != "2026-11-24" {
		t.Errorf("ticks of 2026-11-24 = %+v, want refuel only", got)
	}

	for _, bad := range []string{"24/11/2026", "2026-11-31", ""} {
		checkCode(t, "tick on "+bad, s.SetTick(ctx, bad, "refuel", true, at), rebound.EINVALID)
		checkCode(t, "untick on "+bad, s.SetTick(ctx, bad, "refuel", false, at), rebound.EINVALID)
		_, err := s.FindTicks(ctx, bad)
		checkCode(t, "ticks of "+bad, err, rebound.EINVALID)
	}
}

// testIsolation checks that one athlete's store sees and changes nothing of
// another's, for every per-athlete resource.
func testIsolation(t *testing.T, open dbOpener) {
	ctx := context.Background()
	db := open(t)
	ana := mustUser(t, db, "ana", account.Athlete)
	bo := mustUser(t, db, "bo", account.Athlete)
	sa, sb := db.ForAthlete(ana.ID), db.ForAthlete(bo.ID)

	run := NewActivity(day, activity.Running)
	if err := sa.CreateActivity(ctx, run); err != nil {
		t.Fatal(err)
	}
	// The same file may be imported by another athlete: hashes are per athlete.
	again := NewActivity(day, activity.Running)
	if err := sb.CreateActivity(ctx, again); err != nil {
		t.Fatalf("Bo importing the same file as Ana: %v", err)
	}
	if err := sa.SaveProfile(ctx, profile.Profile{WeightKg: 61}); err != nil {
		t.Fatal(err)
	}
	if err := sa.SaveCheckIn(ctx, recovery.CheckIn{Date: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
		Soreness: map[recovery.Muscle]float64{recovery.Quads: 5}, SleepH: 7, SleepQuality: 3, Stress: 2,
		RestingHR: 50, HRVms: 60}); err != nil {
		t.Fatal(err)
	}
	if err := sa.SaveShoe(ctx, store.Shoe{Name: "Pegasus", LimitKm: 600}); err != nil {
		t.Fatal(err)
	}
	if err := sa.SaveRPE(ctx, run.ID, 6); err != nil {
		t.Fatal(err)
	}
	if err := sa.SetTick(ctx, "2026-11-24", "refuel", true, day); err != nil {
		t.Fatal(err)
	}

	// Bo sees only his own run, none of Ana's other data.
	list, n, err := sb.FindActivities(ctx, store.ActivityFilter{})
	if err != nil || n != 1 || list[0].ID != again.ID {
		t.Errorf("Bo's activities: %d, %v", n, err)
	}
	_, err = sb.FindActivityByID(ctx, run.ID)
	checkCode(t, "Bo reading Ana's run", err, rebound.ENOTFOUND)
	_, _, err = sb.FindOriginal(ctx, run.ID)
	checkCode(t, "Bo reading Ana's original", err, rebound.ENOTFOUND)
	checkCode(t, "Bo changing Ana's gear", sb.UpdateActivityGear(ctx, run.ID, "x"), rebound.ENOTFOUND)
	checkCode(t, "Bo rating Ana's run", sb.SaveRPE(ctx, run.ID, 1), rebound.ENOTFOUND)
	checkCode(t, "Bo clearing Ana's rating", sb.DeleteRPE(ctx, run.ID), rebound.ENOTFOUND)
	checkCode(t, "Bo deleting Ana's run", sb.DeleteActivity(ctx, run.ID), rebound.ENOTFOUND)
	if p, err := sb.FindProfile(ctx); err != nil || p.WeightKg != 0 {
		t.Errorf("Bo's profile = %+v, %v", p, err)
	}
	if cs, err := sb.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC); err != nil || len(cs) != 0 {
		t.Errorf("Bo's check-ins = %+v, %v", cs, err)
	}
	if shoes, err := sb.FindShoes(ctx); err != nil || len(shoes) != 0 {
		t.Errorf("Bo's shoes = %+v, %v", shoes, err)
	}
	if rpes, err := sb.FindRPEs(ctx); err != nil || len(rpes) != 0 {
		t.Errorf("Bo's RPEs = %+v, %v", rpes, err)
	}
	if ticks, err := sb.FindTicks(ctx, "2026-11-24"); err != nil || len(ticks) != 0 {
		t.Errorf("Bo's ticks = %+v, %v", ticks, err)
	}
	// Ana's data is intact.
	if _, err := sa.FindActivityByID(ctx, run.ID); err != nil {
		t.Errorf("Ana's run after Bo's attempts: %v", err)
	}
	if rpes, _ := sa.FindRPEs(ctx); rpes[run.ID] != 6 {
		t.Errorf("Ana's RPE = %v", rpes)
	}
}
