package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/internal/rowjson"
)

var (
	_ store.CheckInStore = (*DB)(nil)
	_ store.GearStore    = (*DB)(nil)
)

// execer is the pool or a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// SaveCheckIn stores the check-in of c.Date's day, replacing any earlier
// one of that day. Returns EINVALID for a soreness rating that is not a
// number.
func (db *DB) SaveCheckIn(ctx context.Context, c recovery.CheckIn) error {
	d := c.Date.Format(time.DateOnly)
	data, err := rowjson.MarshalCheckIn(c)
	if err != nil {
		return fmt.Errorf("save check-in %s: %w", d, err)
	}
	if _, err := db.pool.Exec(ctx, `INSERT INTO checkins (athlete_id, day, data) VALUES ($1, $2, $3)
		ON CONFLICT (athlete_id, day) DO UPDATE SET data = excluded.data`, db.athlete, day(c.Date), data); err != nil {
		return fmt.Errorf("save check-in %s: %w", d, check(err))
	}
	return nil
}

// MergeCheckIn merges c into the check-in of its day and makes the RPE
// changes in one transaction. It first makes sure the day has a row (an
// empty check-in, when it has none: a merge running at the same time
// waits on the unique index until this one commits, then finds the row),
// then locks that row (SELECT … FOR UPDATE) before reading it: every
// other merge of the day, on any app server, waits there and reads the
// day after this one.
func (db *DB) MergeCheckIn(ctx context.Context, c recovery.CheckIn, rpes []store.RPEChange) (merged recovery.CheckIn, created bool, err error) {
	d := c.Date.Format(time.DateOnly)
	if err := store.ValidateRPEChanges(rpes); err != nil {
		return c, false, fmt.Errorf("merge check-in %s: %w", d, err)
	}
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO checkins (athlete_id, day, data) VALUES ($1, $2, '{}')
			ON CONFLICT (athlete_id, day) DO NOTHING`, db.athlete, day(c.Date))
		if err != nil {
			return err
		}
		created = tag.RowsAffected() == 1
		var data []byte
		if err := tx.QueryRow(ctx, `SELECT data FROM checkins WHERE athlete_id = $1 AND day = $2 FOR UPDATE`,
			db.athlete, day(c.Date)).Scan(&data); err != nil {
			return err
		}
		if merged, data, err = rowjson.MergeCheckIn(data, c); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE checkins SET data = $3 WHERE athlete_id = $1 AND day = $2`,
			db.athlete, day(c.Date), data); err != nil {
			return err
		}
		return store.ApplyRPEChanges(rpes,
			func(id int64, rpe float64) error { return db.saveRPE(ctx, tx, id, rpe) },
			func(id int64) error { return db.deleteRPE(ctx, tx, id) })
	})
	if err != nil {
		return c, false, fmt.Errorf("merge check-in %s: %w", d, check(err))
	}
	return merged, created, nil
}

// FindCheckIns returns the check-ins with from <= Date < to, oldest first;
// a zero from or to is unbounded. Dates are midnight in loc.
func (db *DB) FindCheckIns(ctx context.Context, from, to time.Time, loc *time.Location) ([]recovery.CheckIn, error) {
	var lo, hi *time.Time // NULL: unbounded
	if !from.IsZero() {
		d := day(from.In(loc))
		lo = &d
	}
	if !to.IsZero() {
		d := day(to.In(loc))
		hi = &d
	}
	rows, _ := db.pool.Query(ctx, `SELECT day, data FROM checkins WHERE athlete_id = $1
		AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day < $3) ORDER BY day`, db.athlete, lo, hi)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (recovery.CheckIn, error) {
		var (
			d    time.Time
			data []byte
		)
		if err := row.Scan(&d, &data); err != nil {
			return recovery.CheckIn{}, err
		}
		c, err := rowjson.UnmarshalCheckIn(data, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc))
		if err != nil {
			return recovery.CheckIn{}, fmt.Errorf("check-in %s: %w", d.Format(time.DateOnly), err)
		}
		return c, nil
	})
	if err != nil {
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
	return db.saveRPE(ctx, db.pool, activityID, rpe)
}

func (db *DB) saveRPE(ctx context.Context, x execer, activityID int64, rpe float64) error {
	// Inserts nothing unless the activity is this athlete's.
	tag, err := x.Exec(ctx, `INSERT INTO activity_rpe (activity_id, rpe)
		SELECT id, $3 FROM activities WHERE athlete_id = $1 AND id = $2
		ON CONFLICT (activity_id) DO UPDATE SET rpe = excluded.rpe`, db.athlete, activityID, rpe)
	if sqlState(err) == foreignKeyViolation { // deleted meanwhile
		tag, err = pgconn.CommandTag{}, nil
	}
	if err != nil {
		return fmt.Errorf("save RPE of activity %d: %w", activityID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("save RPE of activity %d: %w", activityID, rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", activityID))
	}
	return nil
}

// DeleteRPE removes the session RPE of an activity, if it has one.
// Returns ENOTFOUND if the activity does not exist.
func (db *DB) DeleteRPE(ctx context.Context, activityID int64) error {
	return db.deleteRPE(ctx, db.pool, activityID)
}

func (db *DB) deleteRPE(ctx context.Context, x execer, activityID int64) error {
	var exists bool
	if err := x.QueryRow(ctx, `WITH a AS (SELECT id FROM activities WHERE athlete_id = $1 AND id = $2),
		d AS (DELETE FROM activity_rpe WHERE activity_id IN (SELECT id FROM a))
		SELECT EXISTS (SELECT 1 FROM a)`, db.athlete, activityID).Scan(&exists); err != nil {
		return fmt.Errorf("delete RPE of activity %d: %w", activityID, err)
	}
	if !exists {
		return fmt.Errorf("delete RPE of activity %d: %w", activityID, rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", activityID))
	}
	return nil
}

// FindRPEs returns every session RPE by activity id.
func (db *DB) FindRPEs(ctx context.Context) (map[int64]float64, error) {
	rows, err := db.pool.Query(ctx, `SELECT r.activity_id, r.rpe FROM activity_rpe r
		JOIN activities a ON a.id = r.activity_id WHERE a.athlete_id = $1`, db.athlete)
	if err != nil {
		return nil, fmt.Errorf("find RPEs: %w", err)
	}
	defer rows.Close()
	out := map[int64]float64{}
	var (
		id int64
		v  float64
	)
	if _, err := pgx.ForEachRow(rows, []any{&id, &v}, func() error { out[id] = v; return nil }); err != nil {
		return nil, fmt.Errorf("find RPEs: %w", err)
	}
	return out, nil
}

// SaveShoe creates the shoe, or updates the one with the same name
// (case-insensitive, keeping its first spelling). Making a shoe Default
// clears the flag on the others. Returns EINVALID for an empty name or a
// negative limit.
func (db *DB) SaveShoe(ctx context.Context, s store.Shoe) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("save shoe %q: %w", s.Name, err)
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if s.Default {
			if _, err := tx.Exec(ctx, `UPDATE shoes SET is_default = false WHERE athlete_id = $1 AND is_default`, db.athlete); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO shoes (athlete_id, name, limit_km, is_default, retired) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (athlete_id, lower(name)) DO UPDATE SET limit_km = excluded.limit_km,
			is_default = excluded.is_default, retired = excluded.retired`,
			db.athlete, s.Name, s.LimitKm, s.Default, s.Retired)
		return err
	})
	if err != nil {
		return fmt.Errorf("save shoe %q: %w", s.Name, check(err))
	}
	return nil
}

// shoeQuery selects shoes with their distance and runs: the activities
// whose gear is the shoe's name, case-insensitive. A NaN distance is null
// in the summary and counts as nothing.
const shoeQuery = `SELECT s.name, s.limit_km, s.is_default, s.retired,
	COALESCE(SUM((a.summary ->> 'distance_m')::double precision), 0), COUNT(a.id)
	FROM shoes s LEFT JOIN activities a ON a.athlete_id = s.athlete_id AND lower(a.gear) = lower(s.name)
	WHERE s.athlete_id = $1`

func scanShoe(row pgx.Row) (store.Shoe, error) {
	var s store.Shoe
	err := row.Scan(&s.Name, &s.LimitKm, &s.Default, &s.Retired, &s.DistanceM, &s.Runs)
	return s, err
}

// FindShoes returns every shoe with its distance and runs, by name.
func (db *DB) FindShoes(ctx context.Context) ([]store.Shoe, error) {
	rows, _ := db.pool.Query(ctx, shoeQuery+` GROUP BY s.id ORDER BY lower(s.name), s.name`, db.athlete)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Shoe, error) { return scanShoe(row) })
	if err != nil {
		return nil, fmt.Errorf("find shoes: %w", err)
	}
	return out, nil
}

// FindShoe returns one shoe by name (case-insensitive). Returns ENOTFOUND
// if there is none.
func (db *DB) FindShoe(ctx context.Context, name string) (store.Shoe, error) {
	s, err := scanShoe(db.pool.QueryRow(ctx, shoeQuery+` AND lower(s.name) = lower($2) GROUP BY s.id`, db.athlete, name))
	if errors.Is(err, pgx.ErrNoRows) || sqlState(err) == badEncoding {
		return s, rebound.Errorf(rebound.ENOTFOUND, "no shoe named %q", name)
	} else if err != nil {
		return s, fmt.Errorf("find shoe %q: %w", name, err)
	}
	return s, nil
}
