package storetest

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

func testCheckIn(t *testing.T, open opener) {
	ctx := context.Background()
	loc := time.FixedZone("UTC+1", 3600)
	d1 := time.Date(2026, 9, 7, 0, 0, 0, 0, loc)
	full := recovery.CheckIn{Date: d1, Soreness: map[recovery.Muscle]float64{recovery.Quads: 6, recovery.Calves: 2.5},
		SleepH: 6.5, SleepQuality: 3, Stress: 4, RestingHR: 52, HRVms: 61, Symptoms: []string{"swelling"}, SymptomsAnswered: true}
	sparse := recovery.CheckIn{Date: d1.AddDate(0, 0, 1), Soreness: map[recovery.Muscle]float64{},
		SleepH: math.NaN(), SleepQuality: math.NaN(), Stress: math.NaN(), RestingHR: math.NaN(), HRVms: 70, Symptoms: []string{}}
	opts := cmp.Options{cmpopts.EquateNaNs(), cmpopts.EquateEmpty()}

	t.Run("SaveFindRoundTrip", func(t *testing.T) {
		s := open(t)
		for _, c := range []recovery.CheckIn{sparse, full} {
			if err := s.SaveCheckIn(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.FindCheckIns(ctx, time.Time{}, time.Time{}, loc)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]recovery.CheckIn{full, sparse}, got, opts); diff != "" {
			t.Errorf("check-ins, oldest first (-want +got):\n%s", diff)
		}
	})
	t.Run("SameDayReplaces", func(t *testing.T) {
		s := open(t)
		if err := s.SaveCheckIn(ctx, full); err != nil {
			t.Fatal(err)
		}
		again := full
		again.Soreness = map[recovery.Muscle]float64{recovery.Quads: 3}
		if err := s.SaveCheckIn(ctx, again); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindCheckIns(ctx, time.Time{}, time.Time{}, loc)
		if len(got) != 1 || got[0].Soreness[recovery.Quads] != 3 {
			t.Errorf("after saving the same day twice: %+v", got)
		}
	})
	t.Run("RangeIsHalfOpen", func(t *testing.T) {
		s := open(t)
		for _, c := range []recovery.CheckIn{full, sparse} {
			if err := s.SaveCheckIn(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		got, _ := s.FindCheckIns(ctx, d1, d1.AddDate(0, 0, 1), loc)
		if len(got) != 1 || !got[0].Date.Equal(d1) {
			t.Errorf("[d1, d1+1): %+v", got)
		}
	})
	t.Run("ErrInvalidNaNSoreness", func(t *testing.T) {
		s := open(t)
		bad := full
		bad.Soreness = map[recovery.Muscle]float64{recovery.Quads: math.NaN()}
		checkCode(t, "save", s.SaveCheckIn(ctx, bad), rebound.EINVALID)
	})
}

func testRPE(t *testing.T, open opener) {
	ctx := context.Background()
	t.Run("SaveFind", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		if err := s.SaveRPE(ctx, a.ID, 7); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveRPE(ctx, a.ID, 6); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindRPEs(ctx)
		if err != nil || len(got) != 1 || got[a.ID] != 6 {
			t.Errorf("RPEs %v, %v; want {%d: 6}", got, err, a.ID)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		checkCode(t, "save", open(t).SaveRPE(ctx, 999, 5), rebound.ENOTFOUND)
	})
	t.Run("ErrInvalidRange", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		checkCode(t, "save 11", s.SaveRPE(ctx, a.ID, 11), rebound.EINVALID)
	})
	t.Run("Delete", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		b := MustCreateActivity(t, s, NewActivity(day.Add(time.Hour), activity.Running))
		for _, x := range []*store.Activity{a, b} {
			if err := s.SaveRPE(ctx, x.ID, 6); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.DeleteRPE(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := s.FindRPEs(ctx); err != nil || len(got) != 1 || got[b.ID] != 6 {
			t.Errorf("after deleting %d's rating: %v, %v; want {%d: 6}", a.ID, got, err, b.ID)
		}
		// Again: an unrated activity stays unrated.
		if err := s.DeleteRPE(ctx, a.ID); err != nil {
			t.Errorf("deleting a rating that is gone: %v", err)
		}
	})
	t.Run("DeleteErrNotFound", func(t *testing.T) {
		checkCode(t, "delete", open(t).DeleteRPE(ctx, 999), rebound.ENOTFOUND)
	})
	t.Run("DeletedWithActivity", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		if err := s.SaveRPE(ctx, a.ID, 5); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteActivity(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.FindRPEs(ctx); len(got) != 0 {
			t.Errorf("RPE survived its activity: %v", got)
		}
	})
}

func testGear(t *testing.T, open opener) {
	ctx := context.Background()
	t.Run("DistanceSumsRunsWithThatGear", func(t *testing.T) {
		s := open(t)
		if err := s.SaveShoe(ctx, store.Shoe{Name: "Pegasus 40", LimitKm: 800}); err != nil {
			t.Fatal(err)
		}
		a := NewActivity(day, activity.Running)
		a.Gear = "pegasus 40" // matched case-insensitively, as Strava names are
		a = MustCreateActivity(t, s, a)
		b := NewActivity(day.Add(48*time.Hour), activity.Running)
		b.Gear = ""
		b = MustCreateActivity(t, s, b)
		if err := s.UpdateActivityGear(ctx, b.ID, "Pegasus 40"); err != nil {
			t.Fatal(err)
		}
		other := NewActivity(day.Add(96*time.Hour), activity.Running)
		other.Gear = "Trail shoe" // another shoe: not counted
		MustCreateActivity(t, s, other)
		sh, err := s.FindShoe(ctx, "PEGASUS 40")
		if err != nil {
			t.Fatal(err)
		}
		want := a.Summary.DistanceM + b.Summary.DistanceM
		if sh.Runs != 2 || math.Abs(sh.DistanceM-want) > 0.01 || sh.LimitKm != 800 {
			t.Errorf("shoe %+v, want 2 runs and %.1f m", sh, want)
		}
	})
	t.Run("OneDefault", func(t *testing.T) {
		s := open(t)
		for _, n := range []string{"A", "B"} {
			if err := s.SaveShoe(ctx, store.Shoe{Name: n, Default: true}); err != nil {
				t.Fatal(err)
			}
		}
		shoes, err := s.FindShoes(ctx)
		if err != nil || len(shoes) != 2 {
			t.Fatalf("%v %v", shoes, err)
		}
		if shoes[0].Default || !shoes[1].Default {
			t.Errorf("defaults %+v: only the last saved default should be", shoes)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := open(t).FindShoe(ctx, "nope")
		checkCode(t, "find", err, rebound.ENOTFOUND)
	})
	t.Run("ErrInvalidEmptyName", func(t *testing.T) {
		checkCode(t, "save", open(t).SaveShoe(ctx, store.Shoe{}), rebound.EINVALID)
	})
}
