package recovery

import (
	"maps"
	"math"
	"slices"
)

// MergeCheckIn lays b's given values over a's, as a second check-in of
// the same day does: b's soreness ratings replace a's for those muscle
// groups, b's numbers replace a's where given (not NaN), and when b
// answered the symptom question its symptoms replace a's (an answer is
// the whole list of today's symptoms; an empty one clears them); b's
// symptoms without an answer are added to a's. Neither argument is
// changed.
func MergeCheckIn(a, b CheckIn) CheckIn {
	out := a
	out.Soreness = maps.Clone(a.Soreness)
	if out.Soreness == nil {
		out.Soreness = map[Muscle]float64{}
	}
	maps.Copy(out.Soreness, b.Soreness)
	pick := func(x, y float64) float64 {
		if math.IsNaN(y) {
			return x
		}
		return y
	}
	out.SleepH, out.SleepQuality, out.Stress = pick(a.SleepH, b.SleepH), pick(a.SleepQuality, b.SleepQuality), pick(a.Stress, b.Stress)
	out.RestingHR, out.HRVms = pick(a.RestingHR, b.RestingHR), pick(a.HRVms, b.HRVms)
	if b.SymptomsAnswered {
		out.Symptoms, out.SymptomsAnswered = append([]string{}, b.Symptoms...), true
		return out
	}
	out.Symptoms = append([]string{}, a.Symptoms...)
	for _, s := range b.Symptoms {
		if !slices.Contains(out.Symptoms, s) {
			out.Symptoms = append(out.Symptoms, s)
		}
	}
	return out
}
