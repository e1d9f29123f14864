package protocol

import (
	"fmt"
	"math"
	"strings"

	"github.com/rebound-run/rebound/measure"
)

// Refuelling after a run (000): carbohydrate 0.8-1.2 g per kg of body weight
// and protein 0.25-0.4 g per kg, within 30-60 min (000, 002, 003). The
// ACSM 2016 and ISSN 2017 position stands, as reported in REFERENCES.md
// (*check*), give 1.0-1.2 g/kg per hour of carbohydrate when glycogen must
// be restored fast and about 0.25-0.3 g/kg of protein; the seeds' values
// stay the default (see the "refuel-amounts" disagreement).
const (
	CarbsPerKgMin      = 0.8
	CarbsPerKgMax      = 1.2
	ProteinPerKgMin    = 0.25
	ProteinPerKgMax    = 0.4
	RefuelWindowMinMin = 30
	RefuelWindowMaxMin = 60
)

// Fluid after a run. FluidPerKgLost (000: drink 1.5 times the weight lost)
// is the default target, in litres per kg lost; FluidPerKgLostLow is the
// lower end the ACSM 2016 position stand gives, as reported in
// REFERENCES.md (*check*: 1.25-1.5 L per kg). Without a weight, 002's
// 16-24 US fl oz.
const (
	FluidPerKgLost    = 1.5
	FluidPerKgLostLow = 1.25
	FluidUnknownOzMin = 16
	FluidUnknownOzMax = 24
	// MlPerUSFlOz is the exact size of a US fluid ounce.
	MlPerUSFlOz = 29.5735295625
)

// HotRunTempC is the device temperature at or above which a run counts as
// hot for electrolytes. 003 says "hot days" without a number, so this is
// Rebound's choice: sweat losses climb steeply on warm days, and 25 °C is
// where most runners already call a run warm. A wrist or chest sensor reads
// somewhat above the air because of body heat, so this errs towards
// suggesting electrolytes, which is cheap and safe.
const HotRunTempC = 25.0

// Range is an inclusive span of values in the unit the function names.
type Range struct{ Min, Max float64 }

// Mid returns the middle of r.
func (r Range) Mid() float64 { return (r.Min + r.Max) / 2 }

// Carbs returns grams of carbohydrate to eat within 30-60 min of a run
// (000: 0.8-1.2 g/kg). A weight that is zero, negative or NaN gives the zero
// Range. Example: 70 kg gives 56-84 g.
func Carbs(weightKg float64) Range {
	if !(weightKg > 0) {
		return Range{}
	}
	return Range{CarbsPerKgMin * weightKg, CarbsPerKgMax * weightKg}
}

// Protein returns grams of protein to eat with the carbohydrate (000:
// 0.25-0.4 g/kg). A weight that is zero, negative or NaN gives the zero
// Range. Example: 70 kg gives 17.5-28 g.
func Protein(weightKg float64) Range {
	if !(weightKg > 0) {
		return Range{}
	}
	return Range{ProteinPerKgMin * weightKg, ProteinPerKgMax * weightKg}
}

// Fluid returns millilitres to drink after a run.
//
// When the weight lost during the run is known (> 0 kg), Max is 000's
// default of 1.5 x the loss (1.5 L per kg) and Min the 1.25 L per kg lower
// end the ACSM 2016 position stand gives as reported in REFERENCES.md
// (*check*): 1.2 kg lost gives 1500-1800 ml. When it is not known (zero,
// negative, i.e. within scale noise or a gain, or NaN), it returns 002's
// 16-24 US fl oz, 473.2-709.8 ml.
func Fluid(weightLostKg float64) Range {
	if !(weightLostKg > 0) {
		return Range{FluidUnknownOzMin * MlPerUSFlOz, FluidUnknownOzMax * MlPerUSFlOz}
	}
	return Range{FluidPerKgLostLow * 1000 * weightLostKg, FluidPerKgLost * 1000 * weightLostKg}
}

// LostFraction returns the weight lost during a run as a fraction of the
// pre-run weight, for comparison with DehydrationBodyWeightLoss (004: more
// than 2% may hurt performance). It returns 0 when either value is not
// positive or is NaN.
func LostFraction(weightLostKg, weightKg float64) float64 {
	if !(weightLostKg > 0) || !(weightKg > 0) {
		return 0
	}
	return weightLostKg / weightKg
}

// NeedsElectrolytes reports whether to add electrolytes (a sports drink or
// an electrolyte tablet) to the post-run fluid, and why, as a sentence
// without its full stop that names what about the run calls for them (the
// electrolytes technique's Why says what sweating costs): after long runs and
// hard sessions (001, 003; 003 adds races and speed work) and on hot days
// (003), which Rebound takes as a device temperature of at least
// HotRunTempC. Pass NaN when the temperature is unknown. Temperatures in
// the reason read in °C; NeedsElectrolytesIn words them in the runner's
// units.
func NeedsElectrolytes(long, hard bool, tempC float64) (bool, string) {
	return NeedsElectrolytesIn(measure.Metric, long, hard, tempC)
}

// NeedsElectrolytesIn is NeedsElectrolytes with the temperatures in the
// reason in the units u.
func NeedsElectrolytesIn(u measure.System, long, hard bool, tempC float64) (bool, string) {
	var why []string
	if long {
		why = append(why, "a long run")
	}
	if hard {
		why = append(why, "a hard session")
	}
	if tempC >= HotRunTempC {
		why = append(why, fmt.Sprintf("a hot run (%s, at or above %s)", u.Temperature(tempC), u.Temperature(HotRunTempC)))
	}
	if n := len(why); n > 0 {
		// Only what makes this run call for them: the technique's Why
		// says what sweating costs.
		list := why[0]
		if n > 1 {
			list = strings.Join(why[:n-1], ", ") + " and " + why[n-1]
		}
		return true, "Electrolytes help after " + list
	}
	if math.IsNaN(tempC) {
		return false, "A short, easy run (temperature unknown): water and your next meal are enough"
	}
	return false, "A short, easy run below " + u.Temperature(HotRunTempC) + ": water and your next meal are enough"
}

// Fast refuelling (Thomas, Erdman & Burke 2016, the ACSM/AND/DC position
// stand, Med Sci Sports Exerc 48:543; REFERENCES.md marks it *check*): when
// glycogen must be restored quickly (after long or hard sessions, or with
// less than about 8 h to the next), 1.0-1.2 g of carbohydrate per kg per
// hour for up to 4 h; otherwise the day's meals restore it.
const (
	FastCarbsPerKgHMin = 1.0
	FastCarbsPerKgHMax = 1.2
	FastRefuelHours    = 4
	// NextSessionFastH: a next session within this many hours calls for
	// fast refuelling.
	NextSessionFastH = 8
	// NextMealH: after a short easy run, the next normal meal can be the
	// refuel when it is within this many hours (000, 002, 003: the 30-60
	// min window).
	NextMealH = 1
)

// FastCarbs returns grams of carbohydrate per hour for fast refuelling
// (1.0-1.2 g/kg/h). A 70 kg runner: 70-84 g an hour.
func FastCarbs(weightKg float64) Range {
	if !(weightKg > 0) {
		return Range{}
	}
	return Range{FastCarbsPerKgHMin * weightKg, FastCarbsPerKgHMax * weightKg}
}

// Sweat rates for estimating fluid without weights (Sawka et al. 2007, the
// ACSM position stand on fluid replacement, Med Sci Sports Exerc 39:377,
// as REFERENCES.md reports (*check*): roughly 0.5-2.0 L/h depending on
// intensity, heat and the runner). Rebound's bands within that span: easy
// running 0.5-1.0 L/h, hard running 0.8-1.4 L/h; warm runs (≥ HotRunTempC)
// sweat 30 % more and cold ones (< ColdRunTempC) 20 % less.
const (
	SweatEasyLHMin, SweatEasyLHMax = 0.5, 1.0
	SweatHardLHMin, SweatHardLHMax = 0.8, 1.4
	SweatHotFactor                 = 1.3
	SweatColdFactor                = 0.8
	ColdRunTempC                   = 10.0
	// ShortRunFluidMin: runs up to this long keep 002's 16-24 fl oz;
	// longer ones add the sweat of the extra time (EstimatedFluid).
	ShortRunFluidMin = 60
)

// SweatRate returns the estimated sweat rate in L/h for a run of the given
// intensity and device temperature (NaN: unknown, taken as mild).
func SweatRate(hard bool, tempC float64) Range {
	r := Range{SweatEasyLHMin, SweatEasyLHMax}
	if hard {
		r = Range{SweatHardLHMin, SweatHardLHMax}
	}
	switch {
	case tempC >= HotRunTempC:
		r = Range{r.Min * SweatHotFactor, r.Max * SweatHotFactor}
	case tempC < ColdRunTempC:
		r = Range{r.Min * SweatColdFactor, r.Max * SweatColdFactor}
	}
	return r
}

// EstimatedFluid returns millilitres to drink after a run without
// weights: 002's 16-24 fl oz (473-710 ml) for the first hour, plus the
// estimated sweat rate for each hour beyond it (not the 1.25-1.5 × of a
// measured loss: without weights the loss is a guess, and runners drink
// on long runs), up to UnweighedFluidMaxML. It grows smoothly with the
// run's length. A 2 h 15 easy run at 12 °C: 473 + 1.25 h × 0.5 L/h =
// 1098 ml to 710 + 1.25 h × 1.0 L/h = 1960 ml.
func EstimatedFluid(minutes float64, hard bool, tempC float64) Range {
	r := Fluid(0)
	if extraH := (minutes - ShortRunFluidMin) / 60; extraH > 0 {
		rate := SweatRate(hard, tempC)
		r = Range{r.Min + 1000*rate.Min*extraH, r.Max + 1000*rate.Max*extraH}
	}
	return Range{min(r.Min, UnweighedFluidMinCapML), min(r.Max, UnweighedFluidMaxML)}
}

// UnweighedFluidMaxML and UnweighedFluidMinCapML bound the fluid advised
// without weights: beyond about 2 L over the next hours the guess is too
// rough to act on, and drinking much more than is lost dilutes the blood's
// sodium (exercise-associated hyponatraemia, which Sawka et al. 2007 warn
// of): weigh before and after for a personal amount, drink to thirst and
// check that the urine is pale. Rebound's caps.
const (
	UnweighedFluidMaxML    = 2000
	UnweighedFluidMinCapML = 1500
)
