package main

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
)

// TestNeighbourhoodPDFIsOnePageAndReadable asks the real service for the
// IRGC's two-hop neighbourhood in the seed, narrowed by types and a window,
// as a PDF: it must be one page of A4/Letter size, and the drawing must
// not be shrunk so far that its names are unreadable when printed (the
// scale is the page against the same drawing's natural size in SVG).
func TestNeighbourhoodPDFIsOnePageAndReadable(t *testing.T) {
	if !requireDot(t) {
		return
	}
	loadSeed(t)
	base, _ := startServe(t, serveEnv(t))
	for _, tc := range []struct {
		q        string
		readable bool // names at 6 pt or more
	}{
		// The IRGC reaches the rest through Iran (PART_OF): the types
		// walked must include it for a second hop.
		{"/api/v1/entities/irgc/neighbors?depth=2&types=PART_OF,SUPPLIED,TRAINED,ASSISTED,COOPERATED_WITH&since=1990&until=2010", true},
		// Larger answers are still one page; how small they print is logged.
		{"/api/v1/entities/irgc/neighbors?depth=2&families=operational&since=1980&until=2020", false},
		{"/api/v1/entities/irgc/neighbors?depth=2", false},
	} {
		t.Run(tc.q, func(t *testing.T) { checkPDF(t, base, tc.q, tc.readable) })
	}
}

func checkPDF(t *testing.T, base, q string, readable bool) {

	pdf := httpDo(t, "GET", base+q+"&format=pdf", "", "")
	if pdf.status != 200 || !bytes.HasPrefix(pdf.body, []byte("%PDF")) {
		t.Fatalf("PDF: status %d, %.100q", pdf.status, pdf.body)
	}
	if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf.body, -1)); n != 1 {
		t.Errorf("the PDF has %d pages, want 1", n)
	}
	m := regexp.MustCompile(`/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]`).FindSubmatch(pdf.body)
	if m == nil {
		t.Fatalf("the PDF has no MediaBox")
	}
	num := func(b []byte) float64 {
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	pageW, pageH := num(m[3])-num(m[1]), num(m[4])-num(m[2])
	// A4 is 595 x 842 pt, Letter 612 x 792: the drawing fits inside both.
	if pageW > 595 || pageH > 792 || pageW < 100 || pageH < 100 {
		t.Errorf("the PDF page is %.0f x %.0f pt; want it to fit A4 and Letter", pageW, pageH)
	}

	svg := httpDo(t, "GET", base+q+"&format=svg", "", "")
	if svg.status != 200 {
		t.Fatalf("SVG: status %d %.200s", svg.status, svg.body)
	}
	sm := regexp.MustCompile(`<svg[^>]*\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"`).FindSubmatch(svg.body)
	if sm == nil {
		t.Fatalf("the SVG has no size in pt: %.300s", svg.body)
	}
	natW, natH := num(sm[1]), num(sm[2])
	scale := min(1, pageW/natW, pageH/natH)
	// Entity names are drawn at 11 pt and link labels at 9 pt.
	t.Logf("%d entities: drawing %.0f x %.0f pt on a %.0f x %.0f pt page: scale %.2f, names %.1f pt, link labels %.1f pt",
		bytes.Count(svg.body, []byte(`class="node"`)), natW, natH, pageW, pageH, scale, 11*scale, 9*scale)
	if readable && 11*scale < 6 {
		t.Errorf("names are printed at %.1f pt (scale %.2f of a %.0f x %.0f pt drawing); want at least 6 pt", 11*scale, scale, natW, natH)
	}
	if n := bytes.Count(svg.body, []byte(`class="node"`)); n < 3 {
		t.Errorf("the drawing has %d nodes; want the IRGC's neighbourhood", n)
	}
	if !bytes.Contains(svg.body, []byte("Islamic Revolutionary Guard")) {
		t.Errorf("the drawing does not name the IRGC")
	}
}
