package ingest_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// memGraph is an in-memory ingest.Reader.
type memGraph struct {
	es []graph.Entity
	rs []graph.Relationship
}

func (m *memGraph) EntitiesPage(_ context.Context, after string, limit int) ([]graph.Entity, error) {
	es := slices.Clone(m.es)
	slices.SortFunc(es, func(a, b graph.Entity) int { return strings.Compare(a.ID, b.ID) })
	var out []graph.Entity
	for _, e := range es {
		if e.ID > after && len(out) < limit {
			out = append(out, e)
		}
	}
	return out, nil
}

func (m *memGraph) RelationshipsPage(_ context.Context, t graph.RelType, after string, limit int) ([]graph.Relationship, error) {
	rs := slices.Clone(m.rs)
	slices.SortFunc(rs, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) })
	var out []graph.Relationship
	for _, r := range rs {
		if r.Type == t && r.ID > after && len(out) < limit {
			out = append(out, r)
		}
	}
	return out, nil
}

func (m *memGraph) GetEntity(_ context.Context, id string) (graph.Entity, error) {
	for _, e := range m.es {
		if e.ID == id {
			return e, nil
		}
	}
	return graph.Entity{}, fmt.Errorf("%w: %s", graph.ErrNotFound, id)
}

// tricky is a small graph whose text needs escaping in every format.
func tricky() *memGraph {
	return &memGraph{
		es: []graph.Entity{
			{ID: "komid", Name: "Korea Mining Development Trading Corporation", Type: graph.Organization, Aliases: []string{"KOMID", "Changgwang Sinyong"}, Description: "Arms dealer; \"primary\" <exporter> & broker", Country: "KP",
				Identifiers: []string{"lei:5493001KJTIIGC8Y1R12", "registration:KP12345"}},
			{ID: "shig", Name: "Shahid Hemmat Industrial Group", Type: graph.Organization, Aliases: []string{"SHIG"}, Country: "IR"},
			{ID: "unsc", Name: "United Nations Security Council", Type: graph.Organization},
			{ID: "north-korea", Name: "Democratic People's Republic of Korea", Type: graph.State, Aliases: []string{"DPRK"}, Country: "KP"},
			{ID: "odd", Name: "Back\\slash 'quote' // not a comment; /* nor this */", Type: graph.Person, Description: "Ünïcödé – 北朝鮮\nsecond line\ttab"},
			{ID: "hwasong-5", Name: "Hwasong-5", Type: graph.Weapon},
		},
		rs: []graph.Relationship{
			{ID: "komid-shig", Type: "COOPERATED_WITH", From: "komid", To: "shig", Start: graph.MustDate("2016-01"), Evidence: "SHIG’s relationship with KOMID", Source: "38 North", SourceURL: "https://www.38north.org/?a=1&b=2", Confidence: graph.Reported,
				SourceID: "38north-dprk-iran", Paragraph: 2, CitedSource: "UN Panel of Experts report", CitedSourceID: "un-poe-2011"},
			{ID: "komid-shig-parts", Type: "SUPPLIED", From: "komid", To: "shig", Start: graph.MustDate("198X"), Ongoing: ptr(true), Status: graph.Attempted, Item: "missile parts; \"Hwasong\"", ItemIDs: []string{"hwasong-5"}, Evidence: "trying to supply", Source: "38 North", Confidence: graph.Assessed},
			{ID: "unsc-komid", Type: "SANCTIONED", From: "unsc", To: "komid", Start: graph.MustDate("2009-04-24"), Evidence: "designated", Source: "38 North", CitedSource: "UN 1718 Committee", Confidence: graph.Confirmed},
			{ID: "dprk-hwasong", Type: "DEVELOPED", From: "north-korea", To: "hwasong-5", Start: graph.MustDate("1984"), End: graph.MustDate("1987-06"), Evidence: "It's \"reverse-engineered\" <Scud-B>", Source: "38 North", Confidence: graph.Alleged},
			{ID: "odd-komid", Type: "LEADS", From: "odd", To: "komid", Attested: graph.MustDate("1990-11"), Evidence: "line one\nline two; '\\'", Source: "src", Confidence: graph.Disputed},
			{ID: "shig-komid-lead", Type: "LEADS", From: "shig", To: "komid", Start: graph.MustDate("2013"), Ongoing: ptr(false), Evidence: "formerly", Source: "src", Confidence: graph.Confirmed},
		},
	}
}

func ptr[T any](v T) *T { return &v }

var goldenExt = map[ingest.ExportFormat]string{
	ingest.ExportJSONL: "jsonl", ingest.ExportCSV: "csv", ingest.ExportFtM: "ftm.json", ingest.ExportGraphML: "graphml",
	ingest.ExportGEXF: "gexf", ingest.ExportCypher: "cypher", ingest.ExportDOT: "dot",
}

func export(t *testing.T, g ingest.Reader, f ingest.ExportFormat) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := ingest.Export(context.Background(), g, &buf, f); err != nil {
		t.Fatalf("Export(%s): %v", f, err)
	}
	return buf.Bytes()
}

func TestExportGolden(t *testing.T) {
	for _, f := range ingest.ExportFormats {
		t.Run(string(f), func(t *testing.T) {
			got := export(t, tricky(), f)
			path := filepath.Join("testdata", "golden", "export."+goldenExt[f])
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./ingest -run TestExportGolden -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Export(%s) differs from %s (-want +got):\n%s", f, path, diff)
			}
		})
	}
}

// The structure of GraphML that the tests read back.
type graphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string  `xml:"id,attr"`
			Data []xmlKV `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID       string  `xml:"id,attr"`
			Source   string  `xml:"source,attr"`
			Target   string  `xml:"target,attr"`
			Directed string  `xml:"directed,attr"`
			Data     []xmlKV `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type xmlKV struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// TestExportGraphMLStructure reads the GraphML back and checks what the
// GraphML schema requires (keys declared before use, for the right element,
// unique node ids, edges between declared nodes) and that every value
// survives. No XSD validator is at hand in Go, so the schema's rules are
// checked here; docs/import-formats.md says so.
func TestExportGraphMLStructure(t *testing.T) {
	g := tricky()
	var doc graphML
	if err := xml.Unmarshal(export(t, g, ingest.ExportGraphML), &doc); err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	names := map[string]string{}
	for _, k := range doc.Keys {
		if keys[k.ID] != "" || k.Type != "string" || (k.For != "node" && k.For != "edge") {
			t.Errorf("bad or repeated key %+v", k)
		}
		keys[k.ID], names[k.ID] = k.For, k.Name
	}
	if doc.Graph.EdgeDefault != "directed" {
		t.Errorf("edgedefault = %q", doc.Graph.EdgeDefault)
	}
	var nodes []graph.Entity
	seen := map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		if seen[n.ID] {
			t.Errorf("node id %q repeated", n.ID)
		}
		seen[n.ID] = true
		v := map[string]string{}
		for _, d := range n.Data {
			if keys[d.Key] != "node" {
				t.Errorf("node %s: data key %q is not a declared node key", n.ID, d.Key)
			}
			v[names[d.Key]] = d.Value
		}
		e := graph.Entity{ID: n.ID, Name: v["name"], Type: graph.EntityType(v["type"]), Description: v["description"], Country: v["country"]}
		if v["aliases"] != "" {
			e.Aliases = strings.Split(v["aliases"], ";")
		}
		if v["identifiers"] != "" {
			e.Identifiers = strings.Split(v["identifiers"], ";")
		}
		nodes = append(nodes, e)
	}
	var rels []graph.Relationship
	for _, ed := range doc.Graph.Edges {
		if !seen[ed.Source] || !seen[ed.Target] {
			t.Errorf("edge %s: endpoint %s -> %s is not a node", ed.ID, ed.Source, ed.Target)
		}
		v := map[string]string{}
		for _, d := range ed.Data {
			if keys[d.Key] != "edge" {
				t.Errorf("edge %s: data key %q is not a declared edge key", ed.ID, d.Key)
			}
			v[names[d.Key]] = d.Value
		}
		rels = append(rels, relFromValues(t, ed.ID, ed.Source, ed.Target, v))
	}
	compareGraph(t, g, nodes, rels)
}

func relFromValues(t *testing.T, id, from, to string, v map[string]string) graph.Relationship {
	t.Helper()
	r := graph.Relationship{ID: id, From: from, To: to, Type: graph.RelType(v["type"]), Evidence: v["evidence"], Source: v["source"],
		SourceURL: v["sourceUrl"], CitedSource: v["citedSource"], Confidence: graph.Confidence(v["confidence"]),
		Status: graph.Status(v["status"]), Item: v["item"], SourceID: v["sourceId"], CitedSourceID: v["citedSourceId"]}
	for k, dst := range map[string]*graph.PartialDate{"start": &r.Start, "end": &r.End, "attested": &r.Attested} {
		if v[k] != "" {
			*dst = graph.MustDate(v[k])
		}
	}
	if v["ongoing"] != "" {
		b := v["ongoing"] == "true"
		r.Ongoing = &b
	}
	if v["itemIds"] != "" {
		r.ItemIDs = strings.Split(v["itemIds"], ";")
	}
	if v["paragraph"] != "" {
		fmt.Sscan(v["paragraph"], &r.Paragraph)
	}
	if spec, _ := r.Type.Spec(); v["symmetric"] != fmt.Sprint(spec.Symmetric) {
		t.Errorf("edge %s: symmetric = %q, want %v", id, v["symmetric"], spec.Symmetric)
	}
	return r
}

func compareGraph(t *testing.T, want *memGraph, es []graph.Entity, rs []graph.Relationship) {
	t.Helper()
	sortE := func(es []graph.Entity) []graph.Entity {
		es = slices.Clone(es)
		slices.SortFunc(es, func(a, b graph.Entity) int { return strings.Compare(a.ID, b.ID) })
		return es
	}
	sortR := func(rs []graph.Relationship) []graph.Relationship {
		rs = slices.Clone(rs)
		slices.SortFunc(rs, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) })
		return rs
	}
	if diff := cmp.Diff(sortE(want.es), sortE(es)); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sortR(want.rs), sortR(rs)); diff != "" {
		t.Errorf("relationships (-want +got):\n%s", diff)
	}
}

type gexfDoc struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		Mode       string `xml:"mode,attr"`
		TimeFormat string `xml:"timeformat,attr"`
		Attributes []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID string `xml:"id,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID     string   `xml:"id,attr"`
			Label  string   `xml:"label,attr"`
			Values []gexfKV `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string   `xml:"id,attr"`
			Source string   `xml:"source,attr"`
			Target string   `xml:"target,attr"`
			Type   string   `xml:"type,attr"`
			Start  string   `xml:"start,attr"`
			End    string   `xml:"end,attr"`
			Values []gexfKV `xml:"attvalues>attvalue"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

type gexfKV struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

func TestExportGEXFStructure(t *testing.T) {
	g := tricky()
	var doc gexfDoc
	if err := xml.Unmarshal(export(t, g, ingest.ExportGEXF), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "1.3" || doc.Graph.Mode != "dynamic" || doc.Graph.TimeFormat != "date" || len(doc.Graph.Attributes) != 2 {
		t.Fatalf("header: version %q mode %q timeformat %q, %d attribute classes", doc.Version, doc.Graph.Mode, doc.Graph.TimeFormat, len(doc.Graph.Attributes))
	}
	var es []graph.Entity
	seen := map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		seen[n.ID] = true
		v := map[string]string{}
		for _, a := range n.Values {
			v[a.For] = a.Value
		}
		e := graph.Entity{ID: n.ID, Name: v["name"], Type: graph.EntityType(v["type"]), Description: v["description"], Country: v["country"]}
		if n.Label != e.Name {
			t.Errorf("node %s: label %q, name %q", n.ID, n.Label, e.Name)
		}
		if v["aliases"] != "" {
			e.Aliases = strings.Split(v["aliases"], ";")
		}
		if v["identifiers"] != "" {
			e.Identifiers = strings.Split(v["identifiers"], ";")
		}
		es = append(es, e)
	}
	var rs []graph.Relationship
	for _, ed := range doc.Graph.Edges {
		if !seen[ed.Source] || !seen[ed.Target] {
			t.Errorf("edge %s: endpoint is not a node", ed.ID)
		}
		v := map[string]string{}
		for _, a := range ed.Values {
			v[a.For] = a.Value
		}
		r := relFromValues(t, ed.ID, ed.Source, ed.Target, v)
		if span := r.Span(); span.Known() {
			wantEnd := ""
			if !span.Open() {
				wantEnd = graph.Day(span.To)
			}
			if ed.Start != graph.Day(span.From) || ed.End != wantEnd {
				t.Errorf("edge %s: start %q end %q, want the span %v (no end when open)", ed.ID, ed.Start, ed.End, span)
			}
		}
		if ed.Type != "" {
			t.Errorf("edge %s: type %q: every edge is directed, as stored", ed.ID, ed.Type)
		}
		rs = append(rs, r)
	}
	compareGraph(t, g, es, rs)
}

func TestExportDOTEscapes(t *testing.T) {
	out := string(export(t, tricky(), ingest.ExportDOT))
	for _, want := range []string{
		`"odd" [label="Back\\slash 'quote' // not a comment; /* nor this */\n(Person)"];`,
		`"komid" -> "shig" [label="COOPERATED_WITH\n2016-01", id="komid-shig", dir=none];`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("DOT export lacks %s\n%s", want, out)
		}
	}
	if strings.Count(out, "{") != 1 || strings.Count(out, "}") != 1 || !strings.HasPrefix(out, "digraph explorer {") {
		t.Errorf("DOT export is not one digraph:\n%s", out)
	}
}
