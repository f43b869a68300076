package graph

// MatchModes are the ways an import matches its entities to the graph, as
// import --match and POST /api/v1/import?match= take them: auto (land on
// merged ids, merge strong matches), review (land on merged ids, list
// candidates) or off.
var MatchModes = []string{"auto", "review", "off"}

// DefaultMatchMode is the mode of an import that names none.
const DefaultMatchMode = "review"

// ImportMatch is what matching did as an import ended.
type ImportMatch struct {
	Mode string `json:"mode"`
	// Merged lists the strong candidates merged (mode auto).
	Merged []MatchMerge `json:"merged,omitempty"`
	// Review counts the candidate pairs left for review (explorer xref, the
	// /xref page).
	Review int `json:"review"`
	// TooMany, when not zero, is the number of entities the import named:
	// too many to match as it ends (cross-reference them with xref).
	TooMany int `json:"too_many,omitempty"`
}

// MatchMerge is one merge an import made: Merged (an imported entity) now
// redirects to Canonical.
type MatchMerge struct {
	Merged        string  `json:"merged"`
	MergedName    string  `json:"merged_name"`
	Canonical     string  `json:"canonical"`
	CanonicalName string  `json:"canonical_name"`
	Score         float64 `json:"score"`
}
