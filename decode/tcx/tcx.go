package tcx

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/internal/xmlscan"
)

// Limits on what a trackpoint value may be; values outside are treated as
// absent.
const (
	minAltitudeM = -1000
	maxAltitudeM = 10000
	maxHR        = 300
	maxCadence   = 300
	maxPowerW    = 5000
)

// StrideCadenceMedian is the median below which the <Cadence> of a run is
// taken to be in strides (one foot) per minute and doubled to steps per
// minute. The TCX schema means <Cadence> for bike rpm, but Polar and
// Suunto write a run's cadence there, in strides (75-100 a minute), while
// a runner takes 150-200 steps a minute. The ActivityExtension's
// <RunCadence> and <AvgRunCadence> are always strides per minute (Garmin),
// so a run's values are always doubled.
const StrideCadenceMedian = 120

// element identifies the TCX elements the decoder looks at.
type element uint8

const (
	elOther element = iota
	elRoot
	elCourses
	elActivity
	elCreator
	elLap
	elTrack
	elTrackpoint
	elPosition
	elHeartRate
	elAvgHeartRate
	elMaxHeartRate
	elExtensions
)

// actState is an Activity element being read.
type actState struct {
	a        *activity.Activity
	start    time.Time // from <Id>
	hasStart bool
	run      bool // the sport is a run: stride cadences are doubled

	laps        []activity.Lap
	lapPlainCad []bool // laps[i].AvgCadenceSPM came from <Cadence>, not <AvgRunCadence>
	plainCad    []int  // samples whose cadence came from <Cadence>

	newTrack                                 bool // a second <Track> began in the current lap
	lapHasPoints                             bool
	untimed, badTime, noZone, backwards, pts int
	badStart                                 bool
}

// decoder holds the state of one Decode call.
type decoder struct {
	s    xmlscan.Scanner
	file string

	stack []element // element kinds of the open elements

	acts        []*activity.Activity
	activities  int // Activity elements seen
	courses     int // Course elements seen
	courseDepth int // stack depth of an open <Courses>, 0 when none
	trackpoints int // Trackpoint elements seen in activities

	cur      *actState
	actDepth int

	inLap     bool
	lapDepth  int
	lap       activity.Lap
	lapPlain  bool // lap cadence came from <Cadence>
	lapRunCad float64
	lapExt    int // stack depth of the lap's open <Extensions>, 0 when none

	inPt     bool
	ptDepth  int
	ptExt    int // stack depth of the trackpoint's open <Extensions>, 0 when none
	pt       activity.Sample
	ptTime   bool
	ptCad    float64 // <Cadence>
	ptRunCad float64 // <RunCadence>
}

// Decode decodes a TCX (Garmin Training Center) file: one activity per
// Activity element, with its trackpoints as samples, its Lap elements as
// laps and their sums as DeviceTotals. It matches decode.Decoder.
//
// A file with no Activity (a Course, workouts) gives a *decode.SkipError;
// a file that is not well-formed XML, or is empty, gives a
// *decode.ParseError. Trackpoints without a time are dropped with a
// warning. Decode never panics: a failure inside the tokenizer is returned
// as a *decode.ParseError.
func Decode(data []byte, name string) (acts []*activity.Activity, err error) {
	defer xmlscan.Recover(decode.TCX, name, &acts, &err)
	d := &decoder{file: name}
	if err := d.s.Init(data).Run(decode.TCX, name, d); err != nil {
		return nil, err
	}
	if len(d.acts) == 0 {
		reason := "TCX file holds no activity"
		switch {
		case d.activities > 0:
			reason = "TCX activity has no laps and no timed trackpoints"
		case d.courses > 0:
			reason = "TCX course, not a recorded activity"
		}
		return nil, &decode.SkipError{File: name, Reason: reason}
	}
	return d.acts, nil
}

// Start handles a start tag (xmlscan.Handler).
func (d *decoder) Start() error {
	s := &d.s
	depth := len(d.stack) // before this element
	parent := elOther
	if depth > 0 {
		parent = d.stack[depth-1]
	}
	el := elOther
	switch {
	case depth == 0:
		if string(s.Local()) != "TrainingCenterDatabase" {
			return d.parseError("", fmt.Errorf("root element is <%s>, not <TrainingCenterDatabase>", xmlscan.Clip(s.Name())), "this is not a TCX file")
		}
		el = elRoot
	case d.inPt:
		el = d.pointChild(depth, parent)
	case d.inLap:
		el = d.lapChild(depth, parent)
	case d.cur != nil:
		switch string(s.Local()) {
		case "Id":
			if parent == elActivity {
				d.readStart()
			}
		case "Creator":
			if parent == elActivity {
				el = elCreator
			}
		case "Name":
			if parent == elCreator && d.cur.a.Device == "" {
				d.cur.a.Device = s.Str(s.Text())
			}
		case "Notes":
			// The runner's notes on the activity name it (TCX has no name).
			if parent == elActivity && d.cur.a.Name == "" {
				d.cur.a.Name = s.Str(xmlscan.TrimSpace(s.Text()))
			}
		case "Lap":
			if parent == elActivity {
				el = elLap
				d.startLap(depth)
			}
		}
	default:
		switch string(s.Local()) {
		case "Activity":
			if d.courseDepth == 0 {
				el = elActivity
				d.startActivity(depth)
			}
		case "Courses":
			el = elCourses
			d.courseDepth = depth + 1
		case "Course":
			d.courses++
		}
	}
	if s.SelfClosing() {
		// An empty element ends at once.
		switch el {
		case elActivity:
			d.endActivity()
		case elLap:
			d.endLap()
		case elTrackpoint:
			d.endPoint()
		case elCourses:
			d.courseDepth = 0
		}
		return nil
	}
	d.stack = append(d.stack, el)
	if el == elExtensions {
		if d.inPt {
			d.ptExt = len(d.stack)
		} else if d.inLap {
			d.lapExt = len(d.stack)
		}
	}
	return nil
}

// End handles an end tag (xmlscan.Handler); the scanner has checked that
// it matches.
func (d *decoder) End() {
	n := len(d.stack)
	if n == 0 {
		return
	}
	el := d.stack[n-1]
	d.stack = d.stack[:n-1]
	switch {
	case d.inPt && n == d.ptDepth:
		d.endPoint()
	case d.inPt && n == d.ptExt:
		d.ptExt = 0
	case d.inLap && n == d.lapDepth:
		d.endLap()
	case d.inLap && n == d.lapExt:
		d.lapExt = 0
	case d.cur != nil && n == d.actDepth:
		d.endActivity()
	case el == elCourses:
		d.courseDepth = 0
	}
}

func (d *decoder) startActivity(depth int) {
	d.activities++
	a := &activity.Activity{Sport: activity.Other, Format: string(decode.TCX)}
	if v, ok := d.s.Attr("Sport"); ok {
		if sp := d.s.Str(v); sp != "" {
			a.Sport = activity.ParseSport(sp)
		}
	}
	d.cur = &actState{a: a, run: a.Sport.IsRun()}
	d.actDepth = depth + 1
}

// readStart reads the Activity's <Id>, its start time.
func (d *decoder) readStart() {
	t, z, off, ok := xmlscan.ParseTime(xmlscan.TrimSpace(d.s.Text()))
	if !ok {
		d.cur.badStart = true
		return
	}
	d.cur.start, d.cur.hasStart = t, true
	switch z {
	case xmlscan.ZoneNone:
		d.cur.noZone++
	case xmlscan.ZoneOffset:
		if off != 0 {
			d.cur.a.UTCOffsetS = &off
		}
	}
}

func (d *decoder) startLap(depth int) {
	d.inLap, d.lapDepth, d.lapExt = true, depth+1, 0
	d.lap = activity.Lap{Totals: activity.NewTotals()}
	d.lapPlain, d.lapRunCad = false, activity.NaN
	d.cur.newTrack, d.cur.lapHasPoints = false, false
	if v, ok := d.s.Attr("StartTime"); ok {
		if t, z, _, ok := xmlscan.ParseTime(xmlscan.TrimSpace(v)); ok {
			d.lap.Start = t
			if z == xmlscan.ZoneNone {
				d.cur.noZone++
			}
		}
	}
}

// lapChild reads an element inside a Lap but outside its trackpoints.
func (d *decoder) lapChild(depth int, parent element) element {
	s := &d.s
	l := &d.lap
	if d.lapExt > 0 {
		if string(s.Local()) == "AvgRunCadence" {
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 && v < maxCadence {
				d.lapRunCad = v
			}
		}
		return elOther
	}
	switch parent {
	case elAvgHeartRate, elMaxHeartRate:
		if string(s.Local()) == "Value" {
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v > 0 && v < maxHR {
				if parent == elAvgHeartRate {
					l.AvgHR = v
				} else {
					l.MaxHR = v
				}
			}
		}
		return elOther
	case elTrack:
		if string(s.Local()) == "Trackpoint" {
			d.startPoint(depth)
			return elTrackpoint
		}
		return elOther
	}
	if depth != d.lapDepth {
		return elOther
	}
	switch string(s.Local()) {
	case "TotalTimeSeconds":
		if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 {
			l.TimerS = v
		}
	case "DistanceMeters":
		if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 {
			l.DistanceM = v
		}
	case "Calories":
		if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 {
			l.Calories = v
		}
	case "Cadence":
		if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 && v < maxCadence {
			l.AvgCadenceSPM, d.lapPlain = v, true
		}
	case "AverageHeartRateBpm":
		return elAvgHeartRate
	case "MaximumHeartRateBpm":
		return elMaxHeartRate
	case "Track":
		if d.cur.lapHasPoints {
			d.cur.newTrack = true
		}
		return elTrack
	case "Extensions":
		return elExtensions
	}
	return elOther
}

func (d *decoder) endLap() {
	d.inLap, d.lapExt = false, 0
	c := d.cur
	if activity.Has(d.lapRunCad) {
		d.lap.AvgCadenceSPM, d.lapPlain = d.lapRunCad, false
		if c.run {
			d.lap.AvgCadenceSPM *= 2
		}
	}
	c.laps = append(c.laps, d.lap)
	c.lapPlainCad = append(c.lapPlainCad, d.lapPlain && activity.Has(d.lap.AvgCadenceSPM))
}

func (d *decoder) startPoint(depth int) {
	d.inPt, d.ptDepth, d.ptExt, d.ptTime = true, depth+1, 0, false
	d.pt = activity.NewSample(time.Time{})
	d.ptCad, d.ptRunCad = activity.NaN, activity.NaN
	d.trackpoints++
	d.cur.pts++
}

// pointChild reads an element inside a Trackpoint.
func (d *decoder) pointChild(depth int, parent element) element {
	s := &d.s
	p := &d.pt
	if d.ptExt > 0 {
		switch string(s.Local()) {
		case "Speed":
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 {
				p.SpeedMS = v
			}
		case "RunCadence":
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 && v < maxCadence {
				d.ptRunCad = v
			}
		case "Watts":
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 && v < maxPowerW {
				p.PowerW = v
			}
		}
		return elOther
	}
	switch parent {
	case elPosition:
		switch string(s.Local()) {
		case "LatitudeDegrees":
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= -90 && v <= 90 {
				p.LatDeg = v
			}
		case "LongitudeDegrees":
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= -180 && v <= 180 {
				p.LonDeg = v
			}
		}
		return elOther
	case elHeartRate:
		if string(s.Local()) == "Value" {
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v > 0 && v < maxHR {
				p.HeartRateBPM = v
			}
		}
		return elOther
	}
	if depth != d.ptDepth {
		return elOther
	}
	switch string(s.Local()) {
	case "Time":
		t, z, _, ok := xmlscan.ParseTime(xmlscan.TrimSpace(s.Text()))
		if !ok {
			if len(xmlscan.TrimSpace(s.Text())) > 0 {
				d.cur.badTime++
			}
			return elOther
		}
		p.Time, d.ptTime = t, true
		if z == xmlscan.ZoneNone {
			d.cur.noZone++
		}
	case "Position":
		return elPosition
	case "AltitudeMeters":
		if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= minAltitudeM && v <= maxAltitudeM {
			p.AltitudeM = v
		}
	case "DistanceMeters":
		if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 {
			p.DistanceM = v
		}
	case "HeartRateBpm":
		return elHeartRate
	case "Cadence":
		if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 && v < maxCadence {
			d.ptCad = v
		}
	case "Extensions":
		return elExtensions
	}
	return elOther
}

func (d *decoder) endPoint() {
	d.inPt, d.ptExt = false, 0
	c := d.cur
	if !d.ptTime {
		c.untimed++
		return
	}
	p := &d.pt
	switch {
	case activity.Has(d.ptRunCad):
		p.CadenceSPM = d.ptRunCad
		if c.run {
			p.CadenceSPM *= 2
		}
	case activity.Has(d.ptCad):
		p.CadenceSPM = d.ptCad
		if c.run {
			c.plainCad = append(c.plainCad, len(c.a.Samples))
		}
	}
	if n := len(c.a.Samples); n > 0 {
		prev := c.a.Samples[n-1].Time
		if c.newTrack && p.Time.After(prev) {
			c.a.Pauses = append(c.a.Pauses, activity.Pause{Start: prev, End: p.Time})
		}
		if p.Time.Before(prev) {
			c.backwards++
		}
	}
	c.newTrack, c.lapHasPoints = false, true
	c.a.Samples = append(c.a.Samples, *p)
}

// endActivity finishes the current Activity and keeps it when it holds
// any data.
func (d *decoder) endActivity() {
	c := d.cur
	d.cur, d.inLap, d.inPt = nil, false, false
	a := c.a
	if len(a.Samples) == 0 && len(c.laps) == 0 {
		return
	}
	if c.run {
		doubleStrides(c)
	}
	a.Laps = c.laps
	if len(c.laps) > 0 {
		t := lapTotals(c.laps)
		a.DeviceTotals = &t
	}
	switch {
	case c.hasStart:
		a.Start = c.start
	case len(c.laps) > 0 && !c.laps[0].Start.IsZero():
		a.Start = c.laps[0].Start
	case len(a.Samples) > 0:
		a.Start = a.Samples[0].Time
	}
	for i := range a.Laps {
		if a.Laps[i].Start.IsZero() {
			a.Laps[i].Start = a.Start
		}
	}
	sort.Slice(a.Pauses, func(i, j int) bool { return a.Pauses[i].Start.Before(a.Pauses[j].Start) })

	warn := func(format string, args ...any) { a.Warnings = append(a.Warnings, fmt.Sprintf(format, args...)) }
	if c.untimed > 0 {
		warn("dropped %d of %d trackpoints that have no time", c.untimed, c.pts)
	}
	if c.badTime > 0 {
		warn("%d of those trackpoints had a time that could not be read", c.badTime)
	}
	if c.badStart {
		warn("the activity's <Id> is not a readable start time")
	}
	if c.noZone > 0 {
		warn("%d times have no time zone; they were read as UTC", c.noZone)
	}
	if c.backwards > 0 {
		warn("%d trackpoints are earlier than the trackpoint before them (a clock jump)", c.backwards)
	}
	if !a.Start.IsZero() && a.Start.Year() < 1980 {
		warn("the activity starts in %d: the device clock was probably not set, so dates are wrong", a.Start.Year())
	}
	d.acts = append(d.acts, a)
}

// doubleStrides converts the <Cadence> values of a run from strides to
// steps per minute when they look like strides (see StrideCadenceMedian).
// Laps follow the trackpoints' verdict; without trackpoint cadence, their
// own values decide.
func doubleStrides(c *actState) {
	var vals []float64
	for _, i := range c.plainCad {
		vals = append(vals, c.a.Samples[i].CadenceSPM)
	}
	if len(nonZero(vals)) == 0 {
		vals = vals[:0]
		for i, plain := range c.lapPlainCad {
			if plain {
				vals = append(vals, c.laps[i].AvgCadenceSPM)
			}
		}
	}
	if m, ok := median(nonZero(vals)); !ok || m >= StrideCadenceMedian {
		return
	}
	for _, i := range c.plainCad {
		c.a.Samples[i].CadenceSPM *= 2
	}
	for i, plain := range c.lapPlainCad {
		if plain {
			c.laps[i].AvgCadenceSPM *= 2
		}
	}
}

func nonZero(v []float64) []float64 {
	var out []float64
	for _, x := range v {
		if x > 0 {
			out = append(out, x)
		}
	}
	return out
}

func median(v []float64) (float64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	sort.Float64s(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + m) / 2
	}
	return m, true
}

// lapTotals sums the laps as the file's own totals: TimerS and DistanceM
// and Calories are sums over the laps that carry them, MaxHR the largest
// lap maximum, AvgHR and AvgCadenceSPM averages weighted by each lap's
// TotalTimeSeconds over the laps that carry them.
func lapTotals(laps []activity.Lap) activity.Totals {
	t := activity.NewTotals()
	add := func(sum *float64, v float64) {
		if activity.Has(v) {
			if !activity.Has(*sum) {
				*sum = 0
			}
			*sum += v
		}
	}
	var hr, cad weighted
	for _, l := range laps {
		add(&t.TimerS, l.TimerS)
		add(&t.DistanceM, l.DistanceM)
		add(&t.Calories, l.Calories)
		if activity.Has(l.MaxHR) && (!activity.Has(t.MaxHR) || l.MaxHR > t.MaxHR) {
			t.MaxHR = l.MaxHR
		}
		hr.add(l.AvgHR, l.TimerS)
		cad.add(l.AvgCadenceSPM, l.TimerS)
	}
	t.AvgHR, t.AvgCadenceSPM = hr.mean(), cad.mean()
	return t
}

// weighted is a time-weighted mean that falls back to a plain mean when
// no value has a positive weight.
type weighted struct{ sum, weight, plain, n float64 }

func (w *weighted) add(v, weight float64) {
	if !activity.Has(v) {
		return
	}
	w.plain += v
	w.n++
	if activity.Has(weight) && weight > 0 {
		w.sum += v * weight
		w.weight += weight
	}
}

func (w *weighted) mean() float64 {
	switch {
	case w.weight > 0:
		return w.sum / w.weight
	case w.n > 0:
		return w.plain / w.n
	}
	return math.NaN()
}

// Record names the point being read, for a syntax error (xmlscan.Handler).
func (d *decoder) Record() string {
	if d.inPt {
		return fmt.Sprintf("trackpoint %d", d.trackpoints)
	}
	return ""
}

func (d *decoder) parseError(record string, err error, hint string) error {
	return &decode.ParseError{Format: decode.TCX, File: d.file, Record: record, Err: err, Hint: hint}
}
