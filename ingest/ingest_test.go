package ingest_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/fit"
	"github.com/rebound-run/rebound/decode/gpx"
	"github.com/rebound-run/rebound/decode/tcx"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
)

func decoders() map[decode.Format]decode.Decoder {
	return map[decode.Format]decode.Decoder{decode.FIT: fit.Decode, decode.GPX: gpx.Decode, decode.TCX: tcx.Decode}
}

// MustOpenDB opens a fresh SQLite database file in a temporary folder.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "rebound.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func importer(db *sqlite.DB) *ingest.Importer {
	return &ingest.Importer{Store: db, Decoders: decoders()}
}

func count(tb testing.TB, db *sqlite.DB) int {
	tb.Helper()
	_, n, err := db.FindActivities(context.Background(), store.ActivityFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// TestManifest imports every file of the shared corpus, one at a time into
// one database, and checks the outcome its manifest expects.
func TestManifest(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	im := importer(db)
	for _, e := range corpus.Manifest(t) {
		before := count(t, db)
		path := corpus.Path(t, e.Path)
		rep, err := im.Import(ctx, []string{path})
		if err != nil {
			t.Fatalf("%s: import: %v", e.Path, err)
		}
		after := count(t, db)
		switch e.Expect {
		case "import":
			if len(rep.Failed) > 0 || len(rep.Skipped) > 0 || rep.Imported+rep.Duplicates == 0 {
				t.Errorf("%s: want imported, got %+v", e.Path, rep)
			}
			if after-before != rep.Imported {
				t.Errorf("%s: report says %d imported, store grew by %d", e.Path, rep.Imported, after-before)
			}
		case "skip":
			if len(rep.Skipped) != 1 || rep.Imported != 0 || len(rep.Failed) != 0 {
				t.Errorf("%s: want skipped, got %+v", e.Path, rep)
			} else if rep.Skipped[0].Reason == "" {
				t.Errorf("%s: skipped without a reason", e.Path)
			}
		case "fail":
			if len(rep.Failed) == 0 || rep.Imported != 0 {
				t.Errorf("%s: want failed, got %+v", e.Path, rep)
			} else if !strings.Contains(rep.Failed[0].Error, filepath.Base(e.Path)) {
				t.Errorf("%s: error %q does not name the file", e.Path, rep.Failed[0].Error)
			}
			if after != before {
				t.Errorf("%s: a failed file changed the store (%d -> %d activities)", e.Path, before, after)
			}
		case "any":
			if len(rep.Failed) > 0 {
				t.Errorf("%s: want imported or skipped, got failure %v", e.Path, rep.Failed)
			}
		}
	}
}

// TestDeviceTotals checks the metrics Rebound computes from each FIT file's
// records against the totals its device wrote in the session message.
//
// Tolerances, and why:
//   - distance ±1.5 % (or 15 m): both come from the same cumulative
//     distance field, but devices close the session on the last lap's
//     distance, which can differ from the last record by a few metres;
//   - elapsed time ±3 % (or 15 s): the device counts from the start
//     button to the stop button; records start at the first write and end
//     at the last, which sparse or "smart" recorders place up to tens of
//     seconds inside that span (and a few devices write records after
//     the session's end);
//   - average heart rate ±3 bpm: the device averages per record or per
//     second depending on model and firmware;
//   - pool swims: distance ±50 m (records are written per length, and the
//     last length or two may be only in the session) and average heart
//     rate ±8 bpm (swim straps store heart rate and the watch averages
//     only the swimming lengths, not the rests between them);
//   - maximum heart rate ±1 bpm: the same readings;
//   - ascent ±35 % (or 15 m): devices filter elevation with their own,
//     undocumented thresholds, so only agreement in size is expected.
//
// Files where the device's summary contradicts its own records (listed in
// the manifest's "disagreements" column) are checked for their records
// only, not the totals.
func TestDeviceTotals(t *testing.T) {
	ctx := context.Background()
	checked := 0
	for _, e := range corpus.Manifest(t) {
		if e.Format != "fit" || e.Expect != "import" || e.Get("disagreements") != "" {
			continue
		}
		sessions, _ := e.Float("sessions")
		if sessions != 1 {
			continue
		}
		e := e
		t.Run(filepath.Base(e.Path), func(t *testing.T) {
			db := MustOpenDB(t)
			rep, err := importer(db).Import(ctx, []string{corpus.Path(t, e.Path)})
			if err != nil || rep.Imported != 1 {
				t.Fatalf("import: %v %+v", err, rep)
			}
			a, err := db.FindActivityByID(ctx, rep.IDs[0])
			if err != nil {
				t.Fatal(err)
			}
			s := a.Summary
			swim := a.Sport == activity.Swimming
			distTol, hrTol := func(want float64) float64 { return math.Max(15, want*0.015) }, 3.0
			if swim {
				distTol, hrTol = func(float64) float64 { return 50 }, 8
			}
			if want, ok := e.Float("distance_m"); ok && want > 0 && s.DistanceSource == "device" {
				within(t, "distance", s.DistanceM, want, distTol(want))
			}
			if want, ok := e.Float("elapsed_s"); ok && want > 0 {
				within(t, "elapsed", s.ElapsedS, want, math.Max(15, want*0.03))
			}
			if want, ok := e.Float("avg_hr"); ok && want > 0 {
				within(t, "avg HR", s.AvgHR, want, hrTol)
			}
			if want, ok := e.Float("max_hr"); ok && want > 0 {
				within(t, "max HR", s.MaxHR, want, 1)
			}
			if want, ok := e.Float("ascent_m"); ok && want > 20 && activity.Has(s.AscentM) {
				within(t, "ascent", s.AscentM, want, math.Max(15, want*0.35))
			}
			if want, ok := e.Float("timer_s"); ok && want > 0 && activity.Has(s.MovingS) {
				// Moving time never exceeds the time the timer ran by more
				// than the recording gaps allow.
				if s.MovingS > want*1.02+5 {
					t.Errorf("moving %.0f s > device timer %.0f s", s.MovingS, want)
				}
			}
			checked++
		})
	}
	if checked < 20 {
		t.Errorf("only %d files checked against device totals", checked)
	}
}

// TestTCXAndGPXTotals checks TCX files against the sums of their laps and
// GPX files against the manifest's straight-line sum of their points.
//
// Tolerances: TCX distance ±1.5 % (or 15 m): the trackpoints' cumulative
// distance and the laps' DistanceMeters come from the same device, but
// the last trackpoint can precede the lap's end (python-tcxparser's
// 4686.31 m against the laps' 4689.24 m for tcxparser__test.tcx is one
// such case). GPX distance ±0.5 %: both are haversine sums over the same
// points within segments; Rebound's uses the IUGG mean radius and skips
// untimed points, the manifest's may use another radius.
func TestTCXAndGPXTotals(t *testing.T) {
	ctx := context.Background()
	checked := 0
	for _, e := range corpus.Manifest(t) {
		if e.Expect != "import" || (e.Format != "tcx" && e.Format != "gpx") {
			continue
		}
		e := e
		t.Run(filepath.Base(e.Path), func(t *testing.T) {
			db := MustOpenDB(t)
			rep, err := importer(db).Import(ctx, []string{corpus.Path(t, e.Path)})
			if err != nil || rep.Imported < 1 {
				t.Fatalf("import: %v %+v", err, rep)
			}
			a, err := db.FindActivityByID(ctx, rep.IDs[0])
			if err != nil {
				t.Fatal(err)
			}
			s := a.Summary
			switch e.Format {
			case "tcx":
				if rep.Imported != 1 {
					return // several activities: the lap sums span all of them
				}
				// Two sample files carry a cut-down track (19 of the points
				// of an 8.3 km run): Rebound then trusts the laps and says so.
				if want, ok := e.Float("distance_m"); ok && want > 0 && s.DistanceSource != "none" {
					within(t, "distance", s.DistanceM, want, math.Max(15, want*0.015))
					if s.DistanceSource == "totals" && len(s.Notes) == 0 {
						t.Error("the summary was trusted over the samples without a note")
					}
					checked++
				}
			case "gpx":
				withTime, _ := e.Float("pts_with_time")
				points, _ := e.Float("records_or_points")
				want, ok := e.Float("calc_2d_distance_m")
				if ok && want > 0 && withTime == points {
					within(t, "distance", s.DistanceM, want, math.Max(2, want*0.005))
					checked++
				}
			}
		})
	}
	if checked < 15 {
		t.Errorf("only %d TCX/GPX files checked", checked)
	}
}

func within(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.2f, device says %.2f (tolerance ±%.2f)", what, got, want, tol)
	}
}

func TestImportTwiceStoresNothingNew(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	dir := corpus.Path(t, "fit")
	first, err := importer(db).Import(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	n := count(t, db)
	second, err := importer(db).Import(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if second.Imported != 0 || count(t, db) != n {
		t.Errorf("second import stored %d new activities (store %d -> %d)", second.Imported, n, count(t, db))
	}
	if second.Duplicates != first.Imported+first.Duplicates {
		t.Errorf("second import: %d duplicates, want %d", second.Duplicates, first.Imported+first.Duplicates)
	}
}

// TestSameRunFromAnotherSource imports one ride as FIT, then as the GPX
// and TCX that Garmin Connect exported of it: the same sport starting in
// the same minute is one activity.
func TestSameRunFromAnotherSource(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	rep, err := importer(db).Import(ctx, []string{
		corpus.Path(t, "fit/sweatpy__2020-06-01-16-52-40.fit"),
	})
	if err != nil || rep.Imported != 1 {
		t.Fatalf("fit: %v %+v", err, rep)
	}
	rep, err = importer(db).Import(ctx, []string{
		corpus.Path(t, "gpx/sweatpy__activity_5039744860.gpx"),
		corpus.Path(t, "tcx/sweatpy__activity_5039744860.tcx"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 0 || rep.Duplicates != 2 {
		t.Errorf("gpx+tcx of the same ride: %+v, want 2 duplicates", rep)
	}
}

func TestBrokenFilesLeaveStoreUnchanged(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := importer(db).Import(ctx, []string{corpus.Path(t, "gpx")}); err != nil {
		t.Fatal(err)
	}
	before := count(t, db)
	rep, err := importer(db).Import(ctx, []string{corpus.Path(t, "broken")})
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(corpus.Path(t, "broken"))
	if len(rep.Failed) != len(entries) {
		t.Errorf("%d of %d broken files failed: %+v", len(rep.Failed), len(entries), rep)
	}
	if count(t, db) != before {
		t.Errorf("broken files changed the store: %d -> %d", before, count(t, db))
	}
	for _, f := range rep.Failed {
		if f.Error == "" || f.File == "" {
			t.Errorf("failure without file or error: %+v", f)
		}
	}
}

func TestStravaExport(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	rep, err := importer(db).Import(ctx, []string{corpus.Path(t, "exports/strava_export_assembled.zip")})
	if err != nil {
		t.Fatal(err)
	}
	// Five files and one manual entry (row 1006, no file).
	if rep.Imported != 6 || len(rep.Failed) != 0 {
		t.Fatalf("strava export: %+v", rep)
	}
	acts, _, err := db.FindActivities(ctx, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*store.Activity{}
	for _, a := range acts {
		byName[a.Name] = a
	}
	// Names and types come from activities.csv.
	for name, sport := range map[string]activity.Sport{
		"Morning Run": activity.Running, "Evening Run": activity.Running, "Lunch Run": activity.Running,
		"Gym": activity.Strength, "Commute": activity.Cycling, "Manual entry (no file)": activity.Walking,
	} {
		a := byName[name]
		if a == nil {
			t.Errorf("no activity named %q", name)
			continue
		}
		if a.Sport != sport {
			t.Errorf("%q: sport %s, want %s", name, a.Sport, sport)
		}
		if !strings.Contains(a.SourceFile, "strava_export_assembled.zip!") {
			t.Errorf("%q: source %q does not name the archive entry", name, a.SourceFile)
		}
	}
	// The manual entry: 2000 m in 1800 s, on 1 Sep 2019 07:00 UTC.
	if m := byName["Manual entry (no file)"]; m != nil {
		if m.Summary.DistanceM != 2000 || m.Summary.MovingS != 1800 || !m.Start.Equal(time.Date(2019, 9, 1, 7, 0, 0, 0, time.UTC)) {
			t.Errorf("manual entry: %v m, %v s, %v", m.Summary.DistanceM, m.Summary.MovingS, m.Start)
		}
	}
	// The FIT of "Morning Run" is the Fenix 2 run: 9008.22 m by its device.
	if a := byName["Morning Run"]; a != nil {
		within(t, "Morning Run distance", a.Summary.DistanceM, 9008.22, 15)
	}
}

func TestGarminExport(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	rep, err := importer(db).Import(ctx, []string{corpus.Path(t, "exports/garmin_export_assembled.zip")})
	if err != nil {
		t.Fatal(err)
	}
	// Four FIT files in a nested zip (README: 101-104).
	if rep.Imported != 4 || len(rep.Failed) != 0 {
		t.Fatalf("garmin export: %+v", rep)
	}
	for _, id := range rep.IDs {
		a, err := db.FindActivityByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.SourceFile, "UploadedFiles_0-_Part1.zip!") {
			t.Errorf("source %q does not name the nested archive", a.SourceFile)
		}
	}
}

func TestZipSlipRefused(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	rep, err := importer(db).Import(ctx, []string{corpus.Path(t, "broken/madehere__zip-slip-dotdot-entry.zip")})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].Error, "../evil.gpx") || count(t, db) != 0 {
		t.Errorf("zip slip: %+v, %d stored", rep, count(t, db))
	}
}

// TestContentIsSniffed copies a FIT file under a GPX name and a GPX file
// gzipped under no extension at all: both import by their content.
func TestContentIsSniffed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	data, err := os.ReadFile(corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "misnamed.gpx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	db := MustOpenDB(t)
	rep, err := importer(db).Import(ctx, []string{dir})
	if err != nil || rep.Imported != 1 {
		t.Fatalf("%v %+v", err, rep)
	}
	a, _ := db.FindActivityByID(ctx, rep.IDs[0])
	if a.Format != "fit" {
		t.Errorf("format %q, want fit", a.Format)
	}
	name, orig, err := db.FindOriginal(ctx, a.ID)
	if err != nil || string(orig) != string(data) {
		t.Errorf("original bytes not kept (%s, %d bytes, %v)", name, len(orig), err)
	}
}

func TestMissingPathFails(t *testing.T) {
	db := MustOpenDB(t)
	rep, err := importer(db).Import(context.Background(), []string{"/no/such/file.fit"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].Error, "/no/such/file.fit") {
		t.Errorf("%+v", rep)
	}
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	db := MustOpenDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reports := make(chan *ingest.Report, 8)
	done := make(chan error, 1)
	go func() { done <- importer(db).Watch(ctx, dir, func(r *ingest.Report) { reports <- r }) }()
	if r := <-reports; r.Imported != 0 {
		t.Fatalf("empty folder imported %d", r.Imported)
	}
	data, err := os.ReadFile(corpus.Path(t, "gpx/togeojson__run_gpxtpx.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "2026")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // let the watcher see the new folder
	if err := os.WriteFile(filepath.Join(sub, "run.gpx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-reports:
		if r.Imported != 1 {
			t.Errorf("watch imported %+v", r)
		}
	case <-ctx.Done():
		t.Fatal("the new file was not imported")
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("watch returned %v", err)
	}
}

// TestStoredSamplesAndOriginal imports files of each format and checks
// that the store gives back the samples the decoder made, sanitized (the workers
// encode them, and the writer stores that encoding) and the original
// bytes, several files at once so that results queue for the writer.
func TestStoredSamplesAndOriginal(t *testing.T) {
	ctx := context.Background()
	rels := []string{
		"fit/fitparse__activity-small-fenix2-run.fit",
		"fit/fitdecode__garmin-fr935-cr.fit",
		"fit/fitparse__compressed-speed-distance.fit",
		"fit/muktihari__chained_Activity_activity_poolswim.fit",
		"gpx/sweatpy__activity_5039744860.gpx",
		"tcx/sweatpy__activity_5039744860.tcx",
	}
	dir := t.TempDir()
	want := map[string][]*activity.Activity{}
	originals := map[string][]byte{}
	for i, rel := range rels {
		data, err := os.ReadFile(corpus.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		// The GPX and TCX files are the same run: shift one of them so
		// that the store does not take it for a duplicate.
		if strings.HasSuffix(rel, ".tcx") {
			data = []byte(strings.ReplaceAll(string(data), "2020-", "2019-"))
		}
		name := filepath.Join(dir, fmt.Sprintf("%d%s", i, filepath.Ext(rel)))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		dec := decoders()[decode.Detect(data)]
		acts, err := dec(data, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range acts {
			activity.Sanitize(a) // as the importer does: impossible values dropped
		}
		want[name], originals[name] = acts, data
	}
	db := MustOpenDB(t)
	im := importer(db)
	im.Workers = 3
	rep, err := im.Import(ctx, []string{dir})
	if err != nil || len(rep.Failed) > 0 || len(rep.Skipped) > 0 || rep.Duplicates > 0 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	seen := map[string]int{}
	for _, id := range rep.IDs {
		got, err := db.FindActivityByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		i := seen[got.SourceFile]
		seen[got.SourceFile]++
		w := want[got.SourceFile][i]
		if len(got.Samples) != len(w.Samples) {
			t.Errorf("%s: %d samples stored, the decoder gives %d", got.SourceFile, len(got.Samples), len(w.Samples))
			continue
		}
		for k, s := range got.Samples {
			ws := w.Samples[k]
			if d := s.Time.Sub(ws.Time); d < -time.Millisecond || d > time.Millisecond ||
				!near(s.HeartRateBPM, ws.HeartRateBPM, 0.05+1e-9) || !near(s.DistanceM, ws.DistanceM, 0.005+1e-9) ||
				!near(s.LatDeg, ws.LatDeg, 0.5e-7+1e-12) || !near(s.AltitudeM, ws.AltitudeM, 0.005+1e-9) {
				t.Fatalf("%s: sample %d stored as %+v, decoded as %+v", got.SourceFile, k, s, ws)
			}
		}
		if got.Summary.DistanceM != activity.Compute(w).DistanceM {
			t.Errorf("%s: stored distance %v, Compute gives %v", got.SourceFile, got.Summary.DistanceM, activity.Compute(w).DistanceM)
		}
		if i == 0 {
			if _, orig, err := db.FindOriginal(ctx, id); err != nil || string(orig) != string(originals[got.SourceFile]) {
				t.Errorf("%s: original not kept: %d bytes, %v", got.SourceFile, len(orig), err)
			}
		}
	}
}

// near reports whether a and b are within tol, NaN near NaN only.
func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

// TestDefaultShoesGoToNewRuns: each import reads the runner's default
// shoes and gives them to the runs that name no gear (not to rides); once
// the shoes are retired, the next import gives none.
func TestDefaultShoesGoToNewRuns(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if err := db.SaveShoe(ctx, store.Shoe{Name: "Daily trainer", Default: true}); err != nil {
		t.Fatal(err)
	}
	gearOf := func(file string) string {
		t.Helper()
		rep, err := importer(db).Import(ctx, []string{corpus.Path(t, file)})
		if err != nil || len(rep.IDs) != 1 {
			t.Fatalf("import %s: %v %+v", file, err, rep)
		}
		a, err := db.FindActivityByID(ctx, rep.IDs[0])
		if err != nil {
			t.Fatal(err)
		}
		return a.Gear
	}
	if g := gearOf("fit/fitparse__activity-small-fenix2-run.fit"); g != "Daily trainer" {
		t.Errorf("a run imported with default shoes: gear %q", g)
	}
	if g := gearOf("fit/sweatpy__4078723797.fit"); g != "" {
		t.Errorf("a ride got the running shoes %q", g)
	}
	if err := db.SaveShoe(ctx, store.Shoe{Name: "Daily trainer", Default: true, Retired: true}); err != nil {
		t.Fatal(err)
	}
	if g := gearOf("fit/sportslib__6916663933.fit"); g != "" {
		t.Errorf("a run imported after the default shoes were retired: gear %q", g)
	}
}
