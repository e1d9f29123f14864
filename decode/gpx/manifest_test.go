package gpx_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// testdataDir returns the shared test corpus, ../shared/testdata from the
// repository root, and skips the test when it is not there.
func testdataDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("repository root (go.mod) not found")
		}
		dir = parent
	}
	td := filepath.Join(dir, "..", "shared", "testdata")
	if _, err := os.Stat(td); err != nil {
		tb.Skipf("shared test corpus not found at %s", td)
	}
	return td
}

// manifestRow is one row of manifest.tsv, keyed by column name.
type manifestRow map[string]string

// count reads a column such as pts_with_time, written "513/871" or "42";
// it returns the number before the slash and whether there was one.
func (r manifestRow) count(col string) (int, bool) {
	v := r[col]
	if i := strings.IndexByte(v, '/'); i >= 0 {
		v = v[:i]
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

// float reads a numeric column.
func (r manifestRow) float(col string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(r[col]), 64)
	return f, err == nil
}

// readManifest returns the rows of manifest.tsv whose path ends in ext.
func readManifest(tb testing.TB, td, ext string) []manifestRow {
	tb.Helper()
	f, err := os.Open(filepath.Join(td, "manifest.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	var rows []manifestRow
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = cells
			continue
		}
		r := manifestRow{}
		for i, h := range header {
			if i < len(cells) {
				r[h] = cells[i]
			}
		}
		if strings.HasSuffix(strings.ToLower(r["path"]), ext) {
			rows = append(rows, r)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(rows) == 0 {
		tb.Fatalf("manifest.tsv lists no %s files", ext)
	}
	return rows
}
