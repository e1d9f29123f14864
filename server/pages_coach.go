package server

import (
	"net/http"
	"sort"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/present"
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
	ids, err := s.cfg.DB.FindGrantedAthletes(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type row struct {
		web.AthleteRow
		rank int
	}
	states, err := s.states.getAll(r.Context(), ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var rows []row
	for _, id := range ids {
		a, err := s.cfg.DB.FindUserByID(r.Context(), id)
		if rebound.ErrorCode(err) == rebound.ENOTFOUND {
			continue // deleted since the grant
		} else if err != nil {
			s.fail(w, r, err)
			return
		}
		st := states[id]
		t := st.Today()
		ar := web.AthleteRow{Name: a.Name, Href: "/athletes/" + itoa(id), Readiness: t.Readiness.Score,
			Recommendation: t.Recommendation, CheckedIn: t.CheckedIn,
			NoData: len(st.Entries) == 0 && len(st.H.CheckIns) == 0}
		rank := 2
		if t.SeeProfessional.Needed {
			ar.RedFlag = t.SeeProfessional.Urgency
			if ar.RedFlag == "" {
				ar.RedFlag = "soon"
			}
			rank = map[string]int{"urgent": 0, "soon": 1}[ar.RedFlag]
		}
		if ar.NoData {
			ar.Recommendation = ""
			if rank == 2 {
				rank = 3
			}
		}
		if n := len(st.Entries); n > 0 {
			e := st.Entries[n-1]
			loc := st.Now.Location()
			ar.LastRun = e.A.Start.In(loc).Format("Mon 2 Jan") + " · " + kindWord(string(e.Kind)) + " · " + present.For(st.H.Profile).Distance(e.A.Summary.DistanceM)
		}
		rows = append(rows, row{ar, rank})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].rank != rows[j].rank {
			return rows[i].rank < rows[j].rank
		}
		if rows[i].Readiness != rows[j].Readiness {
			return rows[i].Readiness < rows[j].Readiness
		}
		return rows[i].Name < rows[j].Name
	})
	p := coachPage{}
	for _, r := range rows {
		p.Athletes = append(p.Athletes, r.AthleteRow)
		if r.RedFlag != "" {
			p.Flagged++
		}
	}
	if len(rows) == 0 {
		p.Empty = &web.Empty{Title: "No athletes yet",
			Text: "Athletes appear here once they grant you access: rebound user grant ATHLETE " + u.Name + " on the server."}
	}
	page := Page{Title: "Athletes", Nav: web.NavCoach, User: webUser(u), CSRF: CSRFToken(r), Data: p,
		Subtitle: "Most in need first: red flags, then the lowest readiness. Each athlete's pages are read-only."}
	s.render(w, r, http.StatusOK, "page-coach", page)
}

// kindWord names a run kind: the kind itself, "activity" without one.
func kindWord(k string) string {
	if k == "" {
		return "activity"
	}
	return k
}
