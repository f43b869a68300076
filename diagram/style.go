package diagram

import "explorer/graph"

// NodeStyle is how entities of one type are drawn. Shape and colour both
// encode the type, so the diagram still reads in greyscale and for
// colour-blind readers.
type NodeStyle struct {
	Shape string // Graphviz node shape
	Style string // Graphviz node style ("filled", "filled,rounded")
	Fill  string // fill colour, #RRGGBB
}

// The fills are Paul Tol's "light" qualitative scheme, designed to stay
// distinct for colour-blind readers and to carry black text
// (https://personal.sron.nl/~pault/#sec:qualitative).
var nodeStyles = map[graph.EntityType]NodeStyle{
	graph.Person:       {"ellipse", "filled", "#EE8866"},
	graph.Organization: {"box", "filled,rounded", "#77AADD"},
	graph.State:        {"octagon", "filled", "#EEDD88"},
	graph.Facility:     {"house", "filled", "#44BB99"},
	graph.Weapon:       {"hexagon", "filled", "#FFAABB"},
	graph.Event:        {"parallelogram", "filled", "#99DDFF"},
	graph.Agreement:    {"component", "filled", "#BBCC33"},
	graph.Document:     {"note", "filled", "#DDDDDD"},
	graph.Vessel:       {"cds", "filled", "#AAAA00"},
}

// otherStyle draws entities whose type is missing or outside graph.EntityTypes.
var otherStyle = NodeStyle{"box", "filled,dashed", "#FFFFFF"}

// StyleOf returns the style of entities of type t; unknown types get a white,
// dashed box.
func StyleOf(t graph.EntityType) NodeStyle {
	if s, ok := nodeStyles[t]; ok {
		return s
	}
	return otherStyle
}

// EdgeStyle is how relationships of one confidence level are drawn.
type EdgeStyle struct {
	Style    string  // Graphviz edge style: solid, dashed, dotted
	Color    string  // line colour, #RRGGBB
	PenWidth float64 // line width in points
}

// unstated is the confidence of a relationship that has none (written by
// hand, or returned by an ad-hoc query).
const unstated graph.Confidence = "unstated"

// confidenceOrder lists the confidence levels in legend order.
var confidenceOrder = []graph.Confidence{graph.Confirmed, graph.Reported, graph.Assessed, graph.Alleged, graph.Disputed, unstated}

var edgeStyles = map[graph.Confidence]EdgeStyle{
	graph.Confirmed: {"solid", "#222222", 1.6},
	graph.Reported:  {"solid", "#808080", 1.3},
	graph.Assessed:  {"dashed", "#808080", 1.3},
	graph.Alleged:   {"dashed", "#333333", 1.3},
	graph.Disputed:  {"dotted", "#333333", 1.6},
	unstated:        {"solid", "#BBBBBB", 1.0},
}

// EdgeStyleOf returns the style of relationships stated with confidence c:
// confirmed solid and dark, reported solid grey, assessed dashed grey,
// alleged dashed, disputed dotted; anything else is a thin light-grey line.
func EdgeStyleOf(c graph.Confidence) EdgeStyle {
	if s, ok := edgeStyles[c]; ok {
		return s
	}
	return edgeStyles[unstated]
}

func confidenceOf(c graph.Confidence) graph.Confidence {
	if _, ok := edgeStyles[c]; ok {
		return c
	}
	return unstated
}
