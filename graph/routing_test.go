package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/internal/testdb"
)

// TestRoutingScheme runs the store over a neo4j:// URI (the scheme of
// clusters and Aura: the driver fetches a routing table and sends reads to
// readers, writes to the leader) against the local single server, which
// answers routing with itself. Writes made in sessions (the import's
// batches) must land in the driver's shared bookmark manager, so that the
// next routed read waits for them, and that read sees the write.
func TestRoutingScheme(t *testing.T) {
	testdb.Open(t) // an empty database with the schema
	_, cfg := testdb.Connect(t)
	uri := "neo4j://" + strings.TrimPrefix(strings.TrimPrefix(cfg.URI, "bolt://"), "neo4j://")
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer d.Close(ctx)
	if err := d.VerifyConnectivity(ctx); err != nil {
		t.Fatalf("neo4j:// against the local server: %v", err)
	}
	st := graph.NewStore(d, cfg.Database)
	if err := st.BeginImport(ctx, graph.ImportRun{ID: "routing-run", Files: []string{"x"}, Digest: "d"}, false); err != nil {
		t.Fatal(err)
	}
	bm := d.ExecuteQueryBookmarkManager()
	before, err := bm.GetBookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	es := []graph.Entity{{ID: "routed", Name: "Routed Org", Type: graph.Organization}}
	if _, err := st.ImportEntities(ctx, "routing-run", es, true); err != nil {
		t.Fatalf("write in a session over neo4j://: %v", err)
	}
	after, err := bm.GetBookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) == 0 || strings.Join(after, ",") == strings.Join(before, ",") {
		t.Errorf("bookmarks %v before the session write, %v after: the session does not share the driver's bookmark manager", before, after)
	}
	// Routed reads (ExecuteQuery with reader routing, and a read session).
	if e, err := st.Resolve(ctx, "Routed Org"); err != nil || e.ID != "routed" {
		t.Errorf("Resolve after the write = %+v, %v", e, err)
	}
	res, err := st.Query(ctx, "MATCH (e:Entity {id: 'routed'}) RETURN e.name AS name", nil, graph.DefaultQueryLimits)
	if err != nil || len(res.Rows) != 1 || res.Rows[0]["name"] != "Routed Org" {
		t.Errorf("read-only query after the write = %+v, %v", res, err)
	}
	if err := st.CommitImport(ctx, "routing-run"); err != nil {
		t.Fatal(err)
	}
}
