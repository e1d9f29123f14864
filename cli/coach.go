package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/store"
)

// loadState reads the runner's history and derives the coaching state at now.
func loadState(ctx context.Context, db store.Store, now time.Time) (*coach.State, error) {
	h, err := coach.LoadHistory(ctx, db)
	if err != nil {
		return nil, err
	}
	return coach.NewState(h, now), nil
}

// stateNow opens the database and returns the athlete's state now, for
// the commands that read nothing else.
func (g *globals) stateNow(ctx context.Context) (*coach.State, error) {
	db, err := g.open(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return loadState(ctx, db, g.env.now())
}

// planCmd is `rebound plan [ID|latest]`.
type planCmd struct{ g *globals }

func (c *planCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("plan", "plan [ID|latest] [--weight-before KG --weight-after KG] [--json]")
	before := fs.Float64("weight-before", 0, "body weight before the run (kg, or lb with imperial units)")
	after := fs.Float64("weight-after", 0, "body weight after the run")
	asJSON := fs.Bool("json", false, "print JSON (see docs/json.md)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	var id int64
	if len(pos) > 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	if len(pos) == 1 && pos[0] != "latest" {
		n, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return rebound.Errorf(rebound.EINVALID, "activity %q: want an id from rebound runs, or latest", pos[0])
		}
		id = n
	}
	if (*before > 0) != (*after > 0) {
		return rebound.Errorf(rebound.EINVALID, "give both --weight-before and --weight-after")
	}
	st, err := c.g.stateNow(ctx)
	if err != nil {
		return err
	}
	w := coach.WeightChange{BeforeKg: *before, AfterKg: *after}
	if st.H.Profile.UnitsOrDefault() == profile.Imperial {
		w.BeforeKg *= present.KgPerPound
		w.AfterKg *= present.KgPerPound
	}
	p, err := st.Plan(id, w)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.g.env.Stdout, p)
	}
	printPlan(c.g.env.Stdout, p, st.H.Profile)
	return nil
}

// window formats a step's time window relative to the run's end.
func window(startH, endH float64) string {
	f := func(h float64) string {
		switch {
		case h < 1:
			return fmt.Sprintf("%.0f min", h*60)
		case h < 48 || math.Mod(h, 24) != 0:
			return fmt.Sprintf("%.0f h", h)
		}
		return fmt.Sprintf("%.0f d", h/24)
	}
	if endH >= 24*7 {
		return "from " + f(startH) + " on"
	}
	return f(startH) + " – " + f(endH)
}

var phaseTitles = map[string]string{
	"immediate": "First hour", "same-day": "Later today", "days-1-3": "The next days", "long-term": "This week and beyond",
}

func printPlan(w io.Writer, p *coach.Plan, prof profile.Profile) {
	u := present.For(prof)
	loc := prof.Location()
	name := p.Run.Name
	if name == "" {
		name = strings.ToUpper(p.Run.Sport[:1]) + p.Run.Sport[1:]
	}
	fmt.Fprintf(w, "Recovery plan for #%d %s — %s, %s\n", p.Run.ID, name, u.Distance(p.Run.DistanceM), p.Run.Start.In(loc).Format("Mon 2 Jan 15:04"))
	fmt.Fprintf(w, "  A %s run: %s.\n", p.Run.Kind, strings.Join(p.Run.KindWhy, "; "))
	fmt.Fprintf(w, "  Load %.0f (TRIMP, from %s).\n\n", p.Run.Load, p.Run.LoadFrom)
	printSeeProfessional(w, p.SeeProfessional)
	r := p.Recovery
	fmt.Fprintf(w, "Legs ready\n  Easy running:   %s (%.0f h after the run)\n  Hard sessions:  %s (%.0f h)\n",
		r.EasyAt.In(loc).Format("Mon 2 Jan 15:04"), r.EasyH, r.ReadyAt.In(loc).Format("Mon 2 Jan 15:04"), r.HardH)
	for _, why := range r.Reasons {
		fmt.Fprintf(w, "    · %s\n", why)
	}
	fmt.Fprintln(w, "\nSoreness forecast (peak, 0-10)")
	for _, s := range p.Soreness {
		if s.Peak < 0.5 {
			continue
		}
		fmt.Fprintf(w, "  %-12s %4.1f  %-20s peaks %s after\n", s.Muscle, s.Peak, bar(s.Peak, 10, 20), hoursText(s.PeakHours))
	}
	n := p.Nutrition
	fmt.Fprintln(w, "\nRefuel and rehydrate (within 30-60 min)")
	if n.CarbsG.Max > 0 {
		fmt.Fprintf(w, "  Carbohydrate  %.0f-%.0f g\n  Protein       %.0f-%.0f g\n", n.CarbsG.Min, n.CarbsG.Max, n.ProteinG.Min, n.ProteinG.Max)
	}
	fmt.Fprintf(w, "  Fluid         %s-%s", u.Volume(n.FluidML.Min), u.Volume(n.FluidML.Max))
	if len(n.Notes) > 0 {
		fmt.Fprintf(w, " (%s)", n.Notes[0])
	}
	fmt.Fprintln(w)
	if n.Electrolytes {
		fmt.Fprintln(w, "  Electrolytes  yes: a sports drink or tablet with it")
	}
	phase := ""
	for _, s := range p.Steps {
		if s.Phase != phase {
			phase = s.Phase
			fmt.Fprintf(w, "\n%s\n", phaseTitles[phase])
		}
		printStep(w, s)
	}
	if len(p.Skipped) > 0 {
		fmt.Fprintln(w, "\nLeft out for you")
		for _, s := range p.Skipped {
			fmt.Fprintf(w, "  - %s: %s\n", s.ID, s.Reason)
		}
	}
	if len(p.Warnings) > 0 {
		fmt.Fprintln(w, "\nWarnings")
		for _, x := range p.Warnings {
			fmt.Fprintf(w, "  ! %s\n", x.Message)
		}
	}
	fmt.Fprintf(w, "\n%s\n", p.Disclaimer)
}

func printStep(w io.Writer, s coach.Step) {
	if s.StartH < 0 {
		until := ""
		if s.EndAt.Sub(s.StartAt) < 6*24*time.Hour {
			until = "  (until " + s.EndAt.Format("Mon 15:04") + ")"
		}
		fmt.Fprintf(w, "  [ ] %s%s\n", s.Title, until)
	} else {
		fmt.Fprintf(w, "  [ ] %s  (%s)\n", s.Title, window(s.StartH, s.EndH))
	}
	if s.Dose != "" {
		fmt.Fprintf(w, "      Dose:     %s\n", s.Dose)
	}
	fmt.Fprintf(w, "      Why:      %s\n", s.Why)
	if s.Note != "" {
		fmt.Fprintf(w, "      For you:  %s\n", s.Note)
	}
	fmt.Fprintf(w, "      Evidence: %s · Sources: %s\n", s.Evidence, strings.Join(s.Sources, ", "))
}

func hoursText(h float64) string {
	if h < 48 {
		return fmt.Sprintf("%.0f h", h)
	}
	return fmt.Sprintf("%.1f days", h/24)
}

func bar(v, max float64, width int) string {
	n := int(math.Round(v / max * float64(width)))
	n = min(max2(n, 0), width)
	return strings.Repeat("█", n) + strings.Repeat("·", width-n)
}

func max2(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// printSeeProfessional prints a red flag first, with why and how to clear
// it; nothing without one.
func printSeeProfessional(w io.Writer, sp coach.SeeProfessional) {
	if !sp.Needed {
		return
	}
	fmt.Fprintf(w, "!! SEE A PROFESSIONAL (%s)\n", strings.ToUpper(sp.Urgency))
	for _, r := range sp.Reasons {
		fmt.Fprintf(w, "   - %s\n", r)
	}
	if sp.Clear != "" {
		how := ""
		if sp.Since != nil { // a reported symptom
			how = " (rebound checkin --symptoms none)"
		}
		fmt.Fprintf(w, "   No training until it is cleared. To clear it: %s%s.\n", sp.Clear, how)
	}
	fmt.Fprintln(w)
}

// todayCmd is `rebound today`.
type todayCmd struct{ g *globals }

func (c *todayCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("today", "today [--date D] [--json]")
	date := fs.String("date", "", "the day to assess (YYYY-MM-DD; default today)")
	asJSON := fs.Bool("json", false, "print JSON (see docs/json.md)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	now, err := c.at(ctx, db, *date)
	if err != nil {
		return err
	}
	st, err := loadState(ctx, db, now)
	if err != nil {
		return err
	}
	t := st.Today()
	if *asJSON {
		return writeJSON(c.g.env.Stdout, t)
	}
	printToday(c.g.env.Stdout, t, st.H.Profile)
	return nil
}

// at returns the moment to assess: now, or a given day at the time of
// day it is now (noon for past days).
func (c *todayCmd) at(ctx context.Context, db store.Store, date string) (time.Time, error) {
	now := c.g.env.now()
	if date == "" {
		return now, nil
	}
	p, err := db.FindProfile(ctx)
	if err != nil {
		return now, err
	}
	d, err := parseDate(date, p.Location())
	if err != nil {
		return now, err
	}
	return d.Add(12 * time.Hour), nil
}

func printToday(w io.Writer, t *coach.Today, prof profile.Profile) {
	loc := prof.Location()
	printSeeProfessional(w, t.SeeProfessional)
	if n, ok := t.Score(); ok {
		fmt.Fprintf(w, "Readiness %s: %d/100  %s\n", t.Date, n, bar(float64(n), 100, 20))
	} else {
		fmt.Fprintf(w, "Readiness %s: not enough data yet\n", t.Date)
	}
	fmt.Fprintf(w, "Recommendation: %s\n", strings.ToUpper(strings.ReplaceAll(t.Recommendation, "-", " ")))
	for _, r := range t.Reasons {
		fmt.Fprintf(w, "  · %s\n", r)
	}
	if t.EasyAt != nil {
		fmt.Fprintf(w, "  Easy running from %s; hard sessions from %s.\n", t.EasyAt.In(loc).Format("Mon 15:04"), t.ReadyAt.In(loc).Format("Mon 15:04"))
	}
	fmt.Fprintln(w, "\nFactors")
	for _, f := range t.Factors {
		pen := ""
		if f.Penalty >= 0.5 {
			pen = fmt.Sprintf("−%.0f", f.Penalty)
		}
		fmt.Fprintf(w, "  %-24s %-7s %4s  %s — %s\n", f.Name, f.Status, pen, f.Value, f.Reason)
	}
	fmt.Fprintln(w, "\nSoreness now (0-10)")
	for _, s := range t.SorenessNow {
		fmt.Fprintf(w, "  %-12s %4.1f  %s  %s, tomorrow %.1f\n", s.Muscle, s.Value, bar(s.Value, 10, 20), s.Source, s.In24h)
	}
	if len(t.Steps) > 0 {
		fmt.Fprintln(w, "\nToday's checklist")
		for _, s := range t.Steps {
			s.StartH, s.EndH = -1, -1 // print the clock window instead
			printStep(w, s)
		}
	}
	for _, x := range t.Warnings {
		fmt.Fprintf(w, "\n  ! %s", x.Message)
	}
	if len(t.Warnings) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\n%s\n", t.Disclaimer)
}
