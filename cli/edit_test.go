package cli_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/web"
)

// TestEditNamesAndKinds imports a FIT run, renames it and marks it a
// race with `rebound edit`, and checks that runs, show, plan and today
// follow; then lets Rebound name and classify it again.
func TestEditNamesAndKinds(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	if code, _, errs := rebound(t, db, "import", corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit")); code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	type run struct {
		Name, Title, Kind, Note string
		KindMarked              bool `json:"kind_marked"`
	}
	runs := func() run {
		t.Helper()
		_, out, _ := rebound(t, db, "runs", "--json")
		var rs []run
		decode(t, out, &rs)
		if len(rs) != 1 {
			t.Fatalf("%d runs", len(rs))
		}
		return rs[0]
	}
	// The file has no name: Rebound names it by its kind and time of day
	// (15 Aug 2015, 14:45 UTC in the Fenix 2's own zone), the same in
	// every command.
	before := runs()
	if before.Name != "" || !strings.HasPrefix(before.Title, "Afternoon ") || before.Kind == "" || before.KindMarked {
		t.Fatalf("before the edit: %+v", before)
	}
	for _, args := range [][]string{{"runs"}, {"show", "1"}, {"plan", "1"}} {
		if _, out, _ := rebound(t, db, args...); !strings.Contains(out, before.Title) {
			t.Errorf("rebound %s does not show %q:\n%s", args[0], before.Title, out)
		}
	}

	code, out, errs := rebound(t, db, "edit", "1", "--name", "Club 10k", "--kind", "race", "--note", "Windy.")
	if code != 0 || !strings.Contains(out, "Club 10k") || !strings.Contains(out, "race, as you marked it") {
		t.Fatalf("edit: %d\n%s%s", code, out, errs)
	}
	if got := runs(); got != (run{Name: "Club 10k", Title: "Club 10k", Kind: "race", Note: "Windy.", KindMarked: true}) {
		t.Errorf("after the edit: %+v", got)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"runs"}, []string{"Club 10k"}},
		{[]string{"show", "1"}, []string{"#1  Club 10k", "race, as you marked it", "Note:         Windy."}},
		{[]string{"plan", "1"}, []string{"Recovery plan for #1 Club 10k", "A race: you marked it as a race.",
			"A race: easy running after 20-36 h, hard sessions after 48-72 h"}},
		{[]string{"today"}, []string{"Last: #1 Club 10k"}},
	} {
		if _, out, _ := rebound(t, db, c.args...); !containsAll(out, c.want) {
			t.Errorf("rebound %s after the edit, want %q:\n%s", strings.Join(c.args, " "), c.want, out)
		}
	}
	var plan struct{ Run struct{ Kind string } }
	_, out, _ = rebound(t, db, "plan", "1", "--json")
	if decode(t, out, &plan); plan.Run.Kind != "race" {
		t.Errorf("plan --json: kind %q, want race", plan.Run.Kind)
	}
	// The web, served on the same database, names it alike.
	if page := webPage(t, db, "/runs/1"); !strings.Contains(page, "<h1>Club 10k</h1>") || !strings.Contains(page, "you marked it as a race") {
		t.Errorf("the run page after the edit:\n%.3000s", page)
	}

	// Back to Rebound's own name and kind; the note stays.
	if code, _, errs := rebound(t, db, "edit", "1", "--kind", "auto", "--name", ""); code != 0 {
		t.Fatalf("edit back: %s", errs)
	}
	if got := runs(); got.Title != before.Title || got.Kind != before.Kind || got.KindMarked || got.Note != "Windy." {
		t.Errorf("after --kind auto --name \"\": %+v, want %+v with the note", got, before)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"edit", "1", "--kind", "tempo"}, `kind "tempo": want one of`},
		{[]string{"edit", "1"}, "nothing to change"},
		{[]string{"edit", "7", "--name", "x"}, "activity 7 not found"},
		{[]string{"edit", "1", "--name", strings.Repeat("x", 201)}, "a name is at most 200 characters, not 201"},
		{[]string{"edit", "1", "--note", strings.Repeat("x", 2001)}, "a note is at most 2000 characters"},
	} {
		if code, _, errs := rebound(t, db, c.args...); code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("rebound %.40s: exit %d, %q; want 1 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
}

// TestSportsInTheirUnits imports a triathlon (its swim, ride and run are
// stored apart) and checks each is shown in its own measure, metric and
// imperial.
func TestSportsInTheirUnits(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	if code, _, errs := rebound(t, db, "import", corpus.Path(t, "fit/fitparse__sample_mulitple_header.fit")); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	// The session messages: swim 1645 m in 1988 s of timer (2:01 per 100 m
	// over the moving time), ride 40.9 km, run 9.8 km.
	_, out, _ := rebound(t, db, "runs")
	for _, want := range []string{"swimming", "/100 m", "cycling", "km/h", "running", "/km", "3 activities"} {
		if !strings.Contains(out, want) {
			t.Errorf("runs lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "transition") {
		t.Errorf("a transition is listed:\n%s", out)
	}
	if code, _, errs := rebound(t, db, "profile", "set", "--units", "imperial"); code != 0 {
		t.Fatal(errs)
	}
	_, out, _ = rebound(t, db, "runs")
	for _, want := range []string{"/100 yd", "mph", "/mi"} {
		if !strings.Contains(out, want) {
			t.Errorf("imperial runs lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = rebound(t, db, "show", "1")
	if !strings.Contains(out, "Pace:         ") || !strings.Contains(out, "/100 yd") || strings.Contains(out, "grade-adjusted") {
		t.Errorf("show of the swim:\n%s", out)
	}
	_, out, _ = rebound(t, db, "plan", "2")
	if !strings.Contains(out, "ride counts as cross-training") || strings.Contains(out, "cross-training run") {
		t.Errorf("plan of the ride:\n%s", out)
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// webPage serves the database at path as `rebound serve` does on
// loopback (its runner, user 1, signs in with the one-time link) and
// returns the page at path.
func webPage(t *testing.T, path, page string) string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if users, err := db.FindUsers(ctx); err != nil {
		t.Fatal(err)
	} else if len(users) == 0 {
		if err := db.CreateUser(ctx, &account.User{Name: "runner", Role: account.Athlete}); err != nil {
			t.Fatal(err)
		}
	}
	tmpl, err := web.Templates(nil)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{DB: db, Decoders: cli.Decoders(), Templates: tmpl, Static: web.Static(),
		Local: true, LinkUsers: []int64{store.LocalAthleteID}, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	link, err := srv.LoginLink(store.LocalAthleteID)
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	res, err := c.Get(ts.URL + link)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	res, err = c.Get(ts.URL + page)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", page, res.StatusCode, err)
	}
	return string(body)
}
