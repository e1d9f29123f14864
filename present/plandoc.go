package present

import (
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/recovery"
)

// The JSON of `rebound plan --json` and GET /api/v1/plan/{id}
// (docs/json.md): the coach.Plan document and its parts under their
// stable key names. Each mirror has a field of the same name for each
// exported field of its coach or recovery type (TestMirrorsCoverDomain);
// where the fields match one to one, a Go struct conversion fills it. A
// mirror shares its domain value's slices and pointed-to values: it is
// for encoding, not for changing.

// PlanJSON is the recovery plan after one run (coach.Plan).
type PlanJSON struct {
	Run             PlanRunJSON         `json:"run"`
	Recovery        RecoveryJSON        `json:"recovery"`
	Soreness        []MusclePeakJSON    `json:"soreness"`
	EarlierSoreness []MuscleValueJSON   `json:"earlier_soreness"`
	Nutrition       NutritionJSON       `json:"nutrition"`
	Steps           []StepJSON          `json:"steps"`
	Skipped         []SkippedJSON       `json:"skipped"`
	Warnings        []WarningJSON       `json:"warnings"`
	SeeProfessional SeeProfessionalJSON `json:"see_professional"`
	OnHold          string              `json:"on_hold,omitempty"`
	Params          ParamsJSON          `json:"model_params"`
	Disclaimer      string              `json:"disclaimer"`
}

// NewPlanJSON is the JSON document of a plan.
func NewPlanJSON(p *coach.Plan) PlanJSON {
	return PlanJSON{
		Run:             PlanRunJSON(p.Run),
		Recovery:        RecoveryJSON(p.Recovery),
		Soreness:        each(p.Soreness, func(m coach.MusclePeak) MusclePeakJSON { return MusclePeakJSON(m) }),
		EarlierSoreness: each(p.EarlierSoreness, func(m coach.MuscleValue) MuscleValueJSON { return MuscleValueJSON(m) }),
		Nutrition:       NewNutritionJSON(p.Nutrition),
		Steps:           NewStepsJSON(p.Steps),
		Skipped:         each(p.Skipped, func(s coach.Skipped) SkippedJSON { return SkippedJSON(s) }),
		Warnings:        newWarningsJSON(p.Warnings),
		SeeProfessional: NewSeeProfessionalJSON(p.SeeProfessional),
		OnHold:          p.OnHold,
		Params:          ParamsJSON(p.Params),
		Disclaimer:      p.Disclaimer,
	}
}

// each maps a slice, keeping nil nil (JSON null) and empty empty ([]),
// so that a mirror encodes as its domain value did.
func each[T, U any](in []T, f func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, len(in))
	for i, x := range in {
		out[i] = f(x)
	}
	return out
}

// RangeJSON is a {min, max} quantity (coach.Range).
type RangeJSON struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// StepJSON is one recommendation of a plan or of today's checklist
// (coach.Step).
type StepJSON struct {
	ID           string    `json:"id"`
	Phase        string    `json:"phase"`
	StartH       float64   `json:"start_h"`
	EndH         float64   `json:"end_h"`
	Title        string    `json:"title"`
	Dose         string    `json:"dose"`
	How          string    `json:"how"`
	Why          string    `json:"why"`
	Evidence     string    `json:"evidence"`
	Sources      []string  `json:"sources"`
	Note         string    `json:"note,omitempty"`
	StartAt      time.Time `json:"start_at"`
	EndAt        time.Time `json:"end_at"`
	Disagreement string    `json:"disagreement,omitempty"`
	Priority     int       `json:"priority"`
	Group        string    `json:"group,omitempty"`
	Focus        []string  `json:"focus,omitempty"`
	UntilCleared bool      `json:"until_cleared,omitempty"`
}

// NewStepsJSON is the JSON of a list of steps.
func NewStepsJSON(steps []coach.Step) []StepJSON {
	return each(steps, func(s coach.Step) StepJSON { return StepJSON(s) })
}

// StepsOf reads steps back from their JSON (NewStepsJSON's inverse), for
// a Go client of the CLI's or the API's JSON such as the tests that
// compare the surfaces.
func StepsOf(steps []StepJSON) []coach.Step {
	return each(steps, func(s StepJSON) coach.Step { return coach.Step(s) })
}

// WarningJSON is something the runner should know (coach.Warning).
type WarningJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func newWarningsJSON(ws []coach.Warning) []WarningJSON {
	return each(ws, func(w coach.Warning) WarningJSON { return WarningJSON(w) })
}

// SeeProfessionalJSON says whether a red flag calls for a professional
// (coach.SeeProfessional).
type SeeProfessionalJSON struct {
	Needed     bool            `json:"needed"`
	Urgency    string          `json:"urgency,omitempty"`
	Reasons    []string        `json:"reasons"`
	Since      *string         `json:"since,omitempty"`
	Clear      string          `json:"clear,omitempty"`
	ClearSteps []ClearStepJSON `json:"clear_steps,omitempty"`
}

// NewSeeProfessionalJSON is the JSON of a red flag.
func NewSeeProfessionalJSON(sp coach.SeeProfessional) SeeProfessionalJSON {
	return SeeProfessionalJSON{Needed: sp.Needed, Urgency: sp.Urgency, Reasons: sp.Reasons, Since: sp.Since, Clear: sp.Clear,
		ClearSteps: each(sp.ClearSteps, func(c coach.ClearStep) ClearStepJSON { return ClearStepJSON(c) })}
}

// ClearStepJSON is one thing that clears a red flag (coach.ClearStep).
type ClearStepJSON struct {
	How string `json:"how"`
	By  string `json:"by"`
}

// SkippedJSON is a technique left out of a plan, and why (coach.Skipped).
type SkippedJSON struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Reason string   `json:"reason"`
	Needs  []string `json:"needs,omitempty"`
}

// MusclePeakJSON is one muscle's forecast peak (coach.MusclePeak).
type MusclePeakJSON struct {
	Muscle    recovery.Muscle `json:"muscle"`
	Peak      float64         `json:"peak"`
	PeakHours float64         `json:"peak_hours"`
}

// MuscleValueJSON is one muscle's soreness at a moment (coach.MuscleValue).
type MuscleValueJSON struct {
	Muscle recovery.Muscle `json:"muscle"`
	Value  float64         `json:"value"`
}

// MuscleValuesOf reads muscle values back from their JSON (as StepsOf).
func MuscleValuesOf(ms []MuscleValueJSON) []coach.MuscleValue {
	return each(ms, func(m MuscleValueJSON) coach.MuscleValue { return coach.MuscleValue(m) })
}

// PlanRunJSON identifies the run a plan is for (coach.PlanRun).
type PlanRunJSON struct {
	ID        int64            `json:"id"`
	Kind      recovery.Kind    `json:"kind"`
	Workout   recovery.Workout `json:"workout,omitempty"`
	KindWhy   []string         `json:"kind_reasons"`
	Sport     string           `json:"sport"`
	Start     time.Time        `json:"start"`
	End       time.Time        `json:"end"`
	Name      string           `json:"name"`
	DistanceM float64          `json:"distance_m"`
	Load      float64          `json:"load"`
	LoadFrom  string           `json:"load_source"`
}

// NutritionJSON is the first hours' food and drink (coach.Nutrition).
type NutritionJSON struct {
	CarbsG         RangeJSON  `json:"carbs_g"`
	ProteinG       RangeJSON  `json:"protein_g"`
	FastCarbsGPerH *RangeJSON `json:"fast_carbs_g_per_h,omitempty"`
	FastHours      int        `json:"fast_hours,omitempty"`
	NextMeal       bool       `json:"next_meal"`
	FluidML        RangeJSON  `json:"fluid_ml"`
	FluidFrom      string     `json:"fluid_from"`
	Electrolytes   bool       `json:"electrolytes"`
	Notes          []string   `json:"notes"`
}

// NewNutritionJSON is the JSON of a plan's nutrition.
func NewNutritionJSON(n coach.Nutrition) NutritionJSON {
	return NutritionJSON{CarbsG: RangeJSON(n.CarbsG), ProteinG: RangeJSON(n.ProteinG), FastCarbsGPerH: (*RangeJSON)(n.FastCarbsGPerH),
		FastHours: n.FastHours, NextMeal: n.NextMeal, FluidML: RangeJSON(n.FluidML), FluidFrom: n.FluidFrom, Electrolytes: n.Electrolytes,
		Notes: n.Notes}
}

// RecoveryJSON is how long until the legs are ready again after a run
// (recovery.Recovery).
type RecoveryJSON struct {
	EasyH   float64   `json:"easy_hours"`
	HardH   float64   `json:"hard_hours"`
	ReadyAt time.Time `json:"ready_at"`
	EasyAt  time.Time `json:"easy_at"`
	Reasons []string  `json:"reasons"`
	DeviceH *float64  `json:"device_hours"`
}

// ParamsJSON are the per-runner parameters of the soreness model
// (recovery.Params).
type ParamsJSON struct {
	Gain  float64 `json:"gain"`
	PeakH float64 `json:"peak_h"`
}
