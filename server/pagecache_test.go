package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// csrfField finds the CSRF tokens in a page's forms.
var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]*)"`)

// The run page served again (from the page cache: that it is drawn only
// once is TestRenderCachedDrawsOncePerState's to check) is the same page;
// each session still gets its own CSRF token in the delete form, the
// cached page works for a form post, and a change to the athlete's data is
// seen on the next request (the cache never serves a page of an old state).
func TestRunPageCacheKeepsSessionsApartAndFollowsWrites(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	run := e.latestRun(e.ana.ID)
	path := "/runs/" + itoa(run)
	one, two := e.signIn(e.ana), e.signIn(e.ana)
	if one.csrf == two.csrf {
		t.Fatal("two sessions share a CSRF token")
	}

	tokens := func(b *browser, want string) string {
		t.Helper()
		code, body := b.get(path)
		if code != http.StatusOK {
			t.Fatalf("GET %s: status %d", path, code)
		}
		ms := csrfField.FindAllStringSubmatch(body, -1)
		if len(ms) < 2 { // the sign-out form and the delete form
			t.Fatalf("GET %s: %d CSRF fields, want the sign-out and the delete form's", path, len(ms))
		}
		for _, m := range ms {
			if m[1] != want {
				t.Fatalf("GET %s: a form carries CSRF token %q, want this session's %q", path, m[1], want)
			}
		}
		return body
	}
	first := tokens(one, one.csrf)
	again := tokens(one, one.csrf) // from the cache
	if first != again {
		t.Error("the run page drawn from the cache differs from the page first drawn")
	}
	other := tokens(two, two.csrf)
	if strings.ReplaceAll(other, two.csrf, one.csrf) != first {
		t.Error("another session of the same runner gets a different run page apart from its CSRF token")
	}

	// The delete form of the cached page, posted by the second session
	// with the token the page gave it, works; the run is then gone.
	res, _ := (&browser{e: e, cookie: two.cookie}).post(path+"/delete", url.Values{"csrf_token": {two.csrf}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s/delete with the cached page's token: status %d", path, res.StatusCode)
	}
	if code, _ := one.get(path); code != http.StatusNotFound {
		t.Errorf("GET %s after deleting it: status %d, want 404 (a stale cached page was served)", path, code)
	}
}
