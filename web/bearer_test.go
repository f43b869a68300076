package web

import "testing"

func TestBearerToken(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"Bearer abc", "abc"},
		{"bearer abc", "abc"},
		{"BEARER  abc ", "abc"},
		{"  Bearer abc", "abc"},
		{"Basic abc", ""},
		{"Bearer", ""},
		{"Bearerabc", ""},
		{"", ""},
	} {
		if got := bearerToken(tc.header); got != tc.want {
			t.Errorf("bearerToken(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}
