package coach

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
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
	standing, first, _ := s.symptomWalk()
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

// symptomWalk walks the check-ins up to s.Now: the red-flag symptoms
// standing, the day each was first reported, and the last clearing: the
// symptoms a check-in answered without, and its day (nil when none was
// cleared since the last one was reported).
func (s *State) symptomWalk() (standing []string, first map[string]time.Time, cleared *Return) {
	cs := append([]recovery.CheckIn(nil), s.H.CheckIns...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Date.Before(cs[j].Date) })
	first = map[string]time.Time{}
	for _, c := range cs {
		if c.Date.After(s.Now) {
			break
		}
		if !c.SymptomsAnswered && len(c.Symptoms) == 0 {
			continue
		}
		before := append([]string(nil), standing...)
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
		var gone []string
		for _, id := range before {
			if !slices.Contains(standing, id) {
				gone = append(gone, id)
			}
		}
		if len(gone) > 0 {
			cleared = &Return{Symptoms: gone, Cleared: c.Date, Until: c.Date.AddDate(0, 0, ReturnDays)}
		}
	}
	return standing, first, cleared
}

// ReturnDays is how many days after a red-flag symptom is cleared the
// running stays easy: the first days back ease in rather than pick up
// the full week at once. A graded return is what the sources describe:
// PEACE & LOVE's "load" (Dubois & Esculier 2020: bring back activity
// gradually, as symptoms allow) and “4 Recovery Techniques” ("gradually
// increase your training intensity and volume"); a week is Rebound's
// rule.
const ReturnDays = 7

// ReturnStartShare is the share of the usual easy run the first run of a
// graded return covers; the runs grow evenly to the usual length by the
// return's end (ReturnShare). Half is Rebound's rule, in the spirit of
// the return-to-run progressions physiotherapists give: start well under
// the usual and build while it stays pain-free (Dubois & Esculier 2020:
// "load" as symptoms allow).
const ReturnStartShare = 0.5

// ReturnShare is the share of the usual easy run a graded return allows
// on day t: ReturnStartShare on the clearing day, growing evenly to all
// of it ReturnDays later.
func (r *Return) ReturnShare(t time.Time) float64 {
	return rampShare(t.Sub(r.Cleared).Hours()/24, ReturnDays)
}

// rampShare is the share of the usual easy run d days into a build-up of
// over days: ReturnStartShare at its start, growing evenly to all of it
// at its end. The graded return and a race's easy days use it.
func rampShare(d, over float64) float64 {
	return ReturnStartShare + (1-ReturnStartShare)*math.Max(0, math.Min(1, d/over))
}

// Return is a graded return: a red-flag symptom was cleared, and until
// Until running stays easy (no hard session).
type Return struct {
	// Symptoms are the symptom ids the clearing check-in answered without.
	Symptoms []string
	// Cleared is the day of the check-in that cleared them; Until is
	// ReturnDays later.
	Cleared, Until time.Time
}

// Returning returns the graded return standing at s.Now: the last
// red-flag symptoms cleared, within ReturnDays of the check-in that
// cleared them, while no flag stands; else nil. Today holds the day to
// an easy run at most until Until; the week can hold its days the same
// way (any day before Until: easy, no hard session).
func (s *State) Returning() *Return {
	standing, _, r := s.symptomWalk()
	if r == nil || len(standing) > 0 || !s.Now.Before(r.Until) {
		return nil
	}
	return r
}

// Reason says why the running stays easy, with the source.
func (r *Return) Reason(now time.Time) string {
	var names []string
	for _, id := range r.Symptoms {
		if sym, ok := protocol.SymptomByID(id); ok {
			names = append(names, strings.ToLower(sym.Name[:1])+sym.Name[1:])
		}
	}
	return fmt.Sprintf("the red flag (%s) was cleared %s: ease back in with easy runs only; hard sessions from %s (a graded return: the “load” of PEACE & LOVE, %s; %s)",
		strings.Join(names, ", "), OnDay(r.Cleared, now), Moment(r.Until, now), protocol.Short(protocol.RefDuboisEsculier2020), protocol.Short(protocol.Seed001))
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
