package present_test

import (
	"math"
	"testing"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
)

func TestParseWeight(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want present.Weight
	}{
		{"70", present.Weight{Value: 70}},
		{" 70.5 ", present.Weight{Value: 70.5}},
		{"70,5", present.Weight{Value: 70.5}},
		{"70kg", present.Weight{Value: 70, Unit: present.Kg, Typed: true}},
		{"70 KG", present.Weight{Value: 70, Unit: present.Kg, Typed: true}},
		{"70 kilos", present.Weight{Value: 70, Unit: present.Kg, Typed: true}},
		{"154lb", present.Weight{Value: 154, Unit: present.Lb, Typed: true}},
		{"154.5 lbs", present.Weight{Value: 154.5, Unit: present.Lb, Typed: true}},
		{"154 pounds", present.Weight{Value: 154, Unit: present.Lb, Typed: true}},
	} {
		got, err := present.ParseWeight(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseWeight(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "heavy", "70 stone", "-70", "70kg70", "kg"} {
		if _, err := present.ParseWeight(bad); rebound.ErrorCode(err) != rebound.EINVALID {
			t.Errorf("ParseWeight(%q) = %v, want EINVALID", bad, err)
		}
	}
}

// TestWeightResolve: which entries are taken and which are asked. The
// numbers: 70 lb × 0.45359237 kg/lb = 31.75 kg; 70 kg / 0.45359237 =
// 154.32 lb; 250 lb = 113.40 kg; 154 lb = 69.85 kg.
func TestWeightResolve(t *testing.T) {
	w := func(s string) present.Weight {
		x, err := present.ParseWeight(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	for _, tc := range []struct {
		name         string
		in           present.Weight
		units        profile.Units
		unitsChanged bool
		kg           float64
		ask          bool
		prompt, err  string
		yes          string // the weight a yes chooses; "" when it keeps nothing
		no           string
	}{
		{name: "BareMetric", in: w("70"), units: profile.Metric, kg: 70},
		{name: "BareImperial", in: w("154"), units: profile.Imperial, kg: 69.853},
		{name: "TypedAcrossUnits", in: w("70kg"), units: profile.Imperial, unitsChanged: true, kg: 70},
		{name: "TypedImplausibleIsMeant", in: w("30kg"), units: profile.Metric, kg: 30},
		{name: "UnitsChange", in: w("70"), units: profile.Imperial, unitsChanged: true, kg: 31.751, ask: true,
			prompt: "70 lb is 31.8 kg: did you mean 70 kg? [y/N] ",
			err:    "weight 70 is ambiguous while the units change: 70 lb is 31.8 kg, 70 kg is 154.3 lb",
			yes:    "70 kg", no: "70 lb"},
		{name: "LightInPounds", in: w("70"), units: profile.Imperial, kg: 31.751, ask: true,
			prompt: "70 lb is 31.8 kg: did you mean 70 kg? [y/N] ",
			err:    "weight 70 lb is 31.8 kg, outside the 35-200 kg of an adult runner: did you mean 70 kg?",
			yes:    "70 kg", no: "70 lb"},
		{name: "HeavyInKilograms", in: w("250"), units: profile.Metric, kg: 250, ask: true,
			prompt: "250 kg: did you mean 250 lb (113.4 kg)? [y/N] ",
			err:    "weight 250 kg, outside the 35-200 kg of an adult runner: did you mean 250 lb (113.4 kg)?",
			yes:    "250 lb", no: "250 kg"},
		{name: "ShownUnitImplausible", in: present.Weight{Value: 250, Unit: present.Kg}, units: profile.Imperial, kg: 250, ask: true,
			prompt: "250 kg: did you mean 250 lb (113.4 kg)? [y/N] ", yes: "250 lb", no: "250 kg",
			err: "weight 250 kg, outside the 35-200 kg of an adult runner: did you mean 250 lb (113.4 kg)?"},
		{name: "NeitherFits", in: w("25"), units: profile.Metric, kg: 25, ask: true,
			prompt: "25 kg is outside the 35-200 kg of an adult runner: keep it? [y/N] ",
			err:    "weight 25 kg, outside the 35-200 kg of an adult runner",
			yes:    "25 kg"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kg, q := tc.in.Resolve(tc.units, tc.unitsChanged)
			if math.Abs(kg-tc.kg) > 0.001 {
				t.Errorf("kg = %v, want %v", kg, tc.kg)
			}
			if (q != nil) != tc.ask {
				t.Fatalf("question %+v, want one: %v", q, tc.ask)
			}
			if q == nil {
				return
			}
			if q.Prompt() != tc.prompt || q.Error() != tc.err {
				t.Errorf("prompt %q, error %q; want %q, %q", q.Prompt(), q.Error(), tc.prompt, tc.err)
			}
			if rebound.ErrorCode(q) != rebound.EINVALID || rebound.ErrorMessage(q) != tc.err {
				t.Errorf("as an error: %s %q", rebound.ErrorCode(q), rebound.ErrorMessage(q))
			}
			for _, a := range []struct {
				yes  bool
				want string
			}{{true, tc.yes}, {false, tc.no}} {
				got, ok := q.Answer(a.yes)
				if ok != (a.want != "") || (ok && (got.String() != a.want || !got.Typed)) {
					t.Errorf("Answer(%v) = %+v, %v; want %q, typed", a.yes, got, ok, a.want)
				}
				if ok {
					if _, again := got.Resolve(tc.units, tc.unitsChanged); again != nil {
						t.Errorf("the answer %v is asked again", got)
					}
				}
			}
		})
	}
}
