package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/present"
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
	fmt.Fprintf(w, "  Fitness (42-day)   %6.1f\n  Fatigue (7-day)    %6.1f\n  Form               %+6.1f   (yesterday's fitness − fatigue)\n", out.Fitness, out.Fatigue, out.Form)
	fmt.Fprintf(w, "  Acute:chronic      %6s   %s\n", numText(float64(out.ACWR), "%.2f"), acwrWord(float64(out.ACWR)))
	fmt.Fprintf(w, "  Monotony / strain  %6s / %s   (Foster 1998; monotony above 2 means too little variation)\n", numText(float64(out.Monotony), "%.2f"), numText(float64(out.Strain), "%.0f"))
	fmt.Fprintf(w, "\nWeekly running\n  %-10s %10s %8s %6s %5s\n", "Week of", "Distance", "Change", "Load", "Runs")
	for _, x := range out.Weeks {
		flag, change := "", pctText(float64(x.Change))
		if x.OverLimit {
			flag = "  ! over the 10% rule"
		}
		if x.SoFar {
			flag, change = "  (so far)", ""
			if x.OverLimit {
				flag = "  (so far) ! already over the 10% rule"
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

func acwrWord(v float64) string {
	switch {
	case math.IsNaN(v):
		return "(needs 4 weeks of history)"
	case v > load.ACWRRisk:
		return "(a spike on what you are used to)"
	case v > load.ACWRHigh:
		return "(above your usual)"
	case v < load.ACWRLow:
		return "(below your usual)"
	}
	return "(in step with your usual)"
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
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	now, err := (&todayCmd{g: c.g}).at(ctx, db, *date)
	if err != nil {
		return err
	}
	st, err := loadState(ctx, db, now)
	if err != nil {
		return err
	}
	wp := st.Week()
	if *asJSON {
		return writeJSON(c.g.env.Stdout, wp)
	}
	printWeek(c.g.env.Stdout, wp, present.For(st.H.Profile))
	return nil
}

func printWeek(w io.Writer, wp *coach.WeekPlan, u present.Units) {
	if sp := wp.SeeProfessional; sp.Needed {
		fmt.Fprintf(w, "!! SEE A PROFESSIONAL (%s): no training this week until it is cleared\n", strings.ToUpper(sp.Urgency))
		for _, r := range sp.Reasons {
			fmt.Fprintf(w, "   - %s\n", r)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "The 7 days from %s: %s of running planned", wp.From, u.Distance(wp.TargetM))
	if wp.FourWeekAverageM != nil {
		fmt.Fprintf(w, " (your 4-week average %s a week, the 10%% rule's cap %s; last 7 days %s)", u.Distance(*wp.FourWeekAverageM), u.Distance(*wp.TenPercentCap), u.Distance(wp.LastWeekM))
	}
	fmt.Fprintln(w)
	if p := wp.Pattern; !p.Assumed && !wp.SeeProfessional.Needed {
		fmt.Fprintf(w, "Your last %d weeks: %d runs a week, easy runs about %s", p.Weeks, p.RunsPerWeek, u.Distance(p.EasyM))
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
		fmt.Fprintf(w, "  %s %-9s  %-22s %10s  %s\n", d.Date, d.Weekday, d.Type+extra, dist, strings.Join(d.Reasons, "; "))
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
	fmt.Fprintf(w, "  Peak soreness:   %.0f h after a run   (population %.0f h)\n", f.Params.PeakH, recovery.DefaultPeakH)
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

func (c *protocolCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("protocol", "protocol [--json]")
	asJSON := fs.Bool("json", false, "print the whole rule base as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.g.env.Stdout, present.NewProtocol())
	}
	w := c.g.env.Stdout
	phase := protocol.Phase("")
	for _, t := range protocol.Techniques() {
		if t.Phase != phase {
			phase = t.Phase
			fmt.Fprintf(w, "\n== %s (%s)\n", phaseTitles[string(phase)], phase.Meaning())
		}
		fmt.Fprintf(w, "\n%s [%s]  %s · evidence %s\n", t.Name, t.ID, window(t.StartH, t.EndH), t.Evidence)
		if t.Dose.Text != "" {
			fmt.Fprintf(w, "  Dose: %s\n", t.Dose.Text)
		}
		fmt.Fprintf(w, "  How:  %s\n  Why:  %s\n", t.How, t.Why)
		if len(t.Requires) > 0 {
			fmt.Fprintf(w, "  Needs: %s\n", strings.Join(t.Requires, " or "))
		}
		for _, ci := range t.Contraindications {
			fmt.Fprintf(w, "  Caution (%s, %s): %s\n", ci.Condition, ci.Action, ci.Why)
		}
		var refs []string
		for _, s := range t.Sources {
			refs = append(refs, s.Ref)
		}
		fmt.Fprintf(w, "  Sources: %s\n", strings.Join(refs, "; "))
	}
	fmt.Fprintln(w, "\n== Where the sources disagree")
	for _, d := range protocol.Disagreements() {
		fmt.Fprintf(w, "\n%s\n  Rebound uses: %s\n  Range: %s\n  %s\n", d.Topic, d.Default, d.Range, d.Note)
	}
	fmt.Fprintln(w, "\n== Red flags")
	for _, s := range protocol.Symptoms() {
		fmt.Fprintf(w, "  %-22s %-6s %s\n", s.ID, s.Urgency, s.Why)
	}
	return nil
}

// checkinCmd is `rebound checkin`.
type checkinCmd struct{ g *globals }

func (c *checkinCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("checkin", "checkin [--date D] [--soreness calves=4,quads=6,...] [--sleep HOURS] [--sleep-quality 1-5] [--stress 1-5] [--resting-hr BPM] [--hrv MS] [--rpe RUN=0-10|none] [--symptoms LIST]")
	date := fs.String("date", "", "the day (YYYY-MM-DD; default today)")
	sore := fs.String("soreness", "", "soreness 0-10 per muscle group: "+musclesList())
	sleep := fs.Float64("sleep", math.NaN(), "hours slept last night")
	quality := fs.Float64("sleep-quality", math.NaN(), "sleep quality 1-5")
	stress := fs.Float64("stress", math.NaN(), "stress 1-5")
	rhr := fs.Float64("resting-hr", math.NaN(), "morning resting heart rate, bpm")
	hrv := fs.Float64("hrv", math.NaN(), "morning HRV (rMSSD), ms")
	rpe := fs.String("rpe", "", "session effort 0-10 for a run: RUN=RPE (RUN an id or latest); RUN=none removes its rating")
	symptoms := fs.String("symptoms", "", "comma-separated: "+symptomList())
	asJSON := fs.Bool("json", false, "print today's readiness as JSON after saving")
	if err := fs.Parse(args); err != nil {
		return err
	}
	env := c.g.env
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	prof, err := db.FindProfile(ctx)
	if err != nil {
		return err
	}
	loc := prof.Location()
	day := startOfDay(env.now().In(loc))
	if *date != "" {
		if day, err = parseDate(*date, loc); err != nil {
			return err
		}
	}
	ci := recovery.CheckIn{Date: day, Soreness: map[recovery.Muscle]float64{}, SleepH: *sleep, SleepQuality: *quality,
		Stress: *stress, RestingHR: *rhr, HRVms: *hrv, Symptoms: []string{}}
	given := 0
	fs.Visit(func(f *flagDef) { given++ })
	if given == 0 && env.terminal(env.Stdout) && env.Stdin != nil {
		if err := askCheckIn(env.Stdin, env.Stdout, &ci); err != nil {
			return err
		}
	} else {
		if err := parseSoreness(*sore, ci.Soreness); err != nil {
			return err
		}
		if err := parseSymptoms(*symptoms, &ci.Symptoms); err != nil {
			return err
		}
	}
	if err := recovery.ValidateCheckIn(ci); err != nil {
		return err
	}
	// Keep what an earlier check-in of the same day said unless replaced.
	if old, err := db.FindCheckIns(ctx, day, day.AddDate(0, 0, 1), loc); err == nil && len(old) == 1 {
		ci = recovery.MergeCheckIn(old[0], ci)
	}
	if err := db.SaveCheckIn(ctx, ci); err != nil {
		return err
	}
	if *rpe != "" {
		if err := c.saveRPE(ctx, db, *rpe); err != nil {
			return err
		}
	}
	st, err := loadState(ctx, db, env.now())
	if err != nil {
		return err
	}
	t := st.Today()
	if *asJSON {
		return writeJSON(env.Stdout, t)
	}
	fmt.Fprintf(env.Stdout, "Check-in for %s saved.\n\n", day.Format("Mon 2 Jan"))
	printToday(env.Stdout, t, st.H.Profile)
	return nil
}

type flagDef = flag.Flag

// saveRPE rates a run (RUN=0-10) or removes its rating (RUN=none).
func (c *checkinCmd) saveRPE(ctx context.Context, db interface {
	FindActivities(context.Context, store.ActivityFilter) ([]*store.Activity, int, error)
	SaveRPE(context.Context, int64, float64) error
	DeleteRPE(context.Context, int64) error
}, spec string) error {
	run, val, ok := strings.Cut(spec, "=")
	if !ok {
		return rebound.Errorf(rebound.EINVALID, "--rpe %q: want RUN=0-10 or RUN=none, e.g. latest=6", spec)
	}
	remove := val == "none"
	v, err := strconv.ParseFloat(val, 64)
	if !remove && (err != nil || v < 0 || v > 10) {
		return rebound.Errorf(rebound.EINVALID, "--rpe %q: the rating must be 0-10, or none to remove it", spec)
	}
	var id int64
	if run == "latest" {
		acts, _, err := db.FindActivities(ctx, store.ActivityFilter{Limit: 1})
		if err != nil {
			return err
		}
		if len(acts) == 0 {
			return rebound.Errorf(rebound.ENOTFOUND, "no activities to rate")
		}
		id = acts[0].ID
	} else if id, err = strconv.ParseInt(run, 10, 64); err != nil {
		return rebound.Errorf(rebound.EINVALID, "--rpe %q: RUN must be an activity id or latest", spec)
	}
	if remove {
		return db.DeleteRPE(ctx, id)
	}
	return db.SaveRPE(ctx, id, v)
}

func musclesList() string {
	var s []string
	for _, m := range recovery.Muscles {
		s = append(s, string(m))
	}
	return strings.Join(s, ", ")
}

func symptomList() string { return strings.Join(protocol.SymptomIDs(), ", ") }

func parseSoreness(spec string, into map[recovery.Muscle]float64) error {
	if spec == "" {
		return nil
	}
	for _, part := range strings.Split(spec, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		m := recovery.Muscle(strings.ToLower(strings.TrimSpace(k)))
		if !ok || !recovery.ValidMuscle(m) {
			return rebound.Errorf(rebound.EINVALID, "--soreness %q: want muscle=0-10 with muscle one of %s", part, musclesList())
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || f < 0 || f > 10 {
			return rebound.Errorf(rebound.EINVALID, "--soreness %q: the rating must be 0-10", part)
		}
		into[m] = f
	}
	return nil
}

func parseSymptoms(spec string, into *[]string) error {
	if spec == "" {
		return nil
	}
	for _, s := range strings.Split(spec, ",") {
		s = strings.ToLower(strings.TrimSpace(s))
		if _, ok := protocol.SymptomByID(s); !ok {
			return rebound.Errorf(rebound.EINVALID, "symptom %q: want one of %s", s, symptomList())
		}
		*into = append(*into, s)
	}
	return nil
}

// askCheckIn asks the check-in question by question on a terminal.
func askCheckIn(in io.Reader, out io.Writer, c *recovery.CheckIn) error {
	sc := bufio.NewScanner(in)
	ask := func(q string) (string, bool) {
		fmt.Fprintf(out, "%s ", q)
		if !sc.Scan() {
			return "", false
		}
		return strings.TrimSpace(sc.Text()), true
	}
	num := func(q string, lo, hi float64) (float64, bool) {
		for {
			s, ok := ask(q)
			if !ok {
				return math.NaN(), false
			}
			if s == "" {
				return math.NaN(), true
			}
			v, err := strconv.ParseFloat(s, 64)
			if err == nil && v >= lo && v <= hi {
				return v, true
			}
			fmt.Fprintf(out, "  please give a number from %g to %g, or press Enter to skip\n", lo, hi)
		}
	}
	fmt.Fprintln(out, "Daily check-in (press Enter to skip a question)")
	for _, m := range recovery.Muscles {
		v, ok := num(fmt.Sprintf("  %s soreness 0-10?", m), 0, 10)
		if !ok {
			return nil
		}
		if !math.IsNaN(v) {
			c.Soreness[m] = v
		}
	}
	var ok bool
	if c.SleepH, ok = num("  Hours slept last night?", 0, 24); !ok {
		return nil
	}
	if c.SleepQuality, ok = num("  Sleep quality 1-5?", 1, 5); !ok {
		return nil
	}
	if c.Stress, ok = num("  Stress 1-5?", 1, 5); !ok {
		return nil
	}
	if c.RestingHR, ok = num("  Morning resting heart rate (bpm)?", 25, 150); !ok {
		return nil
	}
	if c.HRVms, ok = num("  Morning HRV, rMSSD (ms)?", 1, 400); !ok {
		return nil
	}
	for {
		s, ok := ask("  Any of these? " + symptomList() + " (comma-separated, Enter for none)")
		if !ok || s == "" {
			return nil
		}
		var syms []string
		if err := parseSymptoms(s, &syms); err != nil {
			fmt.Fprintf(out, "  %s\n", rebound.ErrorMessage(err))
			continue
		}
		c.Symptoms = syms
		return nil
	}
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
		fmt.Fprintf(w, "Added %s (limit %.0f km).\n", s.Name, s.LimitKm)
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
		return writeJSON(w, shoes)
	}
	if sub != "" {
		return nil
	}
	prof, err := db.FindProfile(ctx)
	if err != nil {
		return err
	}
	u := present.For(prof)
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
			status = "! past its limit: time for new shoes (seed 003: every 300-500 miles)"
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
