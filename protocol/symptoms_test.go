package protocol_test

import (
	"strings"
	"testing"

	"github.com/rebound-run/rebound/protocol"
)

func TestSymptoms(t *testing.T) {
	want := map[string]protocol.Urgency{
		"chest-pain":           protocol.Urgent,
		"dark-urine":           protocol.Urgent, // exertional rhabdomyolysis
		"calf-swelling-warmth": protocol.Urgent, // deep-vein thrombosis
		"fainting":             protocol.Urgent,
		"deformity":            protocol.Urgent, // possible fracture or dislocation
		"dizziness":            protocol.Soon,   // urgent only with chest pain or fainting
		"sharp-pain":           protocol.Soon,
		"bone-pain":            protocol.Soon,
		"swelling":             protocol.Soon,
		"bruising":             protocol.Soon,
		"numbness":             protocol.Soon,
		"tingling":             protocol.Soon,
		"weakness":             protocol.Soon,
		"worsening-pain":       protocol.Soon,
		"stride-change":        protocol.Soon,
		"one-sided-pain":       protocol.Soon,
		"lasting-soreness":     protocol.Soon, // 002: more than a week
	}
	seen := map[string]bool{}
	for _, s := range protocol.Symptoms() {
		if seen[s.ID] || !kebab.MatchString(s.ID) {
			t.Errorf("symptom %q: duplicate or not kebab-case", s.ID)
		}
		seen[s.ID] = true
		if s.Name == "" || s.Why == "" || (s.Urgency != protocol.Urgent && s.Urgency != protocol.Soon) {
			t.Errorf("symptom %+v: want a Name, a Why and a valid Urgency", s)
		}
		for _, ref := range strings.Split(s.Source, "; ") {
			if !validRef(ref) {
				t.Errorf("symptom %q: source %q is not a seed, citation or %s", s.ID, ref, protocol.RefList)
			}
		}
	}
	for id, u := range want {
		s, ok := protocol.SymptomByID(id)
		if !ok {
			t.Errorf("missing symptom %q", id)
			continue
		}
		if s.Urgency != u {
			t.Errorf("%s: urgency %q, want %q", id, s.Urgency, u)
		}
	}
	if _, ok := protocol.SymptomByID("nope"); ok {
		t.Error("SymptomByID found an unknown id")
	}
	ids := protocol.SymptomIDs()
	if len(ids) != len(protocol.Symptoms()) {
		t.Errorf("%d symptom ids for %d symptoms", len(ids), len(protocol.Symptoms()))
	}
	for i, s := range protocol.Symptoms() {
		if i < len(ids) && ids[i] != s.ID {
			t.Errorf("SymptomIDs()[%d] = %q, want %q", i, ids[i], s.ID)
		}
	}
	ls, _ := protocol.SymptomByID("lasting-soreness")
	if !strings.Contains(ls.Name, "7 days") || protocol.SorenessSeeProfessionalDays != 7 {
		t.Errorf("lasting-soreness should use the 7-day limit: %+v", ls)
	}
	// Urgent symptoms come first.
	urgentDone := false
	for _, s := range protocol.Symptoms() {
		if s.Urgency == protocol.Soon {
			urgentDone = true
		} else if urgentDone {
			t.Errorf("urgent symptom %q listed after a soon one", s.ID)
		}
	}
}
