package graph

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in          string
		want        PartialDate
		first, last string
	}{
		{"1990", PartialDate{Year: 1990, Prec: PrecisionYear}, "1990-01-01", "1990-12-31"},
		{"1990-11", PartialDate{Year: 1990, Month: 11, Prec: PrecisionMonth}, "1990-11-01", "1990-11-30"},
		{"2021-06-20", PartialDate{Year: 2021, Month: 6, Day: 20, Prec: PrecisionDay}, "2021-06-20", "2021-06-20"},
		{"2020-02", PartialDate{Year: 2020, Month: 2, Prec: PrecisionMonth}, "2020-02-01", "2020-02-29"},
		{"2019-02", PartialDate{Year: 2019, Month: 2, Prec: PrecisionMonth}, "2019-02-01", "2019-02-28"},
		{"1000", PartialDate{Year: 1000, Prec: PrecisionYear}, "1000-01-01", "1000-12-31"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Fatalf("ParseDate(%q) error %v", tt.in, err)
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, s)
		}
		if f := got.First().Format(time.DateOnly); f != tt.first {
			t.Errorf("ParseDate(%q).First() = %s, want %s", tt.in, f, tt.first)
		}
		if l := got.Last().Format(time.DateOnly); l != tt.last {
			t.Errorf("ParseDate(%q).Last() = %s, want %s", tt.in, l, tt.last)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, in := range []string{"", "90", "1990-1", "1990-13", "1990-00", "1990-02-30", "2019-02-29", "0000", "0001", "0999", "099X",
		"1990/11", "1990-11-", "199O", "+990", "1990-11-1x", " 1990", "1990-11-31", "１９９０"} {
		d, err := ParseDate(in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want error", in, d)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDate(%q) error %v is not ErrInvalid", in, err)
		}
	}
}

func TestCompare(t *testing.T) {
	order := []string{"1989", "1990", "1990-01", "1990-01-01", "1990-01-02", "1990-11", "1990-11-30", "1991"}
	for i := range order {
		for j := range order {
			a, b := MustDate(order[i]), MustDate(order[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Compare(b); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"1990", "1990-11", true},
		{"1990", "1990-11-30", true},
		{"1990-11", "1990", false},
		{"1990-11", "1990-12-01", false},
		{"1990-11-05", "1990-11-05", true},
	}
	for _, tt := range tests {
		if got := MustDate(tt.a).Contains(MustDate(tt.b)); got != tt.want {
			t.Errorf("%s.Contains(%s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestWindowOverlaps(t *testing.T) {
	tests := []struct {
		start, end   string
		since, until string
		want         bool
	}{
		{"1990-11", "", "1990", "1990", true},
		{"1990-11", "", "1990-12", "", false},
		{"1990-11", "", "", "1990-10-31", false},
		{"1990-11", "", "", "1990-11-30", true},
		{"1981", "1983", "1982-06", "1982-06", true},
		{"1981", "1983", "1984", "", false},
		{"1981", "1983", "1983-12-31", "", true},
		{"2021-06-20", "", "2021-06", "2021-06", true},
		{"2021-06-20", "", "2021-06-21", "", false},
	}
	for _, tt := range tests {
		var end PartialDate
		if tt.end != "" {
			end = MustDate(tt.end)
		}
		w := Window{}
		if tt.since != "" {
			w.Since = MustDate(tt.since)
		}
		if tt.until != "" {
			w.Until = MustDate(tt.until)
		}
		if got := w.Overlaps(SpanOf(MustDate(tt.start), end)); got != tt.want {
			t.Errorf("window [%s, %s] overlaps %s..%s = %v, want %v", tt.since, tt.until, tt.start, tt.end, got, tt.want)
		}
	}
}

func TestWindowValidate(t *testing.T) {
	if err := (Window{Since: MustDate("1991"), Until: MustDate("1990")}).Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("reversed window: err = %v, want ErrInvalid", err)
	}
	if err := (Window{Since: MustDate("1990-11"), Until: MustDate("1990")}).Validate(); err != nil {
		t.Errorf("window [1990-11, 1990] overlaps itself: err = %v", err)
	}
}

func TestChain(t *testing.T) {
	ev := func(start string) Span { return SpanOf(MustDate(start), PartialDate{}) }
	since := func(start string) Span { return Span{From: MustDate(start).First()} }
	span := func(start, end string) Span { return SpanOf(MustDate(start), MustDate(end)) }
	tests := []struct {
		name  string
		spans []Span
		want  bool
	}{
		{"year then month inside it", []Span{ev("1990"), ev("1990-11")}, true},
		{"month then its year", []Span{ev("1990-11"), ev("1990")}, true},
		{"earlier year after a month", []Span{ev("1990-11"), ev("1989")}, false},
		{"earlier month", []Span{ev("1990-11"), ev("1990-10")}, false},
		{"day then its month", []Span{ev("1990-11-15"), ev("1990-11")}, true},
		{"day before", []Span{ev("1990-11-15"), ev("1990-11-14")}, false},
		{"in order", []Span{ev("2016-01"), ev("2018-08")}, true},
		{"out of order", []Span{ev("2018-08"), ev("2016-01")}, false},
		// A state may be walked at any time inside its span: owned since
		// 2009, then a meeting in 2015.
		{"state then later event", []Span{since("2009-04"), ev("2015")}, true},
		{"event then state begun earlier", []Span{ev("2015"), since("2009-04")}, true},
		{"event after a state ended", []Span{span("2012", "2016-01-17"), ev("2017")}, true},
		{"state ended before the event", []Span{ev("2017"), span("2012", "2016-01-17")}, false},
		// Pairwise order is not enough: the middle hop is placed at 2005,
		// and the last one ended in 2002.
		{"chain, not pairs", []Span{ev("2005"), span("2000", "2010"), span("2001", "2002")}, false},
		{"decade", []Span{ev("198X"), ev("1985")}, true},
		{"unknown time", []Span{ev("1990"), {}}, false},
	}
	for _, tt := range tests {
		if _, got := Chain(tt.spans...); got != tt.want {
			t.Errorf("Chain(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRelationshipSpan(t *testing.T) {
	yes, no := true, false
	day := func(s string) time.Time { return MustDate(s).First() }
	last := func(s string) time.Time { return MustDate(s).Last() }
	tests := []struct {
		name string
		r    Relationship
		want Span
	}{
		{"undated", Relationship{Type: "SUBSIDIARY_OF"}, Span{}},
		{"event", Relationship{Type: "SUPPLIED", Start: MustDate("1990-11")}, Span{day("1990-11"), last("1990-11")}},
		{"event span", Relationship{Type: "SUPPLIED", Start: MustDate("1981"), End: MustDate("1983")}, Span{day("1981"), last("1983")}},
		{"state since", Relationship{Type: "SUBSIDIARY_OF", Start: MustDate("2009-04")}, Span{From: day("2009-04")}},
		{"state with end", Relationship{Type: "LEADS", Start: MustDate("2012"), End: MustDate("2016-01-17")}, Span{day("2012"), day("2016-01-17")}},
		{"state ended at an unknown date", Relationship{Type: "LEADS", Start: MustDate("2013"), Ongoing: &no}, Span{day("2013"), last("2013")}},
		{"lasting event", Relationship{Type: "SUPPLIED", Start: MustDate("198X"), Ongoing: &yes}, Span{From: day("198X")}},
		{"attested state", Relationship{Type: "LEADS", Attested: MustDate("1990-11")}, Span{day("1990-11"), last("1990-11")}},
	}
	for _, tt := range tests {
		if got := tt.r.Span(); got != tt.want {
			t.Errorf("%s: Span() = %v, want %v", tt.name, got, tt.want)
		}
	}
	// The example: a state since 1973 passes a window in 2000.
	rel := Relationship{Type: "DIPLOMATIC_RELATIONS", Start: MustDate("1973")}
	if !(Window{Since: MustDate("2000"), Until: MustDate("2000")}).Overlaps(rel.Span()) {
		t.Errorf("relations since 1973 do not pass a window in 2000")
	}
	if (Window{Until: MustDate("1972")}).Overlaps(rel.Span()) {
		t.Errorf("relations since 1973 pass a window that ends in 1972")
	}
}

func TestDecade(t *testing.T) {
	d := MustDate("198X")
	if d.String() != "198X" || d.First() != MustDate("1980").First() || d.Last() != MustDate("1989").Last() {
		t.Errorf("198X = %s [%v, %v], want 198X [1980-01-01, 1989-12-31]", d, d.First(), d.Last())
	}
	if d.Compare(MustDate("1980")) >= 0 {
		t.Errorf("198X should sort before 1980 (coarser first)")
	}
	for _, bad := range []string{"19XX", "X98X", "198x", "-98X"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = nil error, want one", bad)
		}
	}
}

func TestDateJSON(t *testing.T) {
	r := Relationship{ID: "x", Type: "SUPPLIED", From: "a", To: "b", Start: MustDate("1990-11"), Source: "s", Confidence: Reported}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["start"] != "1990-11" || m["end"] != nil {
		t.Errorf("json start, end = %v, %v; want \"1990-11\", null", m["start"], m["end"])
	}
	var back Relationship
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"start":"1990-13"}`), &back); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad date in JSON: err = %v, want ErrInvalid", err)
	}
}

// FuzzParseDate checks that whatever parses formats back to itself, covers
// a non-empty interval and orders consistently.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1990", "1990-11", "2021-06-20", "2020-02-29", "0000", "1990-13", "x", "198X", "000X", "0001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		if d.Last().Before(d.First()) {
			t.Fatalf("ParseDate(%q): last %v before first %v", s, d.Last(), d.First())
		}
		if !d.Contains(d) || d.Compare(d) != 0 {
			t.Fatalf("ParseDate(%q) does not contain or equal itself", s)
		}
		if _, ok := Chain(SpanOf(d, PartialDate{}), SpanOf(d, PartialDate{})); !ok {
			t.Fatalf("Chain(%s, %s) = false", d, d)
		}
	})
}

func TestHoldsAsOf(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name       string
		r          Relationship
		asOf       string
		now, withP bool // without and with past events
	}{
		{"undated passes", Relationship{Type: "SUBSIDIARY_OF"}, "2000", true, true},
		{"state since 1973 holds in 2000", Relationship{Type: "DIPLOMATIC_RELATIONS", Start: MustDate("1973")}, "2000", true, true},
		{"state not yet begun", Relationship{Type: "DIPLOMATIC_RELATIONS", Start: MustDate("1973")}, "1972", false, false},
		{"state begun during the as-of month", Relationship{Type: "LEADS", Start: MustDate("2012-05-20")}, "2012-05", true, true},
		{"state ended before", Relationship{Type: "LEADS", Start: MustDate("2012"), End: MustDate("2016-01-17")}, "2016-02", false, false},
		{"state ended on the day", Relationship{Type: "LEADS", Start: MustDate("2012"), End: MustDate("2016-01-17")}, "2016-01-17", true, true},
		{"state ended at an unknown date", Relationship{Type: "LEADS", Start: MustDate("2013"), Ongoing: &no}, "2014", false, false},
		{"attested at the date", Relationship{Type: "LEADS", Attested: MustDate("1990-11")}, "1990", true, true},
		{"attested says nothing after", Relationship{Type: "LEADS", Attested: MustDate("1990-11")}, "1991", false, false},
		{"event happening then", Relationship{Type: "SUPPLIED", Start: MustDate("1990-11")}, "1990-11-05", true, true},
		{"past event", Relationship{Type: "SUPPLIED", Start: MustDate("1990-11")}, "1995", false, true},
		{"future event", Relationship{Type: "SUPPLIED", Start: MustDate("1990-11")}, "1990-10", false, false},
		{"past event span", Relationship{Type: "SUPPLIED", Start: MustDate("1981"), End: MustDate("1983")}, "1985", false, true},
		{"lasting event", Relationship{Type: "SUPPLIED", Start: MustDate("198X"), Ongoing: &yes}, "2010", true, true},
	}
	for _, tt := range tests {
		d := MustDate(tt.asOf)
		if got := tt.r.HoldsAsOf(d, false); got != tt.now {
			t.Errorf("%s: HoldsAsOf(%s, false) = %v, want %v", tt.name, tt.asOf, got, tt.now)
		}
		if got := tt.r.HoldsAsOf(d, true); got != tt.withP {
			t.Errorf("%s: HoldsAsOf(%s, true) = %v, want %v", tt.name, tt.asOf, got, tt.withP)
		}
	}
}
