package hostile_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"testing"
	"time"

	"github.com/rebound-run/rebound/decode/fit"
	"github.com/rebound-run/rebound/internal/hostile"
)

// TestContent checks the fast writers against the standard library's
// readers: the deflate, gzip and zip streams decode to exactly the
// content, CRCs included.
func TestContent(t *testing.T) {
	c := hostile.Content{Prefix: []byte("<head>"), Fill: ' ', N: 3<<20 + 12345, Suffix: []byte("</tail>")}
	want := append(append(bytes.Clone(c.Prefix), bytes.Repeat([]byte{' '}, int(c.N))...), c.Suffix...)

	var gz bytes.Buffer
	if err := c.WriteGzip(&gz); err != nil {
		t.Fatal(err)
	}
	if gz.Len() > int(c.N)/500 {
		t.Errorf("gzip of %d bytes is %d bytes: not a bomb", c.Size(), gz.Len())
	}
	zr, err := gzip.NewReader(&gz)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("gzip: %d bytes (want %d), err %v", len(got), len(want), err)
	}

	inner, err := hostile.ZipContent("zeros.fit", 0, 2<<20+7)
	if err != nil {
		t.Fatal(err)
	}
	var zb bytes.Buffer
	if err := hostile.WriteZip(&zb, []hostile.Entry{{Name: "a.gpx", Content: c}, {Name: "inner.zip", Content: inner}, {Name: "s.fit", Content: c, Store: true}}); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(zb.Bytes()), int64(zb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	read := func(f *zip.File) []byte {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err) // a CRC mismatch shows here
		}
		return b
	}
	if got := read(r.File[0]); !bytes.Equal(got, want) {
		t.Errorf("zip entry: %d bytes", len(got))
	}
	if got := read(r.File[2]); !bytes.Equal(got, want) {
		t.Errorf("stored zip entry: %d bytes", len(got))
	}
	nested := read(r.File[1])
	nr, err := zip.NewReader(bytes.NewReader(nested), int64(len(nested)))
	if err != nil {
		t.Fatal(err)
	}
	if got := read(nr.File[0]); len(got) != 2<<20+7 || bytes.Count(got, []byte{0}) != len(got) {
		t.Errorf("nested entry: %d bytes", len(got))
	}
}

// TestWriteFIT checks the FIT writer with Rebound's decoder: every record
// is read, one a second.
func TestWriteFIT(t *testing.T) {
	start := time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	if err := hostile.WriteFIT(&b, 1000, start, 140); err != nil {
		t.Fatal(err)
	}
	acts, err := fit.Decode(b.Bytes(), "hostile.fit")
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 1 || len(acts[0].Samples) != 1000 {
		t.Fatalf("%d activities", len(acts))
	}
	s := acts[0].Samples
	if !s[0].Time.Equal(start) || !s[999].Time.Equal(start.Add(999*time.Second)) || s[500].HeartRateBPM != 140 {
		t.Errorf("samples %v … %v, hr %v", s[0].Time, s[999].Time, s[500].HeartRateBPM)
	}
}
