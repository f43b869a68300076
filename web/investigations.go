package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
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

func bearer(c *gin.Context) string {
	t, _ := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	return t
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
		data.Rows = append(data.Rows, investigationRow{Investigation: inv, Open: openURL(inv)})
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

// exportInvestigation is GET /investigations/{id}/export: the
// investigation as a JSON file that POST /api/v1/investigations (of this
// or another explorer) takes back as it is.
func (s *Server) exportInvestigation(c *gin.Context) error {
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
	body := investigationBody{Name: inv.Name, Entities: inv.Entities, Queries: inv.Queries, Notes: inv.Notes}
	c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", exportFileName(inv)))
	c.JSON(http.StatusOK, body)
	return nil
}

// exportFileName is the investigation's name as a safe file name: letters
// and digits kept, runs of anything else one hyphen, else its id.
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
	return name + ".json"
}
