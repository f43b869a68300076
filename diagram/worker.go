package diagram

import (
	"bufio"
	"cmp"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"explorer/graph"
)

// WorkerEnv is the environment variable that turns a process into a render
// worker (see MaybeRunWorker).
const WorkerEnv = "EXPLORER_RENDER_WORKER"

// The re-exec contract, in one place:
//
//   - A Worker starts its child as this same executable (os.Executable) with
//     WorkerEnv=1 in its environment and the argument -test.run=^$, which a
//     program ignores and which makes a test binary whose TestMain forgot
//     MaybeRunWorker run no tests and fail the greeting at once.
//   - Every program that renders through a Worker calls MaybeRunWorker first
//     thing in main (tests: in TestMain), before it reads flags or writes to
//     standard output. With WorkerEnv=1 it serves and exits; otherwise it
//     returns at once.
//   - Standard input and output carry one encoding/gob stream each way: a
//     workerHello from each side (Role "parent", then "worker", with the
//     protocol version, so that a stale binary or a program that echoes its
//     input fails loudly), then a workerRequest and its workerAnswer at a
//     time. Standard error is free text, kept for error messages.
//   - The child exits at end of input, after a failed render (which may
//     leave go-graphviz in a bad state), and, on Linux, when its parent dies.
//     The parent kills it on timeout or cancellation: a layout cannot be
//     stopped any other way.
const workerProtocol = 2

type workerHello struct {
	Role    string // "parent" or "worker"
	Version int
}

type workerRequest struct {
	Source       string
	Layout       string
	Nodes, Edges int
	Format       Format
	Limits       Limits
}

type workerAnswer struct {
	Out []byte
	RSS int64        // the child's resident memory after the render
	Err *workerError // nil on success
}

// workerError carries a render's error across the pipe, keeping what
// errors.Is and errors.As need.
type workerError struct {
	Message string      // graph.Message of the error
	Limit   *LimitError // a LimitError
	Invalid bool        // wraps graph.ErrInvalid
}

func (e *workerError) err() error {
	switch {
	case e.Limit != nil:
		return e.Limit
	case e.Invalid:
		return &graph.Error{Kind: graph.ErrInvalid, Message: e.Message}
	}
	return errors.New(e.Message)
}

// MaybeRunWorker turns this process into a render worker when WorkerEnv is
// "1", and then never returns; otherwise it does nothing. See the re-exec
// contract above.
func MaybeRunWorker() {
	if os.Getenv(WorkerEnv) != "1" {
		return
	}
	if err := serveWorker(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "explorer render worker: %v\n", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// workerStartTimeout bounds a worker's start, whatever the render timeout.
const workerStartTimeout = time.Minute

func serveWorker(in io.Reader, out io.Writer) error {
	dec, bw := gob.NewDecoder(bufio.NewReader(in)), bufio.NewWriter(out)
	enc := gob.NewEncoder(bw)
	var hello workerHello
	if err := dec.Decode(&hello); err != nil || hello != (workerHello{"parent", workerProtocol}) {
		return fmt.Errorf("not started by explorer (greeting %+v, %v); unset %s", hello, err, WorkerEnv)
	}
	if err := enc.Encode(workerHello{"worker", workerProtocol}); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	for {
		var req workerRequest
		if err := dec.Decode(&req); errors.Is(err, io.EOF) {
			return nil // the parent closed the session
		} else if err != nil {
			return fmt.Errorf("reading request: %w", err)
		}
		d := Diagram{source: req.Source, layout: req.Layout, nodes: req.Nodes, edges: req.Edges}
		// One render at a time, so no lock; the parent enforces the time
		// limit by killing this process.
		res, err := []byte(nil), checkRequest(req.Limits, d, req.Format, wasmFormats, wasmLayouts)
		if err == nil {
			res, err = renderWasmLocked(d, req.Format, req.Limits.orDefault())
		}
		ans := workerAnswer{Out: res, RSS: residentBytes()}
		if err != nil {
			we := &workerError{Message: graph.Message(err), Invalid: errors.Is(err, graph.ErrInvalid)}
			errors.As(err, &we.Limit)
			ans = workerAnswer{RSS: ans.RSS, Err: we}
		}
		if err := enc.Encode(ans); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if err != nil {
			return nil
		}
	}
}

// WorkerConfig configures a Worker; zero fields take the defaults shown.
type WorkerConfig struct {
	// Command is the worker's argv; default: this executable (see the
	// re-exec contract at WorkerEnv).
	Command []string
	// Procs is how many worker processes may render at once; default 1.
	// Each holds its own wasm instance (about 25 MB to start).
	Procs int
	// MaxRenders recycles a worker after this many renders; default 500.
	MaxRenders int
	// MaxRSS recycles a worker whose resident memory passes this many
	// bytes; default 192 MiB.
	MaxRSS int64
	// Timeout bounds one render; the worker is killed when it passes,
	// which is the only way to stop a layout. Default DefaultTimeout.
	Timeout time.Duration
	// Limits are checked before a request is sent; zero fields take
	// DefaultLimits.
	Limits Limits
}

func (c WorkerConfig) withDefaults() WorkerConfig {
	c.Procs = cmp.Or(c.Procs, 1)
	c.MaxRenders = cmp.Or(c.MaxRenders, 500)
	c.MaxRSS = cmp.Or(c.MaxRSS, 192<<20)
	c.Timeout = cmp.Or(c.Timeout, DefaultTimeout)
	c.Limits = c.Limits.orDefault()
	return c
}

// Worker renders svg, laid-out dot and plain with go-graphviz in child processes:
// the same binary started again with WorkerEnv=1. A child is replaced after
// MaxRenders renders, when its memory passes MaxRSS, after any failed render,
// and when a render times out or its context ends (the child is killed, so
// unlike in-process go-graphviz a cancelled layout really stops). Renders
// beyond Procs wait for a free child, honouring their context.
type Worker struct {
	cfg   WorkerConfig
	slots chan *workerProc // a free slot holds its live process, or nil

	renders, failures, spawned, recycled, killed atomic.Int64
	rss                                          sync.Map // pid -> last reported RSS
}

// WorkerStats are a Worker's counters, for metrics.
type WorkerStats struct {
	Renders  int64 // renders answered by a child
	Failures int64 // renders that failed in a child, or lost it
	Spawned  int64 // children started
	Recycled int64 // children retired after MaxRenders, MaxRSS or a failure
	Killed   int64 // children killed on timeout, cancellation or a broken pipe
	RSS      int64 // resident bytes of the live children, as last reported
}

// NewWorker returns a Worker; children start on first use.
func NewWorker(cfg WorkerConfig) *Worker {
	cfg = cfg.withDefaults()
	w := &Worker{cfg: cfg, slots: make(chan *workerProc, cfg.Procs)}
	for range cfg.Procs {
		w.slots <- nil
	}
	return w
}

// Stats returns the worker's counters.
func (w *Worker) Stats() WorkerStats {
	s := WorkerStats{Renders: w.renders.Load(), Failures: w.failures.Load(), Spawned: w.spawned.Load(),
		Recycled: w.recycled.Load(), Killed: w.killed.Load()}
	w.rss.Range(func(_, v any) bool { s.RSS += v.(int64); return true })
	return s
}

// Close stops every child, waiting for renders in progress to finish.
func (w *Worker) Close() error {
	for range w.cfg.Procs {
		if p := <-w.slots; p != nil {
			w.retire(p)
		}
	}
	close(w.slots)
	return nil
}

// Render implements Renderer for what Wasm renders.
func (w *Worker) Render(ctx context.Context, d Diagram, format Format) (out []byte, err error) {
	if err := checkRequest(w.cfg.Limits, d, format, wasmFormats, wasmLayouts); err != nil {
		return nil, err
	}
	var p *workerProc
	select {
	case s, ok := <-w.slots:
		if !ok {
			return nil, errors.New("diagram: render worker is closed")
		}
		p = s
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { w.slots <- p }()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if p == nil {
		if p, err = w.spawn(ctx); err != nil {
			w.failures.Add(1)
			return nil, err
		}
	}
	req := workerRequest{Source: d.source, Layout: d.layout, Nodes: d.nodes, Edges: d.edges, Format: format, Limits: w.cfg.Limits}
	var ans workerAnswer
	err = p.call(ctx, w.cfg.Timeout, func() error { return p.exchange(req, &ans) })
	w.renders.Add(1)
	if err != nil {
		// The child is lost or stuck: kill it.
		w.failures.Add(1)
		w.kill(p)
		p = nil
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			err = timedOut("render worker", d, format, w.cfg.Timeout)
		}
		return nil, err
	}
	w.rss.Store(p.cmd.Process.Pid, ans.RSS)
	p.renders++
	if ans.Err != nil {
		w.failures.Add(1)
	}
	if ans.Err != nil || p.renders >= w.cfg.MaxRenders || ans.RSS >= w.cfg.MaxRSS {
		w.retire(p)
		p = nil
	}
	if ans.Err != nil {
		return nil, ans.Err.err()
	}
	return ans.Out, nil
}

// workerProc is one child process.
type workerProc struct {
	cmd     *exec.Cmd
	in      io.WriteCloser
	enc     *gob.Encoder
	bw      *bufio.Writer
	dec     *gob.Decoder
	stderr  *tailBuffer
	renders int
	exited  chan struct{}
}

func (w *Worker) command() (*exec.Cmd, error) {
	if os.Getenv(WorkerEnv) == "1" {
		// This process was started as a worker and went on to run
		// normally: starting more would recurse.
		return nil, fmt.Errorf("diagram: this process was started as a render worker but did not call diagram.MaybeRunWorker first thing")
	}
	argv := w.cfg.Command
	if len(argv) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("diagram: cannot find this program to start a render worker: %w", err)
		}
		argv = []string{exe, "-test.run=^$"}
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), WorkerEnv+"=1")
	ownGroup(cmd)
	return cmd, nil
}

func (w *Worker) spawn(ctx context.Context) (*workerProc, error) {
	cmd, err := w.command()
	if err != nil {
		return nil, err
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriter(in)
	p := &workerProc{cmd: cmd, in: in, bw: bw, enc: gob.NewEncoder(bw), dec: gob.NewDecoder(bufio.NewReader(out)),
		stderr: &tailBuffer{max: 4096}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("diagram: starting render worker %s: %w", cmd.Path, err)
	}
	w.spawned.Add(1)
	go func() { _ = cmd.Wait(); close(p.exited) }()
	// The first start in a fresh temporary directory compiles the wasm
	// module (about half a second); later starts load it from the cache.
	if err := p.call(ctx, workerStartTimeout, p.greet); err != nil {
		w.kill(p)
		return nil, fmt.Errorf("diagram: render worker did not start: %w", err)
	}
	return p, nil
}

// call runs one exchange with the child, giving up when ctx ends or timeout
// passes; the caller then kills the child.
func (p *workerProc) call(ctx context.Context, timeout time.Duration, exchange func() error) error {
	done := make(chan error, 1)
	go func() { done <- exchange() }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var err error
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		err = ctx.Err()
	case <-timer.C:
		err = context.DeadlineExceeded
	}
	p.cmd.Process.Kill()
	<-done
	return err
}

// lost describes a child that broke the protocol or died.
func (p *workerProc) lost(err error) error {
	msg := strings.TrimSpace(p.stderr.String())
	if msg != "" {
		msg = ": " + msg
	}
	return fmt.Errorf("diagram: render worker failed: %v%s", err, msg)
}

func (p *workerProc) greet() error {
	if err := p.send(workerHello{"parent", workerProtocol}); err != nil {
		return err
	}
	var hello workerHello
	if err := p.dec.Decode(&hello); err != nil {
		return p.lost(err)
	}
	if hello != (workerHello{"worker", workerProtocol}) {
		return p.lost(fmt.Errorf("bad greeting %+v (does the program call diagram.MaybeRunWorker first thing in main?)", hello))
	}
	return nil
}

func (p *workerProc) send(v any) error {
	if err := p.enc.Encode(v); err != nil {
		return p.lost(err)
	}
	if err := p.bw.Flush(); err != nil {
		return p.lost(err)
	}
	return nil
}

func (p *workerProc) exchange(req workerRequest, ans *workerAnswer) error {
	if err := p.send(req); err != nil {
		return err
	}
	if err := p.dec.Decode(ans); err != nil {
		return p.lost(err)
	}
	return nil
}

// retire ends a healthy child: closing its input makes it exit.
func (w *Worker) retire(p *workerProc) {
	w.recycled.Add(1)
	w.rss.Delete(p.cmd.Process.Pid)
	p.in.Close()
	go func() {
		select {
		case <-p.exited:
		case <-time.After(5 * time.Second):
			p.cmd.Process.Kill()
		}
	}()
}

func (w *Worker) kill(p *workerProc) {
	w.killed.Add(1)
	w.rss.Delete(p.cmd.Process.Pid)
	p.cmd.Process.Kill()
	p.in.Close()
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, b...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(b), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
