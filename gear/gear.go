// Package gear is the runner's gear as Rebound sees it: shoes (or any
// gear) and how far they have gone. It is a pure domain package: the
// store keeps shoes (store.Shoe is this Shoe), the coaching warns of a
// worn-out one (coach.History.Shoes) and the shells show them.
package gear

import "github.com/rebound-run/rebound"

// Shoe is a pair of running shoes (or any gear) and how far it has gone.
// Its JSON is present.Shoe.
type Shoe struct {
	Name    string
	LimitKm float64 // 0: no limit set
	// Default shoes are given to new runs imported without gear.
	Default bool
	Retired bool
	// DistanceM and Runs are computed: the sum over activities whose
	// Gear is Name.
	DistanceM float64
	Runs      int
}

// Validate returns EINVALID for a shoe without a name or with a limit
// that is not 0 km or more.
func (s Shoe) Validate() error {
	if s.Name == "" || !(s.LimitKm >= 0) {
		return rebound.Errorf(rebound.EINVALID, "a shoe needs a name and a limit of 0 km or more")
	}
	return nil
}

// Worn reports whether s has gone its limit or further; a shoe without a
// limit never is.
func (s Shoe) Worn() bool { return s.LimitKm > 0 && s.DistanceM/1000 >= s.LimitKm }
