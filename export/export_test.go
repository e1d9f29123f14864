package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/export"
	"github.com/rebound-run/rebound/internal/datatest"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/store/storetest"
)

var now = time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)

func mustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "rebound.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// mustExport writes st's export and returns the archive's bytes.
func mustExport(tb testing.TB, st store.Store, format string) ([]byte, *export.Manifest) {
	tb.Helper()
	var buf bytes.Buffer
	man, err := export.Write(context.Background(), &buf, st, export.Options{Format: format, Athlete: export.Athlete{ID: 1, Name: "ana"}, Now: now})
	if err != nil {
		tb.Fatalf("Write: %v", err)
	}
	return buf.Bytes(), man
}

func mustZip(tb testing.TB, data []byte) *zip.Reader {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	return zr
}

func entry(tb testing.TB, zr *zip.Reader, name string) []byte {
	tb.Helper()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				tb.Fatal(err)
			}
			return data
		}
	}
	tb.Fatalf("the archive has no %s", name)
	return nil
}

// rezip copies an archive, changing entries: edit returns an entry's new
// content, or nil to drop it.
func rezip(tb testing.TB, data []byte, edit func(name string, content []byte) []byte) []byte {
	tb.Helper()
	zr := mustZip(tb, data)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		content := edit(f.Name, entry(tb, zr, f.Name))
		if content == nil {
			continue
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(content)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func mustImport(tb testing.TB, data []byte, st store.Store) *export.ImportReport {
	tb.Helper()
	rep, err := export.Import(context.Background(), mustZip(tb, data), "ana.zip", st, datatest.Decoders())
	if err != nil {
		tb.Fatalf("Import: %v", err)
	}
	return rep
}

// TestRoundTrip exports an athlete with real data and imports the export
// into a new database: everything comes back the same, activities from
// their originals (and the one without an original from its documents).
func TestRoundTrip(t *testing.T) {
	src := mustOpen(t)
	filled := datatest.Fill(t, src)
	want := storetest.MustSnapshot(t, src)
	data, man := mustExport(t, src, export.JSON)

	n := man.Counts
	if n.Activities != len(filled.IDs) || n.Originals != len(want.Originals) || n.CheckIns != filled.CheckIns ||
		n.SessionRPEs != 3 || n.Shoes != 3 || n.ChecklistTicks != 3 || n.Samples < 1000 {
		t.Errorf("manifest counts %+v; want %d activities, %d originals, %d check-ins", n, len(filled.IDs), len(want.Originals), filled.CheckIns)
	}
	zr := mustZip(t, data)
	if len(man.Files) != len(zr.File)-1 {
		t.Errorf("the manifest lists %d files, the archive has %d besides it", len(man.Files), len(zr.File)-1)
	}
	// The originals are there as imported: decompressed, named safely.
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "originals/") && (strings.ContainsAny(strings.TrimPrefix(f.Name, "originals/"), `/\! `) ||
			strings.HasSuffix(f.Name, ".gz")) {
			t.Errorf("unsafe or still compressed original name %q", f.Name)
		}
	}

	dst := mustOpen(t)
	rep := mustImport(t, data, dst)
	if len(rep.Failed) > 0 || rep.Activities != len(filled.IDs) || rep.FromFiles != len(want.Originals) ||
		rep.CheckIns != filled.CheckIns || rep.SessionRPEs != 3 || rep.Shoes != 3 || rep.Ticks != 3 || !rep.Profile {
		t.Fatalf("import report %+v", rep)
	}
	if diff := storetest.DiffSnapshots(want, storetest.MustSnapshot(t, dst)); diff != "" {
		t.Errorf("imported data differs from the exported (-exported +imported):\n%s", diff)
	}

	// Importing it again adds nothing and changes nothing.
	rev := storetest.MustRevision(t, dst)
	again := mustImport(t, data, dst)
	if again.Activities != 0 || again.Duplicates != len(filled.IDs) || again.CheckIns != 0 || again.Shoes != 0 || again.Profile ||
		again.Kept != filled.CheckIns+3+3+1 || len(again.Failed) > 0 {
		t.Errorf("second import: %+v", again)
	}
	if storetest.MustRevision(t, dst) != rev {
		t.Error("a second import of the same export wrote to the store")
	}
}

// TestImportKeepsWhatIsStored imports an export into a store that has
// its own profile, check-in and shoes: they are kept, the rest added.
func TestImportKeepsWhatIsStored(t *testing.T) {
	ctx := context.Background()
	src := mustOpen(t)
	datatest.Fill(t, src)
	data, _ := mustExport(t, src, export.JSON)

	dst := mustOpen(t)
	mine := profile.Profile{WeightKg: 80, Age: 50}
	if err := dst.SaveProfile(ctx, mine); err != nil {
		t.Fatal(err)
	}
	srcCheckIns, _ := src.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC)
	day := srcCheckIns[0].Date
	if err := dst.SaveCheckIn(ctx, recovery.CheckIn{Date: day, Soreness: map[recovery.Muscle]float64{}, SleepH: 3,
		SleepQuality: 1, Stress: 5, RestingHR: 70, HRVms: 20}); err != nil {
		t.Fatal(err)
	}
	if err := dst.SaveShoe(ctx, store.Shoe{Name: "PEGASUS 40", LimitKm: 100, Default: true}); err != nil {
		t.Fatal(err)
	}
	rep := mustImport(t, data, dst)
	if rep.Profile || rep.Kept < 3 || len(rep.Failed) > 0 {
		t.Errorf("report %+v", rep)
	}
	if p, _ := dst.FindProfile(ctx); p.WeightKg != 80 || p.Age != 50 {
		t.Errorf("the stored profile was replaced: %+v", p)
	}
	cs, _ := dst.FindCheckIns(ctx, day, day.AddDate(0, 0, 1), time.UTC)
	if len(cs) != 1 || cs[0].SleepH != 3 {
		t.Errorf("the stored check-in of %s was replaced: %+v", day.Format(time.DateOnly), cs)
	}
	shoes, _ := dst.FindShoes(ctx)
	defaults := 0
	for _, s := range shoes {
		if s.Default {
			defaults++
			if s.Name != "PEGASUS 40" || s.LimitKm != 100 {
				t.Errorf("default shoe %+v; want the stored PEGASUS 40", s)
			}
		}
	}
	if len(shoes) != 3 || defaults != 1 {
		t.Errorf("shoes after the import: %+v", shoes)
	}
}

// TestImportBadArchives feeds Import archives that are not exports, or
// damaged ones: it refuses or reports them, naming the entry, never
// panics, and stores nothing wrong.
func TestImportBadArchives(t *testing.T) {
	ctx := context.Background()
	src := mustOpen(t)
	datatest.Fill(t, src)
	good, _ := mustExport(t, src, export.JSON)
	csvExport, _ := mustExport(t, src, export.CSV)

	for _, c := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"NotAnExport", rezip(t, good, func(n string, b []byte) []byte {
			if n == "manifest.json" {
				return nil
			}
			return b
		}), "not a Rebound export"},
		{"CSV", csvExport, "only JSON exports"},
		{"NewerVersion", rezip(t, good, func(n string, b []byte) []byte {
			if n == "manifest.json" {
				return bytes.Replace(b, []byte(`"version": 1`), []byte(`"version": 99`), 1)
			}
			return b
		}), "version 99"},
	} {
		t.Run("Err"+c.name, func(t *testing.T) {
			dst := mustOpen(t)
			_, err := export.Import(ctx, mustZip(t, c.data), "ana.zip", dst, datatest.Decoders())
			if rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), "ana.zip") {
				t.Errorf("Import = %v; want EINVALID naming ana.zip and saying %q", err, c.msg)
			}
			if n := storetest.MustCount(t, dst); n != 0 {
				t.Errorf("%d activities stored", n)
			}
		})
	}

	t.Run("DamagedOriginalFromDocuments", func(t *testing.T) {
		// One original altered, one gone: both activities come back from
		// their documents and samples, each reported.
		var altered, gone string
		data := rezip(t, good, func(n string, b []byte) []byte {
			if !strings.HasPrefix(n, "originals/") {
				return b
			}
			switch {
			case altered == "" && strings.HasSuffix(n, ".gpx"):
				altered = n
				return bytes.Replace(b, []byte("<trkpt"), []byte("<trkpt "), 1)
			case gone == "" && strings.HasSuffix(n, ".tcx"):
				gone = n
				return nil
			}
			return b
		})
		dst := mustOpen(t)
		rep := mustImport(t, data, dst)
		want := storetest.MustSnapshot(t, src)
		if len(rep.Failed) != 2 || rep.Activities != len(want.Activities) ||
			!strings.Contains(rep.Failed[0].Error+rep.Failed[1].Error, "restored from the documents") {
			t.Fatalf("report %+v; want 2 failed, every activity stored", rep)
		}
		got := storetest.MustSnapshot(t, dst)
		for sha, a := range want.Activities {
			g := got.Activities[sha]
			if g == nil || len(g.Samples) != len(a.Samples) || g.Summary.DistanceM != a.Summary.DistanceM || g.Name != a.Name {
				t.Errorf("activity %s (%s) not restored as exported", sha, a.SourceFile)
			}
		}
	})

	t.Run("BadDocuments", func(t *testing.T) {
		data := rezip(t, good, func(n string, b []byte) []byte {
			switch n {
			case "checkins.json":
				return []byte(`[{"date":"2026-11-02","sleep_h":99},{"date":"2026-11-03","sleep_h":7},{"date":"junk"}]`)
			case "shoes.json":
				return []byte(`{"not": "a list"`)
			case "session_rpes.json":
				return nil
			}
			return b
		})
		dst := mustOpen(t)
		rep := mustImport(t, data, dst)
		var msgs []string
		for _, f := range rep.Failed {
			msgs = append(msgs, f.Error)
		}
		all := strings.Join(msgs, "\n")
		for _, want := range []string{"ana.zip!checkins.json: 2026-11-02: sleep 99", "ana.zip!checkins.json: date \"junk\"",
			"ana.zip!shoes.json", "ana.zip!session_rpes.json: missing"} {
			if !strings.Contains(all, want) {
				t.Errorf("failures lack %q:\n%s", want, all)
			}
		}
		if rep.CheckIns != 1 || rep.Shoes != 0 || rep.Activities == 0 {
			t.Errorf("report %+v", rep)
		}
	})
}

// TestCSV checks the CSV export: one CSV per resource, a header and as
// many rows as the manifest counts.
func TestCSV(t *testing.T) {
	src := mustOpen(t)
	datatest.Fill(t, src)
	data, man := mustExport(t, src, export.CSV)
	zr := mustZip(t, data)
	rows := func(name string) [][]string {
		t.Helper()
		r := csv.NewReader(bytes.NewReader(entry(t, zr, name)))
		r.FieldsPerRecord = 0 // every row as long as the header
		all, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return all
	}
	n := man.Counts
	for name, want := range map[string]int{"activities.csv": n.Activities, "samples.csv": n.Samples, "checkins.csv": n.CheckIns,
		"session_rpes.csv": n.SessionRPEs, "shoes.csv": n.Shoes, "checklist_ticks.csv": n.ChecklistTicks, "profile.csv": 1} {
		if got := len(rows(name)) - 1; got != want {
			t.Errorf("%s: %d rows, want %d", name, got, want)
		}
	}
	if laps := rows("laps.csv"); len(laps) < 5 || laps[0][0] != "activity_id" || laps[0][3] != "distance_m" {
		t.Errorf("laps.csv: %d rows, header %v", len(laps), laps[0])
	}
	head := rows("activities.csv")[0]
	for _, col := range []string{"id", "sha256", "start", "distance_m", "avg_hr", "hr_seconds", "device_distance_m", "original"} {
		if !strings.Contains(","+strings.Join(head, ",")+",", ","+col+",") {
			t.Errorf("activities.csv lacks column %s: %v", col, head)
		}
	}
	var m map[string]any
	if err := json.Unmarshal(entry(t, zr, "manifest.json"), &m); err != nil || m["data_format"] != "csv" {
		t.Errorf("manifest: %v, %v", m, err)
	}
}

func TestOriginalName(t *testing.T) {
	fitData := append([]byte{14, 0x10, 0, 0, 0, 0, 0, 0}, ".FIT"...)
	for _, c := range []struct {
		source string
		data   []byte
		want   string
	}{
		{"/home/ana/runs/Morning Run.fit", fitData, "3-Morning_Run.fit"},
		{"export.zip!activities/1001.fit.gz", fitData, "3-1001.fit"},
		{`C:\Users\ana\..\run.FIT`, fitData, "3-run.FIT"},
		{"../../etc/passwd", []byte("root:x:0:0"), "3-passwd"},
		{"upload", fitData, "3-upload.fit"},
		{"...", fitData, "3-original.fit"},
		{"export.zip!", []byte("<?xml version='1.0'?><gpx>"), "3-original.gpx"},
		{"Läufe/Übung 1!.tcx", []byte("<TrainingCenterDatabase>"), "3-tcx.tcx"},
	} {
		got := export.OriginalName(3, c.source, c.data)
		if got != c.want {
			t.Errorf("OriginalName(%q) = %q, want %q", c.source, got, c.want)
		}
		if strings.ContainsAny(got, `/\`) || strings.Contains(got, "..") {
			t.Errorf("OriginalName(%q) = %q: not a safe name", c.source, got)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]string{"": "json", "JSON": "json", "csv": "csv", " Csv ": "csv"} {
		if got, err := export.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := export.ParseFormat("xml"); rebound.ErrorCode(err) != rebound.EINVALID {
		t.Errorf("ParseFormat(xml) = %v, want EINVALID", err)
	}
}

// countWriter counts what is written through it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// spy is a store that notes how much of the archive was written when
// each activity was read.
type spy struct {
	*sqlite.DB
	out     *countWriter
	written []int64
}

func (s *spy) FindActivityByID(ctx context.Context, id int64) (*store.Activity, error) {
	s.written = append(s.written, s.out.n)
	return s.DB.FindActivityByID(ctx, id)
}

// TestWriteStreams: the archive goes out while the store is read, one
// activity after another, rather than being built in memory first.
func TestWriteStreams(t *testing.T) {
	src := mustOpen(t)
	filled := datatest.Fill(t, src)
	out := &countWriter{}
	s := &spy{DB: src, out: out}
	if _, err := export.Write(context.Background(), out, s, export.Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	if len(s.written) != len(filled.IDs) {
		t.Fatalf("%d activities read, want each once (%d)", len(s.written), len(filled.IDs))
	}
	// By the time the last activity is read, the originals and most of
	// the samples are out.
	if last := s.written[len(s.written)-1]; last < out.n/2 {
		t.Errorf("%d of %d bytes written when the last activity was read: the archive is not streamed", last, out.n)
	}
}
