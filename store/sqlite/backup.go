package sqlite

// Backups
//
// Backup copies a database with VACUUM INTO rather than SQLite's online
// backup API (sqlite3_backup_*, which modernc.org/sqlite also exposes),
// because:
//
//   - VACUUM INTO reads the whole database inside one read transaction:
//     the copy is the database as of one moment, and in WAL mode writers
//     (the server, an import) go on meanwhile. The backup API copies
//     pages in steps and starts over whenever another connection writes
//     between two steps, so under a steady stream of writes it may never
//     finish; done in one step it holds its read lock just the same.
//   - It is plain SQL through database/sql: no driver-specific raw
//     connection, and it works the same through any SQLite driver.
//   - The copy is compacted and defragmented, and it is a self-contained
//     file: no -wal or -shm beside it to lose.
//   - It refuses to write into a file that is not empty, so it cannot
//     overwrite anything by mistake.
//
// Both write a new file; Backup writes it beside the destination under a
// temporary name, syncs it and renames it into place, so a failed or
// interrupted backup leaves no half-written file.
//
// Restore checks the file first (a SQLite database, intact, written by
// Rebound, with no migration this Rebound does not know), copies it with
// VACUUM INTO beside the target, brings the copy's schema up to date
// there, and only then renames it over the target: a restore that fails
// at any step leaves the target as it was.

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/internal/atomicfile"
)

// Backup writes a consistent copy of the whole database (every athlete,
// account and original) to the file dst, while the database stays in
// use. It refuses (EINVALID) to write over an existing file unless force
// is set, and always refuses to write over the database itself. Errors
// name dst.
func (db *DB) Backup(ctx context.Context, dst string, force bool) error {
	if err := db.backup(ctx, dst, force); err != nil {
		return fmt.Errorf("back up %q to %q: %w", db.path, dst, err)
	}
	return nil
}

func (db *DB) backup(ctx context.Context, dst string, force bool) error {
	if db.path == ":memory:" {
		return rebound.Errorf(rebound.EINVALID, "an in-memory database cannot be backed up")
	}
	if fi, err := os.Stat(dst); err == nil {
		if self, serr := os.Stat(db.path); serr == nil && os.SameFile(fi, self) {
			return rebound.Errorf(rebound.EINVALID, "%s is the database itself: back up to another file", dst)
		}
		if !force {
			return rebound.Errorf(rebound.EINVALID, "%s exists: give another file, or --force to replace it", dst)
		}
		if fi.IsDir() {
			return rebound.Errorf(rebound.EINVALID, "%s is a folder: give a file name", dst)
		}
	}
	// A connection of its own: the write connection stays free for
	// writers, and the copy reads a snapshot.
	src, err := openRaw(db.path, false)
	if err != nil {
		return err
	}
	defer src.Close()
	return vacuumInto(ctx, src, dst)
}

// openRaw opens the database file at p through database/sql, with the
// busy timeout of every connection; read-only when ro.
func openRaw(p string, ro bool) (*sql.DB, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	params := url.Values{"_busy_timeout": {fmt.Sprint(busyTimeout.Milliseconds())}}
	if ro {
		params.Set("mode", "ro")
	}
	raw, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()+"?"+params.Encode())
	if err != nil {
		return nil, err
	}
	raw.SetMaxOpenConns(1)
	return raw, nil
}

// vacuumInto writes a copy of the database src into the file dst through
// a synced temporary file beside it, renamed into place.
func vacuumInto(ctx context.Context, src *sql.DB, dst string) (err error) {
	tmp, err := atomicfile.Temp(dst)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	return atomicfile.Commit(tmp, dst)
}

// Restore replaces the database at dst with the backup file src (one
// Backup wrote, or any Rebound SQLite database). It first checks src:
// EINVALID, naming it, for a file that is not a SQLite database, fails
// SQLite's integrity check, is not a Rebound database, or has a migration
// this Rebound does not know (a newer Rebound wrote it). It refuses
// (EINVALID) to replace a database that holds any data unless force is
// set, and fails when another process has dst open (stop `rebound serve`
// first). An older backup is migrated as Open would. The copy is made
// and migrated beside dst and renamed over it last, so a restore that
// fails leaves dst as it was.
func Restore(ctx context.Context, src, dst string, force bool) error {
	if err := restore(ctx, src, dst, force); err != nil {
		return fmt.Errorf("restore %q from %q: %w", dst, src, err)
	}
	return nil
}

func restore(ctx context.Context, src, dst string, force bool) (err error) {
	if err := CheckBackup(ctx, src); err != nil {
		return err
	}
	if fi, err := os.Stat(dst); err == nil {
		if self, serr := os.Stat(src); serr == nil && os.SameFile(fi, self) {
			return rebound.Errorf(rebound.EINVALID, "%s is the database itself", src)
		}
		if !force {
			if what, err := holds(ctx, dst); err != nil {
				return err
			} else if what != "" {
				return rebound.Errorf(rebound.EINVALID, "%s holds %s: restore --force replaces it (back it up first)", dst, what)
			}
		}
	} else if !os.IsNotExist(err) {
		return err
	} else if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}

	// The copy, beside dst: brought up to date, then out of WAL mode so
	// that it is one self-contained file when renamed.
	raw, err := openRaw(src, true)
	if err != nil {
		return err
	}
	tmp, err := atomicfile.Temp(dst)
	if err != nil {
		raw.Close()
		return err
	}
	defer func() {
		if err != nil {
			for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
				os.Remove(p)
			}
		}
	}()
	_, err = raw.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	raw.Close()
	if err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	db, err := Open(ctx, tmp)
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	if err := setJournalDelete(ctx, tmp); err != nil {
		return err
	}

	// The target out of WAL mode too, so that no -wal file of the old
	// database is left to be replayed into the new one. This fails when
	// another connection has it open.
	if isSQLite(dst) {
		if err := setJournalDelete(ctx, dst); err != nil {
			return fmt.Errorf("%s is in use (stop rebound serve and other rebound commands on it first): %w", dst, err)
		}
	}
	return atomicfile.Commit(tmp, dst)
}

// setJournalDelete checkpoints the database at p and takes it out of WAL
// mode, which needs the only connection to it.
func setJournalDelete(ctx context.Context, p string) error {
	raw, err := openRaw(p, false)
	if err != nil {
		return err
	}
	defer raw.Close()
	// No waiting: another connection means someone is using it.
	if _, err := raw.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return err
	}
	var mode string
	if err := raw.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode); err != nil {
		return err
	}
	if mode != "delete" {
		return fmt.Errorf("journal mode is still %s", mode)
	}
	return nil
}

// CheckBackup returns nil when the file at p is a Rebound SQLite
// database this Rebound can restore: a SQLite file that passes SQLite's
// quick integrity check, with Rebound's migrations table and no
// migration this Rebound does not know. Otherwise it returns EINVALID
// saying why, naming p.
func CheckBackup(ctx context.Context, p string) error {
	if _, err := os.Stat(p); err != nil {
		return rebound.Errorf(rebound.EINVALID, "%s: %v", p, unwrapPath(err))
	}
	if !isSQLite(p) {
		return rebound.Errorf(rebound.EINVALID, "%s is not a SQLite database (not a Rebound backup)", p)
	}
	raw, err := openRaw(p, true)
	if err != nil {
		return err
	}
	defer raw.Close()
	var check string
	if err := raw.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil {
		return rebound.Errorf(rebound.EINVALID, "%s cannot be read: %v", p, err)
	} else if check != "ok" {
		return rebound.Errorf(rebound.EINVALID, "%s is damaged: %s", p, check)
	}
	rows, err := raw.QueryContext(ctx, `SELECT name FROM migrations ORDER BY name`)
	if err != nil {
		return rebound.Errorf(rebound.EINVALID, "%s is not a Rebound database (it has no migrations table)", p)
	}
	defer rows.Close()
	known, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	var applied []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		if !slices.Contains(known, path.Join("migrations", name)) {
			return rebound.Errorf(rebound.EINVALID, "%s was written by a newer Rebound (it has migration %s): upgrade Rebound to restore it", p, name)
		}
		applied = append(applied, name)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(applied) == 0 || applied[0] != "0001_init.sql" {
		return rebound.Errorf(rebound.EINVALID, "%s is not a Rebound database (its migrations are %q)", p, applied)
	}
	return nil
}

// holds says what data the database file at p holds ("3 users, 120
// activities"), "" when none: an empty file, a database without Rebound's
// tables yet, or one whose tables are all empty.
func holds(ctx context.Context, p string) (string, error) {
	if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
		return "", nil
	}
	raw, err := openRaw(p, true)
	if err != nil {
		return "", err
	}
	defer raw.Close()
	var parts []string
	for _, t := range []struct{ table, what string }{
		{"users", "users"}, {"activities", "activities"}, {"checkins", "check-ins"}, {"shoes", "shoes"},
		{"profile", "profiles"}, {"ticks", "checklist ticks"},
	} {
		var n int
		err := raw.QueryRowContext(ctx, `SELECT count(*) FROM `+t.table).Scan(&n)
		if err != nil && strings.Contains(err.Error(), "no such table") {
			continue
		} else if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, t.what))
		}
	}
	var tables int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT IN
		('users', 'activities', 'checkins', 'shoes', 'profile', 'ticks', 'migrations', 'activity_samples', 'activity_originals',
		 'activity_rpe', 'sessions', 'tokens', 'grants', 'athlete_revisions', 'sqlite_sequence')`).Scan(&tables); err != nil {
		return "", fmt.Errorf("%s: %w", p, err)
	}
	if tables > 0 && len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%d tables that are not Rebound's", tables))
	}
	return strings.Join(parts, ", "), nil
}

// isSQLite reports whether the file at p starts with SQLite's header.
func isSQLite(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == "SQLite format 3\x00"
}

func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
