package server

import (
	"fmt"
	"net/http"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/rebound-run/rebound"
)

// csp is the Content-Security-Policy of every response: only this
// origin's scripts, styles, images and fonts; no inline script or style,
// no plugins, no framing, forms post only here.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.secure(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a handler's panic into a 500 instead of a dropped
// connection, and logs it.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.cfg.Logger.Error("panic", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				s.fail(w, r, rebound.Errorf(rebound.EINTERNAL, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// maxBody caps every request body but an upload's.
const maxBody = 1 << 20

// uploadRoutes are the patterns whose bodies are uploads.
var uploadRoutes = []string{"POST /api/v1/activities", "POST /upload", "POST /athletes/{athlete}/upload"}

// isUpload reports whether r goes to an upload route.
func (s *Server) isUpload(r *http.Request) bool {
	if r.Method != http.MethodPost {
		return false
	}
	_, pattern := s.mux.Handler(r)
	return slices.Contains(uploadRoutes, pattern)
}

// bodyLimit is the most a request to r's route may send.
func (s *Server) bodyLimit(r *http.Request) int64 {
	if s.isUpload(r) {
		return s.cfg.MaxUpload
	}
	return maxBody
}

// tooLarge is the error of a body over limit bytes.
func (s *Server) tooLarge(r *http.Request, limit int64) error {
	if s.isUpload(r) {
		return rebound.Errorf(ETOOLARGE, "the upload is larger than the %s this server takes at a time: send fewer or smaller files per upload", mib(limit))
	}
	return rebound.Errorf(ETOOLARGE, "the request body is larger than %s", mib(limit))
}

// mib shows a byte count in MB (MiB), or KB below one.
func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d MB", n>>20)
}

// limitBodies caps each request's body at its route's limit: one whose
// Content-Length already says more is refused (413) before a byte of it
// is read; one that turns out larger (chunked) fails when it passes the
// limit.
func (s *Server) limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.bodyLimit(r)
		if r.ContentLength > limit {
			// Not reading the body, the server closes the connection
			// after this answer rather than drain it.
			s.fail(w, r, s.tooLarge(r, limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// uploadGate counts the uploads in progress, per user and in all.
type uploadGate struct {
	mu              sync.Mutex
	perUser         map[int64]int
	total           int
	maxPerUser, max int
}

// uploadRetry is the Retry-After of a refused upload: a guess, as an
// upload takes as long as its files.
const uploadRetry = 5 * time.Second

// enter counts an upload by user in, or refuses it when the user or the
// server has as many in progress as allowed. leave counts it out.
func (g *uploadGate) enter(user int64) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.perUser[user] >= g.maxPerUser {
		return &retryError{rebound.Errorf(ETOOMANY, "you have %d uploads in progress, as many as this server takes from one account at a time: wait for one to finish, then try again", g.perUser[user]), uploadRetry}
	}
	if g.total >= g.max {
		return &retryError{rebound.Errorf(ETOOMANY, "the server is busy with %d uploads: try again in a moment", g.total), uploadRetry}
	}
	g.perUser[user]++
	g.total++
	return nil
}

func (g *uploadGate) leave(user int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.total--
	if g.perUser[user]--; g.perUser[user] <= 0 {
		delete(g.perUser, user)
	}
}

// limitUploads bounds the uploads in progress (Config.MaxUploadsPerUser,
// Config.MaxUploads): one more is refused (429, Retry-After) before its
// body is read. Anonymous uploads are refused by the handler, unread.
func (s *Server) limitUploads(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := viewer(r)
		if u == nil || !s.isUpload(r) {
			next.ServeHTTP(w, r)
			return
		}
		if err := s.uploads.enter(u.ID); err != nil {
			s.fail(w, r, err)
			return
		}
		defer s.uploads.leave(u.ID)
		next.ServeHTTP(w, r)
	})
}
