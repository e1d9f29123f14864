package present

import (
	"strings"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/protocol"
)

// Item is one thing to do in a plan: a step, or a group of alternatives
// (protocol.Groups: do one of them) shown as one, on every surface.
type Item struct {
	Priority int
	// Group is the group of alternatives, nil for a single step.
	Group *protocol.Group
	// Steps is the step, or the group's members in the plan, in the
	// plan's order.
	Steps []coach.Step
}

// Title is the item's title: the step's, or "One of: massage, foam
// rolling or massage gun".
func (it Item) Title() string {
	if it.Group == nil {
		return it.Steps[0].Title
	}
	names := make([]string, len(it.Steps))
	for i, st := range it.Steps {
		names[i] = lowerFirst(st.Title)
	}
	return "One of: " + OrList(names)
}

// Why is why to do it: the step's reason, or why any one of the group is
// enough.
func (it Item) Why() string {
	if it.Group == nil {
		return it.Steps[0].Why
	}
	return it.Group.Why
}

// Ticked says which of the item's steps a tick stands for, given the
// steps ticked (by id): the first member ticked, as ticking any one of a
// group of alternatives does the item, else the first step; ok is set
// when one is ticked. The CLI, the page and its count read it alike.
func (it Item) Ticked(done map[string]bool) (id string, ok bool) {
	for _, st := range it.Steps {
		if done[st.ID] {
			return st.ID, true
		}
	}
	return it.Steps[0].ID, false
}

// Sources are the item's sources, each once: the step's, or those of the
// group's members.
func (it Item) Sources() []string {
	var refs []string
	for _, st := range it.Steps {
		refs = append(refs, st.Sources...)
	}
	return Dedupe(refs)
}

// Items turns a plan's steps (ordered by priority) into the items to show:
// the members of a group of the same priority become one item, at the
// place of the first of them; a group of one step is that step.
func Items(steps []coach.Step) []Item {
	var out []Item
	at := map[[2]any]int{} // {group, priority} -> index in out
	for _, st := range steps {
		if st.Group != "" {
			key := [2]any{st.Group, st.Priority}
			if i, ok := at[key]; ok {
				out[i].Steps = append(out[i].Steps, st)
				continue
			}
			at[key] = len(out)
		}
		out = append(out, Item{Priority: st.Priority, Steps: []coach.Step{st}})
	}
	for i := range out {
		if len(out[i].Steps) > 1 {
			if g, ok := protocol.GroupOf(out[i].Steps[0].ID); ok {
				out[i].Group = &g
			}
		}
	}
	return out
}

// OrList joins words as "a", "a or b", "a, b or c".
func OrList(words []string) string {
	switch n := len(words); n {
	case 0:
		return ""
	case 1:
		return words[0]
	default:
		return strings.Join(words[:n-1], ", ") + " or " + words[n-1]
	}
}

// Dedupe returns ss without repeats, in first-seen order.
func Dedupe(ss []string) []string {
	out := make([]string, 0, len(ss))
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// lowerFirst lower-cases a title's first letter for the middle of a
// sentence, unless it starts an acronym ("RICE: rest, …").
func lowerFirst(s string) string {
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
