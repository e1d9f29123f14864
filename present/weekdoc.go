package present

import (
	"time"

	"github.com/rebound-run/rebound/coach"
)

// WeekPlanJSON is the JSON of `rebound week --json` and GET /api/v1/week
// (docs/json.md): the suggested 7 days (coach.WeekPlan).
type WeekPlanJSON struct {
	From             string              `json:"from"`
	Days             []DayPlanJSON       `json:"days"`
	TargetM          float64             `json:"target_distance_m"`
	LastWeekM        float64             `json:"last_week_distance_m"`
	FourWeekAverageM *float64            `json:"four_week_average_m"`
	TenPercentCap    *float64            `json:"ten_percent_cap_m"`
	Pattern          PatternJSON         `json:"pattern"`
	Adjustments      []AdjustmentJSON    `json:"adjustments"`
	Assumptions      []string            `json:"assumptions"`
	Notes            []string            `json:"notes"`
	SeeProfessional  SeeProfessionalJSON `json:"see_professional"`
	Disclaimer       string              `json:"disclaimer"`
}

// NewWeekPlanJSON is the JSON document of a week.
func NewWeekPlanJSON(wp *coach.WeekPlan) WeekPlanJSON {
	return WeekPlanJSON{
		From:             wp.From,
		Days:             each(wp.Days, func(d coach.DayPlan) DayPlanJSON { return DayPlanJSON(d) }),
		TargetM:          wp.TargetM,
		LastWeekM:        wp.LastWeekM,
		FourWeekAverageM: wp.FourWeekAverageM,
		TenPercentCap:    wp.TenPercentCap,
		Pattern:          newPatternJSON(wp.Pattern),
		Adjustments:      each(wp.Adjustments, func(a coach.Adjustment) AdjustmentJSON { return AdjustmentJSON(a) }),
		Assumptions:      wp.Assumptions,
		Notes:            wp.Notes,
		SeeProfessional:  NewSeeProfessionalJSON(wp.SeeProfessional),
		Disclaimer:       wp.Disclaimer,
	}
}

// DayPlanJSON is one day of the suggested week (coach.DayPlan).
type DayPlanJSON struct {
	Date      string     `json:"date"`
	Weekday   string     `json:"weekday"`
	Type      string     `json:"type"`
	DistanceM float64    `json:"distance_m"`
	Strength  bool       `json:"strength"`
	Done      bool       `json:"done"`
	NotBefore *time.Time `json:"not_before"`
	Reasons   []string   `json:"reasons"`
}

// AdjustmentJSON is one reason the week is lighter than the runner's
// usual (coach.Adjustment).
type AdjustmentJSON struct {
	ID       string  `json:"id"`
	Fraction float64 `json:"fraction"`
	Reason   string  `json:"reason"`
}

// newPatternJSON is the JSON of a week's pattern (its exported fields:
// coach.Pattern keeps more to itself).
func newPatternJSON(p coach.Pattern) PatternJSON {
	return PatternJSON{Weeks: p.Weeks, RunsPerWeek: p.RunsPerWeek, HardPerWeek: p.HardPerWeek, EasyM: p.EasyM, HardM: p.HardM,
		LongM: p.LongM, LongestM: p.LongestM, LongDay: p.LongDay, LongDayAssumed: p.LongDayAssumed, HardDays: p.HardDays, Assumed: p.Assumed}
}

// PatternJSON is how the runner has trained over the last four weeks,
// which the week follows (coach.Pattern).
type PatternJSON struct {
	Weeks          int      `json:"weeks"`
	RunsPerWeek    int      `json:"runs_per_week"`
	HardPerWeek    int      `json:"hard_per_week"`
	EasyM          float64  `json:"easy_m"`
	HardM          *float64 `json:"hard_m"`
	LongM          *float64 `json:"long_m"`
	LongestM       *float64 `json:"longest_m"`
	LongDay        string   `json:"long_day"`
	LongDayAssumed bool     `json:"long_day_assumed"`
	HardDays       []string `json:"hard_days"`
	Assumed        bool     `json:"assumed"`
}
