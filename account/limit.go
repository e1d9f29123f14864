package account

import (
	"math"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Limiter slows password guessing without locking an account's owner out.
// It keeps three counts of failed sign-ins, each with its own Rule:
//
//   - per (address, name): the guesses one client makes at one account.
//     Five are free, then each further one waits longer (1 min, 2, 4 … up
//     to an hour). The owner's own typos land here; a success clears it.
//   - per address: one client spraying many names. Twenty are free, then
//     the same doubling waits.
//   - per name: many addresses guessing at one account (a botnet). Ten are
//     free, then the name takes one guess per 5 s, doubling to one per
//     30 s at most. It delays rather than refuses: the wait never exceeds
//     30 s, so a sign-in from a new address gets through within a few
//     tries unless guesses arrive faster than that from addresses that are
//     each still within their own limits. And it does not apply at all
//     to an address from which the name signed in during the last 30
//     days (TrustFor), so the owner at home is never held up by strangers
//     guessing their password, however fast.
//
// Failures are forgiven one per Rule.Forgive without failures, so the
// counts fall back to nothing when the guessing stops; a guess someone
// keeps up once a minute from one address soon waits an hour per try.
//
// Check and count are one step: Reserve counts the attempt as a failure
// before the password is checked, under the lock, so that concurrent
// guesses cannot all pass a check made before any of them failed (sixty
// at once get exactly the five of the burst). Succeeded (and Cancel, for
// an attempt that was no guess: the database failed) gives it back.
//
// IPv6 addresses count by their /64, the block one subscriber gets.
//
// A Limiter is safe for concurrent use and lives in memory: each app
// server keeps its own, so behind a load balancer with N servers an
// attacker gets at most N times the budget, which still caps online
// guessing.
type Limiter struct {
	PerAddressName, PerAddress, PerName Rule
	// TrustFor is how long a successful sign-in exempts its (address,
	// name) from the per-name rule.
	TrustFor time.Duration

	mu   sync.Mutex
	keys map[string]*entry
}

// Rule is one limit on failures per key: Burst failures wait for nothing;
// after them each attempt must come Wait after the latest failure, a wait
// that doubles with each further failure, up to MaxWait. One failure is
// forgiven per Forgive (at least MaxWait, so that a wait runs its course).
type Rule struct {
	Burst   int
	Wait    time.Duration
	MaxWait time.Duration
	Forgive time.Duration
}

// NewLimiter returns a limiter with Rebound's rules (see Limiter).
func NewLimiter() *Limiter {
	return &Limiter{
		PerAddressName: Rule{Burst: 5, Wait: time.Minute, MaxWait: time.Hour, Forgive: time.Hour},
		PerAddress:     Rule{Burst: 20, Wait: time.Minute, MaxWait: time.Hour, Forgive: time.Hour},
		PerName:        Rule{Burst: 10, Wait: 5 * time.Second, MaxWait: 30 * time.Second, Forgive: time.Minute},
		TrustFor:       30 * 24 * time.Hour,
		keys:           map[string]*entry{},
	}
}

// entry is the state of one key.
type entry struct {
	fails   float64   // failures not yet forgiven, as of at
	at      time.Time // when fails was last brought up to date
	last    time.Time // the latest failure counted
	until   time.Time // no attempt before this
	trusted time.Time // (address, name) only: exempt from PerName until then
}

// failures returns e's unforgiven failures at now.
func (e *entry) failures(rule Rule, now time.Time) float64 {
	f := e.fails
	if el := now.Sub(e.at); el > 0 && rule.Forgive > 0 {
		f = max(0, f-float64(el)/float64(rule.Forgive))
	}
	return f
}

// add counts delta failures (a negative delta gives them back) at now,
// and sets the time before which no attempt may come: the latest failure
// plus the wait its count calls for, counting a partly forgiven failure
// as whole. So the wait an attempt is told is the wait it gets.
func (e *entry) add(rule Rule, delta float64, now time.Time) {
	e.fails, e.at = max(0, e.failures(rule, now)+delta), now
	if delta > 0 {
		e.last = now
	}
	n := int(math.Ceil(e.fails - 1e-9))
	if n < rule.Burst {
		e.until = time.Time{}
		return
	}
	d := rule.MaxWait
	if k := n - rule.Burst; k < 30 {
		d = min(d, rule.Wait<<k)
	}
	e.until = e.last.Add(d)
}

// Attempt is a sign-in attempt that Reserve let through. It counts as a
// failure unless Succeeded or Cancel is called.
type Attempt struct {
	l    *Limiter
	keys []limitKey
}

type limitKey struct {
	key  string
	rule Rule
	pair bool // the (address, name) key
}

// Reserve reports whether a sign-in to name from addr may be tried at now
// and, if so, counts it as a failure at once and returns it; if not, it
// returns nil and how long until it may (the longest of the rules that
// refuse it).
func (l *Limiter) Reserve(addr, name string, now time.Time) (*Attempt, time.Duration) {
	addr, name = addressKey(addr), nameKey(name)
	keys := []limitKey{
		{"p\x00" + addr + "\x00" + name, l.PerAddressName, true},
		{"a\x00" + addr, l.PerAddress, false},
		{"n\x00" + name, l.PerName, false},
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.keys == nil {
		l.keys = map[string]*entry{}
	}
	if pair := l.keys[keys[0].key]; pair != nil && now.Before(pair.trusted) {
		keys = keys[:2]
	}
	var wait time.Duration
	for _, k := range keys {
		if e := l.keys[k.key]; e != nil {
			wait = max(wait, e.until.Sub(now))
		}
	}
	if wait > 0 {
		return nil, wait
	}
	for _, k := range keys {
		e := l.keys[k.key]
		if e == nil {
			e = &entry{at: now}
			l.keys[k.key] = e
		}
		e.add(k.rule, 1, now)
	}
	l.trim(now)
	return &Attempt{l: l, keys: keys}, 0
}

// Succeeded gives the attempt back: the right password is no guess. Its
// (address, name) starts afresh and is trusted for TrustFor.
func (a *Attempt) Succeeded(now time.Time) { a.release(now, true) }

// Cancel gives the attempt back without trusting anything: it was never
// decided (the database failed).
func (a *Attempt) Cancel(now time.Time) { a.release(now, false) }

func (a *Attempt) release(now time.Time, ok bool) {
	l := a.l
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range a.keys {
		e := l.keys[k.key]
		if e == nil {
			continue // trimmed meanwhile
		}
		e.add(k.rule, -1, now)
		if ok && k.pair {
			e.fails, e.until, e.trusted = 0, time.Time{}, now.Add(l.TrustFor)
		}
	}
	a.keys = nil // once
}

// maxKeys is how many keys a Limiter keeps before it forgets the ones
// whose failures are all forgiven and that trust nothing. If a flood of
// addresses and names leaves more than that, it forgets arbitrary
// untrusted keys too, so that memory stays bounded (those keys' counts
// start afresh: a flood that large weakens the limits a little for the
// keys it pushes out, never more than one burst each).
const maxKeys = 100_000

// trim keeps the map within maxKeys.
func (l *Limiter) trim(now time.Time) {
	if len(l.keys) <= maxKeys {
		return
	}
	for k, e := range l.keys {
		if e.failures(l.ruleOf(k), now) == 0 && !now.Before(e.until) && !now.Before(e.trusted) {
			delete(l.keys, k)
		}
	}
	for k, e := range l.keys {
		if len(l.keys) <= maxKeys*9/10 {
			break
		}
		if !now.Before(e.trusted) {
			delete(l.keys, k)
		}
	}
}

// ruleOf is the rule of a key by its kind.
func (l *Limiter) ruleOf(key string) Rule {
	switch key[0] {
	case 'p':
		return l.PerAddressName
	case 'a':
		return l.PerAddress
	}
	return l.PerName
}

// addressKey is the part of a client address that counts: the address,
// or an IPv6 address's /64.
func addressKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// nameKey is a user name as it counts: case-folded (names are
// case-insensitive) and cut at 64 bytes, longer than any valid name, so
// that a flood of huge names cannot take much memory.
func nameKey(name string) string {
	name = strings.ToLower(name)
	if len(name) > 64 {
		name = name[:64]
	}
	return name
}
