package e2e

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
)

// heldSteps are the steps a plan may not hold while a red flag stands:
// running, cross-training, strength, cold and heat.
var heldSteps = []string{"easy-run", "active-recovery", "cool-down", "cross-training", "strength", "cold-water-immersion",
	"contrast-therapy", "ice-pack", "heat", "warm-bath", "epsom-salt"}

// shown is what the browser sees on Today, the run page and Week.
type shown struct {
	today, run, week string   // the pages' visible text
	flag             string   // the red-flag box's text on Today, "" for none
	steps            []string // the run page's steps (technique ids, a group's each)
	onHold           string   // the run page's on-hold note
	days             []string // the Week page's day types, in order
}

// look opens Today, the latest run's page and Week, saves a screenshot of
// each (after axe-core finds nothing serious) as NAME-today and so on, and
// returns what they show.
func look(t *testing.T, ctx context.Context, vp viewport, base, run, name string) shown {
	t.Helper()
	var s shown
	eval := func(js string, v any) {
		t.Helper()
		if err := chromedp.Run(ctx, chromedp.Evaluate(js, v)); err != nil {
			t.Fatalf("%s: %v", js, err)
		}
	}
	open := func(path string) string {
		t.Helper()
		if err := chromedp.Run(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(`main`, chromedp.ByQuery)); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		return text(t, ctx)
	}
	s.today = open("/")
	eval(`(document.querySelector('[data-testid="redflag"]') || {innerText: ""}).innerText`, &s.flag)
	check(t, ctx, vp, name+"-today")
	s.run = open(run)
	eval(`Array.from(document.querySelectorAll('#plan article.step[data-step]')).flatMap(e => (e.dataset.steps || e.dataset.step).split(' '))`, &s.steps)
	eval(`(document.querySelector('[data-testid="on-hold"]') || {innerText: ""}).innerText`, &s.onHold)
	check(t, ctx, vp, name+"-run")
	s.week = open("/week")
	eval(`Array.from(document.querySelectorAll('[data-testid="day"] .day-type')).map(e => e.innerText.trim() + (e.parentElement.querySelector('.day-extra') ? ' + strength' : ''))`, &s.days)
	check(t, ctx, vp, name+"-week")
	return s
}

// TestRedFlagInTheBrowser signs the demo's runner in on a copy of the club
// demo, in a real chromium, ticks "Pain in a bone" on the check-in page and
// submits it: Today shows the red-flag box and Rest, the run page's plan
// is on hold with no running, strength, cold or heat steps, every day of
// Week is rest and the calendar feed has no training. Then `rebound
// checkin --symptoms none` through the command line's entry, on the same
// database, clears it: reloaded, the pages show no red flag and the
// training of before. Screenshots of Today, the run page and Week, flagged
// and cleared, go to $REBOUND_SCREENSHOTS, on a desktop and a phone.
func TestRedFlagInTheBrowser(t *testing.T) {
	chromiumPath(t)
	if testing.Short() {
		t.Skip("builds the club demo")
	}
	c := club(t)
	const who = "alex"
	bone, _ := protocol.SymptomByID("bone-pain")
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			db := clubCopy(t)
			clk := newClock(c.end.Add(time.Minute))
			s := newSite(t, db, clk)
			ctx := browser(t, vp)
			signInWith(t, ctx, s.url, who, c.passwords[who])
			var run string
			if err := chromedp.Run(ctx, chromedp.Navigate(s.url+"/"), chromedp.AttributeValue(`[data-testid="last-run"]`, "href", &run, nil, chromedp.ByQuery)); err != nil || run == "" {
				t.Fatalf("Today links no latest run: %v", err)
			}
			before := look(t, ctx, vp, s.url, run, "before")
			if before.flag != "" || before.onHold != "" || !slices.ContainsFunc(before.days, func(d string) bool { return d != present.KindLabel("rest") }) {
				t.Fatalf("before the check-in: red flag %q, on hold %q, week %v; want none, none and training", before.flag, before.onHold, before.days)
			}
			feed := calendarFeed(t, ctx, s.url)

			// The red-flag check-in, on the web.
			if err := chromedp.Run(ctx,
				chromedp.Navigate(s.url+"/checkin"),
				chromedp.WaitVisible(`input[value="bone-pain"]`, chromedp.ByQuery),
				chromedp.Click(`input[value="bone-pain"]`, chromedp.ByQuery),
				chromedp.Submit(`input[value="bone-pain"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`[data-testid="redflag"]`, chromedp.ByQuery),
			); err != nil {
				t.Fatalf("check in with pain in a bone: %v", err)
			}
			clk.add(time.Minute)
			flagged := look(t, ctx, vp, s.url, run, "red-flag")
			for _, want := range []string{present.FlagHeading(string(bone.Urgency)), bone.Why, present.NoTraining} {
				if !strings.Contains(flagged.flag, want) {
					t.Errorf("Today's red-flag box lacks %q:\n%s", want, flagged.flag)
				}
			}
			if !strings.Contains(flagged.today, present.AdviceFor("rest").Label) {
				t.Errorf("Today with a red flag does not say %q", present.AdviceFor("rest").Label)
			}
			if !strings.HasPrefix(flagged.onHold, present.OnHold("x")[:len("On hold:")]) || !strings.Contains(flagged.run, present.FlagHeading(string(bone.Urgency))) {
				t.Errorf("the run page with a red flag: on hold %q", flagged.onHold)
			}
			if len(flagged.steps) == 0 {
				t.Error("the run page with a red flag shows no steps")
			}
			for _, id := range flagged.steps {
				if slices.Contains(heldSteps, id) || !protocol.AllowedWhileFlagged(id, []string{bone.ID}, false) {
					t.Errorf("the run page with a red flag suggests %s", id)
				}
			}
			for i, d := range flagged.days {
				if d != present.KindLabel("rest") {
					t.Errorf("Week with a red flag: day %d is %q", i, d)
				}
			}
			if len(flagged.days) != 7 {
				t.Errorf("Week shows %d days", len(flagged.days))
			}
			for _, ev := range icsEvents(t, string(getURL(t, feed))) {
				if !strings.HasPrefix(ev.Summary, present.KindLabel("rest")) || !strings.Contains(ev.Summary, "professional") {
					t.Errorf("the calendar feed with a red flag has %s: %q", ev.Date, ev.Summary)
				}
			}

			// Cleared on the command line, on the same database.
			out := rebound(t, db, clk.Now(), "--user", who, "checkin", "--symptoms", "none")
			if strings.Contains(out, present.FlagHeading(string(bone.Urgency))) {
				t.Errorf("checkin --symptoms none still shows the red flag:\n%s", out)
			}
			clk.add(time.Minute)
			cleared := look(t, ctx, vp, s.url, run, "cleared")
			if cleared.flag != "" || cleared.onHold != "" || strings.Contains(cleared.today, bone.Why) {
				t.Errorf("after checkin --symptoms none: red flag %q, on hold %q", cleared.flag, cleared.onHold)
			}
			if !slices.Equal(cleared.days, before.days) || !slices.Equal(cleared.steps, before.steps) {
				t.Errorf("after clearing, Week %v and the plan's steps %v; before the flag %v and %v", cleared.days, cleared.steps, before.days, before.steps)
			}
			training := 0
			for _, ev := range icsEvents(t, string(getURL(t, feed))) {
				if !strings.HasPrefix(ev.Summary, present.KindLabel("rest")) {
					training++
				}
			}
			if training == 0 {
				t.Error("after clearing, the calendar feed has no training day")
			}
		})
	}
}

// calendarFeed creates a calendar address on the Week page (its button)
// and returns it as the page shows it.
func calendarFeed(t *testing.T, ctx context.Context, base string) string {
	t.Helper()
	var feed string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/week"),
		chromedp.WaitVisible(`#calendar button[type="submit"]`, chromedp.ByQuery),
		chromedp.Click(`#calendar button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#cal-url`, chromedp.ByQuery),
		chromedp.Value(`#cal-url`, &feed, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("create a calendar address on Week: %v", err)
	}
	if !strings.Contains(feed, "/calendar/") {
		t.Fatalf("calendar address %q", feed)
	}
	return feed
}

// getURL fetches an address with no credentials; any status but 200
// fails the test.
func getURL(t *testing.T, u string) []byte {
	t.Helper()
	res, err := noRedirect.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, res.Body); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: status %d\n%s", u, res.StatusCode, b.String())
	}
	return []byte(b.String())
}
