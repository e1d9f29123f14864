package sqlite

import (
	"context"
	"fmt"

	"github.com/rebound-run/rebound/store"
)

var _ store.RevisionStore = (*DB)(nil)

// Revision returns the athlete's revision: a number that triggers
// (migrations/0004_revisions.sql) change in the same transaction as every
// write to the profile, activities, session ratings, check-ins or shoes;
// 0 before the first such write. It is one primary-key read.
func (db *DB) Revision(ctx context.Context) (int64, error) {
	var rev int64
	if err := db.stmt.revision.QueryRowContext(ctx, db.athlete).Scan(&rev); err != nil {
		return 0, fmt.Errorf("read revision of athlete %d: %w", db.athlete, err)
	}
	return rev, nil
}
