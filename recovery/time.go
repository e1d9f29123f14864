package recovery

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/rebound-run/rebound/protocol"
)

// Sources the clocks cite, by their short titles (protocol.Short: the
// seed articles) or author.
var (
	srcRecoveryGuide = protocol.Short(protocol.Seed002)
	srcExpertTips    = protocol.Short(protocol.Seed004)
)

const (
	srcDaniels  = "Daniels, Daniels' Running Formula; coaching practice"
	srcAge      = "Fell & Williams 2008; Fernandes et al. 2020; low-grade evidence"
	srcDownhill = "Schwane et al. 1983; Maeo et al. 2017"
	srcGarmin   = "Garmin/Firstbeat recovery time: 6 h to 4 days"
)

// Window is the span of hours after a run within which easy running and
// the next hard session become fine for a typical runner (one whose
// running is habitual, with population soreness parameters); the run's
// own load places the runner in it.
type Window struct{ EasyMin, EasyMax, HardMin, HardMax float64 }

// Windows by run kind, in hours after the run. The 2026 coaching guide:
// "Most runners recover within 24–72 hours … Easy runs often need just a
// day, while long runs or hard workouts may require two to three days";
// “8 Post-Run Recovery Tips”: "at least one to two days of rest after a
// long run". Easy running after a hard session
// or long run comes a day or so before the next hard one; a recovery run
// or cross-training asks less than an easy run. Races use RaceWindow.
var Windows = map[Kind]Window{
	RecoveryRun: {EasyMin: 0, EasyMax: 12, HardMin: 12, HardMax: 24},
	Easy:        {EasyMin: 12, EasyMax: 24, HardMin: 24, HardMax: 36},
	Long:        {EasyMin: 24, EasyMax: 36, HardMin: 48, HardMax: 72},
	Hard:        {EasyMin: 20, EasyMax: 30, HardMin: 48, HardMax: 72},
	Cross:       {EasyMin: 0, EasyMax: 12, HardMin: 12, HardMax: 24},
}

// Race clocks: Daniels' rule of thumb of about one easy day for every
// 3 km raced before the next quality session (Daniels, Daniels' Running
// Formula; coaching practice, not a trial): 10 km ≈ 3 days, a half
// marathon ≈ 7 days, a marathon ≈ 14 days.
const (
	RaceKmPerEasyDay = 3.0
	// RaceEasyBaseH and RaceEasyPerKmH: easy running after a race from a
	// day after it, and 2 h later per km beyond 10 km (a half marathon 46
	// h, a marathon 88 h). Rebound's choice: the next easy days are what
	// Daniels' rule fills, and the longer the race the later they start.
	RaceEasyBaseH  = 24
	RaceEasyPerKmH = 2
	RaceEasyFromKm = 10
)

// RaceWindow is the window after a race of distM metres.
func RaceWindow(distM float64) Window {
	km := distM / 1000
	hard := math.Max(Windows[Hard].HardMin, 24*km/RaceKmPerEasyDay)
	easy := RaceEasyBaseH + RaceEasyPerKmH*math.Max(0, km-RaceEasyFromKm)
	return Window{EasyMin: easy, EasyMax: easy, HardMin: hard, HardMax: hard}
}

// Thresholds on forecast soreness (0-10) for returning to running.
const (
	// EasySorenessLimit: running easy on mild-to-moderate soreness is
	// generally fine ("Sore Legs After Running? 4 Recovery Techniques");
	// above 4 of 10 the plan keeps to active recovery.
	EasySorenessLimit = 4.0
	// HardSorenessLimit: quality sessions wait until soreness is mild.
	HardSorenessLimit = 2.5
	// ForecastHorizonH is how far the soreness forecast looks ahead.
	ForecastHorizonH = 7 * 24
)

// The clocks' adjustments and caps. Each adjustment multiplies both
// clocks and is bounded.
const (
	// TrainingCapH: a training session's clocks stop at 96 h (4 days)
	// unless the runner reports soreness that lasts longer: the model's
	// own forecast may lengthen them only up to here. Garmin's recovery
	// time (Firstbeat) also runs from 6 h to at most 4 days.
	TrainingCapH = 96
	// AgeClockPerYear and AgeClockMax: 1 % longer per year over
	// AgeSlowdownFrom, at most +30 % (at 60 and over). The evidence on
	// age is equivocal (veteran cyclists felt slower recovery but
	// performed the same: Fell & Williams 2008; mixed results in the 11
	// studies Fernandes et al. 2020 review), so the effect is gentle.
	AgeClockPerYear = 0.01
	AgeClockMax     = 0.30
	// OlderRunnerAge and OlderRunnerExtraH: one more rest day before easy
	// running after a long run or race from this age (“8 Post-Run Recovery
	// Tips”: "potentially longer if you are an older runner";
	// the age is Rebound's choice, graded low).
	OlderRunnerAge    = 50
	OlderRunnerExtraH = 24
	// SleepDebtExtraPerHour and SleepDebtMaxH: each hour of nightly sleep
	// debt (below 7 h, the last three nights) adds 4 % to the clocks, for
	// at most 3 hours (+12 %): sleep is when repair happens ("Leg
	// Recovery After Running"; the 2026 coaching guide; “8 Post-Run
	// Recovery Tips”). The size is Rebound's choice.
	SleepDebtExtraPerHour = 0.04
	SleepDebtMaxH         = 3
	// DescentFreeM, DescentExtraPer100M and DescentExtraMax: descent
	// beyond 100 m adds 5 % per 100 m, at most +30 %: downhill running
	// damages the knee extensors eccentrically (45 min at −10 % raised
	// creatine kinase 351 % at 24 h with soreness for 24-72 h: Schwane et
	// al. 1983; 45 min at −15 % cut knee-extensor torque 14-17 % at 24-48
	// h: Maeo et al. 2017). The size is Rebound's choice.
	DescentFreeM        = 100
	DescentExtraPer100M = 0.05
	DescentExtraMax     = 0.30
	// MaxCarryRisePerDay is the most a reported rating is carried up
	// per 24 h when the model expects soreness to rise (CarryForward):
	// 1.5 points, about the model's own day-on-day rise before the peak
	// of a run that peaks at 5/10. Rebound's choice.
	MaxCarryRisePerDay = 1.5
	// ReportedAfterH: ratings taken in the first 12 h after a run do not
	// speak of it: soreness from a run develops over the first day and
	// peaks at 24-72 h (Cheung et al. 2003), so a rating that soon
	// describes the runs before (a morning check-in just after an early
	// run).
	ReportedAfterH = 12
	// MinScaledForecast is the forecast soreness (0-10) below which the
	// model's shape says nothing of a rating's future (CarryForward keeps
	// the rating): under the half point a rating moves in, the ratio of
	// two such small numbers is noise. Rebound's choice.
	MinScaledForecast = 0.3
)

// Recovery is how long until the legs are ready again after a run.
type Recovery struct {
	EasyH   float64
	HardH   float64
	ReadyAt time.Time // when the next hard session is fine
	EasyAt  time.Time
	Reasons []string
	// DeviceH is the recovery time the recording device worked out for
	// this run (Garmin's recovery advisor, Firstbeat), in hours, shown
	// beside Rebound's; nil when the file has none.
	DeviceH *float64
}

// RecoveryTime returns the recovery clocks after run, whose contribution
// is cs[i] (cs holds every run up to and including it, so that soreness
// left from earlier runs counts too, and may hold later ones).
//
// The kind's Window (RaceWindow for a race) gives the typical runner's
// span; the run's peak soreness (with the runner's Gain) places the clock
// in it. Age, sleep debt and descent lengthen it within their bounds. The
// soreness forecast of the runs so far may lengthen it further, up to
// TrainingCapH for a training session; soreness the runner reports after
// the run (mod.Reported, carried forward by CarryForward) may lengthen it
// beyond, and a low rating shortens what the forecast would have added.
func RecoveryTime(run Run, cs []Contribution, i int, p Params, mod Modifiers) Recovery {
	kind := run.Kind
	if kind == "" {
		kind = Easy
	}
	w, ok := Windows[kind]
	if kind == Race {
		w = RaceWindow(run.DistanceM)
	} else if !ok {
		w = Windows[Easy]
	}
	peak, muscle := cs[i].Peak.Max()
	peak = math.Min(10, peak*p.Gain)
	f := peak / 10
	easyH := w.EasyMin + f*(w.EasyMax-w.EasyMin)
	hardH := w.HardMin + f*(w.HardMax-w.HardMin)
	var why []string
	if kind == Race {
		why = append(why, fmt.Sprintf("A %s race: about one easy day per %s raced before the next quality session, %.0f h (%s); easy running after %.0f h",
			mod.Units.Round(run.DistanceM), mod.Units.Round(RaceKmPerEasyDay*1000), hardH, srcDaniels, easyH))
	} else {
		what := Session(kind, run.Sport, run.DurationS)
		if kind == Cross {
			what = CrossReason(run.Sport, run.DurationS)
		}
		why = append(why, fmt.Sprintf("%s: for a typical runner easy running is fine %s h after it and hard sessions %s h after (%s); this one's load (%s peaking at %.1f/10) places you at %.0f h and %.0f h",
			capital(what), span(w.EasyMin, w.EasyMax), span(w.HardMin, w.HardMax), srcRecoveryGuide, muscle.Name(), peak, easyH, hardH))
	}
	// Adjustments, each bounded.
	stretch := 1.0
	var adj []string
	if a := ageExtra(mod.Age); a > 0 {
		stretch *= 1 + a
		adj = append(adj, fmt.Sprintf("+%.0f%% at %d (recovery slows gently with age: %s)", a*100, mod.Age, srcAge))
	}
	if debt := math.Min(math.Max(0, mod.SleepDebtH), SleepDebtMaxH); debt > 0.25 {
		stretch *= 1 + SleepDebtExtraPerHour*debt
		adj = append(adj, fmt.Sprintf("+%.0f%% for %.1f h a night short of 7 h sleep", SleepDebtExtraPerHour*debt*100, debt))
	}
	if d := descentExtra(run); d > 0 {
		stretch *= 1 + d
		adj = append(adj, fmt.Sprintf("+%.0f%% for %s of descent, hard on the quads (%s)", d*100, mod.Units.Elevation(run.DescentM), srcDownhill))
	}
	if len(adj) > 0 {
		easyH, hardH = easyH*stretch, hardH*stretch
		why = append(why, fmt.Sprintf("%s: %.0f h and %.0f h", strings.Join(adj, "; "), easyH, hardH))
	}
	if (kind == Long || kind == Race) && mod.Age >= OlderRunnerAge {
		easyH += OlderRunnerExtraH
		why = append(why, fmt.Sprintf("one more rest day before easy running at %d (%s: longer for older runners): %.0f h", mod.Age, srcExpertTips, easyH))
	}
	limit := math.Inf(1)
	if kind != Race {
		limit = TrainingCapH
		if hardH > limit || easyH > limit {
			easyH, hardH = math.Min(easyH, limit), math.Min(hardH, limit)
			why = append(why, fmt.Sprintf("held at %d h: a training session's clock goes no further unless you report soreness (%s)", TrainingCapH, srcGarmin))
		}
	} else {
		limit = math.Max(hardH, TrainingCapH)
	}
	// The soreness forecast of every run so far, and the ratings the
	// runner gave since.
	c := soreCurves(cs[:i+1], p, mod, run.End, reportedAfter(mod.Reported, run.End.Add(ReportedAfterH*time.Hour), nextEnd(cs, i)))
	saidCap := false
	// The curves as they stood before the latest check-in (the forecast
	// alone when it is the first since the run): a clock the check-in
	// brought forward says so.
	latest := time.Time{}
	for _, o := range c.rated {
		if o.At.After(latest) {
			latest = o.At
		}
	}
	earlier := curves{from: c.from, forecast: c.forecast}
	if !latest.IsZero() {
		earlier.rated = reportedAfter(mod.Reported, run.End.Add(ReportedAfterH*time.Hour), latest.Add(-LatestCheckInH*time.Hour))
	}
	for _, x := range []struct {
		h     *float64
		limit float64
		what  string
		noun  string
	}{{&easyH, EasySorenessLimit, "easy running waits", "easy running"}, {&hardH, HardSorenessLimit, "hard sessions wait", "hard sessions"}} {
		before := *x.h
		fc, rep, m, r := c.until(x.limit)
		if v := math.Min(fc, limit); v > *x.h {
			*x.h = v
			if fc > limit {
				// Past the bound the forecast no longer holds the clock:
				// say so plainly, not as a hold that seems to fail.
				if saidCap {
					why = append(why, fmt.Sprintf("the %s forecast stays above %g/10 until %.0f h, also past the %.0f h where the clock stops", m.Name(), x.limit, fc, limit))
				} else {
					why = append(why, ForecastPastCap(m, x.limit, fc, limit, kind))
				}
				saidCap = true
			} else {
				why = append(why, fmt.Sprintf("the soreness forecast of your recent runs keeps your %s above %g/10 until %.0f h, so %s", m.Name(), x.limit, fc, x.what))
			}
		}
		if rep > *x.h {
			*x.h = rep
			why = append(why, fmt.Sprintf("you rated your %s %g/10 on %s: eased at the rate the model expects, it stays above %g/10 until %.0f h, so %s",
				r.Muscle.Name(), r.Soreness, r.At.Format("Mon 2 Jan"), x.limit, rep, x.what))
		}
		// A check-in that rates a muscle less sore than forecast, or than
		// the check-in before it, lets the clock run out sooner: say so,
		// or the time moves without a word from one day to the next.
		fc0, rep0, m0, r0 := earlier.until(x.limit)
		was := math.Round(math.Max(before, math.Max(math.Min(fc0, limit), rep0)))
		if rep0 > math.Min(fc0, limit) {
			m0 = r0.Muscle
		}
		if o, ok := c.rated[m0]; ok && o.At.Equal(latest) && was > math.Round(*x.h) {
			why = append(why, fmt.Sprintf("your check-in of %s rated your %s %g/10, less than %s: %s from %.0f h, not %.0f h",
				o.At.Format("Mon 2 Jan"), o.Muscle.Name(), o.Soreness, map[bool]string{true: "before", false: "forecast"}[rep0 > math.Min(fc0, limit)],
				x.noun, *x.h, was))
		}
	}
	hardH = math.Max(hardH, easyH)
	easyH, hardH = math.Round(easyH), math.Round(hardH)
	rec := Recovery{EasyH: easyH, HardH: hardH, EasyAt: run.End.Add(time.Duration(easyH) * time.Hour),
		ReadyAt: run.End.Add(time.Duration(hardH) * time.Hour)}
	if run.DeviceRecoveryH > 0 {
		d := math.Round(run.DeviceRecoveryH)
		rec.DeviceH = &d
		why = append(why, fmt.Sprintf("your watch estimated %.0f h of recovery (its own figure, from heart rate against your fitness: %s)", d, srcGarmin))
	}
	rec.Reasons = append(why, fmt.Sprintf("so: easy running from %.0f h, hard sessions from %.0f h after the run", easyH, hardH))
	return rec
}

// ForecastPastCap says that muscle m's soreness forecast stays above
// limit until fcH hours, past capH, where a clock stops (TrainingCapH for
// a training session, Garmin/Firstbeat's bound; a race's easy days or
// TrainingCapH): from then the runner's check-in decides, as a rating
// holds the clocks past it and one under the limit lets them run out.
func ForecastPastCap(m Muscle, limit, fcH, capH float64, kind Kind) string {
	name := m.Name()
	if kind == Race {
		return fmt.Sprintf("the %s forecast stays above %g/10 until %.0f h; a race's clock stops at %.0f h and from then your check-in decides", name, limit, fcH, capH)
	}
	return fmt.Sprintf("the %s forecast stays above %g/10 until %.0f h; a training session's clock stops at %.0f h (%s) and from then your check-in decides", name, limit, fcH, capH, srcGarmin)
}

// ageExtra is the clocks' lengthening at age (a fraction).
func ageExtra(age int) float64 {
	if age <= AgeSlowdownFrom {
		return 0
	}
	return math.Min(AgeClockMax, AgeClockPerYear*float64(age-AgeSlowdownFrom))
}

// descentExtra is the clocks' lengthening for the run's descent.
func descentExtra(r Run) float64 {
	if !r.Sport.IsRun() && r.Sport != "hiking" && r.Sport != "walking" {
		return 0
	}
	return math.Min(DescentExtraMax, math.Max(0, r.DescentM-DescentFreeM)/100*DescentExtraPer100M)
}

// nextEnd is when the run after cs[i] ended, or the zero time.
func nextEnd(cs []Contribution, i int) time.Time {
	if i+1 < len(cs) {
		return cs[i+1].End
	}
	return time.Time{}
}

// reportedAfter returns the latest rating of each muscle taken after from
// and (when until is not zero) before until.
func reportedAfter(obs []Observation, from, until time.Time) map[Muscle]Observation {
	out := map[Muscle]Observation{}
	for _, o := range obs {
		if !o.At.After(from) || (!until.IsZero() && !o.At.Before(until)) {
			continue
		}
		if cur, ok := out[o.Muscle]; !ok || o.At.After(cur.At) {
			out[o.Muscle] = o
		}
	}
	return out
}

// curves are each muscle's soreness, hour by hour from a run's end: the
// forecast, or from a rating on, the rating carried forward.
type curves struct {
	from     time.Time
	forecast Forecast
	rated    map[Muscle]Observation
}

func soreCurves(cs []Contribution, p Params, mod Modifiers, from time.Time, rated map[Muscle]Observation) curves {
	return curves{from: from, forecast: ForecastFrom(cs, p, mod, from), rated: rated}
}

// LatestCheckInH: ratings within 12 h of the newest are of the same
// check-in (a morning's ratings, edited later that day).
const LatestCheckInH = 12

// until returns the last hour at which an unrated muscle's forecast is
// above limit (and that muscle), and the last hour at which a rated
// muscle's carried-forward rating is (and that rating); 0 when none is.
func (c curves) until(limit float64) (forecastH, reportedH float64, m Muscle, r Observation) {
	for k, mu := range Muscles {
		o, rated := c.rated[mu]
		h0 := int(math.Floor(o.At.Sub(c.from).Hours()))
		if rated && (h0 < 0 || h0 > ForecastHorizonH) {
			rated = false
		}
		for h := ForecastHorizonH; h >= 1; h-- {
			v := c.forecast.Hours[h][k]
			if rated {
				if h < h0 {
					break
				}
				v = CarryForward(o.Soreness, c.forecast.Hours[h0][k], v, float64(h-h0))
			}
			if v <= limit {
				continue
			}
			if rated && float64(h) > reportedH {
				reportedH, r = float64(h), o
			} else if !rated && float64(h) > forecastH {
				forecastH, m = float64(h), mu
			}
			break
		}
	}
	return forecastH, reportedH, m, r
}

// CarryForward is a muscle's soreness dtH hours after the runner rated
// it v, when the model forecast fNow then and fLater at the later time:
// the rating carried along the model's shape. Where the model expects
// soreness to fall the rating falls in proportion (v·fLater/fNow); where
// it expects a rise the rating rises in proportion but by at most
// MaxCarryRisePerDay a day, so that a rating far above a small forecast
// (7 against 0.5) does not jump to 10. Under MinScaledForecast the
// forecast says nothing and the rating is kept. The result is never
// above 10 and never higher for a lower v.
func CarryForward(v, fNow, fLater, dtH float64) float64 {
	if fNow <= MinScaledForecast {
		return v
	}
	ratio := fLater / fNow
	if ratio <= 1 {
		return v * ratio
	}
	return math.Min(10, v+math.Min(v*(ratio-1), MaxCarryRisePerDay*dtH/24))
}

// capital starts s with a capital letter.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// span formats a window's range of hours.
func span(lo, hi float64) string {
	if lo == hi {
		return fmt.Sprintf("%.0f", lo)
	}
	return fmt.Sprintf("%.0f-%.0f", lo, hi)
}

// Forecast is the hour-by-hour soreness of each muscle.
type Forecast struct {
	From  time.Time
	Hours []MuscleLoad
}

// ForecastFrom returns the soreness forecast for every hour from t for
// ForecastHorizonH hours.
func ForecastFrom(cs []Contribution, p Params, mod Modifiers, t time.Time) Forecast {
	f := Forecast{From: t, Hours: make([]MuscleLoad, ForecastHorizonH+1)}
	for h := range f.Hours {
		f.Hours[h] = SorenessAt(cs, p, mod, t.Add(time.Duration(h)*time.Hour))
	}
	return f
}

// PeakOf returns a muscle's highest forecast value and its hour.
func (f Forecast) PeakOf(m Muscle) (float64, int) {
	best, at := 0.0, 0
	for h, l := range f.Hours {
		if v := l.Of(m); v > best {
			best, at = v, h
		}
	}
	return best, at
}
