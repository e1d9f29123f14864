package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/web"
)

// cookieName is the session cookie. With Secure cookies it carries the
// __Host- prefix, which browsers bind to this host, path / and HTTPS.
const cookieName = "rebound_session"

// linkLifetime is how long a one-time sign-in link works.
const linkLifetime = 15 * time.Minute

type ctxKey int

const (
	viewerKey ctxKey = iota
	sessionKey
	viaTokenKey
)

// viewer returns the signed-in user, or nil.
func viewer(r *http.Request) *account.User {
	u, _ := r.Context().Value(viewerKey).(*account.User)
	return u
}

// session returns the request's session (zero when signed in by token or not at all).
func session(r *http.Request) account.Session {
	s, _ := r.Context().Value(sessionKey).(account.Session)
	return s
}

// viaToken reports whether the request was authenticated by an API token.
func viaToken(r *http.Request) bool {
	ok, _ := r.Context().Value(viaTokenKey).(bool)
	return ok
}

// CSRFToken returns the token forms must send back (in the csrf_token
// field or the X-CSRF-Token header) for the request's session.
func CSRFToken(r *http.Request) string { return session(r).CSRF }

// secure reports whether the browser reached us over HTTPS: directly, by
// configuration, or as a trusted proxy says in X-Forwarded-Proto (a
// client's own header is ignored).
func (s *Server) secure(r *http.Request) bool {
	if s.cfg.SecureCookies || r.TLS != nil {
		return true
	}
	proto := r.Header.Get("X-Forwarded-Proto")
	if proto == "" || !s.fromTrustedProxy(r) {
		return false
	}
	// With several proxies, the nearest one's value is last.
	parts := strings.Split(proto, ",")
	return strings.EqualFold(strings.TrimSpace(parts[len(parts)-1]), "https")
}

func (s *Server) cookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-" + cookieName
	}
	return cookieName
}

// identify finds who is asking: an API token (Authorization: Bearer),
// else a session cookie. It never refuses an anonymous request: handlers
// that need a user call requireUser. A database that fails during the
// lookup is a 500, not a bad credential.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if h := r.Header.Get("Authorization"); h != "" {
			secret, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				s.fail(w, r, rebound.Errorf(EUNAUTHORIZED, "the Authorization header must be \"Bearer <token>\""))
				return
			}
			tok, err := s.cfg.DB.FindToken(ctx, account.HashSecret(strings.TrimSpace(secret)))
			if err != nil && !notFound(err) {
				s.fail(w, r, err)
				return
			}
			if err != nil || tok.Scope != account.ScopeAPI {
				s.fail(w, r, rebound.Errorf(EUNAUTHORIZED, "the API token is not valid"))
				return
			}
			u, err := s.cfg.DB.FindUserByID(ctx, tok.UserID)
			if notFound(err) {
				s.fail(w, r, rebound.Errorf(EUNAUTHORIZED, "the API token's user no longer exists"))
				return
			} else if err != nil {
				s.fail(w, r, err)
				return
			}
			ctx = context.WithValue(ctx, viewerKey, u)
			ctx = context.WithValue(ctx, viaTokenKey, true)
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if c, err := r.Cookie(s.cookieName(r)); err == nil && c.Value != "" {
			u, sess, err := s.sessionUser(ctx, c.Value)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			if u != nil {
				ctx = context.WithValue(ctx, viewerKey, u)
				ctx = context.WithValue(ctx, sessionKey, sess)
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// checkCSRF rejects requests of a signed-in browser that change something
// without the session's CSRF token (requests with an API token have no
// session and need none).
func (s *Server) checkCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if unsafeMethod(r.Method) && session(r).Hash != "" && !s.csrfOK(r) {
			s.fail(w, r, rebound.Errorf(EFORBIDDEN, "the form is out of date or did not come from Rebound (CSRF check failed): reload the page and try again"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// sessionUser returns the unexpired session of a cookie's secret and its
// user, sliding the expiry (at most once an hour). The user is nil when
// there is no such session or user; err is a failure of the database.
func (s *Server) sessionUser(ctx context.Context, secret string) (*account.User, account.Session, error) {
	now := s.cfg.Now()
	hash := account.HashSecret(secret)
	sess, err := s.cfg.DB.FindSession(ctx, hash, now)
	if err != nil {
		if notFound(err) {
			err = nil
		}
		return nil, account.Session{}, err
	}
	u, err := s.cfg.DB.FindUserByID(ctx, sess.UserID)
	if err != nil {
		if notFound(err) {
			err = nil
		}
		return nil, account.Session{}, err
	}
	if sess.ExpiresAt.Sub(now) < account.SessionLifetime-time.Hour {
		_ = s.cfg.DB.TouchSession(ctx, hash, now.Add(account.SessionLifetime))
	}
	return u, sess, nil
}

// notFound reports whether err is ENOTFOUND.
func notFound(err error) bool { return rebound.ErrorCode(err) == rebound.ENOTFOUND }

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// csrfOK checks the synchronizer token and, when the browser sends one,
// that Origin is this host.
func (s *Server) csrfOK(r *http.Request) bool {
	if !sameOrigin(r) {
		return false
	}
	want := session(r).CSRF
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = formValueNoParse(r, "csrf_token", s.cfg.MaxUpload)
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// sameOrigin reports whether the request's Origin, when the browser sends
// one, is this host.
func sameOrigin(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	return true
}

// formValueNoParse reads a field from a urlencoded or multipart body
// without consuming a large upload: multipart bodies are parsed with the
// upload limit by the handler, so here only the query and urlencoded
// forms are read (multipart forms send X-CSRF-Token or put csrf_token in
// the query string; one with neither is parsed here, its body capped at
// maxUpload).
func formValueNoParse(r *http.Request, name string, maxUpload int64) string {
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		r.Body = http.MaxBytesReader(nil, r.Body, maxBody)
		if err := r.ParseForm(); err == nil {
			return r.PostForm.Get(name)
		}
		return ""
	}
	if strings.HasPrefix(ct, "multipart/form-data") {
		if v := r.URL.Query().Get(name); v != "" {
			return v
		}
		r.Body = http.MaxBytesReader(nil, r.Body, maxUpload)
		if err := r.ParseMultipartForm(32 << 20); err == nil && r.MultipartForm != nil {
			if vs := r.MultipartForm.Value[name]; len(vs) > 0 {
				return vs[0]
			}
		}
	}
	return ""
}

// startSession signs u in on this browser.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *account.User) error {
	secret := account.NewSecret()
	now := s.cfg.Now()
	sess := account.Session{Hash: account.HashSecret(secret), UserID: u.ID, CSRF: account.NewSecret(),
		CreatedAt: now, ExpiresAt: now.Add(account.SessionLifetime)}
	if err := s.cfg.DB.CreateSession(r.Context(), sess); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: secret, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: int(account.SessionLifetime / time.Second)})
	return nil
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: "", Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// LoginLink returns a one-time sign-in path (/signin/SECRET) for user id,
// valid for 15 minutes. It returns EFORBIDDEN unless the server is Local
// and the user is one of Config.LinkUsers.
func (s *Server) LoginLink(userID int64) (string, error) {
	if !s.linkAllowed(userID) {
		return "", rebound.Errorf(EFORBIDDEN, "user %d may not sign in through a one-time link: only the Local server's LinkUsers may", userID)
	}
	secret := account.NewSecret()
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	for h, l := range s.links {
		if now.After(l.expires) {
			delete(s.links, h)
		}
	}
	s.links[account.HashSecret(secret)] = oneTimeLink{userID: userID, expires: now.Add(linkLifetime)}
	return "/signin/" + secret, nil
}

// linkAllowed reports whether user id may sign in through a one-time link.
func (s *Server) linkAllowed(id int64) bool {
	return s.cfg.Local && slices.Contains(s.cfg.LinkUsers, id)
}

// handleSignInLink consumes a one-time link and goes on to ?next= (a
// path on this site; the home page by default).
func (s *Server) handleSignInLink(w http.ResponseWriter, r *http.Request) {
	hash := account.HashSecret(r.PathValue("secret"))
	s.mu.Lock()
	l, ok := s.links[hash]
	delete(s.links, hash)
	s.mu.Unlock()
	next := safeNext(r.URL.Query().Get("next"))
	if !ok || !s.linkAllowed(l.userID) || s.cfg.Now().After(l.expires) {
		if viewer(r) != nil { // signed in already (the link opened twice)
			http.Redirect(w, r, next, http.StatusSeeOther)
			return
		}
		// The sign-in form with the reason, not a redirect to it: its
		// next= would lead back to this dead link.
		s.renderLogin(w, r, http.StatusUnauthorized, next, "", []web.Flash{{Kind: "error",
			Message: "This sign-in link has been used or has expired: restart `rebound serve` (or `rebound demo --serve`) for a new one, or sign in with a password."}})
		return
	}
	u, err := s.cfg.DB.FindUserByID(r.Context(), l.userID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.startSession(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// peer is the address of the connection's other end.
func peer(r *http.Request) (netip.Addr, string) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap(), host
}

// trusted reports whether a is one of Config.TrustedProxies.
func (s *Server) trusted(a netip.Addr) bool {
	return a.IsValid() && slices.ContainsFunc(s.cfg.TrustedProxies, func(p netip.Prefix) bool { return p.Contains(a) })
}

// fromTrustedProxy reports whether the connection comes from a trusted proxy.
func (s *Server) fromTrustedProxy(r *http.Request) bool {
	a, _ := peer(r)
	return s.trusted(a)
}

// clientIP is the address a request came from, for rate limiting. When
// the connection comes from one of Config.TrustedProxies, it is the
// rightmost X-Forwarded-For entry that is not itself a trusted proxy (the
// client as the nearest untrusted hop saw it; what a client writes in the
// header before that is not believed). From any other peer the header is
// ignored, so a client talking to the server directly cannot pick a new
// address for each guess.
func (s *Server) clientIP(r *http.Request) string {
	a, host := peer(r)
	if !s.trusted(a) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ha, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // none, or malformed: the proxy that passed it on is the client we know
		}
		a = ha.Unmap()
		if !s.trusted(a) {
			break
		}
	}
	return a.String()
}

// signIn checks a name and password under the sign-in limits
// (account.Limiter) and starts a session. It returns the user or an error
// fit to show; when the limits refuse, the error is a *retryError. Every
// attempt let through does the same work, one argon2id derivation, known
// name or not, so that its time does not tell which names exist.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, name, password string) (*account.User, error) {
	now := s.cfg.Now()
	attempt, wait := s.limiter.Reserve(s.clientIP(r), name, now)
	if attempt == nil {
		return nil, &retryError{rebound.Errorf(ETOOMANY, "too many failed sign-ins: try again in %s", roundUp(wait)), wait}
	}
	u, err := s.cfg.DB.FindUserByName(r.Context(), name)
	if err != nil && !notFound(err) {
		attempt.Cancel(now)
		return nil, err
	}
	hash := ""
	if err == nil {
		hash = u.PasswordHash
	}
	if !account.CheckPassword(hash, password) { // the work of a real check for "" too
		return nil, rebound.Errorf(EUNAUTHORIZED, "wrong user name or password")
	}
	attempt.Succeeded(now)
	if err := s.startSession(w, r, u); err != nil {
		return nil, err
	}
	return u, nil
}

// retryError is a refusal that may be tried again after a while, which
// the answer says in Retry-After.
type retryError struct {
	err   *rebound.Error
	after time.Duration
}

func (e *retryError) Error() string { return e.err.Error() }
func (e *retryError) Unwrap() error { return e.err }

// setRetryAfter sets Retry-After (whole seconds, at least 1) when err is a
// *retryError.
func setRetryAfter(w http.ResponseWriter, err error) {
	var re *retryError
	if errors.As(err, &re) {
		w.Header().Set("Retry-After", strconv.Itoa(int(roundUp(re.after)/time.Second)))
	}
}

// roundUp rounds d up to whole seconds, at least one.
func roundUp(d time.Duration) time.Duration {
	return max(time.Second, (d + time.Second - 1).Truncate(time.Second))
}

// signOut ends this browser's session, or every session of the user.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request, everywhere bool) error {
	var err error
	if everywhere {
		if u := viewer(r); u != nil {
			err = s.cfg.DB.DeleteUserSessions(r.Context(), u.ID)
		}
	} else if h := session(r).Hash; h != "" {
		err = s.cfg.DB.DeleteSession(r.Context(), h)
	}
	s.clearCookie(w, r)
	return err
}
