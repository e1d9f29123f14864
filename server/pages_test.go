package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/sim"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/web"
)

// withTemplates gives the server the real page templates and static files.
func withTemplates(c *server.Config) {
	var err error
	if c.Templates, err = web.Templates(nil); err != nil {
		panic(err)
	}
	c.Static = web.Static()
}

// testdataDir is the shared corpus of real activity files.
const testdataDir = "../../shared/testdata"

// seasonFiles are the FIT files of a simulated three-week season ending
// now, written once per test binary.
var seasonFiles = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "rebound-pages-season-")
	if err != nil {
		return "", err
	}
	r := sim.DefaultRunner()
	now := time.Now()
	start := now.AddDate(0, 0, -20)
	var done []sim.Workout
	for _, w := range r.Season(start, 3) {
		if w.Start.Before(now.Add(-4 * time.Hour)) {
			done = append(done, w)
		}
	}
	if _, err := r.WriteWorkouts(dir, done); err != nil {
		return "", err
	}
	return dir, nil
})

// seed gives athlete id the simulated runner's profile, a three-week
// season imported through the import path, and the runner's check-ins up
// to yesterday (so that today's check-in is the test's to make).
func (e *testEnv) seed(id int64) {
	e.t.Helper()
	dir, err := seasonFiles()
	if err != nil {
		e.t.Fatal(err)
	}
	ctx := context.Background()
	st := e.db.ForAthlete(id)
	r := sim.DefaultRunner()
	if err := st.SaveProfile(ctx, r.Profile()); err != nil {
		e.t.Fatal(err)
	}
	im := &ingest.Importer{Store: st, Decoders: cli.Decoders()}
	rep, err := im.Import(ctx, []string{dir})
	if err != nil || rep.Imported == 0 || len(rep.Failed) > 0 {
		e.t.Fatalf("import season: %v %+v", err, rep)
	}
	now := time.Now()
	season := r.Season(now.AddDate(0, 0, -20), 3)
	for _, c := range r.CheckIns(season) {
		if !c.Date.Before(now.AddDate(0, 0, -1)) {
			break
		}
		if err := st.SaveCheckIn(ctx, c.Recovery()); err != nil {
			e.t.Fatal(err)
		}
	}
}

// latestRun is the ID of an athlete's newest activity.
func (e *testEnv) latestRun(id int64) int64 {
	e.t.Helper()
	acts, _, err := e.db.ForAthlete(id).FindActivities(context.Background(), store.ActivityFilter{Limit: 1})
	if err != nil || len(acts) == 0 {
		e.t.Fatalf("no activities for %d: %v", id, err)
	}
	return acts[0].ID
}

// get fetches a page and returns its status and body.
func (b *browser) get(path string) (int, string) {
	b.e.t.Helper()
	res := b.do("GET", path, nil, "")
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		b.e.t.Fatal(err)
	}
	return res.StatusCode, string(body)
}

// post sends a urlencoded form and returns the response (body read).
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.e.t.Helper()
	res := b.do("POST", path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// pagePaths are every page of an athlete, with what each must show.
func pagePaths(run int64) map[string][]string {
	r := "/runs/" + itoa(run)
	return map[string][]string{
		"/":         {"Readiness", "Today’s checklist", "What shapes your readiness", "Soreness now", "class=\"bodymap"},
		"/runs":     {"class=\"data runs\"", r},
		r:           {"Recovery plan", "First hour", "Where the sources disagree", "Heart-rate zones", "id=\"run-pace\"", "id=\"run-hr\"", "id=\"run-ele\"", "data-route", "evidence", "Sources"},
		"/soreness": {"Soreness forecast", "id=\"sore-quads\"", "data-chart=\"forecast\"", "Your latest soreness ratings"},
		"/load":     {"Fitness", "id=\"load-ffm\"", "id=\"load-acwr\"", "id=\"load-weeks\"", "10 %"},
		"/week":     {"The next seven days", "class=\"week\""},
		"/model":    {"What Rebound has learned", "Soreness gain", "Forecast error"},
		"/checkin":  {},
		"/upload":   {},
		"/profile":  {},
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// disclaimer is on every page.
const disclaimer = "Rebound informs; it does not diagnose."

func TestPagesForTheAthlete(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	run := e.latestRun(e.ana.ID)
	b := e.signIn(e.ana)
	paths := pagePaths(run)
	paths["/checkin"] = []string{"action=\"/checkin\"", "soreness-quads", "name=\"symptoms\" value=\"chest-pain\"", "weight-before", "Save check-in"}
	paths["/upload"] = []string{"data-upload=\"/upload\"", "enctype=\"multipart/form-data\"", "name=\"files\""}
	paths["/profile"] = []string{"Save profile", "name=\"weight\" type=\"number\" value=\"61\"", "Shoes", "API tokens", "Sign out everywhere"}
	for path, want := range paths {
		status, body := b.get(path)
		if status != http.StatusOK {
			t.Errorf("GET %s: %d\n%.600s", path, status, body)
			continue
		}
		for _, w := range append(want, disclaimer, "<h1>") {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q", path, w)
			}
		}
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(body, -1) {
			if seen[m[1]] {
				t.Errorf("GET %s: duplicate id %q", path, m[1])
			}
			seen[m[1]] = true
		}
		if strings.Contains(body, " style=") || regexp.MustCompile(`<script>|<script [^>]*>[^<]`).MatchString(stripJSONScripts(body)) {
			t.Errorf("GET %s: inline style or script (the CSP forbids them)", path)
		}
	}
	// Coach-only and unknown pages.
	if status, _ := b.get("/coach"); status != http.StatusForbidden {
		t.Errorf("athlete GET /coach: %d, want 403", status)
	}
	if status, body := b.get("/no-such-page"); status != http.StatusNotFound || !strings.Contains(body, "Not found") {
		t.Errorf("GET /no-such-page: %d", status)
	}
	// Imperial units show through every number.
	if res, body := b.post("/profile", url.Values{"weight": {"61"}, "age": {"36"}, "sex": {"female"}, "resting-hr": {"50"}, "max-hr": {"186"},
		"units": {"imperial"}, "timezone": {"Etc/GMT-1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("profile to imperial: %d %.300s", res.StatusCode, body)
	}
	if _, body := b.get("/runs/" + itoa(run)); !strings.Contains(body, " mi") || !strings.Contains(body, "/mi") || strings.Contains(body, " km<") {
		t.Errorf("run page in imperial units still shows km")
	}
	// The athlete's own pages under /athletes/{own}/ work too.
	if status, _ := b.get("/athletes/" + itoa(e.ana.ID) + "/runs"); status != http.StatusOK {
		t.Errorf("own pages under /athletes/: %d", status)
	}
}

// stripJSONScripts removes the <script type="application/json"> blocks
// and the external scripts, leaving any inline script behind.
func stripJSONScripts(s string) string {
	s = regexp.MustCompile(`(?s)<script type="application/json"[^>]*>.*?</script>`).ReplaceAllString(s, "")
	return regexp.MustCompile(`<script src="[^"]*"[^>]*></script>`).ReplaceAllString(s, "")
}

func TestPagesSignedOut(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for path := range pagePaths(1) {
		for _, p := range []string{path, "/athletes/1" + strings.TrimSuffix(path, "/")} {
			res, err := c.Get(e.ts.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login?next=") {
				t.Errorf("signed out GET %s: %d %s, want 303 to /login", p, res.StatusCode, res.Header.Get("Location"))
			}
		}
	}
	res, err := c.Get(e.ts.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "Welcome back") || !strings.Contains(string(body), "name=\"password\"") {
		t.Errorf("GET /login: %d", res.StatusCode)
	}
	// A wrong password shows the form again with the message.
	res = e.postLogin("ana", "not the password", nil)
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), "wrong user name or password") || !strings.Contains(string(body), "value=\"ana\"") {
		t.Errorf("wrong password: %d", res.StatusCode)
	}
}

func TestPagesOfAnotherAthleteAreNotFound(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	run := e.latestRun(e.ana.ID)
	bo := e.signIn(e.bo)
	for _, p := range []string{"/runs/" + itoa(run), "/athletes/1/", "/athletes/1", "/athletes/1/runs", "/athletes/1/runs/" + itoa(run),
		"/athletes/1/soreness", "/?athlete=1", "/load?athlete=1", "/athletes/3/week"} {
		if status, body := bo.get(p); status != http.StatusNotFound {
			t.Errorf("Bo GET %s: %d, want 404\n%.300s", p, status, body)
		}
	}
	// Nor can Bo change Ana's data.
	for _, p := range []string{"/athletes/1/checkin", "/athletes/1/runs/" + itoa(run) + "/delete", "/athletes/1/checklist", "/runs/" + itoa(run) + "/delete"} {
		res, _ := bo.post(p, url.Values{"item": {"sleep"}, "done": {"1"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("Bo POST %s: %d, want 404", p, res.StatusCode)
		}
	}
	if _, err := e.db.ForAthlete(e.ana.ID).FindActivityByID(context.Background(), run); err != nil {
		t.Errorf("Ana's run after Bo's delete: %v", err)
	}
}

func TestCoachViewsAreReadOnly(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	run := e.latestRun(e.ana.ID)
	coach := e.signIn(e.coach)
	forms := regexp.MustCompile(`<form[^>]*method="post"[^>]*action="([^"]*)"`)
	for path, want := range pagePaths(run) {
		if path == "/upload" {
			continue
		}
		p := "/athletes/1" + path
		status, body := coach.get(p)
		if status != http.StatusOK {
			t.Errorf("coach GET %s: %d\n%.400s", p, status, body)
			continue
		}
		for _, w := range want {
			w = strings.ReplaceAll(w, "\"/runs/", "\"/athletes/1/runs/")
			if strings.HasPrefix(w, "/runs/") {
				w = "/athletes/1" + w
			}
			if !strings.Contains(body, w) {
				t.Errorf("coach GET %s: no %q", p, w)
			}
		}
		if !strings.Contains(body, "read-only") || !strings.Contains(body, "Viewing <strong>ana</strong>") {
			t.Errorf("coach GET %s: no read-only banner", p)
		}
		for _, m := range forms.FindAllStringSubmatch(body, -1) {
			if m[1] != "/logout" {
				t.Errorf("coach GET %s: a form posting to %s", p, m[1])
			}
		}
		if n := strings.Count(body, "<form"); n != 1 {
			t.Errorf("coach GET %s: %d forms, want only the sign-out form", p, n)
		}
	}
	if status, _ := coach.get("/athletes/1/upload"); status != http.StatusForbidden {
		t.Errorf("coach GET upload: %d, want 403", status)
	}
	for _, p := range []string{"/athletes/1/checkin", "/checkin?athlete=1", "/athletes/1/checklist", "/athletes/1/profile",
		"/athletes/1/runs/" + itoa(run) + "/delete", "/athletes/1/week/calendar"} {
		res, _ := coach.post(p, url.Values{"item": {"sleep"}, "done": {"1"}, "symptoms": {"chest-pain"}})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("coach POST %s: %d, want 403", p, res.StatusCode)
		}
	}
	// The coach's table lists Ana (who granted access), not Bo.
	status, body := coach.get("/coach")
	if status != http.StatusOK || !strings.Contains(body, `href="/athletes/1"`) || strings.Contains(body, ">bo<") {
		t.Errorf("GET /coach: %d\n%.2000s", status, body)
	}
}

func TestCoachTableSortedByNeed(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	ctx := context.Background()
	e.seed(e.ana.ID)
	e.seed(e.bo.ID)
	// A third athlete with a red flag but no runs, and Bo with a worse
	// readiness than Ana.
	cy := &account.User{Name: "cy", Role: account.Athlete}
	if err := e.db.CreateUser(ctx, cy); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{e.bo.ID, cy.ID} {
		if err := e.db.Grant(ctx, id, e.coach.ID); err != nil {
			t.Fatal(err)
		}
	}
	today := time.Now().In(time.FixedZone("Etc/GMT-1", 3600))
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, today.Location())
	save := func(id int64, c recovery.CheckIn) {
		if err := e.db.ForAthlete(id).SaveCheckIn(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	utc := time.Now().UTC() // cy's profile has no zone: her day is UTC's, never ahead of now
	save(cy.ID, checkIn(time.Date(utc.Year(), utc.Month(), utc.Day(), 0, 0, 0, 0, time.UTC), nil, "chest-pain"))
	save(e.bo.ID, checkIn(day, map[recovery.Muscle]float64{"quads": 9, "calves": 9, "hamstrings": 8}))
	coach := e.signIn(e.coach)
	status, body := coach.get("/coach")
	if status != http.StatusOK {
		t.Fatalf("GET /coach: %d", status)
	}
	order := regexp.MustCompile(`<th scope="row"><a href="/athletes/(\d+)">`).FindAllStringSubmatch(body, -1)
	var got []string
	for _, m := range order {
		got = append(got, m[1])
	}
	want := []string{itoa(cy.ID), itoa(e.bo.ID), itoa(e.ana.ID)}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("coach table order %v, want %v (red flag, then lowest readiness)", got, want)
	}
	if !strings.Contains(body, "flag-urgent") {
		t.Errorf("coach table: no red-flag badge")
	}
}

// checkIn is a check-in of day with soreness and symptoms, the rest absent.
func checkIn(day time.Time, sore map[recovery.Muscle]float64, symptoms ...string) recovery.CheckIn {
	c := recovery.CheckIn{Date: day, Soreness: sore, Symptoms: symptoms}
	c.SleepH, c.SleepQuality, c.Stress, c.RestingHR, c.HRVms = nan(), nan(), nan(), nan(), nan()
	if c.Soreness == nil {
		c.Soreness = map[recovery.Muscle]float64{}
	}
	if c.Symptoms == nil {
		c.Symptoms = []string{}
	}
	return c
}

func nan() float64 { return math.NaN() }

func TestChecklistTickPersists(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	b := e.signIn(e.ana)
	_, body := b.get("/")
	items := regexp.MustCompile(`name="item" value="([^"]+)">\s*<input type="hidden" name="done" value="1">`).FindAllStringSubmatch(body, -1)
	if len(items) < 2 {
		t.Fatalf("Today has %d untickable checklist items, want 2 or more", len(items))
	}
	first, second := items[0][1], items[1][1]
	res, _ := b.post("/checklist", url.Values{"item": {first}, "done": {"1"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/") {
		t.Fatalf("tick: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	// htmx gets the item's new form.
	req, _ := http.NewRequest("POST", e.ts.URL+"/checklist", strings.NewReader(url.Values{"item": {second}, "done": {"1"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	req.Header.Set("X-CSRF-Token", b.csrf)
	req.AddCookie(b.cookie)
	hres, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	frag, _ := io.ReadAll(hres.Body)
	hres.Body.Close()
	if hres.StatusCode != http.StatusOK || !strings.Contains(string(frag), "is-done") || strings.Contains(string(frag), "<html") {
		t.Errorf("htmx tick: %d %s", hres.StatusCode, frag)
	}
	// Reload: both are ticked.
	_, body = b.get("/")
	for _, id := range []string{first, second} {
		if !regexp.MustCompile(`class="check is-done"[^>]*>\s*<input type="hidden" name="csrf_token" value="[^"]*">\s*<input type="hidden" name="item" value="` + regexp.QuoteMeta(id) + `">`).MatchString(body) {
			t.Errorf("after reload, %s is not ticked", id)
		}
	}
	if !strings.Contains(body, "2 of ") {
		t.Errorf("no \"2 of N done\" count")
	}
	// Untick.
	b.post("/checklist", url.Values{"item": {first}, "done": {"0"}})
	if ticks, _ := e.db.ForAthlete(e.ana.ID).FindTicks(context.Background(), time.Now().In(time.FixedZone("", 3600)).Format("2006-01-02")); len(ticks) != 1 {
		t.Errorf("after unticking one: %d ticks, want 1", len(ticks))
	}
	if res, _ := b.post("/checklist", url.Values{"item": {"not-a-step"}, "done": {"1"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown step: %d, want 400", res.StatusCode)
	}
	if res, _ := b.post("/checklist", url.Values{"item": {first}, "done": {"1"}, "date": {"tomorrow"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("date=tomorrow: %d, want 400", res.StatusCode)
	}
}

// TestCheckInKeepsHalfPoints: a soreness of 3.5 on the check-in form is
// stored as 3.5 and shown back as 3.5, on the form's slider (which steps
// in half points) and on Today.
func TestCheckInKeepsHalfPoints(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	b := e.signIn(e.ana)
	res, _ := b.post("/checkin", url.Values{"soreness-quads": {"3.5"}, "soreness-calves": {"0.5"}, "soreness-feet": {"7"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("check-in: %d", res.StatusCode)
	}
	now := time.Now()
	cs, err := e.db.ForAthlete(e.ana.ID).FindCheckIns(context.Background(), now.AddDate(0, 0, -2), now.AddDate(0, 0, 2), time.UTC)
	if err != nil || len(cs) != 1 {
		t.Fatalf("stored check-ins %+v, %v", cs, err)
	}
	if got := cs[0].Soreness; got[recovery.Quads] != 3.5 || got[recovery.Calves] != 0.5 || got[recovery.Feet] != 7 {
		t.Errorf("stored soreness %v, want quads 3.5, calves 0.5, feet 7", got)
	}
	_, form := b.get("/checkin")
	for muscle, v := range map[string]string{"quads": "3.5", "calves": "0.5", "feet": "7", "shins": "0"} {
		want := regexp.MustCompile(`name="soreness-` + muscle + `" type="range" min="0" max="10" step="0.5" value="` + regexp.QuoteMeta(v) + `"`)
		if !want.MatchString(form) {
			t.Errorf("check-in form: no half-point slider for %s at %s", muscle, v)
		}
	}
	if _, today := b.get("/"); !strings.Contains(today, "Quads 3.5 of 10") {
		t.Error("Today does not show quads at 3.5")
	}
}

func TestCheckInRedFlagShowsOnToday(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	b := e.signIn(e.ana)
	_, before := b.get("/")
	if strings.Contains(before, "redflag-urgent") {
		t.Fatal("an urgent red flag before the check-in")
	}
	form := url.Values{"soreness-quads": {"6"}, "soreness-calves": {"3"}, "sleep": {"6.5"}, "sleep-quality": {"3"}, "stress": {"2"},
		"resting-hr": {"52"}, "hrv": {"58"}, "symptoms": {"chest-pain"}, "weight-before": {"61.4"}, "weight-after": {"60.2"}, "rpe": {"6"}}
	res, _ := b.post("/checkin", form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("check-in: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	// The redirect carries the flash cookie: follow it like a browser.
	req, _ := http.NewRequest("GET", e.ts.URL+"/", nil)
	req.AddCookie(b.cookie)
	for _, c := range res.Cookies() {
		req.AddCookie(c)
	}
	gres, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(gres.Body)
	gres.Body.Close()
	body := string(page)
	for _, w := range []string{"redflag-urgent", "Get medical help now", "Chest pain, pressure or a racing, irregular heartbeat", "Check-in saved", "Drink", "from today’s check-in"} {
		if !strings.Contains(body, w) {
			t.Errorf("Today after a chest-pain check-in: no %q", w)
		}
	}
	if i, j := strings.Index(body, "redflag-urgent"), strings.Index(body, "class=\"card hero\""); i < 0 || j < 0 || i > j {
		t.Errorf("the red flag is not above readiness")
	}
	// The score follows the recommendation into the rest band, and the
	// page says why.
	var score int
	if m := regexp.MustCompile(`aria-label="Readiness: (\d+) out of 100"`).FindStringSubmatch(body); m == nil {
		t.Error("no readiness gauge")
	} else if score, _ = strconv.Atoi(m[1]); score > recovery.RedFlagMaxScore {
		t.Errorf("readiness %d with a chest-pain red flag, want at most %d", score, recovery.RedFlagMaxScore)
	}
	for _, w := range []string{"Held by today’s call", present.NoTraining} {
		if !strings.Contains(body, w) {
			t.Errorf("Today with a red flag: no %q", w)
		}
	}
	// The week is rest every day, and says why.
	_, week := b.get("/week")
	for _, w := range []string{"redflag-urgent", "get medical care today"} {
		if !strings.Contains(week, w) {
			t.Errorf("Week after a chest-pain check-in: no %q", w)
		}
	}
	if n := strings.Count(week, `class="day day-rest`); n != 7 {
		t.Errorf("Week after a chest-pain check-in: %d rest days, want 7", n)
	}
	// The form now shows the day's answers; the run got its rating.
	_, ci := b.get("/checkin")
	if !strings.Contains(ci, `value="chest-pain" checked`) || !strings.Contains(ci, `value="6.5"`) {
		t.Errorf("check-in form does not show today's answers")
	}
	rpes, _ := e.db.ForAthlete(e.ana.ID).FindRPEs(context.Background())
	if rpes[e.latestRun(e.ana.ID)] != 6 {
		t.Errorf("RPE of the latest run: %v", rpes)
	}
	// A post without the field keeps the rating; "Not rated" removes it.
	b.post("/checkin", url.Values{"stress": {"2"}})
	if rpes, _ = e.db.ForAthlete(e.ana.ID).FindRPEs(context.Background()); rpes[e.latestRun(e.ana.ID)] != 6 {
		t.Errorf("a check-in without an effort rating changed it: %v", rpes)
	}
	if res, _ := b.post("/checkin", url.Values{"rpe": {""}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("check-in with \"Not rated\": %d", res.StatusCode)
	}
	rpes, _ = e.db.ForAthlete(e.ana.ID).FindRPEs(context.Background())
	if _, rated := rpes[e.latestRun(e.ana.ID)]; rated {
		t.Errorf("\"Not rated\" kept the latest run's rating: %v", rpes)
	}
	if _, ci := b.get("/checkin"); !strings.Contains(ci, `<option value="" selected>Not rated</option>`) {
		t.Error("the form does not show the run as not rated")
	}
	// A bad value shows the form again with the message, saving nothing new.
	res, body = b.post("/checkin", url.Values{"sleep": {"30"}, "soreness-quads": {"2"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "enter a number from 0 to 24") || !strings.Contains(body, "aria-invalid=\"true\"") {
		t.Errorf("bad check-in: %d", res.StatusCode)
	}
}

func TestUploadWithoutJavaScript(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	b := e.signIn(e.bo)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range []string{"fit/fitparse__activity-small-fenix2-run.fit", "broken/madehere__fenix2-run-truncated-half.fit"} {
		data, err := os.ReadFile(filepath.Join(testdataDir, f))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := mw.CreateFormFile("files", filepath.Base(f))
		w.Write(data)
	}
	mw.Close()
	res := b.do("POST", "/upload", bytes.NewReader(buf.Bytes()), mw.FormDataContentType())
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	body := string(page)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d\n%.500s", res.StatusCode, body)
	}
	for _, w := range []string{"1 activity imported", "1 failed", "fitparse__activity-small-fenix2-run.fit", "madehere__fenix2-run-truncated-half.fit", "is-fail", "is-ok"} {
		if !strings.Contains(body, w) {
			t.Errorf("upload results: no %q", w)
		}
	}
	// No file chosen: the page again, with the message and the size note.
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	mw.WriteField("note", "nothing")
	mw.Close()
	res = b.do("POST", "/upload", bytes.NewReader(buf.Bytes()), mw.FormDataContentType())
	page, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if body := string(page); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Choose one or more files first.") || !strings.Contains(body, "Up to 256 MB at a time") {
		t.Errorf("upload without files: %d\n%.500s", res.StatusCode, body)
	}
	// The same file again, as app.js sends it: JSON, a duplicate.
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	data, _ := os.ReadFile(filepath.Join(testdataDir, "fit/fitparse__activity-small-fenix2-run.fit"))
	w, _ := mw.CreateFormFile("files", "run.fit")
	w.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", e.ts.URL+"/upload", bytes.NewReader(buf.Bytes()))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", b.csrf)
	req.AddCookie(b.cookie)
	jres, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var rep ingest.Report
	err = json.NewDecoder(jres.Body).Decode(&rep)
	jres.Body.Close()
	if err != nil || jres.StatusCode != http.StatusOK || rep.Duplicates != 1 || rep.Imported != 0 {
		t.Errorf("JSON upload: %d %+v %v", jres.StatusCode, rep, err)
	}
	// The run page of the real file: laps, zones, route, plan.
	run := e.latestRun(e.bo.ID)
	status, body := b.get("/runs/" + itoa(run))
	if status != http.StatusOK {
		t.Fatalf("run page: %d", status)
	}
	for _, w := range []string{"Laps", "9.01", "data-route", "Recovery plan", "Heart-rate zones", "Where the sources disagree"} {
		if !strings.Contains(body, w) {
			t.Errorf("run page of a real FIT file: no %q", w)
		}
	}
	// Delete it: the form asks first (a details box), the post deletes.
	res2, _ := b.post("/runs/"+itoa(run)+"/delete", nil)
	if res2.StatusCode != http.StatusSeeOther || res2.Header.Get("Location") != "/runs" {
		t.Errorf("delete: %d %s", res2.StatusCode, res2.Header.Get("Location"))
	}
	if status, _ := b.get("/runs/" + itoa(run)); status != http.StatusNotFound {
		t.Errorf("deleted run: %d, want 404", status)
	}
}

func TestProfileForms(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	b := e.signIn(e.bo)
	ctx := context.Background()
	res, body := b.post("/profile", url.Values{"weight": {"heavy"}, "age": {"40"}, "units": {"metric"}, "timezone": {"Mars/Olympus"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Enter a number from 20 to 300") || !strings.Contains(body, "Not a time zone") {
		t.Errorf("bad profile: %d", res.StatusCode)
	}
	res, _ = b.post("/profile", url.Values{"weight": {"70.5"}, "age": {"40"}, "sex": {"male"}, "resting-hr": {"48"}, "max-hr": {""},
		"units": {"imperial"}, "timezone": {"Europe/Berlin"}, "conditions": {"diabetes"}, "equipment": {"foam-roller", "bike"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("profile: %d", res.StatusCode)
	}
	p, _ := e.db.ForAthlete(e.bo.ID).FindProfile(ctx)
	if p.WeightKg != 70.5 || p.Age != 40 || p.Units != "imperial" || p.Timezone != "Europe/Berlin" || len(p.Conditions) != 1 || len(p.Equipment) != 2 {
		t.Errorf("saved profile %+v", p)
	}
	// Imperial now: the form shows pounds.
	_, body = b.get("/profile")
	if !strings.Contains(body, `value="155.4"`) || !strings.Contains(body, ">lb<") {
		t.Errorf("profile in imperial units does not show pounds")
	}
	// The browser's limits are the server's: 45-660 lb (20-300 kg).
	if !strings.Contains(body, `name="weight" type="number" value="155.4" min="45" max="660"`) {
		t.Errorf("the weight field does not take 45 to 660 lb")
	}
	// Shoes: add, default, retire.
	b.post("/profile/shoes", url.Values{"action": {"add"}, "name": {"Pegasus 41"}, "limit": {"400"}})
	b.post("/profile/shoes", url.Values{"action": {"default"}, "name": {"Pegasus 41"}})
	shoes, _ := e.db.ForAthlete(e.bo.ID).FindShoes(ctx)
	if len(shoes) != 1 || !shoes[0].Default || shoes[0].LimitKm < 643 || shoes[0].LimitKm > 644 {
		t.Errorf("shoes %+v (400 mi limit, default)", shoes)
	}
	b.post("/profile/shoes", url.Values{"action": {"retire"}, "name": {"Pegasus 41"}})
	if shoes, _ = e.db.ForAthlete(e.bo.ID).FindShoes(ctx); !shoes[0].Retired {
		t.Errorf("shoe not retired")
	}
	// API tokens: created and shown once, then listed, then deleted.
	res, body = b.post("/profile/tokens", url.Values{"name": {"sync script"}})
	tok := regexp.MustCompile(`value="(rbd_[^"]+)"`).FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || tok == nil {
		t.Fatalf("new token: %d", res.StatusCode)
	}
	if r, _ := e.api(tok[1], "GET", "/api/v1/today", nil); r.StatusCode != http.StatusOK {
		t.Errorf("the new token does not work: %d", r.StatusCode)
	}
	_, body = b.get("/profile")
	if strings.Contains(body, tok[1]) || !strings.Contains(body, "sync script") {
		t.Errorf("the token is shown again, or not listed")
	}
	del := regexp.MustCompile(`action="(/profile/tokens/\d+/delete)"`).FindAllStringSubmatch(body, -1)
	if len(del) == 0 {
		t.Fatal("no delete form for the token")
	}
	for _, d := range del {
		b.post(d[1], nil)
	}
	if r, _ := e.api(tok[1], "GET", "/api/v1/today", nil); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("deleted token still works: %d", r.StatusCode)
	}
}

func TestWeekCalendarAddressShownOnce(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	b := e.signIn(e.ana)
	res, body := b.post("/week/calendar", nil)
	u := regexp.MustCompile(`value="(http://[^"]+/calendar/[^"]+\.ics)"`).FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || u == nil {
		t.Fatalf("new calendar address: %d", res.StatusCode)
	}
	_, body = b.get("/week")
	if strings.Contains(body, u[1]) || !strings.Contains(body, "Stop this feed") {
		t.Errorf("the calendar address is shown again, or the feed is not listed")
	}
	toks, _ := e.db.FindTokens(context.Background(), e.ana.ID)
	if len(toks) == 0 || toks[len(toks)-1].Scope != account.ScopeCalendar {
		t.Errorf("no calendar token: %+v", toks)
	}
	// The address serves the week as iCalendar.
	res, err := http.Get(strings.Replace(u[1], "http://example.com", e.ts.URL, 1))
	if err != nil {
		t.Fatal(err)
	}
	ics, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(ics), "BEGIN:VCALENDAR") {
		t.Errorf("GET the calendar address: %d %.200s", res.StatusCode, ics)
	}
	// A new address replaces the old one.
	_, body = b.post("/week/calendar", nil)
	if u2 := regexp.MustCompile(`value="(http://[^"]+/calendar/[^"]+\.ics)"`).FindStringSubmatch(body); u2 == nil || u2[1] == u[1] {
		t.Fatalf("second calendar address: %v", u2)
	}
	if res, err = http.Get(u[1]); err != nil || res.StatusCode != http.StatusNotFound {
		t.Errorf("the replaced address still works: %v %v", res.StatusCode, err)
	}
}

// TestPageWeight checks that the heaviest page, with its scripts and
// styles, stays under 300 KB.
func TestPageWeight(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	b := e.signIn(e.ana)
	assets := regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`)
	for _, p := range []string{"/", "/runs/" + itoa(e.latestRun(e.ana.ID)), "/soreness", "/load"} {
		_, body := b.get(p)
		total := len(body)
		for _, m := range assets.FindAllStringSubmatch(body, -1) {
			_, a := b.get(strings.ReplaceAll(m[1], "&amp;", "&"))
			total += len(a)
		}
		// uPlot is loaded on demand by app.js on pages with charts.
		if strings.Contains(body, "data-chart") {
			if m := regexp.MustCompile(`data-uplot="([^"]+)"`).FindStringSubmatch(body); m != nil {
				_, a := b.get(strings.ReplaceAll(m[1], "&amp;", "&"))
				total += len(a)
			}
		}
		t.Logf("%s: %d KB with its assets", p, total>>10)
		if total > 300<<10 {
			t.Errorf("%s weighs %d KB with its assets, over 300 KB", p, total>>10)
		}
	}
}

// TestLoadPageFormAgreesWithReadiness: the Form tile of the load page
// says what the form factor of Today's readiness says (good is "fresh",
// fair "slightly tired", poor "carrying fatigue", unknown "not enough
// history yet"): for Ana's season, and for Bo's one run of years ago.
func TestLoadPageFormAgreesWithReadiness(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	im := &ingest.Importer{Store: e.db.ForAthlete(e.bo.ID), Decoders: cli.Decoders()}
	if rep, err := im.Import(context.Background(), []string{filepath.Join(testdataDir, "fit/fitparse__activity-small-fenix2-run.fit")}); err != nil || rep.Imported != 1 {
		t.Fatalf("import Bo's run: %v %+v", err, rep)
	}
	factor := regexp.MustCompile(`class="factor st-(\w+)">\s*<span class="factor-dot" aria-hidden="true"></span>\s*<div class="factor-body">\s*<p class="factor-head"><span class="factor-name">Form `)
	note := regexp.MustCompile(`<dt>Form</dt>\s*<dd>.*?</dd>\s*<dd class="tile-note">([^<]*)</dd>`)
	words := map[string]string{"good": "fresh", "fair": "slightly tired", "poor": "carrying fatigue", "unknown": "not enough history yet"}
	for _, u := range []*account.User{e.ana, e.bo} {
		b := e.signIn(u)
		_, today := b.get("/")
		m := factor.FindStringSubmatch(today)
		if m == nil {
			t.Fatalf("%s: Today shows no form factor", u.Name)
		}
		_, page := b.get("/load")
		if got := note.FindStringSubmatch(page); got == nil || got[1] != words[m[1]] {
			t.Errorf("%s: load page Form note %v, want %q (readiness rates form %s)", u.Name, got, words[m[1]], m[1])
		}
	}
}

// TestRunPageItems: the run page shows the plan as the CLI does: one card
// per item (present.Items, a group of alternatives as one, its members'
// ids in data-steps), each said to happen in present.StepWhen's words,
// legs ready in present.LegsReady's words, what earlier runs had left,
// and the left-out techniques by name, those that need equipment linked
// to the profile's equipment. With a red flag the plan is on hold, and
// the run page and Today link where to clear it.
func TestRunPageItems(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	run := itoa(e.latestRun(e.ana.ID))
	b := e.signIn(e.ana)
	res, data := e.api(e.anaToken, "GET", "/api/v1/plan/"+run, nil)
	var plan present.PlanJSON
	if res.StatusCode != http.StatusOK || json.Unmarshal(data, &plan) != nil {
		t.Fatalf("plan: %d %.300s", res.StatusCode, data)
	}
	_, body := b.get("/runs/" + run)
	page := html.UnescapeString(body)
	items := present.Items(present.PlanOrder(present.StepsOf(plan.Steps)))
	if n := strings.Count(page, `<article class="step`); n != len(items) {
		t.Errorf("the run page shows %d cards for the plan's %d items", n, len(items))
	}
	q := regexp.QuoteMeta
	for _, it := range items {
		ids := []string{}
		for _, s := range it.Steps {
			ids = append(ids, s.ID)
		}
		card := `data-step="` + q(ids[0]) + `">\s*<header class="step-head">\s*<h4 class="step-title">` + q(it.Title()) + `</h4>`
		if it.Group != nil {
			card = `data-steps="` + q(strings.Join(ids, " ")) + `" ` + card
		}
		if !regexp.MustCompile(`(?s)` + card + `.*?class="step-when">.*?<span>` + q(present.StepWhen(it.Steps[0])) + `[ <]`).MatchString(page) {
			t.Errorf("no card for %q (%s) said to happen %q", it.Title(), ids, present.StepWhen(it.Steps[0]))
		}
	}
	// The runner's now, in their zone.
	legs := &coach.Plan{Recovery: recovery.Recovery(plan.Recovery), OnHold: plan.OnHold} // what LegsReady reads
	for _, l := range present.LegsReady(legs, time.Now().In(sim.DefaultRunner().Profile().Location())) {
		if !strings.Contains(page, "<dt>"+l.Label+"</dt><dd>"+l.When+` <span class="kv-note">`+l.Note+"</span>") {
			t.Errorf("legs ready: no %q %q (%s)", l.Label, l.When, l.Note)
		}
	}
	if len(plan.EarlierSoreness) > 0 && !strings.Contains(page, present.EarlierSorenessNote(present.MuscleValuesOf(plan.EarlierSoreness))+".") {
		t.Errorf("no %q", present.EarlierSorenessNote(present.MuscleValuesOf(plan.EarlierSoreness)))
	}
	if len(plan.Skipped) == 0 {
		t.Fatal("the simulated runner's plan leaves nothing out: the test needs one that needs equipment")
	}
	for _, s := range plan.Skipped {
		want := "<dt>" + s.Name + "</dt>"
		if len(s.Needs) > 0 {
			want += `<dd>N` + s.Reason[1:] + ` <span class="kv-note"><a href="/profile#equipment">`
		}
		if !strings.Contains(page, want) {
			t.Errorf("left out: no %q", want)
		}
	}
	if _, prof := b.get("/profile"); !strings.Contains(prof, `id="equipment"`) || !strings.Contains(prof, `id="conditions"`) {
		t.Error("the profile has no equipment or conditions to link to")
	}

	// A red flag: on hold, with where to clear it.
	if res, _ := b.post("/checkin", url.Values{"symptoms": {"bone-pain"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("check-in: %d", res.StatusCode)
	}
	_, body = b.get("/runs/" + run)
	page = html.UnescapeString(body)
	clear := `(<a href="/checkin">on the check-in page</a>).`
	if !regexp.MustCompile(`data-testid="legs-on-hold"><strong>` + q(present.OnHoldLabel) + `\.</strong> To clear it: [^<]*` + q(clear)).MatchString(page) {
		t.Errorf("the run page's legs ready on hold does not link the check-in:\n%s", page[strings.Index(page, `id="ready-h"`):][:600])
	}
	_, today := b.get("/")
	if !strings.Contains(html.UnescapeString(today), clear+"</p>") {
		t.Error("Today's red flag does not link the check-in")
	}
}
