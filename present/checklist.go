package present

import (
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/store"
)

// Checklist is a day's recovery checklist with what the runner ticked
// (GET /api/v1/checklist, the Today page).
type Checklist struct {
	Date  string          `json:"date"` // YYYY-MM-DD, the runner's day
	Steps []ChecklistStep `json:"steps"`
}

// ChecklistStep is one step of the day's checklist (a plan step) and
// whether it is done.
type ChecklistStep struct {
	StepJSON
	Done   bool       `json:"done"`
	DoneAt *time.Time `json:"done_at"` // when it was ticked; null when not done
}

// NewChecklist joins today's steps with the day's ticks (by step id).
func NewChecklist(t *coach.Today, ticks map[string]store.Tick) Checklist {
	out := Checklist{Date: t.Date, Steps: make([]ChecklistStep, 0, len(t.Steps))}
	for _, st := range t.Steps {
		cs := ChecklistStep{StepJSON: StepJSON(st)}
		if tk, ok := ticks[st.ID]; ok {
			at := tk.At
			cs.Done, cs.DoneAt = true, &at
		}
		out.Steps = append(out.Steps, cs)
	}
	return out
}
