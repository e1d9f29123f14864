package app_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/sim"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/store/storetest"
)

// failingReader reads an empty history, failing at the read named fail.
type failingReader struct {
	store.ProfileStore // only FindProfile is called
	fail               string
}

var errRead = errors.New("disk on fire")

func (r failingReader) err(what string) error {
	if r.fail == what {
		return errRead
	}
	return nil
}

func (r failingReader) FindProfile(context.Context) (profile.Profile, error) {
	return profile.Profile{}, r.err("profile")
}

func (r failingReader) FindActivities(context.Context, store.ActivityFilter) ([]*store.Activity, int, error) {
	return nil, 0, r.err("activities")
}

func (r failingReader) FindCheckIns(context.Context, time.Time, time.Time, *time.Location) ([]recovery.CheckIn, error) {
	return nil, r.err("check-ins")
}

func (r failingReader) FindRPEs(context.Context) (map[int64]float64, error) {
	return nil, r.err("session RPEs")
}

func (r failingReader) FindShoes(context.Context) ([]store.Shoe, error) { return nil, r.err("shoes") }

// A failed read names what LoadHistory was reading and wraps the store's
// error.
func TestLoadHistoryNamesTheFailedRead(t *testing.T) {
	for _, what := range []string{"profile", "activities", "check-ins", "session RPEs", "shoes"} {
		_, err := app.LoadHistory(context.Background(), failingReader{fail: what})
		if !errors.Is(err, errRead) || !strings.Contains(err.Error(), what) {
			t.Errorf("failing %s: error %v", what, err)
		}
	}
	if _, err := app.LoadHistory(context.Background(), failingReader{}); err != nil {
		t.Errorf("no failure: %v", err)
	}
}

// TestLoadHistoryLeavesOutImplausibleRuns imports two weeks of a
// simulated runner's FIT files into a real SQLite file, and into another
// the same plus runs that cannot be real (one from 1989, one dated 2100,
// one whose last point is 136 years after its first, two days ago).
// LoadHistory must leave those out, and today's readiness and advice must
// be what they are without them.
func TestLoadHistoryLeavesOutImplausibleRuns(t *testing.T) {
	ctx := context.Background()
	r := sim.DefaultRunner()
	start := time.Date(2026, 9, 1, 0, 0, 0, 0, r.Location)
	ws := r.Season(start, 2)
	now := start.AddDate(0, 0, 14).Add(9 * time.Hour)
	dir := t.TempDir()
	if _, err := r.WriteWorkouts(filepath.Join(dir, "fit"), ws); err != nil {
		t.Fatal(err)
	}
	gpx := func(t0, t1 time.Time) []byte {
		return []byte(`<gpx version="1.1"><trk><type>running</type><trkseg>` +
			`<trkpt lat="47.0" lon="8.0"><time>` + t0.UTC().Format(time.RFC3339) + `</time></trkpt>` +
			`<trkpt lat="47.01" lon="8.0"><time>` + t1.UTC().Format(time.RFC3339) + `</time></trkpt>` +
			`</trkseg></trk></gpx>`)
	}
	twoDaysAgo := now.AddDate(0, 0, -2)
	hostile := []ingest.File{
		{Name: "1989.gpx", Data: gpx(time.Date(1989, 6, 1, 7, 0, 0, 0, time.UTC), time.Date(1989, 6, 1, 8, 0, 0, 0, time.UTC))},
		{Name: "2100.gpx", Data: gpx(time.Date(2100, 6, 1, 7, 0, 0, 0, time.UTC), time.Date(2100, 6, 1, 8, 0, 0, 0, time.UTC))},
		{Name: "136-years.gpx", Data: gpx(twoDaysAgo, twoDaysAgo.AddDate(136, 0, 0))},
	}
	load := func(extra []ingest.File) (coach.History, []int64) {
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "rebound.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		im := &ingest.Importer{Store: db, Decoders: cli.Decoders(), Now: func() time.Time { return now }}
		if rep, err := im.Import(ctx, []string{filepath.Join(dir, "fit")}); err != nil || len(rep.Failed) > 0 {
			t.Fatalf("import: %v %+v", err, rep)
		}
		rep, err := im.ImportFiles(ctx, extra)
		if err != nil || rep.Imported != len(extra) {
			t.Fatalf("import of the implausible runs: %v %+v", err, rep)
		}
		h, err := app.LoadHistory(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		return h, rep.IDs
	}
	clean, _ := load(nil)
	h, ids := load(hostile)
	for _, a := range h.Activities {
		if slices.Contains(ids, a.ID) {
			t.Errorf("LoadHistory kept %s (start %s, %.0f s)", a.SourceFile, a.Start, a.Summary.ElapsedS)
		}
	}
	if len(h.Activities) != len(clean.Activities) {
		t.Errorf("%d activities, want %d", len(h.Activities), len(clean.Activities))
	}
	got, want := coach.NewState(h, now).Today(), coach.NewState(clean, now).Today()
	gotScore, _ := got.Score()
	wantScore, _ := want.Score()
	if gotScore != wantScore || got.Recommendation != want.Recommendation {
		t.Errorf("today with the implausible runs: readiness %d, %s; without: %d, %s", gotScore, got.Recommendation, wantScore, want.Recommendation)
	}
}

// TestLoadHistoryTakesTheWatchesZone: a runner who set no time zone lives
// where their latest file's UTC offset says (storetest's sample run is at
// UTC+2), so a run's time reads the same in today and plan as in runs.
func TestLoadHistoryTakesTheWatchesZone(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Date(2026, 11, 2, 5, 30, 0, 0, time.UTC) // 07:30 at UTC+2
	storetest.MustCreateActivity(t, db, storetest.NewActivity(start, "running"))
	h, err := app.LoadHistory(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if h.Profile.Timezone != "UTC+02:00" || h.Activities[0].Start.In(h.Profile.Location()).Hour() != 7 {
		t.Errorf("zone %q: the run starts at %s", h.Profile.Timezone, h.Activities[0].Start.In(h.Profile.Location()))
	}
	if err := db.SaveProfile(ctx, profile.Profile{Timezone: "Europe/Lisbon"}); err != nil {
		t.Fatal(err)
	}
	if h, err = app.LoadHistory(ctx, db); err != nil || h.Profile.Timezone != "Europe/Lisbon" {
		t.Errorf("a zone of the runner's own: %q, %v", h.Profile.Timezone, err)
	}
}

// TestCoachActivity converts a store row with every field set: each field
// of the coaching's activity must come out set (a field added to
// coach.Activity and not filled here fails), sharing the row's activity
// and its samples, and nil stays nil.
func TestCoachActivity(t *testing.T) {
	act := &activity.Activity{Sport: activity.Running, Start: time.Date(2026, 9, 7, 7, 0, 0, 0, time.UTC), Name: "Morning Run",
		Samples: []activity.Sample{{}}}
	row := &store.Activity{ID: 7, SHA256: "ab12", SourceFile: "runs/7.fit", Gear: "Pegasus", UserName: "Club 10k",
		Kind: recovery.Race, Note: "Windy.", ImportedAt: time.Date(2026, 9, 8, 0, 0, 0, 0, time.UTC), Activity: act,
		Summary: activity.Summary{DistanceM: 10_000}, Original: []byte{1}, EncodedSamples: []byte{2}}
	got := app.CoachActivity(row)
	want := &coach.Activity{ID: 7, FileHash: "ab12", SourceFile: "runs/7.fit", Gear: "Pegasus", UserName: "Club 10k",
		Kind: recovery.Race, Note: "Windy.", ImportedAt: row.ImportedAt, Activity: act, Summary: row.Summary}
	if !reflect.DeepEqual(got, want) || got.Activity != act {
		t.Errorf("CoachActivity = %+v, want %+v sharing the row's activity", got, want)
	}
	v := reflect.ValueOf(*got)
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Errorf("coach.Activity.%s is not filled from the row", v.Type().Field(i).Name)
		}
	}
	if app.CoachActivity(nil) != nil {
		t.Error("CoachActivity(nil) is not nil")
	}
	if got := app.CoachActivities([]*store.Activity{row, nil}); len(got) != 2 || got[0].ID != 7 || got[1] != nil {
		t.Errorf("CoachActivities = %v", got)
	}
}
