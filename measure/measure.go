// Package measure words measures (distance, elevation, pace, speed,
// climbing per distance, temperature, weight, volume) in a runner's system
// of units. It is the one implementation of unit formatting: package
// present formats with it, and the domain packages call it with the
// runner's System wherever a reason carries a measure ("34 m of climbing
// per km" reads "181 ft per mile" to a runner who reads miles). It is
// pure and imports only the standard library.
package measure

import (
	"fmt"
	"math"
	"strconv"
)

// System is a system of units: Metric or Imperial. The zero value reads
// as Metric.
type System string

// The systems.
const (
	Metric   System = "metric"
	Imperial System = "imperial"
)

// Conversion factors (exact by definition of the international yard and
// pound, and of the US fluid ounce).
const (
	MetresPerMile = 1609.344
	MetresPerFoot = 0.3048
	KgPerPound    = 0.45359237
	MlPerFlOz     = 29.5735295625
)

// Missing is how an absent measure (NaN) reads.
const Missing = "–"

// Imperial reports whether the system reads miles, feet, pounds, fluid
// ounces and °F.
func (s System) Imperial() bool { return s == Imperial }

// Distance formats metres as "12.34 km" or "7.67 mi".
func (s System) Distance(m float64) string {
	if math.IsNaN(m) {
		return Missing
	}
	if s.Imperial() {
		return fmt.Sprintf("%.2f mi", m/MetresPerMile)
	}
	return fmt.Sprintf("%.2f km", m/1000)
}

// Round formats metres for a sentence, to at most one decimal and without
// a trailing ".0": "16 km", "10 mi", "8.5 km".
func (s System) Round(m float64) string {
	if math.IsNaN(m) {
		return Missing
	}
	if s.Imperial() {
		return short(m/MetresPerMile) + " mi"
	}
	return short(m/1000) + " km"
}

// Whole formats metres as a whole number of km or miles, for planned and
// rounded distances ("44 km", "27 mi"): a plan is not run to the 10 m.
func (s System) Whole(m float64) string {
	if math.IsNaN(m) {
		return Missing
	}
	if s.Imperial() {
		return fmt.Sprintf("%.0f mi", m/MetresPerMile)
	}
	return fmt.Sprintf("%.0f km", m/1000)
}

// Elevation formats metres as "123 m" or "404 ft".
func (s System) Elevation(m float64) string {
	if math.IsNaN(m) {
		return Missing
	}
	if s.Imperial() {
		return fmt.Sprintf("%.0f ft", m/MetresPerFoot)
	}
	return fmt.Sprintf("%.0f m", m)
}

// Climb formats metres of climbing per kilometre as "34 m per km" or, in
// feet per mile, "180 ft per mile" (1 m/km = 5.28 ft/mi).
func (s System) Climb(mPerKm float64) string {
	if math.IsNaN(mPerKm) {
		return Missing
	}
	if s.Imperial() {
		return fmt.Sprintf("%.0f ft per mile", mPerKm/MetresPerFoot*MetresPerMile/1000)
	}
	return fmt.Sprintf("%.0f m per km", mPerKm)
}

// Pace formats a speed in m/s as "5:12 /km" or "8:22 /mi"; Missing when
// standing or slower than 100 minutes a unit.
func (s System) Pace(speedMS float64) string {
	if s.Imperial() {
		return pace(speedMS, MetresPerMile, "/mi")
	}
	return pace(speedMS, 1000, "/km")
}

// MetresPer100Yd is 100 yards in metres.
const MetresPer100Yd = 91.44

// SwimPace formats a speed in m/s as a swim's pace, "2:05 /100 m" or
// "1:54 /100 yd".
func (s System) SwimPace(speedMS float64) string {
	if s.Imperial() {
		return pace(speedMS, MetresPer100Yd, "/100 yd")
	}
	return pace(speedMS, 100, "/100 m")
}

// pace formats the time to cover per metres at speedMS; Missing for none
// or 100 minutes and more.
func pace(speedMS, per float64, unit string) string {
	if math.IsNaN(speedMS) || speedMS <= 0 {
		return Missing
	}
	sec := math.Round(per / speedMS)
	if sec >= 100*60 {
		return Missing
	}
	return fmt.Sprintf("%d:%02d %s", int(sec)/60, int(sec)%60, unit)
}

// Duration formats seconds for a sentence, to the minute: "1 h 42 min",
// "2 h" on the hour, and under an hour "45 min" (at least "1 min"); Missing
// for none. It is the one way prose says how long something took, in
// every unit system (tables keep h:mm:ss).
func Duration(sec float64) string {
	if math.IsNaN(sec) || sec < 0 {
		return Missing
	}
	switch m := int(math.Round(sec / 60)); {
	case m < 60:
		return fmt.Sprintf("%d min", max(m, 1))
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	default:
		return fmt.Sprintf("%d h %02d min", m/60, m%60)
	}
}

// Speed formats m/s as "28.4 km/h" or "17.6 mph".
func (s System) Speed(speedMS float64) string {
	if math.IsNaN(speedMS) {
		return Missing
	}
	if s.Imperial() {
		return fmt.Sprintf("%.1f mph", speedMS*3600/MetresPerMile)
	}
	return fmt.Sprintf("%.1f km/h", speedMS*3.6)
}

// Weight formats kilograms as "70.0 kg" or "154.3 lb"; "not set" when
// not positive.
func (s System) Weight(kg float64) string {
	if kg <= 0 || math.IsNaN(kg) {
		return "not set"
	}
	if s.Imperial() {
		return fmt.Sprintf("%.1f lb", kg/KgPerPound)
	}
	return fmt.Sprintf("%.1f kg", kg)
}

// Temperature formats °C as "18 °C" or "64 °F".
func (s System) Temperature(c float64) string {
	if math.IsNaN(c) {
		return Missing
	}
	if s.Imperial() {
		return fmt.Sprintf("%.0f °F", c*9/5+32)
	}
	return fmt.Sprintf("%.0f °C", c)
}

// Volume formats millilitres as "500 ml" or "17 fl oz".
func (s System) Volume(ml float64) string {
	if math.IsNaN(ml) {
		return Missing
	}
	if s.Imperial() {
		return fmt.Sprintf("%.0f fl oz", ml/MlPerFlOz)
	}
	return fmt.Sprintf("%.0f ml", ml)
}

// VolumeRange formats a range of millilitres with the unit once:
// "500-750 ml" or "17-25 fl oz".
func (s System) VolumeRange(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return Missing
	}
	if s.Imperial() {
		return fmt.Sprintf("%.0f-%.0f fl oz", lo/MlPerFlOz, hi/MlPerFlOz)
	}
	return fmt.Sprintf("%.0f-%.0f ml", lo, hi)
}

// short formats v with at most one decimal, dropping ".0".
func short(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}
