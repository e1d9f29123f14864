package recovery_test

import (
	"strings"
	"testing"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/internal/wording"
	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/recovery"
)

func TestSessionWords(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{recovery.Session(recovery.Race, activity.Running, 2400), "a race"},
		{recovery.Session(recovery.Easy, activity.Trail, 2400), "an easy run"},
		{recovery.Session(recovery.Long, activity.Running, 6000), "a long run"},
		{recovery.Session(recovery.RecoveryRun, activity.Running, 1200), "a recovery run"},
		{recovery.Session(recovery.Hard, activity.Running, 3000), "a hard session"},
		// 3900 s = 65 min = 1 h 05 min; 2400 s = 40 min.
		{recovery.Session(recovery.Cross, activity.Cycling, 3900), "a 1 h 05 min ride"},
		{recovery.Session(recovery.Cross, activity.Swimming, 2400), "a 40 min swim"},
		{recovery.Session(recovery.Cross, activity.Strength, 0), "a strength session"},
		{recovery.CrossReason(activity.Hiking, 3*3600), "a 3 h hike counts as cross-training"},
		{recovery.Race.Marked(), "you marked it as a race"},
		{recovery.Easy.Marked(), "you marked it as an easy run"},
		{recovery.Cross.Marked(), "you marked it as cross-training"},
		{recovery.Intervals.Noun(), "intervals"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	for _, k := range recovery.Kinds {
		if !strings.HasPrefix(k.Marked(), "you marked it as ") || strings.Contains(k.Noun(), "cross-training run") {
			t.Errorf("kind %s: %q, %q", k, k.Marked(), k.Noun())
		}
	}
}

// TestCrossTrainingIsNoRun checks the reasons a ride gets: it counts as
// cross-training, in its own words, and is never "a cross-training run".
func TestCrossTrainingIsNoRun(t *testing.T) {
	f := recovery.Features{Sport: activity.Cycling, DistanceM: 30000, MovingS: 3900, AvgHRR: activity.NaN, RPE: activity.NaN}
	kind, _, why := recovery.Classify(f)
	if kind != recovery.Cross || len(why) != 1 || why[0] != "a 1 h 05 min ride counts as cross-training" {
		t.Errorf("a ride: %s %q", kind, why)
	}
	r := recovery.Run{End: t0, Sport: activity.Cycling, Kind: recovery.Cross, DistanceM: 30000, DurationS: 3900}
	rec := recovery.RecoveryTime(r, recovery.Contributions([]recovery.Run{r}), 0, recovery.DefaultParams(), recovery.Modifiers{Age: 30})
	if !strings.HasPrefix(rec.Reasons[0], "A 1 h 05 min ride counts as cross-training: for a typical runner easy running is fine 0-12 h after it") {
		t.Errorf("a ride's recovery: %q", rec.Reasons)
	}
	for _, why := range rec.Reasons {
		if strings.Contains(why, "cross-training run") {
			t.Errorf("%q calls a ride a run", why)
		}
	}
}

// TestRaceRecovery checks that a race (a kind the runner can mark) gets
// Daniels' rule, about one easy day per 3 km raced before the next
// quality session (10 km: 3.3 days, 80 h), and a recovery run the window
// of an easy one or shorter (seed 002: easy runs need about a day);
// soreness may lengthen either.
func TestRaceRecovery(t *testing.T) {
	rt := func(k recovery.Kind, km float64) recovery.Recovery {
		r := recovery.Run{End: t0, Sport: activity.Running, Kind: k, DistanceM: km * 1000, DurationS: km * 300}
		return recovery.RecoveryTime(r, recovery.Contributions([]recovery.Run{r}), 0, recovery.DefaultParams(), recovery.Modifiers{Age: 30})
	}
	if race := rt(recovery.Race, 10); race.HardH < 72 || !strings.HasPrefix(race.Reasons[0], "A 10 km race: about one easy day per 3 km raced") {
		t.Errorf("a 10 km race: next hard session after %.0f h, %q", race.HardH, race.Reasons[0])
	}
	if rec := rt(recovery.RecoveryRun, 5); rec.EasyH > 24 || !strings.HasPrefix(rec.Reasons[0], "A recovery run: for a typical runner") {
		t.Errorf("a 5 km recovery run: easy running after %.0f h, %q", rec.EasyH, rec.Reasons[0])
	}
}

// TestClockReasonsInUnits checks that the recovery clocks' reasons read in
// the runner's units: a half marathon of 21.1 km is 13.1 mi (21097.5 /
// 1609.344 = 13.11), Daniels' 3 km per easy day 1.9 mi (3000 / 1609.344 =
// 1.86), and 400 m of descent 1312 ft (400 / 0.3048).
func TestClockReasonsInUnits(t *testing.T) {
	for _, tt := range []struct {
		units      measure.System
		race, down string
	}{
		{measure.Metric, "A 21.1 km race: about one easy day per 3 km raced", "for 400 m of descent"},
		{measure.Imperial, "A 13.1 mi race: about one easy day per 1.9 mi raced", "for 1312 ft of descent"},
	} {
		r := recovery.Run{End: t0, Sport: activity.Running, Kind: recovery.Race, DistanceM: 21097.5, DurationS: 6000, DescentM: 400}
		rec := recovery.RecoveryTime(r, recovery.Contributions([]recovery.Run{r}), 0, recovery.DefaultParams(),
			recovery.Modifiers{Age: 30, Units: tt.units})
		why := strings.Join(rec.Reasons, "; ")
		if !strings.Contains(why, tt.race) || !strings.Contains(why, tt.down) {
			t.Errorf("%s: reasons %q; want %q and %q", tt.units, why, tt.race, tt.down)
		}
		if bad := wording.ForeignUnits(why, tt.units); bad != nil {
			t.Errorf("%s: %q in %q", tt.units, bad, why)
		}
	}
}
