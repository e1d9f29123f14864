package coach_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/sim"
)

// TestUserKind marks an easy run of a simulated season as a race: the
// runner's word replaces the classifier's, with its reason, in the runs,
// the plan and a state that had the run as easy before (State.With must
// not keep its runs).
func TestUserKind(t *testing.T) {
	h, _, end := season(t, sim.DefaultRunner(), 3)
	now := end.Add(-12 * time.Hour)
	before := coach.NewState(h, now)
	var easy coach.Entry
	for _, e := range before.Entries {
		if e.Kind == recovery.Easy {
			easy = e
		}
	}
	if easy.A == nil {
		t.Fatal("the season has no easy run")
	}

	edited := h
	edited.Activities = nil
	for _, a := range h.Activities {
		if a.ID == easy.A.ID {
			c := *a
			c.Kind = recovery.Race
			a = &c
		}
		edited.Activities = append(edited.Activities, a)
	}
	for name, st := range map[string]*coach.State{"fresh": coach.NewState(edited, now), "with": before.With(edited, now)} {
		e := st.Entries[st.Index(easy.A.ID)]
		if e.Kind != recovery.Race || len(e.Why) != 1 || e.Why[0] != "you marked it as a race" {
			t.Errorf("%s: kind %s %q, want race, you marked it", name, e.Kind, e.Why)
		}
		if e.Session.Load != easy.Session.Load {
			t.Errorf("%s: load %.1f, was %.1f: the kind does not change what was run", name, e.Session.Load, easy.Session.Load)
		}
		p, err := st.Plan(easy.A.ID, coach.WeightChange{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Run.Kind != recovery.Race || !strings.Contains(p.Recovery.Reasons[0], " race: about one easy day per 3 km raced") {
			t.Errorf("%s: plan for a %s: %q", name, p.Run.Kind, p.Recovery.Reasons)
		}
	}

	// The runner's name and note are part of what a state shows.
	renamed := edited
	renamed.Activities = append([]*coach.Activity(nil), edited.Activities...)
	for i, a := range renamed.Activities {
		if a.ID == easy.A.ID {
			c := *a
			c.UserName, c.Note = "Club 10k", "Windy."
			renamed.Activities[i] = &c
		}
	}
	st := coach.NewState(edited, now).With(renamed, now)
	if e := st.Entries[st.Index(easy.A.ID)]; e.A.UserName != "Club 10k" || e.A.Note != "Windy." {
		t.Errorf("With kept the old activity: %q %q", e.A.UserName, e.A.Note)
	}
}
