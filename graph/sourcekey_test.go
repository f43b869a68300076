package graph_test

import (
	"errors"
	"strings"
	"testing"

	"explorer/graph"
)

func TestSourceURLKey(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		invalid  bool
	}{
		{in: "https://www.38north.org/2021/07/x/", want: "https://www.38north.org/2021/07/x"},
		{in: "HTTPS://WWW.38North.org/2021/07/x#top", want: "https://www.38north.org/2021/07/x"},
		{in: " https://example.org/ ", want: "https://example.org"},
		{in: "https://example.org/a?id=1#p", want: "https://example.org/a?id=1"},
		// The path and query keep their case: servers may tell them apart.
		{in: "https://example.org/Report", want: "https://example.org/Report"},
		{in: "www.example.org/x", invalid: true},
		{in: "/report", invalid: true},
		{in: "mailto:a@example.org", invalid: true},
		{in: "http://[::1", invalid: true},
	} {
		got, err := graph.SourceURLKey(tc.in)
		if tc.invalid {
			if !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("SourceURLKey(%q) = %q, %v, want ErrInvalid", tc.in, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("SourceURLKey(%q) = %q, %v, want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestImportedSourceID(t *testing.T) {
	url := graph.ImportedSourceID("https://www.38north.org/2021/07/x")
	title := graph.ImportedSourceID(graph.SourceTitleKey("UN Panel of Experts  report", "United Nations"))
	for _, tc := range []struct{ name, got, want string }{
		{"from a URL", url, "src-38north-org-2021-07-x-"},
		{"from a title", title, "src-un-panel-of-experts-report-"},
	} {
		if !graph.ValidID(tc.got) || len(tc.got) != len(tc.want)+8 || tc.got[:len(tc.want)] != tc.want {
			t.Errorf("%s: ImportedSourceID = %q, want %q and 8 hex digits", tc.name, tc.got, tc.want)
		}
	}
	if again := graph.ImportedSourceID(graph.SourceTitleKey("un panel of experts report", "UNITED NATIONS")); again != title {
		t.Errorf("the same title and publisher in other case give %q and %q, want one id", again, title)
	}
	if other := graph.ImportedSourceID(graph.SourceTitleKey("UN Panel of Experts report", "")); other == title {
		t.Errorf("another publisher gives the same id %q", other)
	}
	long := graph.ImportedSourceID("https://example.org/" + strings.Repeat("a", 300))
	if !graph.ValidID(long) {
		t.Errorf("ImportedSourceID of a long URL = %q, not a valid id", long)
	}
}
