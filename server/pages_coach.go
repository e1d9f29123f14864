package server

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/web"
)

// coachPage is the data of the coach's table (page-coach).
type coachPage struct {
	Athletes []web.AthleteRow
	Flagged  int
	Empty    *web.Empty
}

// pageCoach is the coach's (or admin's) table of the athletes who granted
// access, most in need first: red flags (urgent, then soon), then the
// lowest readiness; athletes without data last.
func (s *Server) pageCoach(w http.ResponseWriter, r *http.Request) {
	u := s.requireUser(w, r)
	if u == nil {
		return
	}
	if u.Role != account.Coach && u.Role != account.Admin {
		s.fail(w, r, rebound.Errorf(EFORBIDDEN, "the coach's table is for coaches: ask an admin to make your account a coach (rebound user add --role coach)"))
		return
	}
	athletes, err := s.athletesByNeed(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := coachPage{}
	for _, a := range athletes {
		st, t := a.state, a.state.Today()
		ar := web.AthleteRow{Name: a.user.Name, Href: "/athletes/" + itoa(a.user.ID), Readiness: score(t),
			Recommendation: t.Recommendation, CheckedIn: t.CheckedIn, NoData: noData(st)}
		if t.SeeProfessional.Needed {
			ar.RedFlag = cmp.Or(t.SeeProfessional.Urgency, string(protocol.Soon))
			p.Flagged++
		}
		if ar.NoData {
			ar.Recommendation = ""
		}
		if n := len(st.Entries); n > 0 {
			e := st.Entries[n-1]
			loc := st.Now.Location()
			ar.LastRun = e.A.Start.In(loc).Format("Mon 2 Jan") + " · " + kindWord(string(e.Kind)) + " · " + present.For(st.H.Profile).Distance(e.A.Summary.DistanceM)
		}
		p.Athletes = append(p.Athletes, ar)
	}
	if len(athletes) == 0 {
		p.Empty = &web.Empty{Title: "No athletes yet",
			Text: "Athletes appear here once they grant you access: rebound user grant ATHLETE " + u.Name + " on the server."}
	}
	page := Page{Title: "Athletes", Nav: web.NavCoach, User: webUser(u), CSRF: CSRFToken(r), Data: p,
		Subtitle: "Most in need first: red flags, then the lowest readiness. Each athlete's pages are read-only."}
	s.render(w, r, http.StatusOK, "page-coach", page)
}

// kindWord names a run kind in a sentence ("long", "recovery run"),
// "activity" without one.
func kindWord(k string) string {
	if k == "" {
		return "activity"
	}
	return strings.ToLower(present.KindLabel(k))
}
