package activity

import (
	"math"

	"github.com/rebound-run/rebound/profile"
)

// ZoneBoundsHRR are the lower edges of heart-rate zones 2 to 5 as fractions
// of heart-rate reserve (Karvonen et al. 1957): Z1 < 60 %, Z2 60-70 %,
// Z3 70-80 %, Z4 80-90 %, Z5 >= 90 %. Zone 1 also takes everything below
// 50 % so that the five zones add up to all the time with heart rate.
var ZoneBoundsHRR = [4]float64{0.60, 0.70, 0.80, 0.90}

// HRR returns heart rate bpm as a fraction of heart-rate reserve,
// (bpm - rest) / (max - rest), not clamped.
func HRR(bpm float64, hr profile.HR) float64 {
	return (bpm - hr.Rest) / (hr.Max - hr.Rest)
}

// Zones returns the seconds spent in each of the five heart-rate-reserve
// zones (ZoneBoundsHRR), from a histogram of seconds per bpm
// (Summary.HRSeconds).
func Zones(hist []float64, hr profile.HR) [5]float64 {
	var z [5]float64
	for bpm, sec := range hist {
		if sec == 0 {
			continue
		}
		x := HRR(float64(bpm), hr)
		k := 0
		for k < 4 && x >= ZoneBoundsHRR[k] {
			k++
		}
		z[k] += sec
	}
	return z
}

// Banister TRIMP coefficients (Banister 1991; Morton, Fitz-Clarke &
// Banister 1990, J Appl Physiol 69:1171): the weighting y = a·e^(b·x) of
// the heart-rate-reserve fraction x.
const (
	TRIMPMaleA, TRIMPMaleB     = 0.64, 1.92
	TRIMPFemaleA, TRIMPFemaleB = 0.86, 1.67
)

// TRIMP returns Banister's training impulse summed per sample (per second
// of the histogram), not from the whole-run average heart rate:
//
//	TRIMP = Σ (seconds/60) · x · a · e^(b·x),  x = HRR clamped to [0, 1]
//
// with the sex-specific a and b. When the sex is unknown it returns the
// mean of the male and female values. Without heart rate it returns 0.
func TRIMP(hist []float64, hr profile.HR) float64 {
	switch hr.Sex {
	case profile.Male:
		return trimp(hist, hr, TRIMPMaleA, TRIMPMaleB)
	case profile.Female:
		return trimp(hist, hr, TRIMPFemaleA, TRIMPFemaleB)
	}
	return (trimp(hist, hr, TRIMPMaleA, TRIMPMaleB) + trimp(hist, hr, TRIMPFemaleA, TRIMPFemaleB)) / 2
}

func trimp(hist []float64, hr profile.HR, a, b float64) float64 {
	t := 0.0
	for bpm, sec := range hist {
		if sec == 0 {
			continue
		}
		x := math.Max(0, math.Min(1, HRR(float64(bpm), hr)))
		t += sec / 60 * x * a * math.Exp(b*x)
	}
	return t
}

// TRIMPAt returns Banister's TRIMP for minutes held at a constant
// heart-rate-reserve fraction x (clamped to [0, 1]), with the sex-specific
// coefficients (the mean of both when sex is unknown). It puts loads that
// were not measured by heart rate (rated or estimated efforts) on the same
// scale as TRIMP.
func TRIMPAt(minutes, x float64, sex profile.Sex) float64 {
	x = math.Max(0, math.Min(1, x))
	m := minutes * x * TRIMPMaleA * math.Exp(TRIMPMaleB*x)
	f := minutes * x * TRIMPFemaleA * math.Exp(TRIMPFemaleB*x)
	switch sex {
	case profile.Male:
		return m
	case profile.Female:
		return f
	}
	return (m + f) / 2
}
