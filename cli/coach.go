package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/store"
)

// loadState reads the runner's history and derives the coaching state at now.
func loadState(ctx context.Context, db store.Store, now time.Time) (*coach.State, error) {
	h, err := app.LoadHistory(ctx, db)
	if err != nil {
		return nil, err
	}
	return coach.NewState(h, now), nil
}

// stateNow opens the database and returns the athlete's state now, for
// the commands that read nothing else.
func (g *globals) stateNow(ctx context.Context) (*coach.State, error) {
	a, db, err := g.athlete(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return a.State(ctx)
}

// athlete opens the database and returns the use cases of the runner the
// command works on, with their coaching state read afresh at each call
// (app.Fresh). The caller closes the store.
func (g *globals) athlete(ctx context.Context) (*app.Athlete, store.Store, error) {
	db, err := g.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	return app.New(db, app.Fresh(db, g.env.now), g.env.now), db, nil
}

// planCmd is `rebound plan [ID|latest]`.
type planCmd struct{ g *globals }

func (c *planCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("plan", "plan [ID|latest] [--weight-before W --weight-after W] [--all] [--json]")
	var weights [2]*present.Weight
	for i, name := range []string{"weight-before", "weight-after"} {
		fs.Func(name, "body weight "+strings.TrimPrefix(name, "weight-")+" the run: 61.2kg, 135lb, or a number in your profile's units", func(v string) error {
			w, err := present.ParseWeight(v)
			weights[i] = &w
			return err
		})
	}
	all := fs.Bool("all", false, "print every step in full, the more options too")
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
	a, db, err := c.g.athlete(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	for {
		p, st, err := a.Plan(ctx, id, weights[0], weights[1])
		var q *present.WeightQuestion
		if errors.As(err, &q) {
			w, err := c.g.settle(q, "--"+strings.ReplaceAll(q.Field, "_", "-"))
			if err != nil {
				return err
			}
			weights[map[string]int{"weight_before": 0, "weight_after": 1}[q.Field]] = &w
			continue
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(c.g.env.Stdout, present.NewPlanJSON(p))
		}
		printPlan(c.g.env.Stdout, st, p, *all)
		printBackgroundPrompt(c.g.env.Stdout, st.H.Profile)
		return nil
	}
}

// settle answers a weight question: on a terminal it asks it and returns
// the weight chosen; elsewhere it refuses, naming both readings and how
// to give the unit with flag.
func (g *globals) settle(q *present.WeightQuestion, flag string) (present.Weight, error) {
	env := g.env
	hint := fmt.Sprintf("; give the unit: %s %gkg or %s %glb", flag, q.Taken.Value, flag, q.Taken.Value)
	if !env.terminal(env.Stdout) || env.Stdin == nil {
		return present.Weight{}, rebound.Errorf(rebound.EINVALID, "%s%s", q.Error(), hint)
	}
	fmt.Fprint(env.Stderr, q.Prompt()) // stdout may carry --json
	line, err := readLine(env.Stdin)
	if err != nil {
		return present.Weight{}, err
	}
	yes := strings.HasPrefix(strings.ToLower(strings.TrimSpace(line)), "y")
	w, ok := q.Answer(yes)
	if !ok {
		return present.Weight{}, rebound.Errorf(rebound.EINVALID, "nothing saved%s", hint)
	}
	return w, nil
}

// printPlan prints a plan: the run, when the legs are ready (on hold while
// a red flag stands), this run's soreness, food and drink, and the steps
// by priority, a group of alternatives as one item; the more options by
// name only unless all.
func printPlan(w io.Writer, st *coach.State, p *coach.Plan, all bool) {
	prof := st.H.Profile
	u := present.For(prof)
	loc := prof.Location()
	e := st.Entries[st.Index(p.Run.ID)]
	fmt.Fprintf(w, "Recovery plan for #%d %s — %s, %s\n", p.Run.ID, present.Title(e, prof), u.Distance(p.Run.DistanceM), p.Run.Start.In(loc).Format("Mon 2 Jan 15:04"))
	fmt.Fprintf(w, "  %s.\n", present.KindSentence(e))
	fmt.Fprintf(w, "  Load %.0f (TRIMP, from %s).\n\n", p.Run.Load, p.Run.LoadFrom)
	printSeeProfessional(w, p.SeeProfessional, prof)
	r := p.Recovery
	fmt.Fprintln(w, "Legs ready")
	for _, l := range present.LegsReady(p, st.Now) {
		if p.OnHold != "" {
			fmt.Fprintf(w, "  %s. %s%s.\n", l.When, l.Note, clearWhere(p.SeeProfessional, prof))
			continue
		}
		fmt.Fprintf(w, "  %-15s %s (%s)\n", l.Label+":", l.When, l.Note)
	}
	if p.OnHold == "" {
		if r.DeviceH != nil {
			fmt.Fprintf(w, "  %-15s %.0f h (its own recovery time)\n", "Your watch:", *r.DeviceH)
		}
		for _, why := range r.Reasons {
			fmt.Fprintf(w, "    · %s\n", why)
		}
	}
	fmt.Fprintln(w, "\nSoreness forecast from this run (peak, 0-10)")
	for _, s := range p.Soreness {
		if s.Peak < 0.5 {
			continue
		}
		fmt.Fprintf(w, "  %-12s %4.1f  %-20s peaks %s after\n", present.MuscleLabel(string(s.Muscle)), s.Peak, bar(s.Peak, 10, 20), present.Hours(s.PeakHours))
	}
	if len(p.EarlierSoreness) > 0 {
		fmt.Fprintf(w, "  %s.\n", present.EarlierSorenessNote(p.EarlierSoreness))
	}
	n := p.Nutrition
	fmt.Fprintln(w, "\nRefuel and rehydrate (within 30-60 min)")
	if n.CarbsG.Max > 0 {
		fmt.Fprintf(w, "  Carbohydrate  %.0f-%.0f g\n  Protein       %.0f-%.0f g\n", n.CarbsG.Min, n.CarbsG.Max, n.ProteinG.Min, n.ProteinG.Max)
	}
	fmt.Fprintf(w, "  Fluid         %s", u.VolumeRange(n.FluidML.Min, n.FluidML.Max))
	if len(n.Notes) > 0 {
		fmt.Fprintf(w, " (%s)", n.Notes[0])
	}
	fmt.Fprintln(w)
	if n.Electrolytes {
		fmt.Fprintln(w, "  Electrolytes  yes: a sports drink or tablet with it")
	}
	priority := -1
	var more []string
	for _, it := range present.Items(present.PlanOrder(p.Steps)) {
		if it.Priority == coach.MoreOptions && !all {
			more = append(more, it.Title())
			continue
		}
		if it.Priority != priority {
			priority = it.Priority
			fmt.Fprintf(w, "\n%s\n", present.PriorityHeading(priority))
		}
		printItem(w, it, false, present.StepWhen(it.Steps[0]))
	}
	if len(more) > 0 {
		fmt.Fprintf(w, "\n%s (rebound plan %d --all shows them in full)\n", present.PriorityHeading(coach.MoreOptions), p.Run.ID)
		fmt.Fprintf(w, "  %s\n", strings.Join(more, "; "))
	}
	if len(p.Skipped) > 0 {
		fmt.Fprintln(w, "\nLeft out for you")
		for _, s := range p.Skipped {
			where := ""
			if len(s.Needs) > 0 {
				where = " (add it with rebound profile set --equipment)"
			}
			fmt.Fprintf(w, "  - %s: %s%s\n", s.Name, s.Reason, where)
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

// printItem prints a plan's item (a step, or a group of alternatives as
// one) as a checklist item, ticked when done, said to happen when.
func printItem(w io.Writer, it present.Item, done bool, when string) {
	box := "[ ]"
	if done {
		box = "[x]"
	}
	fmt.Fprintf(w, "  %s %s  (%s)\n", box, it.Title(), when)
	if it.Group == nil {
		s := it.Steps[0]
		if s.Dose != "" {
			fmt.Fprintf(w, "      Dose:     %s\n", s.Dose)
		}
		fmt.Fprintf(w, "      Why:      %s\n", s.Why)
		if s.Note != "" {
			fmt.Fprintf(w, "      For you:  %s\n", s.Note)
		}
		fmt.Fprintf(w, "      Evidence: %s · Sources: %s\n", present.GradeFor(s.Evidence).Label, strings.Join(present.CiteBrief(s.Sources), "; "))
		return
	}
	fmt.Fprintf(w, "      Why:      %s\n", it.Why())
	for _, s := range it.Steps {
		fmt.Fprintf(w, "      - %s: %s (%s)\n", s.Title, s.Dose, strings.ToLower(present.GradeFor(s.Evidence).Label))
		if s.Note != "" {
			fmt.Fprintf(w, "        For you: %s\n", s.Note)
		}
	}
	fmt.Fprintf(w, "      Sources:  %s\n", strings.Join(present.CiteBrief(it.Sources()), "; "))
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
func printSeeProfessional(w io.Writer, sp coach.SeeProfessional, prof profile.Profile) {
	if !sp.Needed {
		return
	}
	fmt.Fprintf(w, "!! %s\n   %s\n", present.FlagHeading(sp.Urgency), present.FlagAdvice(sp))
	for _, r := range sp.Reasons {
		fmt.Fprintf(w, "   - %s\n", r)
	}
	if sp.Clear != "" {
		fmt.Fprintf(w, "   %s To clear it: %s%s.\n", present.NoTraining, sp.Clear, clearWhere(sp, prof))
	}
	fmt.Fprintln(w)
}

// clearWhere is where on the command line a red flag is cleared: the
// commands for its ClearSteps (the injury off the profile keeps the
// runner's other conditions).
func clearWhere(sp coach.SeeProfessional, prof profile.Profile) string {
	var cmds []string
	for _, c := range sp.ClearSteps {
		switch c.By {
		case coach.ClearBySymptoms:
			cmds = append(cmds, "rebound checkin --symptoms none")
		case coach.ClearByInjury:
			rest := slices.DeleteFunc(slices.Clone(prof.Conditions), func(c string) bool { return c == protocol.CondInjury })
			cmds = append(cmds, "rebound profile set --conditions "+cmp.Or(strings.Join(rest, ","), "none"))
		case coach.ClearBySoreness:
			cmds = append(cmds, "rebound checkin --soreness MUSCLE=RATING")
		}
	}
	if len(cmds) == 0 {
		return ""
	}
	return " (" + strings.Join(cmds, "; ") + ")"
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
	a, db, err := c.g.athlete(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	d, err := a.Today(ctx, *date)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.g.env.Stdout, present.NewTodayJSON(d.Today))
	}
	printToday(c.g.env.Stdout, d.State, d.Today, d.Checklist)
	printBackgroundPrompt(c.g.env.Stdout, d.State.H.Profile)
	return nil
}

// printToday prints the day's readiness and checklist, with the steps
// ticked in cl (on the web, say) marked [x].
func printToday(w io.Writer, st *coach.State, t *coach.Today, cl present.Checklist) {
	prof := st.H.Profile
	loc := prof.Location()
	printSeeProfessional(w, t.SeeProfessional, prof)
	if n, ok := t.Score(); ok {
		fmt.Fprintf(w, "Readiness %s: %d/100  %s\n", t.Date, n, bar(float64(n), 100, 20))
	} else {
		fmt.Fprintf(w, "Readiness %s: not enough data yet\n", t.Date)
	}
	a := present.AdviceFor(t.Recommendation)
	fmt.Fprintf(w, "Recommendation: %s. %s\n", a.Label, a.Hint)
	for _, r := range t.Reasons {
		fmt.Fprintf(w, "  · %s\n", r)
	}
	if note := present.ReadyNote(t, st.Now); note != "" {
		fmt.Fprintf(w, "  %s.\n", note)
	}
	if lr := t.LastRun; lr != nil {
		if i := st.Index(lr.ID); i >= 0 {
			fmt.Fprintf(w, "  Last: #%d %s, %s, %s.\n", lr.ID, present.Title(st.Entries[i], prof),
				lr.Start.In(loc).Format("Mon 2 Jan 15:04"), present.For(prof).Distance(lr.DistanceM))
		}
	}
	fmt.Fprintln(w, "\nFactors")
	for _, f := range t.Factors {
		pen := ""
		if f.Penalty >= 0.5 {
			pen = fmt.Sprintf("−%.0f", f.Penalty)
		}
		fmt.Fprintf(w, "  %-24s %-7s %4s  %s — %s\n", f.Name, present.StatusWord(f.Status), pen, f.Value, f.Reason)
	}
	fmt.Fprintln(w, "\nSoreness now (0-10)")
	for _, s := range t.SorenessNow {
		fmt.Fprintf(w, "  %-12s %4.1f  %s  %s, tomorrow %.1f\n", present.MuscleLabel(string(s.Muscle)), s.Value, bar(s.Value, 10, 20), s.Source, s.In24h)
	}
	if len(t.Steps) > 0 {
		fmt.Fprintln(w, "\nToday's checklist")
		done := map[string]bool{}
		for _, s := range cl.Steps {
			done[s.ID] = s.Done
		}
		for _, it := range present.Items(t.Steps) {
			_, ticked := it.Ticked(done)
			printItem(w, it, ticked, present.StepWhenToday(it.Steps[0], st.Now))
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
