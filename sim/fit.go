package sim

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"

	"github.com/rebound-run/rebound/activity"
)

// DeviceProduct is the product number written to the FIT file_id and
// device_info messages (manufacturer "development" has no product list).
const DeviceProduct = 1

// EncodeFIT writes a as a FIT activity file to w, the way a watch does:
// file_id, device_info, a timer start event, one record message per
// sample with timer stop/start events around each of a.Pauses, a lap
// message at the end of each lap, and a final timer stop, session and
// activity message. Lap boundaries come from a.Laps' start times (one lap
// when there are none); lap and session totals are computed from the
// samples, not copied from a.Laps or a.DeviceTotals. Absent (NaN) sample
// fields are left out. Running cadence is written in strides per minute
// (steps/2), as FIT stores it.
func (r Runner) EncodeFIT(a *activity.Activity, w io.Writer) error {
	if a == nil || len(a.Samples) == 0 {
		return errors.New("sim: encode FIT: no samples")
	}
	var laps []lapInfo
	j := 0
	for _, l := range a.Laps {
		for j < len(a.Samples)-1 && a.Samples[j].Time.Before(l.Start) {
			j++
		}
		if len(laps) > 0 && j <= laps[len(laps)-1].first {
			continue
		}
		laps = append(laps, lapInfo{first: j, trigger: "manual"})
	}
	if len(laps) == 0 || laps[0].first != 0 {
		laps = append([]lapInfo{{first: 0, trigger: "manual"}}, laps...)
	}
	laps[len(laps)-1].trigger = "session_end"
	return r.encode(a, laps, w)
}

// WriteFIT simulates w (see Record) and writes it to dst as a FIT
// activity file (see EncodeFIT), with each lap's intensity (warm-up,
// active, rest, cool-down) and trigger from the plan. It fails on a rest
// day.
func (r Runner) WriteFIT(w Workout, dst io.Writer) error {
	t := r.simulate(w)
	if t == nil {
		return fmt.Errorf("sim: %s on %s is a rest day: nothing to record", w.Kind, w.Start.Format(time.DateOnly))
	}
	return r.encode(t.a, t.laps, dst)
}

// WriteSeason plans a season (see Season) and writes one FIT file per
// workout (rest days have none) into dir, creating it if needed. Files
// are named by local date and kind, e.g. 2026-09-01-easy.fit. It returns
// the paths written, in order. The bytes depend only on r and the
// arguments.
func (r Runner) WriteSeason(dir string, start time.Time, weeks int) ([]string, error) {
	return r.WriteWorkouts(dir, r.Season(start, weeks))
}

// WriteWorkouts writes one FIT file per workout of ws (rest days have
// none) into dir, as WriteSeason does, and returns the paths written.
func (r Runner) WriteWorkouts(dir string, ws []Workout) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	seen := map[string]bool{}
	for _, w := range ws {
		if w.Kind == Rest {
			continue
		}
		base := w.Start.Format(time.DateOnly) + "-" + string(w.Kind)
		name := base + ".fit"
		for i := 2; seen[name]; i++ {
			name = fmt.Sprintf("%s-%d.fit", base, i)
		}
		seen[name] = true
		p := filepath.Join(dir, name)
		if err := r.writeFile(p, w); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func (r Runner) writeFile(path string, w Workout) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = r.WriteFIT(w, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("sim: write %s: %w", path, err)
	}
	return nil
}

// encode writes a with the given laps as a FIT activity file.
func (r Runner) encode(a *activity.Activity, laps []lapInfo, w io.Writer) error {
	ss := a.Samples
	start, end := ss[0].Time, ss[len(ss)-1].Time
	sport, subSport := fitSport(a.Sport, a.SubSport)
	firsts := make([]int, len(laps))
	for i, l := range laps {
		firsts[i] = l.first
	}
	lapSums, session := summarizeLaps(a, firsts, r.WeightKg)

	msgs := make([]proto.Message, 0, len(ss)+2*len(laps)+2*len(a.Pauses)+8)
	add := func(m proto.Message) { msgs = append(msgs, m) }

	fileID := mesgdef.NewFileId(nil)
	fileID.Type = typedef.FileActivity
	fileID.Manufacturer = typedef.ManufacturerDevelopment
	fileID.Product = DeviceProduct
	fileID.SerialNumber = r.DeviceSerial
	fileID.TimeCreated = start
	fileID.ProductName = DeviceName
	add(fileID.ToMesg(nil))

	dev := mesgdef.NewDeviceInfo(nil)
	dev.Timestamp = start
	dev.DeviceIndex = typedef.DeviceIndexCreator
	dev.Manufacturer = typedef.ManufacturerDevelopment
	dev.Product = DeviceProduct
	dev.SerialNumber = r.DeviceSerial
	dev.SoftwareVersion = 100 // 1.00
	dev.SourceType = typedef.SourceTypeLocal
	dev.ProductName = DeviceName
	add(dev.ToMesg(nil))

	add(timerEvent(start, typedef.EventTypeStart))
	// Timer events of the pauses, in time order. A stop goes after the
	// record at its time, a restart before the record at its time.
	type event struct {
		t   time.Time
		typ typedef.EventType
	}
	var evs []event
	for _, p := range a.Pauses {
		evs = append(evs, event{p.Start, typedef.EventTypeStopAll}, event{p.End, typedef.EventTypeStart})
	}
	strides := cadenceIsStrides(a.Sport)
	fields := make([]proto.Field, 0, 11*len(ss))
	var rec proto.Message
	lap, k := 1, 0
	for i, s := range ss {
		for k < len(evs) && (evs[k].t.Before(s.Time) || evs[k].t.Equal(s.Time) && evs[k].typ == typedef.EventTypeStart) {
			add(timerEvent(evs[k].t, evs[k].typ))
			k++
		}
		rec, fields = record(s, strides, fields)
		add(rec)
		for k < len(evs) && evs[k].t.Equal(s.Time) && evs[k].typ == typedef.EventTypeStopAll && i < len(ss)-1 {
			add(timerEvent(evs[k].t, evs[k].typ))
			k++
		}
		if lap < len(laps) && laps[lap].first == i {
			add(lapMesg(lapSums[lap-1], laps[lap-1], lap-1, ss, a.Sport, sport, subSport))
			lap++
		}
	}
	for ; k < len(evs); k++ { // pauses that end after the last sample
		if !evs[k].t.Equal(end) || evs[k].typ != typedef.EventTypeStopAll {
			add(timerEvent(evs[k].t, evs[k].typ))
		}
	}
	add(timerEvent(end, typedef.EventTypeStopAll))
	add(lapMesg(lapSums[len(laps)-1], laps[len(laps)-1], len(laps)-1, ss, a.Sport, sport, subSport))

	ses := mesgdef.NewSession(nil)
	ses.Timestamp, ses.StartTime = end, start
	ses.Event, ses.EventType, ses.Trigger = typedef.EventSession, typedef.EventTypeStop, typedef.SessionTriggerActivityEnd
	ses.Sport, ses.SubSport = sport, subSport
	ses.MessageIndex = 0
	ses.FirstLapIndex, ses.NumLaps = 0, uint16(len(laps))
	if ss[0].HasPosition() {
		ses.StartPositionLat, ses.StartPositionLong = toSemicircles(ss[0].LatDeg), toSemicircles(ss[0].LonDeg)
	}
	ses.TotalElapsedTime = scaled32(session.ElapsedS, 1000)
	ses.TotalTimerTime = scaled32(session.TimerS, 1000)
	ses.TotalDistance = scaled32(session.DistanceM, 100)
	ses.EnhancedAvgSpeed = scaled32(session.avgSpeed, 1000)
	ses.EnhancedMaxSpeed = scaled32(session.maxSpeed, 1000)
	ses.AvgHeartRate, ses.MaxHeartRate = u8(session.AvgHR), u8(session.MaxHR)
	ses.AvgCadence, ses.AvgFractionalCadence = cadenceFields(session.AvgCadenceSPM, a.Sport)
	ses.MaxCadence, ses.MaxFractionalCadence = cadenceFields(session.maxCadence, a.Sport)
	ses.TotalAscent, ses.TotalDescent = u16(session.AscentM), u16(session.DescentM)
	ses.TotalCalories = u16(session.Calories)
	ses.AvgTemperature, ses.MaxTemperature, ses.MinTemperature = i8(session.avgTemp), i8(session.maxTemp), i8(session.minTemp)
	ses.EnhancedMinAltitude, ses.EnhancedMaxAltitude = altitude32(session.minAlt), altitude32(session.maxAlt)
	if a.Sport.IsRun() {
		ses.SportProfileName = "Run"
	} else if a.Sport == activity.Cycling {
		ses.SportProfileName = "Bike"
	}
	add(ses.ToMesg(nil))

	act := mesgdef.NewActivity(nil)
	act.Timestamp = end
	act.TotalTimerTime = ses.TotalTimerTime
	act.NumSessions = 1
	act.Type = typedef.ActivityManual
	act.Event, act.EventType = typedef.EventActivity, typedef.EventTypeStop
	offset := 0
	if a.UTCOffsetS != nil {
		offset = *a.UTCOffsetS
	} else {
		_, offset = start.In(r.location()).Zone()
	}
	act.LocalTimestamp = end.Add(time.Duration(offset) * time.Second)
	add(act.ToMesg(nil))

	fit := proto.FIT{Messages: msgs}
	enc := encoder.New(w, encoder.WithHeaderOption(encoder.HeaderOptionNormal, 15))
	return enc.Encode(&fit)
}

func timerEvent(t time.Time, typ typedef.EventType) proto.Message {
	e := mesgdef.NewEvent(nil)
	e.Timestamp = t
	e.Event, e.EventType = typedef.EventTimer, typ
	e.Data = uint32(typedef.TimerTriggerManual)
	e.EventGroup = 0
	return e.ToMesg(nil)
}

// record builds a record message for s. It fills the fields directly
// (rather than through mesgdef.Record, which allocates room for all 80-odd
// record fields) because a season has a quarter of a million records; the
// fields are appended to buf, which is returned grown.
func record(s activity.Sample, strides bool, buf []proto.Field) (proto.Message, []proto.Field) {
	start := len(buf)
	add := func(num byte, v proto.Value) {
		f := factory.CreateField(mesgnum.Record, num)
		f.Value = v
		buf = append(buf, f)
	}
	add(fieldnum.RecordTimestamp, proto.Uint32(datetime.ToUint32(s.Time)))
	if s.HasPosition() {
		add(fieldnum.RecordPositionLat, proto.Int32(toSemicircles(s.LatDeg)))
		add(fieldnum.RecordPositionLong, proto.Int32(toSemicircles(s.LonDeg)))
	}
	if v := altitude32(s.AltitudeM); v != basetype.Uint32Invalid {
		add(fieldnum.RecordEnhancedAltitude, proto.Uint32(v))
	}
	if v := scaled32(s.DistanceM, 100); v != basetype.Uint32Invalid {
		add(fieldnum.RecordDistance, proto.Uint32(v))
	}
	if v := scaled32(s.SpeedMS, 1000); v != basetype.Uint32Invalid {
		add(fieldnum.RecordEnhancedSpeed, proto.Uint32(v))
	}
	if v := u8(s.HeartRateBPM); v != basetype.Uint8Invalid {
		add(fieldnum.RecordHeartRate, proto.Uint8(v))
	}
	if activity.Has(s.CadenceSPM) {
		if strides {
			// FIT stores running cadence in strides per minute; an odd
			// step count is half a stride of fractional_cadence (1/128).
			add(fieldnum.RecordCadence, proto.Uint8(u8(math.Floor(s.CadenceSPM/2))))
			if math.Mod(s.CadenceSPM, 2) >= 1 {
				add(fieldnum.RecordFractionalCadence, proto.Uint8(64))
			}
		} else {
			add(fieldnum.RecordCadence, proto.Uint8(u8(s.CadenceSPM)))
		}
	}
	if v := u16(s.PowerW); v != basetype.Uint16Invalid {
		add(fieldnum.RecordPower, proto.Uint16(v))
	}
	if v := i8(s.TemperatureC); v != basetype.Sint8Invalid {
		add(fieldnum.RecordTemperature, proto.Int8(v))
	}
	return proto.Message{Num: mesgnum.Record, Fields: buf[start:len(buf):len(buf)]}, buf
}

func lapMesg(s summary, info lapInfo, index int, ss []activity.Sample, as activity.Sport, sport typedef.Sport, sub typedef.SubSport) proto.Message {
	l := mesgdef.NewLap(nil)
	l.MessageIndex = typedef.MessageIndex(index)
	l.Timestamp, l.StartTime = ss[s.last].Time, ss[s.first].Time
	l.Event, l.EventType = typedef.EventLap, typedef.EventTypeStop
	l.Sport, l.SubSport = sport, sub
	l.LapTrigger = lapTrigger(info.trigger)
	l.Intensity = fitIntensity(info.intensity)
	if ss[s.first].HasPosition() && ss[s.last].HasPosition() {
		l.StartPositionLat, l.StartPositionLong = toSemicircles(ss[s.first].LatDeg), toSemicircles(ss[s.first].LonDeg)
		l.EndPositionLat, l.EndPositionLong = toSemicircles(ss[s.last].LatDeg), toSemicircles(ss[s.last].LonDeg)
	}
	l.TotalElapsedTime = scaled32(s.ElapsedS, 1000)
	l.TotalTimerTime = scaled32(s.TimerS, 1000)
	l.TotalDistance = scaled32(s.DistanceM, 100)
	l.EnhancedAvgSpeed = scaled32(s.avgSpeed, 1000)
	l.EnhancedMaxSpeed = scaled32(s.maxSpeed, 1000)
	l.AvgHeartRate, l.MaxHeartRate = u8(s.AvgHR), u8(s.MaxHR)
	l.AvgCadence, l.AvgFractionalCadence = cadenceFields(s.AvgCadenceSPM, as)
	l.MaxCadence, l.MaxFractionalCadence = cadenceFields(s.maxCadence, as)
	l.TotalAscent, l.TotalDescent = u16(s.AscentM), u16(s.DescentM)
	l.TotalCalories = u16(s.Calories)
	l.AvgTemperature, l.MaxTemperature, l.MinTemperature = i8(s.avgTemp), i8(s.maxTemp), i8(s.minTemp)
	l.EnhancedMinAltitude, l.EnhancedMaxAltitude = altitude32(s.minAlt), altitude32(s.maxAlt)
	return l.ToMesg(nil)
}

func cadenceFields(c float64, sp activity.Sport) (whole, frac uint8) {
	if !activity.Has(c) {
		return basetype.Uint8Invalid, basetype.Uint8Invalid
	}
	return splitCadence(c, sp)
}

// fitSport maps Rebound's sport (and sub-sport label) to FIT's.
func fitSport(sp activity.Sport, sub string) (typedef.Sport, typedef.SubSport) {
	fs := typedef.SubSportFromString(sub)
	if sub == "" || fs == typedef.SubSportInvalid {
		fs = typedef.SubSportGeneric
	}
	switch sp {
	case activity.Running:
		return typedef.SportRunning, fs
	case activity.Trail:
		return typedef.SportRunning, typedef.SubSportTrail
	case activity.Treadmill:
		return typedef.SportRunning, typedef.SubSportTreadmill
	case activity.Cycling:
		return typedef.SportCycling, fs
	case activity.Swimming:
		return typedef.SportSwimming, fs
	case activity.Walking:
		return typedef.SportWalking, fs
	case activity.Hiking:
		return typedef.SportHiking, fs
	case activity.Strength:
		return typedef.SportTraining, typedef.SubSportStrengthTraining
	}
	return typedef.SportGeneric, typedef.SubSportGeneric
}

func lapTrigger(t string) typedef.LapTrigger {
	switch t {
	case "distance":
		return typedef.LapTriggerDistance
	case "time":
		return typedef.LapTriggerTime
	case "session_end":
		return typedef.LapTriggerSessionEnd
	}
	return typedef.LapTriggerManual
}

func fitIntensity(i Intensity) typedef.Intensity {
	switch i {
	case Active:
		return typedef.IntensityActive
	case Easing:
		return typedef.IntensityRest
	case WarmUp:
		return typedef.IntensityWarmup
	case CoolDown:
		return typedef.IntensityCooldown
	}
	return typedef.IntensityInvalid
}

// scaled32 rounds v·scale into a FIT uint32, invalid when v is absent or
// out of range.
func scaled32(v, scale float64) uint32 {
	x := math.Round(v * scale)
	if math.IsNaN(x) || x < 0 || x >= float64(basetype.Uint32Invalid) {
		return basetype.Uint32Invalid
	}
	return uint32(x)
}

// altitude32 encodes metres as FIT's enhanced_altitude (scale 5, offset
// 500 m).
func altitude32(m float64) uint32 { return scaled32(m+500, 5) }

func u8(v float64) uint8 {
	x := math.Round(v)
	if math.IsNaN(x) || x < 0 || x >= float64(basetype.Uint8Invalid) {
		return basetype.Uint8Invalid
	}
	return uint8(x)
}

func u16(v float64) uint16 {
	x := math.Round(v)
	if math.IsNaN(x) || x < 0 || x >= float64(basetype.Uint16Invalid) {
		return basetype.Uint16Invalid
	}
	return uint16(x)
}

func i8(v float64) int8 {
	x := math.Round(v)
	if math.IsNaN(x) || x < -127 || x > 127 {
		return basetype.Sint8Invalid
	}
	return int8(x)
}
