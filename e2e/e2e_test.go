// Package e2e drives the web app in a real browser: Debian's chromium,
// headless, through the DevTools protocol (github.com/chromedp/chromedp).
// It signs in, uploads a real FIT file from ../shared/testdata, opens its
// plan, submits a check-in with a red-flag symptom, ticks a checklist item
// and reloads, and opens the coach table, on a desktop and a phone-sized
// viewport; every page is checked with axe-core (no serious or critical
// accessibility violations) and screenshotted into $REBOUND_SCREENSHOTS
// (CI keeps them as artifacts).
//
// Without chromium the tests skip, unless REBOUND_REQUIRE_CHROMIUM=1 (set
// by .ci/run) makes them fail.
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/web"
)

const password = "correct horse battery"

func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("REBOUND_REQUIRE_CHROMIUM") == "1" {
		t.Fatal("chromium is not installed (REBOUND_REQUIRE_CHROMIUM=1)")
	}
	t.Skip("chromium is not installed")
	return ""
}

type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}}

// app is a server on a fresh database with an athlete (Ana, whose profile
// is set) and a coach she granted access.
type app struct {
	url string
	db  *sqlite.DB
}

func newApp(t *testing.T) *app {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "e2e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	hash, err := account.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	ana := &account.User{Name: "ana", Role: account.Athlete, PasswordHash: hash}
	coach := &account.User{Name: "coach", Role: account.Coach, PasswordHash: hash}
	for _, u := range []*account.User{ana, coach} {
		if err := db.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Grant(ctx, ana.ID, coach.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.ForAthlete(ana.ID).SaveProfile(ctx, profile.Profile{WeightKg: 62, Age: 34, Sex: profile.Female,
		RestingHR: 50, Timezone: "Europe/Berlin"}); err != nil {
		t.Fatal(err)
	}
	tmpl, err := web.Templates(nil)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{DB: db, Decoders: cli.Decoders(), Templates: tmpl, Static: web.Static(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &app{url: ts.URL, db: db}
}

// browser starts a headless chromium with the viewport's size.
func browser(t *testing.T, vp viewport) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("headless", "new"),
		chromedp.WindowSize(int(vp.width), int(vp.height)),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel3)
	var emu []chromedp.EmulateViewportOption
	if vp.mobile {
		emu = append(emu, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(vp.width, vp.height, emu...)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// axeSource is axe-core, vendored by the web package from npm.
func axeSource(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"../web/static/vendor/axe.min.js", "../web/testdata/axe.min.js"} {
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	t.Fatal("axe.min.js is not vendored (go generate ./web)")
	return ""
}

type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	} `json:"violations"`
}

// check runs axe-core on the current page, fails on serious or critical
// violations, and saves a full-page screenshot.
func check(t *testing.T, ctx context.Context, vp viewport, name string) {
	t.Helper()
	var loaded bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(axeSource(t)+";true", &loaded)); err != nil {
		t.Fatalf("%s: inject axe: %v", name, err)
	}
	var raw json.RawMessage
	run := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}).then(r => ({violations: r.violations}))`
	if err := chromedp.Run(ctx, chromedp.Evaluate(run, &raw, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
		t.Fatalf("%s: axe.run: %v", name, err)
	}
	var res axeResult
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("%s: axe result: %v", name, err)
	}
	for _, v := range res.Violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target))
			}
			t.Errorf("%s (%s): axe %s violation %s: %s at %s", name, vp.name, v.Impact, v.ID, v.Help, strings.Join(where, ", "))
		}
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatalf("%s: screenshot: %v", name, err)
	}
	dir := os.Getenv("REBOUND_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, vp.name+"-"+name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// text returns the page's visible text.
func text(t *testing.T, ctx context.Context) string {
	t.Helper()
	var s string
	if err := chromedp.Run(ctx, chromedp.Text("body", &s, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	return s
}

func signIn(t *testing.T, ctx context.Context, base, name string) {
	t.Helper()
	signInWith(t, ctx, base, name, password)
}

// signInWith signs name in with a password through the sign-in form.
func signInWith(t *testing.T, ctx context.Context, base, name, password string) {
	t.Helper()
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(`input[name="name"]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name="name"]`, name, chromedp.ByQuery),
		chromedp.SendKeys(`input[name="password"]`, password, chromedp.ByQuery),
		chromedp.Submit(`input[name="password"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`nav`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("sign in as %s: %v", name, err)
	}
}

func TestBrowserJourney(t *testing.T) {
	chromiumPath(t)
	run := corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit")
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			a := newApp(t)
			ctx := browser(t, vp)

			// The sign-in page.
			if err := chromedp.Run(ctx, chromedp.Navigate(a.url+"/login"), chromedp.WaitVisible(`form`, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			check(t, ctx, vp, "login")
			signIn(t, ctx, a.url, "ana")
			check(t, ctx, vp, "today-empty")

			// Upload a real FIT file: choosing it starts the drop zone's
			// upload at once (with progress), as a drop would.
			if err := chromedp.Run(ctx,
				chromedp.Navigate(a.url+"/upload"),
				chromedp.WaitVisible(`input[type="file"]`, chromedp.ByQuery),
			); err != nil {
				t.Fatal(err)
			}
			check(t, ctx, vp, "upload")
			if err := chromedp.Run(ctx,
				chromedp.SetUploadFiles(`input[type="file"]`, []string{run}, chromedp.ByQuery),
			); err != nil {
				t.Fatal(err)
			}
			waitText(t, ctx, "imported", "fenix2-run")
			check(t, ctx, vp, "upload-done")

			// Its run page with the recovery plan.
			if err := chromedp.Run(ctx,
				chromedp.Navigate(a.url+"/runs"),
				chromedp.WaitVisible(`a[href^="/runs/"]`, chromedp.ByQuery),
			); err != nil {
				t.Fatal(err)
			}
			check(t, ctx, vp, "runs")
			if err := chromedp.Run(ctx, chromedp.Click(`a[href^="/runs/"]`, chromedp.ByQuery), chromedp.WaitVisible(`main`, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			body := waitText(t, ctx, "Refuel")
			for _, want := range []string{"First hour", "Evidence", "does not diagnose"} {
				if !strings.Contains(strings.ToLower(body), strings.ToLower(want)) {
					t.Errorf("run page lacks %q", want)
				}
			}
			check(t, ctx, vp, "run")

			for _, p := range []string{"soreness", "load", "week", "model", "profile"} {
				if err := chromedp.Run(ctx, chromedp.Navigate(a.url+"/"+p), chromedp.WaitVisible(`main`, chromedp.ByQuery)); err != nil {
					t.Fatal(err)
				}
				check(t, ctx, vp, p)
			}

			// A check-in with a red-flag symptom: Today shows the urgent warning first.
			if err := chromedp.Run(ctx,
				chromedp.Navigate(a.url+"/checkin"),
				chromedp.WaitVisible(`input[value="chest-pain"]`, chromedp.ByQuery),
			); err != nil {
				t.Fatal(err)
			}
			check(t, ctx, vp, "checkin")
			if err := chromedp.Run(ctx,
				chromedp.Click(`input[value="chest-pain"]`, chromedp.ByQuery),
				chromedp.Submit(`input[value="chest-pain"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`[role="alert"]`, chromedp.ByQuery),
			); err != nil {
				t.Fatal(err)
			}
			var alert string
			// Every alert on the page (the flash, then the red-flag banner).
			if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('[role="alert"]')).map(e => e.innerText).join("\n")`, &alert)); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.ToLower(alert), "chest") || !strings.Contains(strings.ToLower(alert), "urgent") {
				t.Errorf("the red-flag banner does not name chest pain: %q", alert)
			}
			check(t, ctx, vp, "today-red-flag")

			// Tick the first checklist item, reload: it stays ticked.
			var before string
			if err := chromedp.Run(ctx,
				chromedp.AttributeValue(`.checklist .check-btn`, "aria-checked", &before, nil, chromedp.ByQuery),
				chromedp.Click(`.checklist .check-btn`, chromedp.ByQuery),
				chromedp.Sleep(500*time.Millisecond),
				chromedp.Reload(),
				chromedp.WaitVisible(`.checklist`, chromedp.ByQuery),
			); err != nil {
				t.Fatal(err)
			}
			var after string
			if err := chromedp.Run(ctx, chromedp.AttributeValue(`.checklist .check-btn`, "aria-checked", &after, nil, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			if before != "false" || after != "true" {
				t.Errorf("first checklist item: aria-checked %q before the tick, %q after reload; want false, true", before, after)
			}

			// The coach sees Ana in the table, red flag first.
			if err := chromedp.Run(ctx, chromedp.Submit(`form[action="/logout"] button`, chromedp.ByQuery), chromedp.WaitVisible(`input[name="name"]`, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			signIn(t, ctx, a.url, "coach")
			if err := chromedp.Run(ctx, chromedp.Navigate(a.url+"/coach"), chromedp.WaitVisible(`table`, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			if body := text(t, ctx); !strings.Contains(body, "ana") {
				t.Errorf("coach table lacks ana:\n%s", body)
			}
			check(t, ctx, vp, "coach")
		})
	}
}

// waitText waits until the page's text contains every want (case-insensitive) and returns it.
func waitText(t *testing.T, ctx context.Context, want ...string) string {
	t.Helper()
	var body string
	for i := 0; i < 50; i++ {
		body = text(t, ctx)
		ok := true
		for _, w := range want {
			if !strings.Contains(strings.ToLower(body), strings.ToLower(w)) {
				ok = false
			}
		}
		if ok {
			return body
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("page never showed %q:\n%s", want, body)
	return body
}

// TestNavOnPhone signs in as a coach, who has every page of the
// navigation, on a 375 px phone and finds each nav link in sight and the
// element a tap on its middle reaches, on every page; the last link
// (Coach) is then tapped and opens its page.
func TestNavOnPhone(t *testing.T) {
	chromiumPath(t)
	vp := viewport{"phone-375", 375, 667, true}
	a := newApp(t)
	ctx := browser(t, vp)
	signIn(t, ctx, a.url, "coach")
	const hidden = `(() => {
	  const w = document.documentElement.clientWidth, h = window.innerHeight;
	  const links = Array.from(document.querySelectorAll("nav a"));
	  return {count: links.length, hidden: links.filter(a => {
	    const r = a.getBoundingClientRect();
	    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
	    return r.width === 0 || r.height === 0 || r.left < 0 || r.right > w + 0.5 || r.top < 0 || r.bottom > h || !hit || !a.contains(hit);
	  }).map(a => a.textContent.trim())};
	})()`
	for _, it := range web.Nav {
		if err := chromedp.Run(ctx, chromedp.Navigate(a.url+it.Href), chromedp.WaitVisible(`nav`, chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		var res struct {
			Count  int      `json:"count"`
			Hidden []string `json:"hidden"`
		}
		if err := chromedp.Run(ctx, chromedp.Evaluate(hidden, &res)); err != nil {
			t.Fatal(err)
		}
		if res.Count != len(web.Nav) || len(res.Hidden) > 0 {
			t.Errorf("%s at 375 px: %d of %d nav links; out of sight or covered: %v", it.Href, res.Count, len(web.Nav), res.Hidden)
		}
	}
	last := web.Nav[len(web.Nav)-1]
	var path string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(a.url+"/"),
		chromedp.WaitVisible(`nav`, chromedp.ByQuery),
		chromedp.Click(`nav a[href="`+last.Href+`"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Evaluate(`location.pathname`, &path),
	); err != nil {
		t.Fatal(err)
	}
	if path != last.Href {
		t.Errorf("tapping %s at 375 px opened %s", last.Label, path)
	}
}
