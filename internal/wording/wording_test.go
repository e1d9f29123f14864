package wording_test

import (
	"testing"

	"github.com/rebound-run/rebound/internal/wording"
)

func TestInternalNames(t *testing.T) {
	for _, tt := range []struct {
		text     string
		internal bool
	}{
		{"A long run: easy running after 24-48 h (seed 002)", true},
		{"seeds 000, 002", true},
		{"004 warns that cold baths can be dangerous", true},
		{"ask a professional first (001).", true},
		{"003's upper bound", true},
		{"Sources: 000_c4f0cacbf88d7572.txt", true},
		{"as reported in REFERENCES.md", true},
		{"ACSM 2016 (*check*)", true},
		{"“8 Post-Run Recovery Tips” warns that cold baths can be dangerous", false},
		{"a ratio of 0.004 and 1,002 steps", false},
		{"Dupuy et al. 2018, Front Physiol 9:403", false},
		{"10-15 min at 10-15 °C", false},
	} {
		if got := wording.InternalNames(tt.text); (got != nil) != tt.internal {
			t.Errorf("InternalNames(%q) = %q, want internal %v", tt.text, got, tt.internal)
		}
	}
}
