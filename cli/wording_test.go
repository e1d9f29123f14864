package cli_test

import (
	"bytes"
	"context"
	"fmt"
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
	"github.com/rebound-run/rebound/measure"
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

// TestSameWordsOnEverySurface renders one plan and one day in the CLI and
// on the web pages and finds the same words in both: the recommendation's
// label, the run's kind, every step's title, its phase's title and its
// priority's heading, every item's title (a group of alternatives as one,
// "One of: …", with its why) and when it happens (present.StepWhen on the
// plan, present.StepWhenToday on the day's checklist), and what earlier
// runs had left (all from package present).
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
		Steps           []present.StepJSON        `json:"steps"`
		EarlierSoreness []present.MuscleValueJSON `json:"earlier_soreness"`
	}
	decode(t, reboundAt(t, db, at, "plan", "latest", "--json"), &plan)
	var today struct {
		Recommendation string             `json:"recommendation"`
		Steps          []present.StepJSON `json:"steps"`
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
		// The page heads its timeline with the phase's title; the CLI
		// says it inside each step's timing, in the sentence's case
		// ("first hour, within 60 min").
		phase := present.PhaseTitle(s.Phase)
		if !strings.Contains(strings.ToLower(cliPlan), strings.ToLower(phase)) {
			t.Errorf("phase of %s %q: not in the CLI", s.Title, phase)
		}
		if !strings.Contains(webPlan, phase) {
			t.Errorf("phase of %s %q: not on the web page", s.Title, phase)
		}
		both("priority of "+s.Title, present.PriorityHeading(s.Priority), cliPlan, webPlan)
	}
	// The plan's items: a group of alternatives as one, titled and said
	// to happen alike (the CLI's "[ ] Title  (when)", the page's card).
	shows := func(what, text string, re string) {
		t.Helper()
		if !regexp.MustCompile(re).MatchString(text) {
			t.Errorf("%s: no %s", what, re)
		}
	}
	q := regexp.QuoteMeta
	groups := 0
	for _, it := range present.Items(present.PlanOrder(present.StepsOf(plan.Steps))) {
		when := present.StepWhen(it.Steps[0])
		shows("the CLI's plan", cliPlan, `(?m)^  \[ \] `+q(it.Title())+`  \(`+q(when)+`\)$`)
		shows("the run page", webPlan, `(?s)<h4 class="step-title">`+q(it.Title())+`</h4>.*?class="step-when">.*?<span>`+q(when)+`[ <]`)
		if it.Group != nil {
			groups++
			both("why of "+it.Title(), it.Why(), cliPlan, webPlan)
		}
	}
	if groups == 0 {
		t.Error("the plan has no group of alternatives: the test no longer shows one on both surfaces")
	}
	if len(plan.EarlierSoreness) > 0 {
		both("earlier soreness", present.EarlierSorenessNote(present.MuscleValuesOf(plan.EarlierSoreness)), cliPlan, webPlan)
	}
	for _, it := range present.Items(present.StepsOf(today.Steps)) {
		when := present.StepWhenToday(it.Steps[0], at)
		shows("the CLI's today", cliToday, `(?m)^  \[ \] `+q(it.Title())+`  \(`+q(when)+`\)$`)
		shows("the Today page", webToday, `<span class="check-title">`+q(it.Title())+`</span><span class="check-detail">`+q(when)+`<`)
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
	// The doses too: fluid in fl oz, the body weight in lb, never ml or kg.
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "Dose:") && (strings.Contains(line, " ml") || strings.Contains(line, " kg")) {
			t.Errorf("imperial plan: a metric dose %q", strings.TrimSpace(line))
		}
	}
	if !strings.Contains(out, "fl oz over the next hours") {
		t.Errorf("imperial plan: want the fluid dose in fl oz:\n%s", out)
	}
}

// noInternalNames fails on a source named by seed number, file name or
// the reference list's name in text (line by line), on a source spelled
// otherwise than protocol.Cite and protocol.Short spell it, and on a
// sentence that starts in lower case (as one did that a citation began:
// "… with sodium. the 2026 coaching guide gives …").
func noInternalNames(t *testing.T, where, text string) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if bad := wording.InternalNames(line); bad != nil {
			t.Errorf("%s: internal name %q in %q", where, bad, strings.TrimSpace(line))
		}
		if bad := wording.OtherSpellings(line); bad != nil {
			t.Errorf("%s: source spelled %q in %q", where, bad, strings.TrimSpace(line))
		}
		if bad := wording.LowerStarts(line); bad != nil {
			t.Errorf("%s: sentence starting in lower case %q in %q", where, bad, strings.TrimSpace(line))
		}
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

// unitCommands are the commands whose every text checkUnits reads, with
// the plans of the season's runs of each kind.
var unitCommands = [][]string{{"today"}, {"week"}, {"load"}, {"protocol"}, {"gear"}, {"runs"}}

// quotedKeys are the JSON keys whose values are not Rebound's words in
// the runner's units: what a source says (quoted in its own units), a
// dose's unit, source identifiers and citations, and raw data.
var quotedKeys = map[string]bool{"says": true, "unit": true, "ref": true, "source": true, "sources": true,
	"citation": true, "citations": true, "name": false}

// checkUnits reads a whole demo season's listings in each system of
// units, as text and JSON: the plan of one run of each kind, today, the
// week, the load, the rule base, the shoes and the runs. None may carry
// an unrendered mark ({{mi 300-500}}) or a unit of the other system
// (wording.ForeignUnits): " km", " m ", "°C", "kg", "ml" in imperial,
// "miles", "oz", "lb", "°F" in metric, but in what the sources say.
func checkUnits(t *testing.T, db string) {
	_, out, _ := rebound(t, db, "runs", "--json", "--limit", "500")
	var runs []struct {
		ID   int64  `json:"id"`
		Kind string `json:"kind"`
	}
	decode(t, out, &runs)
	cmds := append([][]string(nil), unitCommands...)
	kinds := map[string]bool{}
	for _, r := range runs {
		if !kinds[r.Kind] {
			kinds[r.Kind] = true
			cmds = append(cmds, []string{"plan", strconv.FormatInt(r.ID, 10)})
		}
	}
	for _, u := range []measure.System{measure.Imperial, measure.Metric} {
		if code, _, errs := rebound(t, db, "profile", "set", "--units", string(u)); code != 0 {
			t.Fatalf("profile set --units %s: %s", u, errs)
		}
		for _, args := range cmds {
			where := fmt.Sprintf("%s %v", u, args)
			_, out, errs := rebound(t, db, args...)
			if out == "" {
				t.Errorf("%s: no output (%s)", where, errs)
			}
			for _, line := range strings.Split(out, "\n") {
				unitsIn(t, where, line, u)
			}
			_, out, _ = rebound(t, db, append(args, "--json")...)
			var v any
			decode(t, out, &v)
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
					if !quotedKeys[key] {
						unitsIn(t, where+" --json "+key, x, u)
					}
				}
			}
			walk(v, "")
		}
		paths := []string{"/", "/week", "/load", "/soreness"}
		for _, args := range cmds {
			if args[0] == "plan" {
				paths = append(paths, "/runs/"+args[1])
			}
		}
		own := map[measure.System]string{measure.Imperial: " mi", measure.Metric: " km"}[u]
		for p, page := range servePages(t, db, now, paths...) {
			text := pageText(page)
			for _, line := range strings.Split(text, "\n") {
				unitsIn(t, fmt.Sprintf("%s web %s", u, p), line, u)
			}
			if p == "/week" && !strings.Contains(text, own) {
				t.Errorf("%s web %s: no distance in%s", u, p, own)
			}
		}
	}
}

// pageText is what a page shows as text: without scripts, styles and tags.
func pageText(page string) string {
	page = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>`).ReplaceAllString(page, "")
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, "\n")
}

// unitsIn fails on a mark or a unit of the other system than u in text.
func unitsIn(t *testing.T, where, text string, u measure.System) {
	t.Helper()
	if measure.Marked(text) {
		t.Errorf("%s: unrendered mark in %q", where, strings.TrimSpace(text))
	}
	bad := wording.ForeignUnits(text, u)
	if bad == nil {
		return
	}
	t.Errorf("%s: %q in %q", where, bad, strings.TrimSpace(text))
}
