package gpx_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/gpx"
	"github.com/rebound-run/rebound/decode/internal/decodetest"
	"github.com/rebound-run/rebound/internal/corpus"
)

// dec is Decode under the tests shared with decode/tcx.
var dec = decodetest.Decoder{Format: decode.GPX, Decode: gpx.Decode}

// powerOverride lists files whose power count differs from the manifest
// on purpose: the manifest counts only <power> elements, while Decode also
// reads Garmin's PowerExtension <PowerInWatts>, which the Apple Watch
// writes on every point of this run.
var powerOverride = map[string]int{
	"gpx/togeojson__Friday-Evening-Run.gpx": 17,
}

// sportWant is the sport each importable file's trk/type should map to;
// files not listed have no usable type and must be Other.
var sportWant = map[string]activity.Sport{
	"gpx/georust__garmin-activity.gpx":      activity.Running, // <type>running</type>
	"gpx/sportslib__amazfit.gpx":            activity.Running, // <type>Running</type>
	"gpx/sweatpy__activity_5039744860.gpx":  activity.Cycling, // <type>cycling</type>
	"gpx/togeojson__Friday-Evening-Run.gpx": activity.Running, // <type>running</type>
	"gpx/gpxpy__korita-zbevnica.gpx":        activity.Other,   // <type>jkljkl</type>
}

// TestDecodeManifest decodes every GPX file listed in the corpus manifest
// (broken/ ones included) and checks the outcome its expect column names
// and, for imports, the facts it lists.
func TestDecodeManifest(t *testing.T) {
	dec.Manifest(t, decodetest.Expect{Import: checkImport, SkipReason: "no timed track points", Any: checkAny})
}

func checkAny(t *testing.T, acts []*activity.Activity) {
	t.Helper()
	if len(acts) != 1 || len(acts[0].Samples) == 0 {
		t.Fatalf("imported %d activities, want 1 with samples", len(acts))
	}
}

func checkImport(t *testing.T, row corpus.Entry, acts []*activity.Activity) {
	t.Helper()
	if len(acts) != 1 {
		t.Fatalf("got %d activities, want 1", len(acts))
	}
	a := acts[0]
	if a.Format != "gpx" {
		t.Errorf("Format = %q", a.Format)
	}
	c := decodetest.CountSamples(a.Samples)
	total, _ := row.Count("records_or_points")
	timed, _ := row.Count("pts_with_time")
	if len(a.Samples) != timed {
		t.Errorf("samples: got %d, manifest says %d points have a time", len(a.Samples), timed)
	}
	// The manifest counts values over all points; when some points have
	// no time (and are dropped), a value on every point must be on every
	// sample, no value must stay no value, and a partial count is an
	// upper bound.
	want := func(col string, got int) {
		t.Helper()
		n, ok := row.Count(col)
		switch {
		case !ok:
			t.Fatalf("manifest has no %s", col)
		case timed == total && got != n:
			t.Errorf("%s: got %d, manifest says %d", col, got, n)
		case timed < total && n == total && got != len(a.Samples):
			t.Errorf("%s: got %d, want all %d samples", col, got, len(a.Samples))
		case timed < total && got > n:
			t.Errorf("%s: got %d, manifest says at most %d", col, got, n)
		}
	}
	want("pts_with_ele", c.Ele)
	want("pts_with_hr", c.HR)
	want("pts_with_cad", c.Cad)
	if n, ok := powerOverride[row.Get("path")]; ok {
		if c.Power != n {
			t.Errorf("power: got %d, want %d", c.Power, n)
		}
	} else {
		want("pts_with_power", c.Power)
	}
	if c.Pos != len(a.Samples) {
		t.Errorf("%d of %d samples have a position", c.Pos, len(a.Samples))
	}
	if start, err := time.Parse(time.RFC3339Nano, row.Get("start_utc")); err == nil && !a.Start.Equal(start) {
		t.Errorf("Start = %v, manifest says %v", a.Start, start)
	}
	if !a.Start.Equal(a.Samples[0].Time) {
		t.Errorf("Start %v is not the first sample's time %v", a.Start, a.Samples[0].Time)
	}
	if a.Device != row.Get("device") {
		t.Errorf("Device = %q, manifest says %q", a.Device, row.Get("device"))
	}
	if s, ok := sportWant[row.Get("path")]; ok && a.Sport != s {
		t.Errorf("Sport = %q, want %q", a.Sport, s)
	} else if !ok && a.Sport != activity.Other {
		t.Errorf("Sport = %q, want other (no trk/type)", a.Sport)
	}
	for i, s := range a.Samples {
		if s.Time.IsZero() {
			t.Fatalf("sample %d has no time", i)
		}
	}
	for i := 1; i < len(a.Pauses); i++ {
		if a.Pauses[i].Start.Before(a.Pauses[i-1].Start) {
			t.Errorf("pauses out of order: %v", a.Pauses)
		}
	}
}

// TestDecodeRunGpxtpx checks values read by eye from
// togeojson__run_gpxtpx.gpx. Its first point is
//
//	<trkpt lat="37.7832920" lon="-122.4072250">
//	 <ele>11.2</ele>
//	 <time>2015-01-19T21:24:20Z</time>
//	 <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>111</gpxtpx:hr>...
//
// and its fourth has <gpxtpx:hr>115</gpxtpx:hr> at 21:24:23Z.
func TestDecodeRunGpxtpx(t *testing.T) {
	a := dec.DecodeFile(t, "gpx/togeojson__run_gpxtpx.gpx")
	s := a.Samples[0]
	wantTime := time.Date(2015, 1, 19, 21, 24, 20, 0, time.UTC)
	if !s.Time.Equal(wantTime) || s.LatDeg != 37.7832920 || s.LonDeg != -122.4072250 ||
		s.AltitudeM != 11.2 || s.HeartRateBPM != 111 {
		t.Errorf("first sample = %+v", s)
	}
	if s4 := a.Samples[3]; s4.HeartRateBPM != 115 || !s4.Time.Equal(wantTime.Add(3*time.Second)) {
		t.Errorf("fourth sample = %+v", s4)
	}
	if activity.Has(s.CadenceSPM) || activity.Has(s.PowerW) || activity.Has(s.DistanceM) {
		t.Errorf("values the file does not carry must be NaN: %+v", s)
	}
	if a.Name != "Greeting SF with a dumb, dumb route" || a.Device != "StravaGPX" {
		t.Errorf("Name %q, Device %q", a.Name, a.Device)
	}
	if len(a.Warnings) != 0 {
		t.Errorf("warnings: %q", a.Warnings)
	}
}

// TestDecodeCadence checks the stride rule: georust__garmin-activity.gpx
// is a Garmin Connect run whose first point has <ns3:cad>79</ns3:cad>
// (strides), stored as 158 steps/min; sweatpy__activity_5039744860.gpx is
// a ride whose first <ns3:cad>90</ns3:cad> stays 90 rpm and whose
// <ns3:atemp>22.0</ns3:atemp> is the temperature.
func TestDecodeCadence(t *testing.T) {
	run := dec.DecodeFile(t, "gpx/georust__garmin-activity.gpx")
	if got := run.Samples[0].CadenceSPM; got != 158 {
		t.Errorf("run cadence = %v, want 158 (79 strides doubled)", got)
	}
	if got := run.Samples[0].HeartRateBPM; got != 74 {
		t.Errorf("run HR = %v, want 74", got)
	}
	ride := dec.DecodeFile(t, "gpx/sweatpy__activity_5039744860.gpx")
	if s := ride.Samples[0]; s.CadenceSPM != 90 || s.TemperatureC != 22 || s.HeartRateBPM != 154 {
		t.Errorf("ride first sample = %+v", s)
	}
	// Apple Watch: <gpxtpx:cad>64</gpxtpx:cad> and, in a second
	// <extensions>, <gpxtpx:PowerInWatts>0</gpxtpx:PowerInWatts>.
	apple := dec.DecodeFile(t, "gpx/togeojson__Friday-Evening-Run.gpx")
	if s := apple.Samples[0]; s.CadenceSPM != 128 || s.PowerW != 0 || activity.Has(s.HeartRateBPM) {
		t.Errorf("Apple Watch first sample = %+v", s)
	}
}

// TestDecodeSegments checks that segment breaks become pauses:
// togeojson__missing_hr.gpx has three segments; the first ends at
// 04:00:02 and the second starts at 04:01:00.
func TestDecodeSegments(t *testing.T) {
	a := dec.DecodeFile(t, "gpx/togeojson__missing_hr.gpx")
	if len(a.Pauses) != 2 {
		t.Fatalf("pauses = %v, want 2", a.Pauses)
	}
	day := time.Date(2017, 5, 27, 4, 0, 0, 0, time.UTC)
	if p := a.Pauses[0]; !p.Start.Equal(day.Add(2*time.Second)) || !p.End.Equal(day.Add(time.Minute)) {
		t.Errorf("first pause = %v", p)
	}
	// An empty segment makes no pause.
	if b := dec.DecodeFile(t, "gpx/gpxpy__track-with-empty-segment.gpx"); len(b.Pauses) != 0 {
		t.Errorf("empty segment: pauses = %v", b.Pauses)
	}
}

// TestDecodeWarnings checks the warnings of partly timed and badly
// clocked files.
func TestDecodeWarnings(t *testing.T) {
	korita := dec.DecodeFile(t, "gpx/gpxpy__korita-zbevnica.gpx")
	if !decodetest.HasWarning(korita, "358 of 871") {
		t.Errorf("korita warnings %q should report 358 of 871 points dropped", korita.Warnings)
	}
	moj := dec.DecodeFile(t, "gpx/gpxpy__Mojstrovka.gpx")
	if !decodetest.HasWarning(moj, "1901") {
		t.Errorf("Mojstrovka warnings %q should mention 1901", moj.Warnings)
	}
	if moj.Start.Year() != 1901 {
		t.Errorf("Mojstrovka start %v should be kept as written", moj.Start)
	}
}

// TestDecodeTruncated checks the ParseError of the corpus GPX cut inside
// an <ele> tag: it names the track point being read.
func TestDecodeTruncated(t *testing.T) {
	td := corpus.Dir(t)
	name := "madehere__garmin-activity-cut-mid-element.gpx"
	data, err := os.ReadFile(filepath.Join(td, "broken", name))
	if err != nil {
		t.Fatal(err)
	}
	_, err = gpx.Decode(data, name)
	var perr *decode.ParseError
	if !errors.As(err, &perr) {
		t.Fatalf("got %v, want *decode.ParseError", err)
	}
	if !strings.HasPrefix(perr.Record, "track point ") || perr.Hint == "" {
		t.Errorf("ParseError = %+v, want a track point record and a hint", perr)
	}
	t.Log(err)
}

// TestDecodeSynthetic covers variants the corpus lacks.
func TestDecodeSynthetic(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	dec.Synthetic(t, []decodetest.Case{
		{
			Name: "bom, whitespace, tab after names, single quotes, any prefix",
			Doc: "\ufeff \n\t" + head + "<gpx\tversion='1.1' creator='Tést &amp; Co'>\n<trk><name>Run &lt;1&gt;</name><type>Trail Run</type><trkseg>" +
				"<trkpt\nlat='46.5'\tlon=\"13.25\"><ele>1000</ele><time>2024-06-01T08:00:00.5+02:00</time>" +
				"<extensions><x:TrackPointExtension><x:hr>150</x:hr><x:cad>85</x:cad><x:atemp>12.5</x:atemp></x:TrackPointExtension></extensions></trkpt>" +
				"<trkpt lat='46.6' lon='13.26'><time>2024-06-01T08:00:01.5+02:00</time>" +
				"<extensions><heartrate>151</heartrate><cadence>86</cadence><power>300</power><temp>13</temp></extensions></trkpt>" +
				"</trkseg></trk></gpx>",
			Check: func(t *testing.T, acts []*activity.Activity) {
				a := acts[0]
				s := a.Samples[0]
				if !s.Time.Equal(time.Date(2024, 6, 1, 6, 0, 0, 5e8, time.UTC)) || s.LatDeg != 46.5 || s.LonDeg != 13.25 ||
					s.AltitudeM != 1000 || s.HeartRateBPM != 150 || s.CadenceSPM != 170 || s.TemperatureC != 12.5 {
					t.Errorf("first sample = %+v", s)
				}
				if s := a.Samples[1]; s.HeartRateBPM != 151 || s.CadenceSPM != 172 || s.PowerW != 300 || s.TemperatureC != 13 {
					t.Errorf("second sample = %+v", s)
				}
				if a.Sport != activity.Trail || a.Name != "Run <1>" || a.Device != "Tést & Co" {
					t.Errorf("Sport %q Name %q Device %q", a.Sport, a.Name, a.Device)
				}
				if a.UTCOffsetS == nil || *a.UTCOffsetS != 7200 {
					t.Errorf("UTCOffsetS = %v, want 7200", a.UTCOffsetS)
				}
			},
		},
		{
			Name: "GPX 1.0 with speed, no zone, Strava type number, cadence already in steps",
			Doc: head + `<gpx version="1.0" creator="x"><name>Morning</name><trk><type>9</type><trkseg>` +
				`<trkpt lat="1" lon="2"><time>2024-01-01T10:00:00</time><speed>3.5</speed><extensions><cad>170</cad></extensions></trkpt>` +
				`<trkpt lat="1" lon="2"><time>2024-01-01T10:00:01</time><speed>3.6</speed><extensions><cad>172</cad></extensions></trkpt>` +
				`</trkseg></trk></gpx>`,
			Check: func(t *testing.T, acts []*activity.Activity) {
				a := acts[0]
				if a.Sport != activity.Running || a.Name != "Morning" {
					t.Errorf("Sport %q Name %q", a.Sport, a.Name)
				}
				if s := a.Samples[0]; s.SpeedMS != 3.5 || s.CadenceSPM != 170 || !s.Time.Equal(time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)) {
					t.Errorf("first sample = %+v", s)
				}
				if !decodetest.HasWarning(a, "no time zone") {
					t.Errorf("warnings %q should mention the missing time zone", a.Warnings)
				}
			},
		},
		{
			Name: "'>' in a comment and in an attribute value",
			Doc: head + `<gpx><!-- made with a -> b, <see> --><trk><trkseg>` +
				`<trkpt lat="1" lon="2" note="x>y"><time>2024-01-01T10:00:00Z</time></trkpt>` +
				`<trkpt lat="1.5" lon="2.5"><time>2024-01-01T10:00:01Z</time></trkpt></trkseg></trk></gpx>`,
			Check: func(t *testing.T, acts []*activity.Activity) {
				a := acts[0]
				if len(a.Samples) != 2 || a.Samples[0].LatDeg != 1 || a.Samples[1].LonDeg != 2.5 {
					t.Errorf("samples = %+v", a.Samples)
				}
			},
		},
		{
			Name: "latin-1 encoding",
			Doc:  `<?xml version="1.0" encoding="ISO-8859-1"?><gpx><trk><name>Caf` + "\xe9" + `</name><trkseg><trkpt lat="1" lon="2"><time>2024-01-01T10:00:00Z</time></trkpt><trkpt lat="1" lon="2"><time>2024-01-01T10:00:01Z</time></trkpt></trkseg></trk></gpx>`,
			Check: func(t *testing.T, acts []*activity.Activity) {
				a := acts[0]
				if a.Name != "Café" {
					t.Errorf("Name = %q", a.Name)
				}
			},
		},
		{
			Name:    "trkpt in a route or waypoint is not a track point",
			Doc:     head + `<gpx><wpt lat="1" lon="2"><time>2024-01-01T10:00:00Z</time></wpt><rte><rtept lat="1" lon="2"><time>2024-01-01T10:00:00Z</time></rtept></rte></gpx>`,
			WantErr: "skip",
		},
		{Name: "empty", Doc: "", WantErr: "parse"},
		{Name: "whitespace only", Doc: " \n\t", WantErr: "parse"},
		{Name: "not xml", Doc: "hello world", WantErr: "parse"},
		{Name: "wrong root", Doc: head + `<kml><Document/></kml>`, WantErr: "parse"},
		{Name: "mismatched tags", Doc: head + `<gpx><trk><trkseg></trk></trkseg></gpx>`, WantErr: "parse"},
		{Name: "unclosed root", Doc: head + `<gpx><trk>`, WantErr: "parse"},
		{Name: "tokenizer panic input", Doc: "</>", WantErr: "parse"},
	})
}

// TestDecodeTooManySamples: a track point beyond decode.MaxSamples is
// refused as the decoder meets it.
func TestDecodeTooManySamples(t *testing.T) {
	dec.TooMany(t, `<gpx version="1.1"><trk><trkseg>`,
		`<trkpt lat="47" lon="8"><time>%s</time></trkpt>`, `</trkseg></trk></gpx>`, "track point 1048577")
}
