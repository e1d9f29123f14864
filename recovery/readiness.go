package recovery

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/load"
)

// CheckIn is one day's subjective and morning data. Absent numbers are NaN.
type CheckIn struct {
	Date         time.Time          `json:"date"` // the day (midnight, runner's zone)
	Soreness     map[Muscle]float64 `json:"soreness"`
	SleepH       float64            `json:"sleep_h"`
	SleepQuality float64            `json:"sleep_quality"` // 1-5
	Stress       float64            `json:"stress"`        // 1-5
	RestingHR    float64            `json:"resting_hr"`
	HRVms        float64            `json:"hrv_ms"` // rMSSD
	Symptoms     []string           `json:"symptoms"`
	// SymptomsAnswered is set when the runner answered the symptom
	// question: Symptoms is then all they have today, and an empty list
	// clears the red flags of earlier check-ins. A check-in that did not
	// ask (soreness only, say) leaves earlier flags standing.
	SymptomsAnswered bool `json:"symptoms_answered"`
}

// Recommendation is what readiness ends in.
type Recommendation string

// The recommendations, from most to least cautious.
const (
	Rest           Recommendation = "rest"
	ActiveRecovery Recommendation = "active-recovery"
	EasyRun        Recommendation = "easy-run"
	QualityOK      Recommendation = "quality-ok"
)

// Factor is one input of readiness with its effect.
type Factor struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Value   string  `json:"value"`
	Penalty float64 `json:"penalty"` // points taken off 100
	Status  string  `json:"status"`  // good, fair, poor, unknown
	Reason  string  `json:"reason"`
	Source  string  `json:"source"`
}

// Readiness is today's score and what to do with it.
type Readiness struct {
	Score          int            `json:"score"`
	Recommendation Recommendation `json:"recommendation"`
	Factors        []Factor       `json:"factors"`
	Reasons        []string       `json:"reasons"`
}

// ReadinessInput is everything readiness looks at.
type ReadinessInput struct {
	Now  time.Time
	Load *load.Day // today's load state; nil without history
	// Soreness is the soreness now: today's check-in where the runner
	// rated a muscle, the forecast elsewhere.
	Soreness MuscleLoad
	Today    *CheckIn  // today's check-in, if any
	History  []CheckIn // earlier check-ins, any order
	// EasyAt and ReadyAt are when the latest runs allow an easy run and a
	// hard session.
	EasyAt, ReadyAt time.Time
	// RedFlag is set when a symptom calls for a professional.
	RedFlag bool
}

// Thresholds and sizes of the readiness factors.
const (
	// SleepMinH and SleepMaxH: adults need 7-9 h (seeds 000, 002, 004).
	SleepMinH = 7.0
	SleepMaxH = 9.0
	// HRVWindowDays and HRVBaselineDays: a rolling 7-day mean of ln rMSSD
	// against a 60-day baseline (Plews et al. 2013).
	HRVWindowDays   = 7
	HRVBaselineDays = 60
	// HRVBandSD: the normal band is baseline ± 0.5 SD (the smallest
	// worthwhile change used by Plews et al.).
	HRVBandSD = 0.5
	// RestingHRDays is the resting-HR baseline window; RestingHRHighBPM
	// is the rise over it that signals incomplete recovery or illness.
	RestingHRDays    = 30
	RestingHRHighBPM = 5
	// MinBaseline is how many mornings a baseline needs.
	MinBaseline = 5
)

// The readiness bands: below RestBelow the recommendation is rest, below
// ActiveRecoveryBelow active recovery, and from QualityFrom (with
// recovered legs) a quality session. They are Rebound's rule, not a
// study's: the score is Rebound's own (100 less the factors' penalties),
// and neither the seeds nor REFERENCES.md give bands for it.
const (
	RestBelow           = 40
	ActiveRecoveryBelow = 60
	QualityFrom         = 80
	// RedFlagMaxScore caps readiness while a red-flag symptom stands: the
	// top of the rest band, so that the score never says "ready" when the
	// recommendation is rest until a professional has looked at it
	// (seeds 000, 002: sharp pain, swelling, numbness or soreness past a
	// week call for one).
	RedFlagMaxScore = RestBelow - 1
)

// ComputeReadiness scores today's readiness (0-100) and recommends one
// of rest, active-recovery, easy-run or quality-ok.
func ComputeReadiness(in ReadinessInput) Readiness {
	var fs []Factor
	fs = append(fs, formFactor(in.Load), acwrFactor(in.Load), sorenessFactor(in.Soreness))
	fs = append(fs, sleepFactor(in.Today), stressFactor(in.Today))
	fs = append(fs, restingHRFactor(in.Today, in.History), hrvFactor(in.Today, in.History))
	score := 100.0
	for _, f := range fs {
		score -= f.Penalty
	}
	score = math.Max(0, math.Min(100, score))
	if in.RedFlag {
		// The cap is a factor of its own, so that the factors still
		// add up to the score.
		flag := Factor{ID: "red-flag", Name: "Red-flag symptom", Value: "see a professional", Status: "poor",
			Penalty: math.Max(0, score-RedFlagMaxScore),
			Reason:  fmt.Sprintf("readiness is held at %d or below, the top of the rest band, until a professional has looked at it", RedFlagMaxScore),
			Source:  "red-flag symptoms: seeds 000, 001, 002 and REFERENCES.md (rebound protocol lists them); the cap is Rebound's rule"}
		score -= flag.Penalty
		fs = append(fs, flag)
	}
	r := Readiness{Score: int(math.Round(score)), Factors: fs}
	switch {
	case in.RedFlag:
		r.Recommendation = Rest
		r.Reasons = append(r.Reasons, fmt.Sprintf("a symptom you reported needs a professional's look before you train, so readiness is held at %d or below", RedFlagMaxScore))
	case r.Score < RestBelow:
		r.Recommendation = Rest
		r.Reasons = append(r.Reasons, fmt.Sprintf("readiness %d is low: take a rest day", r.Score))
	case r.Score < ActiveRecoveryBelow:
		r.Recommendation = ActiveRecovery
		r.Reasons = append(r.Reasons, fmt.Sprintf("readiness %d: move gently, 20-30 min of walking, cycling or swimming", r.Score))
	case in.Now.Before(in.EasyAt):
		r.Recommendation = ActiveRecovery
		r.Reasons = append(r.Reasons, fmt.Sprintf("your last run needs until %s before an easy run", in.EasyAt.Format("Mon 15:04")))
	case in.Now.Before(in.ReadyAt) || r.Score < QualityFrom:
		r.Recommendation = EasyRun
		if in.Now.Before(in.ReadyAt) {
			r.Reasons = append(r.Reasons, fmt.Sprintf("keep it easy: hard sessions are fine from %s", in.ReadyAt.Format("Mon 15:04")))
		} else {
			r.Reasons = append(r.Reasons, fmt.Sprintf("readiness %d: an easy run, not a hard one", r.Score))
		}
	default:
		r.Recommendation = QualityOK
		r.Reasons = append(r.Reasons, fmt.Sprintf("readiness %d and recovered legs: a quality session is fine", r.Score))
	}
	for _, f := range fs {
		if f.Penalty >= 5 && f.ID != "red-flag" { // its reason leads already
			r.Reasons = append(r.Reasons, f.Reason)
		}
	}
	return r
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
		f.Penalty = math.Min(20, 10+(-ratio-0.3)/0.2*10)
		f.Status, f.Reason = "poor", "recent load is well above what you are used to"
	}
	return f
}

func acwrFactor(d *load.Day) Factor {
	f := Factor{ID: "acwr", Name: "Acute:chronic load", Status: "unknown", Value: "–",
		Source: "Williams et al. 2017 EWMA ratio; bands disputed (Impellizzeri et al. 2020)"}
	if d == nil || math.IsNaN(d.ACWR) {
		f.Reason = "needs four weeks of history"
		return f
	}
	f.Value = fmt.Sprintf("%.2f", d.ACWR)
	switch {
	case d.ACWR > load.ACWRRisk:
		f.Penalty, f.Status = 15, "poor"
		f.Reason = fmt.Sprintf("this week's load is %.1f× your usual: a spike (the bands are disputed; read it as a prompt)", d.ACWR)
	case d.ACWR > load.ACWRHigh:
		f.Penalty, f.Status = 7, "fair"
		f.Reason = fmt.Sprintf("this week's load is %.1f× your usual", d.ACWR)
	case d.ACWR < load.ACWRLow:
		f.Status, f.Reason = "good", "load is below your usual (fresh, or detraining)"
	default:
		f.Status, f.Reason = "good", "load is in step with what you are used to"
	}
	return f
}

func sorenessFactor(s MuscleLoad) Factor {
	v, m := s.Max()
	f := Factor{ID: "soreness", Name: "Muscle soreness", Value: fmt.Sprintf("%.1f/10 (%s)", v, m),
		Source: "DOMS time course: Cheung et al. 2003; seeds 000, 002"}
	switch {
	case v <= 2:
		f.Status, f.Reason = "good", "legs are fresh"
		f.Value = fmt.Sprintf("%.1f/10", v)
	case v <= 4:
		f.Penalty, f.Status, f.Reason = (v-2)*4, "fair", fmt.Sprintf("some soreness in the %s", m)
	default:
		f.Penalty, f.Status, f.Reason = math.Min(30, (v-2)*4), "poor", fmt.Sprintf("your %s are sore (%.0f/10)", m, v)
	}
	return f
}

func sleepFactor(c *CheckIn) Factor {
	f := Factor{ID: "sleep", Name: "Sleep", Status: "unknown", Value: "–", Source: "7-9 h for adults (seeds 000, 002, 004)",
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
		Source: "chronic stress hinders repair (seed 000)"}
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
		Reason: "no resting heart rate logged today", Source: "a morning rise over your own baseline signals incomplete recovery or illness"}
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
	f.Value += fmt.Sprintf(" (baseline %.0f ± %.0f)", mean, sd)
	switch {
	case diff >= RestingHRHighBPM+3:
		f.Penalty, f.Status, f.Reason = 15, "poor", fmt.Sprintf("resting HR is %.0f bpm above your baseline", diff)
	case diff >= RestingHRHighBPM || (sd > 0 && diff > 2*sd && diff >= 3):
		f.Penalty, f.Status, f.Reason = 8, "fair", fmt.Sprintf("resting HR is %.0f bpm above your baseline", diff)
	default:
		f.Status, f.Reason = "good", "resting HR is in your normal range"
	}
	return f
}

func hrvFactor(c *CheckIn, hist []CheckIn) Factor {
	f := Factor{ID: "hrv", Name: "Heart-rate variability", Status: "unknown", Value: "–",
		Reason: "no HRV logged today", Source: "Plews et al. 2013: 7-day mean of ln rMSSD against a 60-day baseline"}
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
	// The rolling 7-day mean includes today.
	recent := []float64{math.Log(c.HRVms)}
	sorted := append([]CheckIn(nil), hist...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Date.After(sorted[j].Date) })
	for _, h := range sorted {
		age := c.Date.Sub(h.Date).Hours() / 24
		if age > 0.5 && age < HRVWindowDays {
			if v := lnv(h); activity.Has(v) {
				recent = append(recent, v)
			}
		}
	}
	r := 0.0
	for _, v := range recent {
		r += v
	}
	r /= float64(len(recent))
	low := mean - HRVBandSD*sd
	f.Value += fmt.Sprintf(" (7-day ln %.2f, normal %.2f-%.2f)", r, low, mean+HRVBandSD*sd)
	switch {
	case r < mean-2*HRVBandSD*sd:
		f.Penalty, f.Status, f.Reason = 15, "poor", "HRV is well below your normal range"
	case r < low:
		f.Penalty, f.Status, f.Reason = 8, "fair", "HRV is below your normal range"
	default:
		f.Status, f.Reason = "good", "HRV is in your normal range"
	}
	return f
}
