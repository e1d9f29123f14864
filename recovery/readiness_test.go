package recovery_test

import (
	"math"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/recovery"
)

// TestReadinessScore: the score is 100 less the factors' penalties, and
// the factors add up to it. Penalties: soreness (v − 2) × 4 up to 30,
// sleep (7 − h) × 6 up to 20 (+5 for quality 1-2), stress 5 → 10.
func TestReadinessScore(t *testing.T) {
	nan := math.NaN()
	morning := func(sleepH, quality, stress float64) *recovery.CheckIn {
		return &recovery.CheckIn{Date: t0, SleepH: sleepH, SleepQuality: quality, Stress: stress, RestingHR: nan, HRVms: nan}
	}
	sore := func(v float64) recovery.MuscleLoad {
		var l recovery.MuscleLoad
		l[0] = v
		return l
	}
	for _, tc := range []struct {
		name      string
		soreness  float64
		today     *recovery.CheckIn
		wantScore int
		wantBand  recovery.Recommendation
	}{
		{"Fresh", 0, nil, 100, recovery.QualityOK},
		{"Sore", 6, morning(8, 4, 2), 84, recovery.QualityOK},          // 100 − 16
		{"Low", 10, morning(4, 2, 5), 37, recovery.Rest},               // 100 − 30 − 23 − 10
		{"ShortSleep", 3, morning(6, 3, 3), 90, recovery.QualityOK},    // 100 − 4 − 6
		{"Middling", 8, morning(5, 2, 4), 54, recovery.ActiveRecovery}, // 100 − 24 − (12 + 5) − 5
		{"EasyBand", 5, morning(6, 2, 4), 72, recovery.EasyRun},        // 100 − 12 − (6 + 5) − 5
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := recovery.ComputeReadiness(recovery.ReadinessInput{Now: t0, Soreness: sore(tc.soreness), Today: tc.today})
			sum := 0.0
			for _, f := range r.Factors {
				sum += f.Penalty
			}
			if math.Abs(100-sum-float64(r.Score)) > 0.5 {
				t.Errorf("factors take %.1f points off 100, score %d", sum, r.Score)
			}
			if r.Score != tc.wantScore || recovery.Band(r.Score) != tc.wantBand {
				t.Errorf("score %d (band %s), want %d (%s)", r.Score, recovery.Band(r.Score), tc.wantScore, tc.wantBand)
			}
		})
	}
}

// TestBands: the score's bands (Rebound's rule) and the top of each, at
// which the decision holds the score.
func TestBands(t *testing.T) {
	for _, tc := range []struct {
		score int
		want  recovery.Recommendation
	}{{0, recovery.Rest}, {39, recovery.Rest}, {40, recovery.ActiveRecovery}, {59, recovery.ActiveRecovery},
		{60, recovery.EasyRun}, {79, recovery.EasyRun}, {80, recovery.QualityOK}, {100, recovery.QualityOK}} {
		if got := recovery.Band(tc.score); got != tc.want {
			t.Errorf("Band(%d) = %s, want %s", tc.score, got, tc.want)
		}
	}
	for _, r := range recovery.Recommendations {
		if recovery.Band(recovery.BandTop(r)) != r {
			t.Errorf("BandTop(%s) = %d is not in its band", r, recovery.BandTop(r))
		}
	}
	if !recovery.Rest.Stricter(recovery.ActiveRecovery) || recovery.QualityOK.Stricter(recovery.EasyRun) {
		t.Error("Stricter does not order rest < active recovery < easy run < quality")
	}
}

// TestHRV reads one morning against the runner's normal range, as
// HRV4Training and Plews et al. 2013 do: the 60-day mean of ln rMSSD ±
// 0.5 SD. The baseline alternates ln 3.9 and ln 4.1 (49.4 and 60.3 ms):
// mean 4.0 (54.6 ms), SD 0.1, normal range 3.95-4.05 (51.9-57.4 ms).
func TestHRV(t *testing.T) {
	nan := math.NaN()
	day := func(d int, ln float64) recovery.CheckIn {
		return recovery.CheckIn{Date: t0.AddDate(0, 0, -d), SleepH: nan, SleepQuality: nan, Stress: nan, RestingHR: nan, HRVms: math.Exp(ln)}
	}
	alternating := func() []recovery.CheckIn {
		var h []recovery.CheckIn
		for d := 1; d <= 60; d++ {
			h = append(h, day(d, 4+0.1*float64(2*(d%2)-1)))
		}
		return h
	}
	// lowWeek: 54 days alternating, then six days at ln 3.8: mean 3.98,
	// SD √(0.756/60) = 0.1122, range from 3.924; a morning at ln 3.95 is in
	// range but the 7-day mean, (3.95 + 6 × 3.8)/7 = 3.821, is under it.
	lowWeek := func() []recovery.CheckIn {
		h := alternating()
		for d := 1; d <= 6; d++ {
			h[d-1] = day(d, 3.8)
		}
		return h
	}
	for _, tc := range []struct {
		name     string
		hist     []recovery.CheckIn
		todayLn  float64
		penalty  float64
		limit    recovery.Recommendation
		inReason string
	}{
		{"InRange", alternating(), 4.0, 0, "", "in your normal range"},
		{"UnderRange", alternating(), math.Log(50), 5, "", "under your normal range this morning"},   // z = −0.88
		{"FifteenPercentUnder", alternating(), 4 + math.Log(0.85), 5, "", "under your normal range"}, // z = −1.6
		{"FortyFourPercentUnder", alternating(), 4 + math.Log(0.56), 15, recovery.EasyRun, "44% under"},
		{"Doubled", alternating(), 4 + math.Log(2), 5, recovery.EasyRun, "100% over"},
		// Over the range (4.05) but not far: e^0.08 = 1.083, said as 8 %
		// over, not "in your normal range" beside a number above it.
		{"JustOverRange", alternating(), 4.08, 0, "", "HRV is 8% over your normal this morning, above your range but not far enough to change today"},
		{"LowWeek", lowWeek(), 3.95, 5, "", "averaged under your normal range over the last 7 days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := day(0, tc.todayLn)
			r := recovery.ComputeReadiness(recovery.ReadinessInput{Now: t0, Today: &c, History: tc.hist})
			var f recovery.Factor
			for _, x := range r.Factors {
				if x.ID == "hrv" {
					f = x
				}
			}
			if f.Penalty != tc.penalty || f.Limit != tc.limit || !strings.Contains(f.Reason, tc.inReason) {
				t.Errorf("hrv factor %+v; want penalty %v, limit %q, reason with %q", f, tc.penalty, tc.limit, tc.inReason)
			}
			if !strings.Contains(f.Value, "from 60 mornings in 60 days") {
				t.Errorf("hrv value %q does not say which baseline it used", f.Value)
			}
		})
	}
}

// TestRestingHR: 5 bpm or more over the runner's 30-day baseline lowers
// readiness (8 points; 15 from 8 bpm), and the value names the baseline.
func TestRestingHR(t *testing.T) {
	nan := math.NaN()
	var hist []recovery.CheckIn
	for d := 1; d <= 20; d++ {
		hist = append(hist, recovery.CheckIn{Date: t0.AddDate(0, 0, -d), SleepH: nan, SleepQuality: nan, Stress: nan, HRVms: nan, RestingHR: 50 + float64(d%2)*2})
	}
	// The words follow the number (review 2, #16): 4 bpm over a 51 ± 1
	// normal is not "in your normal range".
	for _, tc := range []struct {
		rhr      float64
		penalty  float64
		inReason string
	}{{51, 0, "at your normal"}, {49, 0, "2 bpm under your normal"}, {54, 0, "3 bpm over your normal; it lowers readiness from 5 bpm over"},
		{55, 0, "4 bpm over"}, {56, 8, "5 bpm above"}, {59, 15, "8 bpm above"}} { // baseline mean 51
		c := recovery.CheckIn{Date: t0, SleepH: nan, SleepQuality: nan, Stress: nan, HRVms: nan, RestingHR: tc.rhr}
		r := recovery.ComputeReadiness(recovery.ReadinessInput{Now: t0, Today: &c, History: hist})
		for _, f := range r.Factors {
			if f.ID == "resting-hr" && (f.Penalty != tc.penalty || !strings.Contains(f.Value, "from 20 mornings") || !strings.Contains(f.Reason, tc.inReason)) {
				t.Errorf("resting HR %v: %+v, want penalty %v, the baseline named and %q", tc.rhr, f, tc.penalty, tc.inReason)
			}
		}
	}
}

// TestFormWords: Form speaks of fatigue against fitness (TSB), never of
// load against the usual, which is the acute:chronic ratio's to say
// (review 2, #16: "well above what you are used to" beside "in step with
// your usual").
func TestFormWords(t *testing.T) {
	for _, tc := range []struct {
		form     float64
		inReason string
	}{{-2, "no higher than your fitness"}, {-10, "some fatigue"}, {-25, "fatigue is well above your fitness"}} {
		r := recovery.ComputeReadiness(recovery.ReadinessInput{Now: t0, Load: &load.Day{Fitness: 50, Form: tc.form, ACWR: 1.06}})
		for _, f := range r.Factors {
			if f.ID == "form" && (!strings.Contains(f.Reason, tc.inReason) || strings.Contains(f.Reason, "used to")) {
				t.Errorf("form %v: %q; want %q and no word of the usual", tc.form, f.Reason, tc.inReason)
			}
		}
	}
}

// TestSorenessFactorSaysForecastOrRating: soreness the runner rated today
// is said as theirs; soreness only forecast is said as a forecast (review
// 3: "your quads are sore (5/10)" on a morning without a check-in).
func TestSorenessFactorSaysForecastOrRating(t *testing.T) {
	nan := math.NaN()
	var sore recovery.MuscleLoad
	sore[0] = 5 // the first muscle group, 5/10
	name := recovery.Muscles[0].Name()
	rated := &recovery.CheckIn{Date: t0, SleepH: nan, SleepQuality: nan, Stress: nan, RestingHR: nan, HRVms: nan,
		Soreness: map[recovery.Muscle]float64{recovery.Muscles[0]: 5}}
	for _, tc := range []struct {
		name  string
		today *recovery.CheckIn
		want  string
	}{
		{"Rated", rated, "your " + name + " are sore (5/10)"},
		{"Forecast", nil, "your " + name + " are forecast 5/10 sore"},
	} {
		r := recovery.ComputeReadiness(recovery.ReadinessInput{Now: t0, Soreness: sore, Today: tc.today})
		for _, f := range r.Factors {
			if f.ID == "soreness" && f.Reason != tc.want {
				t.Errorf("%s: %q, want %q", tc.name, f.Reason, tc.want)
			}
		}
	}
}
