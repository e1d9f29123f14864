package server

import (
	"net/http"

	"github.com/rebound-run/rebound/present"
)

// apiPlan is the recovery plan after a run (`rebound plan ID|latest
// --json`): /api/v1/plan/{id} or /api/v1/plan/latest, with
// ?weight_before= and ?weight_after= in kg (both or neither) for the
// fluid advice.
func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	var id int64 // 0: the latest
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	var weights [2]*present.Weight
	for i, name := range []string{"weight_before", "weight_after"} {
		kg, err := queryFloat(r, name, 0, 1000)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if kg > 0 {
			weights[i] = &present.Weight{Value: kg, Unit: present.Kg}
		}
	}
	p, _, err := s.athlete(t).Plan(r.Context(), id, weights[0], weights[1])
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, present.NewPlanJSON(p))
}

// apiToday is the day's readiness, recommendation and checklist
// (`rebound today --json`), today or on ?date=YYYY-MM-DD.
func (s *Server) apiToday(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	st, err := s.athlete(t).StateOn(r.Context(), r.URL.Query().Get("date"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, present.NewTodayJSON(st.Today()))
}

// apiCheckIns lists check-ins, oldest first, with ?from= and ?to=
// (YYYY-MM-DD, both inclusive; default: all).
func (s *Server) apiCheckIns(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	q := r.URL.Query()
	cs, err := s.athlete(t).CheckIns(r.Context(), q.Get("from"), q.Get("to"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]present.CheckIn, 0, len(cs))
	for _, c := range cs {
		out = append(out, present.NewCheckIn(c))
	}
	s.reply(w, r, http.StatusOK, out)
}

// apiCheckIn logs a morning check-in (`rebound checkin`; app.CheckIn):
// merged into an earlier check-in of the same day, with session RPEs by
// activity id, in one transaction. It answers the readiness after it
// (the document of `rebound checkin --json`): 201 when it is the day's
// first check-in, 200 when it was merged.
func (s *Server) apiCheckIn(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	var in present.CheckInInput
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.athlete(t).CheckIn(r.Context(), in)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if res.Created {
		status = http.StatusCreated
	}
	s.reply(w, r, status, present.NewTodayJSON(res.Today))
}

// apiChecklist is the day's checklist (today, or ?date=) with its ticks.
func (s *Server) apiChecklist(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	d, err := s.athlete(t).Today(r.Context(), r.URL.Query().Get("date"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, d.Checklist)
}

// TickInput is the body of PUT /api/v1/checklist/{step}: whether the step
// is done, on Date (YYYY-MM-DD; default today).
type TickInput struct {
	Done bool   `json:"done"`
	Date string `json:"date,omitempty"`
}

// apiTick ticks or unticks a step of a day's checklist (app.Tick) and
// answers the checklist.
func (s *Server) apiTick(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	var in TickInput
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	cl, err := s.athlete(t).Tick(r.Context(), in.Date, r.PathValue("step"), in.Done)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, cl)
}

// apiLoad is the training load (`rebound load --json`) over ?weeks= (1-520, default 8).
func (s *Server) apiLoad(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	weeks, err := queryInt(r, "weeks", 8, 1, 520)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.state(r.Context(), t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, present.NewLoad(st, weeks))
}

// apiWeek is the suggested 7 days from today or ?date= (`rebound week
// --json`), planned from the history up to that day.
func (s *Server) apiWeek(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	wp, _, err := s.athlete(t).Week(r.Context(), r.URL.Query().Get("date"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, present.NewWeekPlanJSON(wp))
}

// apiModel is what Rebound has learned (`rebound model --json`).
func (s *Server) apiModel(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	st, err := s.state(r.Context(), t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, present.NewModel(st))
}

// apiProtocol is the rule base (`rebound protocol --json`), in the
// athlete's units. Like every /api/v1 route, it needs a viewer.
func (s *Server) apiProtocol(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	prof, err := t.Store.FindProfile(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, present.NewProtocol(prof.UnitsOrDefault()))
}
