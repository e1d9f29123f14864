package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/store"
)

var (
	_ store.AccountStore = (*DB)(nil)
	_ store.TickStore    = (*DB)(nil)
)

// CreateUser stores u and sets u.ID (and a zero u.CreatedAt to db.Now()).
// The first user of a database is 1, store.LocalAthleteID. Returns
// ECONFLICT when a user of that name (case-insensitive) exists and
// EINVALID for an unknown role.
func (db *DB) CreateUser(ctx context.Context, u *account.User) error {
	if !u.Role.Valid() {
		return fmt.Errorf("create user %q: %w", u.Name, rebound.Errorf(rebound.EINVALID, "unknown role %q", u.Role))
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = db.Now().UTC()
	}
	err := db.write.QueryRowContext(ctx, `INSERT INTO users (name, role, password_hash, created_at_ms) VALUES (?, ?, ?, ?) RETURNING id`,
		u.Name, string(u.Role), u.PasswordHash, toMS(u.CreatedAt)).Scan(&u.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("create user %q: %w", u.Name, rebound.Errorf(rebound.ECONFLICT, "a user named %q exists", u.Name))
	} else if err != nil {
		return fmt.Errorf("create user %q: %w", u.Name, err)
	}
	return nil
}

const userColumns = `id, name, role, password_hash, created_at_ms`

func scanUser(row interface{ Scan(...any) error }) (*account.User, error) {
	var u account.User
	var created int64
	if err := row.Scan(&u.ID, &u.Name, &u.Role, &u.PasswordHash, &created); err != nil {
		return nil, err
	}
	u.CreatedAt = fromMS(created)
	return &u, nil
}

func (db *DB) findUser(ctx context.Context, what, where string, arg any) (*account.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rebound.Errorf(rebound.ENOTFOUND, "user %s not found", what)
	} else if err != nil {
		return nil, fmt.Errorf("find user %s: %w", what, err)
	}
	return u, nil
}

// FindUserByID returns the user with this ID.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*account.User, error) {
	return db.findUser(ctx, fmt.Sprint(id), `id = ?`, id)
}

// FindUserByName returns the user with this name, case-insensitive.
func (db *DB) FindUserByName(ctx context.Context, name string) (*account.User, error) {
	return db.findUser(ctx, fmt.Sprintf("%q", name), `name = ?`, name)
}

// FindUsers returns every user by ID.
func (db *DB) FindUsers(ctx context.Context) ([]*account.User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	defer rows.Close()
	var users []*account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("find users: %w", err)
		}
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
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
		`UPDATE users SET role = ?, password_hash = ? WHERE id = ?`, string(u.Role), u.PasswordHash, u.ID)
}

// execN runs a write that must change a row; ENOTFOUND (naming what) when it changes none.
func (db *DB) execN(ctx context.Context, op, what, query string, args ...any) error {
	res, err := db.write.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	} else if n == 0 {
		return fmt.Errorf("%s: %w", op, rebound.Errorf(rebound.ENOTFOUND, "%s not found", what))
	}
	return nil
}

// noUser returns err as ENOTFOUND when it is a foreign key violation,
// that is when a user it names does not exist.
func noUser(err error, what string) error {
	if isForeignKeyViolation(err) {
		return rebound.Errorf(rebound.ENOTFOUND, "%s not found", what)
	}
	return err
}

// CreateSession stores a session. Returns ENOTFOUND if its user does not
// exist.
func (db *DB) CreateSession(ctx context.Context, s account.Session) error {
	if _, err := db.write.ExecContext(ctx, `INSERT INTO sessions (hash, user_id, csrf, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?)`,
		s.Hash, s.UserID, s.CSRF, toMS(s.CreatedAt), toMS(s.ExpiresAt)); err != nil {
		return fmt.Errorf("create session of user %d: %w", s.UserID, noUser(err, fmt.Sprintf("user %d", s.UserID)))
	}
	return nil
}

// FindSession returns the unexpired session with this hash.
func (db *DB) FindSession(ctx context.Context, hash string, now time.Time) (account.Session, error) {
	s := account.Session{Hash: hash}
	var created, expires int64
	err := db.read.QueryRowContext(ctx, `SELECT user_id, csrf, created_at_ms, expires_at_ms FROM sessions WHERE hash = ? AND expires_at_ms > ?`,
		hash, toMS(now)).Scan(&s.UserID, &s.CSRF, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return s, rebound.Errorf(rebound.ENOTFOUND, "no such session")
	} else if err != nil {
		return s, fmt.Errorf("find session: %w", err)
	}
	s.CreatedAt, s.ExpiresAt = fromMS(created), fromMS(expires)
	return s, nil
}

// TouchSession moves a session's expiry.
func (db *DB) TouchSession(ctx context.Context, hash string, expires time.Time) error {
	return db.execN(ctx, "touch session", "session", `UPDATE sessions SET expires_at_ms = ? WHERE hash = ?`, toMS(expires), hash)
}

// DeleteSession signs one browser out.
func (db *DB) DeleteSession(ctx context.Context, hash string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE hash = ?`, hash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions signs a user out everywhere.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
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
	if err := db.write.QueryRowContext(ctx, `INSERT INTO tokens (user_id, name, scope, hash, created_at_ms) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		t.UserID, t.Name, string(t.Scope), t.Hash, toMS(t.CreatedAt)).Scan(&t.ID); err != nil {
		return fmt.Errorf("create token %q of user %d: %w", t.Name, t.UserID, noUser(err, fmt.Sprintf("user %d", t.UserID)))
	}
	return nil
}

const tokenColumns = `id, user_id, name, scope, hash, created_at_ms`

func scanToken(row interface{ Scan(...any) error }) (account.Token, error) {
	var t account.Token
	var created int64
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Scope, &t.Hash, &created)
	t.CreatedAt = fromMS(created)
	return t, err
}

// FindToken returns the token with this hash.
func (db *DB) FindToken(ctx context.Context, hash string) (account.Token, error) {
	t, err := scanToken(db.read.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return t, rebound.Errorf(rebound.ENOTFOUND, "no such token")
	} else if err != nil {
		return t, fmt.Errorf("find token: %w", err)
	}
	return t, nil
}

// FindTokens returns a user's tokens, oldest first.
func (db *DB) FindTokens(ctx context.Context, userID int64) ([]account.Token, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE user_id = ? ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("find tokens of user %d: %w", userID, err)
	}
	defer rows.Close()
	tokens := []account.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("find tokens of user %d: %w", userID, err)
		}
		tokens = append(tokens, t)
	}
	return tokens, rows.Err()
}

// DeleteToken removes a user's token.
func (db *DB) DeleteToken(ctx context.Context, userID, id int64) error {
	return db.execN(ctx, fmt.Sprintf("delete token %d", id), fmt.Sprintf("token %d", id),
		`DELETE FROM tokens WHERE user_id = ? AND id = ?`, userID, id)
}

// Grant lets coachID read athleteID's data. Returns ENOTFOUND if either
// user does not exist.
func (db *DB) Grant(ctx context.Context, athleteID, coachID int64) error {
	if _, err := db.write.ExecContext(ctx, `INSERT INTO grants (athlete_id, coach_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		athleteID, coachID); err != nil {
		return fmt.Errorf("grant user %d access to athlete %d: %w", coachID, athleteID,
			noUser(err, fmt.Sprintf("user %d or %d", athleteID, coachID)))
	}
	return nil
}

// Revoke takes a grant back.
func (db *DB) Revoke(ctx context.Context, athleteID, coachID int64) error {
	return db.execN(ctx, fmt.Sprintf("revoke user %d's access to athlete %d", coachID, athleteID), "grant",
		`DELETE FROM grants WHERE athlete_id = ? AND coach_id = ?`, athleteID, coachID)
}

func (db *DB) ids(ctx context.Context, op, query string, arg int64) ([]int64, error) {
	rows, err := db.read.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// FindGrantedAthletes returns the athletes who granted coachID access.
func (db *DB) FindGrantedAthletes(ctx context.Context, coachID int64) ([]int64, error) {
	return db.ids(ctx, fmt.Sprintf("find athletes of coach %d", coachID),
		`SELECT athlete_id FROM grants WHERE coach_id = ? ORDER BY athlete_id`, coachID)
}

// FindCoaches returns the users athleteID granted access to.
func (db *DB) FindCoaches(ctx context.Context, athleteID int64) ([]int64, error) {
	return db.ids(ctx, fmt.Sprintf("find coaches of athlete %d", athleteID),
		`SELECT coach_id FROM grants WHERE athlete_id = ? ORDER BY coach_id`, athleteID)
}

// SetTick ticks or unticks a step of a day's checklist. Returns EINVALID
// for a day that is not YYYY-MM-DD.
func (db *DB) SetTick(ctx context.Context, day, stepID string, done bool, at time.Time) error {
	_, err := store.ParseDay(day)
	if err == nil && done {
		_, err = db.write.ExecContext(ctx, `INSERT INTO ticks (athlete_id, day, step_id, at_ms) VALUES (?, ?, ?, ?)
			ON CONFLICT (athlete_id, day, step_id) DO UPDATE SET at_ms = excluded.at_ms`, db.athlete, day, stepID, toMS(at))
	} else if err == nil {
		_, err = db.write.ExecContext(ctx, `DELETE FROM ticks WHERE athlete_id = ? AND day = ? AND step_id = ?`, db.athlete, day, stepID)
	}
	if err != nil {
		return fmt.Errorf("tick %s on %s: %w", stepID, day, err)
	}
	return nil
}

// FindTicks returns a day's ticks by step id. Returns EINVALID for a day
// that is not YYYY-MM-DD.
func (db *DB) FindTicks(ctx context.Context, day string) (map[string]store.Tick, error) {
	if _, err := store.ParseDay(day); err != nil {
		return nil, fmt.Errorf("find ticks of %s: %w", day, err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT step_id, at_ms FROM ticks WHERE athlete_id = ? AND day = ?`, db.athlete, day)
	if err != nil {
		return nil, fmt.Errorf("find ticks of %s: %w", day, err)
	}
	defer rows.Close()
	ticks := map[string]store.Tick{}
	for rows.Next() {
		t := store.Tick{Day: day}
		var at int64
		if err := rows.Scan(&t.StepID, &at); err != nil {
			return nil, fmt.Errorf("find ticks of %s: %w", day, err)
		}
		t.At = fromMS(at)
		ticks[t.StepID] = t
	}
	return ticks, rows.Err()
}

// FindAllTicks returns every tick of the athlete, by day then step id.
func (db *DB) FindAllTicks(ctx context.Context) ([]store.Tick, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT day, step_id, at_ms FROM ticks WHERE athlete_id = ? ORDER BY day, step_id`, db.athlete)
	if err != nil {
		return nil, fmt.Errorf("find ticks: %w", err)
	}
	defer rows.Close()
	ticks := []store.Tick{}
	for rows.Next() {
		var t store.Tick
		var at int64
		if err := rows.Scan(&t.Day, &t.StepID, &at); err != nil {
			return nil, fmt.Errorf("find ticks: %w", err)
		}
		t.At = fromMS(at)
		ticks = append(ticks, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find ticks: %w", err)
	}
	return ticks, nil
}

// DeleteUser deletes user id with all their data, sessions, tokens and
// grants, in one transaction. Returns ENOTFOUND if there is no such user.
func (db *DB) DeleteUser(ctx context.Context, id int64) error {
	if err := db.deleteUser(ctx, id); err != nil {
		return fmt.Errorf("delete user %d: %w", id, err)
	}
	return nil
}

func (db *DB) deleteUser(ctx context.Context, id int64) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)`, id).Scan(&exists); err != nil {
		return err
	} else if !exists {
		return rebound.Errorf(rebound.ENOTFOUND, "user %d not found", id)
	}
	// Samples, originals and session RPEs go with their activities, and
	// sessions, tokens and grants with the user (ON DELETE CASCADE).
	for _, table := range athleteTables {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE athlete_id = ?`, id); err != nil {
			return fmt.Errorf("delete %s: %w", table, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id = ?`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// athleteTables are the tables of an athlete's own data, keyed by
// athlete_id; every other table of it refers to one of these or to users
// with ON DELETE CASCADE.
var athleteTables = []string{"activities", "profile", "checkins", "shoes", "ticks"}
