package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"explorer/graph"
)

// Store is what an import needs from the graph store (*graph.Store).
type Store interface {
	EnsureSchema(ctx context.Context) error
	ExistingEntities(ctx context.Context, ids []string) (map[string]bool, error)
	ExistingRelationships(ctx context.Context, t graph.RelType, ids []string) (map[string]graph.Endpoints, error)
	Runs
	ImportEntities(ctx context.Context, run string, es []graph.Entity, fresh bool) (graph.BulkResult, error)
	ImportRelationships(ctx context.Context, run string, rs []graph.Relationship, fresh bool) (graph.BulkResult, error)
	SourceIndexer
	ImportSources(ctx context.Context, run string, create, fill []graph.Source) (graph.BulkResult, error)
}

// DefaultBatchSize is how many rows one write transaction carries.
const DefaultBatchSize = 10000

// Options tune an import.
type Options struct {
	// BatchSize is the number of rows per write transaction (DefaultBatchSize
	// when zero). Each batch is a transaction of the import's run, which
	// commits or rolls back whole (see run.go).
	BatchSize int
	// Progress, when set, is called as the import advances.
	Progress func(Progress)
	// Workers is the number of batches written at the same time (2 when
	// zero). Batches hold distinct ids, so they never conflict; a deadlock
	// between two of them is retried by the driver.
	Workers int
	// DryRun reads and checks the input (against the database too) but writes
	// nothing.
	DryRun bool
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Redirect, when set, makes entities merged into others land on them
	// (see match.go).
	Redirect Redirector
	// Run names the import run (a new id when empty); with Resume, the
	// failed run to take up again with the same input.
	Run    string
	Resume bool
	// KeepFailed leaves a run that fails unfinished, for a resume, instead
	// of rolling it back at once.
	KeepFailed bool
}

// Progress reports how far an import has come.
type Progress struct {
	// Phase is "read", "check", "entities" or "relationships".
	Phase string
	// Done and Total count bytes in the read phase (Total is 0 when the size
	// is unknown) and rows in the others.
	Done, Total int64
	// Elapsed is the time spent in this phase so far.
	Elapsed time.Duration
}

// Source is one input of an import.
type Source struct {
	// Name is the file name used in problems (FILE:LINE).
	Name   string
	Format Format
	R      io.Reader
	// Size is the input's length in bytes when known, for progress.
	Size int64
}

// Summary says what an import did.
type Summary struct {
	// Run is the import run that wrote it (empty for a dry run or a
	// rejected input, which write nothing).
	Run           string           `json:"run,omitempty"`
	Files         []string         `json:"files"`
	Entities      graph.BulkResult `json:"entities"`
	Relationships graph.BulkResult `json:"relationships"`
	// Sources counts the source records the claims name: created, filled
	// in (updated) or reused as they were (unchanged).
	Sources graph.BulkResult `json:"sources"`
	// Warnings are what the import did not do: an existing source's field
	// that the input gives differently is kept.
	Warnings []Problem `json:"warnings,omitempty"`
	// Rejected counts the records with problems; when it is not zero nothing
	// was written.
	Rejected int `json:"rejected"`
	// Redirected counts input entities that were merged into other
	// entities before: their relationships land on those.
	Redirected int `json:"redirected,omitempty"`
	// Skipped counts FollowTheMoney records that have no counterpart in the
	// graph model, by schema (and links to them, by reason).
	Skipped map[string]int `json:"skipped,omitempty"`
	// Read, Check and Write time the phases.
	Read  time.Duration `json:"read_ns"`
	Check time.Duration `json:"check_ns"`
	Write time.Duration `json:"write_ns"`
	// WriteRelationships is the part of Write spent on relationships.
	WriteRelationships time.Duration `json:"write_relationships_ns"`
}

// String is the human summary printed at the end of an import.
func (s Summary) String() string {
	var b strings.Builder
	if s.Run != "" {
		fmt.Fprintf(&b, "import run %s committed; ", s.Run)
	}
	fmt.Fprintf(&b, "entities: %d created, %d updated, %d unchanged; relationships: %d created, %d updated, %d unchanged; rejected: %d",
		s.Entities.Created, s.Entities.Updated, s.Entities.Unchanged,
		s.Relationships.Created, s.Relationships.Updated, s.Relationships.Unchanged, s.Rejected)
	if len(s.Skipped) > 0 {
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(s.Skipped)) {
			parts = append(parts, fmt.Sprintf("%d %s", s.Skipped[k], k))
		}
		fmt.Fprintf(&b, "; skipped (no counterpart in the graph model): %s", strings.Join(parts, ", "))
	}
	if s.Sources.Total() > 0 {
		fmt.Fprintf(&b, "; sources: %d created, %d updated, %d unchanged", s.Sources.Created, s.Sources.Updated, s.Sources.Unchanged)
	}
	if s.Redirected > 0 {
		fmt.Fprintf(&b, "; %d entities were merged before and landed on their canonical entity", s.Redirected)
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(&b, "\nwarning: %s", w)
	}
	total := s.Read + s.Check + s.Write
	fmt.Fprintf(&b, "\ntime: %s (read %s, check %s, write %s)", round(total), round(s.Read), round(s.Check), round(s.Write))
	if n := s.Relationships.Total(); n > 0 && total > 0 {
		fmt.Fprintf(&b, "; %.0f relationships/s overall", float64(n)/total.Seconds())
		if s.WriteRelationships > 0 {
			fmt.Fprintf(&b, ", %.0f/s writing relationships", float64(n)/s.WriteRelationships.Seconds())
		}
	}
	return b.String()
}

func round(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

// Import reads one input, checks all of it, and writes it only when it has
// no problem at all; see ImportAll.
func Import(ctx context.Context, st Store, r io.Reader, name string, format Format, opts Options) (Summary, error) {
	return ImportAll(ctx, st, []Source{{Name: name, Format: format, R: r}}, opts)
}

// ImportAll reads every input, checks each record (fields, types, dates,
// duplicate ids with conflicting data, relationships whose endpoints are
// neither in the inputs nor in the database, relationship ids that already
// link other entities), and only then writes, in batches of merges by id.
// The inputs are one unit: endpoints may be defined in any of them, and one
// problem anywhere rejects them all with a *RejectedError that lists the
// problems as FILE:LINE: field: message. Importing the same input twice
// changes nothing. The writes are one import run (see run.go): all of the
// input or, when the run fails, none of it.
func ImportAll(ctx context.Context, st Store, srcs []Source, opts Options) (Summary, error) {
	opts = opts.withDefaults()
	c, sum, digest, err := readAll(srcs, opts)
	if err != nil {
		return sum, err
	}
	return load(ctx, st, c, sum, digest, opts)
}

// Checked is an input that passed every check of ImportAll, for a load
// into an empty database (a bulk load).
type Checked struct {
	// Entities and Relationships hold each record once, in input order.
	Entities      []graph.Entity
	Relationships []graph.Relationship
	// Sources are the source records the claims name (their SourceID
	// refers to them), to be written with the load.
	Sources []graph.Source
	// Summary has the files, the skipped records and the read and check
	// times; nothing is written yet.
	Summary Summary
}

// CheckAll reads and checks every input with ImportAll's checks, for a
// database that is empty: every endpoint must be in the inputs. It needs no
// database and writes nothing. A problem anywhere is a *RejectedError.
func CheckAll(ctx context.Context, srcs []Source, opts Options) (Checked, error) {
	opts = opts.withDefaults()
	c, sum, _, err := readAll(srcs, opts)
	if err != nil {
		return Checked{Summary: sum}, err
	}
	if len(c.skipped) > 0 {
		sum.Skipped = c.skipped
	}
	t1 := opts.Now()
	_, err = check(ctx, emptyDB{}, c, opts)
	if err == nil && c.probs.total == 0 {
		c.sources, sum.Warnings, err = c.resolveSources(ctx, emptyDB{})
	}
	sum.Check = opts.Now().Sub(t1)
	if err == nil {
		err = c.probs.err()
	}
	if err != nil {
		sum.Rejected = len(c.probs.recs)
		return Checked{Summary: sum}, err
	}
	out := Checked{Summary: sum, Sources: c.sources.create, Entities: make([]graph.Entity, len(c.entities)), Relationships: make([]graph.Relationship, len(c.rels))}
	for i, e := range c.entities {
		out.Entities[i] = e.Entity
	}
	for i, r := range c.rels {
		out.Relationships[i] = r.Relationship
	}
	return out, nil
}

// emptyDB is the database of a bulk load: it holds nothing.
type emptyDB struct{ Store }

func (emptyDB) ExistingEntities(context.Context, []string) (map[string]bool, error) {
	return map[string]bool{}, nil
}

func (emptyDB) SourceIndex(context.Context) ([]graph.Source, error) { return nil, nil }

func (emptyDB) ExistingRelationships(context.Context, graph.RelType, []string) (map[string]graph.Endpoints, error) {
	return map[string]graph.Endpoints{}, nil
}

// readAll parses every input into one collector (problems are collected,
// not returned; an error is an input that cannot be read at all) and
// returns the inputs' digest too.
func readAll(srcs []Source, opts Options) (*collector, Summary, string, error) {
	c := newCollector()
	sum := Summary{}
	t0 := opts.Now()
	var total int64
	for _, s := range srcs {
		total += s.Size
	}
	var done int64
	digest := sha256.New()
	for i, s := range srcs {
		c.files = append(c.files, s.Name)
		sum.Files = append(sum.Files, s.Name)
		r := io.TeeReader(s.R, digest)
		if opts.Progress != nil {
			r = &countingReader{r: r, fn: func(n int64) {
				done += n
				opts.Progress(Progress{Phase: "read", Done: done, Total: total, Elapsed: opts.Now().Sub(t0)})
			}}
		}
		var err error
		switch s.Format {
		case CSV:
			err = parseCSV(r, i, c)
		case JSONL:
			err = parseJSONL(r, i, c)
		case FtM:
			err = parseFtM(r, i, c)
		default:
			err = graph.Errorf(graph.ErrInvalid, "unknown import format %q", s.Format)
		}
		if err != nil {
			return c, sum, "", fmt.Errorf("%s: %w", s.Name, err)
		}
	}
	sum.Read = opts.Now().Sub(t0)
	return c, sum, hex.EncodeToString(digest.Sum(nil)), nil
}

// Load checks and writes records that did not come from a file (for
// example a generated graph), with the same guarantees as ImportAll. Problems
// name the file "input" and the record's position, counted from 1 with the
// entities first.
func Load(ctx context.Context, st Store, es []graph.Entity, rs []graph.Relationship, opts Options) (Summary, error) {
	opts = opts.withDefaults()
	c := newCollector()
	c.files = []string{"input"}
	for i, e := range es {
		at := pos{0, i + 1}
		f := entityFields{ID: e.ID, Name: e.Name, Type: string(e.Type), Aliases: e.Aliases,
			Description: e.Description, Country: e.Country}
		for _, id := range e.Identifiers {
			f.Identifiers = append(f.Identifiers, identField{"identifiers", id})
		}
		if e2, ok := buildEntity(f, func(f, m string, a ...any) { c.problem(at, f, m, a...) }); ok {
			c.addEntity(at, e2)
		}
	}
	for i, r := range rs {
		at := pos{0, len(es) + i + 1}
		if err := r.Validate(); err != nil {
			c.problem(at, "", "%s", reason(err))
			continue
		}
		c.addRel(at, r)
		// The same source records as the file of these records would make.
		c.addDoc(at, r.ID, r.SourceID, textDoc(r, func(string) string { return "" }))
	}
	return load(ctx, st, c, Summary{Files: []string{"input"}}, fmt.Sprintf("generated:%d:%d", len(es), len(rs)), opts)
}

func (o Options) withDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	return o
}

func load(ctx context.Context, st Store, c *collector, sum Summary, digest string, opts Options) (Summary, error) {
	if len(c.skipped) > 0 {
		sum.Skipped = c.skipped
	}
	if opts.Redirect != nil {
		n, err := c.redirect(ctx, opts.Redirect)
		if err != nil {
			return sum, err
		}
		sum.Redirected = n
	}
	t1 := opts.Now()
	if !opts.DryRun {
		if err := st.EnsureSchema(ctx); err != nil {
			return sum, err
		}
	}
	existingRels, err := check(ctx, st, c, opts)
	if err == nil && c.probs.total == 0 {
		c.sources, sum.Warnings, err = c.resolveSources(ctx, st)
	}
	sum.Check = opts.Now().Sub(t1)
	if err != nil {
		return sum, err
	}
	if err := c.probs.err(); err != nil {
		sum.Rejected = len(c.probs.recs)
		return sum, err
	}
	if opts.DryRun {
		return sum, nil
	}
	t2 := opts.Now()
	sum, err = writeRun(ctx, st, c, existingRels, sum, digest, opts)
	sum.Write = opts.Now().Sub(t2)
	return sum, err
}

// check validates the records against the database: every endpoint must be
// in the input or the database, and a relationship id that exists already
// must link the same entities. It returns the relationship ids that exist.
func check(ctx context.Context, st Store, c *collector, opts Options) (map[string]bool, error) {
	t0 := opts.Now()
	progress := func(done, total int) {
		if opts.Progress != nil {
			opts.Progress(Progress{Phase: "check", Done: int64(done), Total: int64(total), Elapsed: opts.Now().Sub(t0)})
		}
	}
	refs := slices.Clone(c.refs)
	for _, r := range c.rels {
		refs = append(refs, endpointRef{r.at, r.fromField, r.From}, endpointRef{r.at, r.toField, r.To})
	}
	// Every entity of the input is looked up too: those that exist are
	// merged, the others created, which is faster.
	lookup := make([]string, 0, len(c.entities))
	for _, e := range c.entities {
		lookup = append(lookup, e.ID)
	}
	seen := map[string]bool{}
	for _, ref := range refs {
		if _, ok := c.entIdx[ref.id]; !ok && !seen[ref.id] {
			seen[ref.id] = true
			lookup = append(lookup, ref.id)
		}
	}
	steps := len(lookup) + len(c.rels)
	inDB, err := st.ExistingEntities(ctx, lookup)
	if err != nil {
		return nil, fmt.Errorf("checking endpoints: %w", err)
	}
	c.inDB = inDB
	progress(len(lookup), steps)
	for _, ref := range refs {
		if _, ok := c.entIdx[ref.id]; !ok && !inDB[ref.id] {
			c.problem(ref.at, ref.field, "entity %q is neither in the input nor in the database", ref.id)
		}
	}
	byType := map[graph.RelType][]string{}
	for _, r := range c.rels {
		byType[r.Type] = append(byType[r.Type], r.ID)
	}
	existing := map[string]bool{}
	done := len(lookup)
	for _, spec := range graph.Vocabulary {
		ids := byType[spec.Type]
		if len(ids) == 0 {
			continue
		}
		found, err := st.ExistingRelationships(ctx, spec.Type, ids)
		if err != nil {
			return nil, fmt.Errorf("checking relationship ids: %w", err)
		}
		for id, ends := range found {
			r := c.rels[c.relIdx[id]]
			if ends.From != r.From || ends.To != r.To {
				c.problem(r.at, "id", "relationship %q already links %s -> %s in the database, not %s -> %s", id, ends.From, ends.To, r.From, r.To)
				continue
			}
			existing[id] = true
		}
		done += len(ids)
		progress(done, steps)
	}
	return existing, nil
}

// write merges the entities, then the relationships, each in batches of
// one type. Relationships the check found absent are created, the others
// merged; both are keyed by id, so a re-run never duplicates.
func write(ctx context.Context, st Store, c *collector, existing map[string]bool, in Summary, opts Options) (sum Summary, err error) {
	sum = in
	// Sources first: claims refer to them by id.
	for i := 0; i < max(len(c.sources.create), len(c.sources.fill)); i += opts.BatchSize {
		res, err := st.ImportSources(ctx, sum.Run, window(c.sources.create, i, opts.BatchSize), window(c.sources.fill, i, opts.BatchSize))
		if err != nil {
			return sum, interrupted(err, "sources", sum.Sources.Created+sum.Sources.Updated, len(c.sources.create)+len(c.sources.fill))
		}
		sum.Sources = sum.Sources.Add(res)
	}
	sum.Sources.Unchanged = c.sources.reused
	// Records are grouped by type (in vocabulary order, keeping input order
	// within a type) with one pass over them, so that a batch is one statement.
	entTypes := make([]graph.EntityType, len(graph.EntityTypes))
	for i, t := range graph.EntityTypes {
		entTypes[i] = t.Type
	}
	freshEnts := groupBy(c.entities, entTypes, func(e entityRec) (graph.EntityType, bool) { return e.Type, !c.inDB[e.ID] },
		func(e entityRec) graph.Entity { return e.Entity })
	oldEnts := groupBy(c.entities, entTypes, func(e entityRec) (graph.EntityType, bool) { return e.Type, c.inDB[e.ID] },
		func(e entityRec) graph.Entity { return e.Entity })
	t0 := opts.Now()
	entTotal, entDone := len(freshEnts)+len(oldEnts), 0
	for _, part := range []struct {
		ents  []graph.Entity
		write func(context.Context, []graph.Entity) (graph.BulkResult, error)
	}{{freshEnts, func(ctx context.Context, es []graph.Entity) (graph.BulkResult, error) {
		return st.ImportEntities(ctx, sum.Run, es, true)
	}}, {oldEnts, func(ctx context.Context, es []graph.Entity) (graph.BulkResult, error) {
		return st.ImportEntities(ctx, sum.Run, es, false)
	}}} {
		err := writeBatches(ctx, opts.Workers, batches(part.ents, opts.BatchSize, func(e graph.Entity) string { return string(e.Type) }),
			part.write, func(n int, res graph.BulkResult) {
				sum.Entities = sum.Entities.Add(res)
				entDone += n
				if opts.Progress != nil {
					opts.Progress(Progress{Phase: "entities", Done: int64(entDone), Total: int64(entTotal), Elapsed: opts.Now().Sub(t0)})
				}
			})
		if err != nil {
			return sum, interrupted(err, "entities", entDone, entTotal)
		}
	}
	relTypes := make([]graph.RelType, len(graph.Vocabulary))
	for i, s := range graph.Vocabulary {
		relTypes[i] = s.Type
	}
	fresh := groupBy(c.rels, relTypes, func(r relRec) (graph.RelType, bool) { return r.Type, !existing[r.ID] },
		func(r relRec) graph.Relationship { return r.Relationship })
	old := groupBy(c.rels, relTypes, func(r relRec) (graph.RelType, bool) { return r.Type, existing[r.ID] },
		func(r relRec) graph.Relationship { return r.Relationship })
	total := len(fresh) + len(old)
	done := 0
	t1 := opts.Now()
	defer func() { sum.WriteRelationships = opts.Now().Sub(t1) }()
	report := func() {
		if opts.Progress != nil {
			opts.Progress(Progress{Phase: "relationships", Done: int64(done), Total: int64(total), Elapsed: opts.Now().Sub(t1)})
		}
	}
	for _, part := range []struct {
		rels  []graph.Relationship
		write func(context.Context, []graph.Relationship) (graph.BulkResult, error)
	}{{fresh, func(ctx context.Context, rs []graph.Relationship) (graph.BulkResult, error) {
		return st.ImportRelationships(ctx, sum.Run, rs, true)
	}}, {old, func(ctx context.Context, rs []graph.Relationship) (graph.BulkResult, error) {
		return st.ImportRelationships(ctx, sum.Run, rs, false)
	}}} {
		// One type per batch: one UNWIND statement per transaction.
		err := writeBatches(ctx, opts.Workers, batches(part.rels, opts.BatchSize, func(r graph.Relationship) string { return string(r.Type) }),
			part.write, func(n int, res graph.BulkResult) {
				sum.Relationships = sum.Relationships.Add(res)
				done += n
				report()
			})
		if err != nil {
			return sum, interrupted(err, "relationships", done, total)
		}
	}
	return sum, nil
}

// window returns xs[i:i+n], cut to xs.
func window[T any](xs []T, i, n int) []T {
	if i >= len(xs) {
		return nil
	}
	return xs[i:min(i+n, len(xs))]
}

// groupBy returns the values of the records that keep selects, grouped by
// their key in the order of keys, in input order within a key.
func groupBy[R any, K comparable, V any](recs []R, keys []K, keep func(R) (K, bool), value func(R) V) []V {
	idx := make(map[K]int, len(keys))
	for i, k := range keys {
		idx[k] = i
	}
	buckets := make([][]V, len(keys))
	n := 0
	for _, r := range recs {
		if k, ok := keep(r); ok {
			i := idx[k]
			buckets[i] = append(buckets[i], value(r))
			n++
		}
	}
	out := make([]V, 0, n)
	for _, b := range buckets {
		out = append(out, b...)
	}
	return out
}

// batches cuts xs (sorted by key) into runs of at most size items that
// share a key.
func batches[T any](xs []T, size int, key func(T) string) [][]T {
	var out [][]T
	for start := 0; start < len(xs); {
		end := start + 1
		for end < len(xs) && end-start < size && key(xs[end]) == key(xs[start]) {
			end++
		}
		out = append(out, xs[start:end])
		start = end
	}
	return out
}

// writeBatches writes the batches with up to workers transactions at a
// time, calling done (from this goroutine) after each one that committed.
// The first error stops the others; batches already committed stay.
func writeBatches[T any](ctx context.Context, workers int, bs [][]T, write func(context.Context, []T) (graph.BulkResult, error), done func(int, graph.BulkResult)) error {
	if len(bs) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		n   int
		res graph.BulkResult
		err error
	}
	jobs := make(chan []T)
	results := make(chan result)
	for range min(workers, len(bs)) {
		go func() {
			for b := range jobs {
				res, err := write(ctx, b)
				results <- result{len(b), res, err}
			}
		}()
	}
	var firstErr error
	next, pending := 0, 0
	for next < len(bs) || pending > 0 {
		var send chan []T
		var b []T
		if next < len(bs) && firstErr == nil {
			if err := ctx.Err(); err != nil {
				firstErr = err
				continue
			}
			send, b = jobs, bs[next]
		}
		if send == nil && pending == 0 {
			break
		}
		select {
		case send <- b:
			next++
			pending++
		case r := <-results:
			pending--
			if r.err != nil {
				if firstErr == nil {
					firstErr = r.err
					cancel()
				}
				continue
			}
			done(r.n, r.res)
			if firstErr == nil {
				firstErr = ctx.Err()
			}
		}
	}
	close(jobs)
	return firstErr
}

// interrupted explains where a failure in the write phase happened.
func interrupted(err error, what string, done, total int) error {
	return fmt.Errorf("import stopped after writing %d of %d %s: %w", done, total, what, err)
}

type countingReader struct {
	r  io.Reader
	fn func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.fn(int64(n))
	}
	return n, err
}
