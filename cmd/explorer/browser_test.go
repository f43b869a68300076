package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"explorer/internal/testdb"
)

// chromiumPath finds the browser the tests drive: $EXPLORER_CHROMIUM, else
// Debian's chromium. Without one the tests skip, except when CI or
// EXPLORER_REQUIRE_NEO4J is set.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("EXPLORER_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if testdb.Required() {
		t.Fatal("Chromium is required (CI or EXPLORER_REQUIRE_NEO4J is set) but was not found: apt-get install chromium, or set EXPLORER_CHROMIUM")
	}
	t.Skip("no Chromium found (apt-get install chromium, or set EXPLORER_CHROMIUM)")
	return ""
}

// browser is a headless Chromium tab with a record of what the page did that
// it should not: JavaScript dialogs (an injected alert) and uncaught
// exceptions.
type browser struct {
	ctx     context.Context
	mu      sync.Mutex
	dialogs []string
	errors  []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 768),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first Do starts the browser and binds it to ctx, which has no
	// timeout; steps run under contexts derived from it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium (%s): %v", path, err)
	}
	b := &browser{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			b.mu.Lock()
			b.dialogs = append(b.dialogs, fmt.Sprintf("%s: %s", ev.Type, ev.Message))
			b.mu.Unlock()
			// An open dialog blocks the page; close it from another goroutine.
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		case *runtime.EventExceptionThrown:
			b.mu.Lock()
			b.errors = append(b.errors, exceptionText(ev.ExceptionDetails))
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	return b
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "exception"
	}
	s := fmt.Sprintf("%s at %s:%d:%d", d.Text, d.URL, d.LineNumber, d.ColumnNumber)
	if d.Exception != nil && d.Exception.Description != "" {
		s += ": " + d.Exception.Description
	}
	return s
}

// step runs a named part of a browser test; when it fails, a screenshot of
// the page goes to testdata/screenshots (gitignored, kept as a CI artefact).
func (b *browser) step(t *testing.T, name string, fn func(t *testing.T)) {
	t.Run(name, func(t *testing.T) {
		t.Cleanup(func() {
			b.mu.Lock()
			dialogs, errs := b.dialogs, b.errors
			b.dialogs, b.errors = nil, nil
			b.mu.Unlock()
			if len(dialogs) > 0 {
				t.Errorf("the page opened JavaScript dialogs: %q", dialogs)
			}
			if len(errs) > 0 {
				t.Errorf("the page threw: %q", errs)
			}
			if t.Failed() {
				b.screenshot(t)
			}
		})
		fn(t)
	})
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func (b *browser) screenshot(t *testing.T) {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	dir := filepath.Join("testdata", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	f := filepath.Join(dir, unsafeFileChars.ReplaceAllString(t.Name(), "_")+".png")
	if err := os.WriteFile(f, png, 0o644); err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	t.Logf("screenshot saved to %s", f)
}

// do runs actions with a per-step timeout.
func (b *browser) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// get runs an action that returns a value, with a per-step timeout.
func get[T any](t *testing.T, b *browser, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// tableRows reads the text of every body cell of a table.
func tableRows(sel string) chromedp.Action[[][]string] {
	return chromedp.Evaluate[[][]string](fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(tr => Array.from(tr.cells).map(td => td.innerText.trim()))`, sel+" tbody tr"))
}

// diagramLinks reads the entity links of the nodes of the page's diagram.
const diagramLinks = `Array.from(document.querySelectorAll('#diagram svg a')).map(a => a.getAttribute('xlink:href') || a.getAttribute('href')).filter(h => h && h.startsWith('/entities/'))`

// TestBrowser drives the real pages in headless Chromium against the real
// service and database: search with suggestions, the path explorer from its
// form, a click on a diagram node, the entity page, the Cypher console, and
// a hostile entity name that must stay text.
func TestBrowser(t *testing.T) {
	b := newBrowser(t)
	loadServeFixture(t)
	base, _ := startServe(t, serveEnv(t))
	links := chromedp.Evaluate[[]string](diagramLinks)

	b.step(t, "search suggestions", func(t *testing.T) {
		b.do(t,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), "kom"),
			chromedp.WaitVisible(chromedp.CSS("#q-suggestions li")),
		)
		if first := get(t, b, chromedp.Text(chromedp.CSS("#q-suggestions li"))); !strings.Contains(first, "Korea Mining Development Trading Corporation") {
			t.Errorf("first suggestion for kom = %q, want KOMID's name", first)
		}
		b.do(t,
			chromedp.Click(chromedp.CSS("#q-suggestions li")),
			chromedp.WaitVisible(chromedp.ID("entity-name")),
		)
		loc := get(t, b, chromedp.Location())
		name := get(t, b, chromedp.Text(chromedp.ID("entity-name")))
		if !strings.HasSuffix(loc, "/entities/komid") || !strings.HasPrefix(name, "Korea Mining Development Trading Corporation") {
			t.Errorf("picking the suggestion led to %s titled %q, want KOMID's page", loc, name)
		}
	})

	b.step(t, "suggestions rank names before descriptions", func(t *testing.T) {
		items := chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#q-suggestions li')).map(li => li.innerText.replace(/\s+/g, ' ').trim())`)
		b.do(t,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), "north"),
			chromedp.WaitVisible(chromedp.CSS("#q-suggestions li")),
		)
		want := []string{"North Korea State", "Korea Mining Development Trading Corporation Organization in description"}
		if diff := cmp.Diff(want, get(t, b, items)); diff != "" {
			t.Errorf("suggestions for north (-want +got):\n%s", diff)
		}
		b.do(t,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), "Hezbolah"),
			chromedp.WaitVisible(chromedp.CSS("#q-suggestions li")),
		)
		if diff := cmp.Diff([]string{"Hezbollah Organization similar spelling"}, get(t, b, items)); diff != "" {
			t.Errorf("suggestions for a misspelling (-want +got):\n%s", diff)
		}
	})

	b.step(t, "path explorer", func(t *testing.T) {
		b.do(t,
			chromedp.Navigate(base+"/paths"),
			chromedp.WaitVisible(chromedp.ID("from")),
			chromedp.SendKeys(chromedp.ID("from"), "Shahid Hem"),
			chromedp.WaitVisible(chromedp.CSS("#path-form .suggestions li")),
			chromedp.Click(chromedp.CSS("#path-form .suggestions li")),
		)
		if from := get(t, b, chromedp.Value(chromedp.ID("from"))); from != "Shahid Hemmat Industrial Group" {
			t.Errorf("picking the suggestion put %q in From, want SHIG's name (not its id)", from)
		}
		b.do(t,
			chromedp.SendKeys(chromedp.ID("to"), "Houthis"),
			chromedp.Click(chromedp.ID("find")),
			chromedp.WaitVisible(chromedp.ID("evidence-1")),
		)
		if loc := get(t, b, chromedp.Location()); !strings.Contains(loc, "from=Shahid+Hemmat+Industrial+Group") || !strings.Contains(loc, "to=Houthis") {
			t.Errorf("the form went to %s, want a GET URL with its values", loc)
		}
		want := [][]string{
			{"1", "Shahid Hemmat Industrial Group", "COOPERATED_WITH →", "Korea Mining Development Trading Corporation", "since 2016-01", "completed", "reported",
				"SHIG's relationship with KOMID was announced", "38 North", "US Treasury Department, January 2016"},
			{"2", "Korea Mining Development Trading Corporation", "SUPPLIED →", "Houthis", "2018-08", "completed", "alleged",
				`KOMID was trying to supply "arms" to the Houthis`, "38 North", "UN Panel of Experts report, August 2018"},
		}
		if diff := cmp.Diff(want, get(t, b, tableRows("#evidence-1"))); diff != "" {
			t.Errorf("evidence table (-want +got):\n%s", diff)
		}
		// The page states the query and each path's strength, and offers the CSV.
		said := get(t, b, chromedp.Evaluate[[]string](`[document.querySelector('#query').innerText, document.querySelector('#reason-1').innerText, document.querySelector('#csv').getAttribute('href')]`))
		if !strings.Contains(said[0], "operational and political links, not mentions") || !strings.HasPrefix(said[1], "2 hops") || !strings.Contains(said[2], "format=csv") {
			t.Errorf("query line, reason and CSV link = %q", said)
		}
		got := slices.Compact(slices.Sorted(slices.Values(get(t, b, links))))
		if diff := cmp.Diff([]string{"/entities/houthis", "/entities/komid", "/entities/shig"}, got); diff != "" {
			t.Errorf("diagram node links (-want +got):\n%s", diff)
		}
		perma := get(t, b, chromedp.AttributeValue(chromedp.ID("permalink"), "href")).Value
		if !strings.Contains(perma, "from=shig") || !strings.Contains(perma, "to=houthis") {
			t.Errorf("permalink = %q, want the query with ids", perma)
		}

		// Zoom in: the drawing gets wider.
		width := chromedp.Evaluate[float64](`document.querySelector('#diagram svg').getBoundingClientRect().width`)
		before := get(t, b, width)
		b.do(t, chromedp.Click(chromedp.CSS(`[data-zoom="in"]`)))
		if after := get(t, b, width); after <= before {
			t.Errorf("zoom in: width %v -> %v, want it to grow", before, after)
		}

		// Click KOMID in the diagram and land on its page.
		b.do(t,
			chromedp.Click(chromedp.CSS(`#diagram svg a[*|href="/entities/komid"]`)),
			chromedp.WaitVisible(chromedp.ID("entity-name")),
		)
		loc := get(t, b, chromedp.Location())
		name := get(t, b, chromedp.Text(chromedp.ID("entity-name")))
		if !strings.HasSuffix(loc, "/entities/komid") || !strings.HasPrefix(name, "Korea Mining") {
			t.Errorf("clicking the KOMID node led to %s titled %q", loc, name)
		}

		// The permalink reproduces the result.
		b.do(t, chromedp.Navigate(base+perma), chromedp.WaitVisible(chromedp.ID("evidence-1")))
		if diff := cmp.Diff(want, get(t, b, tableRows("#evidence-1"))); diff != "" {
			t.Errorf("permalink evidence (-want +got):\n%s", diff)
		}
	})

	b.step(t, "entity timeline", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/entities/komid"), chromedp.WaitVisible(chromedp.ID("timeline")))
		var dates []string
		for _, r := range get(t, b, tableRows("#timeline")) {
			dates = append(dates, r[0])
		}
		if diff := cmp.Diff([]string{"since 2016-01", "2018-08"}, dates); diff != "" {
			t.Errorf("timeline dates (-want +got):\n%s", diff)
		}
		if undated := get(t, b, tableRows("#undated")); len(undated) != 1 || undated[0][1] != "undated" || !strings.Contains(undated[0][2], "PART_OF → North Korea") {
			t.Errorf("undated = %q, want KOMID PART_OF North Korea", undated)
		}
		if l := get(t, b, links); len(l) != 4 {
			t.Errorf("neighbourhood diagram links %q, want KOMID and its 3 neighbours", l)
		}
	})

	b.step(t, "timeline marks and as-of", func(t *testing.T) {
		b.do(t, chromedp.Navigate(base+"/entities/north-korea"), chromedp.WaitVisible(chromedp.ID("timeline")))
		marks := chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#timeline tbody tr')).map(tr => tr.className + ' ' + tr.querySelector('.mark').className + ' ' + (tr.querySelector('.mark').getBoundingClientRect().width > 20 ? 'long' : 'short'))`)
		// Relations since 1973 are a state: a bar to the edge; the 1990-11
		// training is an event: a point.
		if diff := cmp.Diff([]string{"held mark bar open long", "held mark point short"}, get(t, b, marks)); diff != "" {
			t.Errorf("timeline marks (-want +got):\n%s", diff)
		}
		if undated := get(t, b, tableRows("#undated")); len(undated) != 1 || undated[0][1] != "undated" {
			t.Errorf("undated rows = %q, want one that says undated", undated)
		}
		if l := get(t, b, links); len(l) != 4 {
			t.Errorf("diagram links %q, want North Korea and its 3 neighbours", l)
		}
		// Drag the slider to 2000: the page shows the network as it stood
		// then. The training of 1990 is a past event, so IRGC drops out.
		b.do(t,
			chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('as-of-slider'); s.value = '2000'; s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change')); })()`),
			chromedp.WaitVisible(chromedp.ID("as-of-note")),
		)
		if loc := get(t, b, chromedp.Location()); !strings.Contains(loc, "as_of=2000") {
			t.Errorf("the slider led to %s, want as_of=2000", loc)
		}
		if note := get(t, b, chromedp.Text(chromedp.ID("as-of-note"))); !strings.Contains(note, "as of 2000") || !strings.Contains(note, "undated claims included") {
			t.Errorf("as-of note = %q", note)
		}
		if diff := cmp.Diff([]string{"held mark bar open long", "not-held mark point short"}, get(t, b, marks)); diff != "" {
			t.Errorf("timeline as of 2000 (-want +got):\n%s", diff)
		}
		got := slices.Sorted(slices.Values(get(t, b, links)))
		if diff := cmp.Diff([]string{"/entities/iran", "/entities/komid", "/entities/north-korea"}, got); diff != "" {
			t.Errorf("diagram as of 2000 (-want +got):\n%s", diff)
		}
		// With past events the training is back.
		// The old page has a note too: mark it, and wait for the new one.
		b.do(t,
			chromedp.Evaluate[chromedp.Void](`document.body.dataset.old = "1"`),
			chromedp.Click(chromedp.ID("include_past_events")),
			chromedp.Click(chromedp.ID("as-of-apply")),
			chromedp.WaitVisible(chromedp.CSS("body:not([data-old]) #as-of-note")),
		)
		if note := get(t, b, chromedp.Text(chromedp.ID("as-of-note"))); !strings.Contains(note, "events up to then") {
			t.Errorf("as-of note with past events = %q", note)
		}
		if l := get(t, b, links); len(l) != 4 {
			t.Errorf("diagram as of 2000 with past events links %q, want 4 entities", l)
		}

		// The path page: IRGC reaches Iran through North Korea only by the
		// 1990 training, which is past in 2000.
		b.do(t,
			chromedp.Navigate(base+"/paths?from=irgc&to=iran&as_of=2000"),
			chromedp.WaitVisible(chromedp.CSS(".notice")),
		)
		if p := get(t, b, chromedp.Text(chromedp.CSS(".notice"))); !strings.Contains(p, "no path found") || !strings.Contains(p, "as of 2000") {
			t.Errorf("as of 2000 the path page says %q, want no path as of 2000", p)
		}
		b.do(t,
			chromedp.Click(chromedp.ID("include_past_events")),
			chromedp.Click(chromedp.ID("find")),
			chromedp.WaitVisible(chromedp.ID("evidence-1")),
		)
		if rows := get(t, b, tableRows("#evidence-1")); len(rows) != 2 {
			t.Errorf("with past events the path has %d hops, want 2", len(rows))
		}
	})

	b.step(t, "cypher console", func(t *testing.T) {
		b.do(t,
			chromedp.Navigate(base+"/cypher"),
			chromedp.WaitVisible(chromedp.ID("query")),
			chromedp.SetValue(chromedp.ID("query"), "MATCH (e:Entity) WHERE e.country = $c RETURN e.name AS name, e AS entity ORDER BY name"),
			chromedp.SetValue(chromedp.ID("params"), `{"c": "IR"}`),
			chromedp.Click(chromedp.ID("run")),
			chromedp.WaitVisible(chromedp.ID("rows")),
		)
		head := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#rows th')).map(th => th.innerText.trim())`))
		if diff := cmp.Diff([]string{"name", "entity"}, head); diff != "" {
			t.Errorf("columns (-want +got):\n%s", diff)
		}
		want := [][]string{{"Islamic Revolutionary Guard Corps", "Islamic Revolutionary Guard Corps"}, {"Shahid Hemmat Industrial Group", "Shahid Hemmat Industrial Group"}}
		if diff := cmp.Diff(want, get(t, b, tableRows("#rows"))); diff != "" {
			t.Errorf("rows (-want +got):\n%s", diff)
		}
		if l := get(t, b, links); len(l) != 2 {
			t.Errorf("console diagram links %q, want the 2 returned entities", l)
		}
		b.do(t,
			chromedp.SetValue(chromedp.ID("query"), "MATCH (e:Entity) DETACH DELETE e"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById('params').value = ''`),
			chromedp.Click(chromedp.ID("run")),
			chromedp.WaitVisible(chromedp.ID("problem")),
		)
		if problem := get(t, b, chromedp.Text(chromedp.ID("problem"))); !strings.Contains(problem, "read") {
			t.Errorf("a write in the console says %q, want a read-only refusal", problem)
		}
	})

	b.step(t, "hostile name stays text", func(t *testing.T) {
		const hostile = "<script>alert(1)</script>"
		b.do(t,
			chromedp.Navigate(base+"/entities/xss-test"),
			chromedp.WaitVisible(chromedp.ID("entity-name")),
			chromedp.Sleep(300*time.Millisecond), // time for an injected script to fire
		)
		if name := get(t, b, chromedp.Text(chromedp.ID("entity-name"))); !strings.HasPrefix(name, hostile) {
			t.Errorf("heading = %q, want the name as text", name)
		}
		if n := get(t, b, chromedp.Evaluate[int](`document.querySelectorAll('script').length`)); n != 1 {
			t.Errorf("the page has %d script elements, want only app.js", n)
		}
		if !get(t, b, chromedp.Evaluate[bool](`Array.from(document.querySelectorAll('#diagram svg text')).some(t => t.textContent.includes('<script>alert(1)</script>'))`)) {
			t.Errorf("the diagram does not show the name as text")
		}
		if quote := get(t, b, chromedp.Text(chromedp.CSS("#timeline td.quote"))); !strings.Contains(quote, `<img src=x onerror=alert(3)>`) {
			t.Errorf("evidence quote = %q, want the markup as text", quote)
		}
		b.do(t,
			chromedp.Navigate(base+"/paths?from=xss-test&to=komid"),
			chromedp.WaitVisible(chromedp.ID("evidence-1")),
			chromedp.Sleep(300*time.Millisecond),
		)
		if rows := get(t, b, tableRows("#evidence-1")); len(rows) == 0 || rows[0][1] != hostile {
			t.Errorf("path evidence = %q, want the hostile name as text in the first hop", rows)
		}
	})
}
