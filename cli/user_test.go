package cli_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/internal/corpus"
)

func TestUserCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "club.db")
	for _, add := range [][]string{{"user", "add", "ana"}, {"user", "add", "bo"}, {"user", "add", "coach", "--role", "coach"}} {
		if code, out, errs := reboundIn(t, db, "long enough password\n", add...); code != 0 {
			t.Fatalf("%v: exit %d %s %s", add, code, out, errs)
		}
	}
	if code, _, errs := reboundIn(t, db, "short\n", "user", "add", "cy"); code == 0 || !strings.Contains(errs, "at least 8") {
		t.Errorf("short password: exit %d, %s", code, errs)
	}
	if code, _, errs := reboundIn(t, db, "", "user", "grant", "ana", "bo"); code == 0 || !strings.Contains(errs, "only a coach") {
		t.Errorf("granting an athlete: exit %d, %s", code, errs)
	}
	if code, out, _ := reboundIn(t, db, "", "user", "grant", "ana", "coach"); code != 0 || !strings.Contains(out, "coach can now read ana") {
		t.Errorf("grant: exit %d, %s", code, out)
	}
	code, out, _ := reboundIn(t, db, "", "user", "list")
	if code != 0 || !regexp.MustCompile(`1\s+ana\s+athlete\s+password; coached by coach`).MatchString(out) {
		t.Errorf("list: %s", out)
	}
	// --user imports into that athlete's data only.
	run := corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit")
	if code, _, errs := reboundIn(t, db, "", "--user", "bo", "import", "--quiet", run); code != 0 {
		t.Fatalf("import as bo: %s", errs)
	}
	if _, out, _ := reboundIn(t, db, "", "--user", "ana", "runs", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("ana's runs after bo's import = %s, want []", out)
	}
	if _, out, _ := reboundIn(t, db, "", "--user", "bo", "runs", "--json"); !strings.Contains(out, `"sport"`) {
		t.Errorf("bo's runs:\n%s", out)
	}
	if code, _, errs := reboundIn(t, db, "", "--user", "nobody", "runs"); code == 0 || !strings.Contains(errs, "nobody") {
		t.Errorf("unknown --user: exit %d %s", code, errs)
	}
	if code, out, _ := reboundIn(t, db, "", "user", "token", "ana"); code != 0 || !strings.Contains(out, "rbd_") {
		t.Errorf("token: %s", out)
	}
	if code, out, _ := reboundIn(t, db, "", "user", "revoke", "ana", "coach"); code != 0 || !strings.Contains(out, "no longer") {
		t.Errorf("revoke: %s", out)
	}
}

// syncBuffer is a bytes.Buffer safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeLocalLink starts `rebound serve` on a fresh personal database
// and signs in through the one-time link it prints.
func TestServeLocalLink(t *testing.T) {
	db := filepath.Join(t.TempDir(), "me.db")
	out, url := serveLocal(t, db, time.Time{})
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || len(res.Cookies()) == 0 {
		t.Fatalf("one-time link: status %d, cookies %v", res.StatusCode, res.Cookies())
	}
	// The link works once.
	if res, err = c.Get(url); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized && res.StatusCode != http.StatusSeeOther {
		t.Errorf("second use of the link: %d", res.StatusCode)
	}
	if res.StatusCode == http.StatusSeeOther && len(res.Cookies()) > 0 {
		t.Error("the link signed in twice")
	}
	if !strings.Contains(out.String(), `Created the account "runner"`) {
		t.Errorf("no local runner account announced:\n%s", out.String())
	}
}

// TestUserPasswordAskedTwice: on a terminal without a no-echo reader the
// password and its repetition are two lines of standard input, and the
// second must not be lost to the first read.
func TestUserPasswordAskedTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pw.db")
	add := func(stdin, name string) (int, string) {
		var out, errb bytes.Buffer
		env := cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Now: func() time.Time { return now },
			Getenv:     func(string) string { return "" },
			IsTerminal: func(io.Writer) bool { return true }}
		code := cli.Main(context.Background(), []string{"--db", db, "user", "add", name}, env)
		return code, errb.String()
	}
	if code, errs := add("long enough password\nlong enough password\n", "ana"); code != 0 || !strings.Contains(errs, "Again: ") {
		t.Errorf("the same password twice: exit %d, %q", code, errs)
	}
	if code, errs := add("long enough password\nanother long password\n", "bo"); code == 0 || !strings.Contains(errs, "differ") {
		t.Errorf("two different passwords: exit %d, %q", code, errs)
	}
}
