package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/corpus"
)

// upload reads corpus files into ingest.Files named by their base names,
// as a browser would send them.
func upload(t *testing.T, rels ...string) []ingest.File {
	t.Helper()
	var out []ingest.File
	for _, rel := range rels {
		data, err := os.ReadFile(corpus.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ingest.File{Name: filepath.Base(rel), Data: data})
	}
	return out
}

// TestImportFilesLikeImport imports the same real files by content and by
// path into two databases and expects the same outcome, named by the
// uploaded names.
func TestImportFilesLikeImport(t *testing.T) {
	ctx := context.Background()
	rels := []string{
		"fit/fitparse__activity-small-fenix2-run.fit",    // import
		"fit/jimmykane__running-with-developer-data.fit", // import
		"gpx/togeojson__Friday-Evening-Run.gpx",          // import
		"fit/non-activity/fitparse__Settings.fit",        // skip
		"broken/madehere__fenix2-run-truncated-half.fit", // fail
		"broken/madehere__empty.tcx",                     // fail (empty)
	}
	byContent := MustOpenDB(t)
	rep, err := importer(byContent).ImportFiles(ctx, upload(t, rels...))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, rel := range rels {
		paths = append(paths, corpus.Path(t, rel))
	}
	byPath := MustOpenDB(t)
	want, err := importer(byPath).Import(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 3 || rep.Imported != want.Imported || rep.Duplicates != want.Duplicates ||
		len(rep.Skipped) != 1 || len(rep.Failed) != 2 || len(want.Skipped) != 1 || len(want.Failed) != 2 {
		t.Fatalf("ImportFiles %+v\nImport %+v", rep, want)
	}
	if rep.Files != want.Files || rep.Bytes != want.Bytes {
		t.Errorf("files/bytes %d/%d, Import %d/%d", rep.Files, rep.Bytes, want.Files, want.Bytes)
	}
	if rep.Skipped[0].File != "fitparse__Settings.fit" || rep.Skipped[0].Reason != want.Skipped[0].Reason {
		t.Errorf("skipped %+v, Import %+v", rep.Skipped, want.Skipped)
	}
	for _, f := range rep.Failed {
		if strings.Contains(f.Error, string(filepath.Separator)+"broken") || !strings.Contains(f.Error, f.File) {
			t.Errorf("failure %+v: the error must name the uploaded file, not a path", f)
		}
	}
	if got := count(t, byContent); got != 3 {
		t.Errorf("store holds %d activities, want 3", got)
	}
	// Idempotent: the same upload again stores nothing new.
	again, err := importer(byContent).ImportFiles(ctx, upload(t, rels[:3]...))
	if err != nil {
		t.Fatal(err)
	}
	if again.Imported != 0 || again.Duplicates != 3 || count(t, byContent) != 3 {
		t.Errorf("second upload %+v: want 3 duplicates, nothing stored", again)
	}
}

// TestImportFilesArchives uploads a Strava export by content and a Garmin
// Connect export spilled to disk (Path), and refuses a zip with an entry
// outside the archive.
func TestImportFilesArchives(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	files := upload(t, "exports/strava_export_assembled.zip")
	files = append(files, ingest.File{Name: "garmin.zip", Path: corpus.Path(t, "exports/garmin_export_assembled.zip")})
	rep, err := importer(db).ImportFiles(ctx, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failed) != 0 || rep.Imported+rep.Duplicates < 9 {
		t.Fatalf("exports: %+v", rep)
	}
	if n := count(t, db); n != rep.Imported {
		t.Errorf("store holds %d, report says %d imported", n, rep.Imported)
	}
	slip, err := importer(db).ImportFiles(ctx, upload(t, "broken/madehere__zip-slip-dotdot-entry.zip"))
	if err != nil {
		t.Fatal(err)
	}
	if slip.Imported != 0 || len(slip.Failed) != 1 || !strings.Contains(slip.Failed[0].Error, "unsafe entry") ||
		slip.Failed[0].File != "madehere__zip-slip-dotdot-entry.zip" {
		t.Errorf("zip slip: %+v", slip)
	}
}

// TestImportFilesEdgeCases: an unnamed file gets a name, a missing spilled
// file fails by its name, a text file is skipped.
func TestImportFilesEdgeCases(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	rep, err := importer(db).ImportFiles(ctx, []ingest.File{
		{Name: "notes.txt", Data: []byte("not an activity")},
		{Name: "gone.fit", Path: filepath.Join(t.TempDir(), "missing")},
		{Data: []byte{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != 1 || rep.Skipped[0].File != "notes.txt" {
		t.Errorf("skipped %+v", rep.Skipped)
	}
	if len(rep.Failed) != 2 {
		t.Fatalf("failed %+v", rep.Failed)
	}
	for _, f := range rep.Failed {
		if f.File != "gone.fit" && f.File != "file-3" {
			t.Errorf("failure named %q", f.File)
		}
		if strings.Contains(f.Error, "missing") {
			t.Errorf("failure %q shows the spill path", f.Error)
		}
	}
}
