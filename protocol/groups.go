package protocol

// Group is a set of techniques that do the same job: a plan offers them
// as alternatives ("one of"), so that a runner picks what they have and
// like rather than doing them all.
type Group struct {
	ID      string
	Name    string   // what the group does, for a heading: "Ease the soreness"
	Members []string // technique ids, best evidence first
	Why     string   // why any one is enough
}

// Groups returns the groups of alternatives. Members are ordered by the
// evidence for them: in Dupuy et al. 2018 massage had the largest effect on
// soreness and perceived fatigue; compression, cold-water immersion and
// contrast water therapy all reduced soreness; foam rolling and the
// massage gun are self-massage.
func Groups() []Group {
	return []Group{
		{ID: "hands-on", Name: "Massage the worked muscles",
			Members: []string{"massage", "foam-rolling", "massage-gun"},
			Why:     "Any of these eases tightness in the muscles this run worked; one is enough."},
		{ID: "cold-or-compression", Name: "Cold water or compression",
			Members: []string{"compression", "cold-water-immersion", "contrast-therapy"},
			Why:     "Each reduced soreness in the trials pooled by Dupuy et al. 2018; pick the one you have, not all three."},
		{ID: "stretching", Name: "Stretch or move gently",
			Members: []string{"static-stretching", "dynamic-stretching", "active-isolated-stretching", "yoga-pilates"},
			Why:     "They ease the stiff feeling; none speeds recovery (Dupuy et al. 2018, Afonso et al. 2021), so pick what you enjoy."},
		{ID: "warmth", Name: "Warmth for tight muscles",
			Members: []string{"warm-bath", "epsom-salt", "heat"},
			Why:     "Warmth relaxes tight muscles once the first 48 h have passed; one way is enough."},
		{ID: "ice", Name: "Cold on a sore spot",
			Members: []string{"ice-pack", "rice"},
			Why:     "Only for one sore spot you reported: ice eases pain for a while but does not speed healing (Dubois & Esculier 2020)."},
	}
}

// GroupOf returns the group the technique belongs to, if any.
func GroupOf(id string) (Group, bool) {
	for _, g := range Groups() {
		for _, m := range g.Members {
			if m == id {
				return g, true
			}
		}
	}
	return Group{}, false
}
