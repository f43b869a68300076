package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestNeighborsPDF(t *testing.T) {
	ts := newTestServer(t)
	w := ts.do(http.MethodGet, "/api/v1/entities/komid/neighbors?format=pdf", "")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type = %q, want application/pdf", ct)
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, "komid-neighbors.pdf") {
		t.Errorf("Content-Disposition = %q, want a .pdf file name", cd)
	}
	if !strings.HasPrefix(w.Body.String(), "%PDF") {
		t.Errorf("body = %.20q, want the renderer's PDF", w.Body.String())
	}
	if got := ts.d.last.Highlight; len(got) != 1 || got[0] != "komid" {
		t.Errorf("highlight = %q, want the centre", got)
	}
	w = ts.do(http.MethodGet, "/entities/komid", "")
	if !strings.Contains(w.Body.String(), `format=pdf" download>Download PDF</a>`) {
		t.Error("the entity page offers no PDF download")
	}
	w = ts.do(http.MethodGet, "/api/v1/entities/komid/neighbors?format=tiff", "")
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "pdf") {
		t.Errorf("format=tiff: status %d, body %s; want 400 listing pdf", w.Code, w.Body)
	}
}
