package present_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/present"
)

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
		_, err := present.CheckInInput{Date: date, SleepH: &sleep}.CheckIn(today, time.UTC)
		if rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), date) {
			t.Errorf("check-in dated %s: %v, want EINVALID naming the date", date, err)
		}
	}
}
