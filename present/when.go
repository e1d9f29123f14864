package present

import (
	"fmt"
	"github.com/rebound-run/rebound/activity"
	"math"
	"strings"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// The labels of a plan's two recovery clocks and of a plan on hold, the
// same on every surface.
const (
	EasyRunningLabel  = "Easy running"
	HardSessionsLabel = "Hard sessions"
	RunningLabel      = "Running"
	OnHoldLabel       = "On hold until the red flag is cleared"
)

// Ready says when the recent runs allow easy running and hard sessions
// again, as seen at now, in day and part of day (coach.Moment): "Easy
// running from tomorrow afternoon, hard sessions from Friday morning";
// only the hard sessions once easy running is fine; "" when both are (or
// while a red flag stands: today then has no clocks).
func Ready(easyAt, readyAt *time.Time, now time.Time) string {
	switch {
	case easyAt != nil && easyAt.After(now):
		return EasyRunningLabel + " from " + coach.Moment(*easyAt, now) + ", " +
			strings.ToLower(HardSessionsLabel) + " from " + coach.Moment(*readyAt, now)
	case readyAt != nil && readyAt.After(now):
		return HardSessionsLabel + " from " + coach.Moment(*readyAt, now)
	}
	return ""
}

// ReadyLine is one line of a plan's "legs ready": what, when, and a note.
type ReadyLine struct {
	Label, When, Note string
}

// LegsReady is a plan's "legs ready", as seen at now: when easy running
// and hard sessions are fine after the run, in day and part of day
// (coach.Moment), with the hours after the run; while the plan is on hold
// (a red flag stands) one line that says so and how to clear it, and no
// time at all (each surface adds where to clear it).
func LegsReady(p *coach.Plan, now time.Time) []ReadyLine {
	if p.OnHold != "" {
		return []ReadyLine{{Label: RunningLabel, When: OnHoldLabel, Note: "To clear it: " + p.SeeProfessional.Clear}}
	}
	r := p.Recovery
	after := "after the run" // a ride or swim is said as one
	if sp := activity.Sport(p.Run.Sport); p.Run.Kind == recovery.Cross && !sp.IsRun() {
		after = "after the " + sp.Noun()
	}
	hours := func(h float64) string {
		if h <= 0 {
			return "right " + after
		}
		return fmt.Sprintf("%.0f h %s", h, after)
	}
	return []ReadyLine{
		{EasyRunningLabel, fromMoment(r.EasyAt, now), hours(r.EasyH)},
		{HardSessionsLabel, fromMoment(r.ReadyAt, now), hours(r.HardH)},
	}
}

// fromMoment is when a clock ends, as seen at now: "now" once it has
// passed (a past moment, "yesterday morning", reads as a wait), else
// coach.Moment's words.
func fromMoment(t, now time.Time) string {
	if !t.After(now) {
		return "now"
	}
	return coach.Moment(t, now)
}

// LegsReadyLine is a plan's legs ready in one line, as seen at now: "Easy
// running from tomorrow afternoon, hard sessions from Friday morning"
// (Ready), "Your legs have recovered from this run" once both clocks have
// passed; "" while the plan is on hold.
func LegsReadyLine(p *coach.Plan, now time.Time) string {
	if p.OnHold != "" {
		return ""
	}
	if s := Ready(&p.Recovery.EasyAt, &p.Recovery.ReadyAt, now); s != "" {
		return s
	}
	return "Your legs have recovered from this run"
}

// UntilClearedWords is when a step that lasts until the red flag is
// cleared happens.
const UntilClearedWords = "until the red flag is cleared"

// phaseEndH is when each phase ends, in hours after the run: a window that
// ends later is not told with the phase's title ("first hour, within
// 72 h" contradicts itself).
var phaseEndH = map[protocol.Phase]float64{protocol.Immediate: 1, protocol.SameDay: 24, protocol.Days1to3: 72}

// StepWhen says when a plan's step happens, its phase and its window
// agreeing: "first hour, within 30 min", "days 1–3, 12–72 h after", only
// the window when it reaches past its phase ("within 72 h", "3.5–9 days
// after", "from today, all week"), the phase alone for a long-term habit
// ("this week and beyond", with the day it starts from when that is not
// the run's),
// "today" or "within the next few days" to see a professional (an urgent
// or another red flag), "until the red flag is cleared" for complete rest
// while one stands.
func StepWhen(st coach.Step) string {
	switch {
	case st.UntilCleared:
		return UntilClearedWords
	case st.ID == "see-professional":
		return seeWhen(st)
	case protocol.Phase(st.Phase) == protocol.LongTerm:
		if st.StartH >= 24 {
			return phaseWords(st.Phase) + ", from day " + fmt.Sprint(math.Floor(st.StartH/24)+1)
		}
		return phaseWords(st.Phase)
	}
	w := Window(st.StartH, st.EndH)
	if end, ok := phaseEndH[protocol.Phase(st.Phase)]; ok && st.EndH <= end {
		return phaseWords(st.Phase) + ", " + w
	}
	return w
}

// phaseWords is a phase's title inside a sentence: "first hour", "days
// 1–3", so that every step's timing reads alike ("first hour, within 30
// min" beside "within 72 h").
func phaseWords(phase string) string {
	t := PhaseTitle(phase)
	return strings.ToLower(t[:1]) + t[1:]
}

// seeWhen is when to see a professional: today for an urgent flag (a
// window of a day), within the next few days otherwise.
func seeWhen(st coach.Step) string {
	if st.EndAt.Sub(st.StartAt) <= 24*time.Hour {
		return "today"
	}
	return "within the next few days"
}

// StepWhenToday says when a step of today's checklist is due, as seen at
// now: "today" when it ends by midnight, "until Wednesday morning"
// (coach.Moment) within a few days, "this week" for a habit of the
// week; the red flag's steps as StepWhen says them.
func StepWhenToday(st coach.Step, now time.Time) string {
	switch {
	case st.UntilCleared:
		return UntilClearedWords
	case st.ID == "see-professional":
		return seeWhen(st)
	case st.EndAt.IsZero() || coach.OnDay(st.EndAt.Add(-time.Minute), now) == "today":
		return "today"
	case st.EndAt.Sub(now) >= coach.MomentDateDays*24*time.Hour:
		return "this week"
	}
	return "until " + coach.Moment(st.EndAt, now)
}
