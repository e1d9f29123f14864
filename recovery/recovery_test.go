package recovery_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
)

var t0 = time.Date(2026, 9, 7, 8, 0, 0, 0, time.UTC)

func TestShape(t *testing.T) {
	// (t/p)^2 · e^(2(1 − t/p)): 0 at the end of the run, 1 at the peak,
	// e^(−5)·3.5² = 0.0825 at 3.5 × peak, below 0.02 at 4.5 × peak.
	for _, tc := range []struct{ h, want float64 }{
		{0, 0}, {48, 1}, {24, 0.25 * math.E}, {168, 12.25 * math.Exp(-5)},
	} {
		if got := recovery.Shape(tc.h, 48); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Shape(%v) = %v, want %v", tc.h, got, tc.want)
		}
	}
	if recovery.Shape(216, 48) > 0.02 {
		t.Error("soreness has not faded by 4.5 × peak")
	}
}

func TestPeakRepeatedBout(t *testing.T) {
	// A 10 km flat easy run loads the calves 10 units. Unaccustomed:
	// 10·(1 − e^(−10/14.4)) = 5.006. Used to 40 units a week: 10·(1 −
	// e^(−10/(14.4 + 2·40))) = 1.005: the repeated-bout effect.
	r := recovery.Run{Sport: activity.Running, DistanceM: 10000}
	l := r.MuscleLoad()
	fresh := recovery.Peak(l, recovery.MuscleLoad{})
	var habit recovery.MuscleLoad
	habit[0] = 40
	used := recovery.Peak(l, habit)
	if math.Abs(fresh[0]-5.006) > 0.001 || math.Abs(used[0]-1.005) > 0.001 {
		t.Errorf("calves: fresh %.3f, habituated %.3f", fresh[0], used[0])
	}
}

func TestDownhillLoadsQuads(t *testing.T) {
	flat := recovery.Run{Sport: activity.Running, DistanceM: 10000}.MuscleLoad()
	down := recovery.Run{Sport: activity.Running, DistanceM: 10000, DownhillM: 4000, DescentM: 300}.MuscleLoad()
	if down.Of(recovery.Quads) < flat.Of(recovery.Quads)*2 {
		t.Errorf("4 km of downhill: quads %.1f vs flat %.1f", down.Of(recovery.Quads), flat.Of(recovery.Quads))
	}
	if _, m := down.Max(); m != recovery.Quads {
		t.Errorf("most loaded muscle after a downhill run: %s", m)
	}
}

func TestClassify(t *testing.T) {
	z := func(z1, z2, z3, z4, z5 float64) *[5]float64 { return &[5]float64{z1, z2, z3, z4, z5} }
	tests := []struct {
		name string
		f    recovery.Features
		want recovery.Kind
	}{
		{"Easy", recovery.Features{Sport: activity.Running, DistanceM: 8000, MovingS: 2700, ZonesS: z(600, 2000, 100, 0, 0), AvgHRR: 0.62}, recovery.Easy},
		{"LongByDistance", recovery.Features{Sport: activity.Running, DistanceM: 17000, MovingS: 5000, AvgHRR: 0.65}, recovery.Long},
		{"LongByTime", recovery.Features{Sport: activity.Trail, DistanceM: 12000, MovingS: 5500, AvgHRR: 0.65}, recovery.Long},
		{"LongByShareOfWeek", recovery.Features{Sport: activity.Running, DistanceM: 12000, MovingS: 4000, WeekRunM: 15000, AvgHRR: 0.65}, recovery.Long},
		{"IntervalsByZones", recovery.Features{Sport: activity.Running, DistanceM: 9000, MovingS: 2700, ZonesS: z(600, 600, 600, 600, 300), AvgHRR: 0.72}, recovery.Hard},
		{"IntervalsByLaps", recovery.Features{Sport: activity.Running, DistanceM: 9000, MovingS: 2700, AvgHRR: math.NaN(), LapSpeeds: []float64{3, 5, 2.5, 5, 2.5, 5, 3}}, recovery.Hard},
		{"Tempo", recovery.Features{Sport: activity.Running, DistanceM: 10000, MovingS: 2600, AvgHRR: 0.78}, recovery.Hard},
		{"Hills", recovery.Features{Sport: activity.Running, DistanceM: 8000, MovingS: 3000, AscentM: 260, AvgHRR: 0.6}, recovery.Hard},
		{"Ride", recovery.Features{Sport: activity.Cycling, DistanceM: 40000, MovingS: 6000}, recovery.Cross},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if k, _, why := recovery.Classify(tc.f); k != tc.want || len(why) == 0 {
				t.Errorf("kind %s (%v), want %s", k, why, tc.want)
			}
		})
	}
}

func TestRecoveryTimeByKind(t *testing.T) {
	// Seed 002: easy runs about a day, hard and long runs 2-3 days before
	// the next hard session.
	// The runner is used to running: three weeks of four 8 km easy runs
	// before the run in question (the repeated-bout effect applies).
	var history []recovery.Run
	for d := 21; d >= 2; d-- {
		if d%7 == 0 || d%7 == 2 || d%7 == 4 || d%7 == 5 {
			history = append(history, recovery.Run{End: t0.AddDate(0, 0, -d), Sport: activity.Running, Kind: recovery.Easy, DistanceM: 8000})
		}
	}
	run := func(kind recovery.Kind, km, hard float64) recovery.Recovery {
		r := recovery.Run{End: t0, Sport: activity.Running, Kind: kind, DistanceM: km * 1000, HardFraction: hard}
		cs := recovery.Contributions(append(append([]recovery.Run(nil), history...), r))
		return recovery.RecoveryTime(r, cs, len(cs)-1, recovery.DefaultParams(), recovery.Modifiers{Age: 30})
	}
	easy, hard, long := run(recovery.Easy, 6, 0), run(recovery.Hard, 10, 0.4), run(recovery.Long, 25, 0.1)
	if easy.HardH < 24 || easy.HardH > 36 || easy.EasyH > 24 {
		t.Errorf("easy run: %+v", easy)
	}
	if hard.HardH < 48 || hard.HardH > 72 {
		t.Errorf("hard run: next hard after %.0f h, want 48-72", hard.HardH)
	}
	if long.EasyH < 24 || long.HardH < 48 {
		t.Errorf("long run: %+v", long)
	}
	// An older runner gets one more rest day before easy running after a
	// long run (“8 Post-Run Recovery Tips”) and clocks 30 %
	// longer (AgeClockMax at 60).
	r := recovery.Run{End: t0, Sport: activity.Running, Kind: recovery.Long, DistanceM: 25000}
	cs := recovery.Contributions(append(append([]recovery.Run(nil), history...), r))
	old := recovery.RecoveryTime(r, cs, len(cs)-1, recovery.DefaultParams(), recovery.Modifiers{Age: 60})
	young := recovery.RecoveryTime(r, cs, len(cs)-1, recovery.DefaultParams(), recovery.Modifiers{Age: 25})
	if old.EasyH < young.EasyH+24 || old.HardH <= young.HardH {
		t.Errorf("60-year-old %.0f/%.0f h vs 25-year-old %.0f/%.0f h", old.EasyH, old.HardH, young.EasyH, young.HardH)
	}
}

// schedule is weeks of a runner's week: easy Tue/Thu/Sat, hills
// Wednesday, a long run Sunday that grows; start times 07:00.
func schedule(weeks int) []recovery.Run {
	var runs []recovery.Run
	for w := 0; w < weeks; w++ {
		base := t0.AddDate(0, 0, 7*w)
		add := func(day int, km, down, ascent, hard float64, k recovery.Kind) {
			end := base.AddDate(0, 0, day).Add(time.Duration(km*6) * time.Minute)
			runs = append(runs, recovery.Run{End: end, Sport: activity.Running, Kind: k, DistanceM: km * 1000,
				DownhillM: down, AscentM: ascent, HardFraction: hard})
		}
		add(1, 8, 500, 60, 0, recovery.Easy)
		add(2, 10, 2500, 300, 0.3, recovery.Hard)
		add(4, 8, 500, 60, 0, recovery.Easy)
		add(6, 16+float64(w)*2, 3000, 250, 0.05, recovery.Long)
	}
	return runs
}

// TestFitRecoversParameters simulates runners whose true soreness
// parameters differ, rates their soreness every morning with noise
// (SD 1 point, rounded to whole numbers as people do), fits the model on
// six weeks of check-ins, and checks that it recovers the parameters and
// that its forecast of the seventh week is at least 30 % closer to the
// runner's true soreness (mean absolute error, 0-10) than the population
// model's.
func TestFitRecoversParameters(t *testing.T) {
	runners := []struct {
		name string
		p    recovery.Params
		age  int
	}{
		{"FastRecovererYoung", recovery.Params{Gain: 0.6, PeakH: 28}, 24},
		{"SlowRecovererOld", recovery.Params{Gain: 1.7, PeakH: 80}, 62},
		{"SoreButQuick", recovery.Params{Gain: 1.6, PeakH: 30}, 35},
		{"LightButSlow", recovery.Params{Gain: 0.7, PeakH: 75}, 45},
	}
	runs := schedule(7)
	cs := recovery.Contributions(runs)
	for i, rr := range runners {
		t.Run(rr.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(i)+1, 7))
			mod := recovery.Modifiers{Age: rr.age}
			var obs []recovery.Observation
			for d := 1; d <= 42; d++ {
				at := t0.AddDate(0, 0, d).Add(-time.Hour) // 07:00, before the day's run
				truth := recovery.SorenessAt(cs, rr.p, mod, at)
				for k, m := range recovery.Muscles {
					v := math.Round(truth[k] + rng.NormFloat64())
					obs = append(obs, recovery.Observation{At: at, Muscle: m, Soreness: math.Max(0, math.Min(10, v))})
				}
			}
			f := recovery.Fit(cs, obs, mod)
			// The peak is compared as the forecasts use it: past
			// recovery.MaxPeakH (the slow old runner's 80 h × 1.32 for
			// age) every peak time forecasts the same 72 h.
			if math.Abs(math.Log(f.Params.Gain/rr.p.Gain)) > 0.2 || math.Abs(math.Log(mod.PeakHours(f.Params.PeakH)/mod.PeakHours(rr.p.PeakH))) > 0.2 {
				t.Errorf("fitted %+v, true %+v", f.Params, rr.p)
			}
			// Forecast week 7, hour by hour, against the truth.
			var pop, own float64
			n := 0
			for h := 42 * 24; h < 49*24; h++ {
				at := t0.Add(time.Duration(h) * time.Hour)
				truth := recovery.SorenessAt(cs, rr.p, mod, at)
				a := recovery.SorenessAt(cs, recovery.DefaultParams(), mod, at)
				b := recovery.SorenessAt(cs, f.Params, mod, at)
				for k := range truth {
					pop += math.Abs(a[k] - truth[k])
					own += math.Abs(b[k] - truth[k])
					n++
				}
			}
			pop, own = pop/float64(n), own/float64(n)
			if own > 0.7*pop {
				t.Errorf("week-7 forecast MAE personal %.2f vs population %.2f: cut %.0f%%, want >= 30%%", own, pop, (1-own/pop)*100)
			}
			t.Logf("fitted %+v (true %+v); forecast MAE %.2f -> %.2f; held-out ratings MAE %.2f -> %.2f",
				f.Params, rr.p, pop, own, f.MAEPopulation, f.MAEPersonal)
		})
	}
}

// TestPeakHoursHeldAt72: age and sleep debt lengthen the peak (1 % a
// year over 30, 5 % an hour of sleep debt) but never past the 24-72 h in
// which delayed-onset soreness peaks (Cheung et al. 2003).
func TestPeakHoursHeldAt72(t *testing.T) {
	for _, tc := range []struct {
		age    int
		debt   float64
		peakH  float64
		want   float64
		isHeld bool
	}{
		{25, 0, 48, 48, false},
		{40, 0, 48, 52.8, false},  // 48 × 1.10
		{67, 0, 48, 65.76, false}, // 48 × 1.37
		{67, 0, 61, 72, true},     // 61 × 1.37 = 83.6, held
		{30, 2, 60, 66, false},    // 60 × 1.10
		{30, 0, 100, 72, true},    // a fitted peak past the window
		{80, 3, 48, 72, true},     // 48 × 1.65 = 79.2, held
	} {
		mod := recovery.Modifiers{Age: tc.age, SleepDebtH: tc.debt}
		if got := mod.PeakHours(tc.peakH); math.Abs(got-tc.want) > 1e-9 || mod.Held(tc.peakH) != tc.isHeld {
			t.Errorf("age %d, debt %.0f h, peak %.0f h: %.2f h (held %v), want %.2f h (held %v)", tc.age, tc.debt, tc.peakH, got, mod.Held(tc.peakH), tc.want, tc.isHeld)
		}
	}
	// And the forecast itself: the soreness of one run is highest 72 h
	// after it, not 84.
	runs := []recovery.Run{{End: t0, Sport: activity.Running, Kind: recovery.Long, DistanceM: 30000, DownhillM: 3000, AscentM: 300}}
	cs := recovery.Contributions(runs)
	mod := recovery.Modifiers{Age: 67}
	best, bestH := 0.0, 0
	for h := 1; h <= 200; h++ {
		if v := recovery.SorenessAt(cs, recovery.Params{Gain: 1, PeakH: 61}, mod, t0.Add(time.Duration(h)*time.Hour))[0]; v > best {
			best, bestH = v, h
		}
	}
	if bestH != 72 {
		t.Errorf("the forecast peaks %d h after the run; want 72", bestH)
	}
}

func TestFewCheckInsBarelyMoveTheModel(t *testing.T) {
	// Three extreme ratings must not swing the gain far from 1: the prior
	// holds it (shrinkage).
	runs := schedule(1)
	cs := recovery.Contributions(runs)
	at := runs[1].End.Add(40 * time.Hour)
	obs := []recovery.Observation{{At: at, Muscle: recovery.Quads, Soreness: 10}, {At: at, Muscle: recovery.Calves, Soreness: 10}, {At: at, Muscle: recovery.Glutes, Soreness: 10}}
	f := recovery.Fit(cs, obs, recovery.Modifiers{})
	if f.Params.Gain > 2.2 {
		t.Errorf("3 check-ins moved the gain to %.2f", f.Params.Gain)
	}
}
