package ingest

import (
	"archive/zip"
	"bytes"
	"cmp"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/sync/semaphore"

	"github.com/rebound-run/rebound/decode"
)

// walker expands the paths given to Import into jobs, opening archives on
// the way. It runs in one goroutine; workers do the decoding.
type walker struct {
	ctx   context.Context
	jobs  chan<- job
	total chan<- int
	out   chan<- result       // failures and skips found while walking
	mem   *semaphore.Weighted // MaxQueuedBytes of archive entries queued
}

func (w *walker) send(j job) bool {
	select {
	case w.jobs <- j:
		return true
	case <-w.ctx.Done():
		return false
	}
}

// failed reports that file failed with err, whose message names it.
func (w *walker) failed(file string, err error) { w.report(result{name: file, err: err}) }

// skipped reports that file was skipped, and why.
func (w *walker) skipped(file, reason string) { w.report(result{name: file, skip: reason}) }

func (w *walker) report(r result) bool {
	w.total <- 1
	r.walked = true
	select {
	case w.out <- r:
		return true
	case <-w.ctx.Done():
		return false
	}
}

func (w *walker) walk(paths []string) {
	for _, p := range paths {
		if w.ctx.Err() != nil {
			return
		}
		fi, err := os.Stat(p)
		switch {
		case err != nil:
			w.failed(p, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			continue
		case fi.Mode().IsRegular():
			w.file(p, p)
			continue
		case !fi.IsDir():
			w.skipped(p, notRegular)
			continue
		}
		files, skipped, failed := listDir(p)
		for _, s := range skipped {
			w.skipped(s.File, s.Reason)
		}
		for _, f := range failed {
			w.failed(f.File, errors.New(f.Error))
		}
		for _, f := range files {
			if w.ctx.Err() != nil {
				return
			}
			w.file(f, f)
		}
	}
}

// notRegular is the reason a device, a pipe or a socket is skipped: reading
// one could block or never end.
const notRegular = "not a regular file (a device, pipe or socket)"

// listDir returns the files below dir, recursively, sorted, hidden files
// and folders left out, with what it skipped and what it could not read.
// Symbolic links are followed: a link to a file is read wherever the file
// is (whoever made the link meant it); a link to a folder is read when the
// folder is inside dir and not read already (a link back up the tree
// would loop), and skipped with the reason otherwise (a link out of the
// tree could lead anywhere, the whole disk). A broken link, or a folder
// that cannot be read, is a failure of its own; the rest is still listed.
func listDir(dir string) (files []string, skipped []Skipped, failed []Failed) {
	root, err := filepath.EvalSymlinks(dir)
	if err == nil {
		root, err = filepath.Abs(root)
	}
	if err != nil {
		return nil, nil, []Failed{{File: dir, Error: fmt.Sprintf("%s: %v", dir, unwrapPathError(err))}}
	}
	seen := map[string]bool{root: true} // folders read, by real path
	fail := func(p string, err error) {
		failed = append(failed, Failed{File: p, Error: fmt.Sprintf("%s: %v", p, unwrapPathError(err))})
	}
	var walk func(d string)
	walk = func(d string) {
		entries, err := os.ReadDir(d)
		if err != nil {
			fail(d, err)
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			p := filepath.Join(d, e.Name())
			typ := e.Type()
			if typ&fs.ModeSymlink != 0 {
				fi, err := os.Stat(p)
				if err != nil {
					fail(p, fmt.Errorf("broken link: %w", unwrapPathError(err)))
					continue
				}
				typ = fi.Mode().Type()
			}
			switch {
			case typ.IsRegular():
				files = append(files, p)
			case typ.IsDir():
				real, err := filepath.EvalSymlinks(p)
				if err == nil {
					real, err = filepath.Abs(real)
				}
				switch {
				case err != nil:
					fail(p, err)
				case !inside(root, real):
					skipped = append(skipped, Skipped{File: p, Reason: "a link to a folder outside " + dir + ": not followed"})
				case seen[real]:
					skipped = append(skipped, Skipped{File: p, Reason: "a link to a folder already read (a loop): not followed"})
				default:
					seen[real] = true
					walk(p)
				}
			default:
				skipped = append(skipped, Skipped{File: p, Reason: notRegular})
			}
		}
	}
	walk(dir)
	sort.Strings(files)
	return files, skipped, failed
}

// inside reports whether the clean absolute path p is root or below it.
func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// file queues the file at path p, or the entries of an archive, under
// name: p itself for a file given by path, the uploader's name for an
// upload spilled to disk.
func (w *walker) file(name, p string) {
	f, err := os.Open(p)
	if err != nil {
		w.failed(name, fmt.Errorf("%s: %w", name, unwrapPathError(err)))
		return
	}
	defer f.Close()
	var head [4]byte
	if _, err := io.ReadFull(f, head[:]); err != nil || string(head[:]) != "PK\x03\x04" {
		w.total <- 1
		w.send(job{name: name, path: p}) // read by a worker
		return
	}
	fi, err := f.Stat()
	if err != nil {
		w.failed(name, fmt.Errorf("%s: %w", name, unwrapPathError(err)))
		return
	}
	zr, err := openZip(f, fi.Size())
	if err != nil {
		w.failed(name, fmt.Errorf("%s: open zip archive: %w", name, err))
		return
	}
	w.archive(name, zr, newBudget(fi.Size()))
}

// openZip opens the zip archive of size bytes that r holds. archive/zip
// reads the whole central directory before it returns, allocating for
// every entry and trusting no count (it reads entry headers until they
// stop): r is read through a cap of maxDirectoryBytes until then, so that
// a directory of millions of entries is refused before it takes memory.
func openZip(r io.ReaderAt, size int64) (*zip.Reader, error) {
	cr := &capReaderAt{r: r, left: maxDirectoryBytes}
	zr, err := zip.NewReader(cr, size)
	cr.left = -1 // entry data is read without the cap
	if errors.Is(err, errDirectory) || (err == nil && len(zr.File) > MaxEntries) {
		return nil, &LimitError{What: fmt.Sprintf("holds more than %d entries", MaxEntries), Limit: MaxEntries}
	}
	return zr, err
}

// maxDirectoryBytes is what openZip lets archive/zip read to open an
// archive: the end of the archive (up to 64 KiB of comment) and a central
// directory of MaxEntries entries with 128-byte names and extras.
const maxDirectoryBytes = 64<<10 + MaxEntries*(46+128)

var errDirectory = errors.New("zip central directory too large")

// capReaderAt reads r, failing once left bytes have been read (left < 0:
// no cap).
type capReaderAt struct {
	r    io.ReaderAt
	left int64
}

func (c *capReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if c.left >= 0 {
		if int64(len(p)) > c.left {
			return 0, errDirectory
		}
		c.left -= int64(len(p))
	}
	return c.r.ReadAt(p, off)
}

// archive queues the activity files of a zip archive: a Strava bulk export
// (activities.csv plus activities/), a Garmin Connect export (FIT files in
// nested zips) or any zip of activity files. An archive with an entry that
// would escape its folder (../, an absolute path) is refused whole. Every
// entry is read through the limits (see limits.go): b is the archive's
// budget.
func (w *walker) archive(name string, zr *zip.Reader, b *budget) {
	for _, f := range zr.File {
		if !safeEntry(f.Name) {
			w.failed(name, fmt.Errorf("%s: unsafe entry %q in zip archive (a path outside the archive); nothing imported from it", name, Printable(f.Name)))
			return
		}
	}
	b.entries += len(zr.File) // openZip checked there are at most MaxEntries
	meta, manual, err := stravaMeta(name, zr, b)
	if err != nil {
		w.failed(name+"!activities.csv", err)
	}
	var entries, nested []*zip.File
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || hiddenEntry(f.Name) {
			continue
		}
		switch entryExt(f.Name) {
		case ".zip":
			nested = append(nested, f)
		case ".fit", ".gpx", ".tcx":
			entries = append(entries, f)
		}
	}
	w.total <- len(entries) + len(manual)
	for i, f := range entries {
		if err := b.exhausted(); err != nil {
			w.total <- -(len(entries) - i)
			w.failed(name, fmt.Errorf("%s: %w; the rest of it is not read", name, err))
			return
		}
		if !w.zipFile(name, f, b, meta[f.Name], true) {
			return
		}
	}
	for _, m := range manual {
		if !w.send(m) {
			return
		}
	}
	for _, f := range nested {
		if b.exhausted() != nil || !w.zipFile(name, f, b, nil, false) {
			return
		}
	}
}

// zipFile queues the entry f of the archive called archive (see entry).
func (w *walker) zipFile(archive string, f *zip.File, b *budget, meta *Meta, counted bool) bool {
	name := archive + "!" + f.Name
	src, in, err := openEntry(f)
	if err != nil {
		return w.entryFailed(name, err, counted)
	}
	m := &meter{r: src, in: in, max: MaxFileBytes, b: b, sum: newCRC()}
	return w.entry(name, m, int64(min(f.UncompressedSize64, MaxFileBytes)), meta, b, 0, counted, func() error {
		if m.sum.Sum32() != f.CRC32 {
			return errChecksum
		}
		return nil
	})
}

// openEntry returns a reader of the decompressed content of f and a count
// of the compressed bytes it has read. (archive/zip's own Open does not
// say how much it has read, which MaxRatio needs.)
func openEntry(f *zip.File) (io.Reader, func() int64, error) {
	if f.Flags&0x1 != 0 {
		return nil, nil, errors.New("the entry is encrypted")
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, nil, err
	}
	cr := newCountingReader(raw)
	switch f.Method {
	case zip.Store:
		return cr, cr.count, nil
	case zip.Deflate:
		return flate.NewReader(cr), cr.count, nil
	}
	return nil, nil, fmt.Errorf("compression method %d is not supported", f.Method)
}

// stream queues the activity files of a zip archive nested in another
// (depth levels deep), reading it as r inflates it (zipStream): nothing is
// spilled to disk. Its entries are checked as they come: an entry that
// escapes the archive, or one over the limits, ends it there, and what
// was queued before stays queued.
func (w *walker) stream(name string, r io.Reader, b *budget, depth int) {
	zs := newZipStream(r, b)
	for w.ctx.Err() == nil {
		e, err := zs.next()
		switch {
		case err == io.EOF:
			return
		case e == nil:
			w.failed(name, fmt.Errorf("%s: %w", name, err))
			return
		}
		if lerr := cmp.Or(b.exhausted(), b.entry()); lerr != nil {
			w.failed(name, fmt.Errorf("%s: %w; the rest of it is not read", name, lerr))
			return
		}
		if !safeEntry(e.name) {
			w.failed(name, fmt.Errorf("%s: unsafe entry %q in zip archive (a path outside the archive); the rest of it is not read", name, Printable(e.name)))
			return
		}
		entry := name + "!" + e.name
		if strings.HasSuffix(e.name, "/") || hiddenEntry(e.name) {
			continue
		}
		switch entryExt(e.name) {
		case ".zip", ".fit", ".gpx", ".tcx":
		default:
			continue
		}
		if err != nil { // this entry cannot be read; the next may be
			w.entryFailed(entry, err, false)
			continue
		}
		if !w.entry(entry, e.meter, 0, nil, b, depth, false, func() error {
			if e.flags&0x8 == 0 && e.sum.Sum32() != e.crc {
				return errChecksum
			}
			return nil
		}) {
			return
		}
	}
}

// entry queues one entry of an archive, depth levels deep, whose content m
// reads (its limits enforced as it reads), sniffing its first bytes before
// it inflates the rest: an entry that is not an activity file is left
// compressed (the worker reports it skipped from its first bytes), one
// that is a zip archive is read as a nested archive, and the rest is read
// into memory, its CRC checked by crc, and queued. counted says whether
// the total already counts the entry. It returns false when the import is
// cancelled.
func (w *walker) entry(name string, m *meter, sizeHint int64, meta *Meta, b *budget, depth int, counted bool, crc func() error) bool {
	head, err := sniff(m)
	if err != nil {
		return w.entryFailed(name, err, counted)
	}
	switch decode.Detect(head) {
	case decode.Zip:
		if depth+1 > MaxDepth {
			return w.entryFailed(name, &LimitError{What: fmt.Sprintf("archives nested more than %d deep", MaxDepth), Limit: MaxDepth}, counted)
		}
		if counted {
			w.total <- -1 // not a file: its entries are
		}
		// An archive is not an activity file: MaxFileBytes does not bound
		// it (a Garmin export's part may be gigabytes); the ratio and the
		// budget still do, and its entries have their own limits.
		m.max = MaxArchiveBytes
		w.stream(name, io.MultiReader(bytes.NewReader(head), m), b, depth+1)
		return w.ctx.Err() == nil
	case decode.Unknown:
		if !counted {
			w.total <- 1
		}
		return w.send(job{name: name, data: head})
	}
	data, err := m.readAll(head, sizeHint)
	if err == nil {
		err = crc()
	}
	if err != nil {
		return w.entryFailed(name, err, counted)
	}
	if !counted {
		w.total <- 1
	}
	return w.queue(job{name: name, data: data, meta: meta})
}

// entryFailed reports that the archive entry name failed with err.
func (w *walker) entryFailed(name string, err error, counted bool) bool {
	if counted {
		w.total <- -1 // report counts it again
	}
	return w.report(result{name: name, err: fmt.Errorf("%s: %w", name, err)})
}

// newQueueBudget is the room for archive entries waiting for a worker.
func newQueueBudget() *semaphore.Weighted { return semaphore.NewWeighted(MaxQueuedBytes) }

// queue sends j, whose data was read from an archive, once the data fits
// in MaxQueuedBytes with what is already queued; the worker gives the room
// back when it is done with j.
func (w *walker) queue(j job) bool {
	n := min(int64(len(j.data)), MaxQueuedBytes)
	if err := w.mem.Acquire(w.ctx, n); err != nil {
		return false
	}
	j.release = func() { w.mem.Release(n) }
	if !w.send(j) {
		j.release()
		return false
	}
	return true
}

// safeEntry reports whether a zip entry name stays inside the archive.
func safeEntry(name string) bool {
	n := strings.ReplaceAll(name, "\\", "/")
	if strings.HasPrefix(n, "/") || (len(n) > 1 && n[1] == ':') {
		return false
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return false
		}
	}
	return true
}

func hiddenEntry(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") || part == "__MACOSX" {
			return true
		}
	}
	return false
}

// entryExt is the activity extension of a name, ignoring a trailing .gz:
// "1001.fit.gz" -> ".fit".
func entryExt(name string) string {
	n := strings.ToLower(path.Base(name))
	n = strings.TrimSuffix(n, ".gz")
	return path.Ext(n)
}

// readFile reads the loose file at path p into buf when it has room (else
// into a new slice), refusing files larger than MaxFileBytes. Its errors
// call the file name (the path, or an upload's name: the path of a spilled
// upload means nothing to the uploader).
func readFile(name, p string, buf []byte) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	if fi.Size() > MaxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d MB; not an activity file", name, MaxFileBytes>>20)
	}
	data := buf[:0]
	if int64(cap(data)) < fi.Size() {
		data = make([]byte, fi.Size())
	}
	data = data[:fi.Size()]
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("%s: read: %w", name, unwrapPathError(err))
	}
	return data, nil
}
