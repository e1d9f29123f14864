package protocol_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/protocol"
)

var update = flag.Bool("update", false, "rewrite docs/protocol.md from the rule base")

// docPath returns the path of docs/protocol.md in the repository.
func docPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "docs", "protocol.md")
}

// TestDocs checks that docs/protocol.md is the rendering of the rule base,
// so it lists every technique, disagreement, red flag and threshold as the
// code has them. Rewrite it with: go test ./protocol -run TestDocs -update
func TestDocs(t *testing.T) {
	want := renderDocs()
	if *update {
		if err := os.WriteFile(docPath(), []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(docPath())
	if err != nil {
		t.Fatalf("%v (generate it with: go test ./protocol -run TestDocs -update)", err)
	}
	for _, id := range protocol.IDs() {
		if !strings.Contains(string(got), "`"+id+"`") {
			t.Errorf("docs/protocol.md does not list technique %q", id)
		}
	}
	for _, d := range protocol.DisagreementsIn(measure.Metric) {
		if !strings.Contains(string(got), "`"+d.ID+"`") {
			t.Errorf("docs/protocol.md does not list disagreement %q", d.ID)
		}
	}
	if string(got) != want {
		t.Errorf("docs/protocol.md is out of date: run go test ./protocol -run TestDocs -update")
	}
}

// short returns a source reference as the tables show it: the seed's
// short title, a citation up to its year.
func short(ref string) string { return protocol.Short(ref) }

// shorts returns short of each reference, each once.
func shorts(refs []string) string {
	var out []string
	seen := map[string]bool{}
	for _, r := range refs {
		if s := short(r); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func renderDocs() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	w("# Rebound's recovery protocol\n\n")
	w("<!-- Generated from the protocol package by `go test ./protocol -run TestDocs -update`. Do not edit by hand. -->\n\n")
	w("The rule base in `protocol/` as tables: every technique with its phase, timing window (hours after the\n")
	w("end of the run), dose, evidence grade and sources; the safety rules; every point on which the sources\n")
	w("disagree, with the default Rebound uses; the red-flag symptoms; and the named thresholds.\n\n")

	w("Sources: the five source articles are cited by short title (below, with the file each is kept in),\n")
	w("studies by author and year; the full text of each technique's sources, how-to and why is in the code.\n")
	w("Figures taken from a secondary source and not yet checked against the paper say so.\n\n")
	w("| short title | article | file |\n| --- | --- | --- |\n")
	for _, s := range protocol.Seeds() {
		w("| %s | %s | `%s` |\n", cell(protocol.Short(s)), cell(protocol.Cite(s)), s)
	}
	w("\n%s is cited as \"%s\" and %s as \"%s\".\n", "`RefList`", protocol.Cite(protocol.RefList),
		"`RefPrecaution`", protocol.Cite(protocol.RefPrecaution))
	w("\n## Evidence grades\n\n| grade | meaning |\n| --- | --- |\n")
	for _, g := range protocol.Grades() {
		w("| %s | %s |\n", g, g.Meaning())
	}
	w("\n## Phases\n\n| phase | meaning |\n| --- | --- |\n")
	for _, p := range protocol.Phases() {
		w("| %s | %s |\n", p, p.Meaning())
	}

	w("\n## Techniques\n\n")
	w("| id | name | phase | window (h) | dose | evidence | needs | after | sources |\n")
	w("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, t := range protocol.TechniquesIn(measure.Metric) {
		var refs []string
		for _, s := range t.Sources {
			refs = append(refs, s.Ref)
		}
		needs := strings.Join(t.Requires, " or ")
		if needs == "" {
			needs = "-"
		}
		w("| `%s` | %s | %s | %s-%s | %s | %s | %s | %s | %s |\n", t.ID, cell(t.Name), t.Phase,
			num(t.StartH), num(t.EndH), cell(t.Dose.Text), t.Evidence, needs,
			strings.Join(t.AppliesAfter, ", "), cell(shorts(refs)))
	}

	w("\n### Why each grade\n\n| id | evidence | note |\n| --- | --- | --- |\n")
	for _, t := range protocol.TechniquesIn(measure.Metric) {
		w("| `%s` | %s | %s |\n", t.ID, t.Evidence, cell(t.EvidenceNote))
	}

	w("\n## Safety rules\n\n")
	w("`avoid`: don't use it (or not on that spot); `doctor-first`: ask a doctor or physiotherapist first;\n")
	w("`modify`: use it with the change given.\n\n")
	w("| technique | condition | action | why | source |\n| --- | --- | --- | --- | --- |\n")
	for _, t := range protocol.TechniquesIn(measure.Metric) {
		for _, c := range t.Contraindications {
			w("| `%s` | %s | %s | %s | %s |\n", t.ID, c.Condition, c.Action, cell(c.Why), cell(short(c.Source)))
		}
	}

	w("\n## Disagreements\n\n")
	for _, d := range protocol.DisagreementsIn(measure.Metric) {
		w("### `%s`: %s\n\n", d.ID, d.Topic)
		if len(d.Techniques) > 0 {
			w("- **Techniques:** %s\n", "`"+strings.Join(d.Techniques, "`, `")+"`")
		}
		w("- **Default:** %s\n- **Range:** %s\n- **Why:** %s\n\n", d.Default, d.Range, d.Note)
	}

	w("## Red-flag symptoms\n\n")
	w("`urgent`: get medical help now; `soon`: stop running on it and see a professional within days.\n\n")
	w("| id | symptom | urgency | what it may mean | source |\n| --- | --- | --- | --- | --- |\n")
	for _, s := range protocol.Symptoms() {
		w("| `%s` | %s | %s | %s | %s |\n", s.ID, cell(s.Name), s.Urgency, cell(s.Why), cell(shorts(s.Refs())))
	}

	w("\n## Thresholds\n\n| constant | value | unit | source |\n| --- | --- | --- | --- |\n")
	for _, th := range protocol.Thresholds() {
		src := shorts(th.Sources)
		if th.Note != "" {
			src += " (" + th.Note + ")"
		}
		w("| `%s` | %s | %s | %s |\n", th.Name, num(th.Value), th.Unit, cell(src))
	}
	w("\n%s\n", protocol.TenPercentRuleCaveat)
	return b.String()
}
