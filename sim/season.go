package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/rebound-run/rebound/activity"
)

// Kind is what a day of the plan is for.
type Kind string

// The kinds of workout.
const (
	Easy      Kind = "easy"
	Recovery  Kind = "recovery"
	Long      Kind = "long"
	Intervals Kind = "intervals"
	Tempo     Kind = "tempo"
	Hills     Kind = "hills"
	Race      Kind = "race"
	Rest      Kind = "rest"
	Cross     Kind = "cross" // cross-training: a road-bike ride
)

// Intensity labels a segment as a FIT workout step does.
type Intensity string

// The intensities of a segment.
const (
	WarmUp   Intensity = "warmup"
	Active   Intensity = "active"
	Easing   Intensity = "rest" // a recovery jog between reps
	CoolDown Intensity = "cooldown"
)

// Segment is one step of a workout's plan. Exactly one of DistanceM and
// DurationS is positive: the step ends after that much distance or that
// much timer time.
type Segment struct {
	Label     string    // "warm-up", "rep 3", "jog", "tempo", "cool-down", "run"
	Intensity Intensity // the FIT lap intensity of the segment
	DistanceM float64   // length, m; 0 for a time-based segment
	DurationS float64   // timer time, s, of a time-based segment
	// Effort is the step's target on flat ground relative to the
	// runner's threshold: a fraction of threshold speed for runs (0.78 =
	// easy, 1.0 = threshold, 1.08 = 3-5 km race pace) and a fraction of
	// Runner.BikeFTPW for rides. Efforts below MinEffort count as
	// MinEffort.
	Effort float64
}

// Workout is one day of a season's plan. Rest days have Kind Rest, a
// Start at local midnight and no Segments.
type Workout struct {
	Kind  Kind           // what the day is for
	Sport activity.Sport // running or cycling; empty on rest days
	Start time.Time      // local start time, whole seconds
	Week  int            // 1-based week of the season; 0 and below for Base weeks
	Day   int            // 0-based day within the week (the season's first day is day 0)
	Title string         // e.g. "Intervals 6 × 800 m"
	Route Route          // where it is run or ridden
	// Segments is the plan, in order. For intervals, tempo and hills the
	// recorded activity has one lap per segment; the others lap every
	// AutoLapM.
	Segments []Segment
	// AutoLapM is the auto-lap distance, or 0 for one lap per segment.
	AutoLapM float64
}

// PlannedDistanceM is the sum of the distance-based segments (time-based
// segments such as jog recoveries and rides are not counted).
func (w Workout) PlannedDistanceM() float64 {
	d := 0.0
	for _, s := range w.Segments {
		d += s.DistanceM
	}
	return d
}

// Plan constants.
const (
	// LongRunStartKm and LongRunPeakKm bound the long run's progression
	// over the build weeks.
	LongRunStartKm = 14.0
	LongRunPeakKm  = 28.0
	// CutbackFactor is the volume of a cutback week relative to the build
	// week before it (a 20-30 % reduction is the usual advice).
	CutbackFactor = 0.75
	// CutbackEvery makes every 4th week a cutback week.
	CutbackEvery = 4
	// RaceDistanceM is the goal race: a half marathon.
	RaceDistanceM = 21097.5
	// Paces as fractions of threshold speed, after Daniels' Running
	// Formula: easy 74-80 %, long 76 %, recovery 70 %, threshold 100 %,
	// 1 km-interval pace ~106 %, repetition pace ~112 %, half-marathon
	// race pace ~96 %.
	EasyEffort     = 0.78
	LongEffort     = 0.76
	RecoveryEffort = 0.70
	JogEffort      = 0.62
	RaceEffort     = 0.965
	// RideEffort is an endurance ride's power as a fraction of FTP
	// (Coggan's endurance zone is 56-75 %).
	RideEffort = 0.65
)

// Plan is what a season trains for.
type Plan string

// The plans Season knows.
const (
	// HalfMarathon builds to a half marathon on the season's last day:
	// 4-6 runs a week with intervals, hills, tempo and a long run (the
	// default).
	HalfMarathon Plan = "half-marathon"
	// Beginner is three short easy runs a week (Tuesday, Thursday and
	// Saturday), growing from 3 to 5-6 km, with the same cutback weeks.
	Beginner Plan = "beginner"
	// MarathonBlock is a marathon build of six runs a week that ends in
	// its heaviest fortnight (the block, about a third more than the
	// week before): 16 km at marathon pace on Saturdays before long runs
	// of MarathonLongPeakKm on Sundays, and no taper.
	MarathonBlock Plan = "marathon-block"
)

// Constants of the beginner and marathon plans.
const (
	// BeginnerStartKm and BeginnerPeakKm bound a beginner's weekday runs;
	// the Saturday run is BeginnerSaturdayExtraKm longer. Couch-to-5K
	// style programmes build to about 5 km over 9-12 weeks.
	BeginnerStartKm         = 3.0
	BeginnerPeakKm          = 5.0
	BeginnerSaturdayExtraKm = 1.0
	// MarathonLongStartKm and MarathonLongBuildKm bound the marathon
	// plan's long run before the block, and MarathonLongPeakKm is the
	// block's: recreational marathon plans peak at about 32-35 km
	// (Pfitzinger's 18-week plans peak at 32-35 km).
	MarathonLongStartKm = 20.0
	MarathonLongBuildKm = 30.0
	MarathonLongPeakKm  = 34.0
	// MarathonEffort is marathon race pace as a fraction of threshold
	// speed (Daniels' M pace is roughly 88-92 % of T pace for
	// recreational runners).
	MarathonEffort = 0.90
	// BlockWeeks is how many heaviest weeks end a marathon block.
	BlockWeeks = 2
)

// phase of a week in the plan.
type phase int

const (
	build phase = iota
	cutback
	taper
	raceWeek
)

// Season plans weeks weeks of training by r.Plan, starting on start's
// date in r.Location. Week n is the 7 days from start + 7(n-1) days; what
// a day holds depends on its weekday (the long run and the race are on
// Sundays), so a season that starts on a Monday has the race on its last
// day. It returns one Workout per day (rest days included), in order.
//
// The half-marathon plan builds progressively with a cutback week every
// 4th week (weeks 4 and 8 of 12), has a long run every week (growing from
// 14 to 28 km), one or two quality sessions (intervals with warm-up and
// cool-down on the park loop, tempo on the river path, hill repeats on
// HillRoad), easy and recovery runs, a bike ride now and then, a taper in
// the second-to-last week and the race on the last day. A build week:
//
//	Mon rest, Tue intervals or hills, Wed easy, Thu tempo, Fri rest/bike/recovery, Sat easy, Sun long
//
// The beginner and marathon-block plans are described at their Plan
// constants; an unknown Plan plans a half marathon.
//
// Season is deterministic: the same Runner and arguments give the same
// plan.
func (r Runner) Season(start time.Time, weeks int) []Workout {
	if weeks <= 0 {
		return nil
	}
	p := planner{r: r, rng: rand.New(rand.NewPCG(uint64(r.Seed), 0x5ea5_0000_0001))}
	buildIdx := 0
	return p.lay(start, weeks, 1, func(wk int) [7]Workout {
		switch r.Plan {
		case Beginner:
			return p.beginnerWeek(wk, weeks)
		case MarathonBlock:
			return p.marathonWeek(wk, weeks, &buildIdx)
		default:
			return p.halfMarathonWeek(wk, weeks, &buildIdx)
		}
	})
}

// BaseWeeks is how many weeks of base running the demo puts before its
// season: recovery.HabitDays, the window of the repeated-bout effect, so
// that the season's first runs meet legs that are used to running.
const BaseWeeks = 4

// Base plans weeks weeks of base running that end the day before start:
// what a runner does before a season begins, so that she comes to it
// used to running (a runner who starts a 12-week half-marathon block
// has not been sitting still). A base week, at about the volume of the
// season's first week:
//
//	Mon rest, Tue easy 7 km, Wed rest, Thu easy 6 km, Fri rest, Sat easy 5 km, Sun long 12 km
//
// Week numbers count back from the season: 0 is the week before it,
// -1 the week before that. Base is deterministic.
func (r Runner) Base(start time.Time, weeks int) []Workout {
	if weeks <= 0 {
		return nil
	}
	p := planner{r: r, rng: rand.New(rand.NewPCG(uint64(r.Seed), 0xba5e_0000_0003))}
	return p.lay(start.In(r.location()).AddDate(0, 0, -7*weeks), weeks, 1-weeks, func(int) [7]Workout {
		days := restWeek()
		days[1], days[3], days[5] = p.easy(7), p.easy(6), p.easy(5)
		days[6] = p.long(12, false, false)
		return days
	})
}

// SeasonAfterBase returns BaseWeeks of Base running followed by weeks of
// Season from start: a season as the demo simulates it, run by legs that
// are used to running. CheckIns of it begin with the season.
func (r Runner) SeasonAfterBase(start time.Time, weeks int) []Workout {
	return append(r.Base(start, BaseWeeks), r.Season(start, weeks)...)
}

// planner holds the season's random stream while planning.
type planner struct {
	r   Runner
	rng *rand.Rand
}

// lay lays out weeks weeks from first's date in the runner's time zone,
// numbered from firstWeek: week(wk) plans the days of the wk-th (from 0),
// Monday to Sunday, and each date gets the day of its weekday and a start
// time.
func (p *planner) lay(first time.Time, weeks, firstWeek int, week func(wk int) [7]Workout) []Workout {
	loc := p.r.location()
	y, m, d := first.In(loc).Date()
	var out []Workout
	for wk := 0; wk < weeks; wk++ {
		days := week(wk)
		for day := range 7 {
			date := time.Date(y, m, d+7*wk+day, 0, 0, 0, 0, loc)
			w := days[(date.Weekday()+6)%7] // the plan's days run Monday to Sunday
			w.Week, w.Day = firstWeek+wk, day
			w.Start = p.startTime(date, w)
			out = append(out, w)
		}
	}
	return out
}

// volumeFactor is the volume of week wk relative to a build week:
// CutbackFactor in every CutbackEvery-th week, else 1.
func volumeFactor(wk int) float64 {
	if (wk+1)%CutbackEvery == 0 {
		return CutbackFactor
	}
	return 1
}

// progress is how far week wk is through the build of a season whose
// last two weeks are not build weeks: 0 in the first week, 1 from the
// last build week on.
func progress(wk, weeks int) float64 {
	nBuild := weeks - 2
	if nBuild <= 1 {
		return 0
	}
	return math.Min(1, float64(wk)/float64(nBuild-1))
}

// halfMarathonWeek plans week wk of a half-marathon season; buildIdx
// counts the build weeks so far.
func (p *planner) halfMarathonWeek(wk, weeks int, buildIdx *int) [7]Workout {
	ph := build
	switch {
	case wk == weeks-1:
		ph = raceWeek
	case wk == weeks-2 && weeks >= 3:
		ph = taper
	case (wk+1)%CutbackEvery == 0:
		ph = cutback
	}
	prog := progress(wk, weeks)
	longKm := LongRunStartKm + (LongRunPeakKm-LongRunStartKm)*prog
	switch ph {
	case cutback:
		longKm = CutbackFactor * longKm
	case taper:
		longKm = 0.65 * LongRunPeakKm
	}
	longKm = math.Round(longKm)
	days := p.week(wk, ph, prog, *buildIdx, longKm)
	if ph == build {
		*buildIdx++
	}
	return days
}

// beginnerWeek plans week wk of a beginner's season: easy runs on
// Tuesday (with the club in the evening), Thursday and Saturday.
func (p *planner) beginnerWeek(wk, weeks int) [7]Workout {
	days := restWeek()
	f := volumeFactor(wk)
	km := BeginnerStartKm + (BeginnerPeakKm-BeginnerStartKm)*progress(wk, weeks)
	halfKm := func(x float64) float64 { return math.Round(f*x*2) / 2 }
	days[1] = p.easy(halfKm(km))
	days[3] = p.easy(halfKm(km))
	days[5] = p.easy(halfKm(km + BeginnerSaturdayExtraKm))
	return days
}

// marathonWeek plans week wk of a marathon block: six runs a week (a
// rest day on Monday) building with a cutback every 4th week, then the
// last BlockWeeks weeks a third heavier than the week before them, with
// back-to-back marathon-pace sessions on the weekend.
func (p *planner) marathonWeek(wk, weeks int, buildIdx *int) [7]Workout {
	days := restWeek()
	if wk >= weeks-BlockWeeks {
		days[1] = p.intervalSet(6, 1600, 1.03, 180, "Intervals 6 × 1600 m")
		days[2] = p.easy(18)
		days[3] = p.tempo(12)
		days[4] = p.recovery(10)
		days[5] = run(Tempo, "Marathon pace 20 km", RiverPath, 0,
			Segment{Label: "warm-up", Intensity: WarmUp, DistanceM: 2000, Effort: 0.76},
			Segment{Label: "marathon pace", Intensity: Active, DistanceM: 16000, Effort: MarathonEffort},
			Segment{Label: "cool-down", Intensity: CoolDown, DistanceM: 2000, Effort: 0.72})
		days[6] = p.marathonLong(MarathonLongPeakKm, 12)
		return days
	}
	prog := math.Min(1, float64(wk)/math.Max(1, float64(weeks-BlockWeeks-1)))
	f := volumeFactor(wk)
	halfKm := func(x float64) float64 { return math.Round(f*x*2) / 2 }
	if *buildIdx%2 == 0 {
		days[1] = p.intervals(*buildIdx/2, prog)
	} else {
		days[1] = p.hills(prog)
	}
	*buildIdx++
	days[2] = p.easy(halfKm(10 + 3*prog + p.jitter(0.5)))
	days[3] = p.tempo(halfKm(5 + 3*prog))
	days[4] = p.recovery(halfKm(6))
	days[5] = p.easy(halfKm(8 + 3*prog))
	mp := 0.0
	if f == 1 && prog >= 0.4 {
		mp = math.Round(4 + 4*prog)
	}
	days[6] = p.marathonLong(math.Round(f*(MarathonLongStartKm+(MarathonLongBuildKm-MarathonLongStartKm)*prog)), mp)
	return days
}

// restWeek is a week of rest days, to fill in.
func restWeek() [7]Workout {
	var days [7]Workout
	for i := range days {
		days[i] = Workout{Kind: Rest, Title: "Rest"}
	}
	return days
}

// marathonLong plans a flat long run on RiverPath whose last mpKm are at
// marathon pace (none when mpKm is 0).
func (p *planner) marathonLong(km, mpKm float64) Workout {
	if mpKm <= 0 {
		return p.long(km, false, false)
	}
	return run(Long, fmt.Sprintf("Long run %g km with %g km at marathon pace", km, mpKm), RiverPath, 1000,
		Segment{Label: "run", Intensity: Active, DistanceM: (km - mpKm) * 1000, Effort: LongEffort},
		Segment{Label: "marathon pace", Intensity: Active, DistanceM: mpKm * 1000, Effort: MarathonEffort})
}

// week returns the seven days of week wk, Monday to Sunday.
func (p *planner) week(wk int, ph phase, prog float64, buildIdx int, longKm float64) [7]Workout {
	days := restWeek()
	easyKm := func(base float64) float64 {
		return math.Round((base+4*prog+p.jitter(0.5))*2) / 2
	}
	switch ph {
	case build:
		if buildIdx%2 == 0 {
			days[1] = p.intervals(buildIdx/2, prog)
		} else {
			days[1] = p.hills(prog)
		}
		days[2] = p.easy(easyKm(7))
		if wk == 0 {
			days[3] = p.easy(easyKm(6))
		} else {
			days[3] = p.tempo(math.Round((4+4*prog)*2) / 2)
		}
		switch {
		case buildIdx%4 == 1:
			days[4] = p.ride(3600 + 600*math.Round(2*prog))
		case prog >= 0.5:
			days[4] = p.recovery(5 + math.Round(prog))
		}
		days[5] = p.easy(easyKm(5))
		days[6] = p.long(longKm, buildIdx%2 == 1, prog >= 0.4 && buildIdx%2 == 0)
	case cutback:
		days[1] = p.intervalSet(8, 400, 1.10, 90, "Intervals 8 × 400 m")
		days[2] = p.ride(3600)
		days[3] = p.easy(easyKm(6))
		days[5] = p.recovery(5)
		days[6] = p.long(longKm, false, false)
	case taper:
		days[1] = p.intervalSet(4, 1000, 1.06, 120, "Intervals 4 × 1000 m")
		days[2] = p.easy(easyKm(6))
		days[3] = p.tempo(4)
		days[5] = p.easy(easyKm(4))
		days[6] = p.long(longKm, false, false)
	case raceWeek:
		days[1] = p.intervalSet(4, 800, 1.03, 120, "Intervals 4 × 800 m")
		days[2] = p.easy(6)
		days[4] = p.easy(5)
		days[5] = p.recovery(4)
		days[6] = p.race()
	}
	return days
}

// jitter returns a uniform random number in [-a, a).
func (p *planner) jitter(a float64) float64 { return a * (2*p.rng.Float64() - 1) }

func run(kind Kind, title string, route Route, autoLap float64, segs ...Segment) Workout {
	return Workout{Kind: kind, Sport: activity.Running, Title: title, Route: route, Segments: segs, AutoLapM: autoLap}
}

func (p *planner) easy(km float64) Workout {
	route := ParkLoop
	if p.rng.IntN(2) == 0 {
		route = RiverPath
	}
	return run(Easy, fmt.Sprintf("Easy %g km", km), route, 1000,
		Segment{Label: "run", Intensity: Active, DistanceM: km * 1000, Effort: EasyEffort})
}

func (p *planner) recovery(km float64) Workout {
	return run(Recovery, fmt.Sprintf("Recovery %g km", km), ParkLoop, 1000,
		Segment{Label: "run", Intensity: Active, DistanceM: km * 1000, Effort: RecoveryEffort})
}

// long plans a long run; hilly ones go out and back on HillRoad, flat
// ones on RiverPath; fastFinish runs the last 3 km at marathon-ish effort.
func (p *planner) long(km float64, hilly, fastFinish bool) Workout {
	route, title := RiverPath, fmt.Sprintf("Long run %g km", km)
	if hilly {
		route, title = HillRoad, fmt.Sprintf("Hilly long run %g km", km)
	}
	segs := []Segment{{Label: "run", Intensity: Active, DistanceM: km * 1000, Effort: LongEffort}}
	if fastFinish {
		segs = []Segment{
			{Label: "run", Intensity: Active, DistanceM: (km - 3) * 1000, Effort: LongEffort},
			{Label: "fast finish", Intensity: Active, DistanceM: 3000, Effort: 0.90},
		}
		title += " with a 3 km fast finish"
	}
	return run(Long, title, route, 1000, segs...)
}

// intervals plans the i-th interval session of the build, rotating
// through 6 × 800 m, 5 × 1000 m, 10 × 400 m, 4 × 1600 m and 6 × 1000 m
// (count, rep length, effort, jog recovery in seconds), with one more rep
// late in the build.
func (p *planner) intervals(i int, prog float64) Workout {
	var n int
	var m, effort, recover float64
	switch i % 5 {
	case 0:
		n, m, effort, recover = 6, 800, 1.08, 90
	case 1:
		n, m, effort, recover = 5, 1000, 1.06, 120
	case 2:
		n, m, effort, recover = 10, 400, 1.12, 75
	case 3:
		n, m, effort, recover = 4, 1600, 1.03, 180
	default:
		n, m, effort, recover = 6, 1000, 1.06, 120
	}
	n += int(math.Round(prog))
	return p.intervalSet(n, m, effort, recover, fmt.Sprintf("Intervals %d × %g m", n, m))
}

// intervalSet plans a warm-up, n reps of m metres at effort with jog
// recoveries of recover seconds, and a cool-down, on the park loop.
func (p *planner) intervalSet(n int, m, effort, recover float64, title string) Workout {
	segs := []Segment{{Label: "warm-up", Intensity: WarmUp, DistanceM: 2500, Effort: 0.74}}
	for i := 1; i <= n; i++ {
		segs = append(segs, Segment{Label: fmt.Sprintf("rep %d", i), Intensity: Active, DistanceM: m, Effort: effort})
		if i < n {
			segs = append(segs, Segment{Label: "jog", Intensity: Easing, DurationS: recover, Effort: JogEffort})
		}
	}
	segs = append(segs, Segment{Label: "cool-down", Intensity: CoolDown, DistanceM: 2000, Effort: 0.72})
	return run(Intervals, title, ParkLoop, 0, segs...)
}

// hills plans hill repeats on HillRoad's 7 % climb: a 2 km warm-up to
// its foot, n reps up and jogs back down, and the 2 km back.
func (p *planner) hills(prog float64) Workout {
	n, m := 6+int(math.Round(4*prog)), 300.0
	segs := []Segment{{Label: "warm-up", Intensity: WarmUp, DistanceM: hillBaseM, Effort: 0.76}}
	for i := 1; i <= n; i++ {
		segs = append(segs,
			Segment{Label: fmt.Sprintf("rep %d", i), Intensity: Active, DistanceM: m, Effort: 0.98},
			Segment{Label: "jog down", Intensity: Easing, DistanceM: m, Effort: JogEffort})
	}
	segs = append(segs, Segment{Label: "cool-down", Intensity: CoolDown, DistanceM: hillBaseM, Effort: 0.72})
	return run(Hills, fmt.Sprintf("Hill repeats %d × %g m", n, m), HillRoad, 0, segs...)
}

// tempo plans a continuous threshold run on the river path between a
// 2 km warm-up and a 2 km cool-down.
func (p *planner) tempo(km float64) Workout {
	effort := 1.0
	if km > 6 {
		effort = 0.98 // a longer tempo is run a little below threshold
	}
	return run(Tempo, fmt.Sprintf("Tempo %g km", km), RiverPath, 0,
		Segment{Label: "warm-up", Intensity: WarmUp, DistanceM: 2000, Effort: 0.76},
		Segment{Label: "tempo", Intensity: Active, DistanceM: km * 1000, Effort: effort},
		Segment{Label: "cool-down", Intensity: CoolDown, DistanceM: 2000, Effort: 0.72})
}

func (p *planner) race() Workout {
	return run(Race, "Half marathon", RiverPath, 1000,
		Segment{Label: "race", Intensity: Active, DistanceM: RaceDistanceM, Effort: RaceEffort})
}

func (p *planner) ride(seconds float64) Workout {
	return Workout{Kind: Cross, Sport: activity.Cycling, Title: fmt.Sprintf("Bike %g min", seconds/60),
		Route: ValleyLoop, AutoLapM: 5000,
		Segments: []Segment{{Label: "ride", Intensity: Active, DurationS: seconds, Effort: RideEffort}}}
}

// startTime picks the local start time of w on date: weekday runs early
// in the morning, Tuesday's quality session in the evening with a club,
// weekday rides after work, weekend sessions mid-morning, the race at
// 09:30.
func (p *planner) startTime(date time.Time, w Workout) time.Time {
	minutes := func(h, m, spread int) time.Time {
		s := p.rng.IntN(spread * 60)
		return time.Date(date.Year(), date.Month(), date.Day(), h, m, s, 0, date.Location())
	}
	weekend := date.Weekday() == time.Saturday || date.Weekday() == time.Sunday
	switch {
	case w.Kind == Rest:
		return date
	case w.Kind == Race:
		return time.Date(date.Year(), date.Month(), date.Day(), 9, 30, p.rng.IntN(30), 0, date.Location())
	case weekend:
		return minutes(8, 0, 90)
	case date.Weekday() == time.Tuesday:
		return minutes(18, 30, 10)
	case w.Kind == Cross:
		return minutes(17, 30, 30)
	default:
		return minutes(6, 15, 45)
	}
}
