// Package postgres is Rebound's server store: store.Database on a
// PostgreSQL database (11 or newer; CI tests on 15), for running the same
// binary as several app servers behind a load balancer.
//
// # Driver
//
// It talks to PostgreSQL through github.com/jackc/pgx/v5 and its pool,
// pgxpool, directly rather than through database/sql: pgx speaks the
// binary protocol, caches each connection's prepared statements on its own
// (so there is no statements type as in store/sqlite), maps bytea, json,
// date and timestamptz to Go types without adapters, and reports server
// errors as *pgconn.PgError with their SQLSTATE, which this package turns
// into rebound.Error codes: callers never see a pgx type. The pool's size
// and the like are set in the connection string (pool_max_conns=…, see
// pgxpool.ParseConfig).
//
// # Schema and migrations
//
// The schema is store/sqlite's in PostgreSQL's types, in migrations/*.sql
// files with the same names: times are timestamptz, kept to the
// millisecond as the SQLite engine keeps them; days are date; the samples
// blob (store/samplecodec) and the zstd original are bytea; the summary,
// laps and other small parts are json documents, byte for byte those of
// the SQLite engine (json, not jsonb: they are written and read whole, and
// json keeps them as encoded, -0 and \u0000 included, without re-encoding
// on every read); names compare case-insensitively through unique indexes
// on lower(name).
//
// Open applies the files not yet listed in the migrations table, in name
// order, each in its own transaction with the row that records it, and
// refuses (EINVALID) a database that lists a file this binary does not
// have: one migrated by a newer Rebound. It does so holding a session
// advisory lock (pg_advisory_lock), so that app servers started together
// against one database migrate it once, one after the other: the first
// applies the files, the others wait, then find nothing to do. That loop
// is about sixty lines; a library (jackc/tern, pressly/goose) would bring
// its own version table and rules in place of the SQLite engine's, which
// both engines now share, and a dependency for little gain.
//
// # Concurrency
//
// A DB is safe for concurrent use, and so are several DBs, in one process
// or many, on one database. Reads and writes go through the pool, each
// statement on any free connection. CreateActivity checks for duplicates
// (same SHA-256, or same sport within store.DuplicateWindow) and inserts in
// one transaction that first takes a transaction advisory lock on the
// athlete (pg_advisory_xact_lock): two app servers importing the same run
// at once are serialised, and the second sees the first's row and returns
// ECONFLICT. Different athletes' imports do not wait for each other
// (unless their lock keys collide, which only makes one wait). The unique
// (athlete_id, sha256) index backs the hash rule up. Every write to an
// athlete's history also bumps the athlete's row of athlete_revisions,
// by trigger (migrations/0004_revisions.sql; see Revision): concurrent
// writes for one athlete queue on that row until they commit, as creates
// already queue on the advisory lock.
//
// Text in PostgreSQL must be valid UTF-8 without NUL characters, which
// SQLite does not require: CreateActivity replaces such bytes in an
// imported file's names (with U+FFFD) rather than fail the import; other
// writes return EINVALID for such text, and lookups by it find nothing.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Advisory lock keys, hashed by the server from a name so that they stay
// clear of other applications' small integer keys: hashtextextended(name, 0)
// for migrations, hashtextextended(name, athlete) for one athlete's
// activity creates.
const (
	migrateLock  = "rebound.migrate"
	activityLock = "rebound.activities"
)

// DB is a Rebound database in PostgreSQL, seen as one athlete's store:
// Open's DB is the local runner's (store.LocalAthleteID), and ForAthlete
// gives another athlete's view of the same pool.
type DB struct {
	*conn
	athlete int64
}

// conn is what every athlete's view of one database shares.
type conn struct {
	// Now returns the current time. CreateActivity stamps a zero
	// ImportedAt with it, CreateUser and CreateToken a zero CreatedAt.
	// Open sets it to time.Now; tests may replace it before first use.
	Now func() time.Time

	name string // user@host:port/database, for messages (never the password)
	pool *pgxpool.Pool
}

var _ store.Database = (*DB)(nil)

// ForAthlete returns athlete id's view of the database. Closing it closes
// the database.
func (db *DB) ForAthlete(id int64) store.Store { return &DB{conn: db.conn, athlete: id} }

// Open connects to the PostgreSQL database named by dsn (a postgres:// URL
// or a keyword=value string, as libpq takes them) and applies any pending
// migrations. The user needs the right to create tables in the database's
// current schema (owning the database is enough). It returns EINVALID for
// an empty or malformed dsn, and for a database migrated by a newer
// Rebound.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if strings.TrimSpace(dsn) == "" {
		return nil, fmt.Errorf("open database: %w", rebound.Errorf(rebound.EINVALID, "no PostgreSQL connection string"))
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx redacts passwords from its parse errors only on a best
		// effort basis: keep its message out.
		return nil, fmt.Errorf("open database: %w", rebound.Errorf(rebound.EINVALID,
			"not a valid PostgreSQL connection string (postgres://user:password@host:port/database?option=value)"))
	}
	db := &DB{conn: &conn{Now: time.Now, name: describe(cfg.ConnConfig)}, athlete: store.LocalAthleteID}
	if err := db.open(ctx, cfg); err != nil {
		return nil, fmt.Errorf("open database %s: %w", db.name, err)
	}
	return db, nil
}

func (db *DB) open(ctx context.Context, cfg *pgxpool.Config) (err error) {
	if db.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			db.pool.Close()
		}
	}()
	return db.migrate(ctx)
}

// describe names a database for messages: user@host:port/database.
func describe(c *pgx.ConnConfig) string {
	host := c.Host
	if strings.HasPrefix(host, "/") { // a unix socket directory
		return fmt.Sprintf("%s@%s/.s.PGSQL.%d/%s", c.User, host, c.Port, c.Database)
	}
	return fmt.Sprintf("%s@%s:%d/%s", c.User, host, c.Port, c.Database)
}

// Close closes the pool, waiting for connections in use to be released.
// Closing twice, or closing another athlete's view, is harmless.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// migrate brings the schema up to date (see the package doc) on one
// connection that holds the migration advisory lock throughout.
func (db *DB) migrate(ctx context.Context) (err error) {
	c, err := db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	if _, err := c.Exec(ctx, `SELECT pg_advisory_lock(hashtextextended($1, 0))`, migrateLock); err != nil {
		return fmt.Errorf("wait for the migration lock: %w", err)
	}
	defer func() {
		// Unlock even when ctx is done; if that fails, drop the
		// connection, which releases the lock with the session.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if _, uerr := c.Exec(uctx, `SELECT pg_advisory_unlock(hashtextextended($1, 0))`, migrateLock); uerr != nil {
			c.Hijack().Close(uctx)
		}
	}()

	if _, err := c.Exec(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		name       text        PRIMARY KEY,
		applied_at timestamptz NOT NULL
	)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	rows, _ := c.Query(ctx, `SELECT name FROM migrations ORDER BY name`)
	applied, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}

	files, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(files)
	var known []string
	for _, file := range files {
		name := path.Base(file)
		known = append(known, name)
		if slices.Contains(applied, name) {
			continue
		}
		if err := db.migrateFile(ctx, c.Conn(), file); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	for _, name := range applied {
		if !slices.Contains(known, name) {
			return rebound.Errorf(rebound.EINVALID,
				"database has migration %s, unknown to this version of Rebound; upgrade Rebound", name)
		}
	}
	return nil
}

// migrateFile applies one migration file and records it, in one
// transaction.
func (db *DB) migrateFile(ctx context.Context, c *pgx.Conn, file string) error {
	sql, err := fs.ReadFile(migrationFS, file)
	if err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, string(sql)); err != nil { // no arguments: the simple protocol, several statements
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO migrations (name, applied_at) VALUES ($1, $2)`, path.Base(file), ts(db.Now()))
		return err
	})
}

// SQLSTATE codes this package maps to rebound.Error codes.
const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
	badEncoding         = "22021" // character_not_in_repertoire: invalid UTF-8 or a NUL byte in text
	untranslatable      = "22P05" // untranslatable_character: \u0000 in json converted to text
)

// sqlState returns the SQLSTATE of a server error in err's chain, or "".
func sqlState(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// check returns err, as EINVALID when the server refused text that is not
// valid UTF-8 or holds a NUL character (which SQLite would have stored).
func check(err error) error {
	switch sqlState(err) {
	case badEncoding, untranslatable:
		return rebound.Errorf(rebound.EINVALID, "text is not valid UTF-8 or holds a NUL character")
	}
	return err
}

// clean returns s as PostgreSQL text can hold it: invalid UTF-8 replaced
// by U+FFFD and NUL characters dropped.
func clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsRune(s, 0) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// ts returns t as stored: rounded to the millisecond, in UTC.
func ts(t time.Time) time.Time { return t.Round(time.Millisecond).UTC() }

// day returns midnight UTC of t's date in its own location, the form the
// date columns take.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
