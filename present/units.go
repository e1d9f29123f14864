package present

import (
	"fmt"
	"math"

	"github.com/rebound-run/rebound/activity"
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

// Measure formats how fast an activity of sport went, in the measure that
// sport is read in: a swim's pace per 100 m ("2:05 /100 m", or per 100
// yd with imperial units), a ride's speed ("28.4 km/h", "17.6 mph"), the
// pace per km or mile of anything on foot ("5:12 /km"), the speed of the
// rest (rowing, skiing); "–" for strength sessions and when it has no
// speed.
func (u Units) Measure(sport activity.Sport, speedMS float64) string {
	switch MeasureOf(sport) {
	case "":
		return measure.Missing
	case "speed":
		return u.Speed(speedMS)
	}
	if sport == activity.Swimming {
		return u.SwimPace(speedMS)
	}
	return u.Pace(speedMS)
}

// MeasureOf is what Measure shows for a sport: "pace" (time per distance:
// on foot and swimming), "speed", or "" (strength).
func MeasureOf(sport activity.Sport) string {
	switch {
	case sport == activity.Strength:
		return ""
	case sport.IsRun(), sport == activity.Walking, sport == activity.Hiking, sport == activity.Swimming:
		return "pace"
	}
	return "speed"
}

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
