package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/coach"
)

// apiRoutes registers the REST API under /api/v1/ and its OpenAPI
// document. Every /api/v1 route needs a signed-in viewer (session cookie
// or API token) and acts on the athlete chosen by ?athlete=ID (default:
// the viewer), checked by target: reads for the athlete and their
// coaches, writes for the athlete only. Each response is the JSON document
// of the matching CLI command's --json (docs/json.md), and every route is
// described in the OpenAPI document (openapi.go), which a test holds the
// router and every response to.
func (s *Server) apiRoutes() {
	s.handle("GET /api/openapi.json", s.apiOpenAPI)

	// Activities (api_activities.go).
	s.handle("GET /api/v1/activities", s.apiActivities)
	s.handle("POST /api/v1/activities", s.apiUpload)
	s.handle("GET /api/v1/activities/{id}", s.apiActivity)
	s.handle("DELETE /api/v1/activities/{id}", s.apiDeleteActivity)
	s.handle("PATCH /api/v1/activities/{id}", s.apiEditActivity)
	s.handle("PUT /api/v1/activities/{id}/gear", s.apiActivityGear)
	s.handle("PUT /api/v1/activities/{id}/rpe", s.apiActivityRPE)
	s.handle("DELETE /api/v1/activities/{id}/rpe", s.apiClearActivityRPE)

	// Coaching (api_coach.go).
	s.handle("GET /api/v1/plan/latest", s.apiPlan)
	s.handle("GET /api/v1/plan/{id}", s.apiPlan)
	s.handle("GET /api/v1/today", s.apiToday)
	s.handle("GET /api/v1/checkins", s.apiCheckIns)
	s.handle("POST /api/v1/checkins", s.apiCheckIn)
	s.handle("GET /api/v1/checklist", s.apiChecklist)
	s.handle("PUT /api/v1/checklist/{step}", s.apiTick)
	s.handle("GET /api/v1/load", s.apiLoad)
	s.handle("GET /api/v1/week", s.apiWeek)
	s.handle("GET /api/v1/model", s.apiModel)
	s.handle("GET /api/v1/protocol", s.apiProtocol)

	// Profile and gear (api_profile.go).
	s.handle("GET /api/v1/profile", s.apiProfile)
	s.handle("PUT /api/v1/profile", s.apiSaveProfile)
	s.handle("GET /api/v1/gear", s.apiGear)
	s.handle("POST /api/v1/gear", s.apiSaveShoe)

	// The viewer's account (api_account.go).
	s.handle("GET /api/v1/me", s.apiMe)
	s.handle("GET /api/v1/athletes", s.apiAthletes)
	s.handle("GET /api/v1/tokens", s.apiTokens)
	s.handle("POST /api/v1/tokens", s.apiCreateToken)
	s.handle("DELETE /api/v1/tokens/{id}", s.apiDeleteToken)
	s.handle("POST /api/v1/calendar", s.apiCreateCalendar)

	// The viewer's data (api_data.go).
	s.handle("GET /api/v1/export", s.apiExport)
	s.handle("DELETE /api/v1/account", s.apiDeleteAccount)
	s.handle("GET /calendar/{file}", s.calendarFeed)

	// Anything else under /api/ answers a JSON 404 or 405, not the
	// router's plain text. Not a route: it is left out of Routes().
	s.mux.HandleFunc("/api/", s.apiNoRoute)
}

// EMETHOD is the code of a request whose path exists with other methods.
const EMETHOD = "method_not_allowed"

// apiNoRoute answers requests no API route matches: 405 with Allow when
// the path exists for other methods, else 404.
func (s *Server) apiNoRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		if slices.Contains(allow, http.MethodGet) {
			allow = append(allow, http.MethodHead)
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeJSON(w, http.StatusMethodNotAllowed, APIError{Code: EMETHOD,
			Message: r.Method + " is not allowed on " + r.URL.Path + ": use " + strings.Join(allow, ", ")})
		return
	}
	s.fail(w, r, rebound.Errorf(rebound.ENOTFOUND, "no API route %s %s (see /api/openapi.json)", r.Method, r.URL.Path))
}

// reply writes v as compact JSON with status. It encodes before writing,
// so that a value JSON cannot encode (a NaN that slipped through) becomes
// a clean 500 rather than a truncated 200.
func (s *Server) reply(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// self resolves a route about the viewer's own account (me, athletes,
// tokens, calendar): ?athlete= may only name the viewer. Another
// athlete's ID is not found (as everywhere), a coach's athlete forbidden.
func (s *Server) self(w http.ResponseWriter, r *http.Request) (*account.User, bool) {
	t, ok := s.target(w, r, false)
	if !ok {
		return nil, false
	}
	if !t.Own {
		s.fail(w, r, rebound.Errorf(EFORBIDDEN, "this route is about your own account only: leave out ?athlete="))
		return nil, false
	}
	return t.Viewer, true
}

// athlete returns the use cases of the target athlete, their coaching
// state from the server's cache.
func (s *Server) athlete(t Target) *app.Athlete {
	return app.New(t.Store, app.StatesFunc(func(ctx context.Context) (*coach.State, error) {
		return s.states.get(ctx, t.AthleteID)
	}), s.cfg.Now)
}

// state returns the target athlete's coaching state now.
func (s *Server) state(ctx context.Context, t Target) (*coach.State, error) {
	return s.athlete(t).State(ctx)
}

// targetActivity resolves the target athlete (as target does) and the
// activity id in the path ({id}); on failure it has written the error.
func (s *Server) targetActivity(w http.ResponseWriter, r *http.Request, write bool) (Target, int64, bool) {
	t, ok := s.target(w, r, write)
	if !ok {
		return t, 0, false
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return t, 0, false
	}
	return t, id, true
}

// queryDay parses the query parameter name as a YYYY-MM-DD day (midnight
// in loc); the zero time when absent.
func queryDay(r *http.Request, name string, loc *time.Location) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, rebound.Errorf(rebound.EINVALID, "%s=%q: want YYYY-MM-DD", name, v)
	}
	return d, nil
}

// pathID parses the path value name as a positive ID.
func pathID(r *http.Request, name string) (int64, error) {
	v := r.PathValue(name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, rebound.Errorf(rebound.EINVALID, "%s %q: want a positive number", name, v)
	}
	return id, nil
}

// queryInt parses the query parameter name as an integer in [lo, hi],
// def when absent.
func queryInt(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, rebound.Errorf(rebound.EINVALID, "%s=%q: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

// queryFloat parses the query parameter name as a number in [lo, hi]; 0
// when absent.
func queryFloat(r *http.Request, name string, lo, hi float64) (float64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !(f >= lo && f <= hi) {
		return 0, rebound.Errorf(rebound.EINVALID, "%s=%q: want a number from %g to %g", name, v, lo, hi)
	}
	return f, nil
}

// queryBool parses a flag: 1/true/yes or 0/false/no (absent: false).
func queryBool(r *http.Request, name string) (bool, error) {
	switch v := strings.ToLower(r.URL.Query().Get(name)); v {
	case "", "0", "false", "no":
		return false, nil
	case "1", "true", "yes":
		return true, nil
	default:
		return false, rebound.Errorf(rebound.EINVALID, "%s=%q: want 1 or 0", name, v)
	}
}
