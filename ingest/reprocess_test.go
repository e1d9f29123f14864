package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/storetest"
)

// TestReprocess imports real files, makes one activity's analysis stale
// (as an older decoder would have left it) and stores one original that
// no longer decodes, then reprocesses: the stale one is updated to what
// the file gives today, keeping its name, gear and RPE; the others are
// unchanged; the broken one fails, named, and is left as it was.
func TestReprocess(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	rep, err := importer(db).Import(ctx, []string{
		corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit"),
		corpus.Path(t, "gpx/togeojson__run_gpxtpx.gpx"),
		corpus.Path(t, "tcx/togeojson__sample.tcx"),
		corpus.Path(t, "exports/strava_export_assembled.zip"),
	})
	if err != nil || len(rep.Failed) > 0 || rep.Imported < 6 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	fresh := map[int64]*store.Activity{}
	for _, id := range rep.IDs {
		fresh[id] = storetest.MustFindActivityByID(t, db, id)
	}

	// A FIT run, as an older Rebound left it: another summary, half its
	// samples, no laps; and the runner's own name, gear and rating.
	var stale *store.Activity
	for _, id := range rep.IDs { // a FIT run (the import's order is that of its workers)
		if a := fresh[id]; stale == nil && a.Format == "fit" && len(a.Samples) >= 100 && len(a.Laps) > 0 {
			stale = storetest.MustFindActivityByID(t, db, id)
		}
	}
	if stale == nil {
		t.Fatal("no FIT run with samples and laps was imported")
	}
	stale.Summary.DistanceM, stale.Summary.AvgHR = 1234, activity.NaN
	stale.Samples, stale.Laps, stale.Warnings = stale.Samples[:len(stale.Samples)/2], nil, []string{"old decoder"}
	if changed, err := db.UpdateActivityAnalysis(ctx, stale.ID, stale); err != nil || !changed {
		t.Fatalf("make stale: %v, %v", changed, err)
	}
	if err := db.UpdateActivityGear(ctx, stale.ID, "Pegasus"); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveRPE(ctx, stale.ID, 7); err != nil {
		t.Fatal(err)
	}

	// An original the decoders now refuse.
	broken := storetest.NewActivity(stale.Start.AddDate(1, 0, 0), activity.Running)
	broken.SourceFile = "old/garbled.fit"
	broken.Original = storetest.Compress([]byte(".FIT but not really a FIT file at all"))
	storetest.MustCreateActivity(t, db, broken)
	brokenBefore := storetest.MustFindActivityByID(t, db, broken.ID)

	var seen []string
	got, err := ingest.Reprocess(ctx, db, decoders(), func(r ingest.Reprocessed) { seen = append(seen, r.File) })
	if err != nil {
		t.Fatal(err)
	}
	manual := 0 // the Strava export's manual entries have no original
	for _, id := range rep.IDs {
		if fresh[id].Format == "manual" {
			manual++
		}
	}
	wantFiles := len(rep.IDs) - manual + 1
	if got.Updated != 1 || got.Failed != 1 || got.Unchanged != wantFiles-2 || len(got.Files) != wantFiles || len(seen) != wantFiles {
		t.Fatalf("report %+v (progress saw %d), want 1 updated, 1 failed, %d unchanged", got, len(seen), wantFiles-2)
	}
	for _, f := range got.Files {
		switch {
		case f.IDs[0] == stale.ID && f.Outcome != ingest.OutcomeUpdated:
			t.Errorf("the stale run: %+v, want updated", f)
		case f.IDs[0] == broken.ID && (f.Outcome != ingest.OutcomeFailed || !strings.Contains(f.Error, "old/garbled.fit")):
			t.Errorf("the broken original: %+v, want failed naming old/garbled.fit", f)
		case f.IDs[0] != stale.ID && f.IDs[0] != broken.ID && f.Outcome != ingest.OutcomeUnchanged:
			t.Errorf("%s: %+v, want unchanged", f.File, f)
		}
	}

	// The stale run is what its file gives today, with its name, gear and RPE.
	want := fresh[stale.ID]
	want.Gear = "Pegasus"
	if diff := cmp.Diff(want, storetest.MustFindActivityByID(t, db, stale.ID), storetest.ActivityOptions); diff != "" {
		t.Errorf("reprocessed run (-want +got):\n%s", diff)
	}
	if rpes, _ := db.FindRPEs(ctx); rpes[stale.ID] != 7 {
		t.Errorf("RPEs %v: the rating of %d is lost", rpes, stale.ID)
	}
	if diff := cmp.Diff(brokenBefore, storetest.MustFindActivityByID(t, db, broken.ID), storetest.ActivityOptions); diff != "" {
		t.Errorf("the broken original's activity changed (-before +after):\n%s", diff)
	}

	// Again: nothing to do, nothing written.
	rev := storetest.MustRevision(t, db)
	if again, err := ingest.Reprocess(ctx, db, decoders(), nil); err != nil || again.Updated != 0 || again.Failed != 1 {
		t.Errorf("second reprocess: %+v, %v; want nothing updated", again, err)
	}
	if storetest.MustRevision(t, db) != rev {
		t.Error("a reprocess that changed nothing bumped the revision")
	}
}
