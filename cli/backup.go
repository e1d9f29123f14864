package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/rebound-run/rebound/store/engine"
)

// backupCmd is `rebound backup`.
type backupCmd struct{ g *globals }

func (c *backupCmd) Run(ctx context.Context, args []string) error {
	return c.g.copyCmd(ctx, args, "backup", "replace FILE if it exists", func(dsn, file string, force bool) (string, error) {
		if err := engine.Backup(ctx, dsn, file, force); err != nil {
			return "", err
		}
		return fmt.Sprintf("Backed up %s to %s%s.", dbName(dsn), file, size(file)), nil
	})
}

// restoreCmd is `rebound restore`.
type restoreCmd struct{ g *globals }

func (c *restoreCmd) Run(ctx context.Context, args []string) error {
	return c.g.copyCmd(ctx, args, "restore", "replace a database that holds data (a copy of it is kept)", func(dsn, file string, force bool) (string, error) {
		// A forced restore replaces what the database holds: a copy of
		// it is kept first, and dropped if the restore fails (nothing
		// was replaced then).
		kept := ""
		if _, err := os.Stat(dsn); force && (engine.IsPostgres(dsn) || err == nil) {
			kept = keptPath(dsn, file, time.Now())
			if err := engine.Backup(ctx, dsn, kept, false); err != nil {
				return "", fmt.Errorf("restore: keeping a copy of %s before replacing it: %w", dbName(dsn), err)
			}
		}
		if err := engine.Restore(ctx, dsn, file, force); err != nil {
			if kept != "" {
				_ = os.Remove(kept)
			}
			return "", err
		}
		msg := fmt.Sprintf("Restored %s from %s.", dbName(dsn), file)
		if kept != "" {
			msg += fmt.Sprintf(" What it held before is kept in %s%s: rebound restore --force %s puts it back.", kept, size(kept), kept)
		}
		return msg, nil
	})
}

// keptPath is where a forced restore keeps a copy of the database it
// replaces: beside a SQLite file, or beside the restored file for
// PostgreSQL, named for the moment ("….before-restore-20261207-062800").
func keptPath(dsn, file string, now time.Time) string {
	stamp := ".before-restore-" + now.Format("20060102-150405")
	if engine.IsPostgres(dsn) {
		return filepath.Join(filepath.Dir(file), "rebound"+stamp+".db")
	}
	return dsn + stamp
}

// copyCmd runs `rebound NAME [--force] FILE` (backup and restore): it
// parses the arguments, and do does the work on the database and FILE
// and says what it did.
func (g *globals) copyCmd(ctx context.Context, args []string, name, forceHelp string, do func(dsn, file string, force bool) (string, error)) error {
	fs := g.flags(name, name+" [--force] FILE")
	force := fs.Bool("force", false, forceHelp)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	dsn, err := g.dbPath()
	if err != nil {
		return err
	}
	done, err := do(dsn, pos[0], *force)
	if err != nil {
		return err
	}
	fmt.Fprintln(g.env.Stdout, done)
	return nil
}

// dbName names a database for people: a file's path, or "the PostgreSQL
// database" (a URL may hold a password).
func dbName(dsn string) string {
	if engine.IsPostgres(dsn) {
		return "the PostgreSQL database"
	}
	return dsn
}

// size is " (12.3 MB)", the size of the file at p, or "" when unknown.
func size(p string) string {
	fi, err := os.Stat(p)
	if err != nil {
		return ""
	}
	return fmt.Sprintf(" (%.1f MB)", float64(fi.Size())/1e6)
}
