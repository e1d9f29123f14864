package protocol_test

import (
	"strings"
	"testing"

	"github.com/rebound-run/rebound/protocol"
)

// The safety rules issue #10 adds, each with its source:
//   - diabetes: reduced sensation in the feet and legs means heat pads, hot
//     soaks and ice on the skin can burn or injure unnoticed (diabetes
//     foot-care guidance, REFERENCES.md): a caution (Modify), not silence;
//     cold baths stay doctor-first (seed 004).
//   - peripheral arterial disease: compression and cold need a doctor's OK
//     (REFERENCES.md).
//   - pregnancy: no long lying flat on the back after the first trimester
//     (ACOG Committee Opinion 804, 2020).
func TestSafetyRules(t *testing.T) {
	for _, tc := range []struct {
		technique, condition string
		want                 protocol.Action
	}{
		{"heat", protocol.CondDiabetes, protocol.Modify},
		{"warm-bath", protocol.CondDiabetes, protocol.Modify},
		{"epsom-salt", protocol.CondDiabetes, protocol.Modify},
		{"ice-pack", protocol.CondDiabetes, protocol.Modify},
		{"rice", protocol.CondDiabetes, protocol.Modify},
		{"cold-water-immersion", protocol.CondDiabetes, protocol.DoctorFirst},
		{"compression", protocol.CondPAD, protocol.DoctorFirst},
		{"rice", protocol.CondPAD, protocol.DoctorFirst},
		{"cold-water-immersion", protocol.CondPAD, protocol.DoctorFirst},
		{"contrast-therapy", protocol.CondPAD, protocol.DoctorFirst},
		{"ice-pack", protocol.CondPAD, protocol.DoctorFirst},
		{"elevation", protocol.CondPregnancy, protocol.Modify},
		{"yoga-pilates", protocol.CondPregnancy, protocol.Modify},
	} {
		c, ok := find(mustByID(t, tc.technique), tc.condition)
		if !ok || c.Action != tc.want {
			t.Errorf("%s with %s: got %+v, want %s", tc.technique, tc.condition, c, tc.want)
		}
	}
	// The diabetes caution names the risk, not just the condition.
	if c, _ := find(mustByID(t, "heat"), protocol.CondDiabetes); !strings.Contains(c.Why, "burn") {
		t.Errorf("heat with diabetes: %q does not warn of burns", c.Why)
	}
	if c, _ := find(mustByID(t, "elevation"), protocol.CondPregnancy); c.Source != protocol.RefACOG2020 {
		t.Errorf("elevation in pregnancy: source %q, want ACOG 2020", c.Source)
	}
}

// While a red flag stands only rest, fluids, food, sleep and what the
// symptom itself calls for are allowed (issue #10): nothing of running,
// strength, cross-training, massage, massage gun, foam rolling,
// stretching, heat, cold immersion or contrast baths.
func TestAllowedWhileFlagged(t *testing.T) {
	banned := []string{"easy-run", "strength", "cross-training", "active-recovery", "massage", "massage-gun",
		"foam-rolling", "static-stretching", "dynamic-stretching", "active-isolated-stretching", "yoga-pilates",
		"heat", "warm-bath", "epsom-salt", "cold-water-immersion", "contrast-therapy", "cross-fiber-friction-massage",
		"active-release-technique", "cool-down"}
	for _, tc := range []struct {
		name     string
		symptoms []string
		injury   bool
		allowed  []string
		refused  []string
	}{
		{"BonePain", []string{"bone-pain"}, false,
			[]string{"see-professional", "passive-rest", "rehydrate", "refuel", "sleep"}, append([]string{"peace-love"}, banned...)},
		{"ChestPainUrgent", []string{"chest-pain"}, false,
			[]string{"see-professional", "passive-rest"}, append([]string{"elevation", "peace-love"}, banned...)},
		{"SwellingCallsPEACE", []string{"swelling"}, false,
			[]string{"see-professional", "peace-love", "elevation"}, banned},
		{"FaintingLegsUp", []string{"fainting"}, false,
			[]string{"see-professional", "elevation"}, append([]string{"peace-love"}, banned...)},
		{"UrgentOverridesSoftTissue", []string{"swelling", "calf-swelling-warmth"}, false,
			[]string{"see-professional"}, append([]string{"peace-love", "elevation"}, banned...)},
		{"InjuryCondition", nil, true,
			[]string{"see-professional", "passive-rest", "peace-love"}, banned},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, id := range tc.allowed {
				if !protocol.AllowedWhileFlagged(id, tc.symptoms, tc.injury) {
					t.Errorf("%s refused, want allowed", id)
				}
			}
			for _, id := range tc.refused {
				if protocol.AllowedWhileFlagged(id, tc.symptoms, tc.injury) {
					t.Errorf("%s allowed, want refused", id)
				}
			}
		})
	}
}

// PEACE & LOVE is injury care, sourced to Dubois & Esculier 2020, and
// the disagreement with the articles that teach RICE is shown on RICE,
// the ice pack and PEACE & LOVE.
func TestPEACEAndLOVE(t *testing.T) {
	pl := mustByID(t, "peace-love")
	if !pl.InjuryCare || pl.Sources[0].Ref != protocol.RefDuboisEsculier2020 {
		t.Errorf("peace-love: InjuryCare %v, first source %q", pl.InjuryCare, pl.Sources[0].Ref)
	}
	for _, id := range []string{"rice", "ice-pack", "peace-love"} {
		found := false
		for _, d := range protocol.DisagreementsFor(id) {
			found = found || d.ID == "rice-vs-peace-love"
		}
		if !found {
			t.Errorf("%s: no rice-vs-peace-love disagreement", id)
		}
	}
	for _, id := range []string{"rice", "ice-pack", "cross-fiber-friction-massage", "active-release-technique", "passive-rest"} {
		if !mustByID(t, id).InjuryCare {
			t.Errorf("%s is not marked injury care", id)
		}
	}
}
