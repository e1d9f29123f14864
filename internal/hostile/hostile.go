// Package hostile builds the hostile input files of issue #12 for the
// hostile-input tests (ingest) and the benchmark that measures them
// (bench/cmd/hostilebench): decompression bombs (zip entries of zeros, a
// nested archive that expands to gigabytes, a gzipped GPX of spaces), XML
// with one huge token, and a FIT file with millions of records.
//
// The files are written as a stream, in about the time it takes to write
// their compressed size: a bomb's deflate stream is one compressed block of
// filler repeated (deflate blocks that end byte-aligned can be
// concatenated), so a 10 GiB nested archive costs a CRC over 10 GiB and 10
// MB of writing, not 10 GiB of compression.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
)

// Content is a file's bytes: Prefix, then N copies of the byte Fill, then
// Suffix. Every bomb is one of these.
type Content struct {
	Prefix []byte
	Fill   byte
	N      int64
	Suffix []byte
}

// Size is the number of bytes of c.
func (c Content) Size() int64 { return int64(len(c.Prefix)) + c.N + int64(len(c.Suffix)) }

// CRC32 is the IEEE CRC-32 of c (as zip and gzip store it). It is
// remembered, since a bomb's many entries are often the same content.
func (c Content) CRC32() uint32 {
	key := fmt.Sprintf("%x|%d|%d|%x", c.Prefix, c.Fill, c.N, c.Suffix)
	crcMu.Lock()
	defer crcMu.Unlock()
	if v, ok := crcs[key]; ok {
		return v
	}
	crc := crc32.ChecksumIEEE(c.Prefix)
	if c.N > 0 {
		fill := bytes.Repeat([]byte{c.Fill}, int(min(c.N, fillChunk)))
		for n := c.N; n > 0; n -= fillChunk {
			crc = crc32.Update(crc, crc32.IEEETable, fill[:min(n, fillChunk)])
		}
	}
	crc = crc32.Update(crc, crc32.IEEETable, c.Suffix)
	crcs[key] = crc
	return crc
}

var (
	crcMu  sync.Mutex
	crcs   = map[string]uint32{}
	chunks = map[byte][]byte{}
)

// fillChunk is the length of filler one repeated deflate block holds.
const fillChunk = 1 << 20

// chunk returns the raw deflate blocks of fillChunk copies of fill, ending
// byte-aligned and not final. They decode to the same bytes whatever came
// before: the compressor starts with a literal and its matches reach back
// only into the chunk itself.
func chunk(fill byte) []byte {
	crcMu.Lock()
	defer crcMu.Unlock()
	if c, ok := chunks[fill]; ok {
		return c
	}
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(bytes.Repeat([]byte{fill}, fillChunk))
	w.Flush() // ends with an empty stored block: byte-aligned
	chunks[fill] = b.Bytes()
	return b.Bytes()
}

// WriteDeflate writes c as a raw deflate stream (RFC 1951) to w and
// returns the number of bytes written.
func (c Content) WriteDeflate(w io.Writer) (int64, error) {
	cw := &counter{w: w}
	head, _ := flate.NewWriter(cw, flate.BestCompression)
	head.Write(c.Prefix)
	head.Flush()
	if c.N > 0 {
		whole := chunk(c.Fill)
		for n := c.N; n >= fillChunk; n -= fillChunk {
			if _, err := cw.Write(whole); err != nil {
				return cw.n, err
			}
		}
	}
	// The rest of the filler and the suffix, from a fresh compressor whose
	// matches stay within its own output; Close ends the stream.
	tail, _ := flate.NewWriter(cw, flate.BestCompression)
	tail.Write(bytes.Repeat([]byte{c.Fill}, int(c.N%fillChunk)))
	tail.Write(c.Suffix)
	err := tail.Close()
	return cw.n, err
}

// WriteGzip writes c as a gzip file (RFC 1952) to w.
func (c Content) WriteGzip(w io.Writer) error {
	// ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=unknown
	if _, err := w.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255}); err != nil {
		return err
	}
	if _, err := c.WriteDeflate(w); err != nil {
		return err
	}
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], c.CRC32())
	binary.LittleEndian.PutUint32(trailer[4:], uint32(c.Size()))
	_, err := w.Write(trailer[:])
	return err
}

// Entry is one entry of a zip archive written by WriteZip.
type Entry struct {
	Name string
	Content
	// Store writes the entry uncompressed (method 0) rather than deflated.
	Store bool
}

// WriteZip writes a zip archive of entries to w. Each entry's sizes and
// CRC are in its local header (no data descriptor), as most archivers
// write them.
func WriteZip(w io.Writer, entries []Entry) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.Name, Method: zip.Deflate, CRC32: e.CRC32(), UncompressedSize64: uint64(e.Size())}
		if e.Store {
			h.Method = zip.Store
			h.CompressedSize64 = h.UncompressedSize64
		} else {
			var cnt counter
			if _, err := e.WriteDeflate(&cnt); err != nil {
				return err
			}
			h.CompressedSize64 = uint64(cnt.n)
		}
		fw, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		if e.Store {
			err = e.writeRaw(fw)
		} else {
			_, err = e.WriteDeflate(fw)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

func (c Content) writeRaw(w io.Writer) error {
	if _, err := w.Write(c.Prefix); err != nil {
		return err
	}
	if c.N > 0 {
		fill := bytes.Repeat([]byte{c.Fill}, int(min(c.N, fillChunk)))
		for n := c.N; n > 0; n -= fillChunk {
			if _, err := w.Write(fill[:min(n, fillChunk)]); err != nil {
				return err
			}
		}
	}
	_, err := w.Write(c.Suffix)
	return err
}

// ZipContent returns the bytes of a zip archive holding the entries before
// and then one stored entry of n copies of fill, as a Content (the
// archive's headers and first entries around the filler), so that the
// archive can itself be the entry of another: WriteZip of an Entry with
// this Content is a nested bomb, or (stored) a large nested archive.
func ZipContent(name string, fill byte, n int64, before ...Entry) (Content, error) {
	inner := Content{Fill: fill, N: n}
	var cw splitter
	zw := zip.NewWriter(&cw)
	for _, e := range before {
		fw, err := zw.CreateRaw(&zip.FileHeader{Name: e.Name, Method: zip.Store, CRC32: e.CRC32(),
			CompressedSize64: uint64(e.Size()), UncompressedSize64: uint64(e.Size())})
		if err != nil {
			return Content{}, err
		}
		if err := e.writeRaw(fw); err != nil {
			return Content{}, err
		}
	}
	fw, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, CRC32: inner.CRC32(),
		CompressedSize64: uint64(n), UncompressedSize64: uint64(n)})
	if err != nil {
		return Content{}, err
	}
	if err := zw.Flush(); err != nil {
		return Content{}, err
	}
	cw.skipping = true
	fill1 := bytes.Repeat([]byte{fill}, fillChunk)
	for left := n; left > 0; left -= fillChunk {
		fw.Write(fill1[:min(left, fillChunk)])
	}
	if err := zw.Flush(); err != nil {
		return Content{}, err
	}
	cw.skipping = false
	if err := zw.Close(); err != nil {
		return Content{}, err
	}
	if cw.skipped != n {
		return Content{}, errors.New("hostile: the zip writer buffered the filler")
	}
	return Content{Prefix: cw.prefix, Fill: fill, N: n, Suffix: cw.suffix}, nil
}

// splitter keeps what is written before and after a stretch it only counts.
type splitter struct {
	skipping       bool
	skipped        int64
	prefix, suffix []byte
}

func (s *splitter) Write(p []byte) (int, error) {
	switch {
	case s.skipping:
		s.skipped += int64(len(p))
	case s.skipped == 0:
		s.prefix = append(s.prefix, p...)
	default:
		s.suffix = append(s.suffix, p...)
	}
	return len(p), nil
}

type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	if c.w == nil {
		c.n += int64(len(p))
		return len(p), nil
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// WriteOverlapping writes a zip archive whose central directory lists the
// one entry e (deflated) n times, under the names e.Name plus a number:
// every listed entry is the same compressed data, so the archive expands
// n times what one entry does, for the size of one (David Fifield's
// "better zip bomb"). data is e's content, which e.Content does not hold
// (it is not a run of one byte).
func WriteOverlapping(w io.Writer, name string, data []byte, n int) error {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	crc := crc32.ChecksumIEEE(data)
	le := binary.LittleEndian
	var b []byte
	b = le.AppendUint32(b, 0x04034b50)
	b = le.AppendUint16(b, 20)
	b = le.AppendUint16(b, 0) // flags
	b = le.AppendUint16(b, 8) // deflate
	b = le.AppendUint32(b, 0) // time, date
	b = le.AppendUint32(b, crc)
	b = le.AppendUint32(b, uint32(comp.Len()))
	b = le.AppendUint32(b, uint32(len(data)))
	b = le.AppendUint16(b, uint16(len(name)))
	b = le.AppendUint16(b, 0)
	b = append(b, name...)
	b = append(b, comp.Bytes()...)
	dirStart := len(b)
	for i := range n {
		entry := fmt.Sprintf("%d-%s", i, name)
		b = le.AppendUint32(b, 0x02014b50)
		b = le.AppendUint16(b, 20)
		b = le.AppendUint16(b, 20)
		b = le.AppendUint16(b, 0)
		b = le.AppendUint16(b, 8)
		b = le.AppendUint32(b, 0)
		b = le.AppendUint32(b, crc)
		b = le.AppendUint32(b, uint32(comp.Len()))
		b = le.AppendUint32(b, uint32(len(data)))
		b = le.AppendUint16(b, uint16(len(entry)))
		b = le.AppendUint16(b, 0) // extra
		b = le.AppendUint16(b, 0) // comment
		b = le.AppendUint16(b, 0) // disk
		b = le.AppendUint16(b, 0) // internal attributes
		b = le.AppendUint32(b, 0) // external attributes
		b = le.AppendUint32(b, 0) // the one local header
		b = append(b, entry...)
	}
	dirSize := len(b) - dirStart
	b = le.AppendUint32(b, 0x06054b50)
	b = le.AppendUint32(b, 0) // disks
	b = le.AppendUint16(b, uint16(n))
	b = le.AppendUint16(b, uint16(n))
	b = le.AppendUint32(b, uint32(dirSize))
	b = le.AppendUint32(b, uint32(dirStart))
	b = le.AppendUint16(b, 0)
	_, err := w.Write(b)
	return err
}
