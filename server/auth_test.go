package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/store"
)

func TestAPITokenAndErrors(t *testing.T) {
	e := newTestEnv(t)
	res, body := e.api("", "GET", "/api/v1/today", nil)
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: status %d, want 401", res.StatusCode)
	}
	var apiErr struct{ Code, Message string }
	if err := json.Unmarshal(body, &apiErr); err != nil || apiErr.Code != "unauthorized" || apiErr.Message == "" {
		t.Errorf("error body %s: want JSON {code, message}", body)
	}
	if res, _ := e.api("rbd_not-a-token", "GET", "/api/v1/today", nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("bad token: status %d, want 401", res.StatusCode)
	}
	if res, body := e.api(e.anaToken, "GET", "/api/v1/today", nil); res.StatusCode != http.StatusOK {
		t.Errorf("Ana's token: status %d %s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Security-Policy"); !strings.Contains(got, "script-src 'self'") {
		t.Errorf("CSP %q", got)
	}
}

func TestCoachAccess(t *testing.T) {
	e := newTestEnv(t)
	coach := e.token(e.coach)
	// Ana granted the coach access; Bo did not.
	if res, body := e.api(coach, "GET", "/api/v1/today?athlete=1", nil); res.StatusCode != http.StatusOK {
		t.Errorf("coach reading Ana: %d %s", res.StatusCode, body)
	}
	if res, _ := e.api(coach, "GET", "/api/v1/today?athlete=2", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("coach reading Bo without a grant: %d, want 404", res.StatusCode)
	}
	// One athlete never reads another's data.
	if res, _ := e.api(e.boTok, "GET", "/api/v1/today?athlete=1", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("Bo reading Ana: %d, want 404", res.StatusCode)
	}
}

func TestSignInAndCSRF(t *testing.T) {
	e := newTestEnv(t)
	res := e.postLogin("ana", "wrong password", nil)
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized || sessionCookie(res) != nil {
		t.Errorf("wrong password: status %d, session cookie %v", res.StatusCode, sessionCookie(res))
	}
	b := e.signIn(e.ana)
	if !b.cookie.HttpOnly || b.cookie.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax", b.cookie)
	}
	// A POST without the CSRF token is refused, and the session survives.
	csrf := b.csrf
	b.csrf = ""
	res = b.do("POST", "/logout", nil, "")
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("logout without CSRF token: %d, want 403", res.StatusCode)
	}
	b.csrf = csrf
	res = b.do("GET", "/api/v1/today", nil, "")
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("session after refused logout: %d", res.StatusCode)
	}
	// Logout everywhere ends every session of the user.
	other := e.signIn(e.ana)
	res = b.do("POST", "/logout/all", nil, "")
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("logout everywhere: %d", res.StatusCode)
	}
	res = other.do("GET", "/api/v1/today", nil, "")
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("other browser after logout everywhere: %d, want 401", res.StatusCode)
	}
}

func TestLoginRateLimit(t *testing.T) {
	e := newTestEnv(t, trustLoopbackProxy)
	from := func(addr string) func(*http.Request) {
		return func(r *http.Request) { r.Header.Set("X-Forwarded-For", addr) }
	}
	var last *http.Response
	for i := 0; i < 7; i++ {
		last = e.postLogin("bo", "guess-"+string(rune('a'+i)), from("198.51.100.7"))
		last.Body.Close()
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Errorf("7th failed sign-in: %d, Retry-After %q; want 429 saying when to retry", last.StatusCode, last.Header.Get("Retry-After"))
	}
	// The right password from the guessing address waits too…
	res := e.postLogin("bo", testPassword, from("198.51.100.7"))
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right password from the guessing address: %d, want 429", res.StatusCode)
	}
	// …but not from another: the owner is not locked out.
	res = e.postLogin("bo", testPassword, from("203.0.113.9"))
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("right password from another address: %d, want 303", res.StatusCode)
	}
}

// trustLoopbackProxy trusts the test client as a proxy, so that tests can
// sign in "from" any address with X-Forwarded-For.
func trustLoopbackProxy(c *server.Config) {
	c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
}

// Sixty wrong guesses sent at once get no more than the burst of five
// through to the password check: the others are refused (429) before it.
func TestLoginRateLimitHoldsUnderConcurrency(t *testing.T) {
	e := newTestEnv(t)
	const n = 60
	var wg sync.WaitGroup
	codes := make([]int, n)
	start := make(chan struct{})
	for i := range n {
		req := e.loginRequest(url.Values{"name": {"bo"}, "password": {fmt.Sprint("guess-", i)}})
		wg.Go(func() {
			<-start
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			codes[i] = res.StatusCode
		})
	}
	close(start)
	wg.Wait()
	count := map[int]int{}
	for _, c := range codes {
		count[c]++
	}
	if count[http.StatusUnauthorized] != 5 || count[http.StatusTooManyRequests] != n-5 {
		t.Errorf("60 concurrent guesses answered %v, want 5 × 401 and 55 × 429", count)
	}
}

// Someone guessing a name once a minute, for days, never keeps its owner
// out: the owner signs in from a new address whenever they try.
func TestLoginOwnerNotLockedOut(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := newTestEnv(t, trustLoopbackProxy, func(c *server.Config) { c.Now = clock })
	for m := range 3 * 60 { // three hours of a guess a minute
		mu.Lock()
		now = now.Add(time.Minute)
		mu.Unlock()
		res := e.postLogin("bo", fmt.Sprint("guess-", m), func(r *http.Request) { r.Header.Set("X-Forwarded-For", "198.51.100.7") })
		res.Body.Close()
		if m%45 == 44 {
			res := e.postLogin("bo", testPassword, func(r *http.Request) { r.Header.Set("X-Forwarded-For", fmt.Sprint("203.0.113.", m/45)) })
			res.Body.Close()
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("minute %d: the owner from a new address: %d, want 303", m, res.StatusCode)
			}
		}
	}
}

// Every sign-in the limits let through does one argon2id derivation,
// whether the name exists, has a password or not, so that its time tells
// nothing about which names exist (an unknown name answered in 2 ms, a
// known one in 50).
func TestLoginSameWorkForUnknownNames(t *testing.T) {
	e := newTestEnv(t, trustLoopbackProxy)
	if err := e.db.CreateUser(context.Background(), &account.User{Name: "nopass", Role: account.Athlete}); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"bo", "nobody", "nopass", "BO", strings.Repeat("x", 500)} {
		before := account.Derivations()
		res := e.postLogin(name, "wrong password", func(r *http.Request) { r.Header.Set("X-Forwarded-For", fmt.Sprint("192.0.2.", i)) })
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("%.20s: %d, want 401", name, res.StatusCode)
		}
		if n := account.Derivations() - before; n != 1 {
			t.Errorf("sign-in as %.20s: %d argon2id derivations, want 1 as for every name", name, n)
		}
	}
}

// sessionCookie is the session cookie a response sets, if any.
func sessionCookie(res *http.Response) *http.Cookie {
	for _, c := range res.Cookies() {
		if strings.HasSuffix(c.Name, "rebound_session") && c.Value != "" {
			return c
		}
	}
	return nil
}

// The sign-in form is protected against login CSRF: a post must bring
// the token of the form cookie this browser got with the form, and come
// from this site.
func TestSignInFormNeedsItsCSRFToken(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	// The form carries the token its cookie holds.
	res, err := c.Get(e.ts.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var form *http.Cookie
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "rebound_login") {
			form = ck
		}
	}
	if form == nil || !form.HttpOnly || form.SameSite != http.SameSiteStrictMode {
		t.Fatalf("GET /login: form cookie %+v, want an HttpOnly SameSite=Strict cookie", form)
	}
	if !strings.Contains(string(page), `name="csrf_token" value="`+form.Value+`"`) {
		t.Error("the sign-in form does not carry its cookie's token")
	}

	for _, tc := range []struct {
		name   string
		change func(*http.Request)
	}{
		{"no form cookie (a post from another site's page)", func(r *http.Request) {
			r.Header.Del("Cookie")
		}},
		{"another token than the cookie's", func(r *http.Request) {
			r.Header.Del("Cookie")
			r.AddCookie(&http.Cookie{Name: "rebound_login", Value: "not-the-token"})
		}},
		{"another site's Origin", func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") }},
	} {
		res := e.postLogin("ana", testPassword, tc.change)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden || sessionCookie(res) != nil {
			t.Errorf("%s: status %d, session %v; want 403 and no session", tc.name, res.StatusCode, sessionCookie(res))
		}
		if !strings.Contains(string(body), "CSRF check failed") || !strings.Contains(string(body), `name="password"`) {
			t.Errorf("%s: the answer should explain and show the form again", tc.name)
		}
	}

	res = e.postLogin("ana", testPassword, nil)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || sessionCookie(res) == nil {
		t.Fatalf("sign in with the form's token: status %d, session %v", res.StatusCode, sessionCookie(res))
	}
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "rebound_login") && ck.MaxAge >= 0 {
			t.Error("the used sign-in form cookie is not cleared")
		}
	}
}

// TestSignInLink: a Local server makes one-time links for its LinkUsers
// only; a link signs in once and goes on to a path on this site.
func TestSignInLink(t *testing.T) {
	var cfg server.Config
	e := newTestEnv(t, func(c *server.Config) {
		c.Local, c.LinkUsers = true, []int64{1, 3} // Ana and the coach, not Bo
		cfg = *c
	})
	if _, err := e.srv.LoginLink(e.bo.ID); rebound.ErrorCode(err) != server.EFORBIDDEN {
		t.Errorf("a link for Bo: %v, want %s", err, server.EFORBIDDEN)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range []struct {
		next, want string
	}{
		{"?next=/coach", "/coach"},
		{"?next=//evil.example/", "/"},
		{"", "/"},
	} {
		link, err := e.srv.LoginLink(e.coach.ID)
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.Get(e.ts.URL + link + tt.next)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tt.want || len(res.Cookies()) == 0 {
			t.Errorf("link%s: status %d, location %q, %d cookies; want 303 to %s with a session", tt.next, res.StatusCode, res.Header.Get("Location"), len(res.Cookies()), tt.want)
		}
		session := sessionCookie(res)
		// Opened again in another browser: the sign-in page itself, with
		// the reason (a redirect to it would come back to the dead link).
		if res, err = c.Get(e.ts.URL + link); err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized || sessionCookie(res) != nil || !strings.Contains(string(body), "has been used or has expired") {
			t.Errorf("second use of a link: status %d, session %v, want 401 and the sign-in page saying why", res.StatusCode, sessionCookie(res))
		}
		// Opened again in the browser it signed in: on to the page.
		req, _ := http.NewRequest("GET", e.ts.URL+link+tt.next, nil)
		req.AddCookie(session)
		if res, err = c.Do(req); err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tt.want {
			t.Errorf("a used link in the browser it signed in: status %d to %q, want 303 to %s", res.StatusCode, res.Header.Get("Location"), tt.want)
		}
	}

	// Without Local there are no links, and a Local server listens on
	// loopback only.
	notLocal := newTestEnv(t)
	if _, err := notLocal.srv.LoginLink(notLocal.ana.ID); err == nil {
		t.Error("a server that is not Local made a sign-in link")
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := srv.ListenAndServe(ctx, "0.0.0.0:0", nil); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("a Local server on 0.0.0.0: %v, want a refusal", err)
	}
}

// downDB is the real database whose token and session lookups fail, as
// they do while the database is unreachable, once down is set.
type downDB struct {
	store.Database
	down atomic.Bool
}

func (d *downDB) FindToken(ctx context.Context, hash string) (account.Token, error) {
	if d.down.Load() {
		return account.Token{}, errors.New("find token: connection refused")
	}
	return d.Database.FindToken(ctx, hash)
}

func (d *downDB) FindSession(ctx context.Context, hash string, now time.Time) (account.Session, error) {
	if d.down.Load() {
		return account.Session{}, errors.New("find session: connection refused")
	}
	return d.Database.FindSession(ctx, hash, now)
}

// TestAuthDatabaseFailureIsNoSignOut: a database that fails while a
// token or a session is looked up answers 500, not 401 (the token is not
// called invalid, the browser is not sent to the sign-in page).
func TestAuthDatabaseFailureIsNoSignOut(t *testing.T) {
	var db *downDB
	e := newTestEnv(t, func(c *server.Config) {
		db = &downDB{Database: c.DB}
		c.DB = db
	})
	b := e.signIn(e.ana)
	db.down.Store(true)
	res, body := e.api(e.anaToken, "GET", "/api/v1/today", nil)
	if res.StatusCode != http.StatusInternalServerError {
		t.Errorf("token while the database is down: %d %s, want 500", res.StatusCode, body)
	}
	res = b.do("GET", "/api/v1/today", nil, "")
	res.Body.Close()
	if res.StatusCode != http.StatusInternalServerError {
		t.Errorf("session while the database is down: %d, want 500", res.StatusCode)
	}
	db.down.Store(false)
	if res, body := e.api(e.anaToken, "GET", "/api/v1/today", nil); res.StatusCode != http.StatusOK {
		t.Errorf("token once the database is back: %d %s", res.StatusCode, body)
	}
}

// After signing in with the form, the browser goes on to next only when
// it is a path of this site: /%09/evil.example (a tab browsers drop,
// leaving //evil.example) and its kin go home instead.
func TestSignInNextStaysOnSite(t *testing.T) {
	e := newTestEnv(t)
	for next, want := range map[string]string{
		"/runs/4?page=2":       "/runs/4?page=2",
		"/\t/evil.example":     "/",
		"/%09/evil.example":    "/",
		"/\\evil.example":      "/",
		"//evil.example":       "/",
		"https://evil.example": "/",
	} {
		res := e.postLoginForm(url.Values{"name": {"ana"}, "password": {testPassword}, "next": {next}}, nil)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
			t.Errorf("sign in with next=%q: %d to %q, want 303 to %q", next, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
}

// X-Forwarded-Proto makes cookies Secure (__Host-) only when a trusted
// proxy sends it: a client's own header is ignored.
func TestForwardedProtoOnlyFromTrustedProxies(t *testing.T) {
	for _, tt := range []struct {
		name    string
		trusted []netip.Prefix
		want    string
	}{
		{"no proxy configured", nil, "rebound_login"},
		{"another proxy", []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, "rebound_login"},
		{"from a trusted proxy", []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}, "__Host-rebound_login"},
	} {
		e := newTestEnv(t, func(c *server.Config) { c.TrustedProxies = tt.trusted })
		req, _ := http.NewRequest("GET", e.ts.URL+"/login", nil)
		req.Header.Set("X-Forwarded-Proto", "https")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		var names []string
		for _, c := range res.Cookies() {
			names = append(names, c.Name)
		}
		if len(names) != 1 || names[0] != tt.want {
			t.Errorf("%s: X-Forwarded-Proto: https set cookies %v, want %s", tt.name, names, tt.want)
		}
		if hsts := res.Header.Get("Strict-Transport-Security"); (hsts != "") != strings.HasPrefix(tt.want, "__Host-") {
			t.Errorf("%s: Strict-Transport-Security %q", tt.name, hsts)
		}
	}
}
