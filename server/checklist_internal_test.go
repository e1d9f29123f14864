package server

import (
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
)

// TestChecklistGroupTickedByAnyMember: "One of: foam rolling, massage or
// massage gun" is done when any of them is ticked (ticking one through
// the API, say the massage gun, does the item), and its row then stands
// for that member, so that unticking the row unticks it. The row counted
// only the first member's tick before.
func TestChecklistGroupTickedByAnyMember(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	step := func(id string, done bool) present.ChecklistStep {
		return present.ChecklistStep{StepJSON: present.StepJSON(coach.Step{ID: id, Title: id, Group: "hands-on", Priority: coach.DoThis}), Done: done}
	}
	sleep := present.ChecklistStep{StepJSON: present.StepJSON(coach.Step{ID: "sleep", Title: "Sleep", Priority: coach.DoThis})}
	for _, tc := range []struct {
		name   string
		ticked string
	}{{"None", ""}, {"First", "foam-rolling"}, {"Last", "massage-gun"}} {
		steps := []present.ChecklistStep{step("foam-rolling", tc.ticked == "foam-rolling"), step("massage", false),
			step("massage-gun", tc.ticked == "massage-gun"), sleep}
		rows := checkItems(steps, now)
		if len(rows) != 2 {
			t.Fatalf("%s: %d rows, want the group and sleep: %+v", tc.name, len(rows), rows)
		}
		wantID := tc.ticked
		if wantID == "" {
			wantID = "foam-rolling"
		}
		if g := rows[0]; g.Done != (tc.ticked != "") || g.ID != wantID {
			t.Errorf("%s: group row %+v, want done %v for %s", tc.name, g, tc.ticked != "", wantID)
		}
		if of := checkItems(steps, now, "massage"); len(of) != 1 || of[0].Title != rows[0].Title {
			t.Errorf("%s: the row of the massage step: %+v, want the group's", tc.name, of)
		}
	}
}
