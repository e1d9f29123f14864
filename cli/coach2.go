package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// loadCmd is `rebound load`.
type loadCmd struct{ g *globals }

func (c *loadCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("load", "load [--weeks N] [--json]")
	weeks := fs.Int("weeks", 8, "weeks of history to show")
	asJSON := fs.Bool("json", false, "print JSON (see docs/json.md)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := c.g.stateNow(ctx)
	if err != nil {
		return err
	}
	out := present.NewLoad(st, *weeks)
	if *asJSON {
		return writeJSON(c.g.env.Stdout, out)
	}
	w := c.g.env.Stdout
	u := present.For(st.H.Profile)
	if len(st.Days) == 0 {
		fmt.Fprintln(w, "No activities yet. Import some with: rebound import PATH...")
		return nil
	}
	fmt.Fprintf(w, "Training load on %s (TRIMP units)\n", out.Date)
	fmt.Fprintf(w, "  Fitness (42-day)   %6.1f\n  Fatigue (7-day)    %6.1f\n  Form               %+6.1f   (%s)\n", out.Fitness, out.Fatigue, out.Form, out.FormNote)
	fmt.Fprintf(w, "  Acute:chronic      %6s   (%s)\n", numText(float64(out.ACWR), "%.2f"), present.ACWRWords(float64(out.ACWR)))
	fmt.Fprintf(w, "  Monotony / strain  %6s / %s   (Foster 1998; monotony above 2 means too little variation)\n", numText(float64(out.Monotony), "%.2f"), numText(float64(out.Strain), "%.0f"))
	fmt.Fprintf(w, "\nWeekly running\n  %-10s %10s %8s %6s %5s\n", "Week of", "Distance", "Change", "Load", "Runs")
	for _, x := range out.Weeks {
		flag, change := "", pctText(float64(x.Change))
		if x.OverLimit {
			flag = "  ! over the " + present.TenPercentRule
		}
		if x.SoFar {
			flag, change = "  (so far)", ""
			if x.OverLimit {
				flag = "  (so far) ! already over the " + present.TenPercentRule
			}
		}
		fmt.Fprintf(w, "  %-10s %10s %8s %6.0f %5d%s\n", x.Start, u.Distance(float64(x.DistanceM)), change, x.Load, x.Runs, flag)
	}
	fmt.Fprintf(w, "\nNote: %s\nNote: %s\n", out.ACWRNote, out.TenPercent)
	return nil
}

func numText(v float64, f string) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf(f, v)
}

func pctText(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%+.0f%%", v*100)
}

// weekCmd is `rebound week`.
type weekCmd struct{ g *globals }

func (c *weekCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("week", "week [--date D] [--json]")
	date := fs.String("date", "", "the first day of the 7 (YYYY-MM-DD; default today), planned from the history up to it")
	asJSON := fs.Bool("json", false, "print JSON (see docs/json.md)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, db, err := c.g.athlete(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	wp, st, err := a.Week(ctx, *date)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.g.env.Stdout, wp)
	}
	printWeek(c.g.env.Stdout, wp, st.H.Profile)
	return nil
}

func printWeek(w io.Writer, wp *coach.WeekPlan, prof profile.Profile) {
	u := present.For(prof)
	printSeeProfessional(w, wp.SeeProfessional, prof)
	fmt.Fprintf(w, "The 7 days from %s: %s of running planned", wp.From, u.Distance(wp.TargetM))
	if wp.FourWeekAverageM != nil {
		fmt.Fprintf(w, " (your 4-week average %s a week, the 10%% rule's cap %s; last 7 days %s)", u.Distance(*wp.FourWeekAverageM), u.Distance(*wp.TenPercentCap), u.Distance(wp.LastWeekM))
	}
	fmt.Fprintln(w)
	if p := wp.Pattern; !p.Assumed && !wp.SeeProfessional.Needed {
		fmt.Fprintf(w, "Your last %d %s: %d %s a week, easy runs about %s", p.Weeks, plural(p.Weeks, "week", "weeks"),
			p.RunsPerWeek, plural(p.RunsPerWeek, "run", "runs"), u.Distance(p.EasyM))
		if p.LongM != nil {
			fmt.Fprintf(w, ", long runs about %s on %s", u.Distance(*p.LongM), p.LongDay)
		}
		if p.HardPerWeek > 0 {
			fmt.Fprintf(w, ", %d hard a week (%s)", p.HardPerWeek, strings.Join(p.HardDays, ", "))
		}
		fmt.Fprintln(w)
	}
	for _, d := range wp.Days {
		dist := ""
		if d.DistanceM > 0 {
			dist = u.Distance(d.DistanceM)
		}
		extra := ""
		if d.Strength {
			extra = " + strength"
		}
		if d.Done {
			extra += " (done)"
		}
		fmt.Fprintf(w, "  %s %-9s  %-22s %10s  %s\n", d.Date, d.Weekday, present.KindLabel(d.Type)+extra, dist, strings.Join(d.Reasons, "; "))
	}
	for _, a := range wp.Adjustments {
		fmt.Fprintf(w, "Lighter by %.0f%%: %s\n", a.Fraction*100, a.Reason)
	}
	for _, a := range wp.Assumptions {
		fmt.Fprintf(w, "Assumed: %s\n", a)
	}
	for _, n := range wp.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
	fmt.Fprintf(w, "%s\n", wp.Disclaimer)
}

// modelCmd is `rebound model`.
type modelCmd struct{ g *globals }

func (c *modelCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("model", "model [--json]")
	asJSON := fs.Bool("json", false, "print JSON (see docs/json.md)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := c.g.stateNow(ctx)
	if err != nil {
		return err
	}
	f := st.Fitted
	out := present.NewModel(st)
	if *asJSON {
		return writeJSON(c.g.env.Stdout, out)
	}
	w := c.g.env.Stdout
	fmt.Fprintln(w, "What Rebound has learned about your recovery")
	fmt.Fprintf(w, "  Soreness gain:   %.2f   (population %.2f; above 1 = you get sorer than most)\n", f.Params.Gain, recovery.DefaultGain)
	if out.PeakHours != math.Round(f.Params.PeakH) {
		fmt.Fprintf(w, "  Peak soreness:   %.0f h after a run   (%.0f h from your check-ins, × %.2f for age and sleep; population %.0f h)\n",
			out.PeakHours, f.Params.PeakH, st.Mod.Stretch(), recovery.DefaultPeakH)
	} else {
		fmt.Fprintf(w, "  Peak soreness:   %.0f h after a run   (population %.0f h)\n", f.Params.PeakH, recovery.DefaultPeakH)
	}
	fmt.Fprintf(w, "  Backed by:       %d check-ins, %d soreness ratings\n", out.CheckIns, out.Observations)
	if !math.IsNaN(f.MAEPersonal) {
		cut := (1 - f.MAEPersonal/f.MAEPopulation) * 100
		fmt.Fprintf(w, "  Forecast error:  %.2f points with the population model, %.2f personalised (%+.0f%%)\n", f.MAEPopulation, f.MAEPersonal, -cut)
	} else {
		fmt.Fprintln(w, "  Forecast error:  needs at least 8 soreness ratings (rebound checkin --soreness ...)")
	}
	fmt.Fprintf(w, "\n%s\n", out.Explanation)
	return nil
}

// protocolCmd is `rebound protocol`.
type protocolCmd struct{ g *globals }

// units returns the units of the runner the command works on, metric when
// the database does not exist yet (the rule base needs no database, and
// reading it creates none).
func (g *globals) units(ctx context.Context) (measure.System, error) {
	p, err := g.dbPath()
	if err != nil {
		return "", err
	}
	if !strings.Contains(p, "://") {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return measure.Metric, nil
		}
	}
	db, err := g.open(ctx)
	if err != nil {
		return "", err
	}
	defer db.Close()
	prof, err := db.FindProfile(ctx)
	return prof.UnitsOrDefault(), err
}

func (c *protocolCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("protocol", "protocol [--json]")
	asJSON := fs.Bool("json", false, "print the whole rule base as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := c.g.units(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.g.env.Stdout, present.NewProtocol(u))
	}
	w := c.g.env.Stdout
	phase := protocol.Phase("")
	for _, t := range protocol.TechniquesIn(u) {
		if t.Phase != phase {
			phase = t.Phase
			fmt.Fprintf(w, "\n== %s (%s)\n", present.PhaseTitle(string(phase)), phase.Meaning())
		}
		fmt.Fprintf(w, "\n%s [%s]  %s · %s\n", t.Name, t.ID, present.Window(t.StartH, t.EndH), present.GradeFor(string(t.Evidence)).Label)
		if t.Dose.Text != "" {
			fmt.Fprintf(w, "  Dose: %s\n", t.Dose.Text)
		}
		fmt.Fprintf(w, "  How:  %s\n  Why:  %s\n", t.How, t.Why)
		if len(t.Requires) > 0 {
			fmt.Fprintf(w, "  Needs: %s\n", strings.Join(t.Requires, " or "))
		}
		for _, ci := range t.Contraindications {
			fmt.Fprintf(w, "  Caution (%s, %s): %s (%s)\n", ci.Condition, ci.Action, ci.Why, protocol.Short(ci.Source))
		}
		var refs []string
		for _, s := range t.Sources {
			refs = append(refs, s.Ref)
		}
		fmt.Fprintf(w, "  Sources: %s\n", strings.Join(present.Cite(refs), "; "))
	}
	fmt.Fprintln(w, "\n== Where the sources disagree")
	for _, d := range protocol.DisagreementsIn(u) {
		fmt.Fprintf(w, "\n%s\n  Rebound uses: %s\n  Range: %s\n  %s\n", d.Topic, d.Default, d.Range, d.Note)
	}
	fmt.Fprintln(w, "\n== Red flags")
	for _, s := range protocol.Symptoms() {
		fmt.Fprintf(w, "  %-22s %-6s %s\n", s.ID, s.Urgency, s.Why)
	}
	return nil
}

// gearCmd is `rebound gear`.
type gearCmd struct{ g *globals }

func (c *gearCmd) Run(ctx context.Context, args []string) error {
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	fs := c.g.flags("gear", "gear [--json] | gear add NAME [--limit-km N] [--default] | gear assign RUN NAME | gear retire NAME")
	limit := fs.Float64("limit-km", 0, "replace after this many km (300-500 miles = 483-805 km is common practice)")
	def := fs.Bool("default", false, "give this shoe to newly imported runs")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	w := c.g.env.Stdout
	prof, err := db.FindProfile(ctx)
	if err != nil {
		return err
	}
	u := present.For(prof)
	switch sub {
	case "add":
		if len(pos) != 1 {
			fs.Usage()
			return &exitError{code: 2}
		}
		s := store.Shoe{Name: pos[0], LimitKm: *limit, Default: *def}
		if s.LimitKm == 0 {
			s.LimitKm = math.Round(protocol.ShoeLimitKmMax)
		}
		if err := db.SaveShoe(ctx, s); err != nil {
			return err
		}
		fmt.Fprintf(w, "Added %s (limit %s).\n", s.Name, u.Round(s.LimitKm*1000))
	case "assign":
		if len(pos) != 2 {
			fs.Usage()
			return &exitError{code: 2}
		}
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return rebound.Errorf(rebound.EINVALID, "run %q: want an activity id", pos[0])
		}
		shoe, err := db.FindShoe(ctx, pos[1])
		if err != nil {
			return err
		}
		if err := db.UpdateActivityGear(ctx, id, shoe.Name); err != nil {
			return err
		}
		fmt.Fprintf(w, "Run %d now counts towards %s.\n", id, shoe.Name)
	case "retire":
		if len(pos) != 1 {
			fs.Usage()
			return &exitError{code: 2}
		}
		shoe, err := db.FindShoe(ctx, pos[0])
		if err != nil {
			return err
		}
		shoe.Retired, shoe.Default = true, false
		if err := db.SaveShoe(ctx, shoe); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s retired.\n", shoe.Name)
	case "":
	default:
		fs.Usage()
		return &exitError{code: 2}
	}
	shoes, err := db.FindShoes(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(w, present.NewGear(shoes))
	}
	if sub != "" {
		return nil
	}
	if len(shoes) == 0 {
		fmt.Fprintln(w, "No shoes yet. Add one with: rebound gear add NAME [--limit-km N] [--default]")
		return nil
	}
	sort.SliceStable(shoes, func(i, j int) bool { return !shoes[i].Retired && shoes[j].Retired })
	for _, s := range shoes {
		status := ""
		switch {
		case s.Retired:
			status = "retired"
		case s.LimitKm > 0 && s.DistanceM/1000 >= s.LimitKm:
			status = "! past its limit: time for new shoes (" + shoeAdvice(u) + ")"
		case s.LimitKm > 0 && s.DistanceM/1000 >= 0.9*s.LimitKm:
			status = "nearing its limit"
		}
		if s.Default {
			status = strings.TrimSpace("default " + status)
		}
		fmt.Fprintf(w, "  %-24s %10s of %s  %3d runs  %s\n", s.Name, u.Distance(s.DistanceM), u.Distance(s.LimitKm*1000), s.Runs, status)
	}
	return nil
}

// shoeAdvice is when to replace running shoes, in the runner's units.
func shoeAdvice(u present.Units) string {
	lo, hi := protocol.ShoeLimitKmMin*1000, protocol.ShoeLimitKmMax*1000
	if u.Imperial() {
		return fmt.Sprintf("%s: every %.0f-%.0f mi", protocol.Short(protocol.Seed003), lo/present.MetresPerMile, hi/present.MetresPerMile)
	}
	return fmt.Sprintf("%s: every %.0f-%.0f km", protocol.Short(protocol.Seed003), lo/1000, hi/1000)
}
