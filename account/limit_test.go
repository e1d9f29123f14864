package account

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// try is one sign-in attempt through l: ok tells whether Reserve let it
// through; a let-through attempt succeeds when right is set and fails
// otherwise.
func try(l *Limiter, addr, name string, now time.Time, right bool) (ok bool, wait time.Duration) {
	a, wait := l.Reserve(addr, name, now)
	if a == nil {
		return false, wait
	}
	if right {
		a.Succeeded(now)
	}
	return true, 0
}

// The (address, name) rule: five guesses free, then waits that double
// from a minute up to an hour, counted from the latest failure. Another
// name or address is not held up by them.
func TestLimiterBackoff(t *testing.T) {
	l := NewLimiter()
	for i := range 5 {
		if ok, _ := try(l, "198.51.100.7", "ana", t0, false); !ok {
			t.Fatalf("guess %d refused within the burst", i+1)
		}
	}
	now := t0
	for i := range 12 {
		ok, want := try(l, "198.51.100.7", "ana", now, false)
		// The waits double from a minute; as failures are forgiven (one
		// an hour), they settle at half an hour to an hour.
		if early := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute}; ok ||
			i < len(early) && want != early[i] || i >= len(early) && (want < 30*time.Minute || want > time.Hour) {
			t.Fatalf("guess %d after the burst: let through %v, wait %v", i+1, ok, want)
		}
		if ok, _ := try(l, "198.51.100.7", "ana", now.Add(want-time.Second), false); ok {
			t.Fatalf("let through a second before the %v wait ended", want)
		}
		now = now.Add(want)
		if ok, _ := try(l, "198.51.100.7", "ana", now, false); !ok {
			t.Fatalf("refused when the %v wait ended", want)
		}
	}
	if ok, _ := try(l, "198.51.100.7", "bo", now, false); !ok {
		t.Error("the same address is refused another name at once")
	}
	if ok, _ := try(l, "203.0.113.9", "ana", now, false); !ok {
		t.Error("another address is refused the name at once")
	}
	// Quiet for a day, everything is forgiven.
	if ok, _ := try(l, "198.51.100.7", "ana", now.Add(24*time.Hour), false); !ok {
		t.Error("still refused a day after the last guess")
	}
}

// Sixty guesses at once pass a burst of five only five times: the check
// and the count are one step.
func TestLimiterConcurrentGuesses(t *testing.T) {
	l := NewLimiter()
	var wg sync.WaitGroup
	var mu sync.Mutex
	passed := 0
	for range 60 {
		wg.Go(func() {
			if a, _ := l.Reserve("198.51.100.7", "ana", t0); a != nil {
				mu.Lock()
				passed++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if passed != 5 {
		t.Errorf("%d of 60 concurrent guesses let through, want the burst of 5", passed)
	}
}

// Someone guessing once a minute never keeps the owner out: not from the
// owner's usual address, and not from a new one either, whether the
// guesses come from one address or each from another.
func TestLimiterOwnerNotLockedOut(t *testing.T) {
	for _, tt := range []struct {
		name     string
		attacker func(minute int) string
	}{
		{"one address", func(int) string { return "198.51.100.7" }},
		{"a new address each minute", func(m int) string { return fmt.Sprintf("10.%d.%d.%d", m>>16&255, m>>8&255, m&255) }},
	} {
		l := NewLimiter()
		if ok, _ := try(l, "192.0.2.1", "ana", t0, true); !ok { // the owner at home, once
			t.Fatal("the owner's first sign-in refused")
		}
		for m := range 3 * 24 * 60 { // three days of a guess a minute
			now := t0.Add(time.Duration(m) * time.Minute)
			try(l, tt.attacker(m), "ana", now, false)
			if m%97 != 13 {
				continue
			}
			// The owner, from home and from a new address (retrying
			// after the wait they are told, at most three times).
			if ok, wait := try(l, "192.0.2.1", "ana", now.Add(time.Second), true); !ok {
				t.Fatalf("%s: minute %d: the owner refused at home (wait %v)", tt.name, m, wait)
			}
			at, ok := now.Add(2*time.Second), false
			for i := 0; i < 3 && !ok; i++ {
				var wait time.Duration
				if ok, wait = try(l, fmt.Sprintf("203.0.113.%d", m%250), "ana", at, true); !ok {
					if wait > 30*time.Second {
						t.Fatalf("%s: minute %d: the owner at a new address told to wait %v", tt.name, m, wait)
					}
					at = at.Add(wait)
				}
			}
			if !ok {
				t.Fatalf("%s: minute %d: the owner at a new address refused three times", tt.name, m)
			}
		}
	}
}

// Many addresses guessing one name fast are held to the name's pace,
// one guess per 30 s at most, but an address the owner signed in from is
// not held up by them at all.
func TestLimiterPerName(t *testing.T) {
	l := NewLimiter()
	try(l, "192.0.2.1", "ana", t0, true)
	passed := 0
	for i := range 600 { // ten minutes of a guess a second from 600 addresses
		now := t0.Add(time.Duration(i) * time.Second)
		if ok, _ := try(l, fmt.Sprintf("10.0.%d.%d", i/250, i%250), "ana", now, false); ok {
			passed++
		}
		if i%10 == 0 {
			if ok, wait := try(l, "192.0.2.1", "ana", now, true); !ok {
				t.Fatalf("second %d: the owner at home refused (wait %v)", i, wait)
			}
		}
	}
	if passed > 10+600/30+1 {
		t.Errorf("%d guesses in ten minutes from many addresses let through, want at most the burst and one per 30 s", passed)
	}
	// The trust is for the address the owner used, not for the name.
	if ok, _ := try(l, "198.51.100.200", "ana", t0.Add(600*time.Second), false); ok {
		t.Error("a new address guessed right after the last let-through guess")
	}
}

// One address spraying names: twenty guesses free, then waits.
func TestLimiterPerAddress(t *testing.T) {
	l := NewLimiter()
	for i := range 20 {
		if ok, _ := try(l, "198.51.100.7", fmt.Sprint("user", i), t0, false); !ok {
			t.Fatalf("guess %d at a new name refused", i+1)
		}
	}
	if ok, wait := try(l, "198.51.100.7", "user20", t0, false); ok || wait != time.Minute {
		t.Errorf("21st guess: let through %v, wait %v; want a wait of 1m", ok, wait)
	}
	// An IPv6 client counts by its /64.
	for i := range 20 {
		try(l, fmt.Sprintf("2001:db8::%x", i+1), fmt.Sprint("user", i), t0, false)
	}
	if ok, _ := try(l, "2001:db8::ffff", "user20", t0, false); ok {
		t.Error("a new address in the same /64 dodged the per-address limit")
	}
}

// A success gives its attempt back and clears its (address, name), so the
// owner's typos do not add up across sign-ins; Cancel gives it back too.
func TestLimiterSuccessAndCancel(t *testing.T) {
	l := NewLimiter()
	for round := range 4 { // 16 typos: within the address's burst of 20
		now := t0.Add(time.Duration(round) * time.Minute)
		for i := range 4 {
			if ok, _ := try(l, "192.0.2.1", "ana", now, false); !ok {
				t.Fatalf("round %d: typo %d refused", round+1, i+1)
			}
		}
		if ok, _ := try(l, "192.0.2.1", "ana", now, true); !ok {
			t.Fatalf("round %d: four typos and the right password refused", round+1)
		}
	}
	l = NewLimiter()
	for range 10 {
		a, _ := l.Reserve("192.0.2.1", "ana", t0)
		if a == nil {
			t.Fatal("a cancelled attempt counted")
		}
		a.Cancel(t0)
	}
}

// The limiter's memory stays bounded: past maxKeys it forgets the keys
// whose failures are all forgiven, then untrusted ones.
func TestLimiterForgets(t *testing.T) {
	l := NewLimiter()
	addr := func(i int) string { return fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255) }
	try(l, "192.0.2.1", "ana", t0, true)
	for i := range maxKeys/3 - 1 { // three keys each: maxKeys in all
		try(l, addr(i), fmt.Sprint("x", i), t0, false)
	}
	if n := len(l.keys); n > maxKeys || n < maxKeys-2 {
		t.Fatalf("%d keys, want just under %d", n, maxKeys)
	}
	later := t0.Add(24 * time.Hour)
	try(l, "198.51.100.7", "bo", later, false)
	if n := len(l.keys); n > 4 {
		t.Errorf("%d keys kept a day after the guesses, want the owner's trusted pair and the newest guess's", n)
	}
	trusted := func() bool { e := l.keys["p\x00192.0.2.1\x00ana"]; return e != nil && later.Before(e.trusted) }
	if !trusted() {
		t.Error("the owner's trusted address was forgotten")
	}
	for i := range maxKeys/3 + 100 { // past maxKeys, none forgiven
		try(l, addr(i), fmt.Sprint("y", i), later, false)
	}
	if n := len(l.keys); n > maxKeys {
		t.Errorf("%d keys kept under a flood, want at most %d", n, maxKeys)
	}
	if !trusted() {
		t.Error("the owner's trusted address was pushed out by a flood")
	}
}
