// Package load models training load over days: the load of each session
// (Banister TRIMP from heart rate, or the same scale estimated from
// session RPE or from pace), fitness, fatigue and form (42- and 7-day
// exponentially weighted loads), the EWMA acute:chronic ratio, Foster's
// monotony and strain, and weekly running distance against the 10 % rule.
//
// It is pure: it takes sessions and a date and returns values. Days are
// calendar days in the runner's time zone; callers pass times already in
// that zone.
package load

import (
	"math"
	"time"
)

// Time constants of the fitness-fatigue model (Banister et al. 1975; the
// 42/7-day pair used by Coggan's Performance Manager, GoldenCheetah and
// intervals.icu).
const (
	FitnessDays = 42 // chronic training load (CTL) time constant
	FatigueDays = 7  // acute training load (ATL) time constant
)

// EWMA spans of the acute:chronic workload ratio, Williams et al. 2017
// (Br J Sports Med 51:209): λ = 2/(N+1) with N = 7 and 28 days.
const (
	AcuteSpanDays   = 7
	ChronicSpanDays = 28
)

// ACWR bands as commonly quoted (Gabbett 2016). Impellizzeri et al. 2020
// dispute them: Rebound shows the ratio as information, not a verdict.
const (
	ACWRLow  = 0.8
	ACWRHigh = 1.3
	ACWRRisk = 1.5
)

// ACWRWords says where an acute:chronic load ratio sits against the
// runner's usual load, by the bands above (disputed: words, not a
// verdict). It is the one wording of the ratio: the readiness factor, the
// CLI and the web say it so.
func ACWRWords(acwr float64) string {
	switch {
	case math.IsNaN(acwr):
		return "needs four weeks of history"
	case acwr > ACWRRisk:
		return "a spike on your usual"
	case acwr > ACWRHigh:
		return "above your usual"
	case acwr < ACWRLow:
		return "below your usual"
	}
	return "in step with your usual"
}

// WeeklyIncreaseLimit is the 10 % rule: weekly running distance should not
// grow by more than 10 % on the week before (“10 Ways to Prevent and
// Treat It”, citing NASM). It equals protocol.WeeklyIncreaseLimit, where
// its sources and the sentence shown beside it (TenPercentRuleCaveat)
// live; load keeps its own copy to stay free of imports.
const WeeklyIncreaseLimit = 0.10

// Session is one workout's contribution to load.
type Session struct {
	Start     time.Time
	Load      float64 // TRIMP units
	Source    string  // "hr", "rpe" or "pace": how Load was obtained
	DistanceM float64 // running distance (0 for other sports)
	Run       bool    // a running session (counts toward weekly distance)
	DurationS float64
}

// Day is the load state at the end of one calendar day.
type Day struct {
	Date      time.Time // midnight
	Load      float64   // the day's summed session load
	DistanceM float64   // the day's running distance
	Fitness   float64   // CTL, 42-day exponentially weighted load
	Fatigue   float64   // ATL, 7-day
	// Form is yesterday's fitness minus yesterday's fatigue (TSB): the
	// freshness the runner starts this day with.
	Form    float64
	Acute   float64 // EWMA acute load, λ = 2/8
	Chronic float64 // EWMA chronic load, λ = 2/29
	// ACWR is Acute/Chronic; NaN until there are ChronicSpanDays of history.
	ACWR float64
}

// Series computes one Day per calendar day from the day of the first
// session (or from, if later) through to, inclusive. Sessions are bucketed
// by their start's calendar day in their own location.
func Series(sessions []Session, to time.Time) []Day {
	return Extend(nil, sessions, to)
}

// Extend continues a series computed by Series (or Extend) through to,
// computing only the days after its last one: the fitness, fatigue and
// acute:chronic averages are exponentially weighted, so each new day needs
// only the day before it. The sessions must be those the series was
// computed from, plus any on later days. When to falls on or before the
// series' last day, Extend returns the series up to that day. The result
// never shares its new days with days (days itself is not modified).
func Extend(days []Day, sessions []Session, to time.Time) []Day {
	if len(days) == 0 {
		if len(sessions) == 0 {
			return nil
		}
		first := sessions[0].Start
		for _, s := range sessions[1:] {
			if s.Start.Before(first) {
				first = s.Start
			}
		}
		return extend(nil, midnight(first), sessions, midnight(to))
	}
	last := midnight(to)
	prev := days[len(days)-1].Date
	if !last.After(prev) {
		i := len(days) - 1
		for i >= 0 && days[i].Date.After(last) {
			i--
		}
		return days[: i+1 : i+1]
	}
	return extend(days[:len(days):len(days)], prev.AddDate(0, 0, 1), sessions, last)
}

// extend appends the days from through last (midnights) to out, carrying
// on the averages of out's last day.
func extend(out []Day, from time.Time, sessions []Session, last time.Time) []Day {
	byDay := map[time.Time]*Day{}
	for _, s := range sessions {
		d := midnight(s.Start)
		if d.Before(from) || d.After(last) {
			continue
		}
		x := byDay[d]
		if x == nil {
			x = &Day{}
			byDay[d] = x
		}
		x.Load += s.Load
		if s.Run {
			x.DistanceM += s.DistanceM
		}
	}
	kFit := 1 - math.Exp(-1.0/FitnessDays)
	kFat := 1 - math.Exp(-1.0/FatigueDays)
	la := 2.0 / (AcuteSpanDays + 1)
	lc := 2.0 / (ChronicSpanDays + 1)
	var fit, fat, acute, chronic float64
	n := len(out)
	if n > 0 {
		p := out[n-1]
		fit, fat, acute, chronic = p.Fitness, p.Fatigue, p.Acute, p.Chronic
	}
	for d := from; !d.After(last); d = d.AddDate(0, 0, 1) {
		day := Day{Date: d}
		if x := byDay[d]; x != nil {
			day.Load, day.DistanceM = x.Load, x.DistanceM
		}
		day.Form = fit - fat
		fit += kFit * (day.Load - fit)
		fat += kFat * (day.Load - fat)
		acute = la*day.Load + (1-la)*acute
		chronic = lc*day.Load + (1-lc)*chronic
		day.Fitness, day.Fatigue, day.Acute, day.Chronic = fit, fat, acute, chronic
		n++
		day.ACWR = math.NaN()
		if n >= ChronicSpanDays && chronic > 0 {
			day.ACWR = acute / chronic
		}
		out = append(out, day)
	}
	return out
}

// midnight returns the start of t's calendar day in t's location.
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Monotony returns Foster's (1998) monotony of the 7 days ending on the
// last element of days: mean daily load over its standard deviation
// (population SD), and strain = weekly load × monotony. With fewer than 7
// days, or no variation, monotony is NaN.
func Monotony(days []Day) (monotony, strain float64) {
	if len(days) < 7 {
		return math.NaN(), math.NaN()
	}
	w := days[len(days)-7:]
	sum := 0.0
	for _, d := range w {
		sum += d.Load
	}
	mean := sum / 7
	v := 0.0
	for _, d := range w {
		v += (d.Load - mean) * (d.Load - mean)
	}
	sd := math.Sqrt(v / 7)
	if sd == 0 {
		return math.NaN(), math.NaN()
	}
	monotony = mean / sd
	return monotony, sum * monotony
}

// AverageWeeks is how many weeks before a week the 10 % rule averages.
const AverageWeeks = 4

// Week is one Monday-to-Sunday week of running.
type Week struct {
	Start     time.Time // Monday 00:00
	DistanceM float64
	Load      float64
	Runs      int
	// Change is the fractional change of distance from the week before
	// (NaN for the first week or after a week with no running).
	Change float64
	// OverLimit is true when the distance is more than
	// WeeklyIncreaseLimit over the average of the (up to) four weeks
	// before: the week planner's cap, so that a normal week after a
	// lighter one (+84 % on the week before) is not flagged.
	OverLimit bool
	// CapM is that limit: WeeklyIncreaseLimit over the average of the
	// (up to) AverageWeeks weeks before; NaN for the first week or after
	// weeks without running.
	CapM float64
	// InProgress is true for a week that has not ended by the last day
	// of the series: its distance is so far.
	InProgress bool
}

// Weeks groups days into Monday-to-Sunday weeks.
func Weeks(days []Day, sessions []Session) []Week {
	runs := map[time.Time]int{}
	for _, s := range sessions {
		if s.Run {
			runs[monday(s.Start)]++
		}
	}
	var out []Week
	for _, d := range days {
		m := monday(d.Date)
		if len(out) == 0 || !out[len(out)-1].Start.Equal(m) {
			out = append(out, Week{Start: m, Runs: runs[m], Change: math.NaN(), CapM: math.NaN()})
		}
		w := &out[len(out)-1]
		w.DistanceM += d.DistanceM
		w.Load += d.Load
	}
	if n := len(out); n > 0 && days[len(days)-1].Date.Before(out[n-1].Start.AddDate(0, 0, 6)) { // n > 0: days has some
		out[n-1].InProgress = true
	}
	for i := 1; i < len(out); i++ {
		if prev := out[i-1].DistanceM; prev > 0 {
			out[i].Change = out[i].DistanceM/prev - 1
		}
		sum, n := 0.0, 0
		for j := max(0, i-AverageWeeks); j < i; j++ {
			sum, n = sum+out[j].DistanceM, n+1
		}
		if avg := sum / float64(n); avg > 0 {
			out[i].CapM = avg * (1 + WeeklyIncreaseLimit)
			out[i].OverLimit = out[i].DistanceM > out[i].CapM+1e-6 // exactly +10 % is within the rule
		}
	}
	return out
}

// monday returns the Monday 00:00 of t's week.
func monday(t time.Time) time.Time {
	d := midnight(t)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}
