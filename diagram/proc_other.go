//go:build unix && !linux

package diagram

import "syscall"

// setParentDeathSignal does nothing where the kernel offers no parent-death
// signal; a child then ends when its work or its input does.
func setParentDeathSignal(*syscall.SysProcAttr) {}
