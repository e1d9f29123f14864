package server

import (
	"net/http"
	"strings"

	"github.com/rebound-run/rebound"
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
	s.render(w, r, http.StatusOK, "page-login", Page{Title: "Sign in", Data: map[string]any{
		"Next": safeNext(r.URL.Query().Get("next")), "Local": s.cfg.Local}})
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "the sign-in form could not be read"))
		return
	}
	name, password, next := strings.TrimSpace(r.PostForm.Get("name")), r.PostForm.Get("password"), safeNext(r.PostForm.Get("next"))
	if _, err := s.signIn(w, r, name, password); err != nil {
		code := rebound.ErrorCode(err)
		if code != EUNAUTHORIZED && code != ETOOMANY {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, statusOf(code), "page-login", Page{Title: "Sign in", Flash: []web.Flash{{Kind: "error", Message: rebound.ErrorMessage(err)}},
			Data: map[string]any{"Next": next, "Name": name, "Local": s.cfg.Local}})
		return
	}
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
