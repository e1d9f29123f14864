package server

import (
	"net/http"
)

// pageRoutes registers the pages.
func (s *Server) pageRoutes() {
	s.handle("GET /{$}", s.pageToday)
}

// pageToday is the Today page.
func (s *Server) pageToday(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	st, err := s.states.get(r.Context(), t.AthleteID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "today", pageFor(r, t, "today", "Today", st.Today()))
}
