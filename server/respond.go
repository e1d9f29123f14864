package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/store"
)

// HTTP-only error codes, beside the domain's rebound.E* codes.
const (
	EUNAUTHORIZED = "unauthorized"      // not signed in, or bad credentials
	EFORBIDDEN    = "forbidden"         // signed in but not allowed
	ETOOMANY      = "too_many_requests" // rate limited
	ETOOLARGE     = "too_large"         // body over its limit
)

// statusOf maps an error code to an HTTP status.
func statusOf(code string) int {
	switch code {
	case rebound.EINVALID:
		return http.StatusBadRequest
	case rebound.ENOTFOUND:
		return http.StatusNotFound
	case rebound.ECONFLICT:
		return http.StatusConflict
	case EUNAUTHORIZED:
		return http.StatusUnauthorized
	case EFORBIDDEN:
		return http.StatusForbidden
	case ETOOMANY:
		return http.StatusTooManyRequests
	case ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// APIError is the JSON body of every failed API request.
type APIError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// wantsJSON reports whether the client should get JSON rather than a page.
func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || strings.Contains(r.Header.Get("Accept"), "application/json") ||
		r.Header.Get("HX-Request") == "true"
}

// fail answers with err: JSON for the API, an error page otherwise.
// Internal errors are logged and shown without their detail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = s.tooLarge(r, mbe.Limit)
	}
	setRetryAfter(w, err)
	code, msg := rebound.ErrorCode(err), rebound.ErrorMessage(err)
	status := statusOf(code)
	if status == http.StatusInternalServerError {
		s.cfg.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if code == EUNAUTHORIZED && !wantsJSON(r) && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if wantsJSON(r) {
		writeJSON(w, status, APIError{Code: code, Message: msg})
		return
	}
	s.renderError(w, r, status, msg)
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Message string
	SignIn  bool // offer the sign-in page
}

// renderError shows an error page (the "page-error" template when present).
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if s.cfg.Templates != nil && s.cfg.Templates.Lookup("page-error") != nil {
		title := map[int]string{http.StatusNotFound: "Not found", http.StatusForbidden: "Not allowed", http.StatusUnauthorized: "Please sign in",
			http.StatusTooManyRequests: "Busy: try again shortly", http.StatusRequestEntityTooLarge: "Too large"}[status]
		if title == "" && status >= 500 {
			title = "Something went wrong"
		} else if title == "" {
			title = "That did not work"
		}
		if msg != "" {
			msg = withFirst(msg, unicode.ToUpper)
			if !strings.HasSuffix(msg, ".") {
				msg += "."
			}
		}
		s.render(w, r, status, "page-error", Page{Title: title, Subtitle: fmt.Sprintf("Error %d · %s", status, http.StatusText(status)),
			Data: errorPage{Status: status, Message: msg, SignIn: status == http.StatusUnauthorized && viewer(r) == nil}})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "%d %s: %s\n", status, http.StatusText(status), msg)
}

// withFirst changes the case of the first letter of s (ToUpper, ToLower).
func withFirst(s string, to func(rune) rune) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(to(r)) + s[n:]
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // compact, as reply
}

// readJSON decodes a JSON body of at most 1 MiB into v, refusing unknown fields.
func readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return rebound.Errorf(rebound.EINVALID, "the request body is not valid JSON for this route: %v", err)
	}
	if dec.More() {
		return rebound.Errorf(rebound.EINVALID, "the request body has more than one JSON value")
	}
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		return err
	}
	return nil
}

// requireUser returns the viewer, or answers 401 (a redirect to the
// sign-in page for a browser) and returns nil.
func (s *Server) requireUser(w http.ResponseWriter, r *http.Request) *account.User {
	u := viewer(r)
	if u == nil {
		s.fail(w, r, rebound.Errorf(EUNAUTHORIZED, "sign in first"))
	}
	return u
}

// Target is the athlete a request acts on, with their store.
type Target struct {
	Viewer    *account.User
	AthleteID int64
	Athlete   *account.User
	Store     store.Store
	Own       bool // the viewer's own data (may change it)
}

// base is the path prefix of the target's pages in a coach's view
// ("/athletes/7"), "" for the viewer's own.
func (t Target) base() string {
	if t.Own {
		return ""
	}
	return "/athletes/" + itoa(t.AthleteID)
}

// target resolves the athlete of the path (/athletes/{athlete}/…) or of
// ?athlete=ID (default: the viewer) and checks that the
// viewer may read it, and change it when write is set. On failure it
// answers the request and returns ok=false. Another athlete's data is
// reported as not found, never as forbidden, so that IDs cannot be probed.
func (s *Server) target(w http.ResponseWriter, r *http.Request, write bool) (t Target, ok bool) {
	u := s.requireUser(w, r)
	if u == nil {
		return t, false
	}
	t.Viewer, t.AthleteID = u, u.ID
	v := r.PathValue("athlete")
	if v == "" {
		v = r.URL.Query().Get("athlete")
	}
	if v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			s.fail(w, r, rebound.Errorf(rebound.EINVALID, "athlete must be a user ID, not %q", v))
			return t, false
		}
		t.AthleteID = id
	}
	t.Own = t.AthleteID == u.ID
	if !t.Own {
		granted, err := s.cfg.DB.FindGrantedAthletes(r.Context(), u.ID)
		if err != nil {
			s.fail(w, r, err)
			return t, false
		}
		if !account.CanRead(u, t.AthleteID, granted) {
			s.fail(w, r, rebound.Errorf(rebound.ENOTFOUND, "athlete %d not found", t.AthleteID))
			return t, false
		}
		if write {
			s.fail(w, r, rebound.Errorf(EFORBIDDEN, "a coach's view is read-only: only the athlete can change their data"))
			return t, false
		}
	}
	if t.Own {
		t.Athlete = u
	} else {
		a, err := s.cfg.DB.FindUserByID(r.Context(), t.AthleteID)
		if err != nil {
			s.fail(w, r, err)
			return t, false
		}
		t.Athlete = a
	}
	t.Store = s.cfg.DB.ForAthlete(t.AthleteID)
	return t, true
}
