package coach

import (
	"slices"
	"testing"

	"github.com/rebound-run/rebound/recovery"
)

// focus puts the red-flag step first and the step that carries out the
// recommendation next, then orders by evidence (moderate, low, practice,
// very-low, an unknown grade last), keeping its stable order within a
// grade, and keeps ChecklistSize steps.
func TestFocus(t *testing.T) {
	steps := func(idGrades ...string) []Step {
		var out []Step
		for i := 0; i < len(idGrades); i += 2 {
			out = append(out, Step{ID: idGrades[i], Evidence: idGrades[i+1]})
		}
		return out
	}
	for _, tc := range []struct {
		name string
		rec  recovery.Recommendation
		in   []Step
		want []string
	}{
		{"ByGrade", recovery.QualityOK,
			steps("supplements", "very-low", "rest-day", "practice", "strength", "low", "refuel", "moderate", "mystery", "", "rehydrate", "moderate"),
			[]string{"refuel", "rehydrate", "strength", "rest-day", "supplements", "mystery"}},
		{"RecommendationLeads", recovery.Rest,
			steps("refuel", "moderate", "rest-day", "practice"),
			[]string{"rest-day", "refuel"}},
		{"RedFlagFirstAndKept", recovery.EasyRun,
			steps("refuel", "moderate", "rehydrate", "moderate", "compression", "moderate", "strength", "low", "cool-down", "low",
				"easy-run", "practice", "passive-rest", "practice", "see-professional", "practice"),
			[]string{"see-professional", "easy-run", "passive-rest", "refuel", "rehydrate", "compression"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, st := range focus(tc.in, tc.rec) {
				got = append(got, st.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("focus = %v, want %v", got, tc.want)
			}
		})
	}
}

// A rating moves as the forecast moves (recovery.CarryForward), rising by
// at most recovery.MaxCarryRisePerDay; a forecast of
// recovery.MinScaledForecast or less keeps it.
func TestRatingIn24h(t *testing.T) {
	for _, tc := range []struct{ v, now, tomorrow, want float64 }{
		{6, 4, 3, 4.5},    // 6 × 3/4
		{5, 2, 3, 6.5},    // rising towards the peak: 5 × 3/2 = 7.5, but at most 1.5 more
		{2, 2, 3, 3},      // 2 × 3/2, a rise of 1 point
		{7, 0.5, 4, 8.5},  // 7 × 8 = 56 without the bound: no jump to 10
		{9.5, 2, 3, 10},   // 9.5 + 1.5 = 11, at most 10
		{4, 3, 1, 1.3},    // 4/3 = 1.33, to one decimal
		{6, 0.2, 0.1, 6},  // the forecast knows nothing of it
		{6, 0.3, 0.15, 6}, // at MinScaledForecast too
		{6, 0.4, 0.2, 3},  // above it, 6 × 0.5
		{0, 4, 3, 0},      // not sore stays not sore
	} {
		if got := ratingIn24h(tc.v, tc.now, tc.tomorrow); got != tc.want {
			t.Errorf("ratingIn24h(%g, %g, %g) = %g, want %g", tc.v, tc.now, tc.tomorrow, got, tc.want)
		}
	}
}
