package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/store"
)

// countingDB is the real database, counting the history loads made
// through it: calls of FindRPEs, which only app.LoadHistory makes.
type countingDB struct {
	store.Database
	loads atomic.Int64
}

func (d *countingDB) ForAthlete(id int64) store.Store {
	return countingStore{Store: d.Database.ForAthlete(id), loads: &d.loads}
}

type countingStore struct {
	store.Store
	loads *atomic.Int64
}

func (s countingStore) FindRPEs(ctx context.Context) (map[int64]float64, error) {
	s.loads.Add(1)
	return s.Store.FindRPEs(ctx)
}

// today fetches token's /api/v1/today from this server.
func (e *testEnv) today(token string) todayDoc {
	e.t.Helper()
	res, data := e.api(token, "GET", "/api/v1/today", nil)
	if res.StatusCode != http.StatusOK {
		e.t.Fatalf("GET /api/v1/today: %d %s", res.StatusCode, data)
	}
	var doc todayDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		e.t.Fatalf("GET /api/v1/today: %v in %s", err, data)
	}
	return doc
}

// checkIn posts a check-in with token through this server.
func (e *testEnv) checkIn(token string, body map[string]any) {
	e.t.Helper()
	if res, data := e.api(token, "POST", "/api/v1/checkins", body); res.StatusCode != http.StatusCreated &&
		res.StatusCode != http.StatusOK {
		e.t.Fatalf("POST /api/v1/checkins: %d %s", res.StatusCode, data)
	}
}

// quadsNow returns today's quads soreness and where it comes from.
func quadsNow(doc todayDoc) (float64, string) {
	for _, s := range doc.SorenessNow {
		if s.Muscle == "quads" {
			return s.Value, s.Source
		}
	}
	return -1, ""
}

func TestStateFreshAcrossServers(t *testing.T) {
	// Two app servers on one database: what Ana writes through one, the
	// other shows at once, though it had her state cached.
	one := newTestEnv(t)
	two := one.otherServer()
	if doc := two.today(one.anaToken); doc.CheckedIn {
		t.Fatalf("server 2 before any check-in: checked in")
	}

	one.checkIn(one.anaToken, map[string]any{"soreness": map[string]float64{"quads": 6}, "sleep_h": 7})
	doc := two.today(one.anaToken)
	if v, src := quadsNow(doc); !doc.CheckedIn || v != 6 || src != "check-in" {
		t.Errorf("server 2 right after a check-in through server 1: checked in %v, quads %v from %q; want 6 from the check-in",
			doc.CheckedIn, v, src)
	}

	// And back: a change through server 2 shows on server 1, which has
	// cached the first check-in.
	if v, _ := quadsNow(one.today(one.anaToken)); v != 6 {
		t.Fatalf("server 1: quads %v, want 6", v)
	}
	two.checkIn(one.anaToken, map[string]any{"soreness": map[string]float64{"quads": 3}})
	if v, _ := quadsNow(one.today(one.anaToken)); v != 3 {
		t.Errorf("server 1 right after a check-in through server 2: quads %v, want 3", v)
	}

	// Bo's cached state is untouched by Ana's writes, and still right.
	if doc := two.today(one.boTok); doc.CheckedIn {
		t.Errorf("Bo checked in after Ana's check-ins")
	}
}

func TestStateReloadsOnlyOnChange(t *testing.T) {
	var db *countingDB
	e := newTestEnv(t, func(c *server.Config) {
		db = &countingDB{Database: c.DB}
		c.DB = db
	})
	other := e.otherServer() // not counted

	e.today(e.anaToken)
	if n := db.loads.Load(); n != 1 {
		t.Fatalf("%d history loads after the first request, want 1", n)
	}
	e.today(e.anaToken)
	e.today(e.anaToken)
	if n := db.loads.Load(); n != 1 {
		t.Errorf("%d history loads after three requests with nothing written, want 1", n)
	}

	// Another athlete's write, and a write outside the history (a
	// checklist tick), do not reload Ana's.
	other.checkIn(e.boTok, map[string]any{"sleep_h": 8})
	if err := other.db.ForAthlete(e.ana.ID).SetTick(context.Background(), time.Now().Format(time.DateOnly), "refuel",
		true, time.Now()); err != nil {
		t.Fatal(err)
	}
	e.today(e.anaToken)
	if n := db.loads.Load(); n != 1 {
		t.Errorf("%d history loads after writes outside Ana's history, want 1", n)
	}
	// Nor does a tick through this server's API.
	if res, data := e.api(e.anaToken, "PUT", "/api/v1/checklist/refuel", map[string]any{"done": false}); res.StatusCode != http.StatusOK {
		t.Fatalf("PUT /api/v1/checklist/refuel: %d %s", res.StatusCode, data)
	}
	e.today(e.anaToken)
	if n := db.loads.Load(); n != 1 {
		t.Errorf("%d history loads after a tick through the API, want 1", n)
	}

	// A write to her history through the other server reloads it once.
	other.checkIn(e.anaToken, map[string]any{"soreness": map[string]float64{"quads": 5}})
	doc := e.today(e.anaToken)
	if n := db.loads.Load(); n != 2 {
		t.Errorf("%d history loads after a check-in through the other server, want 2", n)
	}
	if !doc.CheckedIn {
		t.Errorf("not checked in after a check-in through the other server")
	}
	e.today(e.anaToken)
	if n := db.loads.Load(); n != 2 {
		t.Errorf("%d history loads after one more request, want 2", n)
	}
}
