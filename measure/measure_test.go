package measure_test

import (
	"math"
	"testing"

	"github.com/rebound-run/rebound/measure"
)

// The expected values are hand conversions with the exact factors:
// 1 mi = 1609.344 m, 1 ft = 0.3048 m, 1 lb = 0.45359237 kg,
// 1 US fl oz = 29.5735295625 ml, °F = °C × 9/5 + 32.
func TestFormats(t *testing.T) {
	m, i, zero := measure.Metric, measure.Imperial, measure.System("")
	for _, tt := range []struct{ got, want string }{
		{m.Distance(21097.5), "21.10 km"},
		{i.Distance(21097.5), "13.11 mi"}, // 21097.5 / 1609.344 = 13.109
		{zero.Distance(1000), "1.00 km"},  // unset reads as metric
		{m.Round(16093.44), "16.1 km"},
		{i.Round(16093.44), "10 mi"},
		{m.Round(8000), "8 km"},
		{m.Elevation(123.4), "123 m"},
		{i.Elevation(123.4), "405 ft"}, // 123.4 / 0.3048 = 404.9
		{m.Climb(34), "34 m per km"},
		{i.Climb(34), "180 ft per mile"}, // 34 / 0.3048 × 1.609344 = 179.5
		{m.Pace(1000.0 / 312), "5:12 /km"},
		{i.Pace(1000.0 / 312), "8:22 /mi"}, // 312 × 1.609344 = 502.1 s
		{m.Pace(0), "–"},
		{m.Speed(10), "36.0 km/h"},
		{i.Speed(10), "22.4 mph"},
		{m.Weight(70), "70.0 kg"},
		{i.Weight(70), "154.3 lb"},
		{i.Weight(0), "not set"},
		{m.Temperature(18), "18 °C"},
		{i.Temperature(18), "64 °F"}, // 64.4
		{m.Volume(500), "500 ml"},
		{i.Volume(500), "17 fl oz"}, // 16.9
		{i.VolumeRange(473, 710), "16-24 fl oz"},
		{m.VolumeRange(473, 710), "473-710 ml"},
		{m.Distance(math.NaN()), "–"},
		{i.Climb(math.NaN()), "–"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestText renders each kind of mark in both systems; the conversions are
// hand calculations: 300 mi × 1.609344 = 482.8 km (480 to two figures),
// 500 mi = 804.7 km (800); 16 fl oz × 29.5735 = 473.2 ml, 24 fl oz =
// 709.8 ml; 10 °C = 50 °F, 15 °C = 59 °F; 1.5 L/kg × 0.45359 kg/lb =
// 0.680 L/lb = 23.0 fl oz per lb; 0.8 g/kg × 0.45359 = 0.36 g/lb, 1.2 g/kg
// = 0.54 g/lb; 1 US cup = 236.6 ml (240), 2 cups = 473.2 ml (470).
func TestText(t *testing.T) {
	m, i := measure.Metric, measure.Imperial
	for _, tt := range []struct {
		text, metric, imperial string
	}{
		{"replace every {{mi 300-500}}", "replace every 480-800 km", "replace every 300-500 miles"},
		{"e.g. from {{mi 20 to 22}}", "e.g. from 32 to 35 km", "e.g. from 20 to 22 miles"},
		{"{{mi 1}} and {{mi 10}}", "1.6 km and 16 km", "1 mile and 10 miles"},
		{"start with {{floz 16-24}}", "start with 473-710 ml", "start with 16-24 fl oz"},
		{"{{C 10-15}} water", "10-15 °C water", "50-59 °F water"},
		{"about {{L/kg 1.25-1.5}} lost", "about 1.25-1.5 L per kg lost", "about 19-23 fl oz per lb lost"},
		// 1.5 L = 1500 / 29.5735 = 50.7 fl oz; 2 L = 67.6 fl oz.
		{"capped at {{L 1.5-2}}", "capped at 1.5-2 L", "capped at 51-68 fl oz"},
		{"{{g/kg 0.8-1.2}} of carbohydrate", "0.8-1.2 g per kg of carbohydrate", "0.36-0.54 g per lb of carbohydrate"},
		{"{{cups 1-2}} of Epsom salt", "1-2 cups (about 240-470 ml) of Epsom salt", "1-2 cups of Epsom salt"},
		{"no marks: 10 km", "no marks: 10 km", "no marks: 10 km"},
		{"{{furlong 3}} stays", "{{furlong 3}} stays", "{{furlong 3}} stays"},
	} {
		if got := m.Text(tt.text); got != tt.metric {
			t.Errorf("metric %q = %q, want %q", tt.text, got, tt.metric)
		}
		if got := i.Text(tt.text); got != tt.imperial {
			t.Errorf("imperial %q = %q, want %q", tt.text, got, tt.imperial)
		}
	}
	if !measure.Marked(m.Text("{{furlong 3}}")) || measure.Marked(m.Text("{{mi 3}}")) {
		t.Error("Marked: want an unknown mark reported and a rendered one not")
	}
}

// TestDuration checks the one prose format for durations (review 2 #30:
// "for 1:42 h" beside "estimated from 1 h 42"): 6120 s = 102 min = 1 h 42;
// 10410 s = 173.5 min rounds to 174 = 2 h 54; 2700 s = 45 min; 7200 s =
// 2 h on the hour.
func TestDuration(t *testing.T) {
	for sec, want := range map[float64]string{6120: "1 h 42 min", 10410: "2 h 54 min", 2700: "45 min", 7200: "2 h",
		3599: "1 h", 20: "1 min", math.NaN(): measure.Missing} {
		if got := measure.Duration(sec); got != want {
			t.Errorf("Duration(%v) = %q, want %q", sec, got, want)
		}
	}
}
