package coach_test

import (
	"math"
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/recovery"
)

// TestSorenessForecastIsToday: the forecast the soreness page draws is
// today's: at s.Now each muscle's SorenessNow value (the rating where
// rated this morning, quads 6 and calves 0 here), a day later its In24h,
// and for a rated muscle never the model's own number when it differs.
func TestSorenessForecastIsToday(t *testing.T) {
	h := histOf(weeks(4, usualWeek...)...) // Sunday 18 km the day before
	now := monday0.AddDate(0, 0, 28).Add(9 * time.Hour)
	h.CheckIns = []recovery.CheckIn{{Date: monday0.AddDate(0, 0, 28), SleepH: 8, SleepQuality: 4, Stress: 2, RestingHR: math.NaN(), HRVms: math.NaN(),
		Soreness: map[recovery.Muscle]float64{recovery.Quads: 6, recovery.Calves: 0}}}
	st := coach.NewState(h, now)
	fore := st.SorenessForecast()
	at, in24h := fore(now), fore(now.Add(24*time.Hour))
	round1 := func(v float64) float64 { return math.Round(v*10) / 10 }
	for _, sn := range st.Today().SorenessNow {
		k := muscleIndex(sn.Muscle)
		if round1(at[k]) != round1(sn.Value) || round1(in24h[k]) != sn.In24h {
			t.Errorf("%s: forecast %.2f now, %.2f in 24 h; today %.1f, tomorrow %.1f", sn.Muscle, at[k], in24h[k], sn.Value, sn.In24h)
		}
	}
	if k := muscleIndex(recovery.Quads); at[k] != 6 {
		t.Errorf("quads now %.2f, rated 6", at[k])
	}
	if k := muscleIndex(recovery.Calves); in24h[k] != 0 {
		t.Errorf("calves rated 0: %.2f tomorrow", in24h[k])
	}
}

func muscleIndex(m recovery.Muscle) int {
	for k, x := range recovery.Muscles {
		if x == m {
			return k
		}
	}
	return -1
}
