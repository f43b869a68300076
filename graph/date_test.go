package graph

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
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
		{"0001", PartialDate{Year: 1, Prec: PrecisionYear}, "0001-01-01", "0001-12-31"},
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
	for _, in := range []string{"", "90", "1990-1", "1990-13", "1990-00", "1990-02-30", "2019-02-29", "0000",
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

func TestMayFollow(t *testing.T) {
	tests := []struct {
		prev, next string
		want       bool
	}{
		{"1990", "1990-11", true},
		{"1990-11", "1990", true},
		{"1990-11", "1989", false},
		{"1990-11", "1990-10", false},
		{"1990-11-15", "1990-11", true},
		{"1990-11-15", "1990-11-14", false},
		{"2016-01", "2018-08", true},
		{"2018-08", "2016-01", false},
	}
	for _, tt := range tests {
		if got := MayFollow(MustDate(tt.prev), MustDate(tt.next)); got != tt.want {
			t.Errorf("MayFollow(%s, %s) = %v, want %v", tt.prev, tt.next, got, tt.want)
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
	if back != r {
		t.Errorf("round trip = %+v, want %+v", back, r)
	}
	if err := json.Unmarshal([]byte(`{"start":"1990-13"}`), &back); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad date in JSON: err = %v, want ErrInvalid", err)
	}
}

// FuzzParseDate checks that whatever parses formats back to itself, covers
// a non-empty interval and orders consistently.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1990", "1990-11", "2021-06-20", "2020-02-29", "0000", "1990-13", "x"} {
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
		if !MayFollow(d, d) {
			t.Fatalf("MayFollow(%s, %s) = false", d, d)
		}
	})
}
