package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/internal/testdb"
)

// formulaEntity has a name a spreadsheet would run as a formula.
var formulaEntity = graph.Entity{ID: "formula-co", Name: `=HYPERLINK("http://evil.example","click")`, Type: graph.Organization}

// loadExportFixture loads the serve fixture and an entity named like a
// formula, supplied by KOMID.
func loadExportFixture(t *testing.T) {
	t.Helper()
	loadServeFixture(t)
	st := testdb.Open(t)
	ctx := context.Background()
	if _, err := st.UpsertEntities(ctx, append(slices.Clone(serveFixture.entities), formulaEntity)); err != nil {
		t.Fatalf("UpsertEntities: %v", err)
	}
	rels := append(slices.Clone(serveFixture.rels), graph.Relationship{ID: "komid-formula", Type: "SUPPLIED", From: "komid", To: formulaEntity.ID,
		Start: graph.MustDate("2019"), Evidence: "-1 shipment", Source: "38 North", Confidence: graph.Alleged})
	if _, err := st.UpsertRelationships(ctx, rels); err != nil {
		t.Fatalf("UpsertRelationships: %v", err)
	}
}

// cliEnv is cli with extra environment variables.
func cliEnv(t *testing.T, extra map[string]string, args ...string) (string, string, int) {
	t.Helper()
	_, cfg := testdb.Connect(t)
	env := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USERNAME": cfg.User, "NEO4J_PASSWORD": cfg.Password, "NEO4J_DATABASE": cfg.Database}
	for k, v := range extra {
		env[k] = v
	}
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), exitStatus(err, &errb)
}

// jsonAnswer is the JSON answer of POST /api/v1/cypher, numbers kept as
// written.
type jsonAnswer struct {
	Columns   []string
	Rows      []map[string]any
	Truncated bool
}

func decodeAnswer(t *testing.T, b []byte) jsonAnswer {
	t.Helper()
	var a jsonAnswer
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&a); err != nil {
		t.Fatalf("JSON answer %.300s: %v", b, err)
	}
	return a
}

// wantCell is the CSV cell the README promises for a value of the JSON
// answer, written from the README's rules (an oracle apart from
// graph.QueryCell).
func wantCell(t *testing.T, v any) string {
	t.Helper()
	guard := func(s string) string {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			return "'" + s
		}
		return s
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return guard(x)
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	case map[string]any:
		if s, ok := graphValue(x); ok {
			return guard(s)
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(plain(v)); err != nil {
		t.Fatal(err)
	}
	return guard(strings.TrimSuffix(b.String(), "\n"))
}

// graphValue writes a node as "name (id)", a relationship as "TYPE (id)"
// and a path as its nodes joined by " -[TYPE]- ".
func graphValue(m map[string]any) (string, bool) {
	props, _ := m["properties"].(map[string]any)
	switch m["_kind"] {
	case "node":
		return props["name"].(string) + " (" + m["id"].(string) + ")", true
	case "relationship":
		return m["type"].(string) + " (" + props["id"].(string) + ")", true
	case "path":
		var parts []string
		rels := m["relationships"].([]any)
		for i, n := range m["nodes"].([]any) {
			if i > 0 {
				parts = append(parts, "-["+rels[i-1].(map[string]any)["type"].(string)+"]-")
			}
			s, _ := graphValue(n.(map[string]any))
			parts = append(parts, s)
		}
		return strings.Join(parts, " "), true
	}
	return "", false
}

func plain(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = plain(x[i])
		}
		return out
	case map[string]any:
		if s, ok := graphValue(x); ok {
			return s
		}
		out := map[string]any{}
		for k, e := range x {
			out[k] = plain(e)
		}
		return out
	}
	return v
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%.500s", err, b)
	}
	return recs
}

// TestQueryCSVEndToEnd runs ad-hoc queries through the real service and
// the real command line against the test database: the CSV (by format=csv,
// by Accept, from the console's form and from `query --format csv`) has
// the JSON answer's columns and rows, cell by cell as the README says,
// guards a cell that starts with =, and says when a cap cut the result.
func TestQueryCSVEndToEnd(t *testing.T) {
	loadExportFixture(t)
	base, _ := startServe(t, serveEnv(t))
	const q = `MATCH p = (a:Entity)-[r]->(b:Entity)
RETURN a, r, b, b.name AS name, r.start AS start, date(r.start + '-01') AS day, r.end AS none,
  [a.id, b.id] AS ids, {to: b, n: size(b.name), tags: ['<x>', 'a&b']} AS m, toFloat(size(a.name)) / -4 AS f,
  b.name STARTS WITH '=' AS formula, p, r.evidence AS evidence
ORDER BY r.id`
	body, _ := json.Marshal(map[string]any{"query": q})

	r := httpDo(t, "POST", base+"/api/v1/cypher", "application/json", string(body))
	if r.status != 200 {
		t.Fatalf("cypher JSON = %d %s", r.status, r.body)
	}
	ans := decodeAnswer(t, r.body)
	if ans.Truncated || len(ans.Rows) != len(serveFixture.rels)+1 {
		t.Fatalf("cypher JSON: %d rows (truncated %v), want %d", len(ans.Rows), ans.Truncated, len(serveFixture.rels)+1)
	}
	want := [][]string{ans.Columns}
	for _, row := range ans.Rows {
		cells := make([]string, len(ans.Columns))
		for i, c := range ans.Columns {
			cells[i] = wantCell(t, row[c])
		}
		want = append(want, cells)
	}

	r = httpDo(t, "POST", base+"/api/v1/cypher?format=csv", "application/json", string(body))
	if r.status != 200 || r.header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		r.header.Get("Content-Disposition") != "attachment; filename=cypher.csv" || r.header.Get("X-Explorer-Truncated") != "false" {
		t.Fatalf("cypher CSV = %d %q %q %q: %.300s", r.status, r.header.Get("Content-Type"), r.header.Get("Content-Disposition"), r.header.Get("X-Explorer-Truncated"), r.body)
	}
	apiCSV := r.body
	got := readCSV(t, apiCSV)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV differs from the JSON answer (-json +csv):\n%s", diff)
	}
	// The formula entity's row, spelt out.
	var row []string
	for _, rec := range got[1:] {
		if strings.HasSuffix(rec[2], "(formula-co)") {
			row = rec
		}
	}
	wantRow := []string{"Korea Mining Development Trading Corporation (komid)", "SUPPLIED (komid-formula)", `'=HYPERLINK("http://evil.example","click") (formula-co)`,
		`'=HYPERLINK("http://evil.example","click")`, "2019", "2019-01-01", "", `["komid","formula-co"]`,
		`{"n":41,"tags":["<x>","a&b"],"to":"=HYPERLINK(\"http://evil.example\",\"click\") (formula-co)"}`, "-11", "true",
		`Korea Mining Development Trading Corporation (komid) -[SUPPLIED]- =HYPERLINK("http://evil.example","click") (formula-co)`, "'-1 shipment"}
	if diff := cmp.Diff(wantRow, row); diff != "" {
		t.Errorf("the formula row (-want +got):\n%s", diff)
	}
	if row != nil && !strings.HasPrefix(row[12], "'") {
		t.Errorf("a path cell is text: it must be guarded too, got %q", row[12])
	}

	r = httpDo(t, "POST", base+"/api/v1/cypher", "application/json", string(body), "Accept", "text/csv")
	if r.status != 200 || !bytes.Equal(r.body, apiCSV) {
		t.Errorf("cypher with Accept: text/csv = %d %q, want the same CSV", r.status, r.header.Get("Content-Type"))
	}
	// The console's Download CSV posts the form with format=csv.
	form := url.Values{"query": {q}, "format": {"csv"}}
	r = httpDo(t, "POST", base+"/cypher", "application/x-www-form-urlencoded", form.Encode())
	if r.status != 200 || !bytes.Equal(r.body, apiCSV) || r.header.Get("Content-Disposition") != "attachment; filename=cypher.csv" {
		t.Errorf("console CSV = %d %q, want the API's CSV: %.300s", r.status, r.header.Get("Content-Disposition"), r.body)
	}
	r = httpDo(t, "POST", base+"/cypher", "application/x-www-form-urlencoded", form.Encode(), "Origin", "https://evil.example")
	if r.status != 403 {
		t.Errorf("cross-origin console CSV = %d, want 403", r.status)
	}
	out, errOut, code := cli(t, "query", q, "--format", "csv")
	if code != 0 || out != string(apiCSV) {
		t.Errorf("query --format csv: exit %d, %s\nstdout differs from the API's CSV:\n%s", code, errOut, cmp.Diff(string(apiCSV), out))
	}

	// The caps: rows, then bytes. The CSV holds the rows the JSON holds and
	// says it was cut.
	pad := strings.Repeat("0123456789", 700)
	for _, tt := range []struct {
		name, query string
		params      map[string]any
		rows        int // exact, or 0 for fewer than 1000
	}{
		{"row cap", "UNWIND range(1, 1500) AS i RETURN i", nil, 1000},
		{"byte cap", "UNWIND range(1, 1000) AS i RETURN i, $pad AS pad", map[string]any{"pad": pad}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{"query": tt.query, "params": tt.params})
			ans := decodeAnswer(t, httpDo(t, "POST", base+"/api/v1/cypher", "application/json", string(body)).body)
			if !ans.Truncated || (tt.rows > 0 && len(ans.Rows) != tt.rows) || (tt.rows == 0 && (len(ans.Rows) == 0 || len(ans.Rows) >= 1000)) {
				t.Fatalf("JSON: %d rows, truncated %v", len(ans.Rows), ans.Truncated)
			}
			r := httpDo(t, "POST", base+"/api/v1/cypher?format=csv", "application/json", string(body))
			if r.header.Get("X-Explorer-Truncated") != "true" || r.header.Get("Content-Disposition") != "attachment; filename=cypher-truncated.csv" {
				t.Errorf("truncated CSV: X-Explorer-Truncated %q, Content-Disposition %q", r.header.Get("X-Explorer-Truncated"), r.header.Get("Content-Disposition"))
			}
			recs := readCSV(t, r.body)
			if len(recs) != len(ans.Rows)+1 {
				t.Fatalf("CSV has %d rows, JSON %d", len(recs)-1, len(ans.Rows))
			}
			for i, row := range ans.Rows {
				if recs[i+1][0] != row["i"].(json.Number).String() {
					t.Fatalf("CSV row %d = %q, JSON %v", i+1, recs[i+1][0], row["i"])
				}
			}
			if tt.params == nil {
				out, errOut, code := cli(t, "query", tt.query, "--format", "csv")
				if code != 0 || len(readCSV(t, []byte(out))) != len(recs) || !strings.Contains(errOut, "result truncated") {
					t.Errorf("query --format csv: exit %d, stderr %q, %d records, want %d and a truncation note", code, errOut, len(readCSV(t, []byte(out))), len(recs))
				}
			}
		})
	}
}

// svgLinks parses an SVG document (or the <svg> element of a page) with an
// XML parser and returns every link in it.
func svgLinks(t *testing.T, b []byte) []string {
	t.Helper()
	i, j := bytes.Index(b, []byte("<svg")), bytes.LastIndex(b, []byte("</svg>"))
	if i < 0 || j < i {
		t.Fatalf("no <svg> element in %.300s", b)
	}
	d := xml.NewDecoder(bytes.NewReader(b[i : j+len("</svg>")]))
	d.Strict = true
	var links []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return links
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok {
			for _, a := range el.Attr {
				if a.Name.Local == "href" {
					links = append(links, a.Value)
				}
			}
		}
	}
}

// TestDiagramLinksBaseURL checks that with serve --base-url every link of
// every SVG the API and the pages serve is absolute under it, that `path
// --format svg --base-url` (or $EXPLORER_BASE_URL) writes the same links,
// and that without a base URL the links stay relative (service) or absent
// (command line), as before.
func TestDiagramLinksBaseURL(t *testing.T) {
	loadExportFixture(t)
	const pub = "https://x.example/explorer"
	base, _ := startServe(t, serveEnv(t), "--base-url", pub+"/")
	plainBase, _ := startServe(t, serveEnv(t))
	cypher := `{"query":"MATCH p = (:Entity {id: 'shig'})-[*1..2]-(:Entity {id: 'houthis'}) RETURN p"}`
	wantPath := []string{pub + "/entities/houthis", pub + "/entities/komid", pub + "/entities/shig"}
	tests := []struct {
		name, method, target, body string
		want                       []string // nil: every link under pub, at least one
	}{
		{"paths svg", "GET", "/api/v1/paths?from=shig&to=houthis&format=svg", "", wantPath},
		{"paths svg by Accept", "GET", "/api/v1/paths?from=shig&to=houthis", "", wantPath},
		{"neighbors svg", "GET", "/api/v1/entities/komid/neighbors?format=svg", "", nil},
		{"cypher svg", "POST", "/api/v1/cypher?format=svg", cypher, wantPath},
		{"diff svg", "GET", "/api/v1/entities/komid/diff?from=2015&to=2019&format=svg", "", nil},
		{"path page", "GET", "/paths?from=shig&to=houthis", "", wantPath},
		{"entity page", "GET", "/entities/komid", "", nil},
		{"canvas page", "GET", "/explore?ids=komid,houthis,shig", "", wantPath},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, srv := range []struct {
				base, prefix string
			}{{base, pub + "/entities/"}, {plainBase, "/entities/"}} {
				ct := ""
				if tt.method == "POST" {
					ct = "application/json"
				}
				r := httpDo(t, tt.method, srv.base+tt.target, ct, tt.body, "Accept", "image/svg+xml")
				if r.status != 200 {
					t.Fatalf("%s %s = %d %.300s", tt.method, tt.target, r.status, r.body)
				}
				links := svgLinks(t, r.body)
				if len(links) == 0 {
					t.Errorf("%s: the SVG has no links", tt.target)
				}
				for _, l := range links {
					if !strings.HasPrefix(l, srv.prefix) {
						t.Errorf("%s: link %q, want it under %s", tt.target, l, srv.prefix)
					}
				}
				if tt.want != nil && srv.base == base {
					slices.Sort(links)
					if diff := cmp.Diff(tt.want, slices.Compact(links)); diff != "" {
						t.Errorf("%s links (-want +got):\n%s", tt.target, diff)
					}
				}
			}
		})
	}

	// The command line: links only with a base URL, from the flag or the
	// environment; the flag wins.
	for _, tt := range []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"no base URL", nil, nil, nil},
		{"flag", nil, []string{"--base-url", pub}, wantPath},
		{"environment", map[string]string{"EXPLORER_BASE_URL": pub + "/"}, nil, wantPath},
		{"flag over environment", map[string]string{"EXPLORER_BASE_URL": "https://other.example"}, []string{"--base-url", pub}, wantPath},
	} {
		t.Run("cli "+tt.name, func(t *testing.T) {
			out, errOut, code := cliEnv(t, tt.env, append([]string{"path", "shig", "houthis", "--format", "svg"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			links := svgLinks(t, []byte(out))
			slices.Sort(links)
			if diff := cmp.Diff(tt.want, slices.Compact(links)); diff != "" {
				t.Errorf("path --format svg %v links (-want +got):\n%s", tt.args, diff)
			}
		})
	}
	for _, tt := range []struct {
		name string
		env  map[string]string
		args []string
		code int
	}{
		{"not a URL", nil, []string{"--format", "svg", "--base-url", "explorer.example"}, 2},
		{"javascript", nil, []string{"--format", "svg", "--base-url", "javascript:alert(1)"}, 2},
		{"bad environment with a diagram", map[string]string{"EXPLORER_BASE_URL": "nope"}, []string{"--format", "dot"}, 2},
		{"flag with JSON", nil, []string{"--format", "json", "--base-url", pub}, 2},
		{"bad environment with JSON", map[string]string{"EXPLORER_BASE_URL": "nope"}, []string{"--format", "json"}, 0},
	} {
		if _, errOut, code := cliEnv(t, tt.env, append([]string{"path", "shig", "houthis"}, tt.args...)...); code != tt.code {
			t.Errorf("%s: path %v: exit %d, want %d: %s", tt.name, tt.args, code, tt.code, errOut)
		}
	}
}
