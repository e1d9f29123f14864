package present_test

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/rebound-run/rebound/internal/wording"
	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
)

var snake = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// walk calls key for every object key and text for every string in v
// (decoded JSON), with the key it sits under.
func walk(v any, under string, key func(string), text func(under, s string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			key(k)
			walk(e, k, key, text)
		}
	case []any:
		for _, e := range x {
			walk(e, under, key, text)
		}
	case string:
		text(under, x)
	}
}

// TestProtocolJSON checks that `rebound protocol --json` is snake_case,
// that its lists are never null, and that only its source identifiers
// (ref, source, sources) name a source by file name: the citations read
// as titles.
func TestProtocolJSON(t *testing.T) {
	b, err := json.Marshal(present.NewProtocol(measure.Metric))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	walk(doc, "", func(k string) { keys[k] = true }, func(under, s string) {
		if under == "ref" || under == "source" || under == "sources" {
			return
		}
		if bad := wording.InternalNames(s); bad != nil {
			t.Errorf("%s %q: internal name %q", under, s, bad)
		}
	})
	for k := range keys {
		if !snake.MatchString(k) {
			t.Errorf("key %q is not snake_case", k)
		}
	}
	for _, want := range []string{"techniques", "start_h", "evidence_note", "applies_after", "injury_care", "citation", "citations", "calls"} {
		if !keys[want] {
			t.Errorf("no key %q", want)
		}
	}
	p := present.NewProtocol(measure.Metric)
	cwi := p.Techniques[0]
	for _, tq := range p.Techniques {
		if tq.ID == "cold-water-immersion" {
			cwi = tq
		}
	}
	for _, c := range cwi.Contraindications {
		if c.Source == protocol.Seed004 && c.Citation != protocol.Cite(protocol.Seed004) {
			t.Errorf("citation %q for %s", c.Citation, c.Source)
		}
	}
	if len(p.Symptoms) == 0 || len(p.Symptoms[0].Citations) == 0 || p.Symptoms[0].Calls == nil {
		t.Errorf("symptom %+v: want citations and a list of calls", p.Symptoms[0])
	}
}
