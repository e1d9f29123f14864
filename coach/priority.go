package coach

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// LeadSteps is the most a plan leads with: 3-6 things to do (issue #11),
// a group of alternatives counting once and electrolytes going with the
// fluid. HelpfulSteps is the most it calls helpful; the rest are more
// options.
const (
	LeadSteps    = 6
	HelpfulSteps = 6
)

// SoreSpotRating is the rating of a muscle group from which Rebound takes
// the runner to have reported a sore spot, so that first aid for one (an
// ice pack, RICE) is worth offering (Rebound's rule: 6/10 is the "poor"
// end of its soreness factor).
const SoreSpotRating = 6

// SoreRating is the rating, or forecast peak, from which the run counts
// as leaving sore legs, so that soreness relief leads the plan: above the
// hard-session limit (recovery.HardSorenessLimit, 2.5/10).
const SoreRating = 3

// planFocus is what prioritising a plan looks at.
type planFocus struct {
	flag     *Flag
	hurt     bool
	sore     bool // a demanding run, or sore legs forecast or reported
	soreSpot bool
	warnings map[string]bool
	muscles  []string // to focus on, sorest first
}

// prioritise gives every step of the plan its priority (DoThis, Helpful,
// MoreOptions), its group of alternatives and its focus muscles, and
// orders the plan: the few steps to do first, ranked by evidence and
// fitted to this run and runner, then what helps, then the rest.
func (s *State) prioritise(plan *Plan, e Entry, conds []string) {
	f := planFocus{flag: s.ActiveFlag(), hurt: injured(conds), warnings: map[string]bool{}}
	reported := s.reportedAfter(e)
	// The legs' soreness: this run's forecast peak, or what earlier runs
	// still left when it ended.
	maxPeak := 0.0
	for _, m := range plan.Soreness {
		maxPeak = max(maxPeak, m.Peak)
	}
	for _, m := range plan.EarlierSoreness {
		maxPeak = max(maxPeak, m.Value)
	}
	maxReported := 0.0
	for _, v := range reported {
		maxReported = max(maxReported, v)
	}
	f.sore = e.Kind.Demanding() || maxPeak >= SoreRating || maxReported >= SoreRating
	f.soreSpot = maxReported >= SoreSpotRating
	for _, w := range plan.Warnings {
		f.warnings[w.Code] = true
	}
	f.muscles = focusMuscles(plan.Soreness, reported)

	lead := []string{"see-professional"}
	if f.flag != nil || f.hurt {
		lead = append(lead, "peace-love", "passive-rest")
	}
	lead = append(lead, "refuel", "rehydrate", "electrolytes")
	if f.sore {
		lead = append(lead, "group:hands-on", "active-recovery", "rest-day")
	}
	lead = append(lead, "sleep", "cool-down")
	helpful := []string{"easy-run"}
	if f.soreSpot {
		helpful = append(helpful, "group:ice")
	}
	helpful = append(helpful, "group:stretching", "elevation", "breathing", "strength", "cross-training")
	if f.sore {
		helpful = append(helpful, "group:cold-or-compression", "group:warmth", "urine-check")
	} else {
		helpful = append(helpful, "group:hands-on")
	}
	if f.warnings["weekly-increase"] || f.warnings["load-spike"] {
		helpful = append(helpful, "gradual-progression", "periodization")
	}
	if f.warnings["shoe-worn"] {
		helpful = append(helpful, "footwear")
	}

	present := map[string]bool{}
	for _, st := range plan.Steps {
		present[st.ID] = true
	}
	prio := map[string]int{}
	group := map[string]string{}
	led, helped := 0, 0
	place := func(key string, p int) {
		ids := []string{key}
		if g, ok := groupByKey(key); ok {
			ids = nil
			for _, m := range g.Members {
				if present[m] {
					ids = append(ids, m)
					group[m] = g.ID
				}
			}
		}
		if len(ids) == 0 || prio[ids[0]] != 0 || !present[ids[0]] {
			return
		}
		if p == DoThis && key != "electrolytes" {
			if led == LeadSteps {
				p = Helpful
			} else {
				led++
			}
		}
		if p == Helpful {
			if helped == HelpfulSteps {
				p = MoreOptions
			} else {
				helped++
			}
		}
		for _, id := range ids {
			if prio[id] == 0 {
				prio[id] = p
			}
		}
	}
	for _, k := range lead {
		place(k, DoThis)
	}
	for _, k := range helpful {
		place(k, Helpful)
	}
	for i := range plan.Steps {
		st := &plan.Steps[i]
		st.Priority = cmp.Or(prio[st.ID], MoreOptions)
		if g, ok := protocol.GroupOf(st.ID); ok {
			st.Group = g.ID
		}
		if t, ok := protocol.ByID(st.ID); ok {
			// Injury care never leads without a sore spot or an injury.
			if t.InjuryCare && st.Priority == DoThis && f.flag == nil && !f.hurt {
				st.Priority = MoreOptions
			}
			if t.InjuryCare && !f.soreSpot && f.flag == nil && !f.hurt {
				st.Priority = MoreOptions
			}
			for _, m := range f.muscles {
				if slices.Contains(t.Muscles, m) {
					st.Focus = append(st.Focus, m)
				}
			}
			// Hands-on work and stretching go where the legs need it.
			if len(st.Focus) > 0 && st.Priority != MoreOptions && (st.Group == "hands-on" || st.Group == "stretching") {
				st.Note = strings.TrimSpace(st.Note + " " + focusNote(st.Focus, reported))
			}
		}
	}
	order := map[string]int{}
	for i, p := range protocol.Phases() {
		order[string(p)] = i
	}
	rank := map[string]int{}
	for i, k := range append(lead, helpful...) {
		if g, ok := groupByKey(k); ok {
			for _, m := range g.Members {
				if _, seen := rank[m]; !seen {
					rank[m] = i
				}
			}
		} else if _, seen := rank[k]; !seen {
			rank[k] = i
		}
	}
	grade := map[string]int{string(protocol.Moderate): 0, string(protocol.Low): 1, string(protocol.Practice): 2, string(protocol.VeryLow): 3}
	// Within each priority the red flag's steps come first, then the
	// steps in time order (when they start, then when they end), so that
	// the list reads as the hours and days after the run do.
	flagFirst := func(st Step) bool {
		return st.ID == "see-professional" || st.ID == "passive-rest" || st.ID == "peace-love"
	}
	sort.SliceStable(plan.Steps, func(a, b int) bool {
		x, y := plan.Steps[a], plan.Steps[b]
		if x.Priority != y.Priority {
			return x.Priority < y.Priority
		}
		if fx, fy := flagFirst(x), flagFirst(y); fx != fy {
			return fx
		}
		if order[x.Phase] != order[y.Phase] && (x.Phase == string(protocol.LongTerm) || y.Phase == string(protocol.LongTerm)) {
			return order[x.Phase] < order[y.Phase]
		}
		if x.StartH != y.StartH {
			return x.StartH < y.StartH
		}
		if x.EndH != y.EndH {
			return x.EndH < y.EndH
		}
		rx, okx := rank[x.ID]
		ry, oky := rank[y.ID]
		if okx != oky {
			return okx
		}
		if rx != ry {
			return rx < ry
		}
		return grade[x.Evidence] < grade[y.Evidence]
	})
}

// groupByKey resolves "group:ID" to its group.
func groupByKey(key string) (protocol.Group, bool) {
	const p = "group:"
	if len(key) <= len(p) || key[:len(p)] != p {
		return protocol.Group{}, false
	}
	for _, g := range protocol.Groups() {
		if g.ID == key[len(p):] {
			return g, true
		}
	}
	return protocol.Group{}, false
}

// reportedAfter returns each muscle group's highest rating in the
// check-ins that speak of e (checkInsAfter): the mornings after it, not
// the morning of its own day, whose check-in came before it.
func (s *State) reportedAfter(e Entry) map[string]float64 {
	out := map[string]float64{}
	for _, c := range s.checkInsAfter(e) {
		if dayDiff(e.Run.End.In(s.Now.Location()), c.Date) < 1 {
			continue
		}
		for m, v := range c.Soreness {
			out[string(m)] = max(out[string(m)], v)
		}
	}
	return out
}

// focusNote says where a step that works on muscles should go most, and
// why: "Most on your quads and glutes: this run loaded them most." (the
// muscles rated SoreRating or more since the run: "you rated them sore");
// every muscle group's name is a plural.
func focusNote(focus []string, reported map[string]float64) string {
	names := make([]string, len(focus))
	why := "this run loaded them most"
	for i, m := range focus {
		names[i] = recovery.Muscle(m).Name()
		if reported[m] >= SoreRating {
			why = "you rated them sore or this run loaded them most"
		}
	}
	list := names[0]
	if n := len(names); n > 1 {
		list = strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
	return "Most on your " + list + ": " + why + "."
}

// FocusMuscles is the most muscle groups a step names to work on.
const FocusMuscles = 3

// focusMuscles lists the muscle groups a plan should speak to, sorest
// first (at most FocusMuscles): those rated SoreRating or more since the run, then those the run
// loads most (a forecast peak within 70 % of the run's highest and at
// least 1/10): the quads after downhill running, the calves and
// hamstrings after hills and intervals.
func focusMuscles(peaks []MusclePeak, reported map[string]float64) []string {
	var out []string
	type mv struct {
		m string
		v float64
	}
	var rs []mv
	for m, v := range reported {
		if v >= SoreRating {
			rs = append(rs, mv{m, v})
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].v > rs[j].v || rs[i].v == rs[j].v && rs[i].m < rs[j].m })
	for _, x := range rs {
		out = append(out, x.m)
	}
	top := 0.0
	for _, p := range peaks {
		top = max(top, p.Peak)
	}
	for _, p := range peaks { // sorted by peak, highest first
		if p.Peak >= 1 && p.Peak >= 0.7*top && !slices.Contains(out, string(p.Muscle)) {
			out = append(out, string(p.Muscle))
		}
	}
	return out[:min(len(out), FocusMuscles)]
}
