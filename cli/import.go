package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/store"
)

type importCmd struct {
	g *globals
}

func (c *importCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("import [--json] [--watch] PATH...", "import [--json] [--workers N] [--watch DIR] PATH...\n       rebound import [--json] EXPORT.zip   (a Rebound export: adds what the database lacks)")
	asJSON := fs.Bool("json", false, `print {"imported","duplicates","skipped","failed"} as JSON`)
	watch := fs.String("watch", "", "keep running and import new files as they appear in `DIR`")
	workers := fs.Int("workers", 0, "decoding goroutines (default: one per core)")
	quiet := fs.Bool("quiet", false, "no progress output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 && *watch == "" {
		fs.Usage()
		return &exitError{code: 2}
	}
	exported, err := findExport(paths)
	if err != nil {
		return err
	}
	if exported != "" && *watch != "" {
		return rebound.Errorf(rebound.EINVALID, "a Rebound export is imported without --watch")
	}
	db, err := c.g.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if exported != "" {
		return c.importExport(ctx, db, exported, *asJSON)
	}
	env := c.g.env
	im := &ingest.Importer{Store: db, Decoders: Decoders(), Workers: *workers}
	if *watch != "" {
		return c.watch(ctx, im, *watch, *asJSON)
	}
	var p progress
	if !*quiet && !*asJSON {
		p = newProgress(env)
		im.Progress = p.event
	}
	start := env.now()
	rep, err := im.Import(ctx, paths)
	if p != nil {
		p.finish()
	}
	if rep != nil {
		if *asJSON {
			if werr := writeJSON(env.Stdout, rep); werr != nil {
				return werr
			}
		} else {
			printReport(env.Stdout, rep, env.now().Sub(start))
		}
	}
	if err != nil {
		return err
	}
	if len(rep.Failed) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// watch imports what is in dir, then every new file that appears there.
func (c *importCmd) watch(ctx context.Context, im *ingest.Importer, dir string, asJSON bool) error {
	env := c.g.env
	if !asJSON {
		fmt.Fprintf(env.Stderr, "Watching %s for new activity files (Ctrl-C to stop)…\n", dir)
	}
	err := im.Watch(ctx, dir, func(rep *ingest.Report) {
		if asJSON {
			_ = writeJSON(env.Stdout, rep)
			return
		}
		printReport(env.Stdout, rep, 0)
	})
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// printReport writes the human summary of an import.
func printReport(w io.Writer, rep *ingest.Report, took time.Duration) {
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "skipped  %s: %s\n", s.File, s.Reason)
	}
	for _, f := range rep.Failed {
		fmt.Fprintf(w, "FAILED   %s\n", f.Error)
	}
	fmt.Fprintf(w, "Imported %d %s, %d %s already stored, %d skipped, %d failed",
		rep.Imported, plural(rep.Imported, "activity", "activities"),
		rep.Duplicates, plural(rep.Duplicates, "duplicate", "duplicates"), len(rep.Skipped), len(rep.Failed))
	if took > 0 {
		mb := float64(rep.Bytes) / 1e6
		fmt.Fprintf(w, " (%d %s, %.1f MB in %.1f s)", rep.Files, plural(rep.Files, "file", "files"), mb, took.Seconds())
	}
	fmt.Fprintln(w, ".")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// progress shows import progress: a bar on a terminal, a line per file
// otherwise.
type progress interface {
	event(ingest.Event)
	finish()
}

func newProgress(env Env) progress {
	if env.terminal(env.Stderr) {
		bar := progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(env.Stderr),
			progressbar.OptionSetDescription("Importing"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionFullWidth(),
		)
		return &barProgress{bar: bar}
	}
	return &lineProgress{w: env.Stderr}
}

type barProgress struct {
	bar   *progressbar.ProgressBar
	total int
}

func (b *barProgress) event(e ingest.Event) {
	if e.Total != b.total {
		b.total = e.Total
		b.bar.ChangeMax(e.Total)
	}
	_ = b.bar.Set(e.Done)
}

func (b *barProgress) finish() { _ = b.bar.Finish() }

type lineProgress struct{ w io.Writer }

func (l *lineProgress) event(e ingest.Event) {
	fmt.Fprintf(l.w, "[%d/%d] %-9s %s\n", e.Done, e.Total, e.Outcome, e.File)
}

func (l *lineProgress) finish() {}

var _ ingest.Store = (store.Store)(nil)
