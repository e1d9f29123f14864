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

// Priors of the personal fit: how far a runner's parameters are expected
// to stray from the population's, as standard deviations of their
// logarithms. They are what keeps a handful of check-ins from swinging the
// model: a fit needs many consistent ratings to move far.
const (
	// GainPriorLogSD: most runners' soreness is within about ×0.5-×2 of
	// the population's (±1.75 SD).
	GainPriorLogSD = 0.4
	// PeakPriorLogSD: peak times mostly within 24-96 h (±2 SD of 48 h).
	PeakPriorLogSD = 0.35
	// RatingNoiseSD is the assumed noise of a 0-10 soreness rating, in
	// points: people rate the same soreness a point or two apart.
	RatingNoiseSD = 1.5
	// HoldOutShare is the share of the newest observations kept out of
	// the fit to measure forecast error honestly.
	HoldOutShare = 0.25
)

// Fitted is the result of personalising the soreness model.
type Fitted struct {
	Params Params `json:"params"`
	// Observations is the number of soreness ratings behind the fit.
	Observations int `json:"observations"`
	// MAEPopulation and MAEPersonal are the mean absolute errors (0-10
	// scale) of the population and the personal model on the newest
	// HoldOutShare of observations, the personal model fitted on the rest
	// only; NaN with fewer than 8 observations.
	MAEPopulation float64 `json:"mae_population"`
	MAEPersonal   float64 `json:"mae_personal"`
}

// Fit personalises the soreness model: the maximum a posteriori Gain and
// PeakH given the observations, with log-normal priors centred on the
// population defaults. It searches a grid (Gain 0.25-4, PeakH 16-120 h),
// which is robust where the model is not smooth (the 0-10 cap).
func Fit(cs []Contribution, obs []Observation, mod Modifiers) Fitted {
	f := Fitted{Params: DefaultParams(), Observations: len(obs), MAEPopulation: math.NaN(), MAEPersonal: math.NaN()}
	if len(obs) == 0 {
		return f
	}
	sorted := append([]Observation(nil), obs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	f.Params = fitParams(cs, sorted, mod)
	if len(sorted) >= 8 {
		cut := len(sorted) - int(math.Ceil(float64(len(sorted))*HoldOutShare))
		train, test := sorted[:cut], sorted[cut:]
		personal := fitParams(cs, train, mod)
		f.MAEPopulation = MAE(cs, test, DefaultParams(), mod)
		f.MAEPersonal = MAE(cs, test, personal, mod)
	}
	return f
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

func fitParams(cs []Contribution, obs []Observation, mod Modifiers) Params {
	// For each observation, the runs that may still hurt then: hours since
	// each and its base peak for the observed muscle.
	type term struct{ h, peak float64 }
	// Runs beyond the longest shape searched (ShapeSpanPeaks of the largest
	// peak time) and runs that did not load the muscle leave a factor of
	// 1 in every product below: they are dropped here, and zero shapes
	// in the grid loop, which changes no cost.
	const maxPeakH = 120.0
	stretch := mod.stretch()
	idx := muscleIndex()
	terms := make([][]term, len(obs))
	for k, o := range obs {
		for _, c := range cs {
			if h := o.At.Sub(c.End).Hours(); h > 0 && h <= ShapeSpanPeaks*maxPeakH*stretch && c.Peak[idx[o.Muscle]] > 0 {
				terms[k] = append(terms[k], term{h, c.Peak[idx[o.Muscle]]})
			}
		}
	}
	best, bestCost := DefaultParams(), math.Inf(1)
	shape := make([][]float64, len(obs))
	for ti := 0; ti <= 52; ti++ {
		peak := 16 * math.Pow(maxPeakH/16, float64(ti)/52)
		for k := range terms {
			shape[k] = shape[k][:0]
			for _, tm := range terms[k] {
				if tm.h <= ShapeSpanPeaks*peak*stretch {
					if g := Shape(tm.h, peak*stretch); g > 0 {
						shape[k] = append(shape[k], tm.peak*g)
					}
				}
			}
		}
		for gi := 0; gi <= 60; gi++ {
			gain := 0.25 * math.Pow(16, float64(gi)/60)
			cost := sq(math.Log(gain/DefaultGain)/GainPriorLogSD) + sq(math.Log(peak/DefaultPeakH)/PeakPriorLogSD)
			for k, o := range obs {
				keep := 1.0
				for _, v := range shape[k] {
					keep *= 1 - math.Min(10, gain*v)/10
				}
				cost += sq((10*(1-keep) - o.Soreness) / RatingNoiseSD)
				if cost >= bestCost {
					break
				}
			}
			if cost < bestCost {
				best, bestCost = Params{Gain: gain, PeakH: peak}, cost
			}
		}
	}
	return best
}

func sq(x float64) float64 { return x * x }

func muscleIndex() map[Muscle]int {
	m := map[Muscle]int{}
	for i, x := range Muscles {
		m[x] = i
	}
	return m
}
