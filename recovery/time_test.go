package recovery_test

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
)

// clocks returns the clocks after r for a runner with background bg
// whose history begins with r (they just imported it).
func clocks(r recovery.Run, bg recovery.Background, mod recovery.Modifiers) recovery.Recovery {
	cs := recovery.ContributionsWith([]recovery.Run{r}, bg, time.Time{})
	return recovery.RecoveryTime(r, cs, 0, recovery.DefaultParams(), mod)
}

// TestClocks is a table of the clocks' rules for a runner who imports
// their first run, with the source of each expected number.
func TestClocks(t *testing.T) {
	run := func(kind recovery.Kind, km float64) recovery.Run {
		return recovery.Run{End: t0, Sport: activity.Running, Kind: kind, DistanceM: km * 1000, DurationS: km * 330,
			DownhillM: km * 50, AscentM: 80, DescentM: 80} // under DescentFreeM
	}
	rec := recovery.DefaultBackground()
	trained := recovery.Background{WeeklyKm: 70, Years: 10}
	tests := []struct {
		name           string
		r              recovery.Run
		bg             recovery.Background
		mod            recovery.Modifiers
		easyLo, easyHi float64
		hardLo, hardHi float64
		why            string
	}{
		// The 2026 coaching guide: "Easy runs often need
		// just a day"; Windows[Easy] is 24-36 h to the next hard session.
		// The issue measured 73 h for an untrained model.
		{"EasyAssumed", run(recovery.Easy, 5), rec, recovery.Modifiers{Age: 30}, 12, 24, 24, 36, "An easy run"},
		{"EasyTrained", run(recovery.Easy, 8), trained, recovery.Modifiers{Age: 30}, 12, 24, 24, 36, "An easy run"},
		// "long runs or hard workouts may require two to three days":
		// Windows[Long] and Windows[Hard] are 48-72 h. The issue measured
		// 126 h after a 24 km long run.
		{"LongAssumed", run(recovery.Long, 24), rec, recovery.Modifiers{Age: 30}, 24, 36, 48, 72, "A long run"},
		{"HardAssumed", func() recovery.Run { r := run(recovery.Hard, 10); r.HardFraction = 0.4; return r }(), rec,
			recovery.Modifiers{Age: 30}, 20, 30, 48, 72, "A hard session"},
		// Daniels: one easy day per 3 km raced before the next quality
		// session: 10 km → 80 h, 21.1 km → 168.8 h (169), 42.2 km → 337.6
		// h; easy running from 24 h + 2 h per km past 10 km (RaceEasy*).
		{"Race10k", run(recovery.Race, 10), rec, recovery.Modifiers{Age: 30}, 24, 24, 80, 80, "one easy day per 3 km"},
		{"RaceHalf", run(recovery.Race, 21.0975), rec, recovery.Modifiers{Age: 30}, 46, 80, 169, 169, "169 h"},
		{"RaceMarathon", run(recovery.Race, 42.195), trained, recovery.Modifiers{Age: 30}, 88, 140, 338, 338, "338 h"},
		// Age: +1 %/year over 30, at most +30 % (Fell & Williams 2008;
		// Fernandes et al. 2020: equivocal, so gentle): at 65, 1.3 × the
		// window.
		{"EasyAt65", run(recovery.Easy, 5), rec, recovery.Modifiers{Age: 65}, 15.6, 31.2, 31.2, 46.8, "+30% at 65"},
		// Sleep: 4 %/h of nightly debt, at most 3 h: 2 h short → +8 %.
		{"EasySleepShort", run(recovery.Easy, 5), rec, recovery.Modifiers{Age: 30, SleepDebtH: 2}, 13, 26, 26, 39, "+8% for 2.0 h a night short"},
		// Descent: +5 % per 100 m past 100 m, at most +30 % (Schwane et
		// al. 1983; Maeo et al. 2017): 612 m → +25.6 %.
		{"Downhill", recovery.Run{End: t0, Sport: activity.Trail, Kind: recovery.Hard, DistanceM: 7500, DurationS: 2700,
			AscentM: 80, DescentM: 612, DownhillM: 5200}, rec, recovery.Modifiers{Age: 30}, 25, 48, 60, 91, "+26% for 612 m of descent"},
		// A new runner: no protection, the forecast lengthens the clocks,
		// but a training session stops at TrainingCapH (96 h; Garmin's
		// maximum too) without reported soreness.
		{"NewRunnerLong", run(recovery.Long, 24), recovery.Background{}, recovery.Modifiers{Age: 30}, 24, 96, 72, 96, "clock stops at 96 h"},
		// Cross-training asks less: 12-24 h (Windows[Cross]).
		{"Ride", recovery.Run{End: t0, Sport: activity.Cycling, Kind: recovery.Cross, DistanceM: 40000, DurationS: 5400}, rec,
			recovery.Modifiers{Age: 30}, 0, 12, 12, 24, "ride counts as cross-training"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := clocks(tc.r, tc.bg, tc.mod)
			all := strings.Join(got.Reasons, "; ")
			if got.EasyH < math.Floor(tc.easyLo) || got.EasyH > math.Ceil(tc.easyHi) || got.HardH < math.Floor(tc.hardLo) || got.HardH > math.Ceil(tc.hardHi) {
				t.Errorf("clocks %.0f/%.0f h, want easy %.0f-%.0f and hard %.0f-%.0f: %s", got.EasyH, got.HardH, tc.easyLo, tc.easyHi, tc.hardLo, tc.hardHi, all)
			}
			if !strings.Contains(all, tc.why) {
				t.Errorf("reasons %q do not say %q", all, tc.why)
			}
			// The reasons end with the numbers they explain.
			if last := got.Reasons[len(got.Reasons)-1]; last != fmt.Sprintf("so: easy running from %.0f h, hard sessions from %.0f h after the run", got.EasyH, got.HardH) {
				t.Errorf("last reason %q", last)
			}
		})
	}
}

// TestReportedSoreness: soreness the runner reports may hold the clocks
// past TrainingCapH, a lower rating never lengthens them, and a rating
// below the model's forecast shortens what the forecast would add.
func TestReportedSoreness(t *testing.T) {
	r := recovery.Run{End: t0, Sport: activity.Running, Kind: recovery.Long, DistanceM: 24000, DurationS: 8000, DownhillM: 1200}
	cs := recovery.ContributionsWith([]recovery.Run{r}, recovery.Background{}, time.Time{}) // a new runner: very sore by the forecast
	at := t0.Add(20 * time.Hour)
	prev := recovery.Recovery{}
	for i, v := range []float64{0, 2, 5, 8, 10} {
		var obs []recovery.Observation
		for _, m := range recovery.Muscles {
			obs = append(obs, recovery.Observation{At: at, Muscle: m, Soreness: v})
		}
		got := recovery.RecoveryTime(r, cs, 0, recovery.DefaultParams(), recovery.Modifiers{Age: 30, Reported: obs})
		if i > 0 && (got.HardH < prev.HardH || got.EasyH < prev.EasyH) {
			t.Errorf("rated %g: %.0f/%.0f h, shorter than a lower rating's %.0f/%.0f h", v, got.EasyH, got.HardH, prev.EasyH, prev.HardH)
		}
		switch v {
		case 0: // not sore: the forecast may not add its extension, and the plan says why the clock is shorter
			if got.HardH >= recovery.TrainingCapH {
				t.Errorf("rated 0: still %.0f h: %v", got.HardH, got.Reasons)
			}
			if said := strings.Join(got.Reasons, " "); !strings.Contains(said, "your check-in of Tue 8 Sep rated your") {
				t.Errorf("rated 0: the reasons do not say the check-in shortened the clock: %v", got.Reasons)
			}
		case 10: // very sore: past the cap, and saying why
			if got.HardH <= recovery.TrainingCapH || !strings.Contains(strings.Join(got.Reasons, " "), "you rated your") {
				t.Errorf("rated 10: %.0f h: %v", got.HardH, got.Reasons)
			}
		}
		prev = got
	}
}

// TestCarryForward: a rating moves with the model's forecast, in
// proportion when it falls and by at most MaxCarryRisePerDay a day when
// it rises; it is never above 10 and never higher for a lower rating.
func TestCarryForward(t *testing.T) {
	for _, tc := range []struct{ v, now, later, dt, want float64 }{
		{6, 4, 3, 24, 4.5},   // falling: 6 × 3/4
		{2, 2, 3, 24, 3},     // rising: 2 × 3/2, a rise of 1
		{7, 0.5, 4, 24, 8.5}, // 7 × 8 unbounded; 7 + 1.5
		{7, 0.5, 4, 12, 7.75},
		{9.5, 2, 3, 24, 10},  // at most 10
		{6, 0.3, 0.1, 24, 6}, // MinScaledForecast: the forecast says nothing
	} {
		if got := recovery.CarryForward(tc.v, tc.now, tc.later, tc.dt); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("CarryForward(%g, %g, %g, %g) = %g, want %g", tc.v, tc.now, tc.later, tc.dt, got, tc.want)
		}
	}
	for v := 0.0; v < 10; v += 0.5 {
		for _, f := range [][2]float64{{1, 3}, {3, 1}, {0.5, 6}, {5, 5}} {
			if a, b := recovery.CarryForward(v, f[0], f[1], 24), recovery.CarryForward(v+0.5, f[0], f[1], 24); a > b || b > 10 {
				t.Errorf("CarryForward not monotone at %g with %v: %g, %g", v, f, a, b)
			}
		}
	}
}

// TestBackgroundStandsInForHistory: the background fills the part of the
// repeated-bout window the history does not cover, fading as weeks of
// runs accumulate (HistoryShare), and a run's peak soreness with an
// assumed 25 km a week is what four weeks of 25 km of history give.
func TestBackgroundStandsInForHistory(t *testing.T) {
	since := t0
	for _, tc := range []struct {
		days float64
		want float64
	}{{0, 0}, {7, 0.25}, {14, 0.5}, {28, 1}, {60, 1}} {
		if got := recovery.HistoryShare(since.Add(time.Duration(tc.days*24)*time.Hour), since); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("HistoryShare after %g days = %g, want %g", tc.days, got, tc.want)
		}
	}
	// With no background, a first 10 km is unaccustomed (calves 5.0, as
	// TestPeakRepeatedBout); with 25 km a week for 3 years, the calves'
	// habit is 25 km × (1.0 flat + 0.05 downhill × 0.5 + 10 m/100 m of
	// climbing × 0.8) = 27.6 units, × 1.3 for 3 years = 35.9 a week, so
	// the peak is 10·(1 − e^(−10/(14.4 + 2·35.9))) = 1.095.
	r := recovery.Run{End: t0, Sport: activity.Running, DistanceM: 10000, DurationS: 3000}
	fresh := recovery.ContributionsWith([]recovery.Run{r}, recovery.Background{}, time.Time{})[0].Peak.Of(recovery.Calves)
	used := recovery.ContributionsWith([]recovery.Run{r}, recovery.DefaultBackground(), time.Time{})[0].Peak.Of(recovery.Calves)
	if math.Abs(fresh-5.006) > 0.001 || math.Abs(used-1.095) > 0.001 {
		t.Errorf("calves: no background %.3f, assumed %.3f", fresh, used)
	}
}

// TestForecastPastTheCap: where the soreness forecast would hold a
// training session's clock past TrainingCapH (96 h, Garmin/Firstbeat's
// 4 days), the reason says plainly that the forecast goes on, the clock
// stops and the check-in decides from then, not that the forecast
// "keeps" the legs sore while the clock is "held" (review #15).
func TestForecastPastTheCap(t *testing.T) {
	hilly := recovery.Run{End: t0, Sport: activity.Running, Kind: recovery.Long, DistanceM: 28500, DurationS: 17640,
		AscentM: 2266, DescentM: 1384, DownhillM: 14000}
	for _, tc := range []struct {
		name    string
		r       recovery.Run
		bg      recovery.Background
		pastCap bool
	}{
		// A new runner's 24 km long run and a 28.5 km mountain run: the
		// forecast keeps a muscle over 2.5/10 past 96 h.
		{"NewRunnerLong", recovery.Run{End: t0, Sport: activity.Running, Kind: recovery.Long, DistanceM: 24000, DurationS: 7920, DownhillM: 1200, AscentM: 80, DescentM: 80}, recovery.Background{}, true},
		{"MountainRun", hilly, recovery.DefaultBackground(), true},
		// A trained runner's easy 8 km: nothing near the cap.
		{"TrainedEasy", recovery.Run{End: t0, Sport: activity.Running, Kind: recovery.Easy, DistanceM: 8000, DurationS: 2640, DownhillM: 400, AscentM: 80, DescentM: 80},
			recovery.Background{WeeklyKm: 70, Years: 10}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := clocks(tc.r, tc.bg, recovery.Modifiers{Age: 30})
			all := strings.Join(got.Reasons, "; ")
			past := regexp.MustCompile(`the (quads|calves|shins|hamstrings|glutes|hip flexors|feet) forecast stays above \d(\.\d)?/10 until (\d+) h; a training session's clock stops at 96 h \(Garmin/Firstbeat recovery time: 6 h to 4 days\) and from then your check-in decides`).FindStringSubmatch(all)
			if tc.pastCap != (past != nil) {
				t.Errorf("past the cap %v, reasons: %s", tc.pastCap, all)
			}
			if past != nil {
				if h, _ := strconv.Atoi(past[3]); h <= recovery.TrainingCapH {
					t.Errorf("the forecast until %d h, not past the cap: %s", h, all)
				}
				if got.HardH > recovery.TrainingCapH {
					t.Errorf("hard sessions from %.0f h, past the cap without a rating", got.HardH)
				}
			}
			if strings.Contains(all, ", held at") || strings.Contains(all, "hip-flexors") {
				t.Errorf("the old wording: %s", all)
			}
		})
	}
}
