package activity_test

import (
	"math"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
)

var t0 = time.Date(2026, 9, 1, 7, 0, 0, 0, time.UTC)

// track builds a 1 Hz activity along a meridian: speed[i] m/s for second
// i, altitude alt(i), heart rate hr(i). One degree of latitude is
// 111,195 m on the IUGG mean sphere (2π·6371008.8/360).
func track(n int, speed func(i int) float64, alt func(i int) float64, hr func(i int) float64) *activity.Activity {
	a := &activity.Activity{Sport: activity.Running, Format: "fit", Start: t0}
	dist := 0.0
	const mPerDeg = 2 * math.Pi * 6371008.8 / 360
	for i := 0; i < n; i++ {
		if i > 0 {
			dist += speed(i)
		}
		s := activity.NewSample(t0.Add(time.Duration(i) * time.Second))
		s.LatDeg, s.LonDeg = 45+dist/mPerDeg, 7
		s.DistanceM = dist
		if alt != nil {
			s.AltitudeM = alt(i)
		}
		if hr != nil {
			s.HeartRateBPM = hr(i)
		}
		a.Samples = append(a.Samples, s)
	}
	return a
}

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f ± %g", name, got, want, tol)
	}
}

func TestCompute(t *testing.T) {
	const v = 3.0 // m/s, 5:33 min/km
	tests := []struct {
		name string
		act  *activity.Activity
		// expected values, hand-computed in the comments
		distance, elapsed, moving, ascent, descent, downhill, gapRatio float64
	}{
		{
			// 601 samples at 3 m/s: 600 s, 1800 m, all moving, flat.
			name: "Flat", act: track(601, func(int) float64 { return v }, func(int) float64 { return 100 }, nil),
			distance: 1800, elapsed: 600, moving: 600, ascent: 0, descent: 0, downhill: 0, gapRatio: 1,
		},
		{
			// A 2-minute stop in the middle (speed 0 for seconds 300-419):
			// elapsed 600 s, moving 600-120 = 480 s, distance 480·3 = 1440 m.
			name: "TrafficLightStop",
			act: track(601, func(i int) float64 {
				if i > 300 && i <= 420 {
					return 0
				}
				return v
			}, nil, nil),
			distance: 1440, elapsed: 600, moving: 480, ascent: math.NaN(), descent: math.NaN(), downhill: math.NaN(), gapRatio: 1,
		},
		{
			// A steady 10 % climb for 300 s (900 m run, 90 m up) then a
			// 10 % descent for 300 s (90 m down). The hysteresis counter
			// sees every metre of both. The downhill half is 900 m at
			// −10 % (steeper than DownhillGrade). Grade is measured on the
			// horizontal distance the device reports, as GPS devices do.
			// GAP ratio = mean of Minetti C(+0.1) and C(−0.1) over C(0):
			// (5.968214 + 2.151706) / 2 / 3.6 = 1.12777.
			name: "UpAndDown",
			act: track(601, func(int) float64 { return v }, func(i int) float64 {
				if i <= 300 {
					return 100 + 0.3*float64(i)
				}
				return 190 - 0.3*float64(i-300)
			}, nil),
			distance: 1800, elapsed: 600, moving: 600, ascent: 90, descent: 90, downhill: 900, gapRatio: 1.12777,
		},
		{
			// Altitude noise of ±1 m (alternating) on the flat must not add
			// up to climbing: the 5-sample mean and the 2 m band absorb it.
			name: "BarometricNoise",
			act: track(601, func(int) float64 { return v }, func(i int) float64 {
				return 100 + float64(i%2*2-1)
			}, nil),
			distance: 1800, elapsed: 600, moving: 600, ascent: 0, descent: 0, downhill: 0, gapRatio: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := activity.Compute(tc.act)
			near(t, "distance", s.DistanceM, tc.distance, 0.5)
			near(t, "elapsed", s.ElapsedS, tc.elapsed, 0.01)
			near(t, "moving", s.MovingS, tc.moving, 1.01)
			if math.IsNaN(tc.ascent) {
				if !math.IsNaN(s.AscentM) {
					t.Errorf("ascent = %v, want NaN without altitude", s.AscentM)
				}
			} else {
				near(t, "ascent", s.AscentM, tc.ascent, 2.5)
				near(t, "descent", s.DescentM, tc.descent, 2.5)
				near(t, "downhill", s.DownhillM, tc.downhill, 30)
			}
			near(t, "GAP/speed", s.GradeAdjustedSpeedMS/s.AvgSpeedMS, tc.gapRatio, 0.01)
		})
	}
}

func TestComputeGPSDistance(t *testing.T) {
	// Without device distance the haversine sum of positions is used. Two
	// points 0.01° of latitude apart are 1111.95 m apart
	// (0.01 · 2π · 6371008.8 / 360).
	a := &activity.Activity{Format: "gpx"}
	for i, lat := range []float64{45, 45.005, 45.01} {
		s := activity.NewSample(t0.Add(time.Duration(i) * 200 * time.Second / 10))
		s.LatDeg, s.LonDeg = lat, 7
		a.Samples = append(a.Samples, s)
	}
	s := activity.Compute(a)
	near(t, "distance", s.DistanceM, 1111.95, 0.05)
	if s.DistanceSource != "gps" {
		t.Errorf("source = %q, want gps", s.DistanceSource)
	}
}

func TestComputeGapIsNotRecorded(t *testing.T) {
	// 60 s recorded, a 10-minute gap (watch paused), 60 s more: elapsed
	// is the wall clock (60+600+60 = 720 s), moving only the 120 s.
	a := track(61, func(int) float64 { return 3 }, nil, func(int) float64 { return 150 })
	late := track(61, func(int) float64 { return 3 }, nil, func(int) float64 { return 150 })
	for i := range late.Samples {
		late.Samples[i].Time = late.Samples[i].Time.Add(660 * time.Second)
		late.Samples[i].DistanceM += 180
	}
	a.Samples = append(a.Samples, late.Samples...)
	s := activity.Compute(a)
	near(t, "elapsed", s.ElapsedS, 720, 0.01)
	near(t, "moving", s.MovingS, 120, 0.01)
	near(t, "hr seconds", sum(s.HRSeconds), 121, 0.01) // 1 s for the first sample, then 120 intervals
}

func TestComputePauses(t *testing.T) {
	// A timer pause (auto-pause) of seconds 100-160 while the runner still
	// creeps at 1 m/s: those 60 s are not moving time.
	a := track(301, func(int) float64 { return 3 }, nil, nil)
	a.Pauses = []activity.Pause{{Start: t0.Add(100 * time.Second), End: t0.Add(160 * time.Second)}}
	s := activity.Compute(a)
	near(t, "moving", s.MovingS, 240, 0.01)
}

func TestComputeNoSamplesUsesTotals(t *testing.T) {
	tot := activity.NewTotals()
	tot.DistanceM, tot.ElapsedS, tot.TimerS = 10000, 3700, 3600
	s := activity.Compute(&activity.Activity{DeviceTotals: &tot, Format: "manual"})
	near(t, "distance", s.DistanceM, 10000, 0)
	near(t, "moving", s.MovingS, 3600, 0)
	near(t, "speed", s.AvgSpeedMS, 10000.0/3600, 1e-9)
	if s.DistanceSource != "totals" {
		t.Errorf("source = %q", s.DistanceSource)
	}
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

func TestMinettiCost(t *testing.T) {
	// Values of Minetti et al. 2002, eq. 4, evaluated by hand:
	// C(0) = 3.6; C(0.1) = 0.001554 − 0.000304 − 0.0433 + 0.463 + 1.95 + 3.6
	// = 5.968214; C(−0.1) = −0.001554 − 0.000304 + 0.0433 + 0.463 − 1.95 + 3.6
	// = 2.151706 J/kg/m.
	for _, tc := range []struct{ i, want float64 }{{0, 3.6}, {0.1, 5.968214}, {-0.1, 2.151706}, {-0.9, activity.MinettiCost(-0.45)}} {
		near(t, "C", activity.MinettiCost(tc.i), tc.want, 1e-6)
	}
}

func TestZonesAndTRIMP(t *testing.T) {
	hr := profile.HR{Rest: 50, Max: 190, Sex: profile.Male}
	tests := []struct {
		name  string
		hist  map[int]float64 // bpm -> seconds
		sex   profile.Sex
		zones [5]float64
		trimp float64
	}{
		{
			// 30 min at 150 bpm: HRR x = (150−50)/(190−50) = 0.714286 → Z3
			// (70-80 %). Male TRIMP = 30 · 0.714286 · 0.64 · e^(1.92·0.714286)
			// = 30 · 0.714286 · 0.64 · 3.94085 = 54.048.
			name: "SteadyMale", hist: map[int]float64{150: 1800}, sex: profile.Male,
			zones: [5]float64{0, 0, 1800, 0, 0}, trimp: 54.048,
		},
		{
			// The same for a woman: 30 · 0.714286 · 0.86 · e^(1.67·0.714286)
			// = 30 · 0.714286 · 0.86 · 3.29798 = 60.750.
			name: "SteadyFemale", hist: map[int]float64{150: 1800}, sex: profile.Female,
			zones: [5]float64{0, 0, 1800, 0, 0}, trimp: 60.750,
		},
		{
			// 10 min at 120 (x = 0.5, Z1) + 20 min at 170 (x = 0.857143, Z4):
			// 10·0.5·0.64·e^0.96 + 20·0.857143·0.64·e^1.645714
			// = 8.3571 + 56.8840 = 65.241.
			name: "Mixed", hist: map[int]float64{120: 600, 170: 1200}, sex: profile.Male,
			zones: [5]float64{600, 0, 0, 1200, 0}, trimp: 65.241,
		},
		{
			// Unknown sex: the mean of the two steady values,
			// (54.048 + 60.750) / 2 = 57.399.
			name: "SteadyUnknownSex", hist: map[int]float64{150: 1800},
			zones: [5]float64{0, 0, 1800, 0, 0}, trimp: 57.399,
		},
		{
			// Zone edges: 134 bpm is exactly 60 % HRR (50 + 0.6·140) → Z2;
			// 176 bpm is exactly 90 % → Z5; 200 bpm is above max → Z5,
			// with x clamped to 1 in TRIMP: 1·1·0.64·e^1.92 = 4.3659 per min.
			name: "Edges", hist: map[int]float64{134: 60, 176: 60, 200: 60}, sex: profile.Male,
			zones: [5]float64{0, 60, 0, 0, 120},
			// 134: 0.6·0.64·e^1.152 = 1.21499; 176: 0.9·0.64·e^1.728 = 3.24535
			trimp: 1.21499 + 3.24535 + 4.36594,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hist := make([]float64, 251)
			for b, s := range tc.hist {
				hist[b] = s
			}
			h := hr
			h.Sex = tc.sex
			if got := activity.Zones(hist, h); got != tc.zones {
				t.Errorf("zones = %v, want %v", got, tc.zones)
			}
			near(t, "TRIMP", activity.TRIMP(hist, h), tc.trimp, 0.01)
		})
	}
}

func TestZonesFollowProfile(t *testing.T) {
	// The same run, re-zoned after the runner sets a lower maximum: 150 bpm
	// is Z3 with max 190 and Z4 with max 170 ((150−50)/(170−50) = 0.833).
	hist := make([]float64, 151)
	hist[150] = 600
	if z := activity.Zones(hist, profile.HR{Rest: 50, Max: 170}); z[3] != 600 {
		t.Errorf("zones with max 170 = %v, want all in Z4", z)
	}
}

func TestComputeSparseDistanceIsStillMoving(t *testing.T) {
	// A device that updates distance every third record (9 m every 3 s at
	// 3 m/s): the records in between carry no new distance, but the runner
	// never stopped, so all 300 s are moving.
	a := track(301, func(i int) float64 {
		if i%3 == 0 {
			return 9
		}
		return 0
	}, nil, nil)
	s := activity.Compute(a)
	near(t, "moving", s.MovingS, 300, 1.01)
	near(t, "distance", s.DistanceM, 900, 0.5)
}

func TestComputeSwimMovingIsTimerTime(t *testing.T) {
	// A pool swim: distance moves 25 m per length (every 30 s); its moving
	// time is the recorded time, 600 s.
	a := track(601, func(i int) float64 {
		if i%30 == 0 {
			return 25
		}
		return 0
	}, nil, nil)
	a.Sport = activity.Swimming
	near(t, "moving", activity.Compute(a).MovingS, 600, 0.01)
}

func TestComputeElapsedFromStartBeforeFirstRecord(t *testing.T) {
	// The timer started 40 s before the first record (waiting for GPS):
	// elapsed counts from the start, 40 + 100 = 140 s.
	a := track(101, func(int) float64 { return 3 }, nil, nil)
	a.Start = t0.Add(-40 * time.Second)
	near(t, "elapsed", activity.Compute(a).ElapsedS, 140, 0.01)
}
