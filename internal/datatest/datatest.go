// Package datatest gives the tests of the runner's ownership of their data
// (export and import, backup and restore, account deletion) one athlete
// with a bit of everything, from real files: activities imported from the
// shared corpus (FIT, GPX, TCX and a Strava export with manual entries)
// through the normal import path, a simulated runner's check-ins, session
// RPEs, shoes, checklist ticks and a profile.
package datatest

import (
	"context"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/fit"
	"github.com/rebound-run/rebound/decode/gpx"
	"github.com/rebound-run/rebound/decode/tcx"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/sim"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/storetest"
)

// Files are the corpus files Fill imports: representative FIT, GPX and
// TCX recordings and a Strava bulk export (with gzipped entries and
// manual activities).
// They are few and small on purpose: the tests that use them run under
// the race detector on a shared machine.
var Files = []string{
	"fit/fitparse__activity-small-fenix2-run.fit",
	"fit/fitparse__garmin-fenix-5-walk.fit",
	"gpx/togeojson__run_gpxtpx.gpx",
	"tcx/togeojson__sample.tcx",
	"exports/strava_export_assembled.zip",
}

// Decoders are the decoders of every format.
func Decoders() map[decode.Format]decode.Decoder {
	return map[decode.Format]decode.Decoder{decode.FIT: fit.Decode, decode.GPX: gpx.Decode, decode.TCX: tcx.Decode}
}

// Filled is what Fill stored.
type Filled struct {
	IDs      []int64 // the activities, in id order
	CheckIns int
}

// Fill gives st an athlete's data: Files imported, a run stored without
// an original but with samples (as an older Rebound could leave one), a
// simulated runner's profile and three weeks of check-ins, session RPEs
// on three activities, gear on one, three shoes (one the default, one
// retired) and checklist ticks.
func Fill(tb testing.TB, st store.Store) Filled {
	tb.Helper()
	ctx := context.Background()
	paths := make([]string, len(Files))
	for i, f := range Files {
		paths[i] = corpus.Path(tb, f)
	}
	rep, err := (&ingest.Importer{Store: st, Decoders: Decoders()}).Import(ctx, paths)
	if err != nil || len(rep.Failed) > 0 || rep.Imported < len(Files) {
		tb.Fatalf("import %v: %+v, %v", Files, rep, err)
	}
	bare := storetest.NewActivity(time.Date(2026, 10, 3, 7, 0, 0, 0, time.UTC), activity.Trail)
	bare.Original, bare.SourceFile = nil, "lost/2026-10-03.fit"
	storetest.MustCreateActivity(tb, st, bare)

	list, _, err := st.FindActivities(ctx, store.ActivityFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	var f Filled
	for i := len(list) - 1; i >= 0; i-- {
		f.IDs = append(f.IDs, list[i].ID)
	}

	r := sim.DefaultRunner()
	if err := st.SaveProfile(ctx, r.Profile()); err != nil {
		tb.Fatal(err)
	}
	for _, c := range r.CheckIns(r.Season(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), 3)) {
		if err := st.SaveCheckIn(ctx, c.Recovery()); err != nil {
			tb.Fatal(err)
		}
		f.CheckIns++
	}
	for i, rpe := range []float64{3, 6.5, 9} {
		if err := st.SaveRPE(ctx, f.IDs[i*2], rpe); err != nil {
			tb.Fatal(err)
		}
	}
	for _, s := range []store.Shoe{{Name: "Pegasus 40", LimitKm: 700, Default: true}, {Name: "Speedgoat 5", LimitKm: 600},
		{Name: "Old Clifton", LimitKm: 500, Retired: true}} {
		if err := st.SaveShoe(ctx, s); err != nil {
			tb.Fatal(err)
		}
	}
	if err := st.UpdateActivityGear(ctx, f.IDs[1], "Speedgoat 5"); err != nil {
		tb.Fatal(err)
	}
	at := time.Date(2026, 11, 24, 9, 15, 0, 0, time.UTC)
	for _, tk := range [][2]string{{"2026-11-23", "refuel"}, {"2026-11-24", "sleep"}, {"2026-11-24", "walk"}} {
		if err := st.SetTick(ctx, tk[0], tk[1], true, at); err != nil {
			tb.Fatal(err)
		}
	}
	return f
}
