package present_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

func TestWords(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{present.AdviceFor(string(recovery.Rest)).Label, "Rest"},
		{present.AdviceFor(string(recovery.ActiveRecovery)).Label, "Active recovery"},
		{present.AdviceFor(string(recovery.EasyRun)).Label, "Easy run"},
		{present.AdviceFor(string(recovery.QualityOK)).Label, "Ready for quality"},
		{present.AdviceFor(string(recovery.NoData)).Label, "Not enough data yet"},
		{present.PhaseTitle(string(protocol.Immediate)), "First hour"},
		{present.PhaseTitle(string(protocol.LongTerm)), "This week and beyond"},
		{present.PriorityHeading(coach.DoThis), "Do this"},
		{present.PriorityHeading(coach.Helpful), "Helpful"},
		{present.PriorityHeading(coach.MoreOptions), "More options"},
		{present.Window(0, 0), "right away"},
		{present.Window(0, 0.5), "within 30 min"},
		{present.Window(0, 4), "within 4 h"},
		{present.Window(12, 72), "12–72 h after"},
		{present.Window(48, 168), "2–7 days after"},
		{present.Window(0, 168), "from today, all week"},
		{present.Window(24, 24), "from 24 h"},
		// The bands of package load: 0.8-1.3 in step, above 1.3, above 1.5 a spike.
		{present.ACWRWords(math.NaN()), "needs four weeks of history"},
		{present.ACWRWords(0.7), "below your usual"},
		{present.ACWRWords(1.0), "in step with your usual"},
		{present.ACWRWords(1.4), "above your usual"},
		{present.ACWRWords(1.6), "a spike on your usual"},
		{present.KindLabel("rest"), "Rest"},
		{present.KindLabel(string(recovery.RecoveryRun)), "Recovery run"},
		{present.WorkoutLabel(string(recovery.Downhill)), "Downhill"},
		{present.StatusWord("unknown"), "no data"},
		{present.GradeFor(string(protocol.Practice)).Label, "Expert practice"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	// Every kind has its own label; every phase a hint; every grade a level.
	seen := map[string]bool{}
	for _, k := range recovery.Kinds {
		l := present.KindLabel(string(k))
		if l == "" || seen[l] {
			t.Errorf("kind %s: label %q", k, l)
		}
		seen[l] = true
	}
	for _, p := range protocol.Phases() {
		if present.PhaseHint(string(p)) == "" {
			t.Errorf("phase %s has no hint", p)
		}
	}
	for _, g := range protocol.Grades() {
		if present.GradeFor(string(g)).Level == 0 {
			t.Errorf("grade %s unknown", g)
		}
	}
}

// TestFlagAdvice: the red-flag box says what stands: what the runner
// reported, or the injury on the profile, which nobody reported (review
// 2, N9); the CLI and the web both print FlagAdvice.
func TestFlagAdvice(t *testing.T) {
	sym := coach.ClearStep{How: coach.ClearProfessional, By: coach.ClearBySymptoms}
	inj := coach.ClearStep{How: "take the injury off your profile", By: coach.ClearByInjury}
	for _, tc := range []struct {
		urgency string
		steps   []coach.ClearStep
		start   string
	}{
		{"soon", []coach.ClearStep{sym}, "What you reported is more than normal soreness."},
		{"urgent", []coach.ClearStep{sym}, "What you reported can be serious."},
		{"soon", []coach.ClearStep{inj}, "Your profile says you have an injury. Don’t run on it"},
		{"soon", []coach.ClearStep{sym, inj}, "What you reported, with the injury on your profile, is more"},
		{"urgent", []coach.ClearStep{sym, inj}, "What you reported, with the injury on your profile, can be serious."},
	} {
		got := present.FlagAdvice(coach.SeeProfessional{Needed: true, Urgency: tc.urgency, ClearSteps: tc.steps})
		if !strings.HasPrefix(got, tc.start) {
			t.Errorf("%s %v: %q; want it to start %q", tc.urgency, tc.steps, got, tc.start)
		}
	}
}

// TestModelPeakHours: the model's peak is the one the plans use: the
// personal peak lengthened by the age factor (review 2, N10: the model
// said 61 h, every plan 83 h). Age 60: 1 + 0.01 × (60 − 30) = 1.3, so
// the population's 48 h peaks at 62 h.
func TestModelPeakHours(t *testing.T) {
	for _, tc := range []struct {
		age  int
		want float64
	}{{25, 48}, {60, 62}} {
		st := coach.NewState(coach.History{Profile: profile.Profile{Age: tc.age, WeightKg: 70}}, time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC))
		if got := present.NewModel(st).PeakHours; got != tc.want {
			t.Errorf("age %d: peak %v h; want %v", tc.age, got, tc.want)
		}
	}
}

// TestReadyNote: once the clocks have run out the note says the legs have
// recovered, unless soreness still holds the day (review 2, N2: "Your
// legs have recovered" beside "quads forecast 3.7/10: no hard session").
func TestReadyNote(t *testing.T) {
	now := time.Date(2012, 8, 22, 8, 0, 0, 0, time.UTC)
	past, later := now.Add(-2*time.Hour), now.Add(30*time.Hour)
	run := &coach.PlanRun{ID: 1}
	for _, tc := range []struct {
		name  string
		today coach.Today
		want  string
	}{
		{"ClocksRunning", coach.Today{LastRun: run, EasyAt: &past, ReadyAt: &later, DecidedBy: coach.ByClock}, "Hard sessions from tomorrow afternoon"},
		{"ReadinessHolds", coach.Today{LastRun: run, EasyAt: &past, ReadyAt: &later, DecidedBy: coach.ByReadiness},
			"Hard sessions from tomorrow afternoon" + present.ReadinessFirstNote},
		{"Recovered", coach.Today{LastRun: run, EasyAt: &past, ReadyAt: &past, DecidedBy: coach.ByReadiness}, "Your legs have recovered from your recent runs"},
		{"ForecastHolds", coach.Today{LastRun: run, EasyAt: &past, ReadyAt: &past, DecidedBy: coach.ByForecast}, present.SorenessDecidesNote},
		{"RatedSore", coach.Today{LastRun: run, EasyAt: &past, ReadyAt: &past, DecidedBy: coach.ByReportedSoreness}, present.SorenessDecidesNote},
		{"RedFlag", coach.Today{LastRun: run, SeeProfessional: coach.SeeProfessional{Needed: true}, DecidedBy: coach.ByRedFlag}, ""},
		{"NoRuns", coach.Today{DecidedBy: coach.ByNoData}, ""},
	} {
		if got := present.ReadyNote(&tc.today, now); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestLegsReadySaysTheSession: a ride's clocks are hours after the ride,
// and none at all reads "right after the ride", not "0 h after the run"
// (review 3).
func TestLegsReadySaysTheSession(t *testing.T) {
	end := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		kind  recovery.Kind
		sport string
		easyH float64
		hardH float64
		easy  string
		hard  string
	}{
		{recovery.Cross, "cycling", 0, 12, "right after the ride", "12 h after the ride"},
		{recovery.Easy, "running", 20, 30, "20 h after the run", "30 h after the run"},
	} {
		p := &coach.Plan{Run: coach.PlanRun{Kind: tc.kind, Sport: tc.sport, End: end},
			Recovery: recovery.Recovery{EasyH: tc.easyH, HardH: tc.hardH, EasyAt: end.Add(time.Duration(tc.easyH) * time.Hour), ReadyAt: end.Add(time.Duration(tc.hardH) * time.Hour)}}
		lines := present.LegsReady(p, end)
		if lines[0].Note != tc.easy || lines[1].Note != tc.hard {
			t.Errorf("%s %s: %q and %q, want %q and %q", tc.kind, tc.sport, lines[0].Note, lines[1].Note, tc.easy, tc.hard)
		}
	}
}
