package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/store/internal/rowjson"
)

// FindProfile returns the stored profile, or a zero Profile when none has
// been saved yet.
func (db *DB) FindProfile(ctx context.Context) (profile.Profile, error) {
	var data []byte
	err := db.stmt.findProfile.QueryRowContext(ctx, db.athlete).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return profile.Profile{}, nil
	} else if err != nil {
		return profile.Profile{}, fmt.Errorf("find profile: %w", err)
	}
	p, err := rowjson.UnmarshalProfile(data)
	if err != nil {
		return profile.Profile{}, fmt.Errorf("find profile: %w", err)
	}
	return p, nil
}

// SaveProfile replaces the stored profile. It does not validate p (see
// profile.Profile.Validate) beyond returning EINVALID for a value JSON
// cannot hold, such as a NaN weight.
func (db *DB) SaveProfile(ctx context.Context, p profile.Profile) error {
	data, err := rowjson.MarshalProfile(p)
	if err != nil {
		return fmt.Errorf("save profile: %w", rebound.Errorf(rebound.EINVALID, "%v", err))
	}
	if _, err := db.stmt.saveProfile.ExecContext(ctx, db.athlete, string(data)); err != nil {
		return fmt.Errorf("save profile: %w", err)
	}
	return nil
}
