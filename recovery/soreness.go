package recovery

import (
	"math"
	"strings"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/measure"
)

// Muscle is a leg muscle group the soreness model tracks.
type Muscle string

// The muscle groups, as check-ins name them.
const (
	Calves     Muscle = "calves"
	Shins      Muscle = "shins"
	Quads      Muscle = "quads"
	Hamstrings Muscle = "hamstrings"
	Glutes     Muscle = "glutes"
	HipFlexors Muscle = "hip-flexors"
	Feet       Muscle = "feet"
)

// Name is how a sentence names the muscle group: "hip flexors" for the
// id "hip-flexors". Every muscle group's name is a plural.
func (m Muscle) Name() string { return strings.ReplaceAll(string(m), "-", " ") }

// Muscles lists every muscle group in display order.
var Muscles = [...]Muscle{Calves, Shins, Quads, Hamstrings, Glutes, HipFlexors, Feet}

// ValidMuscle reports whether m is one of Muscles.
func ValidMuscle(m Muscle) bool {
	for _, x := range Muscles {
		if x == m {
			return true
		}
	}
	return false
}

// Run is what the soreness and recovery models need to know of one
// workout. Callers build it from a stored activity and its summary.
type Run struct {
	ID        int64
	End       time.Time
	Sport     activity.Sport
	Kind      Kind
	DistanceM float64
	DurationS float64
	AscentM   float64
	DescentM  float64
	DownhillM float64 // distance on grades steeper than −3 %
	// HardFraction is the share of the run at hard intensity (time in
	// heart-rate zones 4-5, or fast laps): 0-1.
	HardFraction float64
	Load         float64 // TRIMP units
	// DeviceRecoveryH is the recovery time the recording device worked
	// out (Garmin's recovery advisor), hours; 0 when the file has none.
	DeviceRecoveryH float64
}

// MuscleLoad is a run's mechanical load on each muscle group, in
// "flat easy kilometre" units: 1 km of easy flat running loads the calves
// by 1.0.
type MuscleLoad [len(Muscles)]float64

// Weights of the muscular-load model. They encode which muscles each kind
// of work loads, from the biomechanics literature; their sizes are
// Rebound's calibration (a 10 km easy run by an unaccustomed runner gives
// moderate calf soreness, a hilly trail run sore quads).
var (
	// Flat running, per km: calves and feet absorb most impact; the knee
	// extensors work eccentrically at every landing (Novacheck 1998).
	flatWeights = MuscleLoad{1.0, 0.6, 0.7, 0.6, 0.5, 0.5, 0.7}
	// Downhill running, per km of downhill: eccentric knee-extensor work
	// dominates (Eston et al. 1996; Byrnes et al. 1985), shins brake too.
	downhillWeights = MuscleLoad{0.5, 1.0, 4.0, 0.3, 0.6, 0.2, 0.4}
	// Climbing, per 100 m of ascent: plantar flexors and hip extensors do
	// the concentric work (Roberts & Belliveau 2005).
	climbWeights = MuscleLoad{0.8, 0.2, 0.4, 0.5, 0.8, 0.4, 0.2}
	// Hard running, per km at hard intensity: faster running raises calf,
	// hamstring and hip-flexor forces (Dorn et al. 2012).
	speedWeights = MuscleLoad{1.0, 0.3, 0.4, 1.0, 0.5, 0.6, 0.4}
	// Cross-training, per hour: low-impact, some quad and glute work on
	// the bike and elliptical, little elsewhere.
	crossWeights = MuscleLoad{0.3, 0.1, 1.5, 0.4, 1.0, 0.4, 0.1}
)

// Load returns the run's muscular load.
func (r Run) MuscleLoad() MuscleLoad {
	var l MuscleLoad
	km := r.DistanceM / 1000
	switch {
	case r.Sport.IsRun():
		down := r.DownhillM / 1000
		for i := range l {
			l[i] = km*flatWeights[i] + down*downhillWeights[i] + r.AscentM/100*climbWeights[i] +
				km*r.HardFraction*speedWeights[i]
		}
	case r.Sport == activity.Walking || r.Sport == activity.Hiking:
		// Walking loads the legs about a third as much per km as running,
		// but the descents of a hike still load the quads eccentrically.
		down := r.DownhillM / 1000
		for i := range l {
			l[i] = km*flatWeights[i]/3 + down*downhillWeights[i]/2 + r.AscentM/100*climbWeights[i]/2
		}
	default:
		h := r.DurationS / 3600
		for i := range l {
			l[i] = h * crossWeights[i]
		}
	}
	return l
}

// Params are the per-runner parameters of the soreness model.
type Params struct {
	// Gain scales every peak: above 1 the runner gets sorer than the
	// population model predicts.
	Gain float64
	// PeakH is the hours from the end of a run to peak soreness.
	PeakH float64
}

// Population defaults of the soreness model.
const (
	// DefaultGain is the population gain (1 by definition).
	DefaultGain = 1.0
	// DefaultPeakH: DOMS peaks 24-72 h after unaccustomed exercise
	// (Cheung et al. 2003); seed 000 says 24-72 h, seed 002 48-72 h. 48 h
	// lies in both windows.
	DefaultPeakH = 48.0
	// NoveltyScale is the muscular load (in flat easy km) that brings an
	// unaccustomed runner's soreness to 1 − 1/e = 63 % of the maximum.
	NoveltyScale = 14.4
	// HabitWeight is how strongly the load a runner is used to (the
	// weekly muscular load of the last 28 days) protects against soreness:
	// the repeated-bout effect (Byrnes et al. 1985; Nosaka et al. 2001).
	HabitWeight = 2.0
	// HabitDays is the window of the repeated-bout effect; protection
	// fades over weeks (Nosaka et al. 2001), so older runs do not count.
	HabitDays = 28
	// ShapeA sets how fast soreness rises and fades around its peak: with
	// a = 2 it is 42 % of peak at a quarter of PeakH... and under 2 % at
	// 3.5 × PeakH (7 days for a 48 h peak), so DOMS resolves within 5-7
	// days as Cheung et al. 2003 report.
	ShapeA = 2.0
	// ShapeSpanPeaks is how many peak times after a run its soreness is
	// counted: at 12 × PeakH the shape is 4e-8 of its peak (with ShapeA =
	// 2), nothing a 0-10 rating could show.
	ShapeSpanPeaks = 12
)

// DefaultParams returns the population parameters.
func DefaultParams() Params { return Params{Gain: DefaultGain, PeakH: DefaultPeakH} }

// Modifiers lengthen the soreness time course for one runner and period.
type Modifiers struct {
	Age         int     // years; 0 = unknown
	SleepDebtH  float64 // average nightly shortfall below 7 h over the last 3 nights
	Habituation MuscleLoad
	// Reported are the runner's soreness ratings from check-ins, any
	// order: RecoveryTime carries those given after a run forward.
	Reported []Observation
	// Units is the runner's system of units, in which RecoveryTime's
	// reasons give distances and descent (the zero value reads metric).
	Units measure.System
}

// Age and sleep effects: equivocal in the literature (Fell & Williams
// 2008; Fernandes et al. 2020) and graded low, so they are gentle.
const (
	// AgeSlowdownPerYear lengthens the time course by 1 % per year over
	// AgeSlowdownFrom.
	AgeSlowdownPerYear = 0.01
	AgeSlowdownFrom    = 30
	// SleepSlowdownPerHour lengthens it by 5 % per hour of nightly sleep
	// debt (sleep is where repair happens: seeds 000, 002, 004).
	SleepSlowdownPerHour = 0.05
)

// Stretch returns the factor that lengthens the time course: the peak a
// forecast uses is Params.PeakH × Stretch, at most MaxPeakH (PeakHours;
// the fit accounts for it, so the runner's own peak, as their check-ins
// show it, is that product).
func (m Modifiers) Stretch() float64 { return m.stretch() }

// MaxPeakH is the latest a forecast's soreness peaks: 72 h after the run,
// the top of the window in which delayed-onset soreness peaks (Cheung et
// al. 2003; the articles give 24-72 h and 48-72 h). A personal peak
// lengthened for age and sleep debt stops there: those factors are graded
// low, and no source Rebound cites puts the peak later. Without the
// bound, a runner of 67 whose check-ins show a 61 h peak was told every
// muscle "peaks 83 h after".
const MaxPeakH = 72.0

// PeakHours is the hours from a run's end to its soreness peak for a
// runner whose own peak time is peakH: peakH × Stretch, at most MaxPeakH.
// Every forecast, the fit and the model's report use it.
func (m Modifiers) PeakHours(peakH float64) float64 {
	return math.Min(MaxPeakH, peakH*m.stretch())
}

// Held reports whether PeakHours holds peakH × Stretch at MaxPeakH.
func (m Modifiers) Held(peakH float64) bool { return peakH*m.stretch() > MaxPeakH }

// stretch returns the factor that lengthens the time course.
func (m Modifiers) stretch() float64 {
	f := 1.0
	if m.Age > AgeSlowdownFrom {
		f += AgeSlowdownPerYear * float64(m.Age-AgeSlowdownFrom)
	}
	f += SleepSlowdownPerHour * math.Max(0, m.SleepDebtH)
	return f
}

// Peak returns the peak soreness (0-10) a run causes in each muscle group,
// before the runner's Gain.
func Peak(load, habit MuscleLoad) MuscleLoad {
	var p MuscleLoad
	for i := range p {
		p[i] = 10 * (1 - math.Exp(-load[i]/(NoveltyScale+HabitWeight*habit[i])))
	}
	return p
}

// Shape is the DOMS time course: 0 at the end of the run, 1 at peakH,
// fading after: (t/p)^a · e^(a(1 − t/p)).
func Shape(hours, peakH float64) float64 {
	if hours <= 0 || peakH <= 0 {
		return 0
	}
	x := hours / peakH
	return x * x * math.Exp(ShapeA*(1-x)) // x^ShapeA with ShapeA = 2
}

// Contribution is one run's base peak soreness per muscle, precomputed.
type Contribution struct {
	End  time.Time
	Peak MuscleLoad // before Gain
}

// Contributions computes each run's peak soreness per muscle, with the
// habituation of the runs in the HabitDays before it, as if the runner had
// done nothing before the first run (Background{}).
func Contributions(runs []Run) []Contribution {
	return ContributionsWith(runs, Background{}, time.Time{})
}

// ContributionsWith computes each run's peak soreness per muscle with the
// habituation of the runs in the HabitDays before it and, where the
// history is shorter than HabitDays, of the runner's background: the part
// of the window before since (when the history Rebound holds begins) is
// taken to have been like bg.WeeklyLoad. A zero since means the history
// begins with the first run.
func ContributionsWith(runs []Run, bg Background, since time.Time) []Contribution {
	out := make([]Contribution, len(runs))
	loads := make([]MuscleLoad, len(runs))
	for i, r := range runs {
		loads[i] = r.MuscleLoad()
	}
	if since.IsZero() && len(runs) > 0 {
		since = runs[0].End.Add(-time.Duration(runs[0].DurationS * float64(time.Second)))
	}
	weekly := bg.WeeklyLoad()
	for i, r := range runs {
		var habit MuscleLoad
		for j := range runs {
			age := r.End.Sub(runs[j].End).Hours() / 24
			if j == i || age <= 0 || age > HabitDays {
				continue
			}
			for k := range habit {
				habit[k] += loads[j][k] / (HabitDays / 7)
			}
		}
		if unseen := 1 - HistoryShare(r.End.Add(-time.Duration(r.DurationS*float64(time.Second))), since); unseen > 0 {
			for k := range habit {
				habit[k] += unseen * weekly[k]
			}
		}
		out[i] = Contribution{End: r.End, Peak: Peak(loads[i], habit)}
	}
	return out
}

// HistoryShare is the share of the HabitDays before t that the history
// beginning at since covers: 0 when it begins at t, 1 from HabitDays on.
func HistoryShare(t, since time.Time) float64 {
	return math.Max(0, math.Min(1, t.Sub(since).Hours()/24/HabitDays))
}

// SorenessAt returns the forecast soreness (0-10) of each muscle at time
// t: the runs' contributions summed as independent insults,
// 10·(1 − Π(1 − sᵢ/10)), so that two moderate runs never pass 10.
func SorenessAt(cs []Contribution, p Params, mod Modifiers, t time.Time) MuscleLoad {
	peakH := mod.PeakHours(p.PeakH)
	var keep MuscleLoad
	for i := range keep {
		keep[i] = 1
	}
	for _, c := range cs {
		h := t.Sub(c.End).Hours()
		if h <= 0 || h > ShapeSpanPeaks*peakH {
			continue
		}
		g := Shape(h, peakH)
		for i := range keep {
			s := math.Min(10, p.Gain*c.Peak[i]*g)
			keep[i] *= 1 - s/10
		}
	}
	var out MuscleLoad
	for i := range out {
		out[i] = 10 * (1 - keep[i])
	}
	return out
}

// Max returns the largest value and its muscle.
func (l MuscleLoad) Max() (float64, Muscle) {
	best, m := 0.0, Muscles[0]
	for i, v := range l {
		if v > best {
			best, m = v, Muscles[i]
		}
	}
	return best, m
}

// Of returns the value for muscle m.
func (l MuscleLoad) Of(m Muscle) float64 {
	for i, x := range Muscles {
		if x == m {
			return l[i]
		}
	}
	return 0
}
