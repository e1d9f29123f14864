package hostile

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"syscall"
	"time"

	"github.com/muktihari/fit/kit/hash/crc16"
)

// GPX returns a GPX document whose first track's <name> holds n copies of
// fill (a huge token), with two timed track points, so that apart from
// its name it is a valid two-second run.
func GPX(fill byte, n int64) Content {
	return Content{
		Prefix: []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<gpx version="1.1" creator="hostile" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>x`),
		Fill: fill, N: n,
		Suffix: []byte(`x</name><type>running</type><trkseg>` +
			`<trkpt lat="47.0" lon="8.0"><time>2024-05-01T07:00:00Z</time></trkpt>` +
			`<trkpt lat="47.0001" lon="8.0"><time>2024-05-01T07:00:02Z</time></trkpt>` +
			`</trkseg></trk></gpx>` + "\n"),
	}
}

// FITEpoch is the zero of FIT timestamps, 1989-12-31 00:00:00 UTC.
var FITEpoch = time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC)

// WriteFIT writes a FIT activity file of n record messages, one a second
// from start, each with a heart rate of hr, in two bytes a record
// (compressed timestamp headers): 5,000,000 records make a 10 MB file. It
// has a file_id saying "activity", the records and an activity message,
// and no session or lap.
func WriteFIT(w io.Writer, n int, start time.Time, hr uint8) error {
	ts := uint32(start.Sub(FITEpoch) / time.Second)
	var body []byte
	// Definition, local 0: file_id (global 0), field 0 "type" (enum, 1 byte).
	body = append(body, 0x40, 0, 0, 0, 0, 1, 0, 1, 0x00)
	body = append(body, 0x00, 4) // file_id: type = activity (4)
	// Definition, local 1: record (global 20), timestamp (253, uint32) and
	// heart_rate (3, uint8).
	body = append(body, 0x41, 0, 0, 20, 0, 2, 253, 4, 0x86, 3, 1, 0x02)
	// Definition, local 2: record, heart_rate only, for the compressed
	// timestamp headers (which carry the time themselves).
	body = append(body, 0x42, 0, 0, 20, 0, 1, 3, 1, 0x02)
	// The first record with its full timestamp.
	body = append(body, 0x01)
	body = binary.LittleEndian.AppendUint32(body, ts)
	body = append(body, hr)
	// Definition, local 3: activity (global 34), timestamp only; the
	// message itself closes the file as a device does.
	tail := []byte{0x43, 0, 0, 34, 0, 1, 253, 4, 0x86, 0x03}
	tail = binary.LittleEndian.AppendUint32(tail, ts+uint32(n-1))
	dataSize := len(body) + 2*(n-1) + len(tail)

	header := make([]byte, 14)
	header[0], header[1] = 14, 0x10
	binary.LittleEndian.PutUint16(header[2:], 2093)
	binary.LittleEndian.PutUint32(header[4:], uint32(dataSize))
	copy(header[8:], ".FIT")
	hc := crc16.New()
	hc.Write(header[:12])
	binary.LittleEndian.PutUint16(header[12:], hc.Sum16())

	// The file CRC covers the header and the data.
	bw := bufio.NewWriterSize(w, 1<<16)
	crc := crc16.New()
	out := io.MultiWriter(bw, crc)
	out.Write(header)
	out.Write(body)
	recs := make([]byte, 0, 1<<16)
	for i := 1; i < n; i++ {
		recs = append(recs, 0x80|2<<5|byte(ts+uint32(i))&0x1F, hr)
		if len(recs) == cap(recs) || i == n-1 {
			out.Write(recs)
			recs = recs[:0]
		}
	}
	out.Write(tail)
	var end [2]byte
	binary.LittleEndian.PutUint16(end[:], crc.Sum16())
	bw.Write(end[:])
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("hostile: write FIT: %w", err)
	}
	return nil
}

// DiskUse is the space the files below dir take on disk (their allocated
// blocks where the system says, so that a sparse file counts as what it
// uses), for measuring what an import writes to its temporary folder.
func DiskUse(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			if st, ok := fi.Sys().(*syscall.Stat_t); ok {
				n += st.Blocks * 512
			} else {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
