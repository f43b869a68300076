package ingest

import (
	"strings"
	"testing"
)

func TestDuplicateKey(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`{"id":"a","name":"A"}`, ""},
		{`{"id":"a","name":"A","name":"B"}`, "name"},
		{`{"id":"a","Name":"A","name":"B"}`, "name"},
		{`{"id":"a","n\u0061me":"A","name":"B"}`, "name"},
		{`{"a":{"x":1},"b":{"x":2}}`, ""},
		{`{"a":{"x":1,"x":2}}`, "x"},
		{`{"a":[{"x":1},{"x":1}],"s":"\"name\":"}`, ""},
		{`{"a":["k","k"],"b":"k"}`, ""},
		{`{"properties":{"name":["A"],"name":["B"]}}`, "name"},
		{`{"a":1,"o":{"a":2,"b":[{"a":3}]},"b":3,"a":4}`, "a"},
		{`{"o":{"x":1},"x":2,"p":{"x":3,"o":4}}`, ""},
	}
	for _, tt := range tests {
		got, dup := duplicateKey([]byte(tt.in))
		if got != tt.want || dup != (tt.want != "") {
			t.Errorf("duplicateKey(%s) = %q, %v, want %q", tt.in, got, dup, tt.want)
		}
	}
}

// TestRepeatedKeysRejected checks that a line repeating a key is a problem
// naming the line and the key, in JSON lines and in FollowTheMoney.
func TestRepeatedKeysRejected(t *testing.T) {
	for _, tt := range []struct {
		format Format
		in     string
		want   string
	}{
		{JSONL, `{"kind":"entity","id":"a","name":"A","type":"Person"}` + "\n" + `{"kind":"entity","id":"b","name":"B","type":"Person","Name":"C"}`, "in.jsonl:2: Name: repeated key"},
		{FtM, `{"id":"a","schema":"Person","properties":{"name":["A"],"name":["B"]}}`, "in.jsonl:1: name: repeated key"},
	} {
		c := newCollector()
		c.files = []string{"in.jsonl"}
		var err error
		if tt.format == JSONL {
			err = parseJSONL(strings.NewReader(tt.in), 0, c)
		} else {
			err = parseFtM(strings.NewReader(tt.in), 0, c)
		}
		if err != nil {
			t.Fatal(err)
		}
		perr := c.probs.err()
		if perr == nil || !strings.Contains(perr.Error(), tt.want) {
			t.Errorf("%s %q: problems %v, want %q", tt.format, tt.in, perr, tt.want)
		}
	}
}
