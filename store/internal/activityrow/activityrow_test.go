package activityrow_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/internal/activityrow"
	"github.com/rebound-run/rebound/store/samplecodec"
	"github.com/rebound-run/rebound/store/storetest"
)

var start = time.Date(2024, 5, 4, 6, 30, 0, 0, time.UTC)

// fakeRow scans its values into the destinations, in order, as a driver
// would.
type fakeRow []any

func (r fakeRow) Scan(dest ...any) error {
	for i, v := range r {
		reflect.ValueOf(dest[i]).Elem().Set(reflect.ValueOf(v))
	}
	return nil
}

// roundTrip encodes a and scans its columns back, start and import time
// as the engine would keep them.
func roundTrip(tb testing.TB, a *store.Activity) *store.Activity {
	tb.Helper()
	r, err := activityrow.Encode(a)
	if err != nil {
		tb.Fatalf("Encode: %v", err)
	}
	s := activityrow.NewScan()
	row := fakeRow{int64(7), a.SHA256, string(a.Sport), a.SubSport, a.Start, a.UTCOffsetS,
		a.Name, a.Device, a.Format, a.SourceFile, a.Gear, a.ImportedAt,
		r.Summary, r.Laps, r.Pauses, r.DeviceTotals, r.Legs, r.Warnings, r.UserName, r.Kind, r.Note, r.Samples}
	var samples []byte
	got := s.Activity
	if err := row.Scan(s.Dest(&got.Start, &got.UTCOffsetS, &got.ImportedAt, &samples)...); err != nil {
		tb.Fatal(err)
	}
	if err := s.Decode(); err != nil {
		tb.Fatalf("Decode: %v", err)
	}
	if got.ID != 7 {
		tb.Errorf("ID = %d, want 7", got.ID)
	}
	if samples != nil {
		if got.Samples, err = samplecodec.Decode(samples); err != nil {
			tb.Fatalf("samples: %v", err)
		}
	}
	return got
}

// edited is an activity the runner has named, marked a race and noted.
func edited() *store.Activity {
	a := storetest.NewActivity(start, activity.Running)
	a.UserName, a.Kind, a.Note = "Club 10k", recovery.Race, "Windy.\nNew shoes."
	return a
}

func TestRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		name string
		a    *store.Activity
	}{
		{"OK", storetest.NewActivity(start, activity.Running)},
		{"OKManual", storetest.NewManualActivity(start, activity.Cycling)},
		{"OKEdited", edited()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := roundTrip(t, tt.a)
			if diff := cmp.Diff(tt.a, got, storetest.ActivityOptions,
				cmpopts.IgnoreFields(store.Activity{}, "ID")); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEncode(t *testing.T) {
	t.Run("OKNilWithoutParts", func(t *testing.T) {
		a := storetest.NewManualActivity(start, activity.Running)
		r, err := activityrow.Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		if r.DeviceTotals != nil || r.Samples != nil || r.Original != nil || r.OriginalSize != nil {
			t.Errorf("device totals %q, samples %q, original %q, size %v: want nil",
				r.DeviceTotals, r.Samples, r.Original, r.OriginalSize)
		}
		if string(r.Laps) != "[]" || string(r.Legs) != "[]" {
			t.Errorf("laps %s, legs %s, want []", r.Laps, r.Legs)
		}
	})
	t.Run("OKOriginalSize", func(t *testing.T) {
		// zstd writes the size in the frame for all but the smallest files.
		a := storetest.NewActivity(start, activity.Running)
		a.Original = storetest.Compress(bytes.Repeat([]byte("FIT "), 1000))
		r, err := activityrow.Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		if r.OriginalSize == nil || *r.OriginalSize != 4000 {
			t.Errorf("OriginalSize = %v, want 4000", r.OriginalSize)
		}
		if !bytes.Equal(r.Original, a.Original) {
			t.Error("Original is not a.Original")
		}
	})
	t.Run("OKEncodedSamplesWin", func(t *testing.T) {
		a := storetest.NewActivity(start, activity.Running)
		a.EncodedSamples = []byte("as the importer encoded them")
		r, err := activityrow.Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		if string(r.Samples) != string(a.EncodedSamples) {
			t.Errorf("Samples = %q, want EncodedSamples", r.Samples)
		}
	})
	for _, tt := range []struct {
		name   string
		change func(a *store.Activity)
	}{
		{"ErrInvalidNoActivity", func(a *store.Activity) { a.Activity = nil }},
		{"ErrInvalidNoHash", func(a *store.Activity) { a.SHA256 = "" }},
		{"ErrInvalidTooManySamples", func(a *store.Activity) {
			a.Samples = make([]activity.Sample, samplecodec.MaxSamples+1)
		}},
		{"ErrInvalidOriginalNotZstd", func(a *store.Activity) { a.Original = []byte("plain FIT bytes") }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := storetest.NewActivity(start, activity.Running)
			tt.change(a)
			if _, err := activityrow.Encode(a); rebound.ErrorCode(err) != rebound.EINVALID {
				t.Errorf("Encode = %v, want EINVALID", err)
			}
		})
	}
}

func TestDecompress(t *testing.T) {
	data := []byte("the original file")
	compressed := storetest.Compress(data)
	size := int64(len(data))
	for _, tt := range []struct {
		name string
		size *int64
	}{{"OK", &size}, {"OKSizeUnknown", nil}} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := activityrow.Decompress(compressed, tt.size)
			if err != nil || string(got) != string(data) {
				t.Errorf("Decompress = %q, %v; want %q", got, err, data)
			}
		})
	}
	t.Run("ErrSizeMismatch", func(t *testing.T) {
		wrong := size + 1
		if _, err := activityrow.Decompress(compressed, &wrong); err == nil {
			t.Error("Decompress with a wrong size succeeded")
		}
	})
	t.Run("ErrNotZstd", func(t *testing.T) {
		if _, err := activityrow.Decompress(data, nil); err == nil {
			t.Error("Decompress of plain bytes succeeded")
		}
	})
}
