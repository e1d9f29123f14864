package cli_test

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/cli"
)

// startServe runs `rebound serve` with args on a fresh database until
// the test ends and returns its base URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "serve.db")
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: out, Getenv: func(string) string { return "" }}
	done := make(chan int)
	go func() {
		done <- cli.Main(ctx, append([]string{"--db", db, "serve", "--addr", "127.0.0.1:0"}, args...), env)
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d:\n%s", code, out.String())
		}
	})
	serving := regexp.MustCompile(`serving at (http://\S+)`)
	for i := 0; i < 500; i++ {
		if m := serving.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve printed no address:\n%s", out.String())
	return ""
}

// TestServeTrustedProxy: X-Forwarded-Proto (and X-Forwarded-For) count
// only from the proxies named with --trusted-proxy, none by default.
func TestServeTrustedProxy(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string // the sign-in form's cookie when a request says X-Forwarded-Proto: https
	}{
		{nil, "rebound_login"},
		{[]string{"--trusted-proxy", "10.0.0.0/8"}, "rebound_login"},
		{[]string{"--trusted-proxy", "10.0.0.0/8,127.0.0.1"}, "__Host-rebound_login"},
		{[]string{"--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "127.0.0.0/8"}, "__Host-rebound_login"},
	} {
		base := startServe(t, tt.args...)
		req, _ := http.NewRequest("GET", base+"/login", nil)
		req.Header.Set("X-Forwarded-Proto", "https")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if cs := res.Cookies(); len(cs) != 1 || cs[0].Name != tt.want {
			t.Errorf("serve %v: cookies %v, want %s", tt.args, cs, tt.want)
		}
	}
	db := filepath.Join(t.TempDir(), "bad.db")
	if code, _, errs := reboundIn(t, db, "", "serve", "--trusted-proxy", "10.0.0.0/8,proxy.example"); code == 0 || !strings.Contains(errs, `"proxy.example" is neither an address nor a CIDR range`) {
		t.Errorf("serve --trusted-proxy proxy.example: exit %d, %s", code, errs)
	}
}
