package postgres_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/internal/datatest"
	"github.com/rebound-run/rebound/store/postgres"
	"github.com/rebound-run/rebound/store/storetest"
)

// filledDatabase returns a new database with an athlete's real data and
// an account, and its snapshot.
func filledDatabase(t *testing.T) (string, *storetest.Snapshot) {
	t.Helper()
	dsn := newDatabase(t)
	db := mustOpen(t, dsn)
	defer db.Close()
	datatest.Fill(t, db)
	if err := db.CreateUser(context.Background(), &account.User{Name: "ana", Role: account.Admin, PasswordHash: "h"}); err != nil {
		t.Fatal(err)
	}
	return dsn, storetest.MustSnapshot(t, db)
}

// snapshotAt opens the database at dsn (migrating it, as a server
// would) and returns its snapshot, checking that the account is there.
func snapshotAt(t *testing.T, dsn string) *storetest.Snapshot {
	t.Helper()
	db := mustOpen(t, dsn)
	defer db.Close()
	if u, err := db.FindUserByName(context.Background(), "ana"); err != nil || u.Role != account.Admin {
		t.Errorf("user ana: %+v, %v", u, err)
	}
	return storetest.MustSnapshot(t, db)
}

func TestBackupRestore(t *testing.T) {
	adminPool(t)
	ctx := context.Background()
	src, want := filledDatabase(t)
	dir := t.TempDir()
	backup := filepath.Join(dir, "rebound.dump")
	if err := postgres.Backup(ctx, src, backup, false); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if err := postgres.CheckBackup(ctx, backup); err != nil {
		t.Fatalf("CheckBackup: %v", err)
	}
	if err := postgres.Backup(ctx, src, backup, false); rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), backup) {
		t.Errorf("Backup over an existing file = %v, want EINVALID naming it", err)
	}

	t.Run("IntoANewDatabase", func(t *testing.T) {
		dst := newDatabase(t)
		if err := postgres.Restore(ctx, dst, backup, false); err != nil {
			t.Fatalf("Restore: %v", err)
		}
		if diff := storetest.DiffSnapshots(want, snapshotAt(t, dst)); diff != "" {
			t.Errorf("restored data differs (-backed up +restored):\n%s", diff)
		}
	})

	t.Run("IntoAServersEmptyDatabase", func(t *testing.T) {
		// rebound serve has migrated the new database already.
		dst := newDatabase(t)
		mustOpen(t, dst).Close()
		if err := postgres.Restore(ctx, dst, backup, false); err != nil {
			t.Fatalf("Restore: %v", err)
		}
		if diff := storetest.DiffSnapshots(want, snapshotAt(t, dst)); diff != "" {
			t.Errorf("restored data differs (-backed up +restored):\n%s", diff)
		}
	})

	t.Run("OverDataOnlyWithForce", func(t *testing.T) {
		db := mustOpen(t, src)
		storetest.MustCreateActivity(t, db, storetest.NewActivity(time.Date(2020, 1, 1, 8, 0, 0, 0, time.UTC), activity.Running))
		db.Close()
		err := postgres.Restore(ctx, src, backup, false)
		if rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), "activities") || !strings.Contains(err.Error(), "--force") {
			t.Fatalf("Restore over data = %v, want EINVALID saying what the database holds", err)
		}
		if err := postgres.Restore(ctx, src, backup, true); err != nil {
			t.Fatalf("Restore --force: %v", err)
		}
		if diff := storetest.DiffSnapshots(want, snapshotAt(t, src)); diff != "" {
			t.Errorf("restored data differs (-backed up +restored):\n%s", diff)
		}
	})

	t.Run("ErrBadDumpsLeaveTheDatabase", func(t *testing.T) {
		data, err := os.ReadFile(backup)
		if err != nil {
			t.Fatal(err)
		}
		write := func(name string, b []byte) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		// A dump of a database that is not Rebound's, and of a newer Rebound's.
		other := newDatabase(t)
		if _, err := rawConn(t, other).Exec(ctx, `CREATE TABLE notes (text text); INSERT INTO notes VALUES ('hello')`); err != nil {
			t.Fatal(err)
		}
		notRebound := filepath.Join(dir, "notes.dump")
		if err := postgres.Backup(ctx, other, notRebound, false); err != nil {
			t.Fatal(err)
		}
		newerDB := newDatabase(t)
		mustOpen(t, newerDB).Close()
		if _, err := rawConn(t, newerDB).Exec(ctx, `INSERT INTO migrations (name, applied_at) VALUES ('9999_future.sql', now())`); err != nil {
			t.Fatal(err)
		}
		newer := filepath.Join(dir, "newer.dump")
		if err := postgres.Backup(ctx, newerDB, newer, false); err != nil {
			t.Fatal(err)
		}

		dst, dstWant := filledDatabase(t)
		for _, c := range []struct{ file, msg string }{
			{write("notes.txt", []byte("not a dump")), "not a pg_dump"},
			{filepath.Join(dir, "missing.dump"), "missing.dump"},
			{notRebound, "not a dump of a Rebound database"},
			{newer, "newer Rebound"},
		} {
			err := postgres.Restore(ctx, dst, c.file, true)
			if rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), filepath.Base(c.file)) {
				t.Errorf("Restore(%s) = %v; want EINVALID naming it and saying %q", filepath.Base(c.file), err, c.msg)
			}
		}
		// A dump cut short: refused, or failing half-way and rolled back.
		for _, cut := range []int{len(data) / 3, len(data) * 9 / 10} {
			if err := postgres.Restore(ctx, dst, write("cut.dump", data[:cut]), true); err == nil {
				t.Errorf("Restore of a dump cut at %d of %d bytes succeeded", cut, len(data))
			}
		}
		if diff := storetest.DiffSnapshots(dstWant, snapshotAt(t, dst)); diff != "" {
			t.Errorf("refused or failed restores changed the database:\n%s", diff)
		}
	})
}

// TestBackupTablesComplete holds postgres.Tables and postgres.Functions,
// which Restore drops, to what the migrations create.
func TestBackupTablesComplete(t *testing.T) {
	adminPool(t)
	dsn := newDatabase(t)
	mustOpen(t, dsn).Close()
	c := rawConn(t, dsn)
	rows, _ := c.Query(context.Background(), `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`)
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = c.Query(context.Background(), `SELECT p.oid::regprocedure::text FROM pg_proc p
		JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() ORDER BY 1`)
	funcs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Sorted(slices.Values(postgres.Tables))
	if !slices.Equal(tables, want) {
		t.Errorf("the migrations create tables %q; postgres.Tables lists %q", tables, want)
	}
	if wantF := slices.Sorted(slices.Values(postgres.Functions)); !slices.Equal(funcs, wantF) {
		t.Errorf("the migrations create functions %q; postgres.Functions lists %q", funcs, wantF)
	}
}
