package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"explorer/graph"
	"explorer/report"
)

// searchResponse is the body of GET /api/v1/entities, the same shape as
// `explorer search --format json`.
type searchResponse struct {
	Results []graph.SearchHit `json:"results"`
}

func (s *Server) apiSearch(c *gin.Context) error {
	v := c.Request.URL.Query()
	q := strings.TrimSpace(v.Get("q"))
	if q == "" {
		return paramError("q", "required: the text to search for")
	}
	if len(q) > 200 {
		return paramError("q", "too long (at most 200 bytes)")
	}
	limit, err := intParam(v, "limit", 20, 1, 100)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	hits, err := s.graph.Search(ctx, q, limit)
	if err != nil {
		return wrapParam("q", err)
	}
	if hits == nil {
		hits = []graph.SearchHit{}
	}
	c.JSON(http.StatusOK, searchResponse{Results: hits})
	return nil
}

func (s *Server) apiEntity(c *gin.Context) error {
	ctx, cancel := s.ctx(c)
	defer cancel()
	e, err := s.resolveID(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, e)
	return nil
}

// resolveID resolves the :id path segment, which like the CLI may also be a
// name or an alias.
func (s *Server) resolveID(ctx context.Context, ref string) (graph.Entity, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > 500 {
		return graph.Entity{}, graph.Errorf(graph.ErrInvalid, "entity reference: want an id, name or alias of at most 500 bytes")
	}
	return s.graph.Resolve(ctx, ref)
}

// neighborsResponse is the body of GET /api/v1/entities/{id}/neighbors: the
// subgraph, the same shape as `explorer neighbors --format json`, and the
// query it answers in one line.
type neighborsResponse struct {
	Query string `json:"query"`
	graph.Subgraph
	// Note says how an as-of query read time; absent without as_of.
	Note string `json:"note,omitempty"`
}

func (s *Server) apiNeighbors(c *gin.Context) error {
	v := c.Request.URL.Query()
	format, err := formatParam(v, c.GetHeader("Accept"), FormatCSV, FormatMarkdown, FormatHTML, FormatPDF)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	centre, err := s.resolveID(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	q, err := s.neighborParams(ctx, v, centre.ID)
	if err != nil {
		return err
	}
	q.Names[centre.ID] = centre.Name
	g, err := s.graph.Neighbors(ctx, q)
	if err != nil {
		return err
	}
	switch format {
	case "json":
		c.JSON(http.StatusOK, neighborsResponse{Query: q.Describe(), Subgraph: g, Note: q.Filter.AsOfNote()})
		return nil
	case FormatCSV:
		return writeCSV(c, centre.ID+"-neighbors", func(w io.Writer) error { return graph.WriteSubgraphCSV(w, g) })
	case FormatMarkdown, FormatHTML:
		in, err := s.reportInput(ctx, "The links of "+centre.Name, q.Describe())
		if err != nil {
			return err
		}
		in.Relationships, in.Entities = g.Relationships, g.Nodes
		return writeReport(c, format, centre.ID+"-neighbors", in)
	}
	in := DiagramRequest{Title: q.Describe(), Graph: g, Highlight: []string{centre.ID}}
	if in.FitWidth, in.FitHeight, err = pageFit(v, format); err != nil {
		return err
	}
	return s.writeDiagram(c, ctx, in, format, centre.ID+"-neighbors")
}

// FormatCSV is the spreadsheet format of paths and neighbourhoods: one row
// per hop or relationship with every evidence field.
const FormatCSV = "csv"

// The citable report formats (see the report package).
const (
	FormatMarkdown = "md"
	FormatHTML     = "html"
)

// reportInput starts a citable report with the source records its notes
// cite and the service's public base URL for paragraph links.
func (s *Server) reportInput(ctx context.Context, title, query string) (report.Input, error) {
	list, err := s.graph.SourceIndex(ctx)
	if err != nil {
		return report.Input{}, err
	}
	in := report.Input{Title: title, Query: query, Sources: make(map[string]graph.Source, len(list)), BaseURL: s.cfg.BaseURL}
	for _, src := range list {
		in.Sources[src.ID] = src
	}
	return in, nil
}

// writeReport answers with the report as Markdown or an HTML fragment.
func writeReport(c *gin.Context, format, name string, in report.Input) error {
	if format == FormatHTML {
		c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(report.HTML(in)))
		return nil
	}
	c.Header("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name + ".md"}))
	c.Data(http.StatusOK, "text/markdown; charset=utf-8", []byte(report.Markdown(in)))
	return nil
}

// writeCSV answers with a CSV download.
func writeCSV(c *gin.Context, name string, fn func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		return err
	}
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + ".csv"}))
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	return nil
}

// pathsResponse is the body of GET /api/v1/paths, the same shape as
// `explorer path --format json`: the query in one line and the paths,
// each with its strength.
type pathsResponse struct {
	Query string       `json:"query"`
	Paths []graph.Path `json:"paths"`
	// Note says how an as-of query read time; absent without as_of.
	Note string `json:"note,omitempty"`
}

func (s *Server) apiPaths(c *gin.Context) error {
	v := c.Request.URL.Query()
	format, err := formatParam(v, c.GetHeader("Accept"), FormatCSV, FormatMarkdown, FormatHTML)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	q, err := s.pathParams(ctx, v)
	if err != nil {
		return err
	}
	paths, q, err := s.paths(ctx, q, v)
	if err != nil {
		return err
	}
	name := q.From + "-to-" + q.To
	switch format {
	case "json":
		c.JSON(http.StatusOK, pathsResponse{Query: q.Describe(), Paths: paths, Note: q.Filter.AsOfNote()})
		return nil
	case FormatCSV:
		return writeCSV(c, name, func(w io.Writer) error { return graph.WritePathsCSV(w, paths) })
	case FormatMarkdown, FormatHTML:
		in, err := s.reportInput(ctx, fmt.Sprintf("How %s is linked to %s", q.Names[q.From], q.Names[q.To]), q.Describe())
		if err != nil {
			return err
		}
		in.Paths = paths
		return writeReport(c, format, name, in)
	}
	in := DiagramRequest{Title: q.Describe(), Paths: paths, Highlight: []string{q.From, q.To}}
	return s.writeDiagram(c, ctx, in, format, name)
}

// paths runs a path query. Endpoints that pathParams took as ids without a
// lookup are named from the result, or resolved as names when the ids
// found nothing; the query it returns names both endpoints. A "no path"
// answer is the store's *graph.NoPathError, which states the query.
func (s *Server) paths(ctx context.Context, q graph.PathQuery, v url.Values) ([]graph.Path, graph.PathQuery, error) {
	paths, err := s.graph.Paths(ctx, q)
	if q.Names[q.From] != "" && q.Names[q.To] != "" {
		return paths, q, err
	}
	var np *graph.NoPathError
	switch {
	case err == nil:
		p := paths[0]
		q.Names[q.From], q.Names[q.To] = p.Nodes[0].Name, p.Nodes[len(p.Nodes)-1].Name
		return paths, q, nil
	case errors.As(err, &np):
		// The ids were ids: the store names both endpoints.
		q.Names[q.From], q.Names[q.To] = np.From.Name, np.To.Name
		return nil, q, err
	case !errors.Is(err, graph.ErrNotFound):
		return nil, q, err
	}
	// An id-like reference that is a name or an alias: parse again,
	// resolving every reference.
	q, err = graph.ParsePathQuery(ctx, pathValuesOf(v), graph.Resolver(s.graph.Resolve))
	if err != nil {
		return nil, q, err
	}
	paths, err = s.graph.Paths(ctx, q)
	return paths, q, err
}

// writeDiagram answers with a rendered diagram.
func (s *Server) writeDiagram(c *gin.Context, ctx context.Context, in DiagramRequest, format, name string) error {
	body, ct, err := s.render(ctx, in, format)
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name + "." + format}))
	c.Data(http.StatusOK, ct, body)
	return nil
}

// cypherRequest is the body of POST /api/v1/cypher.
type cypherRequest struct {
	Query  string         `json:"query"`
	Params map[string]any `json:"params"`
}

// cypherResponse is the answer of POST /api/v1/cypher, the shape of
// `explorer query --format json` plus the truncation flag.
type cypherResponse struct {
	Columns   []string         `json:"columns"`
	Rows      []map[string]any `json:"rows"`
	Truncated bool             `json:"truncated"`
}

// requireJSON refuses bodies that are not declared as JSON. Besides being
// honest about the API, it means a cross-site HTML form cannot post here.
func requireJSON(c *gin.Context) error {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" {
		return graph.Errorf(errUnsupportedMedia, "send the body as application/json")
	}
	return nil
}

func (s *Server) apiCypher(c *gin.Context) error {
	format, err := formatParam(c.Request.URL.Query(), c.GetHeader("Accept"), FormatCSV)
	if err != nil {
		return err
	}
	if err := requireJSON(c); err != nil {
		return err
	}
	req, err := decodeCypher(c.Request.Body)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	res, err := s.graph.Query(ctx, req.Query, req.Params, s.cfg.QueryLimits)
	if err != nil {
		return err
	}
	c.Header(headerTruncated, strconv.FormatBool(res.Truncated))
	switch format {
	case "json":
		c.JSON(http.StatusOK, cypherBody(res))
		return nil
	case FormatCSV:
		return writeQueryCSV(c, res)
	}
	in := DiagramRequest{Title: "Cypher query", Graph: res.Graph}
	return s.writeDiagram(c, ctx, in, format, "cypher")
}

// headerTruncated is set on every answer of an ad-hoc query, "true" when
// the row or byte cap cut the result (JSON also says so in its body; CSV
// and diagrams only here).
const headerTruncated = "X-Explorer-Truncated"

// writeQueryCSV answers with a query result as a CSV download. A result
// the caps cut is also named so: cypher-truncated.csv.
func writeQueryCSV(c *gin.Context, res *graph.QueryResult) error {
	name := "cypher"
	if res.Truncated {
		name += "-truncated"
	}
	c.Header(headerTruncated, strconv.FormatBool(res.Truncated))
	return writeCSV(c, name, func(w io.Writer) error { return graph.WriteQueryCSV(w, res) })
}

func cypherBody(res *graph.QueryResult) cypherResponse {
	out := cypherResponse{Columns: res.Columns, Rows: res.Rows, Truncated: res.Truncated}
	if out.Columns == nil {
		out.Columns = []string{}
	}
	if out.Rows == nil {
		out.Rows = []map[string]any{}
	}
	return out
}

// decodeCypher reads a cypher request. Integral numbers become int64, so
// that "LIMIT $n" with {"n": 5} works (JSON has only floats).
func decodeCypher(r io.Reader) (cypherRequest, error) {
	var req cypherRequest
	dec := json.NewDecoder(r)
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return req, err
		}
		return req, graph.Errorf(graph.ErrInvalid, "body: want {\"query\": \"...\", \"params\": {...}}: %v", err)
	}
	if dec.More() {
		return req, graph.Errorf(graph.ErrInvalid, "body: want one JSON object")
	}
	if strings.TrimSpace(req.Query) == "" {
		return req, graph.Errorf(graph.ErrInvalid, "body: \"query\" is required")
	}
	if len(req.Query) > 64<<10 {
		return req, graph.Errorf(graph.ErrInvalid, "body: \"query\" is too long (at most 64 KiB)")
	}
	for k, v := range req.Params {
		n, err := numbers("params."+k, v)
		if err != nil {
			return req, err
		}
		req.Params[k] = n
	}
	return req, nil
}

// numbers turns the JSON numbers of a parameter into Cypher's: an integer
// (no fraction, no exponent) into an int64, any other into a float64. A
// number neither can hold (an integer past ±2^63, a float past ±1.8e308)
// is refused rather than rounded to a different value or to infinity.
func numbers(path string, v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, nil
		}
		if !strings.ContainsAny(x.String(), ".eE") {
			return nil, graph.Errorf(graph.ErrInvalid, "%s: integer %s is out of range (-9223372036854775808 to 9223372036854775807); send it as a string or a float", path, x)
		}
		f, err := x.Float64()
		if err != nil {
			return nil, graph.Errorf(graph.ErrInvalid, "%s: number %s is out of range for a float", path, x)
		}
		return f, nil
	case []any:
		for i := range x {
			n, err := numbers(fmt.Sprintf("%s[%d]", path, i), x[i])
			if err != nil {
				return nil, err
			}
			x[i] = n
		}
	case map[string]any:
		for k := range x {
			n, err := numbers(path+"."+k, x[k])
			if err != nil {
				return nil, err
			}
			x[k] = n
		}
	}
	return v, nil
}

// tokenEqual compares tokens in constant time; hashing first hides the
// length of the configured token too.
func tokenEqual(got, want string) bool {
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (s *Server) readyz(c *gin.Context) error {
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.PingTimeout)
	defer cancel()
	if err := s.graph.Ping(ctx); err != nil {
		if !errors.Is(err, graph.ErrUnavailable) {
			err = fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
		}
		return err
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
	return nil
}

func (s *Server) openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json", openAPIDoc)
}
