package cli

import (
	"context"
	"fmt"
	"math"

	"github.com/rebound-run/rebound/present"
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
