package server

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
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
	var wc coach.WeightChange
	var err error
	if wc.BeforeKg, err = queryFloat(r, "weight_before", 20, 300); err != nil {
		s.fail(w, r, err)
		return
	}
	if wc.AfterKg, err = queryFloat(r, "weight_after", 20, 300); err != nil {
		s.fail(w, r, err)
		return
	}
	if (wc.BeforeKg > 0) != (wc.AfterKg > 0) {
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "give both weight_before and weight_after (kg)"))
		return
	}
	st, err := s.state(r.Context(), t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := st.Plan(id, wc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, p)
}

// apiToday is the day's readiness, recommendation and checklist
// (`rebound today --json`), today or on ?date=YYYY-MM-DD.
func (s *Server) apiToday(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	st, err := s.stateOn(r.Context(), t, r.URL.Query().Get("date"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, st.Today())
}

// apiCheckIns lists check-ins, oldest first, with ?from= and ?to=
// (YYYY-MM-DD, both inclusive; default: all).
func (s *Server) apiCheckIns(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	ctx := r.Context()
	prof, err := t.Store.FindProfile(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := prof.Location()
	from, err := queryDay(r, "from", loc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to, err := queryDay(r, "to", loc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1) // inclusive
	}
	cs, err := t.Store.FindCheckIns(ctx, from, to, loc)
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

// apiCheckIn logs a morning check-in (`rebound checkin`): validated like
// the CLI's flags, merged into an earlier check-in of the same day, with
// session RPEs by activity id. It answers the readiness after it (the
// document of `rebound checkin --json`): 201 when it is the day's first
// check-in, 200 when it was merged.
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
	ctx := r.Context()
	st, err := s.state(ctx, t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := st.H.Profile.Location()
	c, err := in.CheckIn(s.cfg.Now(), loc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rpes, err := rpeTargets(st, in.RPE)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	old, err := t.Store.FindCheckIns(ctx, c.Date, c.Date.AddDate(0, 0, 1), loc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(old) == 1 {
		c, status = recovery.MergeCheckIn(old[0], c), http.StatusOK
	}
	err = t.Store.SaveCheckIn(ctx, c)
	for id, v := range rpes {
		if err == nil {
			err = t.Store.SaveRPE(ctx, id, v)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if st, err = s.state(ctx, t); err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, status, st.Today())
}

// rpeTargets resolves a check-in's session ratings ("latest" or an
// activity id -> 0-10) to activity ids of the athlete, before anything
// is saved.
func rpeTargets(st *coach.State, in map[string]float64) (map[int64]float64, error) {
	out := map[int64]float64{}
	for k, v := range in {
		var id int64
		if k == "latest" {
			var latest *store.Activity
			for _, a := range st.H.Activities {
				if latest == nil || a.Start.After(latest.Start) {
					latest = a
				}
			}
			if latest == nil {
				return nil, rebound.Errorf(rebound.ENOTFOUND, "no activities to rate")
			}
			id = latest.ID
		} else {
			n, err := strconv.ParseInt(k, 10, 64)
			if err != nil || n <= 0 {
				return nil, rebound.Errorf(rebound.EINVALID, "rpe: %q is not an activity id (or latest)", k)
			}
			found := false
			for _, a := range st.H.Activities {
				found = found || a.ID == n
			}
			if !found {
				return nil, rebound.Errorf(rebound.ENOTFOUND, "rpe: activity %d not found", n)
			}
			id = n
		}
		out[id] = v
	}
	return out, nil
}

// apiChecklist is the day's checklist (today, or ?date=) with its ticks.
func (s *Server) apiChecklist(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	cl, err := s.checklist(r, t, r.URL.Query().Get("date"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, cl)
}

func (s *Server) checklist(r *http.Request, t Target, date string) (present.Checklist, error) {
	st, err := s.stateOn(r.Context(), t, date)
	if err != nil {
		return present.Checklist{}, err
	}
	today := st.Today()
	ticks, err := t.Store.FindTicks(r.Context(), today.Date)
	if err != nil {
		return present.Checklist{}, err
	}
	return present.NewChecklist(today, ticks), nil
}

// tick ticks (or unticks) a step of the athlete's checklist on date
// (YYYY-MM-DD; "" for today) and returns that day's checklist as it was
// before. A day in the future is refused, and a step is ticked only when
// it is on that day's checklist; a tick may always be taken back. Ticks
// are not part of the coaching state's history (see stateCache).
// The API and the Today page's checklist both tick through it.
func (s *Server) tick(r *http.Request, t Target, date, step string, done bool) (present.Checklist, error) {
	ctx := r.Context()
	if date != "" {
		st, err := s.state(ctx, t)
		if err != nil {
			return present.Checklist{}, err
		}
		d, err := parseDay(date, st.H.Profile.Location())
		if err != nil {
			return present.Checklist{}, err
		}
		if d.After(st.Now) {
			return present.Checklist{}, rebound.Errorf(rebound.EINVALID, "date %s is in the future: tick steps today or on past days", date)
		}
	}
	cl, err := s.checklist(r, t, date)
	if err != nil {
		return cl, err
	}
	if done && !slices.ContainsFunc(cl.Steps, func(cs present.ChecklistStep) bool { return cs.ID == step }) {
		return cl, rebound.Errorf(rebound.ENOTFOUND, "%q is not on the checklist of %s", step, cl.Date)
	}
	return cl, t.Store.SetTick(ctx, cl.Date, step, done, s.cfg.Now())
}

// TickInput is the body of PUT /api/v1/checklist/{step}: whether the step
// is done, on Date (YYYY-MM-DD; default today).
type TickInput struct {
	Done bool   `json:"done"`
	Date string `json:"date,omitempty"`
}

// apiTick ticks or unticks a step of a day's checklist and answers the
// checklist. A step is ticked only when it is on that day's checklist; a
// tick may always be taken back.
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
	cl, err := s.tick(r, t, in.Date, r.PathValue("step"), in.Done)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ticks, err := t.Store.FindTicks(r.Context(), cl.Date)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := range cl.Steps {
		tk, ok := ticks[cl.Steps[i].ID]
		cl.Steps[i].Done, cl.Steps[i].DoneAt = ok, nil
		if ok {
			at := tk.At
			cl.Steps[i].DoneAt = &at
		}
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
	st, err := s.stateOn(r.Context(), t, r.URL.Query().Get("date"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, st.Week())
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

// apiProtocol is the rule base (`rebound protocol --json`). It is the
// same for everyone but, like every /api/v1 route, needs a viewer.
func (s *Server) apiProtocol(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.target(w, r, false); !ok {
		return
	}
	s.reply(w, r, http.StatusOK, present.NewProtocol())
}
