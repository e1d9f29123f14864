package coach_test

import (
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
)

// The moments a recovery clock is told in: day and part of the day,
// never a minute, never a bare weekday six or more days away (review #5,
// #10). Now is Monday 7 December 2026, 09:00 in Berlin.
func TestMoment(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, loc)
	at := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, loc) }
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{at(7, 15, 10), "this afternoon"},
		{at(7, 11, 29), "this morning"},
		{at(7, 11, 30), "this afternoon"}, // rounded to 12:00
		{at(7, 18, 0), "this evening"},
		{at(7, 23, 20), "tomorrow morning"}, // the night reads as the next morning
		{at(8, 2, 44), "tomorrow morning"},
		{at(8, 12, 12), "tomorrow afternoon"},
		{at(6, 20, 0), "yesterday evening"},
		{at(10, 23, 20), "Friday morning"}, // Thursday night: from Friday morning
		{at(12, 14, 30), "Saturday afternoon"},
		{at(13, 22, 12), "Mon 14 Dec morning"},   // six days: the date
		{at(15, 14, 30), "Tue 15 Dec afternoon"}, // Walter's hard sessions, 8 days out
		{at(1, 17, 20), "Tue 1 Dec evening"},     // six days back
		{time.Date(2027, 1, 2, 9, 0, 0, 0, loc), "Sat 2 Jan 2027 morning"},
		{at(8, 11, 0).UTC(), "tomorrow morning"}, // told in now's time zone
	} {
		if got := coach.Moment(c.t, now); got != c.want {
			t.Errorf("Moment(%s) = %q, want %q", c.t.Format(time.RFC3339), got, c.want)
		}
	}
}

func TestOnDay(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		d    int
		want string
	}{{7, "today"}, {6, "yesterday"}, {5, "on Saturday"}, {2, "on Wednesday"}, {1, "on Tue 1 Dec"}} {
		if got := coach.OnDay(time.Date(2026, 12, c.d, 18, 0, 0, 0, time.UTC), now); got != c.want {
			t.Errorf("OnDay(%d Dec) = %q, want %q", c.d, got, c.want)
		}
	}
}
