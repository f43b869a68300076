package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

// TestCypherCSV checks the CSV answers of ad-hoc queries: the API by
// format=csv or Accept, the truncation header and file name, and the
// console's Download CSV button, which posts the same form.
func TestCypherCSV(t *testing.T) {
	ts := newTestServer(t)
	ts.g.result = &graph.QueryResult{
		Columns: []string{"e", "name", "n"},
		Rows: []map[string]any{
			{"e": map[string]any{"_kind": "node", "id": "komid", "labels": []string{"Entity"}, "properties": map[string]any{"name": "KOMID"}},
				"name": "=HYPERLINK(\"http://evil\")", "n": int64(-3)},
		},
	}
	want := [][]string{{"e", "name", "n"}, {"KOMID (komid)", "'=HYPERLINK(\"http://evil\")", "-3"}}
	body := `{"query":"MATCH (e:Entity) RETURN e, e.name AS name, -3 AS n"}`
	tests := []struct {
		name, target string
		header       []string
	}{
		{"format parameter", "/api/v1/cypher?format=csv", []string{"Content-Type", "application/json"}},
		{"Accept header", "/api/v1/cypher", []string{"Content-Type", "application/json", "Accept", "text/csv"}},
		{"Accept preferring CSV", "/api/v1/cypher", []string{"Content-Type", "application/json", "Accept", "application/json;q=0.5, text/csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := ts.do("POST", tt.target, body, tt.header...)
			if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" {
				t.Fatalf("POST %s = %d %s: %s", tt.target, w.Code, w.Header().Get("Content-Type"), w.Body)
			}
			if got := w.Header().Get("Content-Disposition"); got != `attachment; filename=cypher.csv` {
				t.Errorf("Content-Disposition = %q, want an attachment cypher.csv", got)
			}
			if got := w.Header().Get(headerTruncated); got != "false" {
				t.Errorf("%s = %q, want false", headerTruncated, got)
			}
			got, err := csv.NewReader(w.Body).ReadAll()
			if err != nil {
				t.Fatalf("the CSV does not parse: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("CSV (-want +got):\n%s", diff)
			}
		})
	}
	// Without format or a CSV Accept, the answer stays JSON.
	if w := ts.do("POST", "/api/v1/cypher", body, "Content-Type", "application/json", "Accept", "text/csv;q=0.2, application/json"); !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Errorf("Accept preferring JSON = %s, want JSON", w.Header().Get("Content-Type"))
	}
	// text/csv is not offered where no CSV exists.
	if got := negotiate("text/csv"); got != "json" {
		t.Errorf(`negotiate("text/csv") with no CSV on offer = %q, want json`, got)
	}
	if w := ts.do("POST", "/api/v1/cypher?format=xlsx", body, "Content-Type", "application/json"); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "csv") {
		t.Errorf("format=xlsx = %d %s, want 400 naming csv", w.Code, w.Body)
	}

	ts.g.result.Truncated = true
	w := ts.do("POST", "/api/v1/cypher?format=csv", body, "Content-Type", "application/json")
	if w.Header().Get(headerTruncated) != "true" || w.Header().Get("Content-Disposition") != `attachment; filename=cypher-truncated.csv` {
		t.Errorf("truncated CSV: %s = %q, Content-Disposition %q", headerTruncated, w.Header().Get(headerTruncated), w.Header().Get("Content-Disposition"))
	}
	w = ts.do("POST", "/api/v1/cypher", body, "Content-Type", "application/json")
	if w.Header().Get(headerTruncated) != "true" || !strings.Contains(w.Body.String(), `"truncated":true`) {
		t.Errorf("truncated JSON: %s = %q, body %s", headerTruncated, w.Header().Get(headerTruncated), w.Body)
	}
	ts.g.result.Truncated = false

	// The console: a Download CSV button in the form, posting format=csv.
	doc := getPage(t, ts, "/cypher", 200)
	form := one(t, doc, "form", byID("cypher-form"))
	b := one(t, form, "Download CSV button", byID("download-csv"))
	if attr(b, "type") != "submit" || attr(b, "name") != "format" || attr(b, "value") != "csv" || text(b) != "Download CSV" {
		t.Errorf("Download CSV button: type %q name %q value %q text %q", attr(b, "type"), attr(b, "name"), attr(b, "value"), text(b))
	}
	f := url.Values{"query": {"MATCH (e:Entity) RETURN e"}, "params": {`{"n": 3}`}, "format": {"csv"}}
	w = ts.do("POST", "/cypher", f.Encode(), "Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin")
	if w.Code != http.StatusOK || w.Header().Get("Content-Disposition") != `attachment; filename=cypher.csv` {
		t.Fatalf("console CSV = %d %q: %s", w.Code, w.Header().Get("Content-Disposition"), w.Body)
	}
	got, err := csv.NewReader(w.Body).ReadAll()
	if err != nil {
		t.Fatalf("the console's CSV does not parse: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("console CSV (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"n": int64(3)}, ts.g.lastParams); diff != "" {
		t.Errorf("console CSV params (-want +got):\n%s", diff)
	}
	f.Set("format", "xlsx")
	doc = postPage(t, ts, f, http.StatusBadRequest)
	if p := text(one(t, doc, "problem", byID("problem"))); !strings.Contains(p, "format") {
		t.Errorf("console format=xlsx problem = %q, want it to name format", p)
	}
	ts.g.lastCypher = ""
	f.Set("format", "csv")
	if w := ts.do("POST", "/cypher", f.Encode(), "Content-Type", "application/x-www-form-urlencoded", "Origin", "https://evil.example"); w.Code != http.StatusForbidden || ts.g.lastCypher != "" {
		t.Errorf("cross-site console CSV = %d and ran %q, want 403 and nothing run", w.Code, ts.g.lastCypher)
	}
}

// TestCheckSVGBaseURL checks that with a public base URL the links under it
// pass the SVG check, and links that only look like it do not.
func TestCheckSVGBaseURL(t *testing.T) {
	const base = "https://x.example/explorer"
	tests := []struct {
		href string
		ok   bool
	}{
		{"https://x.example/explorer/entities/komid", true},
		{"/entities/komid", true},
		{"#n1", true},
		{"https://x.example/explorer", false},
		{"https://x.example/explorer.evil.example/x", false},
		{"https://x.example/explorer//evil.example/x", false},
		{"https://x.example/other", false},
		{"http://x.example/explorer/entities/komid", false},
		{"javascript:alert(1)", false},
	}
	for _, tt := range tests {
		svg := `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="` + tt.href + `"><text>x</text></a></svg>`
		if err := checkSVG([]byte(svg), base); (err == nil) != tt.ok {
			t.Errorf("checkSVG(link %q, base %q) = %v, want ok %v", tt.href, base, err, tt.ok)
		}
		if tt.ok && !strings.HasPrefix(tt.href, "/") && !strings.HasPrefix(tt.href, "#") {
			if err := checkSVG([]byte(svg), ""); err == nil {
				t.Errorf("checkSVG(link %q) without a base URL = nil, want it refused", tt.href)
			}
		}
	}
}
