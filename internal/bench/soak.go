package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// SoakConfig is a bounded soak of a running explorer service: Clients
// loopback clients send a mixed workload (search, entity, neighbours,
// paths, diagrams, read-only Cypher) for Duration while one more client
// posts an import job every ImportEvery; the server's memory, goroutines,
// open files and Neo4j connections are read before and after.
type SoakConfig struct {
	// URL is the service, on this machine (loopback).
	URL      string
	Token    string // import token
	Clients  int
	Duration time.Duration
	// ImportEvery is the pause between import jobs; ImportLines their size.
	ImportEvery time.Duration
	ImportLines int
	// BoltPort counts the server's Neo4j connections (established TCP
	// connections to that port on this machine).
	BoltPort int
	Seed     uint64
}

// soakOps are the kinds of request, with their weights.
var soakOps = []struct {
	name   string
	weight int
}{{"search", 25}, {"entity", 15}, {"neighbors", 15}, {"paths", 20}, {"render", 15}, {"cypher", 10}}

// serverState is what the soak reads from the server.
type serverState struct {
	RSS        float64
	Goroutines float64
	OpenFiles  float64
	BoltConns  int
}

// Soak runs the soak and writes its report to out.
func Soak(ctx context.Context, cfg SoakConfig, out, log io.Writer) error {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" && u.Hostname() != "::1") {
		return fmt.Errorf("soak: %q: only a service on this machine (loopback) may be soaked", cfg.URL)
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Clients + 2}}
	ids, err := soakIDs(ctx, client, cfg.URL)
	if err != nil {
		return err
	}
	if len(ids) < 2 {
		return fmt.Errorf("soak: the graph has %d entities; load one first", len(ids))
	}
	// One request of each kind first, so that "before" has the render
	// workers and the driver's pool started.
	rng := rand.New(rand.NewPCG(cfg.Seed, 1))
	for _, op := range soakOps {
		soakRequest(ctx, client, cfg.URL, op.name, ids, rng)
	}
	time.Sleep(2 * time.Second)
	before, err := readState(ctx, client, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "soak: %d clients for %s on %d entities, an import of %d lines every %s\n", cfg.Clients, cfg.Duration, len(ids), cfg.ImportLines, cfg.ImportEvery)

	type stat struct {
		lat    []time.Duration
		status map[int]int
	}
	var mu sync.Mutex
	stats := map[string]*stat{}
	record := func(op string, code int, d time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		s := stats[op]
		if s == nil {
			s = &stat{status: map[int]int{}}
			stats[op] = s
		}
		s.lat = append(s.lat, d)
		s.status[code]++
	}
	lctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var wg sync.WaitGroup
	for c := range cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(c)+2))
			for lctx.Err() == nil {
				op := pickOp(rng)
				t0 := time.Now()
				code := soakRequest(lctx, client, cfg.URL, op, ids, rng)
				if lctx.Err() == nil {
					record(op, code, time.Since(t0))
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for round := 0; lctx.Err() == nil; round++ {
			t0 := time.Now()
			outcome := soakImport(lctx, client, cfg, round)
			if lctx.Err() == nil || outcome != "" {
				record("import:"+outcome, 202, time.Since(t0))
			}
			select {
			case <-lctx.Done():
			case <-time.After(cfg.ImportEvery):
			}
		}
	}()
	wg.Wait()
	// Idle for a while: connections close, workers settle.
	client.CloseIdleConnections()
	time.Sleep(15 * time.Second)
	after, err := readState(ctx, client, cfg)
	if err != nil {
		return err
	}

	fmt.Fprintf(out, "| request | count | p50 | p99 | statuses |\n|---|---:|---:|---:|---|\n")
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range stats {
			if !yield(k) {
				return
			}
		}
	})
	total, bad := 0, 0
	for _, name := range names {
		s := stats[name]
		slices.Sort(s.lat)
		var codes []string
		for _, c := range slices.Sorted(func(yield func(int) bool) {
			for k := range s.status {
				if !yield(k) {
					return
				}
			}
		}) {
			codes = append(codes, fmt.Sprintf("%d×%d", c, s.status[c]))
			if c == 0 || c >= 500 {
				bad += s.status[c]
			}
		}
		total += len(s.lat)
		fmt.Fprintf(out, "| %s | %d | %s | %s | %s |\n", name, len(s.lat), pct(s.lat, 50), pct(s.lat, 99), strings.Join(codes, ", "))
	}
	fmt.Fprintf(out, "\n%d requests, %d failed (5xx or no answer), %.0f requests/s\n\n", total, bad, float64(total)/cfg.Duration.Seconds())
	fmt.Fprintf(out, "| server | before | after |\n|---|---:|---:|\n")
	fmt.Fprintf(out, "| RSS | %.1f MiB | %.1f MiB |\n", before.RSS/(1<<20), after.RSS/(1<<20))
	fmt.Fprintf(out, "| goroutines | %.0f | %.0f |\n", before.Goroutines, after.Goroutines)
	fmt.Fprintf(out, "| open files | %.0f | %.0f |\n", before.OpenFiles, after.OpenFiles)
	fmt.Fprintf(out, "| Neo4j connections | %d | %d |\n", before.BoltConns, after.BoltConns)
	return nil
}

func pct(xs []time.Duration, p int) string {
	if len(xs) == 0 {
		return "-"
	}
	return xs[min(len(xs)-1, len(xs)*p/100)].Round(100 * time.Microsecond).String()
}

func pickOp(rng *rand.Rand) string {
	n := rng.IntN(100)
	for _, op := range soakOps {
		if n < op.weight {
			return op.name
		}
		n -= op.weight
	}
	return soakOps[0].name
}

// soakRequest sends one request of kind op and returns its status (0 when
// there was no answer).
func soakRequest(ctx context.Context, client *http.Client, base, op string, ids []string, rng *rand.Rand) int {
	a, b := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
	var req *http.Request
	switch op {
	case "search":
		req, _ = http.NewRequestWithContext(ctx, "GET", base+"/api/v1/entities?q="+url.QueryEscape(a[:min(len(a), 4)]), nil)
	case "entity":
		req, _ = http.NewRequestWithContext(ctx, "GET", base+"/api/v1/entities/"+url.PathEscape(a), nil)
	case "neighbors":
		req, _ = http.NewRequestWithContext(ctx, "GET", base+"/api/v1/entities/"+url.PathEscape(a)+"/neighbors?depth=2&limit=100", nil)
	case "paths":
		req, _ = http.NewRequestWithContext(ctx, "GET", base+"/api/v1/paths?from="+url.QueryEscape(a)+"&to="+url.QueryEscape(b)+"&max_hops=4", nil)
	case "render":
		req, _ = http.NewRequestWithContext(ctx, "GET", base+"/api/v1/entities/"+url.PathEscape(a)+"/neighbors?format=svg&limit=30", nil)
	case "cypher":
		body := `{"query":"MATCH (e:Entity {id: $id})-[r]-(o) RETURN e.name, type(r), o.name LIMIT 20","params":{"id":` + strconv.Quote(a) + `}}`
		req, _ = http.NewRequestWithContext(ctx, "POST", base+"/api/v1/cypher", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// soakImport posts one import job of new entities in a chain and follows
// it to its outcome.
func soakImport(ctx context.Context, client *http.Client, cfg SoakConfig, round int) string {
	var b bytes.Buffer
	n := cfg.ImportLines / 2
	for i := range n {
		fmt.Fprintf(&b, `{"kind":"entity","id":"soak-%d-%d","name":"Soak %d %d","type":"Organization"}`+"\n", round, i, round, i)
	}
	for i := range n - 1 {
		fmt.Fprintf(&b, `{"kind":"relationship","id":"soak-%d-r%d","type":"COOPERATED_WITH","from":"soak-%d-%d","to":"soak-%d-%d","source":"soak","confidence":"reported"}`+"\n", round, i, round, i, round, i+1)
	}
	req, _ := http.NewRequestWithContext(ctx, "POST", cfg.URL+"/api/v1/import?format=jsonl", &b)
	req.Header.Set("Authorization", "Bearer "+cfg.Token)
	req.Header.Set("Content-Type", "application/x-ndjson")
	resp, err := client.Do(req)
	if err != nil {
		return "no-answer"
	}
	var job struct {
		URL    string `json:"url"`
		Status string `json:"status"`
		Result struct {
			Outcome string `json:"outcome"`
		} `json:"result"`
	}
	err = json.NewDecoder(resp.Body).Decode(&job)
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted || err != nil {
		return "status-" + strconv.Itoa(resp.StatusCode)
	}
	for job.Status != "done" {
		time.Sleep(200 * time.Millisecond)
		req, _ := http.NewRequestWithContext(context.WithoutCancel(ctx), "GET", cfg.URL+job.URL, nil)
		req.Header.Set("Authorization", "Bearer "+cfg.Token)
		resp, err := client.Do(req)
		if err != nil {
			return "no-answer"
		}
		err = json.NewDecoder(resp.Body).Decode(&job)
		resp.Body.Close()
		if err != nil {
			return "bad-job"
		}
	}
	return job.Result.Outcome
}

func soakIDs(ctx context.Context, client *http.Client, base string) ([]string, error) {
	body := `{"query":"MATCH (e:Entity) WHERE NOT e.id STARTS WITH 'soak-' RETURN e.id AS id LIMIT 1000"}`
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/cypher", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("soak: %w", err)
	}
	defer resp.Body.Close()
	var res struct {
		Rows []struct {
			ID string `json:"id"`
		} `json:"rows"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != 200 {
		return nil, fmt.Errorf("soak: listing entities: status %d: %v", resp.StatusCode, err)
	}
	var ids []string
	for _, r := range res.Rows {
		ids = append(ids, r.ID)
	}
	return ids, nil
}

// readState reads the server's figures from its /metrics and counts the
// established connections to the Bolt port.
func readState(ctx context.Context, client *http.Client, cfg SoakConfig) (serverState, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", cfg.URL+"/metrics", nil)
	if cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+cfg.Token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return serverState{}, fmt.Errorf("soak: /metrics: %w", err)
	}
	defer resp.Body.Close()
	var st serverState
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 2 {
			continue
		}
		v, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "process_resident_memory_bytes":
			st.RSS = v
		case "go_goroutines":
			st.Goroutines = v
		case "process_open_fds":
			st.OpenFiles = v
		}
	}
	st.BoltConns = boltConnections(cfg.BoltPort)
	return st, nil
}

// boltConnections counts established TCP connections whose remote port is
// port, from /proc/net/tcp and tcp6.
func boltConnections(port int) int {
	n := 0
	hexPort := fmt.Sprintf(":%04X", port)
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			fs := strings.Fields(line)
			if len(fs) > 3 && strings.HasSuffix(fs[2], hexPort) && fs[3] == "01" {
				n++
			}
		}
	}
	return n
}
