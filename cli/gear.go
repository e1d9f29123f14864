package cli

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/store"
)

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
		case s.Worn():
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
