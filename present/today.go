package present

import (
	"cmp"
	"slices"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/protocol"
)

// When words a moment relative to now, in now's time zone: "now" once it
// has passed, "today 15:10", "tomorrow 08:00", "Thursday 15:10" within
// the week, else "Thu 27 Nov 15:10" (with the year when it is not now's).
func When(t, now time.Time) string {
	loc := now.Location()
	t = t.In(loc)
	if !t.After(now) {
		return "now"
	}
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, loc)
	switch {
	case t.Before(today.AddDate(0, 0, 1)):
		return "today " + t.Format("15:04")
	case t.Before(today.AddDate(0, 0, 2)):
		return "tomorrow " + t.Format("15:04")
	case t.Before(today.AddDate(0, 0, 7)):
		return t.Format("Monday 15:04")
	}
	return Day(t, now) + " " + t.Format("15:04")
}

// Day words a day: "Thu 27 Nov", with the year when it is not now's
// ("Thu 27 Nov 2025").
func Day(t, now time.Time) string {
	t = t.In(now.Location())
	if t.Year() != now.Year() {
		return t.Format("Mon 2 Jan 2006")
	}
	return t.Format("Mon 2 Jan")
}

// ReadyNote says, under the day's recommendation, when the legs are ready
// again (Today's EasyAt and ReadyAt): "Easy running from this afternoon, hard
// sessions from Friday morning" (Ready), "Hard sessions from tomorrow morning", or
// "Your legs have recovered from your recent runs" once both have passed
// (SorenessDecidesNote when soreness still holds the day);
// "" without a recent run, and while a red flag stands (its box says that
// there is no training until it is cleared).
func ReadyNote(t *coach.Today, now time.Time) string {
	switch {
	case t.SeeProfessional.Needed:
		return ""
	case t.ReadyAt != nil && t.ReadyAt.After(now) && (t.DecidedBy == coach.ByReadiness || t.DecidedBy == coach.ByHRV):
		// The clocks are the legs'; the body's signals hold today back,
		// and a hard session "from tomorrow evening" must not read as a
		// go beside them.
		return Ready(t.EasyAt, t.ReadyAt, now) + ReadinessFirstNote
	case t.ReadyAt != nil && t.ReadyAt.After(now):
		return Ready(t.EasyAt, t.ReadyAt, now)
	case t.LastRun != nil && (t.DecidedBy == coach.ByForecast || t.DecidedBy == coach.ByReportedSoreness):
		// The clocks have run out, but soreness holds the day: not
		// "recovered" beside "no hard session" (review 2, N2).
		return SorenessDecidesNote
	case t.LastRun != nil:
		return "Your legs have recovered from your recent runs"
	}
	return ""
}

// ReadinessFirstNote ends ReadyNote when readiness or HRV decided the
// day: the clocks say when the legs are ready, not that the runner is.
const ReadinessFirstNote = ", as far as your legs go; your readiness decides first"

// SorenessDecidesNote is ReadyNote once the recovery clocks have run out
// while soreness still holds the day back.
const SorenessDecidesNote = "The recovery clocks have run out; your soreness decides now: a morning check-in tells when it is low enough"

// FlagHeading is the heading of a red flag (coach.SeeProfessional) of an
// urgency (protocol.Urgent or Soon): what to do, in a few words.
func FlagHeading(urgency string) string {
	if protocol.Urgency(urgency) == protocol.Urgent {
		return "Get medical help now"
	}
	return "See a doctor or physiotherapist"
}

// FlagAdvice is the sentence under a red flag's heading: what stands
// (what the runner reported, or the injury on the profile) and what to do.
func FlagAdvice(sp coach.SeeProfessional) string {
	reported, injury := false, false
	for _, c := range sp.ClearSteps {
		switch c.By {
		case coach.ClearBySymptoms, coach.ClearBySoreness:
			reported = true
		case coach.ClearByInjury:
			injury = true
		}
	}
	what := "What you reported"
	switch {
	case injury && reported:
		what = "What you reported, with the injury on your profile,"
	case injury:
		if protocol.Urgency(sp.Urgency) != protocol.Urgent {
			return "Your profile says you have an injury. Don’t run on it and book a doctor, physiotherapist or sports-medicine professional within the next few days: " +
				"protect it the first days, then load it as pain allows once they have OK’d it."
		}
		what = "The injury on your profile"
	}
	if protocol.Urgency(sp.Urgency) == protocol.Urgent {
		return what + " can be serious. Don’t run, and don’t wait to see whether it passes: call emergency services or go to urgent care today."
	}
	return what + " is more than normal soreness. Stop running on it and book a doctor, physiotherapist or sports-medicine professional within the next few days."
}

// TenPercentRule is the one label of the weekly-distance guide (at most
// 10% more than the week before; protocol.TenPercentRuleCaveat says what
// it is worth), on the command line and the web.
const TenPercentRule = "10% rule"

// NoTraining is what a standing red flag means for training, before how
// to clear it.
const NoTraining = "No training until it is cleared."

// OnHold is how a plan's on-hold note (coach.Plan.OnHold) reads: "On hold:
// …"; "" without one.
func OnHold(note string) string {
	if note == "" {
		return ""
	}
	return "On hold: " + note
}

// PlanOrder returns a plan's steps in the order every surface shows them:
// by priority (coach.DoThis first), and within a priority by phase
// (protocol.Phases: the first hour first), as the web's timeline groups
// them; in the plan's order within a phase.
func PlanOrder(steps []coach.Step) []coach.Step {
	rank := map[string]int{}
	for i, p := range protocol.Phases() {
		rank[string(p)] = i
	}
	phase := func(s coach.Step) int {
		if r, ok := rank[s.Phase]; ok {
			return r
		}
		return len(rank)
	}
	out := slices.Clone(steps)
	slices.SortStableFunc(out, func(a, b coach.Step) int {
		if a.Priority != b.Priority {
			return cmp.Compare(a.Priority, b.Priority)
		}
		return cmp.Compare(phase(a), phase(b))
	})
	return out
}
