package coach

import (
	"slices"
	"sort"
	"time"

	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// Flag is what stops all training until it is cleared: red-flag symptoms
// the runner reported and has not cleared since, soreness that has lasted
// past a week, or an injury listed in the profile. While a flag stands,
// today is rest, and no plan, checklist, week or calendar suggests what
// the flag rules out (protocol.AllowedWhileFlagged).
type Flag struct {
	// Urgency is protocol.Urgent (get care today) or protocol.Soon (see a
	// professional within days).
	Urgency protocol.Urgency
	// Symptoms are the red-flag symptom ids still standing, as reported.
	Symptoms []string
	// Since is the day of the check-in that first reported a standing
	// symptom (zero for a flag from the profile or lasting soreness).
	Since time.Time
	// Injury is set when the profile lists the injury condition.
	Injury bool
	// Sore is the muscle group rated sore on every check-in for
	// SoreDays days, past protocol.SorenessSeeProfessionalDays.
	Sore     recovery.Muscle
	SoreDays int
}

// ActiveFlag returns the flag standing at s.Now, or nil. A symptom stands
// from the check-in that reported it until a later check-in answers the
// symptom question without it (`rebound checkin --symptoms none`, the
// web form with nothing ticked); a check-in that did not ask leaves it.
// The injury condition stands until it is taken off the profile; lasting
// soreness until a check-in rates the muscle under LastingSorenessMin.
func (s *State) ActiveFlag() *Flag {
	var f Flag
	cs := append([]recovery.CheckIn(nil), s.H.CheckIns...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Date.Before(cs[j].Date) })
	var standing []string
	first := map[string]time.Time{}
	for _, c := range cs {
		if c.Date.After(s.Now) {
			break
		}
		if !c.SymptomsAnswered && len(c.Symptoms) == 0 {
			continue
		}
		if c.SymptomsAnswered {
			standing = standing[:0]
		}
		for _, id := range c.Symptoms {
			if _, ok := protocol.SymptomByID(id); !ok || slices.Contains(standing, id) {
				continue
			}
			standing = append(standing, id)
			if _, ok := first[id]; !ok {
				first[id] = c.Date
			}
		}
		for id := range first {
			if !slices.Contains(standing, id) {
				delete(first, id)
			}
		}
	}
	for _, id := range standing {
		sym, _ := protocol.SymptomByID(id)
		f.Symptoms = append(f.Symptoms, id)
		f.Urgency = worse(f.Urgency, sym.Urgency)
		if t := first[id]; f.Since.IsZero() || t.Before(f.Since) {
			f.Since = t
		}
	}
	if slices.Contains(s.H.Profile.Conditions, protocol.CondInjury) {
		f.Injury = true
		f.Urgency = worse(f.Urgency, protocol.Soon)
	}
	if m, days := s.lastingSoreness(); days > protocol.SorenessSeeProfessionalDays {
		f.Sore, f.SoreDays = m, days
		f.Urgency = worse(f.Urgency, protocol.Soon)
	}
	if f.Urgency == "" {
		return nil
	}
	return &f
}

// worse returns the more urgent of two urgencies ("" is none).
func worse(a, b protocol.Urgency) protocol.Urgency {
	if a == protocol.Urgent || b == protocol.Urgent {
		return protocol.Urgent
	}
	if a == protocol.Soon || b == protocol.Soon {
		return protocol.Soon
	}
	return ""
}
