package present

import (
	"fmt"
	"math"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
)

// Conversion factors (exact by definition of the international yard and pound).
const (
	MetresPerMile = 1609.344
	MetresPerFoot = 0.3048
	KgPerPound    = 0.45359237
	MlPerFlOz     = 29.5735295625
)

// Units formats numbers in the runner's units.
type Units struct{ System profile.Units }

// For returns the formatter for a profile.
func For(p profile.Profile) Units { return Units{System: p.UnitsOrDefault()} }

// Imperial reports whether the runner reads miles and feet.
func (u Units) Imperial() bool { return u.System == profile.Imperial }

// Distance formats metres as "12.34 km" or "7.67 mi".
func (u Units) Distance(m float64) string {
	if math.IsNaN(m) {
		return "–"
	}
	if u.Imperial() {
		return fmt.Sprintf("%.2f mi", m/MetresPerMile)
	}
	return fmt.Sprintf("%.2f km", m/1000)
}

// Elevation formats metres as "123 m" or "404 ft".
func (u Units) Elevation(m float64) string {
	if math.IsNaN(m) {
		return "–"
	}
	if u.Imperial() {
		return fmt.Sprintf("%.0f ft", m/MetresPerFoot)
	}
	return fmt.Sprintf("%.0f m", m)
}

// Pace formats a speed in m/s as "5:12 /km" or "8:22 /mi".
func (u Units) Pace(speedMS float64) string {
	per, unit := 1000.0, "/km"
	if u.Imperial() {
		per, unit = MetresPerMile, "/mi"
	}
	return paceText(speedMS, per, unit)
}

// paceText formats the time to cover per metres at speedMS, "–" for none
// or 100 minutes and more.
func paceText(speedMS, per float64, unit string) string {
	if math.IsNaN(speedMS) || speedMS <= 0 {
		return "–"
	}
	sec := math.Round(per / speedMS)
	if sec >= 100*60 {
		return "–"
	}
	return fmt.Sprintf("%d:%02d %s", int(sec)/60, int(sec)%60, unit)
}

// MetresPer100Yd is 100 yards in metres.
const MetresPer100Yd = 91.44

// Measure formats how fast an activity of sport went, in the measure that
// sport is read in: a swim's pace per 100 m ("2:05 /100 m", or per 100
// yd with imperial units), a ride's speed ("28.4 km/h", "17.6 mph"), the
// pace per km or mile of anything on foot ("5:12 /km"), the speed of the
// rest (rowing, skiing); "–" for strength sessions and when it has no
// speed.
func (u Units) Measure(sport activity.Sport, speedMS float64) string {
	switch MeasureOf(sport) {
	case "":
		return "–"
	case "speed":
		return u.Speed(speedMS)
	}
	if sport != activity.Swimming {
		return u.Pace(speedMS)
	}
	per, unit := 100.0, "/100 m"
	if u.Imperial() {
		per, unit = MetresPer100Yd, "/100 yd"
	}
	return paceText(speedMS, per, unit)
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

// Speed formats m/s as "28.4 km/h" or "17.6 mph".
func (u Units) Speed(speedMS float64) string {
	if math.IsNaN(speedMS) {
		return "–"
	}
	if u.Imperial() {
		return fmt.Sprintf("%.1f mph", speedMS*3600/MetresPerMile)
	}
	return fmt.Sprintf("%.1f km/h", speedMS*3.6)
}

// Weight formats kilograms as "70.0 kg" or "154.3 lb".
func (u Units) Weight(kg float64) string {
	if kg <= 0 || math.IsNaN(kg) {
		return "not set"
	}
	if u.Imperial() {
		return fmt.Sprintf("%.1f lb", kg/KgPerPound)
	}
	return fmt.Sprintf("%.1f kg", kg)
}

// Temperature formats °C as "18 °C" or "64 °F".
func (u Units) Temperature(c float64) string {
	if math.IsNaN(c) {
		return "–"
	}
	if u.Imperial() {
		return fmt.Sprintf("%.0f °F", c*9/5+32)
	}
	return fmt.Sprintf("%.0f °C", c)
}

// Volume formats millilitres as "500 ml" or "17 fl oz".
func (u Units) Volume(ml float64) string {
	if u.Imperial() {
		return fmt.Sprintf("%.0f fl oz", ml/MlPerFlOz)
	}
	return fmt.Sprintf("%.0f ml", ml)
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
