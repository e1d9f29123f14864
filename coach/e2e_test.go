package coach_test

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/sim"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
)

// seasonStart is the first day of the simulated seasons.
func seasonStart(r sim.Runner) time.Time { return time.Date(2026, 9, 1, 0, 0, 0, 0, r.Location) }

// season writes a simulated runner's weeks as FIT files, imports them
// through the normal path into a real SQLite file, and returns the
// history with the runner's check-ins.
func season(t *testing.T, r sim.Runner, weeks int) (coach.History, []sim.Workout, time.Time) {
	t.Helper()
	ws := r.Season(seasonStart(r), weeks)
	return imported(t, r, ws), ws, seasonStart(r).AddDate(0, 0, 7*weeks)
}

// imported writes workouts ws as FIT files, imports them through the
// normal path into a real SQLite file, and returns the history with the
// runner's check-ins.
func imported(t *testing.T, r sim.Runner, ws []sim.Workout) coach.History {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := r.WriteWorkouts(filepath.Join(dir, "fit"), ws); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	im := &ingest.Importer{Store: db, Decoders: cli.Decoders()}
	rep, err := im.Import(ctx, []string{filepath.Join(dir, "fit")})
	if err != nil || len(rep.Failed) > 0 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	acts, _, err := db.FindActivities(ctx, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	h := coach.History{Profile: r.Profile(), Activities: app.CoachActivities(acts)}
	for _, c := range r.CheckIns(ws) {
		h.CheckIns = append(h.CheckIns, c.Recovery())
	}
	return h
}

// TestDemoRunnerSorenessResolves follows the demo's runner (sim.DefaultRunner
// after her base weeks, as rebound demo simulates her) through her
// 12-week season and the days after the race: she is healthy and her
// soreness resolves, so no morning may say she has been sore for more than
// a week (protocol.SorenessSeeProfessionalDays, seed 002).
func TestDemoRunnerSorenessResolves(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a 16-week season and builds every day's state")
	}
	r := sim.DefaultRunner()
	h := imported(t, r, r.SeasonAfterBase(seasonStart(r), 12))
	all := h.CheckIns
	for i, c := range all {
		// The history as it stood that morning.
		now := c.Date.Add(9 * time.Hour)
		h.CheckIns = all[:i+1]
		for _, why := range coach.NewState(h, now).Today().SeeProfessional.Reasons {
			if strings.Contains(why, "have been sore for") {
				t.Errorf("%s: %s", now.Format("Mon 2 Jan"), why)
			}
		}
	}
}

// TestPersonalisationThroughImport gives simulated runners whose true
// soreness parameters differ (fast and slow recoverers, young and old) a
// season of runs, imports their FIT files, and fits the model to six weeks
// of their noisy check-ins (ratings scattered by 0.8 points and rounded to
// half points). The fit must recover their parameters, and its forecast of
// the seventh week must be at least 30 % closer to their true soreness
// (mean absolute error, 0-10) than the population model's.
func TestPersonalisationThroughImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports seven weeks of FIT files per runner")
	}
	base := sim.DefaultRunner()
	runners := []struct {
		name      string
		gain, pkH float64
		age       int
	}{
		{"FastRecovererYoung", 0.6, 26, 23},
		{"SlowRecovererOld", 1.8, 72, 63},
		{"SoreQuick", 1.7, 30, 40},
	}
	for i, rr := range runners {
		t.Run(rr.name, func(t *testing.T) {
			r := base
			r.SorenessSensitivity, r.SorenessPeakH, r.Age, r.Seed = rr.gain, rr.pkH, rr.age, int64(10+i)
			h, ws, end := season(t, r, 7)
			sixWeeks := end.AddDate(0, 0, -7)
			var fitOn []recovery.CheckIn
			for _, c := range h.CheckIns {
				if c.Date.Before(sixWeeks) {
					fitOn = append(fitOn, c)
				}
			}
			h.CheckIns = fitOn
			st := coach.NewState(h, end)
			got := st.Params()
			// Peaks compare as forecasts use them: 72 h × 1.33 for age
			// is held at recovery.MaxPeakH, as any peak past 54 h is.
			age := recovery.Modifiers{Age: rr.age}
			if math.Abs(math.Log(got.Gain/rr.gain)) > 0.25 || math.Abs(math.Log(age.PeakHours(got.PeakH)/age.PeakHours(rr.pkH))) > 0.25 {
				t.Errorf("fitted %+v from %d ratings; true gain %.2f, peak %.0f h", got, st.Fitted.Observations, rr.gain, rr.pkH)
			}
			// The true soreness of week 7, from the simulator's own runs.
			truthCS := r.TrueContributions(ws)
			truth := recovery.Params{Gain: rr.gain, PeakH: rr.pkH}
			mod := recovery.Modifiers{Age: rr.age}
			var pop, own float64
			n := 0
			for at := sixWeeks; at.Before(end); at = at.Add(3 * time.Hour) {
				want := recovery.SorenessAt(truthCS, truth, mod, at)
				a := recovery.SorenessAt(st.Contribs, recovery.DefaultParams(), mod, at)
				b := recovery.SorenessAt(st.Contribs, got, mod, at)
				for k := range want {
					pop += math.Abs(a[k] - want[k])
					own += math.Abs(b[k] - want[k])
					n++
				}
			}
			pop, own = pop/float64(n), own/float64(n)
			if own > 0.7*pop {
				t.Errorf("week-7 forecast MAE %.2f personal vs %.2f population: cut %.0f%%, want >= 30%%", own, pop, (1-own/pop)*100)
			}
			t.Logf("fitted gain %.2f peak %.0f h (true %.2f, %.0f); week-7 MAE %.2f -> %.2f; held-out ratings %.2f -> %.2f",
				got.Gain, got.PeakH, rr.gain, rr.pkH, pop, own, st.Fitted.MAEPopulation, st.Fitted.MAEPersonal)
		})
	}
}
