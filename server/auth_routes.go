package server

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/web"
)

func (s *Server) authRoutes() {
	s.handle("GET /login", s.handleLoginPage)
	s.handle("POST /login", s.handleLogin)
	s.handle("POST /logout", s.handleLogout(false))
	s.handle("POST /logout/all", s.handleLogout(true))
}

// safeNext keeps a post-sign-in redirect on this site: next must be a
// path of this site ("/runs/4?page=2"), else it is the home page.
func safeNext(next string) string {
	if !sitePath(next) {
		return "/"
	}
	return next
}

// sitePath reports whether p is a path on this site and nothing a browser
// could read as another: it starts with one slash; it has no scheme or
// host; and neither it nor any of its percent-decodings (double encoding
// included) has a control character, a backslash or a leading "//".
// Browsers drop tabs and newlines from a Location and read "\" as "/",
// so "/%09/evil.example", "/\evil.example" and "/%2F/evil.example" are
// all refused.
func sitePath(p string) bool {
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(p, "/") {
		return false
	}
	for range 4 {
		if strings.HasPrefix(p, "//") || strings.ContainsFunc(p, func(r rune) bool { return r == '\\' || unicode.IsControl(r) }) {
			return false
		}
		d, err := url.PathUnescape(p)
		if err != nil {
			return false
		}
		if d == p {
			return true
		}
		p = d
	}
	return false // encoded more deeply than any page of ours
}

func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	if viewer(r) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, safeNext(r.URL.Query().Get("next")), "", nil)
}

// renderLogin draws the sign-in form with a fresh pre-session CSRF token:
// the token goes in a short-lived cookie and in the form, and the POST
// must bring both (a double-submit token), so that another site cannot
// sign this browser in to an account of its choosing (login CSRF).
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, next, name string, flash []web.Flash) {
	token := account.NewSecret()
	http.SetCookie(w, &http.Cookie{Name: s.loginCookieName(r), Value: token, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: int(loginFormLifetime.Seconds())})
	s.render(w, r, status, "page-login", Page{Title: "Sign in", CSRF: token, Flash: flash,
		Data: map[string]any{"Next": next, "Name": name, "Local": s.cfg.Local}})
}

// loginFormLifetime is how long a sign-in form stays usable.
const loginFormLifetime = time.Hour

func (s *Server) loginCookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-rebound_login"
	}
	return "rebound_login"
}

// loginCSRFOK checks the sign-in form's double-submit token and, when the
// browser sends one, that Origin is this host.
func (s *Server) loginCSRFOK(r *http.Request) bool {
	if !sameOrigin(r) {
		return false
	}
	c, err := r.Cookie(s.loginCookieName(r))
	got := r.PostForm.Get("csrf_token")
	return err == nil && c.Value != "" && subtle.ConstantTimeCompare([]byte(got), []byte(c.Value)) == 1
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "the sign-in form could not be read"))
		return
	}
	name, password, next := strings.TrimSpace(r.PostForm.Get("name")), r.PostForm.Get("password"), safeNext(r.PostForm.Get("next"))
	if !s.loginCSRFOK(r) {
		s.renderLogin(w, r, http.StatusForbidden, next, name, []web.Flash{{Kind: "error",
			Message: "The sign-in form was out of date or did not come from Rebound (CSRF check failed). Sign in again."}})
		return
	}
	if _, err := s.signIn(w, r, name, password); err != nil {
		code := rebound.ErrorCode(err)
		if code != EUNAUTHORIZED && code != ETOOMANY {
			s.fail(w, r, err)
			return
		}
		setRetryAfter(w, err)
		s.renderLogin(w, r, statusOf(code), next, name, []web.Flash{{Kind: "error", Message: rebound.ErrorMessage(err)}})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: s.loginCookieName(r), Value: "", Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: -1})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) handleLogout(everywhere bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := s.signOut(w, r, everywhere); err != nil {
			s.fail(w, r, err)
			return
		}
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	}
}
