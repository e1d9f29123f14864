package coach

import (
	"math"
	"sort"
	"sync"
	"time"

	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// History is everything coach needs, read from the store by the caller.
type History struct {
	Profile    profile.Profile
	Activities []*store.Activity // with laps; samples not needed
	CheckIns   []recovery.CheckIn
	RPE        map[int64]float64 // session RPE by activity id
	Shoes      []store.Shoe
}

// State is the derived view of a history at a moment.
type State struct {
	H        History
	Now      time.Time
	Entries  []Entry // oldest first
	Contribs []recovery.Contribution
	Days     []load.Day
	Weeks    []load.Week
	Fitted   recovery.Fitted
	Mod      recovery.Modifiers

	// today memoises Today: a State is immutable once built, so callers
	// that keep one (the server's cache) compute it once.
	todayOnce sync.Once
	today     *Today
	plans     sync.Map // activity id -> *Plan without weights
}

// NewState derives the state of h at now: the runs up to now, their load
// and soreness contributions, and the soreness model fitted to the
// check-ins.
func NewState(h History, now time.Time) *State {
	loc := h.Profile.Location()
	now = now.In(loc)
	var acts []*store.Activity
	for _, a := range h.Activities {
		if !a.Start.After(now) {
			acts = append(acts, a)
		}
	}
	s := &State{H: h, Now: now}
	s.Entries = Build(acts, h.Profile, h.RPE)
	runs := make([]recovery.Run, len(s.Entries))
	sessions := make([]load.Session, len(s.Entries))
	for i, e := range s.Entries {
		runs[i], sessions[i] = e.Run, e.Session
	}
	s.Contribs = recovery.Contributions(runs)
	s.Days = load.Series(sessions, now)
	s.Weeks = load.Weeks(s.Days, sessions)
	s.Mod = recovery.Modifiers{Age: h.Profile.Age, SleepDebtH: sleepDebt(h.CheckIns, now)}
	s.Fitted = recovery.Fit(s.Contribs, Observations(h.CheckIns, loc), recovery.Modifiers{Age: h.Profile.Age})
	return s
}

// CheckInHour is the time of day a check-in's soreness ratings are taken
// to describe: the morning.
const CheckInHour = 8

// Observations turns check-ins into soreness observations at CheckInHour.
func Observations(cs []recovery.CheckIn, loc *time.Location) []recovery.Observation {
	var out []recovery.Observation
	for _, c := range cs {
		y, m, d := c.Date.Date()
		at := time.Date(y, m, d, CheckInHour, 0, 0, 0, loc)
		for _, mu := range recovery.Muscles {
			if v, ok := c.Soreness[mu]; ok && !math.IsNaN(v) {
				out = append(out, recovery.Observation{At: at, Muscle: mu, Soreness: v})
			}
		}
	}
	return out
}

// sleepDebt returns the average shortfall below 7 h over the last three
// nights with a logged sleep, up to now.
func sleepDebt(cs []recovery.CheckIn, now time.Time) float64 {
	sorted := append([]recovery.CheckIn(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Date.After(sorted[j].Date) })
	sum, n := 0.0, 0
	for _, c := range sorted {
		if c.Date.After(now) || now.Sub(c.Date) > 4*24*time.Hour || math.IsNaN(c.SleepH) || c.SleepH <= 0 {
			continue
		}
		sum += math.Max(0, recovery.SleepMinH-c.SleepH)
		n++
		if n == 3 {
			break
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// Params returns the soreness parameters in use: the fitted ones.
func (s *State) Params() recovery.Params { return s.Fitted.Params }

// Day returns the load state of the day containing t, or nil.
func (s *State) Day(t time.Time) *load.Day {
	for i := len(s.Days) - 1; i >= 0; i-- {
		d := s.Days[i]
		if !t.Before(d.Date) && t.Before(d.Date.AddDate(0, 0, 1)) {
			return &s.Days[i]
		}
	}
	return nil
}

// Index returns the position of the activity with id in Entries, or -1.
func (s *State) Index(id int64) int {
	for i, e := range s.Entries {
		if e.A.ID == id {
			return i
		}
	}
	return -1
}

// CheckInOn returns the check-in of t's day, or nil.
func (s *State) CheckInOn(t time.Time) *recovery.CheckIn {
	y, m, d := t.Date()
	for i, c := range s.H.CheckIns {
		cy, cm, cd := c.Date.Date()
		if cy == y && cm == m && cd == d {
			return &s.H.CheckIns[i]
		}
	}
	return nil
}
