package gpx_test

import (
	"errors"
	"github.com/rebound-run/rebound/internal/corpus"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/gpx"
)

// FuzzDecode checks that Decode never panics (a recovered panic shows as
// an "internal error" ParseError, which fails the target) and only returns
// the documented error types. It is seeded with the corpus's GPX files;
// files over 64 KB contribute their first 16 KB, to keep the fuzzer fast
// (a cut file is a useful seed in itself). Run it with a short
// -fuzzminimizetime (2s): minimizing a large new input otherwise stalls
// the run for a minute at a time.
func FuzzDecode(f *testing.F) {
	td := corpus.Dir(f)
	for _, row := range corpus.ManifestOf(f, ".gpx") {
		data, err := os.ReadFile(filepath.Join(td, row.Get("path")))
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 64<<10 {
			data = data[:16<<10]
		}
		f.Add(data)
	}
	f.Add([]byte("</>"))
	f.Add([]byte("<gpx><trk><trkseg><trkpt lat='1' lon='2'><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang would stall the fuzzer silently; crash instead, so the
		// input is saved.
		watchdog := time.AfterFunc(10*time.Second, func() { panic("Decode did not return within 10 s") })
		acts, err := gpx.Decode(data, "fuzz.gpx")
		watchdog.Stop()
		if err != nil {
			var perr *decode.ParseError
			switch {
			case errors.As(err, &perr):
				if strings.Contains(perr.Err.Error(), "internal error") {
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
		if len(acts) != 1 || len(acts[0].Samples) < 2 {
			t.Fatalf("success with %d activities", len(acts))
		}
		for _, s := range acts[0].Samples {
			if s.Time.IsZero() {
				t.Fatal("sample without time")
			}
		}
	})
}

// TestDecodeCuts cuts every GPX file of the corpus at 40 places: each
// cut must give an error of a documented type (or, for a cut after the
// last track point, possibly an activity), never a recovered panic.
func TestDecodeCuts(t *testing.T) {
	td := corpus.Dir(t)
	for _, row := range corpus.ManifestOf(t, ".gpx") {
		data, err := os.ReadFile(filepath.Join(td, row.Get("path")))
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < 40; i++ {
			cut := data[:len(data)*i/40]
			_, err := gpx.Decode(cut, "cut.gpx")
			var perr *decode.ParseError
			switch {
			case err == nil, decode.IsSkip(err):
			case errors.As(err, &perr):
				if strings.Contains(perr.Err.Error(), "internal error") {
					t.Errorf("%s cut at %d: recovered panic: %v", row.Get("path"), len(cut), err)
				}
			default:
				t.Errorf("%s cut at %d: unexpected error %T: %v", row.Get("path"), len(cut), err, err)
			}
		}
	}
}
