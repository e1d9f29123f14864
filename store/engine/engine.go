// Package engine opens a Rebound database by its name: a file path (or
// file: URI) for the embedded SQLite engine, a postgres:// or
// postgresql:// URL for PostgreSQL. It is the one place that knows every
// engine, so callers (the CLI, the server) depend only on store.Database.
package engine

import (
	"context"
	"strings"

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
