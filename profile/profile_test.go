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

// TestZoneName: an Etc/GMT zone reads as its offset with the sign the
// other way round (Etc/GMT-1 is one hour ahead of UTC, so UTC+01:00;
// review 2 #36), checked against the zone database's own offset.
func TestZoneName(t *testing.T) {
	for name, want := range map[string]string{"Etc/GMT-1": "UTC+01:00", "Etc/GMT+5": "UTC-05:00", "Etc/GMT-14": "UTC+14:00",
		"Etc/GMT": "Etc/GMT", "Europe/Berlin": "Europe/Berlin", "UTC+02:00": "UTC+02:00", "": ""} {
		if got := profile.ZoneName(name); got != want {
			t.Errorf("ZoneName(%q) = %q, want %q", name, got, want)
		}
		if loc, err := time.LoadLocation(name); err == nil && name != "" && want != name {
			_, off := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).Zone()
			if profile.OffsetZone(off) != want {
				t.Errorf("%s is %d s from UTC, named %q", name, off, want)
			}
		}
	}
}
