package coach

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// Disclaimer ends every plan: Rebound informs, it does not diagnose.
const Disclaimer = "Rebound informs; it does not diagnose. For pain, injury or a health condition, ask a doctor or physiotherapist."

// Range is a {min, max} quantity.
type Range struct {
	Min float64
	Max float64
}

// Step is one recommendation of a plan.
type Step struct {
	ID       string
	Phase    string
	StartH   float64
	EndH     float64
	Title    string
	Dose     string
	How      string
	Why      string
	Evidence string
	Sources  []string
	Note     string // a modification for this runner
	// StartAt and EndAt are the window as clock times (the run's end
	// plus StartH and EndH).
	StartAt time.Time
	EndAt   time.Time
	// Disagreement says where the sources differ and what Rebound chose.
	Disagreement string
	// Priority is 1 (do this), 2 (helpful) or 3 (more options).
	Priority int
	// Group names the alternatives the step is one of (protocol.Groups):
	// do one of the group, not all.
	Group string
	// Focus lists the muscle groups to work on, for steps that target
	// muscles: those this run loaded most and those reported sore.
	Focus []string
	// UntilCleared is set on a step that lasts until the red flag is
	// cleared, whatever its window says (complete rest while a flag
	// stands).
	UntilCleared bool
}

// The step priorities.
const (
	DoThis      = 1
	Helpful     = 2
	MoreOptions = 3
)

// Warning is something the runner should know.
type Warning struct {
	Code    string
	Message string
}

// SeeProfessional says whether a red flag calls for a professional: while
// it is Needed, no plan, checklist or week suggests training.
type SeeProfessional struct {
	Needed  bool
	Urgency string // urgent or soon
	Reasons []string
	// Since is the day the standing symptom was first reported
	// (YYYY-MM-DD); null for a flag from the profile.
	Since *string
	// Clear says how the flag is cleared (ClearSteps' words joined).
	Clear string
	// ClearSteps are what clears it, each with what it concerns, so
	// that each surface can say where to do it.
	ClearSteps []ClearStep
}

// Skipped is a technique left out of a plan, and why.
type Skipped struct {
	ID     string
	Name   string
	Reason string
	// Needs lists the equipment ids of which the runner has none, when
	// that is why (each surface says where to add it).
	Needs []string
}

// MusclePeak is one muscle's forecast peak.
type MusclePeak struct {
	Muscle    recovery.Muscle
	Peak      float64
	PeakHours float64 // after the run's end
}

// MuscleValue is one muscle's soreness at a moment.
type MuscleValue struct {
	Muscle recovery.Muscle
	Value  float64
}

// EarlierSorenessMin is the soreness left by earlier runs that a plan
// mentions (a bar's width on the CLI's 0-10 scale).
const EarlierSorenessMin = 0.5

// PlanRun identifies the run a plan is for.
type PlanRun struct {
	ID        int64
	Kind      recovery.Kind
	Workout   recovery.Workout // what a hard session (or the hard part of a long run or race) was
	KindWhy   []string
	Sport     string
	Start     time.Time
	End       time.Time
	Name      string
	DistanceM float64
	Load      float64
	LoadFrom  string
}

// Nutrition is the first hours' food and drink.
type Nutrition struct {
	CarbsG   Range
	ProteinG Range
	// FastCarbsGPerH, when set, is fast refuelling: grams of
	// carbohydrate an hour for FastHours when the next session came
	// within protocol.NextSessionFastH.
	FastCarbsGPerH *Range
	FastHours      int
	// NextMeal is set after a short easy run: the next normal meal can be
	// the refuel if it is within the hour.
	NextMeal bool
	FluidML  Range
	// FluidFrom says how the fluid was worked out: "weights" (1.25-1.5 ×
	// the loss), "estimate" (from duration, intensity and temperature) or
	// "default" (16-24 fl oz, for short runs).
	FluidFrom    string
	Electrolytes bool
	Notes        []string
}

// Plan is the recovery plan after one run.
type Plan struct {
	Run      PlanRun
	Recovery recovery.Recovery
	Soreness []MusclePeak
	// EarlierSoreness is what earlier runs had left when this run ended
	// (EarlierSorenessMin or more, highest first): Soreness is this
	// run's own.
	EarlierSoreness []MuscleValue
	Nutrition       Nutrition
	Steps           []Step
	Skipped         []Skipped
	Warnings        []Warning
	SeeProfessional SeeProfessional
	// OnHold, while a red flag stands, says that no running, strength or
	// cross-training is planned until it is cleared; Recovery's clocks
	// wait for it.
	OnHold     string
	Params     recovery.Params
	Disclaimer string
}

// WeightChange is the runner's weight before and after the run, when
// weighed (0 when not).
type WeightChange struct{ BeforeKg, AfterKg float64 }

// Plan builds the recovery plan after the activity with id (0 = the
// latest). It returns ENOTFOUND when there is no such activity. Plans
// without weights are computed once per State; a plan with weights reuses
// that plan's forecasts (soreness, recovery time, red flags) and works out
// again only what the weights change: the fluid advice, the steps that
// quote it and the warnings. Callers must not change the result.
func (s *State) Plan(id int64, w WeightChange) (*Plan, error) {
	base, err := s.basePlan(id)
	if err != nil || w == (WeightChange{}) {
		return base, err
	}
	p := *base
	p.Steps, p.Skipped, p.Warnings = []Step{}, []Skipped{}, []Warning{}
	s.advise(&p, s.Entries[s.Index(base.Run.ID)], w)
	return &p, nil
}

// basePlan is the plan without weights, memoised by the run's id (the
// latest run's under 0 too, so that Today and the latest run's page share
// it). Concurrent first calls may each compute it; all get the one kept.
func (s *State) basePlan(id int64) (*Plan, error) {
	if n := len(s.Entries); id == 0 && n > 0 {
		id = s.Entries[n-1].A.ID
	}
	if p, ok := s.plans.Load(id); ok {
		return p.(*Plan), nil
	}
	p, err := s.computePlan(id)
	if err != nil {
		return nil, err
	}
	kept, _ := s.plans.LoadOrStore(id, p)
	return kept.(*Plan), nil
}

func (s *State) computePlan(id int64) (*Plan, error) {
	i := len(s.Entries) - 1
	if id != 0 {
		i = s.Index(id)
	}
	if i < 0 {
		if id == 0 {
			return nil, rebound.Errorf(rebound.ENOTFOUND, "no activities yet")
		}
		return nil, rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", id)
	}
	e := s.Entries[i]
	p := s.Params()
	rec := recovery.RecoveryTime(e.Run, s.Contribs, i, p, s.Mod)
	plan := &Plan{
		Run: PlanRun{ID: e.A.ID, Kind: e.Kind, Workout: e.Workout, KindWhy: e.Why, Sport: string(e.A.Sport), Start: e.A.Start,
			End: e.Run.End, Name: cmp.Or(e.A.UserName, e.A.Name), DistanceM: e.A.Summary.DistanceM, Load: round1(e.Session.Load), LoadFrom: e.Session.Source},
		Recovery: rec, Params: p, Disclaimer: Disclaimer,
		Steps: []Step{}, Skipped: []Skipped{}, Warnings: []Warning{}, SeeProfessional: SeeProfessional{Reasons: []string{}},
	}
	// This run's own soreness forecast, and what earlier runs had left
	// when it ended.
	f := recovery.ForecastFrom(s.Contribs[i:i+1], p, s.Mod, e.Run.End)
	for _, m := range recovery.Muscles {
		peak, h := f.PeakOf(m)
		plan.Soreness = append(plan.Soreness, MusclePeak{Muscle: m, Peak: round1(peak), PeakHours: float64(h)})
	}
	sort.SliceStable(plan.Soreness, func(a, b int) bool { return plan.Soreness[a].Peak > plan.Soreness[b].Peak })
	plan.EarlierSoreness = []MuscleValue{}
	left := recovery.SorenessAt(s.Contribs[:i], p, s.Mod, e.Run.End)
	for k, m := range recovery.Muscles {
		if v := round1(left[k]); v >= EarlierSorenessMin {
			plan.EarlierSoreness = append(plan.EarlierSoreness, MuscleValue{m, v})
		}
	}
	sort.SliceStable(plan.EarlierSoreness, func(a, b int) bool { return plan.EarlierSoreness[a].Value > plan.EarlierSoreness[b].Value })
	flag := s.ActiveFlag()
	plan.SeeProfessional = s.seeProfessional(flag)
	if flag != nil {
		plan.OnHold = flag.Reason() + ". To clear it: " + flag.ClearHow() + "."
	}
	s.advise(plan, e, WeightChange{})
	return plan, nil
}

// advise fills a plan's nutrition, steps and warnings from its forecasts
// (Recovery, Soreness, SeeProfessional) and the runner's weights.
func (s *State) advise(plan *Plan, e Entry, w WeightChange) {
	plan.Nutrition = s.nutrition(e, w, &plan.Warnings)
	conds := s.conditions(e, plan.Recovery)
	s.steps(plan, e, plan.Recovery, conds, plan.Soreness[0].Peak)
	plan.Warnings = append(plan.Warnings, s.warnings(e)...)
	plan.Warnings = append(plan.Warnings, s.assumptions(e)...)
	s.prioritise(plan, e, conds)
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// protoKind maps a run kind to the protocol's.
func protoKind(k recovery.Kind) string {
	switch {
	case k == recovery.Long:
		return protocol.RunLong
	case k.HardEffort():
		return protocol.RunHard
	}
	return protocol.RunEasy
}

// conditions lists the runner's conditions, current symptoms and the
// situations of this run that contraindications are checked against.
func (s *State) conditions(e Entry, rec recovery.Recovery) []string {
	conds := append([]string(nil), s.H.Profile.Conditions...)
	for _, c := range s.checkInsAfter(e) {
		conds = append(conds, c.Symptoms...)
	}
	if f := s.ActiveFlag(); f != nil {
		conds = append(conds, f.Symptoms...)
	}
	if e.Kind.Demanding() {
		conds = append(conds, protocol.CondAfterHardOrLong)
	}
	if s.H.Profile.Age >= recovery.OlderRunnerAge {
		conds = append(conds, protocol.CondOlderRunner)
	}
	return conds
}

// AfterRunDays is how long after a run the check-ins speak of it: the
// soreness it leaves peaks within 72 h (DOMS: Cheung et al. 2003).
const AfterRunDays = 3

// checkInsAfter returns the check-ins that speak of e: from the day it
// ended for AfterRunDays, up to now and not past the day of the next
// run (whose plan they speak of then).
func (s *State) checkInsAfter(e Entry) []recovery.CheckIn {
	until := e.Run.End.Add(AfterRunDays * 24 * time.Hour)
	if next, ok := s.nextSessionAfter(e); ok && next.Before(until) {
		until = next
	}
	var out []recovery.CheckIn
	for _, c := range s.recentCheckIns(e.Run.End) {
		if dayDiff(until.In(s.Now.Location()), c.Date) <= 0 {
			out = append(out, c)
		}
	}
	return out
}

// recentCheckIns returns check-ins from the day of t onwards (up to now).
func (s *State) recentCheckIns(t time.Time) []recovery.CheckIn {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	var out []recovery.CheckIn
	for _, c := range s.H.CheckIns {
		if !c.Date.Before(day) && !c.Date.After(s.Now) {
			out = append(out, c)
		}
	}
	return out
}

// injured reports whether conds hold a symptom that rules out active
// recovery and hands-on work (seed 002: sharp pain, swelling or a
// suspected injury call for passive rest).
func injured(conds []string) bool {
	for _, c := range conds {
		switch c {
		case protocol.CondSharpPain, protocol.CondSwelling, protocol.CondInjury, "bone-pain", "deformity", "joint-pain":
			return true
		}
	}
	return false
}

// conditional techniques appear only when the situation calls for them.
var conditional = map[string]bool{"passive-rest": true, "see-professional": true, "rest-day": true, "electrolytes": true, "easy-run": true}

// steps fills the plan's steps from the rule base.
func (s *State) steps(plan *Plan, e Entry, rec recovery.Recovery, conds []string, maxPeak float64) {
	kind := protoKind(e.Kind)
	equip := s.equipment()
	hurt := injured(conds)
	restDays := s.restDays(e, maxPeak)
	flag := s.ActiveFlag()
	for _, t := range s.techniques() {
		if flag != nil && !protocol.AllowedWhileFlagged(t.ID, flag.Symptoms, flag.Injury) {
			continue
		}
		include := t.AppliesTo(kind)
		switch t.ID {
		case "passive-rest":
			include = hurt || flag != nil
		case "see-professional":
			include = plan.SeeProfessional.Needed
		case "peace-love":
			include = flag != nil
		case "rest-day":
			include = restDays > 0
		case "electrolytes":
			include = plan.Nutrition.Electrolytes
		case "easy-run":
			include = !e.Kind.EasyEffort() && !hurt
		case "cool-down":
			// A walk or jog to end a run; a ride or swim ends its own way.
			include = include && e.A.Sport.IsRun()
		}
		if !include {
			continue
		}
		if !conditional[t.ID] && !t.Available(equip) {
			plan.Skipped = append(plan.Skipped, Skipped{ID: t.ID, Name: t.Name, Reason: "needs " + protocol.EquipmentNames(t.Requires), Needs: t.Requires})
			continue
		}
		var notes []string
		blocked := ""
		for _, c := range t.Check(conds) {
			switch c.Action {
			case protocol.Avoid:
				blocked = c.Why
			case protocol.DoctorFirst:
				if c.Condition == protocol.CondAny {
					// Advice for everyone, not a block: keep the step, say it.
					notes = append(notes, c.Why)
					continue
				}
				if blocked == "" {
					// The reason once, in the warning; the left-out
					// line points to it.
					blocked = fmt.Sprintf("ask your doctor first (%s)", protocol.ConditionName(c.Condition))
					plan.Warnings = append(plan.Warnings, Warning{Code: "doctor-first",
						Message: fmt.Sprintf("%s left out: %s. %s", t.Name, blocked, c.Why)})
				}
			case protocol.Modify:
				if c.Condition != protocol.CondAny {
					notes = append(notes, c.Why)
				}
			}
		}
		if blocked != "" {
			plan.Skipped = append(plan.Skipped, Skipped{ID: t.ID, Name: t.Name, Reason: blocked})
			continue
		}
		st := stepOf(t, notes)
		s.tailor(&st, plan, e, rec, restDays)
		st.Phase = string(phaseFor(protocol.Phase(st.Phase), st.StartH))
		st.Sources = dedupe(st.Sources)
		st.StartAt = stepClock(e.Run.End, st.StartH, s.Now.Location())
		st.EndAt = stepClock(e.Run.End, st.EndH, s.Now.Location())
		plan.Steps = append(plan.Steps, st)
	}
}

// stepClock is the moment h hours after end, to the whole second.
func stepClock(end time.Time, h float64, loc *time.Location) time.Time {
	return end.Add(time.Duration(h * float64(time.Hour))).Round(time.Second).In(loc)
}

// phaseEndH is when each phase of the recovery ends, in hours after the
// run (protocol.Phase.Meaning): the first hour, the day of the run, the
// days 1-3.
var phaseEndH = []struct {
	phase protocol.Phase
	endH  float64
}{{protocol.Immediate, 1}, {protocol.SameDay, 24}, {protocol.Days1to3, 72}}

// phaseFor is the phase of a step that starts startH after the run: its
// own, unless its start (moved for this run: easy running after a race)
// falls past the phase's end, then the phase it starts in.
func phaseFor(p protocol.Phase, startH float64) protocol.Phase {
	past := false
	for _, x := range phaseEndH {
		if x.phase == p {
			past = true
		}
		if past && startH < x.endH {
			return x.phase
		}
	}
	if past {
		return protocol.LongTerm
	}
	return p
}

// dedupe returns ss without repeats, in first-seen order.
func dedupe(ss []string) []string {
	out := ss[:0:0]
	for _, x := range ss {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// equipment is what the runner has to recover with: the profile's, and
// what their history shows they use (a ride: a bike; a swim: a pool).
func (s *State) equipment() []string {
	eq := slices.Clone(s.H.Profile.Equipment)
	for _, e := range s.Entries {
		var has string
		switch e.A.Sport {
		case activity.Cycling:
			has = protocol.EquipBike
		case activity.Swimming:
			has = protocol.EquipPool
		}
		if has != "" && !slices.Contains(eq, has) {
			eq = append(eq, has)
		}
	}
	return eq
}

// stepOf is a technique as a plan step, with the notes that modify it for
// this runner; its window is the technique's own.
func stepOf(t protocol.Technique, notes []string) Step {
	st := Step{ID: t.ID, Phase: string(t.Phase), StartH: t.StartH, EndH: t.EndH, Title: t.Name, Dose: t.Dose.Text,
		How: t.How, Why: t.Why, Evidence: string(t.Evidence), Note: strings.Join(notes, " ")}
	for _, src := range t.Sources {
		st.Sources = append(st.Sources, src.Ref)
	}
	st.Sources = slices.Compact(st.Sources)
	if t.Disagreement != nil {
		st.Disagreement = fmt.Sprintf("%s — Rebound uses %s (sources range %s). %s", t.Disagreement.Topic, t.Disagreement.Default, t.Disagreement.Range, t.Disagreement.Note)
	}
	return st
}

// tailor computes a step's dose and timing for this run and runner.
func (s *State) tailor(st *Step, plan *Plan, e Entry, rec recovery.Recovery, restDays int) {
	n := plan.Nutrition
	switch st.ID {
	case "refuel":
		if n.CarbsG.Max > 0 {
			// The sources' rates per kilogram, said in the runner's
			// units: "0.36-0.54 and 0.11-0.18 g per lb of your 134.5 lb",
			// not "g per kg of your 134.5 lb".
			st.Dose = fmt.Sprintf("%.0f-%.0f g carbohydrate and %.0f-%.0f g protein within 30-60 min (%s and %s of your %s)",
				n.CarbsG.Min, n.CarbsG.Max, n.ProteinG.Min, n.ProteinG.Max,
				s.perWeight(protocol.CarbsPerKgMin, protocol.CarbsPerKgMax, false), s.perWeight(protocol.ProteinPerKgMin, protocol.ProteinPerKgMax, true),
				s.Units().Weight(s.weight()))
		}
		switch {
		case n.FastCarbsGPerH != nil:
			st.Dose += fmt.Sprintf("; then %.0f-%.0f g carbohydrate an hour for up to %d h (%s an hour) to refill glycogen fast",
				n.FastCarbsGPerH.Min, n.FastCarbsGPerH.Max, n.FastHours, s.perWeight(protocol.FastCarbsPerKgHMin, protocol.FastCarbsPerKgHMax, true))
			st.EndH = float64(n.FastHours)
			st.Sources = append(st.Sources, protocol.RefACSM2016)
		case n.NextMeal:
			st.Dose += "; after a short easy run your next normal meal can be it, if it is within the hour"
		case e.Kind.Demanding():
			// Thomas, Erdman & Burke 2016: the hourly rate is for a
			// session within about 8 h; otherwise the day's meals
			// restore glycogen. A run just finished has no next session
			// yet, so the rate is given as a condition.
			st.Dose += "; then carbohydrate-rich meals through the day, which refill the glycogen this run used"
			if kg := s.weight(); kg > 0 {
				f := protocol.FastCarbs(kg)
				st.Dose += fmt.Sprintf(" (only if you train again within %d h: %.0f-%.0f g carbohydrate an hour for up to %d h, %s an hour)",
					protocol.NextSessionFastH, math.Round(f.Min), math.Round(f.Max), protocol.FastRefuelHours,
					s.perWeight(protocol.FastCarbsPerKgHMin, protocol.FastCarbsPerKgHMax, true))
			}
			st.Sources = append(st.Sources, protocol.RefACSM2016)
		}
	case "rehydrate":
		st.Dose = s.Units().VolumeRange(n.FluidML.Min, n.FluidML.Max) + " over the next hours"
		if n.FluidFrom == "estimate" {
			st.Sources = append(st.Sources, protocol.RefSawka2007)
		}
		if len(n.Notes) > 0 {
			st.Dose += " (" + n.Notes[0] + ")"
		}
	case "electrolytes":
		// Why this run calls for them, then the technique's reason.
		_, why := protocol.NeedsElectrolytes(e.Kind == recovery.Long, e.Kind.HardEffort(), e.A.Summary.AvgTempC)
		st.Why = why + ". " + st.Why
	case "easy-run":
		st.StartH = rec.EasyH
		st.EndH = math.Max(rec.EasyH+24, rec.HardH)
		st.Why = fmt.Sprintf("Easy running is fine from %.0f h after this run. ", rec.EasyH) + st.Why
	case "rest-day":
		// The rest ends when easy running is fine again.
		st.StartH, st.EndH = 12, 12+24*float64(restDays)
		if rec.EasyH > st.StartH {
			st.EndH = rec.EasyH
		}
		st.Dose = fmt.Sprintf("%d rest %s", restDays, pluralWord(restDays, "day", "days"))
		st.Why = s.restWhy(e, restDays) + " " + st.Why
	case "strength":
		// Never right after a hard session or long run (seed 002): from
		// the next easy day.
		if e.Kind.Demanding() {
			st.StartH = math.Max(st.StartH, rec.EasyH)
		}
	case "see-professional", "passive-rest", "peace-love":
		s.flagStep(st, e, s.ActiveFlag())
	case "sleep":
		if s.Mod.SleepDebtH > 0.25 {
			st.Why = fmt.Sprintf("You have averaged %.1f h a night less than 7 h lately. ", s.Mod.SleepDebtH) + st.Why
		}
	}
	if st.StartH >= st.EndH {
		st.EndH = st.StartH + 24
	}
}

// perWeight says a rate in grams per kilogram of body weight, lo-hi, in
// the runner's units: "0.8-1.2 g per kg", or per pound ("0.36-0.54 g per
// lb"); with unit false only the numbers ("0.8-1.2 and 0.25-0.4 g per
// kg" reads once).
func (s *State) perWeight(lo, hi float64, unit bool) string {
	per, f := "kg", 1.0
	num := func(x float64) string { // 0.25, 0.8, 1.0: the sources' way
		if x == math.Trunc(x) {
			return strconv.FormatFloat(x, 'f', 1, 64)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	if s.Units() == measure.Imperial {
		per, f = "lb", measure.KgPerPound
		num = func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }
	}
	out := num(lo*f) + "-" + num(hi*f)
	if unit {
		out += " g per " + per
	}
	return out
}

// flagStep fits the steps a red flag calls for to it: seeing a
// professional today (urgent) or within days (soon), from now whatever
// the run's age; complete rest until the flag is cleared, not until the
// pain settles. Without a flag they keep the rule base's words.
func (s *State) flagStep(st *Step, e Entry, f *Flag) {
	if f == nil {
		return
	}
	since := math.Max(0, s.Now.Sub(e.Run.End).Hours())
	switch st.ID {
	case "see-professional":
		st.Dose = SeeProfessionalDose(f.Urgency)
		st.StartH, st.EndH = since, since+SeeProfessionalWithinH(f.Urgency)
	case "passive-rest":
		st.Dose = f.RestDose()
		st.StartH = since
		st.UntilCleared = true
	case "peace-love":
		st.Dose = PeaceLoveUnderFlag
	}
}

// Complete rest's dose while a red flag stands (Flag.RestDose): it ends
// when the flag is cleared, not when the pain settles (a settled pain can
// still be a bone stress injury). For an injury on the profile the first
// days protect it (PEACE), and loading it comes once a professional has
// OK'd it (LOVE).
const (
	RestUntilCleared      = "no running, training or painful activity until the red flag is cleared: a professional's OK, or the symptom gone"
	RestUntilProfessional = "no running, training or painful activity until the red flag is cleared: a professional's OK"
	RestInjury            = "no running or training on the injury until a professional has OK'd it: protect it the first days, then load it as pain allows once they have"
)

// PeaceLoveUnderFlag is PEACE & LOVE's dose while a red flag stands: the
// loading waits for a professional's OK, so that it never reads beside
// complete rest as leave to load now.
const PeaceLoveUnderFlag = "the first 1-3 days: protect, elevate, avoid anti-inflammatories, compress, learn; " +
	"then, once a professional has OK'd it, load gradually as pain allows, stay positive, keep fit without pain, and do a professional's exercises"

// RestDose is complete rest's dose while f stands: RestInjury for an
// injury on the profile alone, RestUntilProfessional when a symptom
// needs a professional's OK (protocol.Symptom.NeedsClearance), else
// RestUntilCleared.
func (f *Flag) RestDose() string {
	dose := RestUntilCleared
	if f.Injury && len(f.Symptoms) == 0 && f.SoreDays == 0 {
		return RestInjury
	}
	for _, id := range f.Symptoms {
		if sym, ok := protocol.SymptomByID(id); ok && sym.NeedsClearance() {
			dose = RestUntilProfessional
		}
	}
	if f.Injury {
		dose = RestUntilProfessional
	}
	return dose
}

// SeeProfessionalDose says when to see a professional for a flag of the
// urgency: today when urgent, within the next few days otherwise.
func SeeProfessionalDose(u protocol.Urgency) string {
	if u == protocol.Urgent {
		return "today: call emergency services or go to urgent care; no training until a professional has seen you"
	}
	return "within the next few days: book a doctor, physiotherapist or sports-medicine professional; no training until then"
}

// SeeProfessionalWithinH is the window, in hours from now, in which to see
// a professional for a flag of the urgency: today (24 h) when urgent, the
// next few days (72 h) otherwise.
func SeeProfessionalWithinH(u protocol.Urgency) float64 {
	if u == protocol.Urgent {
		return 24
	}
	return 72
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// restDays returns how many rest days the run calls for: 1-2 after a long
// run, one more for older runners (seed 004), and one after a hard session
// that leaves strong soreness.
func (s *State) restDays(e Entry, maxPeak float64) int {
	switch e.Kind {
	case recovery.Long:
		n := protocol.RestDaysAfterLongMin
		if maxPeak >= 6 {
			n = protocol.RestDaysAfterLongMax
		}
		if s.H.Profile.Age >= recovery.OlderRunnerAge {
			n++
		}
		return n
	case recovery.Race:
		return 1
	case recovery.Hard:
		if maxPeak >= 7 {
			return 1
		}
	}
	return 0
}

func (s *State) restWhy(e Entry, n int) string {
	if e.Kind == recovery.Long {
		why := "After a long run take 1-2 rest days (" + protocol.Short(protocol.Seed004) + ")"
		if s.H.Profile.Age >= recovery.OlderRunnerAge {
			why += fmt.Sprintf(", one more at %d", s.H.Profile.Age)
		}
		return why + "."
	}
	if e.Kind == recovery.Race {
		return "After a race, a day off running, then easy runs until the legs are back before any hard session."
	}
	return "This session should leave you very sore: a rest day lets the muscles repair."
}

func (s *State) weight() float64 { return s.H.Profile.WeightKg }

// nutrition computes the first hours' food and drink, scaled to the
// session: the articles' dose after every run, fast refuelling before a
// session within 8 h (after a long or hard session without one, the
// day's meals: Thomas, Erdman & Burke 2016), the next meal after a
// short easy run; fluid from the weights, else estimated from duration,
// intensity and temperature.
func (s *State) nutrition(e Entry, w WeightChange, warns *[]Warning) Nutrition {
	n := Nutrition{Notes: []string{}}
	kg := s.weight()
	if kg > 0 {
		c, p := protocol.Carbs(kg), protocol.Protein(kg)
		n.CarbsG, n.ProteinG = Range{math.Round(c.Min), math.Round(c.Max)}, Range{math.Round(p.Min), math.Round(p.Max)}
	} else {
		*warns = append(*warns, Warning{Code: "no-weight", Message: "Set your weight (rebound profile set --weight KG) for grams of carbohydrate and protein."})
	}
	minutes := e.Run.DurationS / 60
	next, hasNext := s.nextSessionAfter(e)
	soon := hasNext && next.Sub(e.Run.End) < protocol.NextSessionFastH*time.Hour
	if soon {
		n.FastHours = protocol.FastRefuelHours
		if kg > 0 {
			f := protocol.FastCarbs(kg)
			n.FastCarbsGPerH = &Range{math.Round(f.Min), math.Round(f.Max)}
		}
		n.Notes = append(n.Notes, fmt.Sprintf("your next session started %.0f h later: refuel fast", next.Sub(e.Run.End).Hours()))
	} else if e.Kind.EasyEffort() && minutes < protocol.ShortRunFluidMin {
		n.NextMeal = true
	}
	lost := 0.0
	if w.BeforeKg > 0 && w.AfterKg > 0 {
		lost = w.BeforeKg - w.AfterKg
	}
	hard := e.Kind.HardEffort()
	if w.BeforeKg > 0 && w.AfterKg > 0 && lost <= 0 {
		n.Notes = append(n.Notes, "you weighed no less after the run than before, so the weights say nothing of your sweat: the amount below is the usual estimate")
	}
	switch fl := protocol.Fluid(lost); {
	case lost > 0:
		n.FluidML, n.FluidFrom = Range{math.Round(fl.Min), math.Round(fl.Max)}, "weights"
		n.Notes = append(n.Notes, fmt.Sprintf("1.25-1.5 × the %s you lost", s.Units().Weight(lost)))
		if frac := protocol.LostFraction(lost, w.BeforeKg); frac > protocol.DehydrationBodyWeightLoss {
			*warns = append(*warns, Warning{Code: "dehydration", Message: fmt.Sprintf(
				"You lost %.1f%% of your body weight: more than 2%% hurts performance (%s). Drink more during long or hot runs.", frac*100, protocol.Short(protocol.Seed004))})
		}
	case minutes < protocol.ShortRunFluidMin:
		n.FluidML, n.FluidFrom = Range{math.Round(fl.Min), math.Round(fl.Max)}, "default"
		n.Notes = append(n.Notes, "the articles' amount after a run under an hour; weigh yourself before and after a run for a personal amount")
	default:
		est := protocol.EstimatedFluid(minutes, hard, e.A.Summary.AvgTempC)
		n.FluidML, n.FluidFrom = Range{math.Round(est.Min/10) * 10, math.Round(est.Max/10) * 10}, "estimate"
		effort := map[bool]string{true: "hard", false: "steady"}[hard]
		n.Notes = append(n.Notes, fmt.Sprintf("estimated from %s of %s %s%s; drink to thirst and check your urine is pale, and weigh yourself before and after for a personal amount: without weights more is not better",
			measure.Duration(minutes*60), effort, e.A.Sport.Noun(), tempWords(e.A.Summary.AvgTempC, s.Units())))
	}
	n.Electrolytes, _ = protocol.NeedsElectrolytes(e.Kind == recovery.Long, hard, e.A.Summary.AvgTempC)
	return n
}

// nextSessionAfter returns when the next activity after e started, if
// there is one in the history.
func (s *State) nextSessionAfter(e Entry) (time.Time, bool) {
	for _, x := range s.Entries {
		if x.A.Start.After(e.A.Start) {
			return x.A.Start, true
		}
	}
	return time.Time{}, false
}

func tempWords(c float64, u measure.System) string {
	switch {
	case math.IsNaN(c):
		return ""
	case c >= protocol.HotRunTempC:
		return " in the heat (" + u.Temperature(c) + ")"
	case c < protocol.ColdRunTempC:
		return " in the cold (" + u.Temperature(c) + ")"
	}
	return ""
}

// LastingSorenessMin is the rating that counts as still sore.
const LastingSorenessMin = 3

// lastingSoreness returns the muscle rated sore (LastingSorenessMin or
// more) on every check-in for the longest unbroken run of days up to now,
// and that run's length in days.
func (s *State) lastingSoreness() (recovery.Muscle, int) {
	cs := append([]recovery.CheckIn(nil), s.H.CheckIns...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Date.After(cs[j].Date) })
	best, bestDays := recovery.Muscle(""), 0
	for _, m := range recovery.Muscles {
		var first, last time.Time
		for _, c := range cs {
			if c.Date.After(s.Now) {
				continue
			}
			v, ok := c.Soreness[m]
			if !ok {
				continue
			}
			if v < LastingSorenessMin {
				break
			}
			if last.IsZero() {
				last = c.Date
			}
			first = c.Date
		}
		if !last.IsZero() && s.Now.Sub(last) < 48*time.Hour {
			if d := int(math.Round(last.Sub(first).Hours()/24)) + 1; d > bestDays {
				best, bestDays = m, d
			}
		}
	}
	return best, bestDays
}

// warnings are the long-term flags: worn shoes, a weekly jump over 10 %,
// a load spike.
func (s *State) warnings(e Entry) []Warning {
	var ws []Warning
	for _, sh := range s.H.Shoes {
		if !sh.Retired && sh.Worn() && (e.A.Gear == sh.Name || sh.Default) {
			ws = append(ws, Warning{Code: "shoe-worn", Message: fmt.Sprintf(
				"%s has %s, past its %s limit: shoes are usually replaced every %s, or when they feel flat (%s; practice, not trial evidence).",
				sh.Name, s.Units().Whole(sh.DistanceM), s.Units().Whole(sh.LimitKm*1000), s.Units().Text("{{mi 300-500}}"), protocol.Short(protocol.Seed003))})
		}
	}
	if wk := s.weekOf(e.Run.End); wk != nil && wk.OverLimit {
		ws = append(ws, Warning{Code: "weekly-increase", Message: fmt.Sprintf(
			"This week's running (%s) is %.0f%% above last week's: the 10%% rule (%s) says at most 10%%. %s",
			s.Units().Round(wk.DistanceM), wk.Change*100, protocol.Short(protocol.Seed003), protocol.TenPercentRuleCaveat)})
	}
	if d := s.Day(e.Run.End); d != nil && !math.IsNaN(d.ACWR) && d.ACWR > load.ACWRRisk {
		ws = append(ws, Warning{Code: "load-spike", Message: fmt.Sprintf(
			"Your acute:chronic load ratio is %.2f (above 1.5): a sharp rise on what you are used to. The risk bands are disputed (Impellizzeri et al. 2020); treat it as a prompt to ease off.", d.ACWR)})
	}
	if e.A.Summary.DistanceSource == "none" && e.A.Sport.IsRun() {
		ws = append(ws, Warning{Code: "no-distance", Message: "This run has no distance: its load is estimated from time."})
	}
	return ws
}

// weekOf returns the load week containing t.
func (s *State) weekOf(t time.Time) *load.Week {
	for i := len(s.Weeks) - 1; i >= 0; i-- {
		w := s.Weeks[i]
		if !t.Before(w.Start) && t.Before(w.Start.AddDate(0, 0, 7)) {
			return &s.Weeks[i]
		}
	}
	return nil
}
