// Package report writes paths and neighbourhoods as short reports an
// investigator can cite: one plain sentence per hop (who did what to whom,
// when, how firmly the source states it), with numbered notes to the source,
// its paragraph and the report it cites. It is a pure function of graph
// values; cmd and web call it for `--format md|html` and the Cite control.
package report

import (
	"fmt"
	"html"
	"strings"
	"time"

	"explorer/graph"
)

// Input is what a report is written from.
type Input struct {
	// Title heads the report ("How SHIG is linked to the Houthis").
	Title string
	// Query states the question the report answers, so that it still says
	// what it shows when taken out of context.
	Query string
	// Paths are reported one section each; when empty, Relationships are
	// reported as one list (a neighbourhood).
	Paths         []graph.Path
	Relationships []graph.Relationship
	// Entities names the endpoints of Relationships (paths carry theirs).
	Entities []graph.Entity
	// Sources gives the records that notes cite, by id.
	Sources map[string]graph.Source
	// BaseURL, when set, makes links to source paragraphs absolute.
	BaseURL string
}

// hop is one sentence and the note it points to.
type hop struct {
	sentence string
	note     int
}

// section is a titled list of hops.
type section struct {
	title string
	hops  []hop
}

// note is one numbered note: a claim's evidence and where to read it.
type note struct {
	rel graph.Relationship
}

// build turns the input into sections and notes; Markdown and HTML only
// lay them out.
func build(in Input) ([]section, []note) {
	var notes []note
	noteOf := map[string]int{}
	add := func(r graph.Relationship) int {
		if n, ok := noteOf[r.ID]; ok && r.ID != "" {
			return n
		}
		notes = append(notes, note{rel: r})
		noteOf[r.ID] = len(notes)
		return len(notes)
	}
	var out []section
	if len(in.Paths) > 0 {
		for i, p := range in.Paths {
			s := section{title: fmt.Sprintf("Path %d: %d %s", i+1, p.Len(), plural(p.Len(), "hop", "hops"))}
			names := map[string]string{}
			for _, n := range p.Nodes {
				names[n.ID] = n.Name
			}
			for _, r := range p.Relationships {
				s.hops = append(s.hops, hop{sentence: Sentence(r, names), note: add(r)})
			}
			out = append(out, s)
		}
		return out, notes
	}
	names := map[string]string{}
	for _, e := range in.Entities {
		names[e.ID] = e.Name
	}
	s := section{title: fmt.Sprintf("%d %s", len(in.Relationships), plural(len(in.Relationships), "link", "links"))}
	for _, r := range in.Relationships {
		s.hops = append(s.hops, hop{sentence: Sentence(r, names), note: add(r)})
	}
	return append(out, s), notes
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Markdown writes the report as Markdown that pastes cleanly into an
// editor: headings, numbered lists and notes in square brackets (no
// extension syntax).
func Markdown(in Input) string {
	sections, notes := build(in)
	var b strings.Builder
	if in.Title != "" {
		fmt.Fprintf(&b, "# %s\n\n", mdEscape(in.Title))
	}
	if in.Query != "" {
		fmt.Fprintf(&b, "Query: %s\n\n", mdEscape(in.Query))
	}
	for _, s := range sections {
		fmt.Fprintf(&b, "## %s\n\n", s.title)
		for i, h := range s.hops {
			fmt.Fprintf(&b, "%d. %s [%d]\n", i+1, mdEscape(h.sentence), h.note)
		}
		b.WriteString("\n")
	}
	if len(notes) > 0 {
		b.WriteString("## Notes\n\n")
		for i, n := range notes {
			fmt.Fprintf(&b, "[%d] %s\n\n", i+1, mdNote(n.rel, in))
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// HTML writes the report as a standalone HTML fragment (an <article>).
func HTML(in Input) string {
	sections, notes := build(in)
	var b strings.Builder
	b.WriteString(`<article class="report">` + "\n")
	if in.Title != "" {
		fmt.Fprintf(&b, "<h1>%s</h1>\n", html.EscapeString(in.Title))
	}
	if in.Query != "" {
		fmt.Fprintf(&b, "<p class=\"query\">Query: %s</p>\n", html.EscapeString(in.Query))
	}
	for _, s := range sections {
		fmt.Fprintf(&b, "<h2>%s</h2>\n<ol>\n", html.EscapeString(s.title))
		for _, h := range s.hops {
			fmt.Fprintf(&b, "<li>%s <sup><a href=\"#note-%d\">[%d]</a></sup></li>\n", html.EscapeString(h.sentence), h.note, h.note)
		}
		b.WriteString("</ol>\n")
	}
	if len(notes) > 0 {
		b.WriteString("<h2>Notes</h2>\n<ol class=\"notes\">\n")
		for i, n := range notes {
			fmt.Fprintf(&b, "<li id=\"note-%d\">%s</li>\n", i+1, htmlNote(n.rel, in))
		}
		b.WriteString("</ol>\n")
	}
	b.WriteString("</article>\n")
	return b.String()
}

// noteParts are the pieces of a note, unescaped.
type noteParts struct {
	source, where, quote, cited, link string
}

func parts(r graph.Relationship, in Input) noteParts {
	var p noteParts
	src, ok := in.Sources[r.SourceID]
	switch {
	case ok && src.Publisher != "":
		p.source = src.Publisher + ", “" + src.Title + "”"
	case ok:
		p.source = "“" + src.Title + "”"
	default:
		p.source = r.Source
	}
	if ok && src.Author != "" {
		p.source = src.Author + ", " + p.source
	}
	if ok && !src.Published.IsZero() {
		p.source += " (" + src.Published.String() + ")"
	}
	if r.Paragraph > 0 {
		p.where = fmt.Sprintf("paragraph %d", r.Paragraph)
	}
	p.quote = r.Evidence
	if r.CitedSource != "" {
		p.cited = r.CitedSource
		if c, ok := in.Sources[r.CitedSourceID]; ok && !c.Published.IsZero() && !strings.Contains(p.cited, c.Published.String()) {
			p.cited += " (" + c.Published.String() + ")"
		}
	}
	switch {
	case ok && src.URL != "":
		p.link = src.URL
	case r.SourceURL != "":
		p.link = r.SourceURL
	}
	return p
}

func mdNote(r graph.Relationship, in Input) string {
	p := parts(r, in)
	s := mdEscape(p.source)
	if p.where != "" {
		s += ", " + p.where
	}
	if p.quote != "" {
		s += ": “" + mdEscape(p.quote) + "”"
	}
	if p.cited != "" {
		s += " Citing: " + mdEscape(p.cited) + "."
	}
	if p.link != "" {
		s += " <" + p.link + ">"
	}
	return s
}

func htmlNote(r graph.Relationship, in Input) string {
	p := parts(r, in)
	s := html.EscapeString(p.source)
	if p.where != "" {
		w := html.EscapeString(p.where)
		if r.SourceID != "" {
			u := in.BaseURL + "/sources/" + r.SourceID + "?rel=" + r.ID + fmt.Sprintf("#p%d", r.Paragraph)
			w = `<a href="` + html.EscapeString(u) + `">` + w + `</a>`
		}
		s += ", " + w
	}
	if p.quote != "" {
		s += ": <q>" + html.EscapeString(p.quote) + "</q>"
	}
	if p.cited != "" {
		s += " Citing: " + html.EscapeString(p.cited) + "."
	}
	if p.link != "" && (strings.HasPrefix(p.link, "https://") || strings.HasPrefix(p.link, "http://")) {
		s += ` <a href="` + html.EscapeString(p.link) + `" rel="noopener noreferrer nofollow">` + html.EscapeString(p.link) + `</a>`
	}
	return s
}

// mdEscape escapes the characters Markdown would read as markup.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`)
	return r.Replace(strings.Join(strings.Fields(s), " "))
}

// phrases are the plain-English form of each type: the verb between the two
// names, and where an item goes. Types missing here read "A – TYPE – B".
var phrases = map[graph.RelType]struct{ verb, itemVerb, itemPrep string }{
	"SUPPLIED":             {"supplied", "supplied", "to"},
	"ASSISTED":             {"assisted", "assisted", "with"},
	"TRAINED":              {"trained", "trained", "in"},
	"TRANSPORTED_FOR":      {"transported goods for", "transported", "for"},
	"BROKERED_FOR":         {"acted as a broker for", "brokered", "for"},
	"COOPERATED_WITH":      {"cooperated with", "cooperated on", "with"},
	"DIPLOMATIC_RELATIONS": {"held diplomatic relations with", "", ""},
	"MET_WITH":             {"met", "", ""},
	"VISITED":              {"visited", "", ""},
	"COMMUNICATED_WITH":    {"sent a message to", "", ""},
	"SUPPORTS":             {"supported", "", ""},
	"ACQUIRED":             {"acquired", "", ""},
	"DEVELOPED":            {"developed", "", ""},
	"DERIVED_FROM":         {"was derived from", "", ""},
	"RESEMBLES":            {"resembles", "", ""},
	"SUBSIDIARY_OF":        {"was a subsidiary of", "", ""},
	"PART_OF":              {"was part of", "", ""},
	"LOCATED_IN":           {"was located in", "", ""},
	"STATIONED_AT":         {"had personnel at", "", ""},
	"TRANSITED":            {"passed through", "", ""},
	"LEADS":                {"led", "", ""},
	"OFFICIAL_OF":          {"held an office in", "", ""},
	"MEMBER_OF":            {"was a member of", "", ""},
	"SIGNED":               {"signed", "", ""},
	"WITHDREW_FROM":        {"withdrew from", "", ""},
	"SANCTIONED":           {"sanctioned", "", ""},
	"DELISTED":             {"delisted", "", ""},
	"ACCUSED":              {"accused", "", ""},
	"PUBLISHED":            {"published", "", ""},
	"REPORTED_ON":          {"reported on", "", ""},
	"EXPOSED":              {"exposed", "", ""},
	"AMPLIFIED":            {"amplified", "", ""},
	"CONDUCTED":            {"conducted", "", ""},
	"PARTICIPATED_IN":      {"took part in", "", ""},
	"ATTACKED":             {"attacked", "", ""},
	"FOUGHT":               {"fought", "", ""},
	"DISPUTED_WITH":        {"clashed with", "", ""},
	"SEIZED":               {"seized", "seized", "from"},
	"USED":                 {"used", "", ""},
	"CRITICIZED":           {"criticised", "", ""},
	"OPPOSES":              {"opposed", "", ""},
	"OWNS":                 {"owned", "", ""},
	"TRANSFERRED_BETWEEN":  {"took part in a transfer, direction not given, with", "took part in a transfer of", "(direction not given) with"},
	"HELD_ASSETS_OF":       {"held assets of", "held", "for"},
	"NATIONAL_OF":          {"was a national of", "", ""},
	"LISTED_ON":            {"was listed on", "", ""},
	"DISPLAYED":            {"displayed", "", ""},
}

// confidencePhrases say how firmly the source states a claim.
var confidencePhrases = map[graph.Confidence]string{
	graph.Confirmed: "The source states this as fact.",
	graph.Reported:  "The source reports this from another report it does not name.",
	graph.Assessed:  "This is the author's assessment.",
	graph.Alleged:   "This is an allegation.",
	graph.Disputed:  "This is disputed.",
}

// Sentence writes one claim as a plain sentence: who did what to whom, with
// what, when, how far it went and how firmly it is stated. names maps entity
// ids to names (ids stand in for missing names).
func Sentence(r graph.Relationship, names map[string]string) string {
	name := func(id string) string {
		if n := names[id]; n != "" {
			return n
		}
		return id
	}
	from, to := name(r.From), name(r.To)
	ph, ok := phrases[r.Type]
	var s string
	switch {
	case !ok:
		s = from + " – " + string(r.Type) + " – " + to
	case r.Item != "" && ph.itemVerb != "":
		s = from + " " + ph.itemVerb + " " + r.Item + " " + ph.itemPrep + " " + to
	default:
		s = from + " " + ph.verb + " " + to
		if r.Item != "" {
			s += " (" + r.Item + ")"
		}
	}
	if w := When(r); w != "" {
		s += " " + w
	}
	s += "."
	if st := r.EffectiveStatus(); st != graph.Completed {
		for _, x := range graph.Statuses {
			if x.Status == st {
				s += " Status: " + string(st) + " (" + x.Meaning + ")."
			}
		}
	}
	switch c := confidencePhrases[r.Confidence]; {
	case r.Confidence == graph.Reported && r.CitedSource != "":
		s += " The source reports this, citing " + r.CitedSource + "."
	case c != "":
		s += " " + c
	}
	return s
}

// When says in words when a claim holds, by the one rule of time:
// "in November 1990", "from 1981 to 1983", "from April 2009 onward",
// "in 2013 (ended at a date the source does not give)", "as attested in
// November 1990", "at an unknown date".
func When(r graph.Relationship) string {
	switch {
	case !r.Attested.IsZero():
		return "(as attested " + dateWords(r.Attested, true) + ")"
	case r.Start.IsZero() && r.Ongoing != nil && !*r.Ongoing:
		return "(undated; it has ended)"
	case r.Start.IsZero():
		return "(undated)"
	case !r.End.IsZero():
		return "from " + dateWords(r.Start, false) + " to " + dateWords(r.End, false)
	case r.Lasting():
		return "from " + dateWords(r.Start, false) + " onward"
	case r.Ongoing != nil:
		return dateWords(r.Start, true) + " (ended at a date the source does not give)"
	}
	return dateWords(r.Start, true)
}

// dateWords writes a partial date in words; with in, as a time adverbial
// ("in 1990", "on 20 June 2021", "in the 1980s").
func dateWords(d graph.PartialDate, in bool) string {
	var s, prep string
	switch d.Prec {
	case graph.PrecisionDecade:
		s, prep = fmt.Sprintf("the %ds", d.Year), "in"
	case graph.PrecisionYear:
		s, prep = fmt.Sprintf("%d", d.Year), "in"
	case graph.PrecisionMonth:
		s, prep = time.Month(d.Month).String()+" "+fmt.Sprint(d.Year), "in"
	case graph.PrecisionDay:
		s, prep = fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year), "on"
	}
	if in {
		return prep + " " + s
	}
	return s
}
