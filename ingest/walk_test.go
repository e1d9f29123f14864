package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/corpus"
)

// TestFolderSymlinks imports a folder holding links: a link to a run
// elsewhere is read (it was silently skipped), a link back up the tree is
// a loop and a link to a folder outside the tree is not followed (each
// reported as skipped, with why), a broken link fails, a named pipe is
// skipped (opening it would block), and nothing else is held up.
func TestFolderSymlinks(t *testing.T) {
	if _, err := os.Lstat("/"); err != nil {
		t.Skip(err)
	}
	outside := t.TempDir()
	run := filepath.Join(outside, "run.fit")
	copyFile(t, corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit"), run)
	otherRun := filepath.Join(outside, "sub", "ride.gpx")
	if err := os.Mkdir(filepath.Dir(otherRun), 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, corpus.Path(t, "gpx/sweatpy__activity_5039744860.gpx"), otherRun)

	dir := t.TempDir()
	links := map[string]string{
		"linked-run.fit": run,                        // a file outside the tree: read
		"sub/up":         "..",                       // a loop
		"elsewhere":      filepath.Dir(otherRun),     // a folder outside: not followed
		"broken.fit":     filepath.Join(dir, "gone"), // broken
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "sub", "pipe.gpx"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := MustOpenDB(t)
	rep, err := importer(db).Import(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 1 || count(t, db) != 1 {
		t.Errorf("imported %d, want the linked run: %+v", rep.Imported, rep)
	}
	reasons := map[string]string{}
	for _, s := range rep.Skipped {
		reasons[filepath.Base(s.File)] = s.Reason
	}
	for name, want := range map[string]string{"up": "loop", "elsewhere": "outside", "pipe.gpx": "not a regular file"} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s: skipped for %q, want a reason saying %q", name, reasons[name], want)
		}
	}
	if len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].Error, "broken.fit: broken link") {
		t.Errorf("failed %+v, want the broken link", rep.Failed)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPrintable checks that control characters, other non-printing ones
// and invalid UTF-8 are escaped, and that printable text is kept.
func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"run.fit":                    "run.fit",
		`Café "long" run\1.gpx`:      `Café "long" run\1.gpx`,
		"evil\x1b]0;pwned\x07.gpx":   `evil\x1b]0;pwned\a.gpx`,
		"a\nb\tc\rd":                 `a\nb\tc\rd`,
		"bidi\u202egpx.exe":          `bidi\u202egpx.exe`,
		"bad\xffbyte":                `bad\xffbyte`,
		"c1 \u009b31m":               `c1 \u009b31m`,
		strings.Repeat("é", 3) + "!": strings.Repeat("é", 3) + "!",
	} {
		if got := ingest.Printable(in); got != want {
			t.Errorf("Printable(%q) = %s, want %s", in, got, want)
		}
	}
	if !slices.Equal([]byte(ingest.Printable("\x00")), []byte(`\x00`)) {
		t.Errorf("NUL: %q", ingest.Printable("\x00"))
	}
}
