package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/rebound-run/rebound/store/engine"
)

// backupCmd is `rebound backup`.
type backupCmd struct{ g *globals }

func (c *backupCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("backup", "backup [--force] FILE")
	force := fs.Bool("force", false, "replace FILE if it exists")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	dsn, err := c.g.dbPath()
	if err != nil {
		return err
	}
	if err := engine.Backup(ctx, dsn, pos[0], *force); err != nil {
		return err
	}
	fmt.Fprintf(c.g.env.Stdout, "Backed up %s to %s%s.\n", dbName(dsn), pos[0], size(pos[0]))
	return nil
}

// restoreCmd is `rebound restore`.
type restoreCmd struct{ g *globals }

func (c *restoreCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("restore", "restore [--force] FILE")
	force := fs.Bool("force", false, "replace a database that holds data")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	dsn, err := c.g.dbPath()
	if err != nil {
		return err
	}
	if err := engine.Restore(ctx, dsn, pos[0], *force); err != nil {
		return err
	}
	fmt.Fprintf(c.g.env.Stdout, "Restored %s from %s.\n", dbName(dsn), pos[0])
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
