package protocol

import "slices"

// RefDuboisEsculier2020 is the PEACE & LOVE consensus for soft-tissue
// injuries.
const RefDuboisEsculier2020 = "Dubois & Esculier 2020, Br J Sports Med 54:72"

// RefACOG2020 is the obstetricians' guidance on exercise in pregnancy.
const RefACOG2020 = "ACOG Committee Opinion 804, 2020 (Obstet Gynecol 135:e178)"

// RefDiabetesFoot (diabetes foot-care guidance: no heating pads or hot
// water on feet with reduced sensation) and RefPAD (compression is
// contraindicated in severe peripheral arterial disease; cold narrows the
// vessels) are clinical rules REFERENCES.md states and marks *check*.
const (
	RefDiabetesFoot = RefList
	RefPAD          = RefList
)

// CondPAD is peripheral arterial disease: narrowed leg arteries.
// Compression can cut off what blood still gets through, and cold
// narrows the vessels further: both need a doctor's OK.
const CondPAD = "peripheral-arterial-disease"

// Triage is how to tell normal soreness from a possible injury (002),
// said once for the check-in and the flags.
const Triage = "Normal soreness is even on both legs, eases as you warm up and fades within a few days. " +
	"Sharp, pinpoint, one-sided or worsening pain, swelling, or pain that changes your stride is treated as a possible injury: report it as a symptom."

// TriageSource is where Triage comes from.
const TriageSource = Seed002

// flagSafe are the techniques that stay in every plan and checklist while a
// red flag stands: seeing the professional, complete rest, and looking
// after fluids, food and sleep. Everything else (running, strength,
// cross-training, hands-on work, stretching, heat, cold and contrast
// water) waits until the flag is cleared; a symptom may call for more
// (Symptom.Calls).
var flagSafe = []string{"see-professional", "passive-rest", "rehydrate", "refuel", "sleep", "balanced-nutrition"}

// AllowedWhileFlagged reports whether the technique id may be suggested
// while the given red-flag symptoms stand (and, with injury, the injury
// condition).
func AllowedWhileFlagged(id string, symptoms []string, injury bool) bool {
	if slices.Contains(flagSafe, id) {
		return true
	}
	calls := map[string]bool{}
	for _, s := range symptoms {
		if sym, ok := SymptomByID(s); ok {
			for _, c := range sym.Calls {
				calls[c] = true
			}
		}
	}
	if injury {
		for _, c := range softTissueCare {
			calls[c] = true
		}
	}
	// Anything urgent overrides self-care: only the safe set.
	for _, s := range symptoms {
		if sym, ok := SymptomByID(s); ok && sym.Urgency == Urgent {
			return slices.Contains(sym.Calls, id)
		}
	}
	return calls[id]
}

// softTissueCare is what a suspected soft-tissue injury calls for, after
// PEACE & LOVE (Dubois & Esculier 2020): protect and rest it, keep it
// raised, and know the plan.
var softTissueCare = []string{"peace-love", "elevation"}

// peaceLove is the care of a suspected soft-tissue injury.
func peaceLove() Technique {
	return Technique{
		ID:     "peace-love",
		Name:   "Care for a possible injury (PEACE & LOVE)",
		Phase:  SameDay,
		StartH: 0, EndH: 72,
		Dose: Dose{Text: "the first 1-3 days: protect, elevate, avoid anti-inflammatories, compress, learn; " +
			"then load gradually as pain allows, stay positive, keep fit without pain, and do a professional's exercises"},
		Evidence: Practice,
		EvidenceNote: "An expert consensus built on a review of the evidence (" + RefDuboisEsculier2020 + "); " +
			"no single trial tests the whole sequence.",
		InjuryCare:   true,
		AppliesAfter: []string{RunAny},
		How: "For a spot that hurts sharply, is swollen or hurts on one side only: for the first 1-3 days, " +
			"Protect it (stop running and whatever makes it hurt), Elevate it above the heart when you can, " +
			"Avoid anti-inflammatory pills and long icing, which may slow healing, Compress it with a bandage or sleeve " +
			"if it swells, and Educate yourself: have it assessed. After that, LOVE: Load it gradually as pain " +
			"allows, keep Optimistic, Vascularise with pain-free cardio such as cycling, and Exercise to restore " +
			"strength and balance, ideally with a physiotherapist's plan.",
		Why: "Injured tissue heals best with early protection and then gradual, pain-guided loading; rest alone " +
			"and heavy icing or anti-inflammatories can slow the repair that inflammation starts.",
		Sources: []Source{
			{RefDuboisEsculier2020, "For soft-tissue injuries: Protect, Elevate, Avoid anti-inflammatory modalities, " +
				"Compress, Educate in the first days; then Load, Optimism, Vascularisation, Exercise. It questions " +
				"ice and anti-inflammatories for healing, which RICE relies on."},
			{Seed002, "Sharp, localised pain, swelling, or pain that gets worse while running or changes your stride " +
				"is an injury: rest and see a professional."},
		},
		Disagreement: dRICEvsPEACE(),
	}
}

func dRICEvsPEACE() *Disagreement {
	return &Disagreement{
		ID:         "rice-vs-peace-love",
		Topic:      "Ice and RICE for a sore or injured spot",
		Techniques: []string{"rice", "ice-pack", "peace-love"},
		Default: "for ordinary soreness, no RICE; for a suspected soft-tissue injury, PEACE & LOVE (protect, elevate, " +
			"compress, have it assessed, then load gradually), with ice only for short pain relief",
		Range: "RICE for sore legs (" + fourTechniques + ") and ice packs for soreness (" + tenWays + ") versus PEACE & LOVE, which questions ice " +
			"and anti-inflammatories for healing (" + RefDuboisEsculier2020 + ")",
		Note: fourTechniques + " teaches RICE (rest, ice, compression, elevation) for sore legs and " + tenWays +
			" recommends ice packs. " +
			"The 2020 PEACE & LOVE consensus keeps protection, elevation and compression for a soft-tissue injury " +
			"but advises against anti-inflammatory treatments, ice among them, because inflammation starts the " +
			"repair; it adds gradual loading. Normal soreness is not an injury and needs none of this. Rebound " +
			"suggests RICE or an ice pack only for a sore spot you reported, says that ice eases pain rather than " +
			"speeding healing, and uses PEACE & LOVE for a suspected injury.",
	}
}

// diabetesHeat is the caution on heat with diabetes: reduced sensation in
// the feet and legs means a burn can go unnoticed.
func diabetesHeat() Contraindication {
	return Contraindication{CondDiabetes, Modify,
		"With diabetes, feeling in the feet and legs can be reduced, so heat can burn without you noticing: keep it warm, " +
			"not hot, test the temperature with your hand or elbow, check the skin often, and skip it where feeling is reduced.",
		RefDiabetesFoot}
}

// diabetesCold is the caution on cold on the skin with diabetes.
func diabetesCold() Contraindication {
	return Contraindication{CondDiabetes, Modify,
		"With diabetes, feeling in the feet and legs can be reduced, so cold can injure the skin unnoticed: always " +
			"wrap it, keep it short, check the skin every few minutes, and skip it where feeling is reduced.",
		RefDiabetesFoot}
}

// padCompression and padCold need a doctor's OK with peripheral arterial
// disease.
func padCompression() Contraindication {
	return Contraindication{CondPAD, DoctorFirst,
		"With peripheral arterial disease, compression can squeeze off the little blood that gets through narrowed " +
			"arteries: ask your doctor before wearing compression.",
		RefPAD}
}

func padCold() Contraindication {
	return Contraindication{CondPAD, DoctorFirst,
		"With peripheral arterial disease, cold narrows the leg arteries further: ask your doctor before cold treatments.",
		RefPAD}
}

// pregnancyLyingFlat is the caution on lying flat on the back after the
// first trimester (ACOG 2020): the womb presses on the main vein back to
// the heart.
func pregnancyLyingFlat() Contraindication {
	return Contraindication{CondPregnancy, Modify,
		"After the first trimester, don't lie flat on your back for long: lie on your left side with the legs raised " +
			"on pillows, or prop your upper body up.",
		RefACOG2020}
}
