package ingest_test

import (
	"strings"
	"testing"
	"time"

	"explorer/ingest"
)

func TestFormatProgress(t *testing.T) {
	tests := []struct {
		ev   ingest.Progress
		want string
	}{
		{ingest.Progress{Phase: "relationships", Done: 250000, Total: 1000000, Elapsed: 5 * time.Second},
			"import: relationships 250,000/1,000,000 (25%), 50,000/s, ETA 15s"},
		{ingest.Progress{Phase: "read", Done: 10 << 20, Total: 40 << 20, Elapsed: 2 * time.Second},
			"import: read 10.0/40.0 MiB (25%), 5.0 MiB/s, ETA 6s"},
		{ingest.Progress{Phase: "read", Done: 3 << 20, Elapsed: time.Second},
			"import: read 3.0 MiB, 3.0 MiB/s"},
		{ingest.Progress{Phase: "entities", Done: 10, Total: 10, Elapsed: 1500 * time.Millisecond},
			"import: entities 10/10 (100%), 6/s, done in 1.5s"},
	}
	for _, tt := range tests {
		if got := ingest.FormatProgress(tt.ev); got != tt.want {
			t.Errorf("FormatProgress(%+v) = %q, want %q", tt.ev, got, tt.want)
		}
	}
}

func TestProgressPrinter(t *testing.T) {
	now := time.Unix(0, 0)
	clock := func() time.Time { return now }
	var plain strings.Builder
	p := ingest.NewProgressPrinter(&plain, false, clock)
	for i := range 100 {
		now = now.Add(time.Second)
		p.Update(ingest.Progress{Phase: "relationships", Done: int64(i + 1), Total: 100, Elapsed: time.Duration(i+1) * time.Second})
	}
	p.Update(ingest.Progress{Phase: "check", Done: 5, Total: 5, Elapsed: time.Second})
	p.Finish()
	lines := strings.Split(strings.TrimSpace(plain.String()), "\n")
	if len(lines) != 20 || !strings.Contains(lines[len(lines)-1], "100/100 (100%)") {
		t.Errorf("plain output: %d lines, last %q; want one every 5 s and the end", len(lines), lines[len(lines)-1])
	}
	if strings.Contains(plain.String(), "\r") || strings.Contains(plain.String(), "\x1b") {
		t.Errorf("plain output redraws or colours: %q", plain.String())
	}

	// On a terminal: a progress bar per phase with count, rate and time.
	var tty strings.Builder
	p = ingest.NewProgressPrinter(&tty, true, clock)
	p.Label = "export"
	for i := range 4 {
		p.Update(ingest.Progress{Phase: "entities", Done: int64(i + 1), Total: 4, Elapsed: time.Duration(i+1) * time.Second})
	}
	p.Update(ingest.Progress{Phase: "read", Done: 3 << 20, Elapsed: time.Second})
	p.Finish()
	got := tty.String()
	for _, want := range []string{"export: entities", "100%", "4/4", "entities/s", "export: read", "MB"} {
		if !strings.Contains(got, want) {
			t.Errorf("terminal output %q lacks %q", got, want)
		}
	}
	if !strings.Contains(got, "\r") || !strings.HasSuffix(got, "\n") {
		t.Errorf("terminal output %q: want a bar redrawn in place and a final newline", got)
	}
}
