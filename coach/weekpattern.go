package coach

import (
	"math"
	"sort"
	"time"

	"github.com/rebound-run/rebound/recovery"
)

// Pattern is how the runner has trained over the last PatternDays, which
// the week follows. Without running in that time it is the assumed
// recreational runner's week (Assumed).
type Pattern struct {
	// Weeks is how many of the last four weeks hold running history.
	Weeks       int
	RunsPerWeek int
	HardPerWeek int
	// EasyM is the median easy run; HardM the median hard session and
	// LongM the median of each week's long run, its longest (null without
	// any); LongestM the longest run that was not a race (null without
	// running).
	EasyM    float64
	HardM    *float64
	LongM    *float64
	LongestM *float64
	// LongDay is the weekday of most long runs; without long runs it is
	// assumed (LongDayAssumed): the weekend day the runner runs, else
	// Sunday.
	LongDay        string
	LongDayAssumed bool
	// HardDays are the HardPerWeek weekdays of most hard sessions, most
	// frequent first.
	HardDays []string
	// Assumed is set when the runner's runs go back less than
	// PatternMinDays: the week is then the one their background suggests
	// (assumedWeek).
	Assumed bool

	longRuns  bool // the week has a long run: not assumed, or the background says so
	shortDays int  // how many days the runs go back, when assumed for want of PatternMinDays

	weekM     [4]float64                 // running of the 4 weeks before the plan, newest first
	hours     map[startKey]time.Duration // usual start time of day by kind, and by kind and weekday
	runDays   map[time.Weekday]int       // runs by weekday
	hardWDs   []time.Weekday             // HardDays
	longWD    time.Weekday               // LongDay
	cross     bool                       // any cross-training
	lastLongM float64                    // the latest long run
	raceDay   *int                       // day of the latest race in the 6 days before the plan or on its first
	raceM     float64                    // that race's distance
	// hardDays and demanding mark the days (0 = the plan's first, negative
	// before it) with a hard effort, or a hard effort or long run.
	hardDays  map[int]bool
	demanding map[int]bool
	longOn    map[int]bool // the days with a long run
}

// average is the weekly running of the pattern's weeks.
func (p Pattern) average() float64 {
	if p.Weeks == 0 {
		return 0
	}
	sum := 0.0
	for _, m := range p.weekM[:p.Weeks] {
		sum += m
	}
	return sum / float64(p.Weeks)
}

// builtUp reports whether each of the last three weeks ran more than the
// week before it.
func (p Pattern) builtUp() bool {
	return p.Weeks == 4 && p.weekM[3] > 0 && p.weekM[2] > p.weekM[3] && p.weekM[1] > p.weekM[2] && p.weekM[0] > p.weekM[1]
}

// pattern reads the runner's last PatternDays before start, and the
// sessions of start's day up to s.Now (which the plan shows as done).
func (s *State) pattern(start time.Time) Pattern {
	p := Pattern{HardDays: []string{}, runDays: map[time.Weekday]int{}, hardDays: map[int]bool{}, demanding: map[int]bool{}, longOn: map[int]bool{}}
	from := start.AddDate(0, 0, -PatternDays)
	var easy, other, hard, long []float64
	// The long run of each 7-day block (0 the latest) is its longest
	// long run: a midweek 18 km run that counts as long by distance is
	// not the long run of a week whose Sunday run is 34 km.
	var weekLongM [4]float64
	var weekLongWD [4]time.Weekday
	longDays := map[time.Weekday]int{}
	hardDays := map[time.Weekday]int{}
	starts := map[startKey][]float64{}
	first := time.Time{} // the first run ever
	runs, hardN := 0, 0
	for _, e := range s.Entries {
		at := e.A.Start.In(start.Location())
		i := dayIndex(start, at)
		if first.IsZero() && e.A.Sport.IsRun() {
			first = at
		}
		if i > -7 && e.Kind == recovery.Race && (p.raceDay == nil || i > *p.raceDay) {
			p.raceDay, p.raceM = &i, e.A.Summary.DistanceM
		}
		if e.Kind.Demanding() {
			p.demanding[i] = true
		}
		if e.Kind.HardEffort() {
			p.hardDays[i] = true
		}
		if e.Kind == recovery.Long {
			p.longOn[i] = true
		}
		if e.Kind == recovery.Cross && !at.Before(from) {
			p.cross = true
		}
		if !e.A.Sport.IsRun() || at.Before(from) || !at.Before(start) {
			continue
		}
		m := e.A.Summary.DistanceM
		p.weekM[(-i-1)/7] += m
		h := at.Sub(dayStart(at)).Hours()
		starts[startKey{e.Kind, anyDay}] = append(starts[startKey{e.Kind, anyDay}], h)
		starts[startKey{e.Kind, at.Weekday()}] = append(starts[startKey{e.Kind, at.Weekday()}], h)
		p.runDays[at.Weekday()]++
		runs++
		switch {
		case e.Kind == recovery.Easy:
			easy = append(easy, m)
		case e.Kind == recovery.Long:
			if b := (-i - 1) / 7; m > weekLongM[b] {
				weekLongM[b], weekLongWD[b] = m, at.Weekday()
			}
		case e.Kind == recovery.Hard:
			hard = append(hard, m)
			hardDays[at.Weekday()]++
			hardN++
		}
		if e.Kind != recovery.Long && e.Kind != recovery.Race {
			other = append(other, m)
		}
		if e.Kind != recovery.Race && (p.LongestM == nil || m > *p.LongestM) {
			p.LongestM = &m
		}
	}
	for b := len(weekLongM) - 1; b >= 0; b-- { // oldest first
		if weekLongM[b] > 0 {
			long = append(long, weekLongM[b])
			longDays[weekLongWD[b]]++
		}
	}
	p.hours = map[startKey]time.Duration{}
	for k, hs := range starts {
		p.hours[k] = time.Duration(median(hs) * float64(time.Hour))
	}
	if runs > 0 {
		p.Weeks = min(4, (max(1, -dayIndex(start, first))-1)/7+1) // the 7-day blocks since the first run
	}
	if runs == 0 || -dayIndex(start, first) < PatternMinDays {
		p.Assumed = true
		if runs > 0 {
			p.shortDays = -dayIndex(start, first)
		}
		runs, weeklyM, long, _ := assumedWeek(s.H.Profile, p.shortDays)
		p.RunsPerWeek, p.EasyM, p.longRuns = runs, weeklyM/float64(runs), long
		p.LongDay, p.LongDayAssumed = time.Sunday.String(), true
		p.longWD = time.Sunday
		return p
	}
	p.longRuns = true
	p.RunsPerWeek = max(1, int(math.Round(float64(runs)/float64(p.Weeks))))
	p.HardPerWeek = min(MaxHardPerWeek, int(math.Round(float64(hardN)/float64(p.Weeks))))
	switch {
	case len(easy) > 0:
		p.EasyM = median(easy)
	case len(other) > 0:
		p.EasyM = median(other)
	default:
		p.EasyM = median(long) / LongOverEasy
	}
	if len(hard) > 0 {
		h := median(hard)
		p.HardM = &h
	}
	if len(long) > 0 {
		l := median(long)
		p.LongM, p.lastLongM = &l, long[len(long)-1]
	}
	// The long-run day: the weekday of most long runs (Sunday, then
	// Saturday, on a tie); without long runs it is assumed, on the
	// weekend day the runner runs (Sunday when both or neither).
	p.longWD, p.LongDayAssumed = time.Sunday, len(longDays) == 0
	days := longDays
	if p.LongDayAssumed {
		days = map[time.Weekday]int{time.Sunday: p.runDays[time.Sunday], time.Saturday: p.runDays[time.Saturday]}
	}
	best := 0
	for _, wd := range []time.Weekday{time.Sunday, time.Saturday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
		if days[wd] > best {
			p.longWD, best = wd, days[wd]
		}
	}
	p.LongDay = p.longWD.String()
	for wd := range hardDays {
		p.hardWDs = append(p.hardWDs, wd)
	}
	sort.Slice(p.hardWDs, func(i, j int) bool {
		a, b := p.hardWDs[i], p.hardWDs[j]
		return hardDays[a] > hardDays[b] || (hardDays[a] == hardDays[b] && a < b)
	})
	p.hardWDs = p.hardWDs[:min(len(p.hardWDs), p.HardPerWeek)] // as many days as sessions
	for _, wd := range p.hardWDs {
		p.HardDays = append(p.HardDays, wd.String())
	}
	return p
}

// DefaultRunHour is the time of day assumed for a kind of run the runner
// has not run in the last four weeks.
const DefaultRunHour = 12

// startKey keys the usual start times: a kind of run on a weekday, or on
// anyDay.
type startKey struct {
	kind recovery.Kind
	day  time.Weekday
}

// anyDay is the weekday of startKey for a kind's runs on every day.
const anyDay = time.Weekday(-1)

// timeOfDay is when the runner usually starts a run of kind k on weekday
// wd: the median start of the last four weeks' runs of that kind on that
// weekday, else on any day, else DefaultRunHour.
func (p Pattern) timeOfDay(k recovery.Kind, wd time.Weekday) time.Duration {
	if h, ok := p.hours[startKey{k, wd}]; ok {
		return h
	}
	if h, ok := p.hours[startKey{k, anyDay}]; ok {
		return h
	}
	return DefaultRunHour * time.Hour
}

// median returns the median of xs (not empty).
func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
