package server_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/ingest"
)

// TestRunEditForm renames a run, marks it a race and adds a note with the
// form on its page, as a browser without JavaScript posts it (the CSRF
// token in the form); the page, the list and the API then agree on the
// name, and a coach can neither see nor post the form.
func TestRunEditForm(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	run := e.latestRun(e.ana.ID)
	page := "/runs/" + itoa(run)
	b := e.signIn(e.ana)

	// The web shows the name the API (and the CLI, through present.Title) gives.
	title := func() string {
		t.Helper()
		res, body := e.api(e.anaToken, "GET", "/api/v1/activities/"+itoa(run), nil)
		var doc struct{ Title string }
		if err := json.Unmarshal(body, &doc); err != nil || res.StatusCode != 200 || doc.Title == "" {
			t.Fatalf("GET the activity: %d %s", res.StatusCode, body)
		}
		return doc.Title
	}
	before := title()
	_, body := b.get(page)
	for _, want := range []string{"<h1>" + html.EscapeString(before) + "</h1>", `action="/runs/` + itoa(run) + `/edit"`,
		`name="name"`, `<select id="f-kind" name="kind"`, `<option value="race">Race</option>`, `<textarea id="f-note" name="note"`} {
		if !strings.Contains(body, want) {
			t.Errorf("run page: no %q", want)
		}
	}
	if _, list := b.get("/runs"); !strings.Contains(list, html.EscapeString(before)) {
		t.Errorf("runs list: no %q", before)
	}

	// Posted as a plain form: the token comes from the form itself.
	m := regexp.MustCompile(`action="/runs/\d+/edit">\s*<input type="hidden" name="csrf_token" value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the edit form carries no CSRF token")
	}
	post := func(form url.Values) *http.Response {
		t.Helper()
		req, err := http.NewRequest("POST", e.ts.URL+page+"/edit", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(b.cookie)
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	form := url.Values{"csrf_token": {m[1]}, "name": {"Club 10k & friends"}, "kind": {"race"}, "note": {"Windy.\nNew shoes."}}
	if res := post(form); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page {
		t.Fatalf("post the form: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := title(); got != "Club 10k & friends" {
		t.Errorf("API title after the form: %q", got)
	}
	_, body = b.get(page)
	for _, want := range []string{"<h1>Club 10k &amp; friends</h1>", "kind-race", "you marked it as a race",
		`<option value="race" selected>`, "Windy.\nNew shoes.", `value="Club 10k &amp; friends"`} {
		if !strings.Contains(body, want) {
			t.Errorf("run page after the form: no %q", want)
		}
	}
	if _, list := b.get("/runs"); !strings.Contains(list, "Club 10k &amp; friends") {
		t.Error("runs list after the form: no new name")
	}

	// Without the token, with a bad kind, by a coach: refused.
	form.Del("csrf_token")
	if res := post(form); res.StatusCode != http.StatusForbidden {
		t.Errorf("post without the CSRF token: %d, want 403", res.StatusCode)
	}
	if res, body := b.post(page+"/edit", url.Values{"kind": {"tempo"}}); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "tempo") {
		t.Errorf("a bad kind: %d", res.StatusCode)
	}
	coach := e.signIn(e.coach)
	if res, _ := coach.post("/athletes/1"+page+"/edit", url.Values{"name": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("coach post: %d, want 403", res.StatusCode)
	}
	if _, body := coach.get("/athletes/1" + page); strings.Contains(body, "/edit\"") || !strings.Contains(body, "Club 10k &amp; friends") {
		t.Error("coach's view of the run: an edit form, or not the runner's name")
	}
}

// TestSportsInTheirUnitsOnTheWeb uploads a triathlon: the runs list shows
// the swim's pace per 100 m and the ride's speed, and the swim's page its
// pace per 100 m in the tiles, the laps and the chart.
func TestSportsInTheirUnitsOnTheWeb(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	im := &ingest.Importer{Store: e.db.ForAthlete(e.bo.ID), Decoders: cli.Decoders()}
	rep, err := im.Import(context.Background(), []string{filepath.Join(testdataDir, "fit/fitparse__sample_mulitple_header.fit")})
	if err != nil || rep.Imported != 3 {
		t.Fatalf("import the triathlon: %v %+v", err, rep)
	}
	b := e.signIn(e.bo)
	_, list := b.get("/runs")
	for _, want := range []string{"/100 m", "km/h", "/km", "Morning swim", "Morning ride"} {
		if !strings.Contains(list, want) {
			t.Errorf("runs list: no %q", want)
		}
	}
	m := regexp.MustCompile(`href="(/runs/\d+)">Morning swim`).FindStringSubmatch(list)
	if m == nil {
		t.Fatal("runs list: no link to the swim")
	}
	_, page := b.get(m[1])
	for _, want := range []string{"Average pace", "/100 m", `"unit":"/100 m"`} {
		if !strings.Contains(page, want) {
			t.Errorf("swim page: no %q", want)
		}
	}
	if strings.Contains(page, "/km") {
		t.Error("swim page shows a pace per km")
	}
}
