package sim

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"time"

	"github.com/rebound-run/rebound/activity"
)

// MinEffort is the lowest effort a segment is run at (a brisk walk for
// runs), so that every segment ends.
const MinEffort = 0.3

// Stops during a workout.
const (
	// RedLightProb is the chance that a traffic light is red when the
	// runner reaches it on an easy run, a warm-up or a cool-down; the wait
	// is RedLightMinS to RedLightMaxS, with the timer running.
	RedLightProb = 0.5
	RedLightMinS = 20
	RedLightMaxS = 60
	// DrinkStopMinS and DrinkStopMaxS bound the stop at the drinking
	// fountain at a long run's turnaround, with the timer stopped.
	DrinkStopMinS = 45
	DrinkStopMaxS = 120
	// ShoelaceProb is the chance that an easy run has a short stop with
	// the timer stopped (a shoelace, a phone call) of ShoelaceMinS to
	// ShoelaceMaxS.
	ShoelaceProb = 0.2
	ShoelaceMinS = 20
	ShoelaceMaxS = 45
	// GPSNoiseM and GPSNoiseTauS shape the GPS position error: a slowly
	// wandering offset of a metre or two, as a watch's filtered fixes.
	GPSNoiseM    = 1.5
	GPSNoiseTauS = 30.0
	// BaroNoiseM and BaroNoiseTauS shape the barometric altimeter's
	// wander; BaroOffsetSigmaM is its day-to-day calibration offset.
	BaroNoiseM       = 0.3
	BaroNoiseTauS    = 60.0
	BaroOffsetSigmaM = 3.0
)

// lapInfo is what the FIT encoder needs to know about a lap beyond its
// totals.
type lapInfo struct {
	first     int       // index of the sample the lap starts at
	intensity Intensity // "" when unknown
	trigger   string    // "distance", "time", "manual" or "session_end"
}

// track is a simulated workout: the activity and its laps' FIT details.
type track struct {
	a    *activity.Activity
	laps []lapInfo
}

// Record simulates w second by second and returns the recorded activity:
// one sample a second while the timer runs (none during a stop with the
// timer stopped, which is listed in Pauses), laps (one per segment for
// structured workouts, else every AutoLapM) with totals computed from the
// samples, and DeviceTotals for the whole session. Every value is
// quantised to the resolution of the FIT field it is written to, so that
// a FIT decoder reading WriteFIT's file gets the same numbers back. It
// returns nil for a rest day.
//
// Record is pure and deterministic: the same Runner and Workout give the
// same activity.
func (r Runner) Record(w Workout) *activity.Activity {
	t := r.simulate(w)
	if t == nil {
		return nil
	}
	return t.a
}

// ar1 is a first-order autoregressive noise process with standard
// deviation sigma and correlation time tau (in steps of one second).
type ar1 struct{ x, a, k float64 }

func newAR1(sigma, tau float64) ar1 {
	a := math.Exp(-1 / tau)
	return ar1{a: a, k: sigma * math.Sqrt(1-a*a)}
}

func (n *ar1) next(rng *rand.Rand) float64 {
	n.x = n.a*n.x + n.k*rng.NormFloat64()
	return n.x
}

// sim is the state of one workout's simulation.
type sim struct {
	r    Runner
	w    Workout
	rng  *rand.Rand
	c    *course
	bike bool

	start   time.Time
	elapsed int     // seconds since start
	d       float64 // distance covered, m
	s       float64 // position along the course, m (unwrapped on loops)
	dir     float64 // +1 out, -1 back
	outM    float64 // turnaround distance of an out-and-back, 0 otherwise
	v       float64 // speed, m/s
	hr      float64 // underlying heart rate, bpm
	drift   float64 // cardiac drift, bpm
	dayForm float64 // this workout's heart-rate offset, bpm
	pace    float64 // this workout's pace factor
	air     float64 // air temperature before the diurnal course, °C
	baro    float64 // altimeter offset, m

	paceN, hrN, gpsX, gpsY, baroN ar1

	samples []activity.Sample
	pauses  []activity.Pause
	laps    []lapInfo
	nextLap float64 // next auto-lap distance
}

// workoutStream derives the random stream of one workout from the seed,
// its start time and its kind.
func workoutStream(seed int64, w Workout) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(w.Kind))
	return rand.New(rand.NewPCG(uint64(seed), uint64(w.Start.Unix())^h.Sum64()))
}

func (r Runner) simulate(w Workout) *track {
	if w.Kind == Rest || len(w.Segments) == 0 {
		return nil
	}
	rng := workoutStream(r.Seed, w)
	st := &sim{
		r: r, w: w, rng: rng, c: newCourse(w.Route),
		bike:    w.Sport == activity.Cycling,
		start:   w.Start.Truncate(time.Second),
		dir:     1,
		dayForm: DayFormSigmaBPM * rng.NormFloat64(),
		pace:    1 + 0.01*rng.NormFloat64(),
		air:     WeatherSigmaC * rng.NormFloat64(),
		baro:    BaroOffsetSigmaM * rng.NormFloat64(),
		paceN:   newAR1(PaceNoiseFrac, PaceNoiseTauS),
		hrN:     newAR1(HRNoiseBPM, HRNoiseTauS),
		gpsX:    newAR1(GPSNoiseM, GPSNoiseTauS),
		gpsY:    newAR1(GPSNoiseM, GPSNoiseTauS),
		baroN:   newAR1(BaroNoiseM, BaroNoiseTauS),
		nextLap: w.AutoLapM,
	}
	if !st.c.loop && w.Kind != Hills {
		st.outM = w.PlannedDistanceM() / 2
	}
	st.hr = r.RestingHR + StandingHRAboveRest + 3*rng.NormFloat64()
	st.emit()

	// Stops with the timer stopped: a drink at a long run's turnaround, a
	// shoelace on some easy runs.
	pauseAt, pauseS := -1.0, 0
	switch {
	case w.Kind == Long:
		pauseAt, pauseS = w.PlannedDistanceM()/2, DrinkStopMinS+rng.IntN(DrinkStopMaxS-DrinkStopMinS+1)
	case w.Kind == Easy && rng.Float64() < ShoelaceProb:
		pauseAt = w.PlannedDistanceM() * (0.3 + 0.4*rng.Float64())
		pauseS = ShoelaceMinS + rng.IntN(ShoelaceMaxS-ShoelaceMinS+1)
	}

	for i, seg := range w.Segments {
		if w.AutoLapM <= 0 {
			trig := "distance"
			if seg.DistanceM <= 0 {
				trig = "time"
			}
			st.laps = append(st.laps, lapInfo{first: len(st.samples) - 1, intensity: seg.Intensity, trigger: trig})
		} else if i == 0 {
			st.laps = append(st.laps, lapInfo{first: 0, intensity: Active, trigger: "distance"})
		}
		if w.Kind == Hills {
			st.dir = 1
			if seg.Intensity == Easing || seg.Intensity == CoolDown {
				st.dir = -1
			}
		}
		d0, t0 := st.d, 0
		for (seg.DistanceM > 0 && st.d-d0 < seg.DistanceM) || (seg.DistanceM <= 0 && float64(t0) < seg.DurationS) {
			prevS := st.s
			st.move(seg)
			t0++
			if pauseAt >= 0 && st.d >= pauseAt {
				st.stop(pauseS, true)
				pauseAt = -1
			} else if st.c.crossed(prevS, st.s) && st.lightsMatter(seg) && rng.Float64() < RedLightProb {
				st.stop(RedLightMinS+rng.IntN(RedLightMaxS-RedLightMinS+1), false)
			}
		}
	}
	// Drop an auto-lap that would start at the very last sample.
	if n := len(st.laps); n > 1 && st.laps[n-1].first >= len(st.samples)-1 {
		st.laps = st.laps[:n-1]
	}
	st.laps[len(st.laps)-1].trigger = "session_end"
	return st.finish()
}

// lightsMatter reports whether the runner waits at a red light during
// seg: not in a race (closed roads) and not in a rep or a tempo.
func (st *sim) lightsMatter(seg Segment) bool {
	if st.w.Kind == Race {
		return false
	}
	switch st.w.Kind {
	case Easy, Long, Recovery, Cross:
		return true
	}
	return seg.Intensity == WarmUp || seg.Intensity == CoolDown
}

// move advances the simulation by one second of running (or riding) seg
// and records a sample.
func (st *sim) move(seg Segment) {
	r := st.r
	g := st.c.grade(st.s, st.dir)
	noise := st.paceN.next(st.rng)
	var vo2 float64
	if st.bike {
		p := math.Max(MinEffort, seg.Effort) * r.BikeFTPW * (1 + 2*noise) // power wanders more than pace
		v := bikeSpeed(p, g, r.WeightKg+BikeMassKg)
		if g < -0.04 || v > BikeMaxSpeedMS {
			// Coast (or brake) downhill.
			p = 0
			v = math.Min(BikeMaxSpeedMS, bikeSpeed(0, g, r.WeightKg+BikeMassKg))
		}
		st.v += (v - st.v) * (1 - math.Exp(-1/(2*SpeedTauS)))
		if p > 0 {
			vo2 = cyclingVO2(p, r.WeightKg)
		} else {
			vo2 = RestingVO2
		}
	} else {
		vFlat := math.Max(MinEffort, seg.Effort) * r.ThresholdSpeedMS() * st.pace * (1 + noise)
		if st.w.Kind == Race {
			vFlat *= racePacing(st.d, seg.DistanceM)
		}
		v := vFlat * gradeSpeedFactor(g)
		st.v += (v - st.v) * (1 - math.Exp(-1/SpeedTauS))
		vo2 = runningVO2(st.v, g)
	}
	st.advance(st.v)
	st.heart(r.vo2Reserve(vo2), true)
	st.elapsed++
	st.emit()
	if st.w.AutoLapM > 0 && st.d >= st.nextLap {
		st.laps = append(st.laps, lapInfo{first: len(st.samples) - 1, intensity: Active, trigger: "distance"})
		for st.nextLap <= st.d {
			st.nextLap += st.w.AutoLapM
		}
	}
}

// advance moves the runner dd metres along the course.
func (st *sim) advance(dd float64) {
	st.d += dd
	switch {
	case st.outM > 0:
		if st.d <= st.outM {
			st.s, st.dir = st.d, 1
		} else {
			st.s, st.dir = math.Max(0, 2*st.outM-st.d), -1
		}
	case st.c.loop:
		st.s += dd
	default:
		st.s = math.Max(0, math.Min(st.c.length, st.s+st.dir*dd))
	}
}

// heart advances heart rate by one second at effort vo2r (a fraction of
// VO2 reserve); drift accumulates only while moving.
func (st *sim) heart(vo2r float64, moving bool) {
	r := st.r
	target := r.RestingHR + StandingHRAboveRest
	if moving {
		target = math.Max(target, r.RestingHR+math.Min(1, vo2r)*(r.MaxHR-r.RestingHR))
		heat := 1 + HeatDriftPerC*math.Max(0, st.air+airTempC(st.now())-HeatDriftThresholdC)
		st.drift += r.CardiacDriftBPMPerHour / 3600 * math.Max(0, vo2r) / DriftReferenceVO2R * heat
	} else {
		st.drift *= math.Exp(-1 / DriftDecayTauS)
	}
	target = math.Min(r.MaxHR, target+st.drift+st.dayForm)
	tau := HRTauUpS
	if target < st.hr {
		tau = HRTauDownS
	}
	st.hr += (target - st.hr) * (1 - math.Exp(-1/tau))
}

// stop brings the runner to a halt for wait seconds: standing with the
// timer running (samples continue at speed 0), or with the timer stopped
// (no samples; a Pause from the last sample to the next).
func (st *sim) stop(wait int, timerStopped bool) {
	// Slow down over a couple of seconds.
	for st.v > 0.3 {
		st.v *= 0.4
		st.advance(st.v)
		st.heart(0, false)
		st.elapsed++
		st.emit()
	}
	st.v = 0
	if timerStopped {
		from := st.now()
		for range wait {
			st.heart(0, false)
			st.elapsed++
		}
		st.pauses = append(st.pauses, activity.Pause{Start: from, End: st.now()})
		st.emit()
		return
	}
	for range wait {
		st.heart(0, false)
		st.elapsed++
		st.emit()
	}
}

func (st *sim) now() time.Time { return st.start.Add(time.Duration(st.elapsed) * time.Second) }

// emit records a sample of the current state, quantised to FIT
// resolution.
func (st *sim) emit() {
	r := st.r
	t := st.now()
	x, y := st.c.xy(st.s)
	x += st.gpsX.next(st.rng)
	y += st.gpsY.next(st.rng)
	lat, lon := latLon(r.StartLat, r.StartLon, x, y)
	s := activity.NewSample(t)
	s.LatDeg, s.LonDeg = quantSemicircles(lat), quantSemicircles(lon)
	s.AltitudeM = quantAltitude(st.c.altitude(st.s) + st.baro + st.baroN.next(st.rng))
	s.DistanceM = math.Round(st.d*100) / 100
	s.SpeedMS = math.Round(st.v*1000) / 1000
	hr := math.Round(st.hr + st.hrN.next(st.rng))
	s.HeartRateBPM = math.Max(r.RestingHR-5, math.Min(r.MaxHR, hr))
	s.CadenceSPM = st.cadence()
	warm := WristTempBiasC * (1 - math.Exp(-float64(st.elapsed)/WristTempTauS))
	s.TemperatureC = math.Round(airTempC(t) + st.air + warm)
	st.samples = append(st.samples, s)
}

// cadence returns the current cadence: running in steps per minute (a
// whole number of strides, as FIT stores it), cycling in rpm; 0 when
// standing or coasting.
func (st *sim) cadence() float64 {
	if st.bike {
		g := st.c.grade(st.s, st.dir)
		if st.v < 1 || g < -0.04 {
			return 0
		}
		return math.Round(BikeCadenceRPM - 100*math.Max(0, g) + 3*st.rng.NormFloat64())
	}
	if st.v < 1 {
		return 0
	}
	spm := st.r.CadenceSPM + CadenceSPMPerMS*(st.v-3) + CadenceNoiseSPM*st.rng.NormFloat64()
	spm = math.Max(MinRunCadenceSPM, math.Min(MaxRunCadenceSPM, spm))
	return 2 * math.Round(spm/2)
}

// racePacing is the race's speed profile relative to even pace: a
// slightly fast first kilometre, a fade over the last third and a kick
// over the final 800 m.
func racePacing(d, total float64) float64 {
	f := 1 + 0.02*math.Exp(-d/1500)
	if d > 2*total/3 {
		f -= 0.015 * math.Min(1, (d-2*total/3)/(total/3))
	}
	if d > total-800 {
		f += 0.04
	}
	return f
}

// bikeSpeed solves the road-cycling power equation
//
//	p = v·m·g·(Crr + grade) + ½·ρ·CdA·v³
//
// for the speed v (m/s) at power p on grade, by bisection.
func bikeSpeed(p, grade, massKg float64) float64 {
	f := func(v float64) float64 {
		return p - v*massKg*9.81*(BikeCrr+grade) - 0.5*AirDensityKgM3*BikeCdAM2*v*v*v
	}
	lo, hi := 0.0, 40.0
	if f(hi) > 0 {
		return hi
	}
	for range 50 {
		mid := (lo + hi) / 2
		if f(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// quantSemicircles rounds degrees to FIT's semicircles (2³¹ per 180°).
func quantSemicircles(deg float64) float64 {
	return float64(toSemicircles(deg)) * 180 / (1 << 31)
}

func toSemicircles(deg float64) int32 { return int32(math.Round(deg * (1 << 31) / 180)) }

// quantAltitude rounds to FIT's enhanced_altitude (scale 5, offset 500).
func quantAltitude(m float64) float64 { return math.Round((m+500)*5)/5 - 500 }
