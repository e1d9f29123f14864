package gear_test

import (
	"testing"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/gear"
)

func TestWorn(t *testing.T) {
	for _, c := range []struct {
		name string
		s    gear.Shoe
		want bool
	}{
		{"at its limit", gear.Shoe{LimitKm: 500, DistanceM: 500_000}, true},
		{"past it", gear.Shoe{LimitKm: 500, DistanceM: 520_000}, true},
		{"a metre short", gear.Shoe{LimitKm: 500, DistanceM: 499_999}, false},
		{"no limit", gear.Shoe{DistanceM: 2_000_000}, false},
		{"new", gear.Shoe{LimitKm: 800}, false},
	} {
		if got := c.s.Worn(); got != c.want {
			t.Errorf("%s: Worn() = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		s    gear.Shoe
		want string // error code, "" for none
	}{
		{gear.Shoe{Name: "Pegasus", LimitKm: 800}, ""},
		{gear.Shoe{Name: "Pegasus"}, ""},
		{gear.Shoe{LimitKm: 800}, rebound.EINVALID},
		{gear.Shoe{Name: "Pegasus", LimitKm: -1}, rebound.EINVALID},
	} {
		if got := rebound.ErrorCode(c.s.Validate()); got != c.want {
			t.Errorf("%+v: %q, want %q", c.s, got, c.want)
		}
	}
}
