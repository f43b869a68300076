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
	// keys holds the keys seen so far of every open object, lower-cased;
	// stack holds, per open object or array, where its keys start in keys
	// (-1 for an array). Lines have a handful of keys, so a linear scan
	// beats a map per object (a bulk load checks millions of lines).
	keys := make([]string, 0, 16)
	stack := make([]int, 0, 4)
	inObject := func() bool { return len(stack) > 0 && stack[len(stack)-1] >= 0 }
	expectKey := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '{':
			stack = append(stack, len(keys))
			expectKey = true
		case '[':
			stack = append(stack, -1)
			expectKey = false
		case '}', ']':
			if len(stack) > 0 {
				if from := stack[len(stack)-1]; from >= 0 {
					keys = keys[:from]
				}
				stack = stack[:len(stack)-1]
			}
			expectKey = false
		case ',':
			expectKey = inObject()
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
			if !expectKey || !inObject() || i >= len(b) {
				continue
			}
			expectKey = false
			key := string(b[start+1 : i])
			if escaped {
				if err := json.Unmarshal(b[start:i+1], &key); err != nil {
					return "", false
				}
			}
			k := strings.ToLower(key)
			for _, seen := range keys[stack[len(stack)-1]:] {
				if seen == k {
					return key, true
				}
			}
			keys = append(keys, k)
		}
	}
	return "", false
}
