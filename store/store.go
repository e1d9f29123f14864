// Package store declares how Rebound keeps its data, in the domain's terms:
// one small interface per resource and a Store that embeds them. Engines
// live in store/sqlite (the embedded default) and store/postgres;
// store/storetest is the one behaviour suite every engine must pass. The
// checks that do not depend on an engine (Validate, ValidateRPE,
// ParseDay) are written here, once.
//
// Every method takes a context first. Errors use rebound.Error codes:
// ENOTFOUND when a thing does not exist, ECONFLICT when it already does.
// Callers never see a driver's error types.
package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/gear"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
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
	// UserName, Kind and Note are what the runner says of it
	// (UpdateActivity): their own name for it, shown instead of Name (the
	// source's), "" for none; the kind of session they say it was, which
	// coaching uses instead of its own classification, "" for none; and a
	// note.
	UserName   string
	Kind       recovery.Kind
	Note       string
	ImportedAt time.Time
	*activity.Activity
	Summary activity.Summary
	// Original is the original file, compressed with zstd. It is filled by
	// importers on create and left nil by the Find methods (use Original).
	Original []byte
	// EncodedSamples is the samples in the store/samplecodec encoding,
	// precomputed by importers on create (so that the encoding runs on
	// their workers, not in the store's single writer). When it is set,
	// engines store it and ignore Samples, which the importer may have
	// dropped to save memory; when it is nil, they encode Samples. The
	// Find methods leave it nil.
	EncodedSamples []byte
}

// ActivityFilter selects activities. Nil fields are not applied.
type ActivityFilter struct {
	Since  *time.Time // start at or after
	Until  *time.Time // start before
	Sport  *activity.Sport
	Offset int
	Limit  int // 0 means no limit
}

// Validate returns EINVALID for a negative Offset or Limit.
func (f ActivityFilter) Validate() error {
	if f.Offset < 0 || f.Limit < 0 {
		return rebound.Errorf(rebound.EINVALID, "negative offset %d or limit %d", f.Offset, f.Limit)
	}
	return nil
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

	// UpdateActivityAnalysis replaces what analysing the activity's
	// original gives, with a's: the sub-sport, start, UTC offset, device,
	// format, summary, laps, pauses, device totals, legs, warnings and
	// samples (a.EncodedSamples when set, else a.Samples), in one
	// transaction. It keeps the id, sport, name, gear, hash, source file,
	// import time, original file and session RPE as stored, and ignores
	// those fields of a. It reports whether anything changed: when a's
	// analysis is the stored one it writes nothing. Returns ENOTFOUND if
	// the activity does not exist and EINVALID as CreateActivity does for
	// a's analysis.
	UpdateActivityAnalysis(ctx context.Context, id int64, a *Activity) (changed bool, err error)
	// UpdateActivity applies the runner's edits to an activity (fields
	// of e left nil stay as they are), cleaned by e.Validate. Returns
	// EINVALID when e does not validate, ENOTFOUND if the activity does
	// not exist.
	UpdateActivity(ctx context.Context, id int64, e ActivityEdit) error

	// UpdateActivityName sets the name the activity's source gives it (a
	// Strava export imported after its files), leaving the runner's own
	// name (UserName), which is shown instead, as it is.
	// Returns ENOTFOUND if it does not exist.
	UpdateActivityName(ctx context.Context, id int64, name string) error

	// FindDuplicate returns the stored activity that CreateActivity would
	// refuse a new one as a duplicate of: the one with this SHA-256, else
	// the one of this sport starting nearest start within
	// DuplicateWindow; without samples. An empty sport or a zero start
	// looks by SHA-256 only. Returns ENOTFOUND when there is none.
	FindDuplicate(ctx context.Context, sha256 string, sport activity.Sport, start time.Time) (*Activity, error)

	// DeleteActivity removes an activity. Returns ENOTFOUND if it does not exist.
	DeleteActivity(ctx context.Context, id int64) error
}

// Bounds of what the runner writes about an activity, in characters.
const (
	MaxNameLen = 200
	MaxNoteLen = 2000
)

// ActivityEdit is what the runner changes of an activity: a nil field is
// left as it is. Name "" removes their own name (the source's, or one
// Rebound makes up, shows again); Kind "" lets Rebound classify the
// activity again; Note "" removes the note.
type ActivityEdit struct {
	Name *string
	Kind *recovery.Kind
	Note *string
}

// Validate cleans e (surrounding white space trimmed, line breaks and
// tabs in the name made spaces, text that is not UTF-8 mended) and
// returns EINVALID for a name longer than MaxNameLen characters, a note
// longer than MaxNoteLen, or a kind that is neither "" nor one of
// recovery.Kinds.
func (e *ActivityEdit) Validate() error {
	if e.Name != nil {
		n := strings.Join(strings.Fields(cleanText(*e.Name)), " ")
		if c := utf8.RuneCountInString(n); c > MaxNameLen {
			return rebound.Errorf(rebound.EINVALID, "a name is at most %d characters, not %d", MaxNameLen, c)
		}
		e.Name = &n
	}
	if e.Note != nil {
		n := strings.TrimSpace(cleanText(*e.Note))
		if c := utf8.RuneCountInString(n); c > MaxNoteLen {
			return rebound.Errorf(rebound.EINVALID, "a note is at most %d characters, not %d", MaxNoteLen, c)
		}
		e.Note = &n
	}
	if e.Kind != nil && *e.Kind != "" && !recovery.ValidKind(*e.Kind) {
		return kindError(string(*e.Kind))
	}
	return nil
}

// ParseKind reads the kind of session a runner gives (CLI, API, web):
// one of recovery.Kinds, "workout" for hard, "cross" for cross-training,
// or "auto" (or "") to let Rebound classify it again, which is "".
// Returns EINVALID for anything else.
func ParseKind(s string) (recovery.Kind, error) {
	k := recovery.Kind(strings.ToLower(strings.TrimSpace(s)))
	switch k {
	case "auto", "":
		return "", nil
	case "workout":
		return recovery.Hard, nil
	case "cross":
		return recovery.Cross, nil
	}
	if !recovery.ValidKind(k) {
		return "", kindError(s)
	}
	return k, nil
}

// kindError is the EINVALID error of a kind that is none.
func kindError(s string) error {
	var ks []string
	for _, k := range recovery.Kinds {
		ks = append(ks, string(k))
	}
	return rebound.Errorf(rebound.EINVALID, "kind %q: want one of %s (hard is a workout), or auto to let Rebound tell",
		s, strings.Join(ks, ", "))
}

// cleanText mends invalid UTF-8 and drops NUL, which no engine stores.
func cleanText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
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
	CheckInStore
	GearStore
	TickStore
	RevisionStore
	Close() error
}

// RevisionStore tells a cache of an athlete's history whether it is
// still current, however many processes or app servers write to the
// database.
type RevisionStore interface {
	// Revision returns the athlete's revision: a number that changes with
	// every write to what app.LoadHistory reads (the profile,
	// activities and their gear, session ratings, check-ins and shoes),
	// atomically with the write, so that a write that fails or rolls
	// back leaves it as it was. Writes to other athletes' data, to
	// accounts and to checklist ticks do not change it. It is 0 before
	// the athlete's first write. Read it before the data it guards: data
	// read after a revision is at least as new as that revision. It is
	// cheap (one indexed row).
	Revision(ctx context.Context) (int64, error)
}

// Shoe is a pair of running shoes (or any gear) and how far it has gone:
// the domain's gear.Shoe, which the store keeps as it is.
type Shoe = gear.Shoe

// ValidateRPE returns EINVALID for a session RPE that is not 0-10.
func ValidateRPE(rpe float64) error {
	if !(rpe >= 0 && rpe <= 10) {
		return rebound.Errorf(rebound.EINVALID, "RPE %v is not 0-10", rpe)
	}
	return nil
}

// ValidateRPEChanges returns EINVALID for a rating of changes that is not
// 0-10 (a Delete's rating is not looked at).
func ValidateRPEChanges(changes []RPEChange) error {
	for _, c := range changes {
		if c.Delete {
			continue
		}
		if err := ValidateRPE(c.RPE); err != nil {
			return fmt.Errorf("activity %d: %w", c.ActivityID, err)
		}
	}
	return nil
}

// ApplyRPEChanges makes changes in order through an engine's set and
// delete, stopping at the first error.
func ApplyRPEChanges(changes []RPEChange, set func(id int64, rpe float64) error, del func(id int64) error) error {
	for _, c := range changes {
		var err error
		if c.Delete {
			err = del(c.ActivityID)
		} else {
			err = set(c.ActivityID, c.RPE)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// GearStore keeps shoes.
type GearStore interface {
	// SaveShoe creates the shoe, or updates the one with the same name
	// (case-insensitive). Making a shoe Default clears the flag on the
	// others.
	SaveShoe(ctx context.Context, s Shoe) error
	// FindShoes returns every shoe with its distance, by name.
	FindShoes(ctx context.Context) ([]Shoe, error)
	// FindShoe returns one shoe by name (case-insensitive).
	// Returns ENOTFOUND if there is none.
	FindShoe(ctx context.Context, name string) (Shoe, error)
}

// RPEChange sets an activity's session RPE (0-10) or, with Delete,
// removes it.
type RPEChange struct {
	ActivityID int64
	RPE        float64
	Delete     bool
}

// CheckInStore keeps daily check-ins and session ratings.
type CheckInStore interface {
	// SaveCheckIn stores the check-in of c.Date's day, replacing any
	// earlier one of that day.
	SaveCheckIn(ctx context.Context, c recovery.CheckIn) error
	// MergeCheckIn merges c into the check-in of c.Date's day by
	// recovery.MergeCheckIn (c's given values replace the day's, the rest
	// are kept; an answered symptom question replaces the symptoms) and
	// makes the RPE changes, all in one transaction that holds the day's
	// check-in from the read to the write: merges of one day made at once,
	// by any number of processes or app servers, each keep every value
	// the others gave. It returns the day's check-in as stored (its Date
	// is c.Date) and whether the day had none before. When an RPE's
	// activity does not exist it returns ENOTFOUND, and EINVALID for a
	// rating outside 0-10 or a soreness that is not a number: then nothing
	// is written.
	MergeCheckIn(ctx context.Context, c recovery.CheckIn, rpes []RPEChange) (merged recovery.CheckIn, created bool, err error)
	// FindCheckIns returns the check-ins with from <= Date < to, oldest
	// first; a zero from or to is unbounded. Dates are in loc.
	FindCheckIns(ctx context.Context, from, to time.Time, loc *time.Location) ([]recovery.CheckIn, error)
	// SaveRPE sets the session RPE (0-10) of an activity.
	// Returns ENOTFOUND if the activity does not exist.
	SaveRPE(ctx context.Context, activityID int64, rpe float64) error
	// DeleteRPE removes the session RPE of an activity; an activity
	// without one is left as it is. Returns ENOTFOUND if the activity
	// does not exist.
	DeleteRPE(ctx context.Context, activityID int64) error
	// FindRPEs returns every session RPE by activity id.
	FindRPEs(ctx context.Context) (map[int64]float64, error)
}
