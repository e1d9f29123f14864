package protocol_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/internal/wording"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/protocol"
)

// TestCite checks that every source reads as a title or a citation: the
// five articles by their titles (the first line of each article, in
// /work/shared/seeds), the 2026 guide, which has no title line, by what
// it is, and never by file name.
func TestCite(t *testing.T) {
	for _, tt := range []struct{ ref, cite, short string }{
		{protocol.Seed000, "Leg Recovery After Running: Immediate, Mid-Term, and Long-Term Strategies", "“Leg Recovery After Running”"},
		{protocol.Seed001, "Sore Legs After Running? 4 Recovery Techniques to Get You Back on Your Feet", "“4 Recovery Techniques”"},
		{protocol.Seed002, "The 2026 coaching guide: best recovery for legs after running (January 2026)", "the 2026 coaching guide"},
		{protocol.Seed004, "8 Post-Run Recovery Tips From Experts To Help You Bounce Back Faster", "“8 Post-Run Recovery Tips”"},
		{protocol.RefDupuy2018, "Dupuy et al. 2018, Front Physiol 9:403", "Dupuy et al. 2018"},
		{protocol.RefACSM2016, protocol.RefACSM2016, "ACSM 2016"},
		{protocol.RefACOG2020, protocol.RefACOG2020, "ACOG Committee Opinion 804, 2020"},
		{protocol.RefList, "clinical guidance (secondary source, not yet checked)", "clinical guidance"},
		{protocol.RefPrecaution, "Rebound's own precaution", "Rebound's own precaution"},
	} {
		if got := protocol.Cite(tt.ref); got != tt.cite {
			t.Errorf("Cite(%q) = %q, want %q", tt.ref, got, tt.cite)
		}
		if got := protocol.Short(tt.ref); got != tt.short {
			t.Errorf("Short(%q) = %q, want %q", tt.ref, got, tt.short)
		}
	}
	if !strings.HasPrefix(protocol.Cite(protocol.Seed003), "Sore Legs After Running? 10 Ways to Prevent and Treat It") {
		t.Errorf("Cite(Seed003) = %q", protocol.Cite(protocol.Seed003))
	}
	got := protocol.CiteAll([]string{protocol.Seed000, protocol.RefDupuy2018, protocol.Seed000})
	if len(got) != 2 || got[0] != protocol.Cite(protocol.Seed000) {
		t.Errorf("CiteAll = %q, want each citation once", got)
	}
}

// texts returns every text of the rule base a runner may read, labelled
// by where it comes from.
func texts() map[string]string {
	out := map[string]string{
		"Triage": protocol.Triage, "TenPercentRuleCaveat": protocol.TenPercentRuleCaveat,
	}
	add := func(where, s string) {
		if s != "" {
			out[where+": "+s] = s
		}
	}
	for _, t := range protocol.Techniques() {
		for _, s := range []string{t.Name, t.Dose.Text, t.How, t.Why, t.EvidenceNote} {
			add(t.ID, s)
		}
		for _, c := range t.Contraindications {
			add(t.ID+" "+c.Condition, c.Why)
			add(t.ID+" "+c.Condition+" source", protocol.Cite(c.Source))
		}
		for _, s := range t.Sources {
			add(t.ID+" source", protocol.Cite(s.Ref))
			add(t.ID+" source says", s.Says)
		}
	}
	for _, d := range protocol.Disagreements() {
		for _, s := range []string{d.Topic, d.Default, d.Range, d.Note} {
			add(d.ID, s)
		}
	}
	for _, s := range protocol.Symptoms() {
		add(s.ID, s.Name)
		add(s.ID, s.Why)
		for _, r := range s.Refs() {
			add(s.ID+" source", protocol.Cite(r))
			add(s.ID+" source", protocol.Short(r))
		}
	}
	for _, th := range protocol.Thresholds() {
		add(th.Name, th.Note)
		for _, r := range th.Sources {
			add(th.Name, protocol.Cite(r))
			add(th.Name, protocol.Short(r))
		}
	}
	_, why := protocol.NeedsElectrolytes(true, true, 30)
	add("NeedsElectrolytes", why)
	_, why = protocol.NeedsElectrolytes(false, false, math.NaN())
	add("NeedsElectrolytes", why)
	return out
}

// TestNoInternalNames checks that no text of the rule base names a source
// by file name, seed number or the reference list's file name.
func TestNoInternalNames(t *testing.T) {
	for where, s := range texts() {
		if bad := wording.InternalNames(s); bad != nil {
			t.Errorf("%s: internal name %q", where, bad)
		}
	}
}

// The 10 % rule is one number: load keeps a copy to stay free of imports.
func TestWeeklyIncreaseLimitOnce(t *testing.T) {
	if load.WeeklyIncreaseLimit != protocol.WeeklyIncreaseLimit {
		t.Errorf("load.WeeklyIncreaseLimit %g, protocol.WeeklyIncreaseLimit %g", load.WeeklyIncreaseLimit, protocol.WeeklyIncreaseLimit)
	}
}

// readTexts returns the texts of the rule base a runner reads in the
// units u (protocol.TechniquesIn, DisagreementsIn), without what the
// sources say, which is quoted in their units.
func readTexts(u measure.System) map[string]string {
	out := map[string]string{"TenPercentRuleCaveat": protocol.TenPercentRuleCaveat}
	for _, t := range protocol.TechniquesIn(u) {
		for _, s := range []string{t.Name, t.Dose.Text, t.How, t.Why, t.EvidenceNote} {
			out[t.ID+": "+s] = s
		}
		for _, c := range t.Contraindications {
			out[t.ID+" "+c.Condition+": "+c.Why] = c.Why
		}
		if d := t.Disagreement; d != nil {
			for _, s := range []string{d.Topic, d.Default, d.Range, d.Note} {
				out[t.ID+" disagreement: "+s] = s
			}
		}
	}
	for _, d := range protocol.DisagreementsIn(u) {
		for _, s := range []string{d.Topic, d.Default, d.Range, d.Note} {
			out[d.ID+": "+s] = s
		}
	}
	for _, s := range protocol.Symptoms() {
		out[s.ID+": "+s.Why] = s.Why
	}
	return out
}

// TestTextsInUnits checks that every text a runner reads renders in each
// system: no mark left unrendered, no unit of the other system ("e.g. 20
// to 22 miles" read "32 to 35 km" in metric), and no other spelling of a
// source nor a sentence starting in lower case (“… with sodium. the 2026
// coaching guide gives …”).
func TestTextsInUnits(t *testing.T) {
	for _, u := range []measure.System{measure.Metric, measure.Imperial} {
		for where, s := range readTexts(u) {
			if measure.Marked(s) {
				t.Errorf("%s: %s: a mark left: %q", u, where, s)
			}
			if bad := wording.ForeignUnits(s, u); bad != nil {
				t.Errorf("%s: %s: %q", u, where, bad)
			}
			if bad := wording.OtherSpellings(s); bad != nil {
				t.Errorf("%s: source spelled %q", where, bad)
			}
			if bad := wording.LowerStarts(s); bad != nil {
				t.Errorf("%s: sentence starts in lower case: %q", where, bad)
			}
		}
	}
	if got := protocol.TechniquesIn(measure.Imperial); !strings.Contains(fmt.Sprint(got), "300-500 miles") {
		t.Error("imperial footwear: want 300-500 miles")
	}
	if got := protocol.TechniquesIn(measure.Metric); !strings.Contains(fmt.Sprint(got), "480-800 km") {
		t.Error("metric footwear: want 480-800 km (300-500 miles)")
	}
}
