package sim_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/sim"
)

// weekly sums a season's running per week (index 1 is week 1): the
// number of runs, the planned distance in km, and the weekdays run on.
func weekly(ws []sim.Workout) (runs []int, km []float64, days []map[time.Weekday]bool) {
	n := ws[len(ws)-1].Week + 1
	runs, km, days = make([]int, n), make([]float64, n), make([]map[time.Weekday]bool, n)
	for i := range days {
		days[i] = map[time.Weekday]bool{}
	}
	for _, w := range ws {
		if w.Sport.IsRun() {
			runs[w.Week]++
			km[w.Week] += w.PlannedDistanceM() / 1000
			days[w.Week][w.Start.Weekday()] = true
		}
	}
	return runs, km, days
}

// TestClubMates checks that each club-mate is the runner its constructor
// describes: its plan's runs a week and heaviest week, what its profile
// lists, and the red flags of its last check-in.
func TestClubMates(t *testing.T) {
	tests := []struct {
		name        string
		r           sim.Runner
		plan        sim.Plan
		runs        [2]int     // runs in every week, at least and at most
		peakKm      [2]float64 // the heaviest week's planned running, km
		conditions  []string
		lastSymptom []string // on the season's last check-in
	}{
		{"Beginner", sim.BeginnerRunner(), sim.Beginner, [2]int{3, 3}, [2]float64{14, 18}, nil, nil},
		{"Marathon", sim.MarathonRunner(), sim.MarathonBlock, [2]int{6, 6}, [2]float64{100, 120}, nil, nil},
		{"Veteran", sim.VeteranRunner(), "", [2]int{4, 6}, [2]float64{60, 80}, []string{"heart-disease"}, nil},
		{"Injured", sim.InjuredRunner(), "", [2]int{4, 6}, [2]float64{60, 80}, nil, []string{"bone-pain"}},
	}
	seeds := map[int64]bool{sim.DefaultRunner().Seed: true}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			if got := sim.ClubMates()[i]; !reflect.DeepEqual(got, r) {
				t.Errorf("ClubMates()[%d] is %s, want %s", i, got.Name, r.Name)
			}
			if seeds[r.Seed] {
				t.Errorf("seed %d is another runner's", r.Seed)
			}
			seeds[r.Seed] = true
			if r.Plan != tt.plan || r.Name == "" || r.About == "" {
				t.Errorf("plan %q, name %q, about %q", r.Plan, r.Name, r.About)
			}
			p := r.Profile()
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(p.Conditions, tt.conditions) {
				t.Errorf("conditions %v, want %v", p.Conditions, tt.conditions)
			}
			for _, c := range p.Conditions {
				if !slices.Contains(profile.Conditions, c) {
					t.Errorf("unknown condition %q", c)
				}
			}
			for _, e := range p.Equipment {
				if !slices.Contains(profile.Equipment, e) {
					t.Errorf("unknown equipment %q", e)
				}
			}
			ws := r.Season(seasonStart(r), 12)
			if !reflect.DeepEqual(ws, r.Season(seasonStart(r), 12)) {
				t.Fatal("two calls of Season differ")
			}
			runs, km, _ := weekly(ws)
			for wk := 1; wk <= 12; wk++ {
				if runs[wk] < tt.runs[0] || runs[wk] > tt.runs[1] {
					t.Errorf("week %d has %d runs, want %d-%d", wk, runs[wk], tt.runs[0], tt.runs[1])
				}
			}
			if peak := slices.Max(km); peak < tt.peakKm[0] || peak > tt.peakKm[1] {
				t.Errorf("heaviest week %.1f km, want %.0f-%.0f (weeks %.0f)", peak, tt.peakKm[0], tt.peakKm[1], km[1:])
			}
			cs := r.CheckIns(ws)
			last := cs[len(ws)-1] // the season's last day
			if !slices.Equal(last.Symptoms, tt.lastSymptom) {
				t.Errorf("last check-in's symptoms %v, want %v", last.Symptoms, tt.lastSymptom)
			}
			for _, id := range last.Symptoms {
				if _, ok := protocol.SymptomByID(id); !ok {
					t.Errorf("symptom %q is not a protocol red flag", id)
				}
			}
		})
	}
}

// TestBeginnerPlan: three easy runs a week, on Tuesday, Thursday and
// Saturday, of 2-6 km, longest on Saturday.
func TestBeginnerPlan(t *testing.T) {
	r := sim.BeginnerRunner()
	ws := r.Season(seasonStart(r), 12)
	for _, w := range ws {
		if w.Kind == sim.Rest {
			continue
		}
		d := w.PlannedDistanceM() / 1000
		if w.Kind != sim.Easy || d < 2 || d > 6 {
			t.Errorf("%s: %s of %.1f km, want easy runs of 2-6 km", w.Start.Format("Mon 2 Jan"), w.Kind, d)
		}
	}
	_, km, days := weekly(ws)
	want := map[time.Weekday]bool{time.Tuesday: true, time.Thursday: true, time.Saturday: true}
	for wk := 1; wk <= 12; wk++ {
		if !reflect.DeepEqual(days[wk], want) {
			t.Errorf("week %d runs on %v, want Tuesday, Thursday and Saturday", wk, days[wk])
		}
	}
	if km[12] <= km[1] || km[4] >= km[3] {
		t.Errorf("weekly km %.1f: want growth with a cutback in week 4", km[1:])
	}
}

// TestMarathonBlockPlan: six runs a week (rest on Mondays), no race, and
// a final fortnight that is the season's heaviest, a quarter or more
// above the week before, with marathon pace on both weekend days.
func TestMarathonBlockPlan(t *testing.T) {
	r := sim.MarathonRunner()
	ws := r.Season(seasonStart(r), 12)
	_, km, days := weekly(ws)
	for wk := 1; wk <= 12; wk++ {
		if days[wk][time.Monday] {
			t.Errorf("week %d has a run on Monday", wk)
		}
	}
	for _, w := range ws {
		if w.Kind == sim.Race {
			t.Errorf("a race on %v: the block has none", w.Start)
		}
	}
	before := slices.Max(km[1:11])
	if km[11] < 1.25*before || km[12] < 1.25*before {
		t.Errorf("block weeks %.1f and %.1f km against %.1f before: want 25 %% more", km[11], km[12], before)
	}
	mp := 0
	for _, w := range ws[len(ws)-7:] {
		for _, s := range w.Segments {
			if s.Label == "marathon pace" {
				mp++
				break
			}
		}
	}
	if mp != 2 {
		t.Errorf("%d sessions at marathon pace in the last week, want 2 (Saturday and Sunday)", mp)
	}
}

// TestComplaintsAndStress: a complaint is reported from DaysBeforeEnd
// before the season's last day on, and a stressful job means more stress
// and less sleep than the default on working days.
func TestComplaintsAndStress(t *testing.T) {
	r, ws := season(t)
	base := r.CheckIns(ws)
	r.Complaints = []sim.Complaint{{Symptom: "sharp-pain", DaysBeforeEnd: 2}}
	cs := r.CheckIns(ws)
	end := len(ws) - 1 // the season's last day
	for i, c := range cs {
		want := i >= end-2
		if got := slices.Contains(c.Symptoms, "sharp-pain"); got != want {
			t.Errorf("check-in %d (last day %d) reports sharp pain: %v, want %v", i, end, got, want)
		}
		if base[i].Symptoms != nil {
			t.Errorf("check-in %d of a runner without complaints has symptoms %v", i, base[i].Symptoms)
		}
	}

	tests := []struct {
		stress           float64
		minStress, maxHr float64 // mean weekday stress at least, mean weekday sleep at most
	}{
		{4.5, 4.0, r.SleepNeedH - 0.4},
		{sim.DefaultWorkdayStress, 2.5, r.SleepNeedH},
	}
	for _, tt := range tests {
		s := r
		s.WorkdayStress = tt.stress
		var stress, sleep []float64
		for _, c := range s.CheckIns(ws) {
			if wd := c.Date.Weekday(); wd >= time.Monday && wd <= time.Thursday {
				stress = append(stress, float64(c.Stress))
				sleep = append(sleep, c.SleepH)
			}
		}
		if mean(stress) < tt.minStress || mean(sleep) > tt.maxHr {
			t.Errorf("workday stress %.1f: mean stress %.2f (want >= %.1f), sleep %.2f h (want <= %.1f)",
				tt.stress, mean(stress), tt.minStress, mean(sleep), tt.maxHr)
		}
	}
	def := r
	def.WorkdayStress = sim.DefaultWorkdayStress
	if !reflect.DeepEqual(def.CheckIns(ws), cs) {
		t.Error("WorkdayStress = DefaultWorkdayStress differs from leaving it unset")
	}
}
