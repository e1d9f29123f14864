package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/store"
)

var (
	_ store.AccountStore = (*DB)(nil)
	_ store.TickStore    = (*DB)(nil)
)

// notFound reports whether err means that no row matched: no row, or a
// key that is not valid text and so matches nothing.
func notFound(err error) bool {
	return errors.Is(err, pgx.ErrNoRows) || sqlState(err) == badEncoding
}

// CreateUser stores u and sets u.ID (and a zero u.CreatedAt to db.Now()).
// The first user of a database is 1, store.LocalAthleteID. Returns
// ECONFLICT when a user of that name (case-insensitive) exists and
// EINVALID for an unknown role.
func (db *DB) CreateUser(ctx context.Context, u *account.User) error {
	if !u.Role.Valid() { // checked here, as a refused insert would use up an ID
		return fmt.Errorf("create user %q: %w", u.Name, rebound.Errorf(rebound.EINVALID, "unknown role %q", u.Role))
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = db.Now().UTC()
	}
	err := db.pool.QueryRow(ctx, `INSERT INTO users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		u.Name, string(u.Role), u.PasswordHash, ts(u.CreatedAt)).Scan(&u.ID)
	if sqlState(err) == uniqueViolation {
		return fmt.Errorf("create user %q: %w", u.Name, rebound.Errorf(rebound.ECONFLICT, "a user named %q exists", u.Name))
	} else if err != nil {
		return fmt.Errorf("create user %q: %w", u.Name, check(err))
	}
	return nil
}

const userColumns = `id, name, role, password_hash, created_at`

func scanUser(row pgx.Row) (*account.User, error) {
	var u account.User
	var role string
	if err := row.Scan(&u.ID, &u.Name, &role, &u.PasswordHash, &u.CreatedAt); err != nil {
		return nil, err
	}
	u.Role, u.CreatedAt = account.Role(role), u.CreatedAt.UTC()
	return &u, nil
}

func (db *DB) findUser(ctx context.Context, what, where string, arg any) (*account.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if notFound(err) {
		return nil, rebound.Errorf(rebound.ENOTFOUND, "user %s not found", what)
	} else if err != nil {
		return nil, fmt.Errorf("find user %s: %w", what, err)
	}
	return u, nil
}

// FindUserByID returns the user with this ID.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*account.User, error) {
	return db.findUser(ctx, fmt.Sprint(id), `id = $1`, id)
}

// FindUserByName returns the user with this name, case-insensitive.
func (db *DB) FindUserByName(ctx context.Context, name string) (*account.User, error) {
	return db.findUser(ctx, fmt.Sprintf("%q", name), `lower(name) = lower($1)`, name)
}

// FindUsers returns every user by ID.
func (db *DB) FindUsers(ctx context.Context) ([]*account.User, error) {
	rows, _ := db.pool.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY id`)
	users, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*account.User, error) { return scanUser(row) })
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	return users, nil
}

// UpdateUser saves u's role and password hash. Returns ENOTFOUND if there
// is no such user and EINVALID for an unknown role.
func (db *DB) UpdateUser(ctx context.Context, u *account.User) error {
	if !u.Role.Valid() {
		return fmt.Errorf("update user %d: %w", u.ID, rebound.Errorf(rebound.EINVALID, "unknown role %q", u.Role))
	}
	return db.execN(ctx, fmt.Sprintf("update user %d", u.ID), fmt.Sprintf("user %d", u.ID),
		`UPDATE users SET role = $1, password_hash = $2 WHERE id = $3`, string(u.Role), u.PasswordHash, u.ID)
}

// execN runs a write that must change a row; ENOTFOUND (naming what) when
// it changes none.
func (db *DB) execN(ctx context.Context, op, what, sql string, args ...any) error {
	tag, err := db.pool.Exec(ctx, sql, args...)
	if notFound(err) {
		return fmt.Errorf("%s: %w", op, rebound.Errorf(rebound.ENOTFOUND, "%s not found", what))
	} else if err != nil {
		return fmt.Errorf("%s: %w", op, check(err))
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%s: %w", op, rebound.Errorf(rebound.ENOTFOUND, "%s not found", what))
	}
	return nil
}

// noUser returns err as ENOTFOUND when it is a foreign key violation,
// that is when a user it names does not exist.
func noUser(err error, what string) error {
	if sqlState(err) == foreignKeyViolation {
		return rebound.Errorf(rebound.ENOTFOUND, "%s not found", what)
	}
	return check(err)
}

// CreateSession stores a session. Returns ENOTFOUND if its user does not
// exist.
func (db *DB) CreateSession(ctx context.Context, s account.Session) error {
	if _, err := db.pool.Exec(ctx, `INSERT INTO sessions (hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		s.Hash, s.UserID, s.CSRF, ts(s.CreatedAt), ts(s.ExpiresAt)); err != nil {
		return fmt.Errorf("create session of user %d: %w", s.UserID, noUser(err, fmt.Sprintf("user %d", s.UserID)))
	}
	return nil
}

// FindSession returns the unexpired session with this hash.
func (db *DB) FindSession(ctx context.Context, hash string, now time.Time) (account.Session, error) {
	s := account.Session{Hash: hash}
	err := db.pool.QueryRow(ctx, `SELECT user_id, csrf, created_at, expires_at FROM sessions WHERE hash = $1 AND expires_at > $2`,
		hash, ts(now)).Scan(&s.UserID, &s.CSRF, &s.CreatedAt, &s.ExpiresAt)
	if notFound(err) {
		return s, rebound.Errorf(rebound.ENOTFOUND, "no such session")
	} else if err != nil {
		return s, fmt.Errorf("find session: %w", err)
	}
	s.CreatedAt, s.ExpiresAt = s.CreatedAt.UTC(), s.ExpiresAt.UTC()
	return s, nil
}

// TouchSession moves a session's expiry.
func (db *DB) TouchSession(ctx context.Context, hash string, expires time.Time) error {
	return db.execN(ctx, "touch session", "session", `UPDATE sessions SET expires_at = $1 WHERE hash = $2`, ts(expires), hash)
}

// DeleteSession signs one browser out.
func (db *DB) DeleteSession(ctx context.Context, hash string) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE hash = $1`, hash); err != nil && !notFound(err) {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions signs a user out everywhere.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	return nil
}

// CreateToken stores t and sets t.ID (and a zero t.CreatedAt to db.Now()).
// Returns ENOTFOUND if its user does not exist.
func (db *DB) CreateToken(ctx context.Context, t *account.Token) error {
	if t.CreatedAt.IsZero() {
		t.CreatedAt = db.Now().UTC()
	}
	if err := db.pool.QueryRow(ctx, `INSERT INTO tokens (user_id, name, scope, hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		t.UserID, t.Name, string(t.Scope), t.Hash, ts(t.CreatedAt)).Scan(&t.ID); err != nil {
		return fmt.Errorf("create token %q of user %d: %w", t.Name, t.UserID, noUser(err, fmt.Sprintf("user %d", t.UserID)))
	}
	return nil
}

const tokenColumns = `id, user_id, name, scope, hash, created_at`

func scanToken(row pgx.Row) (account.Token, error) {
	var t account.Token
	var scope string
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &scope, &t.Hash, &t.CreatedAt)
	t.Scope, t.CreatedAt = account.Scope(scope), t.CreatedAt.UTC()
	return t, err
}

// FindToken returns the token with this hash.
func (db *DB) FindToken(ctx context.Context, hash string) (account.Token, error) {
	t, err := scanToken(db.pool.QueryRow(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = $1`, hash))
	if notFound(err) {
		return t, rebound.Errorf(rebound.ENOTFOUND, "no such token")
	} else if err != nil {
		return t, fmt.Errorf("find token: %w", err)
	}
	return t, nil
}

// FindTokens returns a user's tokens, oldest first.
func (db *DB) FindTokens(ctx context.Context, userID int64) ([]account.Token, error) {
	rows, _ := db.pool.Query(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE user_id = $1 ORDER BY id`, userID)
	tokens, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (account.Token, error) { return scanToken(row) })
	if err != nil {
		return nil, fmt.Errorf("find tokens of user %d: %w", userID, err)
	}
	return tokens, nil
}

// DeleteToken removes a user's token.
func (db *DB) DeleteToken(ctx context.Context, userID, id int64) error {
	return db.execN(ctx, fmt.Sprintf("delete token %d", id), fmt.Sprintf("token %d", id),
		`DELETE FROM tokens WHERE user_id = $1 AND id = $2`, userID, id)
}

// Grant lets coachID read athleteID's data. Returns ENOTFOUND if either
// user does not exist.
func (db *DB) Grant(ctx context.Context, athleteID, coachID int64) error {
	if _, err := db.pool.Exec(ctx, `INSERT INTO grants (athlete_id, coach_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		athleteID, coachID); err != nil {
		return fmt.Errorf("grant user %d access to athlete %d: %w", coachID, athleteID,
			noUser(err, fmt.Sprintf("user %d or %d", athleteID, coachID)))
	}
	return nil
}

// Revoke takes a grant back.
func (db *DB) Revoke(ctx context.Context, athleteID, coachID int64) error {
	return db.execN(ctx, fmt.Sprintf("revoke user %d's access to athlete %d", coachID, athleteID), "grant",
		`DELETE FROM grants WHERE athlete_id = $1 AND coach_id = $2`, athleteID, coachID)
}

func (db *DB) ids(ctx context.Context, op, sql string, arg int64) ([]int64, error) {
	rows, _ := db.pool.Query(ctx, sql, arg)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return ids, nil
}

// FindGrantedAthletes returns the athletes who granted coachID access.
func (db *DB) FindGrantedAthletes(ctx context.Context, coachID int64) ([]int64, error) {
	return db.ids(ctx, fmt.Sprintf("find athletes of coach %d", coachID),
		`SELECT athlete_id FROM grants WHERE coach_id = $1 ORDER BY athlete_id`, coachID)
}

// FindCoaches returns the users athleteID granted access to.
func (db *DB) FindCoaches(ctx context.Context, athleteID int64) ([]int64, error) {
	return db.ids(ctx, fmt.Sprintf("find coaches of athlete %d", athleteID),
		`SELECT coach_id FROM grants WHERE athlete_id = $1 ORDER BY coach_id`, athleteID)
}

// SetTick ticks or unticks a step of a day's checklist. Returns EINVALID
// for a day that is not YYYY-MM-DD.
func (db *DB) SetTick(ctx context.Context, dayText, stepID string, done bool, at time.Time) error {
	d, err := store.ParseDay(dayText)
	if err == nil && done {
		_, err = db.pool.Exec(ctx, `INSERT INTO ticks (athlete_id, day, step_id, ticked_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (athlete_id, day, step_id) DO UPDATE SET ticked_at = excluded.ticked_at`, db.athlete, d, stepID, ts(at))
	} else if err == nil {
		_, err = db.pool.Exec(ctx, `DELETE FROM ticks WHERE athlete_id = $1 AND day = $2 AND step_id = $3`, db.athlete, d, stepID)
	}
	if err != nil {
		return fmt.Errorf("tick %s on %s: %w", stepID, dayText, check(err))
	}
	return nil
}

// FindTicks returns a day's ticks by step id. Returns EINVALID for a day
// that is not YYYY-MM-DD.
func (db *DB) FindTicks(ctx context.Context, dayText string) (map[string]store.Tick, error) {
	d, err := store.ParseDay(dayText)
	if err != nil {
		return nil, fmt.Errorf("find ticks of %s: %w", dayText, err)
	}
	rows, err := db.pool.Query(ctx, `SELECT step_id, ticked_at FROM ticks WHERE athlete_id = $1 AND day = $2`, db.athlete, d)
	if err != nil {
		return nil, fmt.Errorf("find ticks of %s: %w", dayText, err)
	}
	ticks := map[string]store.Tick{}
	var t store.Tick
	if _, err := pgx.ForEachRow(rows, []any{&t.StepID, &t.At}, func() error {
		ticks[t.StepID] = store.Tick{Day: dayText, StepID: t.StepID, At: t.At.UTC()}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("find ticks of %s: %w", dayText, err)
	}
	return ticks, nil
}

// FindAllTicks returns every tick of the athlete, by day then step id.
func (db *DB) FindAllTicks(ctx context.Context) ([]store.Tick, error) {
	rows, err := db.pool.Query(ctx, `SELECT day, step_id, ticked_at FROM ticks WHERE athlete_id = $1 ORDER BY day, step_id`, db.athlete)
	if err != nil {
		return nil, fmt.Errorf("find ticks: %w", err)
	}
	ticks := []store.Tick{}
	var (
		d time.Time
		t store.Tick
	)
	if _, err := pgx.ForEachRow(rows, []any{&d, &t.StepID, &t.At}, func() error {
		ticks = append(ticks, store.Tick{Day: d.Format(time.DateOnly), StepID: t.StepID, At: t.At.UTC()})
		return nil
	}); err != nil {
		return nil, fmt.Errorf("find ticks: %w", err)
	}
	return ticks, nil
}

// athleteTables are the tables of an athlete's own data, keyed by
// athlete_id; every other table of it refers to one of these or to users
// with ON DELETE CASCADE.
var athleteTables = []string{"activities", "profile", "checkins", "shoes", "ticks"}

// DeleteUser deletes user id with all their data, sessions, tokens and
// grants, in one transaction. Returns ENOTFOUND if there is no such user.
func (db *DB) DeleteUser(ctx context.Context, id int64) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// Lock the user's row first: a concurrent grant or session for
		// them waits, then fails on the missing user.
		var one int
		if err := tx.QueryRow(ctx, `SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, id).Scan(&one); errors.Is(err, pgx.ErrNoRows) {
			return rebound.Errorf(rebound.ENOTFOUND, "user %d not found", id)
		} else if err != nil {
			return err
		}
		// Serialise with the athlete's activity creates (see
		// createActivity), so that none lands after the delete.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, activityLock, id); err != nil {
			return fmt.Errorf("lock athlete %d's activities: %w", id, err)
		}
		for _, table := range athleteTables {
			if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE athlete_id = $1`, id); err != nil {
				return fmt.Errorf("delete %s: %w", table, err)
			}
		}
		_, err := tx.Exec(ctx, `DELETE FROM users WHERE id = $1`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete user %d: %w", id, err)
	}
	return nil
}
