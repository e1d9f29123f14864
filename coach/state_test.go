package coach_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/sim"
)

// A state moved on in time (State.At) or given a new check-in (State.With)
// reuses the runs, contributions, load series and fit it can keep; what it
// shows must be exactly what a state built from scratch shows: readiness,
// the day's steps, the load series, the weeks and the latest plan.
func TestIncrementalStateMatchesFresh(t *testing.T) {
	h, ws, end := season(t, sim.DefaultRunner(), 3)
	loc := h.Profile.Location()
	same := func(what string, got, want *coach.State) {
		t.Helper()
		if g, w := view(t, got), view(t, want); g != w {
			t.Errorf("%s: the incremental state differs from a fresh one:\n got %.600s\nwant %.600s", what, g, w)
		}
	}
	// A moment between runs, just before a run and across midnight. The
	// season's last day is a rest day: the last run is the race before it.
	var last time.Time
	for _, w := range ws {
		if w.Kind != sim.Rest {
			last = w.Start
		}
	}
	if a, b := coach.NewState(h, last.Add(-time.Hour)), coach.NewState(h, last.Add(3*time.Hour)); len(b.Entries) != len(a.Entries)+1 {
		t.Fatalf("%d runs before %v and %d after: the case below needs one run in between", len(a.Entries), last, len(b.Entries))
	}
	moments := []struct {
		name     string
		from, to time.Time
	}{
		{"an hour later", end.Add(-30 * time.Hour), end.Add(-29 * time.Hour)},
		{"across midnight", time.Date(end.Year(), end.Month(), end.Day()-2, 23, 30, 0, 0, loc), time.Date(end.Year(), end.Month(), end.Day()-1, 0, 30, 0, 0, loc)},
		{"three days on", end.Add(-96 * time.Hour), end.Add(-24 * time.Hour)},
		{"a run starts in between", last.Add(-time.Hour), last.Add(3 * time.Hour)},
		{"back in time", end.Add(-24 * time.Hour), end.Add(-48 * time.Hour)},
	}
	for _, m := range moments {
		same(m.name, coach.NewState(h, m.from).At(m.to), coach.NewState(h, m.to))
	}

	// This morning's check-in arrives: only the model is fitted again.
	now := end.Add(-14 * time.Hour)
	before := coach.NewState(h, now)
	after := h
	after.CheckIns = append(append([]recovery.CheckIn(nil), h.CheckIns...), recovery.CheckIn{Date: now.Add(-time.Hour),
		Soreness: map[recovery.Muscle]float64{recovery.Quads: 6.5, recovery.Calves: 5}, SleepH: 5, SleepQuality: 2, Stress: 4, RestingHR: 58, HRVms: 48})
	same("after a check-in", before.With(after, now.Add(time.Minute)), coach.NewState(after, now.Add(time.Minute)))
	if &before.With(after, now).Entries[0] != &before.Entries[0] {
		t.Error("a check-in rebuilt the runs: With should keep them")
	}
	// A changed profile (age shapes load and soreness) rebuilds everything.
	older := after
	older.Profile.Age += 20
	same("after a profile change", before.With(older, now), coach.NewState(older, now))
}

// view is what a state shows, as text.
func view(t *testing.T, s *coach.State) string {
	t.Helper()
	p, err := s.Plan(0, coach.WeightChange{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(struct {
		Today *coach.Today
		Plan  *coach.Plan
	}{s.Today(), p})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%s days=%+v weeks=%+v fitted=%+v mod=%+v", b, s.Days, s.Weeks, s.Fitted, s.Mod)
}

// An activity's content is fixed by its file: State.With keeps the runs
// of a history whose activities have the same FileHash, and builds them
// afresh when one comes from another file under the same id and start
// (its run replaced by a longer recording of it, as a re-import can).
func TestWithTellsFilesApart(t *testing.T) {
	h := history()
	for _, a := range h.Activities {
		a.FileHash = fmt.Sprint("file-", a.ID)
	}
	now := week0.AddDate(0, 0, 21)
	before := coach.NewState(h, now)

	same := h
	same.Activities = append([]*coach.Activity(nil), h.Activities...)
	last := *same.Activities[len(same.Activities)-1]
	same.Activities[len(same.Activities)-1] = &last
	if &before.With(same, now).Entries[0] != &before.Entries[0] {
		t.Error("the same files under a copy of the history rebuilt the runs: With should keep them")
	}

	longer := *run(last.ID, last.Start, 16, 135)
	longer.FileHash = "another file"
	other := same
	other.Activities = append([]*coach.Activity(nil), same.Activities...)
	other.Activities[len(other.Activities)-1] = &longer
	st := before.With(other, now)
	if got := st.Entries[len(st.Entries)-1].Run.DistanceM; got != 16000 {
		t.Errorf("after its file changed, the last run is %.0f m, want 16000 (the new file's)", got)
	}
}
