package e2e

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
)

// These tests hold the three surfaces of Rebound (the command line, the
// JSON API and the web pages) to one decision and one wording, over every
// day of the club demo's season for each of its five athletes: issue #10's
// "Done when".

// step is what the surfaces show of a plan's item (present.Item: a step,
// or a group of alternatives as one): its technique id (a group's first
// member's), its title, and when it happens ("" where not compared).
type step struct {
	ID, Title, When string
}

// items are steps as every surface shows them (present.Items), each said
// to happen when says.
func items(steps []coach.Step, when func(coach.Step) string) []step {
	var out []step
	for _, it := range present.Items(steps) {
		out = append(out, step{it.Steps[0].ID, it.Title(), when(it.Steps[0])})
	}
	return out
}

// todayDoc is what these tests read of `rebound today --json`.
type todayDoc struct {
	Date      string `json:"date"`
	Readiness *struct {
		Score int `json:"score"`
	} `json:"readiness"`
	Recommendation  string             `json:"recommendation"`
	DecidedBy       string             `json:"decided_by"`
	Reasons         []string           `json:"reasons"`
	Steps           []present.StepJSON `json:"steps"`
	EasyAt          *time.Time         `json:"easy_at"`
	ReadyAt         *time.Time         `json:"ready_at"`
	SeeProfessional struct {
		Needed  bool   `json:"needed"`
		Urgency string `json:"urgency"`
	} `json:"see_professional"`
	LastRun *struct {
		ID   int64  `json:"id"`
		Kind string `json:"kind"`
	} `json:"last_run"`
}

// planDoc is what they read of `rebound plan ID --json`.
type planDoc struct {
	Run struct {
		ID   int64  `json:"id"`
		Kind string `json:"kind"`
	} `json:"run"`
	Steps           []present.StepJSON `json:"steps"`
	OnHold          string             `json:"on_hold"`
	SeeProfessional struct {
		Needed bool `json:"needed"`
	} `json:"see_professional"`
}

// doThis are a plan's "Do this" items in the order every surface shows
// them (present.PlanOrder: the first hour first), each said to happen as
// present.StepWhen says.
func (p planDoc) doThis() []step {
	var out []step
	for _, it := range items(present.PlanOrder(present.StepsOf(p.Steps)), present.StepWhen) {
		if s := p.stepOf(it.ID); s.Priority == coach.DoThis {
			out = append(out, it)
		}
	}
	return out
}

// stepOf is the plan's step of id.
func (p planDoc) stepOf(id string) coach.Step {
	for _, s := range present.StepsOf(p.Steps) {
		if s.ID == id {
			return s
		}
	}
	return coach.Step{}
}

// weekDoc is what they read of `rebound week --json`.
type weekDoc struct {
	From string `json:"from"`
	Days []struct {
		Date      string  `json:"date"`
		Type      string  `json:"type"`
		DistanceM float64 `json:"distance_m"`
		Strength  bool    `json:"strength"`
		Done      bool    `json:"done"`
	} `json:"days"`
	SeeProfessional struct {
		Needed bool `json:"needed"`
	} `json:"see_professional"`
}

func decodeJSON(t testing.TB, what string, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", what, err, b)
	}
}

// sameJSON fails unless two JSON documents (the first named first in
// what) hold the same values, key order and spacing aside.
func sameJSON(t testing.TB, what string, a, b []byte) {
	t.Helper()
	var x, y any
	decodeJSON(t, what, a, &x)
	decodeJSON(t, what, b, &y)
	if d := gocmp.Diff(x, y); d != "" {
		t.Errorf("%s differ (-first +second):\n%s", what, d)
	}
}

// The Today page's values, found by their data-testid.
var (
	heroRE      = regexp.MustCompile(`data-testid="readiness" data-recommendation="([^"]*)" data-decided-by="([^"]*)" data-easy-at="([^"]*)" data-ready-at="([^"]*)"`)
	scoreRE     = regexp.MustCompile(`data-testid="readiness-score" data-score="(\d*)"`)
	gaugeRE     = regexp.MustCompile(`aria-label="Readiness: (\d+) out of 100"`)
	pillRE      = regexp.MustCompile(`(?s)data-testid="recommendation"><span class="pill pill-([a-z-]+)">.*?</svg>([^<]+)</span>`)
	reasonsRE   = regexp.MustCompile(`(?s)data-testid="reasons">(.*?)</ul>`)
	noteRE      = regexp.MustCompile(`(?s)data-testid="ready-note">.*?<span>([^<]*)</span>`)
	checkRE     = regexp.MustCompile(`(?s)class="check(?: is-done)?" data-step="([^"]+)".*?class="check-title">([^<]*)<(?:/span><span class="check-detail">([^<]*)<)?`)
	lastRunRE   = regexp.MustCompile(`href="[^"]*/runs/(\d+)" data-testid="last-run"`)
	redflagRE   = regexp.MustCompile(`(?s)data-testid="redflag" data-urgency="([a-z]*)">.*?<h2>([^<]*)</h2>`)
	runKindRE   = regexp.MustCompile(`(?s)data-testid="run-kind" data-kind="([^"]*)"><span class="kind kind-[^"]*">([^<]*)</span>`)
	doThisRE    = regexp.MustCompile(`(?s)data-testid="priority-1">(.*?)</section>`)
	stepRE      = regexp.MustCompile(`(?s)data-step="([^"]+)">\s*<header class="step-head">\s*<h4 class="step-title">([^<]*)<.*?class="step-when">.*?</svg><span>([^<]*)<`)
	onHoldRE    = regexp.MustCompile(`(?s)data-testid="on-hold">.*?<span>([^<]*)</span>`)
	weekDayRE   = regexp.MustCompile(`data-testid="day" data-date="([^"]*)" data-type="([^"]*)"( data-strength)?`)
	liRE        = regexp.MustCompile(`(?s)<li>(.*?)</li>`)
	cliScoreRE  = regexp.MustCompile(`(?m)^Readiness (\S+): (?:(\d+)/100|(not enough data yet))`)
	cliAdviceRE = regexp.MustCompile(`(?m)^Recommendation: ([^.]+)\. `)
	cliNoteRE   = regexp.MustCompile(`(?m)^  ((?:Easy running|Hard sessions|Your legs)[^\n]*)\.$`)
	cliStepRE   = regexp.MustCompile(`(?m)^  \[[ x]\] (.+?)(?:  \((.*)\))?$`)
	cliFlagRE   = regexp.MustCompile(`(?m)^!! (.+)$`)
)

// todayPage is what the Today page shows.
type todayPage struct {
	Recommendation, Label, DecidedBy string
	Score                            string // "" with no score
	EasyAt, ReadyAt                  string
	Reasons                          []string
	Note                             string
	Steps                            []step
	LastRun                          int64
	Flag                             string // the red flag's heading, "" for none
}

func readTodayPage(t testing.TB, page string) todayPage {
	t.Helper()
	var p todayPage
	m := heroRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the Today page has no readiness card:\n%s", page)
	}
	p.Recommendation, p.DecidedBy, p.EasyAt, p.ReadyAt = m[1], m[2], html.UnescapeString(m[3]), html.UnescapeString(m[4])
	if m = scoreRE.FindStringSubmatch(page); m == nil {
		t.Fatal("the Today page has no readiness score")
	}
	p.Score = m[1]
	if g := gaugeRE.FindStringSubmatch(page); (g == nil) != (p.Score == "") || (g != nil && g[1] != p.Score) {
		t.Errorf("the Today page's gauge %v says other than its score %q", g, p.Score)
	}
	if m = pillRE.FindStringSubmatch(page); m == nil || m[1] != p.Recommendation {
		t.Fatalf("the Today page's recommendation pill %v is not the card's %q", m, p.Recommendation)
	}
	p.Label = textOf(m[2])
	if m = reasonsRE.FindStringSubmatch(page); m != nil {
		for _, li := range liRE.FindAllStringSubmatch(m[1], -1) {
			p.Reasons = append(p.Reasons, textOf(li[1]))
		}
	}
	if m = noteRE.FindStringSubmatch(page); m != nil {
		p.Note = textOf(m[1])
	}
	for _, m := range checkRE.FindAllStringSubmatch(page, -1) {
		p.Steps = append(p.Steps, step{m[1], textOf(m[2]), textOf(m[3])})
	}
	if m = lastRunRE.FindStringSubmatch(page); m != nil {
		p.LastRun, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if m = redflagRE.FindStringSubmatch(page); m != nil {
		p.Flag = textOf(m[2])
	}
	return p
}

// stamp is a JSON moment as the page's data attributes give it.
func stamp(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339)
}

// sameMoment compares an RFC 3339 moment from the page with one from the
// JSON (the page writes it in the runner's zone, the JSON in its own).
func sameMoment(page string, doc *time.Time) bool {
	if page == "" || doc == nil {
		return page == "" && doc == nil
	}
	p, err := time.Parse(time.RFC3339, page)
	return err == nil && p.Equal(*doc)
}

// checkTodayPage holds the Today page to the day's JSON.
func checkTodayPage(t testing.TB, doc todayDoc, p todayPage) {
	t.Helper()
	score := ""
	if doc.Readiness != nil {
		score = strconv.Itoa(doc.Readiness.Score)
	}
	lastRun := int64(0)
	if doc.LastRun != nil {
		lastRun = doc.LastRun.ID
	}
	flag := ""
	if doc.SeeProfessional.Needed {
		flag = present.FlagHeading(doc.SeeProfessional.Urgency)
	}
	var checklist []step
	for _, s := range p.Steps {
		checklist = append(checklist, step{ID: s.ID, Title: s.Title})
	}
	for _, c := range []struct {
		what      string
		page, doc any
	}{
		{"recommendation", p.Recommendation, doc.Recommendation},
		{"recommendation's label", p.Label, present.AdviceFor(doc.Recommendation).Label},
		{"decided by", p.DecidedBy, doc.DecidedBy},
		{"readiness score", p.Score, score},
		{"reasons", p.Reasons, doc.Reasons},
		{"checklist", checklist, items(present.StepsOf(doc.Steps), func(coach.Step) string { return "" })},
		{"latest run", p.LastRun, lastRun},
		{"red flag", p.Flag, flag},
	} {
		if !gocmp.Equal(c.page, c.doc, cmpopts.EquateEmpty()) {
			t.Errorf("%s: the Today page shows %q, the JSON %q", c.what, c.page, c.doc)
		}
	}
	if !sameMoment(p.EasyAt, doc.EasyAt) || !sameMoment(p.ReadyAt, doc.ReadyAt) {
		t.Errorf("clocks: the Today page has easy %q, hard %q; the JSON %s, %s", p.EasyAt, p.ReadyAt, stamp(doc.EasyAt), stamp(doc.ReadyAt))
	}
}

// runPage is what a run page shows of its plan.
type runPage struct {
	Kind, KindLabel string
	DoThis          []step
	OnHold          string
	Flag            bool
}

func readRunPage(t testing.TB, page string) runPage {
	t.Helper()
	var p runPage
	m := runKindRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the run page shows no kind")
	}
	p.Kind, p.KindLabel = m[1], textOf(m[2])
	if m = doThisRE.FindStringSubmatch(page); m != nil {
		for _, s := range stepRE.FindAllStringSubmatch(m[1], -1) {
			p.DoThis = append(p.DoThis, step{s[1], textOf(s[2]), textOf(s[3])})
		}
	}
	if m = onHoldRE.FindStringSubmatch(page); m != nil {
		p.OnHold = textOf(m[1])
	}
	p.Flag = redflagRE.MatchString(page)
	return p
}

func checkRunPage(t testing.TB, doc planDoc, p runPage) {
	t.Helper()
	if p.Kind != doc.Run.Kind || p.KindLabel != present.KindLabel(doc.Run.Kind) {
		t.Errorf("run %d: the page says %s (%q), the plan %s (%q)", doc.Run.ID, p.Kind, p.KindLabel, doc.Run.Kind, present.KindLabel(doc.Run.Kind))
	}
	if want := doc.doThis(); !slices.Equal(p.DoThis, want) || len(want) == 0 {
		t.Errorf("run %d: the page's %q steps %v, the plan's %v", doc.Run.ID, present.PriorityHeading(1), p.DoThis, want)
	}
	if p.OnHold != present.OnHold(doc.OnHold) || p.Flag != doc.SeeProfessional.Needed {
		t.Errorf("run %d: the page's on-hold note %q (red flag %v), the plan's %q (%v)", doc.Run.ID, p.OnHold, p.Flag, doc.OnHold, doc.SeeProfessional.Needed)
	}
}

// cliToday is what `rebound today` prints, as text.
type cliToday struct {
	Date, Score, Label, Note string
	Steps                    []step // titles and when (no ids)
	Flag                     string
}

func readCLIToday(t testing.TB, out string) cliToday {
	t.Helper()
	var c cliToday
	m := cliScoreRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("today prints no readiness line:\n%s", out)
	}
	c.Date, c.Score = m[1], m[2]
	if m = cliAdviceRE.FindStringSubmatch(out); m == nil {
		t.Fatalf("today prints no recommendation:\n%s", out)
	}
	c.Label = m[1]
	if m = cliNoteRE.FindStringSubmatch(out); m != nil {
		c.Note = m[1]
	}
	if _, list, ok := strings.Cut(out, "\nToday's checklist\n"); ok {
		for _, m := range cliStepRE.FindAllStringSubmatch(list, -1) {
			c.Steps = append(c.Steps, step{Title: m[1], When: m[2]})
		}
	}
	if m = cliFlagRE.FindStringSubmatch(out); m != nil {
		c.Flag = m[1]
	}
	return c
}

// cliDoThis are the "Do this" items `rebound plan ID` prints: their
// titles and when.
func cliDoThis(out string) []step {
	_, list, _ := strings.Cut(out, "\n"+present.PriorityHeading(coach.DoThis)+"\n")
	list, _, _ = strings.Cut(list, "\n\n")
	var do []step
	for _, m := range cliStepRE.FindAllStringSubmatch(list, -1) {
		do = append(do, step{Title: m[1], When: m[2]})
	}
	return do
}

// titlesAndWhen are steps without their ids, as the CLI's text has them.
func titlesAndWhen(steps []step) []step {
	var out []step
	for _, s := range steps {
		out = append(out, step{Title: s.Title, When: s.When})
	}
	return out
}

// checkTextForms holds the CLI's text and the Today page to the same words.
func checkTextForms(t testing.TB, c cliToday, p todayPage) {
	t.Helper()
	titles := titlesAndWhen(p.Steps)
	for _, x := range []struct {
		what     string
		cli, web any
	}{
		{"readiness score", c.Score, p.Score},
		{"recommendation", c.Label, p.Label},
		{"when the legs are ready", c.Note, p.Note},
		{"checklist (titles and when)", c.Steps, titles},
		{"red flag", c.Flag, p.Flag},
	} {
		if !gocmp.Equal(x.cli, x.web, cmpopts.EquateEmpty()) {
			t.Errorf("%s: the CLI prints %q, the Today page shows %q", x.what, x.cli, x.web)
		}
	}
}

// checkWeek holds the week (API) and its calendar feed to the day's
// decision: while a red flag stands every day is rest, with no strength,
// cross-training or distance, and the feed names no training; today's day
// follows today's recommendation (rest or active recovery: a rest day; an
// easy run or less: nothing hard or long).
func checkWeek(t testing.TB, doc todayDoc, wk weekDoc, events []icsEvent) {
	t.Helper()
	if len(wk.Days) != 7 || wk.From != doc.Date {
		t.Fatalf("the week from %s has %d days, want 7 from %s", wk.From, len(wk.Days), doc.Date)
	}
	if wk.SeeProfessional.Needed != doc.SeeProfessional.Needed {
		t.Errorf("the week's red flag %v, today's %v", wk.SeeProfessional.Needed, doc.SeeProfessional.Needed)
	}
	if doc.SeeProfessional.Needed {
		if doc.Recommendation != "rest" {
			t.Errorf("a red flag stands, and today's recommendation is %s", doc.Recommendation)
		}
		for _, d := range wk.Days {
			if d.Type != "rest" || d.Strength || d.DistanceM != 0 {
				t.Errorf("a red flag stands, and %s is %s (strength %v, %.0f m)", d.Date, d.Type, d.Strength, d.DistanceM)
			}
		}
	}
	if d := wk.Days[0]; !d.Done {
		switch doc.Recommendation {
		case "rest", "active-recovery":
			if d.Type != doc.Recommendation || d.Strength {
				t.Errorf("today is %s (%s), and the week makes it %s (strength %v)", doc.Recommendation, doc.DecidedBy, d.Type, d.Strength)
			}
		case "easy-run", "no-data":
			if d.Type == "hard" || d.Type == "long" {
				t.Errorf("today is %s (%s), and the week makes it %s", doc.Recommendation, doc.DecidedBy, d.Type)
			}
		}
	}
	if len(events) != 7 {
		t.Fatalf("the calendar feed has %d events, want the week's 7", len(events))
	}
	for i, ev := range events {
		d := wk.Days[i]
		rest := strings.HasPrefix(ev.Summary, present.KindLabel("rest"))
		switch {
		case ev.Date != d.Date:
			t.Errorf("the calendar's event %d is on %s, the week's day on %s", i, ev.Date, d.Date)
		case doc.SeeProfessional.Needed && (!rest || !strings.Contains(strings.ToLower(ev.Summary), "professional")):
			t.Errorf("a red flag stands, and the calendar's %s says %q", ev.Date, ev.Summary)
		case rest != (d.Type == "rest") || strings.Contains(ev.Summary, "strength") != d.Strength:
			t.Errorf("the calendar's %s says %q, the week %s (strength %v)", ev.Date, ev.Summary, d.Type, d.Strength)
		}
	}
}

// sampledDays are the days the season walk visits: all of them, but under
// the race detector every eighth (each weekday in turn across the weeks)
// and the last, where the season ends with its race.
func sampledDays(days []time.Time) []time.Time {
	if !raceEnabled {
		return days
	}
	var out []time.Time
	for i, d := range days {
		if i%8 == 0 || i == len(days)-1 {
			out = append(out, d)
		}
	}
	return out
}

// seasonDays are the days of the demo's season, first to last (the
// runners' dates).
func seasonDays(c *clubDemo) []time.Time {
	last := c.end.In(c.loc)
	y, m, d := last.Date()
	first := time.Date(y, m, d, 0, 0, 0, 0, c.loc).AddDate(0, 0, -7*cli.DemoWeeks+1)
	var out []time.Time
	for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
		out = append(out, day)
	}
	return out
}

// everyAthleteDay runs the command line for every athlete on every day,
// not for one athlete in turn: five times the command line's work (a
// state from the whole history each time), too slow for -race on two
// cores, so not by default.
var everyAthleteDay = flag.Bool("surfaces.all", false, "TestSurfacesAgree: the command line for every athlete on every day")

// TestSurfacesAgree walks every day of the club demo's 12-week season with
// one real server (its clock at noon that day; at the season's end on
// its last day) and, for each of the five athletes, holds the API
// (/api/v1/today?date=D with the athlete's API token) and the Today page
// to one decision: the same recommendation (id and label), readiness
// score or none, deciding factor, reasons, easy and hard clocks,
// checklist (items as present.Items makes them: ids and titles, in order)
// and latest run. The latest run's plan must have the same kind and "Do
// this" items (a group of alternatives as one, said to happen in
// present.StepWhen's words) in the API and on its page, and the day's week (API) and calendar feed must follow the
// decision (checkWeek).
//
// The command line (through cli.Main, on the same SQLite file) is asked
// every day for one athlete in turn (each athlete every fifth day), for
// every athlete on a day with a red flag and on the last day, and with
// -surfaces.all for every athlete every day: its `today --date D --json`
// must equal the API's document, and its text (`today --date D`) must
// word the Today page's values the same (the checklist's titles and when
// too). Once a week, for the athlete in
// turn, its `week --date D --json` and `plan ID --json` must equal the
// API's, the "Do this" items of `plan ID` (titles and when) the run page's, the Week page's days the API's, and the API's ?date= of the day
// before (a state derived afresh) its answer of that day (the server's
// state moved on from the day before).
func TestSurfacesAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the club demo and walks its season")
	}
	c := club(t)
	t.Logf("the season ends %s (REBOUND_TEST_SEASON_END=%s replays it)", c.end.Format(time.RFC3339), c.end.Format(time.RFC3339))
	clk := newClock(c.end)
	s := newSite(t, c.db, clk)
	visitors := map[string]*visitor{}
	feeds := map[string]string{}
	for _, a := range clubAthletes {
		visitors[a] = s.signIn(t, c.db, a, c.passwords[a], c.end)
		feeds[a] = visitors[a].calendar(t)
	}
	days := sampledDays(seasonDays(c))
	var mu sync.Mutex
	prev := map[string][]byte{} // each athlete's API document of the day before
	var flagged, cliDays int
	for i, day := range days {
		date := day.Format(time.DateOnly)
		at := day.Add(12 * time.Hour)
		last := i == len(days)-1
		if last {
			at = c.end
		}
		t.Run(date, func(t *testing.T) {
			clk.set(at)
			for k, a := range clubAthletes {
				t.Run(a, func(t *testing.T) {
					t.Parallel()
					v := visitors[a]
					apiDoc := v.get(t, "/api/v1/today?date="+date)
					var doc todayDoc
					decodeJSON(t, "today", apiDoc, &doc)
					if doc.Date != date {
						t.Fatalf("/api/v1/today?date=%s is about %s", date, doc.Date)
					}
					page := readTodayPage(t, string(v.get(t, "/")))
					checkTodayPage(t, doc, page)

					var planJSON []byte
					var run runPage
					if doc.LastRun != nil {
						planJSON = v.get(t, fmt.Sprintf("/api/v1/plan/%d", doc.LastRun.ID))
						var plan planDoc
						decodeJSON(t, "plan", planJSON, &plan)
						run = readRunPage(t, string(v.get(t, fmt.Sprintf("/runs/%d", doc.LastRun.ID))))
						checkRunPage(t, plan, run)
					}
					weekJSON := v.get(t, "/api/v1/week")
					var wk weekDoc
					decodeJSON(t, "week", weekJSON, &wk)
					checkWeek(t, doc, wk, icsEvents(t, string(v.get(t, feeds[a]))))

					mu.Lock()
					yesterday := prev[a]
					prev[a] = apiDoc
					if doc.SeeProfessional.Needed {
						flagged++
					}
					mu.Unlock()
					inTurn := k == i%len(clubAthletes)
					if !inTurn && !*everyAthleteDay && !doc.SeeProfessional.Needed && !last {
						return
					}
					// The command line.
					mu.Lock()
					cliDays++
					mu.Unlock()
					sameJSON(t, "today --date "+date+" --json and /api/v1/today?date="+date,
						[]byte(rebound(t, c.db, c.end, "--user", a, "today", "--date", date, "--json")), apiDoc)
					if !inTurn && !doc.SeeProfessional.Needed && !last {
						return
					}
					checkTextForms(t, readCLIToday(t, rebound(t, c.db, c.end, "--user", a, "today", "--date", date)), page)
					if i%7 != 6 && !last {
						return
					}
					sameJSON(t, "week --date "+date+" --json and /api/v1/week", []byte(rebound(t, c.db, c.end, "--user", a, "week", "--date", date, "--json")), weekJSON)
					var types []string
					for _, d := range wk.Days {
						types = append(types, fmt.Sprint(d.Date, " ", d.Type, " ", d.Strength))
					}
					var shown []string
					for _, m := range weekDayRE.FindAllStringSubmatch(string(v.get(t, "/week")), -1) {
						shown = append(shown, fmt.Sprint(m[1], " ", m[2], " ", m[3] != ""))
					}
					if !slices.Equal(shown, types) {
						t.Errorf("the Week page shows %v, the API %v", shown, types)
					}
					if doc.LastRun != nil {
						id := strconv.FormatInt(doc.LastRun.ID, 10)
						sameJSON(t, fmt.Sprintf("plan %d --json and /api/v1/plan/%d", doc.LastRun.ID, doc.LastRun.ID),
							[]byte(rebound(t, c.db, at, "--user", a, "plan", id, "--json")), planJSON)
						if do := cliDoThis(rebound(t, c.db, at, "--user", a, "plan", id)); !gocmp.Equal(do, titlesAndWhen(run.DoThis), cmpopts.EquateEmpty()) {
							t.Errorf("plan %s: the CLI's %q items %q, the run page's %q", id, present.PriorityHeading(coach.DoThis), do, titlesAndWhen(run.DoThis))
						}
					}
					if yesterday != nil {
						d := days[i-1].Format(time.DateOnly) // the day visited before
						sameJSON(t, "/api/v1/today?date="+d+" on "+d+" and later", yesterday, v.get(t, "/api/v1/today?date="+d))
					}
				})
			}
		})
	}
	t.Logf("%d days × %d athletes; %d athlete-days with a red flag; the command line on %d athlete-days", len(days), len(clubAthletes), flagged, cliDays)
	if flagged == 0 {
		t.Error("no day with a red flag: the injured runner's complaint no longer shows")
	}
}
