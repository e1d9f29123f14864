package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/store"
)

// reprocessCmd is `rebound reprocess`.
type reprocessCmd struct{ g *globals }

func (c *reprocessCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("reprocess", "reprocess [--all] [--json]")
	all := fs.Bool("all", false, "every account's activities, not only the runner's (--user's or the local one's)")
	asJSON := fs.Bool("json", false, `print {"updated","unchanged","failed","files"} as JSON`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return &exitError{code: 2}
	}
	var stores []store.Store
	if *all {
		db, err := c.g.openDB(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		users, err := db.FindUsers(ctx)
		if err != nil {
			return err
		}
		if len(users) == 0 { // a personal database: the local runner only
			users = []*account.User{{ID: store.LocalAthleteID}}
		}
		for _, u := range users {
			stores = append(stores, db.ForAthlete(u.ID))
		}
	} else {
		db, err := c.g.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		stores = []store.Store{db}
	}
	env := c.g.env
	total := &ingest.ReprocessReport{Files: []ingest.Reprocessed{}}
	for _, st := range stores {
		var progress func(ingest.Reprocessed)
		if !*asJSON {
			progress = func(r ingest.Reprocessed) { printReprocessed(env.Stdout, r) }
		}
		rep, err := ingest.Reprocess(ctx, st, Decoders(), progress)
		if rep != nil {
			total.Updated += rep.Updated
			total.Unchanged += rep.Unchanged
			total.Failed += rep.Failed
			total.Files = append(total.Files, rep.Files...)
		}
		if err != nil {
			return err
		}
	}
	if *asJSON {
		if err := writeJSON(env.Stdout, total); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(env.Stdout, "Reprocessed %d %s: %d updated, %d unchanged, %d failed.\n", len(total.Files),
			plural(len(total.Files), "file", "files"), total.Updated, total.Unchanged, total.Failed)
	}
	if total.Failed > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// printReprocessed writes one line of `rebound reprocess`.
func printReprocessed(w io.Writer, r ingest.Reprocessed) {
	switch r.Outcome {
	case ingest.OutcomeFailed:
		fmt.Fprintf(w, "FAILED     %s (left as it was)\n", r.Error)
	default:
		fmt.Fprintf(w, "%-10s %s (%s %s)\n", r.Outcome, r.File, plural(len(r.IDs), "activity", "activities"), joinIDs(r.IDs))
	}
	if r.Note != "" {
		fmt.Fprintf(w, "           note: %s\n", r.Note)
	}
}

func joinIDs(ids []int64) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(id)
	}
	return s
}
