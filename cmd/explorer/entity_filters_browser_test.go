package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

// TestBrowserEntityFilters drives the entity page's filters and the
// investigations list in headless Chromium against the real service,
// database (the seed) and Graphviz: filter IRGC's two-hop neighbourhood
// from the keyboard and see the table, the diagram and the caption follow;
// download an investigation's GraphML from the list and delete it.
func TestBrowserEntityFilters(t *testing.T) {
	b := newBrowser(t)
	loadSeed(t)
	base, _ := startServe(t, serveEnv(t))
	links := chromedp.Evaluate[[]string](diagramLinks)
	relTypes := chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#relationships tbody .reltype')).map(s => s.textContent.trim())`)
	confidences := chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#relationships tbody .conf')).map(s => s.textContent.trim())`)
	svgText := chromedp.Evaluate[string](`document.querySelector('#diagram svg').textContent.replace(/\s+/g, ' ')`)
	caption := chromedp.Text(chromedp.ID("filter-caption"))

	b.step(t, "filters change the table, the diagram and the caption", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/entities/irgc?depth=2"), chromedp.WaitVisible(chromedp.ID("timeline")))
		beforeLinks, beforeTypes := get(t, b, links), get(t, b, relTypes)
		if c := get(t, b, caption); !strings.Contains(c, "depth 2") || !strings.Contains(c, "operational, political and mention links; any date") {
			t.Errorf("caption without filters = %q", c)
		}
		// Every control of the form has a label.
		unlabelled := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#asof-form input, #asof-form select')).filter(el => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label')).map(el => el.id || el.name)`))
		if len(unlabelled) > 0 {
			t.Errorf("form controls without a label: %q", unlabelled)
		}
		// From the keyboard: untick political and mention links, type a
		// window, choose a confidence, press Enter.
		b.do(t,
			chromedp.Evaluate[chromedp.Void](`document.body.dataset.old = "1"`),
			chromedp.Focus(chromedp.ID("family-political")), chromedp.KeyEvent(" "),
			chromedp.Focus(chromedp.ID("family-mention")), chromedp.KeyEvent(" "),
			chromedp.Focus(chromedp.ID("min_confidence")), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown),
			chromedp.SendKeys(chromedp.ID("since"), "1990"),
			chromedp.SendKeys(chromedp.ID("until"), "2000"+kb.Enter),
			chromedp.WaitVisible(chromedp.CSS("body:not([data-old]) #filter-caption")),
		)
		u, err := url.Parse(get(t, b, chromedp.Location()))
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if u.Path != "/entities/irgc" || q.Get("depth") != "2" || !slices.Equal(q["families"], []string{"operational"}) ||
			q.Get("since") != "1990" || q.Get("until") != "2000" || q.Get("min_confidence") != "reported" {
			t.Errorf("the form led to %s, want depth 2, families operational, since 1990, until 2000, min_confidence reported", u)
		}
		c := get(t, b, caption)
		for _, part := range []string{"depth 2", "operational links", "holding between 1990 and 2000", "confidence reported or firmer"} {
			if !strings.Contains(c, part) {
				t.Errorf("caption %q does not say %q", c, part)
			}
		}
		if s := get(t, b, svgText); !strings.Contains(s, "holding between 1990 and 2000") || !strings.Contains(s, "operational links") {
			t.Errorf("the diagram's own caption does not state the filters: %q", s)
		}
		// The table lists only operational links, reported or firmer.
		afterTypes := get(t, b, relTypes)
		if len(afterTypes) == 0 || len(afterTypes) >= len(beforeTypes) {
			t.Errorf("table rows: %d before, %d after filtering; want fewer, not none", len(beforeTypes), len(afterTypes))
		}
		for _, typ := range afterTypes {
			if spec, ok := graph.RelType(typ).Spec(); !ok || spec.Family != graph.Operational {
				t.Errorf("filtered table lists %s, not an operational link", typ)
			}
		}
		for _, conf := range get(t, b, confidences) {
			if conf != "confirmed" && conf != "reported" {
				t.Errorf("filtered table lists a %s claim", conf)
			}
		}
		afterLinks := get(t, b, links)
		t.Logf("IRGC, two hops: %d table rows and %d diagram entities before filtering, %d and %d after", len(beforeTypes), len(beforeLinks), len(afterTypes), len(afterLinks))
		if !slices.Contains(afterLinks, "/entities/irgc") || len(afterLinks) >= len(beforeLinks) {
			t.Errorf("diagram entities: %d before, %d after filtering (%q); want fewer, IRGC among them", len(beforeLinks), len(afterLinks), afterLinks)
		}
		// The form shows what is applied, and the downloads draw it.
		ticked := get(t, b, chromedp.Evaluate[[]bool](`['operational', 'political', 'mention'].map(f => document.getElementById('family-' + f).checked)`))
		if diff := cmp.Diff([]bool{true, false, false}, ticked); diff != "" {
			t.Errorf("family boxes after applying (-want +got):\n%s", diff)
		}
		pdf := get(t, b, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('.diagram-box a')).map(a => a.getAttribute('href')).find(h => h.endsWith('format=pdf'))`))
		for _, part := range []string{"families=operational", "since=1990", "until=2000", "min_confidence=reported", "depth=2"} {
			if !strings.Contains(pdf, part) {
				t.Errorf("PDF link %q lacks %s", pdf, part)
			}
		}
		// Clearing goes back to the whole neighbourhood.
		b.do(t, chromedp.Click(chromedp.ID("as-of-clear")), chromedp.WaitNotPresent(chromedp.ID("as-of-clear")))
		if got := get(t, b, links); len(got) != len(beforeLinks) {
			t.Errorf("after clearing the diagram has %d entities, want %d", len(got), len(beforeLinks))
		}
	})

	b.step(t, "a bad filter value names its parameter", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/entities/irgc?families=gossip"), chromedp.WaitVisible(chromedp.ID("problem")))
		if p := get(t, b, chromedp.Text(chromedp.ID("problem"))); !strings.Contains(p, `parameter "families"`) {
			t.Errorf("problem = %q, want it to name families", p)
		}
	})

	b.step(t, "download an investigation's GraphML, then delete it", func(t *testing.T) {
		var ids []string
		for _, name := range []string{"KOMID and the Houthis", "Keep me"} {
			res := httpDo(t, "POST", base+"/api/v1/investigations", "application/json", `{"name":"`+name+`","entities":["komid","houthis","north-korea"]}`)
			if res.status != 201 {
				t.Fatalf("create %s: %d %s", name, res.status, res.body)
			}
			var inv graph.Investigation
			if err := json.Unmarshal(res.body, &inv); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, inv.ID)
		}
		row := fmt.Sprintf(`#investigations tr[data-id=%q]`, ids[0])
		b.do(t, chromedp.Navigate(base+"/investigations"), chromedp.WaitVisible(chromedp.CSS(row)))
		href := get(t, b, chromedp.Evaluate[string](`document.querySelector('`+row+` a.export-graphml').getAttribute('href')`))
		body := get(t, b, chromedp.Evaluate[string](`fetch('`+href+`').then(r => r.ok ? r.text() : 'status ' + r.status)`, chromedp.EvalAwaitPromise))
		var doc struct {
			Graph struct {
				Nodes []struct {
					ID string `xml:"id,attr"`
				} `xml:"node"`
				Edges []struct {
					Source string `xml:"source,attr"`
					Target string `xml:"target,attr"`
				} `xml:"edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatalf("GraphML download from %s: %v\n%.300s", href, err, body)
		}
		var nodes, edges []string
		for _, n := range doc.Graph.Nodes {
			nodes = append(nodes, n.ID)
		}
		for _, e := range doc.Graph.Edges {
			edges = append(edges, e.Source+"->"+e.Target)
		}
		if diff := cmp.Diff([]string{"houthis", "komid", "north-korea"}, nodes); diff != "" {
			t.Errorf("GraphML nodes (-want +got):\n%s", diff)
		}
		if !slices.Contains(edges, "komid->houthis") || !slices.Contains(edges, "north-korea->houthis") {
			t.Errorf("GraphML edges %q lack KOMID's and North Korea's links to the Houthis", edges)
		}
		for _, e := range edges {
			from, to, _ := strings.Cut(e, "->")
			if !slices.Contains(nodes, from) || !slices.Contains(nodes, to) {
				t.Errorf("GraphML edge %s leaves the investigation", e)
			}
		}
		// Delete: open the row's delete form, confirm, submit.
		b.do(t,
			chromedp.Click(chromedp.CSS(row+` details.delete summary`)),
			chromedp.Click(chromedp.ID("confirm-"+ids[0])),
			chromedp.Click(chromedp.ID("delete-"+ids[0])),
			chromedp.WaitNotPresent(chromedp.CSS(row)),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#investigations tr[data-id=%q]`, ids[1]))),
		)
		if loc := get(t, b, chromedp.Location()); !strings.HasSuffix(loc, "/investigations") {
			t.Errorf("after deleting the page is %s, want the list", loc)
		}
		if res := httpDo(t, "GET", base+"/api/v1/investigations/"+ids[0], "", ""); res.status != 404 {
			t.Errorf("the deleted investigation answers %d, want 404", res.status)
		}
	})
}
