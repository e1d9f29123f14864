package gpx

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/internal/xmlscan"
)

// Limits on what a track point value may be; values outside are treated as
// absent (a sensor dropout written as 0 heart rate, a corrupt elevation).
const (
	minAltitudeM = -1000
	maxAltitudeM = 10000
	maxHR        = 300
	maxCadence   = 300
	maxPowerW    = 5000
	minTempC     = -100
	maxTempC     = 100
)

// StrideCadenceMedian is the median below which a running cadence is taken
// to be in strides (one foot) per minute and doubled to steps per minute.
// Garmin's TrackPointExtension <cad> holds strides per minute for runs
// (a runner takes 150-200 steps, 75-100 strides a minute), while a few
// apps write steps; a run whose non-zero cadence values have a median of
// 120 or more is already in steps. Cycling cadence (rpm) is never changed.
const StrideCadenceMedian = 120

// MinTimedShare is the smallest share of track points that must carry a
// time for a GPX file to import. A file below it (a planned route with a
// handful of stray timestamps) is skipped: its few timed points do not
// describe a workout.
const MinTimedShare = 0.10

// skipReason is the reason given for a GPX file with no usable timed
// track points.
const skipReason = "GPX has no timed track points (route or planned track)"

// element identifies the GPX elements the decoder looks at.
type element uint8

const (
	elOther element = iota
	elGpx
	elMetadata
	elTrk
	elTrkseg
	elTrkpt
	elExtensions
)

func elementOf(local []byte) element {
	switch string(local) {
	case "trkpt":
		return elTrkpt
	case "extensions":
		return elExtensions
	case "trkseg":
		return elTrkseg
	case "trk":
		return elTrk
	case "metadata":
		return elMetadata
	case "gpx":
		return elGpx
	}
	return elOther
}

// decoder holds the state of one Decode call.
type decoder struct {
	s    xmlscan.Scanner
	file string

	stack []element // element kinds of the open elements, one per s.Depth()

	creator, metaName, trkName, trkType string

	samples  []activity.Sample
	pauses   []activity.Pause
	newSeg   bool // the next timed point starts a new segment
	firstOff *int // UTC offset of the first timed point, when it had one

	// The track point being read.
	inPt     bool
	ptDepth  int // stack depth of the open trkpt
	extDepth int // stack depth of its open extensions element, 0 when none
	pt       activity.Sample
	ptTime   bool

	points, untimed, badTime, noZone, backwards, badPos int
	routePts, waypoints                                 int
}

// Decode decodes a GPX 1.0 or 1.1 file into one activity: the track
// points of every track and segment, in document order. It matches
// decode.Decoder.
//
// A file without timed track points (a route, waypoints, a planned track)
// gives a *decode.SkipError; a file that is not well-formed XML gives a
// *decode.ParseError. Track points without a time are dropped with a
// warning. Decode never panics: a failure inside the tokenizer is returned
// as a *decode.ParseError.
func Decode(data []byte, name string) (acts []*activity.Activity, err error) {
	defer xmlscan.Recover(decode.GPX, name, &acts, &err)
	d := &decoder{file: name,
		samples: make([]activity.Sample, 0, len(data)/256+1)}
	if err := d.s.Init(data).Run(decode.GPX, name, d); err != nil {
		return nil, err
	}
	return d.finish()
}

// Start handles a start tag (xmlscan.Handler).
func (d *decoder) Start() error {
	s := &d.s
	depth := len(d.stack) // stack depth before this element
	parent := elOther
	if depth > 0 {
		parent = d.stack[depth-1]
	}
	el := elOther
	if depth == 0 {
		if string(s.Local()) != "gpx" {
			return d.parseError("", fmt.Errorf("root element is <%s>, not <gpx>", xmlscan.Clip(s.Name())), "this is not a GPX file")
		}
		el = elGpx
		if v, ok := s.Attr("creator"); ok && d.creator == "" {
			d.creator = s.Str(v)
		}
	} else if d.inPt {
		d.pointChild(depth)
		if depth == d.ptDepth && string(s.Local()) == "extensions" {
			el = elExtensions
		}
	} else {
		el = elementOf(s.Local())
		switch {
		case el == elTrkpt && parent == elTrkseg:
			if len(d.samples) == decode.MaxSamples {
				return d.parseError(fmt.Sprintf("track point %d", d.points+1), decode.ErrTooManySamples, decode.HintTooLong)
			}
			d.startPoint(depth)
		case el == elTrkpt: // a trkpt outside a trkseg: not a track point
			el = elOther
		case parent == elTrk:
			switch string(s.Local()) {
			case "name":
				if d.trkName == "" {
					d.trkName = s.Str(s.Text())
				}
			case "type":
				if d.trkType == "" {
					d.trkType = s.Str(s.Text())
				}
			case "trkseg":
				d.newSeg = true
			}
		case parent == elMetadata && string(s.Local()) == "name", // GPX 1.1
			parent == elGpx && string(s.Local()) == "name": // GPX 1.0
			if d.metaName == "" {
				d.metaName = s.Str(s.Text())
			}
		case string(s.Local()) == "rtept":
			d.routePts++
		case parent == elGpx && string(s.Local()) == "wpt":
			d.waypoints++
		}
	}
	if s.SelfClosing() {
		if el == elTrkpt {
			d.endPoint()
		}
		return nil
	}
	d.stack = append(d.stack, el)
	if el == elExtensions && d.inPt {
		d.extDepth = len(d.stack)
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
	if d.inPt {
		if n == d.extDepth {
			d.extDepth = 0
		}
		if n == d.ptDepth && el == elTrkpt {
			d.endPoint()
		}
	}
}

// startPoint begins a track point at stack depth depth.
func (d *decoder) startPoint(depth int) {
	s := &d.s
	d.inPt, d.ptDepth, d.extDepth, d.ptTime = true, depth+1, 0, false
	d.pt = activity.NewSample(time.Time{})
	d.points++
	var lat, lon float64
	var okLat, okLon bool
	for i := 0; ; {
		k, v, ok := xmlscan.NextAttr(s.Attrs(), &i)
		if !ok {
			break
		}
		switch string(k) {
		case "lat":
			lat, okLat = xmlscan.ParseFloat(v)
		case "lon":
			lon, okLon = xmlscan.ParseFloat(v)
		}
	}
	if okLat && okLon && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 {
		d.pt.LatDeg, d.pt.LonDeg = lat, lon
	} else {
		d.badPos++
	}
}

// pointChild reads an element inside a track point: ele, time and speed
// as direct children, and the sensor values of any extension schema
// (matched on local names, whatever the namespace prefix).
func (d *decoder) pointChild(depth int) {
	s := &d.s
	direct := depth == d.ptDepth
	if !direct && d.extDepth == 0 {
		return // inside <link> or another non-extension child
	}
	switch string(s.Local()) {
	case "time":
		if !direct {
			return
		}
		t, z, off, ok := xmlscan.ParseTime(xmlscan.TrimSpace(s.Text()))
		if !ok {
			if len(xmlscan.TrimSpace(s.Text())) > 0 {
				d.badTime++
			}
			return
		}
		d.pt.Time, d.ptTime = t, true
		switch z {
		case xmlscan.ZoneNone:
			d.noZone++
		case xmlscan.ZoneOffset:
			if d.firstOff == nil && len(d.samples) == 0 && off != 0 {
				o := off
				d.firstOff = &o
			}
		}
	case "ele":
		if direct {
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= minAltitudeM && v <= maxAltitudeM {
				d.pt.AltitudeM = v
			}
		}
	case "speed": // GPX 1.0 <speed>, TrackPointExtension v2 <speed>, Apple's <speed>
		if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 {
			d.pt.SpeedMS = v
		}
	case "hr", "heartrate", "HeartRate", "heartRate":
		if !direct {
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v > 0 && v < maxHR {
				d.pt.HeartRateBPM = v
			}
		}
	case "cad", "cadence", "Cadence", "RunCadence":
		if !direct {
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 && v < maxCadence {
				d.pt.CadenceSPM = v
			}
		}
	case "power", "PowerInWatts", "Watts", "watts":
		if !direct {
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v >= 0 && v < maxPowerW {
				d.pt.PowerW = v
			}
		}
	case "atemp", "temp", "Temperature", "temperature":
		if !direct {
			if v, ok := xmlscan.ParseFloat(s.Text()); ok && v > minTempC && v < maxTempC {
				d.pt.TemperatureC = v
			}
		}
	}
}

// endPoint finishes the current track point.
func (d *decoder) endPoint() {
	d.inPt, d.extDepth = false, 0
	if !d.ptTime {
		d.untimed++
		return
	}
	if n := len(d.samples); n > 0 {
		prev := d.samples[n-1].Time
		if d.newSeg && d.pt.Time.After(prev) {
			d.pauses = append(d.pauses, activity.Pause{Start: prev, End: d.pt.Time})
		}
		if d.pt.Time.Before(prev) {
			d.backwards++
		}
	}
	d.newSeg = false
	d.samples = append(d.samples, d.pt)
}

// finish builds the activity once the whole document has been read.
func (d *decoder) finish() ([]*activity.Activity, error) {
	timed := len(d.samples)
	if timed < 2 || float64(timed) < MinTimedShare*float64(d.points) {
		return nil, &decode.SkipError{File: d.file, Reason: d.skipDetail(timed)}
	}
	a := &activity.Activity{
		Sport:   activity.Other,
		Start:   d.samples[0].Time,
		Name:    d.trkName,
		Device:  d.creator,
		Format:  string(decode.GPX),
		Samples: d.samples,
		Pauses:  d.pauses,
	}
	if a.Name == "" {
		a.Name = d.metaName
	}
	if d.trkType != "" {
		a.Sport = activity.ParseSport(d.trkType)
	}
	if d.firstOff != nil {
		a.UTCOffsetS = d.firstOff
	}
	sort.Slice(a.Pauses, func(i, j int) bool { return a.Pauses[i].Start.Before(a.Pauses[j].Start) })
	if a.Sport.IsRun() && strideCadence(a.Samples) {
		for i := range a.Samples {
			a.Samples[i].CadenceSPM *= 2 // NaN stays NaN
		}
	}

	warn := func(format string, args ...any) { a.Warnings = append(a.Warnings, fmt.Sprintf(format, args...)) }
	if d.untimed > 0 {
		warn("dropped %d of %d track points that have no time", d.untimed, d.points)
	}
	if d.badTime > 0 {
		warn("%d of those track points had a time that could not be read", d.badTime)
	}
	if d.noZone > 0 {
		warn("%d track point times have no time zone; they were read as UTC", d.noZone)
	}
	if y := a.Start.Year(); y < 1980 {
		warn("the track starts in %d: the device clock was probably not set, so dates are wrong", y)
	}
	if d.backwards > 0 {
		warn("%d track points are earlier than the point before them (tracks or segments out of order, or a clock jump)", d.backwards)
	}
	if d.badPos > 0 {
		warn("%d track points have a missing or invalid lat/lon", d.badPos)
	}
	return []*activity.Activity{a}, nil
}

// skipDetail explains why a file with timed track points is skipped.
func (d *decoder) skipDetail(timed int) string {
	var parts []string
	switch {
	case d.points == 0:
		parts = append(parts, "no track points")
	case timed == 0:
		parts = append(parts, fmt.Sprintf("none of its %d track points has a time", d.points))
	case timed == 1:
		parts = append(parts, fmt.Sprintf("only 1 of its %d track points has a time, too few for an activity", d.points))
	default:
		parts = append(parts, fmt.Sprintf("only %d of its %d track points have a time", timed, d.points))
	}
	if d.routePts > 0 {
		parts = append(parts, fmt.Sprintf("%d route points", d.routePts))
	}
	if d.waypoints > 0 {
		parts = append(parts, fmt.Sprintf("%d waypoints", d.waypoints))
	}
	return skipReason + ": " + strings.Join(parts, ", ")
}

// strideCadence reports whether the cadence of a run looks like strides
// per minute: the median of its non-zero values is below
// StrideCadenceMedian.
func strideCadence(samples []activity.Sample) bool {
	var vals []float64
	for i := range samples {
		if c := samples[i].CadenceSPM; activity.Has(c) && c > 0 {
			vals = append(vals, c)
		}
	}
	if len(vals) == 0 {
		return false
	}
	sort.Float64s(vals)
	m := vals[len(vals)/2]
	if len(vals)%2 == 0 {
		m = (vals[len(vals)/2-1] + m) / 2
	}
	return m < StrideCadenceMedian
}

// Record names the point being read, for a syntax error (xmlscan.Handler).
func (d *decoder) Record() string {
	if d.inPt {
		return fmt.Sprintf("track point %d", d.points)
	}
	return ""
}

func (d *decoder) parseError(record string, err error, hint string) error {
	return &decode.ParseError{Format: decode.GPX, File: d.file, Record: record, Err: err, Hint: hint}
}
