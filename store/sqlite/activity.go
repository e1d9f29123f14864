package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/internal/activityrow"
	"github.com/rebound-run/rebound/store/samplecodec"
)

// activityRow is an activity in column form, encoded outside the write
// transaction so that the write lock is held only for the inserts.
type activityRow struct {
	*activityrow.Activity
	startMS, importedAtMS int64
	utcOffsetS            sql.NullInt64
}

// encodeActivity validates a and returns its columns.
func encodeActivity(a *store.Activity, now func() int64) (*activityRow, error) {
	c, err := activityrow.Encode(a)
	if err != nil {
		return nil, err
	}
	r := &activityRow{Activity: c, startMS: toMS(a.Start), importedAtMS: toMS(a.ImportedAt)}
	if a.ImportedAt.IsZero() {
		r.importedAtMS = now()
	}
	if a.UTCOffsetS != nil {
		r.utcOffsetS = sql.NullInt64{Int64: int64(*a.UTCOffsetS), Valid: true}
	}
	return r, nil
}

// CreateActivity stores a, its samples and its original in one
// transaction, and sets a.ID (and a.ImportedAt to db.Now() if it was
// zero). It returns ECONFLICT, storing nothing, when an activity with the
// same SHA256 exists or one of the same sport starts within
// store.DuplicateWindow of a.Start; EINVALID when a has no decoded
// activity, no SHA256, more than samplecodec.MaxSamples samples, or an
// Original that is not zstd.
func (db *DB) CreateActivity(ctx context.Context, a *store.Activity) error {
	if a == nil {
		return fmt.Errorf("create activity: %w", rebound.Errorf(rebound.EINVALID, "nil activity"))
	}
	if err := db.createActivity(ctx, a); err != nil {
		return fmt.Errorf("create activity %q: %w", a.SourceFile, err)
	}
	return nil
}

func (db *DB) createActivity(ctx context.Context, a *store.Activity) error {
	r, err := encodeActivity(a, func() int64 { return toMS(db.Now()) })
	if err != nil {
		return err
	}

	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var id int64
	var source string
	err = tx.StmtContext(ctx, db.stmt.hashOwner).QueryRowContext(ctx, db.athlete, a.SHA256).Scan(&id, &source)
	if err == nil {
		return rebound.Errorf(rebound.ECONFLICT, "already imported as activity %d (%s)", id, source)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("look up hash: %w", err)
	}
	err = tx.StmtContext(ctx, db.stmt.nearby).QueryRowContext(ctx,
		db.athlete, string(a.Sport), r.startMS, store.DuplicateWindow.Milliseconds()).Scan(&id, &source)
	if err == nil {
		return rebound.Errorf(rebound.ECONFLICT, "same sport starting within a minute of activity %d (%s)", id, source)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("look up nearby starts: %w", err)
	}

	res, err := tx.StmtContext(ctx, db.stmt.insertActivity).ExecContext(ctx,
		db.athlete, a.SHA256, string(a.Sport), a.SubSport, r.startMS, r.utcOffsetS,
		a.Name, a.Device, a.Format, a.SourceFile, a.Gear, r.importedAtMS,
		string(r.Summary), string(r.Laps), string(r.Pauses), nullText(r.DeviceTotals), string(r.Legs), string(r.Warnings),
		r.UserName, r.Kind, r.Note)
	if isUniqueViolation(err) { // another process won a race for the same hash
		return rebound.Errorf(rebound.ECONFLICT, "already imported (SHA-256 %s)", a.SHA256)
	} else if err != nil {
		return fmt.Errorf("insert: %w", err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("insert: %w", err)
	}
	if r.Samples != nil {
		if _, err := tx.StmtContext(ctx, db.stmt.insertSamples).ExecContext(ctx, id, r.Samples); err != nil {
			return fmt.Errorf("insert samples: %w", err)
		}
	}
	if r.Original != nil {
		if _, err := tx.StmtContext(ctx, db.stmt.insertOriginal).ExecContext(ctx,
			id, a.SourceFile, r.OriginalSize, r.Original); err != nil {
			return fmt.Errorf("insert original: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	a.ID = id
	if a.ImportedAt.IsZero() {
		a.ImportedAt = fromMS(r.importedAtMS)
	}
	return nil
}

// nullText is b as a nullable TEXT value: NULL when b is nil.
func nullText(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

// FindActivityByID returns the activity with its laps and samples.
// Returns ENOTFOUND if it does not exist.
func (db *DB) FindActivityByID(ctx context.Context, id int64) (*store.Activity, error) {
	var samples []byte
	a, err := scanActivity(db.stmt.findActivity.QueryRowContext(ctx, db.athlete, id), &samples)
	if errors.Is(err, sql.ErrNoRows) {
		err = rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", id)
	}
	if err == nil && samples != nil {
		if a.Samples, err = samplecodec.Decode(samples); err != nil {
			err = fmt.Errorf("samples: %w", err)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("find activity %d: %w", id, err)
	}
	return a, nil
}

// FindActivities returns the activities f selects, newest first (ties by
// descending ID), without samples or originals, and how many match
// ignoring f.Offset and f.Limit. Since is inclusive, Until exclusive.
// Returns EINVALID for a negative Offset or Limit.
func (db *DB) FindActivities(ctx context.Context, f store.ActivityFilter) ([]*store.Activity, int, error) {
	as, n, err := db.findActivities(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("find activities: %w", err)
	}
	return as, n, nil
}

func (db *DB) findActivities(ctx context.Context, f store.ActivityFilter) (_ []*store.Activity, total int, err error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	where, args := []string{"a.athlete_id = ?"}, []any{db.athlete}
	if f.Since != nil {
		where, args = append(where, "a.start_ms >= ?"), append(args, toMS(*f.Since))
	}
	if f.Until != nil {
		where, args = append(where, "a.start_ms < ?"), append(args, toMS(*f.Until))
	}
	if f.Sport != nil {
		where, args = append(where, "a.sport = ?"), append(args, string(*f.Sport))
	}
	cond := strings.Join(where, " AND ")

	// One read transaction, so that the count and the page agree.
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM activities a WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if total == 0 || f.Offset >= total {
		return nil, total, nil
	}
	limit := f.Limit
	if limit == 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+activityColumns+` FROM activities a WHERE `+cond+
		` ORDER BY a.start_ms DESC, a.id DESC LIMIT ? OFFSET ?`, append(args, limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*store.Activity
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// scanActivity reads the activityColumns of one row, then extra columns
// into extra.
func scanActivity(row interface{ Scan(...any) error }, extra ...any) (*store.Activity, error) {
	var (
		s                     = activityrow.NewScan()
		startMS, importedAtMS int64
		utcOffsetS            sql.NullInt64
	)
	if err := row.Scan(s.Dest(&startMS, &utcOffsetS, &importedAtMS, extra...)...); err != nil {
		return nil, err
	}
	a := s.Activity
	a.Start, a.ImportedAt = fromMS(startMS), fromMS(importedAtMS)
	if utcOffsetS.Valid {
		off := int(utcOffsetS.Int64)
		a.UTCOffsetS = &off
	}
	if err := s.Decode(); err != nil {
		return nil, err
	}
	return a, nil
}

// HasActivityHash reports whether an activity with this SHA-256 exists.
func (db *DB) HasActivityHash(ctx context.Context, sha256 string) (bool, error) {
	var ok bool
	if err := db.stmt.hasHash.QueryRowContext(ctx, db.athlete, sha256).Scan(&ok); err != nil {
		return false, fmt.Errorf("look up hash %q: %w", sha256, err)
	}
	return ok, nil
}

// FindOriginal returns the original file's bytes, decompressed, and the
// source it was imported from. Returns ENOTFOUND if the activity does not
// exist or has no original (it was entered by hand).
func (db *DB) FindOriginal(ctx context.Context, id int64) (name string, data []byte, err error) {
	if name, data, err = db.findOriginal(ctx, id); err != nil {
		return "", nil, fmt.Errorf("find original of activity %d: %w", id, err)
	}
	return name, data, nil
}

func (db *DB) findOriginal(ctx context.Context, id int64) (string, []byte, error) {
	var (
		name       sql.NullString
		size       *int64 // NULL: unknown
		compressed []byte
	)
	err := db.stmt.findOriginal.QueryRowContext(ctx, db.athlete, id).Scan(&name, &size, &compressed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", id)
	} else if err != nil {
		return "", nil, err
	}
	if compressed == nil {
		return "", nil, rebound.Errorf(rebound.ENOTFOUND, "activity %d has no original file", id)
	}
	data, err := activityrow.Decompress(compressed, size)
	if err != nil {
		return "", nil, err
	}
	return name.String, data, nil
}

// UpdateActivityGear sets the gear name of an activity.
// Returns ENOTFOUND if it does not exist.
func (db *DB) UpdateActivityGear(ctx context.Context, id int64, gear string) error {
	if err := db.execOne(ctx, db.stmt.updateGear, id, gear, db.athlete, id); err != nil {
		return fmt.Errorf("update gear of activity %d: %w", id, err)
	}
	return nil
}

// UpdateActivity applies the runner's edits to an activity (fields of e
// left nil stay as they are), cleaned by e.Validate. Returns EINVALID when
// e does not validate, ENOTFOUND if the activity does not exist.
func (db *DB) UpdateActivity(ctx context.Context, id int64, e store.ActivityEdit) error {
	if err := db.updateActivity(ctx, id, e); err != nil {
		return fmt.Errorf("update activity %d: %w", id, err)
	}
	return nil
}

func (db *DB) updateActivity(ctx context.Context, id int64, e store.ActivityEdit) error {
	if err := e.Validate(); err != nil {
		return err
	}
	var set []string
	var args []any
	for _, c := range []struct {
		col string
		v   *string
	}{{"user_name", e.Name}, {"kind", (*string)(e.Kind)}, {"note", e.Note}} {
		if c.v != nil {
			set, args = append(set, c.col+" = ?"), append(args, *c.v)
		}
	}
	if len(set) == 0 { // nothing to change: only say whether it exists
		var ok bool
		if err := db.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM activities WHERE athlete_id = ? AND id = ?)`,
			db.athlete, id).Scan(&ok); err != nil {
			return err
		} else if !ok {
			return rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", id)
		}
		return nil
	}
	res, err := db.write.ExecContext(ctx, `UPDATE activities SET `+strings.Join(set, ", ")+` WHERE athlete_id = ? AND id = ?`,
		append(args, db.athlete, id)...)
	return changedOne(res, err, id)
}

// UpdateActivityName sets the name the activity's source gives it,
// leaving the runner's own name as it is. Returns ENOTFOUND if it does not
// exist.
func (db *DB) UpdateActivityName(ctx context.Context, id int64, name string) error {
	if err := db.execOne(ctx, db.stmt.updateName, id, name, db.athlete, id); err != nil {
		return fmt.Errorf("update name of activity %d: %w", id, err)
	}
	return nil
}

// FindDuplicate returns the stored activity that CreateActivity would
// refuse a new one as a duplicate of: the one with this SHA-256, else the
// one of this sport starting nearest start within store.DuplicateWindow;
// without samples. Returns ENOTFOUND when there is none.
func (db *DB) FindDuplicate(ctx context.Context, sha256 string, sport activity.Sport, start time.Time) (*store.Activity, error) {
	window := store.DuplicateWindow.Milliseconds()
	if start.IsZero() {
		sport = "" // no activity has an empty sport: by SHA-256 only
	}
	a, err := scanActivity(db.stmt.findDuplicate.QueryRowContext(ctx, db.athlete, sha256, string(sport), toMS(start), window))
	if errors.Is(err, sql.ErrNoRows) {
		err = rebound.Errorf(rebound.ENOTFOUND, "no activity like %s (%s at %s) is stored", sha256, sport, start.Format(time.RFC3339))
	}
	if err != nil {
		return nil, fmt.Errorf("find duplicate: %w", err)
	}
	return a, nil
}

// DeleteActivity removes an activity with its samples and original.
// Returns ENOTFOUND if it does not exist.
func (db *DB) DeleteActivity(ctx context.Context, id int64) error {
	if err := db.execOne(ctx, db.stmt.deleteActivity, id, db.athlete, id); err != nil {
		return fmt.Errorf("delete activity %d: %w", id, err)
	}
	return nil
}

// execOne runs stmt, which changes at most the activity id, and returns
// ENOTFOUND when it changed nothing.
func (db *DB) execOne(ctx context.Context, stmt *sql.Stmt, id int64, args ...any) error {
	res, err := stmt.ExecContext(ctx, args...)
	return changedOne(res, err, id)
}

// changedOne returns the error of a statement that changes at most the
// activity id: its own, or ENOTFOUND when it changed nothing.
func changedOne(res sql.Result, err error, id int64) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", id)
	}
	return nil
}

// UpdateActivityAnalysis replaces the analysis of activity id (sub-sport,
// start, UTC offset, device, format, summary, laps, pauses, device
// totals, legs, warnings and samples) with a's in one transaction,
// keeping its sport, name, gear, hash, source, import time, original and
// RPE. It writes nothing and reports false when the analysis is the
// stored one. Returns ENOTFOUND if the activity does not exist.
func (db *DB) UpdateActivityAnalysis(ctx context.Context, id int64, a *store.Activity) (bool, error) {
	changed, err := db.updateActivityAnalysis(ctx, id, a)
	if err != nil {
		return false, fmt.Errorf("update analysis of activity %d: %w", id, err)
	}
	return changed, nil
}

func (db *DB) updateActivityAnalysis(ctx context.Context, id int64, a *store.Activity) (bool, error) {
	if a == nil {
		return false, rebound.Errorf(rebound.EINVALID, "nil activity")
	}
	kept := *a // the hash and original are kept as stored: encode only the analysis
	kept.SHA256, kept.Original = "kept", nil
	r, err := encodeActivity(&kept, func() int64 { return 0 })
	if err != nil {
		return false, err
	}

	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var (
		old                                   activityRow
		subSport, device, format              string
		summary, laps, pauses, legs, warnings string
		totals                                sql.NullString
		oldSamples                            []byte
	)
	err = tx.QueryRowContext(ctx, `SELECT a.sub_sport, a.start_ms, a.utc_offset_s, a.device, a.format,
		a.summary_json, a.laps_json, a.pauses_json, a.device_totals_json, a.legs_json, a.warnings_json, s.samples
		FROM activities a LEFT JOIN activity_samples s ON s.activity_id = a.id WHERE a.athlete_id = ? AND a.id = ?`,
		db.athlete, id).Scan(&subSport, &old.startMS, &old.utcOffsetS, &device, &format,
		&summary, &laps, &pauses, &totals, &legs, &warnings, &oldSamples)
	if errors.Is(err, sql.ErrNoRows) {
		return false, rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", id)
	} else if err != nil {
		return false, err
	}
	if subSport == a.SubSport && old.startMS == r.startMS && old.utcOffsetS == r.utcOffsetS &&
		device == a.Device && format == a.Format && summary == string(r.Summary) && laps == string(r.Laps) &&
		pauses == string(r.Pauses) && totals == nullString(r.DeviceTotals) && legs == string(r.Legs) &&
		warnings == string(r.Warnings) && bytes.Equal(oldSamples, r.Samples) && (oldSamples == nil) == (r.Samples == nil) {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE activities SET sub_sport = ?, start_ms = ?, utc_offset_s = ?, device = ?, format = ?,
		summary_json = ?, laps_json = ?, pauses_json = ?, device_totals_json = ?, legs_json = ?, warnings_json = ?
		WHERE athlete_id = ? AND id = ?`,
		a.SubSport, r.startMS, r.utcOffsetS, a.Device, a.Format, string(r.Summary), string(r.Laps), string(r.Pauses),
		nullText(r.DeviceTotals), string(r.Legs), string(r.Warnings), db.athlete, id); err != nil {
		return false, fmt.Errorf("update: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM activity_samples WHERE activity_id = ?`, id); err != nil {
		return false, fmt.Errorf("delete samples: %w", err)
	}
	if r.Samples != nil {
		if _, err := tx.StmtContext(ctx, db.stmt.insertSamples).ExecContext(ctx, id, r.Samples); err != nil {
			return false, fmt.Errorf("insert samples: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("commit: %w", err)
	}
	return true, nil
}

// nullString is b as a scanned nullable TEXT value.
func nullString(b []byte) sql.NullString {
	return sql.NullString{String: string(b), Valid: b != nil}
}
