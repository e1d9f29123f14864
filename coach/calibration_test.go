package coach_test

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/decode/fit"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/sim"
)

var updateCalibration = flag.Bool("update", false, "rewrite docs/calibration.md from the models")

// calibrationPath returns the path of docs/calibration.md.
func calibrationPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "docs", "calibration.md")
}

// calRunner is a runner of the calibration table: who they are, what they
// say of their background, and the simulated runner who runs their runs.
type calRunner struct {
	name string
	bg   profile.Background
	sim  sim.Runner
}

// calRunners are the runners of the table, each at 30 and 65.
func calRunners() []calRunner {
	return []calRunner{
		{"new runner (says so)", profile.Background{NewRunner: true}, sim.BeginnerRunner()},
		{"background not given", profile.Background{}, sim.DefaultRunner()},
		{"recreational, 25 km a week, 3 years", profile.Background{WeeklyKm: 25, RunningYears: 3}, sim.DefaultRunner()},
		{"trained, 70 km a week, 10 years", profile.Background{WeeklyKm: 70, RunningYears: 10}, sim.MarathonRunner()},
	}
}

// calAges are the ages of the table.
var calAges = []int{30, 65}

// calRun is a row group of the table: a run as the runner imports it,
// first of all their runs, and what the articles and Garmin say of it.
type calRun struct {
	name string
	// kind is what the classifier must find, for every runner.
	kind recovery.Kind
	// act makes the activity for a runner; start is when it starts.
	// act makes the run's activities: one, or a multisport file's legs,
	// the plan being for the last.
	act func(t testing.TB, r sim.Runner, start time.Time) []*coach.Activity
	// ref is what the sources say of the recovery after such a run.
	ref string
	// hardLo and hardHi bound the hard-at clock of a typical runner
	// (the background not given or recreational, at 30), in hours.
	hardLo, hardHi float64
}

// Sources of the expected ranges.
const (
	refArticles = "the 2026 coaching guide: easy runs often need about a day, long runs or hard workouts two to three days"
	refGarmin   = "Garmin's recovery time runs from 6 h to at most 96 h; reviewers report easy runs usually under 24 h"
	refDaniels  = "Daniels' Running Formula: about one easy day per 3 km raced before the next quality session (coaching practice)"
)

func calRuns() []calRun {
	seg := func(label string, in sim.Intensity, m, s, effort float64) sim.Segment {
		return sim.Segment{Label: label, Intensity: in, DistanceM: m, DurationS: s, Effort: effort}
	}
	simRun := func(kind sim.Kind, title string, route sim.Route, autoLap float64, segs ...sim.Segment) func(testing.TB, sim.Runner, time.Time) []*coach.Activity {
		return func(t testing.TB, r sim.Runner, start time.Time) []*coach.Activity {
			w := sim.Workout{Kind: kind, Sport: activity.Running, Start: start, Week: 1, Title: title, Route: route, Segments: segs, AutoLapM: autoLap}
			a := r.Record(w)
			return []*coach.Activity{{ID: 1, Activity: a, Summary: activity.Compute(a)}}
		}
	}
	intervals := []sim.Segment{seg("warm-up", sim.WarmUp, 2500, 0, 0.74)}
	for i := 1; i <= 6; i++ {
		intervals = append(intervals, seg("rep", sim.Active, 800, 0, 1.08))
		if i < 6 {
			intervals = append(intervals, seg("jog", sim.Easing, 0, 90, sim.JogEffort))
		}
	}
	intervals = append(intervals, seg("cool-down", sim.CoolDown, 2000, 0, 0.72))
	longReps := []sim.Segment{seg("warm-up", sim.WarmUp, 3500, 0, 0.76)}
	for i := 1; i <= 5; i++ {
		longReps = append(longReps, seg("rep", sim.Active, 2000, 0, 1.0))
		if i < 5 {
			longReps = append(longReps, seg("jog", sim.Easing, 0, 120, sim.JogEffort))
		}
	}
	longReps = append(longReps, seg("cool-down", sim.CoolDown, 2000, 0, 0.72))
	hills := []sim.Segment{seg("warm-up", sim.WarmUp, 2000, 0, 0.76)}
	for range 8 {
		hills = append(hills, seg("rep", sim.Active, 300, 0, 0.98), seg("jog down", sim.Easing, 300, 0, sim.JogEffort))
	}
	hills = append(hills, seg("cool-down", sim.CoolDown, 2000, 0, 0.72))
	return []calRun{
		{"Easy run, 5 km", recovery.Easy, simRun(sim.Easy, "Easy 5 km", sim.RiverPath, 1000, seg("run", sim.Active, 5000, 0, sim.EasyEffort)),
			refArticles + "; " + refGarmin, 24, 36},
		{"Long run, 24 km", recovery.Long, simRun(sim.Long, "Long run 24 km", sim.RiverPath, 1000, seg("run", sim.Active, 24000, 0, sim.LongEffort)),
			refArticles + "; “8 Post-Run Recovery Tips”: at least one to two rest days after a long run", 48, 72},
		{"Tempo, 6 km at threshold with 2 km warm-up and cool-down", recovery.Hard, simRun(sim.Tempo, "Tempo 6 km", sim.RiverPath, 0,
			seg("warm-up", sim.WarmUp, 2000, 0, 0.76), seg("tempo", sim.Active, 6000, 0, 1.0), seg("cool-down", sim.CoolDown, 2000, 0, 0.72)),
			refArticles, 48, 72},
		{"Intervals, 6 × 800 m", recovery.Hard, simRun(sim.Intervals, "Intervals 6 × 800 m", sim.ParkLoop, 0, intervals...),
			refArticles, 48, 72},
		{"Long intervals, 5 × 2 km at threshold in over 10 miles: the effort decides, a hard session", recovery.Hard,
			simRun(sim.Intervals, "Intervals 5 × 2 km", sim.RiverPath, 0, longReps...), refArticles, 48, 72},
		{"Hill repeats, 8 × 300 m at 7 %", recovery.Hard, simRun(sim.Hills, "Hill repeats 8 × 300 m", sim.HillRoad, 0, hills...),
			refArticles, 48, 72},
		{"Downhill, 612 m of descent in 7.5 km at an easy heart rate", recovery.Hard, downhillCalRun,
			"Schwane et al. 1983: 45 min at −10 % left soreness at 24-72 h; Bontemps et al. 2020: runners unused to downhill are damaged most", 48, 72},
		{"10 km race", recovery.Race, simRun(sim.Race, "10 km race", sim.RiverPath, 1000, seg("race", sim.Active, 10000, 0, 1.03)),
			refDaniels + ": 10 km ≈ 3 days", 72, 84},
		{"Half marathon race", recovery.Race, simRun(sim.Race, "Half marathon", sim.RiverPath, 1000, seg("race", sim.Active, 21097.5, 0, sim.RaceEffort)),
			refDaniels + ": a half marathon ≈ 7 days", 160, 176},
		{"Multisport file (a Fenix 2's: run, ride and run legs between transitions), the plan after its last leg", recovery.Cross, multisportRun,
			"the legs are stored as activities of their own; the ride asks little (Rebound's window 12-24 h), but the run legs before it set the clocks, within Garmin's 96 h bound", 48, 96},
	}
}

// downhillCalRun is a 7.5 km run down a mountain road at an easy heart rate
// (65 % of reserve): 612 m of descent, 80 m of climbing, 5.2 km on grades
// steeper than −3 %.
func downhillCalRun(t testing.TB, r sim.Runner, start time.Time) []*coach.Activity {
	hr := r.Profile().HR()
	bpm := int(math.Round(hr.Rest + 0.65*(hr.Max-hr.Rest)))
	dur := 7.5 * r.ThresholdPaceSPerKm / sim.EasyEffort
	s := activity.Summary{DistanceM: 7500, DistanceSource: "device", ElapsedS: dur, MovingS: dur, AvgSpeedMS: 7500 / dur,
		MaxSpeedMS: activity.NaN, GradeAdjustedSpeedMS: activity.NaN, AscentM: 80, DescentM: 612, DownhillM: 5200,
		ElevationSource: "barometric", AvgHR: float64(bpm), MaxHR: float64(bpm + 8), HRSeconds: make([]float64, bpm+1),
		AvgCadenceSPM: activity.NaN, MaxCadenceSPM: activity.NaN, AvgPowerW: activity.NaN, AvgTempC: activity.NaN,
		MinTempC: activity.NaN, MaxTempC: activity.NaN, DeviceRecoveryH: activity.NaN}
	s.HRSeconds[bpm] = dur
	return []*coach.Activity{{ID: 1, Activity: &activity.Activity{Sport: activity.Trail, Start: start, Name: "Mountain descent", Format: "fit"}, Summary: s}}
}

// multisportRun is a real multisport file of the shared corpus, moved to
// start: its legs, as Rebound stores them (transitions dropped), each an
// activity of its own; the plan is for the last leg.
func multisportRun(t testing.TB, _ sim.Runner, start time.Time) []*coach.Activity {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "testdata", "fit", "fitparse__activity-large-fenxi2-multisport.fit"))
	if err != nil {
		t.Fatal(err)
	}
	acts, err := fit.Decode(data, "multisport.fit")
	if err != nil || len(acts) < 2 {
		t.Fatalf("decode: %v (%d activities)", err, len(acts))
	}
	shift := start.Sub(acts[0].Start)
	var out []*coach.Activity
	for _, a := range acts {
		if a.SubSport == "transition" {
			continue
		}
		s := activity.Compute(a)
		a.Start = a.Start.Add(shift)
		out = append(out, &coach.Activity{ID: int64(len(out) + 1), Activity: a, Summary: s})
	}
	return out
}

// calCell is one row of the table: a runner's plan after one run.
type calCell struct {
	runner string
	age    int
	plan   *coach.Plan
}

// calStart is when every run of the table starts: a Saturday morning.
var calStart = time.Date(2026, 10, 3, 9, 0, 0, 0, time.UTC)

// calibrate plans run for runner at age, the run being the first of
// their history (they just imported it).
func calibrate(t testing.TB, run calRun, r calRunner, age int) *coach.Plan {
	acts := run.act(t, r.sim, calStart)
	a := acts[len(acts)-1]
	p := r.sim.Profile()
	p.Age, p.Background, p.Timezone = age, r.bg, "UTC"
	h := coach.History{Profile: p, Activities: acts, RPE: map[int64]float64{}}
	end := a.Start.Add(time.Duration(a.Summary.ElapsedS * float64(time.Second)))
	plan, err := coach.NewState(h, end.Add(2*time.Hour)).Plan(a.ID, coach.WeightChange{})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// calColumn is a column of the table: its heading and what a row shows.
// Add a column here to extend the table.
type calColumn struct {
	head string
	cell func(calCell) string
}

var calColumns = []calColumn{
	{"Runner", func(c calCell) string { return c.runner }},
	{"Age", func(c calCell) string { return fmt.Sprint(c.age) }},
	{"Kind", func(c calCell) string {
		k := string(c.plan.Run.Kind)
		if w := c.plan.Run.Workout; w != "" {
			k += " (" + string(w) + ")"
		}
		return k
	}},
	{"Easy at", func(c calCell) string { return hours(c.plan.Recovery.EasyH) }},
	{"Hard at", func(c calCell) string { return hours(c.plan.Recovery.HardH) }},
	{"Watch", func(c calCell) string {
		if d := c.plan.Recovery.DeviceH; d != nil {
			return hours(*d)
		}
		return "–"
	}},
	{"Assumed", func(c calCell) string {
		for _, w := range c.plan.Warnings {
			if w.Code == coach.AssumedBackgroundCode {
				return "yes"
			}
		}
		return ""
	}},
	{"Priority-1 steps", priorityOne},
}

// priorityOne lists the plan's steps of priority 1, once coach.Step has
// a Priority field (the plan code fills it); "–" until then.
func priorityOne(c calCell) string {
	var ids []string
	for _, st := range c.plan.Steps {
		v := reflect.ValueOf(st).FieldByName("Priority")
		if !v.IsValid() || !v.CanInt() {
			return "–"
		}
		if v.Int() == 1 {
			ids = append(ids, st.ID)
		}
	}
	return strings.Join(ids, ", ")
}

func hours(h float64) string {
	if h >= 72 {
		return fmt.Sprintf("%.0f h (%.1f d)", h, h/24)
	}
	return fmt.Sprintf("%.0f h", h)
}

// renderCalibration builds docs/calibration.md and returns every cell.
func renderCalibration(t testing.TB) (string, map[string][]calCell) {
	var b strings.Builder
	b.WriteString(`# Recovery calibration

Generated by ` + "`go test ./coach -run TestCalibration -update`" + ` from the models; do not edit by hand.

Each table shows what Rebound says after one run that a runner imports as the first of their
history (the case where the models know least): the run's kind, when easy running and the next
hard session are fine again (hours after the run's end), the recovery time the watch wrote into
the file if any, whether the plan says it assumed a background, and the plan's priority-1 steps.
Runners: a new runner who says so, one who has not given a background (Rebound assumes a
recreational runner of about 25 km a week for a few years, and says so), a recreational runner
who gave 25 km a week and 3 years, and a trained runner (70 km, 10 years); each at 30 and 65.
The runs are simulated by package sim (the downhill run is built directly; the multisport file
is a real Garmin Fenix 2 file of the shared corpus).

What the clocks follow: the kind's window for a typical runner (easy runs 24-36 h to the next
hard session, long runs and hard sessions 48-72 h), placed by the run's load against what the
runner is used to; Daniels' one easy day per 3 km raced for races; at most +30 % for age, +12 %
for sleep debt and +30 % for descent; a training session's clocks never past 96 h unless the
runner reports soreness (Garmin's figure also runs from 6 h to 96 h).

`)
	cells := map[string][]calCell{}
	for _, run := range calRuns() {
		fmt.Fprintf(&b, "## %s\n\nSources: %s.\n\n", run.name, run.ref)
		var heads, rule []string
		for _, col := range calColumns {
			heads, rule = append(heads, col.head), append(rule, "---")
		}
		b.WriteString("| " + strings.Join(heads, " | ") + " |\n| " + strings.Join(rule, " | ") + " |\n")
		for _, r := range calRunners() {
			for _, age := range calAges {
				c := calCell{runner: r.name, age: age, plan: calibrate(t, run, r, age)}
				cells[run.name] = append(cells[run.name], c)
				var row []string
				for _, col := range calColumns {
					row = append(row, col.cell(c))
				}
				b.WriteString("| " + strings.Join(row, " | ") + " |\n")
			}
		}
		b.WriteString("\n")
	}
	return b.String(), cells
}

// TestCalibration checks the clocks against the sources for every run of
// the table and that docs/calibration.md is the table the models give
// now. Rewrite it with: go test ./coach -run TestCalibration -update
func TestCalibration(t *testing.T) {
	want, cells := renderCalibration(t)
	for _, run := range calRuns() {
		for _, c := range cells[run.name] {
			rec, k := c.plan.Recovery, c.plan.Run.Kind
			where := fmt.Sprintf("%s, %s at %d", run.name, c.runner, c.age)
			if k != run.kind {
				t.Errorf("%s: kind %s, want %s (%v)", where, k, run.kind, c.plan.Run.KindWhy)
			}
			// A typical runner at 30 (background not given, or
			// recreational): the sources' windows (refArticles,
			// refDaniels, the cross-training window).
			typical := c.runner == "background not given" || strings.HasPrefix(c.runner, "recreational")
			if c.age == 30 && typical && (rec.HardH < run.hardLo || rec.HardH > run.hardHi) {
				t.Errorf("%s: hard sessions after %.0f h, want %.0f-%.0f (%v)", where, rec.HardH, run.hardLo, run.hardHi, rec.Reasons)
			}
			// No training session past 96 h without reported soreness
			// (recovery.TrainingCapH; Garmin's 96 h maximum).
			if k != recovery.Race && rec.HardH > recovery.TrainingCapH {
				t.Errorf("%s: hard sessions after %.0f h, past the %d h cap", where, rec.HardH, recovery.TrainingCapH)
			}
			// The last reason states the clocks' numbers.
			if last := rec.Reasons[len(rec.Reasons)-1]; !strings.Contains(last, fmt.Sprintf("easy running from %.0f h, hard sessions from %.0f h", rec.EasyH, rec.HardH)) {
				t.Errorf("%s: the reasons end %q, not the clocks %.0f/%.0f h", where, last, rec.EasyH, rec.HardH)
			}
			// Strength never right after a hard session, long run or race
			// (the 2026 coaching guide): from the easy clock.
			for _, st := range c.plan.Steps {
				if st.ID == "strength" && k.Demanding() && st.StartH < rec.EasyH {
					t.Errorf("%s: strength from %.0f h, before easy running at %.0f h", where, st.StartH, rec.EasyH)
				}
			}
			// The assumption is said when, and only when, it is made.
			assumed := calColumns[6].cell(c) == "yes"
			if assumed != (c.runner == "background not given") {
				t.Errorf("%s: assumed-background warning %v", where, assumed)
			}
		}
	}
	if *updateCalibration {
		if err := os.WriteFile(calibrationPath(), []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(calibrationPath())
	if err != nil {
		t.Fatalf("%v (generate it with: go test ./coach -run TestCalibration -update)", err)
	}
	if string(got) != want {
		t.Errorf("docs/calibration.md is out of date: run go test ./coach -run TestCalibration -update")
	}
}
