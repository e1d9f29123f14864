package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/kit/hash/crc16"
	"github.com/muktihari/fit/profile"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// ShiftUnit is the granularity of every offset: 65536 s (about 18.2 h).
// A multiple of it leaves the low 16 bits of every date_time unchanged, so
// timestamp_16 fields (the low 16 bits of the time) and compressed
// timestamp headers (the low 5 bits, relative to the last full timestamp)
// stay valid without being rewritten.
const ShiftUnit = 1 << 16

// fitPlan says where the date_time values of one FIT file are, so that
// copies shifted by any offset are made by patching those bytes and
// recomputing the file CRCs. The file is walked once, with muktihari/fit's
// RawDecoder for the framing (headers, definitions, data messages, CRCs)
// and its standard profile for the type of each field.
type fitPlan struct {
	times    []timeField
	parts    []fitPart
	trailing int // zero bytes after the last part (Rebound tolerates them)
	maxTime  uint32
}

// timeField is one 4-byte date_time value in the file.
type timeField struct {
	pos int
	big bool // big-endian (the definition's architecture byte is 1)
}

// fitPart is one FIT file of a chain: data[start:end] holds its header,
// its messages and its 2-byte file CRC.
type fitPart struct {
	start, end int
	headerSize int
	// crcData: the original file CRC covers the data only (not the
	// header). The FIT spec says header and data; both agree when a
	// 14-byte header carries a valid header CRC. The convention the
	// original used is kept.
	crcData bool
}

// localDef is what the plan keeps of a message definition: where in a data
// message its date_time fields are.
type localDef struct {
	defined bool
	big     bool
	times   []fieldSpan
}

type fieldSpan struct {
	off, size int // offset after the record header byte, size in bytes
	invalid   uint32
}

// dateTimeField reports whether field num of message mesgNum holds FIT
// date_time values (seconds since 1989-12-31T00:00Z): a profile field of
// type date_time or local_date_time, or field 253, which is the timestamp
// of every message, including ones the profile does not describe.
func dateTimeField(mesgNum typedef.MesgNum, num byte) bool {
	if num == proto.FieldNumTimestamp {
		return true
	}
	f := factory.CreateField(mesgNum, num)
	return f.Name != factory.NameUnknown && (f.Type == profile.DateTime || f.Type == profile.LocalDateTime)
}

// invalidOf is the invalid value of a 4-byte FIT base type, and whether
// the base type is one a date_time may be stored as.
func invalidOf(baseType byte) (uint32, bool) {
	switch baseType & 0x1F {
	case 0x06: // uint32
		return 0xFFFFFFFF, true
	case 0x0C: // uint32z
		return 0, true
	case 0x05: // sint32
		return 0x7FFFFFFF, true
	}
	return 0, false
}

// planFIT walks data and returns its plan. It fails for anything the raw
// decoder cannot frame and for a file CRC that matches neither convention.
func planFIT(data []byte) (*fitPlan, error) {
	p := &fitPlan{}
	var defs [16]localDef
	kind := map[uint32]bool{} // mesgNum<<8|num -> date_time?
	pos := 0
	var cur fitPart
	_, err := decoder.NewRaw().Decode(bytes.NewReader(data), func(flag decoder.RawFlag, b []byte) error {
		at := pos
		pos += len(b)
		switch flag {
		case decoder.RawFlagFileHeader:
			cur = fitPart{start: at, headerSize: len(b)}
			defs = [16]localDef{}
		case decoder.RawFlagMesgDef:
			if len(b) < 6 {
				return fmt.Errorf("byte %d: short definition", at)
			}
			d := localDef{defined: true, big: b[2] == 1}
			var mesgNum typedef.MesgNum
			if d.big {
				mesgNum = typedef.MesgNum(binary.BigEndian.Uint16(b[3:5]))
			} else {
				mesgNum = typedef.MesgNum(binary.LittleEndian.Uint16(b[3:5]))
			}
			n := int(b[5])
			off := 0
			for i := range n {
				num, size, bt := b[6+3*i], int(b[7+3*i]), b[8+3*i]
				key := uint32(mesgNum)<<8 | uint32(num)
				isTime, ok := kind[key]
				if !ok {
					isTime = dateTimeField(mesgNum, num)
					kind[key] = isTime
				}
				if inv, ok4 := invalidOf(bt); isTime && ok4 && size > 0 && size%4 == 0 {
					d.times = append(d.times, fieldSpan{off: off, size: size, invalid: inv})
				}
				off += size
			}
			defs[b[0]&proto.LocalMesgNumMask] = d
		case decoder.RawFlagMesgData:
			d := &defs[proto.LocalMesgNum(b[0])]
			if !d.defined {
				return fmt.Errorf("byte %d: data message without a definition", at)
			}
			for _, s := range d.times {
				for k := 0; k < s.size; k += 4 {
					i := 1 + s.off + k
					if i+4 > len(b) {
						return fmt.Errorf("byte %d: field runs past its message", at)
					}
					var v uint32
					if d.big {
						v = binary.BigEndian.Uint32(b[i:])
					} else {
						v = binary.LittleEndian.Uint32(b[i:])
					}
					if v == s.invalid {
						continue
					}
					p.times = append(p.times, timeField{pos: at + i, big: d.big})
					p.maxTime = max(p.maxTime, v)
				}
			}
		case decoder.RawFlagCRC:
			cur.end = pos
			stored := binary.LittleEndian.Uint16(b)
			switch stored {
			case crc(data[cur.start:at]):
			case crc(data[cur.start+cur.headerSize : at]):
				cur.crcData = true
			default:
				return fmt.Errorf("byte %d: file CRC %#04x matches neither header+data nor data", at, stored)
			}
			p.parts = append(p.parts, cur)
		}
		return nil
	})
	if err != nil {
		// A chain may end in zero padding, which Rebound ignores.
		last := 0
		if len(p.parts) > 0 {
			last = p.parts[len(p.parts)-1].end
		}
		if len(p.parts) == 0 || !allZero(data[last:]) {
			return nil, err
		}
		p.trailing = len(data) - last
	}
	if len(p.parts) == 0 {
		return nil, errors.New("no FIT data")
	}
	if len(p.times) == 0 {
		return nil, errors.New("no date_time values")
	}
	return p, nil
}

// maxOffset is the largest offset apply accepts for this file: its latest
// date_time must stay a valid uint32 below 0xFFFFFFFF.
func (p *fitPlan) maxOffset() uint32 { return 0xFFFFFFFE - p.maxTime }

// apply returns a copy of src with every date_time moved by off seconds
// (a multiple of ShiftUnit) and every file CRC recomputed. Headers are
// unchanged, so their CRCs stay valid.
func (p *fitPlan) apply(src []byte, off uint32) ([]byte, error) {
	if off%ShiftUnit != 0 {
		return nil, fmt.Errorf("offset %d is not a multiple of %d", off, ShiftUnit)
	}
	if off > p.maxOffset() {
		return nil, fmt.Errorf("offset %d would overflow the FIT date_time range", off)
	}
	dst := bytes.Clone(src)
	for _, t := range p.times {
		b := dst[t.pos : t.pos+4]
		if t.big {
			binary.BigEndian.PutUint32(b, binary.BigEndian.Uint32(b)+off)
		} else {
			binary.LittleEndian.PutUint32(b, binary.LittleEndian.Uint32(b)+off)
		}
	}
	for _, part := range p.parts {
		from := part.start
		if part.crcData {
			from += part.headerSize
		}
		binary.LittleEndian.PutUint16(dst[part.end-2:], crc(dst[from:part.end-2]))
	}
	return dst, nil
}

// crc is the FIT CRC-16 of b, computed by muktihari/fit.
func crc(b []byte) uint16 {
	h := crc16.New()
	h.Write(b)
	return h.Sum16()
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
