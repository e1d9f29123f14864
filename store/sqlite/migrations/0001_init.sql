-- 0001_init: activities, their samples and original files, the profile.
--
-- Times are UTC Unix milliseconds (*_ms). Per-runner tables carry
-- athlete_id (always 1 for now) so that several runners can share a
-- database later. JSON columns store NaN (absent) as null.

CREATE TABLE activities (
	id                 INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused after a delete
	athlete_id         INTEGER NOT NULL DEFAULT 1,
	sha256             TEXT    NOT NULL,                  -- hex SHA-256 of the original file
	sport              TEXT    NOT NULL,
	sub_sport          TEXT    NOT NULL DEFAULT '',
	start_ms           INTEGER NOT NULL,
	utc_offset_s       INTEGER,                           -- NULL when the file does not say
	name               TEXT    NOT NULL DEFAULT '',
	device             TEXT    NOT NULL DEFAULT '',
	format             TEXT    NOT NULL DEFAULT '',
	source_file        TEXT    NOT NULL DEFAULT '',
	gear               TEXT    NOT NULL DEFAULT '',
	imported_at_ms     INTEGER NOT NULL,
	summary_json       TEXT    NOT NULL,                  -- activity.Summary
	laps_json          TEXT    NOT NULL DEFAULT '[]',     -- [{"start_ms":…,"totals":{…}}]
	pauses_json        TEXT    NOT NULL DEFAULT '[]',     -- [{"start_ms":…,"end_ms":…}]
	device_totals_json TEXT,                              -- activity.Totals, NULL when the file has none
	legs_json          TEXT    NOT NULL DEFAULT '[]',     -- ["swimming","cycling",…]
	warnings_json      TEXT    NOT NULL DEFAULT '[]',
	UNIQUE (athlete_id, sha256)
) STRICT;

CREATE INDEX activities_athlete_start ON activities (athlete_id, start_ms);

-- One blob per activity, in the store/samplecodec encoding.
CREATE TABLE activity_samples (
	activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
	samples     BLOB    NOT NULL
) STRICT;

-- The imported file as the importer compressed it (zstd).
CREATE TABLE activity_originals (
	activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
	name        TEXT    NOT NULL,  -- the source file it was imported from
	size        INTEGER,           -- uncompressed bytes, when the zstd frame header says
	zstd        BLOB    NOT NULL
) STRICT;

CREATE TABLE profile (
	athlete_id INTEGER PRIMARY KEY,
	json       TEXT    NOT NULL    -- profile.Profile
) STRICT;
