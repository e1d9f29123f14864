package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/sim"
)

func init() {
	// The calendar feed is text: let the validator read it as a string.
	openapi3filter.RegisterBodyDecoder("text/calendar", func(body io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
		data, err := io.ReadAll(body)
		return string(data), err
	})
	// So is the export's zip, a binary string.
	openapi3filter.RegisterBodyDecoder("application/zip", openapi3filter.FileBodyDecoder)
}

// apiEnv is a testEnv whose API calls are checked against the OpenAPI
// document the server serves: every response (and every request the
// server accepted) must validate against it, with undocumented keys
// refused.
type apiEnv struct {
	*testEnv
	doc    *openapi3.T
	router routers.Router

	mu        *sync.Mutex
	validated map[string]int // "METHOD /doc/path STATUS" -> responses validated
}

// with returns e reporting to t (a subtest), sharing everything else.
func (e *apiEnv) with(t *testing.T) *apiEnv {
	te := *e.testEnv
	te.t = t
	c := *e
	c.testEnv = &te
	return &c
}

func newAPIEnv(t *testing.T, opts ...func(*server.Config)) *apiEnv {
	t.Helper()
	e := &apiEnv{testEnv: newTestEnv(t, opts...), mu: &sync.Mutex{}, validated: map[string]int{}}
	e.doc = loadSpec(t, e.ts.URL)
	var err error
	if e.router, err = gorillamux.NewRouter(e.doc); err != nil {
		t.Fatal(err)
	}
	return e
}

// loadSpec fetches /api/openapi.json, checks that it is a valid OpenAPI
// document, points it at serverURL and forbids undocumented keys in every
// object schema that lists its properties.
func loadSpec(t *testing.T, serverURL string) *openapi3.T {
	t.Helper()
	res, err := http.Get(serverURL + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/openapi.json: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatalf("load the OpenAPI document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	strict := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || strict[ref.Value] {
			return
		}
		s := ref.Value
		strict[s] = true
		if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			no := false
			s.AdditionalProperties.Has = &no
		}
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		for _, x := range s.AllOf {
			walk(x)
		}
	}
	for _, s := range doc.Components.Schemas {
		walk(s)
	}
	for _, item := range doc.Paths.Map() {
		for _, o := range item.Operations() {
			if o.RequestBody != nil && o.RequestBody.Value != nil {
				for _, mt := range o.RequestBody.Value.Content {
					walk(mt.Schema)
				}
			}
			for _, r := range o.Responses.Map() {
				if r.Value != nil {
					for _, mt := range r.Value.Content {
						walk(mt.Schema)
					}
				}
			}
		}
	}
	doc.Servers = openapi3.Servers{{URL: serverURL}}
	return doc
}

// send sends req and validates the exchange against the document.
func (e *apiEnv) send(req *http.Request, reqBody []byte) (*http.Response, []byte) {
	e.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	e.validate(req, reqBody, res, body)
	return res, body
}

// validate checks a response (and, when the server accepted it, the
// request) against the document. Requests to no documented route must
// have been refused with a JSON error.
func (e *apiEnv) validate(req *http.Request, reqBody []byte, res *http.Response, body []byte) {
	e.t.Helper()
	ctx := context.Background()
	vreq := req.Clone(ctx)
	vreq.Body = io.NopCloser(bytes.NewReader(reqBody))
	route, params, err := e.router.FindRoute(vreq)
	if err != nil {
		if res.StatusCode < 400 {
			e.t.Errorf("%s %s: %d, but no documented route matches", req.Method, req.URL.Path, res.StatusCode)
		}
		if strings.HasPrefix(req.URL.Path, "/api/") {
			var apiErr struct{ Code, Message string }
			if err := json.Unmarshal(body, &apiErr); err != nil || apiErr.Code == "" {
				e.t.Errorf("%s %s: %d %q: want a JSON error", req.Method, req.URL.Path, res.StatusCode, body)
			}
		}
		return
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route, Options: opts}
	if res.StatusCode < 300 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			e.t.Errorf("%s %s was accepted (%d) but does not match the document: %v", req.Method, req.URL, res.StatusCode, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode, Header: res.Header,
		Body: io.NopCloser(bytes.NewReader(body)), Options: opts}
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		e.t.Errorf("%s %s -> %d does not match the document: %v\nbody: %.600s", req.Method, req.URL, res.StatusCode, err, body)
	}
	e.mu.Lock()
	e.validated[fmt.Sprintf("%s %s %d", req.Method, route.Path, res.StatusCode)]++
	e.mu.Unlock()
}

// call sends a JSON request with an API token (none when token is "") and
// validates it; body may be a []byte sent as is.
func (e *apiEnv) call(token, method, path string, body any) (*http.Response, []byte) {
	e.t.Helper()
	return e.send(e.jsonRequest(token, method, path, body))
}

// must calls and fails the test unless the status is want; it decodes
// the body into out when out is not nil.
func (e *apiEnv) must(want int, token, method, path string, body, out any) []byte {
	e.t.Helper()
	res, data := e.call(token, method, path, body)
	if res.StatusCode != want {
		e.t.Fatalf("%s %s: %d, want %d: %s", method, path, res.StatusCode, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			e.t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
	return data
}

// uploadFile is one file of an upload.
type uploadFile struct {
	name string
	data []byte
}

// multipartBody encodes files as parts named "file".
func multipartBody(t *testing.T, files []uploadFile) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	ct := formWithCSRF(t, &buf, "", files...)
	return buf.Bytes(), ct
}

// formWithCSRF encodes a form as a browser sends it: the csrf_token
// field first (none when csrf is ""), then the files in parts named
// "file". It returns the content type.
func formWithCSRF(t *testing.T, w io.Writer, csrf string, files ...uploadFile) string {
	t.Helper()
	mw := multipart.NewWriter(w)
	if csrf != "" {
		if err := mw.WriteField("csrf_token", csrf); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		fw, err := mw.CreateFormFile("file", f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType()
}

// upload posts files to /api/v1/activities with token.
func (e *apiEnv) upload(token, query string, files ...uploadFile) (*http.Response, []byte) {
	e.t.Helper()
	data, ct := multipartBody(e.t, files)
	req, err := http.NewRequest("POST", e.ts.URL+"/api/v1/activities"+query, bytes.NewReader(data))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.send(req, data)
}

// corpusFile reads a file of the shared corpus as an upload named by its
// base name.
func corpusFile(t *testing.T, rel string) uploadFile {
	t.Helper()
	data, err := os.ReadFile(corpus.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return uploadFile{filepath.Base(rel), data}
}

// seedSeason gives athlete id the simulated runner's last weeks (real FIT
// files through the import pipeline, as `rebound demo` does), her
// profile and her morning check-ins up to yesterday. It returns how many
// activities were stored.
func (e *apiEnv) seedSeason(id int64, weeks int) int {
	e.t.Helper()
	ctx := context.Background()
	runner := sim.DefaultRunner()
	now := time.Now()
	y, m, d := now.In(time.UTC).Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -7*weeks+1)
	season := runner.Season(start, weeks)
	var done []sim.Workout
	for _, w := range season {
		if w.Start.Before(now.Add(-cli.DemoDoneAfter)) {
			done = append(done, w)
		}
	}
	dir := e.t.TempDir()
	if _, err := runner.WriteWorkouts(dir, done); err != nil {
		e.t.Fatal(err)
	}
	st := e.db.ForAthlete(id)
	if err := st.SaveProfile(ctx, runner.Profile()); err != nil {
		e.t.Fatal(err)
	}
	rep, err := (&ingest.Importer{Store: st, Decoders: cli.Decoders()}).Import(ctx, []string{dir})
	if err != nil || len(rep.Failed) > 0 || rep.Imported == 0 {
		e.t.Fatalf("import the season: %v %+v", err, rep)
	}
	yesterday := now.AddDate(0, 0, -1)
	for _, c := range runner.CheckIns(season) {
		if c.Date.After(yesterday) {
			break
		}
		if err := st.SaveCheckIn(ctx, c.Recovery()); err != nil {
			e.t.Fatal(err)
		}
	}
	return rep.Imported
}
