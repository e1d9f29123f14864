// Package activity defines what a recorded workout is in Rebound's terms
// (Activity, Sample, Lap, Totals, Sport) and computes its per-run metrics
// (Compute). It is pure: it imports nothing from decode, store or cli, does
// no I/O and reads no clock.
package activity

import (
	"math"
	"time"
)

// Sport is the kind of activity, as Rebound labels it. Runs are split into
// road, trail and treadmill because they load the legs differently; the
// other sports count as cross-training for the recovery model.
type Sport string

// The sports Rebound knows.
const (
	Running   Sport = "running"
	Trail     Sport = "trail"
	Treadmill Sport = "treadmill"
	Cycling   Sport = "cycling"
	Swimming  Sport = "swimming"
	Walking   Sport = "walking"
	Hiking    Sport = "hiking"
	Strength  Sport = "strength"
	Other     Sport = "other"
)

// Sports lists every Sport in display order.
var Sports = []Sport{Running, Trail, Treadmill, Cycling, Swimming, Walking, Hiking, Strength, Other}

// IsRun reports whether s is one of the running sports.
func (s Sport) IsRun() bool { return s == Running || s == Trail || s == Treadmill }

// Valid reports whether s is a known sport.
func (s Sport) Valid() bool {
	for _, k := range Sports {
		if s == k {
			return true
		}
	}
	return false
}

// NaN is the value of every optional float field that a file did not carry.
// Use Has to test for it.
var NaN = math.NaN()

// Has reports whether an optional value is present (not NaN).
func Has(v float64) bool { return !math.IsNaN(v) }

// Sample is one recorded point of an activity. Every optional field is NaN
// when the file did not carry it; Time is always set.
type Sample struct {
	Time         time.Time
	LatDeg       float64 // WGS84 latitude in degrees
	LonDeg       float64 // WGS84 longitude in degrees
	AltitudeM    float64 // metres above sea level; enhanced/barometric where the device has it
	DistanceM    float64 // the device's cumulative distance from the start, metres
	SpeedMS      float64 // the device's instantaneous speed, m/s
	HeartRateBPM float64 // beats per minute
	CadenceSPM   float64 // running: steps per minute (both feet); cycling: rpm
	PowerW       float64 // watts
	TemperatureC float64 // the device's temperature sensor, °C
}

// NewSample returns a Sample at t with every optional field absent.
func NewSample(t time.Time) Sample {
	return Sample{Time: t, LatDeg: NaN, LonDeg: NaN, AltitudeM: NaN, DistanceM: NaN,
		SpeedMS: NaN, HeartRateBPM: NaN, CadenceSPM: NaN, PowerW: NaN, TemperatureC: NaN}
}

// HasPosition reports whether s carries a GPS position.
func (s Sample) HasPosition() bool { return Has(s.LatDeg) && Has(s.LonDeg) }

// Totals are a summary: either what the device itself wrote (a FIT session
// message, the sum of a TCX file's laps) or, on a Lap, that lap's own
// figures. Fields the source did not carry are NaN.
type Totals struct {
	DistanceM     float64
	ElapsedS      float64 // wall-clock time, pauses included
	TimerS        float64 // time the timer ran, pauses excluded
	AvgHR         float64
	MaxHR         float64
	AscentM       float64
	DescentM      float64
	AvgCadenceSPM float64
	Calories      float64
}

// NewTotals returns Totals with every field absent.
func NewTotals() Totals {
	return Totals{NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN}
}

// Lap is a lap or split as the device or app recorded it.
type Lap struct {
	Start time.Time
	Totals
}

// Pause is a span during which the device's timer was stopped (a FIT timer
// stop/start pair, auto-pause).
type Pause struct {
	Start, End time.Time
}

// Activity is one decoded workout, before Rebound stores it. Samples are in
// time order. A multisport file (a triathlon's swim, ride and run) becomes
// one Activity per leg, each with its own sport, samples and laps, and
// Legs listing the sports of the whole file in order.
type Activity struct {
	Sport    Sport
	SubSport string // the source's own finer label, e.g. "road", "indoor_cycling", "trail"
	Start    time.Time
	// UTCOffsetS is the local time's offset from UTC in seconds, when the
	// file says it (FIT activity.local_timestamp); nil otherwise.
	UTCOffsetS *int
	Name       string
	Device     string // manufacturer and product, e.g. "garmin fenix2"
	Format     string // "fit", "gpx", "tcx" or "manual"
	Samples    []Sample
	Laps       []Lap
	Pauses     []Pause
	// DeviceTotals holds the totals the file itself carries, when it has any.
	DeviceTotals *Totals
	// Legs lists the sports of the multisport file this activity is a leg
	// of, in order (nil otherwise).
	Legs []Sport
	// DeviceRecoveryMin is the recovery time the device worked out, in
	// minutes (Garmin writes it as an undocumented FIT event, number 38,
	// whose data is the minutes; the last one counts); 0 when the file
	// has none.
	DeviceRecoveryMin float64
	// Warnings are recoverable oddities found while decoding (a dropped
	// sample, a clock jump, a summary that disagrees with the records).
	Warnings []string
}
