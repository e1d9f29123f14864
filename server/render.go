package server

import (
	"bytes"
	"net/http"

	"github.com/rebound-run/rebound/account"
)

// Page is what every page template gets: the layout's fields and the
// page's own Data.
type Page struct {
	Title     string
	Nav       string // the active navigation item: today, runs, soreness, load, week, checkin, upload, profile, model, coach
	User      *account.User
	Athlete   *account.User // whose data the page shows (the viewer, or a coach's athlete)
	ReadOnly  bool          // a coach's view of an athlete
	AthleteQ  string        // "?athlete=ID" for links in a coach's view, else ""
	CSRFToken string
	Flash     string
	Data      any
}

// render executes the page template name into a buffer first, so that a
// template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p Page) {
	if p.User == nil {
		p.User = viewer(r)
	}
	if p.CSRFToken == "" {
		p.CSRFToken = CSRFToken(r)
	}
	if p.Athlete != nil && p.User != nil && p.Athlete.ID != p.User.ID {
		p.ReadOnly = true
		p.AthleteQ = "?athlete=" + itoa(p.Athlete.ID)
	}
	if s.cfg.Templates == nil || s.cfg.Templates.Lookup(name) == nil {
		// No page templates (an API-only server, or handler tests): plain text.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(p.Title + "\n" + p.Flash + "\n"))
		return
	}
	var buf bytes.Buffer
	if err := s.cfg.Templates.ExecuteTemplate(&buf, name, p); err != nil {
		s.cfg.Logger.Error("render", "template", name, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("500 Internal Server Error: the page could not be drawn\n"))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// pageFor builds the layout fields of a page about t's athlete.
func pageFor(r *http.Request, t Target, nav, title string, data any) Page {
	return Page{Title: title, Nav: nav, User: t.Viewer, Athlete: t.Athlete, CSRFToken: CSRFToken(r), Data: data}
}
