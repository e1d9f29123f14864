package cli_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/internal/corpus"
)

// TestEveryCorpusFileGetsAPlan imports every file of the shared corpus
// that should import (manifest.tsv, expect "import": FIT, GPX and TCX
// from many devices, rides, swims, a dive, multisport files, files with
// broken clocks) into one database, as `rebound import` does, and asks
// for the plan of every activity stored. Each either has a plan whose
// first screen a runner can act on (a kind; 3 to 6 things under "Do
// this", a group of alternatives counting once and the electrolytes going
// with the fluid; no injury care leading, no sore spot being reported; a
// hard-session clock within Garmin's 96 h bound for anything but a race),
// or is one the coaching leaves out (a start in 1901, a track of 140
// days), and the plan says so in the words `show` uses, not "not found".
func TestEveryCorpusFileGetsAPlan(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole corpus")
	}
	var files []string
	for _, e := range corpus.Manifest(t) {
		if e.Expect == "import" {
			files = append(files, corpus.Path(t, e.Path))
		}
	}
	db := filepath.Join(t.TempDir(), "corpus.db")
	if code, out, errs := rebound(t, db, append([]string{"import", "--quiet"}, files...)...); code != 0 {
		t.Fatalf("import of the corpus: exit %d\n%s%s", code, out, errs)
	}
	_, out, _ := rebound(t, db, "runs", "--json")
	var runs []struct {
		ID int64 `json:"id"`
	}
	decode(t, out, &runs)
	if len(runs) < len(files) {
		t.Fatalf("%d activities from %d files", len(runs), len(files))
	}
	injuryCare := []string{"ice-pack", "rice", "cross-fibre-friction", "active-release"}
	planned, leftOut := 0, 0
	for _, r := range runs {
		id := fmt.Sprint(r.ID)
		code, out, errs := rebound(t, db, "plan", id, "--json")
		if code != 0 {
			_, show, _ := rebound(t, db, "show", id)
			if !strings.Contains(errs, "left out of the coaching") || !strings.Contains(show, "left out of the coaching") {
				t.Errorf("activity %s: no plan (%s), and show does not say it is left out of the coaching:\n%s", id, strings.TrimSpace(errs), show)
			}
			leftOut++
			continue
		}
		var plan struct {
			Run struct {
				Kind string `json:"kind"`
			} `json:"run"`
			Recovery struct {
				HardHours float64 `json:"hard_hours"`
			} `json:"recovery"`
			Steps []struct {
				ID       string `json:"id"`
				Group    string `json:"group"`
				Priority int    `json:"priority"`
			} `json:"steps"`
		}
		decode(t, out, &plan)
		var lead []string
		for _, s := range plan.Steps {
			if s.Priority != 1 || s.ID == "electrolytes" {
				continue
			}
			if slices.Contains(injuryCare, s.ID) {
				t.Errorf("activity %s (%s): %s leads the plan with no sore spot reported", id, plan.Run.Kind, s.ID)
			}
			item := s.ID
			if s.Group != "" {
				item = "group:" + s.Group
			}
			if !slices.Contains(lead, item) {
				lead = append(lead, item)
			}
		}
		if plan.Run.Kind == "" || len(lead) < 3 || len(lead) > 6 {
			t.Errorf("activity %s: kind %q, %d things to do first %v, want 3-6", id, plan.Run.Kind, len(lead), lead)
		}
		if plan.Run.Kind != "race" && plan.Recovery.HardHours > 96 {
			t.Errorf("activity %s (%s): hard sessions after %.0f h, past 96 h", id, plan.Run.Kind, plan.Recovery.HardHours)
		}
		planned++
	}
	t.Logf("%d files: %d activities planned, %d left out of the coaching", len(files), planned, leftOut)
	if planned < len(files)*3/4 {
		t.Errorf("only %d of %d activities planned", planned, len(runs))
	}
}
