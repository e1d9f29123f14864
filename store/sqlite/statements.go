package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// activityColumns are the activities columns scanActivity reads, in order.
const activityColumns = `a.id, a.sha256, a.sport, a.sub_sport, a.start_ms, a.utc_offset_s,
	a.name, a.device, a.format, a.source_file, a.gear, a.imported_at_ms,
	a.summary_json, a.laps_json, a.pauses_json, a.device_totals_json, a.legs_json, a.warnings_json,
	a.user_name, a.kind, a.note`

// statements are prepared once at Open, so that the importer's thousand
// creates a second do not parse SQL each time.
type statements struct {
	// On the write connection.
	hashOwner      *sql.Stmt // id, source of the activity with a hash
	nearby         *sql.Stmt // id, source of the same-sport activity nearest a start, within a window
	insertActivity *sql.Stmt
	insertSamples  *sql.Stmt
	insertOriginal *sql.Stmt
	updateGear     *sql.Stmt
	updateName     *sql.Stmt // the source's name
	deleteActivity *sql.Stmt
	saveProfile    *sql.Stmt

	// On the read connections.
	findActivity  *sql.Stmt // the activity with its samples
	findOriginal  *sql.Stmt
	hasHash       *sql.Stmt
	findDuplicate *sql.Stmt // the activity a new one would duplicate
	findProfile   *sql.Stmt
	revision      *sql.Stmt // the athlete's revision, 0 without a row
}

func (s *statements) prepare(ctx context.Context, write, read *sql.DB) error {
	for _, p := range []struct {
		stmt **sql.Stmt
		db   *sql.DB
		sql  string
	}{
		{&s.hashOwner, write, `SELECT id, source_file FROM activities WHERE athlete_id = ? AND sha256 = ?`},
		{&s.nearby, write, `SELECT id, source_file FROM activities
			WHERE athlete_id = ?1 AND sport = ?2 AND start_ms > ?3 - ?4 AND start_ms < ?3 + ?4
			ORDER BY abs(start_ms - ?3) LIMIT 1`},
		{&s.insertActivity, write, `INSERT INTO activities (athlete_id, sha256, sport, sub_sport,
			start_ms, utc_offset_s, name, device, format, source_file, gear, imported_at_ms,
			summary_json, laps_json, pauses_json, device_totals_json, legs_json, warnings_json,
			user_name, kind, note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.insertSamples, write, `INSERT INTO activity_samples (activity_id, samples) VALUES (?, ?)`},
		{&s.insertOriginal, write, `INSERT INTO activity_originals (activity_id, name, size, zstd) VALUES (?, ?, ?, ?)`},
		{&s.updateGear, write, `UPDATE activities SET gear = ? WHERE athlete_id = ? AND id = ?`},
		{&s.updateName, write, `UPDATE activities SET name = ? WHERE athlete_id = ? AND id = ?`},
		{&s.deleteActivity, write, `DELETE FROM activities WHERE athlete_id = ? AND id = ?`},
		{&s.saveProfile, write, `INSERT INTO profile (athlete_id, json) VALUES (?, ?)
			ON CONFLICT (athlete_id) DO UPDATE SET json = excluded.json`},

		{&s.findActivity, read, `SELECT ` + activityColumns + `, s.samples FROM activities a
			LEFT JOIN activity_samples s ON s.activity_id = a.id WHERE a.athlete_id = ? AND a.id = ?`},
		{&s.findOriginal, read, `SELECT o.name, o.size, o.zstd FROM activities a
			LEFT JOIN activity_originals o ON o.activity_id = a.id WHERE a.athlete_id = ? AND a.id = ?`},
		{&s.hasHash, read, `SELECT EXISTS (SELECT 1 FROM activities WHERE athlete_id = ? AND sha256 = ?)`},
		{&s.findDuplicate, read, `SELECT ` + activityColumns + ` FROM activities a
			WHERE a.athlete_id = ?1 AND (a.sha256 = ?2 OR a.sport = ?3 AND a.start_ms > ?4 - ?5 AND a.start_ms < ?4 + ?5)
			ORDER BY a.sha256 = ?2 DESC, abs(a.start_ms - ?4) LIMIT 1`},
		{&s.findProfile, read, `SELECT json FROM profile WHERE athlete_id = ?`},
		{&s.revision, read, `SELECT COALESCE((SELECT revision FROM athlete_revisions WHERE athlete_id = ?), 0)`},
	} {
		stmt, err := p.db.PrepareContext(ctx, p.sql)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", p.sql, err)
		}
		*p.stmt = stmt
	}
	return nil
}

func (s *statements) close() error {
	var errs []error
	for _, stmt := range []*sql.Stmt{s.hashOwner, s.nearby, s.insertActivity, s.insertSamples,
		s.insertOriginal, s.updateGear, s.updateName, s.deleteActivity, s.saveProfile,
		s.findActivity, s.findOriginal, s.hasHash, s.findDuplicate, s.findProfile, s.revision} {
		if stmt != nil {
			errs = append(errs, stmt.Close())
		}
	}
	return errors.Join(errs...)
}
