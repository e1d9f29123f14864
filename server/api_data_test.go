package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/store"
)

// manifestOf reads the manifest of an export archive.
func manifestOf(t *testing.T, data []byte) (map[string]any, *zip.Reader) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v (%.200s)", err, data)
	}
	for _, f := range zr.File {
		if f.Name == "manifest.json" {
			rc, _ := f.Open()
			defer rc.Close()
			var m map[string]any
			if err := json.NewDecoder(rc).Decode(&m); err != nil {
				t.Fatal(err)
			}
			return m, zr
		}
	}
	t.Fatal("the archive has no manifest.json")
	return nil, nil
}

func count(m map[string]any, what string) int {
	n, _ := m["counts"].(map[string]any)[what].(float64)
	return int(n)
}

func TestExportDownload(t *testing.T) {
	e := newAPIEnv(t)
	runs := e.seedSeason(e.ana.ID, 2)
	e.must(201, e.anaToken, "POST", "/api/v1/checkins", map[string]any{"soreness": map[string]float64{"quads": 3}}, nil)

	res, body := e.call(e.anaToken, "GET", "/api/v1/export", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/zip" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), `attachment; filename="rebound-ana-`) {
		t.Fatalf("GET /api/v1/export: %d %v", res.StatusCode, res.Header)
	}
	m, zr := manifestOf(t, body)
	if m["data_format"] != "json" || count(m, "activities") != runs || count(m, "originals") != runs || count(m, "check_ins") == 0 ||
		m["athlete"].(map[string]any)["name"] != "ana" {
		t.Errorf("Ana's export manifest %v; want %d activities with their originals", m, runs)
	}
	originals := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "originals/") && strings.HasSuffix(f.Name, ".fit") {
			originals++
		}
	}
	if originals != runs {
		t.Errorf("%d FIT originals in the archive, want %d", originals, runs)
	}

	res, body = e.call(e.anaToken, "GET", "/api/v1/export?format=csv", nil)
	if m, _ := manifestOf(t, body); res.StatusCode != 200 || m["data_format"] != "csv" || count(m, "activities") != runs {
		t.Errorf("CSV export: %d, manifest %v", res.StatusCode, m)
	}
	e.must(400, e.anaToken, "GET", "/api/v1/export?format=xml", nil, nil)

	// Bo's export has none of Ana's data.
	_, body = e.call(e.boTok, "GET", "/api/v1/export", nil)
	if m, _ := manifestOf(t, body); count(m, "activities") != 0 || count(m, "check_ins") != 0 {
		t.Errorf("Bo's export holds data: %v", m)
	}

	// A browser downloads it too (the Profile page's link).
	b := e.signIn(e.ana)
	dl := b.do("GET", "/api/v1/export?format=json", nil, "")
	data, _ := io.ReadAll(dl.Body)
	dl.Body.Close()
	if m, _ := manifestOf(t, data); dl.StatusCode != 200 || count(m, "activities") != runs {
		t.Errorf("browser download: %d %v", dl.StatusCode, m)
	}
}

func TestDeleteAccountAPI(t *testing.T) {
	e := newAPIEnv(t)
	ctx := context.Background()
	e.seedSeason(e.ana.ID, 1)
	e.seedSeason(e.bo.ID, 1)
	boBefore := athleteData(t, e.with(t), e.bo.ID)

	for _, q := range []string{"", "?confirm=", "?confirm=bo"} {
		res, body := e.call(e.anaToken, "DELETE", "/api/v1/account"+q, nil)
		if res.StatusCode != 400 || !strings.Contains(string(body), "ana") {
			t.Errorf("DELETE /api/v1/account%s: %d %s; want 400 asking for the name", q, res.StatusCode, body)
		}
	}
	if _, n, _ := e.db.ForAthlete(e.ana.ID).FindActivities(ctx, store.ActivityFilter{}); n == 0 {
		t.Fatal("an unconfirmed delete deleted Ana's activities")
	}
	e.must(204, e.anaToken, "DELETE", "/api/v1/account?confirm=ANA", nil, nil)

	if _, err := e.db.FindUserByID(ctx, e.ana.ID); rebound.ErrorCode(err) != rebound.ENOTFOUND {
		t.Errorf("Ana's account after the delete: %v", err)
	}
	st := e.db.ForAthlete(e.ana.ID)
	if _, n, err := st.FindActivities(ctx, store.ActivityFilter{}); err != nil || n != 0 {
		t.Errorf("Ana's activities after the delete: %d, %v", n, err)
	}
	if toks, _ := e.db.FindTokens(ctx, e.ana.ID); len(toks) != 0 {
		t.Errorf("Ana's tokens after the delete: %v", toks)
	}
	if athletes, _ := e.db.FindGrantedAthletes(ctx, e.coach.ID); len(athletes) != 0 {
		t.Errorf("the coach still has athletes %v", athletes)
	}
	e.must(401, e.anaToken, "GET", "/api/v1/me", nil, nil)
	if after := athleteData(t, e.with(t), e.bo.ID); after != boBefore {
		t.Errorf("deleting Ana changed Bo's data:\nbefore %s\nafter  %s", boBefore, after)
	}
}

func TestDeleteAccountPage(t *testing.T) {
	e := newAPIEnv(t, withTemplates)
	ctx := context.Background()
	e.seed(e.ana.ID)
	ana := e.signIn(e.ana)

	status, page := ana.get("/profile")
	for _, want := range []string{`id="your-data"`, `href="/api/v1/export?format=json"`, `href="/api/v1/export?format=csv"`,
		`action="/profile/delete"`, `name="confirm"`, "<strong>ana</strong>"} {
		if status != 200 || !strings.Contains(page, want) {
			t.Errorf("the profile page lacks %s (status %d)", want, status)
		}
	}
	// A coach's view of Ana's profile has neither.
	coach := e.signIn(e.coach)
	if _, page := coach.get("/athletes/1/profile"); strings.Contains(page, "your-data") || strings.Contains(page, "/profile/delete") {
		t.Error("the coach's view of Ana's profile offers her export or deletion")
	}
	if res, _ := coach.post("/athletes/1/profile/delete", url.Values{"confirm": {"ana"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("the coach deleting Ana's account: %d, want 403", res.StatusCode)
	}

	// Without the CSRF token, and with the wrong name: nothing happens.
	noCSRF := *ana
	noCSRF.csrf = ""
	if res, _ := noCSRF.post("/profile/delete", url.Values{"confirm": {"ana"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("delete without the CSRF token: %d, want 403", res.StatusCode)
	}
	res, _ := ana.post("/profile/delete", url.Values{"confirm": {"an"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/profile#your-data") {
		t.Errorf("delete with the wrong name: %d to %s, want back to the form", res.StatusCode, res.Header.Get("Location"))
	}
	if _, err := e.db.FindUserByID(ctx, e.ana.ID); err != nil {
		t.Fatalf("a refused delete deleted Ana: %v", err)
	}

	res, _ = ana.post("/profile/delete", url.Values{"confirm": {" Ana "}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
		t.Fatalf("delete: %d to %s, want the sign-in page", res.StatusCode, res.Header.Get("Location"))
	}
	if _, err := e.db.FindUserByID(ctx, e.ana.ID); rebound.ErrorCode(err) != rebound.ENOTFOUND {
		t.Errorf("Ana's account after the delete: %v", err)
	}
	if _, n, _ := e.db.ForAthlete(e.ana.ID).FindActivities(ctx, store.ActivityFilter{}); n != 0 {
		t.Errorf("%d of Ana's activities left", n)
	}
	// The session is gone with the account.
	if res := ana.do("GET", "/profile", nil, ""); res.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("Ana's old session: %d to %s, want the sign-in page", res.StatusCode, res.Header.Get("Location"))
	}
}

// testData is TestAPI's pass over the data routes: Ana's export, and the
// deletion of an account made for it.
func testData(t *testing.T, e *apiEnv) {
	body := e.must(200, e.anaToken, "GET", "/api/v1/export?format=csv", nil, nil)
	if m, _ := manifestOf(t, body); count(m, "activities") < 10 {
		t.Errorf("Ana's export: %v", m)
	}
	eve := &account.User{Name: "eve", Role: account.Athlete}
	if err := e.db.CreateUser(context.Background(), eve); err != nil {
		t.Fatal(err)
	}
	tok := e.token(eve)
	e.must(400, tok, "DELETE", "/api/v1/account", nil, nil)
	e.must(204, tok, "DELETE", "/api/v1/account?confirm=eve", nil, nil)
	e.must(401, tok, "GET", "/api/v1/me", nil, nil)
}
