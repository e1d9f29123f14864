package main

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile"
	"github.com/muktihari/fit/proto"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode/fit"
)

// verifyFIT checks that shifted is orig with every date_time moved by off
// seconds and nothing else changed, twice:
//
//   - muktihari/fit's full decoder reads both into the same messages, with
//     every valid date_time field of shifted off seconds later and every
//     other field and developer field equal;
//   - Rebound's decode/fit accepts shifted (its own CRC checks included)
//     and returns the same activities with every time off seconds later.
//
// It returns the activities decoded from orig.
func verifyFIT(orig, shifted []byte, off uint32) ([]*activity.Activity, error) {
	a, err := decodeAll(orig)
	if err != nil {
		return nil, fmt.Errorf("muktihari decode of the original: %w", err)
	}
	b, err := decodeAll(shifted)
	if err != nil {
		return nil, fmt.Errorf("muktihari decode of the shifted copy: %w", err)
	}
	if err := sameMessages(a, b, off); err != nil {
		return nil, err
	}

	acts, err := fit.Decode(orig, "orig.fit")
	if err != nil {
		return nil, fmt.Errorf("decode/fit of the original: %w", err)
	}
	got, err := fit.Decode(shifted, "shifted.fit")
	if err != nil {
		return nil, fmt.Errorf("decode/fit of the shifted copy: %w", err)
	}
	if len(got) != len(acts) {
		return nil, fmt.Errorf("decode/fit: %d activities, want %d", len(got), len(acts))
	}
	d := time.Duration(off) * time.Second
	for i := range acts {
		if !equalActivities(shiftActivity(acts[i], d), got[i]) {
			return nil, fmt.Errorf("decode/fit: activity %d differs from the original shifted by %s", i, d)
		}
	}
	return acts, nil
}

// decodeAll decodes every FIT file of a chain into messages, without
// component expansion (which would add derived fields) and without the
// library's checksum (it rejects valid files whose header CRC is 0x0000;
// Rebound and planFIT check CRCs themselves).
func decodeAll(data []byte) ([]proto.Message, error) {
	dec := decoder.New(bytes.NewReader(data), decoder.WithIgnoreChecksum(), decoder.WithNoComponentExpansion())
	var out []proto.Message
	for dec.Next() {
		f, err := dec.Decode()
		if err != nil {
			return nil, err
		}
		out = append(out, f.Messages...)
	}
	return out, nil
}

func sameMessages(a, b []proto.Message, off uint32) error {
	if len(a) != len(b) {
		return fmt.Errorf("%d messages, want %d", len(b), len(a))
	}
	for i := range a {
		ma, mb := &a[i], &b[i]
		if ma.Num != mb.Num || ma.Header != mb.Header || len(ma.Fields) != len(mb.Fields) ||
			len(ma.DeveloperFields) != len(mb.DeveloperFields) {
			return fmt.Errorf("message %d (%s): shape differs", i, ma.Num)
		}
		for j := range ma.Fields {
			fa, fb := &ma.Fields[j], &mb.Fields[j]
			if fa.Num != fb.Num {
				return fmt.Errorf("message %d (%s): field %d: number differs", i, ma.Num, j)
			}
			want := fa.Value.Any()
			if isTime(ma, fa) {
				want = shiftValue(fa.Value, off)
			}
			if !sameValue(want, fb.Value.Any()) {
				return fmt.Errorf("message %d (%s): field %s: got %v, want %v", i, ma.Num, fa.Name, fb.Value.Any(), want)
			}
		}
		for j := range ma.DeveloperFields {
			da, db := ma.DeveloperFields[j].Value.Any(), mb.DeveloperFields[j].Value.Any()
			if !sameValue(da, db) {
				return fmt.Errorf("message %d (%s): developer field %d: got %v, want %v", i, ma.Num, j, db, da)
			}
		}
	}
	return nil
}

// sameValue compares two field values; NaN (a float field's invalid value)
// equals NaN.
func sameValue(a, b any) bool {
	return reflect.DeepEqual(a, b) || fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b)
}

func isTime(m *proto.Message, f *proto.Field) bool {
	return f.Num == proto.FieldNumTimestamp || f.Type == profile.DateTime || f.Type == profile.LocalDateTime
}

// shiftValue is a date_time value (scalar or array, any 4-byte integer
// type) moved by off, invalid values left alone.
func shiftValue(v proto.Value, off uint32) any {
	switch v.Type() {
	case proto.TypeUint32:
		return shift32(v.Uint32(), 0xFFFFFFFF, off)
	case proto.TypeInt32:
		return int32(shift32(uint32(v.Int32()), 0x7FFFFFFF, off))
	case proto.TypeSliceUint32:
		s := append([]uint32(nil), v.SliceUint32()...)
		for i := range s {
			s[i] = shift32(s[i], 0xFFFFFFFF, off)
		}
		return s
	}
	return v.Any()
}

func shift32(v, invalid, off uint32) uint32 {
	if v == invalid {
		return v
	}
	return v + off
}

// shiftActivity returns a copy of a with every time moved by d.
func shiftActivity(a *activity.Activity, d time.Duration) *activity.Activity {
	c := *a
	c.Start = a.Start.Add(d)
	c.Samples = append([]activity.Sample(nil), a.Samples...)
	for i := range c.Samples {
		c.Samples[i].Time = c.Samples[i].Time.Add(d)
	}
	c.Laps = append([]activity.Lap(nil), a.Laps...)
	for i := range c.Laps {
		c.Laps[i].Start = c.Laps[i].Start.Add(d)
	}
	c.Pauses = append([]activity.Pause(nil), a.Pauses...)
	for i := range c.Pauses {
		c.Pauses[i].Start = c.Pauses[i].Start.Add(d)
		c.Pauses[i].End = c.Pauses[i].End.Add(d)
	}
	return &c
}

// nanFree returns a copy of a in which every NaN (absent value) is
// replaced by a sentinel, so that reflect.DeepEqual can compare it.
func nanFree(a *activity.Activity) *activity.Activity {
	const absent = -1e300
	fix := func(p *float64) {
		if math.IsNaN(*p) {
			*p = absent
		}
	}
	fixTotals := func(t *activity.Totals) {
		for _, p := range []*float64{&t.DistanceM, &t.ElapsedS, &t.TimerS, &t.AvgHR, &t.MaxHR,
			&t.AscentM, &t.DescentM, &t.AvgCadenceSPM, &t.Calories} {
			fix(p)
		}
	}
	c := *a
	c.Samples = append([]activity.Sample(nil), a.Samples...)
	for i := range c.Samples {
		s := &c.Samples[i]
		for _, p := range []*float64{&s.LatDeg, &s.LonDeg, &s.AltitudeM, &s.DistanceM, &s.SpeedMS,
			&s.HeartRateBPM, &s.CadenceSPM, &s.PowerW, &s.TemperatureC} {
			fix(p)
		}
	}
	c.Laps = append([]activity.Lap(nil), a.Laps...)
	for i := range c.Laps {
		fixTotals(&c.Laps[i].Totals)
	}
	if a.DeviceTotals != nil {
		t := *a.DeviceTotals
		fixTotals(&t)
		c.DeviceTotals = &t
	}
	return &c
}
