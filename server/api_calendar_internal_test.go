package server

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
)

// The calendar follows the week: while a red flag stands every day is a
// single all-day rest note, and no event suggests training.
func TestWeekICSFollowsTheFlag(t *testing.T) {
	prof := profile.Profile{WeightKg: 60, Age: 30, RestingHR: 50, MaxHR: 190, Timezone: "UTC"}
	monday := time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)
	h := coach.History{Profile: prof, RPE: map[int64]float64{}}
	for w := range 4 {
		for i, d := range []int{1, 3, 6} {
			km := 8.0
			if d == 6 {
				km = 16
			}
			start := monday.AddDate(0, 0, 7*w+d).Add(7 * time.Hour)
			s := activity.Summary{DistanceM: km * 1000, ElapsedS: km * 330, MovingS: km * 330, AvgSpeedMS: 1000.0 / 330,
				AvgHR: math.NaN(), MaxHR: math.NaN(), AscentM: 10, DescentM: 10, DownhillM: 0, AvgTempC: math.NaN()}
			h.Activities = append(h.Activities, &coach.Activity{ID: int64(10*w + i + 1), Summary: s,
				Activity: &activity.Activity{Sport: activity.Running, Start: start, Format: "fit"}})
		}
	}
	now := monday.AddDate(0, 0, 28).Add(9 * time.Hour)
	u := &account.User{ID: 7, Name: "ana"}
	feed := func(h coach.History) string {
		var buf bytes.Buffer
		if err := writeWeekICS(&buf, u, coach.NewState(h, now).Week(), prof, now); err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(buf.String(), "\r\n ", "")
	}
	plain := feed(h)
	if !strings.Contains(plain, "SUMMARY:Long run") || !strings.Contains(plain, "SUMMARY:Easy run") {
		t.Errorf("no training in the unflagged week:\n%s", plain)
	}
	h.CheckIns = []recovery.CheckIn{{Date: monday.AddDate(0, 0, 28), SleepH: 8, SleepQuality: 4, Stress: 2,
		RestingHR: math.NaN(), HRVms: math.NaN(), Symptoms: []string{"bone-pain"}, SymptomsAnswered: true}}
	flagged := feed(h)
	if n := strings.Count(flagged, "SUMMARY:"+flaggedTitle+"\r\n"); n != 7 || strings.Count(flagged, "SUMMARY:") != 7 {
		t.Errorf("%d of the events are %q, want all 7:\n%s", n, flaggedTitle, flagged)
	}
	if !strings.Contains(flagged, "no training until it is cleared") {
		t.Errorf("the flagged days do not say why:\n%s", flagged)
	}
}
