package coach

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// DayPlan is one day of the suggested week.
type DayPlan struct {
	Date      string   `json:"date"`
	Weekday   string   `json:"weekday"`
	Type      string   `json:"type"` // rest, easy, hard, long, cross-training
	DistanceM float64  `json:"distance_m"`
	Strength  bool     `json:"strength"`
	Reasons   []string `json:"reasons"`
}

// WeekPlan is the suggested next 7 days.
type WeekPlan struct {
	From          string    `json:"from"`
	Days          []DayPlan `json:"days"`
	TargetM       float64   `json:"target_distance_m"`
	LastWeekM     float64   `json:"last_week_distance_m"`
	TenPercentCap float64   `json:"ten_percent_cap_m"`
	Notes         []string  `json:"notes"`
	Disclaimer    string    `json:"disclaimer"`
}

// Week planning constants.
const (
	// LongShare and HardShare are the shares of the week's distance given
	// to the long run and to each hard session (a common 25-30 % cap on
	// the long run in coaching practice; Rebound's choice).
	LongShare = 0.28
	HardShare = 0.15
	// StrengthPerWeek: seed 002 says 2-3 times a week in its body and 1-2
	// in its FAQ; the protocol's default is 2.
	StrengthPerWeek = 2
	// MinEasyM is the shortest easy run worth planning (seed 002: easy
	// runs are 3-5 miles).
	MinEasyM = 3 * 1609.344
)

// Week suggests the next 7 days from s.Now: where rest, easy, hard, long,
// cross-training and strength go. It keeps the recovery forecasts (no
// hard day before the legs are ready, rest after a long run) and the 10 %
// rule (the week's distance at most 10 % over the last 7 days').
func (s *State) Week() *WeekPlan {
	now := s.Now
	y, m, d := now.Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	wp := &WeekPlan{From: start.Format("2006-01-02"), Notes: []string{}, Disclaimer: Disclaimer}
	habits := s.habits()
	last7 := 0.0
	for _, e := range s.Entries {
		if e.A.Sport.IsRun() && now.Sub(e.A.Start) <= 7*24*time.Hour {
			last7 += e.A.Summary.DistanceM
		}
	}
	wp.LastWeekM = last7
	wp.TenPercentCap = last7 * (1 + load.WeeklyIncreaseLimit)
	target := math.Max(habits.weeklyM, last7)
	if last7 > 0 && target > wp.TenPercentCap {
		target = wp.TenPercentCap
		wp.Notes = append(wp.Notes, fmt.Sprintf("Distance capped at %.1f km, 10%% over the last 7 days (seed 003). %s",
			wp.TenPercentCap/1000, protocol.TenPercentRuleCaveat))
	}
	if target == 0 {
		target = 4 * MinEasyM
		wp.Notes = append(wp.Notes, "No recent running: a gentle week of easy runs to start.")
	}
	wp.TargetM = target

	// When are the legs ready again?
	today := s.Today()
	readyAt, easyAt := start, start
	if today.ReadyAt != nil {
		readyAt = *today.ReadyAt
	}
	if today.EasyAt != nil {
		easyAt = *today.EasyAt
	}
	days := make([]DayPlan, 7)
	lastHardOrLong := s.lastHardOrLong()
	runsLeft := habits.runs
	hardLeft := habits.hard
	for i := range days {
		day := start.AddDate(0, 0, i)
		days[i] = DayPlan{Date: day.Format("2006-01-02"), Weekday: day.Weekday().String(), Type: "rest", Reasons: []string{}}
	}
	noon := func(i int) time.Time { return start.AddDate(0, 0, i).Add(12 * time.Hour) }
	// 1. The long run on its usual weekday, if the legs allow.
	longDay := -1
	for i := range days {
		if start.AddDate(0, 0, i).Weekday() == habits.longDay && !noon(i).Before(readyAt) && noon(i).Sub(lastHardOrLong) >= 48*time.Hour {
			longDay = i
			break
		}
	}
	if longDay < 0 {
		for i := 6; i >= 0; i-- {
			if !noon(i).Before(readyAt) && noon(i).Sub(lastHardOrLong) >= 48*time.Hour {
				longDay = i
				break
			}
		}
	}
	taken := func(i int) bool { return i < 0 || i > 6 || days[i].Type != "rest" }
	if longDay >= 0 && runsLeft > 0 {
		days[longDay].Type = "long"
		days[longDay].Reasons = append(days[longDay].Reasons, fmt.Sprintf("your usual long-run day is %s", habits.longDay))
		runsLeft--
		// 1-2 rest days after it (seed 004), more for older runners.
		rest := protocol.RestDaysAfterLongMin
		if s.H.Profile.Age >= recovery.OlderRunnerAge {
			rest++
		}
		for k := 1; k <= rest && longDay+k < 7; k++ {
			days[longDay+k].Type = "rest-after-long"
		}
	}
	// 2. Hard sessions on hard-eligible days, 48 h from any other hard or
	// long day, never the day before the long run.
	hardDays := []int{}
	for _, wd := range habits.hardDays {
		for i := range days {
			if hardLeft == 0 || runsLeft == 0 {
				break
			}
			if start.AddDate(0, 0, i).Weekday() != wd || taken(i) || noon(i).Before(readyAt) || noon(i).Sub(lastHardOrLong) < 48*time.Hour {
				continue
			}
			if (longDay >= 0 && absInt(longDay-i) < 2) || near(hardDays, i) {
				continue
			}
			days[i].Type = "hard"
			days[i].Reasons = append(days[i].Reasons, fmt.Sprintf("you usually train hard on %s and your legs are ready by then", wd))
			hardDays = append(hardDays, i)
			hardLeft--
			runsLeft--
		}
	}
	// 3. Easy runs on the remaining days, from when easy running is fine,
	// not the day after a hard day if runs can go elsewhere.
	order := make([]int, 0, 7)
	for i := range days {
		order = append(order, i)
	}
	sort.SliceStable(order, func(a, b int) bool { return afterHard(days, order[a]) < afterHard(days, order[b]) })
	for _, i := range order {
		if runsLeft == 0 {
			break
		}
		if taken(i) || noon(i).Before(easyAt) {
			continue
		}
		days[i].Type = "easy"
		days[i].Reasons = append(days[i].Reasons, "an easy run keeps the week's volume")
		runsLeft--
	}
	for i := range days {
		if days[i].Type == "rest-after-long" {
			days[i].Type = "rest"
			days[i].Reasons = append(days[i].Reasons, "rest after the long run (seed 004: 1-2 days)")
		}
	}
	// 4. Cross-training on one rest day, when the runner has the gear or
	// does it already.
	if habits.cross || hasAny(s.H.Profile.Equipment, protocol.EquipBike, protocol.EquipPool, protocol.EquipElliptical) {
		for i := range days {
			if days[i].Type == "rest" && i > 0 && days[i-1].Type != "long" && (i < 1 || days[i-1].Type != "rest" || i == 6) {
				days[i].Type = "cross-training"
				days[i].Reasons = append(days[i].Reasons, "low-impact cross-training builds fitness without running's pounding (seeds 000, 001)")
				break
			}
		}
	}
	// 5. Distances: the long run and hard days take their shares, easy
	// runs split the rest.
	easyN := 0
	for _, dp := range days {
		if dp.Type == "easy" {
			easyN++
		}
	}
	remaining := target
	for i := range days {
		switch days[i].Type {
		case "long":
			days[i].DistanceM = math.Min(target*LongShare, habits.longM*1.1)
			if habits.longM == 0 {
				days[i].DistanceM = target * LongShare
			}
		case "hard":
			days[i].DistanceM = target * HardShare
		}
		remaining -= days[i].DistanceM
	}
	for i := range days {
		if days[i].Type == "easy" {
			days[i].DistanceM = math.Max(MinEasyM, remaining/float64(easyN))
		}
		days[i].DistanceM = math.Round(days[i].DistanceM/100) * 100
	}
	// 6. Strength twice, on easy or rest days, never the day after a hard
	// session or long run, nor right after one (seed 002).
	strength := 0
	for i := range days {
		if strength == StrengthPerWeek {
			break
		}
		if (days[i].Type == "easy" || days[i].Type == "rest") && !(i > 0 && (days[i-1].Type == "hard" || days[i-1].Type == "long")) &&
			!(i > 0 && days[i-1].Strength) && !noon(i).Before(easyAt) {
			days[i].Strength = true
			days[i].Reasons = append(days[i].Reasons, "strength on an easy or rest day, not after a hard or long run (seed 002)")
			strength++
		}
	}
	wp.Days = days
	return wp
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func near(ds []int, i int) bool {
	for _, d := range ds {
		if absInt(d-i) < 2 {
			return true
		}
	}
	return false
}

func afterHard(days []DayPlan, i int) int {
	if i > 0 && (days[i-1].Type == "hard" || days[i-1].Type == "long") {
		return 1
	}
	return 0
}

func hasAny(xs []string, want ...string) bool {
	for _, x := range xs {
		for _, w := range want {
			if x == w {
				return true
			}
		}
	}
	return false
}

// habit is what the last four weeks say of how the runner trains.
type habit struct {
	runs, hard int
	weeklyM    float64
	longM      float64
	longDay    time.Weekday
	hardDays   []time.Weekday
	cross      bool
}

// habits reads the runner's last 28 days: runs a week, hard sessions a
// week, their usual days, the long run's day and length.
func (s *State) habits() habit {
	h := habit{longDay: time.Sunday}
	var runs, hard int
	longDays := map[time.Weekday]int{}
	hardDays := map[time.Weekday]int{}
	total := 0.0
	for _, e := range s.Entries {
		if s.Now.Sub(e.A.Start) > 28*24*time.Hour {
			continue
		}
		wd := e.A.Start.In(s.Now.Location()).Weekday()
		switch {
		case e.Kind == recovery.Cross:
			h.cross = true
			continue
		case !e.A.Sport.IsRun():
			continue
		}
		runs++
		total += e.A.Summary.DistanceM
		switch e.Kind {
		case recovery.Long:
			longDays[wd]++
			h.longM = math.Max(h.longM, e.A.Summary.DistanceM)
		case recovery.Hard:
			hard++
			hardDays[wd]++
		}
	}
	h.runs = int(math.Round(float64(runs) / 4))
	h.hard = int(math.Round(float64(hard) / 4))
	if h.runs == 0 {
		h.runs = 3
	}
	h.hard = min(h.hard, 2)
	h.weeklyM = total / 4
	best := 0
	for wd, n := range longDays {
		if n > best || (n == best && wd == time.Sunday) {
			h.longDay, best = wd, n
		}
	}
	type kv struct {
		wd time.Weekday
		n  int
	}
	var hs []kv
	for wd, n := range hardDays {
		hs = append(hs, kv{wd, n})
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].n > hs[j].n || (hs[i].n == hs[j].n && hs[i].wd < hs[j].wd) })
	for _, x := range hs {
		h.hardDays = append(h.hardDays, x.wd)
	}
	if len(h.hardDays) == 0 {
		h.hardDays = []time.Weekday{time.Tuesday, time.Thursday}
	}
	return h
}

// lastHardOrLong returns the end of the latest hard or long run.
func (s *State) lastHardOrLong() time.Time {
	for i := len(s.Entries) - 1; i >= 0; i-- {
		if k := s.Entries[i].Kind; k == recovery.Hard || k == recovery.Long {
			return s.Entries[i].Run.End
		}
	}
	return time.Time{}
}
