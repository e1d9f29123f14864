package ingest

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// walker expands the paths given to Import into jobs, opening archives on
// the way. It runs in one goroutine; workers do the decoding.
type walker struct {
	ctx   context.Context
	jobs  chan<- job
	total chan<- int
	fail  chan<- Failed
}

func (w *walker) send(j job) bool {
	select {
	case w.jobs <- j:
		return true
	case <-w.ctx.Done():
		return false
	}
}

func (w *walker) failed(file string, err error) {
	w.total <- 1
	select {
	case w.fail <- Failed{File: file, Error: err.Error()}:
	case <-w.ctx.Done():
	}
}

func (w *walker) walk(paths []string) {
	for _, p := range paths {
		if w.ctx.Err() != nil {
			return
		}
		fi, err := os.Stat(p)
		if err != nil {
			w.failed(p, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			continue
		}
		if !fi.IsDir() {
			w.file(p, p)
			continue
		}
		files, err := listDir(p)
		if err != nil {
			w.failed(p, err)
		}
		for _, f := range files {
			if w.ctx.Err() != nil {
				return
			}
			w.file(f, f)
		}
	}
}

// listDir returns the regular files below dir, recursively, sorted, hidden
// files and folders left out.
func listDir(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
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
	if isZipFile(p) {
		zr, err := zip.OpenReader(p)
		if err != nil {
			w.failed(name, fmt.Errorf("%s: open zip archive: %w", name, unwrapPathError(err)))
			return
		}
		defer zr.Close()
		w.archive(name, &zr.Reader)
		return
	}
	w.total <- 1
	w.send(job{name: name, path: p})
}

func isZipFile(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [4]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return false
	}
	return string(head[:]) == "PK\x03\x04"
}

// archive queues the activity files of a zip archive: a Strava bulk export
// (activities.csv plus activities/), a Garmin Connect export (FIT files in
// nested zips) or any zip of activity files. An archive with an entry that
// would escape its folder (../, an absolute path) is refused whole.
func (w *walker) archive(name string, zr *zip.Reader) {
	for _, f := range zr.File {
		if !safeEntry(f.Name) {
			w.failed(name, fmt.Errorf("%s: unsafe entry %q in zip archive (a path outside the archive); nothing imported from it", name, f.Name))
			return
		}
	}
	meta, manual, err := stravaMeta(name, zr)
	if err != nil {
		w.failed(name+"!activities.csv", err)
	}
	var entries, nested []*zip.File
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || hiddenEntry(f.Name) {
			continue
		}
		switch ext := entryExt(f.Name); ext {
		case ".zip":
			nested = append(nested, f)
		case ".fit", ".gpx", ".tcx":
			entries = append(entries, f)
		}
	}
	w.total <- len(entries) + len(manual)
	for _, f := range entries {
		entry := name + "!" + f.Name
		data, err := readEntry(f)
		if err != nil {
			select {
			case w.fail <- Failed{File: entry, Error: fmt.Sprintf("%s: %v", entry, err)}:
			case <-w.ctx.Done():
				return
			}
			continue
		}
		if !w.send(job{name: entry, data: data, meta: meta[f.Name]}) {
			return
		}
	}
	for _, m := range manual {
		if !w.send(m) {
			return
		}
	}
	for _, f := range nested {
		w.nested(name+"!"+f.Name, f)
	}
}

// nested opens a zip inside a zip by spilling it to a temporary file, so
// that a multi-gigabyte Garmin export part is never held in memory.
func (w *walker) nested(name string, f *zip.File) {
	tmp, err := os.CreateTemp("", "rebound-nested-*.zip")
	if err != nil {
		w.failed(name, fmt.Errorf("%s: %w", name, err))
		return
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	rc, err := f.Open()
	if err == nil {
		_, err = io.Copy(tmp, rc)
		rc.Close()
	}
	if err != nil {
		w.failed(name, fmt.Errorf("%s: read nested archive: %w", name, err))
		return
	}
	fi, err := tmp.Stat()
	if err != nil {
		w.failed(name, fmt.Errorf("%s: %w", name, err))
		return
	}
	zr, err := zip.NewReader(tmp, fi.Size())
	if err != nil {
		w.failed(name, fmt.Errorf("%s: open nested zip archive: %w", name, err))
		return
	}
	w.archive(name, zr)
}

func readEntry(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > MaxFileBytes {
		return nil, fmt.Errorf("entry is larger than %d MB", MaxFileBytes>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read zip entry: %w", err)
	}
	return data, nil
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
