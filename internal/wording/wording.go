// Package wording holds the checks tests run on text meant for people:
// what internal names look like, so that every surface's test asks the
// same question.
package wording

import "regexp"

// internalName matches what must never reach a runner: a seed article by
// number ("seed 002", "(004)", "003's"), the reference list's file name,
// a seed file's name or hash, and the reference list's *check* mark.
var internalName = regexp.MustCompile(`(?i)seeds? \d|(^|[^\d.,])00[0-4]\b|REFERENCES\.md|[0-9a-f]{16}\.txt|\*check\*`)

// InternalNames returns the internal names in s, or nil.
func InternalNames(s string) []string {
	return internalName.FindAllString(s, -1)
}
