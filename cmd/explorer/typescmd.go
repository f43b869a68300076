package main

import (
	"fmt"
	"text/tabwriter"

	"explorer/graph"
)

func cmdTypes(e env, args []string) error {
	if len(args) > 0 {
		return usagef("types takes no arguments")
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ENTITY TYPE\tMEANING")
	for _, t := range graph.EntityTypes {
		fmt.Fprintf(tw, "%s\t%s\n", t.Type, t.Meaning)
	}
	fmt.Fprintln(tw, "\nRELATIONSHIP TYPE\tDIRECTION\tFOLLOWTHEMONEY\tMEANING")
	for _, s := range graph.Vocabulary {
		dir := "directed"
		if s.Symmetric {
			dir = "symmetric"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s (%s -> %s)\t%s\n", s.Type, dir, s.FtM, s.FtMFrom, s.FtMTo, s.Meaning)
	}
	return tw.Flush()
}
