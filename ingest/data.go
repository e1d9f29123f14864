package ingest

import (
	"bytes"
	"context"
	"fmt"
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
		if f.Data == nil && f.Path != "" {
			w.file(name, f.Path) // read by a worker, like a file given by path
			continue
		}
		data := f.Data
		if data == nil {
			data = []byte{} // an empty file: process reports it as such
		}
		if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			zr, err := openZip(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				w.failed(name, fmt.Errorf("%s: open zip archive: %w", name, err))
				continue
			}
			w.archive(name, zr, newBudget(int64(len(data))))
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
