package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"explorer/diagram"
)

// outFlags are the output flags of commands that can draw diagrams.
type outFlags struct {
	file    string
	layout  string
	rankdir string
}

func addOutFlags(fs *flag.FlagSet) *outFlags {
	o := &outFlags{}
	fs.StringVar(&o.file, "o", "", "write the output to this file instead of standard output")
	fs.StringVar(&o.layout, "layout", "dot", "diagram layout: dot, neato, fdp, sfdp or circo")
	fs.StringVar(&o.rankdir, "rankdir", "LR", "diagram direction with the dot layout: LR (left to right) or TB (top to bottom)")
	return o
}

// maybeRunRenderWorker turns this process into a diagram render worker when
// it was started as one (see diagram.MaybeRunWorker); main calls it first.
func maybeRunRenderWorker() { diagram.MaybeRunWorker() }

// checkFormat accepts the command's own formats and the diagram formats.
func checkFormat(f string, own ...string) error {
	all := append(own, "dot", "svg", "png", "pdf")
	if !slices.Contains(all, f) {
		return usagef("--format %q: want one of %s", f, strings.Join(all, ", "))
	}
	return nil
}

// writeDiagram draws in and writes it in format (dot, svg, png or pdf) to -o
// FILE or standard output. --format dot is the DOT source itself, ready for
// editing or for Graphviz; svg renders with go-graphviz in a worker process,
// png and pdf with the Graphviz dot program. Every layout stops at the
// engine's time limit or when ctx ends (Ctrl-C, SIGTERM); in this process a
// go-graphviz layout could not be stopped (see diagram.Wasm).
func (o *outFlags) writeDiagram(ctx context.Context, e env, format string, in diagram.Request) error {
	layout, err := diagram.ParseLayout(o.layout)
	if err != nil {
		return usagef("--layout %q: want one of %s", o.layout, strings.Join(diagram.Layouts, ", "))
	}
	rankdir, err := diagram.ParseRankDir(o.rankdir)
	if err != nil {
		return usagef("--rankdir %q: want LR or TB", o.rankdir)
	}
	f, err := diagram.ParseFormat(format)
	if err != nil || !slices.Contains([]diagram.Format{diagram.FormatDOT, diagram.FormatSVG, diagram.FormatPNG, diagram.FormatPDF}, f) {
		return usagef("--format %q: want dot, svg, png or pdf", format)
	}
	eng := diagram.New(diagram.Config{})
	defer eng.Close()
	out, err := eng.Draw(ctx, in, diagram.Options{Layout: layout, RankDir: rankdir}, f)
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
func (o *outFlags) write(e env, fn func(io.Writer) error) error {
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
