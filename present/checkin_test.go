package present_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/recovery"
)

func ptr(v float64) *float64 { return &v }

func TestCheckInInput(t *testing.T) {
	loc := time.FixedZone("UTC+1", 3600)
	now := time.Date(2026, 5, 4, 23, 30, 0, 0, time.UTC) // 00:30 on 5 May in loc
	t.Run("OK", func(t *testing.T) {
		c, ps := present.CheckInInput{Soreness: map[string]float64{" Quads": 3.5}, SleepH: ptr(7), RPE: map[string]*float64{"latest": nil}}.CheckIn(now, loc)
		if len(ps) != 0 {
			t.Fatal(ps)
		}
		if !c.Date.Equal(time.Date(2026, 5, 5, 0, 0, 0, 0, loc)) || c.Soreness[recovery.Quads] != 3.5 || c.SleepH != 7 || !math.IsNaN(c.Stress) {
			t.Errorf("check-in %+v", c)
		}
	})
	t.Run("SymptomsAnswered", func(t *testing.T) {
		for _, tc := range []struct {
			name     string
			symptoms []string
			answered bool
		}{{"NotAsked", nil, false}, {"None", []string{}, true}, {"Some", []string{"Bone-Pain", "bone-pain"}, true}} {
			c, ps := present.CheckInInput{Symptoms: tc.symptoms}.CheckIn(now, loc)
			if len(ps) != 0 || c.SymptomsAnswered != tc.answered || c.Symptoms == nil || len(c.Symptoms) > 1 {
				t.Errorf("%s: symptoms %q answered %v (%v); want answered %v", tc.name, c.Symptoms, c.SymptomsAnswered, ps, tc.answered)
			}
		}
	})
	t.Run("ErrEveryProblemAtOnce", func(t *testing.T) {
		kg := present.Weight{Value: 61, Unit: present.Kg}
		_, ps := present.CheckInInput{Date: "5/5/2026", Soreness: map[string]float64{"elbow": 3, "quads": 11}, SleepH: ptr(30),
			SleepQuality: ptr(0), Stress: ptr(math.NaN()), RestingHR: ptr(200), HRVms: ptr(0), Symptoms: []string{"hiccups"},
			RPE: map[string]*float64{"latest": ptr(12)}, WeightBefore: &kg}.CheckIn(now, loc)
		var fields []string
		for _, p := range ps {
			fields = append(fields, p.Field)
		}
		want := "date sleep_h sleep_quality stress resting_hr hrv_ms soreness.elbow soreness.quads symptoms rpe.latest weight_after"
		if strings.Join(fields, " ") != want {
			t.Errorf("problems in %v, want %s", fields, want)
		}
		err := ps.Err()
		var got present.Problems
		if rebound.ErrorCode(err) != rebound.EINVALID || !errors.As(err, &got) ||
			!strings.Contains(rebound.ErrorMessage(err), "sleep: enter a number from 0 to 24; sleep quality: enter a number from 1 to 5") {
			t.Errorf("as an error: %s %q", rebound.ErrorCode(err), rebound.ErrorMessage(err))
		}
	})
}
