package present_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/store"
)

// track is n seconds of running north at speedMS from 47°N 8°E, standing
// still during [stopFrom, stopTo); device distance and speed only when
// device is set.
func track(n int, speedMS float64, stopFrom, stopTo int, device bool) *store.Activity {
	start := time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC)
	const metresPerDegLat = 111_195.0 // on the IUGG mean sphere
	a := &activity.Activity{Sport: activity.Running, Start: start}
	d := 0.0
	for i := 0; i < n; i++ {
		s := activity.NewSample(start.Add(time.Duration(i) * time.Second))
		moving := i < stopFrom || i >= stopTo
		if i > 0 && moving {
			d += speedMS
		}
		s.LatDeg, s.LonDeg = 47+d/metresPerDegLat, 8
		s.AltitudeM = 400 + float64(i%100)
		s.HeartRateBPM = 150
		if device {
			s.DistanceM = d
			s.SpeedMS = 0
			if moving {
				s.SpeedMS = speedMS
			}
		}
		a.Samples = append(a.Samples, s)
	}
	return &store.Activity{ID: 1, Activity: a}
}

func TestNewSeriesDevice(t *testing.T) {
	s := present.NewSeries(track(3000, 3, 1500, 1800, true), 1000)
	if s.Points != 1000 {
		t.Fatalf("points %d, want 1000", s.Points)
	}
	for _, col := range [][]present.Num{s.TimeS, s.DistanceM, s.PaceSPerKm, s.HR, s.AltitudeM, s.CadenceSPM} {
		if len(col) != s.Points {
			t.Fatalf("a column of %d values", len(col))
		}
	}
	if got := float64(s.TimeS[999]); got != 2999 {
		t.Errorf("last time %v, want 2999", got)
	}
	if got, want := float64(s.DistanceM[999]), 3.0*(2999-300); math.Abs(got-want) > 1e-6 {
		t.Errorf("last distance %v, want %v", got, want)
	}
	if got := float64(s.PaceSPerKm[100]); math.Abs(got-1000/3.0) > 0.01 {
		t.Errorf("pace %v s/km, want 333.3", got)
	}
	if s.PaceSPerKm[550].Valid() { // samples 1650-1652: standing
		t.Errorf("pace while standing %v, want null", s.PaceSPerKm[550])
	}
	if got := float64(s.HR[10]); got != 150 {
		t.Errorf("HR %v", got)
	}
	if got := float64(s.Lat[999]); math.Abs(got-(47+3.0*2699/111_195)) > 1e-6 {
		t.Errorf("last latitude %v", got)
	}
	if s.CadenceSPM[0].Valid() {
		t.Errorf("cadence %v without cadence samples, want null", s.CadenceSPM[0])
	}
}

// Without device distance the series sums the GPS track and measures
// pace over at least 10 s.
func TestNewSeriesGPS(t *testing.T) {
	s := present.NewSeries(track(600, 4, 300, 360, false), 0)
	if s.Points != 600 {
		t.Fatalf("points %d, want every sample", s.Points)
	}
	if got, want := float64(s.DistanceM[599]), 4.0*(599-60); math.Abs(got-want) > 0.5 {
		t.Errorf("GPS distance %v, want %v", got, want)
	}
	if got := float64(s.PaceSPerKm[200]); math.Abs(got-250) > 1 {
		t.Errorf("GPS pace %v s/km, want 250", got)
	}
	if s.PaceSPerKm[340].Valid() {
		t.Errorf("GPS pace while standing %v, want null", s.PaceSPerKm[340])
	}
}

func TestNewSeriesEmpty(t *testing.T) {
	s := present.NewSeries(&store.Activity{Activity: &activity.Activity{}}, 1000)
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if s.Points != 0 || strings.Contains(string(data), "null") {
		t.Errorf("empty series %s: want empty columns", data)
	}
	// NaN and infinities encode as null, degrees keep 6 decimals and
	// other numbers 2.
	data, err = json.Marshal([]present.Deg{present.Deg(math.NaN()), 47.12345678, present.Deg(math.Inf(-1))})
	if err != nil || string(data) != "[null,47.123457,null]" {
		t.Errorf("Deg JSON %s %v", data, err)
	}
	data, err = json.Marshal([]present.Num{present.Num(math.NaN()), 47.12345678, present.Num(math.Inf(1)), -3.006})
	if err != nil || string(data) != "[null,47.12,null,-3.01]" {
		t.Errorf("Num JSON %s %v", data, err)
	}
}
