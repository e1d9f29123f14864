package tcx_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/internal/decodetest"
	"github.com/rebound-run/rebound/decode/tcx"
	"github.com/rebound-run/rebound/internal/corpus"
)

// dec is Decode under the tests shared with decode/gpx.
var dec = decodetest.Decoder{Format: decode.TCX, Decode: tcx.Decode}

// TestDecodeManifest decodes every TCX file listed in the corpus manifest
// (broken/ ones included) and checks the outcome its expect column names
// and, for imports, the facts it lists.
func TestDecodeManifest(t *testing.T) {
	dec.Manifest(t, decodetest.Expect{Import: checkImport, AnyMayFail: true})
}

func checkImport(t *testing.T, row corpus.Entry, acts []*activity.Activity) {
	t.Helper()
	if len(acts) != 1 {
		t.Fatalf("got %d activities, want 1", len(acts))
	}
	a := acts[0]
	if a.Format != "tcx" {
		t.Errorf("Format = %q", a.Format)
	}
	// Every trackpoint in the corpus has a <Time>, so every one is a sample.
	if n, _ := row.Count("records_or_points"); len(a.Samples) != n {
		t.Errorf("samples: got %d, manifest lists %d trackpoints", len(a.Samples), n)
	}
	c := decodetest.CountSamples(a.Samples)
	// The manifest's TCX pts_with_hr is short by two for every lap that
	// carries AverageHeartRateBpm and MaximumHeartRateBpm (it subtracted
	// those laps' <Value> elements twice); counting the trackpoints that
	// hold <HeartRateBpm> in the files gives the figure below.
	lapsWithHR := 0
	for _, l := range a.Laps {
		if activity.Has(l.AvgHR) {
			lapsWithHR++
		}
	}
	if n, _ := row.Count("pts_with_hr"); c.HR != n+2*lapsWithHR {
		t.Errorf("HR samples: got %d, want manifest %d + 2×%d laps with HR", c.HR, n, lapsWithHR)
	}
	if n, _ := row.Count("pts_with_cad"); c.Cad != n {
		t.Errorf("cadence samples: got %d, manifest says %d", c.Cad, n)
	}
	if n, _ := row.Count("laps"); len(a.Laps) != n {
		t.Errorf("laps: got %d, manifest says %d", len(a.Laps), n)
	}
	tot := a.DeviceTotals
	if tot == nil {
		t.Fatal("no DeviceTotals")
	}
	near := func(what string, got float64, col string) {
		t.Helper()
		want, ok := row.Float(col)
		if !ok {
			if activity.Has(got) {
				t.Errorf("%s = %v, manifest has none", what, got)
			}
			return
		}
		if math.Abs(got-want) > 0.01 {
			t.Errorf("%s = %v, manifest says %v", what, got, want)
		}
	}
	near("distance", tot.DistanceM, "distance_m")
	near("timer", tot.TimerS, "timer_s")
	near("max HR", tot.MaxHR, "max_hr")
	if activity.Has(tot.AvgHR) && (tot.AvgHR <= 0 || tot.AvgHR > tot.MaxHR) {
		t.Errorf("AvgHR %v out of range (max %v)", tot.AvgHR, tot.MaxHR)
	}
	if start, err := time.Parse(time.RFC3339Nano, row.Get("start_utc")); err != nil {
		t.Fatalf("manifest start_utc %q: %v", row.Get("start_utc"), err)
	} else if !a.Start.Equal(start) {
		t.Errorf("Start = %v, manifest says %v", a.Start, start)
	}
	if a.Device != row.Get("device") {
		t.Errorf("Device = %q, manifest says %q", a.Device, row.Get("device"))
	}
	want := map[string]activity.Sport{"Running": activity.Running, "Biking": activity.Cycling, "Other": activity.Other}[row.Get("sport")]
	if a.Sport != want {
		t.Errorf("Sport = %q for TCX Sport=%q, want %q", a.Sport, row.Get("sport"), want)
	}
	for i := 1; i < len(a.Samples); i++ {
		if a.Samples[i].Time.IsZero() {
			t.Fatalf("sample %d has no time", i)
		}
	}
}

// TestDecodeTcxparser checks values read by eye from tcxparser__test.tcx:
//
//	<Activity Sport="Running"><Id>2012-12-26T21:29:53Z</Id>
//	<Lap StartTime="2012-12-26T21:29:53Z">
//	  <TotalTimeSeconds>608.47</TotalTimeSeconds>
//	  <DistanceMeters>1609.34399414</DistanceMeters>
//	  <Calories>94</Calories>
//	  <AverageHeartRateBpm><Value>139</Value></AverageHeartRateBpm>
//	  <MaximumHeartRateBpm><Value>189</Value></MaximumHeartRateBpm>
//	  <Track><Trackpoint>
//	    <Time>2012-12-26T21:29:53Z</Time>
//	    <Position><LatitudeDegrees>35.951880198</LatitudeDegrees>
//	      <LongitudeDegrees>-79.0931872185</LongitudeDegrees></Position>
//	    <AltitudeMeters>178.942626953</AltitudeMeters>
//	    <DistanceMeters>0.0</DistanceMeters>
//	    <HeartRateBpm><Value>62</Value></HeartRateBpm>
func TestDecodeTcxparser(t *testing.T) {
	a := dec.DecodeFile(t, "tcx/tcxparser__test.tcx")
	start := time.Date(2012, 12, 26, 21, 29, 53, 0, time.UTC)
	s := a.Samples[0]
	if !s.Time.Equal(start) || s.LatDeg != 35.951880198 || s.LonDeg != -79.0931872185 ||
		s.AltitudeM != 178.942626953 || s.DistanceM != 0 || s.HeartRateBPM != 62 {
		t.Errorf("first sample = %+v", s)
	}
	if activity.Has(s.CadenceSPM) || activity.Has(s.SpeedMS) || activity.Has(s.PowerW) {
		t.Errorf("values the file does not carry must be NaN: %+v", s)
	}
	l := a.Laps[0]
	if !l.Start.Equal(start) || l.TimerS != 608.47 || l.DistanceM != 1609.34399414 || l.Calories != 94 ||
		l.AvgHR != 139 || l.MaxHR != 189 || activity.Has(l.ElapsedS) {
		t.Errorf("first lap = %+v", l)
	}
	// The activity's <Notes>Aerobics</Notes> name it.
	if a.Sport != activity.Running || a.Device != "Forerunner 410 Software Version 2.20" || a.Name != "Aerobics" {
		t.Errorf("Sport %q Device %q Name %q", a.Sport, a.Device, a.Name)
	}
	// DeviceTotals.AvgHR weights each lap's average by its TotalTimeSeconds.
	var sum, w float64
	for _, l := range a.Laps {
		sum += l.AvgHR * l.TimerS
		w += l.TimerS
	}
	if got := a.DeviceTotals.AvgHR; math.Abs(got-sum/w) > 1e-9 {
		t.Errorf("AvgHR = %v, want time-weighted %v", got, sum/w)
	}
}

// TestDecodeOffsets checks timestamps with offsets and fractions:
// togeojson__tour_hr.tcx (Fitbit) has <Id>2020-12-27T15:43:49.000+01:00</Id>
// and its first trackpoint at 2020-12-27T15:59:36.000+01:00;
// tcxreader__mapmyride_biking.tcx starts
// <Time>2022-11-12T15:58:25.849800+00:00</Time>.
func TestDecodeOffsets(t *testing.T) {
	a := dec.DecodeFile(t, "tcx/togeojson__tour_hr.tcx")
	if !a.Start.Equal(time.Date(2020, 12, 27, 14, 43, 49, 0, time.UTC)) {
		t.Errorf("Start = %v", a.Start)
	}
	if !a.Samples[0].Time.Equal(time.Date(2020, 12, 27, 14, 59, 36, 0, time.UTC)) {
		t.Errorf("first sample at %v", a.Samples[0].Time)
	}
	if a.UTCOffsetS == nil || *a.UTCOffsetS != 3600 {
		t.Errorf("UTCOffsetS = %v, want 3600", a.UTCOffsetS)
	}
	m := dec.DecodeFile(t, "tcx/tcxreader__mapmyride_biking.tcx")
	if !m.Samples[0].Time.Equal(time.Date(2022, 11, 12, 15, 58, 25, 849800000, time.UTC)) {
		t.Errorf("MapMyRide first sample at %v", m.Samples[0].Time)
	}
	if m.Sport != activity.Cycling {
		t.Errorf("MapMyRide sport %q", m.Sport)
	}
}

// TestDecodeCadence checks the stride rule: the Polar V800 run
// sportslib__6281425038.tcx writes its first cadence as <Cadence>...</Cadence>
// in strides (median 83), stored doubled; the Edge 520 ride
// togeojson__garmin_connect.tcx keeps <Cadence>63</Cadence> as rpm.
func TestDecodeCadence(t *testing.T) {
	polar := dec.DecodeFile(t, "tcx/sportslib__6281425038.tcx")
	var cads []float64
	for _, s := range polar.Samples {
		if activity.Has(s.CadenceSPM) && s.CadenceSPM > 0 {
			cads = append(cads, s.CadenceSPM)
		}
	}
	if len(cads) == 0 || cads[len(cads)/2] < 140 {
		t.Errorf("Polar run cadence not in steps/min: %v...", cads[:min(5, len(cads))])
	}
	if l := polar.Laps[0]; l.AvgCadenceSPM != 164 { // <Cadence>82</Cadence> in the lap
		t.Errorf("Polar lap cadence = %v, want 164", l.AvgCadenceSPM)
	}
	ride := dec.DecodeFile(t, "tcx/togeojson__garmin_connect.tcx")
	if s := ride.Samples[0]; s.CadenceSPM != 63 || s.PowerW != 160 || s.SpeedMS != 4.440999984741211 {
		t.Errorf("ride first sample = %+v", s)
	}
	// Sport="Other" keeps RunCadence as written (<ns3:RunCadence>0</ns3:RunCadence>).
	ski := dec.DecodeFile(t, "tcx/firefly__cross-country-skiing_activity_1.tcx")
	if s := ski.Samples[0]; s.CadenceSPM != 0 || s.SpeedMS != 0.5600000023841858 {
		t.Errorf("ski first sample = %+v", s)
	}
}

// TestDecodePoolSwim checks that a swim without positions imports.
func TestDecodePoolSwim(t *testing.T) {
	a := dec.DecodeFile(t, "tcx/firefly__pool_swim-activity_1.tcx")
	if c := decodetest.CountSamples(a.Samples); c.Pos != 0 {
		t.Errorf("%d samples with a position", c.Pos)
	}
	if a.Samples[1].DistanceM != 50 {
		t.Errorf("second sample = %+v", a.Samples[1])
	}
}

// TestDecodeTruncated cuts a real file in half.
func TestDecodeTruncated(t *testing.T) {
	td := corpus.Dir(t)
	data, err := os.ReadFile(filepath.Join(td, "tcx", "tcxparser__test.tcx"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = tcx.Decode(data[:len(data)/2], "half.tcx")
	var perr *decode.ParseError
	if !errors.As(err, &perr) || !strings.Contains(err.Error(), "half.tcx") {
		t.Fatalf("got %v, want a ParseError naming the file", err)
	}
	if !strings.HasPrefix(perr.Record, "trackpoint ") {
		t.Errorf("Record = %q, want the trackpoint", perr.Record)
	}
	t.Log(err)
}

const (
	head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	root = `<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">`
)

func point(tm string, extra string) string {
	return `<Trackpoint><Time>` + tm + `</Time>` + extra + `</Trackpoint>`
}

// TestDecodeSynthetic covers variants the corpus lacks.
func TestDecodeSynthetic(t *testing.T) {
	dec.Synthetic(t, []decodetest.Case{
		{
			Name: "two activities, laps, pause between tracks, RunCadence",
			Doc: "\ufeff\n  " + head + root + `<Activities>
<Activity Sport="Running"><Id>2024-05-01T06:00:00Z</Id>
 <Lap StartTime="2024-05-01T06:00:00Z"><TotalTimeSeconds>100</TotalTimeSeconds><DistanceMeters>300</DistanceMeters>
  <AverageHeartRateBpm><Value>120</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>130</Value></MaximumHeartRateBpm>
  <Track>` + point("2024-05-01T06:00:00Z", `<Extensions><ns3:TPX><ns3:RunCadence>85</ns3:RunCadence><ns3:Speed>3</ns3:Speed></ns3:TPX></Extensions>`) + `</Track>
  <Track>` + point("2024-05-01T06:00:30Z", `<HeartRateBpm><Value>125</Value></HeartRateBpm>`) + `</Track>
  <Extensions><ns3:LX><ns3:AvgRunCadence>84</ns3:AvgRunCadence></ns3:LX></Extensions>
 </Lap>
 <Lap StartTime="2024-05-01T06:01:40Z"><TotalTimeSeconds>300</TotalTimeSeconds><DistanceMeters>900.5</DistanceMeters>
  <AverageHeartRateBpm><Value>160</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>175</Value></MaximumHeartRateBpm>
  <Track>` + point("2024-05-01T06:01:40Z", "") + `</Track>
 </Lap>
 <Lap StartTime="2024-05-01T06:06:40Z"><TotalTimeSeconds>50</TotalTimeSeconds><Track/></Lap>
 <Creator xsi:type="Device_t"><Name>Forerunner &amp; Co</Name></Creator>
</Activity>
<Activity Sport="Biking"><Id>2024-05-02T06:00:00</Id>
 <Lap StartTime="2024-05-02T06:00:00"><TotalTimeSeconds>60</TotalTimeSeconds><Cadence>90</Cadence>
  <Track>` + point("2024-05-02T06:00:00", "<Cadence>88</Cadence>") + point("", "") + `</Track></Lap>
</Activity>
</Activities></TrainingCenterDatabase>`,
			Check: func(t *testing.T, acts []*activity.Activity) {
				if len(acts) != 2 {
					t.Fatalf("got %d activities, want 2", len(acts))
				}
				run, ride := acts[0], acts[1]
				if run.Sport != activity.Running || ride.Sport != activity.Cycling {
					t.Errorf("sports %q %q", run.Sport, ride.Sport)
				}
				if run.Device != "Forerunner & Co" {
					t.Errorf("Device = %q", run.Device)
				}
				if s := run.Samples[0]; s.CadenceSPM != 170 || s.SpeedMS != 3 {
					t.Errorf("run first sample = %+v", s)
				}
				if run.Laps[0].AvgCadenceSPM != 168 {
					t.Errorf("lap AvgRunCadence = %v, want 168", run.Laps[0].AvgCadenceSPM)
				}
				if len(run.Pauses) != 1 || run.Pauses[0].End.Sub(run.Pauses[0].Start) != 30*time.Second {
					t.Errorf("pauses = %v, want one of 30 s", run.Pauses)
				}
				tot := run.DeviceTotals
				// (120×100 + 160×300) / 400 = 150; the third lap has no HR.
				if tot.TimerS != 450 || tot.DistanceM != 1200.5 || tot.MaxHR != 175 || tot.AvgHR != 150 {
					t.Errorf("totals = %+v", *tot)
				}
				if len(run.Laps) != 3 {
					t.Errorf("laps = %d", len(run.Laps))
				}
				if s := ride.Samples[0]; s.CadenceSPM != 88 || len(ride.Samples) != 1 {
					t.Errorf("ride samples = %+v", ride.Samples)
				}
				if ride.Laps[0].AvgCadenceSPM != 90 {
					t.Errorf("ride lap cadence = %v", ride.Laps[0].AvgCadenceSPM)
				}
				if !decodetest.HasWarning(ride, "no time zone") || !decodetest.HasWarning(ride, "dropped 1 of 2") {
					t.Errorf("ride warnings = %q", ride.Warnings)
				}
				if !ride.Start.Equal(time.Date(2024, 5, 2, 6, 0, 0, 0, time.UTC)) {
					t.Errorf("ride Start = %v", ride.Start)
				}
			},
		},
		{
			Name: "laps without trackpoints import with totals",
			Doc: head + root + `<Activities><Activity Sport="Running"><Id>2024-05-01T06:00:00-05:00</Id>` +
				`<Lap StartTime="2024-05-01T06:00:00-05:00"><TotalTimeSeconds>1800</TotalTimeSeconds><DistanceMeters>5000</DistanceMeters></Lap>` +
				`</Activity></Activities></TrainingCenterDatabase>`,
			Check: func(t *testing.T, acts []*activity.Activity) {
				a := acts[0]
				if len(a.Samples) != 0 || a.DeviceTotals.DistanceM != 5000 || !a.Start.Equal(time.Date(2024, 5, 1, 11, 0, 0, 0, time.UTC)) {
					t.Errorf("activity = %+v", a)
				}
				if a.UTCOffsetS == nil || *a.UTCOffsetS != -5*3600 {
					t.Errorf("UTCOffsetS = %v", a.UTCOffsetS)
				}
			},
		},
		{Name: "course", Doc: head + root + `<Courses><Course><Name>x</Name><Track>` + point("2024-01-01T00:00:00Z", "") + `</Track></Course></Courses></TrainingCenterDatabase>`, WantErr: "skip"},
		{Name: "no activities", Doc: head + root + `<Activities/></TrainingCenterDatabase>`, WantErr: "skip"},
		{Name: "empty activity", Doc: head + root + `<Activities><Activity Sport="Running"><Id>2024-01-01T00:00:00Z</Id></Activity></Activities></TrainingCenterDatabase>`, WantErr: "skip"},
		{Name: "empty", Doc: "", WantErr: "parse"},
		{Name: "wrong root", Doc: head + `<gpx></gpx>`, WantErr: "parse"},
		{Name: "mismatched", Doc: head + root + `<Activities></Activity></TrainingCenterDatabase>`, WantErr: "parse"},
		{Name: "truncated", Doc: head + root + `<Activities><Activity Sport="Running"><Id>2024-`, WantErr: "parse"},
	})
}
