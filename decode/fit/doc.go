// Package fit decodes Garmin FIT activity files into activity.Activity
// values. Its entry point, Decode, has the decode.Decoder signature.
//
// # Why muktihari/fit
//
// FIT parsing is delegated to github.com/muktihari/fit: it implements the
// whole protocol (compressed timestamp headers, developer fields, component
// expansion such as compressed_speed_distance or event_timestamp_12, chained
// files, the full global profile) and it can stream. Decode registers a
// message listener and runs the decoder in broadcast-only mode, so no
// proto.FIT holding every message is ever built: each record, lap, session,
// event, activity, file_id, device_info, sport and hr message is turned into
// Rebound's types the moment it is decoded, and the library's per-message
// field buffers are reused. Decoders are pooled between calls.
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
// *decode.ParseError with the byte offset and a hint.
//
// # Chained files
//
// Parts without a file_id message continue the previous activity (Garmin
// swims and HRM-Pro recordings append parts that hold only hr and other
// messages); a part whose file_id says "activity" starts a new one unless it
// repeats the previous part's serial number and creation time; parts of
// other file types (settings, ...) are ignored. A file with no activity
// part at all is a *decode.SkipError naming its FIT file type.
package fit
