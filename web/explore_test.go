package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/diagram"
)

func TestParseCanvas(t *testing.T) {
	tests := []struct {
		query   string
		wantURL string
		wantErr string // the parameter the error names
	}{
		{"", "/explore", ""},
		{"ids=komid,houthis", "/explore?ids=komid,houthis", ""},
		{"ids=komid&ids=houthis,komid", "/explore?ids=komid,houthis", ""},
		{"ids=komid&expand=komid:Operational,komid,komid:operational&hide=irgc&paths=komid~houthis",
			"/explore?expand=komid:operational,komid&hide=irgc&ids=komid&paths=komid~houthis", ""},
		{"ids=KOMID", "", "ids"},
		{"ids=komid&expand=komid:money", "", "expand"},
		{"ids=komid&hide=a b", "", "hide"},
		{"ids=komid&paths=komid", "", "paths"},
		{"ids=komid&paths=komid~Houthis", "", "paths"},
		{"ids=" + strings.Repeat("a,", maxCanvasSeeds) + "b", "/explore?ids=a,b", ""},
		{"ids=" + manyIDs(maxCanvasSeeds+1), "", "ids"},
		{"ids=komid&families=political,Operational&min_confidence=Reported", "/explore?families=operational,political&ids=komid&min_confidence=reported", ""},
		{"ids=komid&families=mention&families=political", "/explore?families=political,mention&ids=komid", ""},
		{"ids=komid&families=operational,political,mention", "/explore?ids=komid", ""},
		{"ids=komid&families=money", "", "families"},
		{"ids=komid&min_confidence=sure", "", "min_confidence"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			v, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			st, err := parseCanvas(v)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseCanvas(%q) error = %v, want one naming %s", tt.query, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseCanvas(%q): %v", tt.query, err)
			}
			if got := st.URL(); got != tt.wantURL {
				t.Errorf("URL = %q, want %q", got, tt.wantURL)
			}
			// The canonical URL reads back to the same state.
			u, _ := url.Parse(st.URL())
			again, err := parseCanvas(u.Query())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(st, again); diff != "" {
				t.Errorf("round trip (-first +again):\n%s", diff)
			}
		})
	}
}

func manyIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("e%d", i)
	}
	return strings.Join(ids, ",")
}

var dataID = regexp.MustCompile(`<li data-id="([^"]+)"`)

func TestExplorePage(t *testing.T) {
	tests := []struct {
		name          string
		query         string
		wantNodes     []string
		wantHighlight []string
		wantText      []string
	}{
		{"seeds", "ids=shig,houthis", []string{"houthis", "shig"}, []string{"shig", "houthis"},
			[]string{`href="/explore?expand=shig&amp;ids=shig,houthis"`, `href="/explore?expand=shig:political&amp;ids=shig,houthis"`, `href="/explore?hide=shig&amp;ids=shig,houthis"`}},
		{"expand", "ids=shig&expand=shig", []string{"komid", "shig"}, []string{"shig"}, []string{`id="rel-r1" data-pair="komid|shig"`, "SHIG cooperated with KOMID"}},
		{"expand twice", "ids=shig&expand=shig,komid", []string{"houthis", "irgc", "komid", "shig", "xss"}, []string{"shig"}, []string{`id="rel-r2" data-pair="houthis|komid"`}},
		{"hide", "ids=shig&expand=shig,komid&hide=xss,irgc", []string{"houthis", "komid", "shig"}, []string{"shig"},
			[]string{`Hidden: `, `href="/explore?expand=shig,komid&amp;hide=irgc&amp;ids=shig"`}},
		{"paths", "ids=shig,houthis&paths=shig~houthis", []string{"houthis", "komid", "shig"}, []string{"shig", "houthis"},
			[]string{`data-pair="houthis|komid"`, `data-pair="komid|shig"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t)
			w := ts.do(http.MethodGet, "/explore?"+tt.query, "")
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			body := w.Body.String()
			var nodes []string
			for _, m := range dataID.FindAllStringSubmatch(body, -1) {
				nodes = append(nodes, m[1])
			}
			if diff := cmp.Diff(tt.wantNodes, nodes); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantHighlight, ts.d.last.Highlight); diff != "" {
				t.Errorf("highlight (-want +got):\n%s", diff)
			}
			var drawn []string
			for _, n := range ts.d.last.Graph.Nodes {
				drawn = append(drawn, n.ID)
			}
			if diff := cmp.Diff(tt.wantNodes, drawn); diff != "" {
				t.Errorf("drawn entities (-want +got):\n%s", diff)
			}
			for _, s := range tt.wantText {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %s", s)
				}
			}
			if !strings.Contains(body, `<script src="/static/explore.js" defer>`) {
				t.Error("page does not load explore.js")
			}
		})
	}
}

func TestExploreForms(t *testing.T) {
	tests := []struct {
		query      string
		wantStatus int
		want       string // Location, or text in the page
	}{
		{"ids=shig&add=Ansar+Allah", http.StatusSeeOther, "/explore?ids=shig,houthis"},
		{"add=komid", http.StatusSeeOther, "/explore?ids=komid"},
		{"ids=shig&hide=houthis&add=houthis", http.StatusSeeOther, "/explore?ids=shig,houthis"},
		{"ids=shig,houthis&from=shig&to=houthis", http.StatusSeeOther, "/explore?ids=shig,houthis&paths=shig~houthis"},
		{"ids=shig&add=nobody-at-all", http.StatusNotFound, "nobody-at-all"},
		{"ids=shig&from=shig&to=shig", http.StatusBadRequest, "want two different entities"},
		{"ids=shig,nobody", http.StatusNotFound, "nobody"},
		{"ids=shig&expand=shig:money", http.StatusBadRequest, "money"},
		// The filter form sends each family apart and "" for any confidence.
		{"ids=shig&families=political&families=operational&min_confidence=", http.StatusSeeOther, "/explore?families=operational,political&ids=shig"},
		{"ids=shig&families=operational&families=political&families=mention&min_confidence=confirmed", http.StatusSeeOther, "/explore?ids=shig&min_confidence=confirmed"},
		{"families=operational&ids=shig", http.StatusOK, `<input type="checkbox" name="families" value="operational" checked>`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			ts := newTestServer(t)
			w := ts.do(http.MethodGet, "/explore?"+tt.query, "")
			if w.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.wantStatus, w.Body)
			}
			if tt.wantStatus == http.StatusSeeOther {
				if got := w.Header().Get("Location"); got != tt.want {
					t.Errorf("Location = %q, want %q", got, tt.want)
				}
				return
			}
			if !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("page lacks %q:\n%s", tt.want, w.Body)
			}
		})
	}
}

func TestExploreFilters(t *testing.T) {
	tests := []struct {
		query     string
		wantRels  []string
		wantText  []string
		wantTitle string // in the diagram's caption
	}{
		{"ids=shig&expand=shig,komid", []string{"r1", "r2", "r4", "r5"},
			[]string{`<li data-kind="Organization">`, `<li data-family="operational">`, `<option value="" selected>any</option>`}, "Canvas: Shahid Hemmat Industrial Group"},
		{"expand=shig,komid&ids=shig&min_confidence=reported", []string{"r1", "r4"},
			[]string{`<option value="reported" selected>reported or firmer</option>`, `<input type="hidden" name="min_confidence" value="reported">`,
				`href="/explore?expand=shig,komid&amp;hide=irgc&amp;ids=shig&amp;min_confidence=reported"`}, "(links reported or firmer)"},
		{"expand=shig,komid&families=political&ids=shig", nil,
			[]string{"No relationship links these entities with these filters (only political links)"}, "(only political links)"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			ts := newTestServer(t)
			w := ts.do(http.MethodGet, "/explore?"+tt.query, "")
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			var rels []string
			for _, r := range ts.d.last.Graph.Relationships {
				rels = append(rels, r.ID)
			}
			if diff := cmp.Diff(tt.wantRels, rels); diff != "" {
				t.Errorf("drawn links (-want +got):\n%s", diff)
			}
			// A link filter never changes the entities.
			if n := len(ts.d.last.Graph.Nodes); n != 5 {
				t.Errorf("drawn %d entities, want the 5 of the canvas", n)
			}
			body := w.Body.String()
			for _, s := range tt.wantText {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %s", s)
				}
			}
			if !strings.Contains(ts.d.last.Title, tt.wantTitle) {
				t.Errorf("caption %q lacks %q", ts.d.last.Title, tt.wantTitle)
			}
			// The legend lists only the families drawn.
			if len(tt.wantRels) == 0 && strings.Contains(body, "data-family=") {
				t.Error("the legend lists a link family that is not drawn")
			}
		})
	}
}

func TestCanvasPrev(t *testing.T) {
	// Each canvas and the one its layout grows from, down to the first.
	tests := []struct {
		query string
		want  []string
	}{
		{"ids=komid", []string{"/explore?ids=komid"}},
		{"ids=komid&expand=komid,irgc:political", []string{"/explore?expand=komid,irgc:political&ids=komid",
			"/explore?expand=komid&ids=komid", "/explore?ids=komid"}},
		{"ids=komid,houthis&expand=komid&hide=irgc&paths=shig~houthis&families=political&min_confidence=reported", []string{
			"/explore?expand=komid&families=political&hide=irgc&ids=komid,houthis&min_confidence=reported&paths=shig~houthis",
			"/explore?expand=komid&hide=irgc&ids=komid,houthis&paths=shig~houthis",
			"/explore?expand=komid&ids=komid,houthis&paths=shig~houthis",
			"/explore?expand=komid&ids=komid,houthis",
			"/explore?expand=komid&ids=komid",
			"/explore?ids=komid"}},
		{"expand=komid", []string{"/explore?expand=komid", "/explore"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.query)
			st, err := parseCanvas(v)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{st.URL()}
			for p, ok := st.prev(); ok; p, ok = p.prev() {
				got = append(got, p.URL())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("chain of %s (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

// TestCanvasLayoutGrows: each canvas is drawn with every entity pinned;
// those of the canvas it grew from keep their places, the new ones are
// placed apart from the others, and the same URL draws the same picture
// however it was reached.
func TestCanvasLayoutGrows(t *testing.T) {
	steps := []string{"ids=shig", "expand=shig&ids=shig", "expand=shig,komid&ids=shig", "expand=shig,komid&hide=irgc&ids=shig",
		"expand=shig,komid&families=political&hide=irgc&ids=shig", "expand=shig,komid&hide=irgc&ids=shig,hezbollah"}
	ts := newTestServer(t)
	var last map[string]diagram.Point
	pictures := map[string]map[string]diagram.Point{}
	for _, q := range steps {
		w := ts.do(http.MethodGet, "/explore?"+q, "")
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", q, w.Code, w.Body)
		}
		in := ts.d.last
		if len(in.Pins) != len(in.Graph.Nodes) {
			t.Errorf("%s: %d pins for %d entities", q, len(in.Pins), len(in.Graph.Nodes))
		}
		for id, p := range last {
			if got, ok := in.Pins[id]; ok && got != p {
				t.Errorf("%s: %s moved from %v to %v", q, id, p, got)
			}
		}
		// The fake draws every entity 1 by 0.5 in.
		for a, pa := range in.Pins {
			for b, pb := range in.Pins {
				if a < b && math.Abs(pa.X-pb.X) < 1+canvasGap-1e-9 && math.Abs(pa.Y-pb.Y) < 0.5+canvasGap-1e-9 {
					t.Errorf("%s: %s at %v and %s at %v overlap", q, a, pa, b, pb)
				}
			}
		}
		last, pictures[q] = in.Pins, in.Pins
	}
	// A fresh server, straight to each URL: the same pictures.
	for _, q := range steps {
		ts := newTestServer(t)
		if w := ts.do(http.MethodGet, "/explore?"+q, ""); w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", q, w.Code)
		}
		if diff := cmp.Diff(pictures[q], ts.d.last.Pins); diff != "" {
			t.Errorf("%s reached directly draws another picture (-step by step +directly):\n%s", q, diff)
		}
	}
}

// TestCanvasLayoutPrevOverCap: hiding a hub can bring a canvas under the
// caps that the canvas it grew from is over; it is then laid out afresh
// rather than not drawn.
func TestCanvasLayoutPrevOverCap(t *testing.T) {
	ts := newTestServer(t)
	ts.g.maxAmong = 4 // the canvas below holds 5 entities before irgc is hidden
	w := ts.do(http.MethodGet, "/explore?expand=shig,komid&hide=irgc&ids=shig", "")
	if w.Code != http.StatusOK || strings.Contains(w.Body.String(), "could not be drawn") {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if in := ts.d.last; len(in.Graph.Nodes) != 4 || len(in.Pins) != 4 {
		t.Errorf("drew %d entities with %d pins, want 4 and 4", len(in.Graph.Nodes), len(in.Pins))
	}
	// Without the hide, the canvas itself is over the cap: a problem
	// shown on the page.
	if w := ts.do(http.MethodGet, "/explore?expand=shig,komid&ids=shig", ""); w.Code != http.StatusBadRequest {
		t.Errorf("a canvas over the cap: status %d, want 400", w.Code)
	}
}
