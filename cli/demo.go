package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/sim"
	"github.com/rebound-run/rebound/store"
)

// DemoWeeks is the length of the demo season.
const DemoWeeks = 12

// DemoDoneAfter is how long before now a simulated workout must have
// started to be in the demo (no run from the future, none half-run).
const DemoDoneAfter = 4 * time.Hour

type demoCmd struct{ g *globals }

func (c *demoCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("demo", "demo [--db PATH] [--dir DIR] [--club] [--serve [--addr HOST:PORT]]")
	dir := fs.String("dir", "", "where to write the season's FIT files (default: the data directory's demo-season/)")
	club := fs.Bool("club", false, "also simulate four club-mates and their coach, each with an account and a random password")
	doServe := fs.Bool("serve", false, "end by serving the web dashboard on the demo data")
	addr := fs.String("addr", DefaultAddr, "with --serve: address to listen on")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	env := c.g.env
	out := env.Stdout
	dbPath := c.g.db
	if dbPath == "" {
		p, err := dataFile(env, "demo.db")
		if err != nil {
			return err
		}
		dbPath = p
		// The default demo database is Rebound's own: start it afresh.
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(p + suffix); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("reset demo database: %w", err)
			}
		}
	}
	if *dir == "" {
		d, err := dataFile(env, "demo-season")
		if err != nil {
			return err
		}
		*dir = d
		if err := os.RemoveAll(d); err != nil {
			return fmt.Errorf("reset demo season: %w", err)
		}
	}
	c.g.db = dbPath
	db, err := c.g.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if *club {
		// The club's accounts start at user 1, the runner's.
		users, err := db.FindUsers(ctx)
		if err != nil {
			return err
		}
		if len(users) > 0 {
			return rebound.Errorf(rebound.EINVALID, "--club needs a fresh database, and %s already has accounts (leave out --db for the demo's own)", dbPath)
		}
	}

	runner := sim.DefaultRunner()
	today := env.now()
	start := startOfDay(today).AddDate(0, 0, -7*DemoWeeks+1)
	fmt.Fprintf(out, "Simulating %s's %d-week season (%s to %s), after %d weeks of base running…\n", runner.Name, DemoWeeks,
		start.Format("2 Jan"), today.Format("2 Jan 2006"), sim.BaseWeeks)
	var progress func(ingest.Event)
	if env.terminal(env.Stderr) {
		p := newProgress(env)
		progress = p.event
		defer p.finish()
	}
	sn, err := c.season(ctx, db, runner, *dir, start, today, progress)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote %d FIT files to %s\n", len(sn.files), *dir)
	fmt.Fprintf(out, "Imported through the normal import path: ")
	printReport(out, sn.report, sn.took)
	if len(sn.report.Failed) > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d demo files failed to import", len(sn.report.Failed))}
	}
	fmt.Fprintf(out, "Logged %d simulated morning check-ins (soreness, sleep, stress, resting HR, HRV).\n", sn.checkIns)
	prof := runner.Profile()
	acts, _, err := db.FindActivities(ctx, store.ActivityFilter{})
	if err != nil {
		return err
	}
	fmt.Fprintln(out)
	printSeason(out, acts, prof, today)
	fmt.Fprintln(out)
	st, err := loadState(ctx, db, today)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "══ Today ══")
	printToday(out, st, st.Today(), present.Checklist{})
	if len(acts) > 0 {
		p, err := st.Plan(0, coach.WeightChange{})
		if err != nil {
			return err
		}
		fmt.Fprintln(out, "\n══ The latest run's recovery plan ══")
		printPlan(out, st, p, false)
	}
	var accounts []demoAccount
	if *club {
		if accounts, err = c.club(ctx, db, runner, *dir, start, today); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "\nThe demo database is %s. Explore it:\n", dbPath)
	fmt.Fprintf(out, "  go run ./cmd/rebound --db %s runs\n", dbPath)
	if len(acts) > 0 {
		fmt.Fprintf(out, "  go run ./cmd/rebound --db %s show %d\n", dbPath, acts[0].ID)
	}
	fmt.Fprintf(out, "  go run ./cmd/rebound --db %s today\n", dbPath)
	fmt.Fprintf(out, "  go run ./cmd/rebound --db %s week\n", dbPath)
	fmt.Fprintf(out, "  go run ./cmd/rebound --db %s model\n", dbPath)
	fmt.Fprintf(out, "  go run ./cmd/rebound --db %s profile\n", dbPath)
	if *club {
		fmt.Fprintf(out, "  go run ./cmd/rebound --db %s --user %s today      (a club-mate's day)\n", dbPath, clubExample(accounts).user.Name)
		fmt.Fprintf(out, "  go run ./cmd/rebound --db %s user list\n", dbPath)
	}
	if !*doServe {
		hint := "the web dashboard"
		if *club {
			hint += "; sign in with a password below"
		}
		fmt.Fprintf(out, "  go run ./cmd/rebound --db %s serve      (%s)\n", dbPath, hint)
	}
	var links []*account.User
	if *club {
		printAccounts(out, accounts)
		// One-time links for the runner (user 1) and the coach (last).
		links = []*account.User{accounts[0].user, accounts[len(accounts)-1].user}
	}
	if !*doServe {
		return nil
	}
	fmt.Fprintln(out)
	return serve(ctx, env, db, *addr, serveOptions{}, links)
}

// seasonImport is what demoCmd.season did.
type seasonImport struct {
	files    []string // the FIT files written
	report   *ingest.Report
	took     time.Duration // to import
	checkIns int
}

// season simulates r's season from start up to today: it writes the
// workouts done by now (started DemoDoneAfter ago) as FIT files into dir,
// imports those files through the normal import path into st, whose
// profile becomes r's, and saves r's morning check-ins up to today.
// progress, when set, follows the import.
func (c *demoCmd) season(ctx context.Context, st store.Store, r sim.Runner, dir string, start, today time.Time, progress func(ingest.Event)) (seasonImport, error) {
	var sn seasonImport
	// The base weeks before the season are in the runner's history:
	// without them the season's first runs would meet legs that have
	// never run, and weeks of novice soreness would follow.
	season := r.SeasonAfterBase(start, DemoWeeks)
	var done []sim.Workout
	for _, w := range season {
		if w.Start.Before(today.Add(-DemoDoneAfter)) {
			done = append(done, w)
		}
	}
	var err error
	if sn.files, err = r.WriteWorkouts(dir, done); err != nil {
		return sn, fmt.Errorf("write %s's demo season: %w", r.Name, err)
	}
	if err := st.SaveProfile(ctx, r.Profile()); err != nil {
		return sn, fmt.Errorf("save %s's profile: %w", r.Name, err)
	}
	im := &ingest.Importer{Store: st, Decoders: Decoders(), Progress: progress}
	t0 := c.g.env.now()
	if sn.report, err = im.Import(ctx, sn.files); err != nil {
		return sn, fmt.Errorf("import %s's demo season: %w", r.Name, err)
	}
	sn.took = c.g.env.now().Sub(t0)
	if sn.checkIns, err = saveCheckIns(ctx, st, r, season, today); err != nil {
		return sn, fmt.Errorf("save %s's check-ins: %w", r.Name, err)
	}
	return sn, nil
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// printSeason writes totals per sport and a weekly distance chart.
func printSeason(w io.Writer, acts []*store.Activity, prof profile.Profile, today time.Time) {
	u := present.For(prof)
	type agg struct {
		n       int
		dist, s float64
	}
	bySport := map[activity.Sport]*agg{}
	weeks := map[time.Time]float64{}
	for _, a := range acts {
		g := bySport[a.Sport]
		if g == nil {
			g = &agg{}
			bySport[a.Sport] = g
		}
		g.n++
		g.dist += a.Summary.DistanceM
		g.s += a.Summary.MovingS
		if a.Sport.IsRun() {
			weeks[weekStart(a.Start.In(present.Location(a.Activity, prof)))] += a.Summary.DistanceM
		}
	}
	fmt.Fprintf(w, "Season: %d activities\n", len(acts))
	for _, s := range activity.Sports {
		if g := bySport[s]; g != nil {
			fmt.Fprintf(w, "  %-9s %3d  %10s  %9s\n", s, g.n, u.Distance(g.dist), present.Clock(g.s))
		}
	}
	var keys []time.Time
	maxD := 0.0
	for k, d := range weeks {
		keys = append(keys, k)
		maxD = math.Max(maxD, d)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].Before(keys[j]) })
	fmt.Fprintln(w, "\nRunning distance per week")
	prev := 0.0
	for _, k := range keys {
		d := weeks[k]
		bar := strings.Repeat("█", int(math.Round(d/maxD*30)))
		change := ""
		if prev > 0 {
			change = fmt.Sprintf("%+.0f%%", (d-prev)/prev*100)
		}
		fmt.Fprintf(w, "  %s  %10s  %-30s %s\n", k.Format("2006-01-02"), u.Distance(d), bar, change)
		prev = d
	}
}

// weekStart returns the Monday 00:00 of t's week.
func weekStart(t time.Time) time.Time {
	d := startOfDay(t)
	wd := (int(d.Weekday()) + 6) % 7
	return d.AddDate(0, 0, -wd)
}

// saveCheckIns stores the simulated runner's morning check-ins up to
// today and returns how many.
func saveCheckIns(ctx context.Context, db interface {
	SaveCheckIn(context.Context, recovery.CheckIn) error
}, r sim.Runner, season []sim.Workout, today time.Time) (int, error) {
	n := 0
	for _, c := range r.CheckIns(season) {
		if c.Date.After(today) {
			break
		}
		if err := db.SaveCheckIn(ctx, c.Recovery()); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
