// Package gpx decodes GPX 1.0 and 1.1 files (GPS Exchange Format) into
// activity.Activity values. Decode matches decode.Decoder.
//
// # What it reads
//
// Every trkpt of every trk and trkseg, in document order, becomes a sample
// of one activity: lat/lon attributes, ele, time (RFC 3339, with or without
// fractional seconds; without a zone it is read as UTC with a warning) and
// GPX 1.0 speed. Sensor values come from the point's extensions, matched on
// local names whatever the namespace prefix: Garmin TrackPointExtension
// v1/v2 (hr, cad, atemp, speed), plain hr/heartrate, cad/cadence,
// power (Strava), PowerInWatts (Garmin PowerExtension, Apple Watch) and
// temp/atemp. A time gap between two segments becomes an activity.Pause.
// The first trk/name (else metadata/name, or gpx/name in GPX 1.0) is the
// Name, the first trk/type the sport (activity.ParseSport: "running",
// "Run", Strava's "9", ...; Other when missing or unknown), and the gpx
// creator attribute the Device.
//
// A run's cadence is doubled from strides to steps per minute when the
// median of its non-zero values is below StrideCadenceMedian (Garmin
// writes strides in TrackPointExtension cad; a few apps write steps).
//
// Track points without a time are dropped with a warning. A file with
// fewer than two timed track points, or with less than MinTimedShare of
// its points timed, is a route or a planned track: Decode returns a
// *decode.SkipError saying so. Routes (rte) and waypoints (wpt) are never
// read as samples.
//
// # Why a scanner of its own
//
// GPX files are large (a long ride is megabytes of near-identical trkpt
// elements) and a decoder only needs a handful of fields from each. Rather
// than encoding/xml, whose Unmarshal allocates for every token and every
// struct field through reflection, the package reads the document with
// the scanner in decode/internal/xmlscan (shared with decode/tcx), which
// finds each tag in the document in memory without copying or allocating,
// in time linear in the document whatever the size of one token, and
// parses each tag by hand, dispatching on local names with a small element
// stack. On the test corpus this is five to eleven times faster than
// xml.Unmarshal into structs (see BenchmarkDecode and BenchmarkEncodingXML)
// and allocates almost only the samples themselves. xmlscan's doc says why
// it no longer uses github.com/muktihari/xmltokenizer (a single 32 MB
// token, a track's name, took it 47 s).
//
// The scanner checks that end tags match start tags, so a truncated or
// broken file is reported as a *decode.ParseError naming the track point
// and line where possible; a '>' inside a quoted attribute value stays in
// it. Limits that remain: documents must be UTF-8 or declare
// ISO-8859-1/Windows-1252; DTD entities other than the five predefined
// ones and character references are left as written; a name, a creator or
// a type is read up to xmlscan.MaxTextBytes. Decode refuses a file of more
// than decode.MaxSamples track points as it meets the one beyond,
// recovers from any panic and returns it as a *decode.ParseError, and
// FuzzDecode checks that none occurs.
package gpx
