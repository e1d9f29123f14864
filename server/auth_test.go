package server_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
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
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(e.ts.URL+"/login", url.Values{"name": {"ana"}, "password": {"wrong password"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized || len(res.Cookies()) != 0 {
		t.Errorf("wrong password: status %d, %d cookies", res.StatusCode, len(res.Cookies()))
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
	e := newTestEnv(t)
	var last int
	for i := 0; i < 7; i++ {
		res, err := http.PostForm(e.ts.URL+"/login", url.Values{"name": {"bo"}, "password": {"guess-" + string(rune('a'+i))}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		last = res.StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("7th failed sign-in: %d, want 429", last)
	}
	// Even the right password is refused while limited.
	res, err := http.PostForm(e.ts.URL+"/login", url.Values{"name": {"bo"}, "password": {testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right password while limited: %d, want 429", res.StatusCode)
	}
}
