// Package rebound holds the few types shared by every layer of Rebound, a
// self-hosted recovery coach for runners: the domain error with its codes.
//
// The domain lives in small packages beside this one (activity, profile,
// load, recovery, protocol); adapters (decode, store, cli) sit at the edges
// and cmd/rebound wires them together. See doc.go for the map.
package rebound

import (
	"errors"
	"fmt"
)

// Error codes. They say what kind of failure happened, so that the CLI and
// later the HTTP layer can map them to exit codes and status codes.
const (
	ECONFLICT = "conflict"  // the thing already exists (e.g. a duplicate activity)
	EINTERNAL = "internal"  // a bug or an unexpected failure
	EINVALID  = "invalid"   // the input is wrong (bad flag value, bad file)
	ENOTFOUND = "not_found" // the thing does not exist
)

// Error is a domain error: a code and a message fit to show a user.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or
// "Internal error." for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
