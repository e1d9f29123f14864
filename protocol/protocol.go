package protocol

import (
	"slices"
	"sync"
)

// Phase is the part of the recovery period in which a technique is mainly
// used. The exact span is the technique's StartH-EndH window.
type Phase string

// The phases, in time order.
const (
	// Immediate is the first hour after the run (0-60 min).
	Immediate Phase = "immediate"
	// SameDay is the rest of the day of the run, and that night.
	SameDay Phase = "same-day"
	// Days1to3 is the one to three days after the run, while soreness
	// (DOMS) rises, peaks and fades.
	Days1to3 Phase = "days-1-3"
	// LongTerm is habits and planning that work over weeks: training
	// structure, strength work, shoes, diet, sleep routine.
	LongTerm Phase = "long-term"
)

// Phases returns the phases in time order.
func Phases() []Phase { return []Phase{Immediate, SameDay, Days1to3, LongTerm} }

// Valid reports whether p is one of Phases.
func (p Phase) Valid() bool { return slices.Contains(Phases(), p) }

// Meaning describes the phase in a few words, for display.
func (p Phase) Meaning() string {
	switch p {
	case Immediate:
		return "the first hour after the run (0-60 min)"
	case SameDay:
		return "the rest of the day of the run and the nights after it"
	case Days1to3:
		return "the 1-3 days after the run, while soreness rises, peaks and fades"
	case LongTerm:
		return "habits and planning that work over weeks"
	}
	return ""
}

// Grade is how well published evidence supports a technique for the purpose
// Rebound recommends it for (less soreness, faster return to training, fewer
// injuries). No technique here rates higher than moderate: recovery trials
// are short, small and rarely blinded.
type Grade string

// The evidence grades, strongest first.
const (
	// Moderate: a meta-analysis or position stand built on controlled
	// trials supports the effect (e.g. Dupuy et al. 2018 for massage,
	// compression, cold-water immersion and active recovery). Effects are
	// small to moderate; expect help, not a cure.
	Moderate Grade = "moderate"
	// Low: some controlled studies exist but they are few, small, mixed or
	// indirect, or a review found no recovery benefit even though the
	// technique is widely recommended (static stretching).
	Low Grade = "low"
	// VeryLow: the seeds make a specific claim (e.g. magnesium absorbed
	// through the skin, supplements, anti-inflammatory foods, percussion
	// guns) that rests on mechanism, anecdote or single small studies.
	VeryLow Grade = "very-low"
	// Practice: expert or coach practice with no outcome trial in the
	// references (e.g. leg elevation, shoe replacement mileage, rest-day
	// planning). Sensible and low-risk, not proven.
	Practice Grade = "practice"
)

// Grades returns the grades, strongest first.
func Grades() []Grade { return []Grade{Moderate, Low, VeryLow, Practice} }

// Valid reports whether g is one of Grades.
func (g Grade) Valid() bool { return slices.Contains(Grades(), g) }

// Meaning defines the grade in one sentence, for display.
func (g Grade) Meaning() string {
	switch g {
	case Moderate:
		return "A meta-analysis or position stand built on controlled trials supports it; effects are small to moderate."
	case Low:
		return "Some controlled studies, but few, small, mixed or indirect, or a review found no recovery benefit."
	case VeryLow:
		return "The claim rests on mechanism, anecdote or single small studies."
	case Practice:
		return "Expert or coach practice with no outcome trial in the references: sensible, not proven."
	}
	return ""
}

// Units used in Dose.Unit.
const (
	UnitMin     = "min"
	UnitSec     = "s"
	UnitReps    = "reps"
	UnitCelsius = "°C"
	UnitGPerKg  = "g/kg"
	UnitMl      = "ml"
	UnitPerWeek = "times/week"
	UnitHours   = "h"
	UnitDays    = "days"
	UnitCups    = "cups" // US cups (about 237 ml), for bath salts
	UnitMiles   = "miles"
	UnitPercent = "%"
)

// Dose is how much of a technique to do. Default is Rebound's choice within
// Min-Max, in Unit. Text says it for a runner and may carry a second
// dimension the numbers cannot (water temperature, repetitions). When the
// sources give no number, Default, Min and Max are zero, Unit is empty and
// Text says what to do.
type Dose struct {
	Default, Min, Max float64
	Unit              string
	Text              string
}

// Source is one source for a technique: Ref names it, Says paraphrases what
// it says, with its numbers.
type Source struct {
	// Ref is a seed file name (Seed000…Seed004), a short citation such as
	// "Dupuy et al. 2018, Front Physiol 9:403", or RefList for a safety
	// item REFERENCES.md states without a paper.
	Ref  string
	Says string
}

// Disagreement records sources that disagree, the value Rebound uses and why.
type Disagreement struct {
	// ID is a stable kebab-case name, e.g. "cold-water-duration".
	ID string
	// Topic is what the sources disagree about.
	Topic string
	// Techniques are the ids of the techniques it concerns (may be empty
	// for general facts such as when soreness peaks).
	Techniques []string
	// Default is what Rebound uses.
	Default string
	// Range spans what the sources say.
	Range string
	// Note says who says what, and why the default was chosen.
	Note string
}

// Conditions and situations used in Contraindication.Condition. The first
// six are health conditions a runner can list in their profile
// (profile.Profile.Conditions); the symptoms match Symptom IDs; the rest are
// situations Rebound knows from the run history.
const (
	CondHeartDisease      = "heart-disease"
	CondHighBloodPressure = "high-blood-pressure"
	CondDiabetes          = "diabetes"
	CondRaynauds          = "raynauds"
	CondPregnancy         = "pregnancy"
	CondInjury            = "injury" // a known or suspected injury
	CondSharpPain         = "sharp-pain"
	CondSwelling          = "swelling"
	CondStrideChange      = "stride-change"
	// CondFirst48h: less than 48 h (HeatWaitH) since the run.
	CondFirst48h = "first-48h"
	// CondAfterStrength: a strength session the same day, for a runner
	// who wants to build strength (Roberts et al. 2015).
	CondAfterStrength = "after-strength"
	// CondAfterHardOrLong: the last run was a hard session or a long run
	// and the legs have not recovered yet.
	CondAfterHardOrLong = "after-hard-or-long"
	// CondOlderRunner: the runner considers themselves an older runner.
	// The seeds give no age; the evidence on age is mixed (REFERENCES.md).
	CondOlderRunner = "older-runner"
	// CondAny applies to every runner.
	CondAny = "any"
)

// Action says what to do when a contraindication applies.
type Action string

// The actions, strictest first.
const (
	// Avoid: don't use the technique (or not on the affected spot).
	Avoid Action = "avoid"
	// DoctorFirst: ask a doctor or physiotherapist before using it.
	DoctorFirst Action = "doctor-first"
	// Modify: use it with the change the Why describes.
	Modify Action = "modify"
)

// Contraindication is a condition under which a technique should be
// avoided, cleared with a doctor, or changed.
type Contraindication struct {
	Condition string // one of the Cond… constants
	Action    Action
	Why       string
	Source    string // a seed file name, a citation, RefList or RefPrecaution
}

// Equipment a technique may need (matches profile.Profile.Equipment).
const (
	EquipFoamRoller  = "foam-roller"
	EquipMassageGun  = "massage-gun"
	EquipIceBath     = "ice-bath"
	EquipBathtub     = "bathtub"
	EquipCompression = "compression"
	EquipPool        = "pool"
	EquipBike        = "bike"
	EquipElliptical  = "elliptical"
)

// Equipment returns every equipment name a technique may require.
func Equipment() []string {
	return []string{EquipFoamRoller, EquipMassageGun, EquipIceBath, EquipBathtub,
		EquipCompression, EquipPool, EquipBike, EquipElliptical}
}

// Muscle groups a technique targets.
const (
	Calves     = "calves"
	Shins      = "shins"
	Quads      = "quads"
	Hamstrings = "hamstrings"
	Glutes     = "glutes"
	HipFlexors = "hip-flexors"
	Feet       = "feet"
)

// Muscles returns every muscle-group name.
func Muscles() []string {
	return []string{Calves, Shins, Quads, Hamstrings, Glutes, HipFlexors, Feet}
}

// Run kinds, for Technique.AppliesAfter. What counts as long (LongRunMiles)
// or easy (EasyRunMilesMin-Max) follows 002.
const (
	RunEasy = "easy" // short, conversational pace
	RunLong = "long" // LongRunMiles or more
	RunHard = "hard" // intervals, tempo, hills, races
	RunAny  = "any"
)

// RunKinds returns every run kind.
func RunKinds() []string { return []string{RunEasy, RunLong, RunHard, RunAny} }

// Technique is one entry of the rule base.
type Technique struct {
	// ID is stable kebab-case, e.g. "cold-water-immersion".
	ID   string
	Name string
	// Phase is when the technique is mainly used.
	Phase Phase
	// StartH and EndH bound the window in which it applies, in hours after
	// the END of the run. Long-term habits use 0-168 (the week after).
	StartH, EndH float64
	Dose         Dose
	// Muscles it targets; empty when it works on the whole body.
	Muscles []string
	// Evidence grades the published support; EvidenceNote is one sentence
	// citing the review behind the grade.
	Evidence     Grade
	EvidenceNote string
	// Requires lists equipment; any one of them is enough. Empty means
	// nothing is needed.
	Requires          []string
	Contraindications []Contraindication
	// AppliesAfter lists the run kinds after which it is suggested.
	AppliesAfter []string
	// How says what to do, Why why it helps; both for a runner, short.
	How, Why string
	Sources  []Source
	// Disagreement is the main point the sources disagree on, if any.
	// DisagreementsFor lists every disagreement that concerns the
	// technique.
	Disagreement *Disagreement
	// InjuryCare marks first aid for a sore spot or an injury (RICE, an
	// ice pack, friction massage, Active Release Technique): never a
	// plan's lead without a reported sore spot, symptom or injury.
	InjuryCare bool
}

// Check returns the contraindications that apply to a runner with the given
// conditions (Cond… values, symptom IDs or situations). Those with
// Condition CondAny always apply.
func (t Technique) Check(conditions []string) []Contraindication {
	var out []Contraindication
	for _, c := range t.Contraindications {
		if c.Condition == CondAny || slices.Contains(conditions, c.Condition) {
			out = append(out, c)
		}
	}
	return out
}

// Available reports whether a runner with the given equipment can do the
// technique: it needs nothing, or the runner has one of Requires.
func (t Technique) Available(equipment []string) bool {
	if len(t.Requires) == 0 {
		return true
	}
	for _, r := range t.Requires {
		if slices.Contains(equipment, r) {
			return true
		}
	}
	return false
}

// AppliesTo reports whether the technique is suggested after a run of the
// given kind (RunEasy, RunLong or RunHard).
func (t Technique) AppliesTo(kind string) bool {
	return slices.Contains(t.AppliesAfter, RunAny) || slices.Contains(t.AppliesAfter, kind)
}

// InWindow reports whether hoursAfterRun falls in [StartH, EndH).
func (t Technique) InWindow(hoursAfterRun float64) bool {
	return hoursAfterRun >= t.StartH && hoursAfterRun < t.EndH
}

// Techniques returns the whole rule base in display order: by phase, with
// see-professional last. Each call builds a fresh slice.
func Techniques() []Technique {
	var ts []Technique
	ts = append(ts, immediate()...)
	ts = append(ts, sameDay()...)
	ts = append(ts, peaceLove())
	ts = append(ts, days1to3()...)
	ts = append(ts, longTerm()...)
	ts = append(ts, seeProfessional())
	return ts
}

// ByID returns the technique with the given id. It reads a catalogue built
// once from Techniques (the rule base is constant), so pages that look up
// every step of a plan do not rebuild it; the returned value shares its
// slices with that catalogue and must be treated as read-only.
func ByID(id string) (Technique, bool) {
	c := catalogue()
	i, ok := c.index[id]
	if !ok {
		return Technique{}, false
	}
	return c.techniques[i], true
}

// IDs returns every technique id in display order.
func IDs() []string {
	ts := catalogue().techniques
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	return ids
}

// catalogue is the rule base indexed by id, built on first use. It is
// immutable: a memo of constant data, not state.
var catalogue = sync.OnceValue(func() *book {
	b := &book{techniques: Techniques(), disagreements: Disagreements(), index: map[string]int{}}
	for i, t := range b.techniques {
		b.index[t.ID] = i
	}
	return b
})

type book struct {
	techniques    []Technique
	disagreements []Disagreement
	index         map[string]int
}

// DisagreementsFor returns every disagreement that concerns the technique
// with the given id, its main one (Technique.Disagreement) first.
func DisagreementsFor(id string) []Disagreement {
	var out []Disagreement
	t, ok := ByID(id)
	if ok && t.Disagreement != nil {
		out = append(out, *t.Disagreement)
	}
	for _, d := range catalogue().disagreements {
		if slices.Contains(d.Techniques, id) && (len(out) == 0 || out[0].ID != d.ID) {
			out = append(out, d)
		}
	}
	return out
}
