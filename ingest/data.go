package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
)

// File is one file given to ImportFiles by content rather than by path:
// an upload, say. Name is what the report calls it (the uploader's file
// name; entries of an archive are reported as Name!entry). The content is
// Data, or, when Data is nil and Path is set, the file at Path (a large
// upload spilled to disk, so that an export archive is read from there
// rather than held in memory).
type File struct {
	Name string
	Data []byte
	Path string
}

// ImportFiles imports files given by content, exactly as Import imports
// paths: the same sniffing of formats (FIT, GPX and TCX, gzipped or not),
// the same archive handling (a Strava or Garmin Connect export zip, an
// entry escaping the archive refusing it whole), the same decoding on
// every core, duplicate detection, skip reasons and per-file failures, and
// the same single writer storing each activity in one transaction. The
// error is non-nil only when the import itself could not go on.
func (im *Importer) ImportFiles(ctx context.Context, files []File) (*Report, error) {
	return im.run(ctx, func(w *walker) { w.files(files) })
}

// files queues the jobs of files given by content.
func (w *walker) files(files []File) {
	for i, f := range files {
		if w.ctx.Err() != nil {
			return
		}
		name := f.Name
		if name == "" {
			name = fmt.Sprintf("file-%d", i+1)
		}
		data := f.Data
		if data == nil && f.Path != "" {
			if isZipFile(f.Path) {
				zr, err := zip.OpenReader(f.Path)
				if err != nil {
					w.failed(name, fmt.Errorf("%s: open zip archive: %w", name, err))
					continue
				}
				w.archive(name, &zr.Reader)
				zr.Close()
				continue
			}
			var err error
			if data, err = readNamed(f.Path, name); err != nil {
				w.failed(name, err)
				continue
			}
		}
		if data == nil {
			data = []byte{} // an empty file: process reports it as such
		}
		if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				w.failed(name, fmt.Errorf("%s: open zip archive: %w", name, err))
				continue
			}
			w.archive(name, zr)
			continue
		}
		if len(data) > MaxFileBytes {
			w.failed(name, fmt.Errorf("%s: larger than %d MB; not an activity file", name, MaxFileBytes>>20))
			continue
		}
		w.total <- 1
		if !w.send(job{name: name, data: data}) {
			return
		}
	}
}

// readNamed reads the file at path, naming it name in errors (the path of
// a spilled upload means nothing to the uploader).
func readNamed(path, name string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", name, unwrapPathError(err))
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d MB; not an activity file", name, MaxFileBytes>>20)
	}
	return data, nil
}
