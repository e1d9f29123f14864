// Package store declares how Rebound keeps its data, in the domain's terms:
// one small interface per resource and a Store that embeds them. Engines
// live in store/sqlite (the embedded default) and, later, store/postgres;
// store/storetest is the one behaviour suite every engine must pass.
//
// Every method takes a context first. Errors use rebound.Error codes:
// ENOTFOUND when a thing does not exist, ECONFLICT when it already does.
// Callers never see a driver's error types.
package store

import (
	"context"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
)

// DuplicateWindow is how close two starts of the same sport must be for the
// second activity to count as a duplicate of the first (e.g. the FIT and the
// GPX of one run, imported from different sources).
const DuplicateWindow = time.Minute

// Activity is an activity as stored: the decoded activity, where it came
// from, and its profile-independent summary.
type Activity struct {
	ID         int64
	SHA256     string // hex SHA-256 of the original file's bytes (after un-gzipping)
	SourceFile string // the path (or archive!entry) it was imported from
	Gear       string // the shoe or bike named by the source (e.g. Strava's activities.csv)
	ImportedAt time.Time
	*activity.Activity
	Summary activity.Summary
	// Original is the original file, compressed with zstd. It is filled by
	// importers on create and left nil by the Find methods (use Original).
	Original []byte
}

// ActivityFilter selects activities. Nil fields are not applied.
type ActivityFilter struct {
	Since  *time.Time // start at or after
	Until  *time.Time // start before
	Sport  *activity.Sport
	Offset int
	Limit  int // 0 means no limit
}

// ActivityStore keeps activities.
type ActivityStore interface {
	// CreateActivity stores a, its samples and its original bytes in one
	// transaction and sets a.ID. It returns ECONFLICT, storing nothing, when
	// an activity with the same SHA256 exists or one of the same sport starts
	// within DuplicateWindow of a.Start. A zero a.ImportedAt is set to the
	// current time.
	CreateActivity(ctx context.Context, a *Activity) error

	// FindActivityByID returns the activity with its laps and samples.
	// Returns ENOTFOUND if it does not exist.
	FindActivityByID(ctx context.Context, id int64) (*Activity, error)

	// FindActivities returns the matching activities, newest first, without
	// samples, and the total number that match ignoring Offset and Limit.
	FindActivities(ctx context.Context, f ActivityFilter) ([]*Activity, int, error)

	// HasActivityHash reports whether an activity with this SHA-256 exists.
	HasActivityHash(ctx context.Context, sha256 string) (bool, error)

	// FindOriginal returns the original file's bytes (decompressed) and
	// its source name. Returns ENOTFOUND if the activity does not exist or
	// has no original (a manual entry).
	FindOriginal(ctx context.Context, id int64) (name string, data []byte, err error)

	// UpdateActivityGear sets the gear name of an activity.
	// Returns ENOTFOUND if it does not exist.
	UpdateActivityGear(ctx context.Context, id int64, gear string) error

	// DeleteActivity removes an activity. Returns ENOTFOUND if it does not exist.
	DeleteActivity(ctx context.Context, id int64) error
}

// ProfileStore keeps the runner's profile.
type ProfileStore interface {
	// FindProfile returns the stored profile, or a zero Profile when none
	// has been saved yet.
	FindProfile(ctx context.Context) (profile.Profile, error)
	// SaveProfile replaces the stored profile.
	SaveProfile(ctx context.Context, p profile.Profile) error
}

// Store is every resource store of one engine.
type Store interface {
	ActivityStore
	ProfileStore
	Close() error
}
