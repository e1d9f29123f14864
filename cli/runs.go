package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/store"
)

type runsCmd struct{ g *globals }

func (c *runsCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("runs", "runs [--since DATE] [--sport SPORT] [--limit N] [--json]")
	since := fs.String("since", "", "only activities on or after `DATE` (YYYY-MM-DD)")
	sport := fs.String("sport", "", "only this `sport` ("+sportList()+")")
	limit := fs.Int("limit", 0, "at most `N` activities (0: all)")
	asJSON := fs.Bool("json", false, "print JSON (see docs/json.md)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	// The coaching state classifies the runs, which names them.
	st, err := loadState(ctx, db, c.g.env.now())
	if err != nil {
		return err
	}
	prof := st.H.Profile
	f := store.ActivityFilter{Limit: *limit}
	if *since != "" {
		t, err := parseDate(*since, prof.Location())
		if err != nil {
			return err
		}
		f.Since = &t
	}
	if *sport != "" {
		s := activity.Sport(*sport)
		if !s.Valid() {
			return rebound.Errorf(rebound.EINVALID, "sport %q: want one of %s", *sport, sportList())
		}
		f.Sport = &s
	}
	acts, total, err := db.FindActivities(ctx, f)
	if err != nil {
		return err
	}
	entries := make([]coach.Entry, len(acts))
	for i, a := range acts {
		entries[i] = st.EntryOf(app.CoachActivity(a))
	}
	if *asJSON {
		out := make([]present.Run, 0, len(acts))
		for _, e := range entries {
			out = append(out, present.NewRun(e, prof, false))
		}
		return writeJSON(c.g.env.Stdout, out)
	}
	printRuns(c.g.env.Stdout, entries, total, prof)
	return nil
}

func sportList() string {
	var s []string
	for _, k := range activity.Sports {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// printRuns writes the activity table.
func printRuns(w io.Writer, entries []coach.Entry, total int, prof profile.Profile) {
	if len(entries) == 0 {
		fmt.Fprintln(w, "No activities yet. Import some with: rebound import PATH...")
		return
	}
	u := present.For(prof)
	fmt.Fprintf(w, "%5s  %-16s  %-9s  %-28s %10s %9s %12s %5s %6s\n",
		"ID", "Start", "Sport", "Name", "Distance", "Time", "Pace/speed", "HR", "TRIMP")
	for _, e := range entries {
		a := e.A
		r := present.NewRun(e, prof, false)
		fmt.Fprintf(w, "%5d  %-16s  %-9s  %s %10s %9s %12s %5s %6s\n",
			a.ID, a.Start.In(present.Location(a.Activity, prof)).Format("2006-01-02 15:04"), a.Sport, rightPad(r.Title, 28),
			u.Distance(a.Summary.DistanceM), present.Clock(a.Summary.MovingS), u.Measure(a.Sport, a.Summary.AvgSpeedMS),
			present.BPM(a.Summary.AvgHR), trimpText(float64(r.TRIMP)))
	}
	if total > len(entries) {
		fmt.Fprintf(w, "(%d of %d activities shown)\n", len(entries), total)
	} else {
		fmt.Fprintf(w, "%d %s\n", total, plural(total, "activity", "activities"))
	}
}

func trimpText(t float64) string {
	if math.IsNaN(t) {
		return "–"
	}
	return fmt.Sprintf("%.0f", t)
}

type showCmd struct{ g *globals }

func (c *showCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("show", "show ID [--json]")
	asJSON := fs.Bool("json", false, "print JSON (see docs/json.md)")
	id, err := idArg(fs, args)
	if err != nil {
		return err
	}
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	a, r, prof, err := c.g.run(ctx, db, id, true)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.g.env.Stdout, r)
	}
	printRun(c.g.env.Stdout, a, r, prof)
	return nil
}

// idArg parses fs's flags among args and returns the one activity id
// they name (exit status 2 with the usage for none or several).
func idArg(fs *flag.FlagSet, args []string) (int64, error) {
	pos, err := parseArgs(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 1 {
		fs.Usage()
		return 0, &exitError{code: 2}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return 0, rebound.Errorf(rebound.EINVALID, "activity id %q: want a number (see rebound runs)", pos[0])
	}
	return id, nil
}

// run reads activity id and returns it with its JSON document (laps too
// when asked), named and classified by the coaching state now, and the
// runner's profile.
func (g *globals) run(ctx context.Context, db store.Store, id int64, laps bool) (*store.Activity, present.Run, profile.Profile, error) {
	a, err := db.FindActivityByID(ctx, id)
	if err != nil {
		return nil, present.Run{}, profile.Profile{}, err
	}
	st, err := loadState(ctx, db, g.env.now())
	if err != nil {
		return nil, present.Run{}, profile.Profile{}, err
	}
	return a, present.NewRun(st.EntryOf(app.CoachActivity(a)), st.H.Profile, laps), st.H.Profile, nil
}

// parseArgs parses flags wherever they stand among the positional
// arguments ("show 3 --json" and "show --json 3" alike) and returns the
// positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

func printRun(w io.Writer, a *store.Activity, r present.Run, prof profile.Profile) {
	u := present.For(prof)
	s := a.Summary
	fmt.Fprintf(w, "#%d  %s\n", a.ID, r.Title)
	fmt.Fprintf(w, "  %s · %s", r.Start, a.Sport)
	if a.SubSport != "" && a.SubSport != string(a.Sport) {
		fmt.Fprintf(w, " (%s)", a.SubSport)
	}
	if r.Kind != "" {
		by := ""
		if r.KindMarked {
			by = ", as you marked it"
		}
		fmt.Fprintf(w, " · %s%s", r.Kind, by)
	}
	fmt.Fprintln(w)
	if a.Note != "" {
		fmt.Fprintf(w, "  Note:         %s\n", strings.ReplaceAll(a.Note, "\n", "\n                "))
	}
	if a.Device != "" {
		fmt.Fprintf(w, "  Device:       %s\n", a.Device)
	}
	fmt.Fprintf(w, "  Source:       %s\n", a.SourceFile)
	if a.Gear != "" {
		fmt.Fprintf(w, "  Gear:         %s\n", a.Gear)
	}
	fmt.Fprintln(w)
	dev := a.DeviceTotals
	devVal := func(f func(activity.Totals) float64, format func(float64) string) string {
		if dev == nil || !activity.Has(f(*dev)) {
			return ""
		}
		return "   (device: " + format(f(*dev)) + ")"
	}
	fmt.Fprintf(w, "  Distance:     %s%s\n", u.Distance(s.DistanceM), devVal(func(t activity.Totals) float64 { return t.DistanceM }, u.Distance))
	fmt.Fprintf(w, "  Moving time:  %s%s\n", present.Clock(s.MovingS), devVal(func(t activity.Totals) float64 { return t.TimerS }, present.Clock))
	fmt.Fprintf(w, "  Elapsed time: %s%s\n", present.Clock(s.ElapsedS), devVal(func(t activity.Totals) float64 { return t.ElapsedS }, present.Clock))
	switch present.MeasureOf(a.Sport) {
	case "speed":
		fmt.Fprintf(w, "  Speed:        %s\n", u.Measure(a.Sport, s.AvgSpeedMS))
	case "pace":
		gap := ""
		if a.Sport.IsRun() {
			gap = "   grade-adjusted " + u.Pace(s.GradeAdjustedSpeedMS)
		}
		fmt.Fprintf(w, "  Pace:         %s%s\n", u.Measure(a.Sport, s.AvgSpeedMS), gap)
	}
	fmt.Fprintf(w, "  Climb:        +%s / −%s%s\n", u.Elevation(s.AscentM), u.Elevation(s.DescentM),
		devVal(func(t activity.Totals) float64 { return t.AscentM }, func(v float64) string { return "+" + u.Elevation(v) }))
	fmt.Fprintf(w, "  Downhill:     %s run on grades steeper than −%.0f%%\n", u.Distance(s.DownhillM), activity.DownhillGrade*100)
	fmt.Fprintf(w, "  Heart rate:   avg %s, max %s bpm%s\n", present.BPM(s.AvgHR), present.BPM(s.MaxHR),
		devVal(func(t activity.Totals) float64 { return t.AvgHR }, func(v float64) string { return "avg " + present.BPM(v) }))
	if activity.Has(s.AvgCadenceSPM) {
		unit := "steps/min"
		if a.Sport == activity.Cycling {
			unit = "rpm"
		}
		fmt.Fprintf(w, "  Cadence:      %.0f %s\n", s.AvgCadenceSPM, unit)
	}
	if activity.Has(s.AvgPowerW) {
		fmt.Fprintf(w, "  Power:        %.0f W\n", s.AvgPowerW)
	}
	if activity.Has(s.AvgTempC) {
		fmt.Fprintf(w, "  Temperature:  %s (%s to %s, device sensor)\n", u.Temperature(s.AvgTempC), u.Temperature(s.MinTempC), u.Temperature(s.MaxTempC))
	}
	if r.HRZonesS != nil {
		hr := prof.HR()
		note := ""
		if hr.MaxEstimated || hr.RestEstimated {
			note = " — estimated"
			if hr.MaxEstimated {
				note += " max HR (208 − 0.7 × age)"
			}
			if hr.RestEstimated {
				note += ", default resting HR"
			}
			note += "; set yours with rebound profile set"
		}
		fmt.Fprintf(w, "  TRIMP:        %.0f (Banister, per sample; rest %.0f, max %.0f bpm%s)\n", float64(r.TRIMP), hr.Rest, hr.Max, note)
		fmt.Fprintln(w, "  Zones (% of heart-rate reserve):")
		names := []string{"Z1 <60%", "Z2 60-70%", "Z3 70-80%", "Z4 80-90%", "Z5 ≥90%"}
		total := 0.0
		for _, z := range r.HRZonesS {
			total += float64(z)
		}
		for i, z := range r.HRZonesS {
			pct := 0.0
			if total > 0 {
				pct = float64(z) / total * 100
			}
			fmt.Fprintf(w, "    %-10s %8s  %5.1f%%  %s\n", names[i], present.Clock(float64(z)), pct, strings.Repeat("█", int(math.Round(pct/4))))
		}
	}
	if len(a.Laps) > 0 {
		fmt.Fprintf(w, "\n  Laps\n  %3s %10s %9s %12s %5s %6s\n", "#", "Distance", "Time", "Pace/speed", "HR", "Climb")
		for i, l := range a.Laps {
			speed := activity.NaN
			if l.TimerS > 0 && activity.Has(l.DistanceM) {
				speed = l.DistanceM / l.TimerS
			}
			fmt.Fprintf(w, "  %3d %10s %9s %12s %5s %6s\n", i+1, u.Distance(l.DistanceM), present.Clock(l.TimerS),
				u.Measure(a.Sport, speed), present.BPM(l.AvgHR), u.Elevation(l.AscentM))
		}
	}
	for _, warn := range a.Warnings {
		fmt.Fprintf(w, "  note: %s\n", warn)
	}
}
