// Package pgtest gives tests that need PostgreSQL (store/postgres's, and
// the server's across app servers) a database of their own on a test
// server.
//
// The server must let its user CREATE DATABASE: REBOUND_TEST_POSTGRES
// names it (a URL or keyword=value string). .ci/postgres.sh starts a
// throw-away one:
//
//	eval "$(bash .ci/postgres.sh)" && go test ./store/postgres/
//
// Without it the tests skip, unless REBOUND_REQUIRE_POSTGRES=1 (as in CI).
// Every NewDatabase is rebound_test_<random>, dropped when its test ends
// (DROP DATABASE … WITH (FORCE): PostgreSQL 13 or newer), so tests are
// isolated and run in parallel.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// The environment variables that configure the tests.
const (
	EnvDSN     = "REBOUND_TEST_POSTGRES"
	EnvRequire = "REBOUND_REQUIRE_POSTGRES"
)

var server struct {
	once  sync.Once
	dsn   string
	admin *pgxpool.Pool // on the DSN's own database, for CREATE and DROP DATABASE
	err   error
}

// Close closes the pool Admin opened, if any: call it from TestMain
// after m.Run.
func Close() {
	if server.admin != nil {
		server.admin.Close()
	}
}

// Admin returns the pool on the test server, skipping the test when
// there is none configured (failing it when one is required).
func Admin(tb testing.TB) *pgxpool.Pool {
	tb.Helper()
	server.once.Do(func() {
		server.dsn = os.Getenv(EnvDSN)
		if server.dsn == "" {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if server.admin, server.err = pgxpool.New(ctx, server.dsn); server.err == nil {
			server.err = server.admin.Ping(ctx)
		}
	})
	switch {
	case server.dsn == "" && os.Getenv(EnvRequire) == "1":
		tb.Fatalf("%s=1 but %s is not set: start a server with .ci/postgres.sh", EnvRequire, EnvDSN)
	case server.dsn == "":
		tb.Skipf("%s is not set: no PostgreSQL server to test against (eval \"$(bash .ci/postgres.sh)\" starts one)", EnvDSN)
	case server.err != nil:
		tb.Fatalf("connect to %s: %v", EnvDSN, server.err)
	}
	return server.admin
}

// NewDatabase creates an empty database, dropped when the test ends, and
// returns its connection string.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	admin := Admin(tb)
	var b [8]byte
	rand.Read(b[:])
	name := "rebound_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(context.Background(), `CREATE DATABASE `+name); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	tb.Cleanup(func() {
		// FORCE: a test that failed may have left connections open.
		if _, err := admin.Exec(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			tb.Errorf("drop database %s: %v", name, err)
		}
	})
	return withDatabase(tb, server.dsn, name)
}

// withDatabase returns dsn naming database name instead of its own.
func withDatabase(tb testing.TB, dsn, name string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			tb.Fatalf("%s: %v", EnvDSN, err)
		}
		u.Path, u.RawPath = "/"+name, ""
		return u.String()
	}
	return dsn + " dbname=" + name // keyword=value: the last setting wins
}
