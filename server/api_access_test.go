package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/store"
)

// accessCase is one API route with what it takes to call it.
type accessCase struct {
	method, pattern string
	body            any // JSON body; nil for none
}

// self routes are about the viewer's own account, not an athlete's data.
var selfRoutes = map[string]bool{
	"GET /api/v1/me": true, "GET /api/v1/athletes": true, "GET /api/v1/tokens": true,
	"POST /api/v1/tokens": true, "DELETE /api/v1/tokens/{id}": true, "POST /api/v1/calendar": true,
	"GET /api/v1/export": true, "DELETE /api/v1/account": true,
}

// apiCases lists every /api/v1 route of the router with a valid body, so
// that a refusal can only come from the access rules.
func apiCases(t *testing.T, e *apiEnv) []accessCase {
	t.Helper()
	bodies := map[string]any{
		"PUT /api/v1/activities/{id}/gear": map[string]any{"gear": ""},
		"PATCH /api/v1/activities/{id}":    map[string]any{"name": "Intruder"},
		"PUT /api/v1/activities/{id}/rpe":  map[string]any{"rpe": 5},
		"POST /api/v1/checkins":            map[string]any{"sleep_h": 4, "symptoms": []string{"chest-pain"}},
		"PUT /api/v1/checklist/{step}":     map[string]any{"done": true},
		"PUT /api/v1/profile":              map[string]any{"weight_kg": 99},
		"POST /api/v1/gear":                map[string]any{"name": "Intruder", "default": true},
		"POST /api/v1/tokens":              map[string]any{"name": "intruder"},
	}
	var out []accessCase
	for _, pattern := range e.srv.Routes() {
		method, path, _ := strings.Cut(pattern, " ")
		if !strings.HasPrefix(path, "/api/v1/") {
			continue
		}
		out = append(out, accessCase{method, path, bodies[pattern]})
	}
	if len(out) < 25 {
		t.Fatalf("only %d API routes", len(out))
	}
	return out
}

// send calls one case as token, with the path's IDs filled in and query
// added; an upload sends a real FIT file.
func (c accessCase) send(t *testing.T, e *apiEnv, token string, ids map[string]string, query string) (*http.Response, []byte) {
	t.Helper()
	path := c.pattern
	for k, v := range ids {
		path = strings.ReplaceAll(path, k, v)
	}
	if strings.Contains(path, "/tokens/") {
		path = strings.ReplaceAll(c.pattern, "{id}", ids["{token}"])
	}
	if c.method == "POST" && c.pattern == "/api/v1/activities" {
		return e.upload(token, query, corpusFile(t, "fit/fitparse__garmin-fenix-5-run.fit"))
	}
	return e.call(token, c.method, path+query, c.body)
}

// athleteData is everything stored for an athlete, and their account's
// tokens, as text to compare.
func athleteData(t *testing.T, e *apiEnv, id int64) string {
	t.Helper()
	ctx := context.Background()
	st := e.db.ForAthlete(id)
	var b strings.Builder
	acts, n, err := st.FindActivities(ctx, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "%d activities\n", n)
	for _, a := range acts {
		fmt.Fprintf(&b, "%d %s %s %q\n", a.ID, a.Start, a.Sport, a.Gear)
	}
	cs, err := st.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(fmt.Sprint(cs))
	fmt.Fprintf(&b, "check-ins %s\n", data)
	p, err := st.FindProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shoes, err := st.FindShoes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rpe, err := st.FindRPEs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "profile %v\nshoes %v\nrpe %v\n", p, shoes, rpe)
	for _, day := range []time.Time{time.Now(), time.Now().AddDate(0, 0, -1), time.Now().AddDate(0, 0, 1)} {
		ticks, err := st.FindTicks(ctx, day.In(p.Location()).Format(time.DateOnly))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "ticks %v\n", ticks)
	}
	toks, err := e.db.FindTokens(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range toks {
		fmt.Fprintf(&b, "token %d %s %s %s\n", tk.ID, tk.Name, tk.Scope, tk.Hash)
	}
	return b.String()
}

// TestAPIAccess: one athlete can never read or change another's data
// through any API route, a coach reads the athletes who granted access
// and changes nothing of theirs, and without credentials every route
// answers 401.
func TestAPIAccess(t *testing.T) {
	e := newAPIEnv(t)
	ctx := context.Background()
	// Ana: two weeks of runs and check-ins, an upload, a check-in, a shoe,
	// a tick, an extra token, a calendar feed.
	e.seedSeason(e.ana.ID, 2)
	var rep reportDoc
	res, body := e.upload(e.anaToken, "", corpusFile(t, fenixRun))
	if err := json.Unmarshal(body, &rep); err != nil || res.StatusCode != 200 || len(rep.IDs) != 1 {
		t.Fatalf("Ana's upload: %d %s", res.StatusCode, body)
	}
	anaRun := rep.IDs[0]
	e.must(201, e.anaToken, "POST", "/api/v1/checkins", map[string]any{"soreness": map[string]float64{"quads": 3}}, nil)
	e.must(201, e.anaToken, "POST", "/api/v1/gear", map[string]any{"name": "Ana's shoe"}, nil)
	var cl checklistDoc
	e.must(200, e.anaToken, "GET", "/api/v1/checklist", nil, &cl)
	if len(cl.Steps) == 0 {
		t.Fatal("Ana's checklist is empty")
	}
	step := cl.Steps[0].ID
	e.must(200, e.anaToken, "PUT", "/api/v1/checklist/"+step, map[string]any{"done": true}, nil)
	var nt struct {
		Token tokenDoc `json:"token"`
	}
	e.must(201, e.anaToken, "POST", "/api/v1/tokens", map[string]any{"name": "Ana's script"}, &nt)
	e.must(201, e.anaToken, "POST", "/api/v1/calendar", nil, nil)
	// Bo: a run of his own.
	res, body = e.upload(e.boTok, "", corpusFile(t, boRun))
	if res.StatusCode != 200 {
		t.Fatalf("Bo's upload: %d %s", res.StatusCode, body)
	}
	anaIDs := map[string]string{"{id}": fmt.Sprint(anaRun), "{step}": step, "{token}": fmt.Sprint(nt.Token.ID)}
	before := athleteData(t, e, e.ana.ID)
	cases := apiCases(t, e)

	t.Run("Unauthenticated", func(t *testing.T) {
		e := e.with(t)
		for _, c := range cases {
			res, body := c.send(t, e, "", anaIDs, "")
			if res.StatusCode != http.StatusUnauthorized || errorCode(body) != "unauthorized" {
				t.Errorf("%s %s without credentials: %d %s, want 401", c.method, c.pattern, res.StatusCode, body)
			}
			res, _ = c.send(t, e, "", anaIDs, "?athlete=1")
			if res.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s %s?athlete=1 without credentials: %d, want 401", c.method, c.pattern, res.StatusCode)
			}
		}
	})

	t.Run("OtherAthlete", func(t *testing.T) {
		e := e.with(t)
		for _, c := range cases {
			// Naming Ana: not found, whatever the route.
			res, body := c.send(t, e, e.boTok, anaIDs, fmt.Sprintf("?athlete=%d", e.ana.ID))
			if res.StatusCode != http.StatusNotFound || errorCode(body) != "not_found" {
				t.Errorf("Bo: %s %s?athlete=1: %d %.200s, want 404", c.method, c.pattern, res.StatusCode, body)
			}
			// Ana's IDs in the path, on Bo's own data: not found.
			if strings.Contains(c.pattern, "{id}") {
				res, body := c.send(t, e, e.boTok, anaIDs, "")
				if res.StatusCode != http.StatusNotFound {
					t.Errorf("Bo: %s %s with Ana's id: %d %.200s, want 404", c.method, c.pattern, res.StatusCode, body)
				}
			}
		}
		// Bo's own reads never show Ana's data.
		for _, path := range []string{"/api/v1/activities", "/api/v1/checkins", "/api/v1/gear", "/api/v1/tokens", "/api/v1/checklist"} {
			_, body := e.call(e.boTok, "GET", path, nil)
			for _, leak := range []string{"Ana's", "activity-small-fenix2", `"quads":3`} {
				if strings.Contains(string(body), leak) {
					t.Errorf("Bo's GET %s shows Ana's data (%s): %.300s", path, leak, body)
				}
			}
		}
		// A browser session is held to the same rules.
		b := e.signIn(e.bo)
		for _, p := range []string{"/api/v1/today?athlete=1", fmt.Sprintf("/api/v1/activities/%d", anaRun), "/api/v1/profile?athlete=1"} {
			res := b.do("GET", p, nil, "")
			res.Body.Close()
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("Bo's browser GET %s: %d, want 404", p, res.StatusCode)
			}
		}
		res := b.do("DELETE", fmt.Sprintf("/api/v1/activities/%d", anaRun), nil, "")
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("Bo's browser DELETE of Ana's run: %d, want 404", res.StatusCode)
		}
	})

	t.Run("Coach", func(t *testing.T) {
		e := e.with(t)
		coach := e.token(e.coach)
		for _, c := range cases {
			name := c.method + " " + c.pattern
			res, body := c.send(t, e, coach, anaIDs, fmt.Sprintf("?athlete=%d", e.ana.ID))
			switch {
			case c.method == "GET" && !selfRoutes[name]:
				if res.StatusCode != http.StatusOK {
					t.Errorf("coach reading Ana: %s: %d %.200s, want 200", name, res.StatusCode, body)
				}
			default: // writes, and another account's own routes
				if res.StatusCode != http.StatusForbidden || errorCode(body) != "forbidden" {
					t.Errorf("coach: %s?athlete=1: %d %.200s, want 403", name, res.StatusCode, body)
				}
			}
			// Bo granted nothing: not found.
			res, body = c.send(t, e, coach, anaIDs, fmt.Sprintf("?athlete=%d", e.bo.ID))
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("coach: %s?athlete=2: %d %.200s, want 404", name, res.StatusCode, body)
			}
		}
		// Ana's run is read in her view, not in the coach's own.
		var run runDoc
		e.must(200, coach, "GET", fmt.Sprintf("/api/v1/activities/%d?athlete=%d", anaRun, e.ana.ID), nil, &run)
		if run.ID != anaRun {
			t.Errorf("coach's view of Ana's run: %+v", run)
		}
		e.must(404, coach, "GET", fmt.Sprintf("/api/v1/activities/%d", anaRun), nil, nil)
		// A revoked grant ends the access.
		if err := e.db.Revoke(ctx, e.ana.ID, e.coach.ID); err != nil {
			t.Fatal(err)
		}
		e.must(404, coach, "GET", "/api/v1/today?athlete=1", nil, nil)
		var rows []any
		e.must(200, coach, "GET", "/api/v1/athletes", nil, &rows)
		if len(rows) != 0 {
			t.Errorf("coach's athletes after the revoke: %v", rows)
		}
	})

	if after := athleteData(t, e, e.ana.ID); after != before {
		t.Errorf("Ana's data changed through other accounts:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
