package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPageAccess: one athlete can never read or change another's data
// through any page route of the router, whether the other athlete is named
// in the path (/athletes/{athlete}/…) or in the query (?athlete=): every
// such request is answered 404 and the other athlete's data, tokens and
// calendar feeds are unchanged.
func TestPageAccess(t *testing.T) {
	e := newAPIEnv(t, withTemplates)
	e.seed(e.ana.ID)
	ctx := context.Background()
	toks, err := e.db.FindTokens(ctx, e.ana.ID)
	if err != nil || len(toks) == 0 {
		t.Fatalf("Ana's tokens: %v %v", toks, err)
	}
	ana := itoa(e.ana.ID)
	ids := map[string]string{"{athlete}": ana, "{id}": itoa(e.latestRun(e.ana.ID))}
	before := athleteData(t, e, e.ana.ID)
	bo := e.signIn(e.bo)
	form := url.Values{"item": {"sleep"}, "done": {"1"}, "symptoms": {"chest-pain"}, "weight_kg": {"99"},
		"name": {"intruder"}, "default": {"1"}, "soreness_quads": {"9"}}
	tried := 0
	for _, pattern := range e.srv.Routes() {
		method, path, _ := strings.Cut(pattern, " ")
		if strings.HasPrefix(path, "/api/") || path == "/coach" {
			continue
		}
		var targets []string
		switch {
		case strings.Contains(path, "{athlete}"):
			targets = []string{path}
		case path == "/{$}" || strings.HasPrefix(path, "/runs") || strings.HasPrefix(path, "/soreness") || strings.HasPrefix(path, "/load") ||
			strings.HasPrefix(path, "/week") || strings.HasPrefix(path, "/model") || strings.HasPrefix(path, "/checkin") ||
			strings.HasPrefix(path, "/checklist") || strings.HasPrefix(path, "/upload") || strings.HasPrefix(path, "/profile"):
			targets = []string{path + "?athlete=" + ana}
		default:
			continue // sign-in, sign-out, health, the calendar feed: not about an athlete's pages
		}
		for _, p := range targets {
			p = strings.ReplaceAll(p, "{$}", "")
			if strings.Contains(p, "/tokens/") || strings.Contains(p, "/calendar/") {
				p = strings.ReplaceAll(p, "{id}", itoa(toks[0].ID))
			}
			for k, v := range ids {
				p = strings.ReplaceAll(p, k, v)
			}
			var status int
			if method == http.MethodGet {
				status, _ = bo.get(p)
			} else {
				res, _ := bo.post(p, form)
				status = res.StatusCode
			}
			tried++
			if status != http.StatusNotFound {
				t.Errorf("Bo %s %s: %d, want 404", method, p, status)
			}
		}
	}
	if tried < 40 {
		t.Fatalf("only %d page routes tried", tried)
	}
	if after := athleteData(t, e, e.ana.ID); after != before {
		t.Errorf("Ana's data changed through Bo's page requests:\nbefore %s\nafter  %s", before, after)
	}
}
