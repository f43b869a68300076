//go:build unix

package diagram

import (
	"os"
	"os/exec"
	"syscall"
)

// ownGroup makes cmd's process the leader of a new process group, so that
// signalGroup reaches everything it starts, and so that a terminal's Ctrl-C
// goes to this program, which then stops the group itself.
func ownGroup(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	setParentDeathSignal(cmd.SysProcAttr)
}

// signalGroup sends SIGTERM, or SIGKILL when kill is set, to the process
// group p leads.
func signalGroup(p *os.Process, kill bool) {
	sig := syscall.SIGTERM
	if kill {
		sig = syscall.SIGKILL
	}
	if err := syscall.Kill(-p.Pid, sig); err != nil && kill {
		p.Kill()
	}
}
