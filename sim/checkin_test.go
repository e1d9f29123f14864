package sim_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/sim"
)

func TestCheckIns(t *testing.T) {
	r, ws := season(t)
	// A runner whose soreness peaks at 36 h, so that it shows two
	// mornings after a run.
	r.SorenessPeakH = 36
	// Her base weeks shape her legs; check-ins begin with the season.
	all := r.SeasonAfterBase(seasonStart(r), 12)
	cs := r.CheckIns(all)
	if len(cs) != len(ws)+sim.PostSeasonDays {
		t.Fatalf("%d check-ins for %d days", len(cs), len(ws))
	}
	if !reflect.DeepEqual(cs, r.CheckIns(all)) {
		t.Fatal("two calls of CheckIns differ")
	}
	groups := sim.MuscleGroups()
	for i, c := range cs {
		if want := seasonStart(r).AddDate(0, 0, i); !c.Date.Equal(want) {
			t.Fatalf("check-in %d dated %v, want %v", i, c.Date, want)
		}
		if len(c.Soreness) != len(groups) {
			t.Fatalf("%v: soreness for %d groups", c.Date, len(c.Soreness))
		}
		for _, g := range groups {
			if v, ok := c.Soreness[g]; !ok || v < 0 || v > 10 {
				t.Fatalf("%v: %s soreness %v", c.Date, g, v)
			}
		}
		if c.SleepH < 4 || c.SleepH > 10 || c.SleepQuality < 1 || c.SleepQuality > 5 || c.Stress < 1 || c.Stress > 5 {
			t.Fatalf("%v: sleep %v h quality %d stress %d", c.Date, c.SleepH, c.SleepQuality, c.Stress)
		}
		if c.RestingHR < r.RestingHR-6 || c.RestingHR > r.RestingHR+15 || c.HRVms < 20 || c.HRVms > 150 {
			t.Fatalf("%v: resting HR %v, HRV %v", c.Date, c.RestingHR, c.HRVms)
		}
	}

	// The morning after the race, legs are sorer, resting HR higher and
	// HRV lower than on race morning (after the taper).
	race := 0
	for i, w := range ws {
		if w.Kind == sim.Race {
			race = i
		}
	}
	before, after := cs[race], cs[race+1]
	if after.Soreness["quads"] < before.Soreness["quads"]+2 {
		t.Errorf("quads soreness %v on race morning, %v the day after", before.Soreness["quads"], after.Soreness["quads"])
	}

	// Averaged over the season, mornings after a long run or a race show
	// a higher resting HR and a lower HRV than mornings after a rest day,
	// and soreness is higher two mornings after a long run or race (near
	// the DOMS peak at 36 h) than after two quiet days.
	var hardRHR, restRHR, hardHRV, restHRV []float64
	for i := 1; i < len(ws); i++ {
		c := cs[i]
		switch ws[i-1].Kind {
		case sim.Long, sim.Race:
			hardRHR = append(hardRHR, c.RestingHR)
			hardHRV = append(hardHRV, c.HRVms)
		case sim.Rest:
			restRHR = append(restRHR, c.RestingHR)
			restHRV = append(restHRV, c.HRVms)
		}
	}
	if mean(hardRHR) <= mean(restRHR) || mean(hardHRV) >= mean(restHRV) {
		t.Errorf("after long runs: RHR %.1f, HRV %.1f; after rest days: %.1f, %.1f",
			mean(hardRHR), mean(hardHRV), mean(restRHR), mean(restHRV))
	}
	var peakSore, quietSore []float64
	quiet := func(k sim.Kind) bool { return k == sim.Rest || k == sim.Easy || k == sim.Recovery }
	for i := 2; i < len(ws); i++ {
		total := 0.0
		for _, v := range cs[i].Soreness {
			total += v
		}
		switch {
		case ws[i-2].Kind == sim.Long || ws[i-2].Kind == sim.Race:
			peakSore = append(peakSore, total)
		case quiet(ws[i-2].Kind) && quiet(ws[i-1].Kind):
			quietSore = append(quietSore, total)
		}
	}
	if mean(peakSore) <= mean(quietSore)*1.2 {
		t.Errorf("total soreness two mornings after long runs %.1f, after quiet days %.1f", mean(peakSore), mean(quietSore))
	}

	// A more sensitive runner with a slower recovery is sorer.
	slow := r
	slow.SorenessSensitivity, slow.SorenessPeakH = 2*r.SorenessSensitivity, 1.5*r.SorenessPeakH
	sum := func(cs []sim.CheckIn) (s float64) {
		for _, c := range cs {
			for _, v := range c.Soreness {
				s += v
			}
		}
		return s
	}
	if sum(slow.CheckIns(all)) <= sum(cs)*1.3 {
		t.Error("a more sensitive, slower-recovering runner is not sorer")
	}
}

// A simulated check-in becomes a valid recovery.CheckIn with the same
// values: its muscle groups are the recovery model's, and its symptoms
// are copied (never nil).
func TestCheckInRecovery(t *testing.T) {
	r, ws := season(t)
	r.Complaints = []sim.Complaint{{Symptom: "sharp-pain", DaysBeforeEnd: 0}}
	cs := r.CheckIns(ws)
	for _, c := range []sim.CheckIn{cs[0], cs[len(ws)-1]} { // no symptoms; one
		got := c.Recovery()
		if err := recovery.ValidateCheckIn(got); err != nil {
			t.Errorf("%v: %v", c.Date, err)
		}
		if !got.Date.Equal(c.Date) || got.SleepH != c.SleepH || got.SleepQuality != float64(c.SleepQuality) ||
			got.Stress != float64(c.Stress) || got.RestingHR != c.RestingHR || got.HRVms != c.HRVms ||
			len(got.Soreness) != len(c.Soreness) || got.Symptoms == nil || !slices.Equal(got.Symptoms, c.Symptoms) && len(c.Symptoms) > 0 {
			t.Errorf("%+v became %+v", c, got)
		}
		for g, v := range c.Soreness {
			if got.Soreness[recovery.Muscle(g)] != v {
				t.Errorf("%s: %v became %v", g, v, got.Soreness[recovery.Muscle(g)])
			}
		}
		if len(got.Symptoms) > 0 {
			got.Symptoms[0] = "changed"
			if c.Symptoms[0] == "changed" {
				t.Error("the recovery check-in shares its symptoms with the simulated one")
			}
		}
	}
	if len(cs[len(ws)-1].Symptoms) == 0 {
		t.Fatal("the season's last check-in reports no symptom")
	}
}
