package server

import (
	"context"
	"sync"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/store"
)

// stateCache keeps each athlete's history and derived coaching state
// (load series, fitted model, soreness forecasts) between requests, so
// that pages and API calls do not reread and recompute the whole history
// every time. An athlete's entry is dropped when this server writes their
// data, and is reread after historyTTL so that writes through another app
// server behind the same load balancer show up soon; the derived state is
// recomputed from the cached history when the clock has moved on by more
// than stateTTL (readiness depends on the time of day).
type stateCache struct {
	db  store.Database
	now func() time.Time

	mu      sync.Mutex
	entries map[int64]*stateEntry
}

// Cache lifetimes.
const (
	historyTTL = 15 * time.Second
	stateTTL   = time.Minute
)

type stateEntry struct {
	mu       sync.Mutex // one load per athlete at a time
	hist     coach.History
	loadedAt time.Time
	st       *coach.State
	builtAt  time.Time
	valid    bool
}

func newStateCache(db store.Database, now func() time.Time) *stateCache {
	return &stateCache{db: db, now: now, entries: map[int64]*stateEntry{}}
}

// get returns the athlete's coaching state at (about) now.
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
	now := c.now()
	if !e.valid || now.Sub(e.loadedAt) > historyTTL || now.Before(e.loadedAt) {
		h, err := coach.LoadHistory(ctx, c.db.ForAthlete(athleteID))
		if err != nil {
			return nil, err
		}
		e.hist, e.loadedAt, e.valid, e.st = h, now, true, nil
	}
	if e.st == nil || now.Sub(e.builtAt) > stateTTL || now.Before(e.builtAt) {
		e.st, e.builtAt = coach.NewState(e.hist, now), now
	}
	return e.st, nil
}

// at returns the athlete's state at a given moment (another day), without caching it.
func (c *stateCache) at(ctx context.Context, athleteID int64, t time.Time) (*coach.State, error) {
	h, err := coach.LoadHistory(ctx, c.db.ForAthlete(athleteID))
	if err != nil {
		return nil, err
	}
	return coach.NewState(h, t), nil
}

// invalidate drops an athlete's cached state after a write.
func (c *stateCache) invalidate(athleteID int64) {
	c.mu.Lock()
	e := c.entries[athleteID]
	c.mu.Unlock()
	if e != nil {
		e.mu.Lock()
		e.valid, e.st = false, nil
		e.mu.Unlock()
	}
}
