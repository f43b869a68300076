package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// Errors of the HTTP layer itself; the rest come from graph.
var (
	errUnauthorized     = errors.New("unauthorized")
	errUnsupportedMedia = errors.New("unsupported media type")
	errNotImplemented   = errors.New("not implemented")
	errNoRoute          = graph.Errorf(errors.New("no route"), "no such endpoint")
	errDiagramsDown     = errors.New("diagram rendering unavailable")
	errRenderTimeout    = errors.New("the diagram took longer than its time limit to draw")
)

// ErrShuttingDown is the cause with which the server cancels the requests
// still running when its shutdown grace period ends; they answer 503.
var ErrShuttingDown = errors.New("the server is shutting down")

// statusTable maps errors to status codes; the first match wins. It is the
// only place that decides a status from an error.
var statusTable = []struct {
	err    error
	status int
}{
	{errUnauthorized, http.StatusUnauthorized},
	{errUnsupportedMedia, http.StatusUnsupportedMediaType},
	{errNotImplemented, http.StatusNotImplemented},
	{errNoRoute, http.StatusNotFound},
	{errDiagramsDown, http.StatusServiceUnavailable},
	{errTooManyImports, http.StatusTooManyRequests},
	{errRenderTimeout, http.StatusGatewayTimeout},
	{ErrShuttingDown, http.StatusServiceUnavailable},
	{errBusy, http.StatusServiceUnavailable},
	{graph.ErrNoPath, http.StatusNotFound},
	{graph.ErrNotFound, http.StatusNotFound},
	{graph.ErrForbidden, http.StatusForbidden},
	{graph.ErrConflict, http.StatusConflict},
	{graph.ErrInvalid, http.StatusBadRequest},
	{graph.ErrUnavailable, http.StatusServiceUnavailable},
	{graph.ErrTimeout, http.StatusGatewayTimeout},
	// The client hung up; nginx's code for it. Nothing is sent.
	{context.Canceled, 499},
}

// statusOf returns the status code err stands for.
func statusOf(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	for _, e := range statusTable {
		if errors.Is(err, e.err) {
			return e.status
		}
	}
	return http.StatusInternalServerError
}

// publicMessage is what a client is told about err. 4xx messages are the
// Message the error carries (graph.Error); 5xx messages never carry
// internals (driver errors, addresses).
func publicMessage(err error, status int) string {
	switch {
	case status == http.StatusRequestEntityTooLarge:
		var mbe *http.MaxBytesError
		errors.As(err, &mbe)
		return fmt.Sprintf("request body too large (limit %d bytes)", mbe.Limit)
	case errors.Is(err, ErrShuttingDown):
		return "the server is shutting down; try again shortly"
	case errors.Is(err, errRenderTimeout):
		return "the diagram took longer than its time limit to draw; draw less (fewer hops or paths, a smaller depth, fewer types, a date window) or ask for format=json"
	case errors.Is(err, errBusy):
		return err.Error()
	case errors.Is(err, errDiagramsDown):
		return "diagram rendering is unavailable; the JSON format still works"
	case status == http.StatusGatewayTimeout:
		return "the query ran past its time limit; narrow it (fewer hops, a smaller k, a date window, fewer types) and try again"
	case status == http.StatusServiceUnavailable:
		return "the graph database is unavailable; try again shortly"
	case status >= 500 && status != http.StatusNotImplemented:
		return "internal error"
	}
	var e *graph.Error
	switch {
	case !errors.As(err, &e):
		return http.StatusText(status)
	case e.Param != "":
		return fmt.Sprintf("parameter %q: %s", e.Param, e.Message)
	}
	return e.Message
}

// errorBody is the JSON body of every error response.
type errorBody struct {
	Error      string         `json:"error"`
	Candidates []graph.Entity `json:"candidates,omitempty"`
	// Suggestions are the entities spelled most like a name that named
	// none (404); the service never picks one.
	Suggestions []graph.Suggestion `json:"suggestions,omitempty"`
}

// Context keys.
const (
	keyPage      = "explorer.page"
	keyRequestID = "explorer.request_id"
)

// handlerFunc is a handler that reports failure by returning an error.
type handlerFunc func(c *gin.Context) error

// handle adapts a handlerFunc to gin; the error middleware answers errors.
func handle(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			_ = c.Error(err)
		}
	}
}

// handleErrors is the error middleware: it turns the error a handler
// returned into a response (JSON for the API, an HTML page for pages) and
// logs server-side failures once.
func (s *Server) handleErrors(c *gin.Context) {
	c.Next()
	if len(c.Errors) == 0 {
		return
	}
	err := c.Errors.Last().Err
	if cause := context.Cause(c.Request.Context()); errors.Is(cause, ErrShuttingDown) && !errors.Is(err, ErrShuttingDown) {
		err = fmt.Errorf("%w: %v", ErrShuttingDown, err)
	}
	status := statusOf(err)
	s.logError(c, err, status)
	if c.Writer.Written() {
		return
	}
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="explorer import"`)
	}
	setRetryAfter(c, err)
	body := errorBody{Error: publicMessage(err, status)}
	var amb *graph.AmbiguousError
	if errors.As(err, &amb) {
		body.Candidates = amb.Candidates
	}
	var unk *graph.UnknownEntityError
	if errors.As(err, &unk) {
		body.Suggestions = unk.Suggestions
	}
	if c.GetBool(keyPage) {
		s.renderError(c, status, body)
		return
	}
	c.JSON(status, body)
}

// logError logs server-side failures: 5xx at error level (503 at warn, as
// the cause is outside the service), with the full error for operators.
func (s *Server) logError(c *gin.Context, err error, status int) {
	if status < 500 {
		return
	}
	level := slog.LevelError
	if status == http.StatusServiceUnavailable {
		level = slog.LevelWarn
	}
	s.log.Log(c.Request.Context(), level, "request failed",
		"request_id", c.GetString(keyRequestID), "method", c.Request.Method, "route", routeOf(c),
		"status", status, "error", err.Error())
}

// recoverPanic turns a panicking handler into a 500 after logging it.
func (s *Server) recoverPanic(c *gin.Context, rec any) {
	s.log.Error("handler panic", "request_id", c.GetString(keyRequestID), "method", c.Request.Method,
		"route", routeOf(c), "panic", fmt.Sprint(rec), "stack", string(debug.Stack()))
	if c.Writer.Written() {
		c.Abort()
		return
	}
	if c.GetBool(keyPage) {
		s.renderError(c, http.StatusInternalServerError, errorBody{Error: "internal error"})
		c.Abort()
		return
	}
	c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{Error: "internal error"})
}

// routeOf is the route pattern of a request, bounded for metric labels.
func routeOf(c *gin.Context) string {
	if r := c.FullPath(); r != "" {
		return r
	}
	return "unmatched"
}
