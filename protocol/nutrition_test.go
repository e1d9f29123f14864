package protocol_test

import (
	"math"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/protocol"
)

func near(a, b float64) bool { return math.Abs(a-b) < 0.05 }

func TestCarbsProtein(t *testing.T) {
	tests := []struct {
		name           string
		kg             float64
		carbs, protein protocol.Range
	}{
		// 70 x 0.8 = 56, 70 x 1.2 = 84; 70 x 0.25 = 17.5, 70 x 0.4 = 28.
		{"70 kg", 70, protocol.Range{Min: 56, Max: 84}, protocol.Range{Min: 17.5, Max: 28}},
		// 55 x 0.8 = 44, 55 x 1.2 = 66; 55 x 0.25 = 13.75, 55 x 0.4 = 22.
		{"55 kg", 55, protocol.Range{Min: 44, Max: 66}, protocol.Range{Min: 13.75, Max: 22}},
		// 90 x 0.8 = 72, 90 x 1.2 = 108; 90 x 0.25 = 22.5, 90 x 0.4 = 36.
		{"90 kg", 90, protocol.Range{Min: 72, Max: 108}, protocol.Range{Min: 22.5, Max: 36}},
		{"unknown weight", 0, protocol.Range{}, protocol.Range{}},
		{"negative weight", -70, protocol.Range{}, protocol.Range{}},
		{"NaN weight", math.NaN(), protocol.Range{}, protocol.Range{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := protocol.Carbs(tt.kg); !near(got.Min, tt.carbs.Min) || !near(got.Max, tt.carbs.Max) {
				t.Errorf("Carbs(%g) = %+v, want %+v", tt.kg, got, tt.carbs)
			}
			if got := protocol.Protein(tt.kg); !near(got.Min, tt.protein.Min) || !near(got.Max, tt.protein.Max) {
				t.Errorf("Protein(%g) = %+v, want %+v", tt.kg, got, tt.protein)
			}
		})
	}
}

func TestFluid(t *testing.T) {
	tests := []struct {
		name   string
		lostKg float64
		want   protocol.Range
	}{
		// 1.2 kg lost: 1.25 x 1200 = 1500 ml (ACSM 2016 lower end, *check*),
		// 1.5 x 1200 = 1800 ml (000's default).
		{"1.2 kg lost", 1.2, protocol.Range{Min: 1500, Max: 1800}},
		// 0.5 kg: 625-750 ml.
		{"0.5 kg lost", 0.5, protocol.Range{Min: 625, Max: 750}},
		// 2 kg: 2500-3000 ml.
		{"2 kg lost", 2, protocol.Range{Min: 2500, Max: 3000}},
		// Unknown: 002's 16-24 US fl oz; 16 x 29.5735 = 473.2 ml,
		// 24 x 29.5735 = 709.8 ml.
		{"unknown", 0, protocol.Range{Min: 473.2, Max: 709.8}},
		{"gain counts as unknown", -0.3, protocol.Range{Min: 473.2, Max: 709.8}},
		{"NaN counts as unknown", math.NaN(), protocol.Range{Min: 473.2, Max: 709.8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := protocol.Fluid(tt.lostKg); !near(got.Min, tt.want.Min) || !near(got.Max, tt.want.Max) {
				t.Errorf("Fluid(%g) = %+v, want %+v", tt.lostKg, got, tt.want)
			}
		})
	}
	// The rehydrate dose agrees with Fluid's fallback, rounded.
	d := mustByID(t, "rehydrate").Dose
	unknown := protocol.Fluid(0)
	if math.Round(unknown.Min) != d.Min || math.Round(unknown.Max) != d.Max {
		t.Errorf("rehydrate dose %g-%g ml, Fluid(0) = %+v", d.Min, d.Max, unknown)
	}
	if got := (protocol.Range{Min: 473.2, Max: 709.8}).Mid(); !near(got, 591.5) {
		t.Errorf("Mid = %g, want 591.5", got)
	}
}

func TestLostFraction(t *testing.T) {
	tests := []struct {
		lost, weight, want float64
	}{
		{1.4, 70, 0.02}, // 1.4 / 70 = 2%, the 004 threshold
		{0.7, 70, 0.01},
		{0, 70, 0},
		{1, 0, 0},
		{math.NaN(), 70, 0},
	}
	for _, tt := range tests {
		if got := protocol.LostFraction(tt.lost, tt.weight); !near(got*100, tt.want*100) {
			t.Errorf("LostFraction(%g, %g) = %g, want %g", tt.lost, tt.weight, got, tt.want)
		}
	}
	if protocol.LostFraction(1.5, 70) <= protocol.DehydrationBodyWeightLoss {
		t.Error("1.5 kg of 70 kg (2.1%) should exceed the 2% threshold")
	}
}

func TestNeedsElectrolytes(t *testing.T) {
	tests := []struct {
		name       string
		long, hard bool
		tempC      float64
		want       bool
		why        string
	}{
		{"easy and cool", false, false, 12, false, "water"},
		{"easy, unknown temperature", false, false, math.NaN(), false, "unknown"},
		{"long run", true, false, 12, true, "long run"},
		{"hard session", false, true, 12, true, "hard session"},
		{"hot easy run at the threshold", false, false, 25, true, "hot run (25 °C"},
		{"just below hot", false, false, 24.9, false, "below 25 °C"},
		{"long, hard and hot", true, true, 31, true, "after a long run, a hard session and a hot run (31 °C"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := protocol.NeedsElectrolytes(tt.long, tt.hard, tt.tempC)
			if got != tt.want || !strings.Contains(why, tt.why) {
				t.Errorf("NeedsElectrolytes(%v, %v, %g) = %v, %q; want %v and %q", tt.long, tt.hard, tt.tempC, got, why, tt.want, tt.why)
			}
		})
	}
}

// The reason words temperatures in the runner's units: 30 °C is 86 °F and
// HotRunTempC, 25 °C, is 77 °F (× 9/5 + 32).
func TestNeedsElectrolytesIn(t *testing.T) {
	_, why := protocol.NeedsElectrolytesIn(measure.Imperial, false, false, 30)
	if want := "Electrolytes help after a hot run (86 °F, at or above 77 °F)"; why != want {
		t.Errorf("imperial: %q, want %q", why, want)
	}
	_, why = protocol.NeedsElectrolytesIn(measure.Imperial, false, false, 12)
	if !strings.Contains(why, "below 77 °F") {
		t.Errorf("imperial, cool: %q", why)
	}
}

// TestEstimatedFluid: without weights the amount is 002's 16-24 fl oz
// (473.2-709.8 ml) up to an hour, grows smoothly with the extra time at
// the estimated sweat rate (Sawka et al. 2007's 0.5-2.0 L/h span; easy
// 0.5-1.0 L/h), and stops at 1.5-2.0 L however long the run.
func TestEstimatedFluid(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		minutes float64
		hard    bool
		want    protocol.Range
	}{
		{30, false, protocol.Range{Min: 473.2, Max: 709.8}},
		{60, false, protocol.Range{Min: 473.2, Max: 709.8}},
		{61, false, protocol.Range{Min: 481.5, Max: 726.5}},    // + 1/60 h × 0.5 and × 1.0 L/h
		{135, false, protocol.Range{Min: 1098.2, Max: 1959.8}}, // + 1.25 h
		{102, true, protocol.Range{Min: 1033.2, Max: 1689.8}},  // half marathon: + 0.7 h × 0.8-1.4 L/h
		{300, true, protocol.Range{Min: 1500, Max: 2000}},      // capped
	} {
		got := protocol.EstimatedFluid(tc.minutes, tc.hard, nan)
		if math.Abs(got.Min-tc.want.Min) > 0.5 || math.Abs(got.Max-tc.want.Max) > 0.5 {
			t.Errorf("%.0f min (hard %v): %.1f-%.1f ml, want %.1f-%.1f", tc.minutes, tc.hard, got.Min, got.Max, tc.want.Min, tc.want.Max)
		}
	}
}
