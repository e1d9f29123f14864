package recovery

import (
	"maps"
	"math"
	"slices"

	"github.com/rebound-run/rebound"
)

// The ranges a check-in's measurements must fall in: plausibility bounds
// (Rebound's rule), wide enough for any trained runner (resting heart
// rates in the high 20s are recorded in elite endurance athletes; rMSSD
// rarely exceeds a few hundred ms), narrow enough to catch a typo.
const (
	RestingHRMin, RestingHRMax = 25.0, 150.0 // bpm
	HRVMin, HRVMax             = 1.0, 400.0  // ms, rMSSD
	HoursInDay                 = 24.0        // the most sleep a night can log
)

// ValidateCheckIn returns an EINVALID error naming the first value of c that
// is out of its range: soreness 0-10 on a known muscle group, sleep 0-24 h,
// sleep quality and stress 1-5, resting heart rate 25-150 bpm, HRV 1-400 ms.
// Absent values (NaN) are fine.
func ValidateCheckIn(c CheckIn) error {
	check := func(name string, v, lo, hi float64) error {
		if !math.IsNaN(v) && (v < lo || v > hi) {
			return rebound.Errorf(rebound.EINVALID, "%s %g is out of range (%g-%g)", name, v, lo, hi)
		}
		return nil
	}
	for _, m := range slices.Sorted(maps.Keys(c.Soreness)) { // the same error every time
		v := c.Soreness[m]
		if !ValidMuscle(m) {
			return rebound.Errorf(rebound.EINVALID, "unknown muscle group %q", m)
		}
		if math.IsNaN(v) || v < 0 || v > 10 {
			return rebound.Errorf(rebound.EINVALID, "soreness of %s must be 0-10, not %g", m, v)
		}
	}
	for _, e := range []error{check("sleep", c.SleepH, 0, HoursInDay), check("sleep quality", c.SleepQuality, 1, 5),
		check("stress", c.Stress, 1, 5), check("resting HR", c.RestingHR, RestingHRMin, RestingHRMax), check("HRV", c.HRVms, HRVMin, HRVMax)} {
		if e != nil {
			return e
		}
	}
	return nil
}
