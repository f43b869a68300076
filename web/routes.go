package web

import (
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes registers every route of the service. It is the only place that
// does, so this function is the map of the service; openapi.json must
// list every /api/v1 route here (a test checks both ways).
func (s *Server) routes() {
	r := s.engine
	r.Use(s.observe, s.secure, gin.CustomRecoveryWithWriter(io.Discard, s.recoverPanic), s.handleErrors)

	// Operations.
	r.GET("/healthz", s.healthz)
	r.HEAD("/healthz", s.healthz)
	r.GET("/readyz", handle(s.readyz))
	r.HEAD("/readyz", handle(s.readyz))
	r.GET("/metrics", handle(s.checkMetricsToken), gin.WrapH(promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})))

	// JSON API.
	api := r.Group("/api/v1", noStore)
	api.GET("/openapi.json", s.openAPI)
	api.GET("/entities", handle(s.apiSearch))
	api.GET("/entities/:id", handle(s.apiEntity))
	api.GET("/entities/:id/neighbors", handle(s.apiNeighbors))
	api.GET("/entities/:id/diff", handle(s.apiDiff))
	api.GET("/paths", handle(s.apiPaths))
	api.POST("/cypher", handle(s.apiCypher))
	api.POST("/import", handle(s.apiImport))
	api.GET("/imports/:id", handle(s.apiImportJob))
	api.GET("/sources", handle(s.apiSources))
	api.GET("/sources/:id", handle(s.apiSource))
	api.GET("/xref", handle(s.apiXref))
	api.POST("/xref/recompute", handle(s.apiXrefRecompute))
	api.POST("/judgements", handle(s.apiJudge))
	api.GET("/investigations", handle(s.apiInvestigations))
	api.POST("/investigations", handle(s.apiCreateInvestigation))
	api.GET("/investigations/:id", handle(s.apiInvestigation))
	api.PUT("/investigations/:id", handle(s.apiReplaceInvestigation))
	api.DELETE("/investigations/:id", handle(s.apiDeleteInvestigation))
	api.GET("/investigations/:id/export", handle(s.exportInvestigation))

	// HTML pages.
	p := r.Group("/", page)
	p.GET("/", handle(s.searchPage))
	p.GET("/paths", handle(s.pathsPage))
	p.GET("/entities/:id", handle(s.entityPage))
	p.GET("/cypher", handle(s.cypherPage))
	p.POST("/cypher", handle(s.runCypherPage))
	p.GET("/sources", handle(s.sourcesPage))
	p.GET("/sources/:id", handle(s.sourcePage))
	p.GET("/xref", handle(s.xrefPage))
	p.POST("/xref/judge", handle(s.xrefJudge))
	p.POST("/xref/recompute", handle(s.xrefRecompute))
	p.GET("/explore", handle(s.explorePage))
	p.GET("/investigations", handle(s.investigationsPage))
	p.POST("/investigations", handle(s.saveInvestigationPage))
	p.POST("/investigations/:id/rename", handle(s.renameInvestigationPage))
	p.POST("/investigations/:id/delete", handle(s.deleteInvestigationPage))
	p.GET("/investigations/:id/export", handle(s.exportInvestigation))

	// Embedded assets.
	r.GET("/static/*file", s.static)

	r.NoRoute(handle(s.noRoute))
	r.NoMethod(func(c *gin.Context) {
		c.JSON(http.StatusMethodNotAllowed, errorBody{Error: "method " + c.Request.Method + " is not allowed here"})
	})
}

func (s *Server) noRoute(c *gin.Context) error {
	if !strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.Set(keyPage, true)
	}
	return errNoRoute
}
