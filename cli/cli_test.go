package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
)

// now is the fixed clock of these tests.
var now = time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)

// rebound runs the command line in-process against db and returns the
// exit code, standard output and standard error.
func rebound(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	return reboundIn(t, db, "", args...)
}

// reboundIn is rebound with a given standard input. HOME is db's folder.
func reboundIn(t *testing.T, db, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	home := filepath.Dir(db)
	env := cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Now: func() time.Time { return now },
		Getenv: func(k string) string {
			switch k {
			case "HOME":
				return home
			case "REBOUND_DB":
				return db
			}
			return ""
		}}
	code := cli.Main(context.Background(), args, env)
	return code, out.String(), errb.String()
}

func decode(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
}

func keys(t *testing.T, m map[string]any, want ...string) {
	t.Helper()
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks key %q", k)
		}
	}
}

func TestImportRunsShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	good := corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit")
	bad := corpus.Path(t, "broken/madehere__fenix2-run-truncated-half.fit")
	skip := corpus.Path(t, "fit/non-activity/fitparse__Settings.fit")
	code, out, _ := rebound(t, db, "import", "--json", good, bad, skip)
	if code != 1 {
		t.Errorf("exit %d with a failed file, want 1", code)
	}
	var rep struct {
		Imported, Duplicates int
		Skipped              []map[string]string
		Failed               []map[string]string
	}
	decode(t, out, &rep)
	if rep.Imported != 1 || len(rep.Failed) != 1 || len(rep.Skipped) != 1 || !strings.Contains(rep.Failed[0]["error"], "truncated-half.fit") {
		t.Errorf("import report %+v", rep)
	}
	// Again: a duplicate, exit 0 once the broken file is left out.
	if code, out, _ = rebound(t, db, "import", "--json", good); code != 0 || !strings.Contains(out, `"duplicates": 1`) {
		t.Errorf("re-import: exit %d, %s", code, out)
	}

	code, out, _ = rebound(t, db, "runs", "--json")
	var runs []map[string]any
	decode(t, out, &runs)
	if code != 0 || len(runs) != 1 {
		t.Fatalf("runs: exit %d, %d runs", code, len(runs))
	}
	keys(t, runs[0], "id", "sport", "start", "name", "device", "source_file", "distance_m", "elapsed_s", "moving_s",
		"ascent_m", "descent_m", "downhill_m", "avg_hr", "max_hr", "hr_zones_s", "trimp", "avg_cadence_spm")
	// The Fenix 2 run: 9008.22 m by its device; start 2015-08-15T14:45:08Z.
	if d := runs[0]["distance_m"].(float64); d < 8990 || d > 9025 {
		t.Errorf("distance %v", d)
	}
	if !strings.HasPrefix(runs[0]["start"].(string), "2015-08-15T") {
		t.Errorf("start %v", runs[0]["start"])
	}

	code, out, _ = rebound(t, db, "show", "1", "--json")
	var one map[string]any
	decode(t, out, &one)
	if laps, _ := one["laps"].([]any); code != 0 || len(laps) != 4 {
		t.Errorf("show: exit %d, laps %v", code, one["laps"])
	}
	if zones, _ := one["hr_zones_s"].([]any); len(zones) != 5 {
		t.Errorf("zones %v", one["hr_zones_s"])
	}
	if code, _, errs := rebound(t, db, "show", "99"); code == 0 || !strings.Contains(errs, "99") {
		t.Errorf("show 99: exit %d, %q", code, errs)
	}
	// Text output in imperial units.
	rebound(t, db, "profile", "set", "--units", "imperial")
	if _, out, _ = rebound(t, db, "show", "1"); !strings.Contains(out, "5.60 mi") {
		t.Errorf("imperial show lacks 5.60 mi (9008 m / 1609.344):\n%s", out)
	}
}

func TestProfileEstimatesMaxHRAndMovesTRIMP(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	rebound(t, db, "import", "--quiet", corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit"))
	code, out, _ := rebound(t, db, "profile", "set", "--age", "40", "--sex", "male", "--resting-hr", "50", "--weight", "72")
	if code != 0 || !strings.Contains(out, "180 bpm (estimated: 208 − 0.7 × 40") {
		t.Errorf("profile set: exit %d\n%s", code, out)
	}
	trimp := func() float64 {
		_, out, _ := rebound(t, db, "runs", "--json")
		var runs []map[string]any
		decode(t, out, &runs)
		return runs[0]["trimp"].(float64)
	}
	before := trimp()
	rebound(t, db, "profile", "set", "--max-hr", "200")
	after := trimp()
	// A higher maximum lowers every sample's heart-rate-reserve fraction.
	if !(after < before) {
		t.Errorf("TRIMP %v with estimated max 180, %v with max 200: want lower", before, after)
	}
	if code, _, errs := rebound(t, db, "profile", "set", "--sex", "robot"); code == 0 || !strings.Contains(errs, "robot") {
		t.Errorf("bad sex: exit %d %q", code, errs)
	}
	if code, _, errs := rebound(t, db, "profile", "set", "--conditions", "heart-disease,gout"); code == 0 || !strings.Contains(errs, "gout") {
		t.Errorf("bad condition: exit %d %q", code, errs)
	}
}

func TestCoachCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	if code, _, errs := rebound(t, db, "import", "--quiet", corpus.Path(t, "fit/tormoder__mornindew-broken.fit"), corpus.Path(t, "fit/sportslib__garmin.fit")); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	rebound(t, db, "profile", "set", "--weight", "70", "--age", "35", "--sex", "female", "--conditions", "heart-disease", "--equipment", "ice-bath,foam-roller")

	code, out, _ := rebound(t, db, "plan", "latest", "--json", "--weight-before", "70", "--weight-after", "69")
	var plan map[string]any
	decode(t, out, &plan)
	if code != 0 {
		t.Fatalf("plan exit %d", code)
	}
	keys(t, plan, "run", "recovery", "soreness", "nutrition", "steps", "warnings", "see_professional")
	keys(t, plan["run"].(map[string]any), "id", "kind")
	keys(t, plan["recovery"].(map[string]any), "easy_hours", "hard_hours", "ready_at")
	keys(t, plan["nutrition"].(map[string]any), "carbs_g", "protein_g", "fluid_ml")
	keys(t, plan["see_professional"].(map[string]any), "needed", "reasons")
	steps := plan["steps"].([]any)
	ids := map[string]bool{}
	for _, s := range steps {
		m := s.(map[string]any)
		keys(t, m, "id", "phase", "start_h", "end_h", "title", "dose", "how", "why", "evidence", "sources")
		ids[m["id"].(string)] = true
	}
	if ids["cold-water-immersion"] || !ids["foam-rolling"] || !ids["refuel"] {
		t.Errorf("with heart disease and an ice bath: steps %v", ids)
	}
	// 1 kg lost: 1250-1500 ml.
	if f := plan["nutrition"].(map[string]any)["fluid_ml"].(map[string]any); f["min"] != 1250.0 || f["max"] != 1500.0 {
		t.Errorf("fluid %v", f)
	}

	code, out, _ = rebound(t, db, "checkin", "--soreness", "quads=6,calves=3", "--sleep", "6", "--stress", "4", "--symptoms", "dark-urine", "--rpe", "latest=8")
	if code != 0 || !strings.Contains(out, "!! "+present.FlagHeading("urgent")) || !strings.Contains(out, "Recommendation: "+present.AdviceFor("rest").Label+".") {
		t.Errorf("check-in with dark urine: exit %d\n%s", code, out)
	}
	code, out, _ = rebound(t, db, "today", "--json")
	var today map[string]any
	decode(t, out, &today)
	keys(t, today, "readiness", "recommendation", "factors", "soreness_now", "steps", "warnings", "see_professional")
	if today["recommendation"] != "rest" || today["readiness"].(map[string]any)["score"] == nil {
		t.Errorf("today: %v %v", today["recommendation"], today["readiness"])
	}
	// The week: all rest while the symptom stands; planned from an
	// earlier day, before the check-in, it is not flagged.
	if code, out, _ = rebound(t, db, "week"); code != 0 || !strings.Contains(out, "!! "+present.FlagHeading("urgent")) ||
		strings.Count(out, "get medical care today") != 7 || strings.Contains(out, "easy") {
		t.Errorf("week with dark urine: exit %d\n%s", code, out)
	}
	code, out, _ = rebound(t, db, "week", "--date", "2020-01-06", "--json")
	var week struct {
		From            string `json:"from"`
		SeeProfessional struct {
			Needed bool `json:"needed"`
		} `json:"see_professional"`
	}
	if decode(t, out, &week); code != 0 || week.From != "2020-01-06" || week.SeeProfessional.Needed {
		t.Errorf("week --date 2020-01-06: exit %d, %+v", code, week)
	}
	// --rpe RUN=none removes the rating.
	if rpes := latestRPE(t, db); len(rpes) != 1 {
		t.Errorf("after --rpe latest=8: ratings %v", rpes)
	}
	if code, _, errs := rebound(t, db, "checkin", "--rpe", "latest=none"); code != 0 {
		t.Errorf("--rpe latest=none: exit %d %s", code, errs)
	}
	if rpes := latestRPE(t, db); len(rpes) != 0 {
		t.Errorf("after --rpe latest=none: ratings %v", rpes)
	}
	if code, _, errs := rebound(t, db, "checkin", "--rpe", "latest=nope"); code == 0 || !strings.Contains(errs, "none") {
		t.Errorf("--rpe latest=nope: exit %d %q", code, errs)
	}
	if code, _, errs := rebound(t, db, "checkin", "--soreness", "elbow=3"); code == 0 || !strings.Contains(errs, "elbow") {
		t.Errorf("bad muscle: exit %d %q", code, errs)
	}
	// A check-in dated far off is refused, and nothing of it is stored.
	for _, date := range []string{"9999-12-31", "1989-12-31", "2026-11-26"} { // today is 2026-11-24
		code, _, errs := rebound(t, db, "checkin", "--date", date, "--sleep", "7")
		if code != 1 || !strings.Contains(errs, date) {
			t.Errorf("checkin --date %s: exit %d %q, want 1 naming the date", date, code, errs)
		}
		if _, out, _ := rebound(t, db, "today", "--date", date, "--json"); strings.Contains(out, `"checked_in": true`) {
			t.Errorf("checkin --date %s stored a check-in", date)
		}
	}
	if code, _, errs := rebound(t, db, "checkin", "--date", "2026-11-25", "--sleep", "7"); code != 0 {
		t.Errorf("checkin --date tomorrow (a zone ahead): exit %d %q", code, errs)
	}

	for _, args := range [][]string{{"load", "--json"}, {"week", "--json"}, {"model", "--json"}, {"protocol", "--json"}, {"gear", "--json"}} {
		code, out, errs := rebound(t, db, args...)
		var v any
		if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
			t.Errorf("%v: exit %d, %s %s", args, code, out, errs)
		}
	}
	rebound(t, db, "gear", "add", "Pegasus", "--limit-km", "15", "--default")
	if code, _, errs := rebound(t, db, "gear", "assign", "1", "pegasus"); code != 0 {
		t.Fatalf("assign: %s", errs)
	}
	if _, out, _ = rebound(t, db, "gear"); !strings.Contains(out, "past its limit") {
		t.Errorf("a 15 km shoe with a 16.8 km run is not flagged:\n%s", out)
	}
}

func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and imports a 12-week season")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	code, out, errs := rebound(t, db, "--db", db, "demo", "--dir", filepath.Join(dir, "season"))
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"0 failed", "check-ins", "Readiness", "Recovery plan for", "Running distance per week"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	// The season has happened by now: no run after the clock.
	_, out, _ = rebound(t, db, "runs", "--json", "--limit", "1")
	var runs []map[string]any
	decode(t, out, &runs)
	start, err := time.Parse(time.RFC3339, runs[0]["start"].(string))
	if err != nil || start.After(now) {
		t.Errorf("latest demo run starts %v, after now %v", start, now)
	}
	// What the runner reads names its sources by title.
	t.Run("Wording", func(t *testing.T) { checkWording(t, db) })
	t.Run("Units", func(t *testing.T) { checkUnits(t, db) })
}

func TestDefaultShoeGoesToNewRuns(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	rebound(t, db, "gear", "add", "Daily trainer", "--default")
	rebound(t, db, "import", "--quiet", corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit"),
		corpus.Path(t, "fit/sweatpy__4078723797.fit")) // a run and a ride
	_, out, _ := rebound(t, db, "gear", "--json")
	var shoes []map[string]any
	decode(t, out, &shoes)
	// Only the run counts: 9008 m (its device total), not the 57.6 km ride.
	if len(shoes) != 1 || shoes[0]["runs"].(float64) != 1 || shoes[0]["distance_m"].(float64) > 9100 {
		t.Errorf("shoes %v", shoes)
	}
}

// latestRPE returns the effort ratings of the database's latest activity.
func latestRPE(t *testing.T, db string) map[int64]float64 {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	acts, _, err := s.FindActivities(ctx, store.ActivityFilter{Limit: 1})
	if err != nil || len(acts) == 0 {
		t.Fatalf("latest activity: %v", err)
	}
	all, err := s.FindRPEs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]float64{}
	if v, ok := all[acts[0].ID]; ok {
		out[acts[0].ID] = v
	}
	return out
}

// TestImportEscapesFileNames imports files whose names hold terminal
// escape sequences (a title change, a screen clear, a bell): the report
// and the progress lines show them escaped, and no control character
// reaches the terminal.
func TestImportEscapesFileNames(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	files := filepath.Join(dir, "files")
	if err := os.Mkdir(files, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"evil\x1b]0;pwned\x07.gpx":    "<gpx><trk><trkseg><trkpt", // broken: fails
		"clear\x1b[2J\x1b[H\rrun.fit": "not an activity",          // skipped
	} {
		if err := os.WriteFile(filepath.Join(files, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := rebound(t, db, "import", files)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, s := range []string{out, errs} {
		if strings.ContainsAny(s, "\x1b\x07\r") {
			t.Errorf("a control character reached the terminal: %q", s)
		}
	}
	for _, want := range []string{`evil\x1b]0;pwned\a.gpx`, `clear\x1b[2J\x1b[H\rrun.fit`} {
		if !strings.Contains(out, want) || !strings.Contains(errs, want) {
			t.Errorf("output lacks %s:\n%s\n%s", want, out, errs)
		}
	}
}

// TestLoadFormShowsItsNumbers checks that `rebound load` shows the numbers
// its form comes from: form is the day before's fitness − fatigue, so the
// line beside today's fitness and fatigue must name that day's (review 2
// #33), and they must be the days[] entry of that day.
func TestLoadFormShowsItsNumbers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	reboundAt(t, db, dayAfterHills, "import", "--quiet", corpus.Path(t, hillyRun))
	at := dayAfterHills.AddDate(0, 0, 2)
	out := reboundAt(t, db, at, "load")
	m := regexp.MustCompile(`Form\s+([+-][0-9.]+)\s+\(fitness ([0-9.]+) − fatigue ([0-9.]+) at the end of (\w+ \d+ \w+)\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no form with its numbers in\n%s", out)
	}
	form, _ := strconv.ParseFloat(m[1], 64)
	fit, _ := strconv.ParseFloat(m[2], 64)
	fat, _ := strconv.ParseFloat(m[3], 64)
	if math.Abs(fit-fat-form) > 0.11 || m[4] != at.AddDate(0, 0, -1).Format("Mon 2 Jan") {
		t.Errorf("form %v from fitness %v − fatigue %v at the end of %s", form, fit, fat, m[4])
	}
	var doc struct {
		Days []struct {
			Date             string
			Fitness, Fatigue float64
		}
	}
	decode(t, reboundAt(t, db, at, "load", "--json"), &doc)
	y := doc.Days[len(doc.Days)-2]
	if y.Date != at.AddDate(0, 0, -1).Format("2006-01-02") || math.Abs(y.Fitness-fit) > 0.051 || math.Abs(y.Fatigue-fat) > 0.051 {
		t.Errorf("day before %+v, the form line says fitness %v, fatigue %v", y, fit, fat)
	}
}

// TestNotFoundHint: the CLI points to rebound runs when an activity is
// not found, whichever layer said so (the plan, the store).
func TestNotFoundHint(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	for _, tc := range []struct{ args []string }{{[]string{"plan", "latest"}}, {[]string{"plan", "999"}}, {[]string{"show", "999"}}} {
		code, _, errs := rebound(t, db, tc.args...)
		want := map[string]string{"latest": "no activities yet: import some with rebound import"}[tc.args[1]]
		if want == "" {
			want = "activity 999 not found (see rebound runs)"
		}
		if code == 0 || !strings.Contains(errs, want) {
			t.Errorf("%v: exit %d, %q, want %q", tc.args, code, errs, want)
		}
	}
}
