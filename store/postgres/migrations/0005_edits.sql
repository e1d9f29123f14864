-- 0005_edits: what the runner says of an activity (store/sqlite's 0005).
-- name stays the name its source gave it (a device's workout, a GPX name,
-- a Strava export's, set again when the export is imported after the
-- files); user_name is the runner's own ('' for none), shown instead of
-- it; kind is the kind of session the runner says it was (a
-- recovery.Kind: race, hard, long, easy, recovery, cross-training), '' to
-- let Rebound classify it; note is the runner's note. Writes to them are
-- activity updates, so the revision trigger of 0004 counts them.

ALTER TABLE activities
	ADD COLUMN user_name text NOT NULL DEFAULT '',
	ADD COLUMN kind      text NOT NULL DEFAULT '',
	ADD COLUMN note      text NOT NULL DEFAULT '';
