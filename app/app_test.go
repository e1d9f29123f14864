package app_test

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/store/storetest"
)

// now is the tests' clock: 9:00 in the runner's zone (UTC+1, an IANA
// name so that the profile may hold it).
var now = time.Date(2026, 6, 10, 8, 0, 0, 0, time.UTC)

const zone = "Etc/GMT-1"

// newAthlete returns the use cases of the local runner of a fresh SQLite
// file, with the runner's zone set and, when run is set, a run yesterday
// (whose id it returns).
func newAthlete(t *testing.T, run bool) (*app.Athlete, *sqlite.DB, int64) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.SaveProfile(context.Background(), profile.Profile{Timezone: zone, WeightKg: 60}); err != nil {
		t.Fatal(err)
	}
	var id int64
	if run {
		id = storetest.MustCreateActivity(t, db, storetest.NewActivity(now.Add(-26*time.Hour), activity.Running)).ID
	}
	clock := func() time.Time { return now }
	return app.New(db, app.Fresh(db, clock), clock), db, id
}

func ptr(v float64) *float64 { return &v }

func mustCheckIn(t *testing.T, a *app.Athlete, in present.CheckInInput) *app.CheckedIn {
	t.Helper()
	res, err := a.CheckIn(context.Background(), in)
	if err != nil {
		t.Fatalf("CheckIn(%+v): %v", in, err)
	}
	return res
}

func TestCheckIn(t *testing.T) {
	ctx := context.Background()
	t.Run("MergesWithTheDay", func(t *testing.T) {
		a, _, _ := newAthlete(t, false)
		first := mustCheckIn(t, a, present.CheckInInput{Soreness: map[string]float64{"quads": 6}, SleepH: ptr(7)})
		second := mustCheckIn(t, a, present.CheckInInput{Soreness: map[string]float64{"calves": 2}, SleepH: ptr(8)})
		if !first.Created || second.Created {
			t.Errorf("created %v then %v, want true then false", first.Created, second.Created)
		}
		c := second.CheckIn
		if c.Soreness[recovery.Quads] != 6 || c.Soreness[recovery.Calves] != 2 || c.SleepH != 8 || c.Date.Format(time.DateOnly) != "2026-06-10" {
			t.Errorf("merged %+v", c)
		}
		if !second.Today.CheckedIn || second.Today.Date != "2026-06-10" {
			t.Errorf("today after the check-in: %s, checked in %v", second.Today.Date, second.Today.CheckedIn)
		}
	})
	t.Run("SymptomsNoneClearsTheFlag", func(t *testing.T) {
		a, _, _ := newAthlete(t, true)
		yesterday := now.Add(-24 * time.Hour).Format(time.DateOnly)
		res := mustCheckIn(t, a, present.CheckInInput{Date: yesterday, Symptoms: []string{"bone-pain"}})
		if f := res.State.ActiveFlag(); f == nil || len(f.Symptoms) != 1 {
			t.Fatalf("after reporting bone pain: flag %+v", f)
		}
		// Today's check-in that does not ask leaves it standing.
		res = mustCheckIn(t, a, present.CheckInInput{Soreness: map[string]float64{"shins": 5}})
		if res.State.ActiveFlag() == nil {
			t.Error("a check-in without the symptom question cleared the flag")
		}
		// Answering none clears it.
		res = mustCheckIn(t, a, present.CheckInInput{Symptoms: []string{}})
		if f := res.State.ActiveFlag(); f != nil {
			t.Errorf("after answering none: flag %+v", f)
		}
		if !res.CheckIn.SymptomsAnswered || len(res.CheckIn.Symptoms) != 0 || res.CheckIn.Soreness[recovery.Shins] != 5 {
			t.Errorf("today's check-in %+v", res.CheckIn)
		}
	})
	t.Run("RPEWithTheCheckIn", func(t *testing.T) {
		a, db, run := newAthlete(t, true)
		mustCheckIn(t, a, present.CheckInInput{RPE: map[string]*float64{"latest": ptr(7)}})
		if rpes, _ := db.FindRPEs(ctx); rpes[run] != 7 {
			t.Errorf("RPEs %v, want {%d: 7}", rpes, run)
		}
		mustCheckIn(t, a, present.CheckInInput{RPE: map[string]*float64{itoa(run): nil}})
		if rpes, _ := db.FindRPEs(ctx); len(rpes) != 0 {
			t.Errorf("RPEs %v after removing it", rpes)
		}
	})
	t.Run("ErrNotFoundSavesNothing", func(t *testing.T) {
		a, db, run := newAthlete(t, true)
		_, err := a.CheckIn(ctx, present.CheckInInput{Soreness: map[string]float64{"quads": 4}, RPE: map[string]*float64{itoa(run + 1): ptr(5)}})
		if rebound.ErrorCode(err) != rebound.ENOTFOUND {
			t.Errorf("rating a missing run: %v, want ENOTFOUND", err)
		}
		if cs, _ := db.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC); len(cs) != 0 {
			t.Errorf("a refused check-in stored %+v", cs)
		}
	})
	t.Run("ErrProblemsSaveNothing", func(t *testing.T) {
		a, db, _ := newAthlete(t, true)
		w := present.Weight{Value: 61}
		_, err := a.CheckIn(ctx, present.CheckInInput{SleepH: ptr(30), Symptoms: []string{"hiccups"}, WeightBefore: &w,
			WeightAfter: &present.Weight{Value: 20}})
		var ps present.Problems
		if !errors.As(err, &ps) || len(ps) != 3 || ps[2].Field != "weight_after" {
			t.Errorf("problems %v, want sleep_h, symptoms and weight_after (20 kg)", err)
		}
		if cs, _ := db.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC); len(cs) != 0 {
			t.Errorf("a refused check-in stored %+v", cs)
		}
	})
	t.Run("WeightsGiveTheFluidAdvice", func(t *testing.T) {
		a, _, run := newAthlete(t, true)
		res := mustCheckIn(t, a, present.CheckInInput{WeightBefore: &present.Weight{Value: 61}, WeightAfter: &present.Weight{Value: 60}})
		// 1 kg lost: 1250-1500 ml, 125-150 % of the loss (the plan's
		// fluid rule).
		if res.Plan == nil || res.Plan.Run.ID != run || res.Plan.Nutrition.FluidML.Min != 1250 || res.Plan.Nutrition.FluidML.Max != 1500 {
			t.Errorf("plan %+v", res.Plan)
		}
	})
}

func TestTickShowsOnToday(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newAthlete(t, true)
	d, err := a.Today(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Today.Steps) == 0 {
		t.Fatal("no checklist the day after a run")
	}
	step := d.Today.Steps[0].ID
	cl, err := a.Tick(ctx, "", step, true)
	if err != nil {
		t.Fatal(err)
	}
	if !cl.Steps[0].Done || cl.Steps[0].DoneAt == nil || !cl.Steps[0].DoneAt.Equal(now) {
		t.Errorf("checklist after the tick: %+v", cl.Steps[0])
	}
	if d, _ = a.Today(ctx, ""); !d.Checklist.Steps[0].Done {
		t.Error("Today does not show the tick")
	}
	if _, err := a.Tick(ctx, "2026-06-11", step, true); rebound.ErrorCode(err) != rebound.EINVALID {
		t.Errorf("ticking tomorrow: %v, want EINVALID", err)
	}
	if _, err := a.Tick(ctx, "", "not-a-step", true); rebound.ErrorCode(err) != rebound.ENOTFOUND {
		t.Errorf("ticking a step not on the list: %v, want ENOTFOUND", err)
	}
	if cl, err = a.Tick(ctx, "", step, false); err != nil || cl.Steps[0].Done {
		t.Errorf("unticking: %+v %v", cl.Steps[0], err)
	}
}

func TestChangeProfileWeight(t *testing.T) {
	ctx := context.Background()
	str := func(s string) *string { return &s }
	parse := func(s string) *present.Weight {
		w, err := present.ParseWeight(s)
		if err != nil {
			t.Fatal(err)
		}
		return &w
	}
	for _, tc := range []struct {
		name   string
		units  profile.Units // stored before
		ch     app.ProfileChange
		kg     float64 // stored after; -1: refused with a question
		reason string
	}{
		{"BareMetric", profile.Metric, app.ProfileChange{Weight: parse("70")}, 70, ""},
		{"BareImperial", profile.Imperial, app.ProfileChange{Weight: parse("154")}, 154 * 0.45359237, ""},
		{"BareWhileUnitsChange", profile.Metric, app.ProfileChange{Weight: parse("70"), Units: str("imperial")}, -1, "units"},
		{"TypedWhileUnitsChange", profile.Metric, app.ProfileChange{Weight: parse("70kg"), Units: str("imperial")}, 70, ""},
		{"UnitsSetToTheSame", profile.Metric, app.ProfileChange{Weight: parse("70"), Units: str("metric")}, 70, ""},
		{"LightInPounds", profile.Imperial, app.ProfileChange{Weight: parse("70")}, -1, "range"},
		{"TypedLightIsMeant", profile.Imperial, app.ProfileChange{Weight: parse("70lb")}, 70 * 0.45359237, ""},
		{"APIImplausible", profile.Metric, app.ProfileChange{Weight: &present.Weight{Value: 250, Unit: present.Kg}}, -1, "range"},
		{"TheStoredWeightSentBack", profile.Metric, app.ProfileChange{Weight: &present.Weight{Value: 30, Unit: present.Kg}}, 30, ""},
		// 30 kg shows as 66.1 lb: sent back, it keeps 30 kg exactly.
		{"TheShownWeightSentBack", profile.Imperial, app.ProfileChange{Weight: parse("66.1")}, 30, ""},
		{"Unset", profile.Metric, app.ProfileChange{Weight: &present.Weight{}}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, db, _ := newAthlete(t, false)
			if err := db.SaveProfile(ctx, profile.Profile{WeightKg: 30, Units: tc.units}); err != nil {
				t.Fatal(err)
			}
			p, err := a.ChangeProfile(ctx, tc.ch)
			stored, _ := db.FindProfile(ctx)
			var q *present.WeightQuestion
			if tc.kg < 0 {
				if !errors.As(err, &q) || q.Field != "weight" || q.UnitsChanged != (tc.reason == "units") {
					t.Fatalf("ChangeProfile = %v, want a question about the %s", err, tc.reason)
				}
				if stored.WeightKg != 30 || stored.UnitsOrDefault() != tc.units {
					t.Errorf("a refused change stored %+v", stored)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(p.WeightKg-tc.kg) > 1e-9 || stored.WeightKg != p.WeightKg {
				t.Errorf("weight %v kg (stored %v), want %v", p.WeightKg, stored.WeightKg, tc.kg)
			}
		})
	}
}

func TestPlanWeightQuestion(t *testing.T) {
	ctx := context.Background()
	a, db, _ := newAthlete(t, true)
	if err := db.SaveProfile(ctx, profile.Profile{Units: profile.Imperial}); err != nil {
		t.Fatal(err)
	}
	_, _, err := a.Plan(ctx, 0, &present.Weight{Value: 150}, &present.Weight{Value: 70})
	var q *present.WeightQuestion
	if !errors.As(err, &q) || q.Field != "weight_after" {
		t.Fatalf("plan with 150 then 70 (lb): %v, want a question about the weight after", err)
	}
	// 150 lb - 148 lb = 2 lb = 0.907 kg lost: 1134-1361 ml (×1.25-1.5).
	p, _, err := a.Plan(ctx, 0, &present.Weight{Value: 150}, &present.Weight{Value: 148})
	if err != nil {
		t.Fatal(err)
	}
	if f := p.Nutrition.FluidML; math.Abs(f.Min-1134) > 1 || math.Abs(f.Max-1361) > 1 {
		t.Errorf("fluid %v-%v ml, want 1134-1361", f.Min, f.Max)
	}
	if _, _, err := a.Plan(ctx, 0, &present.Weight{Value: 150}, nil); rebound.ErrorCode(err) != rebound.EINVALID {
		t.Errorf("one weight: %v, want EINVALID", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
