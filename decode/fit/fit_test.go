package fit_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/proto"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/fit"
)

// Decode must keep the decode.Decoder signature.
var _ decode.Decoder = fit.Decode

// testdata returns the shared corpus folder (next to the repository), or
// skips the test when it is not there.
func testdata(tb testing.TB) string {
	tb.Helper()
	repoRoot := filepath.Join("..", "..") // this package is decode/fit
	dir := filepath.Join(repoRoot, "..", "shared", "testdata")
	if _, err := os.Stat(filepath.Join(dir, "manifest.tsv")); err != nil {
		tb.Skipf("shared test data not found: %v", err)
	}
	return dir
}

// row is one line of manifest.tsv.
type row map[string]string

// manifest returns the rows of manifest.tsv whose format is fit.
func manifest(tb testing.TB) []row {
	tb.Helper()
	f, err := os.Open(filepath.Join(testdata(tb), "manifest.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var rows []row
	for _, rec := range recs[1:] {
		m := row{}
		for i, h := range recs[0] {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		if m["format"] == "fit" {
			rows = append(rows, m)
		}
	}
	if len(rows) == 0 {
		tb.Fatal("manifest lists no FIT file")
	}
	return rows
}

// num parses a manifest number; ok is false for an empty or "–" cell.
func (r row) num(col string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(r[col]), 64)
	return v, err == nil
}

func read(tb testing.TB, rel string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(testdata(tb), filepath.FromSlash(rel)))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func decodeOne(t *testing.T, rel string) *activity.Activity {
	t.Helper()
	acts, err := fit.Decode(read(t, rel), filepath.Base(rel))
	if err != nil {
		t.Fatalf("Decode(%s): %v", rel, err)
	}
	if len(acts) != 1 {
		t.Fatalf("Decode(%s): %d activities, want 1", rel, len(acts))
	}
	return acts[0]
}

// add sums two optional values, NaN meaning absent.
func add(a, b float64) float64 {
	switch {
	case math.IsNaN(b):
		return a
	case math.IsNaN(a):
		return b
	}
	return a + b
}

// TestManifest decodes every FIT file of the shared corpus and checks the
// outcome and the device totals the manifest lists.
func TestManifest(t *testing.T) {
	devices := 0
	devicesMatched := 0
	for _, r := range manifest(t) {
		t.Run(r["path"], func(t *testing.T) {
			name := filepath.Base(r["path"])
			acts, err := fit.Decode(read(t, r["path"]), name)
			switch r["expect"] {
			case "skip":
				var se *decode.SkipError
				if !errors.As(err, &se) {
					t.Fatalf("want *decode.SkipError, got %d activities, err %v", len(acts), err)
				}
				if se.File != name || se.Reason == "" {
					t.Errorf("SkipError %+v: want File %q and a reason", se, name)
				}
				t.Logf("skip: %v", err)
				return
			case "fail":
				var pe *decode.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("want *decode.ParseError, got %d activities, err %v", len(acts), err)
				}
				if pe.Format != decode.FIT || pe.File != name || !strings.Contains(err.Error(), name) {
					t.Errorf("ParseError %q: want format fit and the file name %q", err, name)
				}
				t.Logf("fail: %v", err)
				return
			case "any":
				if err != nil && !decode.IsSkip(err) {
					var pe *decode.ParseError
					if !errors.As(err, &pe) {
						t.Fatalf("want an activity, a SkipError or a ParseError, got %T %v", err, err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if len(acts) == 0 {
				t.Fatal("no activity")
			}
			checkActivities(t, r, acts)
			if want := r["device"]; want != "" {
				devices++
				if acts[0].Device == want {
					devicesMatched++
				} else {
					t.Logf("device %q, reference tool said %q", acts[0].Device, want)
				}
			}
		})
	}
	t.Logf("device names matching the reference tool: %d of %d", devicesMatched, devices)
}

func checkActivities(t *testing.T, r row, acts []*activity.Activity) {
	t.Helper()
	got := activity.NewTotals()
	laps, samples := 0, 0
	for _, a := range acts {
		if a.Format != "fit" || !a.Sport.Valid() || a.SubSport == "" || a.Start.IsZero() {
			t.Errorf("activity: format %q sport %q sub %q start %v", a.Format, a.Sport, a.SubSport, a.Start)
		}
		for i, s := range a.Samples {
			if s.Time.IsZero() {
				t.Fatalf("sample %d has no time", i)
			}
			if s.HasPosition() && (math.Abs(s.LatDeg) > 90 || math.Abs(s.LonDeg) > 180) {
				t.Fatalf("sample %d: position %v,%v", i, s.LatDeg, s.LonDeg)
			}
		}
		laps += len(a.Laps)
		samples += len(a.Samples)
		if a.DeviceTotals == nil {
			continue
		}
		d := a.DeviceTotals
		got.DistanceM = add(got.DistanceM, d.DistanceM)
		got.TimerS = add(got.TimerS, d.TimerS)
		got.ElapsedS = add(got.ElapsedS, d.ElapsedS)
		got.AscentM = add(got.AscentM, d.AscentM)
		got.DescentM = add(got.DescentM, d.DescentM)
		if math.IsNaN(got.MaxHR) || d.MaxHR > got.MaxHR {
			got.MaxHR = d.MaxHR
		}
		got.AvgHR = d.AvgHR
	}
	if len(acts) > 1 {
		got.AvgHR = math.NaN()
	}
	for _, c := range []struct {
		col string
		got float64
	}{
		{"distance_m", got.DistanceM}, {"timer_s", got.TimerS}, {"elapsed_s", got.ElapsedS},
		{"avg_hr", got.AvgHR}, {"max_hr", got.MaxHR}, {"ascent_m", got.AscentM},
		{"descent_m", got.DescentM}, {"laps", float64(laps)},
	} {
		want, ok := r.num(c.col)
		if !ok {
			continue
		}
		if c.col == "laps" && r["sessions"] == "0" && want == 0 {
			continue // the reference tool could not read the file
		}
		if !(math.Abs(c.got-want) <= 0.01) {
			t.Errorf("%s = %v, manifest says %v", c.col, c.got, want)
		}
	}
	if want, ok := r.num("records_or_points"); ok && want > 0 {
		if tol := math.Max(2, want/100); math.Abs(float64(samples)-want) > tol {
			t.Errorf("%d samples, manifest lists %v records", samples, want)
		}
	}
	if want, err := time.Parse(time.RFC3339, r["start_utc"]); err == nil {
		if d := acts[0].Start.Sub(want); d < -time.Second || d > time.Second {
			t.Errorf("start %v, manifest says %v", acts[0].Start, want)
		}
	}
}

// TestHeaderCRCZero checks the muktihari trap: a 14-byte header whose CRC
// is 0x0000 is valid, and then the file CRC covers header and data.
func TestHeaderCRCZero(t *testing.T) {
	const rel = "fit/fitparse__2013-02-06-12-11-14.fit"
	data := read(t, rel)
	if data[0] != 14 || data[12] != 0 || data[13] != 0 {
		t.Fatalf("%s no longer has a zero header CRC", rel)
	}
	// The library alone rejects it.
	if _, err := decoder.New(bytes.NewReader(data)).Decode(); !errors.Is(err, decoder.ErrCRCChecksumMismatch) {
		t.Logf("muktihari/fit now accepts the file (err %v); the workaround is still correct", err)
	}
	a := decodeOne(t, rel)
	if a.Sport != activity.Running || len(a.Samples) != 590 {
		t.Errorf("sport %q, %d samples; want running, 590", a.Sport, len(a.Samples))
	}

	flipped := bytes.Clone(data)
	flipped[len(flipped)-1] ^= 0xFF
	_, err := fit.Decode(flipped, "flipped.fit")
	var pe *decode.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, decoder.ErrCRCChecksumMismatch) {
		t.Fatalf("flipped CRC: want ParseError wrapping ErrCRCChecksumMismatch, got %v", err)
	}
	if pe.Record != "byte "+strconv.Itoa(len(data)-2) || !strings.Contains(err.Error(), "flipped.fit") {
		t.Errorf("flipped CRC: %v", err)
	}

	// A flipped data byte fails too, in either kind of header.
	for _, rel := range []string{rel, "fit/fitparse__activity-small-fenix2-run.fit"} {
		data := bytes.Clone(read(t, rel))
		data[len(data)/2] ^= 0x01
		if _, err := fit.Decode(data, "x.fit"); !errors.Is(err, decoder.ErrCRCChecksumMismatch) {
			t.Errorf("%s with a flipped data byte: %v", rel, err)
		}
	}
}

// TestFenix2Run checks field conversion on a plain road run.
func TestFenix2Run(t *testing.T) {
	a := decodeOne(t, "fit/fitparse__activity-small-fenix2-run.fit")
	if a.Sport != activity.Running || a.SubSport != "running" || a.Device != "garmin fenix2" || a.Legs != nil {
		t.Errorf("sport %q sub %q device %q legs %v", a.Sport, a.SubSport, a.Device, a.Legs)
	}
	if want := time.Date(2015, 8, 15, 14, 45, 8, 0, time.UTC); !a.Start.Equal(want) {
		t.Errorf("start %v, want %v", a.Start, want)
	}
	var hr, hrN float64
	var cads []float64
	pos, alt := 0, 0
	for i, s := range a.Samples {
		if i > 0 && s.Time.Before(a.Samples[i-1].Time) {
			t.Fatalf("sample %d goes back in time", i)
		}
		if activity.Has(s.HeartRateBPM) {
			hr += s.HeartRateBPM
			hrN++
		}
		if activity.Has(s.CadenceSPM) && s.CadenceSPM > 0 {
			cads = append(cads, s.CadenceSPM)
		}
		if s.HasPosition() {
			pos++
			if s.LatDeg < -90 || s.LatDeg > 90 {
				t.Fatalf("latitude %v", s.LatDeg)
			}
		}
		if activity.Has(s.AltitudeM) {
			alt++
		}
	}
	if avg := hr / hrN; math.Abs(avg-154) > 1 {
		t.Errorf("records average HR %.1f, README says 154", avg)
	}
	sort.Float64s(cads)
	if med := cads[len(cads)/2]; med < 150 || med > 190 {
		t.Errorf("median cadence %.1f, want steps/min (150-190)", med)
	}
	if pos < len(a.Samples)*9/10 || alt < len(a.Samples)*9/10 {
		t.Errorf("%d positions, %d altitudes of %d samples", pos, alt, len(a.Samples))
	}
	last := a.Samples[len(a.Samples)-1]
	if math.Abs(last.DistanceM-9008.22) > 50 || !activity.Has(last.SpeedMS) {
		t.Errorf("last sample distance %.2f speed %v", last.DistanceM, last.SpeedMS)
	}
	d := a.DeviceTotals
	if d == nil || d.AvgCadenceSPM < 160 || d.AvgCadenceSPM > 165 || activity.Has(d.AvgHR) {
		t.Errorf("device totals %+v: want avg cadence 2×81 steps/min and no avg HR", d)
	}
	if len(a.Laps) != 4 || a.Laps[0].Start.Before(a.Start) || !activity.Has(a.Laps[0].DistanceM) {
		t.Errorf("laps %+v", a.Laps)
	}
	var lapDist float64
	for _, l := range a.Laps {
		lapDist += l.DistanceM
	}
	if math.Abs(lapDist-d.DistanceM) > 1 {
		t.Errorf("laps sum to %.2f m, session says %.2f m", lapDist, d.DistanceM)
	}
}

// TestCycling keeps cadence in rpm and reads power and pauses.
func TestCycling(t *testing.T) {
	a := decodeOne(t, "fit/fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit")
	if a.Sport != activity.Cycling || a.Device != "wahooFitness 28" {
		t.Errorf("sport %q device %q", a.Sport, a.Device)
	}
	var cad, cadN, pow float64
	for _, s := range a.Samples {
		if activity.Has(s.CadenceSPM) && s.CadenceSPM > 0 {
			cad += s.CadenceSPM
			cadN++
		}
		if activity.Has(s.PowerW) {
			pow++
		}
	}
	if avg := cad / cadN; avg < 60 || avg > 110 {
		t.Errorf("average cadence %.1f, want rpm", avg)
	}
	if pow == 0 {
		t.Error("no power")
	}
	var paused time.Duration
	for _, p := range a.Pauses {
		if !p.End.After(p.Start) {
			t.Fatalf("pause %v", p)
		}
		paused += p.End.Sub(p.Start)
	}
	d := a.DeviceTotals
	if len(a.Pauses) < 50 || math.Abs(paused.Seconds()-(d.ElapsedS-d.TimerS)) > 0.05*(d.ElapsedS-d.TimerS) {
		t.Errorf("%d pauses totalling %v; elapsed-timer is %.0f s", len(a.Pauses), paused, d.ElapsedS-d.TimerS)
	}
}

// TestChained covers chained FIT files: continuation parts, an activity
// chained with settings, and two separate activities.
func TestChained(t *testing.T) {
	a := decodeOne(t, "fit/fitparse__activity-settings.fit")
	if a.Sport != activity.Running || len(a.Samples) != 14 {
		t.Errorf("activity+settings: sport %q, %d samples", a.Sport, len(a.Samples))
	}

	swim := decodeOne(t, "fit/fitdecode__garmin-fr935-cr.fit")
	if swim.Sport != activity.Swimming || len(swim.Laps) != 89 {
		t.Errorf("fr935 swim: sport %q, %d laps", swim.Sport, len(swim.Laps))
	}
	if swim.UTCOffsetS == nil || *swim.UTCOffsetS != 3600 {
		t.Errorf("fr935 UTC offset %v, want +3600", swim.UTCOffsetS)
	}
	// Its heart rate lives in hr messages of the chained parts.
	var hr, n float64
	for _, s := range swim.Samples {
		if activity.Has(s.HeartRateBPM) {
			hr += s.HeartRateBPM
			n++
		}
	}
	if n < float64(len(swim.Samples))/2 || math.Abs(hr/n-80) > 8 {
		t.Errorf("fr935 swim: %v of %d samples with HR, average %.1f (session says 80)", n, len(swim.Samples), hr/n)
	}

	// Zero padding after the last part is tolerated, other bytes are not.
	small := read(t, "fit/fitparse__Activity.fit")
	padded, err := fit.Decode(append(bytes.Clone(small), make([]byte, 10)...), "padded.fit")
	if err != nil || len(padded) != 1 || len(padded[0].Warnings) != 1 {
		t.Errorf("zero padding: %v, %v", err, padded)
	}
	var pe *decode.ParseError
	if _, err := fit.Decode(append(bytes.Clone(small), "garbage"...), "garbage.fit"); !errors.As(err, &pe) ||
		pe.Record != "byte "+strconv.Itoa(len(small)) {
		t.Errorf("trailing garbage: %v", err)
	}

	acts, err := fit.Decode(read(t, "fit/muktihari__chained_Activity_activity_poolswim.fit"), "two.fit")
	if err != nil || len(acts) != 2 {
		t.Fatalf("two chained activities: %d, %v", len(acts), err)
	}
	if acts[0].Sport != activity.Other || acts[0].SubSport != "stand_up_paddleboarding" || acts[1].Sport != activity.Swimming {
		t.Errorf("two chained activities: %q/%q and %q", acts[0].Sport, acts[0].SubSport, acts[1].Sport)
	}
}

// TestMultisport checks that a multisport file becomes one activity per
// leg (session), each with its own sport, start, device totals, samples
// and laps, the transitions kept as sport other, sub-sport transition.
// The manifest's sums over the sessions are checked for every file by
// TestManifest (checkActivities); here each leg is checked on its own.
func TestMultisport(t *testing.T) {
	type leg struct {
		sport activity.Sport
		sub   string
	}
	for _, c := range []struct {
		rel  string
		legs []leg
	}{
		// The manifest's sport column: swimming/openWater+transition/generic+
		// cycling/generic+transition/generic+running/generic.
		{"fit/fitparse__sample_mulitple_header.fit", []leg{{activity.Swimming, "open_water"},
			{activity.Other, "transition"}, {activity.Cycling, "cycling"}, {activity.Other, "transition"},
			{activity.Running, "running"}}},
		// generic+transition+running+transition+running+transition+cycling.
		{"fit/fitparse__activity-large-fenxi2-multisport.fit", []leg{{activity.Other, "generic"},
			{activity.Other, "transition"}, {activity.Running, "running"}, {activity.Other, "transition"},
			{activity.Running, "running"}, {activity.Other, "transition"}, {activity.Cycling, "cycling"}}},
		// cycling/mountain+running/trail.
		{"fit/muktihari__activity_multisport.fit", []leg{{activity.Cycling, "mountain"}, {activity.Trail, "trail"}}},
		// Its summary messages come last, after every record.
		{"fit/muktihari__triathlon_summary_last.fit", []leg{{activity.Swimming, "open_water"},
			{activity.Other, "transition"}, {activity.Cycling, "cycling"}, {activity.Other, "transition"},
			{activity.Running, "running"}}},
	} {
		acts, err := fit.Decode(read(t, c.rel), filepath.Base(c.rel))
		if err != nil {
			t.Fatalf("%s: %v", c.rel, err)
		}
		if len(acts) != len(c.legs) {
			t.Fatalf("%s: %d activities, want one per leg: %d", c.rel, len(acts), len(c.legs))
		}
		var sports []activity.Sport
		for _, l := range c.legs {
			sports = append(sports, l.sport)
		}
		for i, a := range acts {
			if a.Sport != c.legs[i].sport || a.SubSport != c.legs[i].sub || !equalSports(a.Legs, sports) {
				t.Errorf("%s leg %d: %s/%s legs %v, want %v", c.rel, i, a.Sport, a.SubSport, a.Legs, c.legs[i])
			}
			if a.DeviceTotals == nil || !(a.DeviceTotals.TimerS > 0) {
				t.Errorf("%s leg %d: no session totals of its own: %+v", c.rel, i, a.DeviceTotals)
			}
			// Every sample, lap and pause from the leg's start to the next's.
			end := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
			if i+1 < len(acts) {
				end = acts[i+1].Start
				if !a.Start.Before(end) {
					t.Errorf("%s leg %d starts at %v, not before the next leg (%v)", c.rel, i, a.Start, end)
				}
			}
			if len(a.Samples) == 0 || len(a.Laps) == 0 {
				t.Errorf("%s leg %d: %d samples, %d laps", c.rel, i, len(a.Samples), len(a.Laps))
			}
			for _, s := range a.Samples {
				if (i > 0 && s.Time.Before(a.Start)) || !s.Time.Before(end) {
					t.Fatalf("%s leg %d (%v to %v) holds a sample at %v", c.rel, i, a.Start, end, s.Time)
				}
			}
			for _, l := range a.Laps {
				if (i > 0 && l.Start.Before(a.Start)) || !l.Start.Before(end) {
					t.Errorf("%s leg %d (%v to %v) holds a lap starting %v", c.rel, i, a.Start, end, l.Start)
				}
			}
		}
	}

	// The triathlon's legs, against the session messages: the swim leg
	// says 1645 m in 1988 s, the ride 40909 m, the run 9806 m (the
	// manifest sums them to 52533.68 m over the five sessions).
	acts, err := fit.Decode(read(t, "fit/fitparse__sample_mulitple_header.fit"), "tri.fit")
	if err != nil {
		t.Fatal(err)
	}
	swim, ride, run := acts[0], acts[2], acts[4]
	for _, c := range []struct {
		name    string
		a       *activity.Activity
		distM   float64
		timerS  float64
		cadence [2]float64 // the median cadence's range
	}{
		{"swim", swim, 1645, 1988, [2]float64{15, 40}},   // strokes/min, not doubled
		{"ride", ride, 40909, 4422, [2]float64{60, 120}}, // rpm, not doubled
		{"run", run, 9806, 2851, [2]float64{140, 200}},   // steps/min: FIT's strides doubled
	} {
		d := c.a.DeviceTotals
		if math.Abs(d.DistanceM-c.distM) > 1 || math.Abs(d.TimerS-c.timerS) > 1 {
			t.Errorf("%s: device totals %.0f m in %.0f s, want %.0f m in %.0f s", c.name, d.DistanceM, d.TimerS, c.distM, c.timerS)
		}
		if s := activity.Compute(c.a); math.Abs(s.DistanceM-c.distM) > 0.01*c.distM {
			t.Errorf("%s: computed %.0f m from its own samples, want about %.0f", c.name, s.DistanceM, c.distM)
		}
		var cad []float64
		for _, s := range c.a.Samples {
			if activity.Has(s.CadenceSPM) && s.CadenceSPM > 0 {
				cad = append(cad, s.CadenceSPM)
			}
		}
		sort.Float64s(cad)
		if m := median(cad); !(m > c.cadence[0] && m < c.cadence[1]) {
			t.Errorf("%s cadence median %v, want %v", c.name, m, c.cadence)
		}
	}
}

// TestWorkoutName checks that the name of the planned workout a file
// records (workout wkt_name) names the activity, and that the watch's
// sport profile name ("ROAD", "Run") does not.
func TestWorkoutName(t *testing.T) {
	for rel, want := range map[string]string{
		"fit/fitparse-rs__hrv-activity.fit":      "HIIT 20 X 0:30/0:15",
		"fit/tormoder__unterminated-strings.fit": "Indoor Cycling",
		"fit/tormoder__garmin.fit":               "", // sport profile "ROAD"
		"fit/fitparse__garmin-fenix-5-run.fit":   "", // sport profile "Run"
	} {
		if a := decodeOne(t, rel); a.Name != want {
			t.Errorf("%s: name %q, want %q", rel, a.Name, want)
		}
	}
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return x[len(x)/2]
}

func equalSports(a, b []activity.Sport) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSports checks the sport mapping on real files.
func TestSports(t *testing.T) {
	for rel, want := range map[string]struct {
		sport activity.Sport
		sub   string
	}{
		"fit/sportslib__6860622783.fit":                {activity.Treadmill, "treadmill"},
		"fit/sportslib__6909950168.fit":                {activity.Trail, "trail"},
		"fit/jimmykane__suunto-weight.fit":             {activity.Strength, "strength_training"},
		"fit/jimmykane__failed.fit":                    {activity.Other, "yoga"},
		"fit/jimmykane__example-diving.fit":            {activity.Other, "multi_gas_diving"},
		"fit/fitparse__garmin-fenix-5-walk.fit":        {activity.Walking, "walking"},
		"fit/fitparse__20170518-191602-1740899583.fit": {activity.Other, "indoor_rowing"},
		"fit/fitparse-rs__hrv-activity.fit":            {activity.Cycling, "indoor_cycling"},
		"fit/jimmykane__test2.fit":                     {activity.Other, "cross_country_skiing"},
	} {
		a := decodeOne(t, rel)
		if a.Sport != want.sport || a.SubSport != want.sub {
			t.Errorf("%s: %q/%q, want %q/%q", rel, a.Sport, a.SubSport, want.sport, want.sub)
		}
	}
}

// TestWarnings checks that odd clocks are kept and flagged.
func TestWarnings(t *testing.T) {
	for rel, want := range map[string]string{
		"fit/fitparse__compressed-speed-distance.fit": "clock was never set",
		"fit/sportslib__27-days-activity.fit":         "jump forward",
		"fit/sportslib__inverted-times.fit":           "exceeds its elapsed time",
	} {
		a := decodeOne(t, rel)
		if !strings.Contains(strings.Join(a.Warnings, "\n"), want) {
			t.Errorf("%s: warnings %q, want one about %q", rel, a.Warnings, want)
		}
	}
	if a := decodeOne(t, "fit/fitparse__activity-small-fenix2-run.fit"); len(a.Warnings) != 0 {
		t.Errorf("clean file warns: %q", a.Warnings)
	}
}

// TestErrors checks the reasons and hints users see.
func TestErrors(t *testing.T) {
	for rel, want := range map[string]string{
		"fit/non-activity/fitparse__MonitoringFile.fit":             "FIT file type is monitoring_b, not an activity",
		"fit/non-activity/fitparse__Settings.fit":                   "FIT file type is settings, not an activity",
		"fit/non-activity/fittrackee__example.fit":                  "FIT file type is course, not an activity",
		"fit/non-activity/muktihari__valid_only_contain_fileid.fit": "no recorded activity",
	} {
		_, err := fit.Decode(read(t, rel), "f.fit")
		var se *decode.SkipError
		if !errors.As(err, &se) || !strings.Contains(se.Reason, want) {
			t.Errorf("%s: %v, want skip %q", rel, err, want)
		}
	}
	for rel, want := range map[string]struct{ record, hint string }{
		"broken/madehere__fenix2-run-truncated-half.fit":       {"byte 60919", "truncated"},
		"broken/fitparse__activity-settings-corruptheader.fit": {"byte 771", "not a valid FIT file"},
		"broken/fitparse__activity-settings-nodata.fit":        {"byte 786", "truncated"},
		"broken/fitparse__activity-filecrc.fit":                {"byte 769", "corrupt"},
		"broken/muktihari__activity_truncated.fit":             {"", "truncated"},
	} {
		_, err := fit.Decode(read(t, rel), "f.fit")
		var pe *decode.ParseError
		if !errors.As(err, &pe) || pe.Record != want.record || !strings.Contains(pe.Hint, want.hint) {
			t.Errorf("%s: %v, want record %q and a hint about %q", rel, err, want.record, want.hint)
		}
	}
	for _, data := range [][]byte{nil, []byte("<gpx>"), bytes.Repeat([]byte{14}, 14)} {
		var pe *decode.ParseError
		if _, err := fit.Decode(data, "g.fit"); !errors.As(err, &pe) {
			t.Errorf("Decode(%q): %v, want a ParseError", data, err)
		}
	}
}

// TestTruncatedEverywhere cuts a file at many lengths: every cut must fail
// cleanly, never panic nor import.
func TestTruncatedEverywhere(t *testing.T) {
	data := read(t, "fit/fitparse__activity-settings.fit")
	for n := 0; n < len(data); n++ {
		acts, err := fit.Decode(data[:n], "cut.fit")
		if n == 771 { // exactly the first chained file
			if err != nil || len(acts) != 1 {
				t.Errorf("cut at %d (end of first part): %v", n, err)
			}
			continue
		}
		var pe *decode.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("cut at %d: %d activities, err %v", n, len(acts), err)
		}
	}
}

// fuzzSeeds are the corpus FIT files, larger ones cut to keep the fuzzer fast.
func fuzzSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	for _, r := range manifest(tb) {
		data := read(tb, r["path"])
		if len(data) > 64<<10 {
			data = data[:16<<10]
		}
		seeds = append(seeds, data)
	}
	return seeds
}

// FuzzDecode checks that Decode never panics and returns either activities
// or one of the two error types, on the fuzzed bytes as they are and with
// their CRCs fixed (most mutations otherwise stop at the CRC check).
func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, data)
		checkDecode(t, fit.FixCRCs(data))
	})
}

func checkDecode(t *testing.T, data []byte) {
	{
		acts, err := fit.Decode(data, "fuzz.fit")
		if err != nil {
			var pe *decode.ParseError
			if !errors.As(err, &pe) && !decode.IsSkip(err) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			if acts != nil {
				t.Fatal("activities returned with an error")
			}
			return
		}
		if len(acts) == 0 {
			t.Fatal("no activity and no error")
		}
		for _, a := range acts {
			if a == nil || !a.Sport.Valid() {
				t.Fatalf("bad activity %+v", a)
			}
		}
	}
}

// benchFiles returns the corpus files expected to import.
func benchFiles(b *testing.B) ([][]byte, int64) {
	var files [][]byte
	var total int64
	for _, r := range manifest(b) {
		if r["expect"] != "import" {
			continue
		}
		data := read(b, r["path"])
		files = append(files, data)
		total += int64(len(data))
	}
	return files, total
}

// BenchmarkDecode is the full import of every importable corpus FIT file.
func BenchmarkDecode(b *testing.B) {
	files, total := benchFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			if _, err := fit.Decode(data, "bench.fit"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

type nopListener struct{}

func (nopListener) OnMesg(proto.Message) {}

// BenchmarkBareListener is the reference for BenchmarkDecode: muktihari's
// streaming decode alone (reused decoder, no-op listener, broadcast only,
// no checksum), over the same files.
func BenchmarkBareListener(b *testing.B) {
	files, total := benchFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	var rd bytes.Reader
	opts := []decoder.Option{decoder.WithMesgListener(nopListener{}), decoder.WithBroadcastOnly(), decoder.WithIgnoreChecksum()}
	dec := decoder.New(&rd, opts...)
	for b.Loop() {
		for _, data := range files {
			rd.Reset(data)
			dec.Reset(&rd, opts...)
			for dec.Next() {
				if _, err := dec.Decode(); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// BenchmarkBareListenerChecksum is BenchmarkBareListener with muktihari's
// own CRC check on (the default); the five files with a zero header CRC
// fail that check at their very end, after a full decode.
func BenchmarkBareListenerChecksum(b *testing.B) {
	files, total := benchFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	var rd bytes.Reader
	opts := []decoder.Option{decoder.WithMesgListener(nopListener{}), decoder.WithBroadcastOnly()}
	dec := decoder.New(&rd, opts...)
	for b.Loop() {
		for _, data := range files {
			rd.Reset(data)
			dec.Reset(&rd, opts...)
			for dec.Next() {
				if _, err := dec.Decode(); err != nil {
					if errors.Is(err, decoder.ErrCRCChecksumMismatch) {
						break
					}
					b.Fatal(err)
				}
			}
		}
	}
}

// TestConcurrent runs Decode from several goroutines (it pools decoders)
// and checks that each result matches a sequential decode.
func TestConcurrent(t *testing.T) {
	rels := []string{
		"fit/fitparse__activity-small-fenix2-run.fit",
		"fit/fitdecode__garmin-fr935-cr.fit",
		"fit/muktihari__chained_Activity_activity_poolswim.fit",
		"fit/fitparse__compressed-speed-distance.fit",
	}
	want := make([][]*activity.Activity, len(rels))
	for i, rel := range rels {
		acts, err := fit.Decode(read(t, rel), rel)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = acts
	}
	errs := make(chan error, 8*len(rels))
	var wg sync.WaitGroup
	for range 8 {
		for i, rel := range rels {
			wg.Go(func() {
				acts, err := fit.Decode(read(t, rel), rel)
				if err != nil {
					errs <- err
					return
				}
				if !sameSamples(acts, want[i]) {
					errs <- fmt.Errorf("%s: concurrent decode differs", rel)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// sameSamples compares activities field by field, NaN equal to NaN.
func sameSamples(a, b []*activity.Activity) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if len(x.Samples) != len(y.Samples) || len(x.Laps) != len(y.Laps) || x.Sport != y.Sport || !x.Start.Equal(y.Start) {
			return false
		}
		for j := range x.Samples {
			p, q := x.Samples[j], y.Samples[j]
			if !p.Time.Equal(q.Time) {
				return false
			}
			for _, f := range [][2]float64{{p.LatDeg, q.LatDeg}, {p.LonDeg, q.LonDeg}, {p.AltitudeM, q.AltitudeM},
				{p.DistanceM, q.DistanceM}, {p.SpeedMS, q.SpeedMS}, {p.HeartRateBPM, q.HeartRateBPM},
				{p.CadenceSPM, q.CadenceSPM}, {p.PowerW, q.PowerW}, {p.TemperatureC, q.TemperatureC}} {
				if f[0] != f[1] && !(math.IsNaN(f[0]) && math.IsNaN(f[1])) {
					return false
				}
			}
		}
	}
	return true
}

// TestMutations flips random bytes of every corpus file, with and without
// fixing the CRCs afterwards, and checks that Decode copes: activities or
// one of the two error types, never a panic.
func TestMutations(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	outcomes := map[string]int{}
	for _, row := range manifest(t) {
		orig := read(t, row["path"])
		if len(orig) < 16 {
			continue
		}
		n := 10
		if len(orig) > 200<<10 {
			n = 2
		}
		for range n {
			data := bytes.Clone(orig)
			for range 1 + r.IntN(8) {
				data[r.IntN(len(data))] ^= byte(1 + r.IntN(255))
			}
			if r.IntN(4) == 0 {
				data = data[:r.IntN(len(data))]
			}
			acts, err := fit.Decode(fit.FixCRCs(data), "mutated.fit")
			var pe *decode.ParseError
			switch {
			case err == nil && len(acts) > 0:
				outcomes["import"]++
			case decode.IsSkip(err):
				outcomes["skip"]++
			case errors.As(err, &pe):
				outcomes["fail"]++
			default:
				t.Fatalf("%s mutated: %d activities, error %T %v", row["path"], len(acts), err, err)
			}
		}
	}
	t.Logf("outcomes: %v", outcomes)
}
