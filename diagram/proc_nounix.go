//go:build !unix

package diagram

import (
	"os"
	"os/exec"
)

// ownGroup does nothing where there are no process groups.
func ownGroup(*exec.Cmd) {}

// signalGroup kills the process itself; there is no gentler signal here.
func signalGroup(p *os.Process, kill bool) {
	if kill {
		p.Kill()
	}
}
