package coach_test

import (
	"go/build"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/rebound-run/rebound"

// isStore reports whether path is package store or one under it (an
// engine).
func isStore(path string) bool {
	return path == module+"/store" || strings.HasPrefix(path, module+"/store/")
}

// TestCoachImportsNoStore keeps the coaching pure: package coach works on
// domain values (coach.Activity, gear.Shoe), not store rows, so neither
// it nor any package of Rebound it imports, however indirectly, may
// import a store; nor may its tests, which build domain values directly,
// save e2e_test.go, which imports simulated seasons through the real path
// into a real SQLite file.
func TestCoachImportsNoStore(t *testing.T) {
	seen := map[string]bool{}
	var walk func(path string, via []string)
	walk = func(path string, via []string) {
		if seen[path] {
			return
		}
		seen[path] = true
		dir := filepath.Join("..", filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(path, module), "/")))
		p, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		via = append(via, path)
		for _, imp := range p.Imports {
			if isStore(imp) {
				t.Errorf("%s imports %s", strings.Join(via, " → "), imp)
			}
			if imp == module || strings.HasPrefix(imp, module+"/") {
				walk(imp, via)
			}
		}
	}
	walk(module+"/coach", nil)
	if len(seen) < 5 {
		t.Fatalf("walked only %d packages: %v", len(seen), seen)
	}

	p, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imports := range []map[string][]token.Position{p.TestImportPos, p.XTestImportPos} {
		for imp, at := range imports {
			for _, pos := range at {
				if isStore(imp) && filepath.Base(pos.Filename) != "e2e_test.go" {
					t.Errorf("%s imports %s: build coach.Activity values directly", pos, imp)
				}
			}
		}
	}
}
