-- 0001_init: activities, their samples and original files, the profile.
--
-- store/sqlite's 0001_init in PostgreSQL's types. Times are timestamptz,
-- kept to the millisecond. Per-runner tables carry athlete_id. The json
-- documents are those of the SQLite engine (NaN, that is absent, as null).

CREATE TABLE activities (
	id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- never reused after a delete
	athlete_id    bigint      NOT NULL DEFAULT 1,
	sha256        text        NOT NULL,                  -- hex SHA-256 of the original file
	sport         text        NOT NULL,
	sub_sport     text        NOT NULL DEFAULT '',
	start_at      timestamptz NOT NULL,
	utc_offset_s  integer,                               -- NULL when the file does not say
	name          text        NOT NULL DEFAULT '',
	device        text        NOT NULL DEFAULT '',
	format        text        NOT NULL DEFAULT '',
	source_file   text        NOT NULL DEFAULT '',
	gear          text        NOT NULL DEFAULT '',
	imported_at   timestamptz NOT NULL,
	summary       json        NOT NULL,                  -- activity.Summary
	laps          json        NOT NULL DEFAULT '[]',     -- [{"start_ms":…,"totals":{…}}]
	pauses        json        NOT NULL DEFAULT '[]',     -- [{"start_ms":…,"end_ms":…}]
	device_totals json,                                  -- activity.Totals, NULL when the file has none
	legs          json        NOT NULL DEFAULT '[]',     -- ["swimming","cycling",…]
	warnings      json        NOT NULL DEFAULT '[]',
	UNIQUE (athlete_id, sha256)
);

-- Lists by start, and the duplicate check (same sport, start within a minute).
CREATE INDEX activities_athlete_start ON activities (athlete_id, start_at);

-- One blob per activity, in the store/samplecodec encoding.
CREATE TABLE activity_samples (
	activity_id bigint PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
	samples     bytea  NOT NULL
);

-- The imported file as the importer compressed it (zstd).
CREATE TABLE activity_originals (
	activity_id bigint PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
	name        text   NOT NULL,  -- the source file it was imported from
	size        bigint,           -- uncompressed bytes, when the zstd frame header says
	zstd        bytea  NOT NULL
);

-- zstd does not shrink further: store it out of line without trying.
ALTER TABLE activity_originals ALTER COLUMN zstd SET STORAGE EXTERNAL;

CREATE TABLE profile (
	athlete_id bigint PRIMARY KEY,
	data       json   NOT NULL    -- profile.Profile
);
