package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"explorer/graph"
)

// filterFlags are the filters shared by path and neighbors.
type filterFlags struct {
	types, since, until, exclude string
	directed, datedOnly          bool
}

func addFilterFlags(fs *pflag.FlagSet) *filterFlags {
	f := &filterFlags{}
	fs.StringVar(&f.types, "types", "", "relationship types to walk, comma-separated (see 'explorer types')")
	fs.StringVar(&f.since, "since", "", "keep relationships that hold on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.until, "until", "", "keep relationships that hold on or before this date")
	fs.StringVar(&f.exclude, "exclude", "", "entities (ids, names or aliases, comma-separated) not to walk through")
	fs.BoolVar(&f.directed, "directed", false, "follow relationships only in their stored direction")
	fs.BoolVar(&f.datedOnly, "dated-only", false, "walk only dated relationships (undated ones pass every window otherwise)")
	return f
}

// parse checks the flags that need no database.
func (f *filterFlags) parse() (graph.Filter, error) {
	var out graph.Filter
	var err error
	if out.Types, err = graph.ParseRelTypes(f.types); err != nil {
		return out, usagef("--types: %v", err)
	}
	if f.since != "" {
		if out.Window.Since, err = graph.ParseDate(f.since); err != nil {
			return out, usagef("--since: %v", err)
		}
	}
	if f.until != "" {
		if out.Window.Until, err = graph.ParseDate(f.until); err != nil {
			return out, usagef("--until: %v", err)
		}
	}
	if err := out.Window.Validate(); err != nil {
		return out, usagef("%v", err)
	}
	out.Directed = f.directed
	out.DatedOnly = f.datedOnly
	return out, nil
}

// resolveExcluded resolves --exclude through st into out.
func (f *filterFlags) resolveExcluded(ctx context.Context, st *graph.Store, out *graph.Filter) error {
	for _, ref := range strings.Split(f.exclude, ",") {
		if strings.TrimSpace(ref) == "" {
			continue
		}
		e, err := st.Resolve(ctx, ref)
		if err != nil {
			return fmt.Errorf("--exclude: %w", err)
		}
		out.Exclude = append(out.Exclude, e.ID)
	}
	return nil
}

// onlyWith makes a flag that would do nothing an error: flag may be given
// only when ok holds; why says when it applies.
func onlyWith(c *cobra.Command, flag string, ok bool, why string) error {
	if c.Flags().Changed(flag) && !ok {
		return usagef("--%s applies only %s", flag, why)
	}
	return nil
}

// inRange checks an integer flag.
func inRange(flag string, v, lo, hi int) error {
	if v < lo || v > hi {
		return usagef("--%s %d: want %d to %d", flag, v, lo, hi)
	}
	return nil
}

// oneOf checks a flag against its choices.
func oneOf(flag, v string, choices ...string) error {
	if !slices.Contains(choices, v) {
		return usagef("--%s %q: want one of %s", flag, v, strings.Join(choices, ", "))
	}
	return nil
}
