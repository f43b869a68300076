package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"explorer/graph"
)

// ftmEntityTypes maps the FollowTheMoney schemata that become nodes.
// ftmIdentifiers are the FollowTheMoney properties kept as identifiers,
// with their scheme (see graph.IdentifierSchemes), in the order they are
// read.
var ftmIdentifiers = []struct{ prop, scheme string }{
	{"registrationNumber", "registration"}, {"imoNumber", "imo"}, {"innCode", "inn"}, {"leiCode", "lei"},
	{"swiftBic", "swift"}, {"ogrnCode", "ogrn"}, {"taxNumber", "tax"}, {"vatCode", "vat"},
	{"idNumber", "id"}, {"passportNumber", "passport"},
}

var ftmEntityTypes = map[string]graph.EntityType{
	"Person":       graph.Person,
	"Organization": graph.Organization,
	"Company":      graph.Organization,
	"LegalEntity":  graph.Organization,
	"PublicBody":   graph.Organization,
	"Vessel":       graph.Vessel,
	"Airplane":     graph.Vessel,
}

// ftmLink says how an interval schema becomes a relationship: the default
// type and the properties that hold the source and the target. For schemata
// in graph.Vocabulary's FtM mapping the properties come from there (the
// reverse of the export mapping); a "role" that names a vocabulary type of the
// same schema overrides the default, which makes our own FtM export
// round-trip.
type ftmLink struct {
	Default  graph.RelType
	From, To string
}

var ftmLinks = func() map[string]ftmLink {
	defaults := map[string]graph.RelType{
		"Ownership":      "OWNS",
		"Directorship":   "LEADS",
		"Membership":     "MEMBER_OF",
		"Employment":     "OFFICIAL_OF",
		"Representation": "BROKERED_FOR",
		"UnknownLink":    "COOPERATED_WITH",
		"Sanction":       "SANCTIONED",
	}
	out := map[string]ftmLink{
		// Not in the vocabulary's mapping: no vocabulary type means kinship or
		// personal association, so they become the symmetric COOPERATED_WITH and
		// the evidence keeps FtM's "relationship" (for example "brother").
		"Family":    {Default: "COOPERATED_WITH", From: "person", To: "relative"},
		"Associate": {Default: "COOPERATED_WITH", From: "person", To: "associate"},
	}
	for schema, t := range defaults {
		spec, ok := t.Spec()
		if !ok || spec.FtM != schema {
			panic(fmt.Sprintf("ingest: FtM default %s for %s is not in the vocabulary's mapping", t, schema))
		}
		out[schema] = ftmLink{Default: t, From: spec.FtMFrom, To: spec.FtMTo}
	}
	return out
}()

// FtMID turns a FollowTheMoney id into an entity or relationship id: "ftm-"
// and the id lowercased, with characters outside [a-z0-9._-] replaced by
// '-'. When that changes the id (FtM ids are case-sensitive) or it must be
// shortened, a hash of the original keeps distinct ids distinct. The same
// FtM id always gives the same id, so re-importing a newer export of a
// dataset updates the nodes it created before.
func FtMID(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	s := "ftm-" + b.String()
	if s == "ftm-"+id && len(s) <= 128 {
		return s
	}
	sum := sha256.Sum256([]byte(id))
	h := hex.EncodeToString(sum[:4])
	if len(s) > 128-len(h)-1 {
		s = s[:128-len(h)-1]
	}
	return s + "-" + h
}

type ftmObject struct {
	ID         string                     `json:"id"`
	Schema     string                     `json:"schema"`
	Properties map[string]json.RawMessage `json:"properties"`
	Datasets   []string                   `json:"datasets"`
}

type ftmProps map[string][]string

func (p ftmProps) first(keys ...string) string {
	for _, k := range keys {
		for _, v := range p[k] {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return ""
}

type ftmInterval struct {
	at       pos
	id       string
	schema   string
	props    ftmProps
	datasets []string
}

// parseFtM reads FollowTheMoney entities, one JSON object per line, as
// OpenSanctions and Aleph publish them. Person, Organization, Company,
// LegalEntity, PublicBody, Vessel and Airplane become nodes; the interval
// schemata in ftmLinks become relationships once the whole file is read.
// Other schemata are counted in c.skipped, and so are links to them.
func parseFtM(r io.Reader, file int, c *collector) error {
	skippedIDs := map[string]string{} // FtM id -> schema, for links to skipped entities
	names := map[string]string{}      // lowercased name or alias -> entity id, for Sanction authorities
	var intervals []ftmInterval
	err := eachLine(r, file, func(at pos, msg string) { c.problem(at, "", "%s", msg) }, func(line int, b []byte) {
		at := pos{file, line}
		var o ftmObject
		if err := json.Unmarshal(b, &o); err != nil {
			c.problem(at, "", "malformed JSON: %s", jsonReason(err))
			return
		}
		if key, dup := duplicateKey(b); dup {
			c.problem(at, key, "repeated key (JSON would keep only the last value)")
			return
		}
		if strings.TrimSpace(o.ID) == "" {
			c.problem(at, "id", "missing")
			return
		}
		if o.Schema == "" {
			c.problem(at, "schema", "missing")
			return
		}
		props := ftmProps{}
		ok := true
		for k, raw := range o.Properties {
			var vs []string
			if err := json.Unmarshal(raw, &vs); err != nil {
				c.problem(at, "properties."+k, "want a list of strings, got %s", clip(raw))
				ok = false
				continue
			}
			props[k] = vs
		}
		if !ok {
			return
		}
		if t, isNode := ftmEntityTypes[o.Schema]; isNode {
			var aliases []string
			for _, k := range []string{"name", "alias", "previousName", "weakAlias"} {
				aliases = append(aliases, props[k]...)
			}
			f := entityFields{ID: FtMID(o.ID), Name: props.first("name"), Type: string(t), Aliases: aliases,
				Description: props.first("description", "summary", "notes"),
				Country:     strings.ToUpper(props.first("country", "jurisdiction", "nationality", "citizenship", "flag", "mainCountry"))}
			for _, p := range ftmIdentifiers {
				for _, v := range props[p.prop] {
					if strings.TrimSpace(v) != "" {
						f.Identifiers = append(f.Identifiers, identField{"properties." + p.prop, p.scheme + ":" + v})
					}
				}
			}
			e, valid := buildEntity(f, func(field, format string, args ...any) {
				if field == "name" {
					field = "properties.name"
				}
				c.problem(at, field, format, args...)
			})
			if valid {
				c.addEntity(at, e)
				for _, n := range append([]string{e.Name}, e.Aliases...) {
					if _, taken := names[strings.ToLower(n)]; !taken {
						names[strings.ToLower(n)] = e.ID
					}
				}
			}
			return
		}
		if _, isLink := ftmLinks[o.Schema]; isLink {
			intervals = append(intervals, ftmInterval{at: at, id: o.ID, schema: o.Schema, props: props, datasets: o.Datasets})
			return
		}
		skippedIDs[o.ID] = o.Schema
		c.skipped[o.Schema]++
	})
	if err != nil {
		return err
	}
	for _, iv := range intervals {
		c.ftmInterval(iv, skippedIDs, names)
	}
	return nil
}

func (c *collector) ftmInterval(iv ftmInterval, skippedIDs, names map[string]string) {
	link := ftmLinks[iv.schema]
	report := func(field, format string, args ...any) {
		if field != "" && field != "id" {
			field = "properties." + ftmField(iv.schema, field)
		}
		c.problem(iv.at, field, format, args...)
	}
	t := link.Default
	if role := iv.props.first("role"); role != "" {
		if rt, err := graph.ParseRelType(role); err == nil {
			if spec, _ := rt.Spec(); spec.FtM == iv.schema {
				t = rt
			}
		}
	}
	fromProp, toProp := link.From, link.To
	if spec, _ := t.Spec(); t != link.Default && spec.FtM == iv.schema {
		// A role of the same schema may read it the other way round
		// (SUBSIDIARY_OF is asset -> owner, OWNS owner -> asset).
		fromProp, toProp = spec.FtMFrom, spec.FtMTo
	}
	from, to := iv.props.first(fromProp), iv.props.first(toProp)
	var authority *graph.Entity
	if iv.schema == "Sanction" {
		name := iv.props.first("authority")
		if name == "" {
			c.skipped["Sanction (no authority)"]++
			return
		}
		if id, ok := names[strings.ToLower(name)]; ok {
			from = id
		} else {
			e := graph.Entity{ID: authorityID(name), Name: name, Type: graph.Organization,
				Description: "Sanctions authority named in a FollowTheMoney Sanction record."}
			authority, from = &e, e.ID
		}
	} else if from != "" {
		if s, skipped := skippedIDs[from]; skipped {
			c.skipped[iv.schema+" (link to a skipped "+s+")"]++
			return
		}
		from = FtMID(from)
	}
	if to != "" {
		if s, skipped := skippedIDs[to]; skipped {
			c.skipped[iv.schema+" (link to a skipped "+s+")"]++
			return
		}
		to = FtMID(to)
	}
	f := relFields{ID: FtMID(iv.id), Type: string(t), From: from, To: to,
		Percentage: iv.props.first("percentage"), SharesCount: iv.props.first("sharesCount"),
		Evidence:  ftmEvidence(iv.schema, iv.props),
		Source:    iv.props.first("publisher"),
		SourceURL: iv.props.first("sourceUrl"), Confidence: string(graph.Reported)}
	ftmTime(&f, t, iv.props)
	if f.Source == "" && len(iv.datasets) > 0 {
		f.Source = "OpenSanctions: " + strings.Join(iv.datasets, ", ")
	}
	// The document the record names: its title is not in FtM, so the
	// publisher (or the datasets) stand in, or else the URL itself.
	doc := docMeta{Title: f.Source, Publisher: iv.props.first("publisher"), URL: f.SourceURL,
		Retrieved: ftmDate(iv.props.first("retrievedAt")),
		Names:     map[string]string{"publisher": "properties.publisher", "url": "properties.sourceUrl", "retrieved": "properties.retrievedAt"}}
	if doc.Title == "" {
		doc.Title = strings.TrimSpace(f.SourceURL)
	}
	if doc.Publisher == "" && doc.URL == "" {
		doc = docMeta{} // a retrieval date alone names no document
	}
	if f.Source == "" {
		f.Source = "FollowTheMoney import: " + filepath.Base(c.files[iv.at.file])
	}
	fromField, toField := "properties."+ftmField(iv.schema, "from"), "properties."+ftmField(iv.schema, "to")
	r, ok := buildRel(f, report)
	if !ok {
		c.badRel(iv.at, r, fromField, toField)
		return
	}
	if authority != nil {
		c.addEntity(iv.at, *authority)
	}
	c.addRelFields(iv.at, r, fromField, toField)
	c.addDoc(iv.at, r.ID, "", doc)
}

// ftmTime reads an interval's dates with FollowTheMoney's meaning, which is
// that of graph.Relationship.Span: startDate and endDate bound it, a
// startDate without an endDate has not ended (an event type becomes
// ongoing), and a date alone dates an event or attests a state at that date.
// ftmExporter.relationship writes the same rule back.
func ftmTime(f *relFields, t graph.RelType, p ftmProps) {
	spec, _ := t.Spec()
	start, end, date := ftmDate(p.first("startDate")), ftmDate(p.first("endDate")), ftmDate(p.first("date"))
	switch {
	case start != "":
		f.Start, f.End = start, end
		if end == "" && spec.Time == graph.TimeEvent {
			f.Ongoing = "true"
		}
	case date != "" && spec.Time == graph.TimeState:
		f.Attested = date
	default:
		f.Start, f.End = date, end
	}
}

// ftmField names the FtM property a relationship field came from.
func ftmField(schema, field string) string {
	link := ftmLinks[schema]
	switch field {
	case "from":
		if schema == "Sanction" {
			return "authority"
		}
		return link.From
	case "to":
		return link.To
	case "start":
		return "startDate"
	case "attested":
		return "date"
	case "end":
		return "endDate"
	case "source":
		return "publisher"
	}
	return field
}

// ftmDate keeps the date part of an FtM date or timestamp
// ("2019-03-02T10:00:00" is "2019-03-02"); FtM dates may be partial like ours.
func ftmDate(s string) string {
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		return s[:10]
	}
	return s
}

// ftmEvidence is the interval's description or summary; without either it
// describes the record from its role, relationship or programme.
func ftmEvidence(schema string, p ftmProps) string {
	if s := p.first("description", "summary"); s != "" {
		return s
	}
	var parts []string
	for _, k := range []string{"role", "relationship", "program", "reason", "percentage", "status"} {
		if v := p.first(k); v != "" {
			parts = append(parts, k+": "+v)
		}
	}
	if len(parts) == 0 {
		return "FollowTheMoney " + schema + " record"
	}
	return "FollowTheMoney " + schema + " record (" + strings.Join(parts, "; ") + ")"
}

// authorityID is the id of the node made for a sanctions authority named in
// text, such as "US OFAC".
func authorityID(name string) string {
	s := graph.Slug(name)
	if s == "" {
		return FtMID("authority-" + name)
	}
	return FtMID("authority-" + s)
}
