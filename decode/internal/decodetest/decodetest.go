// Package decodetest holds the tests that every XML decoder (decode/gpx,
// decode/tcx) runs in the same shape over the shared corpus: the manifest
// test, the cut files, the fuzz target, the synthetic-document table and
// the benchmarks. Each decoder's tests keep their names and call these
// with the decoder and its own checks.
//
// It is imported only by tests.
package decodetest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/internal/corpus"
)

// Decoder is a decoder under test: its corpus files are those whose path
// ends in "." + Format ("gpx/x.gpx"), and the names it is given end so too.
type Decoder struct {
	Format decode.Format
	Decode decode.Decoder
}

// ext returns the extension of the decoder's files, ".gpx".
func (d Decoder) ext() string { return "." + string(d.Format) }

// file returns base with the decoder's extension, "fuzz.gpx".
func (d Decoder) file(base string) string { return base + d.ext() }

// read returns the bytes of a corpus file.
func read(tb testing.TB, dir, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, path))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// isPanic reports whether err is a ParseError for a recovered panic, which
// Decode reports as an "internal error".
func isPanic(perr *decode.ParseError) bool {
	return strings.Contains(perr.Err.Error(), "internal error")
}

// Expect holds a decoder's own checks for Manifest.
type Expect struct {
	// Import checks the activities of a file the manifest expects to
	// import.
	Import func(t *testing.T, row corpus.Entry, acts []*activity.Activity)
	// SkipReason is what the reason of a skipped file must contain; any
	// reason will do when it is empty.
	SkipReason string
	// Any checks the activities of a borderline file ("any") that
	// imports; nil accepts any.
	Any func(t *testing.T, acts []*activity.Activity)
	// AnyMayFail accepts a ParseError for a borderline file, which must
	// otherwise import or skip.
	AnyMayFail bool
}

// Manifest decodes every corpus file of the decoder listed in the corpus
// manifest (broken/ ones included), each in a subtest named by its path,
// and checks the outcome its expect column names: import (then
// e.Import), skip (a SkipError naming the file), fail (a ParseError of
// the decoder's format naming the file) or any (see Expect).
func (d Decoder) Manifest(t *testing.T, e Expect) {
	td := corpus.Dir(t)
	for _, row := range corpus.ManifestOf(t, d.ext()) {
		path := row.Get("path")
		t.Run(path, func(t *testing.T) {
			name := filepath.Base(path)
			acts, err := d.Decode(read(t, td, path), name)
			switch row.Get("expect") {
			case "import":
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				e.Import(t, row, acts)
			case "skip":
				var skip *decode.SkipError
				if !errors.As(err, &skip) {
					t.Fatalf("got %v (%T), want *decode.SkipError", err, err)
				}
				if skip.File != name || skip.Reason == "" || !strings.Contains(skip.Reason, e.SkipReason) {
					t.Errorf("SkipError = %+v, want File %q and a reason containing %q", skip, name, e.SkipReason)
				}
				t.Logf("skip: %v", err)
			case "fail":
				var perr *decode.ParseError
				if !errors.As(err, &perr) {
					t.Fatalf("got %v (%T), want *decode.ParseError", err, err)
				}
				if perr.Format != d.Format || perr.File != name || !strings.Contains(err.Error(), name) {
					t.Errorf("ParseError %q does not name the file %q", err, name)
				}
			case "any":
				var perr *decode.ParseError
				switch {
				case err == nil:
					if e.Any != nil {
						e.Any(t, acts)
					}
				case decode.IsSkip(err):
				case errors.As(err, &perr):
					if !e.AnyMayFail {
						t.Errorf("a borderline file should import or skip, got %v", err)
					}
				default:
					t.Errorf("unexpected error type %T: %v", err, err)
				}
				t.Logf("any: err=%v", err)
			default:
				t.Fatalf("unknown expect %q", row.Get("expect"))
			}
		})
	}
}

// Cuts cuts every corpus file of the decoder at 40 places: each cut must
// give an error of a documented type (or, for a cut after the last point,
// possibly activities), never a recovered panic.
func (d Decoder) Cuts(t *testing.T) {
	td := corpus.Dir(t)
	for _, row := range corpus.ManifestOf(t, d.ext()) {
		data := read(t, td, row.Get("path"))
		for i := 1; i < 40; i++ {
			cut := data[:len(data)*i/40]
			_, err := d.Decode(cut, d.file("cut"))
			var perr *decode.ParseError
			switch {
			case err == nil, decode.IsSkip(err):
			case errors.As(err, &perr):
				if isPanic(perr) {
					t.Errorf("%s cut at %d: recovered panic: %v", row.Get("path"), len(cut), err)
				}
			default:
				t.Errorf("%s cut at %d: unexpected error %T: %v", row.Get("path"), len(cut), err, err)
			}
		}
	}
}

// Fuzz fuzzes the decoder: it must never panic (a recovered panic shows
// as an "internal error" ParseError, which fails the target) or hang, and
// must return either activities, which check then checks, or an error of
// a documented type and no activities. The target is seeded with the
// decoder's corpus files (files over 64 KB contribute their first 16 KB,
// to keep the fuzzer fast; a cut file is a useful seed in itself) and
// seeds.
func (d Decoder) Fuzz(f *testing.F, check func(t *testing.T, acts []*activity.Activity), seeds ...string) {
	td := corpus.Dir(f)
	for _, row := range corpus.ManifestOf(f, d.ext()) {
		data := read(f, td, row.Get("path"))
		if len(data) > 64<<10 {
			data = data[:16<<10]
		}
		f.Add(data)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang would stall the fuzzer silently; crash instead, so the
		// input is saved.
		watchdog := time.AfterFunc(10*time.Second, func() { panic("Decode did not return within 10 s") })
		acts, err := d.Decode(data, d.file("fuzz"))
		watchdog.Stop()
		if err != nil {
			var perr *decode.ParseError
			switch {
			case errors.As(err, &perr):
				if isPanic(perr) {
					t.Fatalf("recovered panic: %v", err)
				}
			case decode.IsSkip(err):
			default:
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			if acts != nil {
				t.Fatal("activities returned with an error")
			}
			return
		}
		check(t, acts)
	})
}

// Case is a synthetic document for Synthetic.
type Case struct {
	Name string
	Doc  string
	// Check runs on success; it is not called when WantErr is set.
	Check func(t *testing.T, acts []*activity.Activity)
	// WantErr is "skip" for a SkipError, "parse" for a ParseError naming
	// the file (and not a recovered panic), empty for success.
	WantErr string
}

// Synthetic decodes each case's document in a subtest named by the case
// and checks the outcome it wants.
func (d Decoder) Synthetic(t *testing.T, cases []Case) {
	name := d.file("test")
	for _, tt := range cases {
		t.Run(tt.Name, func(t *testing.T) {
			acts, err := d.Decode([]byte(tt.Doc), name)
			switch tt.WantErr {
			case "":
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				tt.Check(t, acts)
			case "skip":
				if !decode.IsSkip(err) {
					t.Fatalf("got %v, want a SkipError", err)
				}
			case "parse":
				var perr *decode.ParseError
				if !errors.As(err, &perr) || !strings.Contains(err.Error(), name) {
					t.Fatalf("got %v, want a ParseError naming the file", err)
				}
				if isPanic(perr) {
					t.Errorf("a panic was recovered: %v", err)
				}
			default:
				t.Fatalf("unknown WantErr %q", tt.WantErr)
			}
		})
	}
}

// DecodeFile decodes a corpus file (path relative to the corpus folder)
// that must give one activity with samples, and returns it.
func (d Decoder) DecodeFile(t *testing.T, path string) *activity.Activity {
	t.Helper()
	acts, err := d.Decode(read(t, corpus.Dir(t), path), filepath.Base(path))
	if err != nil {
		t.Fatalf("Decode(%s): %v", path, err)
	}
	if len(acts) != 1 || len(acts[0].Samples) == 0 {
		t.Fatalf("Decode(%s): %d activities", path, len(acts))
	}
	return acts[0]
}

// HasWarning reports whether one of a's warnings contains substr.
func HasWarning(a *activity.Activity, substr string) bool {
	for _, w := range a.Warnings {
		if strings.Contains(w, substr) {
			return true
		}
	}
	return false
}

// Bench runs fn on every corpus file of the decoder that imports, per
// iteration; MB/s is over their total size.
func (d Decoder) Bench(b *testing.B, fn func(data []byte) error) {
	td := corpus.Dir(b)
	var (
		files [][]byte
		total int64
	)
	for _, row := range corpus.ManifestOf(b, d.ext()) {
		if row.Get("expect") != "import" {
			continue
		}
		data := read(b, td, row.Get("path"))
		files = append(files, data)
		total += int64(len(data))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			if err := fn(data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchDecode is Bench of the decoder itself.
func (d Decoder) BenchDecode(b *testing.B) {
	name := d.file("bench")
	d.Bench(b, func(data []byte) error {
		_, err := d.Decode(data, name)
		return err
	})
}

// Counts tallies the samples that carry each optional value.
type Counts struct{ Ele, HR, Cad, Power, Temp, Pos int }

// CountSamples counts the samples that carry each optional value.
func CountSamples(samples []activity.Sample) Counts {
	var c Counts
	for _, s := range samples {
		if activity.Has(s.AltitudeM) {
			c.Ele++
		}
		if activity.Has(s.HeartRateBPM) {
			c.HR++
		}
		if activity.Has(s.CadenceSPM) {
			c.Cad++
		}
		if activity.Has(s.PowerW) {
			c.Power++
		}
		if activity.Has(s.TemperatureC) {
			c.Temp++
		}
		if s.HasPosition() {
			c.Pos++
		}
	}
	return c
}

// TooMany checks the decoder's limit on samples: a document of
// decode.MaxSamples+1 timed points gives a *decode.ParseError wrapping
// decode.ErrTooManySamples and naming the last point, as record. (That
// decode.MaxSamples points decode is left to decode/fit's test, where
// it is cheap.) head, point
// and tail are the document's parts: point is repeated, with its %s
// replaced by a timestamp a second after the last.
func (d Decoder) TooMany(t *testing.T, head, point, tail, record string) {
	start := time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC)
	doc := func(n int) []byte {
		var b bytes.Buffer
		b.Grow(len(head) + n*(len(point)+16) + len(tail))
		b.WriteString(head)
		pre, post, _ := strings.Cut(point, "%s")
		for i := range n {
			b.WriteString(pre)
			b.Write(start.Add(time.Duration(i)*time.Second).AppendFormat(nil, time.RFC3339))
			b.WriteString(post)
		}
		b.WriteString(tail)
		return b.Bytes()
	}
	_, err := d.Decode(doc(decode.MaxSamples+1), d.file("long"))
	var perr *decode.ParseError
	if !errors.As(err, &perr) || !errors.Is(err, decode.ErrTooManySamples) || perr.Record != record {
		t.Fatalf("MaxSamples+1 points: %v, want a ParseError at %s wrapping ErrTooManySamples", err, record)
	}
}
