package ingest

import (
	"encoding/json"
	"strings"
)

// duplicateKey returns the first key that an object in the JSON text b
// repeats, at any depth. encoding/json keeps the last of repeated keys and
// matches field names case-insensitively, so "name" twice, or "name" and
// "Name", would silently drop a value: a line that does it is a problem.
// Object keys are compared case-insensitively for that reason. The text is
// assumed to be valid JSON (it is decoded too); anything else returns "".
func duplicateKey(b []byte) (string, bool) {
	type object struct{ keys map[string]bool }
	var stack []*object
	expectKey := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '{':
			stack = append(stack, &object{})
			expectKey = true
		case '[':
			stack = append(stack, nil)
			expectKey = false
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			expectKey = false
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1] != nil
		case '"':
			start := i
			escaped := false
			for i++; i < len(b); i++ {
				if b[i] == '\\' {
					escaped = true
					i++
					continue
				}
				if b[i] == '"' {
					break
				}
			}
			if !expectKey || len(stack) == 0 || stack[len(stack)-1] == nil || i >= len(b) {
				continue
			}
			expectKey = false
			key := string(b[start+1 : i])
			if escaped {
				if err := json.Unmarshal(b[start:i+1], &key); err != nil {
					return "", false
				}
			}
			obj := stack[len(stack)-1]
			if obj.keys == nil {
				obj.keys = map[string]bool{}
			}
			k := strings.ToLower(key)
			if obj.keys[k] {
				return key, true
			}
			obj.keys[k] = true
		}
	}
	return "", false
}
