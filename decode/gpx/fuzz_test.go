package gpx_test

import (
	"testing"

	"github.com/rebound-run/rebound/activity"
)

// FuzzDecode checks that Decode never panics (a recovered panic shows as
// an "internal error" ParseError, which fails the target) and only returns
// the documented error types; on success, one activity of two or more
// timed samples. It is seeded with the corpus's GPX files; files over
// 64 KB contribute their first 16 KB, to keep the fuzzer fast (a cut file
// is a useful seed in itself). Run it with a short -fuzzminimizetime (2s):
// minimizing a large new input otherwise stalls the run for a minute at a
// time.
func FuzzDecode(f *testing.F) {
	dec.Fuzz(f, func(t *testing.T, acts []*activity.Activity) {
		if len(acts) != 1 || len(acts[0].Samples) < 2 {
			t.Fatalf("success with %d activities", len(acts))
		}
		for _, s := range acts[0].Samples {
			if s.Time.IsZero() {
				t.Fatal("sample without time")
			}
		}
	},
		"</>",
		"<gpx><trk><trkseg><trkpt lat='1' lon='2'><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>")
}

// TestDecodeCuts cuts every GPX file of the corpus at 40 places: each
// cut must give an error of a documented type (or, for a cut after the
// last track point, possibly an activity), never a recovered panic.
func TestDecodeCuts(t *testing.T) { dec.Cuts(t) }
