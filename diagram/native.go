package diagram

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Native renders with the Graphviz dot program (Debian package graphviz):
// png and pdf, which go-graphviz does not do well or at all, and svg,
// laid-out dot, json and plain too. Each render is one process in its own process
// group; at most Procs run at once. When the context ends or Timeout passes
// the group gets SIGTERM and, after a short grace, SIGKILL (dot's layouts
// ignore SIGTERM), so a layout really stops.
type Native struct {
	// Path is the dot program; empty means "dot" looked up in PATH.
	Path string
	// Timeout bounds one render; zero means DefaultTimeout.
	Timeout time.Duration
	// Procs is how many dot processes may run at once; zero means the
	// number of CPUs. A render waits for a free one, honouring its context.
	Procs int
	// DPI is the resolution of PNG output; zero means DefaultDPI, 144 (sharp on
	// high-density screens and in print).
	DPI int
	// Limits are checked before dot starts; zero fields take DefaultLimits.
	Limits Limits

	once  sync.Once
	slots chan struct{}
}

// NewNative returns a renderer that runs the dot program found in PATH.
func NewNative(lim Limits) *Native { return &Native{Limits: lim} }

// LookPath returns the dot program Render will run, or an error wrapping
// ErrNoGraphviz.
func (n *Native) LookPath() (string, error) {
	name := cmp.Or(n.Path, "dot")
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%w (looked for %q: %v)", ErrNoGraphviz, name, err)
	}
	return p, nil
}

// killGrace is how long a process group has between SIGTERM and SIGKILL.
const killGrace = 500 * time.Millisecond

// Render implements Renderer for svg, png, pdf, laid-out dot, json and plain.
func (n *Native) Render(ctx context.Context, d Diagram, format Format) ([]byte, error) {
	if err := checkRequest(n.Limits, d, format, nativeFormats, Layouts); err != nil {
		return nil, err
	}
	path, err := n.LookPath()
	if err != nil {
		return nil, err
	}
	n.once.Do(func() { n.slots = make(chan struct{}, cmp.Or(n.Procs, runtime.NumCPU())) })
	timeout := cmp.Or(n.Timeout, DefaultTimeout)
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	select {
	case n.slots <- struct{}{}:
		defer func() { <-n.slots }()
	case <-rctx.Done():
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, timedOut("dot", d, format, timeout)
	}
	args := []string{"-K" + d.layout, "-T" + format.graphviz()}
	if format == FormatPNG {
		args = append(args, "-Gdpi="+strconv.Itoa(cmp.Or(n.DPI, DefaultDPI)))
	}
	cmd := exec.Command(path, args...)
	cmd.Stdin = strings.NewReader(d.source)
	out := &limitedBuffer{max: n.Limits.orDefault().MaxOutputBytes}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &stderr
	// SERVER_NAME makes Graphviz refuse to read files (image=, shapefile=),
	// which would otherwise put any file on the host into the output.
	cmd.Env = append(os.Environ(), "SERVER_NAME=explorer")
	err = runGroup(rctx, cmd, killGrace)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if rctx.Err() != nil {
		return nil, timedOut("dot", d, format, timeout)
	}
	if err := out.err(); err != nil {
		return nil, err
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 500 {
			msg = msg[:500] + "…"
		}
		return nil, fmt.Errorf("dot %s/%s: %v: %s", d.layout, format, err, msg)
	}
	if len(out.buf) == 0 {
		return nil, fmt.Errorf("dot %s/%s: empty output: %s", d.layout, format, strings.TrimSpace(stderr.String()))
	}
	return out.buf, nil
}

// nativeFormats are what Native renders: every format but the DOT source,
// which needs no Graphviz.
var nativeFormats = []Format{FormatSVG, FormatPNG, FormatPDF, FormatLaidOutDOT, FormatJSON, FormatPlain}

// startedHook, when set (by tests), is called with the pid of every process
// runGroup starts.
var startedHook func(pid int)

// runGroup runs cmd in its own process group and waits for it. When ctx ends
// first, the group gets SIGTERM, then SIGKILL after grace; runGroup returns
// once the process has been reaped.
func runGroup(ctx context.Context, cmd *exec.Cmd, grace time.Duration) error {
	ownGroup(cmd)
	// Wait stops copying output this long after the process is gone, should
	// a stray process still hold the pipes.
	cmd.WaitDelay = grace
	if err := cmd.Start(); err != nil {
		return err
	}
	if startedHook != nil {
		startedHook(cmd.Process.Pid)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	signalGroup(cmd.Process, false)
	select {
	case err := <-done:
		return err
	case <-time.After(grace):
	}
	signalGroup(cmd.Process, true)
	return <-done
}

// DefaultDPI is the resolution of PNG output when none is configured: a
// size of one inch is this many pixels.
const DefaultDPI = 144
