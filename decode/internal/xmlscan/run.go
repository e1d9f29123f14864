package xmlscan

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
)

// Handler is the format-specific part of a decoder that Scanner.Run
// drives. It reads what it needs from the Scanner at each tag.
type Handler interface {
	// Start handles the Scanner's current start tag. An error stops Run,
	// which returns it unchanged.
	Start() error
	// End handles the Scanner's current end tag, which the Scanner has
	// checked matches its start tag.
	End()
	// Record names what was being read when a syntax error stopped Run,
	// such as "track point 12", or is "" when nothing in particular was.
	Record() string
}

// Run reads the whole document, passing each start tag to h.Start and
// each end tag to h.End, and returns nil at the end of a complete
// document. Otherwise it returns the error of h.Start as it is, or a
// *decode.ParseError for a file of the given format and name: for a
// document that is empty or only white space, that has no element, or
// that is not well-formed XML. A syntax error is placed at h.Record(); a
// document cut off inside an element also names that element and the
// last line.
func (s *Scanner) Run(format decode.Format, file string, h Handler) error {
	fail := func(record string, err error, hint string) error {
		return &decode.ParseError{Format: format, File: file, Record: record, Err: err, Hint: hint}
	}
	if len(TrimSpace(s.data)) == 0 {
		return fail("", errors.New("empty file"), "the file holds no data; re-export it")
	}
	for {
		err := s.Next()
		switch {
		case err == io.EOF:
			if s.elements == 0 {
				return fail("", errors.New("no XML elements"),
					"this is not a "+strings.ToUpper(string(format))+" file")
			}
			return nil
		case err != nil:
			record, err, hint := s.syntaxError(err, h.Record())
			return fail(record, err, hint)
		case s.kind == EndTag:
			h.End()
		default:
			if err := h.Start(); err != nil {
				return err
			}
		}
	}
}

// syntaxError returns the record, error and hint of a *decode.ParseError
// for an error err of Next met while reading record.
func (s *Scanner) syntaxError(err error, record string) (string, error, string) {
	if !errors.Is(err, ErrTruncated) {
		return record, err, "the file is not well-formed XML; re-export it from the app or device"
	}
	if inside := s.Top(); len(inside) > 0 {
		err = fmt.Errorf("%w inside <%s>", err, inside)
	}
	line := fmt.Sprintf("line %d", lineOf(s.data, len(s.data)))
	if record == "" {
		record = line
	} else {
		record += " (" + line + ")"
	}
	return record, err, "the file is cut off; download or export it again"
}

// Recover turns a panic into a *decode.ParseError for a file of the given
// format and name, stored in *err, with *acts set to nil. A Decode
// function defers it directly, so that it never panics whatever the input
// (the tokenizer can panic on malformed data):
//
//	defer xmlscan.Recover(decode.GPX, name, &acts, &err)
func Recover(format decode.Format, file string, acts *[]*activity.Activity, err *error) {
	if r := recover(); r != nil {
		*acts, *err = nil, &decode.ParseError{Format: format, File: file,
			Err:  fmt.Errorf("internal error: %v", r),
			Hint: "the file could not be read; please report it"}
	}
}
