package coach

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
)

// The week after a race has no hard session, less running, and the long
// run only on its usual day. The race is marked on its entry, as the
// classifier marks one (recovery.Race), so that the rule is tested
// whatever the classifier makes of a test run.
func TestWeekAfterARaceIsEasyAndLighter(t *testing.T) {
	monday := time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)
	var acts []*Activity
	add := func(day, hour int, km float64, bpm float64) int64 {
		dur := km * 330
		s := activity.Summary{DistanceM: km * 1000, ElapsedS: dur, MovingS: dur, AvgSpeedMS: 1000.0 / 330, AvgHR: bpm, MaxHR: bpm + 10,
			AscentM: 10, DescentM: 10, DownhillM: 0, AvgTempC: math.NaN(), HRSeconds: make([]float64, int(bpm)+1)}
		s.HRSeconds[int(bpm)] = dur
		id := int64(len(acts) + 1)
		acts = append(acts, &Activity{ID: id, Summary: s,
			Activity: &activity.Activity{Sport: activity.Running, Start: monday.AddDate(0, 0, day).Add(time.Duration(hour) * time.Hour), Format: "fit"}})
		return id
	}
	// Four weeks of easy 8 km on Tuesday and Thursday, intervals on
	// Wednesday and a long 18 km on Sunday; a 10 km race on the last
	// Saturday instead of the long run.
	for w := range 4 {
		add(7*w+1, 7, 8, 135)
		add(7*w+2, 18, 10, 165) // 82 % of reserve: hard; 85 % held for 20 min would be a race effort
		add(7*w+3, 7, 8, 135)
		if w < 3 {
			add(7*w+6, 8, 18, 138)
		}
	}
	race := add(26, 9, 10, 165) // a race only when marked: by heart rate a tempo
	h := History{Profile: profile.Profile{WeightKg: 70, Age: 35, Sex: profile.Male, RestingHR: 50, MaxHR: 190, Timezone: "UTC"},
		Activities: acts, RPE: map[int64]float64{}}
	plan := func(markRace bool) *WeekPlan {
		s := NewState(h, monday.AddDate(0, 0, 28).Add(6*time.Hour)) // Monday
		if markRace {
			s.Entries[s.Index(race)].Kind = recovery.Race
		}
		return s.Week()
	}
	usual, after := plan(false), plan(true)
	if !slices.ContainsFunc(usual.Days, func(d DayPlan) bool { return d.Type == DayHard }) {
		t.Fatalf("the test wants hard sessions in the usual week: %+v", usual.Days)
	}
	for _, d := range after.Days {
		if d.Type == DayHard {
			t.Errorf("%s: a hard session the week after a race", d.Date)
		}
		if d.Type == DayLong && d.Weekday != after.Pattern.LongDay {
			t.Errorf("%s: the long run moved off %s the week after a race", d.Date, after.Pattern.LongDay)
		}
	}
	if !slices.ContainsFunc(after.Adjustments, func(a Adjustment) bool { return a.ID == "after-race" && a.Fraction == AfterRaceCut }) {
		t.Errorf("adjustments %+v: want after-race", after.Adjustments)
	}
	// Both weeks start from the same history: the race week plans at
	// most 70 % of the week's base, last week's running or the four-week
	// average, whichever is more, held to the 10 % cap (less for dropped
	// runs and rounding).
	base := math.Min(math.Max(after.LastWeekM, *after.FourWeekAverageM), *after.TenPercentCap)
	if after.TargetM > (1-AfterRaceCut)*base+1e-6 {
		t.Errorf("%.0f m the week after the race, base %.0f m", after.TargetM, base)
	}
	// Easy runs no longer than the usual easy run, fewer runs than usual
	// (AfterRaceCut of 5: 3.5, rounded to 4) and a rest day among them.
	runs := 0
	for _, d := range after.Days {
		if d.Type == DayEasy && d.DistanceM > after.Pattern.EasyM {
			t.Errorf("%s: easy %.0f m after a race, the usual is %.0f m", d.Date, d.DistanceM, after.Pattern.EasyM)
		}
		if d.DistanceM > 0 {
			runs++
		}
	}
	if want := int(math.Round(float64(after.Pattern.RunsPerWeek) * (1 - AfterRaceCut))); runs > want {
		t.Errorf("%d runs after the race, want at most %d: %+v", runs, want, after.Days)
	}
}
