package sim_test

import (
	"math"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/sim"
)

// seasonStart is a Tuesday, like the demo's example dates.
func seasonStart(r sim.Runner) time.Time { return time.Date(2026, 9, 1, 0, 0, 0, 0, r.Location) }

func season(t testing.TB) (sim.Runner, []sim.Workout) {
	t.Helper()
	r := sim.DefaultRunner()
	return r, r.Season(seasonStart(r), 12)
}

// recorded is the default runner's season with every workout recorded
// (nil on rest days), computed once: the race detector makes it slow.
var recorded = sync.OnceValues(func() ([]sim.Workout, []*activity.Activity) {
	r := sim.DefaultRunner()
	ws := r.Season(seasonStart(r), 12)
	as := make([]*activity.Activity, len(ws))
	for i, w := range ws {
		as[i] = r.Record(w)
	}
	return ws, as
})

// first returns the first workout of kind k.
func first(t testing.TB, ws []sim.Workout, k sim.Kind) sim.Workout {
	t.Helper()
	for _, w := range ws {
		if w.Kind == k {
			return w
		}
	}
	t.Fatalf("no %s workout in the season", k)
	return sim.Workout{}
}

func TestSeasonDeterministic(t *testing.T) {
	r, a := season(t)
	b := r.Season(seasonStart(r), 12)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls of Season with the same runner differ")
	}
	r.Seed++
	if reflect.DeepEqual(a, r.Season(seasonStart(r), 12)) {
		t.Error("a different seed gave the same season")
	}
}

func TestSeasonShape(t *testing.T) {
	_, ws := season(t)
	if len(ws) != 84 {
		t.Fatalf("12 weeks have %d days, want 84", len(ws))
	}
	kinds := map[sim.Kind]int{}
	type week struct {
		runs, long int
		km         float64
	}
	weeks := make([]week, 13)
	for i, w := range ws {
		kinds[w.Kind]++
		if want := seasonStart(sim.DefaultRunner()).AddDate(0, 0, i); !sameDate(w.Start, want) {
			t.Errorf("day %d starts %v, want on %v", i, w.Start, want)
		}
		if w.Week != i/7+1 || w.Day != i%7 {
			t.Errorf("day %d is week %d day %d", i, w.Week, w.Day)
		}
		if w.Kind == sim.Rest {
			continue
		}
		if w.Start.Second() == 0 && w.Start.Minute() == 0 && w.Start.Hour() == 0 {
			t.Errorf("%s on %v starts at midnight", w.Kind, w.Start)
		}
		if len(w.Segments) == 0 {
			t.Errorf("%s on %v has no segments", w.Kind, w.Start)
		}
		if w.Sport.IsRun() {
			weeks[w.Week].runs++
			weeks[w.Week].km += w.PlannedDistanceM() / 1000
		}
		if w.Kind == sim.Long || w.Kind == sim.Race {
			weeks[w.Week].long++
			if wd := w.Start.Weekday(); wd != time.Sunday {
				t.Errorf("%s on a %v", w.Kind, wd)
			}
		}
	}
	ok := 0
	for n := 1; n <= 12; n++ {
		wk := weeks[n]
		t.Logf("week %2d: %d runs, %5.1f km planned", n, wk.runs, wk.km)
		if wk.runs >= 4 && wk.runs <= 6 {
			ok++
		}
		if wk.long != 1 {
			t.Errorf("week %d has %d long runs or races, want 1", n, wk.long)
		}
	}
	if ok < 10 {
		t.Errorf("only %d of 12 weeks have 4-6 runs", ok)
	}
	for _, k := range []sim.Kind{sim.Intervals, sim.Hills, sim.Tempo, sim.Easy, sim.Recovery, sim.Cross} {
		if kinds[k] == 0 {
			t.Errorf("no %s workout", k)
		}
	}
	if kinds[sim.Race] != 1 {
		t.Errorf("%d races, want 1", kinds[sim.Race])
	}
	// The race is the last workout.
	for i := len(ws) - 1; i >= 0; i-- {
		if ws[i].Kind != sim.Rest {
			if ws[i].Kind != sim.Race || ws[i].Week != 12 {
				t.Errorf("last workout is %s in week %d, want the race in week 12", ws[i].Kind, ws[i].Week)
			}
			break
		}
	}
	// The long run grows from 14 km to 28 km, with cutbacks.
	var longs []float64
	for _, w := range ws {
		if w.Kind == sim.Long {
			longs = append(longs, w.PlannedDistanceM()/1000)
		}
	}
	if longs[0] != 14 || slicesMax(longs) != 28 {
		t.Errorf("long runs %v: want 14 km first and 28 km at the peak", longs)
	}
	if weeks[4].km >= weeks[3].km || weeks[8].km >= weeks[7].km || weeks[11].km >= weeks[10].km {
		t.Errorf("cutback weeks 4 and 8 and the taper should be lighter than the week before")
	}
}

func TestRecordDeterministic(t *testing.T) {
	r, ws := season(t)
	w := first(t, ws, sim.Long)
	a, b := r.Record(w), r.Record(w)
	if !sameActivity(a, b) {
		t.Fatal("two calls of Record differ")
	}
	if r.Record(first(t, ws, sim.Rest)) != nil {
		t.Error("Record of a rest day is not nil")
	}
}

func TestRecordTrack(t *testing.T) {
	r := sim.DefaultRunner()
	ws, as := recorded()
	for i, w := range ws {
		if w.Kind == sim.Rest {
			continue
		}
		a := as[i]
		ss := a.Samples
		if !ss[0].Time.Equal(w.Start) {
			t.Errorf("%s: first sample at %v, want %v", w.Title, ss[0].Time, w.Start)
		}
		for i := 1; i < len(ss); i++ {
			dt := ss[i].Time.Sub(ss[i-1].Time)
			if dt != time.Second && !inPause(a.Pauses, ss[i-1].Time, ss[i].Time) {
				t.Fatalf("%s: %v between samples %d and %d outside a pause", w.Title, dt, i-1, i)
			}
			if ss[i].DistanceM < ss[i-1].DistanceM {
				t.Fatalf("%s: distance goes backwards at sample %d", w.Title, i)
			}
		}
		if d := math.Hypot(ss[0].LatDeg-r.StartLat, (ss[0].LonDeg-r.StartLon)*math.Cos(r.StartLat*math.Pi/180)) * 111195; d > 15 {
			t.Errorf("%s starts %.0f m from the start point", w.Title, d)
		}
		if w.Kind != sim.Hills && w.AutoLapM > 0 && w.Sport.IsRun() {
			// A planned distance is run, give or take a stride.
			if got, want := a.DeviceTotals.DistanceM, w.PlannedDistanceM(); math.Abs(got-want) > 10 {
				t.Errorf("%s: ran %.1f m, planned %.0f", w.Title, got, want)
			}
		}
		// Positions follow the distance: the GPS track is a little longer
		// (its noise zigzags) but within a few percent.
		gps := 0.0
		for i := 1; i < len(ss); i++ {
			gps += activity.Haversine(ss[i-1].LatDeg, ss[i-1].LonDeg, ss[i].LatDeg, ss[i].LonDeg)
		}
		if d := a.DeviceTotals.DistanceM; gps < d || gps > 1.03*d {
			t.Errorf("%s: GPS track %.0f m for a distance of %.0f m", w.Title, gps, d)
		}
		for _, s := range ss {
			if s.HeartRateBPM > r.MaxHR || s.HeartRateBPM < r.RestingHR-5 {
				t.Fatalf("%s: heart rate %v outside [rest-5, max]", w.Title, s.HeartRateBPM)
			}
			if w.Sport.IsRun() && s.CadenceSPM != 0 && (s.CadenceSPM < 150 || s.CadenceSPM > 200) {
				t.Fatalf("%s: cadence %v", w.Title, s.CadenceSPM)
			}
		}
	}
}

func TestIntervalsHeartRate(t *testing.T) {
	r, ws := season(t)
	w := first(t, ws, sim.Intervals)
	a := r.Record(w)
	if len(a.Laps) != len(w.Segments) {
		t.Fatalf("%d laps for %d segments", len(a.Laps), len(w.Segments))
	}
	var rep, jog, repCad, jogCad []float64
	for i, seg := range w.Segments {
		l := a.Laps[i]
		switch seg.Intensity {
		case sim.Active:
			rep = append(rep, l.AvgHR)
			repCad = append(repCad, l.AvgCadenceSPM)
			// Within a rep, heart rate climbs: it lags the pace.
			s0, s1 := lapSamples(a, i)
			if s1.HeartRateBPM <= s0.HeartRateBPM+5 {
				t.Errorf("%s: HR %v at the start, %v at the end", seg.Label, s0.HeartRateBPM, s1.HeartRateBPM)
			}
		case sim.Easing:
			jog = append(jog, l.AvgHR)
			jogCad = append(jogCad, l.AvgCadenceSPM)
			s0, s1 := lapSamples(a, i)
			if s1.HeartRateBPM >= s0.HeartRateBPM {
				t.Errorf("jog after %s: HR %v at the start, %v at the end", w.Segments[i-1].Label, s0.HeartRateBPM, s1.HeartRateBPM)
			}
		}
	}
	t.Logf("%s: reps HR %v, jogs HR %v", w.Title, rep, jog)
	if mean(rep) < mean(jog)+8 {
		t.Errorf("mean HR in reps %.0f, in jogs %.0f: want reps clearly higher", mean(rep), mean(jog))
	}
	if mean(repCad) < mean(jogCad)+5 {
		t.Errorf("cadence in reps %.1f, in jogs %.1f: want it to rise with speed", mean(repCad), mean(jogCad))
	}
}

func TestHillsRaiseHeartRate(t *testing.T) {
	r, ws := season(t)
	w := first(t, ws, sim.Hills)
	a := r.Record(w)
	if a.DeviceTotals.AscentM <= 100 {
		t.Errorf("hill repeats climbed %.0f m, want > 100", a.DeviceTotals.AscentM)
	}
	// The warm-up is flat at 0.76 of threshold speed; the reps are
	// slower than threshold pace but uphill, so HR is higher.
	warm, reps := a.Laps[0], []float64{}
	for i, seg := range w.Segments {
		if seg.Intensity == sim.Active {
			reps = append(reps, a.Laps[i].MaxHR)
			if sp := a.Laps[i].DistanceM / a.Laps[i].TimerS; sp >= r.ThresholdSpeedMS() {
				t.Errorf("%s at %.2f m/s: uphill reps should be slower than threshold speed", seg.Label, sp)
			}
		}
	}
	if mean(reps) < warm.MaxHR+20 {
		t.Errorf("peak HR uphill %.0f vs %v in the warm-up", mean(reps), warm.MaxHR)
	}
}

// TestUphillRaisesHeartRate compares heart rate on the climbs and the
// descents of a hilly long run, all planned at the same effort.
func TestUphillRaisesHeartRate(t *testing.T) {
	ws, as := recorded()
	for i, w := range ws {
		if w.Kind != sim.Long || w.Route != sim.HillRoad {
			continue
		}
		ss := as[i].Samples
		var up, down []float64
		j := 0
		for k, s := range ss {
			for ss[j+1].DistanceM <= s.DistanceM-200 {
				j++
			}
			d := s.DistanceM - ss[j].DistanceM
			if d < 150 || s.SpeedMS == 0 {
				continue
			}
			switch g := (s.AltitudeM - ss[j].AltitudeM) / d; {
			case g > 0.025:
				up = append(up, ss[k].HeartRateBPM)
			case g < -0.025:
				down = append(down, ss[k].HeartRateBPM)
			}
		}
		t.Logf("%s: HR %.1f on %d s of climbing, %.1f on %d s of descent", w.Title, mean(up), len(up), mean(down), len(down))
		if len(up) < 300 || len(down) < 300 || mean(up) < mean(down)+5 {
			t.Errorf("%s: HR %.1f uphill vs %.1f downhill", w.Title, mean(up), mean(down))
		}
		return
	}
	t.Fatal("no hilly long run")
}

// TestSeasonalTemperature checks that the autumn season cools down.
func TestSeasonalTemperature(t *testing.T) {
	ws, as := recorded()
	var sep, nov []float64
	for i, w := range ws {
		if as[i] == nil {
			continue
		}
		for _, s := range as[i].Samples {
			switch w.Start.Month() {
			case time.September:
				sep = append(sep, s.TemperatureC)
			case time.November:
				nov = append(nov, s.TemperatureC)
			}
		}
	}
	t.Logf("device temperature: September %.1f °C, November %.1f °C", mean(sep), mean(nov))
	if mean(sep) < mean(nov)+4 {
		t.Errorf("September %.1f °C, November %.1f °C", mean(sep), mean(nov))
	}
}

func TestCardiacDrift(t *testing.T) {
	r, ws := season(t)
	var w sim.Workout
	for _, x := range ws {
		if x.Kind == sim.Long && x.Route == sim.RiverPath && len(x.Segments) == 1 && x.PlannedDistanceM() >= 17000 {
			w = x
			break
		}
	}
	if w.Kind == "" {
		t.Fatal("no flat long run of 17 km or more")
	}
	a := r.Record(w)
	ss := a.Samples
	early := meanHR(ss[15*60 : 35*60])
	late := meanHR(ss[len(ss)-20*60:])
	t.Logf("%s: mean HR minutes 15-35 %.1f, last 20 min %.1f", w.Title, early, late)
	if late < early+3 {
		t.Errorf("no cardiac drift: %.1f then %.1f bpm at the same pace", early, late)
	}
}

func TestStops(t *testing.T) {
	ws, as := recorded()
	lights, pauses := 0, 0
	for i, w := range ws {
		if w.Kind == sim.Rest {
			continue
		}
		a := as[i]
		pauses += len(a.Pauses)
		run := 0
		for _, s := range a.Samples[1:] {
			if s.SpeedMS == 0 {
				run++
				continue
			}
			if run >= sim.RedLightMinS {
				lights++
			}
			run = 0
		}
		if w.Kind == sim.Long && len(a.Pauses) != 1 {
			t.Errorf("%s: %d timer pauses, want the drink stop", w.Title, len(a.Pauses))
		}
		if w.Kind == sim.Race && (len(a.Pauses) > 0 || a.DeviceTotals.TimerS != a.DeviceTotals.ElapsedS) {
			t.Errorf("the race has a pause")
		}
	}
	t.Logf("%d traffic-light waits, %d timer pauses in the season", lights, pauses)
	if lights < 5 || pauses < 10 {
		t.Errorf("%d traffic-light waits and %d timer pauses: want a few of each", lights, pauses)
	}
}

func TestProfile(t *testing.T) {
	r := sim.DefaultRunner()
	p := r.Profile()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.MaxHR != r.MaxHR || p.RestingHR != r.RestingHR || p.Timezone != "Etc/GMT-1" {
		t.Errorf("profile %v", p)
	}
	// Conditions and equipment are copied, not shared.
	v := sim.VeteranRunner()
	vp := v.Profile()
	if !reflect.DeepEqual(vp.Conditions, v.Conditions) || !reflect.DeepEqual(vp.Equipment, v.Equipment) {
		t.Errorf("profile conditions %v, equipment %v", vp.Conditions, vp.Equipment)
	}
	vp.Equipment[0] = "pool"
	if v.Equipment[0] == "pool" {
		t.Error("changing the profile's equipment changed the runner's")
	}
}

// helpers

func sameDate(a, b time.Time) bool {
	ya, ma, da := a.Date()
	yb, mb, db := b.Date()
	return ya == yb && ma == mb && da == db
}

func slicesMax(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = math.Max(m, x)
	}
	return m
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func meanHR(ss []activity.Sample) float64 {
	var hr []float64
	for _, s := range ss {
		hr = append(hr, s.HeartRateBPM)
	}
	return mean(hr)
}

func inPause(ps []activity.Pause, a, b time.Time) bool {
	for _, p := range ps {
		if p.Start.Equal(a) && p.End.Equal(b) {
			return true
		}
	}
	return false
}

// lapSamples returns the first and last sample of lap i.
func lapSamples(a *activity.Activity, i int) (activity.Sample, activity.Sample) {
	end := a.Samples[len(a.Samples)-1].Time
	if i+1 < len(a.Laps) {
		end = a.Laps[i+1].Start
	}
	var s0, s1 activity.Sample
	for _, s := range a.Samples {
		if s.Time.Equal(a.Laps[i].Start) {
			s0 = s
		}
		if s.Time.Equal(end) {
			s1 = s
		}
	}
	return s0, s1
}

// sameActivity compares two activities, treating NaN as equal to NaN.
func sameActivity(a, b *activity.Activity) bool {
	if len(a.Samples) != len(b.Samples) || !reflect.DeepEqual(a.Pauses, b.Pauses) ||
		len(a.Laps) != len(b.Laps) || !sameTotals(*a.DeviceTotals, *b.DeviceTotals) {
		return false
	}
	for i := range a.Samples {
		x, y := a.Samples[i], b.Samples[i]
		if !x.Time.Equal(y.Time) || !eq(x.LatDeg, y.LatDeg) || !eq(x.LonDeg, y.LonDeg) || !eq(x.AltitudeM, y.AltitudeM) ||
			!eq(x.DistanceM, y.DistanceM) || !eq(x.SpeedMS, y.SpeedMS) || !eq(x.HeartRateBPM, y.HeartRateBPM) ||
			!eq(x.CadenceSPM, y.CadenceSPM) || !eq(x.TemperatureC, y.TemperatureC) || !eq(x.PowerW, y.PowerW) {
			return false
		}
	}
	for i := range a.Laps {
		if !a.Laps[i].Start.Equal(b.Laps[i].Start) || !sameTotals(a.Laps[i].Totals, b.Laps[i].Totals) {
			return false
		}
	}
	return true
}

func sameTotals(a, b activity.Totals) bool {
	return eq(a.DistanceM, b.DistanceM) && eq(a.ElapsedS, b.ElapsedS) && eq(a.TimerS, b.TimerS) &&
		eq(a.AvgHR, b.AvgHR) && eq(a.MaxHR, b.MaxHR) && eq(a.AscentM, b.AscentM) && eq(a.DescentM, b.DescentM) &&
		eq(a.AvgCadenceSPM, b.AvgCadenceSPM) && eq(a.Calories, b.Calories)
}

func eq(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func TestBase(t *testing.T) {
	r := sim.DefaultRunner()
	start := seasonStart(r)
	base := r.Base(start, sim.BaseWeeks)
	if len(base) != 7*sim.BaseWeeks {
		t.Fatalf("%d base days, want %d", len(base), 7*sim.BaseWeeks)
	}
	km := 0.0
	for i, w := range base {
		if want := start.AddDate(0, 0, i-7*sim.BaseWeeks); !sameDate(w.Start, want) {
			t.Errorf("base day %d on %v, want %v", i, w.Start, want)
		}
		if w.Week > 0 || w.Week != i/7+1-sim.BaseWeeks {
			t.Errorf("base day %d in week %d", i, w.Week)
		}
		if w.Kind != sim.Rest && w.Kind != sim.Easy && w.Kind != sim.Long {
			t.Errorf("base day %d is %s", i, w.Kind)
		}
		km += w.PlannedDistanceM() / 1000
	}
	// About the season's first week, every week.
	if perWeek := km / sim.BaseWeeks; perWeek < 25 || perWeek > 35 {
		t.Errorf("base weeks of %.0f km", perWeek)
	}
	if all := r.SeasonAfterBase(start, 12); len(all) != len(base)+12*7 || all[len(base)].Week != 1 {
		t.Errorf("SeasonAfterBase: %d days, day %d in week %d", len(all), len(base), all[len(base)].Week)
	}
}
