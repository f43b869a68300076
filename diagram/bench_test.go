package diagram

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// BenchmarkRender100 renders 100-node diagrams (legend included) to SVG
// with each backend and reports the median and 90th percentile: "tree" is
// shaped like a two-hop neighbourhood (119 edges), "dense" adds long links
// across it (149 edges), the hard case for dot. Run:
//
//	go test ./diagram -run XXX -bench Render100 -benchtime 200x
func BenchmarkRender100(b *testing.B) {
	graphs := map[string]Diagram{
		"tree":  Build(Request{Title: "100 nodes", Graph: bigGraph(100)}, Options{}),
		"dense": Build(Request{Title: "100 nodes", Graph: denseGraph(100)}, Options{}),
	}
	w := NewWorker(WorkerConfig{MaxRenders: 1 << 30})
	defer w.Close()
	rs := map[string]Renderer{"wasm": NewWasm(Limits{}), "worker": w}
	if hasDot() {
		rs["native"] = NewNative(Limits{})
	}
	for _, g := range []string{"tree", "dense"} {
		dot := graphs[g]
		for _, name := range []string{"wasm", "worker", "native"} {
			r, ok := rs[name]
			if !ok {
				continue
			}
			b.Run(g+"/"+name, func(b *testing.B) {
				// Warm up: the first go-graphviz use compiles or loads
				// wasm, and the worker starts.
				if _, err := r.Render(context.Background(), dot, FormatSVG); err != nil {
					b.Fatal(err)
				}
				times := make([]time.Duration, 0, b.N)
				for b.Loop() {
					start := time.Now()
					if _, err := r.Render(context.Background(), dot, FormatSVG); err != nil {
						b.Fatal(err)
					}
					times = append(times, time.Since(start))
				}
				slices.Sort(times)
				b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
				b.ReportMetric(ms(times[len(times)*9/10]), "p90-ms")
			})
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchmarkRSS renders the same neighbourhood diagram b.N times and logs the
// resident memory every 1,000 renders: of this process for go-graphviz in
// process, and of this process plus its worker for the worker. Run each in
// its own process, so that one does not see the other's memory:
//
//	go test ./diagram -run XXX -bench 'RSS/inprocess' -benchtime 10000x -v
//	go test ./diagram -run XXX -bench 'RSS/worker' -benchtime 10000x -v
func BenchmarkRSS(b *testing.B) {
	dot := Build(Request{Title: "Iran's neighbourhood", Graph: richSubgraph()}, Options{})
	b.Run("inprocess", func(b *testing.B) {
		rssRun(b, NewWasm(Limits{}), dot, func() int64 { return 0 })
	})
	b.Run("worker", func(b *testing.B) {
		w := NewWorker(WorkerConfig{})
		defer w.Close()
		rssRun(b, w, dot, func() int64 { return w.Stats().RSS })
	})
}

func rssRun(b *testing.B, r Renderer, dot Diagram, child func() int64) {
	ctx := context.Background()
	if _, err := r.Render(ctx, dot, FormatSVG); err != nil {
		b.Fatal(err)
	}
	mb := func(n int64) string { return fmt.Sprintf("%4.0f MB", float64(n)/(1<<20)) }
	b.Logf("after     1 render:  self %s, worker %s", mb(residentBytes()), mb(child()))
	start := residentBytes() + child()
	var peakSelf, peakChild, peakTotal int64
	i := 1
	for b.Loop() {
		if _, err := r.Render(ctx, dot, FormatSVG); err != nil {
			b.Fatal(err)
		}
		i++
		self, c := residentBytes(), child()
		peakSelf, peakChild, peakTotal = max(peakSelf, self), max(peakChild, c), max(peakTotal, self+c)
		if i%1000 == 0 {
			b.Logf("after %5d renders: self %s, worker %s; peak since start: self %s, worker %s", i, mb(self), mb(c), mb(peakSelf), mb(peakChild))
		}
	}
	b.ReportMetric(float64(start)/(1<<20), "rss-start-MB")
	b.ReportMetric(float64(residentBytes()+child())/(1<<20), "rss-end-MB")
	b.ReportMetric(float64(peakTotal)/(1<<20), "rss-peak-MB")
}

// BenchmarkWorkerStart measures what a recycle costs: starting a worker
// process (which loads the compiled wasm from go-graphviz's cache in the
// temporary directory), its first render and its exit.
//
//	go test ./diagram -run XXX -bench WorkerStart -benchtime 20x
func BenchmarkWorkerStart(b *testing.B) {
	dot := pathDOT()
	for b.Loop() {
		w := NewWorker(WorkerConfig{})
		if _, err := w.Render(context.Background(), dot, FormatSVG); err != nil {
			b.Fatal(err)
		}
		w.Close()
	}
}
