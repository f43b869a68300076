package main

import (
	"context"
	"flag"
	"fmt"
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
