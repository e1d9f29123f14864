package storetest

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// Tests of what the runner's ownership of their data needs of a store:
// re-analysing an activity in place, listing every tick, deleting an
// account with everything of it.

func testUpdateAnalysis(t *testing.T, open opener) {
	ctx := context.Background()
	t.Run("OKKeepsIdentityGearRPE", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		other := MustCreateActivity(t, s, NewActivity(day.Add(24*time.Hour), activity.Running))
		if err := s.SaveRPE(ctx, a.ID, 7); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateActivityGear(ctx, a.ID, "Speedgoat 5"); err != nil {
			t.Fatal(err)
		}
		a.Gear = "Speedgoat 5"
		_, original, err := s.FindOriginal(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}

		// What a newer decoder makes of the same file: everything of the
		// analysis differs, and so do the fields the update must keep.
		next := NewActivity(day.Add(2*time.Second), activity.Cycling)
		next.SubSport, next.Device, next.Format = "trail", "garmin fenix7", "gpx"
		next.UTCOffsetS = nil
		next.Samples = NewSamples(next.Start, 90)
		next.Laps = next.Laps[:1]
		next.Pauses, next.Warnings, next.DeviceTotals = nil, nil, nil
		next.Legs = []activity.Sport{activity.Running, activity.Cycling}
		next.Summary = FillSummary(0)
		next.Name, next.Gear, next.SHA256, next.SourceFile = "renamed", "other shoes", "other-hash", "other.gpx"
		next.ImportedAt = next.ImportedAt.Add(time.Hour)
		before := MustRevision(t, s)
		changed, err := s.UpdateActivityAnalysis(ctx, a.ID, next)
		if err != nil || !changed {
			t.Fatalf("UpdateActivityAnalysis = %v, %v; want changed", changed, err)
		}
		if MustRevision(t, s) == before {
			t.Error("the revision did not change with the analysis")
		}

		want := *next
		want.ID, want.SHA256, want.SourceFile, want.Gear, want.ImportedAt = a.ID, a.SHA256, a.SourceFile, a.Gear, a.ImportedAt
		wantAct := *next.Activity
		wantAct.Sport, wantAct.Name = a.Sport, a.Name
		want.Activity = &wantAct
		checkActivity(t, &want, MustFindActivityByID(t, s, a.ID))
		if _, got, err := s.FindOriginal(ctx, a.ID); err != nil || !bytes.Equal(got, original) {
			t.Errorf("original after the update: %d bytes, %v; want the %d stored", len(got), err, len(original))
		}
		if rpes, err := s.FindRPEs(ctx); err != nil || rpes[a.ID] != 7 {
			t.Errorf("RPEs after the update: %v, %v; want 7 kept", rpes, err)
		}
		checkActivity(t, other, MustFindActivityByID(t, s, other.ID)) // untouched

		// The same analysis again changes nothing, and writes nothing.
		before = MustRevision(t, s)
		if changed, err := s.UpdateActivityAnalysis(ctx, a.ID, next); err != nil || changed {
			t.Errorf("UpdateActivityAnalysis(same) = %v, %v; want unchanged", changed, err)
		}
		if MustRevision(t, s) != before {
			t.Error("an unchanged analysis bumped the revision")
		}

		// Back to no samples: the samples go.
		next.Samples = nil
		if changed, err := s.UpdateActivityAnalysis(ctx, a.ID, next); err != nil || !changed {
			t.Fatalf("UpdateActivityAnalysis(no samples) = %v, %v", changed, err)
		}
		if got := MustFindActivityByID(t, s, a.ID); len(got.Samples) != 0 {
			t.Errorf("%d samples left, want none", len(got.Samples))
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		_, err := s.UpdateActivityAnalysis(ctx, 42, NewActivity(day, activity.Running))
		checkCode(t, "update the analysis of an unknown activity", err, rebound.ENOTFOUND)
	})

	t.Run("ErrInvalidLeavesIt", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		bad := NewActivity(day, activity.Running)
		bad.Activity = nil
		_, err := s.UpdateActivityAnalysis(ctx, a.ID, bad)
		checkCode(t, "update with no decoded activity", err, rebound.EINVALID)
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
	})
}

func testAllTicks(t *testing.T, open dbOpener) {
	ctx := context.Background()
	db := open(t)
	ana, bo := db.ForAthlete(mustUser(t, db, "ana", account.Athlete).ID), db.ForAthlete(mustUser(t, db, "bo", account.Athlete).ID)
	if got, err := ana.FindAllTicks(ctx); err != nil || len(got) != 0 {
		t.Fatalf("FindAllTicks before any = %v, %v; want none", got, err)
	}
	at := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	for _, tk := range []store.Tick{{Day: "2026-11-24", StepID: "sleep"}, {Day: "2026-11-02", StepID: "refuel"},
		{Day: "2026-11-24", StepID: "refuel"}, {Day: "2025-12-31", StepID: "walk"}} {
		if err := ana.SetTick(ctx, tk.Day, tk.StepID, true, at); err != nil {
			t.Fatal(err)
		}
	}
	if err := ana.SetTick(ctx, "2026-11-24", "sleep", false, at); err != nil {
		t.Fatal(err)
	}
	if err := bo.SetTick(ctx, "2026-11-24", "walk", true, at); err != nil {
		t.Fatal(err)
	}
	got, err := ana.FindAllTicks(ctx)
	want := []store.Tick{{Day: "2025-12-31", StepID: "walk", At: at}, {Day: "2026-11-02", StepID: "refuel", At: at},
		{Day: "2026-11-24", StepID: "refuel", At: at}}
	if err != nil || !slices.EqualFunc(got, want, func(x, y store.Tick) bool {
		return x.Day == y.Day && x.StepID == y.StepID && x.At.Equal(y.At)
	}) {
		t.Errorf("FindAllTicks = %+v, %v; want %+v", got, err, want)
	}
}

// mustFill gives s one of everything an athlete has and returns the
// activity.
func mustFill(tb testing.TB, s store.Store, start time.Time) *store.Activity {
	tb.Helper()
	ctx := context.Background()
	a := MustCreateActivity(tb, s, NewActivity(start, activity.Running))
	for _, err := range []error{
		s.SaveRPE(ctx, a.ID, 6),
		s.SaveProfile(ctx, profile.Profile{WeightKg: 61, Age: 34}),
		s.SaveCheckIn(ctx, recovery.CheckIn{Date: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
			Soreness: map[recovery.Muscle]float64{recovery.Quads: 5}, SleepH: 7, SleepQuality: 3, Stress: 2,
			RestingHR: 50, HRVms: 60}),
		s.SaveShoe(ctx, store.Shoe{Name: "Pegasus", LimitKm: 600, Default: true}),
		s.SetTick(ctx, "2026-11-24", "refuel", true, start),
	} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return a
}

// CheckDeletedUser fails unless nothing of user id is left in db: no
// account, activity, original, RPE, profile, check-in, shoe, tick,
// session, token or grant.
func CheckDeletedUser(tb testing.TB, db store.Database, id int64, activityID int64, sessionHash, tokenHash string) {
	tb.Helper()
	ctx := context.Background()
	_, err := db.FindUserByID(ctx, id)
	checkCode(tb, "find the deleted user", err, rebound.ENOTFOUND)
	s := db.ForAthlete(id)
	if as, n, err := s.FindActivities(ctx, store.ActivityFilter{}); err != nil || n != 0 || len(as) != 0 {
		tb.Errorf("activities left: %d, %v", n, err)
	}
	_, _, err = s.FindOriginal(ctx, activityID)
	checkCode(tb, "the deleted user's original", err, rebound.ENOTFOUND)
	if rpes, err := s.FindRPEs(ctx); err != nil || len(rpes) != 0 {
		tb.Errorf("RPEs left: %v, %v", rpes, err)
	}
	if p, err := s.FindProfile(ctx); err != nil || p.WeightKg != 0 || p.Age != 0 {
		tb.Errorf("profile left: %+v, %v", p, err)
	}
	if cs, err := s.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC); err != nil || len(cs) != 0 {
		tb.Errorf("check-ins left: %d, %v", len(cs), err)
	}
	if shoes, err := s.FindShoes(ctx); err != nil || len(shoes) != 0 {
		tb.Errorf("shoes left: %+v, %v", shoes, err)
	}
	if ticks, err := s.FindAllTicks(ctx); err != nil || len(ticks) != 0 {
		tb.Errorf("ticks left: %+v, %v", ticks, err)
	}
	_, err = db.FindSession(ctx, sessionHash, time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC))
	checkCode(tb, "the deleted user's session", err, rebound.ENOTFOUND)
	_, err = db.FindToken(ctx, tokenHash)
	checkCode(tb, "the deleted user's token", err, rebound.ENOTFOUND)
	if coaches, err := db.FindCoaches(ctx, id); err != nil || len(coaches) != 0 {
		tb.Errorf("grants of the deleted user left: %v, %v", coaches, err)
	}
	if athletes, err := db.FindGrantedAthletes(ctx, id); err != nil || len(athletes) != 0 {
		tb.Errorf("grants to the deleted user left: %v, %v", athletes, err)
	}
}

// DeletableUser is a user with one of everything: data, a session, a
// token, a grant given and one received.
type DeletableUser struct {
	User                   *account.User
	Activity               *store.Activity
	SessionHash, TokenHash string
}

// MustCreateDeletableUser creates user name with one of everything
// (granting coach access, and granted access by other, when not nil).
func MustCreateDeletableUser(tb testing.TB, db store.Database, name string, coach, other *account.User) DeletableUser {
	tb.Helper()
	ctx := context.Background()
	u := mustUser(tb, db, name, account.Coach)
	d := DeletableUser{User: u, SessionHash: "session-" + name, TokenHash: "token-" + name}
	d.Activity = mustFill(tb, db.ForAthlete(u.ID), day)
	now := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	for _, err := range []error{
		db.CreateSession(ctx, account.Session{Hash: d.SessionHash, UserID: u.ID, CSRF: "c", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}),
		db.CreateToken(ctx, &account.Token{UserID: u.ID, Name: "script", Scope: account.ScopeAPI, Hash: d.TokenHash}),
	} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	if coach != nil {
		if err := db.Grant(ctx, u.ID, coach.ID); err != nil {
			tb.Fatal(err)
		}
	}
	if other != nil {
		if err := db.Grant(ctx, other.ID, u.ID); err != nil {
			tb.Fatal(err)
		}
	}
	return d
}

func testDeleteUser(t *testing.T, open dbOpener) {
	ctx := context.Background()
	t.Run("OKEverythingGoesOthersStay", func(t *testing.T) {
		db := open(t)
		coach := mustUser(t, db, "coach", account.Coach)
		bo := mustUser(t, db, "bo", account.Athlete)
		boRun := mustFill(t, db.ForAthlete(bo.ID), day) // the same file as Ana's: hashes are per athlete
		if err := db.Grant(ctx, bo.ID, coach.ID); err != nil {
			t.Fatal(err)
		}
		ana := MustCreateDeletableUser(t, db, "ana", coach, bo)
		boRev := MustRevision(t, db.ForAthlete(bo.ID))

		if err := db.DeleteUser(ctx, ana.User.ID); err != nil {
			t.Fatalf("DeleteUser: %v", err)
		}
		CheckDeletedUser(t, db, ana.User.ID, ana.Activity.ID, ana.SessionHash, ana.TokenHash)

		// Bo and the coach keep everything of theirs.
		sb := db.ForAthlete(bo.ID)
		checkActivity(t, boRun, MustFindActivityByID(t, sb, boRun.ID))
		if _, _, err := sb.FindOriginal(ctx, boRun.ID); err != nil {
			t.Errorf("Bo's original: %v", err)
		}
		if rpes, _ := sb.FindRPEs(ctx); rpes[boRun.ID] != 6 {
			t.Errorf("Bo's RPEs: %v", rpes)
		}
		if ticks, _ := sb.FindAllTicks(ctx); len(ticks) != 1 {
			t.Errorf("Bo's ticks: %v", ticks)
		}
		if athletes, err := db.FindGrantedAthletes(ctx, coach.ID); err != nil || !slices.Equal(athletes, []int64{bo.ID}) {
			t.Errorf("the coach's athletes: %v, %v; want Bo only", athletes, err)
		}
		if MustRevision(t, sb) != boRev {
			t.Error("deleting Ana changed Bo's revision")
		}
		if users, err := db.FindUsers(ctx); err != nil || len(users) != 2 {
			t.Errorf("users left: %d, %v; want Bo and the coach", len(users), err)
		}
		// A new user does not inherit anything, nor the ID.
		eve := mustUser(t, db, "ana", account.Athlete)
		if eve.ID == ana.User.ID {
			t.Errorf("a new user got the deleted user's ID %d", eve.ID)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := open(t)
		checkCode(t, "delete user 42", db.DeleteUser(ctx, 42), rebound.ENOTFOUND)
		u := mustUser(t, db, "ana", account.Athlete)
		if err := db.DeleteUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		checkCode(t, "delete twice", db.DeleteUser(ctx, u.ID), rebound.ENOTFOUND)
	})
}

// CheckFailedDeleteKeepsAll checks that a DeleteUser that fails at its
// last step (the engine's test makes the delete of the users row fail,
// with a trigger) deletes nothing: every kind of the user's data is
// still there.
func CheckFailedDeleteKeepsAll(tb testing.TB, db store.Database) {
	tb.Helper()
	ctx := context.Background()
	coach := mustUser(tb, db, "coach", account.Coach)
	ana := MustCreateDeletableUser(tb, db, "ana", coach, nil)
	if err := db.DeleteUser(ctx, ana.User.ID); err == nil {
		tb.Fatal("DeleteUser succeeded despite the refusing trigger")
	}
	s := db.ForAthlete(ana.User.ID)
	if _, err := db.FindUserByID(ctx, ana.User.ID); err != nil {
		tb.Errorf("user: %v", err)
	}
	checkActivity(tb, ana.Activity, MustFindActivityByID(tb, s, ana.Activity.ID))
	if _, _, err := s.FindOriginal(ctx, ana.Activity.ID); err != nil {
		tb.Errorf("original: %v", err)
	}
	rpes, _ := s.FindRPEs(ctx)
	p, _ := s.FindProfile(ctx)
	cs, _ := s.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC)
	shoes, _ := s.FindShoes(ctx)
	ticks, _ := s.FindAllTicks(ctx)
	coaches, _ := db.FindCoaches(ctx, ana.User.ID)
	if rpes[ana.Activity.ID] != 6 || p.WeightKg != 61 || len(cs) != 1 || len(shoes) != 1 || len(ticks) != 1 || len(coaches) != 1 {
		tb.Errorf("after a failed delete: RPEs %v, profile %+v, %d check-ins, %d shoes, %d ticks, coaches %v",
			rpes, p, len(cs), len(shoes), len(ticks), coaches)
	}
	if _, err := db.FindSession(ctx, ana.SessionHash, time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)); err != nil {
		tb.Errorf("session: %v", err)
	}
	if _, err := db.FindToken(ctx, ana.TokenHash); err != nil {
		tb.Errorf("token: %v", err)
	}
}

// Snapshot is everything of one athlete in a store, keyed so that two
// stores holding the same data compare equal whatever ids they gave it:
// activities (with their samples) and their originals by SHA-256, session
// RPEs by their activity's SHA-256.
type Snapshot struct {
	Profile    profile.Profile
	Activities map[string]*store.Activity // ID zeroed
	Originals  map[string][]byte          // decompressed; activities without one are absent
	RPEs       map[string]float64
	CheckIns   []recovery.CheckIn // oldest first, dates at midnight UTC
	Shoes      []store.Shoe
	Ticks      []store.Tick
}

// MustSnapshot reads the snapshot of s.
func MustSnapshot(tb testing.TB, s store.Store) *Snapshot {
	tb.Helper()
	ctx := context.Background()
	snap := &Snapshot{Activities: map[string]*store.Activity{}, Originals: map[string][]byte{}, RPEs: map[string]float64{}}
	var err error
	if snap.Profile, err = s.FindProfile(ctx); err != nil {
		tb.Fatal(err)
	}
	list, _, err := s.FindActivities(ctx, store.ActivityFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	rpes, err := s.FindRPEs(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, a := range list {
		full := MustFindActivityByID(tb, s, a.ID)
		if _, data, err := s.FindOriginal(ctx, a.ID); err == nil {
			snap.Originals[a.SHA256] = data
		} else if rebound.ErrorCode(err) != rebound.ENOTFOUND {
			tb.Fatal(err)
		}
		if v, ok := rpes[a.ID]; ok {
			snap.RPEs[a.SHA256] = v
		}
		full.ID = 0
		snap.Activities[a.SHA256] = full
	}
	if snap.CheckIns, err = s.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC); err != nil {
		tb.Fatal(err)
	}
	if snap.Shoes, err = s.FindShoes(ctx); err != nil {
		tb.Fatal(err)
	}
	if snap.Ticks, err = s.FindAllTicks(ctx); err != nil {
		tb.Fatal(err)
	}
	return snap
}

// DiffSnapshots returns the differences between two snapshots, "" when
// they hold the same data (activities compared as ActivityOptions say).
func DiffSnapshots(want, got *Snapshot) string {
	return cmp.Diff(want, got, ActivityOptions)
}
