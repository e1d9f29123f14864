package recovery_test

import (
	"strings"
	"testing"

	"github.com/rebound-run/rebound/activity"
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
		// 3900 s = 65 min = 1:05 h; 2400 s = 40 min.
		{recovery.Session(recovery.Cross, activity.Cycling, 3900), "a 1:05 h ride"},
		{recovery.Session(recovery.Cross, activity.Swimming, 2400), "a 40 min swim"},
		{recovery.Session(recovery.Cross, activity.Strength, 0), "a strength session"},
		{recovery.CrossReason(activity.Hiking, 3*3600), "a 3:00 h hike counts as cross-training"},
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
	if kind != recovery.Cross || len(why) != 1 || why[0] != "a 1:05 h ride counts as cross-training" {
		t.Errorf("a ride: %s %q", kind, why)
	}
	r := recovery.Run{End: t0, Sport: activity.Cycling, Kind: recovery.Cross, DistanceM: 30000, DurationS: 3900}
	rec := recovery.RecoveryTime(r, recovery.Contributions([]recovery.Run{r}), 0, recovery.DefaultParams(), recovery.Modifiers{Age: 30})
	if !strings.HasPrefix(rec.Reasons[0], "A 1:05 h ride counts as cross-training: easy running after 0-12 h") {
		t.Errorf("a ride's recovery: %q", rec.Reasons)
	}
	for _, why := range rec.Reasons {
		if strings.Contains(why, "cross-training run") {
			t.Errorf("%q calls a ride a run", why)
		}
	}
}

// TestRaceRecovery checks that a race (a kind the runner can mark) gets
// the base windows of a hard effort, 48-72 h before the next hard session
// (seed 002: "long runs or hard workouts may require two to three days"),
// and a recovery run those of an easy one (24-36 h); soreness may
// lengthen either.
func TestRaceRecovery(t *testing.T) {
	rt := func(k recovery.Kind, km float64) recovery.Recovery {
		r := recovery.Run{End: t0, Sport: activity.Running, Kind: k, DistanceM: km * 1000, DurationS: km * 300}
		return recovery.RecoveryTime(r, recovery.Contributions([]recovery.Run{r}), 0, recovery.DefaultParams(), recovery.Modifiers{Age: 30})
	}
	if race := rt(recovery.Race, 10); race.HardH < 48 ||
		!strings.HasPrefix(race.Reasons[0], "A race: easy running after 20-36 h, hard sessions after 48-72 h") {
		t.Errorf("a 10 km race: next hard session after %.0f h, %q", race.HardH, race.Reasons[0])
	}
	if rec := rt(recovery.RecoveryRun, 5); rec.HardH < 24 ||
		!strings.HasPrefix(rec.Reasons[0], "A recovery run: easy running after 12-24 h, hard sessions after 24-36 h") {
		t.Errorf("a 5 km recovery run: next hard session after %.0f h, %q", rec.HardH, rec.Reasons[0])
	}
}
