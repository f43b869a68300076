package main

import "flag"

type testFlags struct {
	fs          *flag.FlagSet
	format, out *string
}

func newTestFlagSet() testFlags {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	return testFlags{fs: fs, format: fs.String("format", "text", ""), out: fs.String("o", "", "")}
}
