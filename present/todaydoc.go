package present

import (
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/recovery"
)

// TodayJSON is the JSON of `rebound today --json`, `rebound checkin
// --json` and GET /api/v1/today (docs/json.md): today's readiness and
// checklist (coach.Today).
type TodayJSON struct {
	Date            string              `json:"date"`
	Readiness       *ReadinessScoreJSON `json:"readiness"`
	Recommendation  string              `json:"recommendation"`
	DecidedBy       string              `json:"decided_by"`
	Reasons         []string            `json:"reasons"`
	Factors         []FactorJSON        `json:"factors"`
	SorenessNow     []SorenessNowJSON   `json:"soreness_now"`
	Steps           []StepJSON          `json:"steps"`
	Warnings        []WarningJSON       `json:"warnings"`
	SeeProfessional SeeProfessionalJSON `json:"see_professional"`
	LastRun         *PlanRunJSON        `json:"last_run"`
	EasyAt          *time.Time          `json:"easy_at"`
	ReadyAt         *time.Time          `json:"ready_at"`
	CheckedIn       bool                `json:"checked_in"`
	Disclaimer      string              `json:"disclaimer"`
}

// NewTodayJSON is the JSON document of a day.
func NewTodayJSON(t *coach.Today) TodayJSON {
	return TodayJSON{
		Date:            t.Date,
		Readiness:       (*ReadinessScoreJSON)(t.Readiness),
		Recommendation:  t.Recommendation,
		DecidedBy:       t.DecidedBy,
		Reasons:         t.Reasons,
		Factors:         each(t.Factors, func(f recovery.Factor) FactorJSON { return FactorJSON(f) }),
		SorenessNow:     each(t.SorenessNow, func(s coach.SorenessNow) SorenessNowJSON { return SorenessNowJSON(s) }),
		Steps:           NewStepsJSON(t.Steps),
		Warnings:        newWarningsJSON(t.Warnings),
		SeeProfessional: NewSeeProfessionalJSON(t.SeeProfessional),
		LastRun:         (*PlanRunJSON)(t.LastRun),
		EasyAt:          t.EasyAt,
		ReadyAt:         t.ReadyAt,
		CheckedIn:       t.CheckedIn,
		Disclaimer:      t.Disclaimer,
	}
}

// ReadinessScoreJSON wraps the score so that JSON reads readiness.score
// (coach.ReadinessScore).
type ReadinessScoreJSON struct {
	Score int `json:"score"`
}

// FactorJSON is one input of readiness with its effect (recovery.Factor).
type FactorJSON struct {
	ID      string                  `json:"id"`
	Name    string                  `json:"name"`
	Value   string                  `json:"value"`
	Penalty float64                 `json:"penalty"`
	Status  string                  `json:"status"`
	Reason  string                  `json:"reason"`
	Source  string                  `json:"source"`
	Limit   recovery.Recommendation `json:"limit,omitempty"`
}

// SorenessNowJSON is one muscle's soreness at the moment
// (coach.SorenessNow).
type SorenessNowJSON struct {
	Muscle recovery.Muscle `json:"muscle"`
	Value  float64         `json:"value"`
	Source string          `json:"source"`
	In24h  float64         `json:"in_24h"`
}
