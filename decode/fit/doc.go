// Package fit decodes Garmin FIT activity files into activity.Activity
// values. Its entry point, Decode, has the decode.Decoder signature.
//
// # What comes from muktihari/fit
//
// github.com/muktihari/fit (v0.28.3) supplies the FIT profile (message and
// field numbers, base types, scales) and its value types (proto.Value,
// proto.UnmarshalValue); its streaming decoder is the reference Decode is
// tested against. Decode itself reads the messages with its own small
// reader (reader.go), which does for Rebound what that decoder does with
// the options Rebound used to run it with (broadcast only, no checksum, no
// component expansion, a lean field factory), at about twice the speed
// (BenchmarkDecode; BenchmarkBareListener is the library's plain streaming
// decode):
//
//   - Each definition message is compiled once into the list of fields the
//     converter reads (leanFactory describes them from the standard
//     profile); every other field and every developer field is skipped over
//     without being decoded.
//   - Record messages, most of a file, go straight from their bytes into a
//     sample: each field is read as proto.UnmarshalValue would read it with
//     the profile's base type (the first value of a longer field, a shorter
//     one zero-extended) and handed to the same recordField that the
//     converter uses for a proto.Message. Other messages (file_id, lap,
//     session, event, hr, ...) are built as proto.Message values with
//     proto.UnmarshalValue and go through the converter's OnMesg.
//   - Compressed timestamp headers, big-endian definitions, fields shorter
//     or longer than their type, a missing definition and a developer field
//     whose description has an invalid base type are handled as the library
//     handles them. TestSameAsMuktihari decodes every corpus file, each one
//     re-encoded big-endian and with compressed timestamps, and hundreds of
//     damaged copies both ways and requires the same activities (or the
//     same kind of error).
//   - Component expansion is left out. The two expansions Rebound needs are
//     done by the converter: record compressed_speed_distance (speed and
//     accumulated distance) and hr event_timestamp_12 (accumulated beat
//     times); enhanced_speed/enhanced_altitude are read directly with
//     speed/altitude as fallbacks. TestManualExpansion checks the result
//     against the library's own expansion on every corpus file.
//   - Each activity's samples are allocated once at their exact size, from a
//     count of record messages taken by walking the message headers, and
//     readers are pooled between calls.
//
// # The CRC trap
//
// The FIT spec lets a 14-byte file header carry a header CRC of 0x0000,
// meaning "not computed". The file CRC at the end of the data is, in every
// case, the CRC-16 of all bytes from the first header byte to the last data
// byte. When the header CRC is valid, running the CRC over the 14 header
// bytes (CRC included) yields zero, which is why most readers get away with
// checksumming the data alone; when the header CRC is 0x0000 they do not.
// muktihari/fit v0.28.3 restarts its CRC after every 14-byte header and so
// rejects such valid files (five of them are in the shared test corpus).
//
// Decode therefore checks integrity itself before decoding:
// it walks the chain of FIT parts, validates each header (size byte, ".FIT"
// signature, non-zero data size, header CRC when it is not 0x0000, data that
// fits in the file) and compares each part's file CRC with a CRC-16 computed
// over that part's header and data. A file whose CRC really is wrong, a
// chained part with a corrupt header and a truncated file are reported as
// *decode.ParseError with the byte offset and a hint. Each part is then
// decoded on its own, so a message cannot run over into the next part.
//
// # Chained files
//
// Parts without a file_id message continue the previous activity (Garmin
// swims and HRM-Pro recordings append parts that hold only hr and other
// messages); a part whose file_id says "activity" starts a new one unless it
// repeats the previous part's serial number and creation time; parts of
// other file types (settings, ...) are ignored. A file with no activity
// part at all is a *decode.SkipError naming its FIT file type.
//
// # What is kept
//
// Samples come from record messages (positions in degrees; running, walking
// and hiking cadence doubled from FIT's strides to steps per minute; heart
// rate 0 read as absent), with heart rate from hr messages filling records
// that lack it. Laps come from lap messages, pauses from timer stop/start
// events, DeviceTotals from the session, the UTC offset from the activity
// message, the name from the workout message (the planned workout the
// runner followed; the sport profile's name, "Run" or "ROAD", names no
// run). A multisport file (several sessions: swim, transition, ride,
// transition, run) becomes one activity per session, with the samples,
// laps and pauses from its start to the next session's; transitions are
// legs too (sport other, sub-sport "transition"), and ingest decides what
// to keep. An activity file without a session is imported from its records
// if the device finished it (it has an activity message), rejected as
// truncated otherwise, and skipped if it holds fewer than two records.
package fit
