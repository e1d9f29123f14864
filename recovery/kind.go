package recovery

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/measure"
)

// Kind is what sort of session a workout was, for recovery purposes.
type Kind string

// The run kinds. Workout says more of a hard session.
const (
	Easy        Kind = "easy"           // easy, steady run
	RecoveryRun Kind = "recovery"       // a short, very easy run
	Long        Kind = "long"           // long run
	Hard        Kind = "hard"           // a hard training session: intervals, tempo, hills, downhill
	Race        Kind = "race"           // a race or time trial
	Cross       Kind = "cross-training" // any other sport
)

// Kinds lists every kind, from the least to the most demanding run, then
// cross-training.
var Kinds = [...]Kind{RecoveryRun, Easy, Long, Hard, Race, Cross}

// ValidKind reports whether k is one of Kinds.
func ValidKind(k Kind) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// HardEffort reports whether a run of this kind was a hard effort (a hard
// session or a race): no hard session, long run or strength the day after.
func (k Kind) HardEffort() bool { return k == Hard || k == Race }

// Demanding reports whether a run of this kind calls for the longer
// recovery of a long run or hard effort.
func (k Kind) Demanding() bool { return k == Long || k.HardEffort() }

// EasyEffort reports whether the run was easy or a recovery run.
func (k Kind) EasyEffort() bool { return k == Easy || k == RecoveryRun }

// Workout is what a hard session was, when the classifier can tell.
type Workout string

// The workouts.
const (
	Intervals Workout = "intervals"
	Tempo     Workout = "tempo"
	Hills     Workout = "hills"
	Downhill  Workout = "downhill" // hard for the quads by eccentric load
)

// Thresholds of the run-kind classifier. Where a number is Rebound's
// choice it says so; the table tests in kind_test.go name the source of
// each case.
const (
	// LongRunM: "long runs (10+ miles)" (the 2026 coaching guide).
	LongRunM = 16093.44
	// LongRunS: 90 minutes, the duration at which glycogen depletion
	// becomes the limiting factor for most runners ("Leg Recovery After
	// Running" ties long runs to glycogen depletion); Rebound's choice.
	LongRunS = 90 * 60
	// LongShareOfWeek: a run that is at least this share of the runner's
	// last 7 days of running (and LongShareMinM or more) is long for them.
	LongShareOfWeek = 0.35
	LongShareMinM   = 8000
	// HardZoneShare: 20 % or more of the time in heart-rate zones 4-5
	// (≥ 80 % of heart-rate reserve) makes a session hard.
	HardZoneShare = 0.20
	// LongHardZoneShare and LongTempoHRR: a run long enough to be a long
	// run is a hard session when 30 % or more of it was in zones 4-5, or
	// it was an interval session or a tempo effort, an average at or above
	// 80 % of heart-rate reserve (zone 4, where threshold running sits):
	// coaches plan it and recover from it as the key session it was, not
	// as a steady long run, which may hold a little faster running (a long
	// run with a fast finish spends 15-25 % of its time in zones 4-5) and
	// whose average heart rate drifts up over the hours (a novice's three
	// hours may average 75 %, TempoHRR, without a tempo in them).
	// Rebound's choice.
	LongHardZoneShare = 0.30
	LongTempoHRR      = 0.80
	// LongEffortS: a run of two hours or more is a long run whatever its
	// effort. Its tempo or intervals are named as its workout and
	// recovered within a long run's clocks, which give easy running later
	// than a hard session's (Windows) and, for older runners, a day more.
	// A shorter run that is long only by its distance or its share of the
	// week, with a key effort (16 km of intervals in 80 minutes), is the
	// hard session it was. Rebound's choice: called a "tempo run", a 3 h
	// run with 30 % of its time in zones 4-5 was given easy running 5 h
	// sooner than the same run called long.
	LongEffortS = 2 * 60 * 60
	// TempoHRR: an average at or above 75 % of heart-rate reserve over the
	// whole run is a tempo effort even without time in zones 4-5.
	TempoHRR = 0.75
	// IntervalLapCV: lap speeds varying by a coefficient of variation of
	// 15 % or more, over 4+ laps, mean repetitions and recoveries.
	IntervalLapCV = 0.15
	// HillsMPerKm: 15 m or more of climbing per km in a hard session makes
	// it a hill session (hill repeats on a 7 % road climb about 20 m per
	// km over the whole session, warm-up included; a flat road run 2-4);
	// 25 m per km makes any run a hill session. Rebound's choice.
	HillsMPerKm      = 15
	HillsAloneMPerKm = 25
	// HillRepeatGrade and HillRepeatLaps: 4 or more laps that climb at
	// 4 % or more on average are hill repeats, whatever the heart rate
	// (a repeat is lapped on its own; a flat road lap climbs 0-1 %).
	// Rebound's choice.
	HillRepeatGrade = 0.04
	HillRepeatLaps  = 4
	// HardRPE: a session RPE of 7/10 or more ("very hard" on Borg's
	// CR-10, Foster et al. 2001).
	HardRPE = 7
	// RecoveryRunMaxS and RecoveryRunMaxHRR: a run shorter than 45
	// minutes averaging under 62 % of heart-rate reserve is a recovery
	// run: zone 1 of the five heart-rate-reserve zones tops out at 60 %,
	// and heart rate at a fixed pace scatters by 2-4 bpm from day to day
	// (about 2 % of reserve). Rebound's choice.
	RecoveryRunMaxS   = 45 * 60
	RecoveryRunMaxHRR = 0.62
	// RecoveryRunAfterHardMaxHRR: the day after a hard effort or race, a
	// short run at up to 70 % of heart-rate reserve is a recovery run.
	RecoveryRunAfterHardMaxHRR = 0.70
)

// Race thresholds: what makes a run a race or time trial.
const (
	// RaceHRR, RaceMinS and RaceMinM: an average of 85 % of heart-rate
	// reserve or more, held for 20 minutes or more, over 5 km or more.
	// Threshold (tempo) running sits at about 80-88 % of reserve (the
	// zone literature Karvonen's method rests on), and a tempo session
	// with its warm-up and cool-down averages less (75-80 % in Rebound's
	// simulated runners); only a race-like effort holds 85 % from start
	// to finish. Rebound's choice.
	RaceHRR  = 0.85
	RaceMinS = 20 * 60
	RaceMinM = 5000
	// RaceNearBest: a run whose time is within 2 % of the time the
	// runner's best recent effort predicts for its distance (Riegel 1981,
	// T₂ = T₁·(D₂/D₁)^1.06) is raced, when its pace is even (RaceEvenLapCV)
	// and its heart rate, if any, does not say otherwise (RaceByPaceMinHRR).
	// It needs RaceMinEfforts earlier runs of RaceEffortMinM or more in the
	// RaceLookback to compare with. Rebound's choice.
	RaceNearBest     = 0.02
	RiegelExponent   = 1.06
	RaceEvenLapCV    = 0.08
	RaceByPaceMinHRR = 0.80
	RaceMinEfforts   = 5
	RaceEffortMinM   = 3000
	RaceLookback     = 365 * 24 * time.Hour
	// RaceNameMinHRR: a run named like a race ("parkrun", "10k") is one
	// unless its heart rate averaged under 75 % of reserve (a parkrun
	// jogged with a friend is not raced).
	RaceNameMinHRR = 0.75
)

// Downhill thresholds: eccentric load makes a run hard for the quads
// whatever the heart rate. 45 minutes at −10 % (about 700 m of descent)
// left runners sore for 24-72 h with creatine kinase up 351 % at 24 h,
// while level running did not (Schwane et al. 1983, Med Sci Sports Exerc
// 15:51); runners unused to downhill running are damaged most (Bontemps
// et al. 2020 review). Rebound marks half that dose.
const (
	// DownhillDescentPerKm: 40 m of descent per km (a 4 % average grade
	// over the whole run) or more.
	DownhillDescentPerKm = 40
	// DownhillMinM: 3 km or more run on grades steeper than −3 %, unless
	// the run climbed as much as a hill session does (HillsMPerKm), when
	// the climb is what it was for.
	DownhillMinM = 3000
)

// Features are what the classifier looks at. Absent numbers are NaN
// (heart rate, RPE) or 0 (distances the file did not carry).
type Features struct {
	Sport     activity.Sport
	Legs      []activity.Sport // the sports of a multisport file, in order
	Name      string
	DistanceM float64
	MovingS   float64
	AscentM   float64
	DescentM  float64
	DownhillM float64     // distance on grades steeper than −3 %
	ZonesS    *[5]float64 // nil without heart rate
	AvgHRR    float64     // average heart rate as a fraction of reserve; NaN without HR
	LapSpeeds []float64   // m/s of each lap with a distance
	// LapGrades is each lap's climbing over its distance (0.07 for a lap
	// that climbs 7 m per 100 m), for the laps with a distance and an
	// ascent.
	LapGrades []float64
	WeekRunM  float64 // running distance in the 7 days before this run
	RPE       float64 // session RPE 0-10; NaN when not given
	// BestS is the time, in seconds, that the runner's best effort of the
	// RaceLookback before this run predicts for this run's distance
	// (Riegel), and Efforts how many earlier runs it was chosen from; 0
	// and 0 without any.
	BestS   float64
	Efforts int
	// AfterHard is set when a hard effort or race ended in the 36 hours
	// before this run started.
	AfterHard bool
	// Marked is the kind the runner chose for this run, "" when none. It
	// wins over everything the classifier would say. (Hook: set it from
	// the stored per-activity kind override.)
	Marked Kind
	// Units is the runner's system of units, in which the reasons give
	// distances, climbing and descent (the zero value reads metric).
	Units measure.System
}

// Class is what the classifier found: the kind, the workout of a hard
// session (or of a long run with a hard part), the share of the run at
// hard intensity (0-1, for the muscular-load model) and the reasons, each
// naming the numbers that decided it.
type Class struct {
	Kind         Kind
	Workout      Workout
	HardFraction float64
	Why          []string
}

// Classify returns the run's kind, the share of it run hard, and the
// reasons, in words. See ClassifyRun for the workout.
func Classify(f Features) (Kind, float64, []string) {
	c := ClassifyRun(f)
	return c.Kind, c.HardFraction, c.Why
}

// ClassifyRun classifies a run. In order: a kind the runner marked; a
// non-running sport is cross-training; a race (sustained heart rate near
// RaceHRR, a time near the runner's best for the distance, or a race's
// name); a hard session whatever its length when the effort says so
// (intervals, LongHardZoneShare in zones 4-5, a tempo effort), the
// length noted in its reasons; a long run (distance, duration, or share
// of the week); a hard session (by intensity, climbing or descent); a
// recovery run (short and very easy, or short the day after a hard
// effort); else an easy run.
func ClassifyRun(f Features) Class {
	if f.Marked != "" && ValidKind(f.Marked) {
		c := ClassifyRun(Features{Sport: f.Sport, Legs: f.Legs, Name: f.Name, DistanceM: f.DistanceM, MovingS: f.MovingS,
			AscentM: f.AscentM, DescentM: f.DescentM, DownhillM: f.DownhillM, ZonesS: f.ZonesS, AvgHRR: f.AvgHRR,
			LapSpeeds: f.LapSpeeds, WeekRunM: f.WeekRunM, RPE: f.RPE, BestS: f.BestS, Efforts: f.Efforts, AfterHard: f.AfterHard, Units: f.Units})
		c.Why = []string{f.Marked.Marked()}
		if !f.Marked.Demanding() {
			c.Workout = ""
		}
		c.Kind = f.Marked
		if f.Marked.HardEffort() {
			c.HardFraction = math.Max(c.HardFraction, 0.5)
		}
		return c
	}
	if !f.Sport.IsRun() {
		why := CrossReason(f.Sport, f.MovingS)
		if len(f.Legs) > 1 {
			legs := make([]string, len(f.Legs))
			for i, l := range f.Legs {
				legs[i] = string(l)
			}
			why = fmt.Sprintf("a multisport file (%s) counts by its longest leg, %s, as cross-training", strings.Join(legs, ", "), f.Sport)
		}
		return Class{Kind: Cross, Why: []string{why}}
	}
	longWhy := long(f)
	i := intensity(f, len(longWhy) > 0)
	if why := raced(f); len(why) > 0 {
		// A race's intensity goes without saying; its terrain does not.
		w := i.workout
		if w != Hills && w != Downhill {
			w = ""
		}
		return Class{Kind: Race, Workout: w, HardFraction: math.Max(i.hard, 0.8), Why: why}
	}
	if why := longWhy; len(why) > 0 {
		if i.key && f.MovingS < LongEffortS {
			// The effort decides before the distance.
			return Class{Kind: Hard, Workout: i.workout, HardFraction: i.hard,
				Why: append(i.why, fmt.Sprintf("long too (%s), but the effort decides: a hard session", strings.Join(why, "; ")))}
		}
		if i.key {
			why = append(why, fmt.Sprintf("a long run with a hard part: %s, recovered as a long run (two hours or more)", strings.Join(i.why, "; ")))
			return Class{Kind: Long, Workout: i.workout, HardFraction: i.hard, Why: why}
		}
		return Class{Kind: Long, Workout: i.workout, HardFraction: i.hard, Why: append(why, i.why...)}
	}
	if len(i.why) > 0 {
		return Class{Kind: Hard, Workout: i.workout, HardFraction: i.hard, Why: i.why}
	}
	if why := recoveryRun(f); why != "" {
		return Class{Kind: RecoveryRun, HardFraction: i.hard, Why: []string{why}}
	}
	why := fmt.Sprintf("steady, mostly easy effort: %s in %s, nothing fast, long or steep", f.Units.Round(f.DistanceM), measure.Duration(f.MovingS))
	if activity.Has(f.AvgHRR) {
		why = fmt.Sprintf("steady, easy effort: average heart rate %.0f%% of reserve", f.AvgHRR*100)
	}
	return Class{Kind: Easy, HardFraction: i.hard, Why: []string{why}}
}

// effort is what the classifier found of a run's intensity and terrain.
type effort struct {
	hard    float64 // share of the run at hard intensity, 0-1
	workout Workout
	why     []string
	// key is set when the effort makes a session hard whatever its
	// length: intervals, LongHardZoneShare of the time in zones 4-5, or
	// an average of LongTempoHRR.
	key bool
}

// intensity finds the hard parts of a run: time in zones 4-5, a tempo
// average, varying laps, climbing, descent and a high RPE. The workout is
// the first that applies of intervals, hills, downhill, tempo. Of a long
// run (long), an average under LongTempoHRR is steady for its length, no
// tempo.
func intensity(f Features, long bool) effort {
	var e effort
	var intervals, tempo, hills, down bool
	if f.ZonesS != nil {
		total := 0.0
		for _, z := range f.ZonesS {
			total += z
		}
		if total > 0 {
			share := (f.ZonesS[3] + f.ZonesS[4]) / total
			e.hard = share
			e.key = share >= LongHardZoneShare
			if share >= HardZoneShare {
				tempo = true
				e.why = append(e.why, fmt.Sprintf("%.0f%% of the time (%s) in heart-rate zones 4-5", share*100, measure.Duration(f.ZonesS[3]+f.ZonesS[4])))
			}
		}
	}
	// A long run's average under LongTempoHRR is said after the laps:
	// steady for its length, unless they or the zones made it hard.
	drift := long && activity.Has(f.AvgHRR) && f.AvgHRR >= TempoHRR && f.AvgHRR < LongTempoHRR
	if activity.Has(f.AvgHRR) && f.AvgHRR >= TempoHRR && !drift {
		e.hard = math.Max(e.hard, 0.6)
		tempo, e.key = true, true
		e.why = append(e.why, fmt.Sprintf("average heart rate %.0f%% of reserve for %s (tempo effort)", f.AvgHRR*100, measure.Duration(f.MovingS)))
	}
	if cv := variation(f.LapSpeeds); len(f.LapSpeeds) >= 4 && cv >= IntervalLapCV {
		e.hard = math.Max(e.hard, 0.3)
		intervals, e.key = true, true
		e.why = append(e.why, fmt.Sprintf("lap speeds vary by %.0f%% over %d laps (intervals)", cv*100, len(f.LapSpeeds)))
	}
	if drift {
		e.hard = math.Max(e.hard, 0.6)
		avg := fmt.Sprintf("average heart rate %.0f%% of reserve for %s", f.AvgHRR*100, measure.Duration(f.MovingS))
		if !e.key {
			avg += ", steady for a run that long"
		}
		e.why = append(e.why, avg)
	}
	if activity.Has(f.RPE) && f.RPE >= HardRPE {
		e.hard = math.Max(e.hard, 0.5)
		tempo = true
		e.why = append(e.why, fmt.Sprintf("you rated it %g/10 for effort", f.RPE))
	}
	km := f.DistanceM / 1000
	climb := 0.0
	if km > 0 {
		climb = f.AscentM / km
	}
	reps, repGrade := 0, 0.0
	for _, g := range f.LapGrades {
		if g >= HillRepeatGrade {
			reps++
			repGrade += g
		}
	}
	switch {
	case reps >= HillRepeatLaps:
		e.hard = math.Max(e.hard, 0.3)
		hills = true
		e.why = append(e.why, fmt.Sprintf("%d laps climbing %.0f%% on average (hill repeats; %s of climbing in all)", reps, repGrade/float64(reps)*100, f.Units.Elevation(f.AscentM)))
	case km > 0 && (climb >= HillsAloneMPerKm || (climb >= HillsMPerKm && len(e.why) > 0)):
		e.hard = math.Max(e.hard, 0.3)
		hills = true
		e.why = append(e.why, fmt.Sprintf("%s of climbing in %s (%s: hills)", f.Units.Elevation(f.AscentM), f.Units.Round(f.DistanceM), f.Units.Climb(climb)))
	}
	if km > 0 {
		perKm := f.DescentM / km
		switch {
		case perKm >= DownhillDescentPerKm:
			down = true
			e.why = append(e.why, fmt.Sprintf("%s of descent in %s (%s): hard on the quads whatever the heart rate",
				f.Units.Elevation(f.DescentM), f.Units.Round(f.DistanceM), f.Units.Climb(perKm)))
		case f.DownhillM >= DownhillMinM && !hills:
			down = true
			e.why = append(e.why, fmt.Sprintf("%s run downhill (%s of descent): hard on the quads whatever the heart rate",
				f.Units.Round(f.DownhillM), f.Units.Elevation(f.DescentM)))
		}
	}
	switch {
	case intervals:
		e.workout = Intervals
	case hills:
		e.workout = Hills
	case down:
		e.workout = Downhill
	case tempo:
		e.workout = Tempo
	}
	return e
}

// raced returns why the run was a race, or nothing.
func raced(f Features) []string {
	hr := activity.Has(f.AvgHRR)
	var why []string
	if hr && f.AvgHRR >= RaceHRR && f.MovingS >= RaceMinS && f.DistanceM >= RaceMinM {
		why = append(why, fmt.Sprintf("average heart rate %.0f%% of reserve for %s over %s: a race effort",
			f.AvgHRR*100, measure.Duration(f.MovingS), f.Units.Round(f.DistanceM)))
	}
	if f.BestS > 0 && f.Efforts >= RaceMinEfforts && f.DistanceM >= RaceMinM && f.MovingS >= RaceMinS &&
		(!hr || f.AvgHRR >= RaceByPaceMinHRR) && (len(f.LapSpeeds) < 3 || variation(f.LapSpeeds) < RaceEvenLapCV) &&
		f.MovingS <= f.BestS*(1+RaceNearBest) {
		why = append(why, fmt.Sprintf("%s for %s, %s your best of the last year predicts for the distance (Riegel's formula): raced",
			measure.Duration(f.MovingS), f.Units.Round(f.DistanceM), nearBest(f.MovingS, f.BestS)))
	}
	if w := raceWord(f.Name); w != "" && (!hr || f.AvgHRR >= RaceNameMinHRR) && f.DistanceM >= 1000 {
		why = append(why, fmt.Sprintf("named “%s” (%s)", strings.TrimSpace(f.Name), w))
	}
	return why
}

// nearBest says how a time compares with the best-predicted one.
func nearBest(t, best float64) string {
	d := (t - best) / best * 100
	switch {
	case d < -0.5:
		return fmt.Sprintf("%.0f%% faster than", -d)
	case d > 0.5:
		return fmt.Sprintf("within %.0f%% of what", math.Ceil(d))
	}
	return "what"
}

// raceWords are words of a name that mark a race, and contexts that say
// the name is about training instead ("marathon pace", "pre-race").
var (
	raceWords = map[string]string{"race": "a race", "racing": "a race", "parkrun": "a parkrun", "xc": "cross-country",
		"marathon": "a marathon", "halfmarathon": "a half marathon", "half-marathon": "a half marathon", "10k": "a 10K race",
		"5k": "a 5K race", "10km": "a 10K race", "5km": "a 5K race", "ultra": "an ultra", "triathlon": "a triathlon",
		"duathlon": "a duathlon", "time-trial": "a time trial", "cross-country": "cross-country", "half": "a half marathon"}
	// trainingWords after or before a race word make the name a training
	// run's.
	trainingWords = []string{"pace", "paced", "effort", "simulation", "sim", "prep", "recce", "rehearsal", "shakeout", "shake-out",
		"pre", "pre-race", "post", "post-race", "after", "before", "training", "easy", "recovery", "jog", "warmup", "warm-up", "cooldown", "cool-down", "plan"}
	// distanceWords mark a race only beside a word that is not generic
	// ("Berlin 10k" is a race, "Sunday 10k" a training run); "marathon"
	// and "half marathon" may stand alone.
	distanceWords = []string{"10k", "5k", "10km", "5km", "marathon", "halfmarathon", "half-marathon", "half", "ultra"}
	// genericWords say nothing of an event: the times and days apps name
	// runs by.
	genericWords = []string{"morning", "afternoon", "evening", "night", "lunch", "lunchtime", "midday", "run", "running", "the", "a",
		"my", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "today", "trail", "road", "long", "km"}
)

// raceWord returns what the run's name says it was when it names a race,
// else "".
func raceWord(name string) string {
	n := strings.ToLower(name)
	n = strings.NewReplacer("half marathon", "halfmarathon", "time trial", "time-trial", "cross country", "cross-country",
		"park run", "parkrun", "10 km", "10km", "5 km", "5km", "10 k ", "10k ", "5 k ", "5k ").Replace(n + " ")
	words := strings.FieldsFunc(n, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	})
	for _, w := range words {
		if slices.Contains(trainingWords, w) {
			return ""
		}
	}
	found, strong, other, alone := "", false, false, false
	for _, w := range words {
		what, ok := raceWords[w]
		switch {
		case ok:
			if found == "" {
				found = what
			}
			strong = strong || !slices.Contains(distanceWords, w)
			alone = alone || w == "marathon" || w == "halfmarathon" || w == "half-marathon"
		case !slices.Contains(genericWords, w) && strings.Trim(w, "0123456789-") != "":
			other = true
		}
	}
	if found == "" || strong || alone || other {
		return found
	}
	return ""
}

// long returns why the run was long, or nothing.
func long(f Features) []string {
	var why []string
	if f.DistanceM >= LongRunM {
		why = append(why, fmt.Sprintf("%s: %s or more", f.Units.Round(f.DistanceM), f.Units.Round(LongRunM)))
	}
	if f.MovingS >= LongRunS {
		why = append(why, fmt.Sprintf("%s: 90 minutes or more", measure.Duration(f.MovingS)))
	}
	if f.WeekRunM > 0 && f.DistanceM >= LongShareMinM && f.DistanceM/(f.WeekRunM+f.DistanceM) >= LongShareOfWeek {
		why = append(why, fmt.Sprintf("%.0f%% of the week's running", f.DistanceM/(f.WeekRunM+f.DistanceM)*100))
	}
	return why
}

// recoveryRun returns why a run that was neither hard nor long was a
// recovery run, or "".
func recoveryRun(f Features) string {
	if f.MovingS <= 0 || f.MovingS >= RecoveryRunMaxS {
		return ""
	}
	hr := activity.Has(f.AvgHRR)
	switch {
	case hr && f.AvgHRR < RecoveryRunMaxHRR:
		return fmt.Sprintf("%s at %.0f%% of heart-rate reserve: short and very easy", measure.Duration(f.MovingS), f.AvgHRR*100)
	case f.AfterHard && (!hr || f.AvgHRR < RecoveryRunAfterHardMaxHRR):
		return fmt.Sprintf("%s, easy, the day after a hard effort", measure.Duration(f.MovingS))
	}
	return ""
}

// Riegel returns the time (seconds) a runner who ran distM in timeS
// would take over toM at the same effort: T₂ = T₁·(D₂/D₁)^1.06 (Riegel
// 1981, American Scientist 69:285).
func Riegel(timeS, distM, toM float64) float64 {
	return timeS * math.Pow(toM/distM, RiegelExponent)
}

// variation returns the coefficient of variation of xs.
func variation(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	if m == 0 {
		return 0
	}
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return math.Sqrt(v/float64(len(xs))) / m
}
