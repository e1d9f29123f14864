package recovery

import (
	"math"
	"sort"
	"time"
)

// Observation is one soreness rating from a check-in.
type Observation struct {
	At       time.Time
	Muscle   Muscle
	Soreness float64 // 0-10
}

// Priors and bounds of the personal fit: how far a runner's parameters
// are expected to stray from the population's (standard deviations of
// their logarithms), and how far one check-in may move them. They keep a
// handful of check-ins from swinging the model: a fit needs many
// consistent ratings to move far.
const (
	// GainPriorLogSD: most runners' soreness is within about ×0.5-×2 of
	// the population's (±1.75 SD).
	GainPriorLogSD = 0.4
	// PeakPriorLogSD: peak times mostly within 24-96 h (±2 SD of 48 h).
	PeakPriorLogSD = 0.35
	// RatingNoiseSD is the assumed noise of a 0-10 soreness rating, in
	// points: people rate the same soreness a point or two apart.
	RatingNoiseSD = 1.5
	// HoldOutShare is the share of the newest check-ins kept out of the
	// fit to measure forecast error honestly.
	HoldOutShare = 0.25
	// GainStepPerCheckIn: one check-in moves the fitted gain by at most a
	// factor of 1.25 (up or down), however extreme its ratings: the
	// ratings of one morning share that morning's mood and memory, so they
	// are one piece of evidence, not seven. Rebound's choice.
	GainStepPerCheckIn = 1.25
	// PeakStepPerCheckIn: once the peak time may be refitted, one
	// check-in moves it by at most a factor of 1.15.
	PeakStepPerCheckIn = 1.15
	// PeakMinRuns: the peak time keeps its population value until ratings
	// taken 12-120 h after at least 3 different runs (PeakSupportMinH,
	// PeakSupportMaxH), each the main source of the soreness rated and
	// expected to make it PeakSupportMinSoreness or more, can show when
	// this runner's soreness peaks. With fewer, a low rating the morning
	// after a long run says the runner is less sore, not that their
	// soreness comes later. Rebound's choice.
	PeakMinRuns            = 3
	PeakSupportMinH        = 12
	PeakSupportMaxH        = 120
	PeakSupportMinSoreness = 1.0
)

// The fit's search grid: gains from 0.25 to 4 (×16^(1/60) apart, 1 among
// them), peak times from 16 to about 121 h (about 4 % apart, DefaultPeakH
// among them).
const (
	gainGridMin, gainGridSteps = 0.25, 60
	peakGridMinH, peakGridMaxH = 16.0, 120.0
	peakGridSteps              = 52
)

// Fitted is the result of personalising the soreness model.
type Fitted struct {
	Params Params
	// Observations is the number of soreness ratings behind the fit and
	// CheckIns the number of mornings they came from.
	Observations int
	CheckIns     int
	// PeakRuns is how many runs' ratings can show when soreness peaks;
	// the peak time is fitted only from PeakMinRuns on.
	PeakRuns int
	// MAEPopulation and MAEPersonal are the mean absolute errors (0-10
	// scale) of the population and the personal model on the newest
	// HoldOutShare of check-ins, the personal model fitted on the rest
	// only; NaN with fewer than 8 observations.
	MAEPopulation float64
	MAEPersonal   float64
}

// Fit personalises the soreness model: the gain and peak time that
// best explain the ratings, with log-normal priors centred on the
// population defaults (maximum a posteriori, on a grid: robust where the
// model is not smooth, at the 0-10 cap). It takes the check-ins in time
// order. Before each one the peak time may move, by at most
// PeakStepPerCheckIn, to what the check-ins before it say, once ratings
// after PeakMinRuns runs support it; then the gain moves, by at most
// GainStepPerCheckIn, to what all the ratings so far say at that peak
// time. So a check-in's own ratings move only the gain, and lower ratings
// never give a higher gain or a later peak (the cost's cross-difference
// in gain and rating is −2·Δmodel·Δrating ≤ 0: Topkis' monotone
// comparative statics); while the peak keeps its population value, that
// holds for every earlier check-in too.
func Fit(cs []Contribution, obs []Observation, mod Modifiers) Fitted {
	f := Fitted{Params: DefaultParams(), Observations: len(obs), MAEPopulation: math.NaN(), MAEPersonal: math.NaN()}
	if len(obs) == 0 {
		return f
	}
	sorted := append([]Observation(nil), obs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	days := checkIns(sorted)
	f.CheckIns = len(days)
	cut := len(days)
	if len(sorted) >= 8 {
		cut = len(days) - int(math.Ceil(float64(len(days))*HoldOutShare))
	}
	path, runs := fitPath(cs, sorted, days, mod)
	f.Params, f.PeakRuns = path[len(path)-1], runs
	if len(sorted) >= 8 && cut > 0 {
		test := sorted[days[cut]:]
		f.MAEPopulation = MAE(cs, test, DefaultParams(), mod)
		f.MAEPersonal = MAE(cs, test, path[cut-1], mod)
	}
	return f
}

// checkIns returns where each check-in (the ratings of one moment)
// starts in sorted.
func checkIns(sorted []Observation) []int {
	var starts []int
	for i, o := range sorted {
		if i == 0 || !o.At.Equal(sorted[i-1].At) {
			starts = append(starts, i)
		}
	}
	return starts
}

// MAE returns the mean absolute error of the model with p on obs.
func MAE(cs []Contribution, obs []Observation, p Params, mod Modifiers) float64 {
	if len(obs) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, o := range obs {
		sum += math.Abs(SorenessAt(cs, p, mod, o.At).Of(o.Muscle) - o.Soreness)
	}
	return sum / float64(len(obs))
}

// grid holds the search grid's values.
type grid struct {
	gains, peaks       []float64
	gainOne, peakFixed int // the indices of DefaultGain and DefaultPeakH
}

func newGrid() grid {
	var g grid
	for i := 0; i <= gainGridSteps; i++ {
		g.gains = append(g.gains, gainGridMin*math.Pow(DefaultGain/gainGridMin, 2*float64(i)/gainGridSteps))
	}
	g.gainOne = gainGridSteps / 2
	step := math.Pow(peakGridMaxH/peakGridMinH, 1.0/peakGridSteps)
	lo := int(math.Ceil(math.Log(peakGridMinH/DefaultPeakH) / math.Log(step)))
	hi := int(math.Ceil(math.Log(peakGridMaxH/DefaultPeakH) / math.Log(step)))
	for k := lo; k <= hi; k++ {
		g.peaks = append(g.peaks, DefaultPeakH*math.Pow(step, float64(k)))
	}
	g.peakFixed = -lo
	return g
}

// fitPath fits the check-ins in order and returns the parameters after
// each (path[k] after days[k]'s check-in) and how many runs support the
// peak time at the end.
//
// It is pure arithmetic on slices of its own, so the race detector is
// told to leave it alone (go:norace): instrumented, its ~50 million slice
// reads a fit make every state in a -race test twice as slow.
//
//go:norace
func fitPath(cs []Contribution, obs []Observation, days []int, mod Modifiers) ([]Params, int) {
	g := newGrid()
	idx := muscleIndex()
	// For each observation, the runs that may still hurt then: hours
	// since each and its base peak for the observed muscle. Runs beyond
	// the longest shape searched (ShapeSpanPeaks of the largest peak
	// time) and runs that did not load the muscle leave a factor of 1 in
	// every product below.
	type term struct{ h, peak float64 }
	maxPeak := g.peaks[len(g.peaks)-1]
	terms := make([][]term, len(obs))
	for k, o := range obs {
		for _, c := range cs {
			if h := o.At.Sub(c.End).Hours(); h > 0 && h <= ShapeSpanPeaks*mod.PeakHours(maxPeak) && c.Peak[idx[o.Muscle]] > 0 {
				terms[k] = append(terms[k], term{h, c.Peak[idx[o.Muscle]]})
			}
		}
	}
	// cost[p][q] is the negative log posterior (×2) of peak p and gain q.
	cost := make([][]float64, len(g.peaks))
	for p, peak := range g.peaks {
		cost[p] = make([]float64, len(g.gains))
		for q, gain := range g.gains {
			cost[p][q] = sq(math.Log(gain/DefaultGain)/GainPriorLogSD) + sq(math.Log(peak/DefaultPeakH)/PeakPriorLogSD)
		}
	}
	shape := make([]float64, 0, 64)
	add := func(k int) {
		o := obs[k]
		for p, peak := range g.peaks {
			shape = shape[:0]
			for _, tm := range terms[k] {
				if at := mod.PeakHours(peak); tm.h <= ShapeSpanPeaks*at {
					// Under 1e-4 of 10 points at the highest gain: no rating shows it.
					if v := tm.peak * Shape(tm.h, at); v > 1e-4 {
						shape = append(shape, v)
					}
				}
			}
			row := cost[p]
			for q, gain := range g.gains {
				keep := 1.0
				for _, v := range shape {
					if gv := gain * v; gv < 10 {
						keep *= 1 - gv/10
					} else {
						keep = 0
						break
					}
				}
				r := (10*(1-keep) - o.Soreness) / RatingNoiseSD
				row[q] += r * r
			}
		}
	}
	support := map[int]bool{}
	credit := func(o Observation) {
		best, bestRun := 0.0, -1
		for j, c := range cs {
			h := o.At.Sub(c.End).Hours()
			if h <= 0 || h > ShapeSpanPeaks*mod.PeakHours(DefaultPeakH) {
				continue
			}
			if v := c.Peak[idx[o.Muscle]] * Shape(h, mod.PeakHours(DefaultPeakH)); v > best {
				best, bestRun = v, j
			}
		}
		if bestRun < 0 || best < PeakSupportMinSoreness {
			return
		}
		if h := o.At.Sub(cs[bestRun].End).Hours(); h >= PeakSupportMinH && h <= PeakSupportMaxH {
			support[bestRun] = true
		}
	}
	path := make([]Params, len(days))
	p, q := g.peakFixed, g.gainOne
	gainSteps := int(math.Floor(math.Log(GainStepPerCheckIn)/math.Log(g.gains[1]/g.gains[0]) + 1e-9))
	peakSteps := int(math.Floor(math.Log(PeakStepPerCheckIn)/math.Log(g.peaks[1]/g.peaks[0]) + 1e-9))
	for d, start := range days {
		// The peak time first, from the check-ins before this one: so
		// that this morning's ratings move only the gain, and a lower
		// rating can never give a later peak.
		if d > 0 && len(support) >= PeakMinRuns {
			bp, best := p, math.Inf(1)
			for i := max(0, p-peakSteps); i <= min(len(g.peaks)-1, p+peakSteps); i++ {
				for j := max(0, q-gainSteps); j <= min(len(g.gains)-1, q+gainSteps); j++ {
					if cost[i][j] < best { // ties keep the lowest peak
						bp, best = i, cost[i][j]
					}
				}
			}
			p = bp
		}
		end := len(obs)
		if d+1 < len(days) {
			end = days[d+1]
		}
		for k := start; k < end; k++ {
			add(k)
			credit(obs[k])
		}
		// Then the gain, with this morning's ratings, at that peak time.
		bq, best := q, math.Inf(1)
		for j := max(0, q-gainSteps); j <= min(len(g.gains)-1, q+gainSteps); j++ {
			if cost[p][j] < best { // ties keep the lowest gain
				bq, best = j, cost[p][j]
			}
		}
		q = bq
		path[d] = Params{Gain: g.gains[q], PeakH: g.peaks[p]}
	}
	return path, len(support)
}

func sq(x float64) float64 { return x * x }

func muscleIndex() map[Muscle]int {
	m := map[Muscle]int{}
	for i, x := range Muscles {
		m[x] = i
	}
	return m
}
