package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// Investigations stores saved canvases; *graph.Store implements it. The
// service finds it on Config.Graph; a graph without it answers 501.
type Investigations interface {
	Investigations(ctx context.Context) ([]graph.Investigation, error)
	Investigation(ctx context.Context, id string) (graph.Investigation, error)
	SaveInvestigation(ctx context.Context, inv graph.Investigation, now time.Time) (graph.Investigation, error)
	DeleteInvestigation(ctx context.Context, id string) error
	// InvestigationSubgraph is the investigation's entities and every
	// relationship among them, as the graph holds them now.
	InvestigationSubgraph(ctx context.Context, inv graph.Investigation) (graph.InvestigationGraph, error)
}

// SubgraphExporter writes a subgraph in one of the graph export formats
// (jsonl, ftm, graphml, gexf): the exporters of `explorer export`, which
// cmd/explorer wires in (web does not import ingest). It writes entities
// and relationships with every field the format carries.
type SubgraphExporter interface {
	ExportSubgraph(ctx context.Context, g graph.Subgraph, w io.Writer, format string) error
}

// investigationFormats are the exports of an investigation: json is the
// investigation itself (POST /api/v1/investigations takes it back); the
// others are its subgraph in a graph export format.
var investigationFormats = []struct{ Format, Label, Ext, MediaType string }{
	{"json", "JSON", ".json", "application/json; charset=utf-8"},
	{"ftm", "FtM", ".ftm.json", "application/x-ndjson; charset=utf-8"},
	{"graphml", "GraphML", ".graphml", "application/graphml+xml; charset=utf-8"},
	{"gexf", "GEXF", ".gexf", "application/gexf+xml; charset=utf-8"},
	{"jsonl", "JSON lines", ".jsonl", "application/x-ndjson; charset=utf-8"},
}

func (s *Server) investigations() (Investigations, error) {
	inv, ok := s.cfg.Graph.(Investigations)
	if !ok {
		return nil, graph.Errorf(errNotImplemented, "investigations are not available with this store")
	}
	return inv, nil
}

// canWrite checks the import token when the server has one: writing
// investigations needs the same token as import. A server without a token
// (the local default) lets anyone who reaches it write.
func (s *Server) canWrite(token string) error {
	if s.cfg.ImportToken == "" {
		return nil
	}
	if !tokenEqual(strings.TrimSpace(token), s.cfg.ImportToken) {
		return graph.Errorf(errUnauthorized, "send the import token as \"Authorization: Bearer TOKEN\"")
	}
	return nil
}

// bearer returns the token of an "Authorization: Bearer TOKEN" header; the
// scheme is case-insensitive (RFC 9110), as every token check here reads it.
func bearer(c *gin.Context) string { return bearerToken(c.GetHeader("Authorization")) }

func bearerToken(header string) string {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// investigationBody is what clients send: the fields they may set.
type investigationBody struct {
	Name     string            `json:"name"`
	Entities []string          `json:"entities"`
	Queries  []string          `json:"queries"`
	Notes    map[string]string `json:"notes"`
}

func decodeInvestigation(r io.Reader) (graph.Investigation, error) {
	var b investigationBody
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return graph.Investigation{}, err
		}
		return graph.Investigation{}, graph.Errorf(graph.ErrInvalid, "body: want {\"name\": \"...\", \"entities\": [...], \"queries\": [...], \"notes\": {...}}: %v", err)
	}
	if dec.More() {
		return graph.Investigation{}, graph.Errorf(graph.ErrInvalid, "body: want one JSON object")
	}
	inv := graph.Investigation{Name: b.Name, Entities: b.Entities, Queries: b.Queries, Notes: b.Notes}
	return inv, inv.Validate()
}

func investigationURL(id string) string { return "/api/v1/investigations/" + url.PathEscape(id) }

func (s *Server) apiInvestigations(c *gin.Context) error {
	store, err := s.investigations()
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, err := store.Investigations(ctx)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"investigations": list})
	return nil
}

func (s *Server) apiCreateInvestigation(c *gin.Context) error {
	store, err := s.investigations()
	if err != nil {
		return err
	}
	if err := s.canWrite(bearer(c)); err != nil {
		return err
	}
	inv, err := decodeInvestigation(c.Request.Body)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	saved, err := store.SaveInvestigation(ctx, inv, s.cfg.Now())
	if err != nil {
		return err
	}
	c.Header("Location", investigationURL(saved.ID))
	c.JSON(http.StatusCreated, saved)
	return nil
}

func (s *Server) apiInvestigation(c *gin.Context) error {
	store, err := s.investigations()
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	inv, err := store.Investigation(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, inv)
	return nil
}

// apiReplaceInvestigation is PUT: the body replaces name, entities,
// queries and notes; the id, creation and data dates stay.
func (s *Server) apiReplaceInvestigation(c *gin.Context) error {
	store, err := s.investigations()
	if err != nil {
		return err
	}
	if err := s.canWrite(bearer(c)); err != nil {
		return err
	}
	inv, err := decodeInvestigation(c.Request.Body)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	old, err := store.Investigation(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	inv.ID, inv.DataDate = old.ID, old.DataDate
	saved, err := store.SaveInvestigation(ctx, inv, s.cfg.Now())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, saved)
	return nil
}

func (s *Server) apiDeleteInvestigation(c *gin.Context) error {
	store, err := s.investigations()
	if err != nil {
		return err
	}
	if err := s.canWrite(bearer(c)); err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	if err := store.DeleteInvestigation(ctx, c.Param("id")); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// investigationRow is one saved investigation in the list page.
type investigationRow struct {
	graph.Investigation
	Open string
	// Exports links the investigation's downloads, one per format.
	Exports []exportLink
}

// exportLink is one download of an investigation.
type exportLink struct {
	Format, Label, URL string
}

// investigationExports are the download links of the investigation id.
func investigationExports(id string) []exportLink {
	out := make([]exportLink, len(investigationFormats))
	for i, f := range investigationFormats {
		out[i] = exportLink{Format: f.Format, Label: f.Label, URL: investigationURL(id) + "/export?format=" + f.Format}
	}
	return out
}

type investigationsPage struct {
	layout
	Problem *notice
	Rows    []investigationRow
	// NeedsToken shows the token field of the rename forms.
	NeedsToken bool
}

// openURL is the canvas of a saved investigation: the canvas it was saved
// from when its first query is one, else its entities.
func openURL(inv graph.Investigation) string {
	if len(inv.Queries) > 0 && strings.HasPrefix(inv.Queries[0], "/explore?") {
		return inv.Queries[0]
	}
	return canvasState{IDs: inv.Entities}.URL()
}

// investigationsPage is GET /investigations: the saved investigations, each
// opening its canvas.
func (s *Server) investigationsPage(c *gin.Context) error {
	data := investigationsPage{layout: layout{Title: "Investigations", Nav: "investigations"}, NeedsToken: s.cfg.ImportToken != ""}
	store, err := s.investigations()
	var list []graph.Investigation
	if err == nil {
		ctx, cancel := s.ctx(c)
		defer cancel()
		list, err = store.Investigations(ctx)
	}
	if err != nil {
		var status int
		data.Problem, status = s.pageProblem(c, err)
		return s.renderPage(c, status, "investigations", data)
	}
	for _, inv := range list {
		data.Rows = append(data.Rows, investigationRow{Investigation: inv, Open: openURL(inv), Exports: investigationExports(inv.ID)})
	}
	return s.renderPage(c, http.StatusOK, "investigations", data)
}

// saveInvestigationPage is POST /investigations, the canvas's save form:
// name, notes (on the whole investigation), the canvas URL and, when the
// server has one, the import token. It saves the canvas's entities and
// URL and shows the list.
func (s *Server) saveInvestigationPage(c *gin.Context) error {
	store, err := s.investigations()
	if err != nil {
		return err
	}
	if err := s.canWrite(c.PostForm("token")); err != nil {
		return err
	}
	canvasURL := c.PostForm("canvas")
	u, err := url.Parse(canvasURL)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != "/explore" {
		return paramError("canvas", "want the URL of a canvas (/explore?...), got %q", canvasURL)
	}
	st, err := parseCanvas(u.Query())
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	cv, err := s.buildCanvas(ctx, st)
	if err != nil {
		return err
	}
	inv := graph.Investigation{Name: c.PostForm("name"), Queries: []string{st.URL()}}
	for _, n := range cv.Graph.Nodes {
		inv.Entities = append(inv.Entities, n.ID)
	}
	if note := strings.TrimSpace(c.PostForm("notes")); note != "" {
		inv.Notes = map[string]string{"": note}
	}
	if _, err := store.SaveInvestigation(ctx, inv, s.cfg.Now()); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/investigations")
	return nil
}

// renameInvestigationPage is POST /investigations/{id}/rename, the list's
// rename form: name and, when the server has one, the import token.
func (s *Server) renameInvestigationPage(c *gin.Context) error {
	store, err := s.investigations()
	if err != nil {
		return err
	}
	if err := s.canWrite(c.PostForm("token")); err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	inv, err := store.Investigation(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	inv.Name = strings.TrimSpace(c.PostForm("name"))
	if err := inv.Validate(); err != nil {
		return wrapParam("name", err)
	}
	if _, err := store.SaveInvestigation(ctx, inv, s.cfg.Now()); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/investigations")
	return nil
}

// deleteInvestigationPage is POST /investigations/{id}/delete, the list's
// delete form: a ticked confirm box and, when the server has one, the
// import token. The investigation goes; the entities stay.
func (s *Server) deleteInvestigationPage(c *gin.Context) error {
	store, err := s.investigations()
	if err != nil {
		return err
	}
	if err := s.canWrite(c.PostForm("token")); err != nil {
		return err
	}
	if ok, err := boolParam(url.Values{"confirm": {c.PostForm("confirm")}}, "confirm"); err != nil || !ok {
		return paramError("confirm", "tick the box to confirm the deletion")
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	if err := store.DeleteInvestigation(ctx, c.Param("id")); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/investigations")
	return nil
}

// headerMissing lists, on an investigation's subgraph export, the ids of
// its entities no longer in the graph (comma-separated); absent when none.
const headerMissing = "X-Explorer-Missing-Entities"

// exportInvestigation is GET /api/v1/investigations/{id}/export (and
// /investigations/{id}/export, where the list page's links pointed first).
// format=json (the default) is the investigation as a file that POST
// /api/v1/investigations of this or another explorer takes back as it is;
// ftm, graphml, gexf and jsonl are its subgraph (see
// Investigations.InvestigationSubgraph) written by the graph exporters.
func (s *Server) exportInvestigation(c *gin.Context) error {
	store, err := s.investigations()
	if err != nil {
		return err
	}
	name := strings.ToLower(strings.TrimSpace(c.Query("format")))
	if name == "" {
		name = "json"
	}
	i := slices.IndexFunc(investigationFormats, func(f struct{ Format, Label, Ext, MediaType string }) bool { return f.Format == name })
	if i < 0 {
		names := make([]string, len(investigationFormats))
		for j, f := range investigationFormats {
			names[j] = f.Format
		}
		return paramError("format", "want %s, got %q", strings.Join(names, ", "), c.Query("format"))
	}
	f := investigationFormats[i]
	ctx, cancel := s.ctx(c)
	defer cancel()
	inv, err := store.Investigation(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	file := exportFileName(inv) + f.Ext
	if f.Format == "json" {
		body := investigationBody{Name: inv.Name, Entities: inv.Entities, Queries: inv.Queries, Notes: inv.Notes}
		c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", file))
		c.JSON(http.StatusOK, body)
		return nil
	}
	if s.cfg.Exporter == nil {
		return graph.Errorf(errNotImplemented, "subgraph exports are not available with this server")
	}
	g, err := store.InvestigationSubgraph(ctx, inv)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.cfg.Exporter.ExportSubgraph(ctx, g.Subgraph, &buf, f.Format); err != nil {
		return err
	}
	if len(g.Missing) > 0 {
		c.Header(headerMissing, strings.Join(g.Missing, ","))
	}
	c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", file))
	c.Data(http.StatusOK, f.MediaType, buf.Bytes())
	return nil
}

// exportFileName is the investigation's name as a safe file name, without
// an extension: letters and digits kept, runs of anything else one hyphen,
// else its id.
func exportFileName(inv graph.Investigation) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(inv.Name) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	name := strings.TrimSuffix(b.String(), "-")
	if name == "" {
		name = "investigation-" + inv.ID
	}
	return name
}
