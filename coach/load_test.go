package coach_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// failingReader reads an empty history, failing at the read named fail.
type failingReader struct {
	store.ProfileStore // only FindProfile is called
	fail               string
}

var errRead = errors.New("disk on fire")

func (r failingReader) err(what string) error {
	if r.fail == what {
		return errRead
	}
	return nil
}

func (r failingReader) FindProfile(context.Context) (profile.Profile, error) {
	return profile.Profile{}, r.err("profile")
}

func (r failingReader) FindActivities(context.Context, store.ActivityFilter) ([]*store.Activity, int, error) {
	return nil, 0, r.err("activities")
}

func (r failingReader) FindCheckIns(context.Context, time.Time, time.Time, *time.Location) ([]recovery.CheckIn, error) {
	return nil, r.err("check-ins")
}

func (r failingReader) FindRPEs(context.Context) (map[int64]float64, error) {
	return nil, r.err("session RPEs")
}

func (r failingReader) FindShoes(context.Context) ([]store.Shoe, error) { return nil, r.err("shoes") }

// A failed read names what LoadHistory was reading and wraps the store's
// error.
func TestLoadHistoryNamesTheFailedRead(t *testing.T) {
	for _, what := range []string{"profile", "activities", "check-ins", "session RPEs", "shoes"} {
		_, err := coach.LoadHistory(context.Background(), failingReader{fail: what})
		if !errors.Is(err, errRead) || !strings.Contains(err.Error(), what) {
			t.Errorf("failing %s: error %v", what, err)
		}
	}
	if _, err := coach.LoadHistory(context.Background(), failingReader{}); err != nil {
		t.Errorf("no failure: %v", err)
	}
}
