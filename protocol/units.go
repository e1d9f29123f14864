package protocol

import (
	"slices"

	"github.com/rebound-run/rebound/measure"
)

// The rule base states each measure once, in the unit its source gives,
// as a mark that measure.System.Text renders in the runner's units
// ("replace every {{mi 300-500}}" reads "replace every 480-800 km" to a
// runner who reads kilometres). The texts a runner reads (a technique's
// dose, how, why, evidence note and cautions; a disagreement's default,
// range and note) go through In before they are shown; what the sources
// say (Source.Says) is quoted as they say it.

// In returns the technique with its texts in the units u. The returned
// technique shares no slice it changed with t.
func (t Technique) In(u measure.System) Technique {
	t.Dose.Text = u.Text(t.Dose.Text)
	t.EvidenceNote = u.Text(t.EvidenceNote)
	t.How, t.Why = u.Text(t.How), u.Text(t.Why)
	if len(t.Contraindications) > 0 {
		t.Contraindications = slices.Clone(t.Contraindications)
		for i := range t.Contraindications {
			t.Contraindications[i].Why = u.Text(t.Contraindications[i].Why)
		}
	}
	if t.Disagreement != nil {
		d := t.Disagreement.In(u)
		t.Disagreement = &d
	}
	return t
}

// In returns the disagreement with its texts in the units u.
func (d Disagreement) In(u measure.System) Disagreement {
	d.Topic, d.Default, d.Range, d.Note = u.Text(d.Topic), u.Text(d.Default), u.Text(d.Range), u.Text(d.Note)
	return d
}

// TechniquesIn returns Techniques with their texts in the units u.
func TechniquesIn(u measure.System) []Technique {
	ts := Techniques()
	for i := range ts {
		ts[i] = ts[i].In(u)
	}
	return ts
}

// DisagreementsIn returns Disagreements with their texts in the units u.
func DisagreementsIn(u measure.System) []Disagreement {
	ds := Disagreements()
	for i := range ds {
		ds[i] = ds[i].In(u)
	}
	return ds
}
