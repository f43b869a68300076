package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"explorer/graph"
)

func sourcesCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "sources",
		Short: "List the source documents claims come from",
		Long: `sources lists the source records: the documents claims quote (with the number of claims
quoting each) and the reports they cite. Unknown details stay empty. The web UI shows each
source's text with numbered paragraphs at /sources/ID.`,
		Example: `  explorer sources
  explorer sources --format json`,
		Args: noArgs,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	format := fs.String("format", "text", "output format: text or json")
	c.RunE = func(c *cobra.Command, _ []string) error {
		if err := oneOf("format", *format, "text", "json"); err != nil {
			return err
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		list, err := st.Sources(ctx)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(e.stdout, map[string]any{"sources": list})
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTITLE\tPUBLISHER\tPUBLISHED\tQUOTED BY\tCITED BY")
		for _, s := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\n", termSafe(s.ID), termSafe(s.Title), termSafe(s.Publisher), s.Published, s.Claims, s.Cited)
		}
		return tw.Flush()
	}
	return c
}

// sourceFields are the metadata flags of `source add` and `source set`.
type sourceFields struct {
	title, publisher, author, published, url, language, retrieved, licence string
}

func addSourceFlags(fs *pflag.FlagSet) *sourceFields {
	f := &sourceFields{}
	fs.StringVar(&f.title, "title", "", "title of the document")
	fs.StringVar(&f.publisher, "publisher", "", "publisher or issuing body")
	fs.StringVar(&f.author, "author", "", "author(s)")
	fs.StringVar(&f.published, "published", "", "publication date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.url, "url", "", "where the document can be read")
	fs.StringVar(&f.language, "language", "", "language code (en, ko, fa, ...)")
	fs.StringVar(&f.retrieved, "retrieved", "", "date the document was retrieved")
	fs.StringVar(&f.licence, "licence", "", "licence or copyright note")
	return f
}

func (f *sourceFields) source(id string) (graph.Source, error) {
	s := graph.Source{ID: id, Title: f.title, Publisher: f.publisher, Author: f.author, URL: f.url, Language: f.language, Licence: f.licence}
	for _, d := range []struct {
		flag, v string
		dst     *graph.PartialDate
	}{{"published", f.published, &s.Published}, {"retrieved", f.retrieved, &s.Retrieved}} {
		if d.v == "" {
			continue
		}
		p, err := graph.ParseDate(d.v)
		if err != nil {
			return s, usagef("--%s: %v", d.flag, err)
		}
		*d.dst = p
	}
	if !graph.ValidID(id) {
		return s, usagef("source id %q: want a lowercase slug of a-z, 0-9, '.', '_' and '-'", id)
	}
	return s, nil
}

func sourceCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "source",
		Short: "Add a source record or set its metadata",
		Long: `source add creates a source record (a document claims can quote or cite: its title is
required); source set changes the metadata given and keeps the rest, including the text.
Claims refer to sources by id (sourceId, citedSourceId in imports and the seed).`,
		Example: `  explorer source add un-poe-2019 --title "UN Panel of Experts report S/2019/171" --publisher "United Nations" --published 2019-03
  explorer source set 38north-dprk-iran --author "A. Writer" --url https://www.38north.org/...`,
	}
	for _, action := range []string{"add", "set"} {
		sub := &cobra.Command{
			Use:   action + " ID",
			Short: map[string]string{"add": "Create a source record", "set": "Set metadata of a source record"}[action],
			Example: map[string]string{
				"add": "  explorer source add un-poe-2019 --title \"UN Panel of Experts report\" --published 2019-03",
				"set": "  explorer source set 38north-dprk-iran --publisher \"38 North\"",
			}[action],
			Args: exactArgs(1, "a source id"),
		}
		fs := sub.Flags()
		conn := addConnFlags(fs, e.getenv)
		fields := addSourceFlags(fs)
		sub.RunE = func(c *cobra.Command, args []string) error {
			src, err := fields.source(args[0])
			if err != nil {
				return err
			}
			if action == "add" && src.Title == "" {
				return usagef("source add: --title is required")
			}
			if action == "set" && *fields == (sourceFields{}) {
				return usagef("source set: give at least one field to set (--title, --publisher, --author, --published, --url, --language, --retrieved, --licence)")
			}
			ctx := c.Context()
			st, closeFn, err := conn.open(ctx)
			if err != nil {
				return err
			}
			defer closeFn()
			if action == "add" {
				err = st.AddSource(ctx, src)
			} else {
				err = st.UpdateSource(ctx, src)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "source %s %s\n", termSafe(src.ID), map[string]string{"add": "added", "set": "updated"}[action])
			return nil
		}
		c.AddCommand(sub)
	}
	groupRun(c)
	return c
}
