package server

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/web"
)

// todayPage is the data of the Today page (template page-today).
type todayPage struct {
	Own       bool
	Base      string
	Today     *coach.Today
	Flag      flagView // the red flag, with where to clear it
	Readiness readinessCard
	Checklist web.Checklist
	Items     []itemView // today's items in full: why, evidence, sources
	LastRun   *runCard
	Welcome   *web.Empty // no runs and no check-ins yet
	Done      int        // checklist items ticked
	Peak      string     // tomorrow's soreness in words
	// Background asks for the runner's training background, on their
	// own Today page, until they give it or say not now.
	Background *backgroundAsk
}

// backgroundAsk is the Today page's question about the runner's
// background (posted to /profile/background).
type backgroundAsk struct {
	Action, CSRF string
	Assumed      string // what Rebound assumes meanwhile
	Fields       []web.Field
}

// readinessCard is the data of the web "readiness" component.
type readinessCard struct {
	Score          int
	NoScore        bool // nothing to go on: no score
	Recommendation string
	Reasons        []string
	Note           string
	// DecidedBy, EasyAt and ReadyAt (RFC 3339, "" for none) are the
	// decision as the JSON gives it, in the card's data attributes.
	DecidedBy       string
	EasyAt, ReadyAt string
}

// stamp is a moment as RFC 3339, "" for none.
func stamp(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339)
}

// runCard is a short reference to a run.
type runCard struct {
	Href, Title, When, Distance, Kind string
}

// pageToday is the Today page: red flags first, readiness and its
// factors, the recommendation, today's checklist, soreness now.
func (s *Server) pageToday(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, false)
	if !ok {
		return
	}
	day, err := v.app.Today(r.Context(), "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := day.Today
	p := todayPage{Own: v.Own, Base: v.base(), Today: t, Flag: v.flag(t.SeeProfessional)}
	if len(v.st.Entries) == 0 && len(v.st.H.CheckIns) == 0 {
		p.Welcome = v.emptyRuns("Upload your runs and check in each morning: Rebound then tells you how ready you are, what to do today and how to recover from every run.")
		p.Welcome.Title = "Welcome to Rebound"
	}
	p.Readiness = readinessCard{Score: score(t), Recommendation: t.Recommendation, Reasons: t.Reasons,
		Note: present.ReadyNote(t, v.st.Now), DecidedBy: t.DecidedBy, EasyAt: stamp(t.EasyAt), ReadyAt: stamp(t.ReadyAt)}
	_, scored := t.Score()
	p.Readiness.NoScore = !scored
	p.Checklist = web.Checklist{Action: v.link("/checklist"), CSRF: CSRFToken(r)}
	p.Checklist.Items = checkItems(day.Checklist.Steps, v.st.Now)
	for _, it := range p.Checklist.Items {
		if it.Done {
			p.Done++
		}
	}
	var tomorrow []string
	for _, sn := range t.SorenessNow {
		if sn.In24h >= 1 {
			tomorrow = append(tomorrow, fmt.Sprintf("%s %.1f", strings.ToLower(web.Label(string(sn.Muscle))), sn.In24h))
		}
	}
	if len(tomorrow) > 0 {
		p.Peak = "This time tomorrow: " + words(tomorrow) + "."
	} else {
		p.Peak = "No soreness expected tomorrow."
	}
	p.Items = v.todayItems(t.Steps)
	if prof := v.st.H.Profile; v.Own && !prof.Background.Asked() {
		p.Background = &backgroundAsk{Action: v.link("/profile/background"), CSRF: CSRFToken(r),
			Assumed: present.Background(prof), Fields: backgroundFields(prof)}
	}
	if lr := t.LastRun; lr != nil {
		p.LastRun = &runCard{Href: v.link("/runs/" + itoa(lr.ID)), Title: v.titleOf(lr.ID),
			When: v.clock(lr.Start.In(v.loc)), Distance: v.units.Distance(lr.DistanceM), Kind: string(lr.Kind)}
	}
	title := "Today"
	if !v.Own {
		title = v.Athlete.Name + " today"
	}
	page := pageFor(r, v.Target, web.NavToday, title, p)
	page.Subtitle = v.st.Now.Format("Monday 2 January")
	if v.Own && !t.CheckedIn {
		page.Actions = []web.Link{{Label: "Morning check-in", Href: "/checkin", Primary: true}}
	}
	s.render(w, r, http.StatusOK, "page-today", page)
}

// postChecklist ticks or unticks a step of a day's checklist: fields item
// (or step: a protocol technique id), done ("1"/"0", "true"/"false", "on")
// and date (YYYY-MM-DD, default today). htmx gets the item's new form;
// a plain form post is redirected back to Today.
func (s *Server) postChecklist(w http.ResponseWriter, r *http.Request) {
	v, ok := s.openForm(w, r)
	if !ok {
		return
	}
	id := r.PostForm.Get("item")
	if id == "" {
		id = r.PostForm.Get("step")
	}
	tech, known := protocol.ByID(id)
	if !known {
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "unknown checklist step %q", id))
		return
	}
	done := false
	switch r.PostForm.Get("done") {
	case "1", "true", "on", "yes":
		done = true
	case "0", "false", "off", "no", "":
	default:
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "done must be 1 or 0"))
		return
	}
	cl, err := v.app.Tick(r.Context(), r.PostForm.Get("date"), id, done)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.Header.Get("HX-Request") == "true" {
		item := web.ChecklistItem{ID: id, Title: tech.Name, Done: done}
		if rows := checkItems(cl.Steps, v.st.Now, id); len(rows) > 0 {
			item = rows[0]
		}
		s.renderPartial(w, http.StatusOK, "checklist-item", web.CheckRow{Action: v.link("/checklist"), CSRF: CSRFToken(r), ChecklistItem: item})
		return
	}
	s.back(w, r, v.Target, "/#checklist")
}
