package fit

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/muktihari/fit/decoder"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
)

// Hints shown with a ParseError.
const (
	hintTruncated = "the file is truncated; re-export it from the device"
	hintCorrupt   = "the file is corrupt; re-export it from the device"
	hintNotFIT    = "the file is not a valid FIT file; re-export it from the device or app"
	hintEmpty     = "the file is empty; copy or export it again"
)

// tooManyRecords is the error of a file of n record messages, more than
// decode.MaxSamples.
func tooManyRecords(n int) error { return fmt.Errorf("%d records: %w", n, decode.ErrTooManySamples) }

// part is one FIT file of a chain: data[start:end] holds its header, its
// data records and its 2-byte file CRC.
type part struct {
	start, end int
}

// worker bundles a message reader with its converter so that both can be
// reused across Decode calls (they keep their buffers).
type worker struct {
	rd   reader
	conv converter
}

var workers = sync.Pool{New: func() any {
	w := new(worker)
	w.rd.conv = &w.conv
	return w
}}

// Decode decodes a whole FIT file (possibly several chained FIT files) into
// the activities it records. name is used only in error messages.
//
// A FIT file that is valid but records no activity (monitoring, settings,
// weight scale, workout, course, a file_id alone) yields a *decode.SkipError;
// a broken one (bad CRC, truncated, corrupt header, undecodable message)
// yields a *decode.ParseError. Decode never panics.
func Decode(data []byte, name string) (acts []*activity.Activity, err error) {
	parts, trailing, err := split(data, name)
	if err != nil {
		return nil, err
	}
	w := workers.Get().(*worker)
	defer func() {
		if r := recover(); r != nil {
			// The worker may be in any state: drop it rather than pool it.
			acts, err = nil, &decode.ParseError{Format: decode.FIT, File: name,
				Err: fmt.Errorf("internal error while decoding: %v", r), Hint: hintNotFIT}
		}
	}()
	acts, err = w.decode(data, parts, name)
	// Keep no activity in the pool.
	w.conv.reset()
	workers.Put(w)
	if err != nil {
		return nil, err
	}
	if trailing > 0 {
		for _, a := range acts {
			a.Warnings = append(a.Warnings, fmt.Sprintf("ignored %d zero bytes after the FIT data", trailing))
		}
	}
	return acts, nil
}

// decode streams each part through the reader and the converter.
func (w *worker) decode(data []byte, parts []part, name string) ([]*activity.Activity, error) {
	w.conv.reset()
	counts := make([]int, len(parts))
	total := 0
	for i, p := range parts {
		counts[i] = countRecords(data[p.start:p.end])
		total += counts[i]
	}
	if total > decode.MaxSamples {
		// Refused before a sample is allocated: at 96 bytes a sample, a
		// 10 MB file of two-byte records would otherwise take 480 MB.
		return nil, &decode.ParseError{Format: decode.FIT, File: name, Err: tooManyRecords(total), Hint: decode.HintTooLong}
	}
	for i, p := range parts {
		b := data[p.start:p.end]
		w.conv.beginPart(counts[i])
		if pos, err := w.rd.decodePart(b); err != nil {
			return nil, decodeError(name, p.start+pos, i, len(parts), err)
		}
	}
	return w.conv.finish(name)
}

// split walks the chain of FIT files in data and checks each one's header
// and CRC (see doc.go). It returns the parts and the number of trailing zero
// bytes after the last one, which are tolerated.
func split(data []byte, name string) (parts []part, trailing int, err error) {
	fail := func(pos int, hint string, err error) ([]part, int, error) {
		rec := ""
		if pos >= 0 {
			rec = "byte " + strconv.Itoa(pos)
		}
		return nil, 0, &decode.ParseError{Format: decode.FIT, File: name, Record: rec, Err: err, Hint: hint}
	}
	if len(data) == 0 {
		return fail(-1, hintEmpty, fmt.Errorf("the file is empty (0 bytes): %w", io.ErrUnexpectedEOF))
	}
	for off := 0; off < len(data); {
		rest := data[off:]
		what := "FIT header"
		if len(parts) > 0 {
			if allZero(rest) {
				return parts, len(rest), nil
			}
			what = fmt.Sprintf("header of chained FIT file %d", len(parts)+1)
		}
		size := int(rest[0])
		if size != 12 && size != 14 {
			return fail(off, hintNotFIT, fmt.Errorf("%s: size byte is %d, want 12 or 14: %w", what, size, decoder.ErrNotFITFile))
		}
		if len(rest) < size {
			return fail(len(data), hintTruncated, fmt.Errorf("%s: file ends inside the %d-byte header: %w", what, size, io.ErrUnexpectedEOF))
		}
		if string(rest[8:12]) != ".FIT" {
			return fail(off, hintNotFIT, fmt.Errorf("%s: no .FIT signature: %w", what, decoder.ErrNotFITFile))
		}
		dataSize := int64(binary.LittleEndian.Uint32(rest[4:8]))
		if dataSize == 0 {
			return fail(off, hintNotFIT, fmt.Errorf("%s announces no data: %w", what, decoder.ErrNotFITFile))
		}
		if size == 14 {
			stored := binary.LittleEndian.Uint16(rest[12:14])
			if got := crc16(0, rest[:12]); stored != 0 && stored != got {
				return fail(off, hintCorrupt, fmt.Errorf("%s: header CRC is %#04x but the header gives %#04x: %w",
					what, stored, got, decoder.ErrCRCChecksumMismatch))
			}
		}
		total := int64(size) + dataSize + 2
		if total > int64(len(rest)) {
			return fail(len(data), hintTruncated, fmt.Errorf("the file ends after %d bytes but its %s announces %d: %w",
				len(data), what, int64(off)+total, io.ErrUnexpectedEOF))
		}
		end := off + int(total)
		// The file CRC covers header and data. With a valid header CRC the
		// CRC over the 14 header bytes is 0, so this equals the CRC of the
		// data alone; with a 0x0000 header CRC it does not (doc.go).
		stored := binary.LittleEndian.Uint16(data[end-2 : end])
		if got := crc16(0, data[off:end-2]); got != stored {
			return fail(end-2, hintCorrupt, fmt.Errorf("file CRC is %#04x but the data gives %#04x: %w",
				stored, got, decoder.ErrCRCChecksumMismatch))
		}
		parts = append(parts, part{start: off, end: end})
		off = end
	}
	return parts, 0, nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// decodeError turns an error of the reader at byte pos of the file, which
// reads "decode message: unexpected EOF", into a ParseError.
func decodeError(name string, pos, i, n int, err error) *decode.ParseError {
	if n > 1 {
		err = fmt.Errorf("chained FIT file %d: %w", i+1, err)
	}
	hint := hintNotFIT
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		hint = hintTruncated
	}
	return &decode.ParseError{Format: decode.FIT, File: name, Record: "byte " + strconv.Itoa(pos), Err: err, Hint: hint}
}

// countRecords counts the record messages of one FIT part (header, data and
// CRC) by walking its message headers and definitions without decoding any
// field. Decode uses it to size each activity's samples exactly, instead of
// growing them by repeated copying. It stops quietly at anything malformed:
// the count is only a capacity hint.
func countRecords(p []byte) int {
	if len(p) < 14 {
		return 0
	}
	data := p[int(p[0]) : len(p)-2]
	var sizes [16]int // data message size per local message type
	var defined, record [16]bool
	n := 0
	for i := 0; i < len(data); {
		h := data[i]
		i++
		if h&0xC0 == 0x40 { // definition message
			if len(data)-i < 5 {
				break
			}
			var global uint16
			if data[i+1] == 0 {
				global = binary.LittleEndian.Uint16(data[i+2:])
			} else {
				global = binary.BigEndian.Uint16(data[i+2:])
			}
			nf := int(data[i+4])
			i += 5
			if len(data)-i < 3*nf {
				break
			}
			size := 0
			for k := range nf {
				size += int(data[i+3*k+1])
			}
			i += 3 * nf
			if h&0x20 != 0 { // developer fields
				if i >= len(data) {
					break
				}
				nd := int(data[i])
				i++
				if len(data)-i < 3*nd {
					break
				}
				for k := range nd {
					size += int(data[i+3*k+1])
				}
				i += 3 * nd
			}
			local := h & 0x0F
			sizes[local], defined[local], record[local] = size, true, global == 20 // mesgnum.Record
			continue
		}
		local := h & 0x0F
		if h&0x80 != 0 { // compressed timestamp header
			local = h >> 5 & 0x03
		}
		if !defined[local] {
			break
		}
		if record[local] {
			n++
		}
		i += sizes[local]
	}
	return n
}
