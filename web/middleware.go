package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// contentSecurityPolicy allows only the service's own scripts, so that an
// injected inline script would not run even if escaping failed. Inline
// styles are allowed because Graphviz SVG carries style attributes.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
	"script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// observe gives the request an id, logs it once it is answered and records
// its metrics.
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	var b [8]byte
	_, _ = rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	c.Set(keyRequestID, id)
	c.Header("X-Request-Id", id)
	c.Next()
	d := time.Since(start)
	route := routeOf(c)
	status := c.Writer.Status()
	s.metrics.observeRequest(route, c.Request.Method, status, d)
	s.log.Info("request", "request_id", id, "method", c.Request.Method, "route", route,
		"path", c.Request.URL.Path, "status", status, "duration_ms", float64(d.Microseconds())/1000,
		"bytes", c.Writer.Size(), "remote_addr", c.ClientIP(), "user_agent", c.Request.UserAgent())
}

// secure sets the security headers of every response and caps the request
// body.
func (s *Server) secure(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	limit := s.cfg.MaxBodyBytes
	if c.Request.URL.Path == "/api/v1/import" {
		limit = s.cfg.MaxImportBytes
	}
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	}
	c.Next()
}

// page marks a route as an HTML page, so that errors are answered with an
// HTML page instead of JSON.
func page(c *gin.Context) {
	c.Set(keyPage, true)
	c.Header("Cache-Control", "no-store")
	c.Next()
}

// noStore marks API responses as not cacheable: they reflect the current
// graph.
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Next()
}

func statusLabel(status int) string { return strconv.Itoa(status) }
