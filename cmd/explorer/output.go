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

	"explorer/graph"
)

// outFlags are the output flags of commands that can draw diagrams.
type outFlags struct {
	file   string
	layout string
}

func addOutFlags(fs *flag.FlagSet) *outFlags {
	o := &outFlags{}
	fs.StringVar(&o.file, "o", "", "write the output to this file instead of standard output")
	fs.StringVar(&o.layout, "layout", "dot", "diagram layout: dot, neato, fdp, sfdp or circo")
	return o
}

// diagramInput is what a diagram is drawn from.
type diagramInput struct {
	Title    string
	Graph    graph.Subgraph
	Paths    []graph.Path
	Endpoint []string
}

// checkFormat accepts the command's own formats and the diagram formats.
func checkFormat(f string, own ...string) error {
	all := append(own, "dot", "svg", "png", "pdf")
	if !slices.Contains(all, f) {
		return usagef("--format %q: want one of %s", f, strings.Join(all, ", "))
	}
	return nil
}

func (o *outFlags) writeDiagram(ctx context.Context, e env, format string, in diagramInput) error {
	return fmt.Errorf("diagram output (%s) is not built yet", format)
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
