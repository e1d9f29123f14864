package tcx_test

import (
	"testing"

	"github.com/rebound-run/rebound/activity"
)

// FuzzDecode checks that Decode never panics (a recovered panic shows as
// an "internal error" ParseError, which fails the target) and only returns
// the documented error types; on success, activities that each have
// samples or laps, every sample timed. It is seeded with the corpus's TCX
// files; files over 64 KB contribute their first 16 KB, to keep the
// fuzzer fast (a cut file is a useful seed in itself). Run it with a short
// -fuzzminimizetime (2s): minimizing a large new input otherwise stalls
// the run for a minute at a time.
func FuzzDecode(f *testing.F) {
	dec.Fuzz(f, func(t *testing.T, acts []*activity.Activity) {
		if len(acts) == 0 {
			t.Fatal("success without activities")
		}
		for _, a := range acts {
			if len(a.Samples) == 0 && len(a.Laps) == 0 {
				t.Fatal("activity without samples or laps")
			}
			for _, s := range a.Samples {
				if s.Time.IsZero() {
					t.Fatal("sample without time")
				}
			}
		}
	},
		"</>",
		"<TrainingCenterDatabase><Activities><Activity Sport='Running'><Id>2024-01-01T00:00:00Z</Id><Lap StartTime='2024-01-01T00:00:00Z'><Track><Trackpoint><Time>2024-01-01T00:00:00Z</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>")
}

// TestDecodeCuts cuts every TCX file of the corpus at 40 places: each
// cut must give an error of a documented type (or, for a cut after the
// last trackpoint, possibly activities), never a recovered panic.
func TestDecodeCuts(t *testing.T) { dec.Cuts(t) }
