package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
)

// calendarFeed serves GET /calendar/{secret}.ics: the next 7 days of the
// secret's owner's suggested week (`rebound week`) as all-day events, for
// a calendar app to subscribe to. The secret in the address is the only
// credential (calendar apps send no cookies or tokens): it is a calendar
// token (POST /api/v1/calendar), good for this feed and nothing else.
//
// The iCalendar text is written by github.com/arran4/golang-ical, a small
// maintained library with no dependencies of its own: it escapes TEXT
// values and folds lines at 75 octets without splitting a UTF-8
// character (RFC 5545 §3.1, §3.3.11); it is told to end lines with CRLF.
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	ctx := r.Context()
	var tok account.Token
	var err error
	if ok && secret != "" {
		tok, err = s.cfg.DB.FindToken(ctx, account.HashSecret(secret))
	}
	if !ok || secret == "" || err != nil || tok.Scope != account.ScopeCalendar {
		if err != nil && rebound.ErrorCode(err) != rebound.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		// JSON, as the API answers: a calendar app shows no error page.
		writeJSON(w, http.StatusNotFound, APIError{Code: rebound.ENOTFOUND,
			Message: "no such calendar: it may have been replaced; copy the new address from Rebound"})
		return
	}
	u, err := s.cfg.DB.FindUserByID(ctx, tok.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.states.get(ctx, tok.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := writeWeekICS(&buf, u, st.Week(), st.H.Profile, s.cfg.Now()); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="rebound-week.ics"`)
	w.Header().Set("Cache-Control", "private, max-age=900")
	_, _ = buf.WriteTo(w)
}

// replaceCalendarFeed gives user a new calendar feed (POST
// /api/v1/calendar, and the week page's form): it deletes the user's
// calendar tokens, so that the old addresses stop working, creates a new
// one, and returns the feed's address on r's host with the token.
func (s *Server) replaceCalendarFeed(r *http.Request, userID int64) (string, account.Token, error) {
	ctx := r.Context()
	toks, err := s.cfg.DB.FindTokens(ctx, userID)
	if err != nil {
		return "", account.Token{}, err
	}
	for _, old := range toks {
		if old.Scope != account.ScopeCalendar {
			continue
		}
		if err := s.cfg.DB.DeleteToken(ctx, userID, old.ID); err != nil && !notFound(err) {
			return "", account.Token{}, err
		}
	}
	secret := account.NewSecret()
	tok := account.Token{UserID: userID, Name: "calendar feed", Scope: account.ScopeCalendar, Hash: account.HashSecret(secret),
		CreatedAt: s.cfg.Now().UTC()}
	if err := s.cfg.DB.CreateToken(ctx, &tok); err != nil {
		return "", account.Token{}, err
	}
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/calendar/" + secret + ".ics", tok, nil
}

// calendarRefresh is how often calendar apps are asked to fetch the feed
// again (REFRESH-INTERVAL, RFC 7986; X-PUBLISHED-TTL for older apps).
const calendarRefresh = "PT1H"

// writeWeekICS writes the week as an iCalendar with one all-day VEVENT
// per day. UIDs are stable per athlete and day, so a refreshed feed
// updates its events instead of adding copies.
func writeWeekICS(w *bytes.Buffer, u *account.User, wp *coach.WeekPlan, prof profile.Profile, now time.Time) error {
	cal := ics.NewCalendarFor("Rebound")
	cal.SetProductId("-//Rebound//Rebound recovery coach//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName("Rebound: " + u.Name + "'s week")
	cal.SetXWRCalDesc("The next 7 days Rebound suggests: where rest, easy, hard, long and cross-training days go. " + wp.Disclaimer)
	cal.SetRefreshInterval(calendarRefresh)
	cal.SetXPublishedTTL(calendarRefresh)
	units := present.For(prof)
	for _, d := range wp.Days {
		day, err := time.Parse(time.DateOnly, d.Date)
		if err != nil {
			return fmt.Errorf("calendar day %q: %w", d.Date, err)
		}
		ev := cal.AddEvent(fmt.Sprintf("%s-%d@rebound", d.Date, u.ID))
		ev.SetDtStampTime(now)
		ev.SetAllDayStartAt(day)
		ev.SetAllDayEndAt(day.AddDate(0, 0, 1))
		ev.SetSummary(daySummary(wp, d, units))
		desc := strings.Join(d.Reasons, "\n")
		if desc != "" {
			desc += "\n\n"
		}
		ev.SetDescription(desc + wp.Disclaimer)
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	}
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// dayTitles name the week's day types.
var dayTitles = map[string]string{
	coach.DayRest: present.KindLabel(coach.DayRest), coach.DayActiveRecovery: present.KindLabel(coach.DayActiveRecovery), coach.DayEasy: "Easy run", coach.DayHard: "Hard session", coach.DayLong: "Long run", coach.DayCross: "Cross-training",
}

// flaggedTitle is every day's title while a red flag stands.
const flaggedTitle = "Rest: see a professional"

// daySummary is a day's event title: "Easy run 8.00 km + strength", or
// flaggedTitle.
func daySummary(wp *coach.WeekPlan, d coach.DayPlan, u present.Units) string {
	if wp.SeeProfessional.Needed {
		return flaggedTitle
	}
	title := dayTitles[d.Type]
	if title == "" {
		title = d.Type
	}
	if d.DistanceM > 0 {
		title += " " + u.Distance(d.DistanceM)
	}
	if d.Strength {
		title += " + strength"
	}
	if d.Done {
		title += " (done)"
	}
	return title
}
