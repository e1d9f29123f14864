package fit

import (
	"github.com/muktihari/fit/profile"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// leanFactory describes the fields Rebound reads (and those a FIT decoder
// itself needs: file_id, developer_data_id, field_description, and every
// timestamp, which compressed timestamp headers build on) from the
// standard profile, and every other field as skipped: a single byte-sized
// scalar. The reader compiles definitions with leanField and leaves the
// skipped fields out; as a decoder.Factory it is what muktihari's decoder
// runs with in TestSameAsMuktihari, where the converter ignores the
// skipped fields (the standard factory would allocate a descriptor for
// every field the profile does not know and unmarshal arrays and strings
// nobody reads).
//
// skipped is shared and never written: the decoder only rewrites the base
// of fields named factory.NameUnknown.
type leanFactory struct{}

var (
	// skipped describes every field Rebound does not read. Its number is
	// the FIT invalid field number, which no converter case matches.
	skipped = &proto.FieldBase{Name: "skipped", Num: 255, Type: profile.Uint8, BaseType: basetype.Uint8, Scale: 1}
	// timestamp describes field 253 of messages the profile does not know.
	timestamp = &proto.FieldBase{Name: "timestamp", Num: proto.FieldNumTimestamp, Type: profile.DateTime,
		BaseType: basetype.Uint32, Scale: 1, Units: "s"}

	// kept maps a message number to the fields read from it (nil: none).
	kept = func() (kept [256]*[256]*proto.FieldBase) {
		std := factory.StandardFactory()
		all := func(m typedef.MesgNum) *[256]*proto.FieldBase {
			var t [256]*proto.FieldBase
			for n := range 256 {
				if f := std.CreateField(m, byte(n)); f.Name != factory.NameUnknown {
					t[n] = f.FieldBase
				}
			}
			return &t
		}
		only := func(m typedef.MesgNum, nums ...byte) *[256]*proto.FieldBase {
			var t [256]*proto.FieldBase
			for _, n := range nums {
				t[n] = std.CreateField(m, n).FieldBase
			}
			return &t
		}
		for m, t := range map[typedef.MesgNum]*[256]*proto.FieldBase{
			// Needed by the decoder (developer fields, file_id) or read whole.
			mesgnum.FileId:           all(mesgnum.FileId),
			mesgnum.DeveloperDataId:  all(mesgnum.DeveloperDataId),
			mesgnum.FieldDescription: all(mesgnum.FieldDescription),
			// The many messages: only what the converter reads.
			mesgnum.Record: only(mesgnum.Record, fieldnum.RecordTimestamp,
				fieldnum.RecordPositionLat, fieldnum.RecordPositionLong,
				fieldnum.RecordAltitude, fieldnum.RecordEnhancedAltitude,
				fieldnum.RecordDistance, fieldnum.RecordSpeed, fieldnum.RecordEnhancedSpeed,
				fieldnum.RecordCompressedSpeedDistance, fieldnum.RecordHeartRate,
				fieldnum.RecordCadence, fieldnum.RecordFractionalCadence,
				fieldnum.RecordPower, fieldnum.RecordTemperature),
			mesgnum.Hr: only(mesgnum.Hr, fieldnum.HrTimestamp, fieldnum.HrFractionalTimestamp,
				fieldnum.HrTime256, fieldnum.HrFilteredBpm, fieldnum.HrEventTimestamp,
				fieldnum.HrEventTimestamp12),
			mesgnum.Event: only(mesgnum.Event, fieldnum.EventTimestamp, fieldnum.EventEvent,
				fieldnum.EventEventType, fieldnum.EventData16, fieldnum.EventData),
			mesgnum.Lap: only(mesgnum.Lap, fieldnum.LapTimestamp, fieldnum.LapStartTime,
				fieldnum.LapTotalElapsedTime, fieldnum.LapTotalTimerTime, fieldnum.LapTotalDistance,
				fieldnum.LapAvgHeartRate, fieldnum.LapMaxHeartRate, fieldnum.LapTotalAscent,
				fieldnum.LapTotalDescent, fieldnum.LapAvgCadence, fieldnum.LapAvgFractionalCadence,
				fieldnum.LapTotalCalories),
			mesgnum.Session: only(mesgnum.Session, fieldnum.SessionTimestamp, fieldnum.SessionStartTime,
				fieldnum.SessionSport, fieldnum.SessionSubSport,
				fieldnum.SessionTotalElapsedTime, fieldnum.SessionTotalTimerTime,
				fieldnum.SessionTotalDistance, fieldnum.SessionAvgHeartRate, fieldnum.SessionMaxHeartRate,
				fieldnum.SessionTotalAscent, fieldnum.SessionTotalDescent, fieldnum.SessionAvgCadence,
				fieldnum.SessionAvgFractionalCadence, fieldnum.SessionTotalCalories),
			mesgnum.Activity: only(mesgnum.Activity, fieldnum.ActivityTimestamp, fieldnum.ActivityLocalTimestamp),
			mesgnum.Sport:    only(mesgnum.Sport, fieldnum.SportSport, fieldnum.SportSubSport),
			mesgnum.Workout:  only(mesgnum.Workout, fieldnum.WorkoutWktName),
			mesgnum.DeviceInfo: only(mesgnum.DeviceInfo, fieldnum.DeviceInfoTimestamp,
				fieldnum.DeviceInfoDeviceIndex, fieldnum.DeviceInfoManufacturer, fieldnum.DeviceInfoProduct),
		} {
			kept[m] = t
		}
		return kept
	}()

	// timestamps holds field 253 of the messages the profile defines.
	timestamps = func() (t [512]*proto.FieldBase) {
		for m := range t {
			if f := factory.StandardFactory().CreateField(typedef.MesgNum(m), proto.FieldNumTimestamp); f.Name != factory.NameUnknown {
				t[m] = f.FieldBase
			}
		}
		return t
	}()
)

// CreateField implements decoder.Factory.
func (leanFactory) CreateField(mesgNum typedef.MesgNum, num byte) proto.Field {
	return proto.Field{FieldBase: leanField(mesgNum, num)}
}

// leanField returns leanFactory's description of field num of message
// mesgNum: skipped for a field Rebound does not read.
func leanField(mesgNum typedef.MesgNum, num byte) *proto.FieldBase {
	if mesgNum < typedef.MesgNum(len(kept)) {
		if t := kept[mesgNum]; t != nil {
			if fb := t[num]; fb != nil {
				return fb
			}
		}
	}
	if num == proto.FieldNumTimestamp {
		if mesgNum < typedef.MesgNum(len(timestamps)) && timestamps[mesgNum] != nil {
			return timestamps[mesgNum]
		}
		return timestamp
	}
	return skipped
}
