package recovery_test

import (
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/recovery"
)

// blank is a check-in with nothing given.
func blank() recovery.CheckIn {
	nan := math.NaN()
	return recovery.CheckIn{Date: t0, SleepH: nan, SleepQuality: nan, Stress: nan, RestingHR: nan, HRVms: nan}
}

func TestValidateCheckIn(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*recovery.CheckIn)
		want string // in the error; "" for none
	}{
		{"Blank", func(*recovery.CheckIn) {}, ""},
		{"AtTheLimits", func(c *recovery.CheckIn) {
			c.Soreness = map[recovery.Muscle]float64{recovery.Quads: 0, recovery.Calves: 10}
			c.SleepH, c.SleepQuality, c.Stress, c.RestingHR, c.HRVms = 24, 1, 5, 25, 400
		}, ""},
		{"SorenessOver10", func(c *recovery.CheckIn) { c.Soreness = map[recovery.Muscle]float64{recovery.Quads: 10.5} }, "soreness of quads"},
		{"SorenessNaN", func(c *recovery.CheckIn) { c.Soreness = map[recovery.Muscle]float64{recovery.Quads: math.NaN()} }, "soreness of quads"},
		{"UnknownMuscle", func(c *recovery.CheckIn) { c.Soreness = map[recovery.Muscle]float64{"elbows": 3} }, `unknown muscle group "elbows"`},
		// Of several bad ratings the error names the first by name, every time.
		{"FirstBadMuscle", func(c *recovery.CheckIn) {
			c.Soreness = map[recovery.Muscle]float64{recovery.Shins: 11, recovery.Calves: -1, recovery.Quads: 12}
		}, "soreness of calves"},
		{"NegativeSleep", func(c *recovery.CheckIn) { c.SleepH = -1 }, "sleep -1"},
		{"QualityZero", func(c *recovery.CheckIn) { c.SleepQuality = 0 }, "sleep quality 0"},
		{"Stress6", func(c *recovery.CheckIn) { c.Stress = 6 }, "stress 6"},
		{"RestingHR20", func(c *recovery.CheckIn) { c.RestingHR = 20 }, "resting HR 20"},
		{"HRV500", func(c *recovery.CheckIn) { c.HRVms = 500 }, "HRV 500"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := blank()
			tc.edit(&c)
			for range 5 { // map order varies between calls
				err := recovery.ValidateCheckIn(c)
				switch {
				case tc.want == "" && err != nil:
					t.Fatalf("error %v, want none", err)
				case tc.want != "" && (rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), tc.want)):
					t.Fatalf("error %v, want EINVALID naming %q", err, tc.want)
				}
			}
		})
	}
}

// A second check-in of the day replaces the ratings and numbers it gives,
// keeps the rest, adds its symptoms once, and changes neither check-in.
func TestMergeCheckIn(t *testing.T) {
	a := blank()
	a.Soreness = map[recovery.Muscle]float64{recovery.Quads: 5, recovery.Calves: 3}
	a.SleepH, a.Stress, a.Symptoms = 6.5, 3, []string{"sharp-pain"}
	b := blank()
	b.Soreness = map[recovery.Muscle]float64{recovery.Calves: 6, recovery.Feet: 2}
	b.Stress, b.HRVms, b.Symptoms = 4, 55, []string{"numbness", "sharp-pain"}
	aWas, bWas := clone(a), clone(b)

	got := recovery.MergeCheckIn(a, b)
	want := blank()
	want.Soreness = map[recovery.Muscle]float64{recovery.Quads: 5, recovery.Calves: 6, recovery.Feet: 2}
	want.SleepH, want.Stress, want.HRVms = 6.5, 4, 55
	want.Symptoms = []string{"sharp-pain", "numbness"}
	if !sameCheckIn(got, want) {
		t.Errorf("merged %+v, want %+v", got, want)
	}
	if !sameCheckIn(a, aWas) || !sameCheckIn(b, bWas) {
		t.Errorf("the merge changed its arguments: %+v, %+v", a, b)
	}
	// Merging into a check-in without ratings makes a map of its own.
	if m := recovery.MergeCheckIn(blank(), blank()); m.Soreness == nil || len(m.Symptoms) != 0 {
		t.Errorf("blank merge %+v", m)
	}
}

func clone(c recovery.CheckIn) recovery.CheckIn {
	out := c
	out.Soreness, out.Symptoms = maps.Clone(c.Soreness), slices.Clone(c.Symptoms)
	return out
}

// sameCheckIn compares check-ins with NaN equal to NaN.
func sameCheckIn(a, b recovery.CheckIn) bool {
	num := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	return a.Date.Equal(b.Date) && maps.Equal(a.Soreness, b.Soreness) && slices.Equal(a.Symptoms, b.Symptoms) &&
		num(a.SleepH, b.SleepH) && num(a.SleepQuality, b.SleepQuality) && num(a.Stress, b.Stress) &&
		num(a.RestingHR, b.RestingHR) && num(a.HRVms, b.HRVms)
}
