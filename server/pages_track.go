package server

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/web"
)

// sorenessPage is the data of the soreness forecast (page-soreness).
type sorenessPage struct {
	EasyBelow, HardBelow float64 // the soreness limits for easy and hard running
	LimitsSource         string  // where the limits come from, as people read it
	Now                  []coach.SorenessNow
	Charts               []web.Chart
	Table                web.Table
	CheckIns             web.Table
	Params               string
	Empty                *web.Empty
	// Call is today's one decision, as Today shows it: the soreness
	// forecast is one of its inputs, not a separate verdict.
	Call string
}

// minTimedPeak is the smallest forecast peak whose time is shown: below
// half a point, the resolution of a rating on the check-in form, there is
// no soreness a runner could notice peaking.
const minTimedPeak = 0.5

// Forecast window of the soreness page: a little of the past (where the
// check-ins are), the next seven days, one point every forecastStepH.
const (
	forecastPastH = 72
	forecastStepH = 2
)

// pageSoreness is the hourly soreness forecast per muscle group for the
// next 7 days, with the check-in ratings beside it.
func (s *Server) pageSoreness(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, false)
	if !ok {
		return
	}
	st := v.st
	today := st.Today()
	p := sorenessPage{EasyBelow: recovery.EasySorenessLimit, HardBelow: recovery.HardSorenessLimit, Now: today.SorenessNow,
		Call:         v.call(today),
		LimitsSource: "running easy on mild soreness is fine, " + protocol.Short(protocol.Seed001) + "; the limits are Rebound’s"}
	par := st.Params()
	p.Params = fmt.Sprintf("Your model: soreness gain %.2f× (population 1.00×), peak %s (population %.0f h), fitted to %s.",
		par.Gain, present.PeakWords(st), recovery.DefaultPeakH, plural(st.Fitted.Observations, "rating", "ratings"))
	if len(st.Entries) == 0 {
		p.Empty = v.emptyRuns("The forecast follows your runs: upload some and it shows how sore each muscle group will be over the next week.")
	}
	now := st.Now
	from := now.Add(-forecastPastH * time.Hour).Truncate(time.Hour)
	var xs []int64
	var fc []recovery.MuscleLoad
	// Today's forecast (coach.State.SorenessForecast): a muscle rated this
	// morning goes on from its rating, as today's "tomorrow" does.
	fore := st.SorenessForecast()
	for t := from; !t.After(now.Add(recovery.ForecastHorizonH * time.Hour)); t = t.Add(forecastStepH * time.Hour) {
		xs = append(xs, t.Unix())
		fc = append(fc, fore(t))
	}
	// Check-ins in the window, by muscle.
	dots := map[recovery.Muscle][][2]float64{}
	for _, c := range st.H.CheckIns {
		y, m, d := c.Date.Date()
		at := time.Date(y, m, d, coach.CheckInHour, 0, 0, 0, v.loc)
		if at.Before(from) || at.After(now) {
			continue
		}
		for mu, val := range c.Soreness {
			dots[mu] = append(dots[mu], [2]float64{float64(at.Unix()), val})
		}
	}
	guides := []map[string]any{{"value": recovery.EasySorenessLimit, "label": "easy"}, {"value": recovery.HardSorenessLimit, "label": "hard"}}
	p.Table = web.Table{Head: []string{"Muscle group", "Now", "Peak", "Peak at", "Under the easy limit from"},
		Numeric: []bool{false, true, true, false, false}}
	nowIdx := sort.Search(len(xs), func(i int) bool { return xs[i] >= now.Unix() })
	order := make([]int, len(recovery.Muscles))
	for i := range order {
		order[i] = i
	}
	// The sorest muscle groups first.
	nowOf := map[recovery.Muscle]float64{}
	for _, sn := range today.SorenessNow {
		nowOf[sn.Muscle] = sn.Value
	}
	// Each muscle group's peak from now on (now included: a peak is never
	// under now), and the index of its point (-1: now).
	foreNow := fore(now)
	peaks, peakIdx := make([]float64, len(recovery.Muscles)), make([]int, len(recovery.Muscles))
	for k := range peaks {
		peaks[k], peakIdx[k] = foreNow[k], -1
		for i := nowIdx; i < len(fc); i++ {
			if fc[i][k] > peaks[k] {
				peaks[k], peakIdx[k] = fc[i][k], i
			}
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		return math.Max(peaks[order[a]], nowOf[recovery.Muscles[order[a]]]) > math.Max(peaks[order[b]], nowOf[recovery.Muscles[order[b]]])
	})
	for _, k := range order {
		mu := recovery.Muscles[k]
		vals := make([]*float64, len(fc))
		for i := range fc {
			vals[i] = val(fc[i][k])
		}
		name := web.Label(string(mu))
		p.Charts = append(p.Charts, web.Chart{ID: "sore-" + string(mu), Kind: web.ChartForecast, Title: name, Size: "sm",
			Data: map[string]any{"x": xs, "now": now.Unix(), "max": 10, "guides": guides,
				"series": []chartSeries{{Label: name, Values: vals, Checkins: dots[mu]}}}})
		peak, at := peaks[k], peakIdx[k]
		peakAt, easy := "–", "already"
		switch {
		case peak < minTimedPeak:
		case at < 0:
			peakAt = "now"
		default:
			peakAt = coach.Moment(time.Unix(xs[at], 0), now)
		}
		cur := nowOf[mu]
		if cur >= recovery.EasySorenessLimit || peak >= recovery.EasySorenessLimit {
			easy = "after the week"
			for i := max(nowIdx, at); i < len(fc); i++ {
				if fc[i][k] < recovery.EasySorenessLimit {
					easy = coach.Moment(time.Unix(xs[i], 0), now)
					break
				}
			}
		}
		p.Table.Rows = append(p.Table.Rows, []string{name, fmt.Sprintf("%.1f", cur), fmt.Sprintf("%.1f", peak), peakAt, easy})
	}
	// The latest check-ins, newest first.
	p.CheckIns = web.Table{Numeric: []bool{false, true, true, true, true, true, true, true}}
	p.CheckIns.Head = []string{"Day"}
	for _, mu := range recovery.Muscles {
		p.CheckIns.Head = append(p.CheckIns.Head, web.Label(string(mu)))
	}
	cs := st.H.CheckIns
	for i := len(cs) - 1; i >= 0 && len(p.CheckIns.Rows) < 7; i-- {
		if cs[i].Date.After(now) || len(cs[i].Soreness) == 0 {
			continue
		}
		row := []string{v.day(cs[i].Date)}
		for _, mu := range recovery.Muscles {
			if x, ok := cs[i].Soreness[mu]; ok {
				row = append(row, fmt.Sprintf("%g", x))
			} else {
				row = append(row, "–")
			}
		}
		p.CheckIns.Rows = append(p.CheckIns.Rows, row)
	}
	page := pageFor(r, v.Target, web.NavSoreness, "Soreness forecast", p)
	page.Subtitle = "How sore each muscle group will be over the next seven days, hour by hour"
	if v.Own {
		page.Actions = []web.Link{{Label: "Rate today’s soreness", Href: "/checkin", Primary: !today.CheckedIn}}
	}
	s.render(w, r, http.StatusOK, "page-soreness", page)
}

// loadPage is the data of the training-load page (page-load).
type loadPage struct {
	Tiles  []web.Tile
	Charts []web.Chart
	Weeks  web.Table
	Notes  []string
	Empty  *web.Empty
}

// loadWeeks is how many weeks the load page shows.
const loadWeeks = 12

// pageLoad is fitness, fatigue and form over time, the acute:chronic
// band and weekly distance against the 10% rule.
func (s *Server) pageLoad(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, false)
	if !ok {
		return
	}
	l := present.NewLoad(v.st, loadWeeks)
	p := loadPage{Notes: []string{l.ACWRNote, l.TenPercent}}
	f := func(n present.Num, d int) string {
		if !n.Valid() {
			return "–"
		}
		return fmt.Sprintf("%.*f", d, float64(n))
	}
	// Form in words, as readiness judges it (form against fitness).
	formNote := "not enough history yet"
	for _, fa := range v.st.Today().Factors {
		if fa.ID == "form" {
			switch fa.Status {
			case "good":
				formNote = "fresh"
			case "fair":
				formNote = "slightly tired"
			case "poor":
				formNote = "carrying fatigue"
			}
		}
	}
	acwrNote := present.ACWRWords(float64(l.ACWR))
	p.Tiles = []web.Tile{
		{Label: "Fitness", Value: f(l.Fitness, 0), Note: "42-day load (CTL)"},
		{Label: "Fatigue", Value: f(l.Fatigue, 0), Note: "7-day load (ATL)"},
		{Label: "Form", Value: f(l.Form, 0), Note: formNote},
		{Label: "Acute:chronic", Value: f(l.ACWR, 2), Note: acwrNote},
		{Label: "Monotony", Value: f(l.Monotony, 1), Note: "Foster, last 7 days"},
		{Label: "Strain", Value: f(l.Strain, 0), Note: "weekly load × monotony"},
	}
	if len(l.Days) == 0 {
		p.Empty = v.emptyRuns("Load builds from your sessions' heart rate (or effort, or pace): upload some runs to see fitness, fatigue and form.")
	} else {
		var xs []int64
		var fit, fat, form, acwr []*float64
		for _, d := range l.Days {
			t, err := time.ParseInLocation("2006-01-02", d.Date, v.loc)
			if err != nil {
				continue
			}
			xs = append(xs, t.Unix())
			fit, fat, form, acwr = append(fit, val(float64(d.Fitness))), append(fat, val(float64(d.Fatigue))),
				append(form, val(float64(d.Form))), append(acwr, val(float64(d.ACWR)))
		}
		p.Charts = append(p.Charts,
			web.Chart{ID: "load-ffm", Kind: web.ChartTime, Title: "Fitness, fatigue and form",
				Note: "Banister TRIMP per day: fitness is the 42-day average, fatigue the 7-day one; form is yesterday's fitness minus fatigue.",
				Data: map[string]any{"x": xs, "zero": true, "series": []chartSeries{
					{Label: "Fitness", Values: fit}, {Label: "Fatigue", Values: fat, Dash: true}, {Label: "Form", Values: form, Area: true}}}},
			web.Chart{ID: "load-acwr", Kind: web.ChartTime, Title: "Acute:chronic load ratio", Size: "sm", Note: l.ACWRNote,
				Data: map[string]any{"x": xs, "band": map[string]any{"from": load.ACWRLow, "to": load.ACWRHigh,
					"label": fmt.Sprintf("%g–%g", load.ACWRLow, load.ACWRHigh)},
					"series": []chartSeries{{Label: "ACWR", Format: "dec2", Values: acwr}}}})
	}
	if len(l.Weeks) > 0 {
		u := v.units
		per, unit := 1000.0, "km"
		if u.Imperial() {
			per, unit = present.MetresPerMile, "mi"
		}
		var labels []string
		var dist, guide []*float64
		var over []bool
		p.Weeks = web.Table{Head: []string{"Week of", "Distance", "Runs", "Load", "Change"},
			Numeric: []bool{false, true, true, true, true}}
		for _, wk := range l.Weeks {
			start, _ := time.ParseInLocation("2006-01-02", wk.Start, v.loc)
			lab := start.Format("2 Jan")
			if wk.SoFar {
				lab += " (so far)"
			}
			labels = append(labels, lab)
			dist = append(dist, val(float64(wk.DistanceM)/per))
			var g *float64
			if wk.CapM.Valid() {
				g = val(float64(wk.CapM) / per)
			}
			guide = append(guide, g)
			over = append(over, wk.OverLimit)
			change := "–"
			if wk.SoFar {
				change = "so far"
			} else if wk.Change.Valid() {
				change = fmt.Sprintf("%+.0f %%", float64(wk.Change)*100)
				if wk.OverLimit {
					change += " ▲"
				}
			}
			p.Weeks.Rows = append([][]string{{lab, u.Distance(float64(wk.DistanceM)), fmt.Sprint(wk.Runs), f(wk.Load, 0), change}}, p.Weeks.Rows...)
		}
		p.Charts = append(p.Charts, web.Chart{ID: "load-weeks", Kind: web.ChartBars, Title: "Weekly running distance",
			Note: "The dashes are 10 % above the average of the four weeks before, the cap the week's plan keeps to; weeks over it are marked.",
			Data: map[string]any{"labels": labels, "over": over,
				"series": []chartSeries{{Label: "Distance", Unit: unit, Format: "dec1", Values: dist}},
				"guide":  chartSeries{Label: "10 % over the 4-week average", Unit: unit, Format: "dec1", Values: guide}}})
	}
	var srcs []string
	for _, k := range []string{"hr", "rpe", "pace", "duration"} {
		if n := l.LoadSources[k]; n > 0 {
			srcs = append(srcs, fmt.Sprintf("%d from %s", n, map[string]string{"hr": "heart rate", "rpe": "effort ratings",
				"pace": "pace (no heart rate)", "duration": "duration only"}[k]))
		}
	}
	if len(srcs) > 0 {
		p.Notes = append(p.Notes, "Session loads: "+words(srcs)+". "+l.LoadUnit+".")
	}
	page := pageFor(r, v.Target, web.NavLoad, "Training load", p)
	page.Subtitle = fmt.Sprintf("The last %d weeks", loadWeeks)
	s.render(w, r, http.StatusOK, "page-load", page)
}

// weekPage is the data of the week page (page-week).
type weekPage struct {
	Own      bool
	Week     *coach.WeekPlan
	Days     []web.Day
	Facts    []web.KV
	Calendar calendarView
}

// calendarView is the iCalendar subscription part of the week page.
type calendarView struct {
	Action string
	CSRF   string
	URL    string // a new feed's address, shown once
	Feeds  []feedRow
}

// feedRow is one existing calendar feed.
type feedRow struct {
	Name, Created, Delete string
}

// pageWeek is the suggested next seven days and the calendar feed.
func (s *Server) pageWeek(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, false)
	if !ok {
		return
	}
	s.renderWeek(w, r, v, "")
}

func (s *Server) renderWeek(w http.ResponseWriter, r *http.Request, v *view, newURL string) {
	wp := v.st.Week()
	p := weekPage{Own: v.Own, Week: wp}
	u := v.units
	for i, d := range wp.Days {
		// The template shows the date short; <time datetime> keeps it whole.
		day := web.Day{Date: d.Date, Weekday: d.Weekday, Type: d.Type, Strength: d.Strength, Reasons: d.Reasons, Today: i == 0}
		if d.DistanceM > 0 {
			day.Distance = u.Distance(d.DistanceM) // the week's own step: as the CLI and the calendar show it
		}
		p.Days = append(p.Days, day)
	}
	p.Facts = []web.KV{
		{Label: "Planned running", Value: u.Distance(wp.TargetM)},
		{Label: "Last 7 days", Value: u.Distance(wp.LastWeekM)},
	}
	if wp.FourWeekAverageM != nil {
		p.Facts = append(p.Facts, web.KV{Label: "4-week average", Value: u.Distance(*wp.FourWeekAverageM), Note: "a week"},
			web.KV{Label: present.TenPercentRule, Value: u.Distance(*wp.TenPercentCap), Note: "at most"})
	}
	if v.Own {
		p.Calendar = calendarView{Action: "/week/calendar", CSRF: CSRFToken(r), URL: newURL}
		toks, err := s.cfg.DB.FindTokens(r.Context(), v.AthleteID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, t := range toks {
			if t.Scope == account.ScopeCalendar {
				p.Calendar.Feeds = append(p.Calendar.Feeds, feedRow{Name: t.Name, Created: v.day(t.CreatedAt),
					Delete: "/week/calendar/" + itoa(t.ID) + "/delete"})
			}
		}
	}
	page := pageFor(r, v.Target, web.NavWeek, "The next seven days", p)
	page.Subtitle = "Where rest, easy, hard and long days fit, keeping your recovery and the " + present.TenPercentRule
	s.render(w, r, http.StatusOK, "page-week", page)
}

// modelPage is the data of the model page (page-model).
type modelPage struct {
	Model  present.ModelJSON
	Course web.Chart
	Facts  []web.KV
	Params web.Table
	Empty  *web.Empty
}

// pageModel is what Rebound has learned about how the runner recovers.
func (s *Server) pageModel(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, false)
	if !ok {
		return
	}
	m := present.NewModel(v.st)
	p := modelPage{Model: m}
	p.Params = web.Table{Head: []string{"Parameter", "Yours", "Population", "What it means"},
		Numeric: []bool{false, true, true, false}}
	gainWord := "as sore as most runners"
	switch {
	case m.Personal.Gain > 1.1:
		gainWord = fmt.Sprintf("%.0f %% sorer than most runners after the same run", (m.Personal.Gain-1)*100)
	case m.Personal.Gain < 0.9:
		gainWord = fmt.Sprintf("%.0f %% less sore than most runners after the same run", (1-m.Personal.Gain)*100)
	}
	p.Params.Rows = [][]string{
		{"Soreness gain", fmt.Sprintf("%.2f ×", m.Personal.Gain), fmt.Sprintf("%.2f ×", m.Population.Gain), gainWord},
		{"Peak soreness", fmt.Sprintf("%.0f h", m.PeakHours), fmt.Sprintf("%.0f h", m.Population.PeakH), "hours from the end of a run to the sorest point: " + present.PeakWords(v.st)},
	}
	// The soreness time course after one run, theirs against most runners'.
	const ref = 5.0
	var xs []float64
	var you, pop []*float64
	for h := 0; h <= 168; h += 2 {
		xs = append(xs, float64(h))
		pop = append(pop, val(ref*recovery.Shape(float64(h), m.Population.PeakH)))
		you = append(you, val(math.Min(10, ref*m.Personal.Gain*recovery.Shape(float64(h), m.PeakHours))))
	}
	p.Course = web.Chart{ID: "model-course", Kind: web.ChartLines, Title: "Soreness after a run that makes most runners 5/10 sore",
		Note: "Your time course, as the plans forecast it (with the gentle adjustments for age and sleep), against the population model's.",
		Data: map[string]any{"x": xs, "xLabel": "After the run", "xUnit": "h", "series": []chartSeries{
			{Label: "You", Unit: "/10", Format: "dec1", Values: you}, {Label: "Most runners", Unit: "/10", Format: "dec1", Dash: true, Values: pop}}}}
	p.Facts = []web.KV{
		{Label: "Check-ins", Value: fmt.Sprint(m.CheckIns), Note: plural(m.Observations, "soreness rating", "soreness ratings") + " fitted"},
	}
	f := func(n present.Num) string {
		if !n.Valid() {
			return "–"
		}
		return fmt.Sprintf("%.2f points", float64(n))
	}
	errNote := "on your newest 25 % of ratings"
	if m.MAEPopulation.Valid() && m.MAEPersonal.Valid() && float64(m.MAEPopulation) > 0 {
		errNote = fmt.Sprintf("%+.0f %% against the population model, %s", (float64(m.MAEPersonal)/float64(m.MAEPopulation)-1)*100, errNote)
	}
	p.Facts = append(p.Facts,
		web.KV{Label: "Forecast error, population model", Value: f(m.MAEPopulation), Note: "mean absolute error on a 0-10 scale"},
		web.KV{Label: "Forecast error, personalised", Value: f(m.MAEPersonal), Note: errNote})
	if m.CheckIns == 0 {
		e := &web.Empty{Title: "Nothing learned yet", Text: "Rebound learns how sore you get, and when, from your morning check-ins. Until then it uses the population model."}
		if v.Own {
			e.Action = web.Link{Label: "Check in now", Href: "/checkin", Primary: true}
		}
		p.Empty = e
	}
	page := pageFor(r, v.Target, web.NavModel, "What Rebound has learned", p)
	page.Subtitle = "Your soreness model, fitted to your check-ins"
	s.render(w, r, http.StatusOK, "page-model", page)
}

// call words today's decision for a page other than Today: its label,
// what decided it, and when easy and hard running are fine again.
func (v *view) call(t *coach.Today) string {
	msg := "Today: " + present.AdviceFor(t.Recommendation).Label
	if len(t.Reasons) > 0 {
		msg += " — " + t.Reasons[0]
	}
	if note := present.ReadyNote(t, v.st.Now); note != "" {
		msg += ". " + note
	}
	return msg + "."
}
