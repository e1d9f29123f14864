package server

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/export"
)

// The runner owns their data: they download all of it (GET
// /api/v1/export, the Profile page's "Your data" links) and delete their
// account with all of it (DELETE /api/v1/account, the Profile page's
// form). Both are about the viewer's own account only: a coach can
// neither download nor delete an athlete's data.

// apiExport streams the viewer's export (package export) as a zip
// download: ?format=json (the default) or csv.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	u, ok := s.self(w, r)
	if !ok {
		return
	}
	format, err := export.ParseFormat(r.URL.Query().Get("format"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.cfg.Now()
	name := fmt.Sprintf("rebound-%s-%s-%s.zip", fileSafe.ReplaceAllString(u.Name, "_"), now.Format("2006-01-02"), format)
	cw := &countingWriter{w: w, start: func() {
		h := w.Header()
		h.Set("Content-Type", "application/zip")
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
	}}
	_, err = export.Write(r.Context(), cw, s.cfg.DB.ForAthlete(u.ID), export.Options{Format: format,
		Athlete: export.Athlete{ID: u.ID, Name: u.Name}, Now: now})
	if err == nil {
		return
	}
	if cw.n == 0 { // nothing sent yet: an ordinary error answer
		s.fail(w, r, err)
		return
	}
	// Half an archive has gone out: break the connection, so that the
	// download fails rather than leave a truncated zip that looks whole.
	s.cfg.Logger.Error("export failed mid-stream", "user", u.ID, "err", err)
	panic(http.ErrAbortHandler)
}

var fileSafe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// countingWriter calls start before the first byte it writes and counts
// what it wrote.
type countingWriter struct {
	w     http.ResponseWriter
	start func()
	n     int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.n == 0 && len(p) > 0 {
		c.start()
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// apiDeleteAccount deletes the viewer's account with all its data,
// sessions, tokens and grants. It needs ?confirm= the account's name, so
// that no stray request deletes everything.
func (s *Server) apiDeleteAccount(w http.ResponseWriter, r *http.Request) {
	u, ok := s.self(w, r)
	if !ok {
		return
	}
	if err := s.deleteAccount(r, u, r.URL.Query().Get("confirm")); err != nil {
		s.fail(w, r, err)
		return
	}
	if !viaToken(r) {
		s.clearCookie(w, r)
	}
	w.WriteHeader(http.StatusNoContent)
}

// postDeleteAccount is the Profile page's deletion form: the athlete
// types their name to confirm, and ends signed out on the sign-in page.
func (s *Server) postDeleteAccount(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	if !t.Own { // an admin reading another's profile: not from here
		s.fail(w, r, rebound.Errorf(EFORBIDDEN, "you can delete only your own account here (admins: rebound user delete NAME)"))
		return
	}
	if err := parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.deleteAccount(r, t.Viewer, r.PostForm.Get("confirm")); err != nil {
		if rebound.ErrorCode(err) == rebound.EINVALID {
			s.setFlash(w, r, "error", rebound.ErrorMessage(err))
			s.back(w, r, t, "/profile#your-data")
			return
		}
		s.fail(w, r, err)
		return
	}
	s.clearCookie(w, r)
	s.setFlash(w, r, "success", "Your account and all its data have been deleted.")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// deleteAccount deletes u with all its data once confirm is u's name.
func (s *Server) deleteAccount(r *http.Request, u *account.User, confirm string) error {
	if !strings.EqualFold(strings.TrimSpace(confirm), u.Name) {
		return rebound.Errorf(rebound.EINVALID, "type your account's name, %s, to confirm that everything of it is to be deleted", u.Name)
	}
	if err := s.cfg.DB.DeleteUser(r.Context(), u.ID); err != nil {
		return err
	}
	s.cfg.Logger.Info("account deleted with all its data", "user", u.ID)
	return nil
}
