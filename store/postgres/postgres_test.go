package postgres_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode/fit"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/postgres"
	"github.com/rebound-run/rebound/store/postgres/pgtest"
	"github.com/rebound-run/rebound/store/samplecodec"
	"github.com/rebound-run/rebound/store/storetest"
)

// The tests need a PostgreSQL server: see package pgtest. Every opened
// store gets a database of its own, so tests are isolated and run in
// parallel.

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Close()
	os.Exit(code)
}

// adminPool returns the pool on the test server, skipping the test when
// there is none configured (failing it when one is required).
func adminPool(tb testing.TB) *pgxpool.Pool { return pgtest.Admin(tb) }

// newDatabase creates an empty database, dropped when the test ends, and
// returns its connection string.
func newDatabase(tb testing.TB) string { return pgtest.NewDatabase(tb) }

func mustOpen(tb testing.TB, dsn string) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return db
}

// MustOpenDB opens a store on a new database and closes it when the test
// ends.
func MustOpenDB(tb testing.TB) *postgres.DB {
	tb.Helper()
	db := mustOpen(tb, newDatabase(tb))
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// rawConn connects to the database at dsn directly, for checks the store
// API does not expose.
func rawConn(tb testing.TB, dsn string) *pgx.Conn {
	tb.Helper()
	c, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func TestStore(t *testing.T) {
	t.Parallel()
	adminPool(t) // skip once here rather than in every subtest
	storetest.Run(t, func(tb testing.TB) store.Database { return mustOpen(tb, newDatabase(tb)) })
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

func appliedMigrations(tb testing.TB, dsn string) []string {
	tb.Helper()
	rows, _ := rawConn(tb, dsn).Query(context.Background(), `SELECT name FROM migrations ORDER BY name`)
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		tb.Fatal(err)
	}
	return names
}

func TestMigrate(t *testing.T) {
	t.Parallel()
	files := migrationFiles(t, "migrations")
	if len(files) == 0 {
		t.Fatal("no migrations/*.sql files")
	}

	t.Run("SameFilesAsSQLite", func(t *testing.T) { // runs without a server too
		if sq := migrationFiles(t, "../sqlite/migrations"); !slices.Equal(sq, files) {
			t.Errorf("postgres migrations %q differ from sqlite migrations %q", files, sq)
		}
	})

	t.Run("ConcurrentOpensMigrateOnce", func(t *testing.T) {
		// App servers started together against one new database: each
		// Open migrates or waits for the one that does, and none fails.
		t.Parallel()
		dsn := newDatabase(t)
		const servers = 6
		var wg sync.WaitGroup
		dbs := make([]*postgres.DB, servers)
		errs := make([]error, servers)
		for i := range servers {
			wg.Go(func() { dbs[i], errs[i] = postgres.Open(context.Background(), dsn) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("Open %d: %v", i, err)
				continue
			}
			defer dbs[i].Close()
		}
		if t.Failed() {
			return
		}
		if got := appliedMigrations(t, dsn); !slices.Equal(got, files) {
			t.Errorf("migrations table lists %q, want %q once each", got, files)
		}
		// Every handle works on the one schema.
		for i, db := range dbs {
			storetest.MustCreateActivity(t, db, storetest.NewActivity(time.Date(2025, 1, 1+i, 7, 0, 0, 0, time.UTC), activity.Running))
		}
		if n := storetest.MustCount(t, dbs[0]); n != servers {
			t.Errorf("count = %d, want %d", n, servers)
		}
	})

	t.Run("IdempotentAcrossOpens", func(t *testing.T) {
		t.Parallel()
		dsn := newDatabase(t)
		db := mustOpen(t, dsn)
		a := storetest.MustCreateActivity(t, db, storetest.NewActivity(time.Now(), activity.Running))
		db.Close()
		db = mustOpen(t, dsn)
		defer db.Close()
		storetest.MustFindActivityByID(t, db, a.ID)
		if got := appliedMigrations(t, dsn); !slices.Equal(got, files) {
			t.Errorf("migrations table lists %q, want %q", got, files)
		}
	})

	t.Run("ErrNewerDatabase", func(t *testing.T) {
		t.Parallel()
		dsn := newDatabase(t)
		mustOpen(t, dsn).Close()
		if _, err := rawConn(t, dsn).Exec(context.Background(),
			`INSERT INTO migrations (name, applied_at) VALUES ('9999_future.sql', now())`); err != nil {
			t.Fatal(err)
		}
		db, err := postgres.Open(context.Background(), dsn)
		if err == nil {
			db.Close()
		}
		if code := rebound.ErrorCode(err); code != rebound.EINVALID {
			t.Errorf("Open(newer database) = %v, want EINVALID", err)
		}
	})

	t.Run("LockReleasedOnCancel", func(t *testing.T) {
		// An Open that gives up waiting for the lock leaves the next free
		// to migrate.
		t.Parallel()
		dsn := newDatabase(t)
		holder := rawConn(t, dsn)
		if _, err := holder.Exec(context.Background(), `SELECT pg_advisory_lock(hashtextextended('rebound.migrate', 0))`); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		if db, err := postgres.Open(ctx, dsn); err == nil {
			db.Close()
			t.Fatal("Open succeeded while another session held the migration lock")
		}
		if _, err := holder.Exec(context.Background(), `SELECT pg_advisory_unlock(hashtextextended('rebound.migrate', 0))`); err != nil {
			t.Fatal(err)
		}
		mustOpen(t, dsn).Close()
	})
}

func TestOpen(t *testing.T) {
	t.Parallel()
	for _, dsn := range []string{"", "  ", "postgres://ana:s3cret@localhost:notaport/db", "host=localhost port=x password=s3cret"} {
		db, err := postgres.Open(context.Background(), dsn)
		if err == nil {
			db.Close()
		}
		if code := rebound.ErrorCode(err); code != rebound.EINVALID {
			t.Errorf("Open(%q) = %v, want EINVALID", dsn, err)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%q) = %v: the error shows the password", dsn, err)
		}
	}

	t.Run("ErrNoServerNamesDatabaseNotPassword", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := postgres.Open(ctx, "postgres://ana:s3cret@127.0.0.1:1/rebound?connect_timeout=5")
		if err == nil {
			t.Fatal("Open of a closed port succeeded")
		}
		if msg := err.Error(); strings.Contains(msg, "s3cret") || !strings.Contains(msg, "ana@127.0.0.1:1/rebound") {
			t.Errorf("error %q should name ana@127.0.0.1:1/rebound and not the password", msg)
		}
	})
}

// day is a fixed start for fixtures.
var day = time.Date(2024, 5, 4, 6, 30, 0, 0, time.UTC)

func TestCreateActivity(t *testing.T) {
	t.Parallel()
	adminPool(t)
	t.Run("OKNowStampsImportedAt", func(t *testing.T) {
		t.Parallel()
		db := MustOpenDB(t)
		now := time.Date(2025, 1, 2, 3, 4, 5, 6e6, time.UTC)
		db.Now = func() time.Time { return now }
		storetest.CheckNowStampsImportedAt(t, db, now)
	})

	t.Run("OKTextPostgresCannotHold", func(t *testing.T) {
		// SQLite stores any bytes; PostgreSQL text must be UTF-8 without
		// NUL. An import must not fail for a stray byte in a name.
		t.Parallel()
		db := MustOpenDB(t)
		a := storetest.NewActivity(day, activity.Running)
		a.Name, a.Device, a.Warnings = "Caf\xe9 run\x00", "edge\x00", []string{"bad \x00 byte"}
		storetest.MustCreateActivity(t, db, a)
		got := storetest.MustFindActivityByID(t, db, a.ID)
		if got.Name != "Caf\uFFFD run" || got.Device != "edge" || got.Warnings[0] != "bad \x00 byte" {
			t.Errorf("stored name %q, device %q, warnings %q", got.Name, got.Device, got.Warnings)
		}
	})

	t.Run("ErrConflictAcrossHandles", func(t *testing.T) {
		// Two handles on one database stand for two app servers.
		t.Parallel()
		dsn := newDatabase(t)
		db1, db2 := mustOpen(t, dsn), mustOpen(t, dsn)
		defer db1.Close()
		defer db2.Close()
		storetest.CheckConflictAcrossHandles(t, db1, db2)
	})

	t.Run("ConcurrentDuplicatesAcrossServers", func(t *testing.T) {
		// App servers importing the same run at the same moment, some as
		// the same file, some as another file (another hash) of the same
		// run a few seconds off: exactly one create wins each round.
		t.Parallel()
		dsn := newDatabase(t)
		dbs := []*postgres.DB{mustOpen(t, dsn), mustOpen(t, dsn), mustOpen(t, dsn)}
		for _, db := range dbs {
			defer db.Close()
		}
		const rounds, perServer = 10, 4
		for r := range rounds {
			start := day.Add(time.Duration(r) * 24 * time.Hour)
			var (
				wg                  sync.WaitGroup
				mu                  sync.Mutex
				created, conflicted int
			)
			for i, db := range dbs {
				for j := range perServer {
					wg.Go(func() {
						a := storetest.NewActivity(start, activity.Running)
						if j%2 == 1 { // another file of the same run
							a.Start = start.Add(time.Duration(i*perServer+j) * time.Second)
							h := sha256.Sum256(fmt.Appendf(nil, "%d-%d-%d", r, i, j))
							a.SHA256 = hex.EncodeToString(h[:])
						}
						err := db.ForAthlete(store.LocalAthleteID).CreateActivity(context.Background(), a)
						mu.Lock()
						defer mu.Unlock()
						switch rebound.ErrorCode(err) {
						case "":
							created++
						case rebound.ECONFLICT:
							conflicted++
						default:
							t.Errorf("round %d: %v", r, err)
						}
					})
				}
			}
			wg.Wait()
			if created != 1 || conflicted != len(dbs)*perServer-1 {
				t.Errorf("round %d: %d created, %d conflicts; want 1 and %d", r, created, conflicted, len(dbs)*perServer-1)
			}
		}
		if n := storetest.MustCount(t, dbs[0]); n != rounds {
			t.Errorf("count = %d, want %d", n, rounds)
		}
	})
}

// TestRoundTripRealFile stores a real FIT file as the importer would and
// reads back its samples and its original, byte for byte.
func TestRoundTripRealFile(t *testing.T) {
	t.Parallel()
	const dir = "../../../shared/testdata/fit"
	db := MustOpenDB(t)
	ctx := context.Background()
	for i, name := range []string{"fitparse__activity-large-fenxi2-multisport.fit", "jimmykane__downhill.fit"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if os.IsNotExist(err) {
			t.Skipf("%s: the shared test data is not beside the repository", name)
		} else if err != nil {
			t.Fatal(err)
		}
		acts, err := fit.Decode(data, name)
		if err != nil || len(acts) == 0 {
			t.Fatalf("decode %s: %d activities, %v", name, len(acts), err)
		}
		h := sha256.Sum256(data)
		a := &store.Activity{SHA256: hex.EncodeToString(h[:]), SourceFile: "export/" + name,
			Activity: acts[0], Summary: activity.Compute(acts[0]), Original: storetest.Compress(data)}
		if i == 1 { // as the importer does: samples encoded on its workers
			a.EncodedSamples = samplecodec.Encode(a.Samples)
		}
		storetest.MustCreateActivity(t, db, a)
		a.EncodedSamples = nil // the Find methods leave it nil

		got := storetest.MustFindActivityByID(t, db, a.ID)
		if len(got.Samples) != len(a.Samples) || len(a.Samples) < 100 {
			t.Fatalf("%s: %d samples back, want %d (and a real track)", name, len(got.Samples), len(a.Samples))
		}
		if diff := cmp.Diff(a, got, storetest.ActivityOptions); diff != "" {
			t.Errorf("%s: activity mismatch (-stored +found):\n%s", name, diff)
		}
		source, original, err := db.FindOriginal(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if source != a.SourceFile || !bytes.Equal(original, data) {
			t.Errorf("%s: original %q, %d bytes; want %q, the file's %d bytes", name, source, len(original), a.SourceFile, len(data))
		}
	}
}

func TestRevision(t *testing.T) {
	t.Parallel()
	adminPool(t)

	t.Run("RolledBackCreateKeepsIt", func(t *testing.T) {
		// A trigger refuses the original after the activity's row, and
		// the revision bump its trigger made, are written in the same
		// statement: both must roll back.
		t.Parallel()
		dsn := newDatabase(t)
		db := mustOpen(t, dsn)
		defer db.Close()
		if _, err := rawConn(t, dsn).Exec(context.Background(), `
			CREATE FUNCTION refuse_original() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'original refused by the test'; END $$;
			CREATE TRIGGER refuse_originals AFTER INSERT ON activity_originals
				FOR EACH ROW EXECUTE FUNCTION refuse_original()`); err != nil {
			t.Fatal(err)
		}
		storetest.CheckFailedCreateKeepsRevision(t, db)
	})

	t.Run("SeenByAnotherAppServer", func(t *testing.T) {
		t.Parallel()
		dsn := newDatabase(t)
		db1, db2 := mustOpen(t, dsn), mustOpen(t, dsn)
		defer db1.Close()
		defer db2.Close()
		storetest.CheckRevisionAcrossHandles(t, db1, db2)
	})
}

// TestAccounts checks what the shared suite cannot: names that PostgreSQL
// text cannot hold.
func TestAccounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := MustOpenDB(t)
	if code := rebound.ErrorCode(db.CreateUser(ctx, &account.User{Name: "bad\xff", Role: account.Coach})); code != rebound.EINVALID {
		t.Errorf("CreateUser(invalid UTF-8) code %q, want EINVALID", code)
	}
	if _, err := db.FindUserByName(ctx, "bad\xff"); rebound.ErrorCode(err) != rebound.ENOTFOUND {
		t.Errorf("FindUserByName(invalid UTF-8) = %v, want ENOTFOUND", err)
	}
}

func TestDeleteUserFailureKeepsAll(t *testing.T) {
	t.Parallel()
	adminPool(t)
	dsn := newDatabase(t)
	db := mustOpen(t, dsn)
	defer db.Close()
	if _, err := rawConn(t, dsn).Exec(context.Background(), `
		CREATE FUNCTION refuse_user_delete() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'user delete refused by the test'; END $$;
		CREATE TRIGGER refuse_user_delete BEFORE DELETE ON users
			FOR EACH ROW EXECUTE FUNCTION refuse_user_delete()`); err != nil {
		t.Fatal(err)
	}
	storetest.CheckFailedDeleteKeepsAll(t, db)
}

func TestMergeCheckInAcrossServers(t *testing.T) {
	// Two stores on one database stand for two app servers: each has its
	// own pool, so only the database keeps their merges apart.
	t.Parallel()
	dsn := newDatabase(t)
	db1, db2 := mustOpen(t, dsn), mustOpen(t, dsn)
	defer db1.Close()
	defer db2.Close()
	storetest.CheckConcurrentMerges(t, db1, db2)
}
