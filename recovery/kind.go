package recovery

import (
	"fmt"
	"math"
	"strings"

	"github.com/rebound-run/rebound/activity"
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

// Thresholds of the run-kind classifier.
const (
	// LongRunM: "long runs (10+ miles)" (seed 002).
	LongRunM = 16093.44
	// LongRunS: 90 minutes, the duration at which glycogen depletion
	// becomes the limiting factor for most runners (seed 000 ties long
	// runs to glycogen depletion); Rebound's choice.
	LongRunS = 90 * 60
	// LongShareOfWeek: a run that is at least this share of the runner's
	// last 7 days of running (and LongShareMinM or more) is long for them.
	LongShareOfWeek = 0.35
	LongShareMinM   = 8000
	// HardZoneShare: 20 % or more of the time in heart-rate zones 4-5
	// (≥ 80 % of heart-rate reserve) makes a session hard.
	HardZoneShare = 0.20
	// TempoHRR: an average at or above 75 % of heart-rate reserve over the
	// whole run is a tempo effort even without time in zones 4-5.
	TempoHRR = 0.75
	// IntervalLapCV: lap speeds varying by a coefficient of variation of
	// 15 % or more, over 4+ laps, mean repetitions and recoveries.
	IntervalLapCV = 0.15
	// HillsMPerKm: 25 m or more of climbing per km is a hill session.
	HillsMPerKm = 25
)

// Features are what the classifier looks at.
type Features struct {
	Sport     activity.Sport
	Name      string
	DistanceM float64
	MovingS   float64
	AscentM   float64
	ZonesS    *[5]float64 // nil without heart rate
	AvgHRR    float64     // average heart rate as a fraction of reserve; NaN without HR
	LapSpeeds []float64   // m/s of each lap with a distance
	WeekRunM  float64     // running distance in the 7 days before this run
	RPE       float64     // session RPE 0-10; NaN when not given
}

// Classify returns the run's kind, the share of it run hard, and the
// reasons, in words.
func Classify(f Features) (Kind, float64, []string) {
	if !f.Sport.IsRun() {
		return Cross, 0, []string{CrossReason(f.Sport, f.MovingS)}
	}
	var why []string
	hard := 0.0
	if f.ZonesS != nil {
		total := 0.0
		for _, z := range f.ZonesS {
			total += z
		}
		if total > 0 {
			share := (f.ZonesS[3] + f.ZonesS[4]) / total
			hard = share
			if share >= HardZoneShare {
				why = append(why, fmt.Sprintf("%.0f%% of the time in heart-rate zones 4-5", share*100))
			}
		}
	}
	if activity.Has(f.AvgHRR) && f.AvgHRR >= TempoHRR {
		hard = math.Max(hard, 0.6)
		why = append(why, fmt.Sprintf("average heart rate at %.0f%% of reserve (tempo effort)", f.AvgHRR*100))
	}
	if cv := variation(f.LapSpeeds); len(f.LapSpeeds) >= 4 && cv >= IntervalLapCV {
		hard = math.Max(hard, 0.3)
		why = append(why, fmt.Sprintf("lap speeds vary by %.0f%% (intervals)", cv*100))
	}
	if f.DistanceM > 0 && activity.Has(f.AscentM) && f.AscentM/(f.DistanceM/1000) >= HillsMPerKm {
		hard = math.Max(hard, 0.3)
		why = append(why, fmt.Sprintf("%.0f m of climbing per km (hills)", f.AscentM/(f.DistanceM/1000)))
	}
	if activity.Has(f.RPE) && f.RPE >= 7 {
		hard = math.Max(hard, 0.5)
		why = append(why, fmt.Sprintf("rated %g/10 for effort", f.RPE))
	}
	if n := strings.ToLower(f.Name); strings.Contains(n, "race") || strings.Contains(n, "marathon") || strings.Contains(n, "parkrun") {
		hard = math.Max(hard, 0.8)
		why = append(why, "named as a race")
	}
	isHard := len(why) > 0
	var longWhy []string
	if f.DistanceM >= LongRunM {
		longWhy = append(longWhy, "10 miles or more")
	}
	if f.MovingS >= LongRunS {
		longWhy = append(longWhy, "90 minutes or more")
	}
	if f.WeekRunM > 0 && f.DistanceM >= LongShareMinM && f.DistanceM/(f.WeekRunM+f.DistanceM) >= LongShareOfWeek {
		longWhy = append(longWhy, fmt.Sprintf("%.0f%% of the week's running", f.DistanceM/(f.WeekRunM+f.DistanceM)*100))
	}
	switch {
	case len(longWhy) > 0:
		return Long, hard, append(longWhy, why...)
	case isHard:
		return Hard, hard, why
	}
	return Easy, hard, []string{"steady, mostly easy effort"}
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
