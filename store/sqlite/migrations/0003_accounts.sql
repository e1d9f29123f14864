-- Accounts for the web app: users, sessions, API tokens, coaching grants,
-- and the ticks of each athlete's daily recovery checklist. Secrets are
-- stored as their SHA-256 (account.HashSecret), never as given.

CREATE TABLE users (
	id            INTEGER PRIMARY KEY AUTOINCREMENT, -- also the user's athlete_id
	name          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
	role          TEXT    NOT NULL CHECK (role IN ('athlete', 'coach', 'admin')),
	password_hash TEXT    NOT NULL DEFAULT '',
	created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
	hash          TEXT    PRIMARY KEY,
	user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	csrf          TEXT    NOT NULL,
	created_at_ms INTEGER NOT NULL,
	expires_at_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE tokens (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name          TEXT    NOT NULL,
	scope         TEXT    NOT NULL CHECK (scope IN ('api', 'calendar')),
	hash          TEXT    NOT NULL UNIQUE,
	created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE grants (
	athlete_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	coach_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	PRIMARY KEY (athlete_id, coach_id)
) STRICT;

CREATE INDEX grants_coach ON grants (coach_id);

CREATE TABLE ticks (
	athlete_id INTEGER NOT NULL,
	day        TEXT    NOT NULL, -- YYYY-MM-DD in the runner's time zone
	step_id    TEXT    NOT NULL,
	at_ms      INTEGER NOT NULL,
	PRIMARY KEY (athlete_id, day, step_id)
) STRICT;
