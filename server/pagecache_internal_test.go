package server

import (
	"context"
	"html/template"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/coach"
)

// The page cache stays within its size, and when full it drops a page of
// the same athlete drawn from an older state before any current page.
func TestPageCacheEvictsStalePagesFirst(t *testing.T) {
	oldAna, bo, newAna := &coach.State{}, &coach.State{}, &coach.State{}
	for round := 0; round < 20; round++ { // map order is random: try often
		c := newPageCache(2)
		c.put(pageKey{viewer: 1, athlete: 1, url: "/runs/1"}, &cachedPage{st: oldAna})
		c.put(pageKey{viewer: 2, athlete: 2, url: "/runs/9"}, &cachedPage{st: bo})
		c.put(pageKey{viewer: 1, athlete: 1, url: "/runs/2"}, &cachedPage{st: newAna})
		if len(c.entries) != 2 {
			t.Fatalf("%d entries in a cache of 2", len(c.entries))
		}
		if _, ok := c.get(pageKey{viewer: 2, athlete: 2, url: "/runs/9"}, bo); !ok {
			t.Fatal("a current page of another athlete was dropped while a stale one was kept")
		}
		if _, ok := c.get(pageKey{viewer: 1, athlete: 1, url: "/runs/2"}, newAna); !ok {
			t.Fatal("the page just put is missing")
		}
		if _, ok := c.get(pageKey{viewer: 1, athlete: 1, url: "/runs/2"}, oldAna); ok {
			t.Fatal("a page is served for another state than the one it was drawn from")
		}
	}
}

// renderCached draws a page once per viewer, athlete, address and state,
// and serves it again with each session's own CSRF token; a new state or
// another viewer draws it again.
func TestRenderCachedDrawsOncePerState(t *testing.T) {
	tmpl := template.Must(template.New("layout").Parse(`{{.Body}}`))
	template.Must(tmpl.New("page-x").Parse(`<input name="csrf_token" value="{{.CSRF}}">{{.Title}}`))
	s := &Server{cfg: Config{Templates: tmpl, Logger: slog.New(slog.DiscardHandler)}, pages: newPageCache(8)}
	draws := 0
	get := func(v *view, csrf string) string {
		t.Helper()
		r := httptest.NewRequest("GET", "/runs/1", nil)
		r = r.WithContext(context.WithValue(r.Context(), sessionKey, account.Session{CSRF: csrf}))
		w := httptest.NewRecorder()
		s.renderCached(w, r, v, "page-x", func() (Page, bool) {
			draws++
			return Page{Title: "Run", CSRF: CSRFToken(r)}, true
		})
		body := w.Body.String()
		if want := `value="` + csrf + `">Run`; w.Code != 200 || !strings.Contains(body, want) || strings.Contains(body, s.pages.hole) {
			t.Fatalf("status %d, body %q: want %q", w.Code, body, want)
		}
		return body
	}
	ana := &account.User{ID: 1}
	page := &view{Target: Target{Viewer: ana, AthleteID: 1}, st: &coach.State{}}
	get(page, "session-one")
	get(page, "session-two")
	get(page, "session-one")
	if draws != 1 {
		t.Errorf("%d draws for three requests of one page and state, want 1", draws)
	}
	get(&view{Target: page.Target, st: &coach.State{}}, "session-one")
	if draws != 2 {
		t.Errorf("%d draws after the state changed, want 2", draws)
	}
	get(&view{Target: Target{Viewer: &account.User{ID: 3}, AthleteID: 1}, st: page.st}, "coach-session")
	if draws != 3 {
		t.Errorf("%d draws after another viewer asked, want 3", draws)
	}
}
