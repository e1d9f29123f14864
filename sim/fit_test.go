package sim_test

import (
	"bytes"
	"crypto/sha256"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/rebound-run/rebound/activity"
	fitdecode "github.com/rebound-run/rebound/decode/fit"
	"github.com/rebound-run/rebound/sim"
)

// decode decodes a FIT activity file; the decoder checks both CRCs.
func decode(t *testing.T, b []byte) *filedef.Activity {
	t.Helper()
	dec := decoder.New(bytes.NewReader(b))
	fit, err := dec.Decode()
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if dec.Next() {
		t.Fatal("trailing data after the FIT file")
	}
	return filedef.NewActivity(fit.Messages...)
}

func writeFIT(t *testing.T, r sim.Runner, w sim.Workout) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WriteFIT(w, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFITTotals decodes written files and checks the session against the
// records: distance, timer time without the pauses, elapsed time with
// them, heart rate, laps.
func TestFITTotals(t *testing.T) {
	r, ws := season(t)
	for _, k := range []sim.Kind{sim.Long, sim.Intervals, sim.Hills, sim.Tempo, sim.Race, sim.Cross, sim.Easy} {
		w := first(t, ws, k)
		t.Run(string(k), func(t *testing.T) {
			f := decode(t, writeFIT(t, r, w))
			if f.FileId.Type != typedef.FileActivity || f.FileId.Manufacturer != typedef.ManufacturerDevelopment ||
				f.FileId.SerialNumber != r.DeviceSerial || !f.FileId.TimeCreated.Equal(w.Start) {
				t.Errorf("file_id %+v", f.FileId)
			}
			if len(f.Sessions) != 1 || f.Activity == nil || len(f.DeviceInfos) == 0 {
				t.Fatalf("%d sessions, activity %v, %d device infos", len(f.Sessions), f.Activity, len(f.DeviceInfos))
			}
			s, recs := f.Sessions[0], f.Records
			wantSport := typedef.SportRunning
			if w.Sport == activity.Cycling {
				wantSport = typedef.SportCycling
			}
			if s.Sport != wantSport {
				t.Errorf("sport %v", s.Sport)
			}

			first, last := recs[0], recs[len(recs)-1]
			recDist := last.DistanceScaled() - first.DistanceScaled()
			if d := s.TotalDistanceScaled(); math.Abs(d-recDist) > 0.01*recDist {
				t.Errorf("session distance %.1f m, records %.1f m", d, recDist)
			}
			elapsed := last.Timestamp.Sub(first.Timestamp).Seconds()
			if got := s.TotalElapsedTimeScaled(); got != elapsed {
				t.Errorf("elapsed %v s, records span %v s", got, elapsed)
			}
			// Timer time is elapsed time less the spans between timer
			// stop and start events.
			paused, stopped := 0.0, time.Time{}
			for _, e := range f.Events {
				if e.Event != typedef.EventTimer {
					continue
				}
				switch e.EventType {
				case typedef.EventTypeStopAll:
					stopped = e.Timestamp
				case typedef.EventTypeStart:
					if !stopped.IsZero() {
						paused += e.Timestamp.Sub(stopped).Seconds()
						stopped = time.Time{}
					}
				}
			}
			if got := s.TotalTimerTimeScaled(); got != elapsed-paused {
				t.Errorf("timer %v s, want elapsed %v - paused %v", got, elapsed, paused)
			}
			if w.Kind == sim.Long && paused < sim.DrinkStopMinS {
				t.Errorf("long run paused %v s, want the drink stop", paused)
			}
			// Records are 1 s apart except across a pause, which has a
			// record at each end.
			pauses := 0
			for i := 1; i < len(recs); i++ {
				if recs[i].Timestamp.Sub(recs[i-1].Timestamp) != time.Second {
					pauses++
				}
			}
			if n := len(recs); float64(n-1-pauses) != elapsed-paused {
				t.Errorf("%d records with %d gaps over %v s of timer time", n, pauses, elapsed-paused)
			}

			hr := 0.0
			for _, x := range recs {
				hr += float64(x.HeartRate)
			}
			if avg := hr / float64(len(recs)); math.Abs(avg-float64(s.AvgHeartRate)) > 1 {
				t.Errorf("avg HR %d, records %.1f", s.AvgHeartRate, avg)
			}
			if int(s.NumLaps) != len(f.Laps) {
				t.Errorf("num_laps %d, %d lap messages", s.NumLaps, len(f.Laps))
			}
			sum := 0.0
			for _, l := range f.Laps {
				sum += l.TotalDistanceScaled()
			}
			if math.Abs(sum-s.TotalDistanceScaled()) > 0.05*float64(len(f.Laps)) {
				t.Errorf("laps add up to %.2f m, session %.2f m", sum, s.TotalDistanceScaled())
			}
			off := f.Activity.LocalTimestamp.Sub(f.Activity.Timestamp)
			if _, want := w.Start.Zone(); off != time.Duration(want)*time.Second {
				t.Errorf("local_timestamp offset %v, want %d s", off, want)
			}

			// The file holds what Record returned.
			a := r.Record(w)
			tot := a.DeviceTotals
			if tot.DistanceM != s.TotalDistanceScaled() || tot.TimerS != s.TotalTimerTimeScaled() ||
				tot.ElapsedS != s.TotalElapsedTimeScaled() || tot.AvgHR != float64(s.AvgHeartRate) ||
				tot.AscentM != float64(s.TotalAscent) || tot.DescentM != float64(s.TotalDescent) {
				t.Errorf("Record's totals %+v differ from the session's", *tot)
			}
			if len(a.Samples) != len(recs) || len(a.Laps) != len(f.Laps) {
				t.Fatalf("Record has %d samples and %d laps, the file %d and %d", len(a.Samples), len(a.Laps), len(recs), len(f.Laps))
			}
			strides := 2.0
			if w.Sport == activity.Cycling {
				strides = 1
			}
			for i, x := range recs {
				y := a.Samples[i]
				if !x.Timestamp.Equal(y.Time) || x.PositionLatDegrees() != y.LatDeg || x.PositionLongDegrees() != y.LonDeg ||
					x.DistanceScaled() != y.DistanceM || x.EnhancedSpeedScaled() != y.SpeedMS ||
					math.Abs(x.EnhancedAltitudeScaled()-y.AltitudeM) > 1e-9 || float64(x.HeartRate) != y.HeartRateBPM ||
					float64(x.Cadence)*strides != y.CadenceSPM || float64(x.Temperature) != y.TemperatureC {
					t.Fatalf("record %d = %+v, sample %+v", i, x, y)
				}
			}
			if w.AutoLapM == 0 {
				for i, l := range f.Laps {
					seg := w.Segments[i]
					want := map[sim.Intensity]typedef.Intensity{sim.WarmUp: typedef.IntensityWarmup, sim.Active: typedef.IntensityActive,
						sim.Easing: typedef.IntensityRest, sim.CoolDown: typedef.IntensityCooldown}[seg.Intensity]
					if l.Intensity != want {
						t.Errorf("lap %d (%s) intensity %v", i, seg.Label, l.Intensity)
					}
				}
			}
		})
	}
}

func TestFITHillsAscent(t *testing.T) {
	r, ws := season(t)
	for _, w := range ws {
		if w.Kind != sim.Hills {
			continue
		}
		f := decode(t, writeFIT(t, r, w))
		if a := f.Sessions[0].TotalAscent; a <= 100 {
			t.Errorf("%s: total_ascent %d m, want > 100", w.Title, a)
		}
	}
}

// TestEncodeFIT encodes an activity that did not come from Record's
// laps: EncodeFIT recomputes the totals from the samples.
func TestEncodeFIT(t *testing.T) {
	r, ws := season(t)
	a := r.Record(first(t, ws, sim.Long))
	var buf bytes.Buffer
	if err := r.EncodeFIT(a, &buf); err != nil {
		t.Fatal(err)
	}
	f := decode(t, buf.Bytes())
	if len(f.Laps) != len(a.Laps) || len(f.Records) != len(a.Samples) {
		t.Fatalf("%d laps, %d records; want %d, %d", len(f.Laps), len(f.Records), len(a.Laps), len(a.Samples))
	}
	s := f.Sessions[0]
	if s.TotalDistanceScaled() != a.DeviceTotals.DistanceM || s.TotalTimerTimeScaled() != a.DeviceTotals.TimerS {
		t.Errorf("session %v m %v s, want %v m %v s", s.TotalDistanceScaled(), s.TotalTimerTimeScaled(), a.DeviceTotals.DistanceM, a.DeviceTotals.TimerS)
	}
	if err := r.EncodeFIT(&activity.Activity{}, &buf); err == nil {
		t.Error("encoding an empty activity did not fail")
	}
}

func TestWriteSeasonDeterministic(t *testing.T) {
	r := sim.DefaultRunner()
	start := seasonStart(r)
	t0 := time.Now()
	dirA, dirB := t.TempDir(), t.TempDir()
	a, err := r.WriteSeason(dirA, start, 12)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d files in %v", len(a), time.Since(t0))
	b, err := r.WriteSeason(dirB, start, 12)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) || len(a) < 50 {
		t.Fatalf("%d and %d files", len(a), len(b))
	}
	var total int64
	for i := range a {
		if filepath.Base(a[i]) != filepath.Base(b[i]) {
			t.Fatalf("file %d: %s vs %s", i, a[i], b[i])
		}
		ba, _ := os.ReadFile(a[i])
		bb, _ := os.ReadFile(b[i])
		if sha256.Sum256(ba) != sha256.Sum256(bb) {
			t.Errorf("%s differs between two writes", filepath.Base(a[i]))
		}
		total += int64(len(ba))
	}
	t.Logf("%d bytes in all", total)
	if total < 3<<20 || total > 20<<20 {
		t.Errorf("season is %d bytes, want a few MB", total)
	}
	if name := filepath.Base(a[0]); name != "2026-09-01-intervals.fit" {
		t.Errorf("first file %s", name)
	}
	for _, p := range a {
		if !strings.HasSuffix(p, ".fit") || strings.Contains(p, "-rest") {
			t.Errorf("unexpected file %s", p)
		}
	}
	if err := r.WriteFIT(first(t, r.Season(start, 1), sim.Rest), &bytes.Buffer{}); err == nil {
		t.Error("WriteFIT of a rest day did not fail")
	}
}

// TestImportPath decodes written files with Rebound's own FIT decoder, the
// demo's import path, and checks that it gets back what Record returned.
func TestImportPath(t *testing.T) {
	r := sim.DefaultRunner()
	ws, as := recorded()
	n := 0
	for i, w := range ws {
		if w.Kind == sim.Rest || (w.Kind != sim.Long && w.Kind != sim.Cross && w.Kind != sim.Hills && i%3 != 0) {
			continue
		}
		n++
		name := w.Start.Format(time.DateOnly) + "-" + string(w.Kind) + ".fit"
		got, err := fitdecode.Decode(writeFIT(t, r, w), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != 1 {
			t.Fatalf("%s: %d activities", name, len(got))
		}
		g, a := got[0], as[i]
		if len(g.Warnings) > 0 {
			t.Errorf("%s: warnings %v", name, g.Warnings)
		}
		if g.Sport != a.Sport || g.SubSport != a.SubSport || !g.Start.Equal(a.Start) ||
			g.UTCOffsetS == nil || *g.UTCOffsetS != *a.UTCOffsetS {
			t.Errorf("%s: decoded %s/%s at %v %v, want %s/%s at %v %v", name, g.Sport, g.SubSport, g.Start, g.UTCOffsetS,
				a.Sport, a.SubSport, a.Start, *a.UTCOffsetS)
		}
		if !sameTotals(*g.DeviceTotals, *a.DeviceTotals) {
			t.Errorf("%s: decoded totals %+v, want %+v", name, *g.DeviceTotals, *a.DeviceTotals)
		}
		// Device is not compared: decode/fit names a non-Garmin product
		// by its number ("development 1"), Record by its product_name.
		if !sameActivity(g, a) {
			t.Errorf("%s: decoded samples, laps or pauses differ from Record's", name)
		}
	}
	if n < 20 {
		t.Errorf("checked only %d files", n)
	}
}
