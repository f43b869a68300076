package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"explorer/graph"
	"explorer/internal/testdb"
)

// a11yCheck is a small axe-style checker run in the page: it returns one
// line per problem. It looks for what a screen-reader or keyboard user
// trips on first: no lang, not exactly one main landmark, no banner or
// navigation, a first focusable element that is not a skip link to main,
// images without text, form controls without a label, buttons and links
// without a name, duplicate ids, ARIA references to missing ids, a
// combobox without its listbox, and text below WCAG AA contrast.
const a11yCheck = `(() => {
  const problems = [];
  const XLINK = 'http://www.w3.org/1999/xlink';
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '') +
    (el.getAttribute('href') || el.getAttributeNS(XLINK, 'href') ? '[href=' + (el.getAttribute('href') || el.getAttributeNS(XLINK, 'href')) + ']' : '');
  const byIds = list => list.trim().split(/\s+/).map(id => document.getElementById(id));
  // The accessible name, after the order of the accname spec: labelledby,
  // aria-label, label elements, alt, a button's value, the content, title.
  const nameOf = el => {
    const lb = el.getAttribute('aria-labelledby');
    if (lb) {
      const t = byIds(lb).map(e => e ? e.textContent : '').join(' ').trim();
      if (t) return t;
    }
    const al = (el.getAttribute('aria-label') || '').trim();
    if (al) return al;
    if (el.labels && el.labels.length) {
      const t = Array.from(el.labels).map(l => l.textContent).join(' ').trim();
      if (t) return t;
    }
    if (el.tagName === 'IMG') return (el.getAttribute('alt') || '').trim();
    if (el.tagName === 'INPUT') {
      if (['submit', 'button', 'reset'].includes(el.type)) return (el.value || '').trim();
      return '';
    }
    if (el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') return '';
    const text = (el.textContent || '').trim();
    if (text) return text;
    const alts = Array.from(el.querySelectorAll('img[alt]')).map(i => i.alt).join(' ').trim();
    if (alts) return alts;
    return (el.getAttribute('title') || el.getAttributeNS(XLINK, 'title') || '').trim();
  };
  if (!(document.documentElement.getAttribute('lang') || '').trim()) problems.push('<html> has no lang');
  if (!document.title.trim()) problems.push('the page has no title');
  const mains = document.querySelectorAll('main, [role=main]');
  if (mains.length !== 1) problems.push(mains.length + ' main landmarks, want 1');
  if (!document.querySelector('header, [role=banner]')) problems.push('no banner landmark (header)');
  if (!document.querySelector('nav, [role=navigation]')) problems.push('no navigation landmark (nav)');
  const first = document.querySelector('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])');
  const target = first && first.getAttribute('href') && first.getAttribute('href').startsWith('#') ? document.getElementById(first.getAttribute('href').slice(1)) : null;
  if (!target || !target.matches('main, [role=main]')) problems.push('the first focusable element (' + (first ? describe(first) : 'none') + ') is not a skip link to main');
  document.querySelectorAll('img, [role=img], input[type=image]').forEach(el => {
    if (!nameOf(el) && el.getAttribute('alt') !== '' ) problems.push('image without alt text: ' + describe(el));
  });
  document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea').forEach(el => {
    if (!nameOf(el)) problems.push('form control without a label: ' + describe(el));
  });
  document.querySelectorAll('button, [role=button], input[type=submit], input[type=button], input[type=reset], summary').forEach(el => {
    if (!nameOf(el)) problems.push('button without an accessible name: ' + describe(el));
  });
  document.querySelectorAll('a').forEach(el => {
    if (!el.hasAttribute('href') && !el.hasAttributeNS(XLINK, 'href')) return;
    if (!nameOf(el)) problems.push('link without an accessible name: ' + describe(el));
  });
  const seen = new Map();
  document.querySelectorAll('[id]').forEach(el => seen.set(el.id, (seen.get(el.id) || 0) + 1));
  seen.forEach((n, id) => { if (n > 1) problems.push('duplicate id ' + JSON.stringify(id) + ' (' + n + ' elements)'); });
  ['aria-controls', 'aria-labelledby', 'aria-describedby', 'aria-activedescendant'].forEach(attr => {
    document.querySelectorAll('[' + attr + ']').forEach(el => {
      byIds(el.getAttribute(attr)).forEach((t, i) => {
        if (!t) problems.push(describe(el) + ' ' + attr + ' names a missing id ' + el.getAttribute(attr).trim().split(/\s+/)[i]);
      });
    });
  });
  document.querySelectorAll('[role=combobox]').forEach(el => {
    if (!['true', 'false'].includes(el.getAttribute('aria-expanded'))) problems.push('combobox without aria-expanded: ' + describe(el));
    const lb = document.getElementById(el.getAttribute('aria-controls') || '');
    if (!lb || lb.getAttribute('role') !== 'listbox') problems.push('combobox whose aria-controls is not a listbox: ' + describe(el));
  });
  [['menu', 'menuitem'], ['listbox', 'option']].forEach(([parent, child]) => {
    document.querySelectorAll('[role=' + parent + ']').forEach(el => {
      Array.from(el.children).forEach(c => {
        if (c.getAttribute('role') !== child && c.getAttribute('aria-hidden') !== 'true') problems.push(describe(el) + ' (' + parent + ') owns a ' + describe(c) + ' that is not a ' + child);
      });
    });
  });
  // Contrast of text against the first opaque background behind it, with
  // the opacity of the element and its ancestors blended in.
  const rgba = s => { const m = s.match(/[\d.]+/g) || [0, 0, 0, 0]; return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const checked = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || checked.has(el) || el.closest('svg, script, style, [hidden], .visually-hidden, option')) continue;
    checked.add(el);
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden') continue;
    let bg = null, opacity = 1, image = false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      opacity *= +s.opacity;
      if (!bg) {
        if (s.backgroundImage !== 'none') image = true;
        const c = rgba(s.backgroundColor);
        if (c[3] > 0.5) bg = c;
      }
    }
    if (image) continue;
    bg = bg || [255, 255, 255, 1];
    const fg = rgba(cs.color);
    const a = fg[3] * opacity;
    const mixed = [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a));
    const l1 = lum(mixed), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(cs.fontSize), bold = +cs.fontWeight >= 700;
    const want = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < want) problems.push('contrast ' + ratio.toFixed(2) + ' < ' + want + ' for ' + JSON.stringify(node.textContent.trim().slice(0, 40)) + ' in ' + describe(el));
  }
  return problems;
})()`

// a11ySource is a source with its text, so that the source page has
// paragraphs to check.
var a11ySource = graph.Source{ID: "a11y-article", Title: "A source kept with its text", Publisher: "explorer tests",
	Published: graph.MustDate("2021-06"), URL: "https://example.org/a-rather-long-address/that-must-not-widen-the-page-on-a-phone-screen/article.html",
	Paragraphs: []string{"The first paragraph says that KOMID supplied arms.", "The second paragraph, much longer, goes on about the relations between the two states, which were established in 1973 and were never cut."}}

// loadA11yFixture resets the database to the serve fixture and a source
// with its text, so that the source page has paragraphs to check.
func loadA11yFixture(t *testing.T) {
	t.Helper()
	st := testdb.Open(t)
	ctx := t.Context()
	if _, err := st.UpsertEntities(ctx, serveFixture.entities); err != nil {
		t.Fatalf("UpsertEntities: %v", err)
	}
	if _, err := st.UpsertRelationships(ctx, serveFixture.rels); err != nil {
		t.Fatalf("UpsertRelationships: %v", err)
	}
	if err := st.AddSource(ctx, a11ySource); err != nil {
		t.Fatalf("AddSource: %v", err)
	}
}

// a11yPages are the pages every check runs over, by name.
func a11yPages(t *testing.T, b *browser, base string) [][2]string {
	t.Helper()
	b.do(t, chromedp.Navigate(base+"/sources"), chromedp.WaitVisible(chromedp.ID("sources")))
	source := get(t, b, chromedp.Evaluate[string](`(document.querySelector('#sources tbody a') || {}).getAttribute ? document.querySelector('#sources tbody a').getAttribute('href') : ''`))
	if source == "" {
		t.Fatal("the sources page lists no source to open")
	}
	return [][2]string{
		{"home", "/"},
		{"search results", "/?q=korea"},
		{"entity", "/entities/north-korea"},
		{"entity as of", "/entities/north-korea?as_of=2000"},
		{"path", "/paths?from=shig&to=houthis"},
		{"explore", "/explore?expand=komid&ids=komid"},
		{"sources", "/sources"},
		{"source", source},
		{"console", "/cypher?query=MATCH+(e:Entity)+RETURN+e.name+AS+name,+e+LIMIT+3"},
		{"investigations", "/investigations"},
		{"review", "/xref"},
		{"error", "/entities/no-such-entity"},
	}
}

// saveInvestigation saves a canvas through the API, so that the
// investigations page has a row (and its forms) to check.
func saveInvestigation(t *testing.T, base, name string, entities []string, query string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"name": name, "entities": entities, "queries": []string{query}})
	r := httpDo(t, http.MethodPost, base+"/api/v1/investigations", "application/json", string(body))
	if r.status != http.StatusCreated {
		t.Fatalf("POST /api/v1/investigations = %d %s", r.status, r.body)
	}
	var saved graph.Investigation
	if err := json.Unmarshal(r.body, &saved); err != nil {
		t.Fatal(err)
	}
	return saved.ID
}

// TestBrowserAccessibility runs the checker over every page, walks the
// first tab stops for a visible focus ring, and drives the search box's
// combobox with the keyboard only.
func TestBrowserAccessibility(t *testing.T) {
	b := newBrowser(t)
	loadA11yFixture(t)
	base, _ := startServe(t, serveEnv(t), "--diagrams", "native")
	saveInvestigation(t, base, "KOMID and its links", []string{"komid", "shig"}, "/explore?expand=komid&ids=komid")
	pages := a11yPages(t, b, base)

	for _, p := range pages {
		b.step(t, "axe-style check of "+p[0], func(t *testing.T) {
			b.do(t, chromedp.Navigate(base+p[1]), chromedp.WaitReady(chromedp.ID("main")))
			if problems := get(t, b, chromedp.Evaluate[[]string](a11yCheck)); len(problems) > 0 {
				t.Errorf("%s (%s):\n%s", p[0], p[1], strings.Join(problems, "\n"))
			}
		})
	}

	b.step(t, "the checker finds what it looks for", func(t *testing.T) {
		// The checker on a page spoiled on purpose: a check that cannot
		// fail proves nothing.
		b.do(t, chromedp.Navigate(base+"/entities/komid"), chromedp.WaitReady(chromedp.ID("main")),
			chromedp.Evaluate[chromedp.Void](`(() => {
				document.documentElement.removeAttribute('lang');
				const m = document.querySelector('main'); m.outerHTML = '<div id="main">' + m.innerHTML + '</div>';
				const d = document.getElementById('entity');
				d.insertAdjacentHTML('beforeend', '<img src="/static/none.png"><input type="text" name="bare"><button type="button"></button><a href="/x"></a><p id="entity">twin</p><p style="color:#bbb">faint</p><div role="menu"><p>stray</p></div>');
			})()`))
		problems := strings.Join(get(t, b, chromedp.Evaluate[[]string](a11yCheck)), "\n")
		for _, want := range []string{"<html> has no lang", "0 main landmarks", "not a skip link to main", "image without alt text", "form control without a label: input[name=bare]",
			"button without an accessible name", "link without an accessible name: a[href=/x]", `duplicate id "entity"`, `contrast`, `(menu) owns a p that is not a menuitem`} {
			if !strings.Contains(problems, want) {
				t.Errorf("the checker missed %q; it said:\n%s", want, problems)
			}
		}
	})

	b.step(t, "skip link and visible focus", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/entities/komid"), chromedp.WaitVisible(chromedp.ID("entity-name")),
			chromedp.KeyEvent(kb.Tab))
		focus := chromedp.Evaluate[map[string]any](`(() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
			return {tag: e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''), text: (e.innerText || e.textContent || '').trim().slice(0, 30), outline: s.outlineStyle, width: parseFloat(s.outlineWidth), top: r.top, bottom: r.bottom}; })()`)
		first := get(t, b, focus)
		if first["tag"] != "a.skip-link" || first["text"] != "Skip to main content" || first["top"].(float64) < 0 {
			t.Errorf("the first Tab focuses %v, want the skip link, on screen", first)
		}
		for i := range 12 {
			f := get(t, b, focus)
			if f["outline"] == "none" || f["width"].(float64) < 2 {
				t.Errorf("tab stop %d (%v) has no visible focus ring", i+1, f)
			}
			b.do(t, chromedp.KeyEvent(kb.Tab))
		}
		b.do(t, chromedp.Navigate(base+"/entities/komid"), chromedp.WaitVisible(chromedp.ID("entity-name")),
			chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter))
		if got := get(t, b, chromedp.Evaluate[string](`location.hash + ' ' + document.activeElement.tagName`)); got != "#main MAIN" {
			t.Errorf("Enter on the skip link gives %q, want #main MAIN (focus in main)", got)
		}
	})

	b.step(t, "combobox by keyboard", func(t *testing.T) {
		state := chromedp.Evaluate[map[string]string](`(() => { const q = document.getElementById('q'), l = document.getElementById('q-suggestions');
			const ad = q.getAttribute('aria-activedescendant') || '';
			return {role: q.getAttribute('role'), expanded: q.getAttribute('aria-expanded'), controls: q.getAttribute('aria-controls'),
				listbox: l.getAttribute('role'), hidden: String(l.hidden), active: ad,
				activeText: ad ? document.getElementById(ad).querySelector('.name').textContent : '',
				activeSelected: ad ? document.getElementById(ad).getAttribute('aria-selected') + '/' + document.getElementById(ad).getAttribute('role') : '',
				selectedCount: String(l.querySelectorAll('[aria-selected=true]').length)}; })()`)
		b.do(t, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("q")))
		if got := get(t, b, state); got["role"] != "combobox" || got["expanded"] != "false" || got["controls"] != "q-suggestions" || got["listbox"] != "listbox" {
			t.Errorf("before typing the search box is %v, want a collapsed combobox controlling the listbox", got)
		}
		b.do(t, chromedp.SendKeys(chromedp.ID("q"), "kor"), chromedp.WaitVisible(chromedp.CSS("#q-suggestions [role=option]")))
		opts := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#q-suggestions [role=option] .name')).map(s => s.textContent)`))
		if len(opts) < 2 {
			t.Fatalf("suggestions for kor = %q, want at least two", opts)
		}
		if got := get(t, b, state); got["expanded"] != "true" || got["active"] != "" {
			t.Errorf("after typing: %v, want expanded and nothing highlighted", got)
		}
		if problems := get(t, b, chromedp.Evaluate[[]string](a11yCheck)); len(problems) > 0 {
			t.Errorf("the search page with its suggestions open:\n%s", strings.Join(problems, "\n"))
		}
		b.do(t, chromedp.KeyEvent(kb.ArrowDown))
		got := get(t, b, state)
		if got["active"] != "q-suggestions-0" || got["activeText"] != opts[0] || got["activeSelected"] != "true/option" || got["selectedCount"] != "1" {
			t.Errorf("after ArrowDown: %v, want the first option %q highlighted and announced", got, opts[0])
		}
		b.do(t, chromedp.KeyEvent(kb.ArrowDown))
		if got := get(t, b, state); got["activeText"] != opts[1] {
			t.Errorf("after a second ArrowDown the highlight is on %q, want %q", got["activeText"], opts[1])
		}
		b.do(t, chromedp.KeyEvent(kb.ArrowUp))
		if got := get(t, b, state); got["activeText"] != opts[0] {
			t.Errorf("after ArrowUp the highlight is on %q, want %q", got["activeText"], opts[0])
		}
		b.do(t, chromedp.KeyEvent(kb.Escape))
		if got := get(t, b, state); got["expanded"] != "false" || got["hidden"] != "true" || got["active"] != "" {
			t.Errorf("after Escape: %v, want the list closed", got)
		}
		b.do(t, chromedp.KeyEvent(kb.ArrowDown))
		if got := get(t, b, state); got["expanded"] != "true" || got["activeText"] != opts[0] {
			t.Errorf("ArrowDown on the closed list: %v, want it open on the first option", got)
		}
		hrefs := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#q-suggestions [role=option]')).map(li => '/entities/' + li.dataset.id)`))
		b.do(t, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("entity-name")))
		if loc := strings.TrimPrefix(get(t, b, chromedp.Location()), base); loc != hrefs[0] {
			t.Errorf("Enter on the first suggestion led to %s, want %s", loc, hrefs[0])
		}

		// In a form, Enter on a suggestion fills the field and does not
		// submit the form.
		b.do(t, chromedp.Navigate(base+"/paths"), chromedp.WaitVisible(chromedp.ID("from")),
			chromedp.SendKeys(chromedp.ID("from"), "Shahid Hem"), chromedp.WaitVisible(chromedp.CSS("#from-suggestions [role=option]")),
			chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
		if v := get(t, b, chromedp.Value(chromedp.ID("from"))); v != "Shahid Hemmat Industrial Group" {
			t.Errorf("Enter on the suggestion put %q in From", v)
		}
		if loc := strings.TrimPrefix(get(t, b, chromedp.Location()), base); loc != "/paths" {
			t.Errorf("Enter on a suggestion submitted the form: %s", loc)
		}
	})

	b.step(t, "diagrams have a text version in reach", func(t *testing.T) {
		for _, u := range []string{"/entities/komid", "/paths?from=shig&to=houthis", "/explore?expand=komid&ids=komid"} {
			b.do(t, chromedp.Navigate(base+u), chromedp.WaitVisible(chromedp.ID("diagram")))
			got := get(t, b, chromedp.Evaluate[map[string]any](`(() => { const box = document.querySelector('.diagram-box'), id = box.getAttribute('aria-describedby'), alt = document.getElementById(id);
				const link = box.querySelector('.text-alt a');
				return {id: id, link: link ? link.getAttribute('href') : '', links: alt ? alt.querySelectorAll('a[href^="/entities/"]').length : 0}; })()`))
			if got["id"] == "" || got["link"] != "#"+got["id"].(string) || got["links"].(float64) < 2 {
				t.Errorf("%s: diagram text version %v, want aria-describedby, a link to it, and entity links in it", u, got)
			}
		}
	})
}

// TestBrowserResponsive loads every page at 400x800 and checks that none
// scrolls sideways and that every field of every evidence card is on
// screen, under its label; it takes screenshots of the entity, path and
// canvas pages at 1366x900 and 400x800 ($EXPLORER_SCREENSHOTS keeps them,
// else a temporary directory).
func TestBrowserResponsive(t *testing.T) {
	b := newBrowser(t)
	loadA11yFixture(t)
	base, _ := startServe(t, serveEnv(t), "--diagrams", "native")
	saveInvestigation(t, base, "A long name for an investigation that must wrap on a phone screen", []string{"komid"}, "/explore?ids=komid")
	pages := a11yPages(t, b, base)
	dir := os.Getenv("EXPLORER_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	b.step(t, "400 px wide", func(t *testing.T) {
		b.do(t, chromedp.EmulateViewport(400, 800))
		for _, p := range pages {
			b.do(t, chromedp.Navigate(base+p[1]), chromedp.WaitReady(chromedp.ID("main")))
			w := get(t, b, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			t.Logf("%s: %d px wide at 400 px", p[0], w)
			if w > 400 {
				wide := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 401 && !e.closest('.diagram, .table-wrap > table:not(.cards)')).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)`))
				t.Errorf("%s (%s) is %d px wide at 400 px, want no sideways scroll; too wide: %q", p[0], p[1], w, wide)
			}
			// Every non-empty cell of a card table: on screen, whole, and
			// labelled with its column.
			cells := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('table.cards td')).filter(td => td.textContent.trim()).map(td => {
				const r = td.getBoundingClientRect(), before = getComputedStyle(td, '::before').content;
				const ok = r.left >= 0 && r.right <= 400.5 && td.scrollWidth <= td.clientWidth + 1 && before && before !== 'none' && before !== 'normal';
				return ok ? '' : (td.dataset.label || '?') + ': ' + td.textContent.trim().slice(0, 30) + ' [' + Math.round(r.left) + '..' + Math.round(r.right) + ', label ' + before + ']';
			}).filter(Boolean)`))
			if len(cells) > 0 {
				t.Errorf("%s: evidence fields not readable at 400 px:\n%s", p[0], strings.Join(cells, "\n"))
			}
		}
		// The path page's evidence: every field of every hop is shown.
		b.do(t, chromedp.Navigate(base+"/paths?from=shig&to=houthis"), chromedp.WaitVisible(chromedp.ID("evidence-1")))
		labels := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#evidence-1 tbody tr:first-child td')).filter(td => td.getBoundingClientRect().height > 0).map(td => td.dataset.label)`))
		if diff := cmp.Diff([]string{"#", "From", "Relationship", "To", "Dates", "Status", "Confidence", "Evidence", "Source", "Cited source"}, labels); diff != "" {
			t.Errorf("fields of the first hop shown at 400 px (-want +got):\n%s", diff)
		}
	})

	for _, size := range [][2]int64{{1366, 900}, {400, 800}} {
		b.step(t, fmt.Sprintf("screenshots at %dx%d", size[0], size[1]), func(t *testing.T) {
			b.do(t, chromedp.EmulateViewport(size[0], size[1]))
			for _, p := range [][2]string{{"entity", "/entities/north-korea"}, {"path", "/paths?from=shig&to=houthis"}, {"explore", "/explore?expand=komid,north-korea&ids=komid"}} {
				b.do(t, chromedp.Navigate(base+p[1]), chromedp.WaitVisible(chromedp.ID("diagram")))
				shot := get(t, b, chromedp.FullScreenshot(100))
				cfg, err := png.DecodeConfig(bytes.NewReader(shot))
				if err != nil {
					t.Fatalf("%s: the screenshot is not a PNG: %v", p[0], err)
				}
				if int64(cfg.Width) != size[0] {
					t.Errorf("%s at %dx%d: screenshot is %d px wide, want %d (the page is wider than the screen)", p[0], size[0], size[1], cfg.Width, size[0])
				}
				f := filepath.Join(dir, fmt.Sprintf("%s-%dx%d.png", p[0], size[0], size[1]))
				if err := os.WriteFile(f, shot, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("screenshot %s (%d bytes)", f, len(shot))
			}
		})
	}
}

// TestBrowserCanvas checks the canvas's legend, filters, centring and the
// investigations' rename and export.
func TestBrowserCanvas(t *testing.T) {
	b := newBrowser(t)
	loadA11yFixture(t)
	base, _ := startServe(t, serveEnv(t), "--diagrams", "native")
	type shown struct {
		Kinds, Families []string
	}
	legend := chromedp.Evaluate[shown](`({kinds: Array.from(document.querySelectorAll('#canvas-legend [data-kind]')).map(li => li.dataset.kind),
		families: Array.from(document.querySelectorAll('#canvas-legend [data-family]')).map(li => li.dataset.family)})`)
	// drawn is what the page shows: the entities' kinds, the links' types,
	// and the pairs the diagram draws an edge between.
	type drawn struct {
		Kinds, Types, RowPairs, EdgePairs []string
	}
	page := chromedp.Evaluate[drawn](`(() => {
		const pair = (a, b) => [a, b].sort().join('|');
		return {kinds: Array.from(document.querySelectorAll('#canvas-nodes li > .type')).map(s => s.textContent.trim()),
			types: Array.from(document.querySelectorAll('#canvas-links tbody .reltype')).map(s => s.textContent.trim()),
			rowPairs: Array.from(document.querySelectorAll('#canvas-links tbody tr')).map(tr => tr.dataset.pair),
			edgePairs: Array.from(document.querySelectorAll('#diagram svg g.edge title')).map(t => t.textContent.split('->')).filter(e => e.length === 2).map(e => pair(e[0], e[1]))};
	})()`)
	// want is the legend the page's lists call for.
	want := func(d drawn) shown {
		var w shown
		for _, k := range d.Kinds {
			if !slices.Contains(w.Kinds, k) {
				w.Kinds = append(w.Kinds, k)
			}
		}
		for _, ty := range d.Types {
			spec, ok := graph.RelType(ty).Spec()
			if !ok {
				t.Fatalf("the links table shows an unknown type %q", ty)
			}
			if !slices.Contains(w.Families, string(spec.Family)) {
				w.Families = append(w.Families, string(spec.Family))
			}
		}
		sortBy := func(order []string) func(a, b string) int {
			return func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) }
		}
		var kinds, fams []string
		for _, k := range graph.EntityTypes {
			kinds = append(kinds, string(k.Type))
		}
		for _, f := range graph.Families {
			fams = append(fams, string(f.Family))
		}
		slices.SortFunc(w.Kinds, sortBy(kinds))
		slices.SortFunc(w.Families, sortBy(fams))
		return w
	}
	set := func(s []string) []string { return slices.Compact(slices.Sorted(slices.Values(s))) }

	b.step(t, "legend of what is shown", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/explore?ids=komid"), chromedp.WaitVisible(chromedp.ID("canvas")))
		if diff := cmp.Diff(shown{Kinds: []string{"Organization"}}, get(t, b, legend), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("legend of KOMID alone (-want +got):\n%s", diff)
		}
		b.do(t, chromedp.Navigate(base+"/explore?expand=komid,north-korea&ids=komid"), chromedp.WaitVisible(chromedp.ID("canvas")))
		d := get(t, b, page)
		got := get(t, b, legend)
		if diff := cmp.Diff(want(d), got); diff != "" {
			t.Errorf("legend after two expansions (-from the lists +legend):\n%s", diff)
		}
		if len(got.Kinds) < 2 || len(got.Families) < 2 {
			t.Errorf("legend %v: the fixture's two expansions show at least two kinds and two families", got)
		}
	})

	b.step(t, "filters change the drawing and the URL", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/explore?expand=komid,north-korea&ids=komid"), chromedp.WaitVisible(chromedp.ID("canvas")))
		before := get(t, b, page)
		b.do(t,
			chromedp.SetValue(chromedp.ID("min_confidence"), "confirmed"),
			chromedp.Click(chromedp.ID("filter-apply")),
			chromedp.WaitVisible(chromedp.CSS(`#canvas[data-url*="min_confidence"]`)))
		if loc := strings.TrimPrefix(get(t, b, chromedp.Location()), base); loc != "/explore?expand=komid,north-korea&ids=komid&min_confidence=confirmed" {
			t.Errorf("the confidence filter led to %s", loc)
		}
		confs := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#canvas-links tbody .conf')).map(s => s.textContent.trim())`))
		if len(confs) == 0 || len(confs) >= len(before.Types) || slices.ContainsFunc(confs, func(c string) bool { return c != "confirmed" }) {
			t.Errorf("confirmed links only: %q (of %d before)", confs, len(before.Types))
		}
		after := get(t, b, page)
		if diff := cmp.Diff(set(after.RowPairs), set(after.EdgePairs)); diff != "" {
			t.Errorf("diagram edges differ from the links listed (-listed +drawn):\n%s", diff)
		}
		if diff := cmp.Diff(set(before.Kinds), set(after.Kinds)); diff != "" {
			t.Errorf("a link filter changed the entities (-before +after):\n%s", diff)
		}
		if caption := get(t, b, chromedp.Evaluate[string](`document.querySelector('#diagram svg').textContent`)); !strings.Contains(caption, "links confirmed or firmer") {
			t.Errorf("the caption does not state the filter")
		}
		if diff := cmp.Diff(want(after), get(t, b, legend)); diff != "" {
			t.Errorf("legend with the filter (-from the lists +legend):\n%s", diff)
		}

		// Families: political only, by the checkboxes; the confidence
		// filter stays.
		b.do(t,
			chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('#canvas-filter input[name=families]').forEach(c => { c.checked = c.value === 'political'; })`),
			chromedp.SetValue(chromedp.ID("min_confidence"), ""),
			chromedp.Click(chromedp.ID("filter-apply")),
			chromedp.WaitVisible(chromedp.CSS(`#canvas[data-url*="families=political"]`)))
		if loc := strings.TrimPrefix(get(t, b, chromedp.Location()), base); loc != "/explore?expand=komid,north-korea&families=political&ids=komid" {
			t.Errorf("the family filter led to %s", loc)
		}
		pol := get(t, b, page)
		for _, ty := range pol.Types {
			if spec, _ := graph.RelType(ty).Spec(); spec.Family != graph.Political {
				t.Errorf("political links only, but %s is %s", ty, spec.Family)
			}
		}
		if diff := cmp.Diff(set(pol.RowPairs), set(pol.EdgePairs)); diff != "" {
			t.Errorf("diagram edges differ from the links listed (-listed +drawn):\n%s", diff)
		}
		if checked := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#canvas-filter input[name=families]:checked')).map(c => c.value)`)); !slices.Equal(checked, []string{"political"}) {
			t.Errorf("the form shows %q checked, want political", checked)
		}
		// Expanding keeps the filter.
		if href := get(t, b, chromedp.Evaluate[string](`document.querySelector('#canvas-nodes a[data-kind=hide]').getAttribute('href')`)); !strings.Contains(href, "families=political") {
			t.Errorf("a hide link %s drops the filter", href)
		}
	})

	b.step(t, "long names wrap with the whole name in reach", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/explore?ids=komid"), chromedp.WaitVisible(chromedp.ID("canvas")))
		got := get(t, b, chromedp.Evaluate[map[string]any](`(() => { const g = Array.from(document.querySelectorAll('#diagram svg g.node')).find(g => g.querySelector('title').textContent === 'komid');
			const a = g.querySelector('a');
			return {lines: g.querySelectorAll('text').length, title: a.getAttribute('xlink:title') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'title') || a.getAttribute('title') || ''}; })()`))
		if got["lines"].(float64) < 2 || !strings.Contains(got["title"].(string), "Korea Mining Development Trading Corporation") {
			t.Errorf("KOMID's node: %v, want its name on two lines or more and whole in the title", got)
		}
	})

	b.step(t, "the subject is centred", func(t *testing.T) {
		b.do(t, chromedp.EmulateViewport(400, 800))
		defer b.do(t, chromedp.EmulateViewport(1366, 768))
		for _, u := range []string{"/explore?expand=komid,north-korea&ids=komid", "/entities/north-korea"} {
			b.do(t, chromedp.Navigate(base+u), chromedp.WaitVisible(chromedp.ID("diagram")),
				chromedp.Click(chromedp.CSS(`[data-zoom="full"]`)))
			got := get(t, b, chromedp.Evaluate[map[string]float64](`(() => { const box = document.querySelector('.diagram-box'), holder = box.querySelector('.diagram');
				const g = Array.from(holder.querySelectorAll('g.node')).find(g => g.querySelector('title').textContent === box.dataset.subject);
				const r = g.getBoundingClientRect(), h = holder.getBoundingClientRect();
				return {dx: (r.left + r.width / 2) - (h.left + holder.clientWidth / 2), dy: (r.top + r.height / 2) - (h.top + holder.clientHeight / 2),
					overflow: holder.scrollWidth - holder.clientWidth, scrolled: holder.scrollLeft + holder.scrollTop}; })()`))
			t.Logf("%s at 1:1 on 400 px: subject %.0f, %.0f px from the box's centre (drawing %.0f px wider than its box)", u, got["dx"], got["dy"], got["overflow"])
			if got["overflow"] <= 0 {
				t.Errorf("%s at 1:1 on 400 px fits its box (%v): the check would prove nothing", u, got)
			}
			// Centred unless the drawing's edge stops the scroll.
			if (got["dx"] > 40 || got["dx"] < -40) && got["scrolled"] == 0 {
				t.Errorf("%s: the subject is %v px off the centre of the diagram box", u, got)
			}
			if got["dx"] > 180 || got["dx"] < -180 || got["dy"] > 250 || got["dy"] < -250 {
				t.Errorf("%s: the subject is out of the first view: %v", u, got)
			}
		}
	})

	b.step(t, "canvas menu by keyboard", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/explore?expand=komid&ids=komid"), chromedp.WaitVisible(chromedp.ID("canvas")),
			chromedp.Evaluate[chromedp.Void](`Array.from(document.querySelectorAll('#diagram svg g.node')).find(g => g.querySelector('title').textContent === 'komid').querySelector('a').focus()`),
			chromedp.KeyEvent(kb.Enter),
			chromedp.WaitVisible(chromedp.CSS(`#canvas-menu [role=menuitem]`)))
		menu := chromedp.Evaluate[map[string]any](`(() => { const m = document.getElementById('canvas-menu'), r = m.getBoundingClientRect(), a = document.activeElement;
			const node = Array.from(document.querySelectorAll('#diagram svg g.node')).find(g => g.querySelector('title').textContent === 'komid').getBoundingClientRect();
			return {open: !m.hidden, title: m.getAttribute('aria-label'), focus: a.getAttribute('data-kind') || a.tagName,
				below: r.top >= node.bottom - 1 && r.top <= node.bottom + 40, inside: r.left >= 0 && r.right <= document.documentElement.clientWidth}; })()`)
		got := get(t, b, menu)
		if got["open"] != true || got["title"] != "Actions: Korea Mining Development Trading Corporation" || got["focus"] != "open" || got["below"] != true || got["inside"] != true {
			t.Errorf("Enter on KOMID's node: menu %v, want it open under the node with focus on its first item", got)
		}
		if problems := get(t, b, chromedp.Evaluate[[]string](a11yCheck)); len(problems) > 0 {
			t.Errorf("the canvas with its menu open:\n%s", strings.Join(problems, "\n"))
		}
		b.do(t, chromedp.KeyEvent(kb.ArrowDown))
		if f := get(t, b, menu)["focus"]; f != "expand" {
			t.Errorf("ArrowDown in the menu focuses %v, want the expand item", f)
		}
		b.do(t, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
		if f := get(t, b, menu)["focus"]; f != "hide" {
			t.Errorf("ArrowUp past the first item focuses %v, want the last (hide)", f)
		}
		b.do(t, chromedp.KeyEvent(kb.Escape))
		after := get(t, b, chromedp.Evaluate[map[string]any](`({open: !document.getElementById('canvas-menu').hidden, focus: document.activeElement.closest('g.node') ? document.activeElement.closest('g.node').querySelector('title').textContent : document.activeElement.tagName})`))
		if after["open"] != false || after["focus"] != "komid" {
			t.Errorf("after Escape: %v, want the menu closed and focus back on KOMID's node", after)
		}
		// Enter on the focused item follows it.
		b.do(t, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(`#canvas-menu [role=menuitem]`)),
			chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Enter),
			chromedp.WaitVisible(chromedp.CSS(".hidden-list")))
		if loc := strings.TrimPrefix(get(t, b, chromedp.Location()), base); loc != "/explore?expand=komid&hide=komid&ids=komid" {
			t.Errorf("End and Enter in the menu led to %s, want KOMID hidden", loc)
		}
	})

	b.step(t, "rename and export an investigation", func(t *testing.T) {
		id := saveInvestigation(t, base, "First name", []string{"komid", "shig"}, "/explore?expand=komid&ids=komid")
		b.do(t, chromedp.Navigate(base+"/investigations"), chromedp.WaitVisible(chromedp.ID("investigations")),
			chromedp.Click(chromedp.CSS(`#investigations details.rename summary`)),
			chromedp.SetValue(chromedp.ID("rename-"+id), "KOMID, renamed"),
			// The old page has the list too: mark it, and wait for the new one.
			chromedp.Evaluate[chromedp.Void](`document.body.dataset.old = "1"`),
			chromedp.Click(chromedp.CSS(`#investigations details.rename button`)),
			chromedp.WaitVisible(chromedp.CSS("body:not([data-old]) #investigations")))
		rows := get(t, b, tableRows("#investigations"))
		if len(rows) != 1 || rows[0][0] != "KOMID, renamed" || rows[0][1] != "2" {
			t.Fatalf("after renaming, the list is %q", rows)
		}
		href := get(t, b, chromedp.AttributeValue(chromedp.CSS(`#investigations a.export`), "href")).Value
		r := httpDo(t, http.MethodGet, base+href, "", "")
		if r.status != http.StatusOK || r.header.Get("Content-Disposition") != `attachment; filename="komid-renamed.json"` {
			t.Fatalf("GET %s = %d, Content-Disposition %q", href, r.status, r.header.Get("Content-Disposition"))
		}
		var exported map[string]any
		if err := json.Unmarshal(r.body, &exported); err != nil {
			t.Fatalf("export is not JSON: %v\n%s", err, r.body)
		}
		if diff := cmp.Diff(map[string]any{"name": "KOMID, renamed", "entities": []any{"komid", "shig"}, "queries": []any{"/explore?expand=komid&ids=komid"}, "notes": map[string]any{}}, exported); diff != "" {
			t.Errorf("export (-want +got):\n%s", diff)
		}
		// The export is what the API takes back.
		again := httpDo(t, http.MethodPost, base+"/api/v1/investigations", "application/json", string(r.body))
		if again.status != http.StatusCreated {
			t.Fatalf("importing the export: %d %s", again.status, again.body)
		}
		b.do(t, chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("investigations")))
		if rows := get(t, b, tableRows("#investigations")); len(rows) != 2 || rows[0][0] != rows[1][0] || rows[0][1] != rows[1][1] {
			t.Errorf("after importing the export the list is %q, want two alike", rows)
		}
	})
}
