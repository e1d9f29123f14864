package present

import (
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/store"
)

// DefaultSeriesPoints is how many points a chart needs: NewSeries with
// it keeps a run's shape on any screen while the JSON stays small.
const DefaultSeriesPoints = 1000

// Series is an activity's samples as chart columns over time and
// distance: every column has Points values, one per point, null where the
// point has no value. It is the `series` of GET /api/v1/activities/{id}?samples=1
// and what the run page draws its pace, heart-rate and elevation charts
// and its route from.
type Series struct {
	Points int `json:"points"`
	// TimeS is seconds since the activity's start (pauses included).
	TimeS []Num `json:"time_s"`
	// DistanceM is the cumulative distance: the device's, else summed
	// from the GPS track; null without either.
	DistanceM []Num `json:"distance_m"`
	// PaceSPerKm is the pace at the point: the device's speed averaged
	// over the point's samples, else the distance covered over the last
	// 10 s or more; null when slower than activity.MovingSpeedMS
	// (standing, paused) or unknown.
	PaceSPerKm []Num `json:"pace_s_per_km"`
	// HR, AltitudeM and CadenceSPM are means over the point's samples.
	HR         []Num `json:"hr"`
	AltitudeM  []Num `json:"altitude_m"`
	CadenceSPM []Num `json:"cadence_spm"`
	// Lat and Lon are the last GPS position within the point, in
	// degrees (WGS84), rounded to 6 decimals (about 0.1 m).
	Lat []Deg `json:"lat"`
	Lon []Deg `json:"lon"`
}

// Deg is an angle in degrees that encodes NaN as JSON null and keeps 6
// decimals.
type Deg float64

// MarshalJSON implements json.Marshaler.
func (d Deg) MarshalJSON() ([]byte, error) { return marshalRounded(float64(d), 1e6) }

// paceWindowS is the shortest span a pace derived from distance covers,
// so that GPS jitter between two seconds does not show as pace spikes.
const paceWindowS = 10

// NewSeries returns a's samples as chart columns with at most maxPoints
// points (every sample when maxPoints <= 0 or a has fewer): consecutive
// samples are grouped into equal buckets, each becoming one point (the
// time and distance at its end, the means of heart rate, altitude and
// cadence, its last position). a needs its samples (store.FindActivityByID
// loads them); without samples every column is empty.
func NewSeries(a *store.Activity, maxPoints int) Series {
	ss := a.Samples
	n := len(ss)
	bucket := 1
	if maxPoints > 0 && n > maxPoints {
		bucket = (n + maxPoints - 1) / maxPoints
	}
	points := (n + bucket - 1) / bucket
	out := Series{Points: points,
		TimeS: make([]Num, 0, points), DistanceM: make([]Num, 0, points), PaceSPerKm: make([]Num, 0, points),
		HR: make([]Num, 0, points), AltitudeM: make([]Num, 0, points), CadenceSPM: make([]Num, 0, points),
		Lat: make([]Deg, 0, points), Lon: make([]Deg, 0, points)}
	if n == 0 {
		return out
	}
	dist := cumulativeDistance(ss)
	start := ss[0].Time
	secs := func(i int) float64 { return ss[i].Time.Sub(start).Seconds() }
	back := 0 // the sample a derived pace is measured from
	for lo := 0; lo < n; lo += bucket {
		hi := min(lo+bucket, n) // samples [lo, hi)
		last := hi - 1
		var hr, alt, cad, speed mean
		lat, lon := activity.NaN, activity.NaN
		d := activity.NaN
		for i := lo; i < hi; i++ {
			s := ss[i]
			hr.addValid(s.HeartRateBPM)
			alt.addValid(s.AltitudeM)
			cad.addValid(s.CadenceSPM)
			speed.addValid(s.SpeedMS)
			if s.HasPosition() {
				lat, lon = s.LatDeg, s.LonDeg
			}
			if activity.Has(dist[i]) {
				d = dist[i]
			}
		}
		v := speed.value()
		if !activity.Has(v) && activity.Has(dist[last]) {
			// No device speed: the distance covered over the last
			// paceWindowS seconds or more.
			for back < last && secs(last)-secs(back+1) >= paceWindowS {
				back++
			}
			if dt := secs(last) - secs(back); dt > 0 && activity.Has(dist[back]) {
				v = (dist[last] - dist[back]) / dt
			}
		}
		pace := activity.NaN
		if activity.Has(v) && v >= activity.MovingSpeedMS {
			pace = 1000 / v
		}
		out.TimeS = append(out.TimeS, Num(secs(last)))
		out.DistanceM = append(out.DistanceM, Num(d))
		out.PaceSPerKm = append(out.PaceSPerKm, Num(pace))
		out.HR = append(out.HR, Num(hr.value()))
		out.AltitudeM = append(out.AltitudeM, Num(alt.value()))
		out.CadenceSPM = append(out.CadenceSPM, Num(cad.value()))
		out.Lat = append(out.Lat, Deg(lat))
		out.Lon = append(out.Lon, Deg(lon))
	}
	return out
}

// cumulativeDistance returns each sample's distance from the start: the
// device's cumulative distance where the activity has one (gaps carried
// forward), else the haversine sum of its GPS track, else NaN.
func cumulativeDistance(ss []activity.Sample) []float64 {
	out := make([]float64, len(ss))
	device := false
	for _, s := range ss {
		if activity.Has(s.DistanceM) {
			device = true
			break
		}
	}
	if device {
		last := activity.NaN
		for i, s := range ss {
			if activity.Has(s.DistanceM) {
				last = s.DistanceM
			}
			out[i] = last
		}
		return out
	}
	sum, prev := 0.0, -1
	for i, s := range ss {
		out[i] = activity.NaN
		if !s.HasPosition() {
			if prev >= 0 {
				out[i] = sum
			}
			continue
		}
		if prev >= 0 {
			sum += activity.Haversine(ss[prev].LatDeg, ss[prev].LonDeg, s.LatDeg, s.LonDeg)
		}
		prev = i
		out[i] = sum
	}
	return out
}

// mean averages the present values added to it.
type mean struct {
	sum float64
	n   int
}

func (m *mean) addValid(v float64) {
	if activity.Has(v) {
		m.sum += v
		m.n++
	}
}

func (m mean) value() float64 {
	if m.n == 0 {
		return activity.NaN
	}
	return m.sum / float64(m.n)
}
