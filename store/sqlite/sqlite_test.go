package sqlite_test

import (
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/store/storetest"
)

var dump = flag.Bool("dump", false, "keep each test database and log its path")

// MustOpenDB opens a new database file in a fresh directory (kept and
// logged with -dump) and closes it when the test ends.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := mustOpen(tb, dbPath(tb))
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// dbPath returns a database path in a directory that does not exist yet.
func dbPath(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	if *dump {
		var err error
		if dir, err = os.MkdirTemp("", "rebound-test-"); err != nil {
			tb.Fatal(err)
		}
		tb.Logf("database kept in %s", dir)
	}
	return filepath.Join(dir, "data", "rebound.db")
}

func mustOpen(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) store.Database { return mustOpen(tb, dbPath(tb)) })
}

func TestStoreInMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("the file-backed suite covers the same code")
	}
	storetest.Run(t, func(tb testing.TB) store.Database { return mustOpen(tb, ":memory:") })
}

// rawDB opens the database file directly, for checks the store API does
// not expose.
func rawDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

// migrationFiles lists the .sql files in dir, sorted.
func migrationFiles(tb testing.TB, dir string) []string {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		tb.Fatal(err)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	slices.Sort(names)
	return names
}

func TestOpen(t *testing.T) {
	t.Run("OKCreatesParentsWALForeignKeys", func(t *testing.T) {
		path := dbPath(t)
		db := mustOpen(t, path)
		defer db.Close()
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("database file: %v", err)
		}
		var mode string
		if err := rawDB(t, path).QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v; want wal", mode, err)
		}
	})

	t.Run("ErrEmptyPath", func(t *testing.T) {
		_, err := sqlite.Open(context.Background(), "")
		if code := rebound.ErrorCode(err); code != rebound.EINVALID {
			t.Errorf("Open(\"\") = %v, want EINVALID", err)
		}
	})

	t.Run("ErrNotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.txt")
		if err := os.WriteFile(path, []byte("these are not the pages you are looking for, "+
			"not a SQLite header at all, just text long enough to fill one"), 0o600); err != nil {
			t.Fatal(err)
		}
		if db, err := sqlite.Open(context.Background(), path); err == nil {
			db.Close()
			t.Error("Open(a text file) succeeded")
		}
	})
}

func TestMigrate(t *testing.T) {
	files := migrationFiles(t, "migrations")
	if len(files) == 0 {
		t.Fatal("no migrations/*.sql files")
	}

	t.Run("IdempotentAcrossOpens", func(t *testing.T) {
		path := dbPath(t)
		db := mustOpen(t, path)
		a := storetest.MustCreateActivity(t, db, storetest.NewActivity(time.Now(), activity.Running))
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		db = mustOpen(t, path)
		defer db.Close()
		storetest.MustFindActivityByID(t, db, a.ID)
	})

	t.Run("ListsAppliedFiles", func(t *testing.T) {
		path := dbPath(t)
		mustOpen(t, path).Close()
		mustOpen(t, path).Close()
		rows, err := rawDB(t, path).Query(`SELECT name FROM migrations ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var applied []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			applied = append(applied, name)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(applied, files) {
			t.Errorf("migrations table lists %q, want %q", applied, files)
		}
	})

	t.Run("ErrNewerDatabase", func(t *testing.T) {
		path := dbPath(t)
		mustOpen(t, path).Close()
		if _, err := rawDB(t, path).Exec(`INSERT INTO migrations (name, applied_at_ms) VALUES ('9999_future.sql', 0)`); err != nil {
			t.Fatal(err)
		}
		db, err := sqlite.Open(context.Background(), path)
		if err == nil {
			db.Close()
		}
		if code := rebound.ErrorCode(err); code != rebound.EINVALID {
			t.Errorf("Open(newer database) = %v, want EINVALID", err)
		}
	})
}

func TestCreateActivity(t *testing.T) {
	t.Run("OKNowStampsImportedAt", func(t *testing.T) {
		db := MustOpenDB(t)
		now := time.Date(2025, 1, 2, 3, 4, 5, 6e6, time.UTC)
		db.Now = func() time.Time { return now }
		storetest.CheckNowStampsImportedAt(t, db, now)
	})

	t.Run("ErrConflictAcrossHandles", func(t *testing.T) {
		// Two handles on one file stand for two processes.
		path := dbPath(t)
		db1, db2 := mustOpen(t, path), mustOpen(t, path)
		defer db1.Close()
		defer db2.Close()
		storetest.CheckConflictAcrossHandles(t, db1, db2)
	})
}

func TestMergeCheckInAcrossHandles(t *testing.T) {
	// Two handles on one file stand for two processes: each has its own
	// write connection, so only the file's lock keeps their merges apart.
	path := dbPath(t)
	db1, db2 := mustOpen(t, path), mustOpen(t, path)
	defer db1.Close()
	defer db2.Close()
	storetest.CheckConcurrentMerges(t, db1, db2)
}

func TestRevision(t *testing.T) {
	t.Run("RolledBackCreateKeepsIt", func(t *testing.T) {
		// A trigger refuses the original, the last insert of the create's
		// transaction: the activity's row and its revision bump were
		// already written, and must roll back with it.
		path := dbPath(t)
		db := mustOpen(t, path)
		defer db.Close()
		if _, err := rawDB(t, path).Exec(`CREATE TRIGGER refuse_originals AFTER INSERT ON activity_originals
			BEGIN SELECT RAISE(ABORT, 'original refused by the test'); END`); err != nil {
			t.Fatal(err)
		}
		storetest.CheckFailedCreateKeepsRevision(t, db)
	})

	t.Run("SeenAcrossHandles", func(t *testing.T) {
		// Two handles on one file stand for two processes.
		path := dbPath(t)
		db1, db2 := mustOpen(t, path), mustOpen(t, path)
		defer db1.Close()
		defer db2.Close()
		storetest.CheckRevisionAcrossHandles(t, db1, db2)
	})
}

// BenchmarkCreateActivity measures the importer's path: one hour of
// samples and a 100 KB original per activity.
func BenchmarkCreateActivity(b *testing.B) {
	db := MustOpenDB(b)
	start := time.Date(2020, 1, 1, 6, 0, 0, 0, time.UTC)
	original := storetest.Compress(make([]byte, 100<<10))
	samples := storetest.NewSamples(start, 3600)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a := storetest.NewActivity(start.Add(time.Duration(i)*time.Hour), activity.Running)
		a.Samples, a.Original = samples, original
		if err := db.CreateActivity(context.Background(), a); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "activities/s")
}

// BenchmarkFindActivities lists 1000 activities without samples.
func BenchmarkFindActivities(b *testing.B) {
	db := MustOpenDB(b)
	start := time.Date(2020, 1, 1, 6, 0, 0, 0, time.UTC)
	for i := range 1000 {
		a := storetest.NewActivity(start.Add(time.Duration(i)*time.Hour), activity.Running)
		a.Summary.HRSeconds = make([]float64, 200)
		storetest.MustCreateActivity(b, db, a)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, n, err := db.FindActivities(context.Background(), store.ActivityFilter{}); err != nil || n != 1000 {
			b.Fatal(n, err)
		}
	}
}

func TestDeleteUserFailureKeepsAll(t *testing.T) {
	path := dbPath(t)
	db := mustOpen(t, path)
	defer db.Close()
	if _, err := rawDB(t, path).Exec(`CREATE TRIGGER refuse_user_delete BEFORE DELETE ON users
		BEGIN SELECT RAISE(ABORT, 'user delete refused by the test'); END`); err != nil {
		t.Fatal(err)
	}
	storetest.CheckFailedDeleteKeepsAll(t, db)
}
