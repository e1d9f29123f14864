package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/rebound-run/rebound"
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
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := db.FindProfile(ctx)
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
	fs := c.g.flags("profile set", "profile set [--weight KG] [--age N] [--sex male|female] [--resting-hr BPM] [--max-hr BPM] [--units metric|imperial] [--timezone ZONE] [--conditions LIST] [--equipment LIST] [--weekly-km KM|--weekly-miles MI] [--running-years N] [--new-runner] [--skip-background]")
	weight := fs.Float64("weight", 0, "body weight in `kg` (in lb with --units imperial given in the same command or already set)")
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
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := db.FindProfile(ctx)
	if err != nil {
		return err
	}
	if set["units"] {
		p.Units = profile.Units(*units)
	}
	if set["weight"] {
		p.WeightKg = *weight
		if p.Units == profile.Imperial {
			p.WeightKg = *weight * present.KgPerPound
		}
	}
	if set["age"] {
		p.Age = *age
	}
	if set["sex"] {
		p.Sex = profile.Sex(*sex)
	}
	if set["resting-hr"] {
		p.RestingHR = *rest
	}
	if set["max-hr"] {
		p.MaxHR = *maxHR
	}
	if set["timezone"] {
		p.Timezone = *tz
	}
	if set["conditions"] {
		if p.Conditions, err = profile.ParseList("condition", *conds, profile.Conditions); err != nil {
			return err
		}
	}
	if set["equipment"] {
		if p.Equipment, err = profile.ParseList("equipment", *equip, profile.Equipment); err != nil {
			return err
		}
	}
	if err := setBackground(&p.Background, set, *weeklyKm, *weeklyMi, *years, *newRunner, *skip); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if err := db.SaveProfile(ctx, p); err != nil {
		return err
	}
	fmt.Fprintln(c.g.env.Stdout, "Profile saved. Zones and TRIMP of every activity now follow it.")
	printProfile(c.g.env.Stdout, p)
	return nil
}

// setBackground applies the background flags that were set to b.
func setBackground(b *profile.Background, set map[string]bool, km, miles, years float64, newRunner, skip bool) error {
	if set["weekly-km"] && set["weekly-miles"] {
		return rebound.Errorf(rebound.EINVALID, "give --weekly-km or --weekly-miles, not both")
	}
	if set["new-runner"] && newRunner && (set["weekly-km"] || set["weekly-miles"] || set["running-years"]) {
		return rebound.Errorf(rebound.EINVALID, "--new-runner goes without --weekly-km, --weekly-miles or --running-years")
	}
	switch {
	case set["weekly-km"]:
		b.WeeklyKm, b.NewRunner = km, false
	case set["weekly-miles"]:
		b.WeeklyKm, b.NewRunner = miles*present.MetresPerMile/1000, false
	}
	if set["running-years"] {
		b.RunningYears, b.NewRunner = years, false
	}
	if set["new-runner"] {
		b.NewRunner = newRunner
		if newRunner {
			b.WeeklyKm, b.RunningYears = 0, 0
		}
	}
	if set["skip-background"] {
		b.Dismissed = skip
	}
	return nil
}

// printBackgroundPrompt prints the one-line request for the runner's
// background while it is not given or dismissed.
func printBackgroundPrompt(w io.Writer, p profile.Profile) {
	if s := present.BackgroundPrompt(p); s != "" {
		fmt.Fprintf(w, "\n%s\n", s)
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
	fmt.Fprintf(w, "  Time zone:   %s\n", orNot(p.Timezone != "", p.Timezone))
	fmt.Fprintf(w, "  Conditions:  %s\n", orNot(len(p.Conditions) > 0, strings.Join(p.Conditions, ", ")))
	fmt.Fprintf(w, "  Equipment:   %s\n", orNot(len(p.Equipment) > 0, strings.Join(p.Equipment, ", ")))
	fmt.Fprintf(w, "  Background:  %s\n", present.Background(p))
}
