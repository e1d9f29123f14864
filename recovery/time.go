package recovery

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Base recovery windows by run kind, in hours after the run (seed 002:
// "easy runs often need just a day, while long runs or hard workouts may
// require two to three days"; seed 004: "at least one to two days of rest
// after a long run, and potentially longer if you are an older runner").
// EasyH is when an easy run is fine again, HardH when the next hard
// session is; each is a [min, max] range that the run's own load places
// the runner in.
var baseWindows = map[Kind]struct{ EasyMin, EasyMax, HardMin, HardMax float64 }{
	Easy:  {EasyMin: 12, EasyMax: 24, HardMin: 24, HardMax: 36},
	Hard:  {EasyMin: 20, EasyMax: 36, HardMin: 48, HardMax: 72},
	Long:  {EasyMin: 24, EasyMax: 48, HardMin: 48, HardMax: 72},
	Cross: {EasyMin: 0, EasyMax: 12, HardMin: 12, HardMax: 24},
}

// Thresholds on forecast soreness (0-10) for returning to running.
const (
	// EasySorenessLimit: running easy on mild-to-moderate soreness is
	// generally fine (seed 001, Q3); above 4 of 10 the plan keeps to
	// active recovery.
	EasySorenessLimit = 4.0
	// HardSorenessLimit: quality sessions wait until soreness is mild.
	HardSorenessLimit = 2.5
	// OlderRunnerAge and OlderRunnerExtraH: one more rest day after long
	// runs from this age (seed 004: longer for older runners; the age is
	// Rebound's choice, graded low).
	OlderRunnerAge    = 50
	OlderRunnerExtraH = 24
	// SleepDebtExtraPerHour: each hour of nightly sleep debt adds 4 % to
	// the windows (sleep is when repair happens: seeds 000, 002, 004).
	SleepDebtExtraPerHour = 0.04
	// ForecastHorizonH is how far the soreness forecast looks ahead.
	ForecastHorizonH = 7 * 24
)

// Recovery is how long until the legs are ready again after a run.
type Recovery struct {
	EasyH   float64   `json:"easy_hours"`
	HardH   float64   `json:"hard_hours"`
	ReadyAt time.Time `json:"ready_at"` // when the next hard session is fine
	EasyAt  time.Time `json:"easy_at"`
	Reasons []string  `json:"reasons"`
}

// RecoveryTime returns the recovery windows after run, whose contribution
// is cs[i] (cs holds every run up to and including it, so that soreness
// left from earlier runs counts too).
func RecoveryTime(run Run, cs []Contribution, i int, p Params, mod Modifiers) Recovery {
	w, ok := baseWindows[run.Kind]
	switch {
	case ok:
	case run.Kind.HardEffort(): // a race: a hard effort
		w = baseWindows[Hard]
	default: // a recovery run, or no kind
		w = baseWindows[Easy]
	}
	peak, muscle := cs[i].Peak.Max()
	peak = math.Min(10, peak*p.Gain)
	// Where in the window: by how hard the run hit its most-loaded muscle.
	f := peak / 10
	easyH := w.EasyMin + f*(w.EasyMax-w.EasyMin)
	hardH := w.HardMin + f*(w.HardMax-w.HardMin)
	what := Session(run.Kind, run.Sport, run.DurationS)
	if run.Kind == Cross {
		what = CrossReason(run.Sport, run.DurationS)
	}
	why := []string{fmt.Sprintf("%s%s: easy running after %.0f-%.0f h, hard sessions after %.0f-%.0f h (seed 002)",
		strings.ToUpper(what[:1]), what[1:], w.EasyMin, w.EasyMax, w.HardMin, w.HardMax)}
	if peak > 0.5 {
		why = append(why, fmt.Sprintf("this run should make your %s peak at %.1f/10 soreness", muscle, peak))
	}
	if run.Kind == Long && mod.Age >= OlderRunnerAge {
		easyH += OlderRunnerExtraH
		hardH += OlderRunnerExtraH
		why = append(why, fmt.Sprintf("one more day after a long run at %d (seed 004: longer for older runners)", mod.Age))
	}
	stretch := mod.stretch()
	if mod.SleepDebtH > 0.25 {
		why = append(why, fmt.Sprintf("%.1f h a night short of 7 h sleep lengthens recovery", mod.SleepDebtH))
	}
	easyH *= 1 + SleepDebtExtraPerHour*math.Max(0, mod.SleepDebtH)
	hardH *= 1 + SleepDebtExtraPerHour*math.Max(0, mod.SleepDebtH)
	if stretch > 1.001 && mod.Age > AgeSlowdownFrom {
		easyH *= 1 + AgeSlowdownPerYear*float64(mod.Age-AgeSlowdownFrom)
		hardH *= 1 + AgeSlowdownPerYear*float64(mod.Age-AgeSlowdownFrom)
	}
	// The soreness forecast of all runs so far must also have come down.
	sEasy := hoursUntilBelow(cs[:i+1], p, mod, run.End, EasySorenessLimit)
	sHard := hoursUntilBelow(cs[:i+1], p, mod, run.End, HardSorenessLimit)
	if sEasy > easyH {
		easyH = sEasy
		why = append(why, fmt.Sprintf("forecast soreness stays above %.0f/10 for %.0f h", EasySorenessLimit, sEasy))
	}
	if sHard > hardH {
		hardH = sHard
		why = append(why, fmt.Sprintf("forecast soreness stays above %.1f/10 for %.0f h", HardSorenessLimit, sHard))
	}
	hardH = math.Max(hardH, easyH)
	easyH, hardH = math.Round(easyH), math.Round(hardH)
	return Recovery{EasyH: easyH, HardH: hardH, EasyAt: run.End.Add(time.Duration(easyH) * time.Hour),
		ReadyAt: run.End.Add(time.Duration(hardH) * time.Hour), Reasons: why}
}

// hoursUntilBelow returns the hours after from until the forecast soreness
// of every muscle is at or below limit for good (0 when it never passes it).
func hoursUntilBelow(cs []Contribution, p Params, mod Modifiers, from time.Time, limit float64) float64 {
	last := 0.0
	for h := 1.0; h <= ForecastHorizonH; h++ {
		if m, _ := SorenessAt(cs, p, mod, from.Add(time.Duration(h)*time.Hour)).Max(); m > limit {
			last = h
		}
	}
	return last
}

// Forecast is the hour-by-hour soreness of each muscle.
type Forecast struct {
	From  time.Time    `json:"from"`
	Hours []MuscleLoad `json:"-"`
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
