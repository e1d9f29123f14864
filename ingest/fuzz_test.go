package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/internal/hostile"
)

// corpusDir is the shared test corpus, beside the repository.
func corpusDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "shared", "testdata")
}

// archiveSeeds are the fuzzers' seeds: the corpus's export archives and
// small archives made here (nested, with a data descriptor, a bomb).
func archiveSeeds(f *testing.F) {
	for _, rel := range []string{"exports/strava_export_assembled.zip", "exports/garmin_export_assembled.zip", "broken/madehere__zip-slip-dotdot-entry.zip"} {
		if data, err := os.ReadFile(filepath.Join(corpusDir(), rel)); err == nil {
			f.Add(data)
		}
	}
	var plain, nested, descriptor, bomb bytes.Buffer
	gpx := hostile.GPX('a', 10)
	hostile.WriteZip(&plain, []hostile.Entry{{Name: "a.gpx", Content: gpx}, {Name: "b.fit", Content: hostile.Content{Prefix: []byte("x")}, Store: true}})
	hostile.WriteZip(&nested, []hostile.Entry{{Name: "in.zip", Content: hostile.Content{Prefix: plain.Bytes()}, Store: true}})
	zw := zip.NewWriter(&descriptor) // Go writes a data descriptor after each entry
	w, _ := zw.Create("c.tcx")
	w.Write([]byte("<TrainingCenterDatabase/>"))
	zw.Close()
	hostile.WriteZip(&bomb, []hostile.Entry{{Name: "z.fit", Content: hostile.Content{N: 4 << 20}}})
	for _, b := range [][]byte{plain.Bytes(), nested.Bytes(), descriptor.Bytes(), bomb.Bytes()} {
		f.Add(b)
	}
}

// walkAll feeds files to a walker and collects what it queues and
// reports, as Import's pipeline would, without decoding.
func walkAll(t *testing.T, files []File) (jobs []job, reported []result) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	jc, out, totals := make(chan job), make(chan result), make(chan int, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w := walker{ctx: ctx, jobs: jc, total: totals, out: out, mem: newQueueBudget()}
		w.files(files)
	}()
	for {
		select {
		case j := <-jc:
			if j.release != nil {
				j.release()
			}
			jobs = append(jobs, j)
		case r := <-out:
			reported = append(reported, r)
		case <-totals:
		case <-done:
			return jobs, reported
		case <-ctx.Done():
			t.Fatal("the walker did not finish in 10 s")
		}
	}
}

// FuzzArchive gives the walker any bytes as an uploaded zip archive. It
// must never panic or hang, must queue no entry larger than MaxFileBytes,
// and every failure it reports must name the archive.
func FuzzArchive(f *testing.F) {
	archiveSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			data = append([]byte("PK\x03\x04"), data...)
		}
		jobs, reported := walkAll(t, []File{{Name: "up.zip", Data: data}})
		for _, j := range jobs {
			if len(j.data) > MaxFileBytes || !strings.HasPrefix(j.name, "up.zip") {
				t.Errorf("queued %s, %d bytes", j.name, len(j.data))
			}
		}
		for _, r := range reported {
			if r.err == nil || !strings.Contains(r.err.Error(), "up.zip") {
				t.Errorf("reported %+v", r)
			}
		}
	})
}

// FuzzZipStream reads any bytes as a nested archive, entry by entry, each
// to its end through its meter. It must never panic, and what the entries
// expand to must stay within the budget (the limits, checked as they
// stream).
func FuzzZipStream(f *testing.F) {
	archiveSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		b := newBudget(int64(len(data)))
		zs := newZipStream(bytes.NewReader(data), b)
		var out int64
		for i := 0; ; i++ {
			e, err := zs.next()
			if err == io.EOF || e == nil {
				break
			}
			if err != nil {
				continue
			}
			n, _ := io.Copy(io.Discard, e.meter)
			out += n
			if n > MaxFileBytes+32<<10 { // one read past the limit at most
				t.Errorf("entry %d: %d bytes", i, n)
			}
		}
		if out > b.limit+32<<10 {
			t.Errorf("%d bytes out of a %d-byte archive, over its budget of %d", out, len(data), b.limit)
		}
	})
}

// FuzzStravaCSV reads any bytes as the activities.csv of a Strava export.
// It must never panic; an error must name the file and a line; a manual
// activity must have a known sport and a start, and its name at most what
// the CSV holds.
func FuzzStravaCSV(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join(corpusDir(), "exports/strava_export_assembled.zip")); err == nil {
		if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
			for _, zf := range zr.File {
				if zf.Name == "activities.csv" {
					rc, _ := zf.Open()
					csv, _ := io.ReadAll(rc)
					f.Add(csv)
				}
			}
		}
	}
	f.Add([]byte("Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Elapsed Time,Distance\n" +
		"1,\"May 2, 2024, 7:00:00 AM\",Treadmill,Run,3600,77000000000,,3600,77000000000000\n"))
	f.Add([]byte("\ufeffActivity ID,Filename\n\"1,\n"))
	f.Fuzz(func(t *testing.T, csv []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("activities.csv")
		w.Write(csv)
		zw.Close()
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		_, manual, err := stravaMeta("export.zip", zr, newBudget(int64(buf.Len())))
		if err != nil && !strings.HasPrefix(err.Error(), "export.zip!activities.csv: ") {
			t.Errorf("error %q does not name the file", err)
		}
		for _, j := range manual {
			a := j.manual
			if !a.Sport.Valid() || a.Start.IsZero() || len(a.Name) > len(csv) {
				t.Errorf("manual activity %+v", a)
			}
		}
	})
}
