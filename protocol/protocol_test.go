package protocol_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/protocol"
)

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// citation matches a short citation: some text with a year.
var citation = regexp.MustCompile(`\b(19|20)\d\d\b`)

// validRef reports whether ref names a seed file, a citation with a year,
// REFERENCES.md or Rebound's own precaution.
func validRef(ref string) bool {
	return protocol.IsSeed(ref) || ref == protocol.RefList || ref == protocol.RefPrecaution || citation.MatchString(ref)
}

// knownConditions are the values a Contraindication.Condition may take:
// the Cond… constants and the red-flag symptom ids.
func knownConditions() []string {
	cs := []string{
		protocol.CondHeartDisease, protocol.CondHighBloodPressure, protocol.CondDiabetes,
		protocol.CondRaynauds, protocol.CondPregnancy, protocol.CondInjury, protocol.CondSharpPain,
		protocol.CondSwelling, protocol.CondStrideChange, protocol.CondFirst48h,
		protocol.CondAfterStrength, protocol.CondAfterHardOrLong, protocol.CondOlderRunner, protocol.CondAny,
		protocol.CondPAD,
	}
	for _, s := range protocol.Symptoms() {
		cs = append(cs, s.ID)
	}
	return cs
}

func mustByID(t *testing.T, id string) protocol.Technique {
	t.Helper()
	tech, ok := protocol.ByID(id)
	if !ok {
		t.Fatalf("ByID(%q): not found", id)
	}
	return tech
}

// find returns the contraindication of tech for condition, if any.
func find(tech protocol.Technique, condition string) (protocol.Contraindication, bool) {
	for _, c := range tech.Contraindications {
		if c.Condition == condition {
			return c, true
		}
	}
	return protocol.Contraindication{}, false
}

func TestRequiredIDs(t *testing.T) {
	required := []string{
		// The brief's list.
		"cool-down", "refuel", "rehydrate", "electrolytes", "active-recovery", "passive-rest",
		"static-stretching", "dynamic-stretching", "foam-rolling", "massage", "massage-gun",
		"compression", "elevation", "cold-water-immersion", "ice-pack", "contrast-therapy", "heat",
		"warm-bath", "sleep", "breathing", "cross-training", "strength", "rest-day", "see-professional",
		// The other techniques the seeds mention.
		"epsom-salt", "active-isolated-stretching", "cross-fiber-friction-massage",
		"active-release-technique", "rice", "yoga-pilates", "anti-inflammatory-foods",
		"balanced-nutrition", "supplements", "stress-management", "footwear", "gradual-progression",
		"periodization", "urine-check", "easy-run",
	}
	ids := protocol.IDs()
	for _, id := range required {
		if !slices.Contains(ids, id) {
			t.Errorf("missing technique %q", id)
		}
	}
}

func TestIDsUniqueAndKebab(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range protocol.IDs() {
		if !kebab.MatchString(id) {
			t.Errorf("id %q is not kebab-case", id)
		}
		if seen[id] {
			t.Errorf("id %q appears twice", id)
		}
		seen[id] = true
	}
	if got, want := protocol.IDs(), protocol.Techniques(); len(got) != len(want) {
		t.Fatalf("IDs has %d entries, Techniques %d", len(got), len(want))
	}
}

func TestTechniquesComplete(t *testing.T) {
	conditions := knownConditions()
	for _, tech := range protocol.Techniques() {
		t.Run(tech.ID, func(t *testing.T) {
			if tech.Name == "" || tech.How == "" || tech.Why == "" {
				t.Errorf("Name, How and Why must all be set")
			}
			if !tech.Phase.Valid() {
				t.Errorf("phase %q is not valid", tech.Phase)
			}
			if !tech.Evidence.Valid() {
				t.Errorf("evidence grade %q is not valid", tech.Evidence)
			}
			if tech.EvidenceNote == "" {
				t.Errorf("EvidenceNote is empty")
			}
			if !(tech.StartH >= 0 && tech.StartH < tech.EndH) {
				t.Errorf("window %g-%g h: want 0 <= StartH < EndH", tech.StartH, tech.EndH)
			}
			switch tech.Phase {
			case protocol.Immediate:
				if tech.StartH >= 1 {
					t.Errorf("immediate technique starts at %g h, after the first hour", tech.StartH)
				}
			case protocol.Days1to3:
				if tech.EndH <= 24 || tech.StartH >= 72 {
					t.Errorf("days-1-3 window %g-%g h misses days 1-3", tech.StartH, tech.EndH)
				}
			}
			d := tech.Dose
			if d.Text == "" {
				t.Errorf("Dose.Text is empty")
			}
			if d.Unit != "" && !(d.Min <= d.Default && d.Default <= d.Max && d.Max > 0) {
				t.Errorf("dose %g (%g-%g %s): want Min <= Default <= Max, Max > 0", d.Default, d.Min, d.Max, d.Unit)
			}
			if d.Unit == "" && (d.Default != 0 || d.Min != 0 || d.Max != 0) {
				t.Errorf("dose has numbers but no unit")
			}
			for _, m := range tech.Muscles {
				if !slices.Contains(protocol.Muscles(), m) {
					t.Errorf("unknown muscle %q", m)
				}
			}
			for _, r := range tech.Requires {
				if !slices.Contains(protocol.Equipment(), r) {
					t.Errorf("unknown equipment %q", r)
				}
			}
			if len(tech.AppliesAfter) == 0 {
				t.Errorf("AppliesAfter is empty")
			}
			for _, k := range tech.AppliesAfter {
				if !slices.Contains(protocol.RunKinds(), k) {
					t.Errorf("unknown run kind %q", k)
				}
			}
			seeded := false
			for _, s := range tech.Sources {
				if !validRef(s.Ref) {
					t.Errorf("source %q is neither a seed file, a citation nor %s", s.Ref, protocol.RefList)
				}
				if s.Says == "" {
					t.Errorf("source %q says nothing", s.Ref)
				}
				seeded = seeded || protocol.IsSeed(s.Ref)
			}
			if !seeded {
				t.Errorf("no seed article among the sources")
			}
			for _, c := range tech.Contraindications {
				if !slices.Contains(conditions, c.Condition) {
					t.Errorf("contraindication: unknown condition %q", c.Condition)
				}
				if c.Action != protocol.Avoid && c.Action != protocol.DoctorFirst && c.Action != protocol.Modify {
					t.Errorf("contraindication %q: unknown action %q", c.Condition, c.Action)
				}
				if c.Why == "" || !validRef(c.Source) {
					t.Errorf("contraindication %q: want a Why and a valid Source, got %q", c.Condition, c.Source)
				}
			}
		})
	}
}

func TestColdWaterSafety(t *testing.T) {
	// 004: check with a doctor first for heart disease, high blood
	// pressure and diabetes; REFERENCES.md: Raynaud's is a common
	// exclusion; pregnancy is Rebound's precaution. Contrast baths include
	// cold water, so the same rules apply.
	want := map[string]protocol.Action{
		protocol.CondHeartDisease:      protocol.DoctorFirst,
		protocol.CondHighBloodPressure: protocol.DoctorFirst,
		protocol.CondDiabetes:          protocol.DoctorFirst,
		protocol.CondRaynauds:          protocol.Avoid,
		protocol.CondPregnancy:         protocol.DoctorFirst,
	}
	for _, id := range []string{"cold-water-immersion", "contrast-therapy"} {
		tech := mustByID(t, id)
		for cond, action := range want {
			c, ok := find(tech, cond)
			if !ok || c.Action != action {
				t.Errorf("%s: %s: got %+v, want %s", id, cond, c, action)
			}
		}
	}
	cwi := mustByID(t, "cold-water-immersion")
	if c, ok := find(cwi, protocol.CondHeartDisease); !ok || c.Source != protocol.Seed004 {
		t.Errorf("cold-water-immersion: heart-disease should cite %s, got %+v", protocol.Seed004, c)
	}
	if c, ok := find(cwi, protocol.CondAfterStrength); !ok || c.Source != protocol.RefRoberts2015 {
		t.Errorf("cold-water-immersion: want the Roberts et al. 2015 note for strength days, got %+v", c)
	}
	if c, ok := find(mustByID(t, "ice-pack"), protocol.CondRaynauds); !ok || c.Action != protocol.Avoid {
		t.Errorf("ice-pack: want avoid for raynauds, got %+v", c)
	}
}

func TestHeatSafety(t *testing.T) {
	heat := mustByID(t, "heat")
	if heat.StartH < protocol.HeatWaitH || protocol.HeatWaitH != 48 {
		t.Errorf("heat starts at %g h, want >= 48 h (001)", heat.StartH)
	}
	for _, cond := range []string{protocol.CondFirst48h, protocol.CondSwelling, protocol.CondInjury} {
		if c, ok := find(heat, cond); !ok || c.Action != protocol.Avoid {
			t.Errorf("heat: %s: got %+v, want avoid", cond, c)
		}
	}
	for _, id := range []string{"heat", "warm-bath", "epsom-salt", "contrast-therapy", "cold-water-immersion"} {
		if c, ok := find(mustByID(t, id), protocol.CondPregnancy); !ok || c.Action != protocol.DoctorFirst {
			t.Errorf("%s: pregnancy: got %+v, want doctor-first", id, c)
		}
	}
	for _, id := range []string{"warm-bath", "epsom-salt", "contrast-therapy"} {
		if c, ok := find(mustByID(t, id), protocol.CondSwelling); !ok || c.Action != protocol.Avoid {
			t.Errorf("%s: swelling: got %+v, want avoid", id, c)
		}
	}
}

func TestInjuryRules(t *testing.T) {
	// No hands-on work on a painful, swollen or injured spot.
	for _, id := range []string{"massage", "foam-rolling", "massage-gun"} {
		tech := mustByID(t, id)
		for _, cond := range []string{protocol.CondSharpPain, protocol.CondSwelling, protocol.CondInjury} {
			if c, ok := find(tech, cond); !ok || c.Action != protocol.Avoid {
				t.Errorf("%s: %s: got %+v, want avoid", id, cond, c)
			}
		}
	}
	// 002: with sharp pain or swelling, passive rest instead of active.
	ar := mustByID(t, "active-recovery")
	for _, cond := range []string{protocol.CondSharpPain, protocol.CondSwelling, protocol.CondInjury} {
		c, ok := find(ar, cond)
		if !ok || c.Action != protocol.Avoid || !strings.Contains(c.Why, "rest") {
			t.Errorf("active-recovery: %s: got %+v, want avoid pointing to rest", cond, c)
		}
	}
	// 002: strength on easy-run or rest days, never after hard or long runs.
	st := mustByID(t, "strength")
	if !st.AppliesTo(protocol.RunEasy) || st.AppliesTo(protocol.RunHard) || st.AppliesTo(protocol.RunLong) {
		t.Errorf("strength: AppliesAfter = %v, want easy only", st.AppliesAfter)
	}
	if c, ok := find(st, protocol.CondAfterHardOrLong); !ok || c.Action != protocol.Avoid {
		t.Errorf("strength: want avoid after hard or long runs, got %+v", c)
	}
	// 004: 1-2 rest days after a long run, more for older runners.
	rd := mustByID(t, "rest-day")
	if rd.Dose.Min != 1 || rd.Dose.Max != 2 || rd.Dose.Unit != protocol.UnitDays || !rd.AppliesTo(protocol.RunLong) {
		t.Errorf("rest-day: dose %+v, applies after %v", rd.Dose, rd.AppliesAfter)
	}
	if c, ok := find(rd, protocol.CondOlderRunner); !ok || c.Action != protocol.Modify {
		t.Errorf("rest-day: want modify for older runners, got %+v", c)
	}
	// Supplements: a professional first, for everyone (001).
	if got := mustByID(t, "supplements").Check(nil); len(got) != 1 || got[0].Action != protocol.DoctorFirst {
		t.Errorf("supplements: Check(nil) = %+v, want one doctor-first", got)
	}
}

func TestEvidenceGrades(t *testing.T) {
	tests := []struct {
		id   string
		want protocol.Grade
		cite string // a reference the EvidenceNote must name
	}{
		{"massage", protocol.Moderate, "Dupuy"},
		{"active-recovery", protocol.Moderate, "Dupuy"},
		{"compression", protocol.Moderate, "Dupuy"},
		{"cold-water-immersion", protocol.Moderate, "Roberts"},
		{"contrast-therapy", protocol.Moderate, "Dupuy"},
		{"static-stretching", protocol.Low, "Afonso"},
		{"cool-down", protocol.Low, "Van Hooren"},
		{"gradual-progression", protocol.Low, "Buist"},
		{"strength", protocol.Low, "Roberts"},
		{"footwear", protocol.Practice, "Cook"},
		{"epsom-salt", protocol.VeryLow, ""},
		{"massage-gun", protocol.VeryLow, "Dupuy"},
	}
	for _, tt := range tests {
		tech := mustByID(t, tt.id)
		if tech.Evidence != tt.want {
			t.Errorf("%s: evidence %q, want %q", tt.id, tech.Evidence, tt.want)
		}
		if !strings.Contains(tech.EvidenceNote, tt.cite) {
			t.Errorf("%s: EvidenceNote %q should cite %s", tt.id, tech.EvidenceNote, tt.cite)
		}
	}
	for _, g := range protocol.Grades() {
		if g.Meaning() == "" {
			t.Errorf("grade %q has no meaning", g)
		}
	}
	for _, p := range protocol.Phases() {
		if p.Meaning() == "" {
			t.Errorf("phase %q has no meaning", p)
		}
	}
}

func TestDisagreements(t *testing.T) {
	// Each disagreement the brief lists, with a string its Default must
	// hold (checked against the seeds by hand: see each Note).
	want := map[string]string{
		"doms-peak":                 "24-72 h",
		"soreness-duration":         "7 days",
		"cold-water-duration":       "10 min at 10-15 °C",
		"stretch-hold":              "30 s",
		"static-stretching-benefit": "low",
		"stretch-before-run":        "dynamic",
		"foam-rolling-time":         "60 s per muscle group",
		"strength-frequency":        "2 a week",
		"fluid-replacement":         "1.5 L per kg",
		"refuel-amounts":            "0.8-1.2 g per kg",
		"heat-timing":               "48 h",
		"ice-pack-duration":         "15 min",
		"warm-bath-duration":        "20 min",
		"cool-down-duration":        "10 min",
		"cool-down-benefit":         "recommend",
		"active-vs-passive-rest":    "complete rest",
		"rest-after-long-run":       "1 rest day",
		"ten-percent-rule":          "10%",
	}
	ds := protocol.Disagreements()
	seen := map[string]bool{}
	for _, d := range ds {
		if seen[d.ID] {
			t.Errorf("disagreement %q appears twice", d.ID)
		}
		seen[d.ID] = true
		if !kebab.MatchString(d.ID) || d.Topic == "" || d.Default == "" || d.Range == "" || d.Note == "" {
			t.Errorf("disagreement %+v: want a kebab-case ID, Topic, Default, Range and Note", d)
		}
		for _, id := range d.Techniques {
			if _, ok := protocol.ByID(id); !ok {
				t.Errorf("disagreement %q: unknown technique %q", d.ID, id)
			}
		}
	}
	for id, def := range want {
		d, ok := protocol.DisagreementByID(id)
		if !ok {
			t.Errorf("missing disagreement %q", id)
			continue
		}
		if !strings.Contains(d.In(measure.Metric).Default, def) {
			t.Errorf("%s: Default %q should contain %q", id, d.Default, def)
		}
	}
	// A technique's main disagreement is listed and names the technique.
	for _, tech := range protocol.Techniques() {
		if tech.Disagreement == nil {
			continue
		}
		d, ok := protocol.DisagreementByID(tech.Disagreement.ID)
		if !ok || !slices.Contains(d.Techniques, tech.ID) {
			t.Errorf("%s: disagreement %q is not listed, or doesn't name it", tech.ID, tech.Disagreement.ID)
		}
	}
	got := protocol.DisagreementsFor("cool-down")
	if len(got) != 2 || got[0].ID != "cool-down-duration" || got[1].ID != "cool-down-benefit" {
		t.Errorf("DisagreementsFor(cool-down) = %v, want cool-down-duration then cool-down-benefit", got)
	}
	if got := protocol.DisagreementsFor("static-stretching"); len(got) != 3 {
		t.Errorf("DisagreementsFor(static-stretching): got %d, want 3", len(got))
	}
}

func TestFreshValues(t *testing.T) {
	a := protocol.Techniques()
	a[0].ID = "changed"
	a[0].Sources[0].Says = "changed"
	a[0].Disagreement.Default = "changed"
	b := protocol.Techniques()
	if b[0].ID == "changed" || b[0].Sources[0].Says == "changed" || b[0].Disagreement.Default == "changed" {
		t.Fatal("Techniques shares memory between calls")
	}
	s := protocol.Symptoms()
	s[0].Urgency = "changed"
	if protocol.Symptoms()[0].Urgency == "changed" {
		t.Fatal("Symptoms shares memory between calls")
	}
}

func TestLookups(t *testing.T) {
	if _, ok := protocol.ByID("no-such-technique"); ok {
		t.Error("ByID found an unknown id")
	}
	for i, tech := range protocol.Techniques() {
		if protocol.IDs()[i] != tech.ID {
			t.Fatalf("IDs()[%d] = %q, want %q", i, protocol.IDs()[i], tech.ID)
		}
	}
	ids := protocol.IDs()
	if ids[0] != "cool-down" || ids[len(ids)-1] != "see-professional" {
		t.Errorf("display order: first %q, last %q", ids[0], ids[len(ids)-1])
	}
}

func TestTechniqueMethods(t *testing.T) {
	cwi := mustByID(t, "cold-water-immersion")
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"cold bath needs a tub", cwi.Available(nil), false},
		{"a bathtub is enough", cwi.Available([]string{protocol.EquipBathtub}), true},
		{"an ice bath is enough", cwi.Available([]string{protocol.EquipIceBath, protocol.EquipBike}), true},
		{"elevation needs nothing", mustByID(t, "elevation").Available(nil), true},
		{"cold bath after a hard run", cwi.AppliesTo(protocol.RunHard), true},
		{"no cold bath after an easy run", cwi.AppliesTo(protocol.RunEasy), false},
		{"cool-down after any run", mustByID(t, "cool-down").AppliesTo(protocol.RunEasy), true},
		{"heat not at 24 h", mustByID(t, "heat").InWindow(24), false},
		{"heat at 48 h", mustByID(t, "heat").InWindow(48), true},
		{"cool-down at 0 h", mustByID(t, "cool-down").InWindow(0), true},
		{"cool-down over at 0.25 h", mustByID(t, "cool-down").InWindow(0.25), false},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	got := cwi.Check([]string{protocol.CondDiabetes, "unrelated"})
	if len(got) != 1 || got[0].Condition != protocol.CondDiabetes || got[0].Action != protocol.DoctorFirst {
		t.Errorf("Check(diabetes) = %+v, want one doctor-first", got)
	}
	if got := cwi.Check(nil); len(got) != 0 {
		t.Errorf("Check(nil) = %+v, want none", got)
	}
}

func TestThresholds(t *testing.T) {
	// Values as the seeds give them.
	tests := []struct {
		name      string
		got, want float64
	}{
		{"SleepMinH (000, 002)", protocol.SleepMinH, 7},
		{"SleepMaxH (000, 002)", protocol.SleepMaxH, 9},
		{"WeeklyIncreaseLimit (003)", protocol.WeeklyIncreaseLimit, 0.10},
		{"ShoeLimitMilesMin (003)", protocol.ShoeLimitMilesMin, 300},
		{"ShoeLimitMilesMax (003)", protocol.ShoeLimitMilesMax, 500},
		{"ShoeLimitKmMin: 300 x 1.609344", protocol.ShoeLimitKmMin, 482.8032},
		{"LongRunMiles (002)", protocol.LongRunMiles, 10},
		{"LongRunKm: 10 x 1.609344", protocol.LongRunKm, 16.09344},
		{"RecoveryDaysEasy (002)", protocol.RecoveryDaysEasy, 1},
		{"RecoveryDaysHardMin (002)", protocol.RecoveryDaysHardMin, 2},
		{"RecoveryDaysHardMax (002)", protocol.RecoveryDaysHardMax, 3},
		{"RestDaysAfterLongMin (004)", protocol.RestDaysAfterLongMin, 1},
		{"RestDaysAfterLongMax (004)", protocol.RestDaysAfterLongMax, 2},
		{"DehydrationBodyWeightLoss (004)", protocol.DehydrationBodyWeightLoss, 0.02},
		{"DOMSPeakMinH (000)", protocol.DOMSPeakMinH, 24},
		{"DOMSPeakMaxH (000, 002)", protocol.DOMSPeakMaxH, 72},
		{"SorenessSeeProfessionalDays (002)", protocol.SorenessSeeProfessionalDays, 7},
		{"HeatWaitH (001)", protocol.HeatWaitH, 48},
	}
	for _, tt := range tests {
		if diff := tt.got - tt.want; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("%s = %g, want %g", tt.name, tt.got, tt.want)
		}
	}
	for _, s := range []string{"Buist", "Nielsen", "532", "20.8%", "30%"} {
		if !strings.Contains(protocol.TenPercentRuleCaveat, s) {
			t.Errorf("TenPercentRuleCaveat should mention %q", s)
		}
	}
	names := map[string]bool{}
	for _, th := range protocol.Thresholds() {
		if names[th.Name] || th.Unit == "" || len(th.Sources) == 0 {
			t.Errorf("threshold %+v: duplicate, or no unit or source", th)
		}
		names[th.Name] = true
	}
}
