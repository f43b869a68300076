package web

import (
	"math"
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

func TestNeighborsFit(t *testing.T) {
	tests := []struct {
		query         string
		status        int
		width, height float64
	}{
		{"format=png", http.StatusOK, 0, 0},
		{"format=png&width=1440", http.StatusOK, 10, 1440 * 1.414 / 144},
		{"format=pdf", http.StatusOK, 7, 10},
		{"format=svg", http.StatusOK, 0, 0},
		{"format=png&width=100", http.StatusBadRequest, 0, 0},
		{"format=png&width=wide", http.StatusBadRequest, 0, 0},
		{"format=svg&width=800", http.StatusBadRequest, 0, 0},
		{"format=pdf&width=800", http.StatusBadRequest, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			ts := newTestServer(t)
			w := ts.do(http.MethodGet, "/api/v1/entities/komid/neighbors?"+tt.query, "")
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			if tt.status != http.StatusOK {
				if !strings.Contains(w.Body.String(), `parameter \"width\"`) {
					t.Errorf("error does not name width: %s", w.Body)
				}
				return
			}
			if got := ts.d.last; math.Abs(got.FitWidth-tt.width) > 1e-9 || math.Abs(got.FitHeight-tt.height) > 1e-9 {
				t.Errorf("fit = %v × %v, want %v × %v", got.FitWidth, got.FitHeight, tt.width, tt.height)
			}
		})
	}
}
