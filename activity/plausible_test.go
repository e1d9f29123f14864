package activity_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
)

var start0 = time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC) // when the runs below start

// run returns a run of n samples a second apart along a meridian at 3 m/s,
// with every value a device records.
func run(n int) *activity.Activity {
	a := &activity.Activity{Sport: activity.Running, Start: start0, Name: "Morning run"}
	for i := range n {
		s := activity.NewSample(start0.Add(time.Duration(i) * time.Second))
		s.LatDeg, s.LonDeg = 47+float64(i)*3/111195, 8
		s.DistanceM, s.SpeedMS, s.HeartRateBPM, s.CadenceSPM = float64(i)*3, 3, 150, 170
		s.PowerW, s.AltitudeM, s.TemperatureC = 250, 400, 20
		a.Samples = append(a.Samples, s)
	}
	return a
}

func hasWarning(a *activity.Activity, sub string) bool {
	for _, w := range a.Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

// TestSanitizeSamples puts one impossible value of each kind into a run
// and checks that Sanitize drops exactly it, with a warning, and leaves
// the rest (and a clean run) alone.
func TestSanitizeSamples(t *testing.T) {
	clean := run(100)
	activity.Sanitize(clean)
	if len(clean.Warnings) != 0 {
		t.Errorf("a clean run got warnings %q", clean.Warnings)
	}
	tests := []struct {
		name    string
		spoil   func(s *activity.Sample)
		dropped func(s activity.Sample) bool
		warning string
	}{
		{"heart rate", func(s *activity.Sample) { s.HeartRateBPM = 400 }, func(s activity.Sample) bool { return math.IsNaN(s.HeartRateBPM) }, "heart-rate values outside 25-250"},
		{"speed above the world record", func(s *activity.Sample) { s.SpeedMS = 21e6 }, func(s activity.Sample) bool { return math.IsNaN(s.SpeedMS) }, "speeds above 12.5 m/s"},
		{"cadence", func(s *activity.Sample) { s.CadenceSPM = 1000 }, func(s activity.Sample) bool { return math.IsNaN(s.CadenceSPM) }, "cadence"},
		{"power", func(s *activity.Sample) { s.PowerW = 65535 }, func(s activity.Sample) bool { return math.IsNaN(s.PowerW) }, "power"},
		{"altitude", func(s *activity.Sample) { s.AltitudeM = 40000 }, func(s activity.Sample) bool { return math.IsNaN(s.AltitudeM) }, "altitudes"},
		{"temperature", func(s *activity.Sample) { s.TemperatureC = -200 }, func(s activity.Sample) bool { return math.IsNaN(s.TemperatureC) }, "temperatures"},
		{"position off the globe", func(s *activity.Sample) { s.LatDeg = 95 }, func(s activity.Sample) bool { return !s.HasPosition() }, "off the globe"},
		{"77 million km", func(s *activity.Sample) { s.DistanceM = 77e9 }, func(s activity.Sample) bool { return math.IsNaN(s.DistanceM) }, "distances outside"},
		{"distance jump", func(s *activity.Sample) { s.DistanceM += 5000 }, func(s activity.Sample) bool { return math.IsNaN(s.DistanceM) }, "distance readings that jump"},
		{"position jump", func(s *activity.Sample) { s.LatDeg += 0.1 }, func(s activity.Sample) bool { return !s.HasPosition() }, "positions that jump"},
		{"infinite heart rate", func(s *activity.Sample) { s.HeartRateBPM = math.Inf(1) }, func(s activity.Sample) bool { return math.IsNaN(s.HeartRateBPM) }, "heart-rate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := run(100)
			tt.spoil(&a.Samples[50])
			activity.Sanitize(a)
			for i, s := range a.Samples {
				if got := tt.dropped(s); got != (i == 50) {
					t.Errorf("sample %d dropped: %v", i, got)
				}
			}
			if !hasWarning(a, tt.warning) || len(a.Warnings) != 1 {
				t.Errorf("warnings %q, want one saying %q", a.Warnings, tt.warning)
			}
			if sum, want := activity.Compute(a), activity.Compute(clean); math.Abs(sum.DistanceM-want.DistanceM) > 10 {
				t.Errorf("distance %.0f m, want %.0f", sum.DistanceM, want.DistanceM)
			}
		})
	}
}

// TestSanitizeFarFirstFix: a first position far from the rest is dropped
// as the jump it is only for a few points; then the track goes on from
// where it really is, so a run keeps its positions.
func TestSanitizeFarFirstFix(t *testing.T) {
	a := run(100)
	a.Samples[0].LatDeg = 10
	activity.Sanitize(a)
	kept := 0
	for _, s := range a.Samples {
		if s.HasPosition() {
			kept++
		}
	}
	if kept != 95 { // the far fix and the 5 points before the track went on from the 7th
		t.Errorf("%d positions kept, want 95", kept)
	}
}

// TestSanitizeMultisport: a triathlon's ride keeps speeds above a
// runner's (MaxSpeedMS of its fastest leg).
func TestSanitizeMultisport(t *testing.T) {
	a := run(10)
	a.Legs = []activity.Sport{activity.Swimming, activity.Cycling, activity.Running}
	a.Samples[5].SpeedMS = 15
	activity.Sanitize(a)
	if a.Samples[5].SpeedMS != 15 || len(a.Warnings) != 0 {
		t.Errorf("speed %v, warnings %q", a.Samples[5].SpeedMS, a.Warnings)
	}
}

// TestSanitizeTexts: a 50 MB name is cut to MaxNameRunes, control
// characters (a terminal escape) are removed, and each change is said.
func TestSanitizeTexts(t *testing.T) {
	a := run(2)
	a.Name = strings.Repeat("é", 25<<20)
	a.Device = "evil\x1b[2J\x1b]0;pwned\x07 watch"
	a.DeviceTotals = &activity.Totals{DistanceM: 77e9, ElapsedS: 136 * 365.25 * 86400, TimerS: 3600, AvgHR: 0, MaxHR: 0,
		AscentM: activity.NaN, DescentM: activity.NaN, AvgCadenceSPM: activity.NaN, Calories: activity.NaN}
	activity.Sanitize(a)
	if a.Name != strings.Repeat("é", activity.MaxNameRunes) || !hasWarning(a, "name was cut to 200 characters") {
		t.Errorf("name of %d bytes, warnings %q", len(a.Name), a.Warnings)
	}
	if a.Device != "evil[2J]0;pwned watch" || !hasWarning(a, "3 control or invalid characters removed from the device name") {
		t.Errorf("device %q, warnings %q", a.Device, a.Warnings)
	}
	if tot := a.DeviceTotals; !math.IsNaN(tot.DistanceM) || !math.IsNaN(tot.ElapsedS) || tot.TimerS != 3600 || !math.IsNaN(tot.AvgHR) ||
		!hasWarning(a, "2 impossible values in the file's own totals") {
		t.Errorf("totals %+v, warnings %q", *tot, a.Warnings)
	}
}

// TestImplausible checks each reason an activity cannot be a workout, and
// that the corpus's oddities within reason pass.
func TestImplausible(t *testing.T) {
	imported := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	ok := activity.Summary{DistanceM: 10000, ElapsedS: 3600}
	tests := []struct {
		name  string
		start time.Time
		sport activity.Sport
		sum   activity.Summary
		want  string
	}{
		{"a plain run", start0, activity.Running, ok, ""},
		{"a clock never set (1989)", time.Date(1989, 12, 31, 0, 5, 0, 0, time.UTC), activity.Running, ok, "before 1990"},
		{"2100", time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), activity.Running, ok, "after the day it was imported"},
		{"later today in another zone", imported.Add(20 * time.Hour), activity.Running, ok, ""},
		{"136 years", start0, activity.Running, activity.Summary{DistanceM: 5000, ElapsedS: 136 * 365.25 * 86400}, "lasts 49674 days"},
		{"a 10-day race", start0, activity.Running, activity.Summary{DistanceM: 800e3, ElapsedS: 10 * 86400}, ""},
		{"77 million km", start0, activity.Running, activity.Summary{DistanceM: 77e9, ElapsedS: 3600}, "covers 77000000 km"},
		{"faster than Bolt for an hour", start0, activity.Running, activity.Summary{DistanceM: 50000, ElapsedS: 3600}, "average speed, 13.9 m/s"},
		{"the same on a bike", start0, activity.Cycling, activity.Summary{DistanceM: 50000, ElapsedS: 3600}, ""},
	}
	for _, tt := range tests {
		a := &activity.Activity{Sport: tt.sport, Start: tt.start}
		got := activity.Implausible(a, tt.sum, imported)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// BenchmarkSanitize sanitizes a two-hour run recorded every second, as
// the importer does before Compute.
func BenchmarkSanitize(b *testing.B) {
	a := run(7200)
	samples := append([]activity.Sample(nil), a.Samples...)
	b.ReportAllocs()
	for b.Loop() {
		copy(a.Samples, samples)
		a.Warnings = nil
		activity.Sanitize(a)
	}
}
