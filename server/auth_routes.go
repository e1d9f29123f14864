package server

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

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

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
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
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
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
