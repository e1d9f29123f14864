package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/internal/hostile"
	"github.com/rebound-run/rebound/sim"
	"github.com/rebound-run/rebound/store"
)

// The hostile-input suite (issue #12). Each test builds its hostile files
// itself (internal/hostile), imports them through the CLI's path
// (Importer.Import of paths) and the server's (Importer.ImportFiles, an
// upload above 8 MiB given by path as the server spills it), and checks
// the outcome and what it cost: the peak of the Go heap and the peak disk
// space used in the temporary folder, sampled every millisecond from the
// runtime's own statistics and the folder itself. No test times anything:
// the speed of refusing is in bench/cmd/hostilebench.

// The budgets every hostile import must stay within (issue #12's target).
const (
	maxHeapGrowth = 100 << 20
	maxTempDisk   = 300 << 20
)

// usage is what an import cost.
type usage struct {
	peakHeap uint64 // the heap's peak above what it was before
	peakTemp int64  // the peak disk use of the temporary folder
}

// measure runs fn with a fresh temporary folder (TMPDIR) and returns its
// cost, checking it against the budgets.
func measure(t *testing.T, fn func()) usage {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var u usage
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			if h := s[0].Value.Uint64(); h > base && h-base > u.peakHeap {
				u.peakHeap = h - base
			}
			if d := hostile.DiskUse(tmp); d > u.peakTemp {
				u.peakTemp = d
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	t.Logf("peak heap +%d MiB, peak temporary disk %d MiB", u.peakHeap>>20, u.peakTemp>>20)
	if u.peakHeap > maxHeapGrowth {
		t.Errorf("the heap grew by %d MiB, more than %d", u.peakHeap>>20, maxHeapGrowth>>20)
	}
	if u.peakTemp > maxTempDisk {
		t.Errorf("%d MiB of temporary disk, more than %d", u.peakTemp>>20, maxTempDisk>>20)
	}
	return u
}

// build writes a hostile file into dir and returns its path.
func build(t *testing.T, dir, name string, write func(f *os.File) error) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// zipOf writes the entries as a zip archive.
func zipOf(entries ...hostile.Entry) func(f *os.File) error {
	return func(f *os.File) error { return hostile.WriteZip(f, entries) }
}

// asUpload gives the file at p as the server gives an upload to ingest: in
// memory up to 8 MiB, else by the path of the copy it spilled.
func asUpload(t *testing.T, p string) ingest.File {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() > 8<<20 {
		return ingest.File{Name: filepath.Base(p), Path: p}
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return ingest.File{Name: filepath.Base(p), Data: data}
}

// bothWays imports paths through the CLI's path and the server's, each
// into a fresh database measured by measure, and gives each report to
// check.
func bothWays(t *testing.T, workers int, paths []string, check func(t *testing.T, rep *ingest.Report, db store.Store)) {
	for _, way := range []string{"cli", "upload"} {
		t.Run(way, func(t *testing.T) {
			db := MustOpenDB(t)
			im := importer(db)
			im.Workers = workers
			var rep *ingest.Report
			var err error
			measure(t, func() {
				if way == "cli" {
					rep, err = im.Import(context.Background(), paths)
					return
				}
				var files []ingest.File
				for _, p := range paths {
					files = append(files, asUpload(t, p))
				}
				rep, err = im.ImportFiles(context.Background(), files)
			})
			if err != nil {
				t.Fatalf("the import stopped: %v", err)
			}
			check(t, rep, db)
		})
	}
}

// failedWith checks that rep has exactly one failure, naming file and
// saying want.
func failedWith(t *testing.T, rep *ingest.Report, file, want string) {
	t.Helper()
	if len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].File, file) || !strings.Contains(rep.Failed[0].Error, want) ||
		!strings.Contains(rep.Failed[0].Error, file) {
		t.Errorf("failed %+v, want %s failing with %q", rep.Failed, file, want)
	}
}

// TestNestedBomb: a 10 MB zip whose nested zip is 10 GiB (of a stored
// entry of zeros). The old importer spilled the nested zip to a
// temporary file, 10.7 GB of it. It must now be refused as it inflates:
// no temporary file, a little memory.
func TestNestedBomb(t *testing.T) {
	dir := t.TempDir()
	inner, err := hostile.ZipContent("activity.fit", 0, 10<<30)
	if err != nil {
		t.Fatal(err)
	}
	p := build(t, dir, "export.zip", zipOf(hostile.Entry{Name: "DI_CONNECT/Part1.zip", Content: inner}))
	bothWays(t, 0, []string{p}, func(t *testing.T, rep *ingest.Report, _ store.Store) {
		failedWith(t, rep, "export.zip!DI_CONNECT/Part1.zip", "expands more than 100 times its compressed size")
		if rep.Imported != 0 {
			t.Errorf("imported %d", rep.Imported)
		}
	})
}

// TestZipOfZeros: a 10 MB zip of forty 256 MiB entries of zeros named
// .fit. The old importer inflated each into memory and queued it: 2 GB.
// Each is now sniffed from its first 4 KiB and skipped, never inflated.
func TestZipOfZeros(t *testing.T) {
	dir := t.TempDir()
	var es []hostile.Entry
	for i := range 40 {
		es = append(es, hostile.Entry{Name: fmt.Sprintf("activities/%d.fit", 1000+i), Content: hostile.Content{N: 256 << 20}})
	}
	p := build(t, dir, "zeros.zip", zipOf(es...))
	bothWays(t, 0, []string{p}, func(t *testing.T, rep *ingest.Report, _ store.Store) {
		if len(rep.Skipped) != 40 || len(rep.Failed) != 0 || rep.Skipped[0].Reason != "not a FIT, GPX or TCX file" {
			t.Errorf("skipped %d, failed %+v", len(rep.Skipped), rep.Failed)
		}
	})
}

// TestZipOfSpaces: forty 256 MiB entries that start as a GPX file and go
// on with spaces pass the sniffing; each is refused by MaxRatio as it
// inflates, and an honest run in the same archive is imported.
func TestZipOfSpaces(t *testing.T) {
	dir := t.TempDir()
	run, err := os.ReadFile(corpus.Path(t, "gpx/sweatpy__activity_5039744860.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	es := []hostile.Entry{{Name: "activities/good.gpx", Content: hostile.Content{Prefix: run}}}
	for i := range 40 {
		es = append(es, hostile.Entry{Name: fmt.Sprintf("activities/%d.gpx", 1000+i), Content: hostile.GPX(' ', 256<<20)})
	}
	p := build(t, dir, "spaces.zip", zipOf(es...))
	bothWays(t, 0, []string{p}, func(t *testing.T, rep *ingest.Report, _ store.Store) {
		if rep.Imported != 1 || len(rep.Failed) != 40 {
			t.Fatalf("imported %d, failed %d", rep.Imported, len(rep.Failed))
		}
		for _, f := range rep.Failed {
			if !strings.Contains(f.Error, "expands more than 100 times") {
				t.Errorf("failed %+v, want the ratio", f)
			}
		}
	})
}

// TestGzipBomb: a 245 KB .gpx.gz of 240 MB of spaces in a track's name,
// which took the old importer 4 min 52 s and 2 GB, is refused by MaxRatio
// after its first megabyte; the 32 KB one (32 MB) as an upload too.
func TestGzipBomb(t *testing.T) {
	dir := t.TempDir()
	big := build(t, dir, "spaces.gpx.gz", func(f *os.File) error { return hostile.GPX(' ', 240<<20).WriteGzip(f) })
	small := build(t, dir, "small.gpx.gz", func(f *os.File) error { return hostile.GPX(' ', 32<<20).WriteGzip(f) })
	bothWays(t, 0, []string{big, small}, func(t *testing.T, rep *ingest.Report, _ store.Store) {
		if len(rep.Failed) != 2 || rep.Imported != 0 {
			t.Fatalf("failed %+v, imported %d", rep.Failed, rep.Imported)
		}
		for _, f := range rep.Failed {
			if !strings.Contains(f.Error, "expands more than 100 times") || !strings.Contains(f.Error, ".gpx.gz") {
				t.Errorf("failed %+v", f)
			}
		}
	})
}

// TestHugeToken: a GPX whose track name is 32 MB of letters (a single
// token; the old tokenizer took 6.8 s over it, quadratic) is imported,
// its name cut to activity.MaxNameRunes with a warning.
func TestHugeToken(t *testing.T) {
	dir := t.TempDir()
	c := hostile.GPX('a', 32<<20)
	p := build(t, dir, "name.gpx", func(f *os.File) error {
		_, err := f.Write(bytes.Join([][]byte{c.Prefix, bytes.Repeat([]byte{'a'}, int(c.N)), c.Suffix}, nil))
		return err
	})
	bothWays(t, 0, []string{p}, func(t *testing.T, rep *ingest.Report, db store.Store) {
		if rep.Imported != 1 {
			t.Fatalf("report %+v", rep)
		}
		a, err := db.FindActivityByID(context.Background(), rep.IDs[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Name) != 200 || !hasWarning(a, "name was cut to 200 characters") {
			t.Errorf("name of %d bytes, warnings %q", len(a.Name), a.Warnings)
		}
	})
}

func hasWarning(a *store.Activity, sub string) bool {
	for _, w := range a.Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

// TestTooManyEntries: an archive of more than MaxEntries entries is
// refused whole before its entries are read, whether the count shows in
// archive/zip's reading (small entries) or in the size of its central
// directory (long names).
func TestTooManyEntries(t *testing.T) {
	dir := t.TempDir()
	var many, long []hostile.Entry
	for i := range ingest.MaxEntries + 1 {
		many = append(many, hostile.Entry{Name: fmt.Sprintf("%d.fit", i), Store: true})
	}
	for i := range ingest.MaxEntries * 3 / 4 {
		long = append(long, hostile.Entry{Name: fmt.Sprintf("%0250d.fit", i), Store: true})
	}
	pm := build(t, dir, "many.zip", zipOf(many...))
	pl := build(t, dir, "long.zip", zipOf(long...))
	bothWays(t, 0, []string{pm, pl}, func(t *testing.T, rep *ingest.Report, _ store.Store) {
		if len(rep.Failed) != 2 || len(rep.Skipped) != 0 {
			t.Fatalf("failed %+v, skipped %d", rep.Failed, len(rep.Skipped))
		}
		for _, f := range rep.Failed {
			if !strings.Contains(f.Error, "holds more than 50000 entries") {
				t.Errorf("failed %+v", f)
			}
		}
	})
}

// TestNestingDepth: a run in a zip in a zip in an archive (MaxDepth, 2
// levels of nesting; a Garmin Connect export has 1) is imported; one
// more level is refused.
func TestNestingDepth(t *testing.T) {
	run, err := os.ReadFile(corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	wrap := func(name string, c hostile.Content) hostile.Content {
		var b bytes.Buffer
		if err := hostile.WriteZip(&b, []hostile.Entry{{Name: name, Content: c}}); err != nil {
			t.Fatal(err)
		}
		return hostile.Content{Prefix: b.Bytes()}
	}
	depth2 := wrap("c.zip", wrap("b.zip", wrap("run.fit", hostile.Content{Prefix: run})))
	depth3 := wrap("d.zip", depth2)
	dir := t.TempDir()
	p2 := build(t, dir, "two.zip", func(f *os.File) error { _, err := f.Write(depth2.Prefix); return err })
	p3 := build(t, dir, "three.zip", func(f *os.File) error { _, err := f.Write(depth3.Prefix); return err })
	bothWays(t, 0, []string{p2, p3}, func(t *testing.T, rep *ingest.Report, _ store.Store) {
		if rep.Imported != 1 {
			t.Errorf("imported %d, want the run at depth 2", rep.Imported)
		}
		failedWith(t, rep, "three.zip!d.zip!c.zip!b.zip", "archives nested more than 2 deep")
	})
}

// TestFiveMillionRecords: a 10 MB FIT file of 5,000,000 records, then an
// honest run, with one worker. The old importer decoded the 5 million
// samples (751 MB) and then stopped the whole import when the store
// refused them, so nothing after it was stored and the API answered 400.
// The file now fails alone, counted before a sample is allocated, and the
// run is imported.
func TestFiveMillionRecords(t *testing.T) {
	dir := t.TempDir()
	bomb := build(t, dir, "a-5M.fit", func(f *os.File) error {
		return hostile.WriteFIT(f, 5_000_000, time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC), 150)
	})
	good := corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit")
	bothWays(t, 1, []string{bomb, good}, func(t *testing.T, rep *ingest.Report, _ store.Store) {
		failedWith(t, rep, "a-5M.fit", "5000000 records: "+decode.ErrTooManySamples.Error())
		if rep.Imported != 1 {
			t.Errorf("imported %d, want the run after it", rep.Imported)
		}
	})
}

// TestAbsurdValues imports files whose values no runner can have recorded
// and checks what is stored: a FIT file (written by sim) with a speed of
// 60 m/s and a distance that jumps to 40,000 km (FIT cannot hold 21
// million m/s or 77 million km) keeps its run, without them, and says so; a run 136 years long and runs dated 1989 and
// 2100 are stored with the warning that keeps them out of the coaching; a
// Strava manual entry of 77 million km loses that figure with a warning.
func TestAbsurdValues(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC)
	a := &activity.Activity{Sport: activity.Running, Start: start}
	for i := range 600 {
		s := activity.NewSample(start.Add(time.Duration(i) * time.Second))
		s.LatDeg, s.LonDeg, s.DistanceM, s.SpeedMS, s.HeartRateBPM = 47+float64(i)*3/111195, 8, float64(i)*3, 3, 150
		a.Samples = append(a.Samples, s)
	}
	a.Samples[300].SpeedMS = 60     // FIT holds at most 65.5 m/s
	a.Samples[400].DistanceM = 40e6 // and 42,950 km
	var fitFile bytes.Buffer
	if err := sim.DefaultRunner().EncodeFIT(a, &fitFile); err != nil {
		t.Fatal(err)
	}
	gpx := func(t0, t1 time.Time) []byte {
		return []byte(`<gpx version="1.1"><trk><type>running</type><trkseg>` +
			`<trkpt lat="47.0" lon="8.0"><time>` + t0.Format(time.RFC3339) + `</time></trkpt>` +
			`<trkpt lat="47.01" lon="8.0"><time>` + t1.Format(time.RFC3339) + `</time></trkpt></trkseg></trk></gpx>`)
	}
	csv := "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Elapsed Time,Distance\n" +
		"1,\"May 2, 2024, 7:00:00 AM\",Treadmill,Run,3600,77000000000,,3600,77000000000000\n"
	var strava bytes.Buffer
	if err := hostile.WriteZip(&strava, []hostile.Entry{{Name: "activities.csv", Content: hostile.Content{Prefix: []byte(csv)}}}); err != nil {
		t.Fatal(err)
	}
	db := MustOpenDB(t)
	im := importer(db)
	im.Now = func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) }
	rep, err := im.ImportFiles(ctx, []ingest.File{
		{Name: "absurd.fit", Data: fitFile.Bytes()},
		{Name: "136-years.gpx", Data: gpx(start.Add(time.Hour), start.Add(time.Hour).AddDate(136, 0, 0))},
		{Name: "1989.gpx", Data: gpx(time.Date(1989, 6, 1, 7, 0, 0, 0, time.UTC), time.Date(1989, 6, 1, 8, 0, 0, 0, time.UTC))},
		{Name: "2100.gpx", Data: gpx(time.Date(2100, 6, 1, 7, 0, 0, 0, time.UTC), time.Date(2100, 6, 1, 8, 0, 0, 0, time.UTC))},
		{Name: "strava.zip", Data: strava.Bytes()},
	})
	if err != nil || rep.Imported != 5 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	got := map[string]*store.Activity{}
	for _, id := range rep.IDs {
		a, err := db.FindActivityByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got[strings.SplitN(a.SourceFile, "!", 2)[0]] = a
	}
	fit := got["absurd.fit"]
	if d := fit.Summary.DistanceM; d < 1700 || d > 1800 || fit.Summary.MaxSpeedMS > activity.MaxFootSpeedMS ||
		!hasWarning(fit, "speeds above 12.5 m/s") || !hasWarning(fit, "distance") || hasWarning(fit, ingest.ImplausibleWarning) {
		t.Errorf("absurd.fit: %.0f m, max %.1f m/s, warnings %q", d, fit.Summary.MaxSpeedMS, fit.Warnings)
	}
	for name, why := range map[string]string{"136-years.gpx": "lasts", "1989.gpx": "before 1990", "2100.gpx": "after the day it was imported"} {
		if !hasWarning(got[name], ingest.ImplausibleWarning) || !hasWarning(got[name], why) {
			t.Errorf("%s: warnings %q, want %q", name, got[name].Warnings, why)
		}
	}
	if m := got["strava.zip"]; m.Summary.DistanceM != 0 || !hasWarning(m, "impossible values in the file's own totals") {
		t.Errorf("manual entry: %.0f m, warnings %q", m.Summary.DistanceM, m.Warnings)
	}
}

// TestOverlappingEntries: an archive of 2,000 entries that all point at
// one compressed GPX-looking file expanding 20 times (within MaxRatio):
// 2,000 times that would be 4 GB from a 200 KB archive. The archive's
// budget (MaxRatio times its size) stops it after a few entries.
func TestOverlappingEntries(t *testing.T) {
	data := []byte(`<gpx version="1.1"><trk><name>`)
	for i := 0; len(data) < 2<<20; i++ {
		c := byte('a')
		if (i*7919)%53 == 0 {
			c = 'b'
		}
		data = append(data, c)
	}
	dir := t.TempDir()
	p := build(t, dir, "overlap.zip", func(f *os.File) error { return hostile.WriteOverlapping(f, "run.gpx", data, 2000) })
	bothWays(t, 0, []string{p}, func(t *testing.T, rep *ingest.Report, _ store.Store) {
		var budget int
		for _, f := range rep.Failed {
			if strings.Contains(f.Error, "in all, or 100 times its size") && strings.HasSuffix(f.Error, "the rest of it is not read") {
				budget++
			}
		}
		if budget != 1 || len(rep.Failed) > 40 {
			t.Errorf("%d failures, %d of them the budget's: %+v", len(rep.Failed), budget, rep.Failed[len(rep.Failed)-1])
		}
	})
}

// TestLargeNestedArchive: a nested archive larger than MaxFileBytes (a
// Garmin export's part can be gigabytes), stored without compression, is
// read as a stream like any other: its run is imported, its 129 MiB of
// other data skipped, with no temporary file.
func TestLargeNestedArchive(t *testing.T) {
	run, err := os.ReadFile(corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	inner, err := hostile.ZipContent("DI_CONNECT/padding.bin", 0, ingest.MaxFileBytes+1<<20,
		hostile.Entry{Name: "run.fit", Content: hostile.Content{Prefix: run}})
	if err != nil {
		t.Fatal(err)
	}
	p := build(t, t.TempDir(), "export.zip", zipOf(hostile.Entry{Name: "Part1.zip", Content: inner, Store: true}))
	bothWays(t, 0, []string{p}, func(t *testing.T, rep *ingest.Report, _ store.Store) {
		if rep.Imported != 1 || len(rep.Failed) != 0 {
			t.Errorf("imported %d, failed %+v", rep.Imported, rep.Failed)
		}
	})
}
