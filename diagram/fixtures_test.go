package diagram

import (
	"fmt"

	"explorer/graph"
)

const source38North = "38 North, “North Korea and Iran: a long partnership”"

// komidPath is shaped like a real path answer: Houthis <- KOMID <- SHIG -> AIO,
// walked from the Houthis to AIO, so two hops run against their direction.
func komidPath() graph.Path {
	houthis := graph.Entity{ID: "houthis", Name: "Houthis", Type: graph.Organization, Aliases: []string{"Ansar Allah"}, Country: "Yemen",
		Description: "Zaydi Shia armed movement that controls northern Yemen."}
	komid := graph.Entity{ID: "komid", Name: "Korea Mining Development Trading Corporation", Type: graph.Organization, Aliases: []string{"KOMID"}, Country: "North Korea",
		Description: "North Korea's primary arms dealer and main exporter of ballistic-missile goods."}
	shig := graph.Entity{ID: "shig", Name: "Shahid Hemmat Industrial Group", Type: graph.Organization, Aliases: []string{"SHIG"}, Country: "Iran",
		Description: "Iranian liquid-propellant ballistic missile developer."}
	aio := graph.Entity{ID: "aio", Name: "Aerospace Industries Organization", Type: graph.Organization, Aliases: []string{"AIO"}, Country: "Iran"}
	return graph.Path{
		Nodes: []graph.Entity{houthis, komid, shig, aio},
		Relationships: []graph.Relationship{
			{ID: "komid-supplied-houthis-2018", Type: "SUPPLIED", From: "komid", To: "houthis", Start: graph.MustDate("2018-08"),
				Evidence: "A UN panel of experts said in August 2018 that KOMID had tried to sell conventional arms and ballistic missiles to the Houthis in Yemen, via a Syrian arms trafficker.",
				Source:   source38North, CitedSource: "UN Panel of Experts report, August 2018", Confidence: graph.Alleged},
			{ID: "shig-cooperated-komid-2016", Type: "COOPERATED_WITH", From: "shig", To: "komid", Start: graph.MustDate("2016-01"),
				Evidence: "In January 2016 the US Treasury sanctioned Iranian officials who had worked with KOMID to develop an 80-ton rocket booster with SHIG.",
				Source:   source38North, SourceURL: "https://www.38north.org/", Confidence: graph.Confirmed},
			{ID: "shig-subsidiary-aio", Type: "SUBSIDIARY_OF", From: "shig", To: "aio",
				Evidence: "SHIG, a subsidiary of Iran's Aerospace Industries Organization (AIO)…", Source: source38North, Confidence: graph.Reported},
		},
	}
}

// richSubgraph has every entity type, every confidence level, a date range,
// an unknown type, a dangling endpoint and hostile text.
func richSubgraph() graph.Subgraph {
	ents := []graph.Entity{
		{ID: "irgc", Name: "Islamic Revolutionary Guard Corps", Type: graph.Organization, Aliases: []string{"IRGC", "Sepah"}},
		{ID: "dprk", Name: "North Korea", Type: graph.State, Aliases: []string{"DPRK"}},
		{ID: "iran", Name: "Iran", Type: graph.State},
		{ID: "kim-jong-un", Name: "김정은", Type: graph.Person, Aliases: []string{"Kim Jong Un"}},
		{ID: "khamenei", Name: "آیت\u200cالله علی خامنه\u200cای", Type: graph.Person},
		{ID: "movahed", Name: "Shahid Haj Ali Movahed Research Center", Type: graph.Facility},
		{ID: "scud-b", Name: "Scud-B", Type: graph.Weapon},
		{ID: "iran-iraq-war", Name: "Iran–Iraq War", Type: graph.Event},
		{ID: "sci-tech-accord", Name: "Scientific and technical cooperation agreement", Type: graph.Agreement},
		{ID: "poe-2011", Name: "UN Panel of Experts report, May 2011", Type: graph.Document},
		{ID: "air-koryo", Name: "Air Koryo", Type: graph.Vessel},
		{ID: "mystery", Name: "Mystery \"entity\"", Type: "Spaceship"},
	}
	rels := []graph.Relationship{
		{ID: "dprk-supplied-iran-scud", Type: "SUPPLIED", From: "dprk", To: "iran", Start: graph.MustDate("1981"), End: graph.MustDate("1983"),
			Evidence: "North Korea supplied Iran with arms during the Iran-Iraq war.", Source: source38North, Confidence: graph.Confirmed},
		{ID: "irgc-part-iran", Type: "PART_OF", From: "irgc", To: "iran", Source: source38North, Confidence: graph.Confirmed},
		{ID: "kim-leads-dprk", Type: "LEADS", From: "kim-jong-un", To: "dprk", Start: graph.MustDate("2011-12"), Source: source38North, Confidence: graph.Confirmed},
		{ID: "khamenei-leads-iran", Type: "LEADS", From: "khamenei", To: "iran", Start: graph.MustDate("1989"), Source: source38North, Confidence: graph.Confirmed},
		{ID: "iran-used-scud", Type: "USED", From: "iran", To: "scud-b", Start: graph.MustDate("1985"), Source: source38North, Confidence: graph.Reported},
		{ID: "iran-fought", Type: "PARTICIPATED_IN", From: "iran", To: "iran-iraq-war", Start: graph.MustDate("1980"), End: graph.MustDate("1988"), Source: source38North, Confidence: graph.Confirmed},
		{ID: "dprk-signed", Type: "SIGNED", From: "dprk", To: "sci-tech-accord", Start: graph.MustDate("2020-09-01"), Source: source38North, Confidence: graph.Disputed},
		{ID: "poe-reported", Type: "REPORTED_ON", From: "poe-2011", To: "air-koryo", Start: graph.MustDate("2011-05"), Source: source38North, Confidence: graph.Alleged},
		{ID: "air-koryo-transported", Type: "TRANSPORTED_FOR", From: "air-koryo", To: "irgc", Source: source38North},
		{ID: "movahed-located", Type: "LOCATED_IN", From: "movahed", To: "iran", Source: source38North, Confidence: graph.Confirmed},
		{ID: "mystery-met", Type: "MET_WITH", From: "mystery", To: "ghost", Source: "a \\N source", Confidence: graph.Reported},
	}
	return graph.Subgraph{Nodes: ents, Relationships: rels}
}

// hostileNames are names that must come out of every renderer as text.
var hostileNames = []string{
	`Say "hi"`,
	`{record|shape} <port>`,
	`<script>alert(1)</script>`,
	`]]><![CDATA[x]]>`,
	"two\nlines",
	`back\slash \N \G \E \T \H \L \l \r \n end\`,
	`AT&amp;T &lt;b&gt; &#60;`,
	"김정은",
	"آیت\u200cالله",
	"tab\there\x00nul\x1besc\u2028sep",
	"bad utf8 \xff\xfe",
	`--> -- ; ] [ = digraph { } subgraph`,
}

// bigGraph is a synthetic neighbourhood of n entities shaped like a
// two-hop answer: a centre, about sqrt(n) direct neighbours, the rest
// attached to those, and n/5 links across, every link typed, dated and
// sourced. Edges: n-1 + n/5.
func bigGraph(n int) graph.Subgraph {
	var g graph.Subgraph
	types := []graph.EntityType{graph.Organization, graph.Person, graph.State, graph.Facility}
	confs := []graph.Confidence{graph.Confirmed, graph.Reported, graph.Alleged, graph.Disputed}
	rels := []graph.RelType{"SUPPLIED", "ASSISTED", "COOPERATED_WITH", "SUBSIDIARY_OF", "MET_WITH"}
	id := func(i int) string { return fmt.Sprintf("e%03d", i) }
	for i := range n {
		g.Nodes = append(g.Nodes, graph.Entity{ID: id(i), Name: fmt.Sprintf("Entity number %d", i), Type: types[i%len(types)]})
	}
	k := 1
	for k*k < n {
		k++
	}
	link := func(name string, from, to, i int) {
		g.Relationships = append(g.Relationships, graph.Relationship{ID: name, Type: rels[i%len(rels)], From: id(from), To: id(to),
			Start: graph.MustDate(fmt.Sprintf("%d-%02d", 1980+i%40, 1+i%12)), Evidence: "a quote from the source, long enough to wrap in a tooltip once or twice",
			Source: "synthetic", Confidence: confs[i%len(confs)]})
	}
	for i := 1; i < n; i++ {
		parent := 0
		if i > k {
			parent = 1 + (i-k-1)%k
		}
		link(fmt.Sprintf("r%03d", i), parent, i, i)
	}
	for j := range n / 5 {
		a := k + 1 + (j*7)%max(1, n-k-1)
		b := 1 + (j*3)%k
		if a < n && a != b {
			link(fmt.Sprintf("x%03d", j), a, b, j)
		}
	}
	return g
}

// denseGraph is a harder synthetic graph of n entities: a binary tree plus
// n/2 links between distant entities, whose long edges make dot route many
// virtual nodes.
func denseGraph(n int) graph.Subgraph {
	var g graph.Subgraph
	types := []graph.EntityType{graph.Organization, graph.Person, graph.State, graph.Facility}
	confs := []graph.Confidence{graph.Confirmed, graph.Reported, graph.Alleged, graph.Disputed}
	for i := range n {
		g.Nodes = append(g.Nodes, graph.Entity{ID: fmt.Sprintf("e%03d", i), Name: fmt.Sprintf("Entity number %d", i), Type: types[i%len(types)]})
	}
	for i := 1; i < n; i++ {
		g.Relationships = append(g.Relationships, graph.Relationship{ID: fmt.Sprintf("r%03d-a", i), Type: "SUPPLIED",
			From: fmt.Sprintf("e%03d", (i-1)/2), To: fmt.Sprintf("e%03d", i), Start: graph.MustDate(fmt.Sprintf("%d", 1980+i%40)),
			Evidence: "quote", Source: "synthetic", Confidence: confs[i%len(confs)]})
		if i%2 == 0 {
			g.Relationships = append(g.Relationships, graph.Relationship{ID: fmt.Sprintf("r%03d-b", i), Type: "COOPERATED_WITH",
				From: fmt.Sprintf("e%03d", i), To: fmt.Sprintf("e%03d", (i*7)%n), Source: "synthetic", Confidence: confs[(i/2)%len(confs)]})
		}
	}
	return g
}
