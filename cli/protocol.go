package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
)

// protocolCmd is `rebound protocol`.
type protocolCmd struct{ g *globals }

// units returns the units of the runner the command works on, metric when
// the database does not exist yet (the rule base needs no database, and
// reading it creates none).
func (g *globals) units(ctx context.Context) (measure.System, error) {
	p, err := g.dbPath()
	if err != nil {
		return "", err
	}
	if !strings.Contains(p, "://") {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return measure.Metric, nil
		}
	}
	db, err := g.open(ctx)
	if err != nil {
		return "", err
	}
	defer db.Close()
	prof, err := db.FindProfile(ctx)
	return prof.UnitsOrDefault(), err
}

func (c *protocolCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("protocol", "protocol [--json]")
	asJSON := fs.Bool("json", false, "print the whole rule base as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := c.g.units(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.g.env.Stdout, present.NewProtocol(u))
	}
	w := c.g.env.Stdout
	phase := protocol.Phase("")
	for _, t := range protocol.TechniquesIn(u) {
		if t.Phase != phase {
			phase = t.Phase
			fmt.Fprintf(w, "\n== %s (%s)\n", present.PhaseTitle(string(phase)), phase.Meaning())
		}
		fmt.Fprintf(w, "\n%s [%s]  %s · %s\n", t.Name, t.ID, present.Window(t.StartH, t.EndH), present.GradeFor(string(t.Evidence)).Label)
		if t.Dose.Text != "" {
			fmt.Fprintf(w, "  Dose: %s\n", t.Dose.Text)
		}
		fmt.Fprintf(w, "  How:  %s\n  Why:  %s\n", t.How, t.Why)
		if len(t.Requires) > 0 {
			fmt.Fprintf(w, "  Needs: %s\n", strings.Join(t.Requires, " or "))
		}
		for _, ci := range t.Contraindications {
			fmt.Fprintf(w, "  Caution (%s, %s): %s (%s)\n", ci.Condition, ci.Action, ci.Why, protocol.Short(ci.Source))
		}
		var refs []string
		for _, s := range t.Sources {
			refs = append(refs, s.Ref)
		}
		fmt.Fprintf(w, "  Sources: %s\n", strings.Join(present.Cite(refs), "; "))
	}
	fmt.Fprintln(w, "\n== Where the sources disagree")
	for _, d := range protocol.DisagreementsIn(u) {
		fmt.Fprintf(w, "\n%s\n  Rebound uses: %s\n  Range: %s\n  %s\n", d.Topic, d.Default, d.Range, d.Note)
	}
	fmt.Fprintln(w, "\n== Red flags")
	for _, s := range protocol.Symptoms() {
		fmt.Fprintf(w, "  %-22s %-6s %s\n", s.ID, s.Urgency, s.Why)
	}
	return nil
}
