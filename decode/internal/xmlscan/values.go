package xmlscan

import (
	"math"
	"strconv"
	"time"
)

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// ParseFloat parses a decimal number, such as the text of an <ele> or a
// lat attribute. Plain decimals of up to 15
// significant digits (almost every value in these files) take a fast path
// that is exact: an integer below 2^53 divided by an exact power of ten
// rounds correctly, as strconv would. Anything else goes to strconv.
// Non-finite results are rejected.
func ParseFloat(b []byte) (float64, bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i++
	}
	var mant uint64
	digits, frac, sawDot, sawDigit := 0, 0, false, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if mant == 0 && c == '0' {
				if sawDot {
					frac++
				}
				continue
			}
			mant = mant*10 + uint64(c-'0')
			digits++
			if sawDot {
				frac++
			}
		case c == '.' && !sawDot:
			sawDot = true
		default:
			return parseFloatSlow(b)
		}
	}
	if !sawDigit {
		return 0, false
	}
	if digits > 15 || frac >= len(pow10) {
		return parseFloatSlow(b)
	}
	f := float64(mant) / pow10[frac]
	if neg {
		f = -f
	}
	return f, true
}

func parseFloatSlow(b []byte) (float64, bool) {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// Zone says what time zone designator a timestamp carried.
type Zone uint8

// The zone designators ParseTime tells apart.
const (
	ZoneNone   Zone = iota // no zone designator: local time of unknown offset
	ZoneUTC                // "Z"
	ZoneOffset             // "+01:00", "-0500", "+00:00"
)

// ParseTime parses an ISO 8601 / RFC 3339 timestamp,
// YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm|±hhmm|±hh], also with a space or
// a lower-case t between date and time. It returns the instant in UTC, the
// kind of zone designator and the offset in seconds east of UTC. Out of
// range fields (month 13, minute 61) are rejected; a leap second 60 is read
// as 59.
func ParseTime(b []byte) (t time.Time, z Zone, offset int, ok bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || b[13] != ':' || b[16] != ':' ||
		(b[10] != 'T' && b[10] != ' ' && b[10] != 't') {
		return t, 0, 0, false
	}
	year, ok1 := num(b[0:4])
	month, ok2 := num(b[5:7])
	day, ok3 := num(b[8:10])
	hour, ok4 := num(b[11:13])
	minute, ok5 := num(b[14:16])
	sec, ok6 := num(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) ||
		month < 1 || month > 12 || day < 1 || day > daysIn(year, month) ||
		hour > 23 || minute > 59 || sec > 60 {
		return t, 0, 0, false
	}
	if sec == 60 {
		sec = 59
	}
	rest := b[19:]
	nanos := 0
	if len(rest) > 0 && (rest[0] == '.' || rest[0] == ',') {
		i, scale := 1, 100000000
		for ; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
			nanos += int(rest[i]-'0') * scale
			scale /= 10
		}
		if i == 1 {
			return t, 0, 0, false
		}
		rest = rest[i:]
	}
	switch {
	case len(rest) == 0:
		z = ZoneNone
	case len(rest) == 1 && (rest[0] == 'Z' || rest[0] == 'z'):
		z = ZoneUTC
	case rest[0] == '+' || rest[0] == '-':
		var oh, om int
		var okh, okm bool
		switch len(rest) {
		case 3: // +hh
			oh, okh = num(rest[1:3])
			okm = true
		case 5: // +hhmm
			oh, okh = num(rest[1:3])
			om, okm = num(rest[3:5])
		case 6: // +hh:mm
			oh, okh = num(rest[1:3])
			om, okm = num(rest[4:6])
			okm = okm && rest[3] == ':'
		}
		if !okh || !okm || oh > 23 || om > 59 {
			return t, 0, 0, false
		}
		z, offset = ZoneOffset, oh*3600+om*60
		if rest[0] == '-' {
			offset = -offset
		}
	default:
		return t, 0, 0, false
	}
	secs := daysFromCivil(year, month, day)*86400 + int64(hour*3600+minute*60+sec) - int64(offset)
	return time.Unix(secs, int64(nanos)).UTC(), z, offset, true
}

// num parses a fixed-width run of ASCII digits.
func num(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= -1 here, so no floor correction is needed for years 0-9999
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
