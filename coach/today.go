package coach

import (
	"sort"
	"time"

	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// SorenessNow is one muscle's soreness at the moment.
type SorenessNow struct {
	Muscle recovery.Muscle `json:"muscle"`
	Value  float64         `json:"value"`
	Source string          `json:"source"` // "check-in" or "forecast"
	// In24h is the forecast for the same time tomorrow.
	In24h float64 `json:"in_24h"`
}

// Today is today's readiness and checklist.
type Today struct {
	Date            string             `json:"date"`
	Readiness       ReadinessScore     `json:"readiness"`
	Recommendation  string             `json:"recommendation"`
	Reasons         []string           `json:"reasons"`
	Factors         []recovery.Factor  `json:"factors"`
	SorenessNow     []SorenessNow      `json:"soreness_now"`
	Steps           []Step             `json:"steps"`
	Warnings        []Warning          `json:"warnings"`
	SeeProfessional SeeProfessional    `json:"see_professional"`
	LastRun         *PlanRun           `json:"last_run"`
	EasyAt          *time.Time         `json:"easy_at"`
	ReadyAt         *time.Time         `json:"ready_at"`
	CheckedIn       bool               `json:"checked_in"`
	Disclaimer      string             `json:"disclaimer"`
	recovery        *recovery.Recovery `json:"-"`
}

// ReadinessScore wraps the score so that JSON reads readiness.score.
type ReadinessScore struct {
	Score int `json:"score"`
}

// RecentDays is how far back runs still shape today's advice.
const RecentDays = 7

// Today returns today's readiness, soreness and checklist at s.Now,
// computed once per State. Callers must not change it.
func (s *State) Today() *Today {
	s.todayOnce.Do(func() { s.today = s.computeToday() })
	return s.today
}

func (s *State) computeToday() *Today {
	now := s.Now
	t := &Today{Date: now.Format("2006-01-02"), Steps: []Step{}, Warnings: []Warning{}, Disclaimer: Disclaimer}
	p := s.Params()
	// When the recent runs allow easy and hard running again: their plans'
	// recovery times (the checklist needs the plans too).
	var easyAt, readyAt time.Time
	for _, e := range s.Entries {
		if now.Sub(e.Run.End) > RecentDays*24*time.Hour {
			continue
		}
		plan, err := s.Plan(e.A.ID, WeightChange{})
		if err != nil {
			continue
		}
		rec := plan.Recovery
		if rec.EasyAt.After(easyAt) {
			easyAt = rec.EasyAt
		}
		if rec.ReadyAt.After(readyAt) {
			readyAt = rec.ReadyAt
		}
	}
	if !easyAt.IsZero() {
		easyAt, readyAt = easyAt.In(now.Location()), readyAt.In(now.Location())
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
		t.SeeProfessional = latest.SeeProfessional
	} else {
		t.SeeProfessional = s.redFlags(now)
	}
	var hist []recovery.CheckIn
	for _, c := range s.H.CheckIns {
		if c.Date.Before(now) {
			hist = append(hist, c)
		}
	}
	r := recovery.ComputeReadiness(recovery.ReadinessInput{Now: now, Load: s.Day(now), Soreness: soreNow, Today: today,
		History: hist, EasyAt: easyAt, ReadyAt: readyAt, RedFlag: t.SeeProfessional.Needed})
	t.Readiness = ReadinessScore{Score: r.Score}
	t.Recommendation, t.Reasons, t.Factors = string(r.Recommendation), r.Reasons, r.Factors
	if today == nil {
		t.Reasons = append(t.Reasons, "no check-in today: rebound checkin makes this more accurate")
	}
	t.Steps = s.checklist(r.Recommendation, latest)
	if latest != nil {
		t.Warnings = latest.Warnings
	}
	return t
}

// checklist returns today's steps: what the recent runs' plans schedule
// for today, and the step that matches the recommendation.
func (s *State) checklist(rec recovery.Recommendation, latest *Plan) []Step {
	now := s.Now
	y, m, d := now.Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	dayEnd := dayStart.AddDate(0, 0, 1)
	seen := map[string]bool{}
	out := []Step{} // never null in JSON, even with no runs
	add := func(st Step) {
		if !seen[st.ID] {
			seen[st.ID] = true
			out = append(out, st)
		}
	}
	if rec == recovery.Rest {
		if latest != nil {
			for _, st := range latest.Steps {
				if st.ID == "see-professional" || st.ID == "passive-rest" {
					add(st)
				}
			}
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
			if st.Phase == "long-term" && st.ID != "strength" {
				continue
			}
			if !st.StartAt.Before(dayEnd) || !st.EndAt.After(dayStart) {
				continue
			}
			if !allowed(rec, st.ID) {
				continue
			}
			add(st)
		}
	}
	return focus(out, rec)
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
	lead := map[recovery.Recommendation]string{recovery.Rest: "rest-day", recovery.ActiveRecovery: "active-recovery", recovery.EasyRun: "easy-run"}[rec]
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
// a rest day, no strength on an active-recovery or rest day.
func allowed(rec recovery.Recommendation, id string) bool {
	switch rec {
	case recovery.Rest:
		return id != "easy-run" && id != "strength" && id != "active-recovery" && id != "cross-training"
	case recovery.ActiveRecovery:
		return id != "easy-run" && id != "strength"
	}
	return true
}
