package load_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/rebound-run/rebound/load"
)

var mon = time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC) // a Monday

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f", what, got, want)
	}
}

func TestSeriesSingleSession(t *testing.T) {
	// One session of load 100 at 07:00 on day 0, nothing after.
	// Day 0: fitness = 100·(1 − e^(−1/42)) = 2.3528, fatigue = 100·(1 − e^(−1/7))
	// = 13.3122; form on day 0 is 0 (nothing before), on day 1 it is
	// 2.3528 − 13.3122 = −10.9594. EWMA acute = 100·2/8 = 25, chronic =
	// 100·2/29 = 6.8966.
	days := load.Series([]load.Session{{Start: mon.Add(7 * time.Hour), Load: 100}}, mon.AddDate(0, 0, 1))
	if len(days) != 2 {
		t.Fatalf("%d days, want 2", len(days))
	}
	near(t, "fitness", days[0].Fitness, 2.3528, 1e-4)
	near(t, "fatigue", days[0].Fatigue, 13.3122, 1e-4)
	near(t, "form day 0", days[0].Form, 0, 1e-9)
	near(t, "form day 1", days[1].Form, -10.9594, 1e-4)
	near(t, "acute", days[0].Acute, 25, 1e-9)
	near(t, "chronic", days[0].Chronic, 6.8966, 1e-4)
	if !math.IsNaN(days[1].ACWR) {
		t.Errorf("ACWR with 2 days of history = %v, want NaN", days[1].ACWR)
	}
}

func TestSeriesSteadyStateConverges(t *testing.T) {
	// The same load every day: every average converges to it, form to 0
	// and the acute:chronic ratio to 1.
	var ss []load.Session
	for i := 0; i < 400; i++ {
		ss = append(ss, load.Session{Start: mon.AddDate(0, 0, i).Add(7 * time.Hour), Load: 80})
	}
	days := load.Series(ss, mon.AddDate(0, 0, 399))
	last := days[len(days)-1]
	near(t, "fitness", last.Fitness, 80, 0.01)
	near(t, "fatigue", last.Fatigue, 80, 0.01)
	near(t, "form", last.Form, 0, 0.01)
	near(t, "ACWR", last.ACWR, 1, 0.001)
}

func TestMonotony(t *testing.T) {
	// Week loads 100, 0, 50, 0, 100, 0, 50: mean 42.857, population SD
	// 41.650, monotony 1.0290, strain 300 · 1.0290 = 308.70.
	loads := []float64{100, 0, 50, 0, 100, 0, 50}
	var ss []load.Session
	for i, l := range loads {
		if l > 0 {
			ss = append(ss, load.Session{Start: mon.AddDate(0, 0, i), Load: l})
		}
	}
	days := load.Series(ss, mon.AddDate(0, 0, 6))
	m, s := load.Monotony(days)
	near(t, "monotony", m, 1.0290, 1e-4)
	near(t, "strain", s, 308.70, 0.01)
}

func TestWeeksTenPercentRule(t *testing.T) {
	// Week 1: 20 km; week 2: 22 km (+10 %, at the limit, not over);
	// week 3: 26 km (+18.2 %; over the average of 21 km × 1.1 = 23.1).
	var ss []load.Session
	for w, km := range []float64{20, 22, 26} {
		ss = append(ss, load.Session{Start: mon.AddDate(0, 0, 7*w+2), DistanceM: km * 1000, Run: true, Load: 50})
	}
	days := load.Series(ss, mon.AddDate(0, 0, 20))
	weeks := load.Weeks(days, ss)
	if len(weeks) != 3 {
		t.Fatalf("%d weeks", len(weeks))
	}
	if !math.IsNaN(weeks[0].Change) {
		t.Errorf("first week change %v, want NaN", weeks[0].Change)
	}
	near(t, "week 2 change", weeks[1].Change, 0.10, 1e-9)
	if weeks[1].OverLimit {
		t.Error("+10% flagged as over the limit")
	}
	near(t, "week 3 change", weeks[2].Change, 26.0/22-1, 1e-9)
	if !weeks[2].OverLimit {
		t.Error("+18% not flagged")
	}
	if weeks[2].Runs != 1 || weeks[2].DistanceM != 26000 {
		t.Errorf("week 3: %+v", weeks[2])
	}

	// Against the average of the four weeks before, as the week planner
	// caps it: 40, 40, 40, then a lighter 20, then 38 (+90 % on the
	// week before, but under 35 × 1.1 = 38.5: not over), then 44 (over
	// (40 + 40 + 20 + 38) / 4 = 34.5 × 1.1 = 37.95).
	ss = nil
	for w, km := range []float64{40, 40, 40, 20, 38, 44} {
		ss = append(ss, load.Session{Start: mon.AddDate(0, 0, 7*w+2), DistanceM: km * 1000, Run: true, Load: 50})
	}
	weeks = load.Weeks(load.Series(ss, mon.AddDate(0, 0, 41)), ss)
	for i, want := range []bool{false, false, false, false, false, true} {
		if weeks[i].OverLimit != want {
			t.Errorf("week %d (%.0f km, change %+.0f%%): over %v, want %v", i+1, weeks[i].DistanceM/1000, weeks[i].Change*100, weeks[i].OverLimit, want)
		}
	}
}

// Extending a series day by day gives exactly the series computed at once
// (the averages carry over from the last day), and never changes the
// series it extends: a cached state keeps its own days.
func TestExtendMatchesSeries(t *testing.T) {
	var sessions []load.Session
	for d := 0; d < 60; d += 2 { // a run every other day, growing
		sessions = append(sessions, load.Session{Start: mon.AddDate(0, 0, d).Add(7 * time.Hour), Load: 40 + float64(d), Run: true, DistanceM: 8000})
	}
	same := func(what string, got, want []load.Day) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d days, want %d", what, len(got), len(want))
		}
		for i := range want {
			g, w := got[i], want[i]
			if !g.Date.Equal(w.Date) || g.Load != w.Load || g.DistanceM != w.DistanceM || g.Fitness != w.Fitness ||
				g.Fatigue != w.Fatigue || g.Form != w.Form || g.Acute != w.Acute || g.Chronic != w.Chronic ||
				!(g.ACWR == w.ACWR || math.IsNaN(g.ACWR) && math.IsNaN(w.ACWR)) {
				t.Fatalf("%s: day %d = %+v, want %+v", what, i, g, w)
			}
		}
	}
	end := mon.AddDate(0, 0, 70).Add(20 * time.Hour)
	whole := load.Series(sessions, end)
	for _, cut := range []int{0, 1, 27, 28, 29, 59, 69} {
		// The series as a cached state saw it, then the sessions since.
		at := mon.AddDate(0, 0, cut).Add(12 * time.Hour)
		var seen []load.Session
		for _, s := range sessions {
			if !s.Start.After(at) {
				seen = append(seen, s)
			}
		}
		before := load.Series(seen, at)
		snapshot := append([]load.Day(nil), before...)
		same(fmt.Sprintf("extended from day %d", cut), load.Extend(before, sessions, end), whole)
		same("the extended series itself", before, snapshot)
	}
	// Extending to an earlier day cuts the series there.
	same("back to day 10", load.Extend(whole, sessions, mon.AddDate(0, 0, 10)), whole[:11])
	// Day by day from the first.
	days := load.Series(sessions, mon)
	for d := 1; d <= 70; d++ {
		days = load.Extend(days, sessions, mon.AddDate(0, 0, d))
	}
	same("day by day", days, whole)
}

// The last week is in progress until the series reaches its Sunday; the
// weeks before it never are.
func TestWeeksInProgress(t *testing.T) {
	ss := []load.Session{{Start: mon.Add(7 * time.Hour), DistanceM: 8000, Run: true, Load: 50}}
	for _, tc := range []struct {
		name string
		to   time.Time
		want []bool
	}{
		{"Monday", mon, []bool{true}},
		{"Saturday", mon.AddDate(0, 0, 5).Add(23 * time.Hour), []bool{true}},
		{"Sunday", mon.AddDate(0, 0, 6), []bool{false}},
		{"NextMonday", mon.AddDate(0, 0, 7), []bool{false, true}},
		{"NextSunday", mon.AddDate(0, 0, 13).Add(12 * time.Hour), []bool{false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			weeks := load.Weeks(load.Series(ss, tc.to), ss)
			var got []bool
			for _, w := range weeks {
				got = append(got, w.InProgress)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("in progress %v, want %v", got, tc.want)
			}
		})
	}
	if w := load.Weeks(nil, ss); len(w) != 0 {
		t.Errorf("weeks of no days: %+v", w)
	}
}
