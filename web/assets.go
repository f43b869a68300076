package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// The templates, static files and OpenAPI document are compiled into the
// binary: the service needs no files at run time and no build step.
var (
	//go:embed templates/*.html
	templateFS embed.FS
	//go:embed static
	staticFS embed.FS
	//go:embed openapi.json
	openAPIDoc []byte
)

// pages holds one parsed template set per page, each with the shared layout.
type pages struct {
	byName map[string]*template.Template
}

var pageNames = []string{"search", "paths", "entity", "cypher", "error", "sources", "source", "explore", "investigations"}

func parsePages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		p.byName[name] = t
	}
	return p, nil
}

// templateFuncs are the helpers pages use. They return plain strings, so
// html/template escapes their results for the context they land in.
var templateFuncs = template.FuncMap{
	"entityURL": EntityURL,
	"sourceURL": SourceURL,
	"dates":     dates,
	"timelineCtx": func(r timelineRow, sc timeScale) struct {
		Row   timelineRow
		Scale timeScale
	} {
		return struct {
			Row   timelineRow
			Scale timeScale
		}{r, sc}
	},
	"httpURL": httpURL,
	"inc":     func(i int) int { return i + 1 },
	"meaning": func(t graph.RelType) string {
		spec, _ := t.Spec()
		return spec.Meaning
	},
}

// dates writes when a relationship holds, by the one rule of time:
// "1990-11", "1981 – 1983", "since 2009-04" (a state with no known end),
// "2013 (ended, date unknown)", "attested 1990-11" or "undated".
func dates(r graph.Relationship) string {
	switch {
	case !r.Attested.IsZero():
		return "attested " + r.Attested.String()
	case r.Start.IsZero() && r.Ongoing != nil && !*r.Ongoing:
		return "undated (ended)"
	case r.Start.IsZero():
		return "undated"
	case !r.End.IsZero():
		return r.Start.String() + " – " + r.End.String()
	case r.Lasting():
		return "since " + r.Start.String()
	case r.Ongoing != nil:
		return r.Start.String() + " (ended, date unknown)"
	}
	return r.Start.String()
}

// httpURL returns u when it is an absolute http or https URL, else "": a
// source URL from the data must not become a javascript: link.
func httpURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// render executes a page into a buffer first, so that a template error
// never sends half a page.
func (s *Server) renderPage(c *gin.Context, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := s.pages.byName[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		return err
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// errorPage is the data of the error page.
type errorPage struct {
	layout
	Status     int
	Message    string
	Candidates []graph.Entity
}

func (s *Server) renderError(c *gin.Context, status int, body errorBody) {
	cands := body.Candidates
	for _, sg := range body.Suggestions {
		cands = append(cands, sg.Entity)
	}
	data := errorPage{layout: layout{Title: http.StatusText(status)}, Status: status, Message: body.Error, Candidates: cands}
	if err := s.renderPage(c, status, "error", data); err != nil {
		s.log.Error("render error page", "error", err.Error())
		c.String(status, "%s\n", body.Error)
	}
}

// static serves the embedded assets; directories are not listed.
func (s *Server) static(c *gin.Context) {
	name := strings.TrimPrefix(path.Clean("/"+c.Param("file")), "/")
	sub, _ := fs.Sub(staticFS, "static")
	st, err := fs.Stat(sub, name)
	if err != nil || st.IsDir() {
		c.Set(keyPage, false)
		_ = c.Error(errNoRoute)
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	http.ServeFileFS(c.Writer, c.Request, sub, name)
}
