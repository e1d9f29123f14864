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

func TestCheckInDay(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	// 23:30 UTC on 24 Nov is already 25 Nov in Berlin.
	today := time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		date, want string // want "" when refused
		msg        string // a part of the refusal's message
	}{
		{"", "2026-11-25", ""},
		{"2026-11-25", "2026-11-25", ""},
		{"2026-11-26", "2026-11-26", ""}, // one day of slack
		{"1990-01-01", "1990-01-01", ""},
		{"2026-11-27", "", "in the future"},
		{"9999-12-31", "", "in the future"},
		{"1989-12-31", "", "before 1990-01-01"},
		{"0202-05-04", "", "before 1990-01-01"},
		{"31/12/2025", "", "want YYYY-MM-DD"},
		{"2026-02-30", "", "want YYYY-MM-DD"},
	} {
		got, err := present.CheckInDay(c.date, today, berlin)
		if c.want == "" {
			if rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("CheckInDay(%q) = %v, %v; want EINVALID saying %q", c.date, got, err, c.msg)
			}
			continue
		}
		if err != nil || got.Format(time.DateOnly) != c.want || got.Location() != berlin || got.Hour() != 0 {
			t.Errorf("CheckInDay(%q) = %v, %v; want midnight of %s in Berlin", c.date, got, err, c.want)
		}
	}
}

func TestCheckInInputRefusesFarDates(t *testing.T) {
	today := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	sleep := 7.0
	for _, date := range []string{"9999-12-31", "1900-01-01"} {
		_, ps := present.CheckInInput{Date: date, SleepH: &sleep}.CheckIn(today, time.UTC)
		if err := ps.Err(); rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), date) {
			t.Errorf("check-in dated %s: %v, want EINVALID naming the date", date, err)
		}
	}
}
