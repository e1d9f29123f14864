package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/rebound-run/rebound"
	"io"
	"strings"

	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
)

type profileCmd struct{ g *globals }

func (c *profileCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "set" {
		return c.set(ctx, args[1:])
	}
	fs := c.g.flags("profile", "profile [--json] | profile set [options]")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, db, err := c.g.athlete(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := a.Profile(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.g.env.Stdout, present.NewProfile(p))
	}
	printProfile(c.g.env.Stdout, p)
	return nil
}

func (c *profileCmd) set(ctx context.Context, args []string) error {
	fs := c.g.flags("profile set", "profile set [--weight W] [--age N] [--sex male|female] [--resting-hr BPM] [--max-hr BPM] [--units metric|imperial] [--timezone ZONE] [--conditions LIST] [--equipment LIST] [--weekly-km KM|--weekly-miles MI] [--running-years N] [--new-runner] [--skip-background]")
	var ch app.ProfileChange
	fs.Func("weight", "body `weight`: 70kg, 154lb, or a number in the profile's units (asked when the units change too, or when it looks like the other unit)", func(v string) error {
		w, err := present.ParseWeight(v)
		ch.Weight = &w
		return err
	})
	age := fs.Int("age", 0, "age in years")
	sex := fs.String("sex", "", "male or female (selects the TRIMP coefficients)")
	rest := fs.Float64("resting-hr", 0, "resting heart rate in `bpm`")
	maxHR := fs.Float64("max-hr", 0, "maximum heart rate in `bpm` (estimated from age when not set; 0 clears it)")
	units := fs.String("units", "", "metric or imperial")
	tz := fs.String("timezone", "", "IANA time `zone`, e.g. Europe/Paris")
	conds := fs.String("conditions", "", "comma-separated `list` (or none): "+strings.Join(profile.Conditions, ", "))
	equip := fs.String("equipment", "", "comma-separated `list` (or none): "+strings.Join(profile.Equipment, ", "))
	weeklyKm := fs.Float64("weekly-km", 0, "your typical weekly running distance in `km` before the runs Rebound holds (0 clears it)")
	weeklyMi := fs.Float64("weekly-miles", 0, "the same in `miles`")
	years := fs.Float64("running-years", 0, "how many `years` you have been running (0 clears it)")
	newRunner := fs.Bool("new-runner", false, "you are new to running (clears the weekly distance and years)")
	skip := fs.Bool("skip-background", false, "stop asking for your background (Rebound keeps assuming a recreational runner)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if len(set) == 0 || (len(set) == 1 && set["db"]) {
		fs.Usage()
		return &exitError{code: 2}
	}
	for name, f := range map[string]func(){
		"age": func() { ch.Age = age }, "sex": func() { ch.Sex = sex }, "resting-hr": func() { ch.RestingHR = rest },
		"max-hr": func() { ch.MaxHR = maxHR }, "units": func() { ch.Units = units }, "timezone": func() { ch.Timezone = tz },
		"conditions": func() { ch.Conditions = &[]string{*conds} }, "equipment": func() { ch.Equipment = &[]string{*equip} },
	} {
		if set[name] {
			f()
		}
	}
	if set["weekly-km"] && set["weekly-miles"] {
		return rebound.Errorf(rebound.EINVALID, "give --weekly-km or --weekly-miles, not both")
	}
	var bg app.BackgroundChange
	for name, f := range map[string]func(){
		"weekly-km": func() { bg.WeeklyKm = weeklyKm }, "running-years": func() { bg.RunningYears = years },
		"weekly-miles": func() { km := *weeklyMi * present.MetresPerMile / 1000; bg.WeeklyKm = &km },
		"new-runner":   func() { bg.NewRunner = newRunner }, "skip-background": func() { bg.Dismissed = skip },
	} {
		if set[name] {
			f()
			ch.Background = &bg
		}
	}
	a, db, err := c.g.athlete(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	for {
		p, err := a.ChangeProfile(ctx, ch)
		var q *present.WeightQuestion
		if errors.As(err, &q) {
			w, err := c.g.settle(q, "--weight")
			if err != nil {
				return err
			}
			ch.Weight = &w
			continue
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(c.g.env.Stdout, "Profile saved. Zones and TRIMP of every activity now follow it.")
		printProfile(c.g.env.Stdout, p)
		return nil
	}
}

func printProfile(w io.Writer, p profile.Profile) {
	u := present.For(p)
	hr := p.HR()
	orNot := func(ok bool, s string) string {
		if !ok {
			return "not set"
		}
		return s
	}
	fmt.Fprintln(w, "Profile")
	fmt.Fprintf(w, "  Weight:      %s\n", u.Weight(p.WeightKg))
	fmt.Fprintf(w, "  Age:         %s\n", orNot(p.Age > 0, fmt.Sprint(p.Age)))
	fmt.Fprintf(w, "  Sex:         %s\n", orNot(p.Sex != "", string(p.Sex)))
	rest := fmt.Sprintf("%.0f bpm", hr.Rest)
	if hr.RestEstimated {
		rest += " (default; set yours with --resting-hr)"
	}
	fmt.Fprintf(w, "  Resting HR:  %s\n", rest)
	max := fmt.Sprintf("%.0f bpm", hr.Max)
	if hr.MaxEstimated {
		if p.Age > 0 {
			max += fmt.Sprintf(" (estimated: 208 − 0.7 × %d, Tanaka 2001)", p.Age)
		} else {
			max += fmt.Sprintf(" (estimated for age %d, Tanaka 2001; set --age or --max-hr)", profile.DefaultAge)
		}
	}
	fmt.Fprintf(w, "  Max HR:      %s\n", max)
	fmt.Fprintf(w, "  Units:       %s\n", p.UnitsOrDefault())
	fmt.Fprintf(w, "  Time zone:   %s\n", orNot(p.Timezone != "", profile.ZoneName(p.Timezone)))
	fmt.Fprintf(w, "  Conditions:  %s\n", orNot(len(p.Conditions) > 0, strings.Join(p.Conditions, ", ")))
	fmt.Fprintf(w, "  Equipment:   %s\n", orNot(len(p.Equipment) > 0, strings.Join(p.Equipment, ", ")))
	fmt.Fprintf(w, "  Background:  %s\n", present.Background(p))
}

// printBackgroundPrompt prints the one-line request for the runner's
// background while it is not given or dismissed.
func printBackgroundPrompt(w io.Writer, p profile.Profile) {
	if s := present.BackgroundPrompt(p); s != "" {
		fmt.Fprintf(w, "\n%s\n", s)
	}
}
