package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// MustRevision returns s's revision, failing tb on an error.
func MustRevision(tb testing.TB, s store.Store) int64 {
	tb.Helper()
	rev, err := s.Revision(context.Background())
	if err != nil {
		tb.Fatalf("Revision: %v", err)
	}
	return rev
}

// revisionCheckIn is a check-in of day d for the revision tests.
func revisionCheckIn(d time.Time, quads float64) recovery.CheckIn {
	return recovery.CheckIn{Date: d, Soreness: map[recovery.Muscle]float64{recovery.Quads: quads},
		SleepH: 7, SleepQuality: 3, Stress: 2, RestingHR: 50, HRVms: 60, Symptoms: []string{}}
}

func testRevision(t *testing.T, open dbOpener) {
	ctx := context.Background()
	checkInDay := time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)

	t.Run("ZeroBeforeFirstWrite", func(t *testing.T) {
		db := open(t)
		ana := mustUser(t, db, "ana", account.Athlete)
		if rev := MustRevision(t, db.ForAthlete(ana.ID)); rev != 0 {
			t.Errorf("revision of a new athlete = %d, want 0", rev)
		}
	})

	t.Run("EveryHistoryWriteChangesItForThatAthleteOnly", func(t *testing.T) {
		db := open(t)
		ana, bo := mustUser(t, db, "ana", account.Athlete), mustUser(t, db, "bo", account.Athlete)
		sa, sb := db.ForAthlete(ana.ID), db.ForAthlete(bo.ID)
		// Bo has data of his own, so that a bump by athlete-blind SQL
		// would show.
		MustCreateActivity(t, sb, NewActivity(day, activity.Running))

		var run, other *store.Activity
		for _, w := range []struct {
			name  string
			write func() error
		}{
			{"SaveProfile/Create", func() error { return sa.SaveProfile(ctx, profile.Profile{WeightKg: 61}) }},
			{"SaveProfile/Replace", func() error { return sa.SaveProfile(ctx, profile.Profile{WeightKg: 60.5}) }},
			{"CreateActivity", func() error {
				run = NewActivity(day, activity.Running)
				return sa.CreateActivity(ctx, run)
			}},
			{"CreateActivity/Manual", func() error {
				other = NewManualActivity(day.Add(48*time.Hour), activity.Running)
				return sa.CreateActivity(ctx, other)
			}},
			{"UpdateActivityGear", func() error { return sa.UpdateActivityGear(ctx, run.ID, "Trail shoe") }},
			{"UpdateActivity/Name", func() error {
				return sa.UpdateActivity(ctx, run.ID, store.ActivityEdit{Name: ptr("Club 10k")})
			}},
			{"UpdateActivity/Kind", func() error {
				return sa.UpdateActivity(ctx, run.ID, store.ActivityEdit{Kind: ptr(recovery.Race)})
			}},
			{"UpdateActivity/Note", func() error {
				return sa.UpdateActivity(ctx, run.ID, store.ActivityEdit{Note: ptr("Windy.")})
			}},
			{"UpdateActivityName", func() error { return sa.UpdateActivityName(ctx, run.ID, "Lunch Run") }},
			{"SaveRPE/Create", func() error { return sa.SaveRPE(ctx, run.ID, 6) }},
			{"SaveRPE/Replace", func() error { return sa.SaveRPE(ctx, run.ID, 7) }},
			{"SaveCheckIn/Create", func() error { return sa.SaveCheckIn(ctx, revisionCheckIn(checkInDay, 5)) }},
			{"SaveCheckIn/Replace", func() error { return sa.SaveCheckIn(ctx, revisionCheckIn(checkInDay, 3)) }},
			{"MergeCheckIn/Create", func() error {
				_, _, err := sa.MergeCheckIn(ctx, revisionCheckIn(checkInDay.AddDate(0, 0, 1), 4), nil)
				return err
			}},
			{"MergeCheckIn/MergeWithRPE", func() error {
				_, _, err := sa.MergeCheckIn(ctx, revisionCheckIn(checkInDay.AddDate(0, 0, 1), 2), []store.RPEChange{{ActivityID: run.ID, RPE: 5}})
				return err
			}},
			{"SaveShoe/Create", func() error { return sa.SaveShoe(ctx, store.Shoe{Name: "Pegasus", LimitKm: 600}) }},
			{"SaveShoe/Update", func() error { return sa.SaveShoe(ctx, store.Shoe{Name: "pegasus", LimitKm: 700}) }},
			{"SaveShoe/Retire", func() error {
				return sa.SaveShoe(ctx, store.Shoe{Name: "Pegasus", LimitKm: 700, Retired: true})
			}},
			{"SaveShoe/Default", func() error { return sa.SaveShoe(ctx, store.Shoe{Name: "Trail shoe", Default: true}) }},
			{"DeleteActivity/WithRPE", func() error { return sa.DeleteActivity(ctx, run.ID) }},
			{"DeleteActivity/Manual", func() error { return sa.DeleteActivity(ctx, other.ID) }},
		} {
			before, boBefore := MustRevision(t, sa), MustRevision(t, sb)
			if err := w.write(); err != nil {
				t.Fatalf("%s: %v", w.name, err)
			}
			if after := MustRevision(t, sa); after == before {
				t.Errorf("%s: revision still %d", w.name, after)
			}
			if after := MustRevision(t, sb); after != boBefore {
				t.Errorf("%s by Ana: Bo's revision %d -> %d", w.name, boBefore, after)
			}
		}
	})

	t.Run("FailedAndUnrelatedWritesKeepIt", func(t *testing.T) {
		db := open(t)
		ana, bo := mustUser(t, db, "ana", account.Athlete), mustUser(t, db, "bo", account.Athlete)
		sa, sb := db.ForAthlete(ana.ID), db.ForAthlete(bo.ID)
		run := MustCreateActivity(t, sa, NewActivity(day, activity.Running))
		before := MustRevision(t, sa)

		noHash := NewActivity(day.Add(72*time.Hour), activity.Running)
		noHash.SHA256 = ""
		nearby := NewActivity(day.Add(30*time.Second), activity.Running) // another file of the same run
		for _, w := range []struct {
			name  string
			write func() error
			code  string // the error it must return; "" for none
		}{
			{"CreateActivity/ErrConflictHash", func() error {
				return sa.CreateActivity(ctx, NewActivity(day, activity.Running))
			}, rebound.ECONFLICT},
			{"CreateActivity/ErrConflictNearby", func() error { return sa.CreateActivity(ctx, nearby) }, rebound.ECONFLICT},
			{"CreateActivity/ErrInvalid", func() error { return sa.CreateActivity(ctx, noHash) }, rebound.EINVALID},
			{"UpdateActivityGear/ErrNotFound", func() error { return sa.UpdateActivityGear(ctx, 999999, "x") }, rebound.ENOTFOUND},
			{"UpdateActivity/ErrNotFound", func() error {
				return sa.UpdateActivity(ctx, 999999, store.ActivityEdit{Name: ptr("x")})
			}, rebound.ENOTFOUND},
			{"UpdateActivity/ErrInvalid", func() error {
				return sa.UpdateActivity(ctx, run.ID, store.ActivityEdit{Kind: ptr(recovery.Kind("fast"))})
			}, rebound.EINVALID},
			{"UpdateActivityName/ErrNotFound", func() error { return sa.UpdateActivityName(ctx, 999999, "x") }, rebound.ENOTFOUND},
			{"Bo/UpdateActivity", func() error {
				return sb.UpdateActivity(ctx, run.ID, store.ActivityEdit{Name: ptr("x")})
			}, rebound.ENOTFOUND},
			{"Bo/UpdateActivityName", func() error { return sb.UpdateActivityName(ctx, run.ID, "x") }, rebound.ENOTFOUND},
			{"DeleteActivity/ErrNotFound", func() error { return sa.DeleteActivity(ctx, 999999) }, rebound.ENOTFOUND},
			{"SaveRPE/ErrNotFound", func() error { return sa.SaveRPE(ctx, 999999, 5) }, rebound.ENOTFOUND},
			{"SaveRPE/ErrInvalid", func() error { return sa.SaveRPE(ctx, run.ID, 11) }, rebound.EINVALID},
			{"SaveCheckIn/ErrInvalid", func() error {
				return sa.SaveCheckIn(ctx, revisionCheckIn(checkInDay, NaN))
			}, rebound.EINVALID},
			{"SaveShoe/ErrInvalid", func() error { return sa.SaveShoe(ctx, store.Shoe{}) }, rebound.EINVALID},
			// Bo cannot reach Ana's run.
			{"Bo/UpdateActivityGear", func() error { return sb.UpdateActivityGear(ctx, run.ID, "x") }, rebound.ENOTFOUND},
			{"Bo/SaveRPE", func() error { return sb.SaveRPE(ctx, run.ID, 3) }, rebound.ENOTFOUND},
			{"Bo/DeleteActivity", func() error { return sb.DeleteActivity(ctx, run.ID) }, rebound.ENOTFOUND},
			// Not part of the history.
			{"SetTick", func() error { return sa.SetTick(ctx, "2026-09-07", "refuel", true, day) }, ""},
			{"SetTick/Untick", func() error { return sa.SetTick(ctx, "2026-09-07", "refuel", false, day) }, ""},
			{"CreateSession", func() error {
				return db.CreateSession(ctx, account.Session{Hash: "h-ana", UserID: ana.ID, CSRF: "c",
					CreatedAt: day, ExpiresAt: day.Add(time.Hour)})
			}, ""},
			{"Grant", func() error { return db.Grant(ctx, ana.ID, bo.ID) }, ""},
			// Bo's own writes.
			{"Bo/SaveProfile", func() error { return sb.SaveProfile(ctx, profile.Profile{WeightKg: 80}) }, ""},
			{"Bo/CreateActivity", func() error { return sb.CreateActivity(ctx, NewActivity(day, activity.Running)) }, ""},
			{"Bo/SaveCheckIn", func() error { return sb.SaveCheckIn(ctx, revisionCheckIn(checkInDay, 2)) }, ""},
			{"Bo/SaveShoe", func() error { return sb.SaveShoe(ctx, store.Shoe{Name: "Pegasus", Default: true}) }, ""},
		} {
			err := w.write()
			if w.code == "" && err != nil {
				t.Fatalf("%s: %v", w.name, err)
			}
			if w.code != "" {
				checkCode(t, w.name, err, w.code)
			}
			if after := MustRevision(t, sa); after != before {
				t.Errorf("%s: Ana's revision %d -> %d", w.name, before, after)
			}
		}
		if n := MustCount(t, sa); n != 1 {
			t.Errorf("Ana has %d activities after the failed creates, want 1", n)
		}
	})

	t.Run("SeenByAnotherHandle", func(t *testing.T) {
		// The local runner's store and ForAthlete(LocalAthleteID) share
		// the revision, as two app servers would.
		db := open(t)
		local := db.ForAthlete(store.LocalAthleteID)
		before := MustRevision(t, local)
		if err := db.SaveCheckIn(ctx, revisionCheckIn(checkInDay, 4)); err != nil {
			t.Fatal(err)
		}
		if after := MustRevision(t, local); after == before {
			t.Errorf("a check-in through the database's own store left ForAthlete's revision at %d", after)
		}
	})
}

// CheckFailedCreateKeepsRevision creates an activity in s, which the
// caller has rigged to fail part-way through CreateActivity's transaction
// (after the activity's row is inserted, e.g. with a trigger that refuses
// its original), and fails tb unless the create fails, stores nothing and
// leaves s's revision as it was: the revision's bump rolls back with the
// write. Engines call it from their own tests, since only they can rig
// a failure.
func CheckFailedCreateKeepsRevision(tb testing.TB, s store.Store) {
	tb.Helper()
	ctx := context.Background()
	MustCreateActivity(tb, s, NewManualActivity(day.Add(-48*time.Hour), activity.Running))
	before, count := MustRevision(tb, s), MustCount(tb, s)
	a := NewActivity(day, activity.Running)
	if err := s.CreateActivity(ctx, a); err == nil {
		tb.Fatalf("CreateActivity succeeded (activity %d): the store was rigged to fail it", a.ID)
	}
	if n := MustCount(tb, s); n != count {
		tb.Errorf("%d activities after the failed create, want %d", n, count)
	}
	if after := MustRevision(tb, s); after != before {
		tb.Errorf("revision %d -> %d after a create that rolled back", before, after)
	}
}

// CheckRevisionAcrossHandles creates an activity through first and fails
// tb unless second, another handle on the same database (another process
// or app server), reads a new revision. Engines call it from their own
// tests, since only they can open two handles on one database.
func CheckRevisionAcrossHandles(tb testing.TB, first, second store.Store) {
	tb.Helper()
	before := MustRevision(tb, second)
	MustCreateActivity(tb, first, NewActivity(day, activity.Running))
	if after := MustRevision(tb, second); after == before {
		tb.Errorf("a create through the first handle left the second's revision at %d", after)
	}
}
