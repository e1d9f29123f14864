-- 0004_revisions: a revision number per athlete, bumped by triggers in the
-- same transaction as every write to what coach.LoadHistory reads (the
-- profile, activities, session ratings, check-ins and shoes), so that an
-- app server can tell with one indexed read whether its cached history of
-- the athlete is still current, whichever server (or process) wrote.
--
-- An athlete without a row is at revision 0; the first write makes it 1.
-- Samples and originals are written only with their activity (whose
-- trigger counts them) and are not part of the history. A write that rolls
-- back takes its bump with it.

CREATE TABLE athlete_revisions (
	athlete_id INTEGER PRIMARY KEY,
	revision   INTEGER NOT NULL
) STRICT;

-- Each trigger runs the same upsert over the athletes a row change concerns:
-- NEW's for an insert, OLD's for a delete, both for an update (they differ
-- only if a row moves to another athlete). "WHERE true" keeps SQLite from
-- reading ON CONFLICT as a join constraint of the SELECT.

CREATE TRIGGER activities_revision_insert AFTER INSERT ON activities BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision) SELECT NEW.athlete_id, 1 WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER activities_revision_update AFTER UPDATE ON activities BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision)
	SELECT id, 1 FROM (SELECT NEW.athlete_id AS id UNION SELECT OLD.athlete_id) WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER activities_revision_delete AFTER DELETE ON activities BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision) SELECT OLD.athlete_id, 1 WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER profile_revision_insert AFTER INSERT ON profile BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision) SELECT NEW.athlete_id, 1 WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER profile_revision_update AFTER UPDATE ON profile BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision)
	SELECT id, 1 FROM (SELECT NEW.athlete_id AS id UNION SELECT OLD.athlete_id) WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER profile_revision_delete AFTER DELETE ON profile BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision) SELECT OLD.athlete_id, 1 WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER checkins_revision_insert AFTER INSERT ON checkins BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision) SELECT NEW.athlete_id, 1 WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER checkins_revision_update AFTER UPDATE ON checkins BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision)
	SELECT id, 1 FROM (SELECT NEW.athlete_id AS id UNION SELECT OLD.athlete_id) WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER checkins_revision_delete AFTER DELETE ON checkins BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision) SELECT OLD.athlete_id, 1 WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER shoes_revision_insert AFTER INSERT ON shoes BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision) SELECT NEW.athlete_id, 1 WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER shoes_revision_update AFTER UPDATE ON shoes BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision)
	SELECT id, 1 FROM (SELECT NEW.athlete_id AS id UNION SELECT OLD.athlete_id) WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER shoes_revision_delete AFTER DELETE ON shoes BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision) SELECT OLD.athlete_id, 1 WHERE true
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;

-- Session ratings belong to the athlete of their activity. When an
-- activity is deleted its rating goes with it (ON DELETE CASCADE): the
-- activity is gone by then, so the rating's trigger finds no athlete, and
-- the activity's own trigger has counted the change.
CREATE TRIGGER activity_rpe_revision_insert AFTER INSERT ON activity_rpe BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision)
	SELECT athlete_id, 1 FROM activities WHERE id = NEW.activity_id
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER activity_rpe_revision_update AFTER UPDATE ON activity_rpe BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision)
	SELECT DISTINCT athlete_id, 1 FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id)
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER activity_rpe_revision_delete AFTER DELETE ON activity_rpe BEGIN
	INSERT INTO athlete_revisions (athlete_id, revision)
	SELECT athlete_id, 1 FROM activities WHERE id = OLD.activity_id
	ON CONFLICT (athlete_id) DO UPDATE SET revision = revision + 1;
END;
