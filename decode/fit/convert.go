package fit

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
)

const (
	// fitEpoch is 1989-12-31T00:00:00Z, the zero of FIT date_time, in Unix seconds.
	fitEpoch = 631065600
	// fitSystemTime: FIT date_time values below it count seconds from device
	// power-on, not from the FIT epoch (the clock was never set).
	fitSystemTime = 0x10000000
	noTime        = basetype.Uint32Invalid
	// bigGap is the forward jump in record times that earns a warning.
	bigGap = 6 * 3600
	// hrMatchS is how far (seconds) an hr message's beat may be from a
	// record to lend it its heart rate.
	hrMatchS = 5
)

// fitTime converts a FIT date_time to UTC.
func fitTime(ts uint32) time.Time {
	return time.Unix(int64(ts)+fitEpoch, 0).UTC()
}

// num returns a numeric field's value in its profile units (scale and offset
// applied), or NaN when the field holds the FIT invalid value or is not a
// number.
func num(f *proto.Field) float64 {
	v := f.Value
	if !v.Valid(f.BaseType) {
		return math.NaN()
	}
	var x float64
	switch v.Type() {
	case proto.TypeInt8:
		x = float64(v.Int8())
	case proto.TypeUint8:
		x = float64(v.Uint8())
	case proto.TypeInt16:
		x = float64(v.Int16())
	case proto.TypeUint16:
		x = float64(v.Uint16())
	case proto.TypeInt32:
		x = float64(v.Int32())
	case proto.TypeUint32:
		x = float64(v.Uint32())
	case proto.TypeInt64:
		x = float64(v.Int64())
	case proto.TypeUint64:
		x = float64(v.Uint64())
	case proto.TypeFloat32:
		x = float64(v.Float32())
	case proto.TypeFloat64:
		x = v.Float64()
	default:
		return math.NaN()
	}
	if s := f.Scale; s != 0 && s != 1 {
		x /= s
	}
	return x - f.Offset
}

// fileID is what a file_id message says about its FIT file.
type fileID struct {
	typ          typedef.File
	manufacturer typedef.Manufacturer
	product      uint16
	productName  string
	serial       uint32
	created      uint32
}

// readFileID reads a file_id message.
func readFileID(m *proto.Message) fileID {
	id := fileID{typ: typedef.FileInvalid, manufacturer: typedef.ManufacturerInvalid,
		product: basetype.Uint16Invalid, created: noTime}
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.FileIdType:
			id.typ = typedef.File(f.Value.Uint8())
		case fieldnum.FileIdManufacturer:
			id.manufacturer = typedef.Manufacturer(f.Value.Uint16())
		case fieldnum.FileIdProduct:
			id.product = f.Value.Uint16()
		case fieldnum.FileIdSerialNumber:
			id.serial = f.Value.Uint32z()
		case fieldnum.FileIdTimeCreated:
			id.created = f.Value.Uint32()
		case fieldnum.FileIdProductName:
			if f.Value.Valid(f.BaseType) {
				id.productName = strings.TrimSpace(f.Value.String())
			}
		}
	}
	return id
}

// sameRecording reports whether two file_id messages describe the same
// recording (a chained continuation that repeats the file_id).
func (id fileID) sameRecording(o fileID) bool {
	return id.serial != 0 && id.serial == o.serial && id.created != noTime && id.created == o.created
}

// converter is the decoder's message listener. It routes the messages of
// each chained FIT part to the activity they belong to.
type converter struct {
	builders []*builder
	cur      *builder // receives the current part's messages; nil: part ignored
	last     *builder // the most recent activity
	started  bool     // the current part has delivered a message
	records  int      // record messages in the current part
	skipType string   // FIT file type of the first non-activity part

	lastIgnored bool // the last part with a file_id was not an activity
}

func (c *converter) reset() {
	clear(c.builders)
	*c = converter{builders: c.builders[:0]}
}

// beginPart is called before each chained FIT part is decoded, with the
// number of record messages the part holds.
func (c *converter) beginPart(records int) {
	c.started, c.cur, c.records = false, nil, records
}

// OnMesg implements decoder.MesgListener.
func (c *converter) OnMesg(m proto.Message) {
	if b := c.target(m.Num, &m); b != nil {
		b.onMesg(&m)
	}
}

// target returns the builder that takes a message numbered num of the
// current part, or nil when the part is ignored or the message is its
// file_id (m, read only then).
func (c *converter) target(num typedef.MesgNum, m *proto.Message) *builder {
	if !c.started {
		c.started = true
		if num == mesgnum.FileId {
			c.startPart(readFileID(m))
			return nil
		}
		// A part without file_id continues the previous part's file:
		// the previous activity, or an ignored file of another type.
		if c.lastIgnored {
			return nil
		}
		if c.last == nil {
			c.last = c.newBuilder(fileID{typ: typedef.FileInvalid, manufacturer: typedef.ManufacturerInvalid,
				product: basetype.Uint16Invalid, created: noTime})
		}
		c.cur = c.last
		c.cur.newPart(c.records)
	}
	return c.cur
}

// startPart routes a part by its file_id.
func (c *converter) startPart(id fileID) {
	c.lastIgnored = id.typ != typedef.FileActivity && id.typ != typedef.FileInvalid
	if c.lastIgnored {
		if c.skipType == "" {
			c.skipType = id.typ.String()
		}
		return
	}
	if c.last != nil && c.last.id.sameRecording(id) {
		c.cur = c.last
	} else {
		c.cur = c.newBuilder(id)
		c.last = c.cur
	}
	c.cur.newPart(c.records)
}

// newBuilder starts a new activity.
func (c *converter) newBuilder(id fileID) *builder {
	b := &builder{id: id, stopAt: noTime, prevTS: noTime,
		sportMsg: typedef.SportInvalid, subMsg: typedef.SubSportInvalid,
		devManufacturer: typedef.ManufacturerInvalid, devProduct: basetype.Uint16Invalid}
	c.builders = append(c.builders, b)
	return b
}

// finish turns what was collected into activities.
func (c *converter) finish(name string) ([]*activity.Activity, error) {
	var acts []*activity.Activity
	skip := ""
	for _, b := range c.builders {
		as, reason, err := b.finish()
		switch {
		case err != nil:
			return nil, &decode.ParseError{Format: decode.FIT, File: name, Err: err, Hint: hintTruncated}
		case len(as) > 0:
			acts = append(acts, as...)
		case skip == "":
			skip = reason
		}
	}
	if len(acts) > 0 {
		return acts, nil
	}
	switch {
	case skip != "":
	case c.skipType != "":
		skip = fmt.Sprintf("FIT file type is %s, not an activity", c.skipType)
	default:
		skip = "the FIT file holds no activity"
	}
	return nil, &decode.SkipError{File: name, Reason: skip}
}

// session is a FIT session message, in raw units except for Totals.
type session struct {
	start    uint32
	end      uint32 // the message timestamp
	sport    typedef.Sport
	subSport typedef.SubSport
	tot      activity.Totals // AvgCadenceSPM is still the device's rpm/strides
}

// lap is a FIT lap message.
type lap struct {
	start uint32
	tot   activity.Totals // AvgCadenceSPM is still the device's rpm/strides
}

// hrBeat is one heart-rate value from an hr message: FIT seconds and bpm.
type hrBeat struct {
	t   float64
	bpm float64
}

// builder accumulates one activity's messages.
type builder struct {
	id       fileID
	samples  []activity.Sample
	laps     []lap
	sessions []session
	pauses   []activity.Pause
	hr       []hrBeat

	stopAt   uint32 // time the timer stopped, noTime while running
	sportMsg typedef.Sport
	subMsg   typedef.SubSport
	workout  string // the name of the planned workout the runner followed (workout wkt_name)

	hasActivity bool
	recoveryMin float64 // the last recovery-advisor event's minutes; 0 without one
	utcOffset   int
	hasOffset   bool

	devManufacturer typedef.Manufacturer // from device_info of the creator
	devProduct      uint16

	hrAnchored bool
	hrAnchorT  float64 // FIT seconds of the anchor beat
	hrAnchorE  float64 // its event_timestamp, seconds

	dist   accumulator // record distance from compressed_speed_distance, 1/16 m
	hrEvt  accumulator // hr event_timestamp, 1/1024 s
	evtBuf []uint32    // scratch for one hr message's event times
	bpmBuf [1]uint8

	records   int
	noTimeRec int
	prevTS    uint32
	backwards int
	maxGap    uint32
}

// newPart prepares for a chained FIT part holding n records: it makes room
// for their samples and resets the accumulators, which FIT scopes to a part.
func (b *builder) newPart(n int) {
	b.samples = slices.Grow(b.samples, n)
	b.dist, b.hrEvt = accumulator{}, accumulator{}
}

func (b *builder) onMesg(m *proto.Message) {
	switch m.Num {
	case mesgnum.Record:
		b.onRecord(m)
	case mesgnum.Hr:
		b.onHR(m)
	case mesgnum.Event:
		b.onEvent(m)
	case mesgnum.Lap:
		b.onLap(m)
	case mesgnum.Session:
		b.onSession(m)
	case mesgnum.Activity:
		b.onActivity(m)
	case mesgnum.Sport:
		for i := range m.Fields {
			f := &m.Fields[i]
			switch f.Num {
			case fieldnum.SportSport:
				b.sportMsg = typedef.Sport(f.Value.Uint8())
			case fieldnum.SportSubSport:
				b.subMsg = typedef.SubSport(f.Value.Uint8())
			}
		}
	case mesgnum.DeviceInfo:
		b.onDeviceInfo(m)
	case mesgnum.Workout:
		// The name of the planned workout the runner followed ("HIIT 20 X
		// 0:30/0:15") names the activity. The sport and session messages'
		// names are those of the watch's sport profile ("Run", "ROAD",
		// "Löpning"), which name no run, and are not read.
		for i := range m.Fields {
			f := &m.Fields[i]
			if f.Num == fieldnum.WorkoutWktName && f.Value.Valid(f.BaseType) && b.workout == "" {
				b.workout = strings.Clone(strings.TrimSpace(strings.TrimRight(f.Value.String(), "\x00")))
			}
		}
	}
}

// Profile units of the record fields read in onRecord. TestProfileUnits
// checks them against muktihari's profile.
const (
	altScale, altOffset = 5, 500 // altitude, enhanced_altitude
	distScale           = 100    // distance
	speedScale          = 1000   // speed, enhanced_speed
	fracCadenceScale    = 128    // fractional_cadence
	csdSpeedScale       = 100    // compressed_speed_distance: speed, 12 bits
	csdDistScale        = 16     // compressed_speed_distance: distance, 12 bits, accumulated
	hrEvtScale          = 1024   // hr event_timestamp(_12)
	hrFracScale         = 32768  // hr fractional_timestamp
	hrTime256Scale      = 256    // hr time256
	semicircleDeg       = 180.0 / (1 << 31)
)

// accumulator rebuilds a running total from the truncated values of an
// accumulated component (FIT "accumulate"), as the FIT SDK does.
type accumulator struct {
	value, last uint64
	set         bool
}

// reset makes v the running total, e.g. when a message carries the full value.
func (a *accumulator) reset(v uint64) { *a = accumulator{value: v, last: v, set: true} }

// add accumulates the bits-wide value v.
func (a *accumulator) add(v uint64, bits uint) uint64 {
	if !a.set {
		a.reset(v)
		return v
	}
	a.value += (v - a.last) & (1<<bits - 1)
	a.last = v
	return a.value
}

// recordFields collects one record message's fields, in the order they
// come, for endRecord.
type recordFields struct {
	ts                                                      uint32
	lat, lon                                                int32
	alt, ealt, spd, espd, cad, fcad, dist, hr, power, tempC float64
	csd                                                     []uint8
}

// onRecord converts a record message into a Sample: the fields' values,
// read with typed accessors, go through recordField as the reader's own
// record path gives them. The decoder runs without component expansion
// (it is the costliest part of decoding), so the one expansion records
// need, compressed_speed_distance, is done by endRecord;
// enhanced_speed/enhanced_altitude are read directly, with speed/altitude
// as fallbacks. Typed accessors yield FIT's invalid value on a type
// mismatch, so malformed fields read as absent.
func (b *builder) onRecord(m *proto.Message) {
	r := b.beginRecord()
	for i := range m.Fields {
		f := &m.Fields[i]
		var v uint64
		var arr []uint8
		switch f.Num {
		case fieldnum.RecordTimestamp, fieldnum.RecordDistance, fieldnum.RecordEnhancedAltitude,
			fieldnum.RecordEnhancedSpeed:
			v = uint64(f.Value.Uint32())
		case fieldnum.RecordPositionLat, fieldnum.RecordPositionLong:
			v = uint64(uint32(f.Value.Int32()))
		case fieldnum.RecordAltitude, fieldnum.RecordSpeed, fieldnum.RecordPower:
			v = uint64(f.Value.Uint16())
		case fieldnum.RecordHeartRate, fieldnum.RecordCadence, fieldnum.RecordFractionalCadence:
			v = uint64(f.Value.Uint8())
		case fieldnum.RecordTemperature:
			v = uint64(uint8(f.Value.Int8()))
		case fieldnum.RecordCompressedSpeedDistance:
			arr = f.Value.SliceUint8()
		default:
			continue
		}
		b.recordField(&r, f.Num, v, arr)
	}
	b.endRecord(&r)
}

// beginRecord starts a record message.
func (b *builder) beginRecord() recordFields {
	b.records++
	nan := math.NaN()
	return recordFields{ts: noTime, lat: basetype.Sint32Invalid, lon: basetype.Sint32Invalid,
		alt: nan, ealt: nan, spd: nan, espd: nan, cad: nan, fcad: nan, dist: nan, hr: nan, power: nan, tempC: nan}
}

// recordField takes field num of a record message: v holds its value as
// an unsigned integer of the profile's base type (signed types in two's
// complement), arr the bytes of compressed_speed_distance.
func (b *builder) recordField(r *recordFields, num byte, v uint64, arr []uint8) {
	switch num {
	case fieldnum.RecordTimestamp:
		r.ts = uint32(v)
	case fieldnum.RecordPositionLat:
		r.lat = int32(uint32(v))
	case fieldnum.RecordPositionLong:
		r.lon = int32(uint32(v))
	case fieldnum.RecordAltitude:
		if x := uint16(v); x != basetype.Uint16Invalid {
			r.alt = float64(x)/altScale - altOffset
		}
	case fieldnum.RecordEnhancedAltitude:
		if x := uint32(v); x != basetype.Uint32Invalid {
			r.ealt = float64(x)/altScale - altOffset
		}
	case fieldnum.RecordDistance:
		if x := uint32(v); x != basetype.Uint32Invalid {
			r.dist = float64(x) / distScale
			b.dist.reset(uint64(math.Round(r.dist * csdDistScale)))
		}
	case fieldnum.RecordSpeed:
		if x := uint16(v); x != basetype.Uint16Invalid {
			r.spd = float64(x) / speedScale
		}
	case fieldnum.RecordEnhancedSpeed:
		if x := uint32(v); x != basetype.Uint32Invalid {
			r.espd = float64(x) / speedScale
		}
	case fieldnum.RecordCompressedSpeedDistance:
		r.csd = arr
	case fieldnum.RecordHeartRate:
		if x := uint8(v); x != basetype.Uint8Invalid && x != 0 {
			r.hr = float64(x)
		}
	case fieldnum.RecordCadence:
		if x := uint8(v); x != basetype.Uint8Invalid {
			r.cad = float64(x)
		}
	case fieldnum.RecordFractionalCadence:
		if x := uint8(v); x != basetype.Uint8Invalid {
			r.fcad = float64(x) / fracCadenceScale
		}
	case fieldnum.RecordPower:
		if x := uint16(v); x != basetype.Uint16Invalid {
			r.power = float64(x)
		}
	case fieldnum.RecordTemperature:
		if x := int8(uint8(v)); x != basetype.Sint8Invalid {
			r.tempC = float64(x)
		}
	}
}

// endRecord turns a record message's fields into a sample.
func (b *builder) endRecord(r *recordFields) {
	dist, spd, espd := r.dist, r.spd, r.espd
	if csd := r.csd; len(csd) >= 3 && (csd[0] != 0xFF || csd[1] != 0xFF || csd[2] != 0xFF) {
		// 12 bits of speed (1/100 m/s), then 12 bits of accumulated distance (1/16 m).
		v := uint64(csd[0]) | uint64(csd[1])<<8 | uint64(csd[2])<<16
		spd, espd = float64(v&0xFFF)/csdSpeedScale, math.NaN()
		dist = float64(b.dist.add(v>>12&0xFFF, 12)) / csdDistScale
	}
	ts := r.ts
	if ts == noTime {
		b.noTimeRec++
		return
	}
	if b.prevTS != noTime {
		if ts < b.prevTS {
			b.backwards++
		} else if gap := ts - b.prevTS; gap > b.maxGap {
			b.maxGap = gap
		}
	}
	b.prevTS = ts
	// The sample is written in place: newPart made room for every record.
	n := len(b.samples)
	if n == cap(b.samples) {
		b.samples = slices.Grow(b.samples, 1)
	}
	b.samples = b.samples[:n+1]
	s := &b.samples[n]
	s.Time = fitTime(ts)
	s.LatDeg, s.LonDeg = math.NaN(), math.NaN()
	if lat, lon := r.lat, r.lon; lat != basetype.Sint32Invalid && lon != basetype.Sint32Invalid && (lat != 0 || lon != 0) {
		if la, lo := float64(lat)*semicircleDeg, float64(lon)*semicircleDeg; la >= -90 && la <= 90 && lo >= -180 && lo <= 180 {
			s.LatDeg, s.LonDeg = la, lo
		}
	}
	s.AltitudeM = pick(r.ealt, r.alt)
	s.DistanceM = dist
	s.SpeedMS = pick(espd, spd)
	s.HeartRateBPM = r.hr
	s.CadenceSPM = math.NaN()
	if !math.IsNaN(r.cad) {
		cad := r.cad
		if !math.IsNaN(r.fcad) {
			cad += r.fcad
		}
		s.CadenceSPM = cad // doubled for foot sports in finish
	}
	s.PowerW = r.power
	s.TemperatureC = r.tempC
}

// pick returns a unless it is NaN, else b.
func pick(a, b float64) float64 {
	if math.IsNaN(a) {
		return b
	}
	return a
}

// onHR collects beats from hr messages (HR straps that store their data
// apart from the records, e.g. swim and HRM-Pro recordings). The first hr
// message of a block carries a timestamp that anchors the event_timestamp
// of its first beat; later beats are placed relative to it. Later messages
// pack their event times as accumulated 12-bit values (event_timestamp_12),
// expanded here since the decoder runs without component expansion.
func (b *builder) onHR(m *proto.Message) {
	ts := noTime
	frac, frac256 := math.NaN(), math.NaN()
	evts := b.evtBuf[:0]
	var evt12, bpms []uint8
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.HrTimestamp:
			ts = f.Value.Uint32()
		case fieldnum.HrFractionalTimestamp:
			if x := f.Value.Uint16(); x != basetype.Uint16Invalid {
				frac = float64(x) / hrFracScale
			}
		case fieldnum.HrTime256:
			if x := f.Value.Uint8(); x != basetype.Uint8Invalid {
				frac256 = float64(x) / hrTime256Scale
			}
		case fieldnum.HrEventTimestamp:
			switch f.Value.Type() {
			case proto.TypeSliceUint32:
				evts = append(evts, f.Value.SliceUint32()...)
			case proto.TypeUint32:
				evts = append(evts, f.Value.Uint32())
			}
		case fieldnum.HrEventTimestamp12:
			evt12 = f.Value.SliceUint8()
		case fieldnum.HrFilteredBpm:
			switch f.Value.Type() {
			case proto.TypeSliceUint8:
				bpms = f.Value.SliceUint8()
			case proto.TypeUint8:
				b.bpmBuf[0] = f.Value.Uint8()
				bpms = b.bpmBuf[:1]
			}
		}
	}
	if n := len(evts); n > 0 && evts[n-1] != basetype.Uint32Invalid {
		b.hrEvt.reset(uint64(evts[n-1]))
	}
	if anyValid(evt12) {
		// Up to 10 values of 12 bits, least significant first; a short
		// last value keeps the bits there are.
		n := min((len(evt12)*8+11)/12, 10)
		for k := range n {
			var v uint64
			for bit := k * 12; bit < k*12+12 && bit/8 < len(evt12); bit += 8 - bit%8 {
				v |= uint64(evt12[bit/8]>>(bit%8)) << (bit - k*12)
			}
			evts = append(evts, uint32(b.hrEvt.add(v&0xFFF, 12)))
		}
	}
	b.evtBuf = evts[:0]
	if math.IsNaN(frac) {
		frac = frac256
	}
	if math.IsNaN(frac) {
		frac = 0
	}
	if ts != noTime && len(evts) > 0 && evts[0] != basetype.Uint32Invalid {
		b.hrAnchored = true
		b.hrAnchorT = float64(ts) + frac
		b.hrAnchorE = float64(evts[0]) / hrEvtScale
	}
	if !b.hrAnchored {
		return
	}
	for i, e := range evts {
		if i >= len(bpms) {
			break
		}
		if e == basetype.Uint32Invalid || bpms[i] == 0 || bpms[i] == basetype.Uint8Invalid {
			continue
		}
		b.hr = append(b.hr, hrBeat{t: b.hrAnchorT + float64(e)/hrEvtScale - b.hrAnchorE, bpm: float64(bpms[i])})
	}
}

// anyValid reports whether a byte array holds a valid (non-0xFF) byte.
func anyValid(p []uint8) bool {
	for _, c := range p {
		if c != basetype.ByteInvalid {
			return true
		}
	}
	return false
}

// eventRecoveryTime is the event number Garmin devices write their
// recovery advisor's time under, in minutes in the event's data field.
// The FIT profile does not define it; Runalyze documents it (issue 1408:
// event 37 is the VO2max estimate, 38 the recovery time in minutes, 39
// the HRV analysis), and real files in the shared corpus carry it (e.g.
// 1872 minutes after a Fenix 2 run).
const eventRecoveryTime typedef.Event = 38

func (b *builder) onEvent(m *proto.Message) {
	ts := noTime
	ev, typ := typedef.EventInvalid, typedef.EventTypeInvalid
	data, data16 := math.NaN(), math.NaN()
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.EventTimestamp:
			ts = f.Value.Uint32()
		case fieldnum.EventEvent:
			ev = typedef.Event(f.Value.Uint8())
		case fieldnum.EventEventType:
			typ = typedef.EventType(f.Value.Uint8())
		case fieldnum.EventData:
			data = num(f)
		case fieldnum.EventData16:
			data16 = num(f)
		}
	}
	if ev == eventRecoveryTime {
		if math.IsNaN(data) {
			data = data16 // older devices write the 16-bit form
		}
		if !math.IsNaN(data) && data >= 0 {
			b.recoveryMin = data // the last one counts: it follows the last stop
		}
		return
	}
	if ev != typedef.EventTimer || ts == noTime {
		return
	}
	switch typ {
	case typedef.EventTypeStart:
		if b.stopAt != noTime && ts >= b.stopAt {
			if ts > b.stopAt {
				b.pauses = append(b.pauses, activity.Pause{Start: fitTime(b.stopAt), End: fitTime(ts)})
			}
			b.stopAt = noTime
		}
	case typedef.EventTypeStop, typedef.EventTypeStopAll, typedef.EventTypeStopDisable, typedef.EventTypeStopDisableAll:
		if b.stopAt == noTime {
			b.stopAt = ts
		}
	}
}

func (b *builder) onLap(m *proto.Message) {
	l := lap{start: noTime, tot: activity.NewTotals()}
	ts := noTime
	frac := math.NaN()
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.LapTimestamp:
			ts = f.Value.Uint32()
		case fieldnum.LapStartTime:
			l.start = f.Value.Uint32()
		case fieldnum.LapTotalElapsedTime:
			l.tot.ElapsedS = num(f)
		case fieldnum.LapTotalTimerTime:
			l.tot.TimerS = num(f)
		case fieldnum.LapTotalDistance:
			l.tot.DistanceM = num(f)
		case fieldnum.LapAvgHeartRate:
			l.tot.AvgHR = num(f)
		case fieldnum.LapMaxHeartRate:
			l.tot.MaxHR = num(f)
		case fieldnum.LapTotalAscent:
			l.tot.AscentM = num(f)
		case fieldnum.LapTotalDescent:
			l.tot.DescentM = num(f)
		case fieldnum.LapAvgCadence:
			l.tot.AvgCadenceSPM = num(f)
		case fieldnum.LapAvgFractionalCadence:
			frac = num(f)
		case fieldnum.LapTotalCalories:
			l.tot.Calories = num(f)
		}
	}
	if !math.IsNaN(frac) {
		l.tot.AvgCadenceSPM += frac // stays NaN without avg_cadence
	}
	if l.start == noTime {
		l.start = startFrom(ts, l.tot.ElapsedS)
	}
	b.laps = append(b.laps, l)
}

// startFrom estimates a start time from an end time and an elapsed time.
func startFrom(end uint32, elapsed float64) uint32 {
	if end == noTime || math.IsNaN(elapsed) || elapsed < 0 || elapsed > float64(end) {
		return end
	}
	return end - uint32(elapsed)
}

func (b *builder) onSession(m *proto.Message) {
	s := session{start: noTime, end: noTime, sport: typedef.SportInvalid, subSport: typedef.SubSportInvalid,
		tot: activity.NewTotals()}
	frac := math.NaN()
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.SessionTimestamp:
			s.end = f.Value.Uint32()
		case fieldnum.SessionStartTime:
			s.start = f.Value.Uint32()
		case fieldnum.SessionSport:
			s.sport = typedef.Sport(f.Value.Uint8())
		case fieldnum.SessionSubSport:
			s.subSport = typedef.SubSport(f.Value.Uint8())
		case fieldnum.SessionTotalElapsedTime:
			s.tot.ElapsedS = num(f)
		case fieldnum.SessionTotalTimerTime:
			s.tot.TimerS = num(f)
		case fieldnum.SessionTotalDistance:
			s.tot.DistanceM = num(f)
		case fieldnum.SessionAvgHeartRate:
			s.tot.AvgHR = num(f)
		case fieldnum.SessionMaxHeartRate:
			s.tot.MaxHR = num(f)
		case fieldnum.SessionTotalAscent:
			s.tot.AscentM = num(f)
		case fieldnum.SessionTotalDescent:
			s.tot.DescentM = num(f)
		case fieldnum.SessionAvgCadence:
			s.tot.AvgCadenceSPM = num(f)
		case fieldnum.SessionAvgFractionalCadence:
			frac = num(f)
		case fieldnum.SessionTotalCalories:
			s.tot.Calories = num(f)
		}
	}
	if !math.IsNaN(frac) {
		s.tot.AvgCadenceSPM += frac
	}
	if s.start == noTime {
		s.start = startFrom(s.end, s.tot.ElapsedS)
	}
	b.sessions = append(b.sessions, s)
}

func (b *builder) onActivity(m *proto.Message) {
	b.hasActivity = true
	ts, local := noTime, noTime
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.ActivityTimestamp:
			ts = f.Value.Uint32()
		case fieldnum.ActivityLocalTimestamp:
			local = f.Value.Uint32()
		}
	}
	if ts == noTime || local == noTime || b.hasOffset {
		return
	}
	off := int64(local) - int64(ts)
	if off < -14*3600 || off > 14*3600 {
		return
	}
	// Real offsets are whole quarter hours; round away clock skew.
	b.utcOffset = int(math.Round(float64(off)/900) * 900)
	b.hasOffset = true
}

func (b *builder) onDeviceInfo(m *proto.Message) {
	if b.devManufacturer != typedef.ManufacturerInvalid {
		return
	}
	creator := false
	manu, prod := typedef.ManufacturerInvalid, uint16(basetype.Uint16Invalid)
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.DeviceInfoDeviceIndex:
			creator = f.Value.Uint8() == uint8(typedef.DeviceIndexCreator)
		case fieldnum.DeviceInfoManufacturer:
			manu = typedef.Manufacturer(f.Value.Uint16())
		case fieldnum.DeviceInfoProduct:
			prod = f.Value.Uint16()
		}
	}
	if creator {
		b.devManufacturer, b.devProduct = manu, prod
	}
}
