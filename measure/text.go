package measure

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Text renders the measures marked in a text in the system's units, so
// that a fact stated once (in the unit its source gives) reads in every
// runner's units. A mark is {{UNIT N}} or a range {{UNIT N-M}} or
// {{UNIT N to M}}, N and M in the unit the source gives:
//
//	{{mi 300-500}}    miles:           "300-500 miles" | "480-800 km"
//	{{floz 16-24}}    US fluid ounces: "16-24 fl oz"   | "473-710 ml"
//	{{C 10-15}}       °C:              "50-59 °F"      | "10-15 °C"
//	{{L/kg 1.5}}      litres per kg of body weight lost:
//	                  "23 fl oz per lb" | "1.5 L per kg"
//	{{g/kg 0.8-1.2}}  grams per kg of body weight:
//	                  "0.36-0.54 g per lb" | "0.8-1.2 g per kg"
//	{{cups 1-2}}      US cups:         "1-2 cups"      | "1-2 cups (about 240-470 ml)"
//
// Converted numbers are rounded as a person says them (Approx); numbers in
// their own unit are kept as written. Text without marks is returned as
// it is; a mark Text does not know is left in place, which tests catch.
func (s System) Text(text string) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	return markRe.ReplaceAllStringFunc(text, func(m string) string {
		p := markRe.FindStringSubmatch(m)
		unit, lo, sep, hi := p[1], p[2], p[3], p[4]
		if r, ok := s.render(unit, lo, sep, hi); ok {
			return r
		}
		return m
	})
}

// Marked reports whether text still holds a mark (unrendered).
func Marked(text string) bool { return strings.Contains(text, "{{") }

// markRe matches a mark: {{unit n}}, {{unit n-m}} or {{unit n to m}}.
var markRe = regexp.MustCompile(`\{\{(\S+) ([0-9.]+)(?:(-| to )([0-9.]+))?\}\}`)

// render renders one mark's numbers lo (and hi, after sep) given in unit.
func (s System) render(unit, lo, sep, hi string) (string, bool) {
	a, err := strconv.ParseFloat(lo, 64)
	if err != nil {
		return "", false
	}
	b := math.NaN()
	if hi != "" {
		if b, err = strconv.ParseFloat(hi, 64); err != nil {
			return "", false
		}
	}
	// asIs writes the numbers as the text has them; conv converts and
	// rounds them with f.
	asIs := func(u string) string { return lo + sep + hi + " " + u }
	conv := func(f func(float64) float64, round func(float64) string, u string) string {
		out := round(f(a))
		if hi != "" {
			out += sep + round(f(b))
		}
		return out + " " + u
	}
	switch unit {
	case "mi":
		if s.Imperial() {
			if hi == "" && a == 1 {
				return "1 mile", true
			}
			return asIs("miles"), true
		}
		return conv(func(v float64) float64 { return v * MetresPerMile / 1000 }, Approx, "km"), true
	case "floz":
		if s.Imperial() {
			return asIs("fl oz"), true
		}
		return conv(func(v float64) float64 { return v * MlPerFlOz }, whole, "ml"), true
	case "C":
		if s.Imperial() {
			return conv(func(c float64) float64 { return c*9/5 + 32 }, whole, "°F"), true
		}
		return asIs("°C"), true
	case "L":
		if s.Imperial() {
			return conv(func(v float64) float64 { return v * 1000 / MlPerFlOz }, Approx, "fl oz"), true
		}
		return asIs("L"), true
	case "L/kg":
		if s.Imperial() {
			return conv(func(v float64) float64 { return v * 1000 * KgPerPound / MlPerFlOz }, whole, "fl oz per lb"), true
		}
		return asIs("L per kg"), true
	case "g/kg":
		if s.Imperial() {
			return conv(func(v float64) float64 { return v * KgPerPound }, twoDecimals, "g per lb"), true
		}
		return asIs("g per kg"), true
	case "cups":
		if s.Imperial() {
			return asIs("cups"), true
		}
		return asIs("cups") + " (about " + conv(func(v float64) float64 { return v * MlPerCup }, Approx, "ml") + ")", true
	}
	return "", false
}

// MlPerCup is a US cup in millilitres (8 US fluid ounces).
const MlPerCup = 8 * MlPerFlOz

// Approx rounds a converted number as people say it: to one decimal under
// 10, whole under 100, else to two significant figures (482.8 → "480",
// 16.09 → "16", 4.83 → "4.8", 8.05 → "8").
func Approx(v float64) string {
	switch a := math.Abs(v); {
	case a < 10:
		return short(v)
	case a < 100:
		return whole(v)
	}
	p := math.Pow(10, math.Floor(math.Log10(math.Abs(v)))-1)
	return strconv.FormatFloat(math.Round(v/p)*p, 'f', 0, 64)
}

func whole(v float64) string { return fmt.Sprintf("%.0f", v) }

func twoDecimals(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
