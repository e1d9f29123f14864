-- Daily check-ins, session ratings and shoes (the recovery engine).

CREATE TABLE checkins (
	athlete_id INTEGER NOT NULL DEFAULT 1,
	day        TEXT    NOT NULL, -- YYYY-MM-DD in the runner's time zone
	json       TEXT    NOT NULL,
	PRIMARY KEY (athlete_id, day)
) STRICT;

CREATE TABLE activity_rpe (
	activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
	rpe         REAL    NOT NULL CHECK (rpe >= 0 AND rpe <= 10)
) STRICT;

CREATE TABLE shoes (
	athlete_id INTEGER NOT NULL DEFAULT 1,
	name       TEXT    NOT NULL COLLATE NOCASE,
	limit_km   REAL    NOT NULL DEFAULT 0,
	is_default INTEGER NOT NULL DEFAULT 0,
	retired    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (athlete_id, name)
) STRICT;

CREATE INDEX activities_gear ON activities (athlete_id, gear COLLATE NOCASE);
