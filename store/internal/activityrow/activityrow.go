// Package activityrow is what store/sqlite and store/postgres do alike with an
// activity's row: validating a store.Activity and encoding the column
// values both engines write the same way (the JSON columns, in the
// store/internal/rowjson forms, the samples blob and the original's
// size), turning the same columns back into a store.Activity once
// scanned, and decompressing a stored original. Each engine keeps its
// SQL, its text and time columns and its driver's scanning.
//
// It imports store, store/samplecodec and store/internal/rowjson, never
// an engine or a driver.
package activityrow

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/internal/rowjson"
	"github.com/rebound-run/rebound/store/samplecodec"
)

// Activity is the part of an activity's row that both engines write
// alike: its JSON columns, its samples and its original.
type Activity struct {
	UserName, Kind, Note                                string // cleaned by store.ActivityEdit.Validate
	Summary, Laps, Pauses, DeviceTotals, Legs, Warnings []byte // DeviceTotals nil: NULL
	Samples                                             []byte // nil without samples
	Original                                            []byte // zstd; nil without an original
	OriginalSize                                        *int64 // nil when the zstd frame does not say
}

// Encode validates a and returns the columns of its row that both engines
// write alike. It returns EINVALID when a has no decoded activity, no
// SHA256, more than samplecodec.MaxSamples samples, an Original that is
// not zstd, or a UserName, Kind or Note that store.ActivityEdit.Validate
// refuses.
func Encode(a *store.Activity) (*Activity, error) {
	switch {
	case a.Activity == nil:
		return nil, rebound.Errorf(rebound.EINVALID, "no decoded activity")
	case a.SHA256 == "":
		return nil, rebound.Errorf(rebound.EINVALID, "no SHA-256")
	case len(a.Samples) > samplecodec.MaxSamples:
		return nil, rebound.Errorf(rebound.EINVALID, "%d samples is more than the %d a store keeps",
			len(a.Samples), samplecodec.MaxSamples)
	}
	edit := store.ActivityEdit{Name: &a.UserName, Kind: &a.Kind, Note: &a.Note}
	if err := edit.Validate(); err != nil {
		return nil, err
	}
	r := &Activity{UserName: *edit.Name, Kind: string(*edit.Kind), Note: *edit.Note}
	laps := make([]rowjson.Lap, len(a.Laps))
	for i, l := range a.Laps {
		laps[i] = rowjson.Lap{StartMS: toMS(l.Start), Totals: rowjson.FromTotals(l.Totals)}
	}
	pauses := make([]rowjson.Pause, len(a.Pauses))
	for i, p := range a.Pauses {
		pauses[i] = rowjson.Pause{StartMS: toMS(p.Start), EndMS: toMS(p.End)}
	}
	var err error
	if r.Summary, err = json.Marshal(rowjson.FromSummary(a.Summary)); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	if r.Laps, err = rowjson.MarshalList(laps); err != nil {
		return nil, fmt.Errorf("laps: %w", err)
	}
	if r.Pauses, err = rowjson.MarshalList(pauses); err != nil {
		return nil, fmt.Errorf("pauses: %w", err)
	}
	if a.DeviceTotals != nil {
		if r.DeviceTotals, err = json.Marshal(rowjson.FromTotals(*a.DeviceTotals)); err != nil {
			return nil, fmt.Errorf("device totals: %w", err)
		}
	}
	if r.Legs, err = rowjson.MarshalList(a.Legs); err != nil {
		return nil, fmt.Errorf("legs: %w", err)
	}
	if r.Warnings, err = rowjson.MarshalList(a.Warnings); err != nil {
		return nil, fmt.Errorf("warnings: %w", err)
	}

	switch {
	case a.EncodedSamples != nil: // encoded by the importer's workers
		r.Samples = a.EncodedSamples
	case len(a.Samples) > 0:
		r.Samples = samplecodec.Encode(a.Samples)
	}
	if len(a.Original) > 0 {
		var h zstd.Header
		if err := h.Decode(a.Original); err != nil {
			return nil, rebound.Errorf(rebound.EINVALID, "original is not zstd-compressed: %v", err)
		}
		if h.HasFCS {
			size := int64(h.FrameContentSize)
			r.OriginalSize = &size
		}
		r.Original = a.Original
	}
	return r, nil
}

// Scan receives the columns of one activity row. Both engines select
//
//	id, sha256, sport, sub_sport, start, utc_offset_s,
//	name, device, format, source_file, gear, imported_at,
//	summary, laps, pauses, device_totals, legs, warnings,
//	user_name, kind, note
//
// in this order (Dest's), and differ only in how they keep the start, the
// UTC offset and the import time.
type Scan struct {
	// Activity receives the id and the text columns; the engine sets its
	// Start, UTCOffsetS and ImportedAt, and Decode the rest.
	Activity *store.Activity

	sport, kind                                         string
	summary, laps, pauses, deviceTotals, legs, warnings []byte
}

// NewScan returns a Scan with an empty Activity.
func NewScan() *Scan {
	return &Scan{Activity: &store.Activity{Activity: &activity.Activity{}}}
}

// Dest returns the destinations of the activity columns for a driver's
// Scan: start, utcOffset and importedAt are the engine's own, in the form
// its driver reads; extra follow the activity columns.
func (s *Scan) Dest(start, utcOffset, importedAt any, extra ...any) []any {
	a := s.Activity
	return append([]any{&a.ID, &a.SHA256, &s.sport, &a.SubSport, start, utcOffset,
		&a.Name, &a.Device, &a.Format, &a.SourceFile, &a.Gear, importedAt,
		&s.summary, &s.laps, &s.pauses, &s.deviceTotals, &s.legs, &s.warnings,
		&a.UserName, &s.kind, &a.Note}, extra...)
}

// Decode sets the sport, summary, laps, pauses, device totals, legs and
// warnings of s.Activity from the scanned columns. Empty lists are nil.
func (s *Scan) Decode() error {
	a := s.Activity
	a.Sport = activity.Sport(s.sport)
	a.Kind = recovery.Kind(s.kind)
	var err error
	if a.Summary, err = rowjson.UnmarshalSummary(s.summary); err != nil {
		return fmt.Errorf("activity %d: summary: %w", a.ID, err)
	}
	var (
		lj []rowjson.Lap
		pj []rowjson.Pause
	)
	for _, c := range []struct {
		name string
		data []byte
		dst  any
	}{
		{"laps", s.laps, &lj},
		{"pauses", s.pauses, &pj},
		{"legs", s.legs, &a.Legs},
		{"warnings", s.warnings, &a.Warnings},
	} {
		if err := json.Unmarshal(c.data, c.dst); err != nil {
			return fmt.Errorf("activity %d: %s: %w", a.ID, c.name, err)
		}
	}
	if s.deviceTotals != nil {
		var tj rowjson.Totals
		if err := json.Unmarshal(s.deviceTotals, &tj); err != nil {
			return fmt.Errorf("activity %d: device totals: %w", a.ID, err)
		}
		t := tj.Totals()
		a.DeviceTotals = &t
	}
	if len(lj) > 0 {
		a.Laps = make([]activity.Lap, len(lj))
		for i, l := range lj {
			a.Laps[i] = activity.Lap{Start: fromMS(l.StartMS), Totals: l.Totals.Totals()}
		}
	}
	if len(pj) > 0 {
		a.Pauses = make([]activity.Pause, len(pj))
		for i, p := range pj {
			a.Pauses[i] = activity.Pause{Start: fromMS(p.StartMS), End: fromMS(p.EndMS)}
		}
	}
	if len(a.Legs) == 0 {
		a.Legs = nil
	}
	if len(a.Warnings) == 0 {
		a.Warnings = nil
	}
	return nil
}

// maxOriginalSize bounds what Decompress will decompress (1 GiB).
const maxOriginalSize = 1 << 30

// decoder decompresses originals; DecodeAll is safe for concurrent use.
var decoder = sync.OnceValues(func() (*zstd.Decoder, error) {
	return zstd.NewReader(nil, zstd.WithDecoderMaxMemory(maxOriginalSize))
})

// Decompress returns a stored original, decompressed. size is its size as
// stored (nil: unknown); a stored size that the data does not match is an
// error.
func Decompress(compressed []byte, size *int64) ([]byte, error) {
	dec, err := decoder()
	if err != nil {
		return nil, err
	}
	var dst []byte
	if size != nil && *size >= 0 && *size <= maxOriginalSize {
		dst = make([]byte, 0, *size)
	}
	data, err := dec.DecodeAll(compressed, dst)
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	if size != nil && int64(len(data)) != *size {
		return nil, fmt.Errorf("decompressed %d bytes, want %d", len(data), *size)
	}
	return data, nil
}

// toMS returns t as Unix milliseconds, rounded to the nearest: the times
// of the laps and pauses JSON columns.
func toMS(t time.Time) int64 { return t.Round(time.Millisecond).UnixMilli() }

// fromMS returns the UTC time of Unix milliseconds ms.
func fromMS(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
