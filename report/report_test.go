package report

import (
	"flag"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"explorer/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestSentence(t *testing.T) {
	no := false
	names := map[string]string{"komid": "KOMID", "houthis": "the Houthis", "o-jin-u": "O Jin U", "irgc": "IRGC", "aio": "AIO", "shig": "SHIG"}
	tests := []struct {
		r    graph.Relationship
		want string
	}{
		{graph.Relationship{Type: "SUPPLIED", From: "komid", To: "houthis", Start: graph.MustDate("2016"), Item: "missile parts", Status: graph.Attempted, Confidence: graph.Reported},
			"KOMID supplied missile parts to the Houthis in 2016. Status: attempted (someone tried and the source does not say it succeeded). The source reports this from another report it does not name."},
		{graph.Relationship{Type: "LEADS", From: "o-jin-u", To: "irgc", Attested: graph.MustDate("1990-11"), Confidence: graph.Confirmed},
			"O Jin U led IRGC (as attested in November 1990). The source states this as fact."},
		{graph.Relationship{Type: "SUBSIDIARY_OF", From: "shig", To: "aio", Start: graph.MustDate("2009-04"), Confidence: graph.Confirmed},
			"SHIG was a subsidiary of AIO from April 2009 onward. The source states this as fact."},
		{graph.Relationship{Type: "SUBSIDIARY_OF", From: "shig", To: "aio", Confidence: graph.Assessed},
			"SHIG was a subsidiary of AIO (undated). This is the author's assessment."},
		{graph.Relationship{Type: "LEADS", From: "o-jin-u", To: "irgc", Start: graph.MustDate("2013-05-02"), Ongoing: &no, Confidence: graph.Alleged},
			"O Jin U led IRGC on 2 May 2013 (ended at a date the source does not give). This is an allegation."},
		{graph.Relationship{Type: "SUPPLIED", From: "komid", To: "ghost", Start: graph.MustDate("198X"), End: graph.MustDate("1991"), Confidence: graph.Disputed},
			"KOMID supplied ghost from the 1980s to 1991. This is disputed."},
	}
	for _, tt := range tests {
		if got := Sentence(tt.r, names); got != tt.want {
			t.Errorf("Sentence(%s %s->%s) =\n  %q\nwant\n  %q", tt.r.Type, tt.r.From, tt.r.To, got, tt.want)
		}
	}
	// Every type of the vocabulary has a plain phrase.
	for _, s := range graph.Vocabulary {
		if _, ok := phrases[s.Type]; !ok {
			t.Errorf("type %s has no phrase", s.Type)
		}
	}
}

func fixture() Input {
	komid := graph.Entity{ID: "komid", Name: "KOMID", Type: graph.Organization}
	shig := graph.Entity{ID: "shig", Name: "Shahid Hemmat Industrial Group", Type: graph.Organization}
	houthis := graph.Entity{ID: "houthis", Name: "Houthis [Ansar Allah]", Type: graph.Organization}
	r1 := graph.Relationship{ID: "shig-komid", Type: "COOPERATED_WITH", From: "shig", To: "komid", Start: graph.MustDate("2016-01"),
		Evidence: "SHIG’s relationship with *KOMID*", Source: "38 North", SourceID: "article", Paragraph: 12, Confidence: graph.Reported,
		CitedSource: "UN Panel of Experts report", CitedSourceID: "un-poe"}
	r2 := graph.Relationship{ID: "komid-houthis", Type: "SUPPLIED", From: "komid", To: "houthis", Start: graph.MustDate("2016"),
		Item: "missiles", Status: graph.Attempted, Evidence: "KOMID was <trying> to supply the Houthis", Source: "38 North",
		SourceID: "article", Paragraph: 18, Confidence: graph.Reported}
	return Input{
		Title: "How SHIG is linked to the Houthis",
		Query: "paths from SHIG to Houthis, mode k-shortest, k 3, up to 4 hops",
		Paths: []graph.Path{
			{Nodes: []graph.Entity{shig, komid, houthis}, Relationships: []graph.Relationship{r1, r2}},
			{Nodes: []graph.Entity{shig, komid}, Relationships: []graph.Relationship{r1}},
		},
		Sources: map[string]graph.Source{
			"article": {ID: "article", Title: "The North Korea-Iran Relationship", Publisher: "38 North"},
			"un-poe":  {ID: "un-poe", Title: "UN Panel of Experts report", Published: graph.MustDate("2011-05")},
		},
		BaseURL: "https://explorer.example",
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n%s", name, got)
	}
}

// TestMarkdown checks the report against its golden file, and that a
// relationship shared by two paths has one note.
func TestMarkdown(t *testing.T) {
	md := Markdown(fixture())
	golden(t, "report.md", md)
	if n := strings.Count(md, "[1] "); n != 1 {
		t.Errorf("note 1 is written %d times", n)
	}
	if strings.Count(md, "[3]") != 0 {
		t.Errorf("a relationship shared by two paths got a second note:\n%s", md)
	}
	if !strings.Contains(md, `\*KOMID\*`) || !strings.Contains(md, `\[Ansar Allah\]`) {
		t.Errorf("Markdown markup in data is not escaped:\n%s", md)
	}
}

// TestHTML checks the HTML report: it parses, escapes data, and every note
// link points at a note and every paragraph link at its source paragraph.
func TestHTML(t *testing.T) {
	out := HTML(fixture())
	golden(t, "report.html", out)
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	var hrefs []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "trying" {
			t.Errorf("data became markup: <%s>", n.Data)
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "id":
				ids[a.Val] = true
			case "href":
				hrefs = append(hrefs, a.Val)
			}
		}
	}
	for _, h := range hrefs {
		switch {
		case strings.HasPrefix(h, "#"):
			if !ids[h[1:]] {
				t.Errorf("link %s points at no element", h)
			}
		case !strings.HasPrefix(h, "https://explorer.example/sources/article?rel="):
			t.Errorf("unexpected link %s", h)
		}
	}
	if !strings.Contains(out, "https://explorer.example/sources/article?rel=komid-houthis#p18") {
		t.Errorf("no link to paragraph 18 of the article:\n%s", out)
	}
}
