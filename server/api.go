package server

import (
	"net/http"
)

// apiRoutes registers /api/v1/.
func (s *Server) apiRoutes() {
	s.handle("GET /api/v1/today", s.apiToday)
}

// apiToday is today's readiness, recommendation and checklist.
func (s *Server) apiToday(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	st, err := s.states.get(r.Context(), t.AthleteID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st.Today())
}
