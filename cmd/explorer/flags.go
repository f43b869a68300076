package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"explorer/graph"
)

// filterFlags are the filters shared by path and neighbors. graph parses
// them (graph.ParsePathQuery, graph.ParseNeighborQuery), as it parses the
// API's parameters: same caps, same messages.
type filterFlags struct {
	types, families, excludeTypes, since, until, exclude, minConfidence, status, undated string
	directed, datedOnly, withMentions, pastEvents                                        bool
	asOf                                                                                 string
}

func addFilterFlags(fs *pflag.FlagSet) *filterFlags {
	f := &filterFlags{}
	fs.StringVar(&f.types, "types", "", "relationship types to walk, comma-separated (see 'explorer types'); default: operational and political links")
	fs.StringVar(&f.families, "families", "", "link families to walk, comma-separated: operational, political, mention (with --types, both must allow a type)")
	fs.StringVar(&f.excludeTypes, "exclude-types", "", "relationship types not to walk, comma-separated")
	fs.BoolVar(&f.withMentions, "with-mentions", false, "also walk mention links (REPORTED_ON, PUBLISHED, ...: evidence of a link, not a link)")
	fs.StringVar(&f.since, "since", "", "keep relationships that hold on or after this date (YYYY, YYYY-MM, YYYY-MM-DD or a decade like 198X)")
	fs.StringVar(&f.until, "until", "", "keep relationships that hold on or before this date")
	fs.StringVar(&f.undated, "undated", "", "include or exclude relationships the source never dates (default include: they pass every window)")
	fs.BoolVar(&f.datedOnly, "dated-only", false, "walk only dated relationships (the same as --undated exclude)")
	fs.StringVar(&f.minConfidence, "min-confidence", "", "walk only claims at least this firm: confirmed, reported, assessed or alleged (default any)")
	fs.StringVar(&f.status, "status", "", "walk only claims with these statuses, comma-separated: completed, attempted, authorised, planned, intercepted (default any)")
	fs.StringVar(&f.exclude, "exclude", "", "entities (ids, names or aliases, comma-separated) not to walk through")
	fs.BoolVar(&f.directed, "directed", false, "follow relationships only in their stored direction")
	fs.StringVar(&f.asOf, "as-of", "", "the network as it stood on this date: states holding then, events of that date (undated relationships pass unless --dated-only)")
	fs.BoolVar(&f.pastEvents, "include-past-events", false, "with --as-of, also keep the events that had happened by then")
	return f
}

// params is the raw text of the filter flags for graph's parser.
func (f *filterFlags) params() graph.FilterParams {
	return graph.FilterParams{
		Types: f.types, Families: f.families, ExcludeTypes: f.excludeTypes, Since: f.since, Until: f.until, Exclude: f.exclude,
		MinConfidence: f.minConfidence, Status: f.status, Undated: f.undated,
		Directed: strconv.FormatBool(f.directed), DatedOnly: strconv.FormatBool(f.datedOnly), WithMentions: strconv.FormatBool(f.withMentions),
		AsOf: f.asOf, IncludePastEvents: strconv.FormatBool(f.pastEvents),
	}
}

// filterChoices are the completions of the filter flags with fixed values.
var filterChoices = map[string][]string{
	"min-confidence": {"confirmed", "reported", "assessed", "alleged"},
	"status":         {"completed", "attempted", "authorised", "planned", "intercepted"},
	"undated":        {"include", "exclude"},
	"families":       {"operational", "political", "mention"},
}

// queryError words an error of graph's parameter parser for the command
// line: a bad value is bad usage (exit 2) that names the flag, or the
// argument for positional ones (FROM, TO, ENTITY); an entity that cannot be
// resolved is an error (exit 1) that names it the same way.
func queryError(err error, args map[string]string) error {
	var e *graph.Error
	if !errors.As(err, &e) || e.Param == "" {
		return err
	}
	name := e.Flag()
	if a, ok := args[e.Param]; ok {
		name = a
	}
	if e.Err != nil {
		return fmt.Errorf("%s: %w", name, e.Err)
	}
	return usagef("%s: %s", name, e.Message)
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
