package main

// Everything the command line knows about diagrams lives in this file.

import (
	"bytes"
	"context"

	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"explorer/diagram"
	"explorer/graph"
	"explorer/web"
)

// diagramFormats are the output formats that draw a diagram.
var diagramFormats = []string{"dot", "svg", "png", "pdf"}

// outFlags are the output flags of commands that can draw diagrams.
type outFlags struct {
	file    string
	layout  string
	rankdir string
	// baseURL is the explorer service's public URL: diagrams link every
	// entity to its page there (absolute links), reports their sources.
	// Empty: diagrams without links, reports with relative ones.
	baseURL string
}

func addOutFlags(fs *pflag.FlagSet, getenv func(string) string) *outFlags {
	o := &outFlags{}
	fs.StringVarP(&o.file, "output", "o", "", "write the output to this file instead of standard output")
	fs.StringVar(&o.layout, "layout", "dot", "diagram layout: "+strings.Join(diagram.Layouts, ", "))
	fs.StringVar(&o.rankdir, "rankdir", "LR", "diagram direction with the dot layout: LR (left to right) or TB (top to bottom)")
	fs.StringVar(&o.baseURL, "base-url", getenv("EXPLORER_BASE_URL"), "the explorer service's public URL (https://explorer.example.org): diagram nodes link to their entity pages there, absolutely (default $EXPLORER_BASE_URL; empty: no links)")
	return o
}

// linkFormats are the formats besides diagrams that --base-url changes:
// the citable reports, whose source links it makes absolute.
var linkFormats = []string{"md", "html"}

// check validates the output flags for format: the diagram flags do
// nothing for text formats, --rankdir nothing with other layouts.
func (o *outFlags) check(c *cobra.Command, format string, own ...string) error {
	if err := oneOf("format", format, append(own, diagramFormats...)...); err != nil {
		return err
	}
	isDiagram := !contains(own, format)
	if err := onlyWith(c, "layout", isDiagram, "to diagram formats ("+strings.Join(diagramFormats, ", ")+")"); err != nil {
		return err
	}
	if err := onlyWith(c, "rankdir", isDiagram, "to diagram formats ("+strings.Join(diagramFormats, ", ")+")"); err != nil {
		return err
	}
	links := isDiagram || contains(linkFormats, format)
	if err := onlyWith(c, "base-url", links, "to diagram formats ("+strings.Join(diagramFormats, ", ")+") and reports (md, html)"); err != nil {
		return err
	}
	if !links {
		o.baseURL = "" // from the environment, and of no use here
	} else if o.baseURL != "" {
		base, err := web.ParseBaseURL(o.baseURL)
		if err != nil {
			from := "--base-url"
			if !c.Flags().Changed("base-url") {
				from = "$EXPLORER_BASE_URL"
			}
			return usagef("%s %q: want an absolute http or https URL such as https://explorer.example.org", from, o.baseURL)
		}
		o.baseURL = base
	}
	if _, err := diagram.ParseLayout(o.layout); err != nil {
		return usagef("--layout %q: want one of %s", o.layout, strings.Join(diagram.Layouts, ", "))
	}
	if _, err := diagram.ParseRankDir(o.rankdir); err != nil {
		return usagef("--rankdir %q: want LR or TB", o.rankdir)
	}
	return onlyWith(c, "rankdir", o.layout == "dot", "with --layout dot")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// maybeRunRenderWorker turns this process into a diagram render worker when
// it was started as one (see diagram.MaybeRunWorker); main calls it first.
func maybeRunRenderWorker() { diagram.MaybeRunWorker() }

// writeDiagram draws in and writes it in format (dot, svg, png or pdf) to -o
// FILE or standard output. --format dot is the DOT source itself, ready for
// editing or for Graphviz; svg renders with go-graphviz in a worker process,
// png and pdf with the Graphviz dot program. Every layout stops at the
// engine's time limit or when ctx ends (Ctrl-C, SIGTERM); in this process a
// go-graphviz layout could not be stopped (see diagram.Wasm).
func (o *outFlags) writeDiagram(ctx context.Context, e *env, format string, in diagram.Request) error {
	layout, _ := diagram.ParseLayout(o.layout)
	rankdir, _ := diagram.ParseRankDir(o.rankdir)
	f, err := diagram.ParseFormat(format)
	if err != nil || !slices.Contains([]diagram.Format{diagram.FormatDOT, diagram.FormatSVG, diagram.FormatPNG, diagram.FormatPDF}, f) {
		return usagef("--format %q: want dot, svg, png or pdf", format)
	}
	opt := diagram.Options{Layout: layout, RankDir: rankdir}
	if o.baseURL != "" {
		// Links as the service draws them, made absolute by the base URL.
		opt.NodeURL = func(e graph.Entity) string { return web.EntityURL(e.ID) }
		in.BaseURL = o.baseURL
	}
	eng := diagram.New(diagram.Config{})
	defer eng.Close()
	out, err := eng.Draw(ctx, in, opt, f)
	if err != nil {
		return fmt.Errorf("%s diagram: %w", format, err)
	}
	return o.write(e, func(w io.Writer) error {
		_, err := w.Write(out)
		return err
	})
}

// write sends what fn writes to -o FILE or to standard output. A file is
// written whole or not at all.
func (o *outFlags) write(e *env, fn func(io.Writer) error) error {
	if o.file == "" || o.file == "-" {
		return fn(e.stdout)
	}
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		return err
	}
	return writeFileAtomic(o.file, buf.Bytes())
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".explorer-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// diagramBackends are the choices of serve --diagrams.
var diagramBackends = []string{string(diagram.BackendWorker), string(diagram.BackendWasm), string(diagram.BackendNative)}

// newDiagrams returns the service's diagram renderer and registers its
// worker's counters as metrics. The web package keeps the render cache.
func newDiagrams(backend string, reg prometheus.Registerer) (*diagram.Engine, error) {
	eng := diagram.New(diagram.Config{Backend: diagram.Backend(backend)})
	stats := func(f func(diagram.Stats) float64) func() float64 {
		return func() float64 { return f(eng.Stats()) }
	}
	for _, c := range []prometheus.Collector{
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "explorer_diagram_worker_renders_total", Help: "Diagrams rendered by go-graphviz worker processes."},
			stats(func(s diagram.Stats) float64 { return float64(s.Worker.Renders) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "explorer_diagram_worker_recycled_total", Help: "Render worker processes retired (render count, memory or failure)."},
			stats(func(s diagram.Stats) float64 { return float64(s.Worker.Recycled) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "explorer_diagram_worker_killed_total", Help: "Render worker processes killed (timeout or cancellation)."},
			stats(func(s diagram.Stats) float64 { return float64(s.Worker.Killed) })),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "explorer_diagram_worker_rss_bytes", Help: "Resident memory of the live render worker processes."},
			stats(func(s diagram.Stats) float64 { return float64(s.Worker.RSS) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "explorer_diagram_fallbacks_total", Help: "Renders go-graphviz failed and native dot redid."},
			stats(func(s diagram.Stats) float64 { return float64(s.Fallbacks) })),
	} {
		if err := reg.Register(c); err != nil {
			eng.Close()
			return nil, err
		}
	}
	return eng, nil
}
