package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// FuzzQueryParams sends arbitrary query strings to the endpoints that parse
// them. Whatever the input, the answer is a client error or a success with
// a JSON body, never a 5xx or a panic.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{
		"from=shig&to=houthis",
		"from=SHIG&to=Ansar+Allah&mode=k-shortest&k=5&max_hops=3&types=SUPPLIED,cooperated_with&since=2010&until=2020-06&directed=true",
		"from=shig&to=houthis&exclude=komid,Kim+Il&format=dot",
		"from=%00&to=%ff%fe&k=-1&max_hops=99999999999999999999",
		"from=shig&to=houthis&since=1990-02-30&until=0000",
		"depth=4&limit=2000&types=&types=,,&directed=maybe",
		"q=kom&limit=0",
		"format=svg&format=png",
		"from=shig&to=houthis&mode=chronological&k=50",
		"from=shig&to=houthis&rank=evidence&min_confidence=reported&status=completed,attempted&with_mentions=1&exclude_types=SUPPLIED&undated=exclude&format=csv",
		"from=shig&to=houthis&types=SUPPLIED&exclude_types=SUPPLIED&undated=include&dated_only=true&status=any",
	} {
		f.Add(s)
	}
	ts := newTestServer(f)
	ok := []int{http.StatusOK, http.StatusBadRequest, http.StatusNotFound}
	f.Fuzz(func(t *testing.T, raw string) {
		if _, err := url.ParseRequestURI("/x?" + raw); err != nil || strings.ContainsAny(raw, " #") {
			t.Skip("not a query string a client could send")
		}
		for _, path := range []string{"/api/v1/paths", "/api/v1/entities/komid/neighbors", "/api/v1/entities", "/paths"} {
			w := ts.do("GET", path+"?"+raw, "")
			if !slices.Contains(ok, w.Code) {
				t.Fatalf("GET %s?%s = %d: %s", path, raw, w.Code, w.Body)
			}
			if strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") && !json.Valid(w.Body.Bytes()) {
				t.Fatalf("GET %s?%s: invalid JSON %q", path, raw, w.Body)
			}
		}
	})
}

// FuzzNegotiate checks that any Accept header picks one of the formats.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"", "*/*", "image/svg+xml;q=0.4, image/png;q=0.9", "text/html,*/*;q=0.8", ";;;q=", "image/png;q=NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		if got := negotiate(accept); !slices.Contains([]string{"json", FormatSVG, FormatPNG, FormatDOT}, got) {
			t.Fatalf("negotiate(%q) = %q", accept, got)
		}
	})
}

// FuzzCheckSVG checks that the SVG guard never panics and that what it
// accepts has no script element.
func FuzzCheckSVG(f *testing.F) {
	for _, s := range []string{
		`<svg><a xlink:href="/entities/x"><text>&lt;script&gt;</text></a></svg>`,
		`<svg><script>alert(1)</script></svg>`,
		`<svg><g onload="x"/></svg>`,
		`<svg><SCRIPT/></svg>`,
		`<?xml version="1.0"?><!DOCTYPE svg><svg/>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if checkSVG([]byte(s)) == nil && strings.Contains(strings.ToLower(s), "<script") && !strings.Contains(s, "<!--") && !strings.Contains(s, "CDATA") {
			t.Fatalf("checkSVG accepted %q", s)
		}
	})
}
