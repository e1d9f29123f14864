package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/postgres"
	"github.com/rebound-run/rebound/store/postgres/pgtest"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/store/storetest"
)

// TestConcurrentCheckIns posts many check-ins at once, one muscle group
// each and some with a session RPE, for one athlete and three days: to
// one server on SQLite, and spread over two app servers on one
// PostgreSQL database. Every rating must be found afterwards, and each
// day must have been created (201) exactly once.
func TestConcurrentCheckIns(t *testing.T) {
	t.Run("SQLite", func(t *testing.T) {
		db, err := sqlite.Open(context.Background(), t.TempDir()+"/rebound.db")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		checkConcurrentCheckIns(t, db, db)
	})
	t.Run("PostgreSQLTwoServers", func(t *testing.T) {
		dsn := pgtest.NewDatabase(t)
		var dbs []store.Database
		for range 2 {
			db, err := postgres.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			dbs = append(dbs, db)
		}
		checkConcurrentCheckIns(t, dbs...)
	})
}

// checkConcurrentCheckIns runs a server on each of dbs (one database)
// and posts the check-ins to them in turn.
func checkConcurrentCheckIns(t *testing.T, dbs ...store.Database) {
	ctx := context.Background()
	u := &account.User{Name: "ana", Role: account.Athlete, PasswordHash: "not used: the test signs in with a token"}
	if err := dbs[0].CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	token := account.TokenPrefix + account.NewSecret()
	if err := dbs[0].CreateToken(ctx, &account.Token{UserID: u.ID, Name: "test", Scope: account.ScopeAPI,
		Hash: account.HashSecret(token)}); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	st := dbs[0].ForAthlete(u.ID)
	var runs []int64
	for i := range 3 {
		runs = append(runs, storetest.MustCreateActivity(t, st, storetest.NewActivity(now.Add(-time.Duration(30+24*i)*time.Hour), activity.Running)).ID)
	}
	var urls []string
	for _, db := range dbs {
		srv, err := server.New(server.Config{DB: db, Decoders: cli.Decoders(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		urls = append(urls, ts.URL)
	}

	days := []string{now.Format(time.DateOnly), now.AddDate(0, 0, -1).Format(time.DateOnly), now.AddDate(0, 0, -2).Format(time.DateOnly)}
	type result struct {
		day    string
		status int
		body   string
	}
	results := make(chan result, len(days)*len(recovery.Muscles))
	var wg sync.WaitGroup
	n := 0
	for d, day := range days {
		for i, m := range recovery.Muscles {
			body := map[string]any{"date": day, "soreness": map[string]float64{string(m): float64(i + 1)}}
			if i == 2*d {
				body["rpe"] = map[string]float64{fmt.Sprint(runs[d]): float64(d + 4)}
			}
			url := urls[n%len(urls)] + "/api/v1/checkins"
			n++
			wg.Go(func() {
				data, _ := json.Marshal(body)
				req, _ := http.NewRequest("POST", url, bytes.NewReader(data))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					results <- result{day, 0, err.Error()}
					return
				}
				defer res.Body.Close()
				b, _ := io.ReadAll(res.Body)
				results <- result{day, res.StatusCode, string(b)}
			})
		}
	}
	wg.Wait()
	close(results)
	created := map[string]int{}
	for r := range results {
		switch r.status {
		case http.StatusCreated:
			created[r.day]++
		case http.StatusOK:
		default:
			t.Errorf("POST /api/v1/checkins for %s: %d %s", r.day, r.status, r.body)
		}
	}
	for _, day := range days {
		if created[day] != 1 {
			t.Errorf("%s: %d check-ins answered 201 (created), want 1", day, created[day])
		}
	}

	cs, err := st.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]recovery.CheckIn{}
	for _, c := range cs {
		got[c.Date.Format(time.DateOnly)] = c
	}
	for _, day := range days {
		for i, m := range recovery.Muscles {
			if v, ok := got[day].Soreness[m]; !ok || v != float64(i+1) {
				t.Errorf("%s: %s is %v (stored %v), want %d: a concurrent check-in lost it", day, m, v, ok, i+1)
			}
		}
	}
	rpes, err := st.FindRPEs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for d, id := range runs {
		if rpes[id] != float64(d+4) {
			t.Errorf("RPE of run %d = %v, want %d", id, rpes[id], d+4)
		}
	}
}
