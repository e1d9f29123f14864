package coach

import (
	"math"
	"sort"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
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

// Entry is one stored activity with what coach derives from it.
type Entry struct {
	A       *store.Activity
	Run     recovery.Run
	Session load.Session
	Kind    recovery.Kind
	Workout recovery.Workout // what a hard session was, when known
	Why     []string         // reasons for the kind
}

// Build derives every activity's kind, muscular-load inputs and session
// load, oldest first. rpe holds session RPE ratings by activity id.
func Build(acts []*store.Activity, prof profile.Profile, rpe map[int64]float64) []Entry {
	sorted := append([]*store.Activity(nil), acts...)
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
		f := recovery.Features{Sport: a.Sport, Name: a.Name, DistanceM: s.DistanceM, MovingS: s.MovingS,
			AscentM: s.AscentM, AvgHRR: activity.NaN, RPE: activity.NaN}
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
		}
		for j := i - 1; j >= 0; j-- {
			if a.Start.Sub(sorted[j].Start) > 7*24*time.Hour {
				break
			}
			if sorted[j].Sport.IsRun() {
				f.WeekRunM += sorted[j].Summary.DistanceM
			}
		}
		kind, hard, why := recovery.Classify(f)
		if a.Kind != "" { // the runner's word over the classifier's
			kind, why = a.Kind, []string{a.Kind.Marked()}
		}
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
			AscentM: nz(s.AscentM), DescentM: nz(s.DescentM), DownhillM: nz(s.DownhillM), HardFraction: hard, Load: sess.Load}
		out = append(out, Entry{A: a, Run: run, Session: sess, Kind: kind, Why: why})
	}
	return out
}

func nz(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// thresholdSpeed estimates the runner's threshold speed as the speed of
// their fastest sustained runs: the 90th percentile of average speeds of
// runs of 20 minutes or more, times 1.02. Without runs it returns 0.
func thresholdSpeed(acts []*store.Activity) float64 {
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
