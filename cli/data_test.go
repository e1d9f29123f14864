package cli_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/internal/datatest"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/engine"
	"github.com/rebound-run/rebound/store/storetest"
)

// snapshot opens the database (SQLite file or PostgreSQL URL) and returns
// the local runner's data and the accounts' names and roles.
func snapshot(t *testing.T, dsn string) (*storetest.Snapshot, []string) {
	t.Helper()
	db, err := engine.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users, err := db.FindUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range users {
		names = append(names, u.Name+" "+string(u.Role))
	}
	return storetest.MustSnapshot(t, db), names
}

// filledDB returns a SQLite database of an athlete with real data (the
// corpus files imported through the import path, simulated check-ins,
// ratings, shoes, ticks, a profile) and an account for them.
func filledDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rebound.db")
	db, err := engine.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	datatest.Fill(t, db)
	if err := db.CreateUser(context.Background(), &account.User{Name: "ana", Role: account.Admin, PasswordHash: "h"}); err != nil {
		t.Fatal(err)
	}
	return path
}

// newPostgres returns the URL of a new, empty database on the test
// server (REBOUND_TEST_POSTGRES, see .ci/postgres.sh), dropped when the
// test ends. It skips the test without a server, unless
// REBOUND_REQUIRE_POSTGRES=1.
func newPostgres(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("REBOUND_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("REBOUND_REQUIRE_POSTGRES") == "1" {
			t.Fatal("REBOUND_REQUIRE_POSTGRES=1 but REBOUND_TEST_POSTGRES is not set: start a server with .ci/postgres.sh")
		}
		t.Skip("no PostgreSQL server: eval \"$(bash .ci/postgres.sh)\" to test backup and restore on PostgreSQL")
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	rnd := make([]byte, 6)
	rand.Read(rnd)
	name := "rebound_cli_" + hex.EncodeToString(rnd)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)")
		admin.Close(context.Background())
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// TestDataRoundTrip is the runner's data leaving and coming back: an
// athlete's real data is exported and imported into a new database, and
// backed up and restored into another, and both hold the same as the
// original; then the same through PostgreSQL (exported from SQLite,
// imported there, backed up and restored into a second database).
func TestDataRoundTrip(t *testing.T) {
	src := filledDB(t)
	want, _ := snapshot(t, src)
	dir := t.TempDir()

	t.Run("ExportImport", func(t *testing.T) {
		file := filepath.Join(dir, "ana.zip")
		code, out, errs := rebound(t, src, "export", file)
		if code != 0 || !strings.Contains(out, "Exported") {
			t.Fatalf("export: exit %d %s%s", code, out, errs)
		}
		dst := filepath.Join(t.TempDir(), "new.db")
		if code, out, errs := rebound(t, dst, "import", file); code != 0 || !strings.Contains(out, "decoded again") {
			t.Fatalf("import of the export: exit %d %s%s", code, out, errs)
		}
		got, _ := snapshot(t, dst)
		if diff := storetest.DiffSnapshots(want, got); diff != "" {
			t.Errorf("imported export differs (-exported +imported):\n%s", diff)
		}
		// Again: nothing new, nothing changed.
		code, out, _ = rebound(t, dst, "import", "--json", file)
		if code != 0 || !strings.Contains(out, `"activities": 0`) || !strings.Contains(out, `"profile": false`) {
			t.Errorf("second import: exit %d %s", code, out)
		}
		// A CSV export is for spreadsheets: made, but not imported.
		csvFile := filepath.Join(dir, "ana-csv.zip")
		if code, _, errs := rebound(t, src, "export", "--format", "csv", csvFile); code != 0 {
			t.Fatalf("export --format csv: %s", errs)
		}
		if code, _, errs := rebound(t, dst, "import", csvFile); code != 1 || !strings.Contains(errs, "ana-csv.zip") ||
			!strings.Contains(errs, "only JSON exports") {
			t.Errorf("import of a CSV export: exit %d %q", code, errs)
		}
		if code, _, errs := rebound(t, dst, "import", file, corpus.Path(t, datatest.Files[0])); code != 1 || !strings.Contains(errs, "on its own") {
			t.Errorf("import of an export with other files: exit %d %q", code, errs)
		}
	})

	t.Run("BackupRestore", func(t *testing.T) {
		_, wantUsers := snapshot(t, src)
		backup := filepath.Join(dir, "backup.db")
		if code, out, errs := rebound(t, src, "backup", backup); code != 0 || !strings.Contains(out, "Backed up") {
			t.Fatalf("backup: exit %d %s%s", code, out, errs)
		}
		if code, _, errs := rebound(t, src, "backup", backup); code != 1 || !strings.Contains(errs, "--force") {
			t.Errorf("backup over an existing file: exit %d %q", code, errs)
		}
		dst := filepath.Join(t.TempDir(), "restored.db")
		if code, out, errs := rebound(t, dst, "restore", backup); code != 0 || !strings.Contains(out, "Restored") {
			t.Fatalf("restore: exit %d %s%s", code, out, errs)
		}
		got, users := snapshot(t, dst)
		if diff := storetest.DiffSnapshots(want, got); diff != "" {
			t.Errorf("restored backup differs (-backed up +restored):\n%s", diff)
		}
		if strings.Join(users, ",") != strings.Join(wantUsers, ",") {
			t.Errorf("restored users %v, want %v", users, wantUsers)
		}
		if code, _, errs := rebound(t, dst, "restore", backup); code != 1 || !strings.Contains(errs, "--force") {
			t.Errorf("restore over data: exit %d %q", code, errs)
		}
		if code, _, errs := rebound(t, dst, "restore", "--force", filepath.Join(dir, "ana.zip")); code != 1 ||
			!strings.Contains(errs, "not a SQLite database") || !strings.Contains(errs, "ana.zip") {
			t.Errorf("restore of a zip: exit %d %q", code, errs)
		}
		if kept, _ := filepath.Glob(dst + ".before-restore-*"); len(kept) != 0 {
			t.Errorf("a failed restore kept copies %v", kept)
		}
		code, out, errs := rebound(t, dst, "restore", "--force", backup)
		if code != 0 {
			t.Fatalf("restore --force: %s", errs)
		}
		// What the forced restore replaced is kept, whole, and named.
		kept, _ := filepath.Glob(dst + ".before-restore-*")
		if len(kept) != 1 || !strings.Contains(out, "kept in "+kept[0]) {
			t.Fatalf("restore --force: kept %v, said %q", kept, out)
		}
		if got, _ := snapshot(t, kept[0]); storetest.DiffSnapshots(want, got) != "" {
			t.Errorf("the copy kept by restore --force differs from what the database held")
		}
	})

	t.Run("PostgreSQL", func(t *testing.T) {
		pg := newPostgres(t)
		file := filepath.Join(dir, "ana.zip")
		if _, err := os.Stat(file); err != nil {
			t.Skip("needs the export of ExportImport")
		}
		if code, out, errs := rebound(t, pg, "import", file); code != 0 {
			t.Fatalf("import of the SQLite export into PostgreSQL: exit %d %s%s", code, out, errs)
		}
		got, _ := snapshot(t, pg)
		if diff := storetest.DiffSnapshots(want, got); diff != "" {
			t.Errorf("export imported into PostgreSQL differs (-exported +imported):\n%s", diff)
		}
		// An account, so that the backup holds more than the runner's data.
		if code, _, errs := reboundIn(t, pg, "long enough password\n", "user", "add", "ana", "--role", "admin"); code != 0 {
			t.Fatal(errs)
		}
		dump := filepath.Join(dir, "pg.dump")
		if code, out, errs := rebound(t, pg, "backup", dump); code != 0 || strings.Contains(out, "@") {
			t.Fatalf("backup of PostgreSQL: exit %d %s%s (the output must not show the URL)", code, out, errs)
		}
		other := newPostgres(t)
		if code, out, errs := rebound(t, other, "restore", dump); code != 0 {
			t.Fatalf("restore into PostgreSQL: exit %d %s%s", code, out, errs)
		}
		got, users := snapshot(t, other)
		if diff := storetest.DiffSnapshots(want, got); diff != "" {
			t.Errorf("restored PostgreSQL differs (-backed up +restored):\n%s", diff)
		}
		if strings.Join(users, ",") != "ana admin" {
			t.Errorf("restored users %v", users)
		}
		if code, _, errs := rebound(t, other, "restore", dump); code != 1 || !strings.Contains(errs, "--force") {
			t.Errorf("restore over data: exit %d %q", code, errs)
		}
	})
}

// terminal runs the command line with stdin as typed on a terminal.
func terminal(t *testing.T, db, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Now: func() time.Time { return now },
		Getenv: func(k string) string {
			if k == "REBOUND_DB" {
				return db
			}
			return ""
		},
		IsTerminal: func(io.Writer) bool { return true }}
	code := cli.Main(context.Background(), args, env)
	return code, out.String(), errb.String()
}

func TestUserDelete(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "club.db")
	for _, add := range [][]string{{"user", "add", "ana"}, {"user", "add", "bo"}, {"user", "add", "coach", "--role", "coach"}} {
		if code, _, errs := reboundIn(t, db, "long enough password\n", add...); code != 0 {
			t.Fatalf("%v: %s", add, errs)
		}
	}
	reboundIn(t, db, "", "user", "grant", "bo", "coach")
	run := datatest.Files[0]
	if code, _, errs := rebound(t, db, "--user", "bo", "import", "--quiet", corpus.Path(t, run)); code != 0 {
		t.Fatalf("import as bo: %s", errs)
	}
	if code, _, errs := reboundIn(t, db, "", "user", "token", "bo"); code != 0 {
		t.Fatal(errs)
	}

	// Not on a terminal, without --yes: refused, nothing deleted.
	if code, _, errs := rebound(t, db, "user", "delete", "bo"); code != 1 || !strings.Contains(errs, "--yes") || !strings.Contains(errs, "1 activity") {
		t.Errorf("delete without --yes: exit %d %q", code, errs)
	}
	// On a terminal, the wrong name typed: refused.
	if code, out, errs := terminal(t, db, "ana\n", "user", "delete", "bo"); code != 1 || !strings.Contains(out, "Type the name") ||
		!strings.Contains(errs, "nothing deleted") {
		t.Errorf("delete, the wrong name typed: exit %d %q %q", code, out, errs)
	}
	if _, out, _ := rebound(t, db, "--user", "bo", "runs", "--json"); !strings.Contains(out, `"sport"`) {
		t.Fatalf("a refused delete deleted Bo's runs: %s", out)
	}
	// The right name typed: deleted, with everything of it.
	st, err := engine.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	bo, err := st.FindUserByName(ctx, "bo")
	if err != nil {
		t.Fatal(err)
	}
	acts, _, _ := st.ForAthlete(bo.ID).FindActivities(ctx, store.ActivityFilter{})
	st.Close()
	if code, out, errs := terminal(t, db, "BO\n", "user", "delete", "bo"); code != 0 || !strings.Contains(out, "Deleted bo") {
		t.Fatalf("delete, the name typed: exit %d %q %q", code, out, errs)
	}
	st, err = engine.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.FindUserByName(ctx, "bo"); err == nil {
		t.Error("bo is still there")
	}
	if _, _, err := st.ForAthlete(bo.ID).FindOriginal(ctx, acts[0].ID); err == nil {
		t.Error("bo's original file is still there")
	}
	if toks, _ := st.FindTokens(ctx, bo.ID); len(toks) != 0 {
		t.Errorf("bo's tokens are still there: %v", toks)
	}
	if code, out, _ := rebound(t, db, "user", "list"); code != 0 || strings.Contains(out, "bo ") || !strings.Contains(out, "ana") {
		t.Errorf("user list after the delete:\n%s", out)
	}
	// --yes deletes without asking; an unknown name is an error.
	if code, out, errs := rebound(t, db, "user", "delete", "coach", "--yes"); code != 0 || !strings.Contains(out, "Deleted coach") {
		t.Errorf("delete --yes: exit %d %q %q", code, out, errs)
	}
	if code, _, errs := rebound(t, db, "user", "delete", "nobody", "--yes"); code != 1 || !strings.Contains(errs, "nobody") {
		t.Errorf("delete nobody: exit %d %q", code, errs)
	}
}
