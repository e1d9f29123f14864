package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/sim"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/web"
)

// The club demo (`rebound demo --club`) is built once per test binary into
// a temporary folder, with the project's own code: the runner's and four
// club-mates' 12-week seasons written as FIT files by package sim and
// imported through the normal import path into one real SQLite file,
// with their morning check-ins and an account each. The tests that read it
// share it; a test that writes works on its own copy (clubCopy).

// clubAthletes are the club demo's athletes in the order it creates them
// (user 1 first): the demo runner and the four club-mates of sim.ClubMates
// (a beginner, a marathoner, a veteran with heart disease, and one who
// reported pain in a bone on the season's last two mornings).
var clubAthletes = []string{"alex", "jordan", "marta", "walter", "priya"}

// seasonEnd is the demo's clock: the moment its season ends. It is the
// test's start unless REBOUND_TEST_SEASON_END (RFC 3339) gives it, to
// replay a failure: the season, its weekdays and its check-ins follow the
// day it ends on.
var seasonEnd = sync.OnceValue(func() time.Time {
	if s := os.Getenv("REBOUND_TEST_SEASON_END"); s != "" {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t
		}
	}
	return time.Now().UTC().Truncate(time.Minute)
})

// clubDemo is the built demo.
type clubDemo struct {
	dir       string // the temporary folder, removed by TestMain
	db        string // the SQLite file
	end       time.Time
	loc       *time.Location // the runners' time zone
	out       string         // what the demo printed
	passwords map[string]string
}

var (
	clubDir  string // set once the demo is being built, for TestMain
	clubOnce = sync.OnceValues(buildClub)
)

func TestMain(m *testing.M) {
	code := m.Run()
	if clubDir != "" {
		os.RemoveAll(clubDir)
	}
	os.Exit(code)
}

// club returns the club demo, building it on first use.
func club(t testing.TB) *clubDemo {
	t.Helper()
	c, err := clubOnce()
	if err != nil {
		t.Fatalf("build the club demo (season ending %s; REBOUND_TEST_SEASON_END replays it): %v", seasonEnd().Format(time.RFC3339), err)
	}
	return c
}

// accountLine matches a line of the demo's table of accounts.
var accountLine = regexp.MustCompile(`(?m)^  (\S+)\s+(?:athlete|coach)\s+(\S+-\S+-\S+-\S+)\s`)

func buildClub() (*clubDemo, error) {
	dir, err := os.MkdirTemp("", "rebound-e2e-club-")
	if err != nil {
		return nil, err
	}
	clubDir = dir
	c := &clubDemo{dir: dir, db: filepath.Join(dir, "club.db"), end: seasonEnd(), loc: sim.DefaultRunner().Location,
		passwords: map[string]string{}}
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), []string{"--db", c.db, "demo", "--club", "--dir", filepath.Join(dir, "season")}, env(c.end, &out, &errb))
	c.out = out.String()
	if code != 0 {
		return nil, fmt.Errorf("demo --club: exit %d\n%s%s", code, c.out, errb.String())
	}
	for _, m := range accountLine.FindAllStringSubmatch(c.out, -1) {
		c.passwords[m[1]] = m[2]
	}
	for _, a := range clubAthletes {
		if c.passwords[a] == "" {
			return nil, fmt.Errorf("the demo printed no password for %s:\n%s", a, c.out)
		}
	}
	return c, nil
}

// env is the command line's environment at the clock now.
func env(now time.Time, stdout, stderr io.Writer) cli.Env {
	return cli.Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: stderr, Now: func() time.Time { return now },
		Getenv: func(string) string { return "" }}
}

// rebound runs the command line through its entry (cli.Main) on db at the
// clock now and returns what it printed; any exit but 0 fails the test.
func rebound(t testing.TB, db string, now time.Time, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := cli.Main(context.Background(), append([]string{"--db", db}, args...), env(now, &out, &errb)); code != 0 {
		t.Fatalf("rebound %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
	}
	return out.String()
}

// clubCopy returns a copy of the club demo's database for a test that
// writes, made by `rebound backup` (a consistent copy of the whole file).
func clubCopy(t testing.TB) string {
	t.Helper()
	c := club(t)
	p := filepath.Join(t.TempDir(), "club.db")
	rebound(t, c.db, c.end, "backup", p)
	return p
}

// clock is a server clock a test moves.
type clock struct{ t atomic.Pointer[time.Time] }

func newClock(t time.Time) *clock {
	c := &clock{}
	c.set(t)
	return c
}

func (c *clock) set(t time.Time)     { c.t.Store(&t) }
func (c *clock) Now() time.Time      { return *c.t.Load() }
func (c *clock) add(d time.Duration) { c.set(c.Now().Add(d)) }

// site is a real in-process server (server.New, the real templates and
// static files) on a database file, at a clock.
type site struct {
	url   string
	clock *clock
	db    *sqlite.DB
}

func newSite(t testing.TB, dbPath string, clk *clock) *site {
	t.Helper()
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tmpl, err := web.Templates(nil)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{DB: db, Decoders: cli.Decoders(), Templates: tmpl, Static: web.Static(), Now: clk.Now,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &site{url: ts.URL, clock: clk, db: db}
}

// visitor is someone signed in to a site: by the sign-in form's session
// cookie for pages, by an API token for the API.
type visitor struct {
	s       *site
	name    string
	session *http.Cookie
	token   string
}

// noRedirect is a client that returns redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// signIn signs name in with the password form (as a browser: the form's
// CSRF cookie and token first) and gives them an API token with
// `rebound user token`.
func (s *site) signIn(t testing.TB, dbPath, name, password string, now time.Time) *visitor {
	t.Helper()
	res, err := http.Get(s.url + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var form *http.Cookie
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "rebound_login") {
			form = ck
		}
	}
	if form == nil {
		t.Fatal("GET /login set no sign-in form cookie")
	}
	body := url.Values{"name": {name}, "password": {password}, "csrf_token": {form.Value}}
	req, _ := http.NewRequest("POST", s.url+"/login", strings.NewReader(body.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(form)
	if res, err = noRedirect.Do(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	v := &visitor{s: s, name: name}
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "rebound_session") {
			v.session = ck
		}
	}
	if res.StatusCode != http.StatusSeeOther || v.session == nil {
		t.Fatalf("sign in %s: status %d, no session cookie", name, res.StatusCode)
	}
	out := rebound(t, dbPath, now, "user", "token", name)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if v.token = strings.TrimSpace(lines[len(lines)-1]); !strings.HasPrefix(v.token, account.TokenPrefix) {
		t.Fatalf("user token %s printed:\n%s", name, out)
	}
	return v
}

// get fetches a path (a page with the session, /api/ with the token) and
// returns the body; any status but 200 fails the test.
func (v *visitor) get(t testing.TB, path string) []byte {
	t.Helper()
	req, _ := http.NewRequest("GET", v.s.url+path, nil)
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Authorization", "Bearer "+v.token)
	} else if !strings.HasPrefix(path, "/calendar/") {
		req.AddCookie(v.session)
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s GET %s at %s: status %d\n%s", v.name, path, v.s.clock.Now().Format(time.RFC3339), res.StatusCode, b)
	}
	return b
}

// calendar creates the visitor's calendar feed (POST /api/v1/calendar)
// and returns its path.
func (v *visitor) calendar(t testing.TB) string {
	t.Helper()
	req, _ := http.NewRequest("POST", v.s.url+"/api/v1/calendar", nil)
	req.Header.Set("Authorization", "Bearer "+v.token)
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var feed struct {
		URL string `json:"url"`
	}
	if err := json.NewDecoder(res.Body).Decode(&feed); err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("%s: POST /api/v1/calendar: status %d, %v", v.name, res.StatusCode, err)
	}
	u, err := url.Parse(feed.URL)
	if err != nil || !strings.HasPrefix(u.Path, "/calendar/") {
		t.Fatalf("%s: calendar address %q", v.name, feed.URL)
	}
	return u.Path
}

// icsEvent is an all-day event of the iCalendar feed.
type icsEvent struct{ Date, Summary string }

// icsEvents reads the VEVENTs of an iCalendar text (RFC 5545: lines end
// with CRLF; a line starting with a space continues the one before).
func icsEvents(t testing.TB, text string) []icsEvent {
	t.Helper()
	text = strings.ReplaceAll(text, "\r\n ", "")
	var out []icsEvent
	var ev *icsEvent
	for _, line := range strings.Split(text, "\r\n") {
		switch {
		case line == "BEGIN:VEVENT":
			ev = &icsEvent{}
		case line == "END:VEVENT" && ev != nil:
			out = append(out, *ev)
			ev = nil
		case ev != nil && strings.HasPrefix(line, "SUMMARY:"):
			ev.Summary = strings.NewReplacer(`\,`, ",", `\;`, ";", `\\`, `\`).Replace(strings.TrimPrefix(line, "SUMMARY:"))
		case ev != nil && strings.HasPrefix(line, "DTSTART"):
			if d, err := time.Parse("20060102", line[strings.LastIndex(line, ":")+1:]); err == nil {
				ev.Date = d.Format(time.DateOnly)
			}
		}
	}
	return out
}

// text is an HTML fragment's text: tags dropped, entities unescaped,
// spaces collapsed.
func textOf(fragment string) string {
	s := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(fragment, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}
