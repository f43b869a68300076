// Package diagram draws entities, relationships and paths as Graphviz
// diagrams. Where each concern lives:
//
//   - build.go: Request (the one request type of the command line and the
//     web service) and Options; Build, a pure function, writes the DOT
//     source and returns it as a Diagram with its node and edge counts.
//     escape.go quotes every piece of text; style.go holds the look.
//   - render.go: Format ("dot" is always the DOT source; Graphviz's laid-out
//     -Tdot is FormatLaidOutDOT), the Renderer interface, Limits (checked
//     on Build's counts, never by parsing DOT) and the time limit.
//   - engine.go: Engine, the renderer programs use: the DOT source as is,
//     svg, laid-out dot and plain through go-graphviz, png, pdf, json and sfdp
//     through native dot, with a fallback to dot.
//   - wasm.go: go-graphviz in this process, behind one process-wide lock;
//     a layout there cannot be stopped, and its memory only grows.
//   - worker.go: go-graphviz in recycled child processes, killed at the time
//     limit or on cancellation, and the re-exec contract they rely on (see
//     WorkerEnv); programs that use it call MaybeRunWorker first in main.
//   - native.go, proc_*.go: the dot program, a bounded number at once, each
//     in its own process group, stopped with SIGTERM then SIGKILL.
//   - cache.go: Cache, the one render cache, which merges identical
//     concurrent requests; the web service keeps one in front of its Engine.
package diagram
