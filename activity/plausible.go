package activity

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Plausibility bounds: what a recorded workout can be. Sanitize drops
// sample values outside them and Implausible names an activity that,
// whole, cannot be a workout. Each bound is far beyond what a person does,
// so that no real recording loses anything; SECURITY.md ("Files and archives") lists
// them with their sources.
const (
	// MaxNameRunes is the longest name, device or sub-sport label kept
	// (Strava allows activity names of about 100 characters).
	MaxNameRunes = 200

	// MaxFootSpeedMS is the fastest anyone has moved on foot: 12.5 m/s
	// (Usain Bolt's 100 m in 2009 peaked at 12.4 m/s, 44.7 km/h).
	MaxFootSpeedMS = 12.5
	// MaxCyclingSpeedMS is 40 m/s (144 km/h), beyond the fastest descents
	// of road racing (about 130 km/h).
	MaxCyclingSpeedMS = 40
	// MaxSwimSpeedMS is 5 m/s, twice the 50 m freestyle record (2.4 m/s)
	// to leave room for a current in open water.
	MaxSwimSpeedMS = 5
	// MaxOtherSpeedMS bounds the sports Rebound does not name (skiing,
	// paddling, skating): 100 m/s (360 km/h).
	MaxOtherSpeedMS = 100

	// MaxCadence bounds cadence in steps (running) or revolutions (cycling)
	// a minute: sprinters reach about 280 steps a minute, track cyclists
	// about 250 rpm.
	MaxCadence = 300
	// MaxPowerW bounds power: elite track sprinters peak at about 2,500 W.
	MaxPowerW = 3000
	// MinAltitudeM and MaxAltitudeM bound altitude: the Dead Sea shore
	// (-430 m) and Everest (8,849 m), with room for barometric drift.
	MinAltitudeM = -1000
	MaxAltitudeM = 10000
	// MinTempC and MaxTempC bound a device's temperature sensor.
	MinTempC = -60
	MaxTempC = 70

	// MaxElapsed is the longest an activity can last: 14 days, longer than
	// the longest single-stage races (the Tor des Glaciers, 450 km, has a
	// 190-hour limit).
	MaxElapsed = 14 * 24 * time.Hour
	// MaxDistanceM is the longest an activity can go: 5,000 km, the Race
	// Across America.
	MaxDistanceM = 5_000_000
	// MaxFutureStart is how far after its import an activity may start (a
	// device's clock set to another zone, a day at most).
	MaxFutureStart = 24 * time.Hour

	// MaxLaps is the most laps kept (a track workout of 400 m repeats
	// over a whole day is a few hundred).
	MaxLaps = 10_000
)

// EarliestStart is the earliest start an activity may have: 1990-01-01
// UTC. GPS watches came later; FIT times count from 1989-12-31, so a
// device whose clock was never set writes dates just after that.
var EarliestStart = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// MaxSpeedMS is the fastest plausible speed in sport, in m/s.
func MaxSpeedMS(s Sport) float64 {
	switch s {
	case Running, Trail, Treadmill, Walking, Hiking, Strength:
		return MaxFootSpeedMS
	case Cycling:
		return MaxCyclingSpeedMS
	case Swimming:
		return MaxSwimSpeedMS
	}
	return MaxOtherSpeedMS
}

// Implausible says why a, with its summary s and imported at importedAt,
// cannot be a real workout, or returns "" when it can: a start before
// EarliestStart or more than MaxFutureStart after importedAt (when
// importedAt is set), an elapsed time over MaxElapsed, a distance over
// MaxDistanceM, or an average speed over elapsed time above a.MaxSpeedMS.
// The coaching leaves such activities out (app.LoadHistory).
func Implausible(a *Activity, s Summary, importedAt time.Time) string {
	switch {
	case a.Start.Before(EarliestStart):
		return fmt.Sprintf("it starts on %s, before %d (the device's clock was not set?)", a.Start.UTC().Format(time.DateOnly), EarliestStart.Year())
	case !importedAt.IsZero() && a.Start.After(importedAt.Add(MaxFutureStart)):
		return fmt.Sprintf("it starts on %s, after the day it was imported", a.Start.UTC().Format(time.DateOnly))
	case s.ElapsedS > MaxElapsed.Seconds():
		return fmt.Sprintf("it lasts %.0f days, more than %.0f", s.ElapsedS/86400, MaxElapsed.Hours()/24)
	case s.DistanceM > MaxDistanceM:
		return fmt.Sprintf("it covers %.0f km, more than %d", s.DistanceM/1000, MaxDistanceM/1000)
	case s.ElapsedS > 0 && s.DistanceM/s.ElapsedS > a.MaxSpeedMS():
		return fmt.Sprintf("its average speed, %.1f m/s, is beyond anyone's in %s (%.1f m/s)", s.DistanceM/s.ElapsedS, a.Sport, a.MaxSpeedMS())
	}
	return ""
}

// MaxSpeedMS is the fastest plausible speed in a's sport, or in the
// fastest of its legs for a multisport activity.
func (a *Activity) MaxSpeedMS() float64 {
	v := MaxSpeedMS(a.Sport)
	for _, l := range a.Legs {
		v = max(v, MaxSpeedMS(l))
	}
	return v
}

// Sanitize drops from a the values no device can have recorded and bounds
// its texts, adding a warning for each kind of change: sample values
// outside the bounds above become absent (NaN); a cumulative distance or a
// position that jumps faster than MaxSpeedMS(a.Sport) from the last kept
// one is dropped (a.MaxSpeedMS: a triathlon's ride keeps its speeds);
// device totals beyond the bounds become absent; Name,
// Device and SubSport lose control characters and are cut to MaxNameRunes;
// laps beyond MaxLaps are dropped. Run it before Compute.
func Sanitize(a *Activity) {
	var w []string
	note := func(n int, format string, args ...any) {
		if n > 0 {
			w = append(w, fmt.Sprintf("%d %s", n, fmt.Sprintf(format, args...)))
		}
	}
	a.Name, a.Device, a.SubSport = CleanText(a.Name, "name", &w), CleanText(a.Device, "device name", &w), CleanText(a.SubSport, "sub-sport", &w)
	maxSpeed := a.MaxSpeedMS()
	var hr, speed, cad, power, alt, temp, pos, dist, jumpDist, jumpPos int
	// Every jump test first compares with the shortest reach (a second's
	// worth), which needs no time arithmetic and settles almost every
	// sample; this loop runs over every sample of every import.
	minReach := reach(time.Time{}, time.Time{}, maxSpeed)
	lastDist, lastPos, posRun := -1, -1, 0
	for i := range a.Samples {
		s := &a.Samples[i]
		if outside(s.HeartRateBPM, MinHRBPM, MaxHRBPM) {
			s.HeartRateBPM, hr = NaN, hr+1
		}
		if outside(s.SpeedMS, 0, maxSpeed) {
			s.SpeedMS, speed = NaN, speed+1
		}
		if outside(s.CadenceSPM, 0, MaxCadence) {
			s.CadenceSPM, cad = NaN, cad+1
		}
		if outside(s.PowerW, 0, MaxPowerW) {
			s.PowerW, power = NaN, power+1
		}
		if outside(s.AltitudeM, MinAltitudeM, MaxAltitudeM) {
			s.AltitudeM, alt = NaN, alt+1
		}
		if outside(s.TemperatureC, MinTempC, MaxTempC) {
			s.TemperatureC, temp = NaN, temp+1
		}
		if outside(s.LatDeg, -90, 90) || outside(s.LonDeg, -180, 180) || Has(s.LatDeg) != Has(s.LonDeg) {
			s.LatDeg, s.LonDeg, pos = NaN, NaN, pos+1
		}
		if outside(s.DistanceM, 0, MaxDistanceM) {
			s.DistanceM, dist = NaN, dist+1
		}
		if Has(s.DistanceM) {
			if lastDist >= 0 && s.DistanceM-a.Samples[lastDist].DistanceM > minReach &&
				s.DistanceM-a.Samples[lastDist].DistanceM > reach(a.Samples[lastDist].Time, s.Time, maxSpeed) {
				s.DistanceM, jumpDist = NaN, jumpDist+1
			} else {
				lastDist = i
			}
		}
		if s.HasPosition() {
			// A point too far from the last kept one is dropped, unless
			// rerun points in a row are: then the last kept one was the
			// odd one (a first fix far off) and the track goes on from here.
			p := &a.Samples[max(lastPos, 0)]
			if lastPos >= 0 && posRun < rerun && farther(p, s, minReach) && farther(p, s, reach(p.Time, s.Time, maxSpeed)) {
				s.LatDeg, s.LonDeg, jumpPos, posRun = NaN, NaN, jumpPos+1, posRun+1
			} else {
				lastPos, posRun = i, 0
			}
		}
	}
	note(hr, "heart-rate values outside %d-%d bpm dropped", MinHRBPM, MaxHRBPM)
	note(speed, "speeds above %.1f m/s (or negative) dropped", maxSpeed)
	note(cad, "cadence values above %d dropped", MaxCadence)
	note(power, "power values above %d W dropped", MaxPowerW)
	note(alt, "altitudes outside %d to %d m dropped", MinAltitudeM, MaxAltitudeM)
	note(temp, "temperatures outside %d to %d °C dropped", MinTempC, MaxTempC)
	note(pos, "positions off the globe dropped")
	note(dist, "distances outside 0-%d km dropped", MaxDistanceM/1000)
	note(jumpDist, "distance readings that jump faster than %.1f m/s dropped", maxSpeed)
	note(jumpPos, "positions that jump faster than %.1f m/s dropped", maxSpeed)
	if t := a.DeviceTotals; t != nil {
		n := 0
		for _, f := range []struct {
			v      *float64
			lo, hi float64
		}{
			{&t.DistanceM, 0, MaxDistanceM}, {&t.ElapsedS, 0, MaxElapsed.Seconds()}, {&t.TimerS, 0, MaxElapsed.Seconds()},
			{&t.AvgHR, MinHRBPM, MaxHRBPM}, {&t.MaxHR, MinHRBPM, MaxHRBPM}, {&t.AscentM, 0, MaxDistanceM},
			{&t.DescentM, 0, MaxDistanceM}, {&t.AvgCadenceSPM, 0, MaxCadence}, {&t.Calories, 0, 1e5},
		} {
			switch {
			case *f.v == 0 && f.lo > 0: // a heart rate of 0: FIT's "none"
				*f.v = NaN
			case outside(*f.v, f.lo, f.hi):
				*f.v, n = NaN, n+1
			}
		}
		note(n, "impossible values in the file's own totals dropped")
	}
	if len(a.Laps) > MaxLaps {
		note(len(a.Laps)-MaxLaps, "laps beyond the first %d dropped", MaxLaps)
		a.Laps = a.Laps[:MaxLaps:MaxLaps]
	}
	a.Warnings = append(a.Warnings, w...)
}

// outside reports whether v is outside [lo, hi]; NaN (absent) is not.
func outside(v, lo, hi float64) bool { return v < lo || v > hi }

// farther reports whether the positions of a and b are more than d metres
// apart. Most points are a few metres from the last: a bound that needs no
// trigonometry (a degree of latitude is 111.2 km, one of longitude at most
// 111.3 km) settles those, and only the rest take a Haversine.
func farther(a, b *Sample, d float64) bool {
	dy, dx := (b.LatDeg-a.LatDeg)*111_195, (b.LonDeg-a.LonDeg)*111_321
	if dx*dx+dy*dy <= d*d {
		return false
	}
	return Haversine(a.LatDeg, a.LonDeg, b.LatDeg, b.LonDeg) > d
}

// rerun is how many positions in a row Sanitize drops as jumps before it
// takes the track to go on from the next.
const rerun = 5

// reach is how far one can plausibly go from t0 to t1 at speed m/s: a
// second's worth at least, plus 50 m for GPS noise.
func reach(t0, t1 time.Time, speed float64) float64 {
	return speed*math.Max(t1.Sub(t0).Seconds(), 1) + 50
}

// CleanText returns s without control or other non-printing characters
// (they would reach a terminal), cut to MaxNameRunes, and appends to w a
// warning naming what (the "name", the "gear") for each change. The result
// never shares memory with s, so a long s can be freed.
func CleanText(s, what string, w *[]string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	n, dropped, cut := 0, 0, false
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' || r == utf8.RuneError {
			dropped++
			continue
		}
		if n == MaxNameRunes {
			cut = true
			break
		}
		b.WriteRune(r)
		n++
	}
	if dropped > 0 {
		*w = append(*w, fmt.Sprintf("%d control or invalid characters removed from the %s", dropped, what))
	}
	if cut {
		*w = append(*w, fmt.Sprintf("the %s was cut to %d characters (it had %d bytes)", what, MaxNameRunes, len(s)))
	}
	if !cut && dropped == 0 {
		return strings.Clone(s)
	}
	return strings.TrimSpace(b.String())
}
