// Package engine opens a Rebound database by its name: a file path (or
// file: URI) for the embedded SQLite engine, a postgres:// or
// postgresql:// URL for PostgreSQL. It is the one place that knows every
// engine, so callers (the CLI, the server) depend only on store.Database.
package engine

import (
	"context"
	"os"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/postgres"
	"github.com/rebound-run/rebound/store/sqlite"
)

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (creating and migrating as needed) the database named by dsn.
func Open(ctx context.Context, dsn string) (store.Database, error) {
	// Return a nil interface, not a nil *DB in one, on error.
	if IsPostgres(dsn) {
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// Backup writes a consistent copy of the whole database named by dsn to
// file, while it stays in use: for SQLite a database file (VACUUM INTO,
// see store/sqlite), for PostgreSQL a pg_dump custom-format dump (see
// store/postgres). It refuses to write over an existing file unless force
// is set, and returns ENOTFOUND when there is no SQLite database at dsn.
func Backup(ctx context.Context, dsn, file string, force bool) error {
	if IsPostgres(dsn) {
		return postgres.Backup(ctx, dsn, file, force)
	}
	if fi, err := os.Stat(dsn); err != nil || fi.IsDir() {
		return rebound.Errorf(rebound.ENOTFOUND, "no database at %s to back up", dsn)
	}
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Backup(ctx, file, force)
}

// Restore replaces the database named by dsn with the backup file Backup
// wrote (for SQLite, any Rebound database file), after checking that it
// is one this version can restore. It refuses to replace a database that
// holds data unless force is set; a restore that fails leaves the
// database as it was. Errors are EINVALID for a file that cannot be
// restored, naming it.
func Restore(ctx context.Context, dsn, file string, force bool) error {
	if IsPostgres(dsn) {
		return postgres.Restore(ctx, dsn, file, force)
	}
	return sqlite.Restore(ctx, file, dsn, force)
}
