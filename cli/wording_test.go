package cli_test

import (
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/internal/wording"
	"github.com/rebound-run/rebound/present"
)

// hillyRun is a 4.8 km run with 163 m of climbing (34 m per km, a hill
// session), recorded on 6 Feb 2013 from 12:11 UTC.
const hillyRun = "fit/fitparse__2013-02-06-12-11-14.fit"

// dayAfterHills is the morning after hillyRun: its plan's steps are due
// and today's checklist holds them.
var dayAfterHills = time.Date(2013, 2, 7, 8, 0, 0, 0, time.UTC)

// reboundAt runs the command line at the given time against db.
func reboundAt(t *testing.T, db string, at time.Time, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return at },
		Getenv: func(k string) string {
			if k == "REBOUND_DB" {
				return db
			}
			return ""
		}}
	if code := cli.Main(context.Background(), args, env); code != 0 {
		t.Fatalf("%v: exit %d\n%s%s", args, code, out.String(), errb.String())
	}
	return out.String()
}

// serveLocal runs `rebound serve` on db at the given time (the real clock
// when at is zero) until the test ends, and returns what it prints and
// the one-time sign-in link it prints.
func serveLocal(t *testing.T, db string, at time.Time) (*syncBuffer, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: io.Discard,
		Getenv: func(k string) string {
			if k == "REBOUND_DB" {
				return db
			}
			return ""
		}}
	if !at.IsZero() {
		env.Now = func() time.Time { return at }
	}
	done := make(chan int)
	go func() { done <- cli.Main(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, env) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d:\n%s", code, out.String())
		}
	})
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/signin/\S+`)
	var url string
	for i := 0; i < 500 && url == ""; i++ {
		time.Sleep(20 * time.Millisecond)
		url = link.FindString(out.String())
	}
	if url == "" {
		t.Fatalf("no sign-in link printed:\n%s", out.String())
	}
	return out, url
}

// servePages serves db at the given time, signs in through the one-time
// link and returns the pages at the given paths, unescaped.
func servePages(t *testing.T, db string, at time.Time, paths ...string) map[string]string {
	t.Helper()
	_, signin := serveLocal(t, db, at)
	base := signin[:strings.Index(signin, "/signin/")]
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	get := func(url string) string {
		res, err := c.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d\n%s", url, res.StatusCode, b)
		}
		return html.UnescapeString(string(b))
	}
	get(signin)
	pages := map[string]string{}
	for _, p := range paths {
		pages[p] = get(base + p)
	}
	return pages
}

// step is what these tests read of a plan's or today's step.
type step struct {
	Title    string `json:"title"`
	Phase    string `json:"phase"`
	Priority int    `json:"priority"`
}

// TestSameWordsOnEverySurface renders one plan and one day in the CLI and
// on the web pages and finds the same words in both: the recommendation's
// label, the run's kind, every step's title, its phase's title and its
// priority's heading (all from package present).
func TestSameWordsOnEverySurface(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	at := dayAfterHills
	reboundAt(t, db, at, "import", "--quiet", corpus.Path(t, hillyRun))
	reboundAt(t, db, at, "profile", "set", "--weight", "70", "--age", "40", "--sex", "male")
	reboundAt(t, db, at, "checkin", "--soreness", "quads=5,calves=3", "--sleep", "7")

	var plan struct {
		Run struct {
			ID   int64  `json:"id"`
			Kind string `json:"kind"`
		} `json:"run"`
		Steps []step `json:"steps"`
	}
	decode(t, reboundAt(t, db, at, "plan", "latest", "--json"), &plan)
	var today struct {
		Recommendation string `json:"recommendation"`
		Steps          []step `json:"steps"`
	}
	decode(t, reboundAt(t, db, at, "today", "--json"), &today)
	if len(plan.Steps) == 0 || len(today.Steps) == 0 {
		t.Fatalf("plan %d steps, today %d: want both", len(plan.Steps), len(today.Steps))
	}

	cliPlan := reboundAt(t, db, at, "plan", "latest", "--all") // every step in full, as the web has them (its more options folded)
	cliToday := reboundAt(t, db, at, "today")
	runPath := "/runs/" + strconv.FormatInt(plan.Run.ID, 10)
	pages := servePages(t, db, at, "/", runPath)
	webToday, webPlan := pages["/"], pages[runPath]

	both := func(what, word, cliText, page string) {
		t.Helper()
		if !strings.Contains(cliText, word) {
			t.Errorf("%s %q: not in the CLI", what, word)
		}
		if !strings.Contains(page, word) {
			t.Errorf("%s %q: not on the web page", what, word)
		}
	}
	both("recommendation", present.AdviceFor(today.Recommendation).Label, cliToday, webToday)
	for _, s := range today.Steps {
		both("today's step", s.Title, cliToday, webToday)
	}
	both("run kind", present.KindLabel(plan.Run.Kind), cliPlan, webPlan)
	for _, s := range plan.Steps {
		both("plan step", s.Title, cliPlan, webPlan)
		both("phase of "+s.Title, present.PhaseTitle(s.Phase), cliPlan, webPlan)
		both("priority of "+s.Title, present.PriorityHeading(s.Priority), cliPlan, webPlan)
	}
	// The CLI no longer shouts the recommendation's id.
	if strings.Contains(cliToday, strings.ToUpper(strings.ReplaceAll(today.Recommendation, "-", " "))+"\n") {
		t.Errorf("the CLI prints the recommendation's id, not its label:\n%s", cliToday)
	}

	for where, text := range map[string]string{"plan": cliPlan, "today": cliToday, "web today": webToday, "web plan": webPlan} {
		noInternalNames(t, where, text)
	}
	for _, cmd := range []string{"plan", "today"} {
		noInternalNamesJSON(t, cmd+" --json", reboundAt(t, db, at, cmd, "--json"))
	}
}

// wordingCommands are the commands whose text and JSON a runner reads.
var wordingCommands = [][]string{{"plan"}, {"today"}, {"week"}, {"load"}, {"protocol"}, {"model"}, {"gear"}}

// checkWording runs every command of wordingCommands on db, as text and
// as JSON, and fails on a source named by seed number, file name or the
// reference list's name, but for the known exceptions.
func checkWording(t *testing.T, db string) {
	for _, args := range wordingCommands {
		_, out, errs := rebound(t, db, args...)
		if out == "" {
			t.Errorf("%v: no output (%s)", args, errs)
		}
		noInternalNames(t, args[0], out)
		_, out, _ = rebound(t, db, append(args, "--json")...)
		noInternalNamesJSON(t, args[0]+" --json", out)
	}
}

// TestImperialKindReason checks that a run's kind reasons read in the
// runner's units: the hilly run climbs 163 m in 4.8 km, 33.7 m per km,
// which is 178 ft per mile (33.7 / 0.3048 × 1.609344).
func TestImperialKindReason(t *testing.T) {
	t.Skip("until recovery/kind.go uses units: lead merges")
	db := filepath.Join(t.TempDir(), "r.db")
	at := dayAfterHills
	reboundAt(t, db, at, "import", "--quiet", corpus.Path(t, hillyRun))
	reboundAt(t, db, at, "profile", "set", "--units", "imperial")
	out := reboundAt(t, db, at, "plan", "latest")
	if !strings.Contains(out, "ft per mile") || strings.Contains(out, "m of climbing per km") {
		t.Errorf("imperial plan: want climbing in ft per mile:\n%s", out)
	}
	if !strings.Contains(reboundAt(t, db, at, "plan", "latest", "--json"), "178 ft per mile") {
		t.Errorf("imperial plan JSON: want 178 ft per mile in the kind reasons")
	}
}

// knownExceptions are user-facing texts still naming a source by seed
// number, in files being rewritten on other branches: the lead clears
// them at merge (then this list must be empty).
var knownExceptions = []struct{ file, fragment string }{
	{"recovery/time.go", "hard sessions after"},                         // "... (seed 002)"
	{"recovery/time.go", "seed 004: longer for older runners"},          // older runners' extra day
	{"coach/plan.go", "After a long run take 1-2 rest days (seed 004)"}, // rest-day why
	{"coach/plan.go", "hurts performance (seed 004)"},                   // dehydration warning
	{"coach/plan.go", "or when they feel flat (seed 003"},               // shoe warning
	{"coach/plan.go", "the 10% rule (seed 003)"},                        // weekly-increase warning
}

// noInternalNames fails on a source named by seed number, file name or
// the reference list's name in text (line by line), but for the known
// exceptions, which it logs.
func noInternalNames(t *testing.T, where, text string) {
	t.Helper()
lines:
	for _, line := range strings.Split(text, "\n") {
		bad := wording.InternalNames(line)
		if bad == nil {
			continue
		}
		for _, e := range knownExceptions {
			if strings.Contains(line, e.fragment) {
				t.Logf("%s: known exception in %s (cleared at merge): %q", where, e.file, strings.TrimSpace(line))
				continue lines
			}
		}
		t.Errorf("%s: internal name %q in %q", where, bad, strings.TrimSpace(line))
	}
}

// noInternalNamesJSON is noInternalNames on every string of a JSON
// document but the source identifiers (keys ref, source, sources).
func noInternalNamesJSON(t *testing.T, where, doc string) {
	t.Helper()
	var v any
	decode(t, doc, &v)
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(e, k)
			}
		case []any:
			for _, e := range x {
				walk(e, key)
			}
		case string:
			if key != "ref" && key != "source" && key != "sources" {
				noInternalNames(t, where+" "+key, x)
			}
		}
	}
	walk(v, "")
}
