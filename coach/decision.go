package coach

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// What can decide the day, in the order that breaks a tie: the first of
// the most restrictive candidates decides.
const (
	ByRedFlag          = "red-flag"          // a red-flag symptom not cleared
	ByInjury           = "injury"            // the injury condition in the profile
	ByLastingSoreness  = "lasting-soreness"  // rated sore for more than a week
	ByNoData           = "no-data"           // no runs and no check-ins
	ByReturn           = "return"            // a red-flag symptom cleared under ReturnDays ago
	ByReportedSoreness = "reported-soreness" // a muscle rated over a limit this morning
	ByForecast         = "forecast-soreness" // a muscle forecast over a limit
	ByClock            = "recovery-clock"    // the recent runs' recovery times
	ByHRV              = "hrv"               // a morning HRV far outside the normal range
	ByReadiness        = "readiness"         // the readiness score's band
	ByBreak            = "break"             // no run for BreakDays or more, or none yet
)

// BreakDays is how long without running makes the next runs a return:
// easy runs only, whatever the score says. Three weeks is about when
// detraining starts to show in endurance runners (Mujika & Padilla 2000
// review: VO2max falls measurably within 2-4 weeks of stopping); the
// exact number is Rebound's rule.
const BreakDays = 21

// Decision is the day's one call: what to do, and the one factor that
// decided it. Readiness, the checklist, the soreness page and the week
// all follow it.
type Decision struct {
	Recommendation recovery.Recommendation
	// By is what decided (one of the By… constants); Reason says it in a
	// sentence, with the numbers.
	By     string
	Reason string
	// Score is the readiness score as shown: the raw score held at the
	// top of the recommendation's band (recovery.BandTop); nil with no
	// data.
	Score *int
	// RawScore is 100 less the factors' penalties, before the hold.
	RawScore int
	// Flag is the red flag standing, if any.
	Flag *Flag
}

// candidate is one factor's view of the day.
type candidate struct {
	rec    recovery.Recommendation
	by     string
	reason string
}

// decide joins the readiness score, the runner's reported and forecast
// soreness, the recovery clocks, a red flag and the runner's recent
// running into the day's one recommendation: the most restrictive of
// them, named by what decided it.
func (s *State) decide(r recovery.Readiness, sore []SorenessNow, c clocks, flag *Flag) Decision {
	now := s.Now
	if flag == nil && len(s.Entries) == 0 && len(s.H.CheckIns) == 0 {
		return Decision{Recommendation: recovery.NoData, By: ByNoData, Reason: NoDataReason}
	}
	var cs []candidate
	if flag != nil {
		cs = append(cs, candidate{recovery.Rest, flag.By(), flag.Reason()})
	} else if ret := s.Returning(); ret != nil {
		cs = append(cs, candidate{recovery.EasyRun, ByReturn, ret.Reason(now)})
	}
	// Soreness over a limit: rated this morning, or forecast for the
	// muscles not rated.
	for _, src := range []string{"check-in", "forecast"} {
		by := map[string]string{"check-in": ByReportedSoreness, "forecast": ByForecast}[src]
		worst, muscle := 0.0, recovery.Muscle("")
		for _, sn := range sore {
			if sn.Source == src && sn.Value > worst {
				worst, muscle = sn.Value, sn.Muscle
			}
		}
		what := map[string]string{"check-in": "rated", "forecast": "forecast"}[src]
		switch {
		case worst > recovery.EasySorenessLimit:
			cs = append(cs, candidate{recovery.ActiveRecovery, by, fmt.Sprintf(
				"your %s are %s %s/10 sore, over %s/10: move gently today, no running", muscle.Name(), what, num1(worst), num1(recovery.EasySorenessLimit))})
		case worst > recovery.HardSorenessLimit:
			cs = append(cs, candidate{recovery.EasyRun, by, fmt.Sprintf(
				"your %s are %s %s/10 sore, over %s/10: an easy run at most, no hard session", muscle.Name(), what, num1(worst), num1(recovery.HardSorenessLimit))})
		}
	}
	switch {
	case now.Before(c.easyAt) && c.easyAt.Before(dayStart(now).Add(EasyByHour*time.Hour)) &&
		!(c.easyBy.Kind == recovery.Long && dayIndex(dayStart(c.easyBy.Run.End.In(now.Location())), now) <= s.restAfterLong()):
		// Easy running is fine by the afternoon: the day holds an easy
		// run from then, as the week plans it (EasyByHour), not a day of
		// active recovery that the week contradicts; but for the rest
		// days after a long run, which the week keeps too.
		cs = append(cs, candidate{recovery.EasyRun, ByClock, fmt.Sprintf("an easy run from %s at the earliest: %s %s until then",
			Moment(c.easyAt, now), s.yourRun(c.easyBy), needs(c.easyBy))})
	case now.Before(c.easyAt):
		cs = append(cs, candidate{recovery.ActiveRecovery, ByClock, fmt.Sprintf("%s %s until %s before an easy run",
			s.yourRun(c.easyBy), needs(c.easyBy), Moment(c.easyAt, now))})
	case now.Before(c.readyAt):
		cs = append(cs, candidate{recovery.EasyRun, ByClock, fmt.Sprintf("keep it easy: after %s, hard sessions are fine from %s",
			s.yourRun(c.readyBy), Moment(c.readyAt, now))})
	}
	for _, f := range r.Factors {
		if f.Limit != "" {
			cs = append(cs, candidate{f.Limit, ByHRV, f.Reason})
		}
	}
	band := recovery.Band(r.Score)
	cs = append(cs, candidate{band, ByReadiness, bandReason(band, r.Score)})
	if last, ok := s.lastRunEnd(); !ok {
		cs = append(cs, candidate{recovery.EasyRun, ByBreak, "no runs yet: start with easy runs of 20-30 min, three times a week"})
	} else if days := int(now.Sub(last).Hours() / 24); days >= BreakDays {
		cs = append(cs, candidate{recovery.EasyRun, ByBreak, fmt.Sprintf(
			"your last run was %d days ago: come back with easy runs for a week or two before any hard session", days)})
	}
	best := cs[0]
	for _, c := range cs[1:] {
		if c.rec.Stricter(best.rec) {
			best = c
		}
	}
	score := min(r.Score, recovery.BandTop(best.rec))
	return Decision{Recommendation: best.rec, By: best.by, Reason: best.reason, Score: &score, RawScore: r.Score, Flag: flag}
}

// NoDataReason is what today says with nothing to go on.
const NoDataReason = "Rebound has nothing to go on yet: import your runs (or upload them) and check in each morning, and it tells you how ready you are and how to recover"

func bandReason(band recovery.Recommendation, score int) string {
	switch band {
	case recovery.Rest:
		return fmt.Sprintf("readiness %d is low: take a rest day", score)
	case recovery.ActiveRecovery:
		return fmt.Sprintf("readiness %d: move gently, 20-30 min of walking, cycling or swimming", score)
	case recovery.EasyRun:
		return fmt.Sprintf("readiness %d: an easy run, not a hard one", score)
	}
	return fmt.Sprintf("readiness %d and recovered legs: a quality session is fine", score)
}

// lastRunEnd returns when the latest run (not cross-training) ended.
func (s *State) lastRunEnd() (time.Time, bool) {
	for i := len(s.Entries) - 1; i >= 0; i-- {
		if s.Entries[i].A.Sport.IsRun() {
			return s.Entries[i].Run.End, true
		}
	}
	return time.Time{}, false
}

// By names what the flag decides by.
func (f *Flag) By() string {
	switch {
	case len(f.Symptoms) > 0:
		return ByRedFlag
	case f.Injury:
		return ByInjury
	}
	return ByLastingSoreness
}

// Reason says why the flag stops training.
func (f *Flag) Reason() string {
	var parts []string
	for _, id := range f.Symptoms {
		if sym, ok := protocol.SymptomByID(id); ok {
			parts = append(parts, strings.ToLower(sym.Name[:1])+sym.Name[1:])
		}
	}
	if f.SoreDays > 0 {
		parts = append(parts, fmt.Sprintf("%s sore for %d days", f.Sore.Name(), f.SoreDays))
	}
	what := ""
	if len(parts) > 0 {
		what = "you reported " + strings.Join(parts, ", ")
	}
	if f.Injury {
		// Nothing was reported for an injury on the profile alone.
		what = strings.TrimPrefix(what+", and there is an injury in your profile", ", and ")
	}
	if f.Urgency == protocol.Urgent {
		return what + ": get medical care today; no training until a professional has seen you"
	}
	if f.Injury && len(parts) == 0 {
		return what + ": see a professional; no training on it until they have OK'd it"
	}
	return what + ": see a professional; no training until it is cleared"
}

// ClearHow says how the flag is cleared, in words every surface uses
// (each adds where to do it, from ClearSteps).
func (f *Flag) ClearHow() string {
	var how []string
	for _, c := range f.ClearSteps() {
		how = append(how, c.How)
	}
	return strings.Join(how, "; ")
}

// What clears a flag (ClearStep.By): a check-in that answers the symptom
// question without the symptom, the injury taken off the profile, a
// check-in that rates the sore muscle lower.
const (
	ClearBySymptoms = "symptoms"
	ClearByInjury   = "injury"
	ClearBySoreness = "soreness"
)

// How a symptom flag is cleared: only with a professional's OK for the
// symptoms that need it (protocol.Symptom.NeedsClearance: urgent ones and
// bone pain), else a professional's OK or the symptom settled.
const (
	ClearProfessional = "check in with no symptoms once a professional has seen you and cleared you to run"
	ClearSettled      = "check in with no symptoms once a professional has seen you or it has settled"
)

// ClearStep is one thing that clears a flag: How says it in words no
// surface's commands or links are in; By (a ClearBy… constant) lets each
// surface say where: the check-in, the profile.
type ClearStep struct {
	How string
	By  string
}

// ClearSteps lists what clears the flag, one step per part of it: the
// symptoms, the injury condition, lasting soreness.
func (f *Flag) ClearSteps() []ClearStep {
	var cs []ClearStep
	if len(f.Symptoms) > 0 {
		how := ClearSettled
		for _, id := range f.Symptoms {
			if sym, ok := protocol.SymptomByID(id); ok && sym.NeedsClearance() {
				how = ClearProfessional
			}
		}
		cs = append(cs, ClearStep{how, ClearBySymptoms})
	}
	if f.Injury {
		cs = append(cs, ClearStep{"take the injury off your profile once a professional has cleared you to run", ClearByInjury})
	}
	if f.SoreDays > 0 {
		cs = append(cs, ClearStep{fmt.Sprintf("it lifts when you rate your %s under %d/10", f.Sore.Name(), LastingSorenessMin), ClearBySoreness})
	}
	return cs
}

// num1 formats a soreness rating: "6", "2.5".
func num1(v float64) string {
	v = math.Round(v*10) / 10
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// clocks are the recent runs' recovery clocks that today waits for: the
// latest moment easy running, and hard sessions, are fine, and the run
// that set each.
type clocks struct {
	easyAt, readyAt time.Time
	easyBy, readyBy Entry
}

// yourRun names a recent run for a reason, with the day it was on: "your
// intervals on Tuesday", "your race yesterday", "your ride today".
func (s *State) yourRun(e Entry) string {
	return "your " + runNoun(e) + " " + OnDay(e.Run.End, s.Now)
}

// runNoun names what a run was: its workout ("intervals", "tempo run"),
// else its kind ("long run", "race"), a cross-training session by its
// sport ("ride").
func runNoun(e Entry) string {
	switch {
	case e.Kind == recovery.Cross && e.A != nil:
		return e.A.Sport.Noun()
	case e.Kind == recovery.Hard && e.Workout.Noun() != "":
		return e.Workout.Noun()
	}
	return e.Kind.Noun()
}

// needs is "need" after a plural run noun ("your intervals need"), else
// "needs".
func needs(e Entry) string {
	if strings.HasSuffix(runNoun(e), "s") {
		return "need"
	}
	return "needs"
}
