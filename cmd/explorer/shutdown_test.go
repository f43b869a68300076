package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"explorer/graph"
	"explorer/web"
)

// TestShutdownLimits checks the production settings: the grace period
// covers the longest request, and a slow client has seconds, not minutes,
// to send its headers and body.
func TestShutdownLimits(t *testing.T) {
	srv, err := web.New(web.Config{Graph: graph.NewStore(nil, "neo4j"), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	// serve's grace is LongestRequest + shutdownMargin.
	if srv.LongestRequest() < 30*time.Second || shutdownMargin < time.Second {
		t.Errorf("longest request %s, margin %s: the grace period must cover a full request and its answer", srv.LongestRequest(), shutdownMargin)
	}
	hs := newHTTPServer(http.NotFoundHandler(), slog.DiscardHandler)
	if hs.ReadHeaderTimeout > 5*time.Second || hs.ReadTimeout > 30*time.Second || hs.ReadTimeout == 0 {
		t.Errorf("read header timeout %s, read timeout %s: a slow client could hold a connection for minutes", hs.ReadHeaderTimeout, hs.ReadTimeout)
	}
}

// TestGracefulShutdown runs serveUntilDone and stops it while requests are
// in flight: a request that finishes within the grace period gets its
// answer, one that runs past it is cancelled with web.ErrShuttingDown (its
// handler answers 503), new connections are refused, and a client that
// trickles its body is cut by the read timeout.
func TestGracefulShutdown(t *testing.T) {
	started := make(chan string, 4)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/quick":
			started <- "quick"
			time.Sleep(300 * time.Millisecond)
			fmt.Fprint(w, "done")
		case "/endless":
			started <- "endless"
			<-r.Context().Done()
			if errors.Is(context.Cause(r.Context()), web.ErrShuttingDown) {
				http.Error(w, "shutting down", http.StatusServiceUnavailable)
				return
			}
			http.Error(w, "cancelled", 499)
		case "/body":
			_, err := io.ReadAll(r.Body)
			if err != nil {
				started <- "body cut: " + err.Error()
				return
			}
			started <- "body read"
		}
	})
	hs := newHTTPServer(h, slog.DiscardHandler)
	hs.ReadTimeout = 500 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ctx, stop := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- serveUntilDone(ctx, hs, ln, slog.New(slog.DiscardHandler), 700*time.Millisecond) }()

	// A slow-body client: headers, a few bytes, then nothing.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc")
	select {
	case got := <-started:
		if !strings.HasPrefix(got, "body cut") {
			t.Errorf("slow body: %s, want it cut", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a client trickling its body held the connection past the read timeout")
	}

	type answer struct {
		status int
		body   string
		err    error
	}
	get := func(path string) chan answer {
		ch := make(chan answer, 1)
		go func() {
			r, err := http.Get("http://" + addr + path)
			if err != nil {
				ch <- answer{err: err}
				return
			}
			defer r.Body.Close()
			b, _ := io.ReadAll(r.Body)
			ch <- answer{status: r.StatusCode, body: strings.TrimSpace(string(b))}
		}()
		return ch
	}
	quick, endless := get("/quick"), get("/endless")
	for range 2 {
		<-started
	}
	stop()
	time.Sleep(100 * time.Millisecond)
	if _, err := http.Get("http://" + addr + "/quick"); err == nil {
		t.Errorf("a new request after the shutdown began was served")
	}
	if a := <-quick; a.err != nil || a.status != 200 || a.body != "done" {
		t.Errorf("request in flight = %+v, want it to finish with 200", a)
	}
	if a := <-endless; a.err != nil || a.status != 503 {
		t.Errorf("request past the grace period = %+v, want 503 shutting down", a)
	}
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("serveUntilDone = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serveUntilDone did not return")
	}
	_ = bufio.NewReader(conn)
}

// TestServeStopsCleanly runs the real serve against the test database,
// answers a few requests (a diagram starts the render workers) and stops
// it: serve returns nil and leaves no goroutine behind (the driver's pool,
// the render workers and the import worker are closed).
func TestServeStopsCleanly(t *testing.T) {
	loadServeFixture(t)
	env := serveEnv(t, "EXPLORER_IMPORT_TOKEN", "0123456789abcdef-stop")
	runtime.GC()
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, stderr)
	}()
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == ""; time.Sleep(20 * time.Millisecond) {
		if m := listeningLine.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no listening line:\n%s", stderr)
		}
	}
	for _, u := range []string{"/api/v1/entities?q=komid", "/api/v1/paths?from=shig&to=houthis&format=svg", "/readyz"} {
		if r := httpDo(t, "GET", base+u, "", ""); r.status != 200 {
			t.Errorf("GET %s = %d", u, r.status)
		}
	}
	importJob(t, base, "0123456789abcdef-stop", `{"kind":"entity","id":"stop-x","name":"X","type":"Person"}`)
	http.DefaultClient.CloseIdleConnections()
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("serve = %v", err)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stderr.String(), `"msg":"stopped"`) {
		t.Errorf("serve did not log its stop:\n%s", stderr)
	}
	var after int
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if after = runtime.NumGoroutine(); after <= before || time.Now().After(deadline) {
			break
		}
	}
	if after > before {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		t.Errorf("%d goroutines before serve, %d after it stopped:\n%s", before, after, buf[:n])
	}
}
