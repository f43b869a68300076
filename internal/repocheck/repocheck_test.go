// Package repocheck holds checks on the repository itself rather than on
// any one package: a clone must build, test and run with nothing beside it.
package repocheck

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// relPath matches a relative path that climbs out of its directory.
var relPath = regexp.MustCompile(`(?:\.\./)+[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*`)

// outside lists text that names places beside or above a clone (built from
// parts, so that this file does not name them itself).
var outside = []string{"/work/", "shared" + "/seeds", "shared" + "/notes", "shared" + "/DESIGN", "shared" + "/STYLE"}

// skipDirs are not part of the project's sources.
var skipDirs = map[string]bool{".git": true, "bin": true, "node_modules": true, "testdata": true}

// TestNoPathOutsideClone fails when a file in the repository refers to a path
// outside the clone: a relative path that climbs above the repository root,
// or a name of the development machine's folders.
func TestNoPathOutsideClone(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root %s has no go.mod: %v", root, err)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if !isText(d.Name()) || strings.HasSuffix(path, "repocheck_test.go") {
			return nil
		}
		checked++
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(root, path)
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for line := 1; sc.Scan(); line++ {
			text := sc.Text()
			for _, s := range outside {
				if strings.Contains(text, s) {
					t.Errorf("%s:%d: names %q, a path outside the clone", rel, line, s)
				}
			}
			for _, m := range relPath.FindAllString(text, -1) {
				target := filepath.Clean(filepath.Join(filepath.Dir(path), m))
				if target != root && !strings.HasPrefix(target, root+string(filepath.Separator)) {
					t.Errorf("%s:%d: %q leaves the repository (resolves to %s)", rel, line, m, target)
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("checked only %d files under %s: the walk is broken", checked, root)
	}
}

func isText(name string) bool {
	switch filepath.Ext(name) {
	case ".go", ".sh", ".md", ".cypher", ".json", ".yml", ".yaml", ".js", ".html", ".css", ".tmpl", ".txt", ".mod":
		return true
	}
	return name == "Makefile" || name == "Dockerfile" || name == "run"
}
