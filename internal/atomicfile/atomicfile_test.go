package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/rebound-run/rebound/internal/atomicfile"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "export.zip")
	if err := os.WriteFile(dst, []byte("the earlier export"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := atomicfile.Write(dst, func(w io.Writer) error {
		io.WriteString(w, "half of the new one")
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("Write = %v, want boom", err)
	}
	if got, _ := os.ReadFile(dst); string(got) != "the earlier export" {
		t.Errorf("a failed Write changed the file to %q", got)
	}
	if err := atomicfile.Write(dst, func(w io.Writer) error {
		_, err := io.WriteString(w, "the new export")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(dst); string(got) != "the new export" {
		t.Errorf("after Write: %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left in the folder: %v", entries)
	}
}
