package present

import "github.com/rebound-run/rebound/store"

// Shoe is the JSON of one shoe (`rebound gear --json`, GET and POST
// /api/v1/gear): its name, replacement distance and how far it has gone.
type Shoe struct {
	Name      string  `json:"name"`
	LimitKm   float64 `json:"limit_km"` // 0: no limit set
	Default   bool    `json:"default"`  // given to new runs imported without gear
	Retired   bool    `json:"retired"`
	DistanceM float64 `json:"distance_m"` // over the runs that count towards it
	Runs      int     `json:"runs"`
}

// NewShoe builds the document of s.
func NewShoe(s store.Shoe) Shoe {
	return Shoe{s.Name, s.LimitKm, s.Default, s.Retired, s.DistanceM, s.Runs}
}

// NewGear builds the documents of shoes, an empty list for none.
func NewGear(shoes []store.Shoe) []Shoe {
	out := make([]Shoe, 0, len(shoes))
	for _, s := range shoes {
		out = append(out, NewShoe(s))
	}
	return out
}
