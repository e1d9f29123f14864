-- 0004_revisions: a revision number per athlete, bumped by triggers in the
-- same transaction as every write to what coach.LoadHistory reads (the
-- profile, activities, session ratings, check-ins and shoes), so that an
-- app server can tell with one indexed read whether its cached history of
-- the athlete is still current, whichever app server wrote.
--
-- An athlete without a row is at revision 0; the first write makes it 1.
-- Samples and originals are written only with their activity (whose
-- trigger counts them) and are not part of the history. A write that rolls
-- back takes its bump with it. Concurrent writes for one athlete queue on
-- its row until they commit (creates already queue on the athlete's
-- advisory lock); other athletes' writes do not wait.

CREATE TABLE athlete_revisions (
	athlete_id bigint PRIMARY KEY,
	revision   bigint NOT NULL
);

-- bump_athlete_revision counts one change for an athlete.
CREATE FUNCTION bump_athlete_revision(athlete bigint) RETURNS void LANGUAGE sql AS $$
	INSERT INTO athlete_revisions (athlete_id, revision) VALUES (athlete, 1)
	ON CONFLICT (athlete_id) DO UPDATE SET revision = athlete_revisions.revision + 1
$$;

-- athlete_revision_trigger bumps the athletes a row change concerns, for
-- tables with an athlete_id: NEW's for an insert, OLD's for a delete, both
-- for an update (they differ only if a row moves to another athlete).
CREATE FUNCTION athlete_revision_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM bump_athlete_revision(NEW.athlete_id);
	END IF;
	IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.athlete_id IS DISTINCT FROM NEW.athlete_id) THEN
		PERFORM bump_athlete_revision(OLD.athlete_id);
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER activities_revision AFTER INSERT OR UPDATE OR DELETE ON activities
	FOR EACH ROW EXECUTE FUNCTION athlete_revision_trigger();
CREATE TRIGGER profile_revision AFTER INSERT OR UPDATE OR DELETE ON profile
	FOR EACH ROW EXECUTE FUNCTION athlete_revision_trigger();
CREATE TRIGGER checkins_revision AFTER INSERT OR UPDATE OR DELETE ON checkins
	FOR EACH ROW EXECUTE FUNCTION athlete_revision_trigger();
CREATE TRIGGER shoes_revision AFTER INSERT OR UPDATE OR DELETE ON shoes
	FOR EACH ROW EXECUTE FUNCTION athlete_revision_trigger();

-- Session ratings belong to the athlete of their activity. When an
-- activity is deleted its rating goes with it (ON DELETE CASCADE): the
-- activity is gone by then, so the rating's trigger finds no athlete, and
-- the activity's own trigger has counted the change.
CREATE FUNCTION activity_rpe_revision_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM bump_athlete_revision(a.athlete_id) FROM activities a WHERE a.id = NEW.activity_id;
	END IF;
	IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.activity_id IS DISTINCT FROM NEW.activity_id) THEN
		PERFORM bump_athlete_revision(a.athlete_id) FROM activities a WHERE a.id = OLD.activity_id;
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER activity_rpe_revision AFTER INSERT OR UPDATE OR DELETE ON activity_rpe
	FOR EACH ROW EXECUTE FUNCTION activity_rpe_revision_trigger();
