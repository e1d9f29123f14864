package coach

import (
	"maps"
	"math"
	"reflect"
	"sort"
	"sync"
	"time"

	"github.com/rebound-run/rebound/gear"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// History is everything coach needs, read from the store and converted
// to domain values by the caller (app.LoadHistory).
type History struct {
	Profile    profile.Profile
	Activities []*Activity // with laps; samples not needed
	CheckIns   []recovery.CheckIn
	RPE        map[int64]float64 // session RPE by activity id
	Shoes      []gear.Shoe
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
	// Background is what the models take the runner to have done before
	// the history begins (Background(profile)); HistoryStart is when the
	// history begins, the first activity's start.
	Background   recovery.Background
	HistoryStart time.Time

	// today memoises Today: a State is immutable once built, so callers
	// that keep one (the server's cache) compute it once.
	todayOnce sync.Once
	today     *Today
	// day memoises Today without its checklist, which the week (that
	// today's checklist follows for strength) reads.
	dayOnce sync.Once
	day     *Today
	plans   sync.Map // activity id -> *Plan without weights
}

// NewState derives the state of h at now: the runs up to now, their load
// and soreness contributions, and the soreness model fitted to the
// check-ins.
func NewState(h History, now time.Time) *State {
	now = now.In(h.Profile.Location())
	s := &State{Entries: Build(runsBy(h.Activities, now), h.Profile, h.RPE), Background: Background(h.Profile)}
	runs := make([]recovery.Run, len(s.Entries))
	for i, e := range s.Entries {
		runs[i] = e.Run
	}
	if len(s.Entries) > 0 {
		s.HistoryStart = s.Entries[0].A.Start
	}
	s.Contribs = recovery.ContributionsWith(runs, s.Background, s.HistoryStart)
	return s.derive(h, now, fit(h, s.Contribs))
}

// runsBy returns the activities that started by now.
func runsBy(acts []*Activity, now time.Time) []*Activity {
	var out []*Activity
	for _, a := range acts {
		if !a.Start.After(now) {
			out = append(out, a)
		}
	}
	return out
}

func (s *State) sessions() []load.Session {
	out := make([]load.Session, len(s.Entries))
	for i, e := range s.Entries {
		out[i] = e.Session
	}
	return out
}

// At returns the state of the same history at another moment, keeping
// what the clock does not change: when no activity started between the
// two moments, the runs, their load and soreness contributions and the
// fitted model are reused and the daily load series is only extended by
// the new days (load.Extend); the sleep debt, Today and the plans are
// worked out afresh. Otherwise (a run started in between, or now is
// earlier) it is NewState.
func (s *State) At(now time.Time) *State {
	now = now.In(s.H.Profile.Location())
	if !s.keepsRuns(s.H, now) {
		return NewState(s.H, now)
	}
	return s.derive(s.H, now, s.Fitted)
}

// With returns the state of a changed history at now. When the runs, the
// session RPEs and the profile are those of s (only check-ins or shoes
// changed, as after a morning check-in), the runs, contributions and load
// series are kept and only the model is fitted again; otherwise it is
// NewState.
func (s *State) With(h History, now time.Time) *State {
	if !sameRuns(s.H, h) || !s.keepsRuns(h, now) {
		return NewState(h, now)
	}
	return s.derive(h, now.In(h.Profile.Location()), fit(h, s.Contribs))
}

// keepsRuns reports whether the state of h at now has s's runs, h having
// s's activities: now is not before s.Now and no activity started in
// between.
func (s *State) keepsRuns(h History, now time.Time) bool {
	if now.Before(s.Now) {
		return false
	}
	for _, a := range h.Activities {
		if a.Start.After(s.Now) && !a.Start.After(now) {
			return false
		}
	}
	return true
}

// fit fits the soreness model to h's check-ins, given its runs'
// contributions.
func fit(h History, contribs []recovery.Contribution) recovery.Fitted {
	return recovery.Fit(contribs, Observations(h.CheckIns, h.Profile.Location()), recovery.Modifiers{Age: h.Profile.Age})
}

// derive is the state of h at now with s's runs and contributions and
// the model fitted: the load series is s's extended to now (or computed,
// when s has none), the sleep debt is worked out afresh.
func (s *State) derive(h History, now time.Time, fitted recovery.Fitted) *State {
	n := &State{H: h, Now: now, Entries: s.Entries, Contribs: s.Contribs, Fitted: fitted, Background: s.Background, HistoryStart: s.HistoryStart}
	sessions := n.sessions()
	n.Days = load.Extend(s.Days, sessions, now)
	n.Weeks = load.Weeks(n.Days, sessions)
	n.Mod = recovery.Modifiers{Age: h.Profile.Age, SleepDebtH: sleepDebt(h.CheckIns, now), Reported: reported(h, now),
		Units: h.Profile.UnitsOrDefault()}
	return n
}

// Units is the runner's system of units, in which every reason and
// protocol text of the state reads.
func (s *State) Units() measure.System { return s.H.Profile.UnitsOrDefault() }

// techniques is the rule base in the runner's units
// (protocol.TechniquesIn).
func (s *State) techniques() []protocol.Technique { return protocol.TechniquesIn(s.Units()) }

// sameRuns reports whether two histories have the same activities (by id,
// original file (FileHash), start, name, sport and gear, and the runner's
// own name, kind and note: an activity's content is fixed by its file),
// the same session RPEs and the same profile.
func sameRuns(a, b History) bool {
	if len(a.Activities) != len(b.Activities) || !maps.Equal(a.RPE, b.RPE) || !reflect.DeepEqual(a.Profile, b.Profile) {
		return false
	}
	for i, x := range a.Activities {
		y := b.Activities[i]
		if x.ID != y.ID || x.FileHash != y.FileHash || !x.Start.Equal(y.Start) || x.Name != y.Name || x.Sport != y.Sport || x.Gear != y.Gear ||
			x.UserName != y.UserName || x.Kind != y.Kind || x.Note != y.Note {
			return false
		}
	}
	return true
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

// reported returns the soreness ratings of h's check-ins up to now.
func reported(h History, now time.Time) []recovery.Observation {
	var out []recovery.Observation
	for _, o := range Observations(h.CheckIns, h.Profile.Location()) {
		if !o.At.After(now) {
			out = append(out, o)
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

// EntryOf returns the entry of a (its kind, load and their reasons) with
// A set to a, or an Entry with only A when the state has none (a starts
// after Now, or was stored after the state was built).
func (s *State) EntryOf(a *Activity) Entry {
	if i := s.Index(a.ID); i >= 0 {
		e := s.Entries[i]
		e.A = a
		return e
	}
	return Entry{A: a}
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
