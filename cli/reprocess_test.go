package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/store/storetest"
)

func TestReprocessCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	if code, _, errs := rebound(t, db, "import", "--quiet", corpus.Path(t, "fit/fitparse__activity-small-fenix2-run.fit"),
		corpus.Path(t, "gpx/togeojson__run_gpxtpx.gpx")); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	code, out, errs := rebound(t, db, "reprocess")
	if code != 0 || !strings.Contains(out, "0 updated, 2 unchanged, 0 failed") {
		t.Fatalf("reprocess of fresh imports: exit %d\n%s%s", code, out, errs)
	}

	_, before, _ := rebound(t, db, "show", "1", "--json")

	// Make run 1 stale, as an older decoder left it, and add an original
	// that no longer decodes.
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.MustFindActivityByID(t, st, 1)
	a.Summary.DistanceM = 1
	if _, err := st.UpdateActivityAnalysis(context.Background(), 1, a); err != nil {
		t.Fatal(err)
	}
	bad := storetest.NewActivity(a.Start.AddDate(0, 0, 3), activity.Running)
	bad.SourceFile, bad.Original = "old/garbled.tcx", storetest.Compress([]byte("<TrainingCenterDatabase><Activities><Act"))
	storetest.MustCreateActivity(t, st, bad)
	st.Close()

	code, out, _ = rebound(t, db, "reprocess", "--json")
	var rep struct {
		Updated, Unchanged, Failed int
		Files                      []struct{ File, Outcome, Error string }
	}
	decode(t, out, &rep)
	if code != 1 || rep.Updated != 1 || rep.Unchanged != 1 || rep.Failed != 1 || len(rep.Files) != 3 ||
		!strings.Contains(rep.Files[2].Error, "old/garbled.tcx") {
		t.Errorf("reprocess --json: exit %d, %+v; want exit 1, 1 updated, 1 unchanged, old/garbled.tcx failed", code, rep)
	}
	if _, after, _ := rebound(t, db, "show", "1", "--json"); after != before {
		t.Errorf("run 1 after reprocess:\n%.400s\nwant as imported:\n%.400s", after, before)
	}
}
