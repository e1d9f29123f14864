package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/web"
)

// render executes the layout on p with a fresh template set.
func render(t *testing.T, p web.Page) string {
	t.Helper()
	tpl, err := web.Templates(nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, "layout", p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// execute runs one template on data with a fresh set.
func execute(t *testing.T, name string, data any) string {
	t.Helper()
	tpl, err := web.Templates(nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, name, data); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b.String()
}

var (
	tagRE     = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^>]*)?)>`)
	attrRE    = regexp.MustCompile(`\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?`)
	scriptRE  = regexp.MustCompile(`(?s)<script\b([^>]*)>(.*?)</script>`)
	staticRE  = regexp.MustCompile(`/static/[^"'\s)]+`)
	jsonTypes = regexp.MustCompile(`type="application/json"`)
)

// checkCSP fails on anything a strict Content-Security-Policy
// (script-src 'self'; style-src 'self') would block, and on broken asset
// links, duplicate ids and invalid JSON blocks.
func checkCSP(t *testing.T, name, html string) {
	t.Helper()
	ids := map[string]bool{}
	for _, m := range tagRE.FindAllStringSubmatch(html, -1) {
		tag := strings.ToLower(m[1])
		if tag == "style" {
			t.Errorf("%s: <style> element", name)
		}
		for _, a := range attrRE.FindAllStringSubmatch(m[2], -1) {
			attr, val := strings.ToLower(a[1]), a[2]+a[3]+a[4]
			switch {
			case attr == "style":
				t.Errorf("%s: style attribute on <%s %s>", name, tag, m[2])
			case strings.HasPrefix(attr, "on"):
				t.Errorf("%s: inline event handler %s on <%s>", name, attr, tag)
			case strings.HasPrefix(attr, "hx-on"):
				t.Errorf("%s: hx-on needs eval; use app.js", name)
			case strings.Contains(strings.ToLower(val), "javascript:"):
				t.Errorf("%s: javascript: URL in %s", name, attr)
			case attr == "id":
				if ids[val] {
					t.Errorf("%s: duplicate id %q", name, val)
				}
				ids[val] = true
			}
		}
	}
	for _, m := range scriptRE.FindAllStringSubmatch(html, -1) {
		if jsonTypes.MatchString(m[1]) {
			if !json.Valid([]byte(m[2])) {
				t.Errorf("%s: invalid JSON block %.80q", name, m[2])
			}
			continue
		}
		if strings.TrimSpace(m[2]) != "" {
			t.Errorf("%s: inline script %.80q", name, m[2])
		}
		if !strings.Contains(m[1], "src=") {
			t.Errorf("%s: script without src: %s", name, m[1])
		}
	}
	for _, u := range staticRE.FindAllString(html, -1) {
		u = strings.ReplaceAll(u, "&amp;", "&")
		pu, err := url.Parse(u)
		if err != nil {
			t.Errorf("%s: bad asset URL %q", name, u)
			continue
		}
		file := strings.TrimPrefix(pu.Path, "/static/")
		b, err := fs.ReadFile(web.Static(), file)
		if err != nil {
			t.Errorf("%s: asset %s is not in Static(): %v", name, u, err)
			continue
		}
		sum := sha256.Sum256(b)
		if v := pu.Query().Get("v"); v == "" || !strings.HasPrefix(hex.EncodeToString(sum[:]), v) {
			t.Errorf("%s: asset %s: version %q does not match the content", name, u, v)
		}
	}
}

func TestStyleGuide(t *testing.T) {
	html := render(t, web.StyleGuide())
	checkCSP(t, "styleguide", html)
	for _, want := range []string{
		`<meta name="csrf-token" content="sample-csrf-token">`,
		`name="csrf_token" value="sample-csrf-token"`,
		`aria-current="page"`,
		`role="alert"`,
		`data-chart="lines"`, `data-chart="time"`, `data-chart="bars"`, `data-chart="forecast"`,
		`data-route="route-data"`,
		`data-upload="/api/v1/activities"`,
		`<title>Quads: 6/10 (strong)</title>`,
		"Rebound informs; it does not diagnose.",
		`Where the sources disagree`,
		`hx-post="#checklist"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("style guide lacks %s", want)
		}
	}
	if os.Getenv("REBOUND_SCREENSHOTS") != "" {
		if err := os.WriteFile(os.Getenv("REBOUND_SCREENSHOTS")+"/styleguide.html", []byte(html), 0o644); err != nil {
			t.Log(err)
		}
	}
}

// components maps every template a page author may call to sample data.
// A new template must be added here, so that it is executed and checked.
var components = map[string]any{
	"layout":          web.Page{Title: "Runs", Nav: web.NavRuns, User: &web.User{Name: "Alex", Role: "athlete"}},
	"csrf":            "tok",
	"flash":           web.Flash{Kind: "error", Message: "Broken file"},
	"logo":            nil,
	"icon":            "info",
	"gauge":           map[string]any{"Score": 64},
	"readiness":       map[string]any{"Score": 40, "Recommendation": "rest", "Reasons": []string{"sore"}},
	"recommendation":  "quality-ok",
	"factors":         []recovery.Factor{{ID: "sleep", Name: "Sleep", Value: "5 h", Penalty: 8, Status: "poor", Reason: "short"}},
	"redflag":         coach.SeeProfessional{Needed: true, Urgency: "urgent", Reasons: []string{"Chest pain"}},
	"warnings":        []coach.Warning{{Code: "x", Message: "Careful"}},
	"links":           []web.Link{{Label: "on the check-in page", Href: "/checkin"}},
	"grade":           "B",
	"step":            coach.Step{Phase: "same-day", StartH: 0, EndH: 24, Title: "Legs up", Evidence: "practice", Sources: []string{"000"}},
	"timeline":        []coach.Step{{Phase: "long-term", Title: "Shoes", Evidence: "practice"}, {Phase: "immediate", Title: "Walk", Evidence: "low", EndH: 0.25}},
	"priorities":      []coach.Step{{Phase: "immediate", Title: "Refuel", Evidence: "moderate", Priority: coach.DoThis}, {Phase: "long-term", Title: "Shoes", Evidence: "practice", Priority: coach.MoreOptions}},
	"checklist":       web.Checklist{Action: "/today/checklist", CSRF: "tok", Items: []web.ChecklistItem{{ID: "walk", Title: "Walk"}}},
	"checklist-item":  web.CheckRow{Action: "/today/checklist", CSRF: "tok", ChecklistItem: web.ChecklistItem{ID: "walk", Title: "Walk", Done: true}},
	"tiles":           []web.Tile{{Label: "Distance", Value: "10.0", Unit: "km"}},
	"zones":           []web.Zone{{Name: "Z1", Percent: 100}},
	"kind":            "long",
	"runs":            []web.RunRow{{Href: "/runs/1", Kind: "easy", Distance: "5 km"}},
	"table":           web.Table{Head: []string{"a", "b"}, Numeric: []bool{false, true}, Rows: [][]string{{"x", "1"}}},
	"kv":              []web.KV{{Label: "Gain", Value: "1.2"}},
	"week":            []web.Day{{Date: "2026-11-24", Weekday: "Tuesday", Type: "rest"}},
	"athletes":        []web.AthleteRow{{Name: "Kim", Href: "/athletes/2", Readiness: 50}},
	"empty":           web.Empty{Title: "Nothing"},
	"chart":           web.Chart{ID: "c", Kind: web.ChartLines, Title: "Pace", Data: map[string]any{"x": []float64{0, 1}}},
	"route":           web.Route{ID: "r", Points: [][2]float64{{52.5, 13.4}, {52.51, 13.41}}},
	"field":           web.Field{Name: "age", Label: "Age", Type: "number", Help: "years", Error: "too old"},
	"slider":          web.Field{Name: "soreness-quads", Label: "Quads", Value: "3"},
	"soreness-inputs": []coach.SorenessNow{{Muscle: recovery.Quads, Value: 4}},
	"scale":           web.Field{Name: "stress", Label: "Stress", Options: []web.Option{{Value: "1", Label: "1"}}},
	"checkboxes":      web.Choices{Name: "symptoms", Legend: "Symptoms", Options: []web.Option{{Value: "numbness", Label: "Numbness"}}},
	"upload":          web.Upload{Action: "/upload", CSRF: "tok"},
	"body":            map[recovery.Muscle]float64{recovery.Calves: 9},
	"styleguide":      web.StyleGuide(),
}

// internal templates, called only by other templates.
var internal = []string{"described", "body-title", "body-num"}

func TestEveryTemplate(t *testing.T) {
	tpl, err := web.Templates(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range tpl.Templates() {
		name := x.Name()
		if name == "" || strings.HasSuffix(name, ".html") || slices.Contains(internal, name) {
			continue
		}
		if x.Tree != nil && strings.HasPrefix(x.Tree.ParseName, "pages/") {
			continue // the server's pages, tested by its handler tests
		}
		if _, ok := components[name]; !ok {
			t.Errorf("template %q has no sample data in components", name)
		}
	}
	for name, data := range components {
		t.Run(name, func(t *testing.T) {
			checkCSP(t, name, execute(t, name, data))
		})
	}
}

// The components take the engine's own types as they are.
func TestEngineTypes(t *testing.T) {
	steps := []coach.Step{
		{Phase: "days-1-3", StartH: 12, EndH: 72, Title: "Active recovery", Dose: "20-30 min", How: "walk", Why: "blood flow", Evidence: "moderate",
			Sources: []string{"Dupuy et al. 2018"}, Disagreement: "rest or move"},
		{Phase: "immediate", StartH: 0, EndH: 0.25, Title: "Cool-down", Evidence: "low"},
		{Phase: "whenever", Title: "Odd phase", Evidence: "?"},
	}
	out := execute(t, "timeline", steps)
	first, days, odd := strings.Index(out, "First hour"), strings.Index(out, "Days 1–3"), strings.Index(out, "Whenever")
	if first < 0 || days < 0 || odd < 0 || !(first < days && days < odd) {
		t.Errorf("phases out of order or missing: %d %d %d", first, days, odd)
	}
	for _, want := range []string{"12–72 h after", "within 15 min", "Moderate evidence", "Where the sources disagree", "Dupuy et al. 2018"} {
		if !strings.Contains(out, want) {
			t.Errorf("timeline lacks %q", want)
		}
	}
	// A plan's steps under their priorities, first to last, each a
	// timeline; more options folded away.
	steps[0].Priority, steps[1].Priority, steps[2].Priority = coach.MoreOptions, coach.DoThis, coach.Helpful
	out = execute(t, "priorities", steps)
	do, help, more := strings.Index(out, ">Do this<"), strings.Index(out, ">Helpful<"), strings.Index(out, ">More options<")
	if do < 0 || help < 0 || more < 0 || !(do < help && help < more) || !strings.Contains(out[more-200:], "<details") {
		t.Errorf("priorities out of order, missing or more options not folded: %d %d %d\n%s", do, help, more, out)
	}
	now := []coach.SorenessNow{{Muscle: recovery.HipFlexors, Value: 6.5}, {Muscle: recovery.Feet, Value: 0}}
	out = execute(t, "body", now)
	for _, want := range []string{"<title>Hip flexors: 6.5/10 (strong)</title>", "<title>Feet: 0/10 (none)</title>", "<title>Quads: not rated</title>", "sore-7", "sore-na"} {
		if !strings.Contains(out, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	out = execute(t, "gauge", coach.ReadinessScore{Score: 89})
	if !strings.Contains(out, `aria-label="Readiness: 89 out of 100"`) || !strings.Contains(out, "gauge-high") {
		t.Errorf("gauge: %s", out)
	}
	if out := execute(t, "redflag", coach.SeeProfessional{}); strings.TrimSpace(out) != "" {
		t.Errorf("redflag renders without need: %q", out)
	}
	// A red flag links where to clear it.
	out = execute(t, "redflag", map[string]any{"Needed": true, "Urgency": "soon", "Reasons": []string{"Pain in a bone"}, "Clear": "check in with no symptoms",
		"Where": []web.Link{{Label: "on the check-in page", Href: "/checkin"}, {Label: "under Health conditions in your profile", Href: "/profile#conditions"}}})
	if !strings.Contains(out, `To clear it: check in with no symptoms (<a href="/checkin">on the check-in page</a>; <a href="/profile#conditions">under Health conditions in your profile</a>).`) {
		t.Errorf("redflag does not link where to clear it:\n%s", out)
	}
	out = execute(t, "factors", []recovery.Factor{{Name: "Resting HR", Value: "48", Penalty: -1.5, Status: "good"}, {Name: "Sleep", Penalty: 0}})
	if !strings.Contains(out, "&#43;1.5") || !strings.Contains(out, "±0") {
		t.Errorf("factors impacts: %s", out)
	}
}

// TestStepGroup: a group of alternatives is one card: its title and why
// once, each member's title, dose, grade and note, the members' ids as
// data-steps (its data-step the first's), and each member's how.
func TestStepGroup(t *testing.T) {
	members := []coach.Step{
		{ID: "massage", Title: "Massage", Dose: "a sports massage", How: "knead", Evidence: "moderate"},
		{ID: "foam-rolling", Title: "Foam rolling", Dose: "1-2 min a muscle", How: "roll slowly", Evidence: "low", Note: "avoid the shins"},
	}
	item := map[string]any{"ID": "massage", "IDs": "massage foam-rolling", "Title": "One of: massage or foam rolling",
		"Timing": "within 72 h", "Clock": "today 12:00 to Wed 09:00", "Why": "Any one of them eases soreness.", "Members": members,
		"Dose": "", "How": "", "Evidence": "", "Sources": []string{"Dupuy et al. 2018"}, "Phase": "days-1-3", "Priority": coach.DoThis}
	out := execute(t, "priorities", []any{item})
	for _, want := range []string{`data-steps="massage foam-rolling" data-step="massage"`, `<h4 class="step-title">One of: massage or foam rolling</h4>`,
		"within 72 h <span class=\"muted\">· today 12:00 to Wed 09:00</span>", "Any one of them eases soreness.",
		`data-member="massage"`, "a sports massage", "Moderate evidence", `data-member="foam-rolling"`, "1-2 min a muscle", "Low evidence", "avoid the shins",
		"<strong>Foam rolling:</strong> roll slowly", "Dupuy et al. 2018"} {
		if !strings.Contains(out, want) {
			t.Errorf("a group's card lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, `class="step-title"`); n != 1 {
		t.Errorf("a group of two shows %d step titles, want one card", n)
	}
}

func TestHelpers(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{`{{fmtDur 3723}}`, "1:02:03"},
		{`{{fmtDur 305.4}}`, "5:05"},
		{`{{fmtDur 0}}`, "0:00"},
		{`{{fmtDur .D}}`, "1:30:00"},
		{`{{number 12345.678 1}}`, "12,345.7"},
		{`{{number 999}}`, "999"},
		{`{{number -1234}}`, "−1,234"},
		{`{{number .NaN}}`, "–"},
		{`{{percent 0.764}}`, "76%"},
		{`{{percent 0.764 1}}`, "76.4%"},
		{`{{timing 0 1}}`, "within 60 min"},
		{`{{timing 0 0.5}}`, "within 30 min"},
		{`{{timing 0 48}}`, "within 48 h"},
		{`{{timing 12 72}}`, "12–72 h after"},
		{`{{timing 48 168}}`, "2–7 days after"},
		{`{{timing 0 168}}`, "from today, all week"},
		{`{{(grade "very-low").Label}}`, "Very low evidence"},
		{`{{(grade "A").Level}}`, "1"},
		{`{{(advice "easy-run").Label}}`, "Easy run"},
		{`{{label "hip-flexors"}}`, "Hip flexors"},
		{`{{pct 30 120}}`, "25.0%"},
		{`{{(dict "a" 1 "b" "x").b}}`, "x"},
		{`<script type="application/json">{{json .J}}</script>`, `<script type="application/json">{"a":"\u003c/script\u003e"}</script>`},
	} {
		tpl, err := web.Templates(nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tpl.New("t").Parse(c.src); err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		var b bytes.Buffer
		data := map[string]any{"D": 90 * time.Minute, "NaN": mathNaN(), "J": map[string]string{"a": "</script>"}}
		if err := tpl.ExecuteTemplate(&b, "t", data); err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		if b.String() != c.want {
			t.Errorf("%s = %q, want %q", c.src, b.String(), c.want)
		}
	}
}

func mathNaN() float64 { var z float64; return z / z }

func TestExtraFuncs(t *testing.T) {
	tpl, err := web.Templates(template.FuncMap{"pace": func(v float64) string { return "4:53 /km" }, "fmtDur": func(any) string { return "custom" }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tpl.New("t").Parse(`{{pace 3.4}} {{fmtDur 1}}`); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, "t", nil); err != nil {
		t.Fatal(err)
	}
	if b.String() != "4:53 /km custom" {
		t.Errorf("extra funcs: %q", b.String())
	}
}

// The contract in doc.go: a page template gets the Page and reads .Data.
func TestPageContract(t *testing.T) {
	tpl, err := web.Templates(nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tpl.New("hello.html").Parse(`{{define "hello"}}<section class="card"><p>Hi {{.Data.Name}}</p><form method="post" action="/x">{{template "csrf" .CSRF}}</form></section>{{end}}`)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	p := &web.Page{Title: "Hello", Nav: web.NavWeek, CSRF: "t0k", User: &web.User{Name: "Kim", Role: "coach"}, Base: "/athletes/3", Athlete: "Sam",
		Content: "hello", Data: struct{ Name string }{"<Sam>"}}
	if err := tpl.ExecuteTemplate(&b, "layout", p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"<p>Hi &lt;Sam&gt;</p>", `value="t0k"`, `href="/athletes/3/week" aria-current="page"`, `href="/coach"`, "Viewing <strong>Sam</strong>"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	for _, not := range []string{`href="/athletes/3/checkin"`, `href="/athletes/3/upload"`} {
		if strings.Contains(out, not) {
			t.Errorf("read-only page links to %s", not)
		}
	}
	checkCSP(t, "hello", out)
}

func TestAssetPath(t *testing.T) {
	p := web.AssetPath("app.css")
	if !regexp.MustCompile(`^/static/app\.css\?v=[0-9a-f]{10}$`).MatchString(p) {
		t.Errorf("AssetPath(app.css) = %q", p)
	}
	if p != web.AssetPath("/app.css") {
		t.Errorf("leading slash changes the path")
	}
	if p := web.AssetPath("missing.js"); p != "/static/missing.js" {
		t.Errorf("AssetPath(missing.js) = %q", p)
	}
	tpl, err := web.Templates(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tpl.New("t").Parse(`{{asset "missing.js"}}`); err != nil {
		t.Fatal(err)
	}
	if err := tpl.ExecuteTemplate(&bytes.Buffer{}, "t", nil); err == nil {
		t.Error("asset of a missing file did not fail")
	}
}

// The vendored files are there, and match VERSIONS and package-lock.json.
func TestVendored(t *testing.T) {
	versions, err := fs.ReadFile(web.Static(), "vendor/VERSIONS")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	b, err := os.ReadFile("npm/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &lock); err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, line := range strings.Split(string(versions), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 0 || strings.HasPrefix(f[0], "#"):
		case strings.HasPrefix(line, "  ") && len(f) == 2:
			files++
			var data []byte
			if rest, ok := strings.CutPrefix(f[1], "static/"); ok {
				data, err = fs.ReadFile(web.Static(), rest)
			} else {
				data, err = os.ReadFile(f[1])
			}
			if err != nil {
				t.Errorf("vendored file: %v", err)
				continue
			}
			if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f[0] {
				t.Errorf("%s differs from VERSIONS: run go generate ./web", f[1])
			}
		case len(f) >= 2:
			if v := lock.Packages["node_modules/"+f[0]].Version; v != f[1] {
				t.Errorf("VERSIONS has %s %s, package-lock.json %s: run go generate ./web", f[0], f[1], v)
			}
		}
	}
	if files != 4 {
		t.Errorf("VERSIONS lists %d files, want 4", files)
	}
	for _, name := range []string{"vendor/uPlot.iife.min.js", "vendor/uPlot.min.css", "vendor/htmx.min.js", "app.js", "app.css", "icon.svg"} {
		if _, err := fs.Stat(web.Static(), name); err != nil {
			t.Error(err)
		}
	}
}

// A page stays under 300 KB of HTML, JS and CSS; the style guide is the
// heaviest page there is.
func TestPageWeight(t *testing.T) {
	html := render(t, web.StyleGuide())
	total := len(html)
	for _, name := range []string{"app.js", "app.css", "vendor/htmx.min.js", "vendor/uPlot.iife.min.js", "vendor/uPlot.min.css"} {
		b, err := fs.ReadFile(web.Static(), name)
		if err != nil {
			t.Fatal(err)
		}
		total += len(b)
	}
	t.Logf("style guide: HTML %d bytes, with scripts and styles %d bytes", len(html), total)
	if total > 300_000 {
		t.Errorf("page weight %d bytes, over 300 KB", total)
	}
}

// TestTenPercentLabelOnce checks that no template spells the 10% rule's
// label itself ("10 % guide" beside the CLI's "10% rule", review 2 #35):
// they call tenPercent, present.TenPercentRule.
func TestTenPercentLabelOnce(t *testing.T) {
	re := regexp.MustCompile(`10 ?% (rule|guide)`)
	err := fs.WalkDir(os.DirFS("templates"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join("templates", p))
		if m := re.Find(b); m != nil {
			t.Errorf("%s spells %q: use {{tenPercent}}", p, m)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
