package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"explorer/graph"
)

func typesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "types",
		Short:   "Print the entity and relationship vocabulary",
		Example: "  explorer types\n  explorer types | grep SUPPL",
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ENTITY TYPE\tMEANING")
			for _, t := range graph.EntityTypes {
				fmt.Fprintf(tw, "%s\t%s\n", t.Type, t.Meaning)
			}
			fmt.Fprintln(tw, "\nRELATIONSHIP TYPE\tFAMILY\tTIME\tDIRECTION\tFOLLOWTHEMONEY\tMEANING")
			for _, s := range graph.Vocabulary {
				dir := "directed"
				if s.Symmetric {
					dir = "symmetric"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s (%s -> %s)\t%s\n", s.Type, s.Family, s.Time, dir, s.FtM, s.FtMFrom, s.FtMTo, s.Meaning)
			}
			fmt.Fprintln(tw, "\nFAMILY\tMEANING")
			for _, f := range graph.Families {
				fmt.Fprintf(tw, "%s\t%s\n", f.Family, f.Meaning)
			}
			return tw.Flush()
		},
	}
}
