package coach

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// SorenessNow is one muscle's soreness at the moment.
type SorenessNow struct {
	Muscle recovery.Muscle
	Value  float64
	Source string // "check-in" or "forecast"
	// In24h is the forecast for the same time tomorrow.
	In24h float64
}

// Today is today's readiness and checklist: one Decision, shown.
type Today struct {
	Date string
	// Readiness is null when there is nothing to go on (Recommendation
	// "no-data").
	Readiness      *ReadinessScore
	Recommendation string
	// DecidedBy is what decided the recommendation (a By… constant).
	DecidedBy       string
	Reasons         []string
	Factors         []recovery.Factor
	SorenessNow     []SorenessNow
	Steps           []Step
	Warnings        []Warning
	SeeProfessional SeeProfessional
	LastRun         *PlanRun
	EasyAt          *time.Time
	ReadyAt         *time.Time
	CheckedIn       bool
	Disclaimer      string
	decision        Decision
	recovery        *recovery.Recovery
	latest          *Plan // the latest run's plan, nil without runs
}

// Decision returns the decision Today shows.
func (t *Today) Decision() Decision { return t.decision }

// Score returns the readiness score, or 0 and false with no data.
func (t *Today) Score() (int, bool) {
	if t.Readiness == nil {
		return 0, false
	}
	return t.Readiness.Score, true
}

// ReadinessScore wraps the score so that JSON reads readiness.score.
type ReadinessScore struct {
	Score int
}

// RecentDays is how far back runs still shape today's advice.
const RecentDays = 7

// Today returns today's readiness, soreness and checklist at s.Now,
// computed once per State. Callers must not change it.
func (s *State) Today() *Today {
	s.todayOnce.Do(func() {
		t := *s.dayCore()
		strength := false
		if t.decision.Flag == nil {
			strength = s.Week().Days[0].Strength
		}
		t.Steps = s.checklist(t.decision, t.latest, strength)
		s.today = &t
	})
	return s.today
}

// dayCore is today without its checklist: the decision, readiness,
// soreness and clocks, computed once (the week reads it, and today's
// checklist reads the week).
func (s *State) dayCore() *Today {
	s.dayOnce.Do(func() { s.day = s.computeToday() })
	return s.day
}

func (s *State) computeToday() *Today {
	now := s.Now
	t := &Today{Date: now.Format("2006-01-02"), Steps: []Step{}, Warnings: []Warning{}, Disclaimer: Disclaimer}
	p := s.Params()
	flag := s.ActiveFlag()
	// When the recent runs allow easy and hard running again: their plans'
	// recovery times (the checklist needs the plans too).
	var c clocks
	for _, e := range s.Entries {
		if now.Sub(e.Run.End) > RecentDays*24*time.Hour {
			continue
		}
		plan, err := s.Plan(e.A.ID, WeightChange{})
		if err != nil {
			continue
		}
		rec := plan.Recovery
		if rec.EasyAt.After(c.easyAt) {
			c.easyAt, c.easyBy = rec.EasyAt, e
		}
		if rec.ReadyAt.After(c.readyAt) {
			c.readyAt, c.readyBy = rec.ReadyAt, e
		}
	}
	easyAt, readyAt := c.easyAt, c.readyAt
	if ret := s.Returning(); ret != nil && ret.Until.After(readyAt) {
		// A graded return holds hard sessions back until it ends.
		readyAt = ret.Until
		if easyAt.IsZero() {
			easyAt = now
		}
	}
	if !easyAt.IsZero() && flag == nil {
		easyAt, readyAt := easyAt.In(now.Location()), readyAt.In(now.Location())
		t.EasyAt, t.ReadyAt = &easyAt, &readyAt
	}
	// Soreness now: today's ratings where given, the forecast elsewhere.
	today := s.CheckInOn(now)
	t.CheckedIn = today != nil
	fc := recovery.SorenessAt(s.Contribs, p, s.Mod, now)
	tomorrow := recovery.SorenessAt(s.Contribs, p, s.Mod, now.Add(24*time.Hour))
	var soreNow recovery.MuscleLoad
	for k, m := range recovery.Muscles {
		sn := SorenessNow{Muscle: m, Value: round1(fc[k]), Source: "forecast", In24h: round1(tomorrow[k])}
		if today != nil {
			if v, ok := today.Soreness[m]; ok {
				sn.Value, sn.Source = v, "check-in"
				sn.In24h = ratingIn24h(v, fc[k], tomorrow[k])
			}
		}
		soreNow[k] = sn.Value
		t.SorenessNow = append(t.SorenessNow, sn)
	}
	sort.SliceStable(t.SorenessNow, func(a, b int) bool { return t.SorenessNow[a].Value > t.SorenessNow[b].Value })

	var latest *Plan
	if len(s.Entries) > 0 {
		latest, _ = s.Plan(0, WeightChange{})
		t.LastRun = &latest.Run
	}
	t.SeeProfessional = s.seeProfessional(flag)
	var hist []recovery.CheckIn
	for _, c := range s.H.CheckIns {
		if c.Date.Before(now) {
			hist = append(hist, c)
		}
	}
	r := recovery.ComputeReadiness(recovery.ReadinessInput{Now: now, Load: s.Day(now), Soreness: soreNow, Today: today, History: hist})
	if flag != nil && (len(flag.Symptoms) > 0 || flag.Injury) {
		for i, f := range r.Factors {
			// Fresh legs are no all-clear beside a red flag: the flag
			// is about pain, illness or an injury, not soreness.
			if f.ID == "soreness" && f.Status == "good" {
				r.Factors[i].Reason = FreshLegsUnderFlag
				if len(flag.Symptoms) == 0 {
					r.Factors[i].Reason = FreshLegsUnderInjury
				}
			}
		}
	}
	d := s.decide(r, t.SorenessNow, c, flag)
	t.decision = d
	t.Recommendation, t.DecidedBy, t.Factors = string(d.Recommendation), d.By, r.Factors
	t.Reasons = []string{d.Reason}
	if d.Score != nil {
		t.Readiness = &ReadinessScore{Score: *d.Score}
		if held := r.Score - *d.Score; held > 0 {
			// The hold is a factor of its own, so that the factors still
			// add up to the score.
			t.Factors = append(t.Factors, recovery.Factor{ID: "held", Name: "Held by today’s call", Value: fmt.Sprintf("at most %d", *d.Score),
				Penalty: float64(held), Status: "poor", Source: "Rebound's rule: the score never reads higher than the day's recommendation allows",
				Reason: fmt.Sprintf("readiness is held at %d, the top of the %s band: %s", *d.Score, strings.ReplaceAll(string(d.Recommendation), "-", " "), d.Reason)})
		}
		for _, f := range r.Factors {
			if f.Penalty >= 5 && f.Reason != d.Reason {
				t.Reasons = append(t.Reasons, f.Reason)
			}
		}
		if ret := s.Returning(); ret != nil && d.By != ByReturn {
			// The graded return holds the coming days too, even when
			// something stricter decides today.
			t.Reasons = append(t.Reasons, ret.Reason(now))
		}
		if today == nil {
			t.Reasons = append(t.Reasons, "no check-in today: a morning check-in makes this more accurate")
		}
	} else {
		t.Factors = []recovery.Factor{}
	}
	t.latest = latest
	if latest != nil {
		t.Warnings = latest.Warnings
	}
	return t
}

// FreshLegsUnderFlag is the soreness factor's reason when the legs are
// fresh but a red flag stands.
const FreshLegsUnderFlag = "little muscle soreness, which does not clear the red flag: what you reported is not soreness"

// FreshLegsUnderInjury is FreshLegsUnderFlag for an injury on the profile
// (nothing was reported).
const FreshLegsUnderInjury = "little muscle soreness, which does not clear the red flag: an injury is not soreness"

// seeProfessional is the referral a flag calls for: its urgency, a reason
// per symptom and how to clear it.
func (s *State) seeProfessional(f *Flag) SeeProfessional {
	sp := SeeProfessional{Reasons: []string{}}
	if f == nil {
		return sp
	}
	sp.Needed, sp.Urgency, sp.Clear, sp.ClearSteps = true, string(f.Urgency), f.ClearHow(), f.ClearSteps()
	if !f.Since.IsZero() {
		since := f.Since.Format("2006-01-02")
		sp.Since = &since
	}
	for _, id := range f.Symptoms {
		sym, _ := protocol.SymptomByID(id)
		sp.Reasons = append(sp.Reasons, sym.Why) // it names the symptom itself
	}
	if f.Injury {
		sp.Reasons = append(sp.Reasons, "Injury: your profile lists a current injury. Rest it and follow a professional's plan before you run again.")
	}
	if f.SoreDays > 0 {
		sp.Reasons = append(sp.Reasons, fmt.Sprintf("Lasting soreness: your %s have been sore for %d days; soreness past a week may be overtraining or an injury.", f.Sore.Name(), f.SoreDays))
	}
	return sp
}

// checklist returns today's steps: what the recent runs' plans schedule
// for the rest of today and fits the decision, led by the step that
// carries it out: never their more options (injury care among them,
// unless a sore spot was reported), strength only on a day the week puts
// it on. While a flag stands it is only what the flag allows.
func (s *State) checklist(d Decision, latest *Plan, strength bool) []Step {
	now := s.Now
	y, m, dd := now.Date()
	dayEnd := time.Date(y, m, dd, 0, 0, 0, 0, now.Location()).AddDate(0, 0, 1)
	seen := map[string]bool{}
	out := []Step{} // never null in JSON, even with no runs
	add := func(st Step) {
		if !seen[st.ID] {
			seen[st.ID] = true
			out = append(out, st)
		}
	}
	if d.Flag != nil {
		for _, t := range protocol.Techniques() {
			if t.Phase == protocol.LongTerm && t.ID != "balanced-nutrition" || !protocol.AllowedWhileFlagged(t.ID, d.Flag.Symptoms, d.Flag.Injury) {
				continue
			}
			if t.ID == "rehydrate" || t.ID == "refuel" {
				continue // a run's first-hour steps, not a day's
			}
			add(s.dayStep(t, now, dayEnd, d.Flag))
		}
		return focus(out, d.Recommendation)
	}
	if lead := leadStep[d.Recommendation]; lead != "" {
		if t, ok := protocol.ByID(lead); ok {
			add(s.dayStep(t, now, dayEnd, nil))
		}
	}
	for i := len(s.Entries) - 1; i >= 0; i-- {
		e := s.Entries[i]
		if now.Sub(e.Run.End) > RecentDays*24*time.Hour {
			break
		}
		p, err := s.Plan(e.A.ID, WeightChange{})
		if err != nil {
			continue
		}
		for _, st := range p.Steps {
			if st.Phase == string(protocol.LongTerm) && st.ID != "strength" {
				continue
			}
			// Only what is still open today: not expired, not later.
			if !st.StartAt.Before(dayEnd) || !st.EndAt.After(now) {
				continue
			}
			if !allowed(d.Recommendation, st.ID) || st.Priority == MoreOptions || st.ID == "strength" && !strength {
				continue
			}
			add(st)
		}
	}
	return focus(out, d.Recommendation)
}

// leadStep is the step that carries out each recommendation.
var leadStep = map[recovery.Recommendation]string{recovery.Rest: "rest-day", recovery.ActiveRecovery: "active-recovery", recovery.EasyRun: "easy-run"}

// dayStep is a technique as a step of today's checklist, open from now to
// the end of the day.
func (s *State) dayStep(t protocol.Technique, now, dayEnd time.Time, f *Flag) Step {
	st := stepOf(t.In(s.Units()), nil)
	st.StartAt, st.EndAt, st.Priority = now, dayEnd, DoThis
	switch {
	case f == nil:
	case t.ID == "see-professional":
		st.Dose = SeeProfessionalDose(f.Urgency)
		st.EndAt = now.Add(time.Duration(SeeProfessionalWithinH(f.Urgency)) * time.Hour)
	case t.ID == "passive-rest":
		st.Dose, st.UntilCleared = f.RestDose(), true
	case t.ID == "peace-love":
		st.Dose = PeaceLoveUnderFlag
	}
	return st
}

// ratingIn24h is tomorrow's soreness for a muscle rated v today, when
// the forecast is now and tomorrow: the rating carried along the model's
// shape (recovery.CarryForward).
func ratingIn24h(v, now, tomorrow float64) float64 {
	return round1(recovery.CarryForward(v, now, tomorrow, 24))
}

// ChecklistSize is how many steps today's checklist shows: the few that
// matter most, not the whole rule base (the run's plan has that).
const ChecklistSize = 6

// focus orders today's steps, the one that carries out the
// recommendation first, then by strength of evidence, and keeps the first
// ChecklistSize (a red-flag step is always kept). Expert practice (rest,
// sleep, stress) ranks above very-low evidence (specific claims that rest
// on mechanism or anecdote), unlike protocol.Grades: it is low-risk advice
// the checklist should not drop for a weakly supported one. A step of an
// unknown grade ranks last.
func focus(steps []Step, rec recovery.Recommendation) []Step {
	lead := leadStep[rec]
	grade := map[protocol.Grade]int{protocol.Moderate: 0, protocol.Low: 1, protocol.Practice: 2, protocol.VeryLow: 3}
	rank := func(st Step) int {
		switch {
		case st.ID == "see-professional":
			return -2
		case st.ID == lead || st.ID == "passive-rest":
			return -1
		}
		if r, ok := grade[protocol.Grade(st.Evidence)]; ok {
			return r
		}
		return len(grade)
	}
	sort.SliceStable(steps, func(i, j int) bool { return rank(steps[i]) < rank(steps[j]) })
	if len(steps) > ChecklistSize {
		steps = steps[:ChecklistSize]
	}
	return steps
}

// allowed says whether a step fits today's recommendation: no easy run on
// a rest day, no strength on an active-recovery or rest day, no rest day
// on a day that holds a run.
func allowed(rec recovery.Recommendation, id string) bool {
	switch rec {
	case recovery.Rest:
		return id != "easy-run" && id != "strength" && id != "active-recovery" && id != "cross-training"
	case recovery.ActiveRecovery:
		return id != "easy-run" && id != "strength"
	case recovery.EasyRun, recovery.QualityOK:
		return id != "rest-day"
	}
	return true
}
