package storetest

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// mergeLoc is the zone of the merge tests' days.
var mergeLoc = time.FixedZone("UTC-5", -5*3600)

// sparseCheckIn is a check-in of d that gives only the soreness of one
// muscle group.
func sparseCheckIn(d time.Time, m recovery.Muscle, v float64) recovery.CheckIn {
	return recovery.CheckIn{Date: d, Soreness: map[recovery.Muscle]float64{m: v}, SleepH: math.NaN(),
		SleepQuality: math.NaN(), Stress: math.NaN(), RestingHR: math.NaN(), HRVms: math.NaN(), Symptoms: []string{}}
}

func mustMerge(tb testing.TB, s store.Store, c recovery.CheckIn, rpes ...store.RPEChange) (recovery.CheckIn, bool) {
	tb.Helper()
	got, created, err := s.MergeCheckIn(context.Background(), c, rpes)
	if err != nil {
		tb.Fatalf("MergeCheckIn: %v", err)
	}
	return got, created
}

func mustCheckIns(tb testing.TB, s store.Store) []recovery.CheckIn {
	tb.Helper()
	cs, err := s.FindCheckIns(context.Background(), time.Time{}, time.Time{}, mergeLoc)
	if err != nil {
		tb.Fatal(err)
	}
	return cs
}

func testMergeCheckIn(t *testing.T, open opener) {
	ctx := context.Background()
	d := time.Date(2026, 3, 2, 0, 0, 0, 0, mergeLoc)
	opts := cmp.Options{cmpopts.EquateNaNs(), cmpopts.EquateEmpty()}

	t.Run("FirstCreates", func(t *testing.T) {
		s := open(t)
		c := sparseCheckIn(d, recovery.Quads, 4)
		c.SleepH = 7.5
		got, created := mustMerge(t, s, c)
		if !created {
			t.Error("the day's first check-in: created false")
		}
		if diff := cmp.Diff(c, got, opts); diff != "" {
			t.Errorf("merged (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]recovery.CheckIn{c}, mustCheckIns(t, s), opts); diff != "" {
			t.Errorf("stored (-want +got):\n%s", diff)
		}
	})
	t.Run("KeepsWhatTheDayHad", func(t *testing.T) {
		s := open(t)
		first := sparseCheckIn(d, recovery.Quads, 4)
		first.SleepH, first.Stress = 7.5, 3
		mustMerge(t, s, first)
		second := sparseCheckIn(d, recovery.Calves, 2)
		second.Stress = 2
		got, created := mustMerge(t, s, second)
		if created {
			t.Error("the day's second check-in: created true")
		}
		want := first
		want.Soreness = map[recovery.Muscle]float64{recovery.Quads: 4, recovery.Calves: 2}
		want.Stress = 2
		if diff := cmp.Diff(want, got, opts); diff != "" {
			t.Errorf("merged (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]recovery.CheckIn{want}, mustCheckIns(t, s), opts); diff != "" {
			t.Errorf("stored (-want +got):\n%s", diff)
		}
	})
	t.Run("AnsweredSymptomsReplace", func(t *testing.T) {
		s := open(t)
		flagged := sparseCheckIn(d, recovery.Shins, 6)
		flagged.Symptoms, flagged.SymptomsAnswered = []string{"bone-pain"}, true
		mustMerge(t, s, flagged)
		// A check-in that did not ask keeps the symptom.
		got, _ := mustMerge(t, s, sparseCheckIn(d, recovery.Quads, 1))
		if len(got.Symptoms) != 1 || !got.SymptomsAnswered {
			t.Errorf("after a check-in without the question: symptoms %v, answered %v; want [bone-pain], true", got.Symptoms, got.SymptomsAnswered)
		}
		// "None" clears it.
		none := sparseCheckIn(d, recovery.Quads, 1)
		none.SymptomsAnswered = true
		mustMerge(t, s, none)
		cs := mustCheckIns(t, s)
		if len(cs) != 1 || len(cs[0].Symptoms) != 0 || !cs[0].SymptomsAnswered || cs[0].Soreness[recovery.Shins] != 6 {
			t.Errorf("after answering none: %+v; want no symptoms, answered, shins still 6", cs)
		}
	})
	t.Run("RPEsWithTheCheckIn", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(d.Add(8*time.Hour), activity.Running))
		b := MustCreateActivity(t, s, NewActivity(d.Add(20*time.Hour), activity.Running))
		if err := s.SaveRPE(ctx, b.ID, 3); err != nil {
			t.Fatal(err)
		}
		mustMerge(t, s, sparseCheckIn(d, recovery.Feet, 1), store.RPEChange{ActivityID: a.ID, RPE: 7},
			store.RPEChange{ActivityID: b.ID, Delete: true})
		if got, err := s.FindRPEs(ctx); err != nil || len(got) != 1 || got[a.ID] != 7 {
			t.Errorf("RPEs %v, %v; want {%d: 7}", got, err, a.ID)
		}
	})
	t.Run("ErrNotFoundWritesNothing", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(d.Add(8*time.Hour), activity.Running))
		for i, rpes := range [][]store.RPEChange{
			{{ActivityID: a.ID, RPE: 6}, {ActivityID: a.ID + 100, RPE: 5}},
			{{ActivityID: a.ID, RPE: 6}, {ActivityID: a.ID + 100, Delete: true}},
		} {
			_, _, err := s.MergeCheckIn(ctx, sparseCheckIn(d, recovery.Quads, 5), rpes)
			checkCode(t, fmt.Sprintf("merge %d with a missing activity's RPE", i), err, rebound.ENOTFOUND)
		}
		if cs := mustCheckIns(t, s); len(cs) != 0 {
			t.Errorf("a failed merge stored check-ins %+v", cs)
		}
		if got, _ := s.FindRPEs(ctx); len(got) != 0 {
			t.Errorf("a failed merge stored RPEs %v", got)
		}
	})
	t.Run("ErrInvalidWritesNothing", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(d.Add(8*time.Hour), activity.Running))
		_, _, err := s.MergeCheckIn(ctx, sparseCheckIn(d, recovery.Quads, 5), []store.RPEChange{{ActivityID: a.ID, RPE: 11}})
		checkCode(t, "merge with RPE 11", err, rebound.EINVALID)
		_, _, err = s.MergeCheckIn(ctx, sparseCheckIn(d, recovery.Quads, math.NaN()), nil)
		checkCode(t, "merge with a NaN soreness", err, rebound.EINVALID)
		if cs := mustCheckIns(t, s); len(cs) != 0 {
			t.Errorf("a failed merge stored check-ins %+v", cs)
		}
	})
	t.Run("ConcurrentKeepsEveryValue", func(t *testing.T) {
		s := open(t)
		CheckConcurrentMerges(t, s, s)
	})
}

// CheckConcurrentMerges merges, all at once, check-ins of one muscle
// group each (every muscle group on each of five days, through first and
// second alternately: two handles on one database, as two processes or
// app servers have), half of them with a session RPE, and fails unless
// every rating and RPE is stored.
func CheckConcurrentMerges(tb testing.TB, first, second store.Store) {
	tb.Helper()
	ctx := context.Background()
	d := time.Date(2026, 3, 2, 0, 0, 0, 0, mergeLoc)
	var runs []int64
	for i := range 5 {
		runs = append(runs, MustCreateActivity(tb, first, NewActivity(d.AddDate(0, 0, i).Add(18*time.Hour), activity.Running)).ID)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 5*len(recovery.Muscles))
	n := 0
	for day := range 5 {
		for i, m := range recovery.Muscles {
			s := first
			if n%2 == 1 {
				s = second
			}
			var rpes []store.RPEChange
			if i == day%len(recovery.Muscles) {
				rpes = []store.RPEChange{{ActivityID: runs[day], RPE: float64(day + 1)}}
			}
			n++
			wg.Go(func() {
				c := sparseCheckIn(d.AddDate(0, 0, day), m, float64(i+1))
				if _, _, err := s.MergeCheckIn(ctx, c, rpes); err != nil {
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Errorf("MergeCheckIn: %v", err)
	}
	cs := mustCheckIns(tb, second)
	if len(cs) != 5 {
		tb.Fatalf("%d check-ins, want 5", len(cs))
	}
	for day, c := range cs {
		for i, m := range recovery.Muscles {
			if v, ok := c.Soreness[m]; !ok || v != float64(i+1) {
				tb.Errorf("day %d: %s rated %v (present %v), want %d: a concurrent merge lost it", day, m, v, ok, i+1)
			}
		}
	}
	rpes, err := first.FindRPEs(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for day, id := range runs {
		if rpes[id] != float64(day+1) {
			tb.Errorf("RPE of run %d = %v, want %d", id, rpes[id], day+1)
		}
	}
}
