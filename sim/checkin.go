package sim

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
)

// CheckIn is one morning's subjective and wearable data, as the runner
// would log it on waking (before any run that day).
type CheckIn struct {
	Date time.Time // local midnight of the day
	// Soreness is 0 (none) to 10 (worst) per muscle group of
	// MuscleGroups, in steps of 0.5.
	Soreness     map[string]float64
	SleepH       float64 // last night's sleep, hours (to the nearest 5 min)
	SleepQuality int     // 1 (awful) to 5 (excellent)
	Stress       int     // life stress, 1 (none) to 5 (very high)
	RestingHR    float64 // morning resting heart rate, bpm
	HRVms        float64 // morning rMSSD, ms
	// Symptoms are the red-flag symptoms reported (Runner.Complaints),
	// nil on most mornings.
	Symptoms []string
}

// Recovery returns c as the recovery model and the store take a
// check-in: the same ratings and numbers, its symptoms copied (empty, not
// nil, on a morning without any). The simulated runner answers the
// symptom question every morning, so a morning without symptoms clears
// the red flags of earlier ones.
func (c CheckIn) Recovery() recovery.CheckIn {
	out := recovery.CheckIn{Date: c.Date, Soreness: make(map[recovery.Muscle]float64, len(c.Soreness)), SleepH: c.SleepH,
		SleepQuality: float64(c.SleepQuality), Stress: float64(c.Stress), RestingHR: c.RestingHR, HRVms: c.HRVms,
		Symptoms: append([]string{}, c.Symptoms...), SymptomsAnswered: true}
	for m, v := range c.Soreness {
		out.Soreness[recovery.Muscle(m)] = v
	}
	return out
}

// MuscleGroups returns the muscle groups a CheckIn rates, in display
// order.
func MuscleGroups() []string {
	return []string{"calves", "shins", "quads", "hamstrings", "glutes", "hip-flexors", "feet"}
}

// Constants of the check-in model. It is deliberately simple: each
// workout adds a load (a training-stress score: hours × effort² × 100,
// as Coggan's TSS and its running variants define it), and what it does
// to the runner decays with Runner.RecoveryHalfLifeH.
const (
	// CheckInHour is the local hour of the morning check-in; workouts
	// that end later count from the next day.
	CheckInHour = 6
	// PostSeasonDays is how many days after the season's last day
	// CheckIns still covers, so that the race's aftermath is visible.
	PostSeasonDays = 3
	// SorenessNoise is the scatter of a soreness rating around the true
	// soreness, in points of the 0-10 scale.
	SorenessNoise = 0.8
	// RHRPerLoad is the rise of morning resting heart rate per 100 points
	// of residual load: a few bpm after hard days (Buchheit 2014, Front
	// Physiol 5:73, reviews morning HR as a fatigue marker).
	RHRPerLoad = 3.0
	// RHRNoiseBPM is the day-to-day scatter of morning resting HR.
	RHRNoiseBPM = 1.5
	// HRVPerLoad is the drop of ln rMSSD per 100 points of residual load,
	// and HRVNoiseLn its day-to-day scatter: the coefficient of variation
	// of ln rMSSD in endurance athletes is about 5-10 % (Plews et al.
	// 2012, Eur J Appl Physiol 112:3729).
	HRVPerLoad = 0.10
	HRVNoiseLn = 0.07
	// SleepNoiseH is the night-to-night scatter of sleep duration.
	SleepNoiseH = 0.5
	// DefaultWorkdayStress is the life stress of a typical working day
	// (Runner.WorkdayStress when unset), on the 1-5 scale; Fridays are
	// 0.4 and weekends 1 point calmer.
	DefaultWorkdayStress = 3.0
)

// RecoveryRuns returns the season's workouts as the recovery model sees
// them: each one recorded (Record), summarised (activity.Compute) and
// labelled by its planned kind. The check-ins' true soreness comes from
// these runs and the runner's true soreness parameters.
func (r Runner) RecoveryRuns(season []Workout) []recovery.Run {
	var runs []recovery.Run
	for _, w := range season {
		a := r.Record(w)
		if a == nil {
			continue
		}
		s := activity.Compute(a)
		kind, hard := recovery.Easy, 0.0
		switch w.Kind {
		case Long:
			kind, hard = recovery.Long, 0.1
		case Intervals, Hills:
			kind, hard = recovery.Hard, 0.35
		case Tempo:
			kind, hard = recovery.Hard, 0.5
		case Race:
			kind, hard = recovery.Long, 0.9
		case Cross:
			kind = recovery.Cross
		}
		nz := func(v float64) float64 {
			if math.IsNaN(v) {
				return 0
			}
			return v
		}
		runs = append(runs, recovery.Run{End: a.Start.Add(time.Duration(s.ElapsedS * float64(time.Second))), Sport: a.Sport,
			Kind: kind, DistanceM: s.DistanceM, DurationS: s.MovingS, AscentM: nz(s.AscentM), DescentM: nz(s.DescentM),
			DownhillM: nz(s.DownhillM), HardFraction: hard})
	}
	return runs
}

// contributions are the season's runs' true soreness contributions: the
// recovery model's, with the runner's Background before the first
// workout.
func (r Runner) contributions(season []Workout) []recovery.Contribution {
	runs := r.RecoveryRuns(season)
	var since time.Time
	for _, w := range season {
		if w.Kind != Rest {
			since = w.Start
			break
		}
	}
	return recovery.ContributionsWith(runs, recovery.BackgroundOf(r.Background), since)
}

// TrueContributions returns the soreness contributions the check-ins of
// season are generated from (CheckIns), for tests that compare the
// model's forecast with the simulated truth.
func (r Runner) TrueContributions(season []Workout) []recovery.Contribution {
	return r.contributions(season)
}

// CheckIns returns one check-in per day from the season's first day to
// PostSeasonDays after its last, generated from the workouts' planned
// loads, the runner's true parameters (SorenessSensitivity,
// RecoveryHalfLifeH, SleepNeedH, RestingHR, HRVBaselineMs), its
// WorkdayStress and Complaints, and seeded noise. It is pure and deterministic.
func (r Runner) CheckIns(season []Workout) []CheckIn {
	if len(season) == 0 {
		return nil
	}
	loc := r.location()
	rng := rand.New(rand.NewPCG(uint64(r.Seed), 0xc4ec_0000_0002))
	groups := MuscleGroups()

	half := r.RecoveryHalfLifeH
	if half <= 0 {
		half = 30
	}
	tauD := half / math.Ln2

	type bout struct {
		end  time.Time
		load float64 // TSS-like points
	}
	var bouts []bout
	cs := r.contributions(season)
	truth := recovery.Params{Gain: r.SorenessSensitivity, PeakH: r.SorenessPeakH}
	if truth.Gain <= 0 {
		truth.Gain = recovery.DefaultGain
	}
	if truth.PeakH <= 0 {
		truth.PeakH = recovery.DefaultPeakH
	}
	mod := recovery.Modifiers{Age: r.Age}
	var raceDay time.Time
	for _, w := range season {
		if w.Kind == Rest {
			continue
		}
		hours, load := r.plannedLoad(w)
		bouts = append(bouts, bout{end: w.Start.Add(time.Duration(hours * float64(time.Hour))), load: load})
		if w.Kind == Race {
			raceDay = dateOf(w.Start, loc)
		}
	}

	// Check-ins begin with the season: Base weeks before it shape the
	// runner's legs but are not rated.
	first := dateOf(season[0].Start, loc)
	for _, w := range season {
		if w.Week >= 1 {
			first = dateOf(w.Start, loc)
			break
		}
	}
	seasonEnd := dateOf(season[len(season)-1].Start, loc)
	last := seasonEnd.AddDate(0, 0, PostSeasonDays)
	var out []CheckIn
	weekStress := 0.0
	for day, i := first, 0; !day.After(last); day, i = day.AddDate(0, 0, 1), i+1 {
		if i%7 == 0 {
			weekStress = 0.5 * rng.NormFloat64() // a busy or quiet week at work
		}
		at := day.Add(CheckInHour * time.Hour)
		eve := day.Add(-3 * time.Hour) // bedtime the night before
		soreness := recovery.SorenessAt(cs, truth, mod, at)
		fatigue, fatigueEve := 0.0, 0.0
		for _, b := range bouts {
			if h := at.Sub(b.end).Hours(); h > 0 {
				fatigue += b.load / 100 * math.Exp(-h/tauD)
			}
			if h := eve.Sub(b.end).Hours(); h > 0 {
				fatigueEve += b.load / 100 * math.Exp(-h/tauD)
			}
		}

		wd := day.Weekday()
		stress := DefaultWorkdayStress
		switch wd {
		case time.Friday:
			stress = 2.6
		case time.Saturday, time.Sunday:
			stress = 2.0
		}
		raceMorning := !raceDay.IsZero() && day.Equal(raceDay)
		if raceMorning || (!raceDay.IsZero() && day.Equal(raceDay.AddDate(0, 0, -1))) {
			stress += 0.5 // race nerves
		}
		if r.WorkdayStress > 0 {
			stress += r.WorkdayStress - DefaultWorkdayStress
		}
		stressLevel := int(clamp(math.Round(stress+weekStress+0.6*rng.NormFloat64()), 1, 5))

		sleep := r.SleepNeedH - 0.3
		if wd == time.Saturday || wd == time.Sunday {
			sleep = r.SleepNeedH + 0.6 // a lie-in after Friday and Saturday nights
		}
		sleep += -0.25*float64(stressLevel-3) + 0.2*fatigueEve + SleepNoiseH*rng.NormFloat64()
		if raceMorning {
			sleep -= 0.8 // the night before the race, and an early alarm
		}
		sleep = math.Round(clamp(sleep, 4, 10)*12) / 12
		debt := math.Max(0, r.SleepNeedH-sleep)

		quality := 3 + 1.2*(sleep-r.SleepNeedH) - 0.5*float64(stressLevel-3) - 0.4*math.Max(0, fatigue-1) + 0.6*rng.NormFloat64()

		rhr := r.RestingHR + RHRPerLoad*fatigue + 1.0*debt + 0.5*float64(stressLevel-3) + RHRNoiseBPM*rng.NormFloat64()
		lnHRV := math.Log(r.HRVBaselineMs) - HRVPerLoad*fatigue - 0.04*debt - 0.03*float64(stressLevel-3) + HRVNoiseLn*rng.NormFloat64()

		c := CheckIn{
			Date:         day,
			Soreness:     make(map[string]float64, len(groups)),
			SleepH:       sleep,
			SleepQuality: int(clamp(math.Round(quality), 1, 5)),
			Stress:       stressLevel,
			RestingHR:    math.Round(rhr),
			HRVms:        math.Round(math.Exp(lnHRV)),
		}
		for g, name := range groups {
			// People rate soreness a point or so apart on the same legs,
			// and in whole or half points.
			v := soreness[g] + SorenessNoise*rng.NormFloat64()
			c.Soreness[name] = math.Round(clamp(v, 0, 10)*2) / 2
		}
		for _, k := range r.Complaints {
			if !day.Before(seasonEnd.AddDate(0, 0, -k.DaysBeforeEnd)) {
				c.Symptoms = append(c.Symptoms, k.Symptom)
			}
		}
		out = append(out, c)
	}
	return out
}

// plannedLoad estimates w's duration (hours) and load (hours × effort² ×
// 100) from its plan: distance-based run segments at their planned
// speed, time-based ones at their duration.
func (r Runner) plannedLoad(w Workout) (hours, load float64) {
	for _, s := range w.Segments {
		sec := s.DurationS
		if s.DistanceM > 0 {
			sec = s.DistanceM / (math.Max(0.3, s.Effort) * r.ThresholdSpeedMS())
		}
		h := sec / 3600
		hours += h
		load += h * s.Effort * s.Effort * 100
	}
	return hours, load
}

func dateOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }
