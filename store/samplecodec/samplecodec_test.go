package samplecodec_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/store/samplecodec"
)

// Resolutions from the package documentation: a round trip moves a value
// by at most half of its column's step.
var steps = []struct {
	name string
	step float64
	get  func(activity.Sample) float64
}{
	{"LatDeg", 1e-7, func(s activity.Sample) float64 { return s.LatDeg }},
	{"LonDeg", 1e-7, func(s activity.Sample) float64 { return s.LonDeg }},
	{"AltitudeM", 0.01, func(s activity.Sample) float64 { return s.AltitudeM }},
	{"DistanceM", 0.01, func(s activity.Sample) float64 { return s.DistanceM }},
	{"SpeedMS", 0.001, func(s activity.Sample) float64 { return s.SpeedMS }},
	{"HeartRateBPM", 0.1, func(s activity.Sample) float64 { return s.HeartRateBPM }},
	{"CadenceSPM", 0.1, func(s activity.Sample) float64 { return s.CadenceSPM }},
	{"PowerW", 0.1, func(s activity.Sample) float64 { return s.PowerW }},
	{"TemperatureC", 0.1, func(s activity.Sample) float64 { return s.TemperatureC }},
}

// roundTrip encodes and decodes in, failing the test on a decode error.
func roundTrip(tb testing.TB, in []activity.Sample) []activity.Sample {
	tb.Helper()
	out, err := samplecodec.Decode(samplecodec.Encode(in))
	if err != nil {
		tb.Fatalf("Decode(Encode(%d samples)): %v", len(in), err)
	}
	return out
}

// checkWithin fails unless got matches want to within the documented
// resolutions: half a step per value, half a millisecond per time, NaN
// exactly where want has NaN, and every time in UTC.
func checkWithin(tb testing.TB, want, got []activity.Sample) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Fatalf("got %d samples, want %d", len(got), len(want))
	}
	errs := 0
	for i := range want {
		w, g := want[i], got[i]
		if d := g.Time.Sub(w.Time); d < -time.Millisecond/2 || d > time.Millisecond/2 {
			tb.Errorf("sample %d: Time = %v, want %v (±0.5ms)", i, g.Time, w.Time)
			errs++
		}
		if g.Time.Location() != time.UTC {
			tb.Errorf("sample %d: Time in %v, want UTC", i, g.Time.Location())
			errs++
		}
		for _, c := range steps {
			wv, gv := c.get(w), c.get(g)
			switch {
			case math.IsNaN(wv) || math.IsNaN(gv):
				if math.IsNaN(wv) != math.IsNaN(gv) {
					tb.Errorf("sample %d: %s = %v, want %v", i, c.name, gv, wv)
					errs++
				}
			case math.Abs(gv-wv) > c.step/2*(1+1e-9)+1e-12*math.Abs(wv):
				tb.Errorf("sample %d: %s = %v, want %v ± %v", i, c.name, gv, wv, c.step/2)
				errs++
			}
		}
		if errs > 10 {
			tb.Fatal("too many differences")
		}
	}
}

var t0 = time.Date(2024, 5, 4, 6, 30, 0, 0, time.UTC)

// realisticRun returns n samples of a simulated one-hertz run recorded the
// way a Garmin watch writes a FIT file: positions in semicircles (so off the
// 1e-7 degree grid), altitude in 0.2 m steps, distance in cm, speed in mm/s,
// whole bpm, cadence in whole steps per minute, whole watts and whole °C,
// with "smart recording" gaps of 2-5 s, no GPS fix for the first 12
// samples and a 40-sample heart-rate dropout.
func realisticRun(n int, seed uint64) []activity.Sample {
	rng := rand.New(rand.NewPCG(seed, 1))
	semicircle := 180 / math.Exp2(31)
	out := make([]activity.Sample, n)
	t := t0
	lat, lon, heading := 45.8326, 6.8652, 0.3
	alt, dist, speed := 1035.0, 0.0, 3.0
	hr, power, temp := 95.0, 240.0, 24.0
	for i := range out {
		dt := 1.0
		if rng.Float64() < 0.05 {
			dt = float64(2 + rng.IntN(4))
		}
		t = t.Add(time.Duration(dt * float64(time.Second)))
		speed = math.Max(0.5, speed+0.15*rng.NormFloat64()+0.05*(3.1-speed))
		heading += 0.05 * rng.NormFloat64()
		lat += speed * dt * math.Cos(heading) / 111320
		lon += speed * dt * math.Sin(heading) / (111320 * math.Cos(lat*math.Pi/180))
		alt += 0.3*math.Sin(float64(i)/200) + 0.1*rng.NormFloat64()
		dist += speed * dt
		hr = math.Min(185, math.Max(90, hr+0.6*rng.NormFloat64()+0.02*(158-hr)))
		power = math.Max(0, power+20*rng.NormFloat64()+0.2*(250-power))
		if rng.Float64() < 0.002 {
			temp += float64(rng.IntN(3) - 1)
		}

		s := activity.NewSample(t)
		if i >= 12 {
			s.LatDeg = math.Round((lat+2e-6*rng.NormFloat64())/semicircle) * semicircle
			s.LonDeg = math.Round((lon+2e-6*rng.NormFloat64())/semicircle) * semicircle
		}
		s.AltitudeM = math.Round((alt+500)*5)/5 - 500
		s.DistanceM = math.Round(dist*100) / 100
		s.SpeedMS = math.Round(speed*1000) / 1000
		if i < 1000 || i >= 1040 {
			s.HeartRateBPM = math.Round(hr)
		}
		s.CadenceSPM = 2 * math.Round(85+1.5*rng.NormFloat64())
		s.PowerW = math.Round(power)
		s.TemperatureC = temp
		out[i] = s
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	t.Run("Realistic", func(t *testing.T) {
		in := realisticRun(3600, 1)
		checkWithin(t, in, roundTrip(t, in))
	})

	t.Run("OnGridExact", func(t *testing.T) {
		// Values on their column's grid come back as the very same float64.
		in := []activity.Sample{
			{Time: t0, LatDeg: 47.1234567, LonDeg: -122.7654321, AltitudeM: -12.34, DistanceM: 0,
				SpeedMS: 3.456, HeartRateBPM: 152, CadenceSPM: 171.5, PowerW: 250.3, TemperatureC: -4.5},
			{Time: t0.Add(1500 * time.Millisecond), LatDeg: 47.1234999, LonDeg: -122.7654000, AltitudeM: 8848.86,
				DistanceM: 42195.01, SpeedMS: 0.001, HeartRateBPM: 152.1, CadenceSPM: 0, PowerW: 0.1, TemperatureC: 41.9},
		}
		if diff := cmp.Diff(in, roundTrip(t, in)); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	})

	t.Run("Empty", func(t *testing.T) {
		for _, in := range [][]activity.Sample{nil, {}} {
			out := roundTrip(t, in)
			if out != nil {
				t.Errorf("Decode(Encode(%#v)) = %#v, want nil", in, out)
			}
		}
	})

	t.Run("NaN", func(t *testing.T) {
		// Presence patterns: a column absent everywhere, absent at the
		// start, at the end, alternating (bitmap), one long gap (runs),
		// a single present value, and a sample with nothing but a time.
		const n = 200
		in := make([]activity.Sample, n)
		for i := range in {
			s := activity.NewSample(t0.Add(time.Duration(i) * time.Second))
			if i >= 10 {
				s.LatDeg, s.LonDeg = 45+float64(i)*1e-5, 6+float64(i)*1e-5
			}
			if i < n-10 {
				s.AltitudeM = 1000 + float64(i)/10
			}
			if i%2 == 0 {
				s.HeartRateBPM = 140 + float64(i%7)
			}
			if i < 50 || i >= 150 {
				s.CadenceSPM = 170
			}
			if i == 77 {
				s.PowerW = 300
			}
			if i%3 != 0 {
				s.TemperatureC = 20
			}
			// DistanceM and SpeedMS stay absent throughout.
			in[i] = s
		}
		in[n-1] = activity.NewSample(in[n-1].Time)
		checkWithin(t, in, roundTrip(t, in))

		one := []activity.Sample{activity.NewSample(t0)}
		checkWithin(t, one, roundTrip(t, one))
	})

	t.Run("TimeZones", func(t *testing.T) {
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Skipf("no tzdata: %v", err)
		}
		india := time.FixedZone("IST", 5*3600+1800)
		in := []activity.Sample{
			activity.NewSample(time.Date(2024, 3, 10, 1, 59, 59, 0, ny)), // just before a DST jump
			activity.NewSample(time.Date(2024, 3, 10, 3, 0, 0, 0, ny)),   // one second later
			activity.NewSample(time.Date(2024, 3, 10, 13, 30, 1, 0, india)),
			activity.NewSample(time.Now()), // carries a monotonic reading
		}
		out := roundTrip(t, in)
		checkWithin(t, in, out)
		if d := out[1].Time.Sub(out[0].Time); d != time.Second {
			t.Errorf("DST jump: samples 0 and 1 are %v apart, want 1s", d)
		}
	})

	t.Run("SubMillisecondRounds", func(t *testing.T) {
		in := []activity.Sample{
			activity.NewSample(t0.Add(400 * time.Microsecond)),
			activity.NewSample(t0.Add(1600 * time.Microsecond)),
			activity.NewSample(t0.Add(-1600 * time.Microsecond)),
		}
		want := []time.Time{t0, t0.Add(2 * time.Millisecond), t0.Add(-2 * time.Millisecond)}
		for i, s := range roundTrip(t, in) {
			if !s.Time.Equal(want[i]) {
				t.Errorf("sample %d: Time = %v, want %v", i, s.Time, want[i])
			}
		}
	})

	t.Run("UnorderedAndOldTimes", func(t *testing.T) {
		in := []activity.Sample{
			activity.NewSample(t0),
			activity.NewSample(time.Date(1969, 7, 20, 20, 17, 40, 0, time.UTC)),
			activity.NewSample(t0.Add(-time.Hour)),
			activity.NewSample(time.Time{}),
			activity.NewSample(time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)),
		}
		checkWithin(t, in, roundTrip(t, in))
	})

	t.Run("TimesFarApart", func(t *testing.T) {
		// Millisecond differences that overflow an int64: Encode finds the
		// divisor (1000) without them.
		in := []activity.Sample{
			activity.NewSample(time.Unix(5e15, 0)),
			activity.NewSample(time.Unix(-5e15, 0)),
			activity.NewSample(time.Unix(5e15, 0)),
			activity.NewSample(time.Unix(-5e15, 0)),
		}
		for i, s := range roundTrip(t, in) {
			if !s.Time.Equal(in[i].Time) {
				t.Errorf("sample %d: Time = %v, want %v", i, s.Time, in[i].Time)
			}
		}
	})

	t.Run("ExtremeValuesClamp", func(t *testing.T) {
		in := []activity.Sample{activity.NewSample(t0), activity.NewSample(t0), activity.NewSample(t0)}
		in[0].PowerW, in[1].PowerW, in[2].PowerW = math.Inf(1), math.Inf(-1), 1e300
		in[0].LatDeg, in[1].LatDeg, in[2].LatDeg = -1e300, math.MaxFloat64, 5
		out := roundTrip(t, in)
		limit := math.Exp2(48)
		wantPower := []float64{limit / 10, -limit / 10, limit / 10}
		wantLat := []float64{-limit / 1e7, limit / 1e7, 5}
		for i := range out {
			if out[i].PowerW != wantPower[i] || out[i].LatDeg != wantLat[i] {
				t.Errorf("sample %d: PowerW, LatDeg = %v, %v; want %v, %v",
					i, out[i].PowerW, out[i].LatDeg, wantPower[i], wantLat[i])
			}
		}
	})
}

func TestEncode(t *testing.T) {
	t.Run("OmitsAbsentColumns", func(t *testing.T) {
		// A run of timestamps alone: one second apart, nothing else.
		in := make([]activity.Sample, 3600)
		for i := range in {
			in[i] = activity.NewSample(t0.Add(time.Duration(i) * time.Second))
		}
		if got := len(samplecodec.Encode(in)); got > 24 {
			t.Errorf("3600 regular times with no values take %d bytes, want at most 24", got)
		}
	})

	t.Run("VersionByte", func(t *testing.T) {
		if b := samplecodec.Encode(realisticRun(10, 1)); b[0] != samplecodec.Version {
			t.Errorf("first byte = %d, want Version %d", b[0], samplecodec.Version)
		}
	})

	t.Run("SizeRealistic", func(t *testing.T) {
		// Guards the compactness this package exists for: a realistic run
		// with all nine fields takes far less than the 96 bytes a Sample
		// takes in memory.
		in := realisticRun(3600, 2)
		per := float64(len(samplecodec.Encode(in))) / float64(len(in))
		t.Logf("realistic run: %.2f bytes/sample", per)
		if per > 12 {
			t.Errorf("realistic run takes %.2f bytes/sample, want at most 12", per)
		}
	})

	t.Run("PanicsAboveMaxSamples", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("Encode(MaxSamples+1 samples) did not panic")
			}
		}()
		samplecodec.Encode(make([]activity.Sample, samplecodec.MaxSamples+1))
	})
}

func TestDecode(t *testing.T) {
	valid := samplecodec.Encode(realisticRun(300, 3))

	t.Run("ErrTruncated", func(t *testing.T) {
		for i := range len(valid) {
			if _, err := samplecodec.Decode(valid[:i]); !errors.Is(err, samplecodec.ErrCorrupt) {
				t.Fatalf("Decode(first %d of %d bytes) error = %v, want ErrCorrupt", i, len(valid), err)
			}
		}
	})

	uv := func(u uint64) []byte { return binary.AppendUvarint(nil, u) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	timeOnly := cat([]byte{1}, uv(2), []byte{0}, uv(1), []byte{0}, uv(2)) // two times, 0 and 1 ms
	if _, err := samplecodec.Decode(cat(timeOnly, uv(0))); err != nil {
		t.Fatalf("hand-made encoding does not decode: %v", err)
	}
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"ErrEmpty", nil},
		{"ErrVersion", cat([]byte{2}, uv(0))},
		{"ErrTrailingBytes", cat([]byte{1}, uv(0), []byte{0})},
		{"ErrTrailingBytesAfterColumns", cat(timeOnly, uv(0), []byte{0})},
		{"ErrTooManySamples", cat([]byte{1}, uv(samplecodec.MaxSamples+1))},
		{"ErrUnknownColumn", cat(timeOnly, uv(1<<9))},
		{"ErrUnknownPresence", cat(timeOnly, uv(1), []byte{7})},
		{"ErrBitmapPastEnd", cat(timeOnly, uv(1), []byte{1, 0b100}, []byte{0}, uv(1), []byte{0})},
		{"ErrEmptyBitmap", cat(timeOnly, uv(1), []byte{1, 0})},
		{"ErrRunPastEnd", cat(timeOnly, uv(1), []byte{2}, uv(3))},
		{"ErrZeroRun", cat(timeOnly, uv(1), []byte{2}, uv(1), uv(0))},
		{"ErrNoValues", cat(timeOnly, uv(1), []byte{2}, uv(0), uv(2))},
		{"ErrUnknownFlags", cat([]byte{1}, uv(1), []byte{4}, uv(1), []byte{0})},
		{"ErrZeroDivisor", cat([]byte{1}, uv(1), []byte{0}, uv(0), []byte{0}, uv(0))},
		{"ErrZeroRunPastEnd", cat([]byte{1}, uv(3), []byte{2}, uv(1), []byte{0}, []byte{0}, uv(2), uv(0))},
		{"ErrBadVarint", cat([]byte{1}, bytes.Repeat([]byte{0xff}, 11))},
		{"ErrValueOutOfRange", cat(timeOnly, uv(1), []byte{0, 0}, uv(1), binary.AppendVarint(nil, 1<<49), uv(0))},
		{"ErrValueOutOfRangeViaDivisor", cat(timeOnly, uv(1), []byte{0, 0}, uv(1<<40), binary.AppendVarint(nil, 1<<9), uv(0))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := samplecodec.Decode(tt.data)
			if !errors.Is(err, samplecodec.ErrCorrupt) {
				t.Errorf("Decode(%x) = %d samples, %v; want ErrCorrupt", tt.data, len(out), err)
			}
		})
	}
}

// FuzzDecode checks that Decode never panics, and that whatever it accepts
// is stable: encoding the result and decoding again gives the same samples.
func FuzzDecode(f *testing.F) {
	f.Add(samplecodec.Encode(nil))
	f.Add(samplecodec.Encode(realisticRun(50, 4)))
	f.Add(samplecodec.Encode(realisticRun(3, 5)))
	f.Add(samplecodec.Encode([]activity.Sample{activity.NewSample(t0)}))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A short input may claim up to MaxSamples samples (runs of zeros
		// cost a few bytes); skip the big ones to keep memory in bounds.
		if len(data) > 1 {
			if n, k := binary.Uvarint(data[1:]); k > 0 && n > 1<<16 {
				t.Skip()
			}
		}
		out, err := samplecodec.Decode(data)
		if err != nil {
			if !errors.Is(err, samplecodec.ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		again := roundTrip(t, out)
		if diff := cmp.Diff(out, again, cmpopts.EquateNaNs()); diff != "" {
			t.Fatalf("Decode(Encode(Decode(data))) differs (-first +second):\n%s", diff)
		}
	})
}

// FuzzRoundTrip builds samples from arbitrary bytes (any float64 bits,
// NaN, ±Inf and huge values included; any time steps) and checks that
// they round-trip to within the resolutions, clamping aside.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{}, int64(0))
	f.Add(bytes.Repeat([]byte{0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18}, 30), int64(1000))
	f.Add(bytes.Repeat([]byte{0x7f, 0xf8, 0, 0, 0, 0, 0, 1, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0}, 20), int64(-7))
	f.Fuzz(func(t *testing.T, data []byte, stepMS int64) {
		const perSample = 8 + 9*8
		var in []activity.Sample
		ms := t0.UnixMilli()
		for len(data) >= perSample && len(in) < 1000 {
			ms += int64(int16(binary.LittleEndian.Uint16(data))) + stepMS%100000
			s := activity.Sample{Time: time.UnixMilli(ms).Add(time.Duration(data[2]) * time.Microsecond)}
			vals := []*float64{&s.LatDeg, &s.LonDeg, &s.AltitudeM, &s.DistanceM, &s.SpeedMS,
				&s.HeartRateBPM, &s.CadenceSPM, &s.PowerW, &s.TemperatureC}
			for i, p := range vals {
				*p = math.Float64frombits(binary.LittleEndian.Uint64(data[8+8*i:]))
			}
			in = append(in, s)
			data = data[perSample:]
		}
		out := roundTrip(t, in)
		// Clamp the inputs as documented before comparing.
		for i := range in {
			for c, p := range []*float64{&in[i].LatDeg, &in[i].LonDeg, &in[i].AltitudeM, &in[i].DistanceM,
				&in[i].SpeedMS, &in[i].HeartRateBPM, &in[i].CadenceSPM, &in[i].PowerW, &in[i].TemperatureC} {
				if limit := math.Exp2(48) * steps[c].step; !math.IsNaN(*p) {
					*p = math.Max(-limit, math.Min(limit, *p))
				}
			}
		}
		checkWithin(t, in, out)
	})
}

var sampleSize = int64(unsafe.Sizeof(activity.Sample{}))

// BenchmarkEncode reports MB/s of in-memory samples encoded, samples/s and
// the encoded size in bytes per sample, for a one-hour realistic run.
func BenchmarkEncode(b *testing.B) {
	in := realisticRun(3600, 6)
	b.SetBytes(int64(len(in)) * sampleSize)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		size = len(samplecodec.Encode(in))
	}
	b.ReportMetric(float64(len(in))*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
	b.ReportMetric(float64(size)/float64(len(in)), "B/sample")
}

// BenchmarkDecode reports MB/s of in-memory samples decoded and samples/s.
func BenchmarkDecode(b *testing.B) {
	in := realisticRun(3600, 6)
	data := samplecodec.Encode(in)
	b.SetBytes(int64(len(in)) * sampleSize)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := samplecodec.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(in))*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}
