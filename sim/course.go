package sim

import (
	"math"
	"sort"
)

// Route names one of the simulated runner's fixed routes. All start at
// Runner.StartLat, Runner.StartLon.
type Route string

// The routes.
const (
	// ParkLoop is a gently rolling loop of about 3 km through a park
	// (±4 m, grades under 2 %), run as many times as a workout needs.
	ParkLoop Route = "park-loop"
	// RiverPath is a flat path along a river, run out and back; it
	// crosses a road with traffic lights 1.2 km from the start.
	RiverPath Route = "river-path"
	// HillRoad is a hilly road, run out and back: flat for 2 km (a
	// traffic light at 600 m), then a 400 m climb at 7 % that hill
	// repeats use, more climbing to a 500 m summit at 7.5 km and rolling
	// ground to 15 km.
	HillRoad Route = "hill-road"
	// ValleyLoop is a 25 km rolling loop for the bike, with two traffic
	// lights.
	ValleyLoop Route = "valley-loop"
)

// Geometry of the routes, in metres.
const (
	polyStepM      = 5.0 // spacing of the precomputed route polyline
	earthRadiusM   = 6371008.8
	hillBaseM      = 2000.0 // where HillRoad's 7 % climb starts
	hillClimbM     = 400.0  // its length
	hillClimbGrade = 0.07
)

// course is a route's geometry: a polyline in local metres (x east, y
// north of the start point) with cumulative distances, an altitude
// profile along it, and where it crosses roads.
type course struct {
	x, y, cum []float64
	length    float64
	loop      bool
	alt       func(s float64) float64
	crossings []float64 // course positions of traffic lights
}

// newCourse builds the geometry of route rt.
func newCourse(rt Route) *course {
	switch rt {
	case RiverPath:
		c := headingCourse(16000, 65, []wave{{15, 900, 0}, {6, 260, 1}})
		c.alt = func(s float64) float64 { return 405 + 0.0015*s + 1.0*math.Sin(s/400) }
		c.crossings = []float64{1200}
		return c
	case HillRoad:
		c := headingCourse(15000, 200, []wave{{25, 700, 0.3}, {10, 190, 2}})
		c.alt = piecewise([][2]float64{
			{0, 410}, {600, 413}, {hillBaseM, 420}, // flat approach, 0.5 %
			{hillBaseM + hillClimbM, 420 + hillClimbGrade*hillClimbM}, // the 7 % hill: +28 m
			{3000, 466}, {3800, 466}, // 3 % then flat
			{4600, 442}, {5500, 442}, // -3 % dip
			{7500, 502}, {8300, 502}, // 3 % to the summit
			{9700, 460}, {11500, 455}, // -3 % descent then flat
			{12500, 475}, {15000, 470},
		})
		c.crossings = []float64{600}
		return c
	case ValleyLoop:
		c := loopCourse(3900, []wave{{0.10, 2, 0.4}, {0.05, 5, 1.3}}, -1)
		L := c.length
		c.alt = func(s float64) float64 {
			return 415 + 20*math.Sin(2*math.Pi*s/L) + 8*math.Sin(2*math.Pi*3*s/L+0.7)
		}
		c.crossings = []float64{3000, 14000}
		return c
	default: // ParkLoop
		c := loopCourse(470, []wave{{0.12, 3, 0.5}, {0.06, 5, 0}}, 1)
		L := c.length
		c.alt = func(s float64) float64 {
			return 408 + 3*math.Sin(2*math.Pi*2*s/L) + 1.5*math.Sin(2*math.Pi*5*s/L+1)
		}
		return c
	}
}

// wave is one sinusoidal term of a route's shape: amplitude, period or
// harmonic, and phase.
type wave struct{ amp, per, phase float64 }

// headingCourse builds an open path of the given length whose heading
// (degrees counterclockwise from east) meanders around base by the waves
// (amplitude in degrees, period in metres).
func headingCourse(length, base float64, waves []wave) *course {
	n := int(length/polyStepM) + 1
	c := &course{x: make([]float64, n), y: make([]float64, n), cum: make([]float64, n), length: float64(n-1) * polyStepM}
	for i := 1; i < n; i++ {
		s := float64(i-1) * polyStepM
		h := base
		for _, w := range waves {
			h += w.amp * math.Sin(s/w.per+w.phase)
		}
		h *= math.Pi / 180
		c.x[i] = c.x[i-1] + polyStepM*math.Cos(h)
		c.y[i] = c.y[i-1] + polyStepM*math.Sin(h)
		c.cum[i] = c.cum[i-1] + polyStepM
	}
	return c
}

// loopCourse builds a closed loop of mean radius r whose radius wobbles
// by the waves (relative amplitude, harmonic, phase). The start point is
// the loop's southern (side = 1: loop to the north) or eastern (side =
// -1: loop to the west) extreme.
func loopCourse(r float64, waves []wave, side float64) *course {
	radius := func(th float64) float64 {
		k := 1.0
		for _, w := range waves {
			k += w.amp * math.Sin(w.per*th+w.phase)
		}
		return r * k
	}
	th0 := -math.Pi / 2
	if side < 0 {
		th0 = 0
	}
	cx := -radius(th0) * math.Cos(th0)
	cy := -radius(th0) * math.Sin(th0)
	const n = 4000
	c := &course{loop: true}
	for i := 0; i <= n; i++ {
		th := th0 + 2*math.Pi*float64(i)/n
		rr := radius(th)
		x, y := cx+rr*math.Cos(th), cy+rr*math.Sin(th)
		if i == n {
			x, y = 0, 0
		}
		if i > 0 {
			dx, dy := x-c.x[i-1], y-c.y[i-1]
			c.cum = append(c.cum, c.cum[i-1]+math.Hypot(dx, dy))
		} else {
			c.cum = append(c.cum, 0)
		}
		c.x = append(c.x, x)
		c.y = append(c.y, y)
	}
	c.length = c.cum[n]
	return c
}

// piecewise returns the linear interpolation of knots (s, value), held
// constant beyond the ends.
func piecewise(knots [][2]float64) func(float64) float64 {
	return func(s float64) float64 {
		if s <= knots[0][0] {
			return knots[0][1]
		}
		for i := 1; i < len(knots); i++ {
			if s <= knots[i][0] {
				a, b := knots[i-1], knots[i]
				return a[1] + (b[1]-a[1])*(s-a[0])/(b[0]-a[0])
			}
		}
		return knots[len(knots)-1][1]
	}
}

// wrap maps a course position into [0, length) on a loop and clamps it
// into [0, length] on an open path.
func (c *course) wrap(s float64) float64 {
	if c.loop {
		s = math.Mod(s, c.length)
		if s < 0 {
			s += c.length
		}
		return s
	}
	return math.Max(0, math.Min(c.length, s))
}

// xy returns the local position at course position s.
func (c *course) xy(s float64) (x, y float64) {
	s = c.wrap(s)
	i := sort.SearchFloat64s(c.cum, s)
	if i <= 0 {
		return c.x[0], c.y[0]
	}
	if i >= len(c.cum) {
		return c.x[len(c.x)-1], c.y[len(c.y)-1]
	}
	f := (s - c.cum[i-1]) / (c.cum[i] - c.cum[i-1])
	return c.x[i-1] + f*(c.x[i]-c.x[i-1]), c.y[i-1] + f*(c.y[i]-c.y[i-1])
}

// altitude returns the altitude at course position s.
func (c *course) altitude(s float64) float64 { return c.alt(c.wrap(s)) }

// grade returns the slope at s in the direction of travel dir (±1).
func (c *course) grade(s, dir float64) float64 {
	const h = 10.0
	return dir * (c.altitude(s+h) - c.altitude(s-h)) / (2 * h)
}

// crossed reports whether moving from course position a to b (b = a + the
// signed distance moved) passed a traffic light.
func (c *course) crossed(a, b float64) bool {
	lo, hi := math.Min(a, b), math.Max(a, b)
	for _, x := range c.crossings {
		if c.loop {
			// Shift the crossing into the lap of lo.
			x += math.Floor((lo-x)/c.length+1) * c.length
		}
		if x > lo && x <= hi {
			return true
		}
	}
	return false
}

// latLon converts local metres east/north of (lat0, lon0) to degrees
// (equirectangular: exact enough within tens of km).
func latLon(lat0, lon0, x, y float64) (lat, lon float64) {
	lat = lat0 + y/earthRadiusM*180/math.Pi
	lon = lon0 + x/(earthRadiusM*math.Cos(lat0*math.Pi/180))*180/math.Pi
	return lat, lon
}
