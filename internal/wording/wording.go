// Package wording holds the checks tests run on text meant for people:
// what internal names look like, how a source may be spelled, which units
// belong to which system, so that every surface's test asks the same
// question.
package wording

import (
	"regexp"
	"strings"

	"github.com/rebound-run/rebound/measure"
)

// internalName matches what must never reach a runner: a seed article by
// number ("seed 002", "(004)", "003's"), the reference list's file name,
// a seed file's name or hash, and the reference list's *check* mark.
var internalName = regexp.MustCompile(`(?i)seeds? \d|(^|[^\d.,])00[0-4]\b|REFERENCES\.md|[0-9a-f]{16}\.txt|\*check\*`)

// InternalNames returns the internal names in s, or nil.
func InternalNames(s string) []string {
	return internalName.FindAllString(s, -1)
}

// otherSpelling matches a source named otherwise than protocol.Cite and
// protocol.Short name it: the 2026 guide as anything but "the 2026
// coaching guide", and “8 Post-Run Recovery Tips” by a partial title
// without quotes.
var otherSpelling = regexp.MustCompile(`(?i)recovery guide|january 2026 coaching guide|coaching guide to leg|: a coaching guide|8 Post-Run Recovery Tips From Experts`)

// eightTipsFull is the one title otherSpelling's last part may be part of
// (protocol.Cite of the article).
const eightTipsFull = "8 Post-Run Recovery Tips From Experts To Help You Bounce Back Faster"

// OtherSpellings returns the sources in s spelled otherwise than by
// protocol.Cite or protocol.Short, or nil.
func OtherSpellings(s string) []string {
	return otherSpelling.FindAllString(strings.ReplaceAll(s, eightTipsFull, ""), -1)
}

// lowerStart matches a sentence that starts in lower case after a word
// ending in a full stop, question or exclamation mark (closing quotes and
// brackets allowed between; a mark standing alone, as a table's "! over
// the 10% rule", ends no sentence), but for the abbreviations that end in
// a stop within a sentence.
var (
	lowerStart    = regexp.MustCompile(`(\S+)[.!?]["”’)]?\s+[a-z]\S*`)
	abbreviations = []string{"e.g", "i.e", "al", "vs", "etc", "approx", "cf"}
)

// LowerStarts returns the sentences of s that start in lower case, or nil.
func LowerStarts(s string) []string {
	var out []string
	for _, m := range lowerStart.FindAllStringSubmatch(s, -1) {
		word := strings.ToLower(strings.TrimLeft(m[1], "(“\"'"))
		abbr := false
		for _, a := range abbreviations {
			abbr = abbr || word == a || strings.HasSuffix(word, "."+a) || strings.HasSuffix(word, " "+a)
		}
		if !abbr {
			out = append(out, m[0])
		}
	}
	return out
}

// foreign matches, for each system, the units of the other that a text in
// it must not carry.
var foreign = map[measure.System]*regexp.Regexp{
	measure.Imperial: regexp.MustCompile(`\d ?km\b|\bkm\b|\bkilomet|\d ?m\b|\bmetres?\b|°C|\bkg\b|\bkilograms?\b|\bml\b|\blitres?\b|\d ?L\b|\bL per\b`),
	measure.Metric:   regexp.MustCompile(`\bmiles?\b|\d ?mi\b|/mi\b|\boz\b|\d ?lbs?\b|\bper lb\b|\d ?pounds?\b|°F|\d ?ft\b|\d ?feet\b|\bmph\b|\d ?yards?\b|\d ?yd\b`),
}

// flagName matches a command-line flag ("--limit-km"): the syntax of a
// command, not a measure.
var flagName = regexp.MustCompile(`--[a-z][a-z-]*`)

// ForeignUnits returns the units in s that belong to the other system
// than u, or nil: km, metres, °C, kg, ml or litres in an imperial text;
// miles, ounces, pounds, °F, feet or yards in a metric one. Flag names
// ("--limit-km") are not read.
func ForeignUnits(s string, u measure.System) []string {
	if u != measure.Imperial {
		u = measure.Metric
	}
	return foreign[u].FindAllString(flagName.ReplaceAllString(s, "--flag"), -1)
}
