package activity

import (
	"fmt"
	"math"
	"sort"
	"sync"
	"time"
)

// Constants of the metric computations. Each says where its value comes
// from; they are exported so that tests and docs can name them.
const (
	// MaxSampleGapS is the longest interval between two samples that still
	// counts as recorded time. Garmin "smart recording" writes a record
	// every 1-8 s; a longer silence is the device being paused or off, so
	// it counts towards elapsed time only.
	MaxSampleGapS = 30.0

	// MovingSpeedMS is the speed below which a runner is taken to be
	// standing still (1.8 km/h, slower than any walk). Auto-pause on
	// Garmin and Strava's moving time use thresholds of the same order.
	MovingSpeedMS = 0.5

	// SpeedWindowS is the window over which speed is measured for moving
	// time when the device records no speed of its own.
	SpeedWindowS = 5.0

	// MaxStartLead is how long before its first record an activity's start
	// may lie and still count towards elapsed time (a watch waiting for a
	// GPS fix records nothing for up to a few minutes).
	MaxStartLead = 10 * time.Minute

	// DeviceElevationThresholdM and GPSElevationThresholdM are the
	// hysteresis bands of the ascent/descent counter: a climb is counted
	// only once altitude has moved this far from the last turning point.
	// Barometric altimeters drift by about a metre; GPS altitude is noisy
	// by several metres, so it gets a wider band (the same approach as
	// GoldenCheetah's and Runalyze's elevation filters). Tuned against the
	// device totals of the real files in ../shared/testdata.
	DeviceElevationThresholdM = 2.0
	GPSElevationThresholdM    = 5.0

	// GradeWindowM is the horizontal distance over which grade is
	// measured for grade-adjusted pace and downhill distance: short enough
	// to see a hill, long enough that altitude noise of ±1 m gives at most
	// ±4 % of grade error.
	GradeWindowM = 25.0

	// DownhillGrade is the grade (as a fraction) at or below whose negative
	// the ground counts as downhill for DownhillM. At -3 % the knee
	// extensors already work measurably more eccentrically than on the flat
	// (Gottschall & Kram 2005, J Biomech 38:445).
	DownhillGrade = 0.03

	// MinettiGradeLimit bounds the grade fed to Minetti's cost curve, whose
	// polynomial was fitted on -45 % to +45 % (Minetti et al. 2002).
	MinettiGradeLimit = 0.45

	// MinHRBPM and MaxHRBPM bound plausible heart-rate readings; values
	// outside are sensor dropouts and are ignored.
	MinHRBPM = 25
	MaxHRBPM = 250
)

// MinettiCost is the energy cost of running, in J per kg per metre, on the
// grade i (a fraction: 0.1 = 10 % uphill), from Minetti et al. 2002
// (J Appl Physiol 93:1039), equation 4:
//
//	C(i) = 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6
//
// Grades beyond ±MinettiGradeLimit are clamped to it.
func MinettiCost(i float64) float64 {
	i = math.Max(-MinettiGradeLimit, math.Min(MinettiGradeLimit, i))
	return ((((155.4*i-30.4)*i-43.3)*i+46.3)*i+19.5)*i + 3.6
}

// Haversine returns the great-circle distance in metres between two points
// given in degrees, on a sphere of the IUGG mean Earth radius (6,371,008.8 m).
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371008.8
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(math.Min(1, a)))
}

// Compute derives the profile-independent summary of a. It does not modify
// a except to sort its samples by time if they are out of order.
func Compute(a *Activity) Summary {
	s := Summary{
		DistanceSource: "none", ElevationSource: "none",
		DistanceM: 0, ElapsedS: 0, MovingS: 0,
		AvgSpeedMS: NaN, MaxSpeedMS: NaN, GradeAdjustedSpeedMS: NaN,
		AscentM: NaN, DescentM: NaN, DownhillM: NaN,
		AvgHR: NaN, MaxHR: NaN, AvgCadenceSPM: NaN, MaxCadenceSPM: NaN,
		AvgPowerW: NaN, AvgTempC: NaN, MinTempC: NaN, MaxTempC: NaN, DeviceRecoveryH: NaN,
	}
	if a.DeviceRecoveryMin > 0 {
		s.DeviceRecoveryH = a.DeviceRecoveryMin / 60
	}
	samples := a.Samples
	if !timeSorted(samples) {
		sort.SliceStable(samples, func(i, j int) bool { return samples[i].Time.Before(samples[j].Time) })
	}
	if len(samples) < 2 {
		fromTotals(&s, a.DeviceTotals)
		if s.DistanceSource == "totals" && a.Format != "manual" {
			s.Notes = append(s.Notes, "the file has no usable samples: figures are from its own summary")
		}
		heartRate(&s, samples, nil)
		return s
	}
	first := samples[0].Time
	if !a.Start.IsZero() && a.Start.Before(first) && first.Sub(a.Start) <= MaxStartLead {
		// The timer started before the first record (waiting for a GPS
		// fix, a sparse recorder): elapsed time counts from the start.
		first = a.Start
	}
	s.ElapsedS = samples[len(samples)-1].Time.Sub(first).Seconds()

	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	step := sc.steps(samples, a.Pauses)
	distance(&s, samples, step)
	if s.DistanceSource == "none" && a.DeviceTotals != nil && Has(a.DeviceTotals.DistanceM) {
		s.DistanceM, s.DistanceSource = a.DeviceTotals.DistanceM, "totals"
	}
	moving(&s, a.Sport, samples, step)
	trustTotals(&s, a.DeviceTotals)
	elevation(&s, a, samples, step, sc.smoothAltitude(samples))
	heartRate(&s, samples, step)
	averages(&s, samples, step)
	return s
}

// timeSorted reports whether samples are in time order.
func timeSorted(samples []Sample) bool {
	for i := 1; i < len(samples); i++ {
		if samples[i].Time.Before(samples[i-1].Time) {
			return false
		}
	}
	return true
}

// scratch is the working memory of one Compute, pooled so that the import
// of thousands of activities does not make a garbage collector's worth of
// intervals and altitude series.
type scratch struct {
	st  []step
	alt []float64 // raw then smoothed altitudes
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledSamples bounds the scratch a pooled Compute keeps (56 bytes a
// sample): a longer activity's is left to the garbage collector.
const maxPooledSamples = 1 << 14

func (sc *scratch) release() {
	if cap(sc.st) > maxPooledSamples {
		*sc = scratch{}
	}
	scratchPool.Put(sc)
}

// fromTotals fills a summary from the device's totals for an activity that
// has no usable samples (a manual entry, a summary-only file).
func fromTotals(s *Summary, t *Totals) {
	if t == nil {
		return
	}
	if Has(t.DistanceM) {
		s.DistanceM, s.DistanceSource = t.DistanceM, "totals"
	}
	if Has(t.ElapsedS) {
		s.ElapsedS = t.ElapsedS
	}
	s.MovingS = s.ElapsedS
	if Has(t.TimerS) {
		s.MovingS = t.TimerS
		if s.ElapsedS == 0 {
			s.ElapsedS = t.TimerS
		}
	}
	if s.MovingS > 0 && s.DistanceM > 0 {
		s.AvgSpeedMS = s.DistanceM / s.MovingS
		s.GradeAdjustedSpeedMS = s.AvgSpeedMS
	}
	s.AscentM, s.DescentM = t.AscentM, t.DescentM
	s.AvgHR, s.MaxHR, s.AvgCadenceSPM = t.AvgHR, t.MaxHR, t.AvgCadenceSPM
}

// PartialTrackShare is how much larger a file's own distance must be
// than its samples' (beyond 100 m) for Compute to decide that the samples
// cover only part of the activity (a cut-down export, a track that lost
// points) and to trust the summary instead.
const PartialTrackShare = 1.10

// trustTotals replaces the sample-based distance and moving time by the
// file's own totals when the samples plainly cover only part of the
// activity, and says so in Notes.
func trustTotals(s *Summary, t *Totals) {
	if t == nil || !Has(t.DistanceM) || s.DistanceSource == "none" {
		return
	}
	if t.DistanceM > s.DistanceM*PartialTrackShare+100 {
		s.Notes = append(s.Notes, fmt.Sprintf("the file's summary says %.2f km but its samples cover only %.2f km: using the summary",
			t.DistanceM/1000, s.DistanceM/1000))
		s.DistanceM, s.DistanceSource = t.DistanceM, "totals"
		if Has(t.TimerS) && (!Has(t.ElapsedS) || t.TimerS <= t.ElapsedS+1) && t.TimerS > s.MovingS {
			s.MovingS = t.TimerS
			if t.TimerS > s.ElapsedS {
				s.ElapsedS = t.TimerS
			}
			if Has(t.ElapsedS) && t.ElapsedS > s.ElapsedS {
				s.ElapsedS = t.ElapsedS
			}
		}
		if s.MovingS > 0 {
			s.AvgSpeedMS = s.DistanceM / s.MovingS
		}
	}
}

// step describes the interval between sample i-1 and sample i.
type step struct {
	dt      float64 // seconds
	dist    float64 // metres covered, NaN when unknown
	cum     float64 // metres covered from the first sample to sample i
	at      int64   // nanoseconds from the first sample to sample i
	counted bool    // recorded time: dt <= MaxSampleGapS and not inside a pause
}

// steps builds the intervals between consecutive samples. Index 0 is an
// empty interval so that step[i] belongs to sample i.
func (sc *scratch) steps(samples []Sample, pauses []Pause) []step {
	if cap(sc.st) < len(samples) {
		sc.st = make([]step, len(samples))
	}
	st := sc.st[:len(samples)]
	st[0] = step{}
	hasDist := false
	for i := range samples {
		if Has(samples[i].DistanceM) {
			hasDist = true
			break
		}
	}
	lastDist, lastPos := -1, -1
	if hasDist {
		for i := range samples {
			if Has(samples[i].DistanceM) {
				lastDist = i
				break
			}
		}
	}
	for i := range samples {
		if samples[i].HasPosition() {
			lastPos = i
			break
		}
	}
	p := 0
	for i := 1; i < len(samples); i++ {
		prev, cur := &samples[i-1], &samples[i]
		span := cur.Time.Sub(prev.Time)
		dt := span.Seconds()
		x := step{dt: dt, dist: NaN, at: st[i-1].at + int64(span), counted: dt > 0 && dt <= MaxSampleGapS}
		if p < len(pauses) {
			// A pause covers the interval if it covers its midpoint.
			mid := prev.Time.Add(span / 2)
			for p < len(pauses) && !pauses[p].End.After(mid) {
				p++
			}
			if p < len(pauses) && !pauses[p].Start.After(mid) {
				x.counted = false
			}
		}
		switch {
		case hasDist:
			if Has(cur.DistanceM) && lastDist >= 0 {
				d := cur.DistanceM - samples[lastDist].DistanceM
				if d < 0 { // a reset or a glitch: count nothing
					d = 0
				}
				x.dist = d
				lastDist = i
			} else if Has(cur.DistanceM) {
				x.dist, lastDist = 0, i
			}
		case cur.HasPosition() && lastPos >= 0 && lastPos < i:
			d := Haversine(samples[lastPos].LatDeg, samples[lastPos].LonDeg, cur.LatDeg, cur.LonDeg)
			if !x.counted && dt > MaxSampleGapS {
				// Across a recording gap (a new GPX segment, the watch off)
				// the straight line is not a path that was run.
				d = 0
			}
			x.dist = d
			lastPos = i
		case cur.HasPosition():
			lastPos = i
		}
		x.cum = st[i-1].cum
		if Has(x.dist) {
			x.cum += x.dist
		}
		st[i] = x
	}
	return st
}

// seconds returns the time from sample j to sample i in seconds, as
// samples[i].Time.Sub(samples[j].Time).Seconds() does.
func seconds(st []step, i, j int) float64 {
	return time.Duration(st[i].at - st[j].at).Seconds()
}

func distance(s *Summary, samples []Sample, st []step) {
	total, known := 0.0, false
	for _, x := range st {
		if Has(x.dist) {
			total += x.dist
			known = true
		}
	}
	if !known {
		return
	}
	s.DistanceM = total
	s.DistanceSource = "gps"
	for _, x := range samples {
		if Has(x.DistanceM) {
			s.DistanceSource = "device"
			break
		}
	}
}

func moving(s *Summary, sport Sport, samples []Sample, st []step) {
	// A pool swim's distance moves in whole lengths, so its speed between
	// records says nothing: the time recorded is its moving time.
	hasMotion := (s.DistanceSource == "device" || s.DistanceSource == "gps") && sport != Swimming
	maxSpeed := 0.0
	back, fwd := 0, 0
	for i := 1; i < len(st); i++ {
		x := &st[i]
		if !x.counted {
			continue
		}
		if !hasMotion {
			s.MovingS += x.dt
			continue
		}
		v := samples[i].SpeedMS
		if !Has(v) {
			if !Has(x.dist) {
				continue
			}
			v = x.dist / x.dt
			// Devices that write distance only every few records leave
			// zero-distance records while moving. Speed over SpeedWindowS
			// before and after the record, the lower of the two, counts
			// them as moving without blurring the edges of real stops.
			for back < i && seconds(st, i, back) > SpeedWindowS {
				back++
			}
			if fwd < i {
				fwd = i
			}
			for fwd < len(samples)-1 && seconds(st, fwd+1, i-1) <= SpeedWindowS {
				fwd++
			}
			wb := seconds(st, i, back)
			wf := seconds(st, fwd, i-1)
			vb, vf := NaN, NaN
			if wb > 0 {
				vb = (st[i].cum - st[back].cum) / wb
			}
			if wf > 0 {
				vf = (st[fwd].cum - st[i-1].cum) / wf
			}
			switch {
			case back == 0 && wb < SpeedWindowS && Has(vf):
				v = math.Max(v, vf) // the first seconds: no window before
			case fwd == len(samples)-1 && wf < SpeedWindowS && Has(vb):
				v = math.Max(v, vb) // the last seconds: no window after
			case Has(vb) && Has(vf):
				v = math.Max(v, math.Min(vb, vf))
			}
		}
		if v >= MovingSpeedMS {
			s.MovingS += x.dt
			if Has(samples[i].SpeedMS) && v > maxSpeed {
				maxSpeed = v
			}
		}
	}
	if maxSpeed > 0 {
		s.MaxSpeedMS = maxSpeed
	}
	if s.MovingS > 0 && s.DistanceM > 0 {
		s.AvgSpeedMS = s.DistanceM / s.MovingS
	}
}

// elevation computes ascent, descent, downhill distance and
// grade-adjusted speed from the altitude series.
func elevation(s *Summary, a *Activity, samples []Sample, st []step, alt []float64) {
	n := 0
	for _, h := range alt {
		if Has(h) {
			n++
		}
	}
	if n < 2 {
		s.GradeAdjustedSpeedMS = s.AvgSpeedMS
		return
	}
	threshold := DeviceElevationThresholdM
	s.ElevationSource = "device"
	if a.Format != "fit" {
		threshold = GPSElevationThresholdM
		s.ElevationSource = "gps"
	}
	up, down := 0.0, 0.0
	ref := NaN
	for _, h := range alt {
		if !Has(h) {
			continue
		}
		if !Has(ref) {
			ref = h
			continue
		}
		if d := h - ref; d >= threshold {
			up += d
			ref = h
		} else if d <= -threshold {
			down -= d
			ref = h
		}
	}
	s.AscentM, s.DescentM = up, down

	// Grade windows: walk the samples, closing a window once it covers
	// GradeWindowM of horizontal distance.
	flatCost := MinettiCost(0)
	downhill, equivalent, movingDist := 0.0, 0.0, 0.0
	start, acc := -1, 0.0
	for i := range samples {
		if start < 0 {
			if Has(alt[i]) {
				start, acc = i, 0
			}
			continue
		}
		if Has(st[i].dist) && st[i].counted {
			acc += st[i].dist
		}
		if acc < GradeWindowM || !Has(alt[i]) {
			continue
		}
		grade := (alt[i] - alt[start]) / acc
		if grade <= -DownhillGrade {
			downhill += acc
		}
		equivalent += acc * MinettiCost(grade) / flatCost
		movingDist += acc
		start, acc = i, 0
	}
	s.DownhillM = downhill
	s.GradeAdjustedSpeedMS = s.AvgSpeedMS
	if movingDist > 0 && Has(s.AvgSpeedMS) {
		s.GradeAdjustedSpeedMS = s.AvgSpeedMS * equivalent / movingDist
	}
}

// smoothAltitude returns the altitude series with a centred 5-sample
// moving average over present values (NaN where a sample has none). It
// removes single-sample spikes before the hysteresis counter sees them.
func (sc *scratch) smoothAltitude(samples []Sample) []float64 {
	const half = 2
	n := len(samples)
	if cap(sc.alt) < 2*n {
		sc.alt = make([]float64, 2*n)
	}
	raw, out := sc.alt[:n], sc.alt[n:2*n]
	for i := range samples {
		raw[i] = samples[i].AltitudeM
	}
	for i, h := range raw {
		if !Has(h) {
			out[i] = NaN
			continue
		}
		sum, k := 0.0, 0
		for _, h := range raw[max(0, i-half):min(n, i+half+1)] {
			if Has(h) {
				sum += h
				k++
			}
		}
		out[i] = sum / float64(k)
	}
	return out
}

// heartRate fills the average, maximum and histogram of heart rate. Each
// sample's reading is weighted by the recorded time since the previous
// sample (1 s for a lone sample).
func heartRate(s *Summary, samples []Sample, st []step) {
	hist := make([]float64, MaxHRBPM+1)
	sum, weight, peak := 0.0, 0.0, 0.0
	for i, x := range samples {
		hr := x.HeartRateBPM
		if !Has(hr) || hr < MinHRBPM || hr > MaxHRBPM {
			continue
		}
		if hr > peak {
			peak = hr
		}
		w := 1.0
		if st != nil && i > 0 {
			if !st[i].counted {
				continue
			}
			w = st[i].dt
		}
		hist[int(math.Round(hr))] += w
		sum += hr * w
		weight += w
	}
	if peak > 0 {
		s.MaxHR = peak
	}
	if weight > 0 {
		s.AvgHR = sum / weight
		s.HRSeconds = trimHist(hist)
	}
}

func trimHist(h []float64) []float64 {
	n := len(h)
	for n > 0 && h[n-1] == 0 {
		n--
	}
	return h[:n:n]
}

// averages fills cadence, power and temperature figures. Cadence is
// averaged over moving samples with a non-zero reading, as devices do;
// power keeps zeros (coasting is part of the effort).
func averages(s *Summary, samples []Sample, st []step) {
	var cad, pow, temp mean
	maxCad, minT, maxT := 0.0, math.Inf(1), math.Inf(-1)
	for i, x := range samples {
		counted := i == 0 || st[i].counted
		if Has(x.CadenceSPM) && x.CadenceSPM > 0 && counted {
			cad.add(x.CadenceSPM)
			maxCad = math.Max(maxCad, x.CadenceSPM)
		}
		if Has(x.PowerW) && counted {
			pow.add(x.PowerW)
		}
		if Has(x.TemperatureC) {
			temp.add(x.TemperatureC)
			minT, maxT = math.Min(minT, x.TemperatureC), math.Max(maxT, x.TemperatureC)
		}
	}
	s.AvgCadenceSPM, s.AvgPowerW, s.AvgTempC = cad.value(), pow.value(), temp.value()
	if maxCad > 0 {
		s.MaxCadenceSPM = maxCad
	}
	if temp.n > 0 {
		s.MinTempC, s.MaxTempC = minT, maxT
	}
}

type mean struct {
	sum float64
	n   int
}

func (m *mean) add(v float64) { m.sum += v; m.n++ }
func (m mean) value() float64 {
	if m.n == 0 {
		return NaN
	}
	return m.sum / float64(m.n)
}

// PaceSPerKm converts a speed in m/s to a pace in seconds per kilometre
// (NaN for no or zero speed).
func PaceSPerKm(speedMS float64) float64 {
	if !Has(speedMS) || speedMS <= 0 {
		return NaN
	}
	return 1000 / speedMS
}

// Duration converts seconds to a time.Duration rounded to the second.
func Duration(seconds float64) time.Duration {
	if !Has(seconds) {
		return 0
	}
	return time.Duration(math.Round(seconds)) * time.Second
}
