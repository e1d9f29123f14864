package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// optNum is a number flag that may be left out: NaN until given. Its
// help shows no default (a float64 flag's would read "(default NaN)"):
// its zero value reads "" as NaN does.
type optNum struct{ v *float64 }

func (o optNum) String() string {
	if o.v == nil || math.IsNaN(*o.v) {
		return ""
	}
	return strconv.FormatFloat(*o.v, 'g', -1, 64)
}

func (o optNum) Set(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return errors.New("not a number")
	}
	*o.v = f
	return nil
}

// checkinCmd is `rebound checkin`.
type checkinCmd struct{ g *globals }

func (c *checkinCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("checkin", "checkin [--date D] [--soreness calves=4,quads=6,...] [--sleep HOURS] [--sleep-quality 1-5] [--stress 1-5] [--resting-hr BPM] [--hrv MS] [--rpe RUN=0-10|none] [--symptoms LIST|none]")
	date := fs.String("date", "", "the day (YYYY-MM-DD; default today)")
	sore := fs.String("soreness", "", "soreness 0-10 per muscle group: "+present.MuscleList())
	nums := map[string]*float64{}
	for _, f := range []struct{ name, usage string }{
		{"sleep", "`hours` slept last night"}, {"sleep-quality", "sleep quality `1-5`"}, {"stress", "stress `1-5`"},
		{"resting-hr", "morning resting heart rate, `bpm`"}, {"hrv", "morning HRV (rMSSD), `ms`"},
	} {
		v := math.NaN()
		nums[f.name] = &v
		fs.Var(optNum{&v}, f.name, f.usage)
	}
	rpe := fs.String("rpe", "", "session effort 0-10 for a run: RUN=RPE (RUN an id or latest); RUN=none removes its rating")
	symptoms := fs.String("symptoms", "", "the red-flag symptoms you have today, comma-separated ("+symptomList()+"), or none: clears earlier ones")
	asJSON := fs.Bool("json", false, "print today's readiness as JSON after saving")
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	env := c.g.env
	in := present.CheckInInput{Date: *date, Soreness: map[string]float64{}}
	if len(set) == 0 && env.terminal(env.Stdout) && env.Stdin != nil {
		askCheckIn(env.Stdin, env.Stdout, &in)
	} else {
		if err := parseSoreness(*sore, in.Soreness); err != nil {
			return err
		}
		for name, p := range map[string]**float64{"sleep": &in.SleepH, "sleep-quality": &in.SleepQuality, "stress": &in.Stress,
			"resting-hr": &in.RestingHR, "hrv": &in.HRVms} {
			if set[name] {
				*p = nums[name]
			}
		}
		if set["symptoms"] {
			var err error
			if in.Symptoms, err = parseSymptoms(*symptoms); err != nil {
				return err
			}
		}
		if set["rpe"] {
			if err := parseRPE(*rpe, &in); err != nil {
				return err
			}
		}
	}
	a, db, err := c.g.athlete(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := a.CheckIn(ctx, in)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, present.NewTodayJSON(res.Today))
	}
	fmt.Fprintf(env.Stdout, "Check-in for %s saved.\n", res.CheckIn.Date.Format("Mon 2 Jan"))
	if set["symptoms"] && len(in.Symptoms) == 0 {
		ret := res.State.Returning()
		if note := present.ClearedNote(res.Withdrawn, ret != nil && ret.Cleared.Equal(res.CheckIn.Date)); note != "" {
			fmt.Fprintln(env.Stdout, note)
		} else {
			fmt.Fprintln(env.Stdout, "No red-flag symptoms: no red flag from symptoms stands.")
		}
	}
	fmt.Fprintln(env.Stdout)
	printToday(env.Stdout, res.State, res.Today, res.Checklist)
	return nil
}

// parseRPE reads --rpe RUN=0-10 or RUN=none (which removes the rating).
func parseRPE(spec string, in *present.CheckInInput) error {
	run, val, ok := strings.Cut(spec, "=")
	if !ok || run == "" {
		return rebound.Errorf(rebound.EINVALID, "--rpe %q: want RUN=0-10 or RUN=none, e.g. latest=6", spec)
	}
	in.RPE = map[string]*float64{run: nil}
	if val == "none" {
		return nil
	}
	v, err := strconv.ParseFloat(val, 64)
	if err != nil {
		return rebound.Errorf(rebound.EINVALID, "--rpe %q: the rating must be 0-10, or none to remove it", spec)
	}
	in.RPE[run] = &v
	return nil
}

func symptomList() string { return strings.Join(protocol.SymptomIDs(), ", ") }

// parseSoreness reads --soreness calves=4,quads=6 into into; the muscle
// groups and ratings are app.CheckIn's to check.
func parseSoreness(spec string, into map[string]float64) error {
	if spec == "" {
		return nil
	}
	for _, part := range strings.Split(spec, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || err != nil {
			return rebound.Errorf(rebound.EINVALID, "--soreness %q: want muscle=0-10 with muscle one of %s", part, present.MuscleList())
		}
		into[strings.TrimSpace(k)] = f
	}
	return nil
}

// parseSymptoms reads the answer to the symptom question: a
// comma-separated list, or none (an empty list, which clears the red
// flags of earlier check-ins). An empty answer is refused: it would be
// read as no answer, leaving a flag standing the runner meant to clear.
func parseSymptoms(spec string) ([]string, error) {
	spec = strings.TrimSpace(spec)
	switch strings.ToLower(spec) {
	case "":
		return nil, rebound.Errorf(rebound.EINVALID, "--symptoms is empty: give none (no symptoms today, which clears earlier ones) or a list of %s", symptomList())
	case "none":
		return []string{}, nil
	}
	var out []string
	for _, s := range strings.Split(spec, ",") {
		s = strings.ToLower(strings.TrimSpace(s))
		if _, ok := protocol.SymptomByID(s); !ok {
			return nil, rebound.Errorf(rebound.EINVALID, "symptom %q: want one of %s, or none", s, symptomList())
		}
		out = append(out, s)
	}
	return out, nil
}

// askCheckIn asks the check-in question by question on a terminal. Enter
// skips a question; at the symptom question it answers none. The
// input ending stops the questions where they are (the symptom question
// then unanswered).
func askCheckIn(in io.Reader, out io.Writer, c *present.CheckInInput) {
	sc := bufio.NewScanner(in)
	ask := func(q string) (string, bool) {
		fmt.Fprintf(out, "%s ", q)
		if !sc.Scan() {
			return "", false
		}
		return strings.TrimSpace(sc.Text()), true
	}
	num := func(q string, lo, hi float64) (*float64, bool) {
		for {
			s, ok := ask(q)
			if !ok || s == "" {
				return nil, ok
			}
			v, err := strconv.ParseFloat(s, 64)
			if err == nil && v >= lo && v <= hi {
				return &v, true
			}
			fmt.Fprintf(out, "  please give a number from %g to %g, or press Enter to skip\n", lo, hi)
		}
	}
	fmt.Fprintln(out, "Daily check-in (press Enter to skip a question)")
	for _, m := range recovery.Muscles {
		v, ok := num(fmt.Sprintf("  %s soreness 0-10?", m), 0, 10)
		if !ok {
			return
		}
		if v != nil {
			c.Soreness[string(m)] = *v
		}
	}
	var ok bool
	for _, q := range []struct {
		text   string
		lo, hi float64
		into   **float64
	}{
		{"  Hours slept last night?", 0, recovery.HoursInDay, &c.SleepH},
		{"  Sleep quality 1-5?", 1, 5, &c.SleepQuality},
		{"  Stress 1-5?", 1, 5, &c.Stress},
		{"  Morning resting heart rate (bpm)?", recovery.RestingHRMin, recovery.RestingHRMax, &c.RestingHR},
		{"  Morning HRV, rMSSD (ms)?", recovery.HRVMin, recovery.HRVMax, &c.HRVms},
	} {
		if *q.into, ok = num(q.text, q.lo, q.hi); !ok {
			return
		}
	}
	for {
		s, ok := ask("  Any of these? " + symptomList() + " (comma-separated, Enter for none)")
		if !ok {
			return
		}
		if s == "" {
			s = "none"
		}
		syms, err := parseSymptoms(s)
		if err != nil {
			fmt.Fprintf(out, "  %s\n", rebound.ErrorMessage(err))
			continue
		}
		c.Symptoms = syms
		return
	}
}
