package coach_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/recovery"
)

// lead returns the plan's priority-1 steps, a group of alternatives
// counted once, and every step's id by priority.
func lead(p *coach.Plan) (n int, byPrio map[int][]string) {
	byPrio = map[int][]string{}
	groups := map[string]bool{}
	for _, s := range p.Steps {
		byPrio[s.Priority] = append(byPrio[s.Priority], s.ID)
		if s.Priority != coach.DoThis || s.ID == "electrolytes" {
			continue
		}
		if s.Group != "" {
			if groups[s.Group] {
				continue
			}
			groups[s.Group] = true
		}
		n++
	}
	return n, byPrio
}

// injuryCare and soakCatalogue are what an easy run without soreness
// must not lead with (issue #11: contrast baths, an ice pack, RICE,
// massage, cross-fibre friction, Active Release Technique, supplements).
var notAfterEasy = []string{"contrast-therapy", "ice-pack", "rice", "massage", "cross-fiber-friction-massage",
	"active-release-technique", "supplements", "cold-water-immersion"}

func downhillRun(id int64, start time.Time) *coach.Activity {
	a := run(id, start, 7.5, 140)
	a.Summary.AscentM, a.Summary.DescentM, a.Summary.DownhillM = 20, 600, 5000
	return a
}

// TestPlanLeads: each plan leads with 3-6 steps chosen for the run, every
// step has a priority, injury care never leads without a sore spot, and
// the focus follows the muscles the run loaded.
func TestPlanLeads(t *testing.T) {
	for _, tc := range []struct {
		name     string
		a        *coach.Activity
		mustLead []string
		never    []string
		focus    map[string]string // step id -> a muscle its focus must hold
	}{
		{"EasyFiveKm", run(100, day21, 5, 135), []string{"refuel", "rehydrate"}, notAfterEasy, nil},
		{"LongRun", run(100, day21, 24, 145), []string{"refuel", "rehydrate", "massage", "rest-day", "active-recovery"},
			[]string{"ice-pack", "rice", "supplements"}, map[string]string{"massage": "calves"}},
		{"Downhill", downhillRun(100, day21), []string{"refuel", "massage"}, []string{"ice-pack", "rice"},
			map[string]string{"massage": "quads"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := withRun(t, history(), tc.a, coach.WeightChange{})
			n, by := lead(p)
			if n < 3 || n > coach.LeadSteps {
				t.Errorf("%d steps lead, want 3-%d: %v", n, coach.LeadSteps, by[coach.DoThis])
			}
			for _, id := range tc.mustLead {
				if !slices.Contains(by[coach.DoThis], id) {
					t.Errorf("%s does not lead: %v", id, by[coach.DoThis])
				}
			}
			for _, id := range tc.never {
				if slices.Contains(by[coach.DoThis], id) {
					t.Errorf("%s leads: %v", id, by[coach.DoThis])
				}
			}
			for _, s := range p.Steps {
				if s.Priority < coach.DoThis || s.Priority > coach.MoreOptions {
					t.Errorf("%s has priority %d", s.ID, s.Priority)
				}
				if want, ok := tc.focus[s.ID]; ok && !slices.Contains(s.Focus, want) {
					t.Errorf("%s focus %v, want %s in it", s.ID, s.Focus, want)
				}
			}
			// The steps are ordered by priority.
			for i := 1; i < len(p.Steps); i++ {
				if p.Steps[i].Priority < p.Steps[i-1].Priority {
					t.Fatalf("%s (priority %d) after %s (%d)", p.Steps[i].ID, p.Steps[i].Priority, p.Steps[i-1].ID, p.Steps[i-1].Priority)
				}
			}
		})
	}
}

// TestSoreSpotBringsIceForward: ice and RICE stay among the more options
// until the runner rates a muscle SoreSpotRating (6) or more, and even
// then they only help, never lead.
func TestSoreSpotBringsIceForward(t *testing.T) {
	h := history()
	a := run(100, day21, 24, 145)
	h.Activities = append(h.Activities, a)
	next := day21.AddDate(0, 0, 1)
	for _, tc := range []struct {
		rating float64
		want   int
	}{{0, coach.MoreOptions}, {4, coach.MoreOptions}, {7, coach.Helpful}} {
		h.CheckIns = []recovery.CheckIn{morning(next, map[recovery.Muscle]float64{recovery.Quads: tc.rating}, true)}
		p, err := coach.NewState(h, next.Add(9*time.Hour)).Plan(100, coach.WeightChange{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range p.Steps {
			if (s.ID == "ice-pack" || s.ID == "rice") && s.Priority != tc.want {
				t.Errorf("quads rated %v: %s priority %d, want %d", tc.rating, s.ID, s.Priority, tc.want)
			}
		}
	}
}

// TestNutritionScalesWithTheSession: a 30-minute jog and a 2 h 15 long run
// (70 kg) both get the articles' dose as the floor: 0.8-1.2 g/kg
// carbohydrate = 56-84 g and 0.25-0.4 g/kg protein = 18-28 g within
// 30-60 min. The long run, with no session within 8 h, gets the day's
// meals, and fast refuelling, 1.0-1.2 g/kg/h = 70-84 g an hour for up to
// 4 h, only as a condition: Thomas, Erdman & Burke 2016 reserve it for
// sessions less than about 8 h apart (review 2, N3). The jog says the
// next meal can be it. Fluid: the jog keeps 16-24 fl oz = 473-710 ml; the
// long run at an unknown temperature, steady (0.5-1.0 L/h, Sawka et al.
// 2007), adds the 75 min beyond the first hour: 473 + 1.25 × 500 = 1098
// to 710 + 1.25 × 1000 = 1960 ml, rounded to 10 ml.
func TestNutritionScalesWithTheSession(t *testing.T) {
	jog := run(100, day21, 30.0*60/330, 135) // 30 min at 5:30/km
	jog.Summary.AvgTempC = math.NaN()
	long := run(100, day21, 135.0*60/330, 140) // 135 min
	long.Summary.AvgTempC = math.NaN()
	pj := withRun(t, history(), jog, coach.WeightChange{})
	pl := withRun(t, history(), long, coach.WeightChange{})
	for _, p := range []*coach.Plan{pj, pl} {
		if n := p.Nutrition; n.CarbsG != (coach.Range{Min: 56, Max: 84}) || n.ProteinG != (coach.Range{Min: 18, Max: 28}) {
			t.Errorf("%s: carbs %v protein %v, want 56-84 and 18-28 g", p.Run.Kind, n.CarbsG, n.ProteinG)
		}
	}
	if n := pj.Nutrition; n.FastCarbsGPerH != nil || !n.NextMeal || n.FluidML != (coach.Range{Min: 473, Max: 710}) || n.FluidFrom != "default" {
		t.Errorf("30-min jog: %+v", n)
	}
	if n := pl.Nutrition; n.FastCarbsGPerH != nil || n.FastHours != 0 ||
		n.NextMeal || n.FluidML != (coach.Range{Min: 1100, Max: 1960}) || n.FluidFrom != "estimate" {
		t.Errorf("2 h 15 long run: %+v (fast %v)", n, n.FastCarbsGPerH)
	}
	if d := step(pl, "refuel").Dose; !strings.Contains(d, "then carbohydrate-rich meals through the day") ||
		!strings.Contains(d, "only if you train again within 8 h: 70-84 g carbohydrate an hour for up to 4 h") {
		t.Errorf("2 h 15 long run, refuel: %q", d)
	}
	// Two sessions 6 h apart: the first is refuelled fast.
	h := history()
	h.Activities = append(h.Activities, long, run(101, day21.Add(6*time.Hour+135*time.Minute), 5, 135))
	st := coach.NewState(h, day21.AddDate(0, 0, 1))
	twice, err := st.Plan(100, coach.WeightChange{})
	if err != nil {
		t.Fatal(err)
	}
	if n := twice.Nutrition; n.FastCarbsGPerH == nil || *n.FastCarbsGPerH != (coach.Range{Min: 70, Max: 84}) || n.FastHours != 4 {
		t.Errorf("long run 6 h before the next: %+v (fast %v)", n, n.FastCarbsGPerH)
	}
}
