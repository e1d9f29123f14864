package server

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/web"
)

// pageRoutes registers the pages. Every page that shows an athlete's data
// is also served under /athletes/{athlete}/…, where a coach reads the
// athletes who granted access (read-only: the forms are left out, and a
// write is answered 403). Writes are POST forms that redirect back (303),
// so every page works without JavaScript; app.js and htmx enhance them.
func (s *Server) pageRoutes() {
	s.page("/{$}", s.pageToday)
	s.handle("GET /athletes/{athlete}", s.pageToday)
	s.page("/runs", s.pageRuns)
	s.page("/runs/{id}", s.pageRun)
	s.page("/soreness", s.pageSoreness)
	s.page("/load", s.pageLoad)
	s.page("/week", s.pageWeek)
	s.page("/model", s.pageModel)
	s.page("/checkin", s.pageCheckIn)
	s.page("/upload", s.pageUpload)
	s.page("/profile", s.pageProfile)
	s.handle("GET /coach", s.pageCoach)

	s.form("/checklist", s.postChecklist)
	s.form("/checkin", s.postCheckIn)
	s.form("/runs/{id}/delete", s.postDeleteRun)
	s.form("/runs/{id}/edit", s.postEditRun)
	s.form("/upload", s.postUpload)
	s.form("/profile", s.postProfile)
	s.form("/profile/background", s.postBackground)
	s.form("/profile/shoes", s.postShoe)
	s.form("/profile/tokens", s.postToken)
	s.form("/profile/tokens/{id}/delete", s.postDeleteToken)
	s.form("/profile/delete", s.postDeleteAccount)
	s.form("/week/calendar", s.postCalendar)
	s.form("/week/calendar/{id}/delete", s.postDeleteCalendar)

	// Anything else is a page that does not exist (JSON under /api/).
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, rebound.Errorf(rebound.ENOTFOUND, "there is no page at %s", r.URL.Path))
	})
}

// page registers a GET page at path and at /athletes/{athlete}path.
func (s *Server) page(path string, h http.HandlerFunc) {
	s.handle("GET "+path, h)
	s.handle("GET /athletes/{athlete}"+path, h)
}

// form registers a POST at path and at /athletes/{athlete}path (where
// only the athlete may post: a coach gets 403).
func (s *Server) form(path string, h http.HandlerFunc) {
	s.handle("POST "+path, h)
	s.handle("POST /athletes/{athlete}"+path, h)
}

// view is what a page handler works with: whose data, their coaching
// state, and how to show numbers and times.
type view struct {
	Target
	app   *app.Athlete
	st    *coach.State
	units present.Units
	loc   *time.Location
}

// open resolves the target athlete and loads their coaching state.
func (s *Server) open(w http.ResponseWriter, r *http.Request, write bool) (*view, bool) {
	t, ok := s.target(w, r, write)
	if !ok {
		return nil, false
	}
	a := s.athlete(t)
	st, err := a.State(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return &view{Target: t, app: a, st: st, units: present.For(st.H.Profile), loc: st.Now.Location()}, true
}

// openForm is open for a form post that changes the target's data: it
// also reads the form (at most 1 MiB).
func (s *Server) openForm(w http.ResponseWriter, r *http.Request) (*view, bool) {
	v, ok := s.open(w, r, true)
	if !ok {
		return nil, false
	}
	if err := parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return v, true
}

// title is an activity's name as every view shows it (present.Title).
func (v *view) title(e coach.Entry) string { return present.Title(e, v.st.H.Profile) }

// titleOf is the name of the activity id of the state, "" for none.
func (v *view) titleOf(id int64) string {
	if i := v.st.Index(id); i >= 0 {
		return v.title(v.st.Entries[i])
	}
	return ""
}

// link is a path on the target's pages ("/runs/4", or "/athletes/7/runs/4" for a coach).
func (v *view) link(path string) string { return v.base() + path }

// weightUnit is the unit forms take body weight in, and the range they
// accept in it: profile.Validate's 20-300 kg, or 45-660 lb (20.4-299.4 kg).
func weightUnit(u present.Units) (unit string, lo, hi float64) {
	if u.Imperial() {
		return "lb", 45, 660
	}
	return "kg", 20, 300
}

// back redirects to one of the target's pages after a form post.
func (s *Server) back(w http.ResponseWriter, r *http.Request, t Target, path string) {
	http.Redirect(w, r, t.base()+path, http.StatusSeeOther)
}

// parseForm reads a urlencoded form of at most 1 MiB (the CSRF check may
// have read it already).
func parseForm(w http.ResponseWriter, r *http.Request) error {
	if r.PostForm == nil {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	}
	if err := r.ParseForm(); err != nil {
		return rebound.Errorf(rebound.EINVALID, "the form could not be read: %v", err)
	}
	return nil
}

// Time formatting, in the athlete's time zone.

// day formats a date as "Sun 22 Nov", with the year when it is not this year's.
func (v *view) day(t time.Time) string { return present.Day(t, v.st.Now) }

// when formats a moment relative to now: "now", "today 15:10", "tomorrow
// 08:00", "Thu 27 Nov 15:10".
func (v *view) when(t time.Time) string { return present.When(t, v.st.Now) }

// clock formats a moment as "today 10:15", "Thu 10:15" or "Thu 27 Nov 10:15".
func (v *view) clock(t time.Time) string {
	now := v.st.Now
	switch {
	case sameDay(t, now):
		return "today " + t.Format("15:04")
	case sameDay(t, now.AddDate(0, 0, 1)):
		return "tomorrow " + t.Format("15:04")
	case sameDay(t, now.AddDate(0, 0, -1)):
		return "yesterday " + t.Format("15:04")
	case t.Sub(now).Abs() < 6*24*time.Hour:
		return t.Format("Mon 15:04")
	}
	return v.day(t) + " " + t.Format("15:04")
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// plural writes "1 run", "3 runs".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// words joins with commas and "and".
func words(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// emptyRuns is the empty state of pages that need runs.
func (v *view) emptyRuns(what string) *web.Empty {
	e := &web.Empty{Title: "No runs yet", Text: what}
	if v.Own {
		e.Action = web.Link{Label: "Upload activity files", Href: "/upload", Primary: true}
	}
	return e
}
