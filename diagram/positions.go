package diagram

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"explorer/graph"
)

// Point is a node's centre in a laid-out drawing, in inches (Graphviz's
// plain output and its pos input both use them).
type Point struct {
	X, Y float64
}

// pos is p as a pinned Graphviz position: "x,y!".
func (p Point) pos() string {
	return strconv.FormatFloat(p.X, 'f', 4, 64) + "," + strconv.FormatFloat(p.Y, 'f', 4, 64) + "!"
}

// Box is a node of a laid-out drawing: its centre and size, in inches.
type Box struct {
	Point
	W, H float64
}

// ReadPlain reads the nodes of a drawing rendered in FormatPlain, by entity
// id. Legend nodes and entities whose id is not a well-formed slug (drawn
// under a hashed name, see nodeName) are left out. A node line that does not
// read as Graphviz's plain output is an error naming the line.
func ReadPlain(plain []byte) (map[string]Box, error) {
	out := map[string]Box{}
	sc := bufio.NewScanner(bytes.NewReader(plain))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		rest, ok := strings.CutPrefix(sc.Text(), "node ")
		if !ok {
			continue
		}
		name, rest, err := plainName(rest)
		if err != nil {
			return nil, fmt.Errorf("plain output line %d: %w", line, err)
		}
		f := strings.Fields(rest)
		if len(f) < 4 {
			return nil, fmt.Errorf("plain output line %d: node %q has no position and size", line, name)
		}
		var v [4]float64
		for i := range v {
			x, err := strconv.ParseFloat(f[i], 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("plain output line %d: node %q: %q is not a number", line, name, f[i])
			}
			v[i] = x
		}
		if graph.ValidID(name) {
			out[name] = Box{Point: Point{X: v[0], Y: v[1]}, W: v[2], H: v[3]}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("plain output: %w", err)
	}
	return out, nil
}

// plainName reads the node name that starts s, quoted or not, and returns
// it with the rest of the line.
func plainName(s string) (name, rest string, err error) {
	if !strings.HasPrefix(s, `"`) {
		name, rest, _ = strings.Cut(s, " ")
		if name == "" {
			return "", "", fmt.Errorf("node without a name")
		}
		return name, rest, nil
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '"':
			return b.String(), s[i+1:], nil
		default:
			b.WriteByte(c)
		}
	}
	return "", "", fmt.Errorf("node name %s has no closing quote", s)
}

// Separate places the boxes that are not fixed so that no two boxes are
// closer than gap (inches), each as near as it can be to where it is, and
// returns every box's centre. Graphviz's own overlap removal moves pinned
// nodes too (every mode of overlap, in Graphviz 2.43 and 12), so a layout
// that must keep some nodes in place runs with overlap=true and then this.
// The fixed boxes stay; the others are placed one at a time, those nearest
// the middle of the fixed ones first (ties by id), each on the free spot
// nearest its own: where it is, else beside one of the boxes placed before
// it, else on a widening circle. The result is a function of the input.
func Separate(boxes map[string]Box, fixed func(id string) bool, gap float64) map[string]Point {
	var placed []Box
	var loose []string
	var cx, cy float64
	for id, b := range boxes {
		if fixed(id) {
			placed = append(placed, b)
			cx, cy = cx+b.X, cy+b.Y
		} else {
			loose = append(loose, id)
		}
	}
	if len(placed) > 0 {
		cx, cy = cx/float64(len(placed)), cy/float64(len(placed))
	}
	slices.SortFunc(loose, func(a, b string) int {
		da := math.Hypot(boxes[a].X-cx, boxes[a].Y-cy)
		db := math.Hypot(boxes[b].X-cx, boxes[b].Y-cy)
		if da != db {
			return cmp.Compare(da, db)
		}
		return strings.Compare(a, b)
	})
	out := make(map[string]Point, len(boxes))
	for id, b := range boxes {
		out[id] = b.Point
	}
	for _, id := range loose {
		b := boxes[id]
		b.Point = freeSpot(b, placed, gap)
		placed = append(placed, b)
		out[id] = b.Point
	}
	return out
}

// freeSpot is the spot nearest b's centre where b keeps gap from every box
// of placed.
func freeSpot(b Box, placed []Box, gap float64) Point {
	free := func(p Point) bool {
		for _, o := range placed {
			if math.Abs(p.X-o.X) < (b.W+o.W)/2+gap && math.Abs(p.Y-o.Y) < (b.H+o.H)/2+gap {
				return false
			}
		}
		return true
	}
	want := b.Point
	if free(want) {
		return want
	}
	// Beside each placed box, level with b or in line with it.
	var cands []Point
	for _, o := range placed {
		dx, dy := (b.W+o.W)/2+gap+1e-6, (b.H+o.H)/2+gap+1e-6
		cands = append(cands, Point{o.X - dx, want.Y}, Point{o.X + dx, want.Y}, Point{want.X, o.Y - dy}, Point{want.X, o.Y + dy})
	}
	dist := func(p Point) float64 { return math.Hypot(p.X-want.X, p.Y-want.Y) }
	slices.SortStableFunc(cands, func(p, q Point) int { return cmp.Compare(dist(p), dist(q)) })
	for _, p := range cands {
		if free(p) {
			return p
		}
	}
	// Rings around it, wider each time: far enough out, every spot is
	// free (sizes that are not finite never are: they stay put).
	step := math.Max(b.W, b.H)/2 + gap
	for r := 1; r <= maxRings; r++ {
		for k := range 16 {
			a := float64(k) * math.Pi / 8
			p := Point{want.X + float64(r)*step*math.Cos(a), want.Y + float64(r)*step*math.Sin(a)}
			if free(p) {
				return p
			}
		}
	}
	return want
}

// maxRings bounds freeSpot's search.
const maxRings = 10000
