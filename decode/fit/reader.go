package fit

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// reader walks the messages of one FIT part and hands them to the
// converter, as muktihari's streaming decoder does with Decode's options
// (see doc.go): each data message becomes a proto.Message holding the
// fields leanFactory describes, decoded by proto.UnmarshalValue, except
// record messages, whose fields go straight into a sample (reader.record).
// TestSameAsMuktihari checks that both give the same activities.
type reader struct {
	conv *converter
	defs [16]localDef // by local message type
	// ts is the last full timestamp (field 253 of any message), on which
	// compressed timestamp headers build; lastOffset is its low 5 bits,
	// then the last compressed header's offset.
	ts         uint32
	lastOffset byte
	fields     []proto.Field // scratch for one message's fields
	descs      []fieldDesc   // developer field descriptions of this part
}

// localDef is a definition message compiled for reading its data messages.
type localDef struct {
	defined bool
	num     typedef.MesgNum
	arch    byte // proto.LittleEndian or proto.BigEndian
	size    int  // bytes of a data message after its header
	fields  []fieldDef
	dev     []devFieldDef
}

// fieldDef is one field of a definition that the converter reads (or that
// carries a timestamp); the other fields are only skipped over.
type fieldDef struct {
	off, size int
	base      *proto.FieldBase // leanFactory's description
	// Copied from base for the record path.
	num   byte
	n     int // size of the base type
	array bool
}

// devFieldDef is one developer field of a definition.
type devFieldDef struct {
	num, index byte
}

// fieldDesc is what a field_description message says about a developer
// field: only its base type matters, since developer fields are not read.
type fieldDesc struct {
	index, num byte
	baseType   basetype.BaseType
}

var (
	errInvalidBaseType = errors.New("invalid base type")
	errMesgDefMissing  = decoder.ErrMesgDefMissing
)

// decodePart reads the messages of part p (header, data and CRC, already
// checked by split). It returns the offset in p at which it failed.
func (r *reader) decodePart(p []byte) (pos int, err error) {
	for i := range r.defs {
		r.defs[i].defined = false
	}
	r.ts, r.lastOffset = 0, 0
	clear(r.descs)
	r.descs = r.descs[:0]

	hsize := int(p[0])
	data := p[hsize : len(p)-2]
	for i := 0; i < len(data); {
		h := data[i]
		i++
		if h&(proto.MesgCompressedHeaderMask|proto.MesgDefinitionMask) == proto.MesgDefinitionMask {
			n, err := r.define(h, data[i:])
			if err != nil {
				return hsize + i, fmt.Errorf("decode message definition: %w", err)
			}
			i += n
			continue
		}
		local := h & proto.LocalMesgNumMask
		compressed := h&proto.MesgCompressedHeaderMask != 0
		if compressed {
			local = (h & proto.CompressedLocalMesgNumMask) >> proto.CompressedBitShift
		}
		def := &r.defs[local]
		if !def.defined {
			return hsize + i, fmt.Errorf("decode message: %w", errMesgDefMissing)
		}
		if len(data)-i < def.size {
			return hsize + len(data), fmt.Errorf("decode message: %w", io.ErrUnexpectedEOF)
		}
		if compressed {
			off := h & proto.CompressedTimeMask
			r.ts += uint32((off - r.lastOffset) & proto.CompressedTimeMask)
			r.lastOffset = off
		}
		msg := data[i : i+def.size]
		i += def.size
		if def.num == mesgnum.Record {
			if err := r.checkDevFields(def); err != nil {
				return hsize + i, fmt.Errorf("decode message: %w", err)
			}
			r.record(def, msg, compressed)
			continue
		}
		if err := r.message(h, def, msg, compressed); err != nil {
			return hsize + i, fmt.Errorf("decode message: %w", err)
		}
	}
	return 0, nil
}

// define reads a definition message after its header h and returns its
// length.
func (r *reader) define(h byte, b []byte) (int, error) {
	if len(b) < 5 {
		return 0, io.ErrUnexpectedEOF
	}
	def := &r.defs[h&proto.LocalMesgNumMask]
	def.defined = false
	def.arch = b[1]
	if def.arch == proto.LittleEndian {
		def.num = typedef.MesgNum(binary.LittleEndian.Uint16(b[2:4]))
	} else {
		def.num = typedef.MesgNum(binary.BigEndian.Uint16(b[2:4]))
	}
	nf := int(b[4])
	n := 5
	if len(b)-n < 3*nf {
		return 0, io.ErrUnexpectedEOF
	}
	def.fields = def.fields[:0]
	def.dev = def.dev[:0]
	size := 0
	for k := range nf {
		f := b[n+3*k : n+3*k+3]
		num, fsize, bt := f[0], int(f[1]), basetype.BaseType(f[2])
		if !bt.Valid() {
			return 0, fmt.Errorf("message %d, field %d: base type %#x: %w", def.num, k, f[2], errInvalidBaseType)
		}
		if fsize == 0 {
			continue // muktihari drops empty fields
		}
		if base := leanField(def.num, num); base != skipped {
			def.fields = append(def.fields, fieldDef{off: size, size: fsize, base: base,
				num: base.Num, n: int(base.BaseType.Size()), array: base.Array})
		}
		size += fsize
	}
	n += 3 * nf
	if h&proto.DevDataMask != 0 {
		if len(b)-n < 1 {
			return 0, io.ErrUnexpectedEOF
		}
		nd := int(b[n])
		n++
		if len(b)-n < 3*nd {
			return 0, io.ErrUnexpectedEOF
		}
		for k := range nd {
			f := b[n+3*k : n+3*k+3]
			if f[1] == 0 {
				continue
			}
			def.dev = append(def.dev, devFieldDef{num: f[0], index: f[2]})
			size += int(f[1])
		}
		n += 3 * nd
	}
	def.size = size
	def.defined = true
	return n, nil
}

// message decodes a data message other than a plain record into a
// proto.Message for the converter, as muktihari's decodeFields does for
// the fields leanFactory describes.
func (r *reader) message(h byte, def *localDef, msg []byte, compressed bool) error {
	fields := r.fields[:0]
	if compressed {
		fields = append(fields, proto.Field{FieldBase: leanField(def.num, proto.FieldNumTimestamp),
			Value: proto.Uint32(r.ts)})
	}
	for k := range def.fields {
		f := &def.fields[k]
		b := msg[f.off : f.off+f.size]
		base := f.base
		if n := int(base.BaseType.Size()); len(b) < n {
			// Too short for its type: zero-padded, as muktihari does.
			var buf [8]byte
			if def.arch == proto.LittleEndian {
				copy(buf[:n], b)
			} else {
				copy(buf[n-len(b):n], b)
			}
			b = buf[:n]
		}
		v, err := proto.UnmarshalValue(b, def.arch, base.BaseType, base.Type, base.Array)
		if err != nil {
			return err
		}
		if base.Num == proto.FieldNumTimestamp && v.Type() == proto.TypeUint32 {
			r.ts = v.Uint32()
			r.lastOffset = byte(r.ts & proto.CompressedTimeMask)
		}
		fields = append(fields, proto.Field{FieldBase: base, Value: v})
	}
	m := proto.Message{Num: def.num, Header: h, Fields: fields}
	if def.num == mesgnum.FieldDescription {
		d := mesgdef.NewFieldDescription(&m)
		r.descs = append(r.descs, fieldDesc{index: d.DeveloperDataIndex, num: d.FieldDefinitionNumber,
			baseType: d.FitBaseTypeId})
	}
	if err := r.checkDevFields(def); err != nil {
		return err
	}
	r.conv.OnMesg(m)
	clear(fields) // keep no values (and their arrays) alive
	r.fields = fields[:0]
	return nil
}

// checkDevFields fails a message with a developer field whose description
// gives an invalid base type, as muktihari does. Developer fields are not
// read otherwise.
func (r *reader) checkDevFields(def *localDef) error {
	for _, dev := range def.dev {
		for _, d := range r.descs {
			if d.index == dev.index && d.num == dev.num {
				if !d.baseType.Valid() {
					return fmt.Errorf("developer field %d: base type %#x: %w", dev.num, byte(d.baseType), errInvalidBaseType)
				}
				break
			}
		}
	}
	return nil
}

// record decodes a record message without building a proto.Message: each
// field's value is read as proto.UnmarshalValue would read it with the
// profile's base type (the first value of a longer field, a shorter one
// zero-extended) and given to the converter.
func (r *reader) record(def *localDef, msg []byte, compressed bool) {
	big := def.arch != proto.LittleEndian
	b := r.conv.target(mesgnum.Record, nil)
	if b == nil { // an ignored part: only timestamps matter
		for k := range def.fields {
			if f := &def.fields[k]; f.num == proto.FieldNumTimestamp {
				r.ts = uint32(readUint(msg[f.off:f.off+f.size], f.n, big))
				r.lastOffset = byte(r.ts & proto.CompressedTimeMask)
			}
		}
		return
	}
	rec := b.beginRecord()
	if compressed {
		b.recordField(&rec, proto.FieldNumTimestamp, uint64(r.ts), nil)
	}
	for k := range def.fields {
		f := &def.fields[k]
		p := msg[f.off : f.off+f.size]
		if f.array { // compressed_speed_distance, the one array a record reads
			b.recordField(&rec, f.num, 0, p)
			continue
		}
		v := readUint(p, f.n, big)
		if f.num == proto.FieldNumTimestamp {
			r.ts = uint32(v)
			r.lastOffset = byte(v & proto.CompressedTimeMask)
		}
		b.recordField(&rec, f.num, v, nil)
	}
	b.endRecord(&rec)
}

// readUint reads an unsigned integer of n bytes from p in the given byte
// order: the first n bytes of a longer p, a shorter p zero-extended.
func readUint(p []byte, n int, big bool) uint64 {
	if !big && len(p) >= n {
		switch n {
		case 1:
			return uint64(p[0])
		case 2:
			return uint64(binary.LittleEndian.Uint16(p))
		case 4:
			return uint64(binary.LittleEndian.Uint32(p))
		}
	}
	if len(p) > n {
		p = p[:n]
	}
	var v uint64
	if big {
		for _, c := range p {
			v = v<<8 | uint64(c)
		}
		return v
	}
	for i := len(p) - 1; i >= 0; i-- {
		v = v<<8 | uint64(p[i])
	}
	return v
}
