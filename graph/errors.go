package graph

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Callers test them with errors.Is; web maps them to status
// codes and cmd to exit codes.
var (
	ErrNotFound    = errors.New("not found")
	ErrInvalid     = errors.New("invalid")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("database unavailable")
	ErrForbidden   = errors.New("forbidden")
	ErrNoPath      = errors.New("no path found")
	// ErrTimeout says a query ran past its time limit: the request was too
	// expensive, the database is fine. Callers answer "narrow the query",
	// never "unavailable".
	ErrTimeout = errors.New("the query ran past its time limit")
)

// Error is an error that carries what its user is told, as data (the
// pattern of benbjohnson/wtf's ErrorMessage): web answers a client with
// Message (and Param), cmd names the flag of Param. Every error a user can
// cause is an *Error or unwraps to one; nothing recovers a message by
// splitting Error().
type Error struct {
	// Kind is the sentinel the error is (ErrInvalid, ErrNotFound, ...; web
	// adds its own); nil when Err carries it.
	Kind error
	// Message is the complete user-facing message: it names the problem
	// and, where it helps, what was wanted.
	Message string
	// Param, when set, is the request parameter at fault as the HTTP API
	// spells it (max_hops); Flag gives the command line's spelling.
	Param string
	// Err is the cause, kept for errors.Is and errors.As (an
	// *UnknownEntityError with its suggestions, say).
	Err error
}

// Error is Kind, Param and Message, for logs and the command line.
func (e *Error) Error() string {
	msg := e.Message
	if e.Param != "" {
		msg = e.Param + ": " + msg
	}
	if e.Kind == nil {
		return msg
	}
	return e.Kind.Error() + ": " + msg
}

// Unwrap returns Kind and the cause, so errors.Is matches the sentinel and
// errors.As finds the cause's type.
func (e *Error) Unwrap() []error {
	switch {
	case e.Err == nil:
		return []error{e.Kind}
	case e.Kind == nil:
		return []error{e.Err}
	}
	return []error{e.Kind, e.Err}
}

// Flag is the command-line spelling of Param: --max-hops.
func (e *Error) Flag() string { return "--" + strings.ReplaceAll(e.Param, "_", "-") }

// Errorf returns an *Error of kind with a formatted message. A %w verb is
// not for it: a cause goes in Err (see Wrapf).
func Errorf(kind error, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Wrapf puts context ("relationship r1") before the user-facing message of
// err, keeping err (and its kind) as the cause.
func Wrapf(err error, format string, args ...any) error {
	return &Error{Kind: kindOf(err), Message: fmt.Sprintf(format, args...) + ": " + Message(err), Err: err}
}

// ParamErrorf is a bad value of the request parameter param: an ErrInvalid.
func ParamErrorf(param, format string, args ...any) *Error {
	return &Error{Kind: ErrInvalid, Param: param, Message: fmt.Sprintf(format, args...)}
}

// WrapParam names param as the parameter of err (an entity reference that
// names nothing, say), keeping err's kind and message.
func WrapParam(param string, err error) *Error {
	return &Error{Kind: kindOf(err), Param: param, Message: Message(err), Err: err}
}

// kinds are the sentinels an *Error may be, in the order kindOf tries them.
var kinds = []error{ErrInvalid, ErrNotFound, ErrNoPath, ErrConflict, ErrForbidden, ErrTimeout, ErrUnavailable}

// kindOf is the sentinel err is, or nil; the cause keeps any other kind.
func kindOf(err error) error {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return k
		}
	}
	return nil
}

// Message is what a user is told about err: the Message of the outermost
// *Error in its chain, or err.Error() when there is none.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}
