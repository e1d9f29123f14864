package cli

import (
	"context"
	"fmt"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/store"
)

// editCmd is `rebound edit ID [--name N] [--kind K] [--note TEXT]`: what
// the runner says of an activity.
type editCmd struct{ g *globals }

func (c *editCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("edit", "edit ID [--name NAME] [--kind KIND] [--note TEXT] [--json]")
	var e store.ActivityEdit
	fs.Func("name", fmt.Sprintf("your `name` for it (at most %d characters; \"\" for the file's or Rebound's)", store.MaxNameLen),
		func(s string) error { e.Name = &s; return nil })
	var kind *string
	fs.Func("kind", "what it was: race, hard (a workout), long, easy, recovery, cross-training; auto lets Rebound tell",
		func(s string) error { kind = &s; return nil })
	fs.Func("note", fmt.Sprintf("a note (at most %d characters; \"\" removes it)", store.MaxNoteLen),
		func(s string) error { e.Note = &s; return nil })
	asJSON := fs.Bool("json", false, "print the activity as JSON (see docs/json.md)")
	id, err := idArg(fs, args)
	if err != nil {
		return err
	}
	if kind != nil {
		k, err := store.ParseKind(*kind)
		if err != nil {
			return err
		}
		e.Kind = &k
	}
	if e.Name == nil && e.Kind == nil && e.Note == nil {
		return rebound.Errorf(rebound.EINVALID, "nothing to change: give --name, --kind or --note")
	}
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.UpdateActivity(ctx, id, e); err != nil {
		return err
	}
	a, r, _, err := c.g.run(ctx, db, id, false)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.g.env.Stdout, r)
	}
	w := c.g.env.Stdout
	fmt.Fprintf(w, "#%d  %s\n", a.ID, r.Title)
	if r.Kind != "" {
		by := "as Rebound classified it"
		if r.KindMarked {
			by = "as you marked it"
		}
		fmt.Fprintf(w, "  %s, %s\n", r.Kind, by)
	}
	if r.Note != "" {
		fmt.Fprintf(w, "  Note: %s\n", r.Note)
	}
	return nil
}
