package ingest

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// ProgressPrinter shows the progress of an import (or an export, a
// generated load, a benchmark): on a terminal a progress bar per phase
// (schollz/progressbar) with the rate and the time left; elsewhere (a log,
// CI) a plain line every few seconds and at the end of each phase. Use its
// Update as Options.Progress.
type ProgressPrinter struct {
	// Label starts every line ("import" unless set).
	Label string

	w        io.Writer
	tty      bool
	now      func() time.Time
	interval time.Duration
	last     time.Time
	phase    string
	lastLine string
	bar      *progressbar.ProgressBar
}

// NewProgressPrinter returns a printer writing to w; tty says whether w is
// a terminal. A nil now means time.Now.
func NewProgressPrinter(w io.Writer, tty bool, now func() time.Time) *ProgressPrinter {
	if now == nil {
		now = time.Now
	}
	return &ProgressPrinter{Label: "import", w: w, tty: tty, now: now, interval: 5 * time.Second}
}

// Update records ev and shows it when it is time to.
func (p *ProgressPrinter) Update(ev Progress) {
	if p.tty {
		p.updateBar(ev)
		return
	}
	t := p.now()
	phaseDone := ev.Total > 0 && ev.Done >= ev.Total
	if ev.Phase != p.phase {
		p.phase = ev.Phase
		p.last = time.Time{}
	}
	if !phaseDone && !p.last.IsZero() && t.Sub(p.last) < p.interval {
		return
	}
	if p.last.IsZero() && (!phaseDone || ev.Elapsed < p.interval) {
		// A plain log gets its first line after one interval, so that a small
		// import prints nothing but its summary.
		p.last = t
		return
	}
	p.last = t
	line := formatProgress(p.Label, ev)
	if line == p.lastLine {
		return
	}
	p.lastLine = line
	fmt.Fprintln(p.w, line)
}

// updateBar draws ev on the phase's progress bar, starting a new bar when
// the phase changes. The read phase counts bytes; an unknown total (standard
// input, a gzipped file) shows a spinner with the rate.
func (p *ProgressPrinter) updateBar(ev Progress) {
	if ev.Phase != p.phase || p.bar == nil {
		p.Finish()
		p.phase = ev.Phase
		total := ev.Total
		if total <= 0 {
			total = -1
		}
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(p.Label + ": " + ev.Phase),
			progressbar.OptionSetWidth(30),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionThrottle(100 * time.Millisecond),
			progressbar.OptionSetRenderBlankState(true),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
		}
		if ev.Phase == "read" {
			opts = append(opts, progressbar.OptionShowBytes(true))
		} else {
			opts = append(opts, progressbar.OptionShowIts(), progressbar.OptionSetItsString(ev.Phase))
		}
		p.bar = progressbar.NewOptions64(total, opts...)
	}
	p.bar.Set64(ev.Done)
}

// Finish ends the progress bar being drawn on a terminal.
func (p *ProgressPrinter) Finish() {
	if p.bar == nil {
		return
	}
	if !p.bar.IsFinished() {
		p.bar.Finish()
		if p.bar.GetMax64() < 0 {
			fmt.Fprintln(p.w)
		}
	}
	p.bar = nil
}

// FormatProgress renders one plain progress line of an import with the rate
// and, when the total is known, the percentage and the estimated time left.
func FormatProgress(ev Progress) string { return formatProgress("import", ev) }

func formatProgress(label string, ev Progress) string {
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
		return fmt.Sprintf("%s: %s %s%s, %s%s/s", label, what, num(done), unit, num(rate), unit)
	}
	total := float64(ev.Total) / scale
	line := fmt.Sprintf("%s: %s %s/%s%s (%.0f%%), %s%s/s", label, what, num(done), num(total), unit, 100*done/total, num(rate), unit)
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
