package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/store"
)

// NaN is short for activity.NaN in fixtures.
var NaN = activity.NaN

// encoder compresses fixture originals; EncodeAll is safe for concurrent use.
var encoder, _ = zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))

// Compress returns data compressed with zstd, the form importers put in
// store.Activity.Original.
func Compress(data []byte) []byte { return encoder.EncodeAll(data, nil) }

// OriginalBytes is the uncompressed original that NewActivity compresses
// into Original: it differs for every start and sport.
func OriginalBytes(a *store.Activity) []byte {
	return []byte(fmt.Sprintf("fake %s file of a %s activity starting %s\n",
		a.Format, a.Sport, a.Start.UTC().Format(time.RFC3339Nano)))
}

// NewActivity returns an activity of sport starting at start, as an
// importer would hand it to CreateActivity: three samples with some values
// absent (NaN), two laps, a pause, device totals and a summary that also
// hold NaN values, a UTC offset, a warning and a zstd-compressed original.
// Sample values lie on the grid every engine keeps exactly (see
// SampleEqual). SHA256 and SourceFile are derived from start and sport, so
// activities built with different starts or sports never share a hash.
// ImportedAt is set; ID is 0.
func NewActivity(start time.Time, sport activity.Sport) *store.Activity {
	source := fmt.Sprintf("export/%s-%s.fit", start.UTC().Format("20060102T150405.000Z"), sport)
	hash := sha256.Sum256([]byte(source))
	offset := 2 * 3600

	s0, s1, s2 := activity.NewSample(start), activity.NewSample(start.Add(time.Second)),
		activity.NewSample(start.Add(2500*time.Millisecond))
	// No GPS fix at first; heart rate drops out in the middle; power and
	// temperature only at the end.
	s0.AltitudeM, s0.DistanceM, s0.SpeedMS, s0.HeartRateBPM, s0.CadenceSPM = 1035.2, 0, 0, 98, 0
	s1.LatDeg, s1.LonDeg, s1.AltitudeM, s1.DistanceM, s1.SpeedMS, s1.CadenceSPM =
		45.8326012, 6.8652034, 1035.4, 2.91, 2.912, 168
	s2.LatDeg, s2.LonDeg, s2.AltitudeM, s2.DistanceM, s2.SpeedMS, s2.HeartRateBPM, s2.CadenceSPM, s2.PowerW, s2.TemperatureC =
		45.8326281, 6.8652190, 1035.6, 7.33, 2.947, 131, 171.5, 251, 23.5

	lap1 := activity.Lap{Start: start, Totals: activity.NewTotals()}
	lap1.DistanceM, lap1.ElapsedS, lap1.TimerS, lap1.AvgHR, lap1.MaxHR = 1000, 301.5, 295, 141, 152
	lap2 := activity.Lap{Start: start.Add(301500 * time.Millisecond), Totals: activity.NewTotals()}
	lap2.DistanceM, lap2.ElapsedS = 512.25, 160
	device := activity.NewTotals()
	device.DistanceM, device.ElapsedS, device.TimerS, device.AvgHR, device.MaxHR, device.Calories =
		1512.25, 461.5, 455, 143, 155, 120

	a := &store.Activity{
		SHA256:     hex.EncodeToString(hash[:]),
		SourceFile: source,
		Gear:       "Pegasus 40",
		// Imported a day after it started, with milliseconds that the
		// engines must keep.
		ImportedAt: start.Add(24*time.Hour + 123*time.Millisecond).UTC(),
		Activity: &activity.Activity{
			Sport:        sport,
			SubSport:     "generic",
			Start:        start,
			UTCOffsetS:   &offset,
			Name:         "Morning " + string(sport),
			Device:       "garmin fenix5",
			Format:       "fit",
			Samples:      []activity.Sample{s0, s1, s2},
			Laps:         []activity.Lap{lap1, lap2},
			Pauses:       []activity.Pause{{Start: start.Add(100 * time.Second), End: start.Add(106500 * time.Millisecond)}},
			DeviceTotals: &device,
			Warnings:     []string{"dropped 1 record with no timestamp"},
		},
		Summary: activity.Summary{
			DistanceM: 1512.25, DistanceSource: "device",
			ElapsedS: 461.5, MovingS: 450, AvgSpeedMS: 3.3605555555555555, MaxSpeedMS: 4.1,
			GradeAdjustedSpeedMS: 3.41, AscentM: 12.4, DescentM: 3.2, DownhillM: 0,
			ElevationSource: "barometric", AvgHR: 143.2, MaxHR: 155,
			HRSeconds:     []float64{0, 0, 1.5, 12, 0.25},
			AvgCadenceSPM: 170.1, MaxCadenceSPM: 182,
			AvgPowerW: NaN, AvgTempC: 23.5, MinTempC: NaN, MaxTempC: NaN,
			Notes: []string{"the file's summary says 1.51 km: using it"},
		},
	}
	a.Original = Compress(OriginalBytes(a))
	return a
}

// NewManualActivity returns an activity entered by hand: no samples, laps,
// pauses, device totals, legs, warnings, UTC offset or original file, and a
// summary with little more than distance and time.
func NewManualActivity(start time.Time, sport activity.Sport) *store.Activity {
	a := NewActivity(start, sport)
	a.SourceFile = "manual"
	a.Gear = ""
	a.Original = nil
	a.Activity = &activity.Activity{Sport: sport, Start: start, Format: "manual"}
	a.Summary = FillSummary(NaN)
	a.Summary.DistanceM, a.Summary.DistanceSource, a.Summary.ElapsedS = 5000, "none", 1800
	a.Summary.HRSeconds = nil
	return a
}

// FillSummary returns a Summary whose every float64 field (and every
// element of its float64 slices) is v, or a distinct non-integer value
// when v is 0, and whose every string and string slice is non-empty. It uses
// reflection, so that a field added to activity.Summary is covered by the
// round-trip tests without anyone updating them.
func FillSummary(v float64) activity.Summary {
	var s activity.Summary
	fill(reflect.ValueOf(&s).Elem(), v)
	return s
}

// FillTotals is FillSummary for activity.Totals.
func FillTotals(v float64) activity.Totals {
	var t activity.Totals
	fill(reflect.ValueOf(&t).Elem(), v)
	return t
}

// fill sets every float64, []float64 and string field of the struct rv.
func fill(rv reflect.Value, v float64) {
	next := 0.0
	value := func() float64 {
		next++
		if v == 0 {
			return next*1.25 + 0.5
		}
		return v
	}
	for i := range rv.NumField() {
		f := rv.Field(i)
		switch {
		case f.Kind() == reflect.Float64:
			f.SetFloat(value())
		case f.Kind() == reflect.String:
			f.SetString(fmt.Sprintf("%s-%d", rv.Type().Field(i).Name, i))
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Float64:
			f.Set(reflect.MakeSlice(f.Type(), 4, 4))
			for j := range 4 {
				f.Index(j).SetFloat(value())
			}
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			name := rv.Type().Field(i).Name
			f.Set(reflect.ValueOf([]string{name + " one", name + " two"}).Convert(f.Type()))
		case f.Kind() == reflect.Struct:
			fill(f, v)
		default:
			panic(fmt.Sprintf("storetest: fill: unhandled field %s %s", rv.Type().Field(i).Name, f.Type()))
		}
	}
}

// NewSamples returns n samples one second apart from start, with values
// off the storage grid (so engines quantize them) and with absent values:
// no position for the first 5 samples, no heart rate from sample n/2 for
// 30 samples, no power at all.
func NewSamples(start time.Time, n int) []activity.Sample {
	out := make([]activity.Sample, n)
	for i := range out {
		s := activity.NewSample(start.Add(time.Duration(i) * time.Second))
		x := float64(i)
		if i >= 5 {
			s.LatDeg = 45.8326 + x*1.9e-5 + 3e-6*math.Sin(x/7)
			s.LonDeg = 6.8652 + x*1.3e-5 + 3e-6*math.Cos(x/5)
		}
		s.AltitudeM = 1035 + 10*math.Sin(x/300) + 0.123456
		s.DistanceM = x * 3.012345
		s.SpeedMS = 3 + 0.4*math.Sin(x/13)
		if i < n/2 || i >= n/2+30 {
			s.HeartRateBPM = math.Round(150 + 10*math.Sin(x/120))
		}
		s.CadenceSPM = 170 + 2*math.Sin(x/3)
		s.TemperatureC = 20 + x/1000
		out[i] = s
	}
	return out
}

// SampleEqual reports whether two samples are equal to within the
// resolution every engine must keep: 1 ms for Time, 1e-7 degree for
// positions, 1 cm for altitude and distance, 1 mm/s for speed and 0.1 for
// heart rate, cadence, power and temperature (each value may move by half
// of that). Absent (NaN) values must stay absent. The time zone need not
// survive.
func SampleEqual(x, y activity.Sample) bool {
	if d := x.Time.Sub(y.Time); d < -time.Millisecond/2 || d > time.Millisecond/2 {
		return false
	}
	near := func(a, b, step float64) bool {
		if math.IsNaN(a) || math.IsNaN(b) {
			return math.IsNaN(a) && math.IsNaN(b)
		}
		return math.Abs(a-b) <= step/2*(1+1e-9)
	}
	return near(x.LatDeg, y.LatDeg, 1e-7) && near(x.LonDeg, y.LonDeg, 1e-7) &&
		near(x.AltitudeM, y.AltitudeM, 0.01) && near(x.DistanceM, y.DistanceM, 0.01) &&
		near(x.SpeedMS, y.SpeedMS, 0.001) && near(x.HeartRateBPM, y.HeartRateBPM, 0.1) &&
		near(x.CadenceSPM, y.CadenceSPM, 0.1) && near(x.PowerW, y.PowerW, 0.1) &&
		near(x.TemperatureC, y.TemperatureC, 0.1)
}

// MustCreateActivity creates a in s, failing the test on error, and
// returns a for chaining.
func MustCreateActivity(tb testing.TB, s store.Store, a *store.Activity) *store.Activity {
	tb.Helper()
	if err := s.CreateActivity(context.Background(), a); err != nil {
		tb.Fatalf("CreateActivity(%s): %v", a.SourceFile, err)
	}
	return a
}

// MustFindActivityByID returns the activity with id, failing the test on
// error.
func MustFindActivityByID(tb testing.TB, s store.Store, id int64) *store.Activity {
	tb.Helper()
	a, err := s.FindActivityByID(context.Background(), id)
	if err != nil {
		tb.Fatalf("FindActivityByID(%d): %v", id, err)
	}
	return a
}

// MustCount returns how many activities s holds.
func MustCount(tb testing.TB, s store.Store) int {
	tb.Helper()
	_, n, err := s.FindActivities(context.Background(), store.ActivityFilter{})
	if err != nil {
		tb.Fatalf("FindActivities: %v", err)
	}
	return n
}

// CheckNowStampsImportedAt fails tb unless CreateActivity on s stamps an
// activity without an ImportedAt with now, the time the engine's clock
// (its Now field) was set to return, both in the activity and in the
// store. Engines call it from their own tests, since only they have a
// clock to set.
func CheckNowStampsImportedAt(tb testing.TB, s store.Store, now time.Time) {
	tb.Helper()
	a := NewActivity(day, activity.Running)
	a.ImportedAt = time.Time{}
	MustCreateActivity(tb, s, a)
	if !a.ImportedAt.Equal(now) {
		tb.Errorf("ImportedAt set to %v, want %v", a.ImportedAt, now)
	}
	if got := MustFindActivityByID(tb, s, a.ID).ImportedAt; !got.Equal(now) {
		tb.Errorf("stored ImportedAt = %v, want %v", got, now)
	}
}

// CheckConflictAcrossHandles creates an activity through first and fails
// tb unless creating the same activity through second, another handle on
// the same database (another process or app server), returns ECONFLICT.
// Engines call it from their own tests, since only they can open two
// handles on one database.
func CheckConflictAcrossHandles(tb testing.TB, first, second store.Store) {
	tb.Helper()
	MustCreateActivity(tb, first, NewActivity(day, activity.Running))
	err := second.CreateActivity(context.Background(), NewActivity(day, activity.Running))
	if code := rebound.ErrorCode(err); code != rebound.ECONFLICT {
		tb.Errorf("CreateActivity on the second handle = %v, want ECONFLICT", err)
	}
}
