package present

import (
	"fmt"
	"math"

	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/profile"
)

// Conversion factors, from package measure.
const (
	MetresPerMile = measure.MetresPerMile
	MetresPerFoot = measure.MetresPerFoot
	KgPerPound    = measure.KgPerPound
	MlPerFlOz     = measure.MlPerFlOz
)

// Units formats numbers in the runner's units: Distance, Elevation, Pace,
// Speed, Weight, Temperature, Volume and the rest are measure.System's.
type Units struct{ measure.System }

// For returns the formatter for a profile.
func For(p profile.Profile) Units { return Units{System: p.UnitsOrDefault()} }

// Clock formats seconds as "1:02:03" or "42:05".
func Clock(sec float64) string {
	if math.IsNaN(sec) {
		return "–"
	}
	s := int(math.Round(sec))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// BPM formats a heart rate, "–" when absent.
func BPM(v float64) string {
	if math.IsNaN(v) || v <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", v)
}
