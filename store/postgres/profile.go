package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/store/internal/rowjson"
)

// FindProfile returns the stored profile, or a zero Profile when none has
// been saved yet.
func (db *DB) FindProfile(ctx context.Context) (profile.Profile, error) {
	var data []byte
	err := db.pool.QueryRow(ctx, `SELECT data FROM profile WHERE athlete_id = $1`, db.athlete).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return profile.Profile{}, nil
	} else if err != nil {
		return profile.Profile{}, fmt.Errorf("find profile of athlete %d: %w", db.athlete, err)
	}
	p, err := rowjson.UnmarshalProfile(data)
	if err != nil {
		return profile.Profile{}, fmt.Errorf("find profile of athlete %d: %w", db.athlete, err)
	}
	return p, nil
}

// SaveProfile replaces the stored profile. It does not validate p (see
// profile.Profile.Validate) beyond returning EINVALID for a value JSON
// cannot hold, such as a NaN weight.
func (db *DB) SaveProfile(ctx context.Context, p profile.Profile) error {
	data, err := rowjson.MarshalProfile(p)
	if err != nil {
		return fmt.Errorf("save profile of athlete %d: %w", db.athlete, rebound.Errorf(rebound.EINVALID, "%v", err))
	}
	if _, err := db.pool.Exec(ctx, `INSERT INTO profile (athlete_id, data) VALUES ($1, $2)
		ON CONFLICT (athlete_id) DO UPDATE SET data = excluded.data`, db.athlete, data); err != nil {
		return fmt.Errorf("save profile of athlete %d: %w", db.athlete, check(err))
	}
	return nil
}
