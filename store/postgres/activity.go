package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/internal/activityrow"
	"github.com/rebound-run/rebound/store/samplecodec"
)

// activityColumns are the activities columns scanActivity reads, in order.
const activityColumns = `a.id, a.sha256, a.sport, a.sub_sport, a.start_at, a.utc_offset_s,
	a.name, a.device, a.format, a.source_file, a.gear, a.imported_at,
	a.summary, a.laps, a.pauses, a.device_totals, a.legs, a.warnings,
	a.user_name, a.kind, a.note`

// activityRow is an activity in column form, encoded before the
// transaction begins so that the athlete's lock is held only for the
// checks and inserts.
type activityRow struct {
	*activityrow.Activity
	sha256, sport, subSport, name, device, format, source, gear string
	start, importedAt                                           time.Time
}

// encodeActivity validates a and returns its columns, text as PostgreSQL
// can hold it.
func encodeActivity(a *store.Activity, now func() time.Time) (*activityRow, error) {
	c, err := activityrow.Encode(a)
	if err != nil {
		return nil, err
	}
	r := &activityRow{Activity: c,
		sha256: clean(a.SHA256), sport: clean(string(a.Sport)), subSport: clean(a.SubSport),
		name: clean(a.Name), device: clean(a.Device), format: clean(a.Format),
		source: clean(a.SourceFile), gear: clean(a.Gear),
		start: ts(a.Start), importedAt: ts(a.ImportedAt),
	}
	if a.ImportedAt.IsZero() {
		r.importedAt = ts(now())
	}
	return r, nil
}

// CreateActivity stores a, its samples and its original in one
// transaction, and sets a.ID (and a.ImportedAt to db.Now() if it was
// zero). It returns ECONFLICT, storing nothing, when an activity with the
// same SHA256 exists or one of the same sport starts within
// store.DuplicateWindow of a.Start, however many app servers create at
// once; EINVALID when a has no decoded activity, no SHA256, more than
// samplecodec.MaxSamples samples, or an Original that is not zstd. Text
// that PostgreSQL cannot hold (invalid UTF-8, NUL) is stored with U+FFFD
// in place of the bad bytes.
func (db *DB) CreateActivity(ctx context.Context, a *store.Activity) error {
	if a == nil {
		return fmt.Errorf("create activity: %w", rebound.Errorf(rebound.EINVALID, "nil activity"))
	}
	if err := db.createActivity(ctx, a); err != nil {
		return fmt.Errorf("create activity %q: %w", a.SourceFile, err)
	}
	return nil
}

// insertActivity inserts an activity, its samples and its original in one
// statement: the inserts of the samples and the original see the new id
// through the first CTE (foreign keys are checked at the statement's end).
const insertActivity = `WITH a AS (
		INSERT INTO activities (athlete_id, sha256, sport, sub_sport, start_at, utc_offset_s,
			name, device, format, source_file, gear, imported_at,
			summary, laps, pauses, device_totals, legs, warnings, user_name, kind, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $22, $23, $24)
		RETURNING id
	), s AS (
		INSERT INTO activity_samples (activity_id, samples)
		SELECT id, $19 FROM a WHERE $19::bytea IS NOT NULL
	), o AS (
		INSERT INTO activity_originals (activity_id, name, size, zstd)
		SELECT id, $10, $20, $21 FROM a WHERE $21::bytea IS NOT NULL
	)
	SELECT id FROM a`

func (db *DB) createActivity(ctx context.Context, a *store.Activity) error {
	r, err := encodeActivity(a, db.Now)
	if err != nil {
		return err
	}

	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // a no-op after Commit

	// Serialise this athlete's creates, across connections and app
	// servers, until the transaction ends, so that the checks below see
	// every activity committed before this one is inserted.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, activityLock, db.athlete); err != nil {
		return fmt.Errorf("lock athlete %d's activities: %w", db.athlete, err)
	}
	// The activity with the same hash, else the same-sport activity that
	// starts nearest, within the window.
	var (
		id       int64
		source   string
		sameHash bool
	)
	err = tx.QueryRow(ctx, `SELECT id, source_file, sha256 = $2 FROM activities
		WHERE athlete_id = $1 AND (sha256 = $2 OR sport = $3 AND start_at > $4 AND start_at < $5)
		ORDER BY sha256 = $2 DESC, abs(extract(epoch FROM start_at - $6)) LIMIT 1`,
		db.athlete, r.sha256, r.sport, r.start.Add(-store.DuplicateWindow), r.start.Add(store.DuplicateWindow), r.start,
	).Scan(&id, &source, &sameHash)
	switch {
	case err == nil && sameHash:
		return rebound.Errorf(rebound.ECONFLICT, "already imported as activity %d (%s)", id, source)
	case err == nil:
		return rebound.Errorf(rebound.ECONFLICT, "same sport starting within a minute of activity %d (%s)", id, source)
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("look up duplicates: %w", err)
	}

	err = tx.QueryRow(ctx, insertActivity,
		db.athlete, r.sha256, r.sport, r.subSport, r.start, a.UTCOffsetS,
		r.name, r.device, r.format, r.source, r.gear, r.importedAt,
		r.Summary, r.Laps, r.Pauses, r.DeviceTotals, r.Legs, r.Warnings,
		r.Samples, r.OriginalSize, r.Original, r.UserName, r.Kind, r.Note).Scan(&id)
	if sqlState(err) == uniqueViolation { // cannot happen under the lock; the index says so too
		return rebound.Errorf(rebound.ECONFLICT, "already imported (SHA-256 %s)", a.SHA256)
	} else if err != nil {
		return fmt.Errorf("insert: %w", check(err))
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	a.ID = id
	if a.ImportedAt.IsZero() {
		a.ImportedAt = r.importedAt
	}
	return nil
}

// FindActivityByID returns the activity with its laps and samples.
// Returns ENOTFOUND if it does not exist.
func (db *DB) FindActivityByID(ctx context.Context, id int64) (*store.Activity, error) {
	var samples []byte
	a, err := scanActivity(db.pool.QueryRow(ctx, `SELECT `+activityColumns+`, s.samples FROM activities a
		LEFT JOIN activity_samples s ON s.activity_id = a.id WHERE a.athlete_id = $1 AND a.id = $2`,
		db.athlete, id), &samples)
	if errors.Is(err, pgx.ErrNoRows) {
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

func (db *DB) findActivities(ctx context.Context, f store.ActivityFilter) ([]*store.Activity, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	where, args := []string{"a.athlete_id = $1"}, []any{db.athlete}
	add := func(cond string, arg any) {
		args = append(args, arg)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Since != nil {
		add("a.start_at >= $%d", ts(*f.Since))
	}
	if f.Until != nil {
		add("a.start_at < $%d", ts(*f.Until))
	}
	if f.Sport != nil {
		add("a.sport = $%d", string(*f.Sport))
	}
	cond := strings.Join(where, " AND ")
	var limit *int // NULL: no limit
	if f.Limit > 0 {
		limit = &f.Limit
	}

	// The total comes with the page, from the same snapshot.
	rows, _ := db.pool.Query(ctx, `SELECT count(*) OVER (), `+activityColumns+` FROM activities a WHERE `+cond+
		fmt.Sprintf(` ORDER BY a.start_at DESC, a.id DESC LIMIT $%d OFFSET $%d`, len(args)+1, len(args)+2),
		append(args, limit, f.Offset)...)
	var total int64
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*store.Activity, error) {
		var n int64
		a, err := scanActivity(prefixScanner{row, &n})
		total = n
		return a, err
	})
	if err != nil {
		return nil, 0, err
	}
	if len(out) == 0 && f.Offset > 0 { // past the end: count on its own
		if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM activities a WHERE `+cond, args...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	return out, int(total), nil
}

// prefixScanner scans its first column into first, the rest as asked.
type prefixScanner struct {
	row   pgx.Row
	first any
}

func (p prefixScanner) Scan(dest ...any) error { return p.row.Scan(append([]any{p.first}, dest...)...) }

// scanActivity reads the activityColumns of one row, then extra columns
// into extra.
func scanActivity(row pgx.Row, extra ...any) (*store.Activity, error) {
	s := activityrow.NewScan()
	a := s.Activity
	if err := row.Scan(s.Dest(&a.Start, &a.UTCOffsetS, &a.ImportedAt, extra...)...); err != nil {
		return nil, err
	}
	a.Start, a.ImportedAt = a.Start.UTC(), a.ImportedAt.UTC()
	if err := s.Decode(); err != nil {
		return nil, err
	}
	return a, nil
}

// HasActivityHash reports whether an activity with this SHA-256 exists.
func (db *DB) HasActivityHash(ctx context.Context, sha256 string) (bool, error) {
	var ok bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM activities WHERE athlete_id = $1 AND sha256 = $2)`,
		db.athlete, sha256).Scan(&ok); err != nil {
		if sqlState(err) == badEncoding { // no stored hash is invalid text
			return false, nil
		}
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
		name       *string
		size       *int64
		compressed []byte
	)
	err := db.pool.QueryRow(ctx, `SELECT o.name, o.size, o.zstd FROM activities a
		LEFT JOIN activity_originals o ON o.activity_id = a.id WHERE a.athlete_id = $1 AND a.id = $2`,
		db.athlete, id).Scan(&name, &size, &compressed)
	if errors.Is(err, pgx.ErrNoRows) {
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
	return *name, data, nil
}

// UpdateActivityGear sets the gear name of an activity.
// Returns ENOTFOUND if it does not exist, EINVALID for a name that is not
// valid UTF-8.
func (db *DB) UpdateActivityGear(ctx context.Context, id int64, gear string) error {
	if err := db.execOne(ctx, id, `UPDATE activities SET gear = $3 WHERE athlete_id = $1 AND id = $2`,
		db.athlete, id, gear); err != nil {
		return fmt.Errorf("update gear of activity %d: %w", id, err)
	}
	return nil
}

// UpdateActivity applies the runner's edits to an activity (fields of e
// left nil stay as they are), cleaned by e.Validate. Returns EINVALID when
// e does not validate, ENOTFOUND if the activity does not exist.
func (db *DB) UpdateActivity(ctx context.Context, id int64, e store.ActivityEdit) error {
	if err := e.Validate(); err != nil {
		return fmt.Errorf("update activity %d: %w", id, err)
	}
	// A nil field keeps its column: COALESCE(NULL, col) is col.
	var kind *string
	if e.Kind != nil {
		k := string(*e.Kind)
		kind = &k
	}
	if err := db.execOne(ctx, id, `UPDATE activities SET user_name = COALESCE($3, user_name),
		kind = COALESCE($4, kind), note = COALESCE($5, note) WHERE athlete_id = $1 AND id = $2`,
		db.athlete, id, e.Name, kind, e.Note); err != nil {
		return fmt.Errorf("update activity %d: %w", id, err)
	}
	return nil
}

// UpdateActivityName sets the name the activity's source gives it,
// leaving the runner's own name as it is. Returns ENOTFOUND if it does not
// exist.
func (db *DB) UpdateActivityName(ctx context.Context, id int64, name string) error {
	if err := db.execOne(ctx, id, `UPDATE activities SET name = $3 WHERE athlete_id = $1 AND id = $2`,
		db.athlete, id, clean(name)); err != nil {
		return fmt.Errorf("update name of activity %d: %w", id, err)
	}
	return nil
}

// FindDuplicate returns the stored activity that CreateActivity would
// refuse a new one as a duplicate of: the one with this SHA-256, else the
// one of this sport starting nearest start within store.DuplicateWindow;
// without samples. Returns ENOTFOUND when there is none.
func (db *DB) FindDuplicate(ctx context.Context, sha256 string, sport activity.Sport, start time.Time) (*store.Activity, error) {
	if start.IsZero() {
		sport = "" // no activity has an empty sport: by SHA-256 only
	}
	t := ts(start)
	a, err := scanActivity(db.pool.QueryRow(ctx, `SELECT `+activityColumns+` FROM activities a
		WHERE a.athlete_id = $1 AND (a.sha256 = $2 OR a.sport = $3 AND a.start_at > $4 AND a.start_at < $5)
		ORDER BY a.sha256 = $2 DESC, abs(extract(epoch FROM a.start_at - $6)) LIMIT 1`,
		db.athlete, clean(sha256), clean(string(sport)), t.Add(-store.DuplicateWindow), t.Add(store.DuplicateWindow), t))
	if errors.Is(err, pgx.ErrNoRows) {
		err = rebound.Errorf(rebound.ENOTFOUND, "no activity like %s (%s at %s) is stored", sha256, sport, start.Format(time.RFC3339))
	}
	if err != nil {
		return nil, fmt.Errorf("find duplicate: %w", err)
	}
	return a, nil
}

// DeleteActivity removes an activity with its samples, original and
// rating. Returns ENOTFOUND if it does not exist.
func (db *DB) DeleteActivity(ctx context.Context, id int64) error {
	if err := db.execOne(ctx, id, `DELETE FROM activities WHERE athlete_id = $1 AND id = $2`, db.athlete, id); err != nil {
		return fmt.Errorf("delete activity %d: %w", id, err)
	}
	return nil
}

// execOne runs sql, which changes at most the activity id, and returns
// ENOTFOUND when it changed nothing.
func (db *DB) execOne(ctx context.Context, id int64, sql string, args ...any) error {
	tag, err := db.pool.Exec(ctx, sql, args...)
	if err != nil {
		return check(err)
	}
	if tag.RowsAffected() == 0 {
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

func (db *DB) updateActivityAnalysis(ctx context.Context, id int64, a *store.Activity) (changed bool, err error) {
	if a == nil {
		return false, rebound.Errorf(rebound.EINVALID, "nil activity")
	}
	kept := *a // the hash and original are kept as stored: encode only the analysis
	kept.SHA256, kept.Original = "kept", nil
	r, err := encodeActivity(&kept, db.Now)
	if err != nil {
		return false, err
	}
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// One statement compares the stored analysis with the new one (json
		// as text: both engines keep it byte for byte) and writes only
		// when they differ; FOR UPDATE holds the row meanwhile.
		var same bool
		err := tx.QueryRow(ctx, `SELECT a.sub_sport = $3 AND a.start_at = $4 AND a.utc_offset_s IS NOT DISTINCT FROM $5
			AND a.device = $6 AND a.format = $7 AND a.summary::text = $8 AND a.laps::text = $9 AND a.pauses::text = $10
			AND a.device_totals::text IS NOT DISTINCT FROM $11 AND a.legs::text = $12 AND a.warnings::text = $13
			AND s.samples IS NOT DISTINCT FROM $14::bytea
			FROM activities a LEFT JOIN activity_samples s ON s.activity_id = a.id
			WHERE a.athlete_id = $1 AND a.id = $2 FOR UPDATE OF a`,
			db.athlete, id, r.subSport, r.start, a.UTCOffsetS, r.device, r.format,
			string(r.Summary), string(r.Laps), string(r.Pauses), textOrNil(r.DeviceTotals), string(r.Legs), string(r.Warnings),
			r.Samples).Scan(&same)
		if errors.Is(err, pgx.ErrNoRows) {
			return rebound.Errorf(rebound.ENOTFOUND, "activity %d not found", id)
		} else if err != nil {
			return check(err)
		}
		if same {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE activities SET sub_sport = $3, start_at = $4, utc_offset_s = $5, device = $6, format = $7,
			summary = $8, laps = $9, pauses = $10, device_totals = $11, legs = $12, warnings = $13
			WHERE athlete_id = $1 AND id = $2`,
			db.athlete, id, r.subSport, r.start, a.UTCOffsetS, r.device, r.format,
			r.Summary, r.Laps, r.Pauses, r.DeviceTotals, r.Legs, r.Warnings); err != nil {
			return fmt.Errorf("update: %w", check(err))
		}
		if _, err := tx.Exec(ctx, `DELETE FROM activity_samples WHERE activity_id = $1`, id); err != nil {
			return fmt.Errorf("delete samples: %w", err)
		}
		if r.Samples != nil {
			if _, err := tx.Exec(ctx, `INSERT INTO activity_samples (activity_id, samples) VALUES ($1, $2)`, id, r.Samples); err != nil {
				return fmt.Errorf("insert samples: %w", err)
			}
		}
		changed = true
		return nil
	})
	return changed, err
}

// textOrNil is b as a nullable text parameter: nil when b is nil.
func textOrNil(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}
