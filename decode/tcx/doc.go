// Package tcx decodes TCX files (Garmin Training Center Database v2) into
// activity.Activity values. Decode matches decode.Decoder.
//
// # What it reads
//
// Each Activity element becomes one activity. Its Sport attribute gives the
// sport (Running, Biking, Other; activity.ParseSport), its Id the start
// time, its Creator/Name the Device. Each Lap becomes an activity.Lap:
// StartTime, TotalTimeSeconds (as TimerS), DistanceMeters, Calories,
// AverageHeartRateBpm, MaximumHeartRateBpm, and Cadence or the
// ActivityExtension's AvgRunCadence (MaximumSpeed has no place in
// activity.Totals and is not kept). DeviceTotals sums the laps: TimerS,
// DistanceM and Calories are sums, MaxHR the largest lap maximum, AvgHR and
// AvgCadenceSPM means weighted by each lap's TotalTimeSeconds over the
// laps that have them.
//
// Each Trackpoint becomes a sample: Time, Position, AltitudeMeters,
// DistanceMeters, HeartRateBpm, Cadence and the TPX extension's Speed,
// RunCadence and Watts (extension elements are matched on local names,
// whatever the namespace prefix). Timestamps may carry any RFC 3339
// offset (Fitbit and MapMyRide write local offsets) and fractional seconds;
// they are stored in UTC, and a non-zero offset on the Id becomes
// UTCOffsetS. A timestamp without a zone is read as UTC with a warning.
// Trackpoints without a time are dropped with a warning; a second Track
// inside one lap (a timer stop) becomes an activity.Pause.
//
// A run's RunCadence and AvgRunCadence are strides per minute and are
// doubled to steps per minute; a run's plain Cadence is doubled when its
// median is below StrideCadenceMedian (Polar and Suunto write strides
// there). Other sports keep cadence as written.
//
// A file whose only content is a Course gives a *decode.SkipError ("TCX
// course, not a recorded activity"), as does one with no Activity holding
// laps or timed trackpoints. An empty, truncated or malformed file gives a
// *decode.ParseError naming the trackpoint and line where possible.
//
// # Why a scanner of its own
//
// TCX files are verbose (a run is often a megabyte of nested trackpoints)
// and a decoder needs only a few values from each. Rather than
// encoding/xml, whose Unmarshal allocates for every token and every struct
// field through reflection, the package reads the document with the
// scanner in decode/internal/xmlscan (shared with decode/gpx), which finds
// each tag in the document in memory without copying or allocating, in
// time linear in the document whatever the size of one token, and parses
// each tag by hand, dispatching on local names with a small element stack.
// On the test corpus this is four to nine times faster than xml.Unmarshal
// into structs (see BenchmarkDecode and BenchmarkEncodingXML). xmlscan's
// doc says why it no longer uses github.com/muktihari/xmltokenizer (a
// single 32 MB token took it 47 s). Decode refuses a file of more than
// decode.MaxSamples trackpoints as it meets the one beyond, recovers from
// any panic and returns it as a *decode.ParseError, and FuzzDecode checks
// that none occurs.
package tcx
