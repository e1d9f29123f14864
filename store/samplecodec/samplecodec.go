// Package samplecodec encodes an activity's samples ([]activity.Sample) as
// one compact binary blob, so that a store keeps one value per activity
// rather than one row per sample.
//
// The encoding is columnar. Time and each optional field form a column of
// integers, quantized to a fixed resolution, divided by their greatest
// common divisor, delta-encoded (first or second order, whichever is
// smaller) and written as zig-zag varints, optionally with runs of zero
// residuals collapsed. A presence map (all present, a bitmap or run
// lengths, whichever is smallest) records which samples carry a value, so
// NaN (absent) round-trips; a column whose values are all absent is not
// written at all. The first byte is a format version.
//
// Resolutions, hence the largest error a round trip adds to a value:
//
//	Time                    1 ms        (rounded to the nearest millisecond)
//	LatDeg, LonDeg          1e-7 degree (about 1.1 cm)
//	AltitudeM, DistanceM    1 cm
//	SpeedMS                 1 mm/s
//	HeartRateBPM            0.1 bpm
//	CadenceSPM              0.1 spm
//	PowerW                  0.1 W
//	TemperatureC            0.1 °C
//
// A value already on its column's grid (such as 47.1234567 degrees or
// 152 bpm) decodes to exactly the float64 it was. Decoded times are in UTC;
// the zone of the input is not kept. Values beyond ±2^48 resolution steps
// (±2.8e7 degrees, ±2.8e12 m; ±Inf too) are clamped to that bound, which
// keeps every stored integer exact in a float64: decoding, encoding and
// decoding again gives the very same samples.
//
// This package imports only activity; it does no I/O.
package samplecodec

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sync"
	"time"

	"github.com/rebound-run/rebound/activity"
)

// Version is the format version Encode writes as the blob's first byte.
const Version = 1

// MaxSamples is the largest number of samples a blob may hold: 48 days at
// one sample a second. Decode rejects a blob that claims more, so that a
// corrupt count cannot make it allocate without bound.
const MaxSamples = 1 << 22

// ErrCorrupt is wrapped by every error Decode returns.
var ErrCorrupt = errors.New("samplecodec: corrupt sample data")

// column is one optional float field of activity.Sample.
type column struct {
	name  string
	scale float64 // integer steps per unit: stored = round(value * scale)
}

// columns lists the optional fields in their on-disk order. Appending is
// backward compatible; reordering or rescaling needs a new Version.
var columns = [...]column{
	{"lat", 1e7},
	{"lon", 1e7},
	{"altitude", 100},
	{"distance", 100},
	{"speed", 1000},
	{"heart_rate", 10},
	{"cadence", 10},
	{"power", 10},
	{"temperature", 10},
}

// get copies column c of samples into dst.
func get(dst []float64, samples []activity.Sample, c int) {
	switch c {
	case 0:
		for i := range samples {
			dst[i] = samples[i].LatDeg
		}
	case 1:
		for i := range samples {
			dst[i] = samples[i].LonDeg
		}
	case 2:
		for i := range samples {
			dst[i] = samples[i].AltitudeM
		}
	case 3:
		for i := range samples {
			dst[i] = samples[i].DistanceM
		}
	case 4:
		for i := range samples {
			dst[i] = samples[i].SpeedMS
		}
	case 5:
		for i := range samples {
			dst[i] = samples[i].HeartRateBPM
		}
	case 6:
		for i := range samples {
			dst[i] = samples[i].CadenceSPM
		}
	case 7:
		for i := range samples {
			dst[i] = samples[i].PowerW
		}
	default:
		for i := range samples {
			dst[i] = samples[i].TemperatureC
		}
	}
}

// set copies src into column c of samples.
func set(samples []activity.Sample, c int, src []float64) {
	switch c {
	case 0:
		for i := range samples {
			samples[i].LatDeg = src[i]
		}
	case 1:
		for i := range samples {
			samples[i].LonDeg = src[i]
		}
	case 2:
		for i := range samples {
			samples[i].AltitudeM = src[i]
		}
	case 3:
		for i := range samples {
			samples[i].DistanceM = src[i]
		}
	case 4:
		for i := range samples {
			samples[i].SpeedMS = src[i]
		}
	case 5:
		for i := range samples {
			samples[i].HeartRateBPM = src[i]
		}
	case 6:
		for i := range samples {
			samples[i].CadenceSPM = src[i]
		}
	case 7:
		for i := range samples {
			samples[i].PowerW = src[i]
		}
	default:
		for i := range samples {
			samples[i].TemperatureC = src[i]
		}
	}
}

// The layout of version 1, in which uvarint and varint are those of
// encoding/binary (varint zig-zags):
//
//	blob     = version:byte  count:uvarint  [ ints(time)  mask:uvarint  column... ]   (the [...] when count > 0)
//	column   = presence  ints(values)        one per bit set in mask, in columns order
//	presence = 0                             all count samples have a value
//	         | 1  bitmap:byte[(count+7)/8]   bit i%8 of byte i/8 set when sample i has one
//	         | 2  run:uvarint...             alternately present and absent, from present; they sum to count
//	ints     = flags:byte  divisor:uvarint  first:varint  residual...
//
// Time is in Unix milliseconds, a column value in steps of 1/scale. ints
// stores each value divided by divisor, the first as is and the rest as
// residuals: differences from the previous value (flagOrder2 clear) or
// differences of those differences (set; the difference before the first
// counts as 0), each a zig-zag uvarint, except that with flagZeroRuns a
// run of n zero residuals is written as uvarint 0 then uvarint n-1.
// Integer arithmetic wraps, so any int64 time round-trips.

// Presence modes.
const (
	presentAll    = 0 // every sample has a value
	presentBitmap = 1 // ceil(n/8) bytes, bit i%8 of byte i/8 set when sample i has a value
	presentRuns   = 2 // uvarint run lengths, alternately present and absent, starting with present
)

// Flags of an integer stream.
const (
	flagOrder2   = 1 << 0 // residuals are second differences, not first
	flagZeroRuns = 1 << 1 // a 0 token is followed by uvarint (run length - 1) of zero residuals
	flagsKnown   = flagOrder2 | flagZeroRuns
)

// maxQ bounds quantized values (and divisors), well inside the 2^53 up to
// which float64 holds integers exactly, so that float64(q)/scale*scale
// rounds back to q.
const maxQ = 1 << 48

// Encode returns the encoding of samples, which Decode reverses to within
// the resolutions in the package documentation. Nil and empty inputs both
// encode to two bytes and decode to nil. Encode panics if len(samples) is
// above MaxSamples; callers that accept outside data should check first.
//
// Encode is safe for concurrent use. Its scratch space is pooled, so that
// it allocates only the blob it returns, exactly sized.
func Encode(samples []activity.Sample) []byte {
	n := len(samples)
	if n > MaxSamples {
		panic(fmt.Sprintf("samplecodec: %d samples is more than MaxSamples (%d)", n, MaxSamples))
	}
	if n == 0 {
		return []byte{Version, 0}
	}
	e := encoders.Get().(*encoder)
	out := e.encode(samples)
	blob := make([]byte, len(out))
	copy(blob, out)
	if n > maxPooledSamples { // do not keep a rare giant's buffers alive
		*e = encoder{}
	}
	encoders.Put(e)
	return blob
}

// maxPooledSamples bounds the scratch space a pooled encoder keeps
// (about 40 bytes a sample): a longer activity's is left to the garbage
// collector.
const maxPooledSamples = 1 << 15

// encoder is Encode's scratch space.
type encoder struct {
	out, body []byte
	col       []float64
	vals, w   []int64
}

var encoders = sync.Pool{New: func() any { return new(encoder) }}

// encode returns the encoding of samples (at least one) in e.out.
func (e *encoder) encode(samples []activity.Sample) []byte {
	n := len(samples)
	e.vals = grow(e.vals, n)
	e.w = grow(e.w, n)
	e.col = grow(e.col, n)
	out := append(e.out[:0], Version)
	out = binary.AppendUvarint(out, uint64(n))

	vals := e.vals[:n]
	for i := range samples {
		// t.Round(time.Millisecond).UnixMilli(), without Round's division:
		// the nanoseconds within a second are never negative, and
		// halfway rounds up.
		t := &samples[i].Time
		vals[i] = t.Unix()*1e3 + int64(t.Nanosecond()+5e5)/1e6
	}
	out = e.appendInts(out, vals)

	// The columns go to body first: the mask that precedes them says
	// which have any value.
	var mask uint64
	body := e.body[:0]
	col := e.col[:n]
	for c, info := range columns {
		get(col, samples, c)
		m := 0
		for _, v := range col {
			if v == v { // not NaN
				vals[m] = quantize(v, info.scale)
				m++
			}
		}
		if m == 0 {
			continue
		}
		mask |= 1 << c
		body = appendPresence(body, col, m)
		body = e.appendInts(body, vals[:m])
	}
	out = binary.AppendUvarint(out, mask)
	out = append(out, body...)
	e.out, e.body = out, body
	return out
}

// grow returns s with room for n elements.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s
}

// quantize returns v in steps of 1/scale, rounded and clamped to ±maxQ.
func quantize(v, scale float64) int64 {
	q := math.RoundToEven(v * scale) // unlike math.Round, one instruction on amd64 (SSE4.1) and arm64
	switch {
	case q > maxQ:
		return maxQ
	case q < -maxQ:
		return -maxQ
	}
	return int64(q)
}

// appendPresence appends the presence map of col, in which m values
// (at least one) are not NaN.
func appendPresence(out []byte, col []float64, m int) []byte {
	n := len(col)
	if m == n {
		return append(out, presentAll)
	}
	// Size the run-length form: runs alternate present/absent, first present.
	runsSize, run, cur := 0, 0, true
	for _, v := range col {
		if has := v == v; has != cur {
			runsSize += uvarintLen(uint64(run))
			run, cur = 0, has
		}
		run++
	}
	runsSize += uvarintLen(uint64(run))

	if bitmapSize := (n + 7) / 8; bitmapSize <= runsSize {
		out = append(out, presentBitmap)
		start := len(out)
		out = append(out, make([]byte, bitmapSize)...)
		for i, v := range col {
			if v == v {
				out[start+i/8] |= 1 << (i % 8)
			}
		}
		return out
	}

	out = append(out, presentRuns)
	run, cur = 0, true
	for _, v := range col {
		if has := v == v; has != cur {
			out = binary.AppendUvarint(out, uint64(run))
			run, cur = 0, has
		}
		run++
	}
	return binary.AppendUvarint(out, uint64(run))
}

// appendInts appends a non-empty stream of integers: flags, divisor, the
// first value divided by the divisor, then the residuals of the smallest of
// the four codings (first or second differences, zero runs or not).
func (e *encoder) appendInts(out []byte, v []int64) []byte {
	g := gcd(v)
	w := v
	if g != 1 {
		// Every x is a multiple of g = odd·2^k, so x/g is x>>k times the
		// inverse of odd modulo 2^64 (see divisor): no slow division.
		d := newDivisor(uint64(g))
		w = e.w[:len(v)]
		for i, x := range v {
			w[i] = int64(uint64(x>>d.k) * d.inv)
		}
	}

	// Size the four codings in one pass: size1 and size2 without zero
	// runs, z1 and z2 with them (zeros1 and zeros2 are the zero residuals
	// pending in a run).
	var size1, size2, z1, z2 int
	var zeros1, zeros2 uint64
	prev, prevD := w[0], int64(0)
	for _, x := range w[1:] {
		d := x - prev
		dd := d - prevD
		prev, prevD = x, d
		u1, u2 := zigzag(d), zigzag(dd)
		l1, l2 := uvarintLen(u1), uvarintLen(u2)
		size1 += l1
		size2 += l2
		if u1 == 0 {
			zeros1++
		} else {
			if zeros1 > 0 {
				z1 += 1 + uvarintLen(zeros1-1)
				zeros1 = 0
			}
			z1 += l1
		}
		if u2 == 0 {
			zeros2++
		} else {
			if zeros2 > 0 {
				z2 += 1 + uvarintLen(zeros2-1)
				zeros2 = 0
			}
			z2 += l2
		}
	}
	if zeros1 > 0 {
		z1 += 1 + uvarintLen(zeros1-1)
	}
	if zeros2 > 0 {
		z2 += 1 + uvarintLen(zeros2-1)
	}
	size := [4]int{0: size1, flagOrder2: size2, flagZeroRuns: z1, flagOrder2 | flagZeroRuns: z2}
	flags := 0
	for f := range size {
		if size[f] < size[flags] {
			flags = f
		}
	}

	out = slices.Grow(out, 1+2*binary.MaxVarintLen64+size[flags])
	out = append(out, byte(flags))
	out = binary.AppendUvarint(out, uint64(g))
	out = binary.AppendVarint(out, w[0])
	switch flags {
	case 0:
		prev := w[0]
		for _, x := range w[1:] {
			out = appendUvarint(out, zigzag(x-prev))
			prev = x
		}
	case flagOrder2:
		prev, prevD := w[0], int64(0)
		for _, x := range w[1:] {
			d := x - prev
			out = appendUvarint(out, zigzag(d-prevD))
			prev, prevD = x, d
		}
	default:
		var run uint64
		prev, prevD := w[0], int64(0)
		for _, x := range w[1:] {
			d := x - prev
			r := d
			if flags&flagOrder2 != 0 {
				r = d - prevD
			}
			prev, prevD = x, d
			if r == 0 {
				run++
				continue
			}
			if run > 0 {
				out = append(out, 0)
				out = appendUvarint(out, run-1)
				run = 0
			}
			out = appendUvarint(out, zigzag(r))
		}
		if run > 0 {
			out = append(out, 0)
			out = appendUvarint(out, run-1)
		}
	}
	return out
}

// appendUvarint is binary.AppendUvarint with a fast path for the one-byte
// values that make up most residuals.
func appendUvarint(out []byte, u uint64) []byte {
	if u < 0x80 {
		return append(out, byte(u))
	}
	return binary.AppendUvarint(out, u)
}

// gcd returns the greatest common divisor of v's absolute values, or 1 when
// that is 0 (all zero) or too large to divide by safely. It works on the
// first value and the differences between neighbours, which have the same
// divisors but are small and mostly repeat, so that most steps need no
// division.
func gcd(v []int64) int64 {
	g := absU(v[0])
	var d divisor
	if g != 0 {
		d = newDivisor(g)
	}
	prev := v[0]
	for _, x := range v[1:] {
		diff := x - prev
		if (x^prev) < 0 && (diff^x) < 0 { // the difference overflows
			return gcdOf(v)
		}
		prev = x
		a := absU(diff)
		if a == 0 || g != 0 && d.divides(a) {
			continue
		}
		for a != 0 {
			g, a = a, g%a
		}
		if g == 1 {
			return 1
		}
		d = newDivisor(g)
	}
	if g == 0 || g > maxQ {
		return 1
	}
	return int64(g)
}

// divisor tests divisibility by g = odd·2^k without dividing: a is a
// multiple of g when it has k trailing zeros and (a>>k)·inv, inv the
// inverse of odd modulo 2^64, is at most (2^64-1)/odd (Granlund and
// Montgomery 1994, section 9).
type divisor struct {
	k        int
	inv, max uint64
}

// newDivisor returns the divisor of g, which is not 0.
func newDivisor(g uint64) divisor {
	k := bits.TrailingZeros64(g)
	odd := g >> k
	inv := odd // correct to 3 bits; each Newton step doubles that
	for range 5 {
		inv *= 2 - odd*inv
	}
	return divisor{k: k, inv: inv, max: math.MaxUint64 / odd}
}

// divides reports whether g divides a.
func (d divisor) divides(a uint64) bool {
	return bits.TrailingZeros64(a) >= d.k && (a>>d.k)*d.inv <= d.max
}

// gcdOf is gcd the slow way, for values whose differences overflow.
func gcdOf(v []int64) int64 {
	var g uint64
	for _, x := range v {
		a := absU(x)
		for a != 0 {
			g, a = a, g%a
		}
		if g == 1 {
			return 1
		}
	}
	if g == 0 || g > maxQ {
		return 1
	}
	return int64(g)
}

func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

func zigzag(v int64) uint64   { return uint64(v<<1) ^ uint64(v>>63) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

// uvarintLen is the length of binary.AppendUvarint(nil, u).
func uvarintLen(u uint64) int { return (bits.Len64(u|1) + 6) / 7 }

// Decode returns the samples encoded by Encode, with times in UTC and
// absent values NaN. It returns nil for an encoding of no samples, and an
// error wrapping ErrCorrupt, never a panic, for an unknown version,
// truncated or trailing bytes, or any other malformed input.
func Decode(data []byte) ([]activity.Sample, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrCorrupt)
	}
	if data[0] != Version {
		return nil, fmt.Errorf("%w: unsupported version %d (want %d)", ErrCorrupt, data[0], Version)
	}
	r := &reader{b: data, off: 1}
	n64, err := r.uvarint("sample count")
	if err != nil {
		return nil, err
	}
	if n64 > MaxSamples {
		return nil, fmt.Errorf("%w: %d samples is more than MaxSamples", ErrCorrupt, n64)
	}
	n := int(n64)
	if n == 0 {
		if r.off != len(data) {
			return nil, fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, len(data)-r.off)
		}
		return nil, nil
	}

	vals := make([]int64, n)
	if err := r.ints(vals, "time", false); err != nil {
		return nil, err
	}
	samples := make([]activity.Sample, n)
	for i, ms := range vals {
		samples[i].Time = time.UnixMilli(ms).UTC()
	}

	mask, err := r.uvarint("column mask")
	if err != nil {
		return nil, err
	}
	if mask>>len(columns) != 0 {
		return nil, fmt.Errorf("%w: unknown columns in mask %#x", ErrCorrupt, mask)
	}
	present := make([]bool, n)
	col := make([]float64, n)
	for c, info := range columns {
		if mask&(1<<c) == 0 {
			for i := range col {
				col[i] = math.NaN()
			}
			set(samples, c, col)
			continue
		}
		m, err := r.presence(present, info.name)
		if err != nil {
			return nil, err
		}
		vals = vals[:m]
		if err := r.ints(vals, info.name, true); err != nil {
			return nil, err
		}
		j := 0
		for i, has := range present {
			if has {
				col[i] = float64(vals[j]) / info.scale
				j++
			} else {
				col[i] = math.NaN()
			}
		}
		set(samples, c, col)
	}
	if r.off != len(data) {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, len(data)-r.off)
	}
	return samples, nil
}

// reader reads an encoding, turning every failure into an ErrCorrupt.
type reader struct {
	b   []byte
	off int
}

func (r *reader) errorf(what, format string, args ...any) error {
	return fmt.Errorf("%w: %s at byte %d: %s", ErrCorrupt, what, r.off, fmt.Sprintf(format, args...))
}

func (r *reader) byte(what string) (byte, error) {
	if r.off >= len(r.b) {
		return 0, r.errorf(what, "unexpected end of data")
	}
	r.off++
	return r.b[r.off-1], nil
}

func (r *reader) uvarint(what string) (uint64, error) {
	u, k := binary.Uvarint(r.b[r.off:])
	if k <= 0 {
		return 0, r.errorf(what, "bad varint")
	}
	r.off += k
	return u, nil
}

// presence reads a presence map into present (len n) and returns how many
// samples have a value, at least one.
func (r *reader) presence(present []bool, what string) (int, error) {
	n := len(present)
	what += " presence"
	mode, err := r.byte(what)
	if err != nil {
		return 0, err
	}
	m := 0
	switch mode {
	case presentAll:
		for i := range present {
			present[i] = true
		}
		m = n
	case presentBitmap:
		size := (n + 7) / 8
		if len(r.b)-r.off < size {
			return 0, r.errorf(what, "bitmap needs %d bytes", size)
		}
		bitmap := r.b[r.off : r.off+size]
		for i := range present {
			present[i] = bitmap[i/8]&(1<<(i%8)) != 0
			if present[i] {
				m++
			}
		}
		if n%8 != 0 && bitmap[size-1]>>(n%8) != 0 {
			return 0, r.errorf(what, "bits set past the last sample")
		}
		r.off += size
	case presentRuns:
		cur := true
		for i := 0; i < n; cur = !cur {
			run, err := r.uvarint(what)
			if err != nil {
				return 0, err
			}
			if run > uint64(n-i) || (run == 0 && i > 0) {
				return 0, r.errorf(what, "run of %d at sample %d of %d", run, i, n)
			}
			for k := 0; k < int(run); k++ {
				present[i] = cur
				i++
			}
			if cur {
				m += int(run)
			}
		}
	default:
		return 0, r.errorf(what, "unknown mode %d", mode)
	}
	if m == 0 {
		return 0, r.errorf(what, "stored column has no values")
	}
	return m, nil
}

// ints reads a stream written by appendInts into dst, which is not empty.
// When bounded, a value beyond ±maxQ (which Encode never writes) is an
// error.
func (r *reader) ints(dst []int64, what string, bounded bool) error {
	flags, err := r.byte(what)
	if err != nil {
		return err
	}
	if flags&^flagsKnown != 0 {
		return r.errorf(what, "unknown flags %#x", flags)
	}
	g, err := r.uvarint(what)
	if err != nil {
		return err
	}
	if g == 0 || g > maxQ {
		return r.errorf(what, "bad divisor %d", g)
	}
	first, k := binary.Varint(r.b[r.off:])
	if k <= 0 {
		return r.errorf(what, "bad varint")
	}
	r.off += k

	dst[0] = first
	prev, prevD := first, int64(0)
	add := func(res int64) {
		d := res
		if flags&flagOrder2 != 0 {
			d = prevD + res
		}
		prev += d
		prevD = d
	}
	for i := 1; i < len(dst); {
		u, err := r.uvarint(what)
		if err != nil {
			return err
		}
		if u == 0 && flags&flagZeroRuns != 0 {
			k, err := r.uvarint(what)
			if err != nil {
				return err
			}
			if k >= uint64(len(dst)-i) {
				return r.errorf(what, "zero run of %d+1 past the last value", k)
			}
			for end := i + int(k) + 1; i < end; i++ {
				add(0)
				dst[i] = prev
			}
			continue
		}
		add(unzigzag(u))
		dst[i] = prev
		i++
	}
	if bounded {
		limit := maxQ / int64(g)
		for _, w := range dst {
			if w > limit || w < -limit {
				return r.errorf(what, "value %d×%d out of range", w, g)
			}
		}
	}
	if g != 1 {
		for i := range dst {
			dst[i] *= int64(g)
		}
	}
	return nil
}
