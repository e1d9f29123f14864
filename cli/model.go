package cli

import (
	"context"
	"fmt"
	"math"

	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/recovery"
)

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
	fmt.Fprintf(w, "  Peak soreness:   %s; population %.0f h\n", present.PeakWords(st), recovery.DefaultPeakH)
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
