// Package storetest is the one behaviour suite that every store engine
// (store/sqlite and store/postgres) must pass, plus small typed
// builders for its fixtures. An engine's test calls Run with a function
// that opens a new, empty store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(tb testing.TB) store.Database { return MustOpenDB(tb) })
//	}
//
// The subtests are named by outcome (Activity/Create/OK,
// Activity/Create/ErrConflictHash, ...), so `go test -run` can pick one.
// The suite checks only what store.Store documents, plus the resolutions
// of SampleEqual.
package storetest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/store"
)

// ActivityOptions are the go-cmp options the suite compares activities
// with: NaN equals NaN, times within a millisecond (and in any zone), nil
// and empty slices alike, samples by SampleEqual, and Original ignored
// (the Find methods leave it nil; FindOriginal is tested on its own).
var ActivityOptions = cmp.Options{
	cmpopts.EquateNaNs(),
	cmpopts.EquateApproxTime(time.Millisecond),
	cmpopts.EquateEmpty(),
	cmp.Comparer(SampleEqual),
	cmpopts.IgnoreFields(store.Activity{}, "Original"),
}

// day is the start of the fixtures' first day, in a zone other than UTC
// so that engines must not depend on the zone of what they are given.
var day = time.Date(2024, 5, 4, 6, 30, 0, 0, time.FixedZone("CEST", 2*3600))

// Run runs the suite. open must return a new, empty store each time it is
// called (once per subtest); Run closes it when the subtest ends and fails
// the subtest if Close returns an error.
func Run(t *testing.T, open func(tb testing.TB) store.Database) {
	dbOpener := func(tb testing.TB) store.Database {
		tb.Helper()
		s := open(tb)
		tb.Cleanup(func() {
			if err := s.Close(); err != nil {
				tb.Errorf("Close: %v", err)
			}
		})
		return s
	}
	opener := func(tb testing.TB) store.Store { return dbOpener(tb) }
	t.Run("Activity", func(t *testing.T) {
		t.Run("Create", func(t *testing.T) { testCreate(t, opener) })
		t.Run("FindByID", func(t *testing.T) { testFindByID(t, opener) })
		t.Run("Find", func(t *testing.T) { testFind(t, opener) })
		t.Run("HasHash", func(t *testing.T) { testHasHash(t, opener) })
		t.Run("Original", func(t *testing.T) { testOriginal(t, opener) })
		t.Run("Samples", func(t *testing.T) { testSamples(t, opener) })
		t.Run("UpdateGear", func(t *testing.T) { testUpdateGear(t, opener) })
		t.Run("UpdateAnalysis", func(t *testing.T) { testUpdateAnalysis(t, opener) })
		t.Run("Edit", func(t *testing.T) { testEdit(t, opener) })
		t.Run("FindDuplicate", func(t *testing.T) { testFindDuplicate(t, opener) })
		t.Run("Delete", func(t *testing.T) { testDelete(t, opener) })
		t.Run("Concurrent", func(t *testing.T) { testConcurrent(t, opener) })
	})
	t.Run("Profile", func(t *testing.T) { testProfile(t, opener) })
	t.Run("CheckIn", func(t *testing.T) { testCheckIn(t, opener) })
	t.Run("MergeCheckIn", func(t *testing.T) { testMergeCheckIn(t, opener) })
	t.Run("RPE", func(t *testing.T) { testRPE(t, opener) })
	t.Run("Gear", func(t *testing.T) { testGear(t, opener) })
	t.Run("Ticks", func(t *testing.T) { testTicks(t, opener) })
	t.Run("AllTicks", func(t *testing.T) { testAllTicks(t, dbOpener) })
	t.Run("Users", func(t *testing.T) { testUsers(t, dbOpener) })
	t.Run("Sessions", func(t *testing.T) { testSessions(t, dbOpener) })
	t.Run("Tokens", func(t *testing.T) { testTokens(t, dbOpener) })
	t.Run("Grants", func(t *testing.T) { testGrants(t, dbOpener) })
	t.Run("DeleteUser", func(t *testing.T) { testDeleteUser(t, dbOpener) })
	t.Run("AthleteIsolation", func(t *testing.T) { testIsolation(t, dbOpener) })
	t.Run("Revision", func(t *testing.T) { testRevision(t, dbOpener) })
}

type opener = func(tb testing.TB) store.Store

// checkCode fails unless err carries the domain error code want.
func checkCode(tb testing.TB, what string, err error, want string) {
	tb.Helper()
	if got := rebound.ErrorCode(err); got != want {
		tb.Fatalf("%s: error code %q (err %v), want %q", what, got, err, want)
	}
}

// checkActivity fails unless got matches want under ActivityOptions.
func checkActivity(tb testing.TB, want, got *store.Activity) {
	tb.Helper()
	if diff := cmp.Diff(want, got, ActivityOptions); diff != "" {
		tb.Errorf("activity %d mismatch (-want +got):\n%s", want.ID, diff)
	}
}

func testCreate(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		if a.ID <= 0 {
			t.Fatalf("ID = %d after create, want > 0", a.ID)
		}
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
	})

	t.Run("OKDistinctIDs", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		b := MustCreateActivity(t, s, NewActivity(day.Add(24*time.Hour), activity.Running))
		if a.ID == b.ID {
			t.Fatalf("two activities share ID %d", a.ID)
		}
	})

	t.Run("OKManualNoSamplesNoOriginal", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewManualActivity(day, activity.Running))
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
	})

	t.Run("OKEverySummaryField", func(t *testing.T) {
		// Every field of Summary and Totals, filled by reflection, set
		// and then absent, must survive.
		s := open(t)
		for i, v := range []float64{0, NaN} {
			a := NewActivity(day.Add(time.Duration(i)*24*time.Hour), activity.Running)
			a.Summary = FillSummary(v)
			totals := FillTotals(v)
			a.DeviceTotals = &totals
			a.Laps = []activity.Lap{{Start: a.Start, Totals: FillTotals(v)}}
			MustCreateActivity(t, s, a)
			checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
		}
	})

	t.Run("OKMultisportLegs", func(t *testing.T) {
		s := open(t)
		a := NewActivity(day, activity.Cycling)
		a.Legs = []activity.Sport{activity.Swimming, activity.Cycling, activity.Running}
		MustCreateActivity(t, s, a)
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
	})

	t.Run("OKImportedAtDefaultsToNow", func(t *testing.T) {
		s := open(t)
		a := NewActivity(day, activity.Running)
		a.ImportedAt = time.Time{}
		before := time.Now()
		MustCreateActivity(t, s, a)
		got := MustFindActivityByID(t, s, a.ID).ImportedAt
		if got.Before(before.Add(-time.Second)) || got.After(time.Now().Add(time.Second)) {
			t.Errorf("ImportedAt = %v, want about %v", got, before)
		}
	})

	for _, tt := range []struct {
		name   string
		change func(a *store.Activity)
	}{
		{"ErrInvalidNoActivity", func(a *store.Activity) { a.Activity = nil }},
		{"ErrInvalidNoHash", func(a *store.Activity) { a.SHA256 = "" }},
		{"ErrInvalidOriginalNotZstd", func(a *store.Activity) { a.Original = []byte("plain FIT bytes") }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			a := NewActivity(day, activity.Running)
			tt.change(a)
			err := s.CreateActivity(context.Background(), a)
			checkCode(t, "CreateActivity", err, rebound.EINVALID)
			if n := MustCount(t, s); n != 0 {
				t.Errorf("count = %d after a failed create, want 0", n)
			}
		})
	}

	t.Run("ErrConflictHash", func(t *testing.T) {
		s := open(t)
		first := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		dup := NewActivity(day.Add(48*time.Hour), activity.Cycling)
		dup.SHA256 = first.SHA256
		err := s.CreateActivity(context.Background(), dup)
		checkCode(t, "create with a known hash", err, rebound.ECONFLICT)
		if msg, want := rebound.ErrorMessage(err), fmt.Sprintf("activity %d", first.ID); !strings.Contains(msg, want) {
			t.Errorf("message %q does not name %q", msg, want)
		}
		checkNothingStored(t, s, dup, 1)
	})

	t.Run("ErrConflictSameSportWithinMinute", func(t *testing.T) {
		s := open(t)
		first := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		for _, d := range []time.Duration{0, 59 * time.Second, -59 * time.Second, store.DuplicateWindow - time.Millisecond} {
			dup := NewActivity(day.Add(d), activity.Running)
			dup.SHA256 = strings.Repeat("0", 63) + "1"
			err := s.CreateActivity(context.Background(), dup)
			checkCode(t, fmt.Sprintf("create %v after a run", d), err, rebound.ECONFLICT)
			if msg, want := rebound.ErrorMessage(err), fmt.Sprintf("activity %d", first.ID); !strings.Contains(msg, want) {
				t.Errorf("message %q does not name %q", msg, want)
			}
			checkNothingStored(t, s, dup, 1)
			if ok, err := s.HasActivityHash(context.Background(), dup.SHA256); ok || err != nil {
				t.Errorf("HasActivityHash(rejected) = %v, %v; want false, nil", ok, err)
			}
		}
	})

	t.Run("OKSameSportOneMinuteApart", func(t *testing.T) {
		s := open(t)
		MustCreateActivity(t, s, NewActivity(day, activity.Running))
		MustCreateActivity(t, s, NewActivity(day.Add(store.DuplicateWindow), activity.Running))
		MustCreateActivity(t, s, NewActivity(day.Add(-store.DuplicateWindow), activity.Running))
		if n := MustCount(t, s); n != 3 {
			t.Errorf("count = %d, want 3", n)
		}
	})

	t.Run("OKDifferentSportSameTime", func(t *testing.T) {
		s := open(t)
		MustCreateActivity(t, s, NewActivity(day, activity.Running))
		b := MustCreateActivity(t, s, NewActivity(day, activity.Cycling))
		checkActivity(t, b, MustFindActivityByID(t, s, b.ID))
		if n := MustCount(t, s); n != 2 {
			t.Errorf("count = %d, want 2", n)
		}
	})
}

// checkNothingStored fails unless a failed create left the store with n
// activities and a.ID unset.
func checkNothingStored(tb testing.TB, s store.Store, a *store.Activity, n int) {
	tb.Helper()
	if got := MustCount(tb, s); got != n {
		tb.Errorf("count = %d after a failed create, want %d", got, n)
	}
	if a.ID != 0 {
		tb.Errorf("ID = %d after a failed create, want 0", a.ID)
	}
}

func testFindByID(t *testing.T, open opener) {
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		_, err := s.FindActivityByID(context.Background(), 1)
		checkCode(t, "find in an empty store", err, rebound.ENOTFOUND)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		_, err = s.FindActivityByID(context.Background(), a.ID+1)
		checkCode(t, "find an unknown ID", err, rebound.ENOTFOUND)
	})
}

// createDays creates one run a day for n days from day and returns them
// in creation (oldest first) order.
func createDays(tb testing.TB, s store.Store, n int) []*store.Activity {
	tb.Helper()
	var out []*store.Activity
	for i := range n {
		sport := activity.Running
		if i%2 == 1 {
			sport = activity.Cycling
		}
		out = append(out, MustCreateActivity(tb, s, NewActivity(day.AddDate(0, 0, i), sport)))
	}
	return out
}

// withoutSamples returns copies of as with no samples, as FindActivities
// returns them, newest first.
func withoutSamples(as ...*store.Activity) []*store.Activity {
	var out []*store.Activity
	for i := len(as) - 1; i >= 0; i-- {
		a := *as[i]
		act := *a.Activity
		act.Samples = nil
		a.Activity = &act
		out = append(out, &a)
	}
	return out
}

func testFind(t *testing.T, open opener) {
	find := func(tb testing.TB, s store.Store, f store.ActivityFilter, want []*store.Activity, wantTotal int) {
		tb.Helper()
		got, total, err := s.FindActivities(context.Background(), f)
		if err != nil {
			tb.Fatalf("FindActivities: %v", err)
		}
		if total != wantTotal {
			tb.Errorf("total = %d, want %d", total, wantTotal)
		}
		if diff := cmp.Diff(want, got, ActivityOptions); diff != "" {
			tb.Errorf("FindActivities mismatch (-want +got):\n%s", diff)
		}
		for _, a := range got {
			if len(a.Samples) != 0 || a.Original != nil {
				tb.Errorf("activity %d: %d samples and %d original bytes, want none", a.ID, len(a.Samples), len(a.Original))
			}
		}
	}

	t.Run("Empty", func(t *testing.T) {
		s := open(t)
		find(t, s, store.ActivityFilter{}, nil, 0)
	})

	t.Run("NewestFirstWithoutSamples", func(t *testing.T) {
		s := open(t)
		as := createDays(t, s, 3)
		find(t, s, store.ActivityFilter{}, withoutSamples(as...), 3)
	})

	t.Run("SinceFilterNewestFirst", func(t *testing.T) {
		s := open(t)
		as := createDays(t, s, 5)
		since := as[2].Start // inclusive
		find(t, s, store.ActivityFilter{Since: &since}, withoutSamples(as[2:]...), 3)
	})

	t.Run("UntilFilterExclusive", func(t *testing.T) {
		s := open(t)
		as := createDays(t, s, 5)
		until := as[2].Start // exclusive
		find(t, s, store.ActivityFilter{Until: &until}, withoutSamples(as[:2]...), 2)
	})

	t.Run("SinceUntilSport", func(t *testing.T) {
		s := open(t)
		as := createDays(t, s, 6) // runs on days 0, 2, 4
		since, until, sport := as[1].Start, as[5].Start, activity.Running
		find(t, s, store.ActivityFilter{Since: &since, Until: &until, Sport: &sport},
			withoutSamples(as[2], as[4]), 2)
	})

	t.Run("ErrInvalidNegative", func(t *testing.T) {
		s := open(t)
		for _, f := range []store.ActivityFilter{{Offset: -1}, {Limit: -1}} {
			_, _, err := s.FindActivities(context.Background(), f)
			checkCode(t, fmt.Sprintf("FindActivities(%+v)", f), err, rebound.EINVALID)
		}
	})

	t.Run("LimitOffsetTotal", func(t *testing.T) {
		s := open(t)
		as := createDays(t, s, 5)
		newest := withoutSamples(as...)
		find(t, s, store.ActivityFilter{Limit: 2}, newest[:2], 5)
		find(t, s, store.ActivityFilter{Offset: 1, Limit: 2}, newest[1:3], 5)
		find(t, s, store.ActivityFilter{Offset: 3}, newest[3:], 5)
		find(t, s, store.ActivityFilter{Offset: 5, Limit: 2}, nil, 5)
		sport := activity.Cycling // days 1 and 3
		find(t, s, store.ActivityFilter{Sport: &sport, Limit: 1}, newest[1:2], 2)
	})
}

func testHasHash(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		for hash, want := range map[string]bool{a.SHA256: true, strings.Repeat("ab", 32): false, "": false} {
			got, err := s.HasActivityHash(context.Background(), hash)
			if err != nil || got != want {
				t.Errorf("HasActivityHash(%q) = %v, %v; want %v, nil", hash, got, err, want)
			}
		}
	})
}

func testOriginal(t *testing.T, open opener) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		a := NewActivity(day, activity.Running)
		data := bytes.Repeat([]byte("\x0e\x10\x43\x08.FIT record\x00\xff"), 10000)
		a.Original = Compress(data)
		MustCreateActivity(t, s, a)
		b := MustCreateActivity(t, s, NewActivity(day.Add(time.Hour), activity.Running))

		name, got, err := s.FindOriginal(context.Background(), a.ID)
		if err != nil {
			t.Fatalf("FindOriginal: %v", err)
		}
		if name != a.SourceFile || !bytes.Equal(got, data) {
			t.Errorf("FindOriginal = %q, %d bytes; want %q, %d bytes", name, len(got), a.SourceFile, len(data))
		}
		if _, got, err = s.FindOriginal(context.Background(), b.ID); err != nil || !bytes.Equal(got, OriginalBytes(b)) {
			t.Errorf("FindOriginal(second) = %q, %v; want %q", got, err, OriginalBytes(b))
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		_, _, err := s.FindOriginal(context.Background(), 1)
		checkCode(t, "original of an unknown activity", err, rebound.ENOTFOUND)
	})

	t.Run("ErrNotFoundWithoutOriginal", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewManualActivity(day, activity.Running))
		_, _, err := s.FindOriginal(context.Background(), a.ID)
		checkCode(t, "original of a manual activity", err, rebound.ENOTFOUND)
	})
}

func testSamples(t *testing.T, open opener) {
	t.Run("RoundTrip", func(t *testing.T) {
		// An hour of samples off the storage grid, with gaps, starting in
		// a zone other than UTC, comes back within SampleEqual.
		s := open(t)
		a := NewActivity(day, activity.Trail)
		a.Samples = NewSamples(day, 3600)
		MustCreateActivity(t, s, a)
		got := MustFindActivityByID(t, s, a.ID)
		if diff := cmp.Diff(a.Samples, got.Samples, ActivityOptions); diff != "" {
			t.Errorf("samples mismatch (-want +got):\n%s", diff)
		}
	})

	t.Run("RoundTripAllAbsent", func(t *testing.T) {
		s := open(t)
		a := NewActivity(day, activity.Treadmill)
		a.Samples = []activity.Sample{activity.NewSample(day), activity.NewSample(day.Add(time.Second))}
		MustCreateActivity(t, s, a)
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
	})
}

func testUpdateGear(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		b := MustCreateActivity(t, s, NewActivity(day.Add(time.Hour), activity.Running))
		for _, gear := range []string{"Speedgoat 5", ""} {
			if err := s.UpdateActivityGear(context.Background(), a.ID, gear); err != nil {
				t.Fatalf("UpdateActivityGear(%q): %v", gear, err)
			}
			a.Gear = gear
			checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
		}
		checkActivity(t, b, MustFindActivityByID(t, s, b.ID)) // untouched
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		err := s.UpdateActivityGear(context.Background(), 1, "Speedgoat 5")
		checkCode(t, "update gear of an unknown activity", err, rebound.ENOTFOUND)
	})
}

func testDelete(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		b := MustCreateActivity(t, s, NewActivity(day.Add(time.Hour), activity.Running))
		if err := s.DeleteActivity(context.Background(), a.ID); err != nil {
			t.Fatalf("DeleteActivity: %v", err)
		}
		_, err := s.FindActivityByID(context.Background(), a.ID)
		checkCode(t, "find a deleted activity", err, rebound.ENOTFOUND)
		_, _, err = s.FindOriginal(context.Background(), a.ID)
		checkCode(t, "original of a deleted activity", err, rebound.ENOTFOUND)
		if ok, err := s.HasActivityHash(context.Background(), a.SHA256); ok || err != nil {
			t.Errorf("HasActivityHash(deleted) = %v, %v; want false, nil", ok, err)
		}
		if n := MustCount(t, s); n != 1 {
			t.Errorf("count = %d after delete, want 1", n)
		}
		checkActivity(t, b, MustFindActivityByID(t, s, b.ID))
	})

	t.Run("OKReimportAfterDelete", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		if err := s.DeleteActivity(context.Background(), a.ID); err != nil {
			t.Fatalf("DeleteActivity: %v", err)
		}
		again := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		if again.ID == a.ID {
			t.Errorf("re-imported activity reuses deleted ID %d", a.ID)
		}
		checkActivity(t, again, MustFindActivityByID(t, s, again.ID))
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		err := s.DeleteActivity(context.Background(), 1)
		checkCode(t, "delete an unknown activity", err, rebound.ENOTFOUND)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		if err := s.DeleteActivity(context.Background(), a.ID); err != nil {
			t.Fatalf("DeleteActivity: %v", err)
		}
		err = s.DeleteActivity(context.Background(), a.ID)
		checkCode(t, "delete twice", err, rebound.ENOTFOUND)
	})
}

func testConcurrent(t *testing.T, open opener) {
	t.Run("OneWriterManyReaders", func(t *testing.T) {
		// The way Rebound uses a store: one goroutine importing while
		// others read. Nothing may fail; readers see whole activities.
		s := open(t)
		const n, readers = 40, 4
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var wg sync.WaitGroup
		errs := make(chan error, readers+1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer cancel()
			for i := range n {
				a := NewActivity(day.Add(time.Duration(i)*time.Hour), activity.Running)
				a.Samples = NewSamples(a.Start, 600)
				if err := s.CreateActivity(ctx, a); err != nil {
					errs <- fmt.Errorf("create %d: %w", i, err)
					return
				}
			}
		}()
		for range readers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					as, total, err := s.FindActivities(ctx, store.ActivityFilter{Limit: 5})
					if err != nil {
						if ctx.Err() == nil { // not merely cut short when the writer ended
							errs <- fmt.Errorf("find: %w", err)
						}
						return
					}
					if len(as) > total {
						errs <- fmt.Errorf("find: %d activities but total %d", len(as), total)
						return
					}
					for _, a := range as {
						b, err := s.FindActivityByID(ctx, a.ID)
						if err != nil {
							if ctx.Err() == nil {
								errs <- fmt.Errorf("find %d: %w", a.ID, err)
							}
							return
						}
						if len(b.Samples) != 600 {
							errs <- fmt.Errorf("find %d: %d samples, want 600", a.ID, len(b.Samples))
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if got := MustCount(t, s); got != n {
			t.Errorf("count = %d, want %d", got, n)
		}
	})
}

func testProfile(t *testing.T, open opener) {
	t.Run("Empty", func(t *testing.T) {
		s := open(t)
		p, err := s.FindProfile(context.Background())
		if err != nil {
			t.Fatalf("FindProfile: %v", err)
		}
		if diff := cmp.Diff(profile.Profile{}, p, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("profile of an empty store (-want +got):\n%s", diff)
		}
	})

	t.Run("ErrInvalidNaN", func(t *testing.T) {
		s := open(t)
		err := s.SaveProfile(context.Background(), profile.Profile{WeightKg: NaN})
		checkCode(t, "SaveProfile(NaN weight)", err, rebound.EINVALID)
	})

	t.Run("SaveFind", func(t *testing.T) {
		s := open(t)
		for _, p := range []profile.Profile{
			{WeightKg: 61.5, Age: 38, Sex: profile.Female, RestingHR: 48, MaxHR: 186, Units: profile.Metric,
				Timezone: "Europe/Paris", Conditions: []string{"achilles tendinopathy"}, Equipment: []string{"foam roller", "sauna"}},
			{Age: 52, Units: profile.Imperial}, // replaces every field, not merges
		} {
			if err := s.SaveProfile(context.Background(), p); err != nil {
				t.Fatalf("SaveProfile: %v", err)
			}
			got, err := s.FindProfile(context.Background())
			if err != nil {
				t.Fatalf("FindProfile: %v", err)
			}
			if diff := cmp.Diff(p, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("profile (-saved +found):\n%s", diff)
			}
		}
	})
}
