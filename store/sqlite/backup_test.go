package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/internal/datatest"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/store/storetest"
)

// template is a closed database file with an athlete's real data and an
// account, made once (importing is slow) and copied for each test.
var template struct {
	once sync.Once
	dir  string
	data []byte
	snap *storetest.Snapshot
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if template.dir != "" {
		os.RemoveAll(template.dir)
	}
	os.Exit(code)
}

// filled returns a new database file with an athlete's real data and an
// account, closed, and its snapshot.
func filled(t *testing.T) (string, *storetest.Snapshot) {
	t.Helper()
	template.once.Do(func() {
		if template.dir, template.err = os.MkdirTemp("", "rebound-backup-test-"); template.err != nil {
			return
		}
		path := filepath.Join(template.dir, "rebound.db")
		db := mustOpen(t, path)
		datatest.Fill(t, db)
		if err := db.CreateUser(context.Background(), &account.User{Name: "ana", Role: account.Admin, PasswordHash: "h"}); err != nil {
			t.Fatal(err)
		}
		template.snap = storetest.MustSnapshot(t, db)
		if template.err = db.Close(); template.err == nil {
			template.data, template.err = os.ReadFile(path)
		}
	})
	if template.err != nil || template.data == nil {
		t.Fatalf("the template database: %v", template.err)
	}
	path := dbPath(t)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, template.data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, template.snap
}

// snapshotOf opens the database at path and returns its snapshot.
func snapshotOf(t *testing.T, path string) *storetest.Snapshot {
	t.Helper()
	db := mustOpen(t, path)
	defer db.Close()
	if u, err := db.FindUserByName(context.Background(), "ana"); err != nil || u.Role != account.Admin {
		t.Errorf("%s: user ana %+v, %v", path, u, err)
	}
	return storetest.MustSnapshot(t, db)
}

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	src, want := filled(t)
	backup := filepath.Join(t.TempDir(), "rebound-backup.db")

	db := mustOpen(t, src)
	if err := db.Backup(ctx, backup, false); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	t.Run("ErrExistsWithoutForce", func(t *testing.T) {
		err := db.Backup(ctx, backup, false)
		if rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), backup) {
			t.Errorf("Backup over an existing file = %v, want EINVALID naming it", err)
		}
		if err := db.Backup(ctx, backup, true); err != nil {
			t.Errorf("Backup --force: %v", err)
		}
	})
	t.Run("ErrOverTheDatabase", func(t *testing.T) {
		if err := db.Backup(ctx, src, true); rebound.ErrorCode(err) != rebound.EINVALID {
			t.Errorf("Backup over the database itself = %v, want EINVALID", err)
		}
	})
	db.Close()
	if err := sqlite.CheckBackup(ctx, backup); err != nil {
		t.Fatalf("CheckBackup: %v", err)
	}
	if _, err := os.Stat(backup + "-wal"); err == nil {
		t.Error("the backup has a -wal file beside it")
	}

	// Into a new file, and over a database holding data (with force).
	fresh := filepath.Join(t.TempDir(), "new", "rebound.db")
	if err := sqlite.Restore(ctx, backup, fresh, false); err != nil {
		t.Fatalf("Restore into a new file: %v", err)
	}
	if diff := storetest.DiffSnapshots(want, snapshotOf(t, fresh)); diff != "" {
		t.Errorf("restored data differs (-backed up +restored):\n%s", diff)
	}

	other, _ := filled(t)
	db = mustOpen(t, other)
	storetest.MustCreateActivity(t, db, storetest.NewActivity(time.Date(2020, 1, 1, 8, 0, 0, 0, time.UTC), activity.Running))
	db.Close()
	err := sqlite.Restore(ctx, backup, other, false)
	if rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), "activities") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("Restore over data without --force = %v, want EINVALID saying what it holds", err)
	}
	db = mustOpen(t, other)
	if n := storetest.MustCount(t, db); n != len(want.Activities)+1 {
		t.Errorf("a refused restore changed the database: %d activities", n)
	}
	db.Close()
	if err := sqlite.Restore(ctx, backup, other, true); err != nil {
		t.Fatalf("Restore --force: %v", err)
	}
	if diff := storetest.DiffSnapshots(want, snapshotOf(t, other)); diff != "" {
		t.Errorf("restored data differs (-backed up +restored):\n%s", diff)
	}
	entries, _ := os.ReadDir(filepath.Dir(other))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestBackupWhileWriting backs up while another handle (another process)
// keeps importing: every backup is a consistent database, every activity
// in it whole, and the writer is never refused.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	db, writer := mustOpen(t, path), mustOpen(t, path)
	defer db.Close()
	defer writer.Close()
	samples := storetest.NewSamples(time.Date(2020, 1, 1, 6, 0, 0, 0, time.UTC), 3600)
	var (
		stop    atomic.Bool
		written atomic.Int64
		wg      sync.WaitGroup
		werr    error
	)
	wg.Go(func() {
		start := time.Date(2020, 1, 1, 6, 0, 0, 0, time.UTC)
		for i := 0; !stop.Load(); i++ {
			a := storetest.NewActivity(start.Add(time.Duration(i)*time.Hour), activity.Running)
			a.Samples = samples
			if err := writer.CreateActivity(ctx, a); err != nil {
				werr = err
				return
			}
			written.Add(1)
		}
	})
	dir := t.TempDir()
	var counts []int
	for i := range 4 {
		for written.Load() < int64(5*(i+1)) {
			time.Sleep(time.Millisecond)
		}
		backup := filepath.Join(dir, "b"+string(rune('0'+i))+".db")
		if err := db.Backup(ctx, backup, false); err != nil {
			t.Fatalf("Backup while writing: %v", err)
		}
		if err := sqlite.CheckBackup(ctx, backup); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		b := mustOpen(t, backup)
		list, n, err := b.FindActivities(ctx, store.ActivityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			full := storetest.MustFindActivityByID(t, b, a.ID)
			if len(full.Samples) != len(samples) {
				t.Errorf("backup %d: activity %d has %d samples, want %d", i, a.ID, len(full.Samples), len(samples))
			}
			if _, _, err := b.FindOriginal(ctx, a.ID); err != nil {
				t.Errorf("backup %d: activity %d: %v", i, a.ID, err)
			}
		}
		if rev := storetest.MustRevision(t, b); rev != int64(n) {
			t.Errorf("backup %d: %d activities but revision %d: not one moment's state", i, n, rev)
		}
		b.Close()
		counts = append(counts, n)
	}
	stop.Store(true)
	wg.Wait()
	if werr != nil {
		t.Fatalf("the writer failed during the backups: %v", werr)
	}
	if counts[0] == counts[len(counts)-1] {
		t.Errorf("backups saw %v activities: the writer did not write meanwhile", counts)
	}
}

// TestRestoreRefusesBadBackups gives Restore files that are not backups
// it can restore: each is refused, named, and the target is left as it
// was.
func TestRestoreRefusesBadBackups(t *testing.T) {
	ctx := context.Background()
	src, _ := filled(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	db := mustOpen(t, src)
	if err := db.Backup(ctx, good, false); err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, err := os.ReadFile(good)
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
	notRebound := filepath.Join(dir, "other.db")
	raw := rawDB(t, notRebound)
	if _, err := raw.Exec(`CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	newer := write("newer.db", data)
	raw = rawDB(t, newer)
	if _, err := raw.Exec(`INSERT INTO migrations (name, applied_at_ms) VALUES ('9999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	damaged := write("damaged.db", data[:len(data)/2])
	corrupt := append([]byte{}, data...)
	for i := 4096 * 3; i < len(corrupt) && i < 4096*6; i++ { // a few pages of garbage
		corrupt[i] ^= 0x5a
	}
	corrupted := write("corrupt.db", corrupt)

	target, want := filled(t)
	for _, c := range []struct{ file, msg string }{
		{write("notes.txt", []byte("these are my notes, not a database, but long enough to look like a header")), "not a SQLite database"},
		{filepath.Join(dir, "missing.db"), "missing.db"},
		{notRebound, "not a Rebound database"},
		{newer, "newer Rebound"},
		{damaged, "damaged.db"},
		{corrupted, "corrupt.db"},
	} {
		err := sqlite.Restore(ctx, c.file, target, true)
		if rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), filepath.Base(c.file)) {
			t.Errorf("Restore(%s) = %v; want EINVALID naming the file and saying %q", filepath.Base(c.file), err, c.msg)
		}
	}
	if diff := storetest.DiffSnapshots(want, snapshotOf(t, target)); diff != "" {
		t.Errorf("refused restores changed the target:\n%s", diff)
	}

	t.Run("ErrInUse", func(t *testing.T) {
		// A server has the target open: the restore fails and changes nothing.
		db := mustOpen(t, target)
		defer db.Close()
		err := sqlite.Restore(ctx, good, target, true)
		if err == nil || !strings.Contains(err.Error(), "in use") {
			t.Errorf("Restore over an open database = %v, want it refused as in use", err)
		}
		if diff := storetest.DiffSnapshots(want, storetest.MustSnapshot(t, db)); diff != "" {
			t.Errorf("a refused restore changed the open database:\n%s", diff)
		}
	})
}

// TestRestoreOlderBackup restores a backup made before migration 0004:
// it is brought up to date as Open would.
func TestRestoreOlderBackup(t *testing.T) {
	ctx := context.Background()
	src, want := filled(t)
	old := filepath.Join(t.TempDir(), "old.db")
	db := mustOpen(t, src)
	if err := db.Backup(ctx, old, false); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw := rawDB(t, old)
	rows, err := raw.Query(`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%revision%'`)
	if err != nil {
		t.Fatal(err)
	}
	var triggers []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		triggers = append(triggers, n)
	}
	rows.Close()
	for _, tr := range triggers {
		if _, err := raw.Exec(`DROP TRIGGER ` + tr); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`DROP TABLE athlete_revisions; DELETE FROM migrations WHERE name = '0004_revisions.sql'`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	target := filepath.Join(t.TempDir(), "rebound.db")
	if err := sqlite.Restore(ctx, old, target, false); err != nil {
		t.Fatalf("Restore of an older backup: %v", err)
	}
	if diff := storetest.DiffSnapshots(want, snapshotOf(t, target)); diff != "" {
		t.Errorf("restored data differs:\n%s", diff)
	}
	db = mustOpen(t, target)
	defer db.Close()
	before := storetest.MustRevision(t, db)
	if err := db.SaveRPE(ctx, 1, 5); err != nil {
		t.Fatal(err)
	}
	if storetest.MustRevision(t, db) == before {
		t.Error("the restored database has no revision triggers: it was not migrated")
	}
}
