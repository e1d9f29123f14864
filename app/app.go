// Package app is Rebound's application layer: the use cases of one
// athlete's data (check in, tick the checklist, today, the plan after a
// run, the week, the profile), which the command line (package cli), the
// JSON API and the web pages (package server) all call for every read
// and write. The shells stay thin: they parse their input into the typed
// values of package present, call a use case, and render what it returns;
// a rule (how a check-in merges, which weight a number means, when a tick
// is allowed) is written here once.
//
// An Athlete works on one athlete's store.Store and gets the coaching
// state through States: the server passes its cache, which rereads the
// history only when the store's revision moved; the CLI passes Fresh,
// which reads it for each command. Writes go to the store, which makes
// each use case's writes one transaction (store.CheckInStore.MergeCheckIn),
// then the use case asks States again, so what it returns shows the write.
package app

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// States gives an athlete's coaching state at the current moment, from a
// history at least as new as the store's at the call.
type States interface {
	State(ctx context.Context) (*coach.State, error)
}

// StatesFunc is a function that is a States.
type StatesFunc func(ctx context.Context) (*coach.State, error)

// State calls f.
func (f StatesFunc) State(ctx context.Context) (*coach.State, error) { return f(ctx) }

// StatesAt is a States that can also derive the state at another moment
// directly: StateOn asks it for a past or future day instead of deriving
// the state now and then again at that day.
type StatesAt interface {
	States
	StateAt(ctx context.Context, t time.Time) (*coach.State, error)
}

// Fresh is the States of a process that keeps nothing between calls (the
// CLI): every call reads st's whole history and derives the state at
// now() (State) or at the moment asked (StateAt).
func Fresh(st store.Store, now func() time.Time) StatesAt {
	return fresh{st, now}
}

type fresh struct {
	st  store.Store
	now func() time.Time
}

func (f fresh) State(ctx context.Context) (*coach.State, error) { return f.StateAt(ctx, f.now()) }

func (f fresh) StateAt(ctx context.Context, t time.Time) (*coach.State, error) {
	h, err := LoadHistory(ctx, f.st)
	if err != nil {
		return nil, err
	}
	return coach.NewState(h, t), nil
}

// Athlete is the use cases of one athlete's data.
type Athlete struct {
	store  store.Store
	states States
	now    func() time.Time
}

// New returns the use cases of the athlete whose store is st, with their
// coaching state from states and the time from now.
func New(st store.Store, states States, now func() time.Time) *Athlete {
	return &Athlete{store: st, states: states, now: now}
}

// State returns the athlete's coaching state now.
func (a *Athlete) State(ctx context.Context) (*coach.State, error) { return a.states.State(ctx) }

// StateOn returns the coaching state on date (YYYY-MM-DD in the runner's
// time zone): now for an empty date or today's, else noon of that day.
func (a *Athlete) StateOn(ctx context.Context, date string) (*coach.State, error) {
	if date == "" {
		return a.State(ctx)
	}
	if at, ok := a.states.(StatesAt); ok {
		// Derive the state once, at the day asked (the CLI's today --date
		// and week --date): the state now would be thrown away.
		prof, err := a.store.FindProfile(ctx)
		if err != nil {
			return nil, err
		}
		loc := prof.Location()
		d, err := ParseDay(date, loc)
		if err != nil {
			return nil, err
		}
		if d.Format(time.DateOnly) == a.now().In(loc).Format(time.DateOnly) {
			return a.State(ctx)
		}
		return at.StateAt(ctx, d.Add(12*time.Hour))
	}
	st, err := a.State(ctx)
	if err != nil {
		return st, err
	}
	d, err := ParseDay(date, st.H.Profile.Location())
	if err != nil {
		return nil, err
	}
	if d.Format(time.DateOnly) == st.Now.Format(time.DateOnly) {
		return st, nil
	}
	return st.At(d.Add(12 * time.Hour)), nil
}

// ParseDay parses a YYYY-MM-DD date as midnight in loc. Returns EINVALID
// for anything else.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return d, rebound.Errorf(rebound.EINVALID, "date %q: want YYYY-MM-DD", s)
	}
	return d, nil
}

// Day is a day's coaching: the state it was worked out from, its
// readiness, recommendation and checklist (Today), and the checklist with
// what the runner ticked, wherever they ticked it.
type Day struct {
	State     *coach.State
	Today     *coach.Today
	Checklist present.Checklist
}

// Today returns the day of date (as StateOn) with its ticks.
func (a *Athlete) Today(ctx context.Context, date string) (*Day, error) {
	st, err := a.StateOn(ctx, date)
	if err != nil {
		return nil, err
	}
	return a.day(ctx, st)
}

func (a *Athlete) day(ctx context.Context, st *coach.State) (*Day, error) {
	t := st.Today()
	ticks, err := a.store.FindTicks(ctx, t.Date)
	if err != nil {
		return nil, err
	}
	return &Day{State: st, Today: t, Checklist: present.NewChecklist(t, ticks)}, nil
}

// Tick ticks (done) or unticks a step of the checklist of date
// (YYYY-MM-DD; "" for today) and returns that day's checklist after it.
// A day in the future is refused (EINVALID); a step is ticked only when
// it is on that day's checklist (ENOTFOUND); a tick may always be taken
// back. Ticks are not part of the coaching history: they do not change
// the store's revision.
func (a *Athlete) Tick(ctx context.Context, date, step string, done bool) (present.Checklist, error) {
	st, err := a.State(ctx)
	if err != nil {
		return present.Checklist{}, err
	}
	if date != "" {
		d, err := ParseDay(date, st.H.Profile.Location())
		if err != nil {
			return present.Checklist{}, err
		}
		if d.After(st.Now) {
			return present.Checklist{}, rebound.Errorf(rebound.EINVALID, "date %s is in the future: tick steps today or on past days", date)
		}
	}
	if st, err = a.StateOn(ctx, date); err != nil {
		return present.Checklist{}, err
	}
	t := st.Today()
	if done && !slices.ContainsFunc(t.Steps, func(s coach.Step) bool { return s.ID == step }) {
		return present.Checklist{}, rebound.Errorf(rebound.ENOTFOUND, "%q is not on the checklist of %s", step, t.Date)
	}
	if err := a.store.SetTick(ctx, t.Date, step, done, a.now()); err != nil {
		return present.Checklist{}, err
	}
	d, err := a.day(ctx, st)
	if err != nil {
		return present.Checklist{}, err
	}
	return d.Checklist, nil
}

// CheckedIn is what a check-in did.
type CheckedIn struct {
	// CheckIn is the day's check-in as stored: this one merged into what
	// the day had.
	CheckIn recovery.CheckIn
	// Created is set when the day had no check-in before.
	Created bool
	// Day is today after the check-in.
	*Day
	// Plan is the latest run's plan with the fluid advice of the
	// check-in's weights; nil without weights or runs.
	Plan *coach.Plan
	// Withdrawn are the red-flag symptoms (protocol ids) that stood
	// before the check-in and no longer do: cleared, or taken off the
	// day's check-in the day they were reported (present.ClearedNote).
	Withdrawn []string
}

// CheckIn logs a check-in: it validates in (every wrong value at once, as
// present.Problems), then merges it into the day's check-in and makes its
// session ratings in one transaction, so that check-ins sent at once,
// through any number of app servers, all count. A check-in that answered
// the symptom question (in.Symptoms not nil) replaces the day's symptoms:
// an empty answer clears the red flags of earlier check-ins. It returns
// ENOTFOUND when a rated activity does not exist, saving nothing.
func (a *Athlete) CheckIn(ctx context.Context, in present.CheckInInput) (*CheckedIn, error) {
	prof, err := a.store.FindProfile(ctx)
	if err != nil {
		return nil, err
	}
	c, ps := in.CheckIn(a.now(), prof.Location())
	var w coach.WeightChange
	if in.WeightBefore != nil && in.WeightAfter != nil {
		var q *present.WeightQuestion
		if w.BeforeKg, q = in.WeightBefore.Resolve(prof.UnitsOrDefault(), false); q != nil {
			ps = append(ps, present.Problem{Field: "weight_before", Message: q.Error()})
		}
		if w.AfterKg, q = in.WeightAfter.Resolve(prof.UnitsOrDefault(), false); q != nil {
			ps = append(ps, present.Problem{Field: "weight_after", Message: q.Error()})
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	rpes, err := a.rpeChanges(ctx, in.RPE)
	if err != nil {
		return nil, err
	}
	// Only an answer without symptoms can clear a flag: only then is the
	// flag standing before the check-in read (one more history read).
	var standing []string
	if in.Symptoms != nil && len(in.Symptoms) == 0 {
		before, err := a.State(ctx)
		if err != nil {
			return nil, err
		}
		if f := before.ActiveFlag(); f != nil {
			standing = f.Symptoms
		}
	}
	merged, created, err := a.store.MergeCheckIn(ctx, c, rpes)
	if err != nil {
		return nil, err
	}
	st, err := a.State(ctx)
	if err != nil {
		return nil, err
	}
	out := &CheckedIn{CheckIn: merged, Created: created}
	var now []string
	if f := st.ActiveFlag(); f != nil {
		now = f.Symptoms
	}
	for _, id := range standing {
		if !slices.Contains(now, id) {
			out.Withdrawn = append(out.Withdrawn, id)
		}
	}
	if out.Day, err = a.day(ctx, st); err != nil {
		return nil, err
	}
	if w.BeforeKg > 0 && len(st.Entries) > 0 {
		if out.Plan, err = st.Plan(st.Entries[len(st.Entries)-1].A.ID, w); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// rpeChanges resolves a check-in's session ratings ("latest" or an
// activity id -> 0-10, nil to remove) to store changes. Activities that
// do not exist are the store's to refuse, in the check-in's transaction.
func (a *Athlete) rpeChanges(ctx context.Context, in map[string]*float64) ([]store.RPEChange, error) {
	var out []store.RPEChange
	for _, k := range slices.Sorted(maps.Keys(in)) {
		var id int64
		if k == "latest" {
			acts, _, err := a.store.FindActivities(ctx, store.ActivityFilter{Limit: 1})
			if err != nil {
				return nil, err
			}
			if len(acts) == 0 {
				return nil, rebound.Errorf(rebound.ENOTFOUND, "no activities to rate")
			}
			id = acts[0].ID
		} else if n, err := strconv.ParseInt(k, 10, 64); err == nil && n > 0 {
			id = n
		} else {
			return nil, rebound.Errorf(rebound.EINVALID, "rpe: %q is not an activity id (or latest)", k)
		}
		c := store.RPEChange{ActivityID: id, Delete: in[k] == nil}
		if !c.Delete {
			c.RPE = *in[k]
		}
		out = append(out, c)
	}
	return out, nil
}

// CheckIns returns the check-ins from one day to another (YYYY-MM-DD,
// both included; "" leaves that end open), oldest first.
func (a *Athlete) CheckIns(ctx context.Context, from, to string) ([]recovery.CheckIn, error) {
	prof, err := a.store.FindProfile(ctx)
	if err != nil {
		return nil, err
	}
	loc := prof.Location()
	var lo, hi time.Time
	if from != "" {
		if lo, err = ParseDay(from, loc); err != nil {
			return nil, err
		}
	}
	if to != "" {
		if hi, err = ParseDay(to, loc); err != nil {
			return nil, err
		}
		hi = hi.AddDate(0, 0, 1)
	}
	return a.store.FindCheckIns(ctx, lo, hi, loc)
}

// Plan returns the recovery plan after run id (0: the latest) and the
// state it comes from. before and after are the body weights just before
// and after the run, both or neither (nil), for its fluid advice: a bare
// number is read in the runner's units, and a reading in doubt is
// returned as a *present.WeightQuestion (Field "weight_before" or
// "weight_after").
func (a *Athlete) Plan(ctx context.Context, id int64, before, after *present.Weight) (*coach.Plan, *coach.State, error) {
	if (before == nil) != (after == nil) {
		return nil, nil, rebound.Errorf(rebound.EINVALID, "give both weights, before and after the run, or neither")
	}
	st, err := a.State(ctx)
	if err != nil {
		return nil, nil, err
	}
	var w coach.WeightChange
	if before != nil {
		var q *present.WeightQuestion
		for _, x := range []struct {
			field string
			in    *present.Weight
			kg    *float64
		}{{"weight_before", before, &w.BeforeKg}, {"weight_after", after, &w.AfterKg}} {
			if *x.kg, q = x.in.Resolve(st.H.Profile.UnitsOrDefault(), false); q != nil {
				q.Field = x.field
				return nil, nil, q
			}
		}
	}
	p, err := st.Plan(id, w)
	if rebound.ErrorCode(err) == rebound.ENOTFOUND {
		// A stored activity the coaching leaves out (coach.PlausibleOnly)
		// has no plan: say why, as `show` and the run page do.
		if act, ferr := a.store.FindActivityByID(ctx, id); ferr == nil {
			if why := activity.Implausible(act.Activity, act.Summary, act.ImportedAt); why != "" {
				return nil, nil, rebound.Errorf(rebound.EINVALID, "activity %d has no recovery plan: it is left out of the coaching, since %s", id, why)
			}
		}
	}
	if err != nil {
		return nil, nil, err
	}
	return p, st, nil
}

// Week returns the suggested 7 days from date (as StateOn; "" for today)
// and the state they come from.
func (a *Athlete) Week(ctx context.Context, date string) (*coach.WeekPlan, *coach.State, error) {
	st, err := a.StateOn(ctx, date)
	if err != nil {
		return nil, nil, err
	}
	return st.Week(), st, nil
}

// Profile returns the runner's profile.
func (a *Athlete) Profile(ctx context.Context) (profile.Profile, error) {
	return a.store.FindProfile(ctx)
}
