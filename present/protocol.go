package present

import (
	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/protocol"
)

// Protocol is the JSON of `rebound protocol --json` and GET
// /api/v1/protocol: the whole rule base as data, in snake_case. Sources
// are identified as in the protocol package (a seed's file name, a
// study's citation; "ref", "source", "sources") and read by people as
// their "citation" or "citations": the article's title, the study's
// citation.
type Protocol struct {
	Techniques    []Technique    `json:"techniques"`
	Disagreements []Disagreement `json:"disagreements"`
	Symptoms      []Symptom      `json:"symptoms"`
	Thresholds    []Threshold    `json:"thresholds"`
}

// Technique is one technique of the rule base (protocol.Technique).
type Technique struct {
	ID                string             `json:"id"`
	Name              string             `json:"name"`
	Phase             protocol.Phase     `json:"phase"`
	StartH            float64            `json:"start_h"`
	EndH              float64            `json:"end_h"`
	Dose              Dose               `json:"dose"`
	Muscles           []string           `json:"muscles"`
	Evidence          protocol.Grade     `json:"evidence"`
	EvidenceNote      string             `json:"evidence_note"`
	Requires          []string           `json:"requires"`
	Contraindications []Contraindication `json:"contraindications"`
	AppliesAfter      []string           `json:"applies_after"`
	How               string             `json:"how"`
	Why               string             `json:"why"`
	Sources           []Source           `json:"sources"`
	Disagreement      *Disagreement      `json:"disagreement"`
	InjuryCare        bool               `json:"injury_care"`
}

// Dose is how much of a technique to do (protocol.Dose); the numbers are
// zero and the unit empty when the sources give none.
type Dose struct {
	Default float64 `json:"default"`
	Min     float64 `json:"min"`
	Max     float64 `json:"max"`
	Unit    string  `json:"unit"`
	Text    string  `json:"text"`
}

// Source is one source of a technique and what it says.
type Source struct {
	Ref      string `json:"ref"`
	Citation string `json:"citation"`
	Says     string `json:"says"`
}

// Contraindication is when a technique is avoided, cleared with a doctor
// or changed (protocol.Contraindication).
type Contraindication struct {
	Condition string          `json:"condition"`
	Action    protocol.Action `json:"action"`
	Why       string          `json:"why"`
	Source    string          `json:"source"`
	Citation  string          `json:"citation"`
}

// Disagreement is where the sources disagree, Rebound's default and why.
type Disagreement struct {
	ID         string   `json:"id"`
	Topic      string   `json:"topic"`
	Techniques []string `json:"techniques"`
	Default    string   `json:"default"`
	Range      string   `json:"range"`
	Note       string   `json:"note"`
}

// Symptom is a red-flag symptom (protocol.Symptom).
type Symptom struct {
	ID        string           `json:"id"`
	Name      string           `json:"name"`
	Urgency   protocol.Urgency `json:"urgency"`
	Why       string           `json:"why"`
	Sources   []string         `json:"sources"`
	Citations []string         `json:"citations"`
	Calls     []string         `json:"calls"`
}

// Threshold is a named constant of the rule base with its sources.
type Threshold struct {
	Name      string   `json:"name"`
	Value     float64  `json:"value"`
	Unit      string   `json:"unit"`
	Sources   []string `json:"sources"`
	Citations []string `json:"citations"`
	Note      string   `json:"note"`
}

// NewProtocol returns the rule base, its texts in the units u
// (protocol.TechniquesIn); a dose's numbers and unit, the thresholds and
// what the sources say stay in the units the sources give.
func NewProtocol(u measure.System) Protocol {
	out := Protocol{Techniques: []Technique{}, Disagreements: []Disagreement{}, Symptoms: []Symptom{}, Thresholds: []Threshold{}}
	for _, t := range protocol.TechniquesIn(u) {
		out.Techniques = append(out.Techniques, newTechnique(t))
	}
	for _, d := range protocol.DisagreementsIn(u) {
		out.Disagreements = append(out.Disagreements, newDisagreement(d))
	}
	for _, s := range protocol.Symptoms() {
		out.Symptoms = append(out.Symptoms, Symptom{ID: s.ID, Name: s.Name, Urgency: s.Urgency, Why: s.Why,
			Sources: s.Refs(), Citations: protocol.CiteAll(s.Refs()), Calls: strs(s.Calls)})
	}
	for _, th := range protocol.Thresholds() {
		out.Thresholds = append(out.Thresholds, Threshold{Name: th.Name, Value: th.Value, Unit: th.Unit,
			Sources: strs(th.Sources), Citations: protocol.CiteAll(th.Sources), Note: th.Note})
	}
	return out
}

func newTechnique(t protocol.Technique) Technique {
	out := Technique{ID: t.ID, Name: t.Name, Phase: t.Phase, StartH: t.StartH, EndH: t.EndH,
		Dose:    Dose{t.Dose.Default, t.Dose.Min, t.Dose.Max, t.Dose.Unit, t.Dose.Text},
		Muscles: strs(t.Muscles), Evidence: t.Evidence, EvidenceNote: t.EvidenceNote, Requires: strs(t.Requires),
		Contraindications: []Contraindication{}, AppliesAfter: strs(t.AppliesAfter), How: t.How, Why: t.Why,
		Sources: []Source{}, InjuryCare: t.InjuryCare}
	for _, c := range t.Contraindications {
		out.Contraindications = append(out.Contraindications,
			Contraindication{c.Condition, c.Action, c.Why, c.Source, protocol.Cite(c.Source)})
	}
	for _, s := range t.Sources {
		out.Sources = append(out.Sources, Source{s.Ref, protocol.Cite(s.Ref), s.Says})
	}
	if t.Disagreement != nil {
		d := newDisagreement(*t.Disagreement)
		out.Disagreement = &d
	}
	return out
}

func newDisagreement(d protocol.Disagreement) Disagreement {
	return Disagreement{d.ID, d.Topic, strs(d.Techniques), d.Default, d.Range, d.Note}
}

// strs returns ss, or an empty list for nil, so that JSON lists are never
// null.
func strs(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return append([]string{}, ss...)
}
