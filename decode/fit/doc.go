// Package fit decodes Garmin FIT activity files into activity.Activity
// values. Its entry point, Decode, has the decode.Decoder signature.
//
// # Why muktihari/fit
//
// FIT parsing is delegated to github.com/muktihari/fit (v0.28.3): it
// implements the whole protocol (compressed timestamp headers, developer
// fields, big- and little-endian definitions, chained files, the full global
// profile), it is pure Go, and it can stream. Decode runs it in
// broadcast-only mode with a message listener, so no proto.FIT holding every
// message is ever built: each record, lap, session, event, activity,
// file_id, device_info, sport and hr message is turned into Rebound's types
// the moment it is decoded, from field buffers the library reuses.
//
// Three settings make the import faster than a plain streaming decode with
// an empty listener (see BenchmarkDecode and BenchmarkBareListener):
//
//   - The decoder's field factory (leanFactory) describes only the fields
//     the converter reads; every other field is read as a single skipped
//     byte, so the library neither allocates a descriptor for each field the
//     profile does not know nor unmarshals arrays and strings nobody reads.
//   - Component expansion is off. The two expansions Rebound needs are done
//     by the converter: record compressed_speed_distance (speed and
//     accumulated distance) and hr event_timestamp_12 (accumulated beat
//     times); enhanced_speed/enhanced_altitude are read directly with
//     speed/altitude as fallbacks. A test checks the result against the
//     library's own expansion on every corpus file.
//   - Each activity's samples are allocated once at their exact size, from a
//     count of record messages taken by walking the message headers, and
//     decoders are pooled between calls.
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
// Decode therefore switches the library's checksum off
// (decoder.WithIgnoreChecksum) and checks integrity itself before decoding:
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
// events, DeviceTotals from the session(s), the UTC offset from the activity
// message. An activity file without a session is imported from its records
// if the device finished it (it has an activity message), rejected as
// truncated otherwise, and skipped if it holds fewer than two records.
package fit
