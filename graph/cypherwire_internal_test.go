package graph

import (
	"context"
	"io"
	"net"
	"testing"
	"time"
)

// TestWireCapCutsPastItsLimit relays a server that sends 5000 bytes: a
// limit below that cuts the connection before anything past the limit
// reaches the client, a limit above it lets all through.
func TestWireCapCutsPastItsLimit(t *testing.T) {
	for _, tt := range []struct {
		limit   int64
		wantCut bool
		maxRead int
	}{
		{limit: 1000, wantCut: true, maxRead: 1000},
		{limit: 10000, wantCut: false, maxRead: 5000},
	} {
		server, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			c, err := server.Accept()
			if err != nil {
				return
			}
			defer c.Close()
			for range 5 {
				if _, err := c.Write(make([]byte, 1000)); err != nil {
					return
				}
			}
		}()
		dial, err := dialer("bolt://"+server.Addr().String(), time.Second)
		if err != nil {
			t.Fatal(err)
		}
		w, err := newWireCap(tt.limit, dial)
		if err != nil {
			t.Fatal(err)
		}
		w.serve(context.Background())
		c, err := net.Dial("unix", w.ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(c)
		c.Close()
		w.close()
		server.Close()
		if len(got) > tt.maxRead || (!tt.wantCut && len(got) != 5000) || w.cut.Load() != tt.wantCut {
			t.Errorf("limit %d: read %d bytes, cut %v; want at most %d, cut %v", tt.limit, len(got), w.cut.Load(), tt.maxRead, tt.wantCut)
		}
	}
}

// TestDialerSchemes checks that the relay reaches Neo4j for every URI
// scheme the driver accepts and refuses others.
func TestDialerSchemes(t *testing.T) {
	for _, tt := range []struct {
		uri     string
		wantErr bool
	}{
		{"bolt://db:7687", false},
		{"bolt+s://db", false},
		{"bolt+ssc://db", false},
		{"neo4j://db", false},
		{"neo4j+s://db:7688", false},
		{"neo4j+ssc://db", false},
		{"bolt+unix:///run/neo4j.sock", false},
		{"http://db", true},
		{"://", true},
	} {
		if _, err := dialer(tt.uri, time.Second); (err != nil) != tt.wantErr {
			t.Errorf("dialer(%q) error %v, want error %v", tt.uri, err, tt.wantErr)
		}
	}
}
