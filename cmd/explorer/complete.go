package main

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"explorer/graph"
)

// Shell completion asks the database for entity names through the
// full-text index, with short timeouts so that a Neo4j that is down or slow
// costs the shell about a second and no completions, never a hang.

// completionTimeout bounds one completion request end to end.
const completionTimeout = 2 * time.Second

// completeEntityArgs completes the first n positional arguments with entity
// names, aliases and ids.
func completeEntityArgs(conn *connFlags, n int) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return entityCompletions(c.Context(), conn, "", toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeList completes the last item of a comma-separated list.
func completeList(toComplete string, items func(prefix, word string) []cobra.Completion) ([]cobra.Completion, cobra.ShellCompDirective) {
	prefix, word := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		prefix, word = toComplete[:i+1], toComplete[i+1:]
	}
	return items(prefix, word), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// registerCompletions sets up the completion of --exclude (entities), of
// --types (the vocabulary) and of flags with fixed choices.
func registerCompletions(c *cobra.Command, conn *connFlags, choices map[string][]string) {
	if c.Flags().Lookup("exclude") != nil {
		c.RegisterFlagCompletionFunc("exclude", func(c *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeList(toComplete, func(prefix, word string) []cobra.Completion {
				return entityCompletions(c.Context(), conn, prefix, word)
			})
		})
	}
	if c.Flags().Lookup("types") != nil {
		c.RegisterFlagCompletionFunc("types", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeList(toComplete, typeCompletions)
		})
	}
	for flag, vals := range choices {
		c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp))
	}
}

// typeCompletions are the relationship types that start with word.
func typeCompletions(prefix, word string) []cobra.Completion {
	var out []cobra.Completion
	for _, s := range graph.Vocabulary {
		if strings.HasPrefix(string(s.Type), strings.ToUpper(word)) {
			out = append(out, cobra.CompletionWithDesc(prefix+string(s.Type), s.Meaning))
		}
	}
	return out
}

// entityCompletions are the names, aliases or ids of the entities that
// start with word, each described by its name and type. The label offered is
// one the shell will keep: one that starts with what was typed.
func entityCompletions(ctx context.Context, conn *connFlags, prefix, word string) []cobra.Completion {
	if strings.TrimSpace(word) == "" {
		return nil
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, completionTimeout)
	defer cancel()
	st, closeFn, err := conn.openWith(ctx, dialCompletion)
	if err != nil {
		return nil
	}
	defer closeFn()
	hits, err := st.Search(ctx, word, 30)
	if err != nil {
		return nil
	}
	var out []cobra.Completion
	seen := map[string]bool{}
	for _, h := range hits {
		if h.Match == graph.MatchDescription {
			continue
		}
		for _, label := range completionLabels(h.Entity, word) {
			if !seen[label] {
				seen[label] = true
				out = append(out, cobra.CompletionWithDesc(prefix+label, termSafe(h.Name+" ("+string(h.Type)+")")))
			}
		}
	}
	return out
}

// completionLabels picks the name, aliases and id of e that start with
// word as typed; failing that, the first that starts with it in another case.
func completionLabels(e graph.Entity, word string) []string {
	labels := append([]string{e.Name}, e.Aliases...)
	labels = append(labels, e.ID)
	var out []string
	for _, l := range labels {
		if strings.HasPrefix(l, word) && !strings.ContainsFunc(l, unsafeRune) {
			out = append(out, l)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, l := range labels {
		if len(l) >= len(word) && strings.EqualFold(l[:len(word)], word) && !strings.ContainsFunc(l, unsafeRune) {
			return []string{l}
		}
	}
	return nil
}
