package recovery

import (
	"fmt"
	"math"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/protocol"
)

// CheckIn is one day's subjective and morning data. Absent numbers are NaN.
type CheckIn struct {
	Date         time.Time // the day (midnight, runner's zone)
	Soreness     map[Muscle]float64
	SleepH       float64
	SleepQuality float64 // 1-5
	Stress       float64 // 1-5
	RestingHR    float64
	HRVms        float64 // rMSSD
	Symptoms     []string
	// SymptomsAnswered is set when the runner answered the symptom
	// question: Symptoms is then all they have today, and an empty list
	// clears the red flags of earlier check-ins. A check-in that did not
	// ask (soreness only, say) leaves earlier flags standing.
	SymptomsAnswered bool
}

// Recommendation is what the day's decision ends in.
type Recommendation string

// The recommendations, from most to least cautious, and NoData when there
// is nothing to go on.
const (
	Rest           Recommendation = "rest"
	ActiveRecovery Recommendation = "active-recovery"
	EasyRun        Recommendation = "easy-run"
	QualityOK      Recommendation = "quality-ok"
	NoData         Recommendation = "no-data"
)

// Recommendations lists the training recommendations from the most to
// the least cautious (NoData is not one).
var Recommendations = [...]Recommendation{Rest, ActiveRecovery, EasyRun, QualityOK}

// Stricter reports whether r rules out more than o.
func (r Recommendation) Stricter(o Recommendation) bool { return r.rank() < o.rank() }

func (r Recommendation) rank() int {
	for i, x := range Recommendations {
		if x == r {
			return i
		}
	}
	return len(Recommendations)
}

// Band is the recommendation a readiness score alone allows.
func Band(score int) Recommendation {
	switch {
	case score < RestBelow:
		return Rest
	case score < ActiveRecoveryBelow:
		return ActiveRecovery
	case score < QualityFrom:
		return EasyRun
	}
	return QualityOK
}

// BandTop is the highest readiness score that goes with r: a score is
// held there when something else makes the day more cautious than the
// score alone would, so that the score never reads "ready" beside a rest
// or recovery day.
func BandTop(r Recommendation) int {
	switch r {
	case Rest:
		return RestBelow - 1
	case ActiveRecovery:
		return ActiveRecoveryBelow - 1
	case EasyRun:
		return QualityFrom - 1
	}
	return 100
}

// Factor is one input of readiness with its effect.
type Factor struct {
	ID      string
	Name    string
	Value   string
	Penalty float64 // points taken off 100
	Status  string  // good, fair, poor, unknown
	Reason  string
	Source  string
	// Limit, when set, is the most the factor allows today whatever the
	// score (a morning HRV far outside the runner's normal range rules
	// out a quality session).
	Limit Recommendation
}

// Readiness is today's score and the factors behind it.
type Readiness struct {
	Score   int
	Factors []Factor
}

// ReadinessInput is everything the readiness score looks at.
type ReadinessInput struct {
	Now  time.Time
	Load *load.Day // today's load state; nil without history
	// Soreness is the soreness now: today's check-in where the runner
	// rated a muscle, the forecast elsewhere.
	Soreness MuscleLoad
	Today    *CheckIn  // today's check-in, if any
	History  []CheckIn // earlier check-ins, any order
}

// Thresholds and sizes of the readiness factors.
const (
	// SleepMinH and SleepMaxH: adults need 7-9 h (seeds 000, 002, 004).
	SleepMinH = 7.0
	SleepMaxH = 9.0
	// HRVWindowDays and HRVBaselineDays: a rolling 7-day mean of ln rMSSD
	// against a 60-day baseline (Plews et al. 2013; HRV4Training's
	// normal range).
	HRVWindowDays   = 7
	HRVBaselineDays = 60
	// HRVBandSD: the normal range is the baseline ± 0.5 SD, the smallest
	// worthwhile change (Plews et al. 2013; HRV4Training).
	HRVBandSD = 0.5
	// HRVFarSD: one morning more than 2 SD from the baseline, either way,
	// is far outside the normal range: Vesterinen et al. 2016 kept hard
	// sessions to days within the smallest worthwhile change, and
	// Kiviniemi et al. 2007 trained easy below the mean − 1 SD; Rebound
	// takes a quality session off the table beyond 2 SD (its rule, between
	// the two) and flags the day.
	HRVFarSD = 2.0
	// HRVMinSD is the smallest day-to-day SD of ln rMSSD Rebound uses, so
	// that a baseline of nearly identical mornings does not make every
	// small change look large: 0.05 is a day-to-day variation of about
	// 5 %, at the low end of what Plews et al. 2012-2014 report for
	// endurance athletes (Rebound's floor).
	HRVMinSD = 0.05
	// RestingHRDays is the resting-HR baseline window; RestingHRHighBPM
	// is the rise over it that signals incomplete recovery or illness
	// (consumer rings drop their resting-HR contributor 3-5 bpm over the
	// runner's normal, as REFERENCES.md reports).
	RestingHRDays    = 30
	RestingHRHighBPM = 5
	// MinBaseline is how many mornings a baseline needs.
	MinBaseline = 5
)

// The readiness bands: below RestBelow the score alone means rest, below
// ActiveRecoveryBelow active recovery, below QualityFrom an easy run. They
// are Rebound's rule, not a study's: the score is Rebound's own (100 less
// the factors' penalties), and neither the seeds nor the references give
// bands for it.
const (
	RestBelow           = 40
	ActiveRecoveryBelow = 60
	QualityFrom         = 80
	// RedFlagMaxScore is the highest score while a red flag stands: the
	// top of the rest band.
	RedFlagMaxScore = RestBelow - 1
)

// ComputeReadiness scores today's readiness (0-100): 100 less the
// factors' penalties. What the day calls for is coach's decision, which
// reads the score's band, the factors' limits, the recovery clocks and
// any red flag.
func ComputeReadiness(in ReadinessInput) Readiness {
	var fs []Factor
	fs = append(fs, formFactor(in.Load), acwrFactor(in.Load), sorenessFactor(in.Soreness, in.Today))
	fs = append(fs, sleepFactor(in.Today), stressFactor(in.Today))
	fs = append(fs, restingHRFactor(in.Today, in.History), hrvFactor(in.Today, in.History))
	score := 100.0
	for _, f := range fs {
		score -= f.Penalty
	}
	score = math.Max(0, math.Min(100, score))
	return Readiness{Score: int(math.Round(score)), Factors: fs}
}

func formFactor(d *load.Day) Factor {
	f := Factor{ID: "form", Name: "Form (fitness − fatigue)", Status: "unknown", Value: "–",
		Source: "Banister et al. 1975 fitness-fatigue model, 42/7-day constants"}
	if d == nil || d.Fitness < 5 {
		f.Reason = "not enough training history yet to judge fatigue"
		return f
	}
	ratio := d.Form / d.Fitness
	f.Value = fmt.Sprintf("%+.0f (%+.0f%% of fitness)", d.Form, ratio*100)
	switch {
	case ratio >= -0.1:
		f.Status, f.Reason = "good", "fatigue is no higher than your fitness carries"
	case ratio >= -0.3:
		f.Penalty = (-ratio - 0.1) / 0.2 * 10
		f.Status, f.Reason = "fair", "recent training has left some fatigue"
	default:
		// Fatigue against fitness (TSB), not this week against the usual
		// (that is the acute:chronic ratio's call, beside it).
		f.Penalty = math.Min(20, 10+(-ratio-0.3)/0.2*10)
		f.Status, f.Reason = "poor", "fatigue is well above your fitness: the last days' training has left a lot of it"
	}
	return f
}

func acwrFactor(d *load.Day) Factor {
	f := Factor{ID: "acwr", Name: "Acute:chronic load", Status: "unknown", Value: "–",
		Source: "Williams et al. 2017 EWMA ratio; bands disputed (Impellizzeri et al. 2020)"}
	if d == nil || math.IsNaN(d.ACWR) {
		f.Reason = load.ACWRWords(math.NaN())
		return f
	}
	f.Value = fmt.Sprintf("%.2f", d.ACWR)
	switch {
	case d.ACWR > load.ACWRRisk:
		f.Penalty, f.Status = 15, "poor"
		f.Reason = fmt.Sprintf("this week's load is %.1f× your usual: %s (the bands are disputed; read it as a prompt)", d.ACWR, load.ACWRWords(d.ACWR))
	case d.ACWR > load.ACWRHigh:
		f.Penalty, f.Status = 7, "fair"
		f.Reason = fmt.Sprintf("this week's load is %.1f× your usual", d.ACWR)
	case d.ACWR < load.ACWRLow:
		f.Status, f.Reason = "good", "load is "+load.ACWRWords(d.ACWR)+" (fresh, or detraining)"
	default:
		f.Status, f.Reason = "good", "load is "+load.ACWRWords(d.ACWR)
	}
	return f
}

// sorenessFactor reads the soreness now; a muscle the runner did not rate
// today is said as forecast, not as a fact ("your quads are forecast 5/10
// sore", not "your quads are sore (5/10)").
func sorenessFactor(s MuscleLoad, today *CheckIn) Factor {
	v, mu := s.Max()
	m := mu.Name()
	rated := false
	if today != nil {
		_, rated = today.Soreness[mu]
	}
	f := Factor{ID: "soreness", Name: "Muscle soreness", Value: fmt.Sprintf("%.1f/10 (%s)", v, m),
		Source: "DOMS time course: Cheung et al. 2003; " + protocol.Short(protocol.Seed000) + ", " + protocol.Short(protocol.Seed002)}
	switch {
	case v <= 2:
		f.Status, f.Reason = "good", "legs are fresh"
		f.Value = fmt.Sprintf("%.1f/10", v)
	case v <= 4 && rated:
		f.Penalty, f.Status, f.Reason = (v-2)*4, "fair", fmt.Sprintf("some soreness in the %s", m)
	case v <= 4:
		f.Penalty, f.Status, f.Reason = (v-2)*4, "fair", fmt.Sprintf("some soreness forecast in the %s", m)
	case rated:
		f.Penalty, f.Status, f.Reason = math.Min(30, (v-2)*4), "poor", fmt.Sprintf("your %s are sore (%.0f/10)", m, v)
	default:
		f.Penalty, f.Status, f.Reason = math.Min(30, (v-2)*4), "poor", fmt.Sprintf("your %s are forecast %.0f/10 sore", m, v)
	}
	return f
}

func sleepFactor(c *CheckIn) Factor {
	f := Factor{ID: "sleep", Name: "Sleep", Status: "unknown", Value: "–", Source: "7-9 h for adults (" + protocol.Short(protocol.Seed000) + ", " + protocol.Short(protocol.Seed002) + ", " + protocol.Short(protocol.Seed004) + ")",
		Reason: "no sleep logged today"}
	if c == nil || !activity.Has(c.SleepH) {
		return f
	}
	f.Value = fmt.Sprintf("%.1f h", c.SleepH)
	switch {
	case c.SleepH >= SleepMinH:
		f.Status, f.Reason = "good", "enough sleep for repair"
	case c.SleepH >= SleepMinH-1:
		// Within an hour of the 7 h is "fair", the same penalty worded
		// more gently: Rebound's wording, not a seed's threshold.
		f.Penalty = (SleepMinH - c.SleepH) * 6
		f.Status, f.Reason = "fair", fmt.Sprintf("%.1f h is a little short of the 7-9 h recovery needs", c.SleepH)
	default:
		f.Penalty = math.Min(20, (SleepMinH-c.SleepH)*6)
		f.Status, f.Reason = "poor", fmt.Sprintf("%.1f h is short of the 7-9 h recovery needs", c.SleepH)
	}
	if activity.Has(c.SleepQuality) {
		f.Value += fmt.Sprintf(", quality %.0f/5", c.SleepQuality)
		if c.SleepQuality <= 2 {
			f.Penalty += 5
			if f.Status == "good" {
				f.Status = "fair"
			}
			f.Reason += "; poor sleep quality"
		}
	}
	return f
}

func stressFactor(c *CheckIn) Factor {
	f := Factor{ID: "stress", Name: "Stress", Status: "unknown", Value: "–", Reason: "no stress logged today",
		Source: "chronic stress hinders repair (" + protocol.Short(protocol.Seed000) + ")"}
	if c == nil || !activity.Has(c.Stress) {
		return f
	}
	f.Value = fmt.Sprintf("%.0f/5", c.Stress)
	switch {
	case c.Stress >= 5:
		f.Penalty, f.Status, f.Reason = 10, "poor", "very high stress slows recovery"
	case c.Stress >= 4:
		f.Penalty, f.Status, f.Reason = 5, "fair", "high stress slows recovery"
	default:
		f.Status, f.Reason = "good", "stress is manageable"
	}
	return f
}

// baseline returns the mean and SD of the values of the days strictly
// before day within the window.
func baseline(day time.Time, hist []CheckIn, days int, get func(CheckIn) float64) (mean, sd float64, n int) {
	var xs []float64
	for _, c := range hist {
		age := day.Sub(c.Date).Hours() / 24
		if age <= 0.5 || age > float64(days) {
			continue
		}
		if v := get(c); activity.Has(v) && v > 0 {
			xs = append(xs, v)
		}
	}
	if len(xs) == 0 {
		return math.NaN(), math.NaN(), 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	sd = math.Sqrt(sd / float64(len(xs)))
	return mean, sd, len(xs)
}

func restingHRFactor(c *CheckIn, hist []CheckIn) Factor {
	f := Factor{ID: "resting-hr", Name: "Resting heart rate", Status: "unknown", Value: "–",
		Reason: "no resting heart rate logged today", Source: "a rise of several bpm over your own baseline signals incomplete recovery or illness"}
	if c == nil || !activity.Has(c.RestingHR) {
		return f
	}
	mean, sd, n := baseline(c.Date, hist, RestingHRDays, func(x CheckIn) float64 { return x.RestingHR })
	f.Value = fmt.Sprintf("%.0f bpm", c.RestingHR)
	if n < MinBaseline {
		f.Reason = fmt.Sprintf("building your baseline (%d of %d mornings)", n, MinBaseline)
		return f
	}
	diff := c.RestingHR - mean
	f.Value += fmt.Sprintf(" (your normal %.0f ± %.0f, from %d mornings in %d days)", mean, sd, n, RestingHRDays)
	switch {
	case diff >= RestingHRHighBPM+3:
		f.Penalty, f.Status, f.Reason = 15, "poor", fmt.Sprintf("resting HR is %.0f bpm above your normal", diff)
	case diff >= RestingHRHighBPM:
		f.Penalty, f.Status, f.Reason = 8, "fair", fmt.Sprintf("resting HR is %.0f bpm above your normal", diff)
	default:
		f.Status, f.Reason = "good", restingHRWords(diff)
	}
	return f
}

// restingHRWords says, under RestingHRHighBPM over the normal, where
// the morning's resting HR stands against it, in whole bpm: "at your
// normal", "3 bpm over your normal; it lowers readiness from 5 bpm
// over", "2 bpm under your normal". The words follow the number, not
// the spread of the baseline: 3 bpm over a steady 52 ± 1 is not "in
// the normal range".
func restingHRWords(diff float64) string {
	d := math.Round(diff)
	switch {
	case d >= 1:
		return fmt.Sprintf("%.0f bpm over your normal; it lowers readiness from %d bpm over", d, RestingHRHighBPM)
	case d <= -1:
		return fmt.Sprintf("%.0f bpm under your normal, which is no sign of fatigue", -d)
	}
	return "resting HR is at your normal"
}

// hrvFactor reads the morning's HRV against the runner's own normal range
// (the 60-day mean of ln rMSSD ± the smallest worthwhile change, 0.5 SD)
// and the 7-day rolling mean against the same range (Plews et al. 2013).
// A morning far outside it (HRVFarSD), either way, takes a quality session
// off the table: unusually low HRV points to fatigue or illness, unusually
// high HRV can follow heavy training (parasympathetic saturation, Plews
// et al. 2012) or a bad reading.
func hrvFactor(c *CheckIn, hist []CheckIn) Factor {
	f := Factor{ID: "hrv", Name: "Heart-rate variability", Status: "unknown", Value: "–",
		Reason: "no HRV logged today", Source: "Plews et al. 2013: ln rMSSD against a 60-day normal range (± 0.5 SD); Vesterinen et al. 2016"}
	if c == nil || !activity.Has(c.HRVms) || c.HRVms <= 0 {
		return f
	}
	lnv := func(x CheckIn) float64 {
		if !activity.Has(x.HRVms) || x.HRVms <= 0 {
			return math.NaN()
		}
		return math.Log(x.HRVms)
	}
	mean, sd, n := baseline(c.Date, hist, HRVBaselineDays, lnv)
	f.Value = fmt.Sprintf("%.0f ms", c.HRVms)
	if n < MinBaseline {
		f.Reason = fmt.Sprintf("building your baseline (%d of %d mornings)", n, MinBaseline)
		return f
	}
	sd = math.Max(sd, HRVMinSD)
	today := math.Log(c.HRVms)
	// The rolling 7-day mean includes today.
	recent := []float64{today}
	for _, h := range hist {
		age := c.Date.Sub(h.Date).Hours() / 24
		if age > 0.5 && age < HRVWindowDays {
			if v := lnv(h); activity.Has(v) {
				recent = append(recent, v)
			}
		}
	}
	week := 0.0
	for _, v := range recent {
		week += v
	}
	week /= float64(len(recent))
	low, high := mean-HRVBandSD*sd, mean+HRVBandSD*sd
	f.Value += fmt.Sprintf(" (your normal %.0f-%.0f ms, from %d mornings in %d days; 7-day average %.0f ms)",
		math.Exp(low), math.Exp(high), n, HRVBaselineDays, math.Exp(week))
	pct := (c.HRVms/math.Exp(mean) - 1) * 100
	switch z := (today - mean) / sd; {
	case z <= -HRVFarSD:
		f.Penalty, f.Status, f.Limit = 15, "poor", EasyRun
		f.Reason = fmt.Sprintf("this morning's HRV is %.0f%% under your normal, far outside your range: a sign of fatigue or illness; no hard session today", -pct)
	case z >= HRVFarSD:
		f.Penalty, f.Status, f.Limit = 5, "fair", EasyRun
		f.Reason = fmt.Sprintf("this morning's HRV is %.0f%% over your normal, far outside your range: this can follow heavy training or be a bad reading; no hard session today", pct)
	case today < low && week < low:
		f.Penalty, f.Status = 10, "fair"
		f.Reason = "HRV is under your normal range this morning and over the last 7 days"
	case today < low:
		f.Penalty, f.Status = 5, "fair"
		f.Reason = "HRV is under your normal range this morning"
	case week < low:
		f.Penalty, f.Status = 5, "fair"
		f.Reason = "HRV has averaged under your normal range over the last 7 days"
	case today > high:
		// Over the range, not far: said as it is, not "in your normal
		// range" beside a number over it.
		f.Status = "good"
		f.Reason = fmt.Sprintf("HRV is %.0f%% over your normal this morning, above your range but not far enough to change today", pct)
	default:
		f.Status, f.Reason = "good", "HRV is in your normal range"
	}
	return f
}
