package fit

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/muktihari/fit/profile/typedef"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
)

// errNoSummary is returned for a recording cut off before its summary.
var errNoSummary = errors.New("the recording has no session or activity message: it stops before the device finished writing it")

// finish builds the activity, or for a multisport file one activity per
// leg (see legs). It returns no activity and a reason when the part holds
// nothing worth importing.
func (b *builder) finish() ([]*activity.Activity, string, error) {
	nRec := len(b.samples)
	if len(b.sessions) == 0 && len(b.laps) == 0 && nRec < 2 {
		return nil, fmt.Sprintf("FIT activity file holds no recorded activity (no session, %d record(s))", nRec), nil
	}
	if len(b.sessions) == 0 && !b.hasActivity {
		return nil, "", fmt.Errorf("%w (%d records)", errNoSummary, nRec)
	}
	a := &activity.Activity{Format: string(decode.FIT), Samples: b.samples, Pauses: b.pauses, Name: b.workout}
	if b.hasOffset {
		off := b.utcOffset
		a.UTCOffsetS = &off
	}
	a.Device = b.device()
	a.DeviceRecoveryMin = b.recoveryMin

	// Sessions in time order (a file may write its summaries last), when
	// every one says when it started.
	if !slices.ContainsFunc(b.sessions, func(s session) bool { return s.start == noTime }) {
		slices.SortStableFunc(b.sessions, func(x, y session) int { return cmp.Compare(x.start, y.start) })
	}
	legs := make([]activity.Sport, len(b.sessions))
	longest, longestS := 0, -1.0
	for i := range b.sessions {
		s := &b.sessions[i]
		if s.sport == typedef.SportInvalid {
			s.sport, s.subSport = b.sportMsg, b.subMsg
		}
		legs[i] = mapSport(s.sport, s.subSport)
		d := pick(s.tot.TimerS, s.tot.ElapsedS)
		if d > longestS {
			longest, longestS = i, d
		}
	}
	if len(b.sessions) > 0 {
		s := b.sessions[longest]
		a.Sport, a.SubSport = legs[longest], subSportLabel(s.sport, s.subSport)
		if len(legs) > 1 {
			a.Legs = legs
		}
	} else {
		a.Sport, a.SubSport = mapSport(b.sportMsg, b.subMsg), subSportLabel(b.sportMsg, b.subMsg)
		a.Warnings = append(a.Warnings, "the file has no session message, so no device totals")
	}

	// Running cadence: FIT counts strides (one foot); Rebound counts steps.
	footAt := b.footLookup(legs)
	for i := range a.Samples {
		s := &a.Samples[i]
		if !math.IsNaN(s.CadenceSPM) && footAt(s.Time.Unix()-fitEpoch) {
			s.CadenceSPM *= 2
		}
	}
	a.Laps = make([]activity.Lap, 0, len(b.laps))
	for _, l := range b.laps {
		if l.start != noTime && footAt(int64(l.start)) {
			l.tot.AvgCadenceSPM *= 2
		}
		al := activity.Lap{Totals: l.tot}
		if l.start != noTime {
			al.Start = fitTime(l.start)
		}
		a.Laps = append(a.Laps, al)
	}
	a.DeviceTotals = b.totals(legs)

	// Start: first session, else first record, else file creation.
	start := noTime
	if len(b.sessions) > 0 {
		start = b.sessions[0].start
	}
	if start == noTime && len(a.Samples) > 0 {
		start = uint32(a.Samples[0].Time.Unix() - fitEpoch)
	}
	if start == noTime {
		start = b.id.created
	}
	if start != noTime {
		a.Start = fitTime(start)
	}

	b.fillHR(a)
	a.Warnings = append(a.Warnings, b.warnings(start)...)
	if legs := b.legs(a, legs); legs != nil {
		return legs, "", nil
	}
	return []*activity.Activity{a}, "", nil
}

// legs splits a multisport activity (several sessions: a triathlon's swim,
// transitions, ride and run) into one activity per session, each with its
// own sport, start, device totals and the samples, laps and pauses from
// its start to the next session's. Transitions are kept as legs of sport
// Other, sub-sport "transition" (ingest decides what to store). Every leg
// keeps the file's Legs, Device, name, UTC offset and warnings. It returns
// nil for a single session, or when a session does not say when it
// started (then the file stays one activity).
func (b *builder) legs(a *activity.Activity, sports []activity.Sport) []*activity.Activity {
	n := len(b.sessions)
	if n < 2 || slices.ContainsFunc(b.sessions, func(s session) bool { return s.start == noTime }) {
		return nil
	}
	starts := make([]time.Time, n)
	out := make([]*activity.Activity, n)
	for i, s := range b.sessions {
		starts[i] = fitTime(s.start)
		tot := s.tot
		if isFoot(sports[i]) {
			tot.AvgCadenceSPM *= 2
		}
		out[i] = &activity.Activity{Sport: sports[i], SubSport: subSportLabel(s.sport, s.subSport), Start: starts[i],
			UTCOffsetS: a.UTCOffsetS, Name: a.Name, Device: a.Device, Format: a.Format, DeviceTotals: &tot,
			Legs: sports, Warnings: slices.Clone(a.Warnings)}
	}
	// The leg under way at t: the last that started at or before it, the
	// first before any.
	legAt := func(t time.Time) int {
		i := sort.Search(n, func(i int) bool { return starts[i].After(t) })
		return max(i-1, 0)
	}
	if slices.IsSortedFunc(a.Samples, func(x, y activity.Sample) int { return x.Time.Compare(y.Time) }) {
		// Slices of the one allocation, capped so that no leg can grow
		// into the next.
		from := 0
		for i := range out {
			to := len(a.Samples)
			if i+1 < n {
				to = from + sort.Search(len(a.Samples)-from, func(k int) bool { return !a.Samples[from+k].Time.Before(starts[i+1]) })
			}
			if to > from {
				out[i].Samples = a.Samples[from:to:to]
			}
			from = to
		}
	} else {
		for _, s := range a.Samples {
			i := legAt(s.Time)
			out[i].Samples = append(out[i].Samples, s)
		}
	}
	leg := 0
	for _, l := range a.Laps {
		if !l.Start.IsZero() {
			leg = legAt(l.Start)
		}
		out[leg].Laps = append(out[leg].Laps, l)
	}
	for _, p := range a.Pauses {
		i := legAt(p.Start)
		out[i].Pauses = append(out[i].Pauses, p)
	}
	return out
}

// footLookup returns a function that says whether the leg under way at FIT
// time t is a foot sport (whose cadence FIT stores in strides per minute).
func (b *builder) footLookup(legs []activity.Sport) func(t int64) bool {
	if len(b.sessions) == 0 {
		foot := isFoot(mapSport(b.sportMsg, b.subMsg))
		return func(int64) bool { return foot }
	}
	if len(b.sessions) == 1 {
		foot := isFoot(legs[0])
		return func(int64) bool { return foot }
	}
	return func(t int64) bool {
		// The last session that started at or before t; the first before any.
		i := sort.Search(len(b.sessions), func(i int) bool {
			s := b.sessions[i].start
			return s != noTime && int64(s) > t
		})
		if i > 0 {
			i--
		}
		return isFoot(legs[i])
	}
}

// isFoot reports whether FIT stores s's cadence as strides per minute.
func isFoot(s activity.Sport) bool {
	return s.IsRun() || s == activity.Walking || s == activity.Hiking
}

// totals are the device's own totals: the session's, or for a multisport
// file the sums of its sessions (averages dropped, maximum kept).
func (b *builder) totals(legs []activity.Sport) *activity.Totals {
	switch len(b.sessions) {
	case 0:
		return nil
	case 1:
		t := b.sessions[0].tot
		if isFoot(legs[0]) {
			t.AvgCadenceSPM *= 2
		}
		return &t
	}
	t := activity.NewTotals()
	for _, s := range b.sessions {
		t.DistanceM = addPresent(t.DistanceM, s.tot.DistanceM)
		t.ElapsedS = addPresent(t.ElapsedS, s.tot.ElapsedS)
		t.TimerS = addPresent(t.TimerS, s.tot.TimerS)
		t.AscentM = addPresent(t.AscentM, s.tot.AscentM)
		t.DescentM = addPresent(t.DescentM, s.tot.DescentM)
		t.Calories = addPresent(t.Calories, s.tot.Calories)
		if !math.IsNaN(s.tot.MaxHR) && (math.IsNaN(t.MaxHR) || s.tot.MaxHR > t.MaxHR) {
			t.MaxHR = s.tot.MaxHR
		}
	}
	return &t
}

// addPresent adds b to a, treating NaN as absent rather than poison.
func addPresent(a, b float64) float64 {
	switch {
	case math.IsNaN(b):
		return a
	case math.IsNaN(a):
		return b
	}
	return a + b
}

// fillHR lends samples without heart rate the nearest beat from the hr
// messages, when there is one within hrMatchS seconds.
func (b *builder) fillHR(a *activity.Activity) {
	if len(b.hr) == 0 {
		return
	}
	hr := b.hr
	if !sort.SliceIsSorted(hr, func(i, j int) bool { return hr[i].t < hr[j].t }) {
		sort.SliceStable(hr, func(i, j int) bool { return hr[i].t < hr[j].t })
	}
	for i := range a.Samples {
		s := &a.Samples[i]
		if !math.IsNaN(s.HeartRateBPM) {
			continue
		}
		t := float64(s.Time.Unix() - fitEpoch)
		j := sort.Search(len(hr), func(k int) bool { return hr[k].t >= t })
		best, bestD := math.NaN(), math.Inf(1)
		if j < len(hr) {
			best, bestD = hr[j].bpm, hr[j].t-t
		}
		if j > 0 && t-hr[j-1].t < bestD {
			best, bestD = hr[j-1].bpm, t-hr[j-1].t
		}
		if bestD <= hrMatchS {
			s.HeartRateBPM = best
		}
	}
}

// warnings lists the recoverable oddities seen while decoding.
func (b *builder) warnings(start uint32) []string {
	var w []string
	if start != noTime && start < fitSystemTime {
		w = append(w, "the device clock was never set: times count from power-on and show as 1990 dates")
	}
	if b.noTimeRec > 0 {
		w = append(w, fmt.Sprintf("dropped %d record(s) without a timestamp", b.noTimeRec))
	}
	if b.backwards > 0 {
		w = append(w, fmt.Sprintf("record times go backwards %d time(s); samples kept in file order", b.backwards))
	}
	if b.maxGap >= bigGap {
		w = append(w, fmt.Sprintf("record times jump forward by %s", time.Duration(b.maxGap)*time.Second))
	}
	for _, s := range b.sessions {
		if s.tot.TimerS > s.tot.ElapsedS+1 {
			w = append(w, fmt.Sprintf("session timer time (%.0f s) exceeds its elapsed time (%.0f s)", s.tot.TimerS, s.tot.ElapsedS))
		}
	}
	return w
}
