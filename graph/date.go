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
	PrecisionDecade
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// PartialDate is a calendar date known to a decade, a year, a month or a day,
// as sources state them ("the 1980s", "1990", "1990-11", "2021-06-20"). It
// denotes the interval of days it covers: "1990-11" is 1 to 30 November 1990,
// "198X" (the EDTF form of ISO 8601-2 for an unspecified year digit) is
// 1 January 1980 to 31 December 1989. The zero value is the unknown date.
type PartialDate struct {
	Year  int
	Month int
	Day   int
	Prec  Precision
}

// minYear is the earliest year a date may have. Spans use Go's zero time
// (1 January of year 1) for "unknown", so early years would read as unknown
// time; no claim this tool records is that old.
const minYear = 1000

// ParseDate parses a partial ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD, years
// 1000 to 9999, or a decade YYYX ("198X", 1980 to 1989). The empty string is
// an error; callers decide whether a date is optional.
func ParseDate(s string) (PartialDate, error) {
	bad := func(why string) (PartialDate, error) {
		return PartialDate{}, Errorf(ErrInvalid, "date %q: %s (want YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYX)", s, why)
	}
	if s == "" {
		return bad("empty")
	}
	if len(s) == 4 && s[3] == 'X' {
		y, err := strconv.Atoi(s[:3])
		if err != nil || s[0] < '0' || s[0] > '9' || y < minYear/10 {
			return bad("bad decade (years before 1000 are not supported)")
		}
		return PartialDate{Year: y * 10, Prec: PrecisionDecade}, nil
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
	if !ok || y < minYear {
		return bad("bad year (years before 1000 are not supported)")
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
	case PrecisionDecade:
		return fmt.Sprintf("%03dX", d.Year/10)
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
	case PrecisionDecade, PrecisionYear:
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
	case PrecisionDecade:
		return time.Date(d.Year+9, 12, 31, 0, 0, 0, 0, time.UTC)
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

// Span is the closed interval of days [From, To] that a relationship holds.
// The zero Span is unknown time (an undated claim); a zero To with a known
// From is open: the relationship holds from From onward.
type Span struct {
	From time.Time
	To   time.Time
}

// Known reports whether s has a date at all.
func (s Span) Known() bool { return !s.From.IsZero() }

// Open reports whether s has no known end.
func (s Span) Open() bool { return s.Known() && s.To.IsZero() }

// SpanOf returns the days covered from the first day of start to the last
// day of end, or to the last day of start when there is no end: an event
// dated "1990-11" happened some time in November 1990. An unknown start gives
// the unknown span.
func SpanOf(start, end PartialDate) Span {
	if start.IsZero() {
		return Span{}
	}
	s := Span{From: start.First(), To: start.Last()}
	if !end.IsZero() {
		s.To = end.Last()
	}
	return s
}

// Day formats t as the ISO day Neo4j compares (YYYY-MM-DD).
func Day(t time.Time) string { return t.Format("2006-01-02") }

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
		return Errorf(ErrInvalid, "window: until %s is before since %s", w.Until, w.Since)
	}
	return nil
}

// Overlaps reports whether a relationship spanning s passes the window. A
// span of unknown time overlaps every window (its time is unknown, not
// outside it); callers that want dated claims only test Known first.
func (w Window) Overlaps(s Span) bool {
	if !s.Known() {
		return true
	}
	if !w.Since.IsZero() && !s.Open() && s.To.Before(w.Since.First()) {
		return false
	}
	if !w.Until.IsZero() && s.From.After(w.Until.Last()) {
		return false
	}
	return true
}

// Chain returns the earliest times at which the hops with these spans can
// have held, in order, each no earlier than the one before: hop i is placed
// at the later of its own first day and hop i-1's time, and must still lie
// inside its span. ok is false when no such placement exists, that is when the
// hops cannot have followed each other in time. A state may be walked at any
// time inside its span, so "A has owned B since 2009; B's director met C in
// 2015" is a valid chronological path. Spans must be known.
func Chain(spans ...Span) (times []time.Time, ok bool) {
	var t time.Time
	times = make([]time.Time, len(spans))
	for i, s := range spans {
		if !s.Known() {
			return nil, false
		}
		if s.From.After(t) {
			t = s.From
		}
		if !s.Open() && t.After(s.To) {
			return nil, false
		}
		times[i] = t
	}
	return times, true
}
