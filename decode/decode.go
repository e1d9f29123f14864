// Package decode turns activity files (FIT, GPX, TCX, optionally gzipped)
// into activity.Activity values. It sniffs the content rather than trusting
// the file name, and reports problems as *ParseError (a broken file) or
// *SkipError (a valid file that is not a recorded activity).
//
// The per-format decoders live in decode/fit, decode/gpx and decode/tcx;
// this package only defines the shared contract and detection, so that the
// formats do not import each other.
package decode

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/rebound-run/rebound/activity"
)

// Format names a file format.
type Format string

// The formats Rebound reads.
const (
	FIT     Format = "fit"
	GPX     Format = "gpx"
	TCX     Format = "tcx"
	Gzip    Format = "gzip"
	Zip     Format = "zip"
	Unknown Format = ""
)

// MaxSamples is the most samples one file may hold: 1,048,576, twelve days
// at one sample a second (the longest real recordings, multi-day races on
// a watch's "smart" recording, hold a tenth of that). Decoders refuse a
// file with more with a *ParseError, as they read it, before the samples
// take memory: a sample is 96 bytes, so this bounds them at 96 MiB.
const MaxSamples = 1 << 20

// ErrTooManySamples is the error, in a *ParseError with HintTooLong, of a
// file that holds more than MaxSamples samples.
var ErrTooManySamples = fmt.Errorf("more samples than the %d an activity may hold", MaxSamples)

// HintTooLong is the hint of ErrTooManySamples.
const HintTooLong = "no recording is that long; split the file or re-export it from the device"

// Decoder decodes one whole file already read into memory. A file may hold
// several activities (for example, chained FIT files of different
// workouts); most hold one. name is used only in error messages.
type Decoder func(data []byte, name string) ([]*activity.Activity, error)

// ParseError is a broken or unreadable file. Its Error reads like
// `decode fit "morning.fit": record 1832 (record.heart_rate): value out of range`.
type ParseError struct {
	Format Format
	File   string
	Record string // where in the file: "byte 7472", "trackpoint 412", "" when unknown
	Err    error
	Hint   string // what the user can do, e.g. "re-export it from the device"
}

// Error implements error.
func (e *ParseError) Error() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "decode %s %q: ", e.Format, e.File)
	if e.Record != "" {
		b.WriteString(e.Record)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// SkipError says that a file is valid but holds no recorded activity
// (monitoring, settings, a course, a route with no timed points). Importers
// report it as skipped, not failed.
type SkipError struct {
	File   string
	Reason string
}

// Error implements error.
func (e *SkipError) Error() string { return fmt.Sprintf("%s: %s", e.File, e.Reason) }

// IsSkip reports whether err is (or wraps) a *SkipError.
func IsSkip(err error) bool {
	var s *SkipError
	return errors.As(err, &s)
}

// Detect names the format of data from its first bytes, ignoring the file
// name. It returns Unknown when it cannot tell.
func Detect(data []byte) Format {
	switch {
	case len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b:
		return Gzip
	case len(data) >= 4 && bytes.Equal(data[:4], []byte("PK\x03\x04")):
		return Zip
	case len(data) >= 12 && (data[0] == 12 || data[0] == 14) && bytes.Equal(data[8:12], []byte(".FIT")):
		return FIT
	}
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '<' {
		return Unknown
	}
	switch {
	case bytes.Contains(head, []byte("<gpx")):
		return GPX
	case bytes.Contains(head, []byte("<TrainingCenterDatabase")):
		return TCX
	}
	return Unknown
}
