// Package protocol is Rebound's recovery rule base, kept as data rather
// than prose: every technique a runner can use after a run, with its dose,
// timing window, target muscles, evidence grade, equipment, contraindications
// and sources; the red-flag symptoms that end self-care; the nutrition and
// hydration formulas; and the named thresholds (sleep hours, the 10% rule,
// shoe mileage, recovery days) the other packages build on.
//
// The facts come from five seed articles (identified in data by file name,
// e.g. "000_c4f0cacbf88d7572.txt", and shown to people by title: Cite and
// Short) and from published studies listed in the project's REFERENCES.md
// (cited as "Author et al. year, Journal vol:page").
// Where sources disagree, the entry carries a Disagreement that names who says
// what and why Rebound chose its default. Items REFERENCES.md marks *check*
// are stated "as reported" and say so.
//
// The package is pure: no I/O, no clock, no package-level variables. Every
// function returns freshly built values, so callers may modify what they get
// without affecting anyone else. It imports only the standard library and
// package measure (to word a measure in the runner's units), and must not
// import store, decode, cli or any other adapter.
//
// docs/protocol.md is a readable table of the whole rule base. It is written
// from this data by the package's tests:
//
//	go test ./protocol -run TestDocs -update
package protocol
