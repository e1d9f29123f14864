-- Accounts for the web app: users, sessions, API tokens, coaching grants,
-- and the ticks of each athlete's daily recovery checklist. Secrets are
-- stored as their SHA-256 (account.HashSecret), never as given.

CREATE TABLE users (
	id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- also the user's athlete_id; the first is 1
	name          text        NOT NULL,
	role          text        NOT NULL CHECK (role IN ('athlete', 'coach', 'admin')),
	password_hash text        NOT NULL DEFAULT '',
	created_at    timestamptz NOT NULL
);

-- One user per name, case-insensitive.
CREATE UNIQUE INDEX users_name ON users (lower(name));

CREATE TABLE sessions (
	hash       text        PRIMARY KEY,
	user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	csrf       text        NOT NULL,
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE tokens (
	id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name       text        NOT NULL,
	scope      text        NOT NULL CHECK (scope IN ('api', 'calendar')),
	hash       text        NOT NULL UNIQUE,
	created_at timestamptz NOT NULL
);

CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE grants (
	athlete_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	coach_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	PRIMARY KEY (athlete_id, coach_id)
);

CREATE INDEX grants_coach ON grants (coach_id);

CREATE TABLE ticks (
	athlete_id bigint      NOT NULL,
	day        date        NOT NULL, -- in the runner's time zone
	step_id    text        NOT NULL,
	ticked_at  timestamptz NOT NULL,
	PRIMARY KEY (athlete_id, day, step_id)
);
