package server

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

// The sign-in limiter's per-address key: X-Forwarded-For counts only when
// the connection comes from a configured trusted proxy (none by default,
// so not from just any loopback or private peer), and then it is the
// rightmost entry that is not a trusted proxy, so a client cannot dodge
// the limit by writing a new address into the header with each guess.
func TestClientIP(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/24"), netip.MustParsePrefix("::1/128")}
	for _, tt := range []struct {
		trusted     []netip.Prefix
		remote, xff string
		want        string
	}{
		{nil, "203.0.113.5:4711", "", "203.0.113.5"},
		{nil, "203.0.113.5:4711", "198.51.100.7", "203.0.113.5"}, // direct: the header is the client's own
		{nil, "10.0.0.2:4711", "198.51.100.7", "10.0.0.2"},       // no proxy configured: a private peer is not one
		{nil, "127.0.0.1:4711", "198.51.100.7", "127.0.0.1"},     // nor is loopback
		{proxies, "10.0.0.2:4711", "198.51.100.7", "198.51.100.7"},
		{proxies, "10.0.1.2:4711", "198.51.100.7", "10.0.1.2"},                          // outside the trusted range
		{proxies, "10.0.0.2:4711", "192.0.2.1, 198.51.100.7", "198.51.100.7"},           // what the client wrote before is not believed
		{proxies, "10.0.0.2:4711", "192.0.2.1, 198.51.100.7, 10.0.0.9", "198.51.100.7"}, // a chain of trusted proxies
		{proxies, "10.0.0.2:4711", "10.0.0.8, 10.0.0.9", "10.0.0.8"},                    // all trusted: the farthest
		{proxies, "10.0.0.2:4711", "not-an-address", "10.0.0.2"},                        // malformed: the proxy
		{proxies, "10.0.0.2:4711", "", "10.0.0.2"},
		{proxies, "[::1]:4711", "2001:db8::1", "2001:db8::1"},
		{proxies, "[::ffff:10.0.0.2]:4711", "198.51.100.7", "198.51.100.7"}, // IPv4 in IPv6
	} {
		s := &Server{cfg: Config{TrustedProxies: tt.trusted}}
		r := httptest.NewRequest("POST", "/login", nil)
		r.RemoteAddr = tt.remote
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := s.clientIP(r); got != tt.want {
			t.Errorf("trusting %v: clientIP(%s, X-Forwarded-For %q) = %q, want %q", tt.trusted, tt.remote, tt.xff, got, tt.want)
		}
	}
}

// safeNext lets a sign-in go on only to a path of this site: nothing a
// browser could read as another site, even after dropping control
// characters, reading "\" as "/" or percent-decoding (once or twice).
func TestSafeNext(t *testing.T) {
	for _, ok := range []string{"/", "/runs/4", "/runs?page=2&sport=trail%20run", "/athletes/7/week", "/coach", "/a/../b", "/runs#laps"} {
		if got := safeNext(ok); got != ok {
			t.Errorf("safeNext(%q) = %q, want it kept", ok, got)
		}
	}
	for _, bad := range []string{
		"", "runs", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/%5Cevil.example",
		"https://evil.example", "javascript:alert(1)", "http:/evil.example", "/%09/evil.example", "/\t/evil.example",
		"/\n/evil.example", "/%0a/evil.example", "/%0D/evil.example", "/%2509/evil.example", "/%2F/evil.example",
		"/%2f%2fevil.example", "/%252F/evil.example", "/x%00", "/x\x7f", "/%zz", "/%25252525252509/evil.example",
		"/runs\u0085", "/%C2%85/evil.example",
	} {
		if got := safeNext(bad); got != "/" {
			t.Errorf("safeNext(%q) = %q, want /", bad, got)
		}
	}
}
