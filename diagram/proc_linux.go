package diagram

import "syscall"

// setParentDeathSignal has Linux kill the child when this process dies, even
// by SIGKILL, so that no layout outlives the program that asked for it.
func setParentDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
