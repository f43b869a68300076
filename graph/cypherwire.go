package graph

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// The driver reads a whole Bolt message before it hands over a record, and a
// record is one message however large its values: RETURN range(1, 20000000)
// is a single 100 MB message that becomes about 0.7 GB of Go values, before
// any row or byte cap of ours can look at it. Neo4j's transaction memory
// limit does not see it either (the range is lazy, and values computed in
// an expression are not tracked). So an ad-hoc query does not read Neo4j
// directly: its connection runs through a relay that counts the bytes Neo4j
// sends and cuts the connection once they pass the query's wire budget. The
// driver then fails on a message it never finished reading, and nothing
// beyond the budget is ever allocated in this process.

// wireBudget is how many bytes Neo4j may send for an ad-hoc query with
// limits lim: twice the answer's byte cap, because Bolt carries what the
// JSON answer leaves out (element ids of nodes and relationships), plus
// 1 MiB for the handshake, the EXPLAIN plan and what the relay has read
// ahead of the driver. Rows the driver has not read yet wait in Neo4j (the
// relay reads only as fast as the driver does, give or take the sockets'
// buffers), so an answer of many rows still stops at the row and byte caps
// and comes back truncated; only a run of rows too big for the cap, or a
// single one, is cut.
func wireBudget(lim QueryLimits) int64 { return 2*int64(lim.Bytes) + 1<<20 }

// errTooLarge is the error of a query whose answer passed its wire budget.
func errTooLarge(budget int64) error {
	return Errorf(ErrInvalid, "the answer is too large (Neo4j sent more than %d MB for it); ask for less (LIMIT, fewer or smaller columns, aggregate)", budget>>20)
}

// wireCap relays one Bolt connection between a driver of its own and Neo4j,
// over a Unix socket in a private directory, and cuts it once Neo4j has
// sent more than limit bytes.
type wireCap struct {
	limit int64
	dial  func(context.Context) (net.Conn, error)
	dir   string
	ln    net.Listener
	cut   atomic.Bool
	// dialErr is why the relay could not reach Neo4j, if it could not.
	dialErr atomic.Pointer[error]
	wg      sync.WaitGroup
	mu      sync.Mutex
	conns   []net.Conn
	closed  bool
}

// newWireCap listens on a fresh private socket; dial reaches Neo4j.
func newWireCap(limit int64, dial func(context.Context) (net.Conn, error)) (*wireCap, error) {
	dir, err := os.MkdirTemp("", "explorer-query-")
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("unix", filepath.Join(dir, "bolt"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &wireCap{limit: limit, dial: dial, dir: dir, ln: ln}, nil
}

// uri is the address a driver uses to reach Neo4j through the relay.
func (w *wireCap) uri() string { return "bolt+unix://" + w.ln.Addr().String() }

// serve accepts the one connection of the query's driver and relays it; it
// returns at once and relays in the background until close.
func (w *wireCap) serve(ctx context.Context) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		client, err := w.ln.Accept()
		// One connection per query: nobody else may use the socket.
		w.ln.Close()
		if err != nil {
			return
		}
		server, err := w.dial(ctx)
		if err != nil {
			w.dialErr.Store(&err)
		}
		if err != nil || !w.track(client, server) {
			client.Close()
			if server != nil {
				server.Close()
			}
			return
		}
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			io.Copy(server, client) //nolint:errcheck // ends when either side closes
			w.closeConns()
		}()
		w.relayAnswers(client, server)
		w.closeConns()
	}()
}

// relayAnswers copies what Neo4j sends to the driver until the budget is
// spent; a read that would pass it cuts both connections unsent.
func (w *wireCap) relayAnswers(client, server net.Conn) {
	buf := make([]byte, 32<<10)
	var sent int64
	for {
		n, err := server.Read(buf)
		if n > 0 {
			if sent += int64(n); sent > w.limit {
				w.cut.Store(true)
				return
			}
			if _, werr := client.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// track records the relayed connections for closeConns; it reports false
// when the relay is already closed.
func (w *wireCap) track(c ...net.Conn) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return false
	}
	w.conns = append(w.conns, c...)
	return true
}

func (w *wireCap) closeConns() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	for _, c := range w.conns {
		c.Close()
	}
}

// close ends the relay, waits for its goroutines and removes the socket.
func (w *wireCap) close() {
	w.ln.Close()
	w.closeConns()
	w.wg.Wait()
	os.RemoveAll(w.dir)
}

// dialer returns how the relay reaches the server of a Neo4j URI: the host
// of the URI, in plain text or TLS as its scheme says. A routing URI
// (neo4j://) is reached at the member it names, which serves the read.
func dialer(uri string, timeout time.Duration) (func(context.Context) (net.Conn, error), error) {
	u, err := url.Parse(uri)
	if err != nil {
		return nil, err
	}
	if u.Scheme == "bolt+unix" {
		return func(ctx context.Context) (net.Conn, error) {
			return (&net.Dialer{Timeout: timeout}).DialContext(ctx, "unix", u.Path)
		}, nil
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "7687")
	}
	var tlsConf *tls.Config
	switch u.Scheme {
	case "bolt", "neo4j":
	case "bolt+s", "neo4j+s":
		tlsConf = &tls.Config{ServerName: u.Hostname(), MinVersion: tls.VersionTLS12}
	case "bolt+ssc", "neo4j+ssc":
		// The scheme means a self-signed certificate: encrypted, unverified,
		// as the driver does for it.
		tlsConf = &tls.Config{ServerName: u.Hostname(), MinVersion: tls.VersionTLS12, InsecureSkipVerify: true} //nolint:gosec // the URI asks for it
	default:
		return nil, fmt.Errorf("URI scheme %q is not supported", u.Scheme)
	}
	return func(ctx context.Context) (net.Conn, error) {
		d := &net.Dialer{Timeout: timeout}
		if tlsConf == nil {
			return d.DialContext(ctx, "tcp", addr)
		}
		return (&tls.Dialer{NetDialer: d, Config: tlsConf}).DialContext(ctx, "tcp", addr)
	}, nil
}

// cappedDriver opens a driver of one connection that reaches Neo4j through
// a wireCap of budget bytes. The caller closes both.
func (s *Store) cappedDriver(ctx context.Context, budget int64) (neo4j.DriverWithContext, *wireCap, error) {
	timeout := s.cfg.ConnectTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	dial, err := dialer(s.cfg.URI, timeout)
	if err != nil {
		return nil, nil, Errorf(ErrInvalid, "neo4j: %s", Redact(err, s.cfg.Password))
	}
	w, err := newWireCap(budget, dial)
	if err != nil {
		return nil, nil, fmt.Errorf("query relay: %w", err)
	}
	drv, err := neo4j.NewDriverWithContext(w.uri(), neo4j.BasicAuth(s.cfg.User, s.cfg.Password, ""), func(c *config.Config) {
		c.MaxConnectionPoolSize = 1
		c.SocketConnectTimeout = timeout
		if s.cfg.AcquireTimeout > 0 {
			c.ConnectionAcquisitionTimeout = s.cfg.AcquireTimeout
		}
	})
	if err != nil {
		w.close()
		return nil, nil, fmt.Errorf("query relay: %s", Redact(err, s.cfg.Password))
	}
	w.serve(ctx)
	return drv, w, nil
}
