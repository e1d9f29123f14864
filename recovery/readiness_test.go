package recovery_test

import (
	"math"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/recovery"
)

// TestReadinessRedFlagCap: a red-flag symptom makes the recommendation
// rest, and the score follows it into the rest band (at most
// RedFlagMaxScore = 39) through a "red-flag" factor, so the factors still
// add up to the score. Penalties: soreness (v − 2) × 4 up to 30, sleep
// (7 − h) × 6 up to 20 (+5 for quality 1-2), stress 5 → 10.
func TestReadinessRedFlagCap(t *testing.T) {
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
		redFlag   bool
		wantScore int
		wantRec   recovery.Recommendation
		wantCap   float64 // the red-flag factor's penalty; -1: no such factor
	}{
		{"FreshNoFlag", 0, nil, false, 100, recovery.QualityOK, -1},
		{"FreshWithFlag", 0, nil, true, 39, recovery.Rest, 61},
		{"SoreWithFlag", 6, morning(8, 4, 2), true, 39, recovery.Rest, 45},       // 100 − 16 = 84
		{"LowAlreadyWithFlag", 10, morning(4, 2, 5), true, 37, recovery.Rest, 0}, // 100 − 30 − 23 − 10
		{"LowNoFlag", 10, morning(4, 2, 5), false, 37, recovery.Rest, -1},
		{"SoreNoFlag", 6, morning(8, 4, 2), false, 84, recovery.QualityOK, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := recovery.ComputeReadiness(recovery.ReadinessInput{Now: t0, Soreness: sore(tc.soreness), Today: tc.today, RedFlag: tc.redFlag})
			if r.Score != tc.wantScore || r.Recommendation != tc.wantRec {
				t.Errorf("score %d, %s; want %d, %s", r.Score, r.Recommendation, tc.wantScore, tc.wantRec)
			}
			sum, capPenalty := 0.0, -1.0
			for _, f := range r.Factors {
				sum += f.Penalty
				if f.ID == "red-flag" {
					capPenalty = f.Penalty
					if f.Reason == "" || f.Source == "" || f.Status != "poor" {
						t.Errorf("red-flag factor without reason, source or status: %+v", f)
					}
				}
			}
			if math.Abs(capPenalty-tc.wantCap) > 1e-9 {
				t.Errorf("red-flag factor penalty %v, want %v (-1: none)", capPenalty, tc.wantCap)
			}
			if math.Abs(100-sum-float64(r.Score)) > 0.5 {
				t.Errorf("factors take %.1f points off 100, score %d", sum, r.Score)
			}
			if tc.redFlag && (len(r.Reasons) == 0 || !strings.Contains(r.Reasons[0], "held at 39 or below")) {
				t.Errorf("first reason does not say the score is capped: %q", r.Reasons)
			}
		})
	}
}
