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
	if len(l.keys) > 100_000 { // forget full buckets so memory stays bounded
		for k, v := range l.keys {
			if v.tokens >= float64(l.Burst) {
				delete(l.keys, k)
			}
		}
	}
}

func (l *Limiter) refill(key string, now time.Time) *bucket {
	b, ok := l.keys[key]
	if !ok {
		b = &bucket{tokens: float64(l.Burst), at: now}
		l.keys[key] = b
	}
	if el := now.Sub(b.at); el > 0 {
		b.tokens = min(float64(l.Burst), b.tokens+float64(el)/float64(l.Every))
		b.at = now
	}
	return b
}
