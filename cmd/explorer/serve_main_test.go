package main

import (
	"os"
	"testing"

	"explorer/diagram"
)

// TestMain lets the test binary serve as the diagram render worker that
// "explorer serve" starts (it runs this executable again with
// EXPLORER_RENDER_WORKER=1), as main does in the real binary.
func TestMain(m *testing.M) {
	diagram.MaybeRunWorker()
	os.Exit(m.Run())
}
