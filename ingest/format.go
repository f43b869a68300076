package ingest

import (
	"path/filepath"
	"strings"

	"explorer/graph"
)

// Format is an import format.
type Format string

// The import formats.
const (
	CSV   Format = "csv"
	JSONL Format = "jsonl"
	FtM   Format = "ftm"
)

// Formats lists the import formats.
var Formats = []Format{CSV, JSONL, FtM}

// ParseFormat returns the import format named s.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case CSV, JSONL, FtM:
		return f, nil
	case "ndjson", "json":
		return JSONL, nil
	case "followthemoney":
		return FtM, nil
	}
	return "", graph.Errorf(graph.ErrInvalid, "unknown import format %q (want csv, jsonl or ftm)", s)
}

// FormatOf infers the format from a file name: .csv is CSV; .ftm, .ftm.json
// and .ftm.jsonl (OpenSanctions' entities.ftm.json) are FollowTheMoney;
// .jsonl, .ndjson and .json are JSON lines. A trailing .gz is ignored.
func FormatOf(name string) (Format, error) {
	n := strings.TrimSuffix(strings.ToLower(filepath.Base(name)), ".gz")
	switch {
	case strings.HasSuffix(n, ".csv"):
		return CSV, nil
	case strings.HasSuffix(n, ".ftm"), strings.HasSuffix(n, ".ftm.json"), strings.HasSuffix(n, ".ftm.jsonl"):
		return FtM, nil
	case strings.HasSuffix(n, ".jsonl"), strings.HasSuffix(n, ".ndjson"), strings.HasSuffix(n, ".json"):
		return JSONL, nil
	}
	return "", graph.Errorf(graph.ErrInvalid, "%s: cannot tell the format from the name; use --format csv|jsonl|ftm", name)
}
