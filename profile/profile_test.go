package profile_test

import (
	"testing"
	"time"

	"github.com/rebound-run/rebound/profile"
)

// TestOffsetZone: a watch's UTC offset names a fixed zone the profile can
// hold ("UTC-05:00"), which Location loads and Validate accepts.
func TestOffsetZone(t *testing.T) {
	for _, tc := range []struct {
		offsetS int
		name    string
	}{{-5 * 3600, "UTC-05:00"}, {3600, "UTC+01:00"}, {19800, "UTC+05:30"}, {0, "UTC+00:00"}} {
		name := profile.OffsetZone(tc.offsetS)
		p := profile.Profile{Timezone: name}
		_, off := time.Date(2026, 1, 1, 0, 0, 0, 0, p.Location()).Zone()
		if name != tc.name || off != tc.offsetS || p.Validate() != nil {
			t.Errorf("OffsetZone(%d) = %q (offset %d, %v), want %q", tc.offsetS, name, off, p.Validate(), tc.name)
		}
	}
	if err := (profile.Profile{Timezone: "UTC+25:00"}).Validate(); err == nil {
		t.Error("UTC+25:00 accepted")
	}
}
