package ingest_test

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/store"
)

// TestExportAfterItsFiles imports three runs from their files, then the
// Strava export that holds the same files (README: 1001 is
// fit/fitparse__activity-small-fenix2-run.fit, 1002
// gpx/togeojson__run_gpxtpx.gpx, 1003 tcx/tcxparser__test.tcx): the
// duplicates take the export's names, except that the runner's own name
// stays what shows.
func TestExportAfterItsFiles(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	files := map[string]string{ // corpus file: the name activities.csv gives it
		"fit/fitparse__activity-small-fenix2-run.fit": "Morning Run",
		"gpx/togeojson__run_gpxtpx.gpx":               "Evening Run",
		"tcx/tcxparser__test.tcx":                     "Lunch Run",
	}
	ids := map[string]int64{}
	for rel := range files {
		rep, err := importer(db).Import(ctx, []string{corpus.Path(t, rel)})
		if err != nil || rep.Imported != 1 {
			t.Fatalf("%s: %v %+v", rel, err, rep)
		}
		ids[rel] = rep.IDs[0]
	}
	// The runner names the TCX run themselves.
	own := "Track session"
	if err := db.UpdateActivity(ctx, ids["tcx/tcxparser__test.tcx"], store.ActivityEdit{Name: &own}); err != nil {
		t.Fatal(err)
	}

	rep, err := importer(db).Import(ctx, []string{corpus.Path(t, "exports/strava_export_assembled.zip")})
	if err != nil {
		t.Fatal(err)
	}
	// The three runs are duplicates; the gym session, the ride and the
	// manual walk are new.
	if rep.Duplicates != 3 || rep.Imported != 3 || len(rep.Failed) != 0 {
		t.Fatalf("export after its files: %+v", rep)
	}
	for rel, name := range files {
		a, err := db.FindActivityByID(ctx, ids[rel])
		if err != nil {
			t.Fatal(err)
		}
		if a.Name != name {
			t.Errorf("%s: name %q after the export, want %q", rel, a.Name, name)
		}
		if want := map[bool]string{true: own}[rel == "tcx/tcxparser__test.tcx"]; a.UserName != want {
			t.Errorf("%s: the runner's own name %q, want %q", rel, a.UserName, want)
		}
	}
}

// TestExportOfAnotherFile names an activity after an export whose file is
// another recording of it: the GPX that Garmin Connect exported of the
// ride in fit/sweatpy__2020-06-01-16-52-40.fit (same sport, same minute),
// in a Strava-style archive made here whose activities.csv names it and
// its bike. The ride has no gear, so it takes the export's.
func TestExportOfAnotherFile(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	rep, err := importer(db).Import(ctx, []string{corpus.Path(t, "fit/sweatpy__2020-06-01-16-52-40.fit")})
	if err != nil || rep.Imported != 1 {
		t.Fatalf("fit: %v %+v", err, rep)
	}
	id := rep.IDs[0]

	gpx, err := os.ReadFile(corpus.Path(t, "gpx/sweatpy__activity_5039744860.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "export.zip")
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, data := range map[string][]byte{
		"activities.csv": []byte("Activity ID,Activity Date,Activity Name,Activity Type,Activity Gear,Filename\n" +
			"77,\"Jun 1, 2020, 4:52:40 PM\",Leiden loop,Ride,Gazelle,activities/77.gpx\n"),
		"activities/77.gpx": gpx,
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err = importer(db).Import(ctx, []string{archive})
	if err != nil || rep.Imported != 0 || rep.Duplicates != 1 {
		t.Fatalf("export of the GPX: %v %+v", err, rep)
	}
	a, err := db.FindActivityByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "Leiden loop" || a.Gear != "Gazelle" || a.Sport != activity.Cycling || a.Format != "fit" {
		t.Errorf("the FIT ride after the export: %q, gear %q, %s from %s", a.Name, a.Gear, a.Sport, a.Format)
	}
}

// TestMultisportLegs imports a triathlon (README: open-water swim,
// transition, ride, transition, run; 5 sessions in 4 chained FIT files):
// its swim, ride and run are stored as activities of their own, the
// transitions not; importing it again stores nothing.
func TestMultisportLegs(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	path := corpus.Path(t, "fit/fitparse__sample_mulitple_header.fit")
	rep, err := importer(db).Import(ctx, []string{path})
	if err != nil || rep.Imported != 3 || rep.Duplicates != 0 {
		t.Fatalf("triathlon: %v %+v", err, rep)
	}
	want := []struct {
		sport activity.Sport
		distM float64 // the session's total_distance
	}{{activity.Swimming, 1645}, {activity.Cycling, 40909}, {activity.Running, 9806}}
	var shas []string
	for i, id := range rep.IDs {
		a, err := db.FindActivityByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Sport != want[i].sport || len(a.Legs) != 5 || len(a.Samples) == 0 {
			t.Errorf("leg %d: %s, legs %v, %d samples; want %s", i, a.Sport, a.Legs, len(a.Samples), want[i].sport)
		}
		within(t, string(a.Sport)+" distance", a.Summary.DistanceM, want[i].distM, 0.01*want[i].distM)
		shas = append(shas, a.SHA256)
	}
	if shas[1] != shas[0]+"#1" || shas[2] != shas[0]+"#2" {
		t.Errorf("leg hashes %q, want the file's, then #1, #2", shas)
	}
	again, err := importer(db).Import(ctx, []string{path})
	if err != nil || again.Imported != 0 || again.Duplicates != 3 {
		t.Errorf("the triathlon again: %v %+v", err, again)
	}
}
