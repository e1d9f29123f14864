package main

import (
	"regexp"
	"strconv"
	"time"
)

// xmlTime matches the start of an ISO 8601 date-time where GPX and TCX
// keep times: the text of <time> (GPX), <Time> and <Id> (TCX), possibly
// namespace-prefixed, and a TCX Lap's StartTime attribute. The match ends
// with the 19 characters of the date and the time to the second; an
// optional fraction and zone follow, which shiftXML keeps as they are.
// Other text (a <name> that happens to be a date) is left alone.
var xmlTime = regexp.MustCompile(`(?:<(?:[A-Za-z_][\w.-]*:)?(?:time|Time|Id)>\s*|StartTime\s*=\s*["'])` +
	`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}`)

// shiftXML returns a copy of a GPX or TCX document with every date-time
// moved by off. Only the date and the whole seconds are rewritten, so the
// fraction digits and the zone (Z, +02:00, none) keep their form; a zone
// offset does not change how much the instant moves.
func shiftXML(src []byte, off time.Duration) []byte {
	return xmlTime.ReplaceAllFunc(src, func(m []byte) []byte {
		prefix, ts := m[:len(m)-19], m[len(m)-19:]
		n := func(a, b int) int { v, _ := strconv.Atoi(string(ts[a:b])); return v }
		t := time.Date(n(0, 4), time.Month(n(5, 7)), n(8, 10), n(11, 13), n(14, 16), n(17, 19), 0, time.UTC)
		return t.Add(off).AppendFormat(append([]byte(nil), prefix...), "2006-01-02T15:04:05")
	})
}
