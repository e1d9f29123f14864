package server

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/protocol"
)

// Me is GET /api/v1/me: the signed-in account and how it signed in.
type Me struct {
	ID        int64        `json:"id"`
	Name      string       `json:"name"`
	Role      account.Role `json:"role"`
	CreatedAt time.Time    `json:"created_at"`
	Auth      string       `json:"auth"` // "token" or "session"
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	u, ok := s.self(w, r)
	if !ok {
		return
	}
	auth := "session"
	if viaToken(r) {
		auth = "token"
	}
	s.reply(w, r, http.StatusOK, Me{ID: u.ID, Name: u.Name, Role: u.Role, CreatedAt: u.CreatedAt, Auth: auth})
}

// AthleteSummary is one row of a coach's table (GET /api/v1/athletes).
type AthleteSummary struct {
	ID             int64  `json:"id"`
	Name           string `json:"name"`
	Readiness      *int   `json:"readiness"`      // 0-100; null with no data
	Recommendation string `json:"recommendation"` // rest, active-recovery, easy-run, quality-ok, no-data
	RedFlag        struct {
		Needed  bool     `json:"needed"`
		Urgency string   `json:"urgency"` // "urgent", "soon" or "" when not needed
		Reasons []string `json:"reasons"`
	} `json:"red_flag"`
	CheckedIn bool       `json:"checked_in"` // today
	LastRun   *time.Time `json:"last_run"`   // the latest run's start, null without runs
}

// apiAthletes is a coach's athletes (those who granted the viewer
// access), sorted by need (see athletesByNeed). An athlete's own list is
// empty.
func (s *Server) apiAthletes(w http.ResponseWriter, r *http.Request) {
	u, ok := s.self(w, r)
	if !ok {
		return
	}
	athletes, err := s.athletesByNeed(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []AthleteSummary{}
	for _, a := range athletes {
		today := a.state.Today()
		row := AthleteSummary{ID: a.user.ID, Name: a.user.Name, Readiness: readinessOf(today),
			Recommendation: today.Recommendation, CheckedIn: today.CheckedIn}
		sp := today.SeeProfessional
		row.RedFlag.Needed, row.RedFlag.Urgency, row.RedFlag.Reasons = sp.Needed, sp.Urgency, append([]string{}, sp.Reasons...)
		if today.LastRun != nil {
			start := today.LastRun.Start
			row.LastRun = &start
		}
		out = append(out, row)
	}
	s.reply(w, r, http.StatusOK, out)
}

// athleteState is one of a coach's athletes with their coaching state.
type athleteState struct {
	user  *account.User
	state *coach.State
}

// athletesByNeed returns the athletes who granted u access, most in need
// first: red flags (urgent, then soon), then the lowest readiness, then
// athletes with no data yet; ties by name. The coach's table and
// /api/v1/athletes both show this order.
func (s *Server) athletesByNeed(ctx context.Context, u *account.User) ([]athleteState, error) {
	granted, err := s.cfg.DB.FindGrantedAthletes(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	var readable []int64
	for _, id := range granted {
		if id != u.ID && account.CanRead(u, id, granted) {
			readable = append(readable, id)
		}
	}
	states, err := s.states.getAll(ctx, readable)
	if err != nil {
		return nil, err
	}
	var out []athleteState
	for _, id := range readable {
		a, err := s.cfg.DB.FindUserByID(ctx, id)
		if rebound.ErrorCode(err) == rebound.ENOTFOUND {
			continue // deleted since the grant
		} else if err != nil {
			return nil, err
		}
		out = append(out, athleteState{a, states[id]})
	}
	rank := func(st *coach.State) int {
		t := st.Today()
		switch {
		case t.SeeProfessional.Needed && t.SeeProfessional.Urgency == string(protocol.Urgent):
			return 0
		case t.SeeProfessional.Needed:
			return 1
		case noData(st):
			return 3
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].state, out[j].state
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if x, y := score(a.Today()), score(b.Today()); x != y {
			return x < y
		}
		return strings.ToLower(out[i].user.Name) < strings.ToLower(out[j].user.Name)
	})
	return out, nil
}

// score is an athlete's readiness score for sorting and the table, 0
// with no data.
func score(t *coach.Today) int {
	n, _ := t.Score()
	return n
}

// readinessOf is the readiness score, nil with no data.
func readinessOf(t *coach.Today) *int {
	if n, ok := t.Score(); ok {
		return &n
	}
	return nil
}

// noData reports whether an athlete has neither runs nor check-ins yet.
func noData(st *coach.State) bool { return len(st.Entries) == 0 && len(st.H.CheckIns) == 0 }

// apiTokens lists the viewer's API tokens and calendar feed tokens
// (never their secrets).
func (s *Server) apiTokens(w http.ResponseWriter, r *http.Request) {
	u, ok := s.self(w, r)
	if !ok {
		return
	}
	toks, err := s.cfg.DB.FindTokens(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if toks == nil {
		toks = []account.Token{}
	}
	s.reply(w, r, http.StatusOK, toks)
}

// TokenInput is the body of POST /api/v1/tokens.
type TokenInput struct {
	Name string `json:"name"` // what the token is for, e.g. "backup script"
}

// NewToken answers POST /api/v1/tokens: the token and its secret, shown
// this once (the server keeps only its hash).
type NewToken struct {
	Token  account.Token `json:"token"`
	Secret string        `json:"secret"`
}

// apiCreateToken creates a personal API token for the viewer.
func (s *Server) apiCreateToken(w http.ResponseWriter, r *http.Request) {
	u, ok := s.self(w, r)
	if !ok {
		return
	}
	var in TokenInput
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	name := strings.TrimSpace(in.Name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "a token's name has 1 to 100 characters: say what it is for"))
		return
	}
	secret := account.TokenPrefix + account.NewSecret()
	tok := account.Token{UserID: u.ID, Name: name, Scope: account.ScopeAPI, Hash: account.HashSecret(secret), CreatedAt: s.cfg.Now().UTC()}
	if err := s.cfg.DB.CreateToken(r.Context(), &tok); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/tokens/"+itoa(tok.ID))
	s.reply(w, r, http.StatusCreated, NewToken{Token: tok, Secret: secret})
}

// apiDeleteToken revokes one of the viewer's tokens.
func (s *Server) apiDeleteToken(w http.ResponseWriter, r *http.Request) {
	u, ok := s.self(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.cfg.DB.DeleteToken(r.Context(), u.ID, id); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// CalendarFeed answers POST /api/v1/calendar: the secret address of the
// viewer's iCalendar feed (the next 7 days of `rebound week`), for a
// calendar app to subscribe to. Anyone with the address can read the
// week, so it is shown this once; posting again replaces it.
type CalendarFeed struct {
	URL   string        `json:"url"`
	Token account.Token `json:"token"`
}

// apiCreateCalendar (re)creates the viewer's calendar feed address: the
// old calendar tokens are deleted, so old addresses stop working.
func (s *Server) apiCreateCalendar(w http.ResponseWriter, r *http.Request) {
	u, ok := s.self(w, r)
	if !ok {
		return
	}
	url, tok, err := s.replaceCalendarFeed(r, u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusCreated, CalendarFeed{URL: url, Token: tok})
}
