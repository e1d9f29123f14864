package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rebound-run/rebound/present"
)

// downhillGPX writes a GPX file of a 7.5 km run straight down a mountain
// road, starting at start: 612 m of descent at an even 8.2 % (81.6 m per
// km, over recovery.DownhillDescentPerKm's 40), at an easy 2.7 m/s and an
// easy heart rate of 135 bpm, a point every 5 s. Rebound's own sample
// data, made by its own code.
func downhillGPX(t *testing.T, start time.Time) string {
	t.Helper()
	const (
		lengthM = 7500.0
		dropM   = 612.0
		speed   = 2.7
		stepS   = 5.0
		topM    = 1450.0
		lat0    = 46.20
		lon0    = 7.30
	)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="rebound e2e" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><name>Mountain road descent</name><type>running</type><trkseg>
`)
	// Along a meridian: one degree of latitude is 111,195 m.
	for s := 0.0; s*speed <= lengthM; s += stepS {
		d := s * speed
		lat := lat0 - d/111195
		ele := topM - dropM*d/lengthM
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="%.6f"><ele>%.1f</ele><time>%s</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>135</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
`, lat, lon0, ele, start.Add(time.Duration(s*float64(time.Second))).UTC().Format(time.RFC3339))
	}
	b.WriteString("</trkseg></trk></gpx>\n")
	p := filepath.Join(t.TempDir(), "descent.gpx")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRunPagesFirstScreen opens the run pages a runner reads most (the
// club demo's half-marathon race, an easy run of the same season and a
// downhill run down a mountain road) on a desktop and a phone, and checks
// that the first screen says what the run was and leads with what to do:
// the run's kind and, within the viewport's height, the lead: the "Do
// this" items (3 to 6, a group of alternatives counting once, the
// electrolytes going with the fluid) and when the legs are ready, with
// nothing for injuries (ice, RICE, friction, Active Release) among them;
// after the downhill run they speak to the quads.
// Full-page screenshots go to $REBOUND_SCREENSHOTS as run-race,
// run-easy and run-downhill.
func TestRunPagesFirstScreen(t *testing.T) {
	chromiumPath(t)
	if testing.Short() {
		t.Skip("builds the club demo")
	}
	c := club(t)
	const who = "alex"
	db := clubCopy(t)
	// The downhill run, two days before the season's end, imported as a
	// runner would.
	y, m, d := c.end.In(c.loc).AddDate(0, 0, -2).Date()
	gpx := downhillGPX(t, time.Date(y, m, d, 9, 30, 0, 0, c.loc))
	rebound(t, db, c.end, "--user", who, "import", gpx)

	var runs []struct {
		ID    int64  `json:"id"`
		Kind  string `json:"kind"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(rebound(t, db, c.end, "--user", who, "runs", "--json")), &runs); err != nil {
		t.Fatal(err)
	}
	pick := map[string]int64{}
	for _, r := range runs { // newest first
		switch {
		case r.Kind == "race" && pick["race"] == 0:
			pick["race"] = r.ID
		case r.Kind == "easy" && pick["easy"] == 0:
			pick["easy"] = r.ID
		case r.Kind == "hard" && strings.Contains(r.Title, "Mountain road descent"):
			pick["downhill"] = r.ID
		}
	}
	for _, k := range []string{"race", "easy", "downhill"} {
		if pick[k] == 0 {
			t.Fatalf("no %s run among %s's runs: %+v", k, who, runs)
		}
	}
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			s := newSite(t, db, newClock(c.end.Add(time.Minute)))
			ctx := browser(t, vp)
			signInWith(t, ctx, s.url, who, c.passwords[who])
			for _, name := range []string{"race", "easy", "downhill"} {
				var plan struct {
					Run struct {
						Kind        string   `json:"kind"`
						Workout     string   `json:"workout"`
						KindReasons []string `json:"kind_reasons"`
					} `json:"run"`
				}
				decodeJSON(t, "plan", []byte(rebound(t, db, c.end, "--user", who, "plan", fmt.Sprint(pick[name]), "--json")), &plan)
				if err := chromedp.Run(ctx, chromedp.Navigate(fmt.Sprintf("%s/runs/%d", s.url, pick[name])), chromedp.WaitVisible(`main`, chromedp.ByQuery)); err != nil {
					t.Fatalf("open the %s run: %v", name, err)
				}
				var first struct {
					Kind     string   `json:"kind"`
					DoThis   []string `json:"doThis"`
					DoTop    float64  `json:"doTop"`
					Ready    string   `json:"ready"`
					ReadyTop float64  `json:"readyTop"`
					Height   float64  `json:"height"`
					Lead     []string `json:"lead"`
					LeadTop  float64  `json:"leadTop"`
					LeadEnd  float64  `json:"leadEnd"`
				}
				if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
  const q = s => document.querySelector(s);
  const top = e => e ? e.getBoundingClientRect().top + window.scrollY : -1;
  const lead = q('[data-testid="priority-1"]');
  const ready = q('#ready-h');
  return {
    kind: (q('[data-testid="run-kind"]') || {dataset: {}}).dataset.kind || "",
    doThis: lead ? Array.from(lead.querySelectorAll('.step-title')).map(e => e.innerText.trim()) : [],
    doTop: top(lead),
    ready: ready ? ready.closest('section').innerText : "",
    readyTop: top(ready),
    height: window.innerHeight,
    lead: Array.from(document.querySelectorAll('[data-testid="plan-lead"] li a')).map(e => e.innerText.trim()),
    leadTop: top(q('[data-testid="plan-lead"]')),
    leadEnd: q('[data-testid="plan-lead"]') ? q('[data-testid="plan-lead"]').getBoundingClientRect().bottom + window.scrollY : -1,
  };
})()`, &first)); err != nil {
					t.Fatalf("%s run: %v", name, err)
				}
				check(t, ctx, vp, "run-"+name)
				firstScreen(t, ctx, vp, "run-"+name+"-first-screen")
				wantKind := map[string]string{"race": "race", "easy": "easy", "downhill": "hard"}[name]
				if first.Kind != wantKind || plan.Run.Kind != wantKind {
					t.Errorf("%s run: the page says %q, the plan %q; want %q", name, first.Kind, plan.Run.Kind, wantKind)
				}
				if name == "downhill" && plan.Run.Workout != "downhill" {
					t.Errorf("the downhill run is a %q session, want downhill (%v)", plan.Run.Workout, plan.Run.KindReasons)
				}
				if n := len(first.DoThis); n < 3 || n > 7 { // 6 and the electrolytes
					t.Errorf("%s run: %d things under %q, want 3-6 (and electrolytes): %q", name, n, present.PriorityHeading(1), first.DoThis)
				}
				for _, title := range first.DoThis {
					for _, injury := range []string{"Ice", "RICE", "friction", "Active Release"} {
						if strings.Contains(title, injury) {
							t.Errorf("%s run: %q leads the plan with no sore spot reported", name, title)
						}
					}
				}
				if first.ReadyTop < 0 || !strings.Contains(first.Ready, present.HardSessionsLabel) {
					t.Errorf("%s run: no legs-ready section with %q: %q", name, present.HardSessionsLabel, first.Ready)
				}
				if first.DoTop < 0 {
					t.Errorf("%s run: no %q section", name, present.PriorityHeading(1))
				}
				// The first screen: the lead, the same items as the plan's
				// "Do this", ends within the viewport's height.
				if !slices.Equal(first.Lead, first.DoThis) {
					t.Errorf("%s run: the page's lead %q, its %q section %q", name, first.Lead, present.PriorityHeading(1), first.DoThis)
				}
				if first.LeadTop < 0 || first.LeadEnd > first.Height {
					t.Errorf("%s run on a %s: the lead runs from %.0f to %.0f px, past the first screen's %.0f px", name, vp.name, first.LeadTop, first.LeadEnd, first.Height)
				}
				if name == "downhill" {
					var lead string
					if err := chromedp.Run(ctx, chromedp.Evaluate(`(document.querySelector('[data-testid="priority-1"]') || {innerText: ""}).innerText`, &lead)); err != nil {
						t.Fatal(err)
					}
					if !strings.Contains(strings.ToLower(lead), "quads") {
						t.Errorf("after the downhill run, %q does not speak to the quads:\n%s", present.PriorityHeading(1), lead)
					}
				}
				t.Logf("%s %s run #%d: the lead %.0f-%.0f px, legs-ready at %.0f px, %q at %.0f px (screen %.0f px): %q", vp.name, name, pick[name],
					first.LeadTop, first.LeadEnd, first.ReadyTop, present.PriorityHeading(1), first.DoTop, first.Height, first.DoThis)
			}
		})
	}
}

// firstScreen saves what the viewport shows at the top of the page, as
// the runner first sees it, to $REBOUND_SCREENSHOTS.
func firstScreen(t *testing.T, ctx context.Context, vp viewport, name string) {
	t.Helper()
	dir := os.Getenv("REBOUND_SCREENSHOTS")
	if dir == "" {
		return
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.scrollTo(0, 0)`, nil), chromedp.CaptureScreenshot(&png)); err != nil {
		t.Fatalf("%s: screenshot: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, vp.name+"-"+name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
