package server

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/store"
)

// stateCache keeps each athlete's history and derived coaching state
// (load series, fitted model, soreness forecasts) between requests, so
// that pages and API calls do not reread and recompute the whole history
// every time.
//
// The history is exact, however many app servers share the database:
// every get first reads the athlete's store revision (one indexed row;
// see store.RevisionStore), which changes with every write to the
// history, whichever server or process made it, and rereads the history
// only when the revision differs from the one it was read at. The
// revision is read before the history, so a write that lands while the
// history is being read leaves it labelled with the older revision and
// the next get reads it again. Writes need not tell the cache: this
// server's own change the revision like any other. The derived state is worked out
// again when the history was reread or the clock has moved on by more than
// stateTTL (readiness depends on the time of day), incrementally from the
// previous one: coach.State.With keeps the runs, contributions and load
// series when only check-ins changed, and coach.State.At keeps everything
// but the new days' load and the time-of-day parts when only the clock
// moved.
type stateCache struct {
	db  store.Database
	now func() time.Time

	mu      sync.Mutex
	entries map[int64]*stateEntry
}

// stateTTL is how long a derived state serves before it is recomputed
// from the (current) history at a new now.
const stateTTL = time.Minute

type stateEntry struct {
	mu       sync.Mutex // one load per athlete at a time
	hist     coach.History
	revision int64        // the store revision hist was read at
	valid    bool         // hist is loaded
	st       *coach.State // current; nil after a reread
	last     *coach.State // the latest state built, the base of the next
	builtAt  time.Time
}

func newStateCache(db store.Database, now func() time.Time) *stateCache {
	return &stateCache{db: db, now: now, entries: map[int64]*stateEntry{}}
}

// get returns the athlete's coaching state at (about) now, from a history
// as current as the store's at the call.
func (c *stateCache) get(ctx context.Context, athleteID int64) (*coach.State, error) {
	c.mu.Lock()
	e, ok := c.entries[athleteID]
	if !ok {
		e = &stateEntry{}
		c.entries[athleteID] = e
	}
	c.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	db := c.db.ForAthlete(athleteID)
	rev, err := db.Revision(ctx)
	if err != nil {
		return nil, fmt.Errorf("coaching state of athlete %d: %w", athleteID, err)
	}
	if !e.valid || rev != e.revision {
		h, err := app.LoadHistory(ctx, db)
		if err != nil {
			return nil, fmt.Errorf("coaching state of athlete %d: %w", athleteID, err)
		}
		e.hist, e.revision, e.valid, e.st = h, rev, true, nil
	}
	now := c.now()
	switch {
	case e.st != nil && (now.Sub(e.builtAt) > stateTTL || now.Before(e.builtAt)):
		e.st = e.st.At(now)
	case e.st == nil && e.last != nil:
		e.st = e.last.With(e.hist, now)
	case e.st == nil:
		e.st = coach.NewState(e.hist, now)
	default:
		return e.st, nil
	}
	e.last, e.builtAt = e.st, now
	return e.st, nil
}

// getAll returns the states of several athletes (a coach's table), working
// out the ones not cached in parallel, one per CPU, with their Today.
func (c *stateCache) getAll(ctx context.Context, ids []int64) (map[int64]*coach.State, error) {
	out := make(map[int64]*coach.State, len(ids))
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, id := range ids {
		g.Go(func() error {
			st, err := c.get(ctx, id)
			if err != nil {
				return err
			}
			st.Today()
			mu.Lock()
			out[id] = st
			mu.Unlock()
			return nil
		})
	}
	return out, g.Wait()
}
