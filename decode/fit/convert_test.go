package fit

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// TestProfileUnits guards the constants onRecord and onHR use in place of
// the profile (they read fields with typed accessors, for speed).
func TestProfileUnits(t *testing.T) {
	fac := factory.StandardFactory()
	for _, c := range []struct {
		mesg          typedef.MesgNum
		num           byte
		typ           proto.Type
		scale, offset float64
	}{
		{mesgnum.Record, fieldnum.RecordTimestamp, proto.TypeUint32, 1, 0},
		{mesgnum.Record, fieldnum.RecordPositionLat, proto.TypeInt32, 1, 0},
		{mesgnum.Record, fieldnum.RecordPositionLong, proto.TypeInt32, 1, 0},
		{mesgnum.Record, fieldnum.RecordAltitude, proto.TypeUint16, altScale, altOffset},
		{mesgnum.Record, fieldnum.RecordEnhancedAltitude, proto.TypeUint32, altScale, altOffset},
		{mesgnum.Record, fieldnum.RecordDistance, proto.TypeUint32, distScale, 0},
		{mesgnum.Record, fieldnum.RecordSpeed, proto.TypeUint16, speedScale, 0},
		{mesgnum.Record, fieldnum.RecordEnhancedSpeed, proto.TypeUint32, speedScale, 0},
		{mesgnum.Record, fieldnum.RecordCompressedSpeedDistance, proto.TypeSliceUint8, 1, 0},
		{mesgnum.Record, fieldnum.RecordHeartRate, proto.TypeUint8, 1, 0},
		{mesgnum.Record, fieldnum.RecordCadence, proto.TypeUint8, 1, 0},
		{mesgnum.Record, fieldnum.RecordFractionalCadence, proto.TypeUint8, fracCadenceScale, 0},
		{mesgnum.Record, fieldnum.RecordPower, proto.TypeUint16, 1, 0},
		{mesgnum.Record, fieldnum.RecordTemperature, proto.TypeInt8, 1, 0},
		{mesgnum.Hr, fieldnum.HrTimestamp, proto.TypeUint32, 1, 0},
		{mesgnum.Hr, fieldnum.HrFractionalTimestamp, proto.TypeUint16, hrFracScale, 0},
		{mesgnum.Hr, fieldnum.HrTime256, proto.TypeUint8, hrTime256Scale, 0},
		{mesgnum.Hr, fieldnum.HrEventTimestamp, proto.TypeSliceUint32, hrEvtScale, 0},
		{mesgnum.Hr, fieldnum.HrEventTimestamp12, proto.TypeSliceUint8, 1, 0},
		{mesgnum.Hr, fieldnum.HrFilteredBpm, proto.TypeSliceUint8, 1, 0},
	} {
		f := fac.CreateField(c.mesg, c.num)
		// The value type the decoder produces for this field.
		size := f.BaseType.Size()
		if f.Array {
			size *= 2
		}
		v, err := proto.UnmarshalValue(make([]byte, size), proto.LittleEndian, f.BaseType, f.Type, f.Array)
		if err != nil {
			t.Fatal(err)
		}
		if v.Type() != c.typ || f.Scale != c.scale || f.Offset != c.offset {
			t.Errorf("%v field %s: type %v scale %v offset %v; converter assumes %v, %v, %v",
				c.mesg, f.Name, v.Type(), f.Scale, f.Offset, c.typ, c.scale, c.offset)
		}
	}
	csd := fac.CreateField(mesgnum.Record, fieldnum.RecordCompressedSpeedDistance).Components
	if len(csd) != 2 || csd[0].Bits != 12 || csd[0].Scale != csdSpeedScale || csd[1].Bits != 12 ||
		csd[1].Scale != csdDistScale || !csd[1].Accumulate {
		t.Errorf("compressed_speed_distance components %+v", csd)
	}
}

// expanded collects what muktihari's own component expansion yields for
// records and hr messages, to check the converter's manual expansion.
type expanded struct {
	records []*mesgdef.Record
	hr      []*mesgdef.Hr
}

func (e *expanded) OnMesg(m proto.Message) {
	switch m.Num {
	case mesgnum.Record:
		if r := mesgdef.NewRecord(&m); !r.Timestamp.IsZero() {
			e.records = append(e.records, r)
		}
	case mesgnum.Hr:
		e.hr = append(e.hr, mesgdef.NewHr(&m))
	}
}

// TestManualExpansion decodes every corpus activity both ways and checks
// that the reader and converter, which expand no components, read the
// same record values and hr event times as muktihari's expansion gives.
func TestManualExpansion(t *testing.T) {
	repoRoot := filepath.Join("..", "..") // this package is decode/fit
	dir := filepath.Join(repoRoot, "..", "shared", "testdata", "fit")
	files, _ := filepath.Glob(filepath.Join(dir, "*.fit"))
	if len(files) == 0 {
		t.Skip("shared test data not found")
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want := new(expanded)
		dec := decoder.New(bytes.NewReader(data), decoder.WithIgnoreChecksum(), decoder.WithBroadcastOnly(), decoder.WithMesgListener(want))
		for dec.Next() {
			if _, err := dec.Decode(); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		}

		parts, _, err := split(data, path)
		if err != nil {
			t.Fatal(err)
		}
		var c converter
		var samples int
		rd := reader{conv: &c}
		for _, p := range parts {
			c.beginPart(countRecords(data[p.start:p.end]))
			if _, err := rd.decodePart(data[p.start:p.end]); err != nil {
				t.Fatal(err)
			}
		}
		for _, b := range c.builders {
			samples += len(b.samples)
		}
		if samples != len(want.records) {
			t.Errorf("%s: %d samples, muktihari has %d timed records", filepath.Base(path), samples, len(want.records))
			continue
		}
		i := 0
		for _, b := range c.builders {
			if counted := cap(b.samples); counted < b.records || counted > b.records+b.records/50+64 {
				t.Errorf("%s: %d records, room made for %d: countRecords is off", filepath.Base(path), b.records, counted)
			}
			for _, s := range b.samples {
				r := want.records[i]
				i++
				cad := math.NaN()
				if r.Cadence != 0xFF {
					cad = float64(r.Cadence)
					if r.FractionalCadence != 0xFF {
						cad += float64(r.FractionalCadence) / 128
					}
				}
				hrv := math.NaN()
				if r.HeartRate != 0xFF && r.HeartRate != 0 {
					hrv = float64(r.HeartRate)
				}
				// muktihari's expansion rounds scaled values down through
				// float64, so enhanced values may be one unit lower.
				for _, c := range []struct {
					name      string
					got, want float64
					tol       float64
				}{
					{"time", float64(s.Time.Unix()), float64(r.Timestamp.Unix()), 0},
					{"distance", s.DistanceM, r.DistanceScaled(), 0.01 + 1e-9},
					{"speed", s.SpeedMS, r.EnhancedSpeedScaled(), 0.001 + 1e-9},
					{"altitude", s.AltitudeM, r.EnhancedAltitudeScaled(), 0.2 + 1e-9},
					{"cadence", s.CadenceSPM, cad, 1e-9},
					{"hr", s.HeartRateBPM, hrv, 0},
				} {
					same := c.got == c.want || (math.IsNaN(c.got) && math.IsNaN(c.want)) || math.Abs(c.got-c.want) <= c.tol
					if !same {
						t.Fatalf("%s record %d: %s = %v, muktihari says %v", filepath.Base(path), i-1, c.name, c.got, c.want)
					}
				}
			}
		}
		// hr beats: the same count as muktihari's expanded event times.
		var wantBeats int
		anchored := false
		for _, h := range want.hr {
			if !h.Timestamp.IsZero() && len(h.EventTimestamp) > 0 {
				anchored = true
			}
			if anchored {
				for k, e := range h.EventTimestamp {
					if k < len(h.FilteredBpm) && e != 0xFFFFFFFF && h.FilteredBpm[k] != 0 && h.FilteredBpm[k] != 0xFF {
						wantBeats++
					}
				}
			}
		}
		var gotBeats int
		for _, b := range c.builders {
			gotBeats += len(b.hr)
		}
		if gotBeats != wantBeats {
			t.Errorf("%s: %d hr beats, muktihari's expansion gives %d", filepath.Base(path), gotBeats, wantBeats)
		}
		if len(want.hr) > 0 {
			// Compare the beat times themselves.
			var wantT []float64
			var at, ae float64
			anchored = false
			for _, h := range want.hr {
				if !h.Timestamp.IsZero() && len(h.EventTimestamp) > 0 {
					anchored = true
					frac := 0.0
					if h.FractionalTimestamp != 0xFFFF {
						frac = float64(h.FractionalTimestamp) / 32768
					}
					at = float64(h.Timestamp.Unix()-fitEpoch) + frac
					ae = float64(h.EventTimestamp[0]) / 1024
				}
				if !anchored {
					continue
				}
				for k, e := range h.EventTimestamp {
					if k < len(h.FilteredBpm) && e != 0xFFFFFFFF && h.FilteredBpm[k] != 0 && h.FilteredBpm[k] != 0xFF {
						wantT = append(wantT, at+float64(e)/1024-ae)
					}
				}
			}
			k := 0
			for _, b := range c.builders {
				for _, beat := range b.hr {
					if k < len(wantT) && math.Abs(beat.t-wantT[k]) > 1e-6 {
						t.Fatalf("%s: beat %d at %v, muktihari's expansion says %v", filepath.Base(path), k, beat.t, wantT[k])
					}
					k++
				}
			}
		}
	}
}
