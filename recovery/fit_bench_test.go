package recovery_test

import (
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
)

// BenchmarkFit fits the soreness model to a demo-sized history: 80 runs
// over 16 weeks and a check-in on each of the last 84 mornings rating all
// seven muscle groups (588 observations), the work a new check-in costs.
func BenchmarkFit(b *testing.B) {
	start := time.Date(2026, 8, 3, 7, 0, 0, 0, time.UTC)
	var runs []recovery.Run
	for d := 0; d < 112; d++ {
		if d%7 == 2 || d%7 == 5 {
			continue
		}
		dist := 8000.0
		kind := recovery.Easy
		if d%7 == 6 {
			dist, kind = 21000, recovery.Long
		}
		runs = append(runs, recovery.Run{ID: int64(d), End: start.AddDate(0, 0, d).Add(time.Hour), Sport: activity.Running,
			Kind: kind, DistanceM: dist, DurationS: dist / 3, AscentM: 80, DescentM: 80})
	}
	cs := recovery.Contributions(runs)
	p := recovery.Params{Gain: 1.3, PeakH: 44}
	var obs []recovery.Observation
	for d := 28; d < 112; d++ {
		at := start.AddDate(0, 0, d).Add(time.Hour)
		s := recovery.SorenessAt(cs, p, recovery.Modifiers{}, at)
		for _, m := range recovery.Muscles {
			obs = append(obs, recovery.Observation{At: at, Muscle: m, Soreness: s.Of(m)})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		recovery.Fit(cs, obs, recovery.Modifiers{Age: 40})
	}
}
