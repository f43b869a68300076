package ingest

import (
	"context"
	"fmt"
)

// Redirector maps entity ids that were merged into other entities to the
// entity each is now part of (graph.Store.Redirects).
type Redirector func(ctx context.Context, ids []string) (map[string]string, error)

// redirect makes a re-import land on merged entities: an input entity whose
// id was merged into another is dropped (its names are the canonical's
// aliases already), and relationships that name it link the canonical
// entity instead. It returns how many input entities were dropped.
func (c *collector) redirect(ctx context.Context, r Redirector) (int, error) {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, e := range c.entities {
		add(e.ID)
	}
	for _, rel := range c.rels {
		add(rel.From)
		add(rel.To)
	}
	to, err := r(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("looking up merged entities: %w", err)
	}
	if len(to) == 0 {
		return 0, nil
	}
	kept := c.entities[:0]
	dropped := 0
	for _, e := range c.entities {
		if _, merged := to[e.ID]; merged {
			dropped++
			continue
		}
		kept = append(kept, e)
	}
	c.entities = kept
	c.entIdx = make(map[string]int, len(kept))
	for i, e := range kept {
		c.entIdx[e.ID] = i
	}
	for i := range c.rels {
		if id, ok := to[c.rels[i].From]; ok {
			c.rels[i].From = id
		}
		if id, ok := to[c.rels[i].To]; ok {
			c.rels[i].To = id
		}
	}
	for i := range c.refs {
		if id, ok := to[c.refs[i].id]; ok {
			c.refs[i].id = id
		}
	}
	return dropped, nil
}
