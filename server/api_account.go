package server

import (
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
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
	Readiness      int    `json:"readiness"`      // 0-100
	Recommendation string `json:"recommendation"` // rest, active-recovery, easy-run, quality-ok
	RedFlag        struct {
		Needed  bool     `json:"needed"`
		Urgency string   `json:"urgency"` // "urgent", "soon" or "" when not needed
		Reasons []string `json:"reasons"`
	} `json:"red_flag"`
	CheckedIn bool       `json:"checked_in"` // today
	LastRun   *time.Time `json:"last_run"`   // the latest run's start, null without runs
}

// urgencyRank orders red flags: urgent first, then soon, then none.
func urgencyRank(a AthleteSummary) int {
	switch {
	case a.RedFlag.Needed && a.RedFlag.Urgency == "urgent":
		return 0
	case a.RedFlag.Needed:
		return 1
	}
	return 2
}

// apiAthletes is a coach's athletes (those who granted the viewer
// access), sorted by need: red flags first (urgent before soon), then the
// lowest readiness. An athlete's own list is empty.
func (s *Server) apiAthletes(w http.ResponseWriter, r *http.Request) {
	u, ok := s.self(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	granted, err := s.cfg.DB.FindGrantedAthletes(ctx, u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var readable []int64
	for _, id := range granted {
		if id != u.ID && account.CanRead(u, id, granted) {
			readable = append(readable, id)
		}
	}
	states, err := s.states.getAll(ctx, readable)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []AthleteSummary{}
	for _, id := range readable {
		a, err := s.cfg.DB.FindUserByID(ctx, id)
		if rebound.ErrorCode(err) == rebound.ENOTFOUND {
			continue
		} else if err != nil {
			s.fail(w, r, err)
			return
		}
		today := states[id].Today()
		row := AthleteSummary{ID: a.ID, Name: a.Name, Readiness: today.Readiness.Score,
			Recommendation: today.Recommendation, CheckedIn: today.CheckedIn}
		sp := today.SeeProfessional
		row.RedFlag.Needed, row.RedFlag.Urgency, row.RedFlag.Reasons = sp.Needed, sp.Urgency, append([]string{}, sp.Reasons...)
		if today.LastRun != nil {
			start := today.LastRun.Start
			row.LastRun = &start
		}
		out = append(out, row)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := urgencyRank(a), urgencyRank(b); ra != rb {
			return ra < rb
		}
		if a.Readiness != b.Readiness {
			return a.Readiness < b.Readiness
		}
		return strings.ToLower(a.Name) < strings.ToLower(b.Name)
	})
	s.reply(w, r, http.StatusOK, out)
}

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
