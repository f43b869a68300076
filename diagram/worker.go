package diagram

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"explorer/graph"
)

// WorkerEnv is the environment variable that turns a process into a render
// worker (see MaybeRunWorker).
const WorkerEnv = "EXPLORER_RENDER_WORKER"

// A session opens with a greeting each way that names the protocol
// version, so a stale binary fails loudly instead of misreading.
// The parent says hello and the worker says ready, so that a program that
// merely echoes its input is not taken for a worker.
const (
	workerHello = "explorer-render-worker/1 hello\n"
	workerReady = "explorer-render-worker/1 ready\n"
)

// MaybeRunWorker turns this process into a render worker when WorkerEnv is
// "1", and then never returns; otherwise it does nothing. Call it first thing
// in main (and in TestMain of tests that use a Worker), before anything reads
// flags or writes to standard output, which belongs to the protocol.
//
// A worker reads requests on standard input and answers on standard output:
// after the greetings, each request is four length-prefixed
// fields (format, layout, DOT text, JSON limits) and each answer is a status
// byte, the worker's resident memory in bytes (8 bytes) and one
// length-prefixed field (the output, or a JSON error). Lengths are 4-byte big
// endian. The worker exits at end of input, after a failed render (which may
// leave go-graphviz in a bad state), or when its parent dies.
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

// maxFrame bounds a protocol field, whatever the limits say.
const maxFrame = 1 << 30

func writeFrame(w io.Writer, b []byte) error {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

func readFrame(r io.Reader) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size > maxFrame {
		return nil, fmt.Errorf("frame of %d bytes is too large", size)
	}
	b := make([]byte, size)
	_, err := io.ReadFull(r, b)
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return b, err
}

// Status bytes of an answer.
const (
	statusOK      = 0
	statusFailed  = 1
	statusLimit   = 2
	statusInvalid = 3
)

type workerError struct {
	Message string `json:"message"`
	Cap     string `json:"cap,omitempty"`
	Limit   int    `json:"limit,omitempty"`
	Got     int    `json:"got,omitempty"`
}

func serveWorker(in io.Reader, out io.Writer) error {
	r, w := bufio.NewReader(in), bufio.NewWriter(out)
	magic := make([]byte, len(workerHello))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != workerHello {
		return fmt.Errorf("not started by explorer (bad greeting %q); unset %s", magic, WorkerEnv)
	}
	if _, err := w.WriteString(workerReady); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for {
		var fields [4][]byte
		for i := range fields {
			f, err := readFrame(r)
			if i == 0 && errors.Is(err, io.EOF) {
				return nil // the parent closed the session
			}
			if err != nil {
				return fmt.Errorf("reading request: %w", err)
			}
			fields[i] = f
		}
		var lim Limits
		if err := json.Unmarshal(fields[3], &lim); err != nil {
			return fmt.Errorf("reading request limits: %w", err)
		}
		res, err := (&Wasm{Limits: lim}).Render(context.Background(), string(fields[2]), Format(fields[0]), string(fields[1]))
		status := byte(statusOK)
		if err != nil {
			we := workerError{Message: err.Error()}
			var le *LimitError
			switch {
			case errors.As(err, &le):
				status, we.Cap, we.Limit, we.Got = statusLimit, le.Cap, le.Limit, le.Got
			case errors.Is(err, graph.ErrInvalid):
				status = statusInvalid
			default:
				status = statusFailed
			}
			res, _ = json.Marshal(we)
		}
		var hdr [9]byte
		hdr[0] = status
		binary.BigEndian.PutUint64(hdr[1:], uint64(residentBytes()))
		if _, err := w.Write(hdr[:]); err != nil {
			return err
		}
		if err := writeFrame(w, res); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
		if err != nil {
			return nil
		}
	}
}

// residentBytes is this process's resident set size: from /proc on Linux,
// else what the Go runtime has taken from the system.
func residentBytes() int64 {
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		if f := strings.Fields(string(b)); len(f) > 1 {
			if pages, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				return pages * int64(os.Getpagesize())
			}
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.Sys)
}

// WorkerConfig configures a Worker; zero fields take the defaults shown.
type WorkerConfig struct {
	// Command is the worker's argv; default: this executable. The
	// program must call MaybeRunWorker first thing.
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
	// which is the only way to stop a layout. Default 30 seconds.
	Timeout time.Duration
	// Limits are checked before a request is sent; zero fields take
	// DefaultLimits.
	Limits Limits
}

func (c WorkerConfig) withDefaults() WorkerConfig {
	if c.Procs <= 0 {
		c.Procs = 1
	}
	if c.MaxRenders <= 0 {
		c.MaxRenders = 500
	}
	if c.MaxRSS <= 0 {
		c.MaxRSS = 192 << 20
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	c.Limits = c.Limits.orDefault()
	return c
}

// Worker renders svg and dot with go-graphviz in child processes: the
// same binary started again with WorkerEnv=1. A child is replaced after
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
func (w *Worker) Render(ctx context.Context, dot string, format Format, layout string) (out []byte, err error) {
	if err := checkRequest(w.cfg.Limits, dot, format, layout, wasmFormats, wasmLayouts); err != nil {
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
	lim, _ := json.Marshal(w.cfg.Limits)
	res, err := p.call(ctx, w.cfg.Timeout, [][]byte{[]byte(format), []byte(layout), []byte(dot), lim})
	w.renders.Add(1)
	if err != nil {
		w.failures.Add(1)
		var ce callError
		if errors.As(err, &ce) {
			// The child is lost or stuck: kill it.
			w.kill(p)
			p = nil
			return nil, ce.err
		}
	}
	w.rss.Store(p.cmd.Process.Pid, res.rss)
	p.renders++
	if err != nil || p.renders >= w.cfg.MaxRenders || res.rss >= w.cfg.MaxRSS {
		w.retire(p)
		p = nil
	}
	return res.out, err
}

// workerProc is one child process.
type workerProc struct {
	cmd     *exec.Cmd
	in      io.WriteCloser
	out     *bufio.Reader
	stderr  *tailBuffer
	renders int
	exited  chan struct{}
}

// callError marks a failure of the child itself rather than of the render.
type callError struct{ err error }

func (e callError) Error() string { return e.err.Error() }

type workerResult struct {
	out []byte
	rss int64
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
		// MaybeRunWorker never reads arguments. This one makes a test
		// binary whose TestMain forgot to call it run no tests and fail
		// the greeting at once, instead of running its whole suite.
		argv = []string{exe, "-test.run=^$"}
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), WorkerEnv+"=1")
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
	p := &workerProc{cmd: cmd, in: in, out: bufio.NewReader(out), stderr: &tailBuffer{max: 4096}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("diagram: starting render worker %s: %w", cmd.Path, err)
	}
	w.spawned.Add(1)
	go func() { _ = cmd.Wait(); close(p.exited) }()
	// The first start in a fresh temporary directory compiles the wasm
	// module (about half a second); later starts load it from the cache.
	if _, err := p.call(ctx, workerStartTimeout, nil); err != nil {
		w.kill(p)
		var ce callError
		if errors.As(err, &ce) {
			err = ce.err
		}
		return nil, fmt.Errorf("diagram: render worker did not start: %w", err)
	}
	return p, nil
}

// call sends one request (or, with no fields, the greeting) and reads the
// answer, giving up when ctx ends or timeout passes.
func (p *workerProc) call(ctx context.Context, timeout time.Duration, fields [][]byte) (workerResult, error) {
	type answer struct {
		res workerResult
		err error
	}
	done := make(chan answer, 1)
	go func() {
		res, err := p.exchange(fields)
		done <- answer{res, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case a := <-done:
		return a.res, a.err
	case <-ctx.Done():
		p.cmd.Process.Kill()
		<-done
		return workerResult{}, callError{ctx.Err()}
	case <-timer.C:
		p.cmd.Process.Kill()
		<-done
		return workerResult{}, callError{fmt.Errorf("%w: diagram: render took longer than %s and was stopped", graph.ErrTimeout, timeout)}
	}
}

func (p *workerProc) exchange(fields [][]byte) (workerResult, error) {
	lost := func(err error) (workerResult, error) {
		msg := strings.TrimSpace(p.stderr.String())
		if msg != "" {
			msg = ": " + msg
		}
		return workerResult{}, callError{fmt.Errorf("diagram: render worker failed: %v%s", err, msg)}
	}
	if fields == nil {
		if _, err := io.WriteString(p.in, workerHello); err != nil {
			return lost(err)
		}
		magic := make([]byte, len(workerReady))
		if _, err := io.ReadFull(p.out, magic); err != nil {
			return lost(err)
		}
		if string(magic) != workerReady {
			return lost(fmt.Errorf("bad greeting %q (does the program call diagram.MaybeRunWorker first thing in main?)", magic))
		}
		return workerResult{}, nil
	}
	bw := bufio.NewWriter(p.in)
	for _, f := range fields {
		if err := writeFrame(bw, f); err != nil {
			return lost(err)
		}
	}
	if err := bw.Flush(); err != nil {
		return lost(err)
	}
	var hdr [9]byte
	if _, err := io.ReadFull(p.out, hdr[:]); err != nil {
		return lost(err)
	}
	body, err := readFrame(p.out)
	if err != nil {
		return lost(err)
	}
	res := workerResult{rss: int64(binary.BigEndian.Uint64(hdr[1:]))}
	if hdr[0] == statusOK {
		res.out = body
		return res, nil
	}
	var we workerError
	if err := json.Unmarshal(body, &we); err != nil {
		return lost(fmt.Errorf("bad error answer: %v", err))
	}
	switch hdr[0] {
	case statusLimit:
		return res, &LimitError{Cap: we.Cap, Limit: we.Limit, Got: we.Got}
	case statusInvalid:
		return res, fmt.Errorf("%w: %s", graph.ErrInvalid, strings.TrimPrefix(we.Message, graph.ErrInvalid.Error()+": "))
	}
	return res, errors.New(we.Message)
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
