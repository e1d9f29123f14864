package server

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/coach"
)

// pageCache keeps the drawn body of pages that are costly to draw (a run
// page decodes the run's samples, builds its charts, route and recovery
// plan) for as long as the coaching state they were drawn from is the
// athlete's current one. A write, a change made through another app
// server, or the clock moving on gives the athlete a new *coach.State
// (see stateCache), so an entry is used only while its state pointer is
// still the one the request got: the cache never serves a page older
// than the state every other page of the request would show.
//
// The body is drawn with a placeholder where the session's CSRF token
// goes and the token is put in when the page is served, so one entry
// serves every session of the same viewer.
type pageCache struct {
	hole string // stands for the CSRF token in a cached body
	max  int

	mu      sync.Mutex
	entries map[pageKey]*cachedPage
}

// pageKey names a drawn page: who looks (the body differs for the owner
// and for a coach), whose data, and the path with its query.
type pageKey struct {
	viewer, athlete int64
	url             string
}

type cachedPage struct {
	st   *coach.State
	page Page // the layout's fields, without Data
	body string
}

func newPageCache(max int) *pageCache {
	return &pageCache{hole: "csrf-" + account.NewSecret(), max: max, entries: map[pageKey]*cachedPage{}}
}

func (c *pageCache) get(k pageKey, st *coach.State) (*cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok || e.st != st {
		return nil, false
	}
	return e, true
}

func (c *pageCache) put(k pageKey, e *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; !ok && len(c.entries) >= c.max {
		// Make room: an entry whose state is no longer its athlete's
		// current one if there is one, else any (map order is random).
		var victim pageKey
		for key, old := range c.entries {
			victim = key
			if key.athlete == k.athlete && old.st != e.st {
				break
			}
		}
		delete(c.entries, victim)
	}
	c.entries[k] = e
}

// renderCached serves a page through the page cache. draw builds the
// page's layout fields and data, or writes an error itself and returns
// false; it runs only when the cache has no current entry.
func (s *Server) renderCached(w http.ResponseWriter, r *http.Request, v *view, name string, draw func() (Page, bool)) {
	key := pageKey{viewer: v.Viewer.ID, athlete: v.AthleteID, url: r.URL.RequestURI()}
	if e, ok := s.pages.get(key, v.st); ok {
		p := e.page
		p.CSRF = CSRFToken(r)
		p.Body = template.HTML(strings.ReplaceAll(e.body, s.pages.hole, p.CSRF)) // drawn by html/template
		s.render(w, r, http.StatusOK, name, p)
		return
	}
	p, ok := draw()
	if !ok {
		return
	}
	if s.cfg.Templates != nil && s.cfg.Templates.Lookup(name) != nil {
		csrf := p.CSRF
		p.CSRF = s.pages.hole
		var b bytes.Buffer
		if err := s.cfg.Templates.ExecuteTemplate(&b, name, p); err == nil {
			layout := p
			layout.Data, layout.CSRF, layout.Flash = nil, "", nil
			s.pages.put(key, &cachedPage{st: v.st, page: layout, body: b.String()})
			p.Body = template.HTML(strings.ReplaceAll(b.String(), s.pages.hole, csrf))
		}
		p.CSRF = csrf
	}
	s.render(w, r, http.StatusOK, name, p)
}
