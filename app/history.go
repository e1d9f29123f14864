package app

import (
	"context"
	"fmt"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// HistoryReader is the part of a store LoadHistory reads.
type HistoryReader interface {
	store.ProfileStore
	FindActivities(ctx context.Context, f store.ActivityFilter) ([]*store.Activity, int, error)
	FindCheckIns(ctx context.Context, from, to time.Time, loc *time.Location) ([]recovery.CheckIn, error)
	FindRPEs(ctx context.Context) (map[int64]float64, error)
	FindShoes(ctx context.Context) ([]store.Shoe, error)
}

// LoadHistory reads a runner's whole history from a store: the one
// imperative step before the pure models of package coach run. An error names what could
// not be read and wraps the store's error.
func LoadHistory(ctx context.Context, db HistoryReader) (coach.History, error) {
	var h coach.History
	var err error
	if h.Profile, err = db.FindProfile(ctx); err != nil {
		return h, fmt.Errorf("history: profile: %w", err)
	}
	acts, _, err := db.FindActivities(ctx, store.ActivityFilter{})
	if err != nil {
		return h, fmt.Errorf("history: activities: %w", err)
	}
	h.Activities = coach.PlausibleOnly(CoachActivities(acts))
	if h.Profile.Timezone == "" {
		// Without a zone of their own, the runner lives where their
		// watch says: the latest file's UTC offset, so that a run's
		// time reads the same in today, plan and runs.
		for _, a := range h.Activities { // newest first
			if a.UTCOffsetS != nil {
				h.Profile.Timezone = profile.OffsetZone(*a.UTCOffsetS)
				break
			}
		}
	}
	if h.CheckIns, err = db.FindCheckIns(ctx, time.Time{}, time.Time{}, h.Profile.Location()); err != nil {
		return h, fmt.Errorf("history: check-ins: %w", err)
	}
	if h.RPE, err = db.FindRPEs(ctx); err != nil {
		return h, fmt.Errorf("history: session RPEs: %w", err)
	}
	if h.Shoes, err = db.FindShoes(ctx); err != nil {
		return h, fmt.Errorf("history: shoes: %w", err)
	}
	return h, nil
}

// CoachActivity is the activity of a store row as the coaching sees it
// (coach.Activity), nil for nil. It shares the row's activity (samples,
// laps): a caller that read one run with its samples (FindActivityByID)
// passes it to State.EntryOf through this.
func CoachActivity(a *store.Activity) *coach.Activity {
	if a == nil {
		return nil
	}
	return &coach.Activity{ID: a.ID, FileHash: a.SHA256, SourceFile: a.SourceFile, Gear: a.Gear, UserName: a.UserName, Kind: a.Kind, Note: a.Note,
		ImportedAt: a.ImportedAt, Activity: a.Activity, Summary: a.Summary}
}

// CoachActivities is CoachActivity of each of acts, in their order.
func CoachActivities(acts []*store.Activity) []*coach.Activity {
	out := make([]*coach.Activity, len(acts))
	for i, a := range acts {
		out[i] = CoachActivity(a)
	}
	return out
}
