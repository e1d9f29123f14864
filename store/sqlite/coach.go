package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/internal/rowjson"
)

var (
	_ store.CheckInStore = (*DB)(nil)
	_ store.GearStore    = (*DB)(nil)
)

// execer is a connection or a transaction on the write connection.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// SaveCheckIn stores the check-in of c.Date's day, replacing any earlier
// one of that day. Returns EINVALID for a soreness rating that is not a
// number.
func (db *DB) SaveCheckIn(ctx context.Context, c recovery.CheckIn) error {
	day := c.Date.Format(time.DateOnly)
	data, err := rowjson.MarshalCheckIn(c)
	if err != nil {
		return fmt.Errorf("save check-in %s: %w", day, err)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO checkins (athlete_id, day, json) VALUES (?, ?, ?)
		ON CONFLICT (athlete_id, day) DO UPDATE SET json = excluded.json`, db.athlete, day, string(data)); err != nil {
		return fmt.Errorf("save check-in %s: %w", day, err)
	}
	return nil
}

// MergeCheckIn merges c into the check-in of its day and makes the RPE
// changes in one transaction. The transaction begins IMMEDIATE (the
// write connection's _txlock), so it holds the database's write lock
// from the read of the day's check-in to the commit: every other writer,
// in this process (which queues for the one write connection) or in
// another (which waits out the busy timeout), reads the day after this
// merge.
func (db *DB) MergeCheckIn(ctx context.Context, c recovery.CheckIn, rpes []store.RPEChange) (merged recovery.CheckIn, created bool, err error) {
	d := c.Date.Format(time.DateOnly)
	defer func() {
		if err != nil {
			err = fmt.Errorf("merge check-in %s: %w", d, err)
		}
	}()
	if err := store.ValidateRPEChanges(rpes); err != nil {
		return c, false, err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return c, false, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var data string
	switch err = tx.QueryRowContext(ctx, `SELECT json FROM checkins WHERE athlete_id = ? AND day = ?`, db.athlete, d).Scan(&data); {
	case errors.Is(err, sql.ErrNoRows):
		data, created = "{}", true
	case err != nil:
		return c, false, err
	}
	merged, stored, err := rowjson.MergeCheckIn([]byte(data), c)
	if err != nil {
		return c, false, err
	}
	if _, err = tx.ExecContext(ctx, `INSERT INTO checkins (athlete_id, day, json) VALUES (?, ?, ?)
		ON CONFLICT (athlete_id, day) DO UPDATE SET json = excluded.json`, db.athlete, d, string(stored)); err != nil {
		return c, false, err
	}
	if err = store.ApplyRPEChanges(rpes,
		func(id int64, rpe float64) error { return db.saveRPE(ctx, tx, id, rpe) },
		func(id int64) error { return db.deleteRPE(ctx, tx, id) }); err != nil {
		return c, false, err
	}
	if err = tx.Commit(); err != nil {
		return c, false, err
	}
	return merged, created, nil
}

// FindCheckIns returns the check-ins with from <= Date < to, oldest first;
// a zero from or to is unbounded. Dates are midnight in loc.
func (db *DB) FindCheckIns(ctx context.Context, from, to time.Time, loc *time.Location) ([]recovery.CheckIn, error) {
	lo, hi := "0000-00-00", "9999-99-99"
	if !from.IsZero() {
		lo = from.In(loc).Format(time.DateOnly)
	}
	if !to.IsZero() {
		hi = to.In(loc).Format(time.DateOnly)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT day, json FROM checkins WHERE athlete_id = ? AND day >= ? AND day < ? ORDER BY day`,
		db.athlete, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("find check-ins: %w", err)
	}
	defer rows.Close()
	var out []recovery.CheckIn
	for rows.Next() {
		var day, data string
		if err := rows.Scan(&day, &data); err != nil {
			return nil, fmt.Errorf("find check-ins: %w", err)
		}
		d, err := time.ParseInLocation(time.DateOnly, day, loc)
		if err != nil {
			return nil, fmt.Errorf("check-in %q: %w", day, err)
		}
		c, err := rowjson.UnmarshalCheckIn([]byte(data), d)
		if err != nil {
			return nil, fmt.Errorf("check-in %s: %w", day, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find check-ins: %w", err)
	}
	return out, nil
}

// SaveRPE sets the session RPE (0-10) of an activity. Returns ENOTFOUND if
// the activity does not exist and EINVALID for a rating outside 0-10.
func (db *DB) SaveRPE(ctx context.Context, activityID int64, rpe float64) error {
	if err := store.ValidateRPE(rpe); err != nil {
		return fmt.Errorf("save RPE of activity %d: %w", activityID, err)
	}
	return db.saveRPE(ctx, db.write, activityID, rpe)
}

func (db *DB) saveRPE(ctx context.Context, x execer, activityID int64, rpe float64) error {
	// Inserts nothing unless the activity is this athlete's, in one
	// statement: a delete by another process cannot come in between.
	res, err := x.ExecContext(ctx, `INSERT INTO activity_rpe (activity_id, rpe)
		SELECT id, ? FROM activities WHERE athlete_id = ? AND id = ?
		ON CONFLICT (activity_id) DO UPDATE SET rpe = excluded.rpe`, rpe, db.athlete, activityID)
	if err != nil {
		return fmt.Errorf("save RPE of activity %d: %w", activityID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("save RPE of activity %d: %w", activityID, err)
	} else if n == 0 {
		return fmt.Errorf("save RPE of activity %d: %w", activityID, rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", activityID))
	}
	return nil
}

// DeleteRPE removes the session RPE of an activity, if it has one.
// Returns ENOTFOUND if the activity does not exist.
func (db *DB) DeleteRPE(ctx context.Context, activityID int64) error {
	return db.deleteRPE(ctx, db.write, activityID)
}

func (db *DB) deleteRPE(ctx context.Context, x execer, activityID int64) error {
	res, err := x.ExecContext(ctx, `DELETE FROM activity_rpe WHERE activity_id = ?
		AND activity_id IN (SELECT id FROM activities WHERE athlete_id = ?)`, activityID, db.athlete)
	if err != nil {
		return fmt.Errorf("delete RPE of activity %d: %w", activityID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete RPE of activity %d: %w", activityID, err)
	} else if n > 0 {
		return nil
	}
	// Nothing deleted: no rating, or no such activity.
	var exists bool
	if err := x.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM activities WHERE athlete_id = ? AND id = ?)`,
		db.athlete, activityID).Scan(&exists); err != nil {
		return fmt.Errorf("delete RPE of activity %d: %w", activityID, err)
	}
	if !exists {
		return fmt.Errorf("delete RPE of activity %d: %w", activityID, rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", activityID))
	}
	return nil
}

// FindRPEs returns every session RPE by activity id.
func (db *DB) FindRPEs(ctx context.Context) (map[int64]float64, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT r.activity_id, r.rpe FROM activity_rpe r
		JOIN activities a ON a.id = r.activity_id WHERE a.athlete_id = ?`, db.athlete)
	if err != nil {
		return nil, fmt.Errorf("find RPEs: %w", err)
	}
	defer rows.Close()
	out := map[int64]float64{}
	for rows.Next() {
		var id int64
		var v float64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, fmt.Errorf("find RPEs: %w", err)
		}
		out[id] = v
	}
	return out, rows.Err()
}

// SaveShoe creates the shoe, or updates the one with the same name
// (case-insensitive). Making a shoe Default clears the flag on the
// others. Returns EINVALID for an empty name or a negative limit.
func (db *DB) SaveShoe(ctx context.Context, s store.Shoe) (err error) {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("save shoe %q: %w", s.Name, err)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save shoe %q: %w", s.Name, err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if s.Default {
		if _, err = tx.ExecContext(ctx, `UPDATE shoes SET is_default = 0 WHERE athlete_id = ?`, db.athlete); err != nil {
			return fmt.Errorf("save shoe %q: %w", s.Name, err)
		}
	}
	if _, err = tx.ExecContext(ctx, `INSERT INTO shoes (athlete_id, name, limit_km, is_default, retired) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (athlete_id, name) DO UPDATE SET limit_km = excluded.limit_km, is_default = excluded.is_default,
		retired = excluded.retired`, db.athlete, s.Name, s.LimitKm, s.Default, s.Retired); err != nil {
		return fmt.Errorf("save shoe %q: %w", s.Name, err)
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("save shoe %q: %w", s.Name, err)
	}
	return nil
}

const shoeQuery = `SELECT s.name, s.limit_km, s.is_default, s.retired,
	COALESCE(SUM(json_extract(a.summary_json, '$.distance_m')), 0), COUNT(a.id)
	FROM shoes s LEFT JOIN activities a ON a.athlete_id = s.athlete_id AND a.gear = s.name COLLATE NOCASE
	WHERE s.athlete_id = ?`

// FindShoes returns every shoe with its distance and runs, by name.
func (db *DB) FindShoes(ctx context.Context) ([]store.Shoe, error) {
	rows, err := db.read.QueryContext(ctx, shoeQuery+` GROUP BY s.name ORDER BY s.name`, db.athlete)
	if err != nil {
		return nil, fmt.Errorf("find shoes: %w", err)
	}
	defer rows.Close()
	out := []store.Shoe{}
	for rows.Next() {
		var s store.Shoe
		if err := rows.Scan(&s.Name, &s.LimitKm, &s.Default, &s.Retired, &s.DistanceM, &s.Runs); err != nil {
			return nil, fmt.Errorf("find shoes: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// FindShoe returns one shoe by name (case-insensitive). Returns ENOTFOUND
// if there is none.
func (db *DB) FindShoe(ctx context.Context, name string) (store.Shoe, error) {
	var s store.Shoe
	err := db.read.QueryRowContext(ctx, shoeQuery+` AND s.name = ? COLLATE NOCASE GROUP BY s.name`, db.athlete, name).
		Scan(&s.Name, &s.LimitKm, &s.Default, &s.Retired, &s.DistanceM, &s.Runs)
	if errors.Is(err, sql.ErrNoRows) {
		return s, rebound.Errorf(rebound.ENOTFOUND, "no shoe named %q", name)
	} else if err != nil {
		return s, fmt.Errorf("find shoe %q: %w", name, err)
	}
	return s, nil
}
