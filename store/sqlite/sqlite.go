// Package sqlite is Rebound's embedded store: store.Store on one SQLite
// file, through the pure-Go modernc.org/sqlite driver (no cgo).
//
// The schema lives in migrations/*.sql, embedded and applied in order by
// Open (see migrate). An activity's samples are one blob in the
// store/samplecodec encoding; its original file is kept zstd-compressed as
// the importer gave it; summaries, laps and other small parts are JSON.
//
// A DB is safe for concurrent use. It is tuned for one writing goroutine
// (an import) alongside many readers: writes go through a single
// connection, so they queue in Go rather than fail with SQLITE_BUSY, and
// reads use a pool of read-only connections that WAL mode lets run while
// a write is in progress.
//
// # Backups
//
// DB.Backup copies the database with VACUUM INTO, not the online backup
// API: VACUUM INTO reads everything in one read transaction, so the copy
// is one moment's state while writers go on (WAL), whereas the backup API
// copying step by step starts over whenever another connection writes
// and may never finish under steady writes; it is plain SQL through
// database/sql, needs no driver-specific connection, and writes a
// compact, self-contained file (no -wal beside it). Restore checks a
// backup, builds the restored database beside the target and renames it
// over the target last, so a failure leaves the target as it was.
// backup.go has the details.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/store"
)

// busyTimeout is how long a connection waits for another process's lock
// before failing with SQLITE_BUSY.
const busyTimeout = 10 * time.Second

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a Rebound database in one SQLite file, seen as one athlete's
// store: Open's DB is the local runner's (store.LocalAthleteID), and
// ForAthlete gives another athlete's view of the same connections.
type DB struct {
	*conn
	athlete int64
}

// conn is what every athlete's view of one database shares.
type conn struct {
	// Now returns the current time. CreateActivity stamps a zero
	// ImportedAt with it. Open sets it to time.Now; tests may replace it
	// before first use.
	Now func() time.Time

	path  string
	write *sql.DB // one connection; every write goes through it
	read  *sql.DB // read-only connections (the write pool for ":memory:")
	stmt  statements
}

var _ store.Database = (*DB)(nil)

// ForAthlete returns athlete id's view of the database. Closing it closes
// the database.
func (db *DB) ForAthlete(id int64) store.Store { return &DB{conn: db.conn, athlete: id} }

// Open opens the database at path, creating it and its parent
// directories if needed, and applies any pending migrations. The path
// ":memory:" opens a private in-memory database, for tests. Every
// connection has foreign keys on and a busy timeout; the file is in WAL
// mode with synchronous=NORMAL (a power loss may undo the last commits but
// never corrupts the file). It returns EINVALID for an empty path or a
// database written by a newer Rebound (one with migrations this binary
// does not know).
func Open(ctx context.Context, path string) (*DB, error) {
	db, err := open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	return db, nil
}

func open(ctx context.Context, path string) (_ *DB, err error) {
	if path == "" {
		return nil, rebound.Errorf(rebound.EINVALID, "no database path")
	}
	db := &DB{conn: &conn{Now: time.Now, path: path}, athlete: store.LocalAthleteID}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()

	params := url.Values{
		"_busy_timeout": {fmt.Sprint(busyTimeout.Milliseconds())},
		"_foreign_keys": {"1"},
	}
	var dsn string
	if path == ":memory:" {
		dsn = path
	} else {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, err
		}
		// A file: URI, so that any character may appear in the path.
		dsn = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
		params.Set("_journal_mode", "WAL")
		params.Set("_synchronous", "NORMAL")
	}
	// BEGIN IMMEDIATE takes the write lock up front, so a transaction that
	// reads then writes cannot fail half-way on another process's lock.
	params.Set("_txlock", "immediate")
	if db.write, err = sql.Open("sqlite", dsn+"?"+params.Encode()); err != nil {
		return nil, err
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)
	db.write.SetConnMaxIdleTime(0)
	if err := db.write.PingContext(ctx); err != nil {
		return nil, err
	}

	if err := db.migrate(ctx); err != nil {
		return nil, err
	}

	if path == ":memory:" {
		db.read = db.write // a second pool would open a second, empty database
	} else {
		params.Del("_journal_mode") // WAL is a property of the file, set once by the writer
		params.Del("_txlock")
		params.Set("_query_only", "1")
		if db.read, err = sql.Open("sqlite", dsn+"?"+params.Encode()); err != nil {
			return nil, err
		}
		n := max(4, runtime.GOMAXPROCS(0))
		db.read.SetMaxOpenConns(n)
		db.read.SetMaxIdleConns(n)
		db.read.SetConnMaxIdleTime(5 * time.Minute)
	}

	if err := db.stmt.prepare(ctx, db.write, db.read); err != nil {
		return nil, err
	}
	return db, nil
}

// Close releases the database's statements and connections, first
// letting SQLite refresh its query planner statistics (PRAGMA optimize).
func (db *DB) Close() error {
	var errs []error
	errs = append(errs, db.stmt.close())
	if db.write != nil {
		if _, err := db.write.Exec("PRAGMA optimize"); err != nil {
			errs = append(errs, fmt.Errorf("optimize: %w", err))
		}
	}
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close database %q: %w", db.path, err)
	}
	return nil
}

// migrate brings the schema up to date: it applies, in file name order,
// every embedded migrations/*.sql file not yet listed in the migrations
// table, each in its own transaction together with the row recording it.
// A migration that fails leaves the database as the previous one left it.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		name          TEXT    PRIMARY KEY,
		applied_at_ms INTEGER NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	for _, name := range names {
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migration %s: %w", path.Base(name), err)
		}
	}

	// Refuse a database that a newer Rebound has migrated further.
	rows, err := db.write.QueryContext(ctx, `SELECT name FROM migrations ORDER BY name`)
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("list migrations: %w", err)
		}
		if !slices.Contains(names, "migrations/"+name) {
			return rebound.Errorf(rebound.EINVALID,
				"database has migration %s, unknown to this version of Rebound; upgrade Rebound", name)
		}
	}
	return rows.Err()
}

// migrateFile applies one migration file unless it has been applied.
func (db *DB) migrateFile(ctx context.Context, name string) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	base := path.Base(name)
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations WHERE name = ?`, base).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	buf, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at_ms) VALUES (?, ?)`,
		base, db.Now().UnixMilli()); err != nil {
		return err
	}
	return tx.Commit()
}

// isUniqueViolation reports whether err is SQLite's unique or primary key
// constraint failure.
func isUniqueViolation(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// isForeignKeyViolation reports whether err is SQLite's foreign key
// constraint error: a row names a parent that does not exist.
func isForeignKeyViolation(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// toMS returns t as Unix milliseconds, rounded to the nearest.
func toMS(t time.Time) int64 { return t.Round(time.Millisecond).UnixMilli() }

// fromMS returns the UTC time of Unix milliseconds ms.
func fromMS(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
