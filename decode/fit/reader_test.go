package fit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/proto"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
)

// muktihariDecode is Decode with muktihari's streaming decoder in place of
// the reader: the library reads each part (leanFactory, no component
// expansion, broadcast only, no checksum) into the same converter. It is
// the reference the reader must match.
func muktihariDecode(data []byte, name string) (acts []*activity.Activity, err error) {
	parts, trailing, err := split(data, name)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			acts, err = nil, &decode.ParseError{Format: decode.FIT, File: name, Err: fmt.Errorf("panic: %v", r)}
		}
	}()
	var c converter
	var rd bytes.Reader
	opts := []decoder.Option{
		decoder.WithIgnoreChecksum(),
		decoder.WithBroadcastOnly(),
		decoder.WithNoComponentExpansion(),
		decoder.WithFactory(leanFactory{}),
		decoder.WithMesgListener(&c),
	}
	dec := decoder.New(&rd, opts...)
	for _, p := range parts {
		b := data[p.start:p.end]
		c.beginPart(countRecords(b))
		rd.Reset(b)
		dec.Reset(&rd, opts...)
		if _, err := dec.Decode(); err != nil {
			return nil, &decode.ParseError{Format: decode.FIT, File: name, Err: err}
		}
	}
	if acts, err = c.finish(name); err != nil {
		return nil, err
	}
	if trailing > 0 {
		for _, a := range acts {
			a.Warnings = append(a.Warnings, fmt.Sprintf("ignored %d zero bytes after the FIT data", trailing))
		}
	}
	return acts, nil
}

// sameAsMuktihari fails the test unless Decode and muktihariDecode agree on
// data: the same activities, or both a SkipError with the same reason, or
// both a ParseError.
func sameAsMuktihari(t *testing.T, what string, data []byte) string {
	t.Helper()
	want, werr := muktihariDecode(data, "f.fit")
	got, gerr := Decode(data, "f.fit")
	var wskip, gskip *decode.SkipError
	var wparse, gparse *decode.ParseError
	switch {
	case werr == nil && gerr == nil:
		if d := diffActivities(want, got); d != "" {
			t.Errorf("%s: the reader's activities differ from muktihari's (-muktihari +reader):\n%s", what, d)
		}
		return "import"
	case errors.As(werr, &wskip) && errors.As(gerr, &gskip):
		if wskip.Reason != gskip.Reason {
			t.Errorf("%s: skipped for %q, muktihari skips it for %q", what, gskip.Reason, wskip.Reason)
		}
		return "skip"
	case errors.As(werr, &wparse) && errors.As(gerr, &gparse):
		return "fail"
	}
	t.Errorf("%s: reader gives %d activities, error %v; muktihari gives %d, error %v", what, len(got), gerr, len(want), werr)
	return "differ"
}

// diffActivities compares two decodes: samples one by one (cmp is slow on
// tens of thousands), the rest with cmp.
func diffActivities(want, got []*activity.Activity) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d activities, want %d", len(got), len(want))
	}
	nan := cmpopts.EquateNaNs()
	for i := range want {
		w, g := *want[i], *got[i]
		if len(w.Samples) != len(g.Samples) {
			return fmt.Sprintf("activity %d: %d samples, want %d", i, len(g.Samples), len(w.Samples))
		}
		for k := range w.Samples {
			if ws, gs := w.Samples[k], g.Samples[k]; !ws.Time.Equal(gs.Time) || ws.Time.Location() != gs.Time.Location() ||
				!sameFloats(ws.LatDeg, gs.LatDeg) || !sameFloats(ws.LonDeg, gs.LonDeg) ||
				!sameFloats(ws.AltitudeM, gs.AltitudeM) || !sameFloats(ws.DistanceM, gs.DistanceM) ||
				!sameFloats(ws.SpeedMS, gs.SpeedMS) || !sameFloats(ws.HeartRateBPM, gs.HeartRateBPM) ||
				!sameFloats(ws.CadenceSPM, gs.CadenceSPM) || !sameFloats(ws.PowerW, gs.PowerW) ||
				!sameFloats(ws.TemperatureC, gs.TemperatureC) {
				return fmt.Sprintf("activity %d, sample %d:\n%s", i, k, cmp.Diff(ws, gs, nan))
			}
		}
		w.Samples, g.Samples = nil, nil
		if d := cmp.Diff(w, g, nan); d != "" {
			return fmt.Sprintf("activity %d:\n%s", i, d)
		}
	}
	return ""
}

// sameFloats reports whether a and b are equal, NaN equal to NaN.
func sameFloats(a, b float64) bool { return a == b || a != a && b != b }

// corpusFIT returns every FIT file of the shared corpus, or skips the test.
func corpusFIT(t *testing.T) map[string][]byte {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "testdata")
	var paths []string
	for _, g := range []string{"fit/*.fit", "fit/non-activity/*.fit", "broken/*.fit"} {
		m, _ := filepath.Glob(filepath.Join(dir, g))
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		t.Skip("shared test data not found")
	}
	files := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = data
	}
	return files
}

// TestSameAsMuktihari checks that the reader gives exactly what
// muktihari's decoder gives through the same converter: on every corpus
// file; on each activity file re-encoded big-endian, with compressed
// timestamp headers, and both; and on randomly damaged files whose CRCs
// are fixed up so that the damage reaches the message decoder.
func TestSameAsMuktihari(t *testing.T) {
	files := corpusFIT(t)
	outcomes := map[string]int{}
	rng := rand.New(rand.NewPCG(3, 5))
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		outcomes[sameAsMuktihari(t, name, data)]++
		if len(data) < 16 {
			continue
		}

		for _, v := range reencodings(data) {
			outcomes[sameAsMuktihari(t, name+" "+v.name, v.data)]++
		}

		n := 12
		if len(data) > 200<<10 {
			n = 3
		}
		for k := range n {
			m := bytes.Clone(data)
			for range 1 + rng.IntN(6) {
				m[rng.IntN(len(m))] ^= byte(1 + rng.IntN(255))
			}
			outcomes[sameAsMuktihari(t, fmt.Sprintf("%s mutation %d", name, k), FixCRCs(m))]++
		}
	}
	t.Logf("outcomes: %v", outcomes)
}

type variant struct {
	name string
	data []byte
}

// reencodings re-encodes data, when muktihari can read it whole, with the
// byte order and header options its files mostly lack.
func reencodings(data []byte) []variant {
	var fits []*proto.FIT
	dec := decoder.New(bytes.NewReader(data), decoder.WithIgnoreChecksum(), decoder.WithNoComponentExpansion())
	for dec.Next() {
		f, err := dec.Decode()
		if err != nil {
			return nil
		}
		fits = append(fits, f)
	}
	var out []variant
	for _, o := range []struct {
		name string
		opts []encoder.Option
	}{
		{"big-endian", []encoder.Option{encoder.WithBigEndian()}},
		{"compressed-timestamps", []encoder.Option{encoder.WithHeaderOption(encoder.HeaderOptionCompressedTimestamp, 3)}},
		{"big-endian compressed-timestamps", []encoder.Option{encoder.WithBigEndian(),
			encoder.WithHeaderOption(encoder.HeaderOptionCompressedTimestamp, 2)}},
	} {
		var buf bytes.Buffer
		enc := encoder.New(&buf, o.opts...)
		ok := true
		for _, f := range fits {
			if err := enc.Encode(f); err != nil {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, variant{o.name, buf.Bytes()})
		}
	}
	return out
}

// FixCRCs returns a copy of data with the header and file CRCs of every
// complete chained part rewritten, so that damaged or fuzzed bytes get
// past split's integrity check and reach the message reader. It is
// exported for fit_test.
func FixCRCs(data []byte) []byte {
	data = bytes.Clone(data)
	for off := 0; len(data)-off >= 12; {
		size := int(data[off])
		if (size != 12 && size != 14) || len(data)-off < size {
			break
		}
		end := off + size + int(binary.LittleEndian.Uint32(data[off+4:])) + 2
		if end > len(data) || end < off {
			break
		}
		if size == 14 && (data[off+12] != 0 || data[off+13] != 0) {
			binary.LittleEndian.PutUint16(data[off+12:], crc16(0, data[off:off+12]))
		}
		binary.LittleEndian.PutUint16(data[end-2:], crc16(0, data[off:end-2]))
		off = end
	}
	return data
}

// TestReadUint checks the reader's integers against proto.UnmarshalValue
// after muktihari's zero-padding, for every size around each base type's.
func TestReadUint(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 4} {
		for size := 1; size <= 9; size++ {
			for _, arch := range []byte{proto.LittleEndian, proto.BigEndian} {
				p := make([]byte, size)
				for range 20 {
					for i := range p {
						p[i] = byte(rng.Uint32())
					}
					b := p
					if size < n {
						var buf [8]byte
						if arch == proto.LittleEndian {
							copy(buf[:n], b)
						} else {
							copy(buf[n-size:n], b)
						}
						b = buf[:n]
					}
					var want uint64
					switch n {
					case 1:
						want = uint64(b[0])
					case 2:
						v, _ := proto.UnmarshalValue(b, arch, 0x84, 0, false) // uint16
						want = uint64(v.Uint16())
					case 4:
						v, _ := proto.UnmarshalValue(b, arch, 0x86, 0, false) // uint32
						want = uint64(v.Uint32())
					}
					if got := readUint(p, n, arch == proto.BigEndian); got != want {
						t.Fatalf("readUint(% x, %d, arch %d) = %#x, want %#x", p, n, arch, got, want)
					}
				}
			}
		}
	}
}

// FuzzSameAsMuktihari runs the comparison of TestSameAsMuktihari on fuzzed
// bytes, as they are and with their CRCs fixed.
func FuzzSameAsMuktihari(f *testing.F) {
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "fit")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.fit"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil && len(data) <= 64<<10 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsMuktihari(t, "fuzzed", data)
		sameAsMuktihari(t, "fuzzed, CRCs fixed", FixCRCs(data))
	})
}
