package server

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/web"
)

// Page is what every page gets: the layout's fields (web.Page) and the
// page's own Data, rendered by the template named in Content.
type Page = web.Page

// render draws the page whose body template is name inside the web
// package's layout. It executes into a buffer first, so that a template
// error becomes a clean 500 rather than half a page. Without templates
// (an API-only server, or handler tests) it writes the title and flash as
// plain text.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p Page) {
	if p.User == nil {
		if u := viewer(r); u != nil {
			p.User = webUser(u)
		}
	}
	if p.CSRF == "" {
		p.CSRF = CSRFToken(r)
	}
	p.Flash = append(s.takeFlash(w, r), p.Flash...)
	p.Content = name
	if s.cfg.Templates == nil || s.cfg.Templates.Lookup(name) == nil || s.cfg.Templates.Lookup("layout") == nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		var b strings.Builder
		b.WriteString(p.Title + "\n")
		for _, f := range p.Flash {
			b.WriteString(f.Kind + ": " + f.Message + "\n")
		}
		_, _ = w.Write([]byte(b.String()))
		return
	}
	var buf bytes.Buffer
	if err := s.cfg.Templates.ExecuteTemplate(&buf, "layout", p); err != nil {
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

// renderPartial draws one template without the layout: the answer to an
// htmx request that swaps part of a page.
func (s *Server) renderPartial(w http.ResponseWriter, status int, name string, data any) {
	if s.cfg.Templates == nil || s.cfg.Templates.Lookup(name) == nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		return
	}
	var buf bytes.Buffer
	if err := s.cfg.Templates.ExecuteTemplate(&buf, name, data); err != nil {
		s.cfg.Logger.Error("render", "template", name, "err", err)
		http.Error(w, "the page could not be drawn", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// webUser is how the layout shows an account.
func webUser(u *account.User) *web.User {
	return &web.User{Name: u.Name, Role: string(u.Role)}
}

// pageFor builds the layout fields of a page about t's athlete: in a
// coach's view the nav links carry the /athletes/ID prefix and the layout
// shows a read-only banner.
func pageFor(r *http.Request, t Target, nav, title string, data any) Page {
	p := Page{Title: title, Nav: nav, User: webUser(t.Viewer), CSRF: CSRFToken(r), Data: data}
	if !t.Own {
		p.Base = t.base()
		p.Athlete = t.Athlete.Name
	}
	return p
}

// flashCookie carries one message across the redirect after a form post.
const flashCookie = "rebound_flash"

// setFlash shows a message on the next page this browser draws.
func (s *Server) setFlash(w http.ResponseWriter, r *http.Request, kind, msg string) {
	if len(msg) > 1500 {
		msg = msg[:1500] + "…"
	}
	v := base64.RawURLEncoding.EncodeToString([]byte(kind + "\x00" + msg))
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: v, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

// takeFlash reads and clears the flash message, if any.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) []web.Flash {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: -1})
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil {
		return nil
	}
	kind, msg, ok := strings.Cut(string(b), "\x00")
	switch kind {
	case "success", "info", "warning", "error":
	default:
		ok = false
	}
	if !ok || msg == "" {
		return nil
	}
	return []web.Flash{{Kind: kind, Message: msg}}
}
