package sim

import (
	"math"
	"time"

	"github.com/rebound-run/rebound/activity"
)

// AscentThresholdM is the hysteresis of the ascent/descent counter over
// the barometric altitude (smoothed over 5 samples), the same 2 m that
// activity.Compute uses for device altitude: altimeter noise of a few
// decimetres then adds nothing.
const AscentThresholdM = 2.0

// DeviceName is what the simulated watch calls itself: the FIT file_id's
// product_name, with manufacturer "development".
const DeviceName = "rebound-sim"

// summary is a lap's or a session's totals plus the extra figures the FIT
// messages carry.
type summary struct {
	activity.Totals
	maxSpeed, avgSpeed        float64
	maxCadence                float64 // spm or rpm
	avgTemp, minTemp, maxTemp float64
	minAlt, maxAlt            float64
	first, last               int // sample indexes of the start and end
}

// finish turns the simulation's state into a track.
func (st *sim) finish() *track {
	r := st.r
	_, off := st.start.In(r.location()).Zone()
	a := &activity.Activity{
		Sport:      st.w.Sport,
		SubSport:   "running", // FIT sub_sport generic, which decode/fit labels by the sport
		Start:      st.start.UTC(),
		UTCOffsetS: &off,
		Name:       st.w.Title,
		Device:     "development " + DeviceName,
		Format:     "fit",
		Samples:    st.samples,
		Pauses:     st.pauses,
	}
	if st.bike {
		a.SubSport = "road"
	}
	for i := range a.Samples {
		a.Samples[i].Time = a.Samples[i].Time.UTC()
	}
	for i := range a.Pauses {
		a.Pauses[i].Start, a.Pauses[i].End = a.Pauses[i].Start.UTC(), a.Pauses[i].End.UTC()
	}
	firsts := make([]int, len(st.laps))
	for i, l := range st.laps {
		firsts[i] = l.first
	}
	laps, session := summarizeLaps(a, firsts, r.WeightKg)
	for _, l := range laps {
		a.Laps = append(a.Laps, activity.Lap{Start: a.Samples[l.first].Time, Totals: l.Totals})
	}
	a.DeviceTotals = &session.Totals
	return &track{a: a, laps: st.laps}
}

// summarizeLaps computes the totals of the laps starting at the sample
// indexes firsts (ascending, the first 0) and of the whole session. Lap
// k runs from sample firsts[k] to sample firsts[k+1] (the last to the end
// of the activity); it owns the steps between, so that lap distances,
// times and climbs add up to the session's.
func summarizeLaps(a *activity.Activity, firsts []int, weightKg float64) ([]summary, summary) {
	n := len(a.Samples)
	up, down := climbs(a.Samples)
	laps := make([]summary, len(firsts))
	for k, f := range firsts {
		last := n - 1
		if k+1 < len(firsts) {
			last = firsts[k+1]
		}
		laps[k] = summarize(a, up, down, f, last, weightKg)
	}
	return laps, summarize(a, up, down, 0, n-1, weightKg)
}

// summarize computes the totals over samples first..last.
func summarize(a *activity.Activity, up, down []float64, first, last int, weightKg float64) summary {
	ss := a.Samples
	s := summary{Totals: activity.NewTotals(), first: first, last: last,
		maxSpeed: math.NaN(), avgSpeed: math.NaN(), maxCadence: math.NaN(),
		avgTemp: math.NaN(), minTemp: math.NaN(), maxTemp: math.NaN(),
		minAlt: math.NaN(), maxAlt: math.NaN()}
	if len(ss) == 0 {
		return s
	}
	t0, t1 := ss[first].Time, ss[last].Time
	s.ElapsedS = t1.Sub(t0).Seconds()
	s.TimerS = s.ElapsedS - pausedWithin(a.Pauses, t0, t1)
	if activity.Has(ss[last].DistanceM) && activity.Has(ss[first].DistanceM) {
		s.DistanceM = math.Round((ss[last].DistanceM-ss[first].DistanceM)*100) / 100
	}

	from := first + 1 // samples owned: the ends of the lap's steps
	if first == 0 {
		from = 0
	}
	var hrSum, hrN, cadSum, cadN, tSum, tN, ascent, descent float64
	hasAlt := false
	for i := from; i <= last; i++ {
		x := ss[i]
		if activity.Has(x.HeartRateBPM) {
			hrSum += x.HeartRateBPM
			hrN++
			s.MaxHR = nanMax(s.MaxHR, x.HeartRateBPM)
		}
		if activity.Has(x.CadenceSPM) && x.CadenceSPM > 0 {
			cadSum += x.CadenceSPM
			cadN++
			s.maxCadence = nanMax(s.maxCadence, x.CadenceSPM)
		}
		if activity.Has(x.SpeedMS) {
			s.maxSpeed = nanMax(s.maxSpeed, x.SpeedMS)
		}
		if activity.Has(x.TemperatureC) {
			tSum += x.TemperatureC
			tN++
			s.maxTemp = nanMax(s.maxTemp, x.TemperatureC)
			s.minTemp = -nanMax(-s.minTemp, -x.TemperatureC)
		}
		if activity.Has(x.AltitudeM) {
			hasAlt = true
			s.maxAlt = nanMax(s.maxAlt, x.AltitudeM)
			s.minAlt = -nanMax(-s.minAlt, -x.AltitudeM)
		}
		if i > first {
			ascent += up[i]
			descent += down[i]
		}
	}
	if hrN > 0 {
		s.AvgHR = math.Round(hrSum / hrN)
	}
	if cadN > 0 {
		s.AvgCadenceSPM = quantCadence(cadSum/cadN, a.Sport)
	}
	if tN > 0 {
		s.avgTemp = math.Round(tSum / tN)
	}
	if hasAlt {
		s.AscentM, s.DescentM = math.Round(ascent), math.Round(descent)
	}
	if activity.Has(s.DistanceM) && s.TimerS > 0 {
		s.avgSpeed = math.Round(s.DistanceM/s.TimerS*1000) / 1000
	}
	switch {
	case a.Sport == activity.Cycling:
		s.Calories = math.Round(CyclingMET * weightKg * s.TimerS / 3600)
	case cadenceIsStrides(a.Sport) && activity.Has(s.DistanceM):
		s.Calories = math.Round(KcalPerKgKm * weightKg * s.DistanceM / 1000)
	default:
		s.Calories = math.Round(6 * weightKg * s.TimerS / 3600) // ~6 MET
	}
	return s
}

// climbs returns, per sample, the ascent and descent that the counter
// registers on arriving at it: a 5-sample centred moving average of the
// altitude, then a hysteresis of AscentThresholdM.
func climbs(ss []activity.Sample) (up, down []float64) {
	up, down = make([]float64, len(ss)), make([]float64, len(ss))
	ref := math.NaN()
	for i := range ss {
		sum, k := 0.0, 0
		for j := max(0, i-2); j <= min(len(ss)-1, i+2); j++ {
			if activity.Has(ss[j].AltitudeM) {
				sum += ss[j].AltitudeM
				k++
			}
		}
		if k == 0 || !activity.Has(ss[i].AltitudeM) {
			continue
		}
		h := sum / float64(k)
		switch {
		case !activity.Has(ref):
			ref = h
		case h-ref >= AscentThresholdM:
			up[i], ref = h-ref, h
		case ref-h >= AscentThresholdM:
			down[i], ref = ref-h, h
		}
	}
	return up, down
}

// pausedWithin returns the seconds of pauses that fall within [t0, t1].
func pausedWithin(pauses []activity.Pause, t0, t1 time.Time) float64 {
	total := 0.0
	for _, p := range pauses {
		s, e := p.Start, p.End
		if s.Before(t0) {
			s = t0
		}
		if e.After(t1) {
			e = t1
		}
		if e.After(s) {
			total += e.Sub(s).Seconds()
		}
	}
	return total
}

// cadenceIsStrides reports whether FIT stores sport's cadence in strides
// (steps/2) per minute: running and walking.
func cadenceIsStrides(sp activity.Sport) bool {
	return sp.IsRun() || sp == activity.Walking || sp == activity.Hiking
}

// quantCadence rounds an average cadence to what FIT's avg_cadence and
// avg_fractional_cadence (1/128) can hold.
func quantCadence(c float64, sp activity.Sport) float64 {
	whole, frac := splitCadence(c, sp)
	v := float64(whole) + float64(frac)/128
	if cadenceIsStrides(sp) {
		v *= 2
	}
	return v
}

// splitCadence converts a cadence (spm for runs, rpm otherwise) into
// FIT's whole and 1/128 fractional parts.
func splitCadence(c float64, sp activity.Sport) (whole, frac uint8) {
	if cadenceIsStrides(sp) {
		c /= 2
	}
	w := math.Floor(c)
	f := math.Round((c - w) * 128)
	if f >= 128 {
		w, f = w+1, 0
	}
	return uint8(math.Min(254, w)), uint8(f)
}

func nanMax(a, b float64) float64 {
	if math.IsNaN(a) || b > a {
		return b
	}
	return a
}
