package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
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
		"depth=2&families=operational,gossip&families=mention&types=SUPPORTS&since=1990&until=2000&as_of=1995",
	} {
		f.Add(s)
	}
	ts := newTestServer(f)
	ok := []int{http.StatusOK, http.StatusBadRequest, http.StatusNotFound}
	f.Fuzz(func(t *testing.T, raw string) {
		if _, err := url.ParseRequestURI("/x?" + raw); err != nil || strings.ContainsAny(raw, " #") {
			t.Skip("not a query string a client could send")
		}
		for _, path := range []string{"/api/v1/paths", "/api/v1/entities/komid/neighbors", "/api/v1/entities", "/paths", "/entities/komid"} {
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

// fuzzTarget builds a request target from a route pattern, a value for its
// path parameter and a raw query, or reports that no client could send it.
func fuzzTarget(route, param, raw string) (string, bool) {
	path := route
	for _, p := range []string{":id", "*file"} {
		path = strings.ReplaceAll(path, p, url.PathEscape(param))
	}
	target := path
	if raw != "" {
		target += "?" + raw
	}
	if _, err := url.ParseRequestURI(target); err != nil || strings.ContainsAny(raw, " #\x00") {
		return "", false
	}
	return target, true
}

// checkAnswer fails on a 5xx (other than 501 and 503, which say a part is
// absent or down, and which the fakes never cause here) and on an answer
// that claims JSON but is not.
func checkAnswer(t *testing.T, method, target string, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code >= 500 {
		t.Fatalf("%s %s = %d: %s", method, target, w.Code, w.Body)
	}
	if strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") && !json.Valid(w.Body.Bytes()) {
		t.Fatalf("%s %s: invalid JSON %q", method, target, w.Body)
	}
}

// FuzzGetEndpoints sends arbitrary path parameters, query strings and
// Accept headers to every GET route of the real router (with fakes behind
// it): no input is a 5xx or a panic.
func FuzzGetEndpoints(f *testing.F) {
	// The fake with cross-referencing, so that /xref routes are fuzzed too.
	ts, _ := newXrefServer(f)
	var routes []string
	for _, r := range ts.Routes() {
		if r.Method == "GET" {
			routes = append(routes, r.Path)
		}
	}
	slices.Sort(routes)
	for i := range routes {
		f.Add(uint8(i), "komid", "format=svg&depth=2", "")
		f.Add(uint8(i), "x%00y", "q=%ff&limit=-1&since=9999-99", "image/png;q=0.5, */*")
	}
	f.Add(uint8(0), strings.Repeat("../", 2)+"secret", "from=shig&to=houthis&k=99999999999999999999999", "text/vnd.graphviz")
	f.Fuzz(func(t *testing.T, i uint8, param, raw, accept string) {
		route := routes[int(i)%len(routes)]
		target, ok := fuzzTarget(route, param, raw)
		if !ok || strings.ContainsAny(accept, "\r\n\x00") {
			t.Skip("not a request a client could send")
		}
		w := ts.do("GET", target, "", "Accept", accept, "Authorization", "Bearer s3cret-token")
		checkAnswer(t, "GET", target, w)
	})
}

// FuzzPostBodies sends arbitrary JSON bodies and query strings to the
// POST routes (the Cypher console and the import, with its token): no
// input is a 5xx or a panic, and an accepted import ends as a job.
func FuzzPostBodies(f *testing.F) {
	ts := newTestServer(f)
	for _, s := range []struct{ route, query, body string }{
		{"/api/v1/cypher", "", `{"query":"MATCH (n) RETURN n LIMIT $n","params":{"n":5}}`},
		{"/api/v1/cypher", "format=svg", `{"query":"RETURN 1","params":{"n":1e400,"m":[9223372036854775808]}}`},
		{"/api/v1/cypher", "", `{"query":"RETURN 1","query":"DELETE n"}`},
		{"/api/v1/cypher", "", `{"query":"PROFILE RETURN 1","params":{"a":{"b":{"c":[null,true,"x"]}}}}`},
		{"/api/v1/cypher", "format=png", `[1,2,3]`},
		{"/api/v1/import", "format=jsonl", `{"kind":"entity","id":"a","name":"A","type":"Person"}`},
		{"/api/v1/import", "format=csv", "id,name,type\na,A,Person\n"},
		{"/api/v1/import", "format=ftm&format=xml", `{"id":"x","schema":"Person","properties":{"name":["X"]}}`},
	} {
		f.Add(s.route == "/api/v1/import", s.query, s.body)
	}
	f.Fuzz(func(t *testing.T, isImport bool, raw, body string) {
		route := "/api/v1/cypher"
		if isImport {
			route = "/api/v1/import"
		}
		target, ok := fuzzTarget(route, "", raw)
		if !ok {
			t.Skip("not a request a client could send")
		}
		w := ts.do("POST", target, body, "Content-Type", "application/json", "Authorization", "Bearer s3cret-token")
		checkAnswer(t, "POST", target, w)
		if isImport && w.Code == http.StatusAccepted {
			var j ImportJob
			if err := json.Unmarshal(w.Body.Bytes(), &j); err != nil || j.URL == "" {
				t.Fatalf("POST %s = 202 without a job: %s", target, w.Body)
			}
			checkAnswer(t, "GET", j.URL, ts.do("GET", j.URL, "", "Authorization", "Bearer s3cret-token"))
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
		if checkSVG([]byte(s), "") == nil && scriptTag.MatchString(s) && !strings.Contains(s, "<!--") && !strings.Contains(s, "CDATA") {
			t.Fatalf("checkSVG accepted %q", s)
		}
	})
}

// scriptTag matches a script start tag as an HTML parser reads one inline
// SVG: the name, in any case, ends at white space, "/", ">" or the end
// (so "<SCRIPT0>" is another element, "script0").
var scriptTag = regexp.MustCompile(`(?i)<script([\t\n\f\r /> ]|$)`)
