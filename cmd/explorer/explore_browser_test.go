package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
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

	b.step(t, "start from KOMID and expand twice", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/explore?ids=komid"), chromedp.WaitVisible(chromedp.ID("canvas")))
		if diff := cmp.Diff([]string{"komid"}, get(t, b, nodes)); diff != "" {
			t.Errorf("entities (-want +got):\n%s", diff)
		}
		menu(t, "komid", "expand", `#canvas-nodes li[data-id="shig"]`)
		if got := location(t); got != "/explore?expand=komid&ids=komid" {
			t.Errorf("after expanding KOMID the URL is %s", got)
		}
		menu(t, "north-korea", "expand", `#canvas-nodes li[data-id="iran"]`)
		if diff := cmp.Diff([]string{"houthis", "iran", "irgc", "komid", "north-korea", "shig"}, get(t, b, nodes)); diff != "" {
			t.Errorf("entities after two expansions (-want +got):\n%s", diff)
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
		b.do(t, chromedp.Poll[chromedp.Void](`location.search.includes('paths=') && document.readyState === 'complete'`), chromedp.WaitVisible(chromedp.ID("canvas")))
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
		b.do(t, chromedp.Evaluate[chromedp.Void](`setTimeout(() => history.back(), 50)`),
			chromedp.WaitReady(chromedp.CSS(`#canvas-nodes li[data-id="north-korea"]`)))
		if got := location(t); got != "/explore?expand=komid&ids=komid" {
			t.Errorf("back led to %s", got)
		}
		if open := get(t, b, chromedp.Evaluate[bool](`!document.getElementById('canvas-menu').hidden`)); open {
			t.Error("the menu is still open on the page restored by back")
		}
		b.do(t, chromedp.Evaluate[chromedp.Void](`setTimeout(() => history.forward(), 50)`),
			chromedp.WaitReady(chromedp.CSS(`.hidden-list`)))
		if got := location(t); got != "/explore?expand=komid&hide=north-korea&ids=komid" {
			t.Errorf("forward led to %s", got)
		}
	})
}
