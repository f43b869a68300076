package ingest

import (
	"fmt"
	"io"
	"time"
)

// ProgressPrinter shows an import's progress: on a terminal one line that
// is redrawn in place, elsewhere (a log, CI) a plain line every few seconds
// and at the end of each phase. Use its Update as Options.Progress.
type ProgressPrinter struct {
	w        io.Writer
	tty      bool
	now      func() time.Time
	interval time.Duration
	last     time.Time
	phase    string
	drawn    bool
	lastLine string
}

// NewProgressPrinter returns a printer writing to w; tty says whether w is
// a terminal. A nil now means time.Now.
func NewProgressPrinter(w io.Writer, tty bool, now func() time.Time) *ProgressPrinter {
	if now == nil {
		now = time.Now
	}
	p := &ProgressPrinter{w: w, tty: tty, now: now, interval: 5 * time.Second}
	if tty {
		p.interval = 100 * time.Millisecond
	}
	return p
}

// Update records ev and prints it when it is time to.
func (p *ProgressPrinter) Update(ev Progress) {
	t := p.now()
	phaseDone := ev.Total > 0 && ev.Done >= ev.Total
	if ev.Phase != p.phase {
		p.endLine()
		p.phase = ev.Phase
		p.last = time.Time{}
	}
	if !phaseDone && !p.last.IsZero() && t.Sub(p.last) < p.interval {
		return
	}
	if !p.tty && p.last.IsZero() && (!phaseDone || ev.Elapsed < p.interval) {
		// A plain log gets its first line after one interval, so that a small
		// import prints nothing but its summary.
		p.last = t
		return
	}
	p.last = t
	line := FormatProgress(ev)
	if line == p.lastLine {
		return
	}
	p.lastLine = line
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		p.drawn = true
		return
	}
	fmt.Fprintln(p.w, line)
}

// Finish ends the line being redrawn on a terminal.
func (p *ProgressPrinter) Finish() { p.endLine() }

func (p *ProgressPrinter) endLine() {
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// FormatProgress renders one progress line with the rate and, when the
// total is known, the percentage and the estimated time left.
func FormatProgress(ev Progress) string {
	unit, scale := "", 1.0
	what := ev.Phase
	if ev.Phase == "read" {
		unit, scale = " MiB", 1<<20
	}
	done := float64(ev.Done) / scale
	rate := 0.0
	if s := ev.Elapsed.Seconds(); s > 0 {
		rate = done / s
	}
	num := func(v float64) string {
		if unit != "" {
			return fmt.Sprintf("%.1f", v)
		}
		return groupDigits(int64(v))
	}
	if ev.Total <= 0 {
		return fmt.Sprintf("import: %s %s%s, %s%s/s", what, num(done), unit, num(rate), unit)
	}
	total := float64(ev.Total) / scale
	line := fmt.Sprintf("import: %s %s/%s%s (%.0f%%), %s%s/s", what, num(done), num(total), unit, 100*done/total, num(rate), unit)
	if rate > 0 && done < total {
		eta := time.Duration((total - done) / rate * float64(time.Second))
		line += ", ETA " + eta.Round(time.Second).String()
	} else if done >= total {
		line += ", done in " + ev.Elapsed.Round(10*time.Millisecond).String()
	}
	return line
}

// groupDigits writes n with thousands separators: 1234567 is 1,234,567.
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
