package diagram

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// longLayout is a diagram whose layout runs for minutes: neato on 600 nodes
// (native dot: over 60 s on the 2-core development machine).
func longLayout() Diagram {
	return Build(Request{Title: "long", Graph: bigGraph(600)}, Options{Layout: "neato"})
}

// gone reports whether no process with pid (or, with group, in the group
// pid leads) is left, waiting up to two seconds for init to reap orphans.
func gone(pid int, group bool) bool {
	for range 40 {
		if !alive(pid, group) {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// alive reports whether the process pid (or any process of the process
// group pid) is running. A zombie is not running: it has exited and waits
// for whichever process adopted it to reap it, which on some machines is
// an init that takes its time.
func alive(pid int, group bool) bool {
	if !group {
		state, _, ok := procStat(pid)
		return ok && state != "Z"
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return syscall.Kill(-pid, 0) == nil
	}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if state, pgrp, ok := procStat(p); ok && pgrp == pid && state != "Z" {
			return true
		}
	}
	return false
}

// procStat reads a process's state and process group from /proc.
func procStat(pid int) (state string, pgrp int, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return "", 0, false
	}
	// The command name is in parentheses and may hold spaces; the fields
	// after it are state, ppid, pgrp.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return "", 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 3 {
		return "", 0, false
	}
	pgrp, _ = strconv.Atoi(f[2])
	return f[0], pgrp, true
}

// TestNativeStopsLongLayout: a dot layout that would run for minutes stops at
// the time limit, and when its context ends, and its process group is gone.
func TestNativeStopsLongLayout(t *testing.T) {
	requireDot(t)
	pids := recordStarts(t)
	n := &Native{Timeout: time.Second}
	start := time.Now()
	_, err := n.Render(context.Background(), longLayout(), FormatPNG)
	if d := time.Since(start); !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "stopped") || d > time.Second+killGrace+2*time.Second {
		t.Errorf("neato PNG with a 1s limit = %v after %s, want a time-limit error at about 1s", err, d.Round(time.Millisecond))
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start = time.Now()
	_, err = (&Native{}).Render(ctx, longLayout(), FormatSVG)
	if d := time.Since(start); !errors.Is(err, context.Canceled) || d > 300*time.Millisecond+killGrace+2*time.Second {
		t.Errorf("neato SVG cancelled at 300ms = %v after %s, want context.Canceled at once", err, d.Round(time.Millisecond))
	}
	for _, pid := range pids() {
		if !gone(pid, true) {
			t.Errorf("process group %d of a stopped dot is still alive", pid)
		}
	}
}

// TestNativeKillsGroup: a program that ignores SIGTERM, and the child it
// started, are both killed after the grace period.
func TestNativeKillsGroup(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "child.pid")
	script := writeScript(t, dir, "stubborn", fmt.Sprintf("trap '' TERM\nsleep 300 &\necho $! > %s\nwait\n", pidFile))
	pids := recordStarts(t)
	n := &Native{Path: script, Timeout: 300 * time.Millisecond}
	start := time.Now()
	_, err := n.Render(context.Background(), pathDOT(), FormatSVG)
	d := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Render of a stubborn program = %v, want a time-limit error", err)
	}
	if d < 300*time.Millisecond+killGrace || d > 300*time.Millisecond+killGrace+2*time.Second {
		t.Errorf("Render returned after %s, want the limit plus the grace period (%s)", d.Round(time.Millisecond), 300*time.Millisecond+killGrace)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the script did not start its child: %v", err)
	}
	child, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if !gone(child, false) {
		t.Errorf("the child %d of the stopped program is still alive", child)
	}
	for _, pid := range pids() {
		if !gone(pid, true) {
			t.Errorf("process group %d is still alive", pid)
		}
	}
}

// TestNativeProcs: no more than Procs dot processes run at once, and a
// render waiting for one gives up when its context ends.
func TestNativeProcs(t *testing.T) {
	dir := t.TempDir()
	script := writeScript(t, dir, "slow", "cat > /dev/null\nsleep 0.4\necho '<svg></svg>'\n")
	run3 := func(n *Native) time.Duration {
		start := time.Now()
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				if _, err := n.Render(context.Background(), pathDOT(), FormatSVG); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		return time.Since(start)
	}
	if d := run3(&Native{Path: script, Procs: 1}); d < 1200*time.Millisecond {
		t.Errorf("3 renders of 0.4s with Procs 1 took %s, want at least 1.2s", d.Round(time.Millisecond))
	}
	if d := run3(&Native{Path: script, Procs: 3}); d > 1100*time.Millisecond {
		t.Errorf("3 renders of 0.4s with Procs 3 took %s, want them side by side", d.Round(time.Millisecond))
	}
	n := &Native{Path: script, Procs: 1}
	go n.Render(context.Background(), pathDOT(), FormatSVG)
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := n.Render(ctx, pathDOT(), FormatSVG); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("Render waiting for a free process = %v after %s, want DeadlineExceeded at 50ms", err, time.Since(start))
	}
}

// TestCommandTimeLimit: a command wired like the explorer command stops a
// go-graphviz layout that would run for minutes at its time limit.
func TestCommandTimeLimit(t *testing.T) {
	var start time.Time
	out, err := helper(t, "svg", "1s", func(*os.Process) { start = time.Now() })
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the command with a 1s limit drew for %s", d.Round(time.Millisecond))
	}
	if err == nil || !strings.Contains(out, "stopped") {
		t.Errorf("helper = %v, output %q, want a time-limit error", err, out)
	}
}

// TestCommandStopsOnSignal: a program wired like the explorer command
// (signal.NotifyContext on SIGINT and SIGTERM, an Engine with the default
// backend) exits within moments of SIGTERM or SIGINT while a layout that
// would run for minutes is in progress, with go-graphviz in a worker (svg)
// and with native dot (png), whose process is then gone too.
func TestCommandStopsOnSignal(t *testing.T) {
	for _, tc := range []struct {
		format string
		sig    os.Signal
	}{{"svg", syscall.SIGTERM}, {"png", syscall.SIGTERM}, {"png", os.Interrupt}} {
		t.Run(tc.format+"/"+tc.sig.String(), func(t *testing.T) {
			if tc.format == "png" {
				requireDot(t)
			}
			var sent time.Time
			out, err := helper(t, tc.format, "10m", func(p *os.Process) {
				time.Sleep(300 * time.Millisecond) // well into the layout
				sent = time.Now()
				p.Signal(tc.sig)
			})
			if d := time.Since(sent); d > 2*time.Second {
				t.Errorf("the command took %s to exit after %s", d.Round(time.Millisecond), tc.sig)
			}
			if err == nil || !strings.Contains(out, context.Canceled.Error()) {
				t.Errorf("command = %v, output %q, want it cancelled", err, out)
			}
			if tc.format == "png" {
				_, after, ok := strings.Cut(out, "dot pid ")
				pid, _ := strconv.Atoi(strings.Fields(after + " x")[0])
				if !ok || pid == 0 {
					t.Fatalf("the command did not report its dot process: %q", out)
				}
				if !gone(pid, true) {
					t.Errorf("dot (process group %d) outlived the command", pid)
				}
			}
		})
	}
}

// helperEnv selects the command-like helper in TestMain.
const helperEnv = "DIAGRAM_TEST_COMMAND"

// helper runs this test binary as a command that draws longLayout in format
// with the given time limit; signal, when set, is called once the command
// says it is drawing (for png: once dot has started). It returns the
// command's output and exit error.
func helper(t *testing.T, format, timeout string, signal func(*os.Process)) (string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+format+","+timeout)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer timer.Stop()
	var out strings.Builder
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if signal != nil && (sc.Text() == "drawing" && format != "png" || strings.HasPrefix(sc.Text(), "dot pid ")) {
			signal(cmd.Process)
		}
	}
	return out.String(), cmd.Wait()
}

// runHelperCommand is the command helper starts, wired as cmd/explorer's
// main and writeDiagram are.
func runHelperCommand(spec string) {
	format, timeout, _ := strings.Cut(spec, ",")
	limit, err := time.ParseDuration(timeout)
	if err != nil {
		panic(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	startedHook = func(pid int) { fmt.Printf("dot pid %d\n", pid) }
	eng := New(Config{Timeout: limit})
	defer eng.Close()
	d := longLayout()
	fmt.Println("drawing")
	_, err = eng.Render(ctx, d, Format(format))
	fmt.Println("error:", err)
	if err != nil {
		os.Exit(1)
	}
}

// recordStarts collects the pids runGroup starts until the test ends.
func recordStarts(t *testing.T) func() []int {
	var mu sync.Mutex
	var pids []int
	startedHook = func(pid int) { mu.Lock(); pids = append(pids, pid); mu.Unlock() }
	t.Cleanup(func() { startedHook = nil })
	return func() []int { mu.Lock(); defer mu.Unlock(); return append([]int(nil), pids...) }
}

func writeScript(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}
