package server

import (
	"net/http/httptest"
	"testing"
)

// The sign-in limiter's per-address key: X-Forwarded-For counts only when
// the connection comes from a proxy (a loopback or private address), so a
// client connecting directly cannot dodge the limit by sending a new
// header with each guess.
func TestClientIP(t *testing.T) {
	for _, tt := range []struct{ remote, xff, want string }{
		{"203.0.113.5:4711", "", "203.0.113.5"},
		{"203.0.113.5:4711", "198.51.100.7", "203.0.113.5"},           // direct: the header is the client's own
		{"10.0.0.2:4711", "198.51.100.7", "198.51.100.7"},             // behind a load balancer
		{"127.0.0.1:4711", "192.0.2.1, 198.51.100.7", "198.51.100.7"}, // the nearest proxy's entry
		{"[::1]:4711", "2001:db8::1", "2001:db8::1"},
	} {
		r := httptest.NewRequest("POST", "/login", nil)
		r.RemoteAddr = tt.remote
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := clientIP(r); got != tt.want {
			t.Errorf("clientIP(%s, X-Forwarded-For %q) = %q, want %q", tt.remote, tt.xff, got, tt.want)
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
