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
