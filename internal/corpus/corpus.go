// Package corpus gives tests access to the shared corpus of real activity
// files in ../shared/testdata (beside the repository) and its manifest.
// The files are read from there, never copied into the repository.
package corpus

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// Entry is one row of manifest.tsv: a file and what its device says of it.
// Numeric fields are NaN-free: Has reports whether a column was filled.
type Entry struct {
	Path   string // relative to the corpus folder, e.g. "fit/sweatpy__4078723797.fit"
	Expect string // import, skip, fail or any
	Format string
	Device string
	Sport  string
	cols   map[string]string
}

// Get returns a column's raw text.
func (e Entry) Get(col string) string { return e.cols[col] }

// Float returns a numeric column and whether it was filled.
func (e Entry) Float(col string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(e.cols[col]), 64)
	return v, err == nil
}

// Dir returns the corpus folder, skipping the test when it is absent.
func Dir(tb testing.TB) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "testdata")
	if _, err := os.Stat(filepath.Join(dir, "manifest.tsv")); err != nil {
		tb.Skipf("shared test corpus not found at %s", dir)
	}
	return dir
}

// Path returns the absolute path of a corpus file.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	return filepath.Join(Dir(tb), rel)
}

// Manifest reads manifest.tsv, failing the test when it cannot.
func Manifest(tb testing.TB) []Entry {
	tb.Helper()
	out, err := ReadManifest(Dir(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// ReadManifest reads the manifest.tsv of the corpus folder dir, in its
// order. It serves programs (bench/cmd/mkcorpus); tests use Manifest.
func ReadManifest(dir string) ([]Entry, error) {
	name := filepath.Join(dir, "manifest.tsv")
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read corpus manifest: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	var out []Entry
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = fields
			continue
		}
		cols := map[string]string{}
		for i, h := range header {
			if i < len(fields) {
				cols[h] = fields[i]
			}
		}
		out = append(out, Entry{Path: cols["path"], Expect: cols["expect"], Format: cols["format"],
			Device: cols["device"], Sport: cols["sport"], cols: cols})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// Count reads a count column such as pts_with_time, written "513/871" or
// "42": the number before the slash, and whether there was one.
func (e Entry) Count(col string) (int, bool) {
	v := e.cols[col]
	if i := strings.IndexByte(v, '/'); i >= 0 {
		v = v[:i]
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

// ManifestOf returns the manifest's entries whose path ends in ext
// (".gpx"), failing the test when there are none.
func ManifestOf(tb testing.TB, ext string) []Entry {
	tb.Helper()
	var out []Entry
	for _, e := range Manifest(tb) {
		if strings.HasSuffix(strings.ToLower(e.Path), ext) {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		tb.Fatalf("manifest.tsv lists no %s files", ext)
	}
	return out
}
