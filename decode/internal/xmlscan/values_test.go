package xmlscan

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
	"time"
)

func TestParseFloat(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0", 0, true},
		{"-0", 0, true},
		{"42", 42, true},
		{"+42", 42, true},
		{"-122.4072250", -122.407225, true},
		{"0.000123", 0.000123, true},
		{".5", 0.5, true},
		{"5.", 5, true},
		{"0.1", 0.1, true},
		{"123456789012345", 123456789012345, true},
		{"1234567890.123456789", 1234567890.123456789, true}, // > 15 digits: strconv
		{"1e3", 1000, true}, // exponent: strconv
		{"1.5E-2", 0.015, true},
		{"", 0, false},
		{"-", 0, false},
		{".", 0, false},
		{"1.2.3", 0, false},
		{"12a", 0, false},
		{" 1", 0, false}, // callers pass trimmed text
		{"NaN", 0, false},
		{"Inf", 0, false},
		{"1e400", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseFloat([]byte(tt.in))
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseFloat(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if got, _ := ParseFloat([]byte("-0.0")); !math.Signbit(got) {
		t.Errorf("ParseFloat(-0.0) = %v, want negative zero", got)
	}
}

// TestParseFloatMatchesStrconv checks that the fast path rounds exactly as
// strconv.ParseFloat does on the decimals these files are full of.
func TestParseFloatMatchesStrconv(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		digits := 1 + rng.Intn(15)
		var b []byte
		if rng.Intn(2) == 0 {
			b = append(b, '-')
		}
		dot := rng.Intn(digits + 1)
		for d := 0; d < digits; d++ {
			if d == dot {
				b = append(b, '.')
			}
			b = append(b, byte('0'+rng.Intn(10)))
		}
		want, err := strconv.ParseFloat(string(b), 64)
		got, ok := ParseFloat(b)
		if err != nil || !ok || got != want {
			t.Fatalf("ParseFloat(%q) = %v, %v; strconv gives %v, %v", b, got, ok, want, err)
		}
	}
}

func TestParseTime(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		in     string
		want   time.Time
		zone   Zone
		offset int
		ok     bool
	}{
		{"2024-06-01T08:00:00Z", utc(2024, 6, 1, 8, 0, 0, 0), ZoneUTC, 0, true},
		{"2024-06-01t08:00:00z", utc(2024, 6, 1, 8, 0, 0, 0), ZoneUTC, 0, true},
		{"2024-06-01 08:00:00Z", utc(2024, 6, 1, 8, 0, 0, 0), ZoneUTC, 0, true},
		{"2024-06-01T08:00:00", utc(2024, 6, 1, 8, 0, 0, 0), ZoneNone, 0, true},
		{"2024-06-01T08:00:00.5+02:00", utc(2024, 6, 1, 6, 0, 0, 5e8), ZoneOffset, 7200, true},
		{"2024-06-01T08:00:00,123456789-0500", utc(2024, 6, 1, 13, 0, 0, 123456789), ZoneOffset, -18000, true},
		{"2024-06-01T08:00:00+02", utc(2024, 6, 1, 6, 0, 0, 0), ZoneOffset, 7200, true},
		{"2024-06-01T08:00:00+00:00", utc(2024, 6, 1, 8, 0, 0, 0), ZoneOffset, 0, true},
		{"2016-12-31T23:59:60Z", utc(2016, 12, 31, 23, 59, 59, 0), ZoneUTC, 0, true}, // leap second
		{"2024-02-29T00:00:00Z", utc(2024, 2, 29, 0, 0, 0, 0), ZoneUTC, 0, true},
		{"2000-02-29T00:00:00Z", utc(2000, 2, 29, 0, 0, 0, 0), ZoneUTC, 0, true},
		{"1901-07-01T10:00:00Z", utc(1901, 7, 1, 10, 0, 0, 0), ZoneUTC, 0, true},
		{"0000-01-01T00:00:00Z", utc(0, 1, 1, 0, 0, 0, 0), ZoneUTC, 0, true},
		{"2023-02-29T00:00:00Z", time.Time{}, 0, 0, false},
		{"1900-02-29T00:00:00Z", time.Time{}, 0, 0, false},
		{"2024-13-01T00:00:00Z", time.Time{}, 0, 0, false},
		{"2024-04-31T00:00:00Z", time.Time{}, 0, 0, false},
		{"2024-06-01T24:00:00Z", time.Time{}, 0, 0, false},
		{"2024-06-01T08:61:00Z", time.Time{}, 0, 0, false},
		{"2024-06-01T08:00:00.Z", time.Time{}, 0, 0, false},
		{"2024-06-01T08:00:00+2:00", time.Time{}, 0, 0, false},
		{"2024-06-01T08:00:00+24:00", time.Time{}, 0, 0, false},
		{"2024-06-01T08:00:00 UTC", time.Time{}, 0, 0, false},
		{"2024-06-01", time.Time{}, 0, 0, false},
		{"2024/06/01T08:00:00Z", time.Time{}, 0, 0, false},
		{"", time.Time{}, 0, 0, false},
	}
	for _, tt := range tests {
		got, z, off, ok := ParseTime([]byte(tt.in))
		if ok != tt.ok || !got.Equal(tt.want) || z != tt.zone || off != tt.offset {
			t.Errorf("ParseTime(%q) = %v, %v, %v, %v; want %v, %v, %v, %v",
				tt.in, got, z, off, ok, tt.want, tt.zone, tt.offset, tt.ok)
		}
		if ok && got.Location() != time.UTC {
			t.Errorf("ParseTime(%q) is not in UTC", tt.in)
		}
	}
}
