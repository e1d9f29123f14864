package coach

import (
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
)

// Activity is one of the runner's activities as the coaching sees it:
// the recorded activity with its summary, and what the runner said of
// it. It is a domain value, not a store row: coach is pure and knows no
// store, and a row carries what only the store needs (the compressed
// original file, the encoded samples).
// The application layer converts rows to it (app.CoachActivity).
type Activity struct {
	ID int64
	// FileHash tells contents apart: two activities with the same ID and
	// FileHash come from the same file, so have the same samples, laps
	// and summary (the store's hex SHA-256 of the original file).
	FileHash string
	// SourceFile is the path (or archive!entry) it was imported from,
	// shown with the run; the coaching does not read it.
	SourceFile string
	// Gear is the shoe or bike named by the source, "" for none.
	Gear string
	// UserName, Kind and Note are what the runner says of it: their own
	// name for it, shown instead of Name (the source's), "" for none; the
	// kind of session they say it was, which the coaching uses instead of
	// its own classification, "" for none; and a note.
	UserName string
	Kind     recovery.Kind
	Note     string
	// ImportedAt is when it was imported: activity.Implausible judges a
	// start in the future by it.
	ImportedAt time.Time
	*activity.Activity
	Summary activity.Summary
}
