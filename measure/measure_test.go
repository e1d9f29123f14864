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
