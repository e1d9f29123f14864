package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/store/sqlite"
)

// testEnv is a server on a fresh SQLite file with three users: athletes
// Ana (ID 1) and Bo, and a coach whom Ana (not Bo) granted access.
type testEnv struct {
	t               testing.TB
	path            string // the database file
	db              *sqlite.DB
	cfg             server.Config
	srv             *server.Server
	ts              *httptest.Server
	ana, bo, coach  *account.User
	anaToken, boTok string
}

const testPassword = "correct horse battery"

// newTestEnv starts the server. opts may change the config before New.
func newTestEnv(t testing.TB, opts ...func(*server.Config)) *testEnv {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rebound.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &testEnv{t: t, path: path, db: db}
	hash, err := account.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		u    **account.User
		name string
		role account.Role
	}{{&e.ana, "ana", account.Athlete}, {&e.bo, "bo", account.Athlete}, {&e.coach, "coach", account.Coach}} {
		*p.u = &account.User{Name: p.name, Role: p.role, PasswordHash: hash}
		if err := db.CreateUser(ctx, *p.u); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Grant(ctx, e.ana.ID, e.coach.ID); err != nil {
		t.Fatal(err)
	}
	e.anaToken, e.boTok = e.token(e.ana), e.token(e.bo)
	cfg := server.Config{DB: db, Decoders: cli.Decoders(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, o := range opts {
		o(&cfg)
	}
	e.cfg = cfg
	if e.srv, err = server.New(cfg); err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(e.srv)
	t.Cleanup(e.ts.Close)
	return e
}

// otherServer starts a second app server on e's database file, as a load
// balancer's second backend: its own connections (a second sqlite.Open,
// like another process), server and caches, e's config otherwise, and
// the same users and tokens.
func (e *testEnv) otherServer() *testEnv {
	e.t.Helper()
	db, err := sqlite.Open(context.Background(), e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { db.Close() })
	o := *e
	o.db, o.cfg.DB = db, db
	if o.srv, err = server.New(o.cfg); err != nil {
		e.t.Fatal(err)
	}
	o.ts = httptest.NewServer(o.srv)
	e.t.Cleanup(o.ts.Close)
	return &o
}

// token creates an API token for u and returns its secret.
func (e *testEnv) token(u *account.User) string {
	secret := account.TokenPrefix + account.NewSecret()
	if err := e.db.CreateToken(context.Background(), &account.Token{UserID: u.ID, Name: "test", Scope: account.ScopeAPI,
		Hash: account.HashSecret(secret)}); err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// browser is a signed-in browser: it keeps the session cookie and sends
// the CSRF token with every unsafe request.
type browser struct {
	e      *testEnv
	cookie *http.Cookie
	csrf   string
}

// signIn signs u in with the password form and returns the browser.
func (e *testEnv) signIn(u *account.User) *browser {
	e.t.Helper()
	res := e.postLogin(u.Name, testPassword, nil)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in %s: status %d", u.Name, res.StatusCode)
	}
	b := &browser{e: e}
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "rebound_session") {
			b.cookie = ck
		}
	}
	if b.cookie == nil {
		e.t.Fatalf("sign in %s: no session cookie", u.Name)
	}
	sess, err := e.db.FindSession(context.Background(), account.HashSecret(b.cookie.Value), time.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	b.csrf = sess.CSRF
	return b
}

// postLogin signs in through the form as a browser does: it opens the
// sign-in page for its pre-session CSRF cookie (the form carries the same
// token), then posts the form with both. change, if not nil, may alter
// the request first. Redirects are not followed.
func (e *testEnv) postLogin(name, password string, change func(*http.Request)) *http.Response {
	e.t.Helper()
	return e.postLoginForm(url.Values{"name": {name}, "password": {password}}, change)
}

// postLoginForm is postLogin with the form's fields (the csrf_token is
// added).
func (e *testEnv) postLoginForm(body url.Values, change func(*http.Request)) *http.Response {
	e.t.Helper()
	req := e.loginRequest(body)
	if change != nil {
		change(req)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	return res
}

// loginRequest opens the sign-in page for its form cookie and returns
// the POST of the form with body and that cookie's token, as a browser
// sends it.
func (e *testEnv) loginRequest(body url.Values) *http.Request {
	e.t.Helper()
	res, err := http.Get(e.ts.URL + "/login")
	if err != nil {
		e.t.Fatal(err)
	}
	res.Body.Close()
	var form *http.Cookie
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "rebound_login") {
			form = ck
		}
	}
	if form == nil {
		e.t.Fatal("GET /login set no sign-in form cookie")
	}
	body.Set("csrf_token", form.Value)
	req, err := http.NewRequest("POST", e.ts.URL+"/login", strings.NewReader(body.Encode()))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(form)
	return req
}

// do sends a request as this browser (no redirects followed).
func (b *browser) do(method, path string, body io.Reader, contentType string) *http.Response {
	b.e.t.Helper()
	req, err := http.NewRequest(method, b.e.ts.URL+path, body)
	if err != nil {
		b.e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if b.cookie != nil {
		req.AddCookie(b.cookie)
	}
	if method != http.MethodGet && b.csrf != "" {
		req.Header.Set("X-CSRF-Token", b.csrf)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	return res
}

// api sends a JSON request with an API token (or none when token is "").
func (e *testEnv) api(token, method, path string, body any) (*http.Response, []byte) {
	e.t.Helper()
	req, _ := e.jsonRequest(token, method, path, body)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return res, data
}

// jsonRequest builds a request to this server with an API token (none
// when token is "") and body as JSON (a []byte is sent as is; nil sends
// none). It returns the body it sends.
func (e *testEnv) jsonRequest(token, method, path string, body any) (*http.Request, []byte) {
	e.t.Helper()
	var data []byte
	if raw, ok := body.([]byte); ok {
		data = raw
	} else if body != nil {
		var err error
		if data, err = json.Marshal(body); err != nil {
			e.t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, e.ts.URL+path, bytes.NewReader(data))
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, data
}
