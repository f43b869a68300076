package graph

import (
	"fmt"
	"strconv"
	"time"
)

// Precision says how much of a PartialDate is known.
type Precision uint8

// The precisions a PartialDate can have, from coarsest to finest.
const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// PartialDate is a calendar date known to a year, a month or a day, as sources
// state them ("1990", "1990-11", "2021-06-20"). It denotes the interval of
// days it covers: "1990-11" is 1 to 30 November 1990. The zero value is the
// unknown date.
type PartialDate struct {
	Year  int
	Month int
	Day   int
	Prec  Precision
}

// ParseDate parses a partial ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD, years
// 0001 to 9999. The empty string is an error; callers decide whether a date is
// optional.
func ParseDate(s string) (PartialDate, error) {
	bad := func(why string) (PartialDate, error) {
		return PartialDate{}, fmt.Errorf("%w: date %q: %s (want YYYY, YYYY-MM or YYYY-MM-DD)", ErrInvalid, s, why)
	}
	if s == "" {
		return bad("empty")
	}
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return bad("wrong length")
	}
	num := func(part string) (int, bool) {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(part)
		return n, err == nil
	}
	y, ok := num(s[0:4])
	if !ok || y < 1 {
		return bad("bad year")
	}
	d := PartialDate{Year: y, Prec: PrecisionYear}
	if len(s) >= 7 {
		m, ok := num(s[5:7])
		if s[4] != '-' || !ok || m < 1 || m > 12 {
			return bad("bad month")
		}
		d.Month, d.Prec = m, PrecisionMonth
	}
	if len(s) == 10 {
		day, ok := num(s[8:10])
		if s[7] != '-' || !ok || day < 1 || day > daysIn(y, d.Month) {
			return bad("bad day")
		}
		d.Day, d.Prec = day, PrecisionDay
	}
	return d, nil
}

// MustDate is ParseDate for constants in tests and examples; it panics on error.
func MustDate(s string) PartialDate {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is the unknown date.
func (d PartialDate) IsZero() bool { return d.Prec == PrecisionNone }

// String formats d at its own precision; the unknown date is "".
func (d PartialDate) String() string {
	switch d.Prec {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// First returns the first day d covers, at UTC midnight.
func (d PartialDate) First() time.Time {
	switch d.Prec {
	case PrecisionYear:
		return time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// Last returns the last day d covers, at UTC midnight.
func (d PartialDate) Last() time.Time {
	switch d.Prec {
	case PrecisionYear:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month), daysIn(d.Year, d.Month), 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return d.First()
	}
	return time.Time{}
}

// Compare orders dates by their first day, then coarser before finer
// ("1990" < "1990-01" < "1990-01-01" < "1990-01-02"). The unknown date sorts
// first. It returns -1, 0 or +1.
func (d PartialDate) Compare(o PartialDate) int {
	if c := d.First().Compare(o.First()); c != 0 {
		return c
	}
	switch {
	case d.Prec < o.Prec:
		return -1
	case d.Prec > o.Prec:
		return 1
	}
	return 0
}

// Contains reports whether every day of o lies inside d.
func (d PartialDate) Contains(o PartialDate) bool {
	return !d.IsZero() && !o.IsZero() && !o.First().Before(d.First()) && !o.Last().After(d.Last())
}

// Span is the closed interval of days [From, To] that a relationship held,
// derived from its start and optional end. A zero bound is open.
type Span struct {
	From time.Time
	To   time.Time
}

// SpanOf returns the days a relationship with this start and optional end
// covers: from the first day of start to the last day of end, or to the last
// day of start when there is no end (a claim dated "1990-11" held some time in
// November 1990).
func SpanOf(start, end PartialDate) Span {
	s := Span{From: start.First(), To: start.Last()}
	if !end.IsZero() {
		s.To = end.Last()
	}
	return s
}

// Window is a date filter: a relationship passes when its span overlaps
// [Since.First(), Until.Last()]. A zero bound is open.
type Window struct {
	Since PartialDate
	Until PartialDate
}

// IsZero reports whether w filters nothing.
func (w Window) IsZero() bool { return w.Since.IsZero() && w.Until.IsZero() }

// Validate checks that the window is not reversed.
func (w Window) Validate() error {
	if !w.Since.IsZero() && !w.Until.IsZero() && w.Until.Last().Before(w.Since.First()) {
		return fmt.Errorf("%w: window: until %s is before since %s", ErrInvalid, w.Until, w.Since)
	}
	return nil
}

// Overlaps reports whether a relationship spanning s passes the window.
func (w Window) Overlaps(s Span) bool {
	if !w.Since.IsZero() && s.To.Before(w.Since.First()) {
		return false
	}
	if !w.Until.IsZero() && s.From.After(w.Until.Last()) {
		return false
	}
	return true
}

// MayFollow reports whether a hop whose start is next may come after a hop
// whose start is prev in a chronological path. Starts are intervals, so the
// test is "possibly not earlier": next may follow prev unless next's start
// interval ends before prev's start interval begins. Two hops dated "1990"
// and "1990-11" may follow each other in either order; "1989" may not follow
// "1990-11".
func MayFollow(prev, next PartialDate) bool {
	return !next.Last().Before(prev.First())
}
