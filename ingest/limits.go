package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
)

// The limits on what one import reads. They hold for the CLI and for the
// server's uploads alike (both go through Importer), and each is checked
// while the data streams in, never after: a decompression bomb is refused
// after a few megabytes of output, not once it has filled the memory or
// the disk. SECURITY.md ("Files and archives") gives the reasons for each value.
const (
	// MaxFileBytes is the largest activity file ingest reads (after
	// un-gzipping or unzipping). The largest real recordings (multi-day
	// FIT files, a day-long TCX with every extension) are tens of
	// megabytes.
	MaxFileBytes = 128 << 20

	// MaxRatio is the most an entry of an archive, a gzip file, or an
	// archive as a whole may expand: its output may be at most MaxRatio
	// times the compressed bytes read for it, once past RatioFloor bytes.
	// Real activity files compress 3:1 (FIT) to 30:1 (the most repetitive
	// TCX of the corpus); deflate cannot exceed 1032:1, which is what
	// zeros or spaces reach.
	MaxRatio = 100
	// RatioFloor is the output below which MaxRatio is not checked: a
	// small file of repeated values may compress far better than a large
	// one, and a megabyte is harmless.
	RatioFloor = 1 << 20

	// MaxArchiveBytes is the most the entries of one archive, its nested
	// archives included, may expand to in all (and never more than
	// MaxRatio times the archive's own size): overlapping entries, or
	// many entries each within MaxRatio, cannot make one archive cost
	// without bound.
	MaxArchiveBytes = 16 << 30

	// MaxEntries is the most entries an archive, its nested archives
	// included, may hold. A Strava export of a runner's every activity and
	// photo holds thousands.
	MaxEntries = 50_000

	// MaxDepth is how deep archives may nest: a Garmin Connect export is
	// a zip of zips (depth 1).
	MaxDepth = 2

	// MaxQueuedBytes bounds the archive entries read into memory and
	// waiting for a decoding worker. (A file larger than this waits until
	// nothing else is queued.)
	MaxQueuedBytes = 64 << 20

	// maxTrustedHint is the largest size an archive's header may announce
	// for an entry that ingest allocates before reading it.
	maxTrustedHint = 8 << 20

	// sniffBytes is how much of a file is read to tell its format
	// (decode.Detect looks at up to 4 KiB) before the rest is inflated.
	sniffBytes = 4 << 10
)

// LimitError is a file refused by one of the limits above. Callers wrap it
// with the file's name.
type LimitError struct {
	What  string // "expands more than 100 times its compressed size", ...
	Limit int64
}

// Error implements error.
func (e *LimitError) Error() string {
	return e.What + "; refused (a decompression bomb, or not an export)"
}

var (
	errRatio = &LimitError{What: fmt.Sprintf("expands more than %d times its compressed size", MaxRatio), Limit: MaxRatio}
	errFile  = &LimitError{What: fmt.Sprintf("larger than %d MB when uncompressed", MaxFileBytes>>20), Limit: MaxFileBytes}
)

// budget is what an archive and the archives nested in it may still
// spend: entries and expanded bytes.
type budget struct {
	entries  int
	expanded int64
	limit    int64 // bytes the entries may expand to in all
}

// newBudget is the budget of an archive of size bytes.
func newBudget(size int64) *budget {
	limit := int64(MaxArchiveBytes)
	if r := MaxRatio*size + RatioFloor; size >= 0 && r < limit {
		limit = r
	}
	return &budget{limit: limit}
}

// entry counts one more entry.
func (b *budget) entry() error {
	b.entries++
	if b.entries > MaxEntries {
		return &LimitError{What: fmt.Sprintf("holds more than %d entries", MaxEntries), Limit: MaxEntries}
	}
	return nil
}

// exhausted returns the LimitError of an archive whose entries have
// expanded beyond its budget, nil while they have not.
func (b *budget) exhausted() error {
	if b.expanded > b.limit {
		return &LimitError{What: fmt.Sprintf("expands to more than %d MB in all, or %d times its size", b.limit>>20, MaxRatio), Limit: b.limit}
	}
	return nil
}

// meter reads a decompressed stream and enforces, as it goes, the limits on
// its size (max), its expansion ratio (against in, the compressed bytes
// read so far) and its archive's budget (b, nil for a lone gzip file). It
// also checksums what it reads when sum is set.
type meter struct {
	r   io.Reader
	in  func() int64
	max int64
	b   *budget
	n   int64
	sum hash.Hash32
	err error // the limit hit, sticky
}

func (m *meter) Read(p []byte) (int, error) {
	if m.err == nil && m.b != nil {
		m.err = m.b.exhausted()
	}
	if m.err != nil {
		return 0, m.err
	}
	n, err := m.r.Read(p)
	m.n += int64(n)
	if m.sum != nil {
		m.sum.Write(p[:n])
	}
	switch {
	case m.n > m.max:
		m.err = errFile
		if m.max < MaxFileBytes {
			m.err = &LimitError{What: fmt.Sprintf("larger than its header says (%d bytes)", m.max), Limit: m.max}
		}
	case m.n > RatioFloor && m.n > MaxRatio*max(m.in(), 1):
		m.err = errRatio
	case m.b != nil:
		m.b.expanded += int64(n)
		m.err = m.b.exhausted()
	}
	if m.err != nil {
		return n, m.err
	}
	return n, err
}

// readAll reads the rest of m after head, returning head and the rest in
// one slice. sizeHint is the size the source announces (0 if none): up to
// maxTrustedHint it sizes the slice (saving its regrowing); a larger
// announcement is not trusted with memory before the bytes are there.
func (m *meter) readAll(head []byte, sizeHint int64) ([]byte, error) {
	room := int64(64 << 10)
	if sizeHint > int64(len(head)) {
		room = min(sizeHint, maxTrustedHint) - int64(len(head)) + 1 // +1: EOF without regrowing
	}
	buf := make([]byte, len(head), int64(len(head))+room)
	copy(buf, head)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := m.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// sniff reads up to sniffBytes of r.
func sniff(r io.Reader) ([]byte, error) {
	head := make([]byte, sniffBytes)
	n, err := io.ReadFull(r, head)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return head[:n], err
}

// countingReader counts the bytes read through it. It is an io.ByteReader,
// so that compress/flate reads exactly the compressed stream through it
// and no more (it would otherwise put a buffer of its own in between).
type countingReader struct {
	r *bufio.Reader
	n int64
}

func newCountingReader(r io.Reader) *countingReader {
	return &countingReader{r: bufio.NewReaderSize(r, 32<<10)}
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

func (c *countingReader) count() int64 { return c.n }

// errChecksum is a zip entry whose content does not match its CRC-32.
var errChecksum = errors.New("checksum mismatch: the archive is damaged")

func newCRC() hash.Hash32 { return crc32.NewIEEE() }
