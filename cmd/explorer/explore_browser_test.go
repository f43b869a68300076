package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"
)

// TestBrowserExplore drives the canvas in headless Chromium against the real
// service, database and Graphviz: start from KOMID, expand it and North
// Korea from the node menu, hide North Korea, shift-click two entities for
// the paths between them (and two that no path links), save the canvas as
// an investigation, open it from the list and get the same picture.
func TestBrowserExplore(t *testing.T) {
	b := newBrowser(t)
	loadServeFixture(t)
	base, _ := startServe(t, serveEnv(t), "--diagrams", "native")
	nodes := chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#canvas-nodes li')).map(li => li.dataset.id)`)
	location := func(t *testing.T) string {
		t.Helper()
		loc := get(t, b, chromedp.Location())
		return strings.TrimPrefix(loc, base)
	}
	// menu clicks an entity in the diagram and then an item of its menu.
	menu := func(t *testing.T, id, kind, waitFor string) {
		t.Helper()
		b.do(t,
			chromedp.Click(chromedp.CSS(`#diagram svg a[*|href="/entities/`+id+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#canvas-menu a[data-kind="`+kind+`"]`)),
			chromedp.Click(chromedp.CSS(`#canvas-menu a[data-kind="`+kind+`"]`)),
			chromedp.WaitReady(chromedp.CSS(waitFor)),
		)
	}
	shiftClick := func(id string) chromedp.Action[bool] {
		return chromedp.Evaluate[bool](`document.querySelector('#diagram svg a[href="/entities/` + id + `"], #diagram svg a[*|href="/entities/` + id + `"]')` +
			`.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, shiftKey: true}))`)
	}

	// stays checks that the entities drawn before a step are drawn where
	// they were, relative to KOMID (the drawing as a whole may move as it
	// grows), within a point, and returns the mean move.
	stays := func(t *testing.T, what string, before, after map[string][]float64) float64 {
		t.Helper()
		ref := func(m map[string][]float64, id string) (float64, float64) {
			return m[id][0] - m["komid"][0], m[id][1] - m["komid"][1]
		}
		var sum float64
		n := 0
		for id := range before {
			if _, ok := after[id]; !ok {
				continue
			}
			bx, by := ref(before, id)
			ax, ay := ref(after, id)
			d := math.Hypot(ax-bx, ay-by)
			sum, n = sum+d, n+1
			if d > 1 {
				t.Errorf("%s: %s moved %.1f pt relative to KOMID (from %.1f,%.1f to %.1f,%.1f)", what, id, d, bx, by, ax, ay)
			}
		}
		if n == 0 {
			t.Fatalf("%s: no entity drawn before is drawn after: the check proves nothing", what)
		}
		t.Logf("%s: %d entities drawn before moved %.2f pt on average relative to KOMID", what, n, sum/float64(n))
		return sum / float64(n)
	}

	var positions []map[string][]float64
	b.step(t, "start from KOMID and expand twice", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/explore?ids=komid"), chromedp.WaitVisible(chromedp.ID("canvas")))
		if diff := cmp.Diff([]string{"komid"}, get(t, b, nodes)); diff != "" {
			t.Errorf("entities (-want +got):\n%s", diff)
		}
		positions = append(positions, get(t, b, nodePositions))
		menu(t, "komid", "expand", `#canvas-nodes li[data-id="shig"]`)
		if got := location(t); got != "/explore?expand=komid&ids=komid" {
			t.Errorf("after expanding KOMID the URL is %s", got)
		}
		positions = append(positions, get(t, b, nodePositions))
		menu(t, "north-korea", "expand", `#canvas-nodes li[data-id="iran"]`)
		if diff := cmp.Diff([]string{"houthis", "iran", "irgc", "komid", "north-korea", "shig"}, get(t, b, nodes)); diff != "" {
			t.Errorf("entities after two expansions (-want +got):\n%s", diff)
		}
		positions = append(positions, get(t, b, nodePositions))
		stays(t, "first expansion", positions[0], positions[1])
		stays(t, "second expansion", positions[1], positions[2])
		if len(positions[1]) < 4 || len(positions[2]) <= len(positions[1]) {
			t.Errorf("the canvas drew %d then %d entities: it did not grow", len(positions[1]), len(positions[2]))
		}
	})

	b.step(t, "one legend, the page's", func(t *testing.T) {
		got := get(t, b, chromedp.Evaluate[map[string]float64](`({html: document.querySelectorAll('#canvas-legend').length,
			svg: Array.from(document.querySelectorAll('#diagram svg g.node title, #diagram svg g.cluster title')).filter(t => t.textContent.startsWith('legend')).length +
				Array.from(document.querySelectorAll('#diagram svg text')).filter(t => t.textContent.trim() === 'Legend').length})`))
		if got["html"] != 1 || got["svg"] != 0 {
			t.Errorf("the canvas shows %v legends (html: the page's, svg: the drawing's), want the page's alone", got)
		}
		// A diagram taken away keeps its own.
		r := httpDo(t, http.MethodGet, base+"/api/v1/entities/komid/neighbors?format=svg", "", "")
		if r.status != http.StatusOK || !strings.Contains(string(r.body), ">Legend<") {
			t.Errorf("GET the neighbourhood SVG = %d, legend in it: %t; want the drawing's legend", r.status, strings.Contains(string(r.body), ">Legend<"))
		}
	})

	b.step(t, "hide North Korea", func(t *testing.T) {
		menu(t, "north-korea", "hide", `.hidden-list`)
		if got := location(t); got != "/explore?expand=komid,north-korea&hide=north-korea&ids=komid" {
			t.Errorf("after hiding North Korea the URL is %s", got)
		}
		if diff := cmp.Diff([]string{"houthis", "iran", "irgc", "komid", "shig"}, get(t, b, nodes)); diff != "" {
			t.Errorf("entities (-want +got):\n%s", diff)
		}
		if hidden := get(t, b, chromedp.Text(chromedp.CSS(".hidden-list"))); !strings.Contains(hidden, "North Korea") {
			t.Errorf("hidden list = %q, want North Korea", hidden)
		}
		if len(positions) == 3 {
			stays(t, "hiding North Korea", positions[2], get(t, b, nodePositions))
		}
	})

	b.step(t, "edges by keyboard", func(t *testing.T) {
		// From the zoom tools, Tab goes into the drawing and reaches a
		// link; Enter selects its rows in the evidence table, as a
		// click does.
		b.do(t, chromedp.Focus(chromedp.CSS(`#canvas [data-zoom="full"]`)))
		edge := tabToEdge(t, b)
		if !edgeName.MatchString(edge["name"].(string)) || edge["outline"] == "none" || edge["width"].(float64) < 2 {
			t.Errorf("the focused link is %v, want a name 'A — TYPE — B' and a visible focus ring", edge)
		}
		b.do(t, chromedp.KeyEvent(kb.Enter))
		sel := get(t, b, chromedp.Evaluate[map[string]any](`({pairs: Array.from(document.querySelectorAll('#canvas-links tr.selected')).map(tr => tr.dataset.pair),
			focus: document.activeElement.tagName + ' ' + (document.activeElement.dataset.pair || '')})`))
		pairs, _ := sel["pairs"].([]any)
		if len(pairs) == 0 || pairs[0] != edge["pair"] || sel["focus"] != "TR "+edge["pair"].(string) {
			t.Errorf("Enter on the link %v selected %v, want its rows selected and the first focused", edge, sel)
		}
		// Space does the same on the next link.
		b.do(t, chromedp.Focus(chromedp.CSS(`#canvas [data-zoom="full"]`)))
		tabToEdge(t, b)
		next := tabToEdge(t, b)
		b.do(t, chromedp.KeyEvent(" "))
		if got := get(t, b, chromedp.Evaluate[string](`document.activeElement.dataset.pair || document.activeElement.tagName`)); got != next["pair"] {
			t.Errorf("Space on the link %v focused %q, want its first row", next, got)
		}
	})

	b.step(t, "edge click shows its evidence", func(t *testing.T) {
		// The link KOMID supplied the Houthis by, clicked on its label.
		b.do(t,
			chromedp.Evaluate[chromedp.Void](`Array.from(document.querySelectorAll('#diagram svg g.edge')).find(g => g.querySelector('title').textContent === 'komid->houthis').querySelector('text').id = 'the-edge'`),
			chromedp.Click(chromedp.ID("the-edge")))
		sel := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#canvas-links tr.selected')).map(tr => tr.innerText)`))
		if len(sel) != 1 || !strings.Contains(sel[0], `KOMID was trying to supply "arms" to the Houthis`) || !strings.Contains(sel[0], "38 North") {
			t.Errorf("selected evidence rows = %q, want the clicked link's, with its source", sel)
		}
	})

	b.step(t, "edges by keyboard on the entity and path pages", func(t *testing.T) {
		for _, u := range []string{"/entities/komid", "/paths?from=shig&to=houthis"} {
			b.do(t, chromedp.Navigate(base+u), chromedp.WaitVisible(chromedp.ID("diagram")),
				chromedp.Focus(chromedp.CSS(`.diagram-box [data-zoom="full"]`)))
			edge := tabToEdge(t, b)
			if !edgeName.MatchString(edge["name"].(string)) || edge["outline"] == "none" || edge["width"].(float64) < 2 {
				t.Errorf("%s: the focused link is %v, want a name 'A — TYPE — B' and a visible focus ring", u, edge)
			}
			b.do(t, chromedp.KeyEvent(kb.Enter))
			panel := get(t, b, chromedp.Evaluate[map[string]any](`(() => { const p = document.querySelector('.edge-evidence');
				return p ? {heading: p.querySelector('h3').textContent, text: p.innerText, focused: p.contains(document.activeElement)} : {}; })()`))
			if panel["heading"] != edge["name"] || panel["focused"] != true || !strings.Contains(fmt.Sprint(panel["text"]), "Source: 38 North") {
				t.Errorf("%s: Enter on the link %v opened %v, want its evidence with its source, focused", u, edge, panel)
			}
			if problems := get(t, b, chromedp.Evaluate[[]string](a11yCheck)); len(problems) > 0 {
				t.Errorf("%s with a link's evidence open:\n%s", u, strings.Join(problems, "\n"))
			}
			b.do(t, chromedp.KeyEvent(kb.Escape))
			after := get(t, b, focusedEdge)
			if open := get(t, b, chromedp.Evaluate[bool](`!!document.querySelector('.edge-evidence')`)); open || after["pair"] != edge["pair"] {
				t.Errorf("%s: after Escape the panel is open: %t and the focus is on %v, want it closed and the focus back on %v", u, open, after, edge["pair"])
			}
		}
		// Back to the canvas for the next steps.
		b.do(t, chromedp.Navigate(base+"/explore?expand=komid,north-korea&hide=north-korea&ids=komid"), chromedp.WaitVisible(chromedp.ID("canvas")))
	})

	b.step(t, "paths to the Houthis", func(t *testing.T) {
		// With North Korea hidden, nothing links the IRGC to the Houthis.
		get(t, b, shiftClick("irgc"))
		get(t, b, shiftClick("houthis"))
		b.do(t, chromedp.Poll[chromedp.Void](`document.querySelector('.canvas-status').innerText.startsWith('no path found between Islamic Revolutionary Guard Corps and Houthis')`))
		if got := location(t); strings.Contains(got, "paths=") {
			t.Errorf("a query with no path changed the canvas: %s", got)
		}
		get(t, b, shiftClick("shig"))
		get(t, b, shiftClick("houthis"))
		// The page navigates to the canvas with the path: wait on the new
		// page's content (a poll would be cut off by the navigation).
		b.do(t, chromedp.WaitVisible(chromedp.CSS(`#canvas[data-url*="paths="]`)))
		if got := location(t); got != "/explore?expand=komid,north-korea&hide=north-korea&ids=komid&paths=shig~houthis" {
			t.Errorf("after the paths query the URL is %s", got)
		}
		rows := get(t, b, tableRows("#canvas-links"))
		var links []string
		for _, r := range rows {
			links = append(links, r[0]+" "+r[1]+" "+r[2])
		}
		want := []string{"Shahid Hemmat Industrial Group COOPERATED_WITH → Korea Mining Development Trading Corporation",
			"Korea Mining Development Trading Corporation SUPPLIED → Houthis"}
		for _, w := range want {
			if !strings.Contains(strings.Join(links, "\n"), w) {
				t.Errorf("links %q lack the path hop %q", links, w)
			}
		}
	})

	var picture string
	svg := chromedp.Evaluate[string](`document.querySelector('#diagram svg').outerHTML`)
	b.step(t, "save and reopen the investigation", func(t *testing.T) {
		picture = get(t, b, svg)
		canvasNodes := get(t, b, nodes)
		b.do(t,
			chromedp.SetValue(chromedp.CSS(`.canvas-save input[name="name"]`), "KOMID to the Houthis"),
			chromedp.SetValue(chromedp.CSS(`.canvas-save textarea[name="notes"]`), "first pass"),
			chromedp.Click(chromedp.CSS(`.canvas-save button`)),
			chromedp.WaitVisible(chromedp.ID("investigations")),
		)
		rows := get(t, b, tableRows("#investigations"))
		if len(rows) != 1 || rows[0][0] != "KOMID to the Houthis" || rows[0][1] != "5" || rows[0][2] != "first pass" {
			t.Fatalf("investigations list = %q", rows)
		}
		b.do(t,
			chromedp.Reload(),
			chromedp.WaitVisible(chromedp.ID("investigations")),
			chromedp.Click(chromedp.CSS(`#investigations a`)),
			chromedp.WaitVisible(chromedp.ID("canvas")),
		)
		if diff := cmp.Diff(canvasNodes, get(t, b, nodes)); diff != "" {
			t.Errorf("reopened entities (-saved +reopened):\n%s", diff)
		}
		if again := get(t, b, svg); again != picture {
			t.Errorf("the reopened canvas draws a different picture")
		}
	})

	b.step(t, "back and forward", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/explore?expand=komid&ids=komid"), chromedp.WaitVisible(chromedp.ID("canvas")))
		menu(t, "north-korea", "hide", `.hidden-list`)
		// history.back from a timer, so that the evaluation returns before
		// the page goes; a page restored from the back-forward cache fires
		// no load event, so the wait is on the page's content.
		b.do(t, chromedp.Evaluate[chromedp.Void](`setTimeout(() => history.back(), 50)`))
		settle(t, b, `location.search === '?expand=komid&ids=komid' && !!document.querySelector('#canvas-nodes li[data-id="north-korea"]')`)
		if got := location(t); got != "/explore?expand=komid&ids=komid" {
			t.Errorf("back led to %s", got)
		}
		if open := get(t, b, chromedp.Evaluate[bool](`!document.getElementById('canvas-menu').hidden`)); open {
			t.Error("the menu is still open on the page restored by back")
		}
		b.do(t, chromedp.Evaluate[chromedp.Void](`setTimeout(() => history.forward(), 50)`))
		settle(t, b, `location.search.includes('hide=north-korea') && !!document.querySelector('.hidden-list')`)
		if got := location(t); got != "/explore?expand=komid&hide=north-korea&ids=komid" {
			t.Errorf("forward led to %s", got)
		}
	})
}

// settle waits until the page's condition js holds. A page restored from
// the back-forward cache fires no load event and replaces the execution
// context under chromedp's feet, so the condition is asked afresh, a
// failed evaluation counting as "not yet", until it holds or 20 s pass.
func settle(t *testing.T, b *browser, js string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("browser: %s did not hold within 20 s", js)
}

// nodePositions are the centres of the entities of the page's diagram, by
// id, in the drawing's own units (points).
var nodePositions = chromedp.Evaluate[map[string][]float64](`(() => { const out = {};
	document.querySelectorAll('#diagram svg g.node').forEach(g => { const t = g.querySelector('title'), b = g.getBBox();
		if (t) out[t.textContent.trim()] = [b.x + b.width / 2, b.y + b.height / 2]; });
	return out; })()`)

// edgeName is the screen-reader name of a diagram link: "A — TYPE — B".
var edgeName = regexp.MustCompile(`^\S.* — [A-Z_]+\b.* — \S.*$`)

// focusedEdge describes the focused element when it is a diagram link:
// its name, its pair of ends (as the canvas's rows have it) and its focus
// ring; pair is "" when the focus is elsewhere.
var focusedEdge = chromedp.Evaluate[map[string]any](`(() => { const e = document.activeElement, s = getComputedStyle(e);
	if (!e.matches('g.edge')) return {pair: '', tag: e.tagName};
	const ends = e.querySelector('title').textContent.split('->');
	return {pair: ends.slice().sort().join('|'), name: e.getAttribute('aria-label') || '', role: e.getAttribute('role'), outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; })()`)

// tabToEdge presses Tab until a diagram link has the focus (at most 80
// times) and describes it.
func tabToEdge(t *testing.T, b *browser) map[string]any {
	t.Helper()
	for range 80 {
		b.do(t, chromedp.KeyEvent(kb.Tab))
		if e := get(t, b, focusedEdge); e["pair"] != "" {
			if e["role"] != "button" {
				t.Errorf("the focused link has role %v, want button", e["role"])
			}
			return e
		}
	}
	t.Fatalf("80 presses of Tab reached no link of the diagram")
	return nil
}
