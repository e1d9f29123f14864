package present

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/profile"
)

// WeightUnit is a unit a body weight is given in.
type WeightUnit string

// The weight units.
const (
	Kg WeightUnit = "kg"
	Lb WeightUnit = "lb"
)

// WeightUnitOf returns the unit body weight is shown and read in with
// units u: kg for metric, lb for imperial.
func WeightUnitOf(u profile.Units) WeightUnit {
	if u == profile.Imperial {
		return Lb
	}
	return Kg
}

// PlausibleMinKg and PlausibleMaxKg bound the body weights Rebound takes
// without asking: nearly every adult runner's. They guard against a unit
// slip (70 lb entered for 70 kg, 250 kg for 250 lb), not a health
// threshold; profile.Validate's 20-300 kg are the hard limits.
const (
	PlausibleMinKg = 35.0
	PlausibleMaxKg = 200.0
)

// Weight is a body weight as entered.
type Weight struct {
	Value float64
	// Unit is the unit Value is in: the one written with it ("70kg"), the
	// one a form or an API key names; "" for a bare number, read in the
	// runner's units.
	Unit WeightUnit
	// Typed is set when the runner wrote the unit with the number: what
	// they typed is what they meant, even outside the plausible range.
	Typed bool
}

var weightRE = regexp.MustCompile(`^([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)\s*([a-z]*)$`)

// ParseWeight reads a weight as a runner writes it: a number ("70",
// "70.5", "70,5") with, if they like, its unit: kg (kgs, kilo, kilos,
// kilograms) or lb (lbs, pound, pounds). Returns EINVALID for anything
// else.
func ParseWeight(s string) (Weight, error) {
	m := weightRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	bad := rebound.Errorf(rebound.EINVALID, "weight %q: want a number, with its unit if you like (70kg, 154lb)", s)
	if m == nil {
		return Weight{}, bad
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", "."), 64)
	if err != nil {
		return Weight{}, bad
	}
	w := Weight{Value: v}
	switch m[2] {
	case "":
	case "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms":
		w.Unit, w.Typed = Kg, true
	case "lb", "lbs", "pound", "pounds":
		w.Unit, w.Typed = Lb, true
	default:
		return Weight{}, bad
	}
	return w, nil
}

// In returns w read in unit u when it is bare, else w.
func (w Weight) In(u WeightUnit) Weight {
	if w.Unit == "" {
		w.Unit = u
	}
	return w
}

// Kg returns w in kilograms (a bare w is taken as kilograms).
func (w Weight) Kg() float64 {
	if w.Unit == Lb {
		return w.Value * KgPerPound
	}
	return w.Value
}

// String is the weight as entered, with its unit: "70 kg", "154.5 lb".
func (w Weight) String() string {
	s := strconv.FormatFloat(w.Value, 'f', -1, 64)
	if w.Unit == "" {
		return s
	}
	return s + " " + string(w.Unit)
}

// other returns the same number in the other unit.
func (w Weight) other() Weight {
	if w.Unit == Lb {
		return Weight{Value: w.Value, Unit: Kg}
	}
	return Weight{Value: w.Value, Unit: Lb}
}

// Plausible reports whether kg is within PlausibleMinKg-PlausibleMaxKg.
func Plausible(kg float64) bool { return kg >= PlausibleMinKg && kg <= PlausibleMaxKg }

// kgText is a weight in kilograms, to 0.1 kg.
func kgText(kg float64) string { return strconv.FormatFloat(math.Round(kg*10)/10, 'f', -1, 64) + " kg" }

// Resolve reads w in the runner's units (when bare) and returns it in
// kilograms; or, when that reading is in doubt, a question instead. A
// reading is in doubt when w is a bare number and the units change in the
// same command (unitsChanged: which units did the runner mean?), or when
// w was not typed with its unit and is outside the plausible range (70 lb
// is 31.8 kg: more likely 70 kg). A weight typed with its unit is taken
// as it is.
func (w Weight) Resolve(units profile.Units, unitsChanged bool) (float64, *WeightQuestion) {
	taken := w.In(WeightUnitOf(units))
	kg := taken.Kg()
	switch {
	case w.Typed:
		return kg, nil
	case w.Unit == "" && unitsChanged:
		return kg, &WeightQuestion{Taken: taken, Other: taken.other(), UnitsChanged: true}
	case !Plausible(kg):
		return kg, &WeightQuestion{Taken: taken, Other: taken.other()}
	}
	return kg, nil
}

// WeightQuestion is a weight entry whose reading is in doubt: Taken is how
// Rebound reads it, Other the same number in the other unit. On a
// terminal the CLI asks it (Prompt, Answer); elsewhere it is refused, its
// message naming both readings. It is an EINVALID error.
type WeightQuestion struct {
	// Field names the entry for the caller ("weight", "weight_before").
	Field        string
	Taken, Other Weight
	// UnitsChanged is set when the doubt is that the units change in the
	// same command, else the entry is outside the plausible range.
	UnitsChanged bool
}

// otherFits reports whether the other reading is a plausible weight: the
// question is then which was meant; else only whether Taken is right.
func (q *WeightQuestion) otherFits() bool { return Plausible(q.Other.Kg()) }

// Error is the refusal: what the entry could mean.
func (q *WeightQuestion) Error() string {
	outside := fmt.Sprintf("outside the %g-%g kg of an adult runner", PlausibleMinKg, PlausibleMaxKg)
	switch {
	case q.UnitsChanged:
		return fmt.Sprintf("weight %g is ambiguous while the units change: %s is %s, %s is %s",
			q.Taken.Value, q.Taken, q.converted(q.Taken), q.Other, q.converted(q.Other))
	case q.otherFits():
		return fmt.Sprintf("weight %s, %s: did you mean %s?", q.taken(), outside, q.other())
	}
	return fmt.Sprintf("weight %s, %s", q.taken(), outside)
}

// converted is a weight in the other unit: "31.8 kg", "154.3 lb".
func (q *WeightQuestion) converted(w Weight) string {
	if w.Unit == Lb {
		return kgText(w.Kg())
	}
	return strconv.FormatFloat(math.Round(w.Value/KgPerPound*10)/10, 'f', -1, 64) + " lb"
}

// taken is how the entry reads, in kilograms when it is in pounds: "70 lb
// is 31.8 kg", "250 kg".
func (q *WeightQuestion) taken() string {
	if q.Taken.Unit == Lb {
		return q.Taken.String() + " is " + kgText(q.Taken.Kg())
	}
	return q.Taken.String()
}

// other is the other reading, in kilograms when it is in pounds: "70 kg",
// "250 lb (113.4 kg)".
func (q *WeightQuestion) other() string {
	if q.Other.Unit == Lb {
		return q.Other.String() + " (" + kgText(q.Other.Kg()) + ")"
	}
	return q.Other.String()
}

// Unwrap makes the question an EINVALID error with its message.
func (q *WeightQuestion) Unwrap() error { return rebound.Errorf(rebound.EINVALID, "%s", q.Error()) }

// Prompt is the yes-or-no question to ask on a terminal; no is the
// default.
func (q *WeightQuestion) Prompt() string {
	switch {
	case q.UnitsChanged:
		return fmt.Sprintf("%s is %s: did you mean %s? [y/N] ", q.Taken, q.converted(q.Taken), q.Other)
	case q.otherFits():
		return fmt.Sprintf("%s: did you mean %s? [y/N] ", q.taken(), q.other())
	}
	return fmt.Sprintf("%s is outside the %g-%g kg of an adult runner: keep it? [y/N] ", q.taken(), PlausibleMinKg, PlausibleMaxKg)
}

// Answer returns the weight a yes or no to Prompt chose, typed with its
// unit so that it is not questioned again; ok is false when the answer
// keeps nothing.
func (q *WeightQuestion) Answer(yes bool) (w Weight, ok bool) {
	switch {
	case q.UnitsChanged || q.otherFits():
		w = q.Taken
		if yes {
			w = q.Other
		}
	case yes:
		w = q.Taken
	default:
		return Weight{}, false
	}
	w.Typed = true
	return w, true
}
