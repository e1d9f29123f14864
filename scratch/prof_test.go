package scratch

import (
	"context"
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/store/sqlite"
)

func BenchmarkNewState(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, "/tmp/cons.db")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	h, _ := coach.LoadHistory(ctx, db.ForAthlete(5))
	now := time.Now()
	for b.Loop() {
		coach.NewState(h, now).Today()
	}
}
