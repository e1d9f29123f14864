package server_test

// Fuzz targets for every form and JSON body the server parses. Each runs
// its inputs through the real handler chain of an in-process server on a
// real SQLite file, where Ana has a simulated week (so that check-ins,
// ticks, ratings and shoes meet real data), and fails on any 5xx: a
// panic (recovered as a 500) or an error the server did not expect.
// `go test` runs the seeds and the crashers kept in testdata/fuzz; .ci/run
// fuzzes each target for a bounded time (go test -fuzz=^FuzzX$
// -fuzztime=20s ./server/).

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/sim"
)

// fuzzEnv is the server a fuzz target sends its inputs to.
type fuzzEnv struct {
	e      *testEnv
	b      *browser
	run    int64        // Ana's newest activity
	form   *http.Cookie // a sign-in form cookie
	client *http.Client
}

func newFuzzEnv(f *testing.F) *fuzzEnv {
	e := newTestEnv(f, withTemplates)
	seedLight(f, e)
	fe := &fuzzEnv{e: e, b: e.signIn(e.ana), run: e.latestRun(e.ana.ID),
		client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	res, err := http.Get(e.ts.URL + "/login")
	if err != nil {
		f.Fatal(err)
	}
	res.Body.Close()
	for _, c := range res.Cookies() {
		if strings.HasSuffix(c.Name, "rebound_login") {
			fe.form = c
		}
	}
	return fe
}

// seedLight gives Ana the simulated runner's profile, the last two
// workouts of a week ending now (real FIT files through the import path)
// and the week's check-ins up to yesterday: enough for plans,
// checklists, ratings and shoes to meet real data, and little enough that
// an input takes milliseconds.
func seedLight(f *testing.F, e *testEnv) {
	ctx := context.Background()
	r := sim.DefaultRunner()
	now := time.Now()
	week := r.Season(now.AddDate(0, 0, -6), 1)
	var done []sim.Workout
	for _, w := range week {
		if w.Sport != "" && w.Start.Before(now.Add(-4*time.Hour)) {
			done = append(done, w)
		}
	}
	if len(done) > 2 {
		done = done[len(done)-2:]
	}
	dir := f.TempDir()
	if _, err := r.WriteWorkouts(dir, done); err != nil {
		f.Fatal(err)
	}
	st := e.db.ForAthlete(e.ana.ID)
	if err := st.SaveProfile(ctx, r.Profile()); err != nil {
		f.Fatal(err)
	}
	rep, err := (&ingest.Importer{Store: st, Decoders: cli.Decoders()}).Import(ctx, []string{dir})
	if err != nil || rep.Imported == 0 || len(rep.Failed) > 0 {
		f.Fatalf("import: %v %+v", err, rep)
	}
	for _, c := range r.CheckIns(week) {
		if !c.Date.Before(now.AddDate(0, 0, -1)) {
			break
		}
		if err := st.SaveCheckIn(ctx, c.Recovery()); err != nil {
			f.Fatal(err)
		}
	}
}

// How a fuzzed body is sent.
const (
	asAPI     = iota // with Ana's API token
	asBrowser        // with Ana's session cookie and CSRF header
	asSignIn         // as the sign-in form, with its cookie and token
)

// send sends body to path and fails t on a 5xx or a dropped connection.
func (fe *fuzzEnv) send(t *testing.T, how int, method, path, contentType, body string) {
	t.Helper()
	u := fe.e.ts.URL + path
	if how == asSignIn {
		body += "&csrf_token=" + url.QueryEscape(fe.form.Value)
	}
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s %q: %v", method, path, err)
	}
	req.Header.Set("Content-Type", contentType)
	switch how {
	case asAPI:
		req.Header.Set("Authorization", "Bearer "+fe.e.anaToken)
	case asBrowser:
		req.AddCookie(fe.b.cookie)
		req.Header.Set("X-CSRF-Token", fe.b.csrf)
	case asSignIn:
		req.AddCookie(fe.form)
	}
	res, err := fe.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s with body %q: %v", method, path, body, err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 500 {
		t.Fatalf("%s %s with body %q: %d %.500s", method, path, body, res.StatusCode, answer)
	}
}

// fuzzBody fuzzes the body of one route from seeds.
func fuzzBody(f *testing.F, how int, method, path string, seeds ...string) {
	fe := newFuzzEnv(f)
	path = strings.ReplaceAll(path, "{run}", itoa(fe.run))
	ct := "application/json"
	if how != asAPI {
		ct = "application/x-www-form-urlencoded"
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		fe.send(t, how, method, path, ct, body)
	})
}

func FuzzAPICheckIn(f *testing.F) {
	fuzzBody(f, asAPI, "POST", "/api/v1/checkins",
		`{"soreness":{"quads":4,"calves":2.5},"sleep_h":7.5,"sleep_quality":4,"stress":2,"resting_hr":52,"hrv_ms":60}`,
		`{"date":"2026-01-02","symptoms":["chest-pain"],"rpe":{"latest":7}}`,
		`{"soreness":{"quads":1e308},"sleep_h":-1}`, `{"rpe":{"99999999999999999999":3}}`, `{}`, `[]`, `null`, ``)
}

func FuzzAPIProfile(f *testing.F) {
	fuzzBody(f, asAPI, "PUT", "/api/v1/profile",
		`{"weight_kg":61,"age":34,"sex":"female","resting_hr":48,"max_hr":188,"units":"metric","timezone":"Europe/Berlin","conditions":["injury"],"equipment":["foam-roller"]}`,
		`{"units":"imperial","timezone":"../../etc/passwd"}`, `{"age":-1,"max_hr":1e999}`, `{"conditions":[""]}`, `{}`)
}

func FuzzAPIGear(f *testing.F) {
	fuzzBody(f, asAPI, "POST", "/api/v1/gear",
		`{"name":"Pegasus 40","limit_km":700,"default":true}`, `{"name":"Pegasus 40","retired":true,"default":true}`,
		`{"name":"","limit_km":-5}`, `{"name":"x","limit_km":NaN}`, `{"name":"\u0000"}`)
}

func FuzzAPIActivityGear(f *testing.F) {
	fuzzBody(f, asAPI, "PUT", "/api/v1/activities/{run}/gear", `{"gear":"Pegasus 40"}`, `{"gear":""}`, `{"gear":null}`)
}

func FuzzAPIActivityRPE(f *testing.F) {
	fuzzBody(f, asAPI, "PUT", "/api/v1/activities/{run}/rpe", `{"rpe":7}`, `{"rpe":10.5}`, `{"rpe":-0}`, `{"rpe":"7"}`)
}

func FuzzAPIToken(f *testing.F) {
	fuzzBody(f, asAPI, "POST", "/api/v1/tokens", `{"name":"backup script"}`, `{"name":""}`, `{"name":"`+strings.Repeat("é", 101)+`"}`)
}

// FuzzAPITick fuzzes the step in the path as well as the body.
func FuzzAPITick(f *testing.F) {
	fe := newFuzzEnv(f)
	for _, s := range [][2]string{{"cool-down", `{"done":true}`}, {"sleep", `{"done":false,"date":"2026-01-01"}`},
		{"..", `{"done":true,"date":"9999-99-99"}`}, {"%00", `{}`}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, step, body string) {
		fe.send(t, asAPI, "PUT", "/api/v1/checklist/"+url.PathEscape(step), "application/json", body)
	})
}

func FuzzLoginForm(f *testing.F) {
	fuzzBody(f, asSignIn, "POST", "/login", "name=ana&password=wrong+password&next=%2Fruns",
		"name=&password=", "name=ana&next=%2F%09%2Fevil.example", "name=%ff%fe&password=%00", "next=javascript%3Aalert(1)", "%zz")
}

func FuzzCheckInForm(f *testing.F) {
	fuzzBody(f, asBrowser, "POST", "/checkin",
		"soreness-quads=4&soreness-calves=2.5&sleep=7.5&sleep-quality=4&stress=2&resting-hr=52&hrv=60&rpe=7&weight-before=61&weight-after=60.2",
		"symptoms=chest-pain&symptoms=bone-pain", "sleep=1e400&soreness-quads=NaN", "sleep=7,5&rpe=none", "")
}

func FuzzChecklistForm(f *testing.F) {
	fuzzBody(f, asBrowser, "POST", "/checklist", "item=cool-down&done=1", "step=sleep&done=0&date=2026-01-01", "item=&done=maybe", "date=9999-12-31&item=x")
}

func FuzzProfileForm(f *testing.F) {
	fuzzBody(f, asBrowser, "POST", "/profile",
		"weight=61&age=34&sex=female&resting-hr=48&max-hr=188&units=metric&timezone=Europe%2FBerlin&conditions=injury&equipment=foam-roller",
		"units=imperial&weight=135", "timezone=Local&age=-3", "weight=1e309", "")
}

func FuzzShoeForm(f *testing.F) {
	fuzzBody(f, asBrowser, "POST", "/profile/shoes", "name=Pegasus+40&limit=700&default=on&action=add",
		"name=Pegasus+40&action=retire", "name=&action=unknown", "name=x&limit=-1&action=add", "limit=1e400")
}

func FuzzTokenForm(f *testing.F) {
	fuzzBody(f, asBrowser, "POST", "/profile/tokens", "name=backup+script", "name=", "name=%00%01")
}

// FuzzUploadForm fuzzes a multipart upload body (the files themselves
// are the decoders' to fuzz: decode/…).
func FuzzUploadForm(f *testing.F) {
	fe := newFuzzEnv(f)
	const boundary = "fuzzboundary"
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.SetBoundary(boundary); err != nil {
		f.Fatal(err)
	}
	fw, _ := mw.CreateFormFile("file", "run.gpx")
	io.WriteString(fw, `<?xml version="1.0"?><gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"><time>2026-01-01T08:00:00Z</time></trkpt></trkseg></trk></gpx>`)
	mw.WriteField("csrf_token", "x")
	mw.Close()
	for _, s := range []string{buf.String(), "--" + boundary + "--\r\n", "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x.fit\"\r\n\r\n\x0e\x10\r\n--" + boundary + "--", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		fe.send(t, asAPI, "POST", "/api/v1/activities", "multipart/form-data; boundary="+boundary, body)
		fe.send(t, asBrowser, "POST", "/upload", "multipart/form-data; boundary="+boundary, body)
	})
}
