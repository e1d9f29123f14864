package coach_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/sim"
)

// morning is a check-in of day d (midnight) with the given soreness and
// symptoms; answered says whether the symptom question was answered.
func morning(d time.Time, sore map[recovery.Muscle]float64, answered bool, symptoms ...string) recovery.CheckIn {
	nan := math.NaN()
	if sore == nil {
		sore = map[recovery.Muscle]float64{}
	}
	return recovery.CheckIn{Date: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, d.Location()), Soreness: sore,
		SleepH: 8, SleepQuality: 4, Stress: 2, RestingHR: nan, HRVms: nan, Symptoms: symptoms, SymptomsAnswered: answered}
}

// TestDecision walks the rules of the day's one decision (issue #10): the
// most restrictive of a red flag, reported and forecast soreness, the
// recovery clocks, the readiness band and a break from running decides,
// and the score is held in that recommendation's band.
func TestDecision(t *testing.T) {
	// history(): three weeks of four easy 8 km runs, the last on day 20
	// (Sunday 27 Sep 07:00); day21 is the Monday after, and now the
	// Tuesday at 17:00, 58 h after it (an easy run's clock is at most 36 h).
	now := day21.AddDate(0, 0, 1).Add(10 * time.Hour)
	tue := day21.AddDate(0, 0, 1)
	for _, tc := range []struct {
		name     string
		edit     func(h *coach.History)
		at       time.Time
		want     recovery.Recommendation
		by       string
		inReason string
	}{
		{"Fresh", nil, now, recovery.QualityOK, coach.ByReadiness, "quality session is fine"},
		{"BonePain", func(h *coach.History) { h.CheckIns = append(h.CheckIns, morning(tue, nil, true, "bone-pain")) },
			now, recovery.Rest, coach.ByRedFlag, "pain in a bone"},
		{"FlagStandsWithoutAnswer", func(h *coach.History) {
			h.CheckIns = append(h.CheckIns, morning(day21, nil, true, "bone-pain"), morning(tue, nil, false))
		}, now, recovery.Rest, coach.ByRedFlag, "see a professional"},
		// A cleared flag leaves a graded return: easy runs only for
		// coach.ReturnDays (7) from the clearing check-in (review 2, N8),
		// then the readiness band decides again.
		{"FlagClearedByAnswer", func(h *coach.History) {
			h.CheckIns = append(h.CheckIns, morning(day21, nil, true, "chest-pain"), morning(tue, nil, true))
		}, now, recovery.EasyRun, coach.ByReturn, "ease back in"},
		{"BonePainClearedSixDaysAgo", func(h *coach.History) {
			h.CheckIns = append(h.CheckIns, morning(day21, nil, true, "bone-pain"), morning(tue, nil, true))
		}, tue.AddDate(0, 0, 6).Add(10 * time.Hour), recovery.EasyRun, coach.ByReturn, "pain in a bone"},
		{"BonePainClearedAWeekAgo", func(h *coach.History) {
			h.CheckIns = append(h.CheckIns, morning(day21, nil, true, "bone-pain"), morning(tue, nil, true))
		}, tue.AddDate(0, 0, 7).Add(10 * time.Hour), recovery.QualityOK, coach.ByReadiness, ""},
		{"ChestPainUrgent", func(h *coach.History) { h.CheckIns = append(h.CheckIns, morning(tue, nil, true, "chest-pain")) },
			now, recovery.Rest, coach.ByRedFlag, "get medical care today"},
		{"InjuryCondition", func(h *coach.History) { h.Profile.Conditions = []string{protocol.CondInjury} },
			now, recovery.Rest, coach.ByInjury, "an injury in your profile"},
		// A rating over 4 (recovery.EasySorenessLimit) keeps to active
		// recovery; over 2.5 (HardSorenessLimit) to an easy run.
		{"QuadsSix", func(h *coach.History) {
			h.CheckIns = append(h.CheckIns, morning(tue, map[recovery.Muscle]float64{recovery.Quads: 6}, true))
		}, now, recovery.ActiveRecovery, coach.ByReportedSoreness, "quads are rated 6/10"},
		{"QuadsThree", func(h *coach.History) {
			h.CheckIns = append(h.CheckIns, morning(tue, map[recovery.Muscle]float64{recovery.Quads: 3}, true))
		}, now, recovery.EasyRun, coach.ByReportedSoreness, "over 2.5/10"},
		// Two hours after a 10 km run the clock says active recovery.
		{"RightAfterARun", func(h *coach.History) { h.Activities = append(h.Activities, run(100, tue.Add(6*time.Hour), 10, 140)) },
			now, recovery.ActiveRecovery, coach.ByClock, "before an easy run"},
		// An evening run's easy clock ends the next morning, before
		// coach.EasyByHour (15:00): the next day holds an easy run from
		// then, as the week plans it, not a day of active recovery.
		{"EasyFromLaterToday", func(h *coach.History) {
			h.Activities = append(h.Activities, run(100, day21.Add(11*time.Hour), 10, 140))
		},
			tue, recovery.EasyRun, coach.ByClock, "at the earliest"},
		// 60 days after the last run: an easy return (coach.BreakDays = 21).
		{"TwoMonthsOff", nil, day21.AddDate(0, 2, 0), recovery.EasyRun, coach.ByBreak, "days ago"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := history()
			if tc.edit != nil {
				tc.edit(&h)
			}
			today := coach.NewState(h, tc.at).Today()
			if today.Recommendation != string(tc.want) || today.DecidedBy != tc.by || !strings.Contains(today.Reasons[0], tc.inReason) {
				t.Errorf("%s by %s (%q); want %s by %s with %q", today.Recommendation, today.DecidedBy, today.Reasons, tc.want, tc.by, tc.inReason)
			}
			// A day that holds a run has no "Rest day" on its checklist.
			for _, st := range today.Steps {
				if st.ID == "rest-day" && (tc.want == recovery.EasyRun || tc.want == recovery.QualityOK) {
					t.Errorf("%s, with a rest day on the checklist", tc.want)
				}
			}
			score, ok := today.Score()
			if !ok || score > recovery.BandTop(tc.want) {
				t.Errorf("readiness %d (%v) beside %s: over the band's top %d", score, ok, tc.want, recovery.BandTop(tc.want))
			}
			sum := 0.0
			for _, f := range today.Factors {
				sum += f.Penalty
			}
			if math.Abs(100-sum-float64(score)) > 0.5 {
				t.Errorf("factors take %.1f off 100, score %d", sum, score)
			}
		})
	}
}

// TestFlagClearWording: bone pain (a possible stress fracture) and the
// urgent symptoms clear only with a professional's OK; the other symptoms
// also when they have settled (review 2, #18 and N8).
func TestFlagClearWording(t *testing.T) {
	now := day21.AddDate(0, 0, 1).Add(10 * time.Hour)
	for _, tc := range []struct {
		symptoms []string
		want     string
	}{
		{[]string{"bone-pain"}, coach.ClearProfessional},
		{[]string{"chest-pain"}, coach.ClearProfessional},
		{[]string{"calf-swelling-warmth"}, coach.ClearProfessional},
		{[]string{"swelling", "bone-pain"}, coach.ClearProfessional},
		{[]string{"swelling"}, coach.ClearSettled},
		{[]string{"dizziness"}, coach.ClearSettled},
	} {
		h := history()
		h.CheckIns = append(h.CheckIns, morning(day21, nil, true, tc.symptoms...))
		sp := coach.NewState(h, now).Today().SeeProfessional
		if len(sp.ClearSteps) != 1 || sp.ClearSteps[0].How != tc.want {
			t.Errorf("%v: clear steps %+v; want %q", tc.symptoms, sp.ClearSteps, tc.want)
		}
	}
}

// TestDecisionNoData: with no runs and no check-ins there is nothing to go
// on: readiness is null, the recommendation "no-data", and the reason
// says how to start.
func TestDecisionNoData(t *testing.T) {
	h := history()
	h.Activities = nil
	today := coach.NewState(h, day21).Today()
	if today.Readiness != nil || today.Recommendation != string(recovery.NoData) || !strings.Contains(today.Reasons[0], "import your runs") {
		t.Errorf("empty history: readiness %v, %s, %q", today.Readiness, today.Recommendation, today.Reasons)
	}
	if len(today.Steps) != 0 || len(today.Factors) != 0 {
		t.Errorf("empty history: steps %v, factors %v", today.Steps, today.Factors)
	}
}

// TestFlagOverridesEverything: while a red flag stands, today's
// checklist, the plan of every run and its steps hold nothing the flag
// rules out (protocol.AllowedWhileFlagged), and both say how to clear it.
func TestFlagOverridesEverything(t *testing.T) {
	for _, sym := range []string{"bone-pain", "chest-pain", "swelling"} {
		t.Run(sym, func(t *testing.T) {
			h := history()
			long := run(100, day21.Add(-24*time.Hour+2*time.Hour), 24, 150)
			h.Activities = append(h.Activities, long)
			h.CheckIns = append(h.CheckIns, morning(day21, nil, true, sym))
			st := coach.NewState(h, day21.Add(9*time.Hour))
			today := st.Today()
			if !today.SeeProfessional.Needed || today.SeeProfessional.Clear == "" || today.EasyAt != nil {
				t.Errorf("today: %+v, easy at %v", today.SeeProfessional, today.EasyAt)
			}
			if len(today.Steps) == 0 || today.Steps[0].ID != "see-professional" {
				t.Errorf("checklist does not lead with see-professional: %v", ids(today.Steps))
			}
			for _, id := range []int64{1, 5, 100} {
				p, err := st.Plan(id, coach.WeightChange{})
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range p.Steps {
					if !protocol.AllowedWhileFlagged(s.ID, []string{sym}, false) {
						t.Errorf("plan of run %d holds %s while %s stands", id, s.ID, sym)
					}
				}
				if !slices.ContainsFunc(p.Steps, func(s coach.Step) bool { return s.ID == "see-professional" }) {
					t.Errorf("plan of run %d without see-professional", id)
				}
			}
			for _, s := range today.Steps {
				if !protocol.AllowedWhileFlagged(s.ID, []string{sym}, false) {
					t.Errorf("checklist holds %s while %s stands", s.ID, sym)
				}
			}
		})
	}
}

// TestChecklistDropsExpiredSteps: at 22:00 after a run that ended at
// 19:30, the first hour's steps (refuelling within 30-60 min, the
// cool-down) are over and leave the list.
func TestChecklistDropsExpiredSteps(t *testing.T) {
	h := history()
	evening := run(100, day21.Add(11*time.Hour+45*time.Minute), 8, 140) // 18:45 + 44 min → 19:29
	h.Activities = append(h.Activities, evening)
	today := coach.NewState(h, day21.Add(15*time.Hour)).Today() // 22:00
	for _, s := range today.Steps {
		if !s.EndAt.After(day21.Add(15 * time.Hour)) {
			t.Errorf("expired step %s (until %s) on the checklist", s.ID, s.EndAt)
		}
		if s.ID == "refuel" || s.ID == "cool-down" {
			t.Errorf("%s is still on the list at 22:00", s.ID)
		}
	}
}

func ids(steps []coach.Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.ID)
	}
	return out
}

// TestSeasonInvariants walks every day of the demo season and of the
// club's injured runner (at noon, and at 21:00 once a week, when the
// first hour's steps of an evening run have expired) and checks the decision never
// contradicts itself: the score is within the recommendation's band, no
// quality session while a muscle is rated over the hard-session limit or
// the recovery clock runs, no running while a rating is over the easy
// limit, rest while a flag stands with only what the flag allows, and no
// expired step on the checklist.
func TestSeasonInvariants(t *testing.T) {
	if testing.Short() {
		t.Skip("imports whole seasons and builds every day's state")
	}
	for _, r := range []sim.Runner{sim.DefaultRunner(), sim.InjuredRunner()} {
		t.Run(r.Name, func(t *testing.T) {
			t.Parallel()
			h := imported(t, r, r.SeasonAfterBase(seasonStart(r), 12))
			all := h.CheckIns
			for i, c := range all {
				h.CheckIns = all[:i+1]
				for _, hour := range []time.Duration{12, 21} {
					if hour == 21 && i%7 != 3 {
						continue
					}
					now := c.Date.Add(hour * time.Hour)
					st := coach.NewState(h, now)
					today := st.Today()
					day := now.Format("Mon 2 Jan 15:04")
					rec := recovery.Recommendation(today.Recommendation)
					if score, ok := today.Score(); ok && score > recovery.BandTop(rec) {
						t.Errorf("%s: readiness %d beside %s", day, score, rec)
					}
					for _, sn := range today.SorenessNow {
						if sn.Source != "check-in" {
							continue
						}
						if sn.Value > recovery.HardSorenessLimit && rec == recovery.QualityOK {
							t.Errorf("%s: quality with %s rated %.1f", day, sn.Muscle, sn.Value)
						}
						if sn.Value > recovery.EasySorenessLimit && (rec == recovery.QualityOK || rec == recovery.EasyRun) {
							t.Errorf("%s: running with %s rated %.1f", day, sn.Muscle, sn.Value)
						}
					}
					if today.ReadyAt != nil && now.Before(*today.ReadyAt) && rec == recovery.QualityOK {
						t.Errorf("%s: quality before the legs are ready (%s)", day, today.ReadyAt)
					}
					if f := st.ActiveFlag(); f != nil {
						if rec != recovery.Rest || !today.SeeProfessional.Needed {
							t.Errorf("%s: flag %+v but %s", day, f, rec)
						}
						for _, s := range today.Steps {
							if !protocol.AllowedWhileFlagged(s.ID, f.Symptoms, f.Injury) {
								t.Errorf("%s: %s on the checklist while flagged", day, s.ID)
							}
						}
					}
					for _, s := range today.Steps {
						if !s.EndAt.After(now) {
							t.Errorf("%s: expired step %s", day, s.ID)
						}
					}
					if len(st.Entries) > 0 {
						p, err := st.Plan(0, coach.WeightChange{})
						if err != nil {
							t.Fatal(err)
						}
						if n, by := lead(p); n < 3 || n > coach.LeadSteps {
							t.Errorf("%s: the latest plan leads with %d steps: %v", day, n, by[coach.DoThis])
						}
					}
				}
			}
		})
	}
}

// The clock's reason names the run that set it and says the moment in
// day and part of day (review #9, #10): the day after a race, a short
// recovery run does not hide that the race still holds easy running back.
func TestClockReasonNamesTheRun(t *testing.T) {
	h := history()
	race := run(100, day21, 5, 160)
	race.Kind = recovery.Race
	tue := day21.AddDate(0, 0, 1)
	h.Activities = append(h.Activities, race, run(101, tue, 5, 125))
	st := coach.NewState(h, tue.Add(3*time.Hour)) // Tuesday 10:00
	today := st.Today()
	if today.DecidedBy != coach.ByClock {
		t.Fatalf("decided by %s (%q), want the recovery clock", today.DecidedBy, today.Reasons)
	}
	p, err := st.Plan(100, coach.WeightChange{})
	if err != nil {
		t.Fatal(err)
	}
	want := "keep it easy: after your race yesterday, hard sessions are fine from " + coach.Moment(p.Recovery.ReadyAt, st.Now)
	if today.Reasons[0] != want {
		t.Errorf("reason %q, want %q", today.Reasons[0], want)
	}
	if strings.ContainsAny(today.Reasons[0], "0123456789") {
		t.Errorf("reason %q tells a clock time", today.Reasons[0])
	}
	for _, f := range today.Factors {
		if f.ID == "held" && strings.Contains(f.Reason, "because") {
			t.Errorf("held factor %q: \"because\" before a sentence that is not a clause", f.Reason)
		}
	}
}

// TestInjuryProfileCoherent: an injury on the profile (nothing reported)
// reads as the profile's, and its steps agree: complete rest until a
// professional has OK'd it, PEACE & LOVE's loading only after that
// (review 2, N9).
func TestInjuryProfileCoherent(t *testing.T) {
	h := history()
	h.Profile.Conditions = []string{protocol.CondInjury}
	a := run(100, day21.Add(2*time.Hour), 10, 140)
	p := withRun(t, h, a, coach.WeightChange{})
	h.Activities = append(h.Activities, a)
	today := coach.NewState(h, a.Start.Add(3*time.Hour)).Today()
	for _, tc := range []struct {
		name  string
		steps []coach.Step
	}{{"plan", p.Steps}, {"today", today.Steps}} {
		doses := map[string]string{}
		for _, st := range tc.steps {
			doses[st.ID] = st.Dose
		}
		if doses["passive-rest"] != coach.RestInjury {
			t.Errorf("%s: complete rest %q; want %q", tc.name, doses["passive-rest"], coach.RestInjury)
		}
		if d, ok := doses["peace-love"]; ok && d != coach.PeaceLoveUnderFlag {
			t.Errorf("%s: PEACE & LOVE %q; want %q", tc.name, d, coach.PeaceLoveUnderFlag)
		}
	}
	if strings.Contains(today.Reasons[0], "you reported") {
		t.Errorf("reason %q: nothing was reported", today.Reasons[0])
	}
	for _, f := range today.Factors {
		if strings.Contains(f.Reason, "what you reported") {
			t.Errorf("factor %s: %q: nothing was reported", f.ID, f.Reason)
		}
	}
}
