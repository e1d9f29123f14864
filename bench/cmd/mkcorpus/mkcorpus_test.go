package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/decode/fit"
	"github.com/rebound-run/rebound/decode/tcx"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/store/sqlite"
)

// TestShiftFIT shifts real FIT files (a run, a chained swim, a file whose
// header CRC is 0x0000) by a large
// offset and checks the copies: every date_time moved and nothing else
// (muktihari/fit's decode), the file CRCs right and the activities moved
// (decode/fit), the headers unchanged.
func TestShiftFIT(t *testing.T) {
	const off = 4099 * ShiftUnit // about 8.5 years
	for _, rel := range []string{
		"fit/fitparse__activity-small-fenix2-run.fit",
		"fit/muktihari__chained_Activity_activity_poolswim.fit",
		"fit/fitparse__2013-02-06-12-11-14.fit",
	} {
		t.Run(filepath.Base(rel), func(t *testing.T) {
			orig, err := os.ReadFile(corpus.Path(t, rel))
			if err != nil {
				t.Fatal(err)
			}
			plan, err := planFIT(orig)
			if err != nil {
				t.Fatal(err)
			}
			shifted, err := plan.apply(orig, off)
			if err != nil {
				t.Fatal(err)
			}
			if len(shifted) != len(orig) || bytes.Equal(shifted, orig) {
				t.Fatal("the copy should have the same size and different content")
			}
			for _, p := range plan.parts {
				h := p.start + p.headerSize
				if !bytes.Equal(shifted[p.start:h], orig[p.start:h]) {
					t.Errorf("header at byte %d changed", p.start)
				}
			}
			if _, err := verifyFIT(orig, shifted, off); err != nil {
				t.Fatal(err)
			}
			acts, err := fit.Decode(orig, rel)
			if err != nil {
				t.Fatal(err)
			}
			got, err := fit.Decode(shifted, rel)
			if err != nil {
				t.Fatal(err)
			}
			if d := got[0].Start.Sub(acts[0].Start); d != off*time.Second {
				t.Errorf("start moved by %s, want %s", d, off*time.Second)
			}
		})
	}
}

// TestShiftFITBadCRC: a copy of a file with a damaged data byte is refused
// by decode/fit, which shows that decode/fit's CRC check is what accepts
// the shifted copies.
func TestShiftFITBadCRC(t *testing.T) {
	rel := "fit/fitparse__activity-small-fenix2-run.fit"
	orig, err := os.ReadFile(corpus.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := planFIT(orig)
	if err != nil {
		t.Fatal(err)
	}
	shifted, err := plan.apply(orig, ShiftUnit)
	if err != nil {
		t.Fatal(err)
	}
	// Undo the shift of one value without fixing the CRC.
	p := plan.times[len(plan.times)/2].pos
	binary.LittleEndian.PutUint32(shifted[p:], binary.LittleEndian.Uint32(shifted[p:])-ShiftUnit)
	if _, err := fit.Decode(shifted, rel); err == nil {
		t.Fatal("decode/fit accepted a copy with a wrong CRC")
	}
	if _, err := plan.apply(orig, ShiftUnit+1); err == nil {
		t.Fatal("an offset that is not a multiple of ShiftUnit was accepted")
	}
}

func TestShiftXML(t *testing.T) {
	in := []byte(`<Activity><Id>2007-08-07T02:42:41Z</Id><Lap StartTime="2007-08-07T02:42:41.5+02:00">` +
		`<Time>2007-12-31T23:59:59.250Z</Time><name>2013-07-06T14:59:00Z</name><gpx:time> 2020-02-29T00:00:00</gpx:time>`)
	// 23:59:59 plus a day and a second is 00:00:00 two days on; fractions,
	// zones and the <name> stay as they were.
	want := `<Activity><Id>2007-08-08T02:42:42Z</Id><Lap StartTime="2007-08-08T02:42:42.5+02:00">` +
		`<Time>2008-01-02T00:00:00.250Z</Time><name>2013-07-06T14:59:00Z</name><gpx:time> 2020-03-01T00:00:01</gpx:time>`
	got := string(shiftXML(in, 24*time.Hour+time.Second))
	if got != want {
		t.Errorf("shiftXML:\n got %s\nwant %s", got, want)
	}

	rel := "tcx/togeojson__sample.tcx"
	orig, err := os.ReadFile(corpus.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	d := 30 * 24 * time.Hour
	a, err := tcx.Decode(orig, rel)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tcx.Decode(shiftXML(orig, d), rel)
	if err != nil {
		t.Fatal(err)
	}
	if !sameShifted(a, b, d) {
		t.Error("the shifted TCX does not decode to the same activity moved by 30 days")
	}
}

// TestWriteFIT writes a small corpus twice from a pool of three files (two
// of them runs) and checks that the output is deterministic and that every
// copy imports as a new activity.
func TestWriteFIT(t *testing.T) {
	var pool []poolFile
	for _, rel := range []string{
		"fit/fitparse__2013-02-06-12-11-14.fit",
		"fit/fitparse__2015-10-13-08-43-15.fit",
		"fit/fitparse__garmin-fenix-5-run.fit",
	} {
		data, err := os.ReadFile(corpus.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		pf, err := preparePool(rel, data)
		if err != nil {
			t.Fatal(err)
		}
		pool = append(pool, pf)
	}
	const n = 30
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, out := range []string{a, b} {
		if err := writeFIT(pool, out, n); err != nil {
			t.Fatal(err)
		}
	}
	la, _ := os.ReadFile(a + ".tsv")
	lb, _ := os.ReadFile(b + ".tsv")
	if !bytes.Equal(la, lb) || bytes.Count(la, []byte("\n")) != n+1 {
		t.Fatalf("the two lists differ or do not list %d files:\n%s", n, la)
	}
	for _, e := range []string{"01_fitparse__2013-02-06-12-11-14.fit", "30_fitparse__garmin-fenix-5-run.fit"} {
		x, err1 := os.ReadFile(filepath.Join(a, e))
		y, err2 := os.ReadFile(filepath.Join(b, e))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Fatalf("%s: not written identically twice (%v, %v)", e, err1, err2)
		}
	}

	ctx := context.Background()
	db, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	im := &ingest.Importer{Store: db, Decoders: cli.Decoders(), Workers: 2}
	rep, err := im.Import(ctx, []string{a})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != n || rep.Duplicates != 0 || len(rep.Failed) != 0 || len(rep.Skipped) != 0 {
		t.Fatalf("imported %d of %d, duplicates %d, failed %v, skipped %v", rep.Imported, n, rep.Duplicates, rep.Failed, rep.Skipped)
	}
}
