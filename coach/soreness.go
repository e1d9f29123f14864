package coach

import (
	"time"

	"github.com/rebound-run/rebound/recovery"
)

// SorenessForecast returns each muscle group's soreness at a time as
// today tells it (Today's SorenessNow: its Value at s.Now, its In24h a
// day later): the model's forecast, and from s.Now on, for a muscle
// rated on today's check-in, the rating carried along the forecast's
// shape (recovery.CarryForward). Before s.Now it is the model's forecast
// alone. The soreness page draws and tables it, so that its "now" and
// "peak" are today's.
func (s *State) SorenessForecast() func(t time.Time) recovery.MuscleLoad {
	p, now := s.Params(), s.Now
	fcNow := recovery.SorenessAt(s.Contribs, p, s.Mod, now)
	rated := s.CheckInOn(now)
	return func(t time.Time) recovery.MuscleLoad {
		fc := recovery.SorenessAt(s.Contribs, p, s.Mod, t)
		if rated == nil || t.Before(now) {
			return fc
		}
		out := fc
		for k, m := range recovery.Muscles {
			if v, ok := rated.Soreness[m]; ok {
				out[k] = recovery.CarryForward(v, fcNow[k], fc[k], t.Sub(now).Hours())
			}
		}
		return out
	}
}
