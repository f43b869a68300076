package diagram

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Native renders with the Graphviz dot program (Debian package graphviz):
// png and pdf, which go-graphviz does not do well or at all, and svg, dot and
// json too. Each render is one process, so renders run in parallel and a
// timeout really stops a layout.
type Native struct {
	// Path is the dot program; empty means "dot" looked up in PATH.
	Path string
	// Timeout bounds one render; zero means 30 seconds.
	Timeout time.Duration
	// DPI is the resolution of PNG output; zero means 144 (sharp on
	// high-density screens and in print).
	DPI int
	// Limits are checked before dot starts; zero fields take DefaultLimits.
	Limits Limits
}

// NewNative returns a renderer that runs the dot program found in PATH.
func NewNative(lim Limits) *Native { return &Native{Limits: lim} }

// LookPath returns the dot program Render will run, or an error wrapping
// ErrNoGraphviz.
func (n *Native) LookPath() (string, error) {
	name := n.Path
	if name == "" {
		name = "dot"
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%w (looked for %q: %v)", ErrNoGraphviz, name, err)
	}
	return p, nil
}

// Render implements Renderer for svg, png, pdf, dot and json.
func (n *Native) Render(ctx context.Context, dot string, format Format, layout string) ([]byte, error) {
	if err := checkRequest(n.Limits, dot, format, layout, Formats, Layouts); err != nil {
		return nil, err
	}
	path, err := n.LookPath()
	if err != nil {
		return nil, err
	}
	timeout := n.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := []string{"-K" + layout, "-T" + string(format)}
	if format == FormatPNG {
		dpi := n.DPI
		if dpi <= 0 {
			dpi = 144
		}
		args = append(args, "-Gdpi="+strconv.Itoa(dpi))
	}
	cmd := exec.CommandContext(rctx, path, args...)
	cmd.Stdin = strings.NewReader(dot)
	out := &limitedBuffer{max: n.Limits.orDefault().MaxOutputBytes}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &stderr
	// SERVER_NAME makes Graphviz refuse to read files (image=, shapefile=),
	// which would otherwise put any file on the host into the output.
	cmd.Env = append(os.Environ(), "SERVER_NAME=explorer")
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if rctx.Err() != nil {
		return nil, fmt.Errorf("dot %s/%s: %w: gave up after %s", layout, format, rctx.Err(), timeout)
	}
	if err := out.err(); err != nil {
		return nil, err
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 500 {
			msg = msg[:500] + "…"
		}
		return nil, fmt.Errorf("dot %s/%s: %v: %s", layout, format, err, msg)
	}
	if len(out.buf) == 0 {
		return nil, fmt.Errorf("dot %s/%s: empty output: %s", layout, format, strings.TrimSpace(stderr.String()))
	}
	return out.buf, nil
}
