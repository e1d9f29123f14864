package ingest

import (
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
)

// zipStream reads a zip archive front to back by its local file headers,
// without its central directory, so that an archive nested in another is
// read as it is inflated: nothing is spilled to disk and nothing but the
// entry being read is held (the previous importer copied a nested archive
// to a temporary file first, all of it, whatever its size).
//
// The standard library's archive/zip needs random access to the central
// directory at the end of the archive; no maintained Go library reads a
// zip as a stream, so this one is Rebound's own, about 150 lines, fuzzed
// by FuzzArchive. What it gives up: an entry stored uncompressed whose
// size is only given after its data (a data descriptor) cannot be
// delimited and ends the archive with an error (archivers write stored
// entries with their sizes up front, and Garmin's exports deflate); the
// entries are those of the local headers, in order, which for a
// well-formed archive are those of the central directory.
type zipStream struct {
	cr   *countingReader
	b    *budget      // the limits every entry's meter enforces
	cur  *streamEntry // the entry being read, finished by next
	done bool
}

// streamEntry is one entry of a zipStream.
type streamEntry struct {
	name    string
	method  uint16
	flags   uint16
	crc     uint32
	csize   int64 // compressed size, -1 when a data descriptor gives it
	zip64   bool
	start   int64     // compressed bytes read before its data
	src     io.Reader // its content, decompressed; nil when it cannot be read
	sum     hash.Hash32
	drained bool // read to its end
	// meter reads the content, enforcing the limits (MaxFileBytes,
	// MaxRatio, the archive's budget) and checksumming it.
	meter *meter
}

func newZipStream(r io.Reader, b *budget) *zipStream {
	return &zipStream{cr: newCountingReader(r), b: b}
}

const (
	sigLocal      = 0x04034b50
	sigCentral    = 0x02014b50
	sigEnd        = 0x06054b50
	sigEnd64      = 0x06064b50
	sigDescriptor = 0x08074b50
)

// next finishes the current entry and returns the next one, or io.EOF at
// the central directory (or at the end of the data).
func (z *zipStream) next() (*streamEntry, error) {
	if z.done {
		return nil, io.EOF
	}
	if z.cur != nil {
		if err := z.finish(z.cur); err != nil {
			z.done = true
			return nil, fmt.Errorf("entry %q: %w", z.cur.name, err)
		}
		z.cur = nil
	}
	var sig [4]byte
	if _, err := io.ReadFull(z.cr, sig[:]); err != nil {
		z.done = true
		if err == io.EOF {
			return nil, errors.New("not a zip archive, or one cut short: no central directory")
		}
		return nil, fmt.Errorf("read the next entry: %w", err)
	}
	switch binary.LittleEndian.Uint32(sig[:]) {
	case sigLocal:
	case sigCentral, sigEnd, sigEnd64:
		z.done = true
		return nil, io.EOF
	default:
		z.done = true
		return nil, errors.New("not a zip archive, or a damaged one: no entry header where one should be")
	}
	var h [26]byte
	if _, err := io.ReadFull(z.cr, h[:]); err != nil {
		z.done = true
		return nil, fmt.Errorf("entry header: %w", io.ErrUnexpectedEOF)
	}
	e := &streamEntry{
		flags:  binary.LittleEndian.Uint16(h[2:]),
		method: binary.LittleEndian.Uint16(h[4:]),
		crc:    binary.LittleEndian.Uint32(h[10:]),
		csize:  int64(binary.LittleEndian.Uint32(h[14:])),
	}
	usize := int64(binary.LittleEndian.Uint32(h[18:]))
	nameLen, extraLen := int(binary.LittleEndian.Uint16(h[22:])), int(binary.LittleEndian.Uint16(h[24:]))
	buf := make([]byte, nameLen+extraLen)
	if _, err := io.ReadFull(z.cr, buf); err != nil {
		z.done = true
		return nil, fmt.Errorf("entry header: %w", io.ErrUnexpectedEOF)
	}
	e.name = string(buf[:nameLen])
	// A zip64 extra field carries the sizes that do not fit in 32 bits.
	for extra := buf[nameLen:]; len(extra) >= 4; {
		id, size := binary.LittleEndian.Uint16(extra), int(binary.LittleEndian.Uint16(extra[2:]))
		if size > len(extra)-4 {
			break
		}
		if field := extra[4 : 4+size]; id == 0x0001 {
			e.zip64 = true
			if usize == 0xFFFFFFFF && len(field) >= 8 {
				field = field[8:]
			}
			if e.csize == 0xFFFFFFFF && len(field) >= 8 {
				e.csize = int64(binary.LittleEndian.Uint64(field))
			}
		}
		extra = extra[4+size:]
	}
	if e.flags&0x8 != 0 {
		e.csize = -1 // the sizes follow the data
	}
	e.start = z.cr.count()
	z.cur = e
	switch {
	case e.flags&0x1 != 0:
		return e, fmt.Errorf("entry %q is encrypted", e.name)
	case e.method == 0 && e.csize < 0:
		z.done = true
		return nil, fmt.Errorf("entry %q is stored with its size after its data, which cannot be read as a stream; unzip the archive and import what it holds", e.name)
	case e.method == 0:
		e.src = io.LimitReader(z.cr, e.csize)
	case e.method == 8:
		e.src = flate.NewReader(z.cr) // z.cr is a ByteReader: flate reads no further than its stream
	default:
		return e, fmt.Errorf("entry %q: compression method %d is not supported", e.name, e.method)
	}
	e.sum = newCRC()
	e.meter = &meter{r: &entryReader{e: e}, in: z.in(e), max: MaxFileBytes, b: z.b}
	return e, nil
}

// in returns the compressed bytes read for e so far.
func (z *zipStream) in(e *streamEntry) func() int64 {
	return func() int64 { return z.cr.count() - e.start }
}

// entryReader reads an entry's content, checksumming it.
type entryReader struct{ e *streamEntry }

func (r *entryReader) Read(p []byte) (int, error) {
	e := r.e
	n, err := e.src.Read(p)
	e.sum.Write(p[:n])
	if err == io.EOF {
		e.drained = true
	}
	return n, err
}

// finish skips what is left of e (the compressed bytes when their number
// is known, else by inflating them through read, which enforces the
// limits) and reads its data descriptor; it checks the CRC-32 of an entry
// that was read whole.
func (z *zipStream) finish(e *streamEntry) error {
	read := z.in(e)
	if e.src == nil { // an entry that cannot be read: skip it if it can be
		if e.csize < 0 {
			return errors.New("cannot skip it: its size is unknown")
		}
		_, err := io.CopyN(io.Discard, z.cr, e.csize)
		return err
	}
	if !e.drained {
		if e.csize >= 0 {
			left := e.csize - read()
			if left < 0 {
				return errors.New("its data runs past its stated size: the archive is damaged")
			}
			if _, err := io.CopyN(io.Discard, z.cr, left); err != nil {
				return fmt.Errorf("skip its data: %w", err)
			}
		} else if _, err := io.Copy(io.Discard, e.meter); err != nil {
			return err
		}
	}
	if e.csize >= 0 && read() != e.csize {
		return errors.New("its data does not end where its header says: the archive is damaged")
	}
	if e.flags&0x8 != 0 {
		if err := z.descriptor(e); err != nil {
			return err
		}
	}
	if e.drained && e.sum.Sum32() != e.crc {
		return errChecksum
	}
	return nil
}

// descriptor reads the data descriptor after e's data: an optional
// signature, the CRC-32, and the two sizes (8 bytes each in a zip64
// archive).
func (z *zipStream) descriptor(e *streamEntry) error {
	var b [4]byte
	if _, err := io.ReadFull(z.cr, b[:]); err != nil {
		return fmt.Errorf("data descriptor: %w", io.ErrUnexpectedEOF)
	}
	if binary.LittleEndian.Uint32(b[:]) == sigDescriptor {
		if _, err := io.ReadFull(z.cr, b[:]); err != nil {
			return fmt.Errorf("data descriptor: %w", io.ErrUnexpectedEOF)
		}
	}
	e.crc = binary.LittleEndian.Uint32(b[:])
	sizes := 8
	if e.zip64 {
		sizes = 16
	}
	if _, err := io.CopyN(io.Discard, z.cr, int64(sizes)); err != nil {
		return fmt.Errorf("data descriptor: %w", io.ErrUnexpectedEOF)
	}
	return nil
}
