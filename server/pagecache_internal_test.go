package server

import (
	"testing"

	"github.com/rebound-run/rebound/coach"
)

// The page cache stays within its size, and when full it drops a page of
// the same athlete drawn from an older state before any current page.
func TestPageCacheEvictsStalePagesFirst(t *testing.T) {
	oldAna, bo, newAna := &coach.State{}, &coach.State{}, &coach.State{}
	for round := 0; round < 20; round++ { // map order is random: try often
		c := newPageCache(2)
		c.put(pageKey{viewer: 1, athlete: 1, url: "/runs/1"}, &cachedPage{st: oldAna})
		c.put(pageKey{viewer: 2, athlete: 2, url: "/runs/9"}, &cachedPage{st: bo})
		c.put(pageKey{viewer: 1, athlete: 1, url: "/runs/2"}, &cachedPage{st: newAna})
		if len(c.entries) != 2 {
			t.Fatalf("%d entries in a cache of 2", len(c.entries))
		}
		if _, ok := c.get(pageKey{viewer: 2, athlete: 2, url: "/runs/9"}, bo); !ok {
			t.Fatal("a current page of another athlete was dropped while a stale one was kept")
		}
		if _, ok := c.get(pageKey{viewer: 1, athlete: 1, url: "/runs/2"}, newAna); !ok {
			t.Fatal("the page just put is missing")
		}
		if _, ok := c.get(pageKey{viewer: 1, athlete: 1, url: "/runs/2"}, oldAna); ok {
			t.Fatal("a page is served for another state than the one it was drawn from")
		}
	}
}
