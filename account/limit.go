package account

import (
	"sync"
	"time"
)

// Limiter limits failed sign-ins per key (a user name, a client address):
// at most Burst failures, refilled at one per Every. Successful sign-ins
// do not count. It is safe for concurrent use. Each app server keeps its
// own: behind a load balancer with N servers an attacker gets at most N
// times the budget, which still caps online guessing.
type Limiter struct {
	Burst int
	Every time.Duration

	mu   sync.Mutex
	keys map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter returns a limiter allowing burst failures per key, refilled
// at one per every.
func NewLimiter(burst int, every time.Duration) *Limiter {
	return &Limiter{Burst: burst, Every: every, keys: map[string]*bucket{}}
}

// Allow reports whether key may try now, and if not, how long until it may.
func (l *Limiter) Allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key, now)
	if b.tokens >= 1 {
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) * float64(l.Every))
}

// Fail records a failed attempt by key.
func (l *Limiter) Fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key, now)
	b.tokens = max(0, b.tokens-1)
	if len(l.keys) > maxKeys {
		// Forget the buckets that are full by now, so that memory stays
		// bounded: a bucket's tokens are as of its last use.
		for k, v := range l.keys {
			if l.tokens(v, now) >= float64(l.Burst) {
				delete(l.keys, k)
			}
		}
	}
}

// maxKeys is how many keys a Limiter keeps before it forgets the full
// buckets.
const maxKeys = 100_000

func (l *Limiter) refill(key string, now time.Time) *bucket {
	b, ok := l.keys[key]
	if !ok {
		b = &bucket{tokens: float64(l.Burst), at: now}
		l.keys[key] = b
	}
	if now.After(b.at) {
		b.tokens, b.at = l.tokens(b, now), now
	}
	return b
}

// tokens returns b's tokens at now, refilled since its last use.
func (l *Limiter) tokens(b *bucket, now time.Time) float64 {
	el := now.Sub(b.at)
	if el <= 0 {
		return b.tokens
	}
	return min(float64(l.Burst), b.tokens+float64(el)/float64(l.Every))
}
