package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
)

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
		return writeJSON(c.g.env.Stdout, present.NewWeekPlanJSON(wp))
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
