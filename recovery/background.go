package recovery

import (
	"fmt"
	"math"

	"github.com/rebound-run/rebound/profile"
)

// Background is what the runner did before the history Rebound holds:
// their typical weekly running distance and years of running. Until the
// history covers HabitDays, the soreness model takes the missing part of
// the repeated-bout window to have been like the background
// (ContributionsWith), so that a runner who imports their first run is
// not treated as someone who never ran.
type Background struct {
	WeeklyKm float64 // typical weekly running distance, km
	Years    float64 // years of running
	// Assumed is set when the runner has not given their background and
	// DefaultBackground stands in for it.
	Assumed bool
}

// The assumed background and how a background protects against soreness.
const (
	// DefaultWeeklyKm and DefaultYears describe the runner Rebound
	// assumes when it is not told: a recreational runner who runs about
	// 25 km a week and has for a few years. Rebound's assumption, not a
	// study's: it sits between the 3-5 mile easy runs of a runner's
	// recovery guide (January 2026) three or four times a week and the
	// 10-mile long runs it also describes.
	DefaultWeeklyKm = 25
	DefaultYears    = 3
	// BackgroundDownhillShare and BackgroundClimbPerKm describe the
	// running of a typical week, for its muscular load: 5 % of the
	// distance on grades steeper than −3 % and 10 m of climbing per km
	// (rolling roads and parks; Rebound's simulated park loop has 3-8 m
	// per km). Rebound's choice.
	BackgroundDownhillShare = 0.05
	BackgroundClimbPerKm    = 10
	// ExperiencePerYear and ExperienceMaxYears: each year of running adds
	// 10 % to the protection a background gives, up to 5 years (+50 %):
	// repeated exposures protect more and longer than one (Nosaka et al.
	// 2001; Bontemps et al. 2020 review: prior exposure protects best).
	// The size is Rebound's choice, graded low.
	ExperiencePerYear  = 0.10
	ExperienceMaxYears = 5
	// HistoryWeeksEnough is how many weeks of runs make the background
	// unnecessary: the HabitDays window of the repeated-bout effect.
	HistoryWeeksEnough = HabitDays / 7
)

// DefaultBackground is the background assumed when the runner has not
// given one.
func DefaultBackground() Background {
	return Background{WeeklyKm: DefaultWeeklyKm, Years: DefaultYears, Assumed: true}
}

// BackgroundOf returns the background the models take from what the
// runner said in the profile: their weekly distance and years, nothing
// for a new runner, and DefaultBackground when they said nothing.
func BackgroundOf(b profile.Background) Background {
	switch {
	case b.NewRunner:
		return Background{}
	case b.Given():
		return Background{WeeklyKm: b.WeeklyKm, Years: b.RunningYears}
	}
	return DefaultBackground()
}

// WeeklyLoad is the weekly muscular load of the background's running: its
// weekly distance of typical running, scaled by Experience.
func (b Background) WeeklyLoad() MuscleLoad {
	r := Run{Sport: "running", DistanceM: b.WeeklyKm * 1000, DownhillM: b.WeeklyKm * 1000 * BackgroundDownhillShare,
		AscentM: b.WeeklyKm * BackgroundClimbPerKm}
	l := r.MuscleLoad()
	f := b.Experience()
	for i := range l {
		l[i] *= f
	}
	return l
}

// Experience is the factor years of running add to the background's
// protection: 1 + ExperiencePerYear per year, up to ExperienceMaxYears.
func (b Background) Experience() float64 {
	return 1 + ExperiencePerYear*math.Max(0, math.Min(b.Years, ExperienceMaxYears))
}

// Describe says what the background is, in words: "a recreational runner
// (about 25 km a week for a few years)" when assumed, else the runner's
// own figures. unit formats a distance in km in the runner's units.
func (b Background) Describe(distance func(km float64) string) string {
	switch {
	case b.Assumed:
		return fmt.Sprintf("a recreational runner (about %s a week, for a few years)", distance(b.WeeklyKm))
	case b.WeeklyKm == 0 && b.Years == 0:
		return "new to running"
	case b.Years > 0:
		return fmt.Sprintf("%s a week, running for %g %s", distance(b.WeeklyKm), b.Years, plural(b.Years, "year", "years"))
	}
	return fmt.Sprintf("%s a week", distance(b.WeeklyKm))
}

func plural(n float64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
