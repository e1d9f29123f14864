// Package server is Rebound's web app and REST API over net/http: the
// pages a runner and a coach use (server-rendered html/template with
// progressive enhancement, assets embedded by package web) and JSON under
// /api/v1/ (described by the OpenAPI document at /api/openapi.json).
//
// Every request is authenticated by a session cookie or a personal API
// token (see auth.go), acts on one athlete's data chosen by ?athlete=ID
// (default: the viewer's own) and checked by account.CanRead/CanWrite,
// and works through store.Database, so one binary serves a personal
// SQLite file or a club's PostgreSQL behind a load balancer. Sessions,
// tokens and grants live in the database, so any app server can answer
// any request.
package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/store"
)

// Config is what a Server needs.
type Config struct {
	DB       store.Database
	Decoders map[decode.Format]decode.Decoder // for uploads (cli.Decoders)
	// Templates are the page templates (web.Templates with Funcs), Static
	// the files served under /static/ (web.Static).
	Templates *template.Template
	Static    fs.FS
	// Local is a personal server bound to loopback (ListenAndServe
	// refuses any other address): the users in LinkUsers may sign in
	// through a one-time link (LoginLink) printed at start.
	Local bool
	// LinkUsers are the IDs of the users a Local server makes one-time
	// sign-in links for: the single local runner of a personal database,
	// or the demo's runner and coach. No one else ever signs in without
	// a password.
	LinkUsers []int64
	// SecureCookies marks cookies Secure even on plain HTTP requests (set
	// it behind a TLS-terminating proxy that does not send
	// X-Forwarded-Proto).
	SecureCookies bool
	// TrustedProxies are the addresses of the reverse proxies (load
	// balancers, TLS terminators) in front of the server. Only from a
	// peer in one of them are X-Forwarded-For (the client's address, for
	// the sign-in limits) and X-Forwarded-Proto (HTTPS, for Secure
	// cookies) heeded. None by default: the peer is the client.
	TrustedProxies []netip.Prefix
	Now            func() time.Time
	Logger         *slog.Logger
	// MaxUpload caps an upload request's body (default 256 MiB); other
	// request bodies are capped at 1 MiB (maxBody). A request whose
	// Content-Length says more is refused (413) before its body is read.
	MaxUpload int64
	// MaxUploadsPerUser (default 2, as many as the upload page sends at
	// once) and MaxUploads (default 4, all users together) bound the
	// uploads in progress: one more is refused (429, Retry-After) before
	// its body is read.
	MaxUploadsPerUser, MaxUploads int
}

// Server is the web app. It is an http.Handler.
type Server struct {
	cfg      Config
	mux      *http.ServeMux
	handler  http.Handler
	limiter  *account.Limiter // failed sign-ins per (address, name), address and name
	uploads  uploadGate
	states   *stateCache
	pages    *pageCache
	patterns []string

	mu    sync.Mutex
	links map[string]oneTimeLink // hash of a one-time sign-in secret -> who and until when
}

type oneTimeLink struct {
	userID  int64
	expires time.Time
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.DB == nil {
		return nil, errors.New("server: no database")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = 256 << 20
	}
	if cfg.MaxUploadsPerUser <= 0 {
		cfg.MaxUploadsPerUser = 2
	}
	if cfg.MaxUploads <= 0 {
		cfg.MaxUploads = 4
	}
	s := &Server{
		cfg:     cfg,
		mux:     http.NewServeMux(),
		limiter: account.NewLimiter(),
		links:   map[string]oneTimeLink{},
		uploads: uploadGate{perUser: map[int64]int{}, maxPerUser: cfg.MaxUploadsPerUser, max: cfg.MaxUploads},
	}
	s.states = newStateCache(cfg.DB, cfg.Now)
	s.pages = newPageCache(64)
	s.routes()
	// Bodies are bounded before anything reads them, uploads before the
	// CSRF check (which may read a multipart form) reads theirs.
	s.handler = s.recoverPanics(s.securityHeaders(s.limitBodies(s.identify(s.limitUploads(s.checkCSRF(s.mux))))))
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Routes returns every registered route pattern ("GET /api/v1/today"…),
// for the OpenAPI coverage test.
func (s *Server) Routes() []string { return append([]string(nil), s.patterns...) }

// handle registers h for pattern and remembers the pattern.
func (s *Server) handle(pattern string, h http.HandlerFunc) {
	s.patterns = append(s.patterns, pattern)
	s.mux.HandleFunc(pattern, h)
}

// ListenAndServe serves on addr until ctx is cancelled, then shuts down
// gracefully. ready, when set, is called with the bound address.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	if s.cfg.Local && !IsLoopback(addr) {
		return fmt.Errorf("listen on %s: a server with one-time sign-in links listens on loopback only", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	}
}

// IsLoopback reports whether addr (HOST:PORT) binds only the loopback
// interface.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
