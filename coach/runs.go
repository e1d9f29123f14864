package coach

import (
	"cmp"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// Estimated intensity when a session has no heart rate, as a fraction of
// heart-rate reserve, for TRIMPAt.
const (
	// RPEIntensityBase and RPEIntensityPerPoint map Borg's CR-10 session
	// RPE (Foster et al. 2001) to heart-rate reserve: 1 → 50 %, 5 → 72 %,
	// 7 → 83 %, 10 → 100 %. Foster showed session RPE tracks HR-based
	// load; this linear map is Rebound's approximation.
	RPEIntensityBase     = 0.445
	RPEIntensityPerPoint = 0.0555
	// ThresholdHRR is the heart-rate reserve at lactate threshold pace,
	// about 85-90 % (Karvonen-zone literature); runs without HR are
	// scaled from it by their speed relative to the runner's threshold
	// speed estimate.
	ThresholdHRR = 0.88
	// CrossTrainingHRR is the assumed intensity of cross-training
	// without heart rate or rating: moderate.
	CrossTrainingHRR = 0.6
)

// RPEToHRR converts a CR-10 rating to a heart-rate-reserve fraction.
func RPEToHRR(rpe float64) float64 {
	return math.Max(0.3, math.Min(1, RPEIntensityBase+RPEIntensityPerPoint*rpe))
}

// Entry is one activity with what coach derives from it.
type Entry struct {
	A       *Activity
	Run     recovery.Run
	Session load.Session
	Kind    recovery.Kind
	// Workout is what a hard session (or the hard part of a long run or
	// race) was, "" when none: intervals, tempo, hills or downhill.
	Workout recovery.Workout
	Why     []string // reasons for the kind, each naming the numbers that decided it
}

// AfterHardWithin is how soon after a hard effort or race a run counts
// as the day after it (recovery.Features.AfterHard).
const AfterHardWithin = 36 * time.Hour

// Build derives every activity's kind, muscular-load inputs and session
// load, oldest first. rpe holds session RPE ratings by activity id.
func Build(acts []*Activity, prof profile.Profile, rpe map[int64]float64) []Entry {
	sorted := append([]*Activity(nil), acts...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start.Before(sorted[j].Start) })
	hr := prof.HR()
	thr := thresholdSpeed(sorted)
	loc := prof.Location()
	out := make([]Entry, 0, len(sorted))
	for i, a := range sorted {
		s := a.Summary
		dur := s.MovingS
		if dur <= 0 {
			dur = s.ElapsedS
		}
		end := a.Start.Add(time.Duration(s.ElapsedS * float64(time.Second)))
		// Marked is the kind the runner chose, which wins over the
		// classifier's (rebound edit --kind).
		f := recovery.Features{Sport: a.Sport, Legs: a.Legs, Name: cmp.Or(a.UserName, a.Name), Marked: a.Kind, DistanceM: s.DistanceM, MovingS: s.MovingS,
			AscentM: nz(s.AscentM), DescentM: nz(s.DescentM), DownhillM: nz(s.DownhillM), AvgHRR: activity.NaN, RPE: activity.NaN,
			Units: prof.UnitsOrDefault()}
		if len(s.HRSeconds) > 0 {
			z := activity.Zones(s.HRSeconds, hr)
			f.ZonesS = &z
			f.AvgHRR = activity.HRR(s.AvgHR, hr)
		}
		if v, ok := rpe[a.ID]; ok {
			f.RPE = v
		}
		for _, l := range a.Laps {
			if l.DistanceM > 100 && l.TimerS > 0 {
				f.LapSpeeds = append(f.LapSpeeds, l.DistanceM/l.TimerS)
			}
			if l.DistanceM > 100 && activity.Has(l.AscentM) {
				f.LapGrades = append(f.LapGrades, l.AscentM/l.DistanceM)
			}
		}
		for j := i - 1; j >= 0; j-- {
			if a.Start.Sub(sorted[j].Start) > 7*24*time.Hour {
				break
			}
			if sorted[j].Sport.IsRun() {
				f.WeekRunM += sorted[j].Summary.DistanceM
			}
		}
		for j := i - 1; j >= 0; j-- {
			if a.Start.Sub(out[j].Run.End) > AfterHardWithin {
				break
			}
			f.AfterHard = f.AfterHard || out[j].Kind.HardEffort()
		}
		f.BestS, f.Efforts = bestEffort(sorted[:i], a)
		c := recovery.ClassifyRun(f)
		kind, hard, why := c.Kind, c.HardFraction, c.Why
		sess := load.Session{Start: a.Start.In(loc), DurationS: dur, Run: a.Sport.IsRun()}
		if a.Sport.IsRun() {
			sess.DistanceM = s.DistanceM
		}
		switch {
		case len(s.HRSeconds) > 0:
			sess.Load, sess.Source = activity.TRIMP(s.HRSeconds, hr), "hr"
		case activity.Has(f.RPE):
			sess.Load, sess.Source = activity.TRIMPAt(dur/60, RPEToHRR(f.RPE), hr.Sex), "rpe"
		case a.Sport.IsRun() && thr > 0 && s.AvgSpeedMS > 0:
			x := ThresholdHRR * math.Pow(s.AvgSpeedMS/thr, 1.5)
			sess.Load, sess.Source = activity.TRIMPAt(dur/60, x, hr.Sex), "pace"
		default:
			sess.Load, sess.Source = activity.TRIMPAt(dur/60, CrossTrainingHRR, hr.Sex), "duration"
		}
		run := recovery.Run{ID: a.ID, End: end, Sport: a.Sport, Kind: kind, DistanceM: s.DistanceM, DurationS: dur,
			AscentM: nz(s.AscentM), DescentM: nz(s.DescentM), DownhillM: nz(s.DownhillM), HardFraction: hard, Load: sess.Load,
			DeviceRecoveryH: nz(s.DeviceRecoveryH)}
		out = append(out, Entry{A: a, Run: run, Session: sess, Kind: kind, Workout: c.Workout, Why: why})
	}
	return out
}

// bestEffort returns the time the best of the runs before a (in the
// recovery.RaceLookback before it, running, recovery.RaceEffortMinM or
// longer) predicts for a's distance by Riegel's formula, and how many
// runs it was chosen from; 0, 0 when there are none.
func bestEffort(before []*Activity, a *Activity) (float64, int) {
	best, n := 0.0, 0
	d := a.Summary.DistanceM
	if !a.Sport.IsRun() || d <= 0 {
		return 0, 0
	}
	for j := len(before) - 1; j >= 0; j-- {
		b := before[j]
		if a.Start.Sub(b.Start) > recovery.RaceLookback {
			break
		}
		if !b.Sport.IsRun() || b.Summary.DistanceM < recovery.RaceEffortMinM || b.Summary.MovingS <= 0 {
			continue
		}
		n++
		if t := recovery.Riegel(b.Summary.MovingS, b.Summary.DistanceM, d); best == 0 || t < best {
			best = t
		}
	}
	return best, n
}

// Background returns the runner's background as the models take it
// (recovery.BackgroundOf the profile's).
func Background(p profile.Profile) recovery.Background { return recovery.BackgroundOf(p.Background) }

func nz(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// thresholdSpeed estimates the runner's threshold speed as the speed of
// their fastest sustained runs: the 90th percentile of average speeds of
// runs of 20 minutes or more, times 1.02. Without runs it returns 0.
func thresholdSpeed(acts []*Activity) float64 {
	var v []float64
	for _, a := range acts {
		if a.Sport.IsRun() && a.Summary.MovingS >= 20*60 && a.Summary.AvgSpeedMS > 0 {
			v = append(v, a.Summary.AvgSpeedMS)
		}
	}
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	return v[int(float64(len(v)-1)*0.9)] * 1.02
}

// AssumedBackgroundCode is the code of the warning a plan carries when
// it rests on the assumed background (recovery.DefaultBackground).
const AssumedBackgroundCode = "assumed-background"

// assumptions returns the warnings of the plan for e about what Rebound
// assumed: the background of a recreational runner, when the runner has
// not given theirs and the history before e is shorter than the
// repeated-bout window (recovery.HistoryWeeksEnough weeks).
func (s *State) assumptions(e Entry) []Warning {
	if !s.Background.Assumed || recovery.HistoryShare(e.A.Start, s.HistoryStart) >= 1 {
		return nil
	}
	return []Warning{{Code: AssumedBackgroundCode, Message: fmt.Sprintf(
		"Rebound assumed %s because it has under %d weeks of your runs: how sore a run makes you and how soon you are ready depend on what you are used to. Give your background in your profile (%s).",
		s.Background.Describe(func(km float64) string { return WeeklyDistance(s.H.Profile, km) }), recovery.HistoryWeeksEnough,
		BackgroundCommand(s.H.Profile))}}
}

// BackgroundCommand is the command that gives Rebound the runner's
// background, in their units.
func BackgroundCommand(p profile.Profile) string {
	if p.UnitsOrDefault() == profile.Imperial {
		return "rebound profile set --weekly-miles MI --running-years N, or --new-runner"
	}
	return "rebound profile set --weekly-km KM --running-years N, or --new-runner"
}

// WeeklyDistance formats a weekly distance in km in the runner's units,
// rounded: "25 km", "16 mi".
func WeeklyDistance(p profile.Profile, km float64) string {
	if p.UnitsOrDefault() == profile.Imperial {
		return fmt.Sprintf("%.0f mi", km/protocol.KmPerMile)
	}
	return fmt.Sprintf("%.0f km", km)
}
