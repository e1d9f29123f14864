package coach

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// The day types of a week.
const (
	DayRest  = "rest"
	DayEasy  = "easy"
	DayHard  = "hard"
	DayLong  = "long"
	DayCross = "cross-training"
	// DayActiveRecovery is the first day when today's recommendation is
	// active recovery (recovery.ActiveRecovery): no run, gentle movement.
	DayActiveRecovery = string(recovery.ActiveRecovery)
)

// DayPlan is one day of the suggested week.
type DayPlan struct {
	Date      string
	Weekday   string
	Type      string // DayRest, DayActiveRecovery, DayEasy, DayHard, DayLong or DayCross
	DistanceM float64
	Strength  bool
	// Done is set on the first day when it already holds a recorded
	// session: the day shows what was done, not a suggestion.
	Done bool
	// NotBefore is set when the day's run has to wait for a recovery
	// clock that ends that day (Today's ReadyAt or EasyAt).
	NotBefore *time.Time
	// Reasons say why, in the runner's words, each with its source.
	Reasons []string
}

// Adjustment is one reason the week is lighter than the runner's usual.
type Adjustment struct {
	// ID is "lighter-week", "after-race", "readiness" or "load".
	ID string
	// Fraction is how much lighter it asks the week to be (0.25 = 25 %
	// less distance); the largest of a week's adjustments applies.
	Fraction float64
	Reason   string
}

// WeekPlan is the suggested 7 days from From.
type WeekPlan struct {
	From string
	Days []DayPlan
	// TargetM is the week's planned running, a run done on the first day
	// included.
	TargetM float64
	// LastWeekM is the running of the 7 days before From.
	LastWeekM float64
	// FourWeekAverageM is the weekly average of the (up to) four weeks
	// before From that hold running; TenPercentCap is 10 % over it, the
	// most the week may plan. Both are null without running history.
	FourWeekAverageM *float64
	TenPercentCap    *float64
	Pattern          Pattern
	Adjustments      []Adjustment
	// Assumptions say what the plan took for granted for want of history.
	Assumptions []string
	Notes       []string
	// SeeProfessional is set while a red flag stands (State.ActiveFlag):
	// then every day is rest.
	SeeProfessional SeeProfessional
	Disclaimer      string
}

// Week planning constants. Where no source gives a number, it is
// Rebound's choice and its reason is given.
const (
	// PatternDays is how far back the runner's pattern is read: four
	// weeks, the span of the 10 % rule's average and of the chronic load.
	PatternDays = 28
	// LongOverEasy: the long run is clearly the week's longest, at least
	// 1.3 times any easy run (Rebound's choice).
	LongOverEasy = 1.3
	// LongGrowth: the long run at most 10 % longer than the longest run
	// of the last four weeks (the 10 % rule applied to the long run;
	// Rebound's choice).
	LongGrowth = 0.10
	// EasyFlex: easy runs and hard sessions stay within 15 % of the
	// runner's usual length when the week's total moves them (Rebound's
	// choice: a change a runner barely notices).
	EasyFlex = 0.15
	// MaxHardPerWeek caps the hard sessions: the sources alternate hard
	// efforts with easy runs (seed 000) and need 2-3 days of recovery
	// after each (seed 002), which leaves room for two in seven days.
	MaxHardPerWeek = 2
	// StrengthPerWeek: seed 002 says 2-3 times a week in its body and 1-2
	// in its FAQ; the protocol's default is 2.
	StrengthPerWeek = 2
	// LighterWeekCut is how much lighter a lighter week is after three
	// weeks that each built on the one before: recovery weeks (seed 000);
	// 20-30 % less is common coaching practice, Rebound takes 25 %.
	LighterWeekCut = 0.25
	// AfterRaceCut: the week after a race has no hard session and 30 %
	// less running (Rebound's choice, like a lighter week but more).
	AfterRaceCut = 0.30
	// LowReadinessCut: 15 % less when today's readiness is under
	// recovery.ActiveRecoveryBelow (Rebound's choice).
	LowReadinessCut = 0.15
	// VeryLowReadinessCut: 30 % less and no hard session when today's
	// readiness is under recovery.RestBelow, where the signals (form,
	// HRV, resting HR, sleep, stress) say the body is not absorbing the
	// training: the cut of a week after a race (Rebound's choice).
	VeryLowReadinessCut = 0.30
	// ACWRHighCut and ACWRRiskCut: 10 % less from an acute:chronic ratio
	// of load.ACWRHigh, 20 % from load.ACWRRisk, and one hard session at
	// most, none from ACWRRisk (Rebound's choice on disputed bands).
	ACWRHighCut = 0.10
	ACWRRiskCut = 0.20
	// AssumedRuns, AssumedMaxRuns and AssumedMaxEasyM shape the week
	// assumed without running history (assumedWeek): at least 3 easy
	// runs, as many as the weekly distance holds in runs of about 5 miles
	// (the long end of seed 002's easy runs, 3-5 miles), up to 6.
	AssumedRuns     = 3
	AssumedMaxRuns  = 6
	AssumedMaxEasyM = protocol.EasyRunMilesMax * protocol.KmPerMile * 1000
	// NewRunnerEasyM is a new runner's easy run: 3 miles, the short end.
	NewRunnerEasyM = protocol.EasyRunMilesMin * protocol.KmPerMile * 1000
	// PatternMinDays: the week follows the runner's own runs once they
	// go back about four weeks (three full weeks before the plan); until
	// then one or two runs would stand for a whole training week, and the
	// stated background (assumedWeek) sizes the week (Rebound's choice).
	PatternMinDays = 21
	// EasyByHour: a day whose easy-running clock ends by 15:00 still
	// holds an easy run, from the afternoon (Rebound's choice: the
	// afternoon and evening are left for it).
	EasyByHour = 15
	// PlanStepM and PlanStepMiles: planned distances are rounded down to
	// 0.5 km, or 0.25 mi for imperial profiles, so that every surface
	// shows the same number and the week's total is the sum of its days
	// (Rebound's choice: finer steps than a runner can plan by).
	PlanStepM     = 500
	PlanStepMiles = 0.25
)

// srcDaniels is Daniels' rule of about one easy day per
// recovery.RaceKmPerEasyDay km raced, as package recovery cites it.
const srcDaniels = "Daniels, Daniels' Running Formula; coaching practice"

// srcRebound marks a rule that is Rebound's own choice.
const srcRebound = "Rebound's rule"

// cite appends its sources to a reason, as people read them
// (protocol.Short): "text (“8 Post-Run Recovery Tips”; Williams et al.
// 2017)".
func cite(text string, refs ...string) string {
	var names []string
	for _, r := range refs {
		if n := protocol.Short(r); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return text
	}
	return text + " (" + strings.Join(names, "; ") + ")"
}

// assumedWeek is the week assumed without running in the last four
// weeks, from the runner's background (recovery.BackgroundOf the
// profile's, which assumes a recreational runner when it is not given):
// its weekly distance as AssumedRuns to AssumedMaxRuns easy runs of about
// AssumedMaxEasyM; for a new runner AssumedRuns runs of NewRunnerEasyM.
// It also says, in words, what it assumed.
//
// shortDays is how many days the runner's runs go back when they go back
// less than PatternMinDays (0: no runs in the last four weeks). long says
// whether one of the runs is a long run: when the runner has given a
// weekly distance (a runner who is not new, with AssumedRuns runs or more,
// does a long run; without a stated background Rebound does not assume
// one).
func assumedWeek(p profile.Profile, shortDays int) (runs int, weeklyM float64, long bool, said string) {
	bg := Background(p)
	weeklyM = bg.WeeklyKm * 1000
	why := "no runs in the last 4 weeks"
	if shortDays > 0 {
		why = fmt.Sprintf("your runs go back only %d %s, too few to show your usual week", shortDays, pluralWord(shortDays, "day", "days"))
	}
	if weeklyM <= 0 {
		return AssumedRuns, AssumedRuns * NewRunnerEasyM, false, fmt.Sprintf(
			"%s and new to running: %d short easy runs and no hard session", why, AssumedRuns)
	}
	runs = min(AssumedMaxRuns, max(AssumedRuns, int(math.Round(weeklyM/AssumedMaxEasyM))))
	long = !bg.Assumed
	what := fmt.Sprintf("%d easy runs and no hard session", runs)
	if long {
		what = fmt.Sprintf("%d easy %s, a long run and no hard session", runs-1, pluralWord(runs-1, "run", "runs"))
	}
	said = fmt.Sprintf("%s: %s, for %s", why, what, bg.Describe(func(km float64) string { return WeeklyDistance(p, km) }))
	if bg.Assumed {
		said += "; give your background with " + BackgroundCommand(p)
	} else {
		said += ", as your profile says"
	}
	return runs, weeklyM, long, said
}

// Week suggests the 7 days from the day of s.Now: where rest, easy, hard,
// long, cross-training and strength go, from the runner's own pattern of
// the last four weeks (Pattern). It keeps the recovery clocks (nothing
// hard before Today's ReadyAt, no run before EasyAt), no hard session,
// long run or strength the day after a hard or long one, hard sessions 48
// h apart, the long run the longest, and the 10 % rule on the four-week
// average. It makes the week lighter after three building weeks, after a
// race, on low readiness or a high acute:chronic load; while a red flag
// stands (ActiveFlag) every day is rest; and in a graded return after a
// cleared flag (Returning) the days before its end hold easy runs no
// longer than usual, every other day at most, and rest.
func (s *State) Week() *WeekPlan {
	start := dayStart(s.Now)
	wp := &WeekPlan{From: start.Format(time.DateOnly), Adjustments: []Adjustment{}, Assumptions: []string{}, Notes: []string{},
		SeeProfessional: SeeProfessional{Reasons: []string{}}, Disclaimer: Disclaimer}
	b := &weekBuilder{s: s, wp: wp, start: start, days: make([]DayPlan, 7)}
	for i := range b.days {
		d := start.AddDate(0, 0, i)
		b.days[i] = DayPlan{Date: d.Format(time.DateOnly), Weekday: d.Weekday().String(), Type: DayRest, Reasons: []string{}}
	}
	b.pat = s.pattern(start)
	wp.Pattern = b.pat
	wp.LastWeekM = b.pat.weekM[0]
	if b.pat.Weeks > 0 && !b.pat.Assumed {
		avg := b.pat.average()
		limit := avg * (1 + protocol.WeeklyIncreaseLimit)
		wp.FourWeekAverageM, wp.TenPercentCap = &avg, &limit
	}
	if f := s.ActiveFlag(); f != nil {
		why := flagReason(f)
		for i := range b.days {
			b.days[i].Reasons = []string{why}
		}
		wp.SeeProfessional = s.seeProfessional(f)
		wp.Days = b.days
		return wp
	}
	b.plan()
	wp.Days = b.days
	return wp
}

// dayStart returns midnight of t's day in t's location.
func dayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// dayIndex returns the day of t relative to start (0 = start's day).
func dayIndex(start, t time.Time) int {
	return int(math.Round(dayStart(t.In(start.Location())).Sub(start).Hours() / 24))
}

// flagReason is what every day of a flagged week says: the flag's reason
// and how to clear it (Flag.Reason, Flag.ClearHow, as a plan on hold
// says them), with the symptoms' sources.
func flagReason(f *Flag) string {
	var refs []string
	for _, id := range f.Symptoms {
		if sym, ok := protocol.SymptomByID(id); ok {
			refs = append(refs, strings.Split(sym.Source, "; ")...)
		}
	}
	if f.Injury || f.SoreDays > 0 {
		refs = append(refs, protocol.Seed002)
	}
	return cite(f.Reason()+". To clear it: "+f.ClearHow(), refs...)
}

// weekBuilder lays out one week.
type weekBuilder struct {
	s     *State
	wp    *WeekPlan
	pat   Pattern
	start time.Time
	days  []DayPlan

	easyAt, readyAt time.Time
	// blocked days take no session: done, held by today's readiness, or
	// rest after the long run.
	blocked [7]bool
	// easyToday: today's readiness allows an easy run, not a hard one.
	easyToday bool
	// ret is the graded return standing (State.Returning), or nil.
	ret *Return
	// sore is the soreness forecast (State.SorenessForecast), made when
	// first needed.
	sore func(time.Time) recovery.MuscleLoad
}

// returning says whether day i is in the graded return: it starts before
// the return's Until. Such a day holds an easy run at most, no longer
// than the runner's usual easy run and not the day after or before
// another run, and no hard session, long run or strength.
func (b *weekBuilder) returning(i int) bool {
	return b.ret != nil && i >= 0 && i < 7 && b.start.AddDate(0, 0, i).Before(b.ret.Until)
}

// ranOn says whether day i (negative: before the week) holds a run,
// planned or done.
func (b *weekBuilder) ranOn(i int) bool {
	if i >= 7 {
		return false
	}
	if i >= 0 {
		d := b.days[i]
		return d.DistanceM > 0 || d.Type == DayEasy || d.Type == DayHard || d.Type == DayLong
	}
	for _, e := range b.s.Entries {
		if e.A.Sport.IsRun() && dayIndex(b.start, e.A.Start) == i {
			return true
		}
	}
	return false
}

// at is when on day i the runner usually starts a run of kind k.
func (b *weekBuilder) at(i int, k recovery.Kind) time.Time {
	day := b.start.AddDate(0, 0, i)
	return day.Add(b.pat.timeOfDay(k, day.Weekday()))
}

// clock is the recovery clock a run of kind k waits for: ReadyAt (when a
// hard session is fine) for hard sessions, and for the long run in the
// week after a race; EasyAt for the others. The long run is no hard
// session: the day after an easy run is its usual place.
func (b *weekBuilder) clock(k recovery.Kind) time.Time {
	if k.HardEffort() || (k == recovery.Long && b.pat.raceDay != nil) {
		return b.readyAt
	}
	return b.easyAt
}

// ready says whether the recovery clock allows a run of kind k on day i at
// the runner's usual time for it, or, for an easy run, from EasyByHour
// that day.
func (b *weekBuilder) ready(i int, k recovery.Kind) bool {
	c := b.clock(k)
	return !b.at(i, k).Before(c) || (k.EasyEffort() && c.Before(b.start.AddDate(0, 0, i).Add(EasyByHour*time.Hour)))
}

// schedule makes day i a run of kind k, noting when its recovery clock
// ends that day.
func (b *weekBuilder) schedule(i int, typ string, k recovery.Kind) {
	d := &b.days[i]
	d.Type = typ
	if c := b.clock(k); !c.Before(b.start.AddDate(0, 0, i)) {
		at := c
		d.NotBefore = &at
		d.Reasons = append(d.Reasons, cite("your legs are ready for it from "+Moment(c, b.s.Now), protocol.Seed002))
	}
}

// hardOn and demandingOn say whether day i (negative: before the week)
// holds a hard effort, or a hard effort or long run.
func (b *weekBuilder) hardOn(i int) bool {
	if i >= 0 && i < 7 && !b.days[i].Done {
		return b.days[i].Type == DayHard
	}
	return b.pat.hardDays[i]
}

func (b *weekBuilder) demandingOn(i int) bool {
	if i >= 0 && i < 7 && !b.days[i].Done {
		return b.days[i].Type == DayHard || b.days[i].Type == DayLong
	}
	return b.pat.demanding[i]
}

func (b *weekBuilder) free(i int) bool {
	return i >= 0 && i < 7 && !b.blocked[i] && b.days[i].Type == DayRest
}

// canLong says whether day i may take the long run: free, the legs ready
// for it at the runner's usual time, not the day after a hard session or
// long run, not the day before a hard one.
func (b *weekBuilder) canLong(i int) bool {
	return b.free(i) && !(i == 0 && b.easyToday) && !b.returning(i) && b.ready(i, recovery.Long) && !b.demandingOn(i-1) && !b.hardOn(i+1) &&
		!b.longWithin(i)
}

// restAfterLong is how many days after a long run are rest days:
// protocol.RestDaysAfterLongMin, one more for older runners.
func (s *State) restAfterLong() int {
	if s.H.Profile.Age >= recovery.OlderRunnerAge {
		return protocol.RestDaysAfterLongMin + 1
	}
	return protocol.RestDaysAfterLongMin
}

// LongRunGapDays: a long run at most once in this many days; the week's
// long run is a weekly one, and a long run moved towards the one just
// run (a Monday 10 km "long run" two days after Saturday's 16.8 km) is
// no long run at all. Rebound's rule.
const LongRunGapDays = 5

// longWithin says whether a long run (or a race) was run in the
// LongRunGapDays before day i.
func (b *weekBuilder) longWithin(i int) bool {
	for j := i - LongRunGapDays; j < i; j++ {
		if b.pat.longOn[j] || (b.pat.raceDay != nil && *b.pat.raceDay == j) {
			return true
		}
	}
	return false
}

// canHard says whether day i may take a hard session: free, the legs
// ready, no muscle group forecast over the hard-session limit (soreOn, as
// today holds a hard session), not the day after or before a hard session
// or long run. With no hard effort the day before or after, hard efforts
// are 48 h apart.
func (b *weekBuilder) canHard(i int) bool {
	return b.free(i) && !(i == 0 && b.easyToday) && !b.returning(i) && b.ready(i, recovery.Hard) && !b.demandingOn(i-1) && !b.demandingOn(i+1) &&
		!b.soreOn(i)
}

func (b *weekBuilder) plan() {
	s, pat, wp := b.s, b.pat, b.wp
	today := s.dayCore() // not Today(): today's checklist reads the week
	b.ret = s.Returning()
	if today.EasyAt != nil {
		b.easyAt, b.readyAt = *today.EasyAt, *today.ReadyAt
	}
	runs := pat.RunsPerWeek
	if b.doneToday() {
		runs--
	}
	// Today's decision holds the first day: no run on a rest or
	// active-recovery day, nothing hard unless a quality session is fine.
	switch d := today.Decision(); {
	case b.days[0].Done:
	case d.Recommendation == recovery.Rest || d.Recommendation == recovery.ActiveRecovery:
		b.blocked[0] = true
		if d.Recommendation == recovery.ActiveRecovery {
			b.days[0].Type = DayActiveRecovery
		}
		b.days[0].Reasons = append(b.days[0].Reasons, "today: "+d.Reason)
	case d.Recommendation != recovery.QualityOK:
		b.easyToday = true
	}
	target, longScale := b.target(today)
	hard := pat.HardPerWeek
	for _, a := range wp.Adjustments {
		switch {
		case a.ID == "after-race" || (a.ID == "load" && a.Fraction >= ACWRRiskCut) || (a.ID == "readiness" && a.Fraction >= VeryLowReadinessCut):
			hard = 0
		default:
			hard = min(hard, 1)
		}
	}
	// 1. The long run on the runner's long-run day, or near it, and rest
	// after it.
	longDay := -1
	if (!pat.Assumed || pat.longRuns) && runs >= 2 {
		longDay = b.placeLong()
	}
	if longDay >= 0 {
		runs--
	}
	// Rest after a long run, this week's or one just before it.
	rest := s.restAfterLong()
	for l := -rest; l < 7; l++ {
		if (l < 0 || l != longDay) && !(l <= 0 && pat.longOn[l]) {
			continue
		}
		for k := max(1, -l); k <= rest && l+k < 7; k++ {
			if b.days[l+k].Type == DayRest && !b.days[l+k].Done {
				b.blocked[l+k] = true
				b.days[l+k].Reasons = append(b.days[l+k].Reasons,
					cite("rest after the long run: one to two days, more for older runners", protocol.Seed004))
			}
		}
	}
	// 2. Hard sessions on the runner's usual days, else where they fit,
	// leaving at least one easy run.
	hardIdx := b.placeHard(min(hard, max(0, runs-1)))
	runs -= len(hardIdx)
	// 3. Easy runs on the days the runner usually runs; after a race
	// AfterRaceCut fewer runs than usual, and at least one of the days
	// from when easy running is fine stays a rest day.
	if pat.raceDay != nil {
		open := 0
		for i := range b.days {
			if b.free(i) && b.ready(i, recovery.Easy) {
				open++
			}
		}
		runs = min(runs, open-1, int(math.Round(float64(pat.RunsPerWeek)*(1-AfterRaceCut))))
	}
	easyIdx := b.placeEasy(runs)
	// 4. Distances, 5. cross-training and strength, 6. why each rest day.
	b.size(target-b.days[0].DistanceM, longScale, longDay, hardIdx, easyIdx)
	b.placeCross()
	b.placeStrength()
	b.restReasons()
	b.returnReasons()
	total := 0.0
	for _, d := range b.days {
		total += d.DistanceM
	}
	wp.TargetM = total
}

// doneToday marks the first day with the sessions already recorded on
// it, and reports whether one was a run.
func (b *weekBuilder) doneToday() bool {
	kind := recovery.Kind("")
	n, ranM := 0, 0.0
	for _, e := range b.s.Entries {
		if dayIndex(b.start, e.A.Start) != 0 {
			continue
		}
		n++
		if e.A.Sport.IsRun() {
			ranM += e.A.Summary.DistanceM
		}
		if kind == "" || rank(e.Kind) > rank(kind) {
			kind = e.Kind
		}
	}
	if n == 0 {
		return false
	}
	d := &b.days[0]
	d.Done, d.DistanceM = true, math.Round(ranM/100)*100
	b.blocked[0] = true
	switch {
	case kind.HardEffort():
		d.Type = DayHard
	case kind == recovery.Long:
		d.Type = DayLong
	case kind == recovery.Cross:
		d.Type = DayCross
	default:
		d.Type = DayEasy
	}
	what := string(kind)
	if kind == recovery.RecoveryRun {
		what = "recovery run"
	}
	d.Reasons = append(d.Reasons, "done today: "+what)
	return ranM > 0
}

// rank orders kinds by how demanding they are, cross-training first.
func rank(k recovery.Kind) int {
	if k == recovery.Cross {
		return -1
	}
	return slices.Index(recovery.Kinds[:], k)
}

// target returns the week's running distance and the scale of the long
// run (1 unless the week is lighter), and records the adjustments and
// notes that explain it.
func (b *weekBuilder) target(today *Today) (float64, float64) {
	pat, wp := b.pat, b.wp
	var base float64
	if pat.Assumed {
		_, weeklyM, _, said := assumedWeek(b.s.H.Profile, pat.shortDays)
		wp.Assumptions = append(wp.Assumptions, cite(said, protocol.Seed002))
		base = weeklyM
	} else {
		avg := pat.average()
		limit := *wp.TenPercentCap
		base = math.Max(pat.weekM[0], avg)
		note := fmt.Sprintf("The week follows your running of the last %d weeks, at most 10%% over its weekly average", pat.Weeks)
		if base > limit {
			base = limit
			note = "Last week ran more than 10% over your 4-week average: the week holds to 10% over that average instead of building on last week"
		}
		wp.Notes = append(wp.Notes, cite(note, protocol.Seed003)+". "+protocol.TenPercentRuleCaveat)
	}
	switch {
	case pat.Assumed:
	case pat.LongDayAssumed && pat.longWD == time.Sunday:
		wp.Assumptions = append(wp.Assumptions, "no long runs in the last 4 weeks: Sunday is a common choice for the long run")
	case pat.LongDayAssumed:
		wp.Assumptions = append(wp.Assumptions, fmt.Sprintf("no long runs in the last 4 weeks: the long run goes on %s, the weekend day you run", pat.LongDay))
	}
	var adj []Adjustment
	if pat.raceDay != nil {
		adj = append(adj, Adjustment{"after-race", AfterRaceCut, cite("the week after a race: easy running only, and less of it: easy runs no longer than your usual, a rest day among them, and no strength before the race's easy days ("+b.raceRule()+") have passed", srcRebound, srcDaniels)})
	}
	if pat.builtUp() {
		adj = append(adj, Adjustment{"lighter-week", LighterWeekCut, cite("a lighter week: each of your last three weeks ran more than the one before, and the body adapts in the recovery weeks between builds", protocol.Seed000)})
	}
	// The score before today's call holds it: the call already shapes
	// today; the week's volume follows how the runner is (load, sleep,
	// stress, HRV), not the clock of the last run.
	switch d := today.Decision(); {
	case today.Readiness != nil && d.RawScore < recovery.RestBelow:
		adj = append(adj, Adjustment{"readiness", VeryLowReadinessCut, cite(fmt.Sprintf(
			"your readiness today is %d, under %d: no hard session and no long run longer than usual until your body's signals recover (plan the week again when readiness is back over %d)",
			d.RawScore, recovery.RestBelow, recovery.ActiveRecoveryBelow), srcRebound)})
	case today.Readiness != nil && d.RawScore < recovery.ActiveRecoveryBelow:
		adj = append(adj, Adjustment{"readiness", LowReadinessCut, cite(fmt.Sprintf("your readiness today is %d, under %d", d.RawScore, recovery.ActiveRecoveryBelow), srcRebound)})
	}
	if d := b.s.Day(b.s.Now); d != nil && !math.IsNaN(d.ACWR) && d.ACWR >= load.ACWRHigh {
		cut := ACWRHighCut
		if d.ACWR >= load.ACWRRisk {
			cut = ACWRRiskCut
		}
		adj = append(adj, Adjustment{"load", cut, cite(fmt.Sprintf("your acute:chronic load ratio is %.2f, at or above %.1f: your last week was heavy for what you are used to (the bands are disputed)", d.ACWR, load.ACWRHigh),
			"Williams et al. 2017, Br J Sports Med 51:209", "Impellizzeri et al. 2020")})
	}
	wp.Adjustments = adj
	if adj == nil {
		wp.Adjustments = []Adjustment{}
	}
	cut := 0.0
	for _, a := range adj {
		cut = math.Max(cut, a.Fraction)
	}
	return base * (1 - cut), 1 - cut
}

// LongRunMoveDays is how far the long run may move from the runner's
// usual day when recovery rules that day out (Rebound's choice: further
// away it crowds the next week's long run or the last one).
const LongRunMoveDays = 2

// placeLong puts the long run on the runner's long-run day, or the allowed
// day nearest to it (the later of two, at most LongRunMoveDays away; none
// in the week after a race, which was the week's long effort), and
// returns its index or -1.
func (b *weekBuilder) placeLong() int {
	usual := (int(b.pat.longWD) - int(b.start.Weekday()) + 7) % 7
	reach := LongRunMoveDays
	if b.pat.raceDay != nil {
		reach = 0
	}
	best := -1
	for i := range 7 {
		if !b.canLong(i) || absInt(i-usual) > reach {
			continue
		}
		if best < 0 || absInt(i-usual) < absInt(best-usual) || (absInt(i-usual) == absInt(best-usual) && i > best) {
			best = i
		}
	}
	if best < 0 && b.pat.LongDayAssumed && b.pat.raceDay == nil {
		// No usual day to keep to: a weekend day the recovery allows.
		for _, wd := range []time.Weekday{time.Saturday, time.Sunday} {
			if i := (int(wd) - int(b.start.Weekday()) + 7) % 7; b.canLong(i) {
				best = i
				break
			}
		}
	}
	if best < 0 {
		return -1
	}
	d := &b.days[best]
	switch {
	case b.pat.LongDayAssumed && best == usual:
		d.Reasons = append(d.Reasons, fmt.Sprintf("the long run on a %s, a common choice", b.pat.LongDay))
	case b.pat.LongDayAssumed:
		d.Reasons = append(d.Reasons, fmt.Sprintf("the long run on a %s, a weekend day your recovery allows", d.Weekday))
	case best == usual:
		d.Reasons = append(d.Reasons, fmt.Sprintf("the long run on your usual long-run day (%s)", b.pat.LongDay))
	default:
		d.Reasons = append(d.Reasons, fmt.Sprintf("the long run on the day nearest your usual %s that your recovery allows", b.pat.LongDay))
	}
	b.schedule(best, DayLong, recovery.Long)
	return best
}

// placeHard places up to n hard sessions, the runner's usual hard days
// first, and returns their days, most wanted first.
func (b *weekBuilder) placeHard(n int) []int {
	var out []int
	try := func(i int, usual bool) {
		if len(out) == n || !b.canHard(i) {
			return
		}
		why := "a hard session where it is 48 h from other hard efforts and your legs are ready"
		if usual {
			why = fmt.Sprintf("you usually train hard on %s, and your legs are ready by then", b.days[i].Weekday)
		}
		b.days[i].Reasons = append(b.days[i].Reasons, cite(why, protocol.Seed000, protocol.Seed002))
		b.schedule(i, DayHard, recovery.Hard)
		out = append(out, i)
	}
	for _, wd := range b.pat.hardWDs {
		try((int(wd)-int(b.start.Weekday())+7)%7, true)
	}
	for i := range 7 {
		try(i, false)
	}
	return out // most wanted first
}

// placeEasy places up to n easy runs, one at a time, from when easy
// running is fine: on the weekdays the runner runs most, then away from
// the week's other runs, then not the day after a hard session or long
// run. It returns their days, most wanted first.
func (b *weekBuilder) placeEasy(n int) []int {
	runOn := func(i int) bool {
		return i >= 0 && i < 7 && b.days[i].Type != DayRest && b.days[i].Type != DayActiveRecovery && b.days[i].Type != DayCross
	}
	score := func(i int) []int {
		wd := b.start.AddDate(0, 0, i).Weekday()
		apart := 0
		if !runOn(i-1) && !runOn(i+1) {
			apart = 1
		}
		fresh := 1
		if b.demandingOn(i - 1) {
			fresh = 0
		}
		return []int{b.pat.runDays[wd], apart, fresh}
	}
	var out []int
	for len(out) < n {
		best := -1
		for i := range 7 {
			if !b.free(i) || !b.ready(i, recovery.Easy) || (b.returning(i) && (b.ranOn(i-1) || b.ranOn(i+1))) {
				continue
			}
			if best < 0 || slices.Compare(score(i), score(best)) > 0 {
				best = i
			}
		}
		if best < 0 {
			break
		}
		b.schedule(best, DayEasy, recovery.Easy)
		out = append(out, best)
	}
	return out // most wanted first
}

// size sets the distances of the planned runs from rem, the week's
// target less what today already holds: easy runs and hard sessions
// within EasyFlex of the runner's usual, the long run at least
// LongOverEasy times the others and at most LongGrowth over the longest
// recent run. When rem cannot hold that many runs, the least wanted easy
// runs are dropped first, then hard sessions.
func (b *weekBuilder) size(rem, longScale float64, longDay int, hardIdx, easyIdx []int) {
	pat := b.pat
	rem = math.Max(0, rem)
	easyRef := pat.EasyM
	hardRef := easyRef
	if pat.HardM != nil {
		hardRef = *pat.HardM
	}
	longest := 0.0
	if pat.LongestM != nil {
		longest = *pat.LongestM
	}
	longMax := math.Max(longest*(1+LongGrowth), LongOverEasy*easyRef)
	// The long run it aims at: the usual one, or the latest when it has
	// grown since.
	longWant := LongOverEasy * easyRef
	if pat.LongM != nil && !pat.Assumed {
		longWant = math.Max(*pat.LongM, pat.lastLongM) * longScale
	}
	if longScale < 1 {
		// A lighter week never grows the long run: the distance it
		// leaves is the cut, not a longest-ever run.
		longMax = math.Min(longMax, math.Max(longWant, LongOverEasy*easyRef))
	}
	var f, longM float64
	for {
		others := float64(len(easyIdx))*easyRef + float64(len(hardIdx))*hardRef
		var ok bool
		if f, longM, ok = split(rem, others, math.Max(easyRef, hardRef), longWant, longMax, longDay >= 0); ok {
			break
		}
		var i int
		if len(easyIdx) > 1 || len(hardIdx) == 0 {
			i, easyIdx = easyIdx[len(easyIdx)-1], easyIdx[:len(easyIdx)-1]
		} else {
			i, hardIdx = hardIdx[len(hardIdx)-1], hardIdx[:len(hardIdx)-1]
		}
		b.days[i].Type, b.days[i].NotBefore = DayRest, nil
		b.days[i].Reasons = []string{cite("a rest day keeps the week's distance in check: fewer runs rather than short ones", srcRebound)}
	}
	if pat.raceDay != nil {
		f = math.Min(f, 1) // after a race: no run longer than the usual
	}
	step := float64(PlanStepM)
	if b.s.H.Profile.UnitsOrDefault() == profile.Imperial {
		step = PlanStepMiles * protocol.KmPerMile * 1000
	}
	floor := func(m float64) float64 { return math.Floor(m/step+1e-9) * step }
	longM = floor(longM)
	easyM, hardM := floor(f*easyRef), floor(f*hardRef)
	if longDay >= 0 {
		easyM = math.Min(easyM, floor(longM/LongOverEasy))
		hardM = math.Min(hardM, floor(longM/LongOverEasy))
		b.days[longDay].DistanceM = longM
		why := fmt.Sprintf("the week's longest run, at least %.1f× an easy run and at most %.0f%% over your longest run of the last 4 weeks", LongOverEasy, LongGrowth*100)
		if pat.Assumed {
			why = fmt.Sprintf("the week's longest run, at least %.1f× an easy run", LongOverEasy)
		}
		b.days[longDay].Reasons = append(b.days[longDay].Reasons, cite(why, srcRebound))
	}
	for _, i := range hardIdx {
		b.days[i].DistanceM = hardM
	}
	why := "easy, at a conversational pace, about your usual easy run"
	if pat.Assumed {
		why = "easy, at a conversational pace"
	}
	for _, i := range easyIdx {
		b.days[i].DistanceM = easyM
		switch share, raceShare := b.returnShare(i), b.raceShare(i); {
		case share < 1 && share <= raceShare:
			// The graded return's runs start at half the usual and grow.
			b.days[i].DistanceM = math.Max(step, math.Min(easyM, floor(share*easyRef)))
			b.days[i].Reasons = append(b.days[i].Reasons, cite(fmt.Sprintf(
				"easy, at a conversational pace: %.0f%% of your usual easy run, the runs of the graded return growing back to it by %s; stop if the pain comes back",
				share*100, b.ret.Until.Format("Mon 2 Jan")), srcRebound))
		case raceShare < 1:
			// So do the runs of a race's easy days.
			b.days[i].DistanceM = math.Max(step, math.Min(easyM, floor(raceShare*easyRef)))
			b.days[i].Reasons = append(b.days[i].Reasons, cite(fmt.Sprintf(
				"easy, at a conversational pace: %.0f%% of your usual easy run, the runs after your race growing back to it over its easy days (%s)",
				raceShare*100, b.raceRule()), srcDaniels, srcRebound))
		default:
			b.days[i].Reasons = append(b.days[i].Reasons, cite(why, protocol.Seed002))
		}
		if b.demandingOn(i - 1) {
			b.days[i].Reasons = append(b.days[i].Reasons,
				cite("the day after a hard session or long run: easy running only, no strength", protocol.Seed002))
		}
	}
}

// split divides rem metres between the other runs (others: their usual
// total), scaled by f within EasyFlex, and, when long, the long run,
// which is at least LongOverEasy times the longest other run (maxOther ×
// f), at most longMax and otherwise as near longWant as the total allows.
// ok is false when rem cannot hold the runs.
func split(rem, others, maxOther, longWant, longMax float64, long bool) (f, longM float64, ok bool) {
	lo, hi := 1-EasyFlex, 1+EasyFlex
	switch {
	case others == 0 && long:
		return 1, math.Min(rem, longMax), true
	case others == 0:
		return 1, 0, true
	case !long:
		f = rem / others
		return math.Min(f, hi), 0, f >= lo
	}
	up := rem / (others + LongOverEasy*maxOther) // the long run at its shortest
	if up < lo {
		return 0, 0, false
	}
	upper := math.Min(hi, up)
	lower := math.Min(math.Max(lo, (rem-longMax)/others), upper)
	f = math.Max(lower, math.Min(upper, (rem-longWant)/others))
	return f, math.Min(rem-f*others, longMax), true
}

// placeCross puts cross-training on one rest day when the runner has the
// gear or does it already, keeping a day of full rest.
func (b *weekBuilder) placeCross() {
	if !b.pat.cross && !hasAny(b.s.H.Profile.Equipment, protocol.EquipBike, protocol.EquipPool, protocol.EquipElliptical) {
		return
	}
	restDays := 0
	for i := range b.days {
		if b.days[i].Type == DayRest {
			restDays++
		}
	}
	if restDays < 2 {
		return
	}
	for i := range b.days {
		if b.free(i) && b.ready(i, recovery.Easy) {
			b.days[i].Reasons = append(b.days[i].Reasons,
				cite("low-impact cross-training builds fitness without running's pounding", protocol.Seed000, protocol.Seed001))
			b.schedule(i, DayCross, recovery.Easy)
			return
		}
	}
}

// placeStrength puts up to StrengthPerWeek strength sessions on easy or
// rest days (seed 002): never the day after or before a hard session or
// long run, nor two days running, nor on a day that is done or that
// today's readiness holds, nor with a muscle group forecast over the
// hard-session limit (soreOn), nor, after a race, before its easy days
// have passed (the clock for hard sessions, which Daniels' rule sets).
func (b *weekBuilder) placeStrength() {
	n := 0
	for i := range b.days {
		d := &b.days[i]
		if n == StrengthPerWeek {
			return
		}
		if d.Type != DayEasy && d.Type != DayRest || b.blocked[i] || b.returning(i) || b.demandingOn(i-1) || b.demandingOn(i+1) ||
			(i > 0 && b.days[i-1].Strength) || !b.ready(i, recovery.Easy) ||
			(b.pat.raceDay != nil && b.at(i, recovery.Easy).Before(b.readyAt)) || b.soreOn(i) {
			continue
		}
		d.Strength = true
		d.Reasons = append(d.Reasons, cite("strength on an easy or rest day, not the day before or after a hard session or long run", protocol.Seed002))
		n++
	}
}

// soreOn says whether a muscle group is forecast (or, from today's
// check-in, carried) over recovery.HardSorenessLimit at the runner's
// usual easy-run time on day i: squats and lunges load the legs as a hard
// session would, so strength waits (after a mountain run, not with the
// quads at 3.4/10).
func (b *weekBuilder) soreOn(i int) bool {
	if b.sore == nil {
		b.sore = b.s.SorenessForecast()
	}
	v, _ := b.sore(b.at(i, recovery.Easy)).Max()
	return v > recovery.HardSorenessLimit
}

// raceRule words Daniels' rule in the runner's units: "about one per 3
// km raced".
func (b *weekBuilder) raceRule() string {
	return "about one per " + b.s.H.Profile.UnitsOrDefault().Round(recovery.RaceKmPerEasyDay*1000) + " raced"
}

// returnShare is the share of the usual easy run day i allows in a
// graded return (Return.ReturnShare), 1 outside one.
func (b *weekBuilder) returnShare(i int) float64 {
	if !b.returning(i) {
		return 1
	}
	return b.ret.ReturnShare(b.start.AddDate(0, 0, i))
}

// raceShare is the share of the usual easy run day i allows after a
// race: like a graded return, ReturnStartShare on the race's day, growing
// evenly to all of it when the race's easy days (one per
// recovery.RaceKmPerEasyDay raced, Daniels) have passed; 1 without a
// race. Two days after a half marathon that is 64 %: 5.5 km of a usual
// 9 km, not the full 9 km the runner's legs are barely ready for.
func (b *weekBuilder) raceShare(i int) float64 {
	if b.pat.raceDay == nil || b.pat.raceM <= 0 {
		return 1
	}
	easyDays := b.pat.raceM / 1000 / recovery.RaceKmPerEasyDay
	return math.Round(rampShare(float64(i-*b.pat.raceDay), easyDays)*100) / 100 // whole percent
}

// returnReasons says, on each day of the graded return, why it holds an
// easy run at most (Return.Reason, as today says it).
func (b *weekBuilder) returnReasons() {
	if b.ret == nil {
		return
	}
	why := b.ret.Reason(b.s.Now)
	for i := range b.days {
		if b.returning(i) && !b.days[i].Done && !hasReason(b.days[i], why) {
			b.days[i].Reasons = append(b.days[i].Reasons, why)
		}
	}
}

// hasReason says whether one of d's reasons contains part.
func hasReason(d DayPlan, part string) bool {
	return slices.ContainsFunc(d.Reasons, func(r string) bool { return strings.Contains(r, part) })
}

// restReasons says why each rest day without a reason rests.
func (b *weekBuilder) restReasons() {
	for i := range b.days {
		d := &b.days[i]
		if d.Type != DayRest || len(d.Reasons) > 0 {
			continue
		}
		switch {
		case b.returning(i) && b.ready(i, recovery.Easy):
			// returnReasons says why.
		case !b.ready(i, recovery.Easy):
			d.Reasons = append(d.Reasons, cite("your legs are still recovering: easy running from "+Moment(b.easyAt, b.s.Now), protocol.Seed002))
		case b.pat.raceDay != nil:
			d.Reasons = append(d.Reasons, cite("a rest day in the week after your race: its easy days ("+b.raceRule()+") hold easy runs and rest, no more runs than usual", srcDaniels, srcRebound))
		case b.pat.Assumed:
			d.Reasons = append(d.Reasons, cite("a rest day between runs", protocol.Seed000))
		default:
			d.Reasons = append(d.Reasons, cite(fmt.Sprintf("a rest day: you usually run %d %s a week", b.pat.RunsPerWeek, pluralWord(b.pat.RunsPerWeek, "time", "times")), protocol.Seed000))
		}
	}
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func hasAny(xs []string, want ...string) bool {
	for _, x := range xs {
		if slices.Contains(want, x) {
			return true
		}
	}
	return false
}
