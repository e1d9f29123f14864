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
