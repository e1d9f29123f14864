package server

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/web"
)

// itemView is a plan's item (present.Item: a step, or a group of
// alternatives shown as one) as the "step" component shows it, in the
// CLI's words: its title, when (present.StepWhen or StepWhenToday), and
// for a group its why, each member's dose and grade, and the members'
// sources merged.
type itemView struct {
	ID       string // the step's id; a group's first member's (the one a tick records)
	IDs      string // a group's member ids, space-separated; "" for a step
	Priority int
	Phase    string
	Title    string
	Timing   string // when, in the words every surface uses
	Clock    string // the window as clock times, a secondary detail; optional
	Dose     string
	How      string
	Why      string
	Note     string
	Evidence string
	Sources  []string // cited in full
	// Disagreement is where the step's sources differ (a group's
	// members', each once).
	Disagreement string
	Members      []coach.Step // a group's steps; nil for a step
}

// itemView prepares an item, said to happen when.
func (v *view) itemView(it present.Item, when string) itemView {
	first := it.Steps[0]
	iv := itemView{ID: first.ID, Priority: it.Priority, Phase: first.Phase, Title: it.Title(), Timing: when,
		Why: it.Why(), Sources: present.Cite(it.Sources())}
	if it.Group == nil {
		iv.Dose, iv.How, iv.Note, iv.Evidence, iv.Disagreement = first.Dose, first.How, first.Note, first.Evidence, first.Disagreement
		return iv
	}
	ids := make([]string, len(it.Steps))
	var dis []string
	for i, st := range it.Steps {
		ids[i] = st.ID
		if st.Disagreement != "" {
			dis = append(dis, st.Disagreement)
		}
	}
	iv.IDs, iv.Members = strings.Join(ids, " "), it.Steps
	iv.Disagreement = strings.Join(present.Dedupe(dis), " ")
	return iv
}

// planItems are a plan's steps as the run page shows them: items in the
// order every surface gives them (present.PlanOrder), each said to happen
// as the CLI says it (present.StepWhen), with its window in clock times.
func (v *view) planItems(steps []coach.Step) []itemView {
	var out []itemView
	for _, it := range present.Items(present.PlanOrder(steps)) {
		iv := v.itemView(it, present.StepWhen(it.Steps[0]))
		iv.Clock = v.stepClock(it.Steps[0])
		out = append(out, iv)
	}
	return out
}

// todayItems are today's steps as items, each said to happen as `rebound
// today` says it (present.StepWhenToday).
func (v *view) todayItems(steps []coach.Step) []itemView {
	var out []itemView
	for _, it := range present.Items(steps) {
		out = append(out, v.itemView(it, present.StepWhenToday(it.Steps[0], v.st.Now)))
	}
	return out
}

// checkItems are the rows of today's checklist: one per item, titled as
// the CLI titles it, a group ticked by any of its members (present.Item's
// Ticked, as `rebound today` reads the ticks; its row then stands for that
// member, so that unticking it unticks the item), with when it is due as
// the detail. With a step id, only the row of the item holding it.
func checkItems(steps []present.ChecklistStep, now time.Time, of ...string) []web.ChecklistItem {
	plain := make([]coach.Step, len(steps))
	done := map[string]bool{}
	for i, s := range steps {
		plain[i] = coach.Step(s.StepJSON)
		done[s.ID] = s.Done
	}
	var out []web.ChecklistItem
	for _, it := range present.Items(plain) {
		if len(of) > 0 && !slices.ContainsFunc(it.Steps, func(s coach.Step) bool { return s.ID == of[0] }) {
			continue
		}
		id, ticked := it.Ticked(done)
		out = append(out, web.ChecklistItem{ID: id, Title: it.Title(), Detail: present.StepWhenToday(it.Steps[0], now), Done: ticked})
	}
	return out
}

// stepClock is a step's window as clock times, beside its words: "today
// 10:15–10:45", "today 22:00 to Thu 10:00"; "" for a step whose words
// say it all (until the red flag is cleared, seeing a professional, a
// long-term habit).
func (v *view) stepClock(st coach.Step) string {
	if st.StartAt.IsZero() || st.UntilCleared || st.ID == "see-professional" || st.EndH-st.StartH >= 6*24 {
		return ""
	}
	from, to := st.StartAt.In(v.loc), st.EndAt.In(v.loc)
	if sameDay(from, to) {
		return v.clock(from) + "–" + to.Format("15:04")
	}
	return v.clock(from) + " to " + v.clock(to)
}

// flagView is a red flag (coach.SeeProfessional) as the "redflag"
// component shows it, with where on the web each of its ClearSteps is
// done.
type flagView struct {
	coach.SeeProfessional
	Where []web.Link
}

// flag prepares a red flag: where to clear it is linked on the runner's
// own pages (a coach cannot clear it for them).
func (v *view) flag(sp coach.SeeProfessional) flagView {
	f := flagView{SeeProfessional: sp}
	if v.Own {
		f.Where = v.clearLinks(sp)
	}
	return f
}

// clearLinks are where a red flag's ClearSteps are done, each once: the
// check-in page for symptoms and lasting soreness, the profile's health
// conditions for an injury.
func (v *view) clearLinks(sp coach.SeeProfessional) []web.Link {
	var out []web.Link
	seen := map[string]bool{}
	for _, c := range sp.ClearSteps {
		var l web.Link
		switch c.By {
		case coach.ClearBySymptoms, coach.ClearBySoreness:
			l = web.Link{Label: "on the check-in page", Href: v.link("/checkin")}
		case coach.ClearByInjury:
			l = web.Link{Label: "under Health conditions in your profile", Href: v.link("/profile#conditions")}
		default:
			continue
		}
		if !seen[l.Href] {
			seen[l.Href] = true
			out = append(out, l)
		}
	}
	return out
}

// holdView is a plan's "legs ready" while it is on hold: the one line
// of present.LegsReady, and where to clear the flag.
type holdView struct {
	When, Note string
	Where      []web.Link
}

// skippedView is a technique left out of a plan: its name, why, and
// where to add the equipment it needs (the profile's equipment) when
// that is why.
type skippedView struct {
	Name, Reason string
	Href         string // "" when there is nothing to add, or in a coach's view
}

// skippedViews are a plan's left-out techniques, by name.
func (v *view) skippedViews(sk []coach.Skipped) []skippedView {
	var out []skippedView
	for _, s := range sk {
		sv := skippedView{Name: s.Name, Reason: withFirst(s.Reason, unicode.ToUpper)}
		if len(s.Needs) > 0 && v.Own {
			sv.Href = v.link("/profile#equipment")
		}
		out = append(out, sv)
	}
	return out
}
