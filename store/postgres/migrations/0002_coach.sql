-- Daily check-ins, session ratings and shoes (the recovery engine).

CREATE TABLE checkins (
	athlete_id bigint NOT NULL DEFAULT 1,
	day        date   NOT NULL, -- in the runner's time zone
	data       json   NOT NULL,
	PRIMARY KEY (athlete_id, day)
);

CREATE TABLE activity_rpe (
	activity_id bigint           PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
	rpe         double precision NOT NULL CHECK (rpe >= 0 AND rpe <= 10)
);

CREATE TABLE shoes (
	id         bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	athlete_id bigint           NOT NULL DEFAULT 1,
	name       text             NOT NULL,
	limit_km   double precision NOT NULL DEFAULT 0,
	is_default boolean          NOT NULL DEFAULT false,
	retired    boolean          NOT NULL DEFAULT false
);

-- One shoe per name, case-insensitive.
CREATE UNIQUE INDEX shoes_athlete_name ON shoes (athlete_id, lower(name));

-- A shoe's runs: activities whose gear is its name, case-insensitive.
CREATE INDEX activities_gear ON activities (athlete_id, lower(gear));
