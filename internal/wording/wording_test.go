package wording_test

import (
	"testing"

	"github.com/rebound-run/rebound/internal/wording"
	"github.com/rebound-run/rebound/measure"
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

func TestOtherSpellings(t *testing.T) {
	for _, tt := range []struct {
		text  string
		other bool
	}{
		{"for a typical runner (a runner's recovery guide, January 2026)", true},
		{"a January 2026 coaching guide to leg recovery after running", true},
		{"Best recovery for legs after running: a coaching guide (January 2026)", true},
		{"one more rest day (8 Post-Run Recovery Tips From Experts: longer for older runners)", true},
		{"the 2026 coaching guide; “8 Post-Run Recovery Tips”", false},
		{"8 Post-Run Recovery Tips From Experts To Help You Bounce Back Faster", false},
		{"The 2026 coaching guide: best recovery for legs after running (January 2026)", false},
	} {
		if got := wording.OtherSpellings(tt.text); (got != nil) != tt.other {
			t.Errorf("OtherSpellings(%q) = %q, want other %v", tt.text, got, tt.other)
		}
	}
}

func TestLowerStarts(t *testing.T) {
	for _, tt := range []struct {
		text  string
		lower bool
	}{
		{"gives about 1.25-1.5 L per kg lost, with sodium. the 2026 coaching guide gives", true},
		{"It helps. “Leg Recovery After Running” says so. (the guide) agrees", false},
		{"e.g. from 20 to 22 miles; Dupuy et al. 2018 found", false},
		{"as reported (Smith et al. 2019). the rest", true},
		{"1.5 x the loss", false},
		{"62.83 km     +15%    716     6  ! over the 10% rule", false},
	} {
		if got := wording.LowerStarts(tt.text); (got != nil) != tt.lower {
			t.Errorf("LowerStarts(%q) = %q, want lower %v", tt.text, got, tt.lower)
		}
	}
}

func TestForeignUnits(t *testing.T) {
	for _, tt := range []struct {
		text    string
		u       measure.System
		foreign bool
	}{
		{"A 21.1 km race", measure.Imperial, true},
		{"+5% for 204 m of descent", measure.Imperial, true},
		{"in the cold (7 °C)", measure.Imperial, true},
		{"g per kg of your 61 kg", measure.Imperial, true},
		{"1710-3580 ml", measure.Imperial, true},
		{"about 10 min, background noise, 13.1 mi, 5 min", measure.Imperial, false},
		{"e.g. 20 to 22 miles", measure.Metric, true},
		{"16-24 oz", measure.Metric, true},
		{"134.5 lb", measure.Metric, true},
		{"64 °F", measure.Metric, true},
		{"8:22 /mi", measure.Metric, true},
		{"running's pounding, 5 min at 10 km/h, 3 m of climbing, cold feet", measure.Metric, false},
		{"rebound gear add NAME [--limit-km N]", measure.Imperial, false},
	} {
		if got := wording.ForeignUnits(tt.text, tt.u); (got != nil) != tt.foreign {
			t.Errorf("ForeignUnits(%q, %s) = %q, want foreign %v", tt.text, tt.u, got, tt.foreign)
		}
	}
}
