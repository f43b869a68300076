package graph

import (
	"slices"
	"strings"
	"unicode"
)

// Identifiers are the numbers registries and lists give an actor (an IMO
// ship number, a company registration, a LEI). Each is kept as
// "scheme:VALUE": the scheme from IdentifierSchemes, the value's letters
// and digits only, upper-cased, so that two sources that write
// "imo: 918-7654" and "IMO 9187654" store the same string. Two
// entities with the same identifier are very likely one actor; the same
// scheme with different values says they are not.

// IdentifierSchemes are the schemes an identifier may have.
var IdentifierSchemes = []string{"imo", "registration", "lei", "inn", "swift", "ogrn", "tax", "vat", "passport", "id"}

// ParseIdentifier normalises "scheme:value". An unknown scheme or a value
// without a letter or digit is ErrInvalid.
func ParseIdentifier(s string) (string, error) {
	scheme, v, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return "", Errorf(ErrInvalid, "identifier %q: want scheme:value (schemes: %s)", s, strings.Join(IdentifierSchemes, ", "))
	}
	return NewIdentifier(scheme, v)
}

// NewIdentifier normalises an identifier given as scheme and value.
func NewIdentifier(scheme, v string) (string, error) {
	scheme = strings.ToLower(strings.TrimSpace(scheme))
	if !slices.Contains(IdentifierSchemes, scheme) {
		return "", Errorf(ErrInvalid, "identifier scheme %q: want one of %s", scheme, strings.Join(IdentifierSchemes, ", "))
	}
	// Registries write one number with spaces, dashes, dots, slashes or
	// brackets ("No. 12(a)", "918-7654"); only its letters and digits are
	// compared, as in nomenklatura's identifier matching.
	v = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToUpper(r)
		}
		return -1
	}, v)
	if scheme == "imo" {
		// Lists write "IMO 9187654" as often as the number alone.
		v = strings.TrimPrefix(v, "IMO")
	}
	if v == "" {
		return "", Errorf(ErrInvalid, "identifier %s: empty value (no letter or digit)", scheme)
	}
	return scheme + ":" + v, nil
}

// NormalizeIdentifiers parses ids and returns them sorted, without
// duplicates; the first bad one is the error.
func NormalizeIdentifiers(ids []string) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, s := range ids {
		n, err := ParseIdentifier(s)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// identifierQuery is the full-text query that finds the entities with any
// of ids (normalised to letters and digits, so a quoted phrase needs no
// escaping) in the keyword
// index entity_identifiers.
func identifierQuery(ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = `"` + id + `"`
	}
	return strings.Join(parts, " OR ")
}

// compareIdentifiers lists the identifiers a and b agree on and those of a
// scheme both have with no value in common (a conflict).
func compareIdentifiers(a, b []string) (agree, conflict []string) {
	byScheme := func(ids []string) map[string][]string {
		m := map[string][]string{}
		for _, id := range ids {
			s, v, _ := strings.Cut(id, ":")
			m[s] = append(m[s], v)
		}
		return m
	}
	ma, mb := byScheme(a), byScheme(b)
	for _, s := range IdentifierSchemes {
		va, vb := ma[s], mb[s]
		if len(va) == 0 || len(vb) == 0 {
			continue
		}
		common := false
		for _, v := range va {
			if slices.Contains(vb, v) {
				agree = append(agree, s+" "+v)
				common = true
			}
		}
		if !common {
			conflict = append(conflict, s+" "+strings.Join(va, ",")+" and "+strings.Join(vb, ","))
		}
	}
	return agree, conflict
}
