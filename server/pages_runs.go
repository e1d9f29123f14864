package server

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/web"
)

// runChartPoints is how many points the run's charts get: enough for
// any screen's width, few enough to keep the page light.
const runChartPoints = 320

// runsPerPage is the length of a page of the runs list.
const runsPerPage = 25

// runsPage is the data of the runs list (page-runs).
type runsPage struct {
	Rows        []web.RunRow
	Total       int
	Page, Pages int
	Prev, Next  string
	Empty       *web.Empty
}

// pageRuns lists the athlete's activities, newest first.
func (s *Server) pageRuns(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, false)
	if !ok {
		return
	}
	entries := v.st.Entries
	p := runsPage{Total: len(entries), Page: 1}
	p.Pages = max(1, (len(entries)+runsPerPage-1)/runsPerPage)
	if q := r.URL.Query().Get("page"); q != "" {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 {
			s.fail(w, r, rebound.Errorf(rebound.EINVALID, "page must be a number from 1, not %q", q))
			return
		}
		p.Page = min(n, p.Pages)
	}
	from := len(entries) - (p.Page-1)*runsPerPage
	to := max(0, from-runsPerPage)
	for i := from - 1; i >= to; i-- {
		p.Rows = append(p.Rows, v.runRow(entries[i]))
	}
	if p.Page > 1 {
		p.Prev = v.link(fmt.Sprintf("/runs?page=%d", p.Page-1))
	}
	if p.Page < p.Pages {
		p.Next = v.link(fmt.Sprintf("/runs?page=%d", p.Page+1))
	}
	page := pageFor(r, v.Target, web.NavRuns, "Runs", nil)
	if len(entries) == 0 {
		p.Empty = v.emptyRuns("Upload FIT, GPX or TCX files, or a Strava or Garmin Connect export, and every run shows up here with its metrics and recovery plan.")
	} else {
		dist := 0.0
		for _, e := range entries {
			if e.A.Sport.IsRun() {
				dist += e.A.Summary.DistanceM
			}
		}
		page.Subtitle = fmt.Sprintf("%s, %s of running since %s", plural(len(entries), "activity", "activities"),
			v.units.Distance(dist), v.day(entries[0].A.Start))
	}
	page.Data = p
	if v.Own {
		page.Actions = []web.Link{{Label: "Upload", Href: "/upload", Primary: true}}
	}
	s.render(w, r, http.StatusOK, "page-runs", page)
}

// runRow is one line of the runs table.
func (v *view) runRow(e coach.Entry) web.RunRow {
	a, sm := e.A, e.A.Summary
	start := a.Start.In(v.loc)
	dur := sm.MovingS
	if !(dur > 0) {
		dur = sm.ElapsedS
	}
	row := web.RunRow{Href: v.link("/runs/" + itoa(a.ID)), Date: v.day(start), Time: start.Format("15:04"),
		Name: v.title(e), Kind: string(e.Kind), Sport: string(a.Sport), Duration: present.Clock(dur),
		HR: "", Load: fmt.Sprintf("%.0f", e.Session.Load), Pace: "–", Distance: "–"}
	if sm.DistanceM > 0 {
		row.Distance = v.units.Distance(sm.DistanceM)
		row.Pace = v.units.Measure(a.Sport, sm.AvgSpeedMS)
	}
	if present.BPM(sm.AvgHR) != "–" {
		row.HR = present.BPM(sm.AvgHR) + " bpm"
	}
	if e.Session.Source != "hr" {
		row.Load += "*"
	}
	return row
}

// runPage is the data of one run's page (page-run).
type runPage struct {
	Own       bool
	Kind      string
	Note      string    // the runner's note
	Edit      *editForm // nil in a coach's view
	Tiles     []web.Tile
	Zones     []web.Zone
	ZoneNote  string
	Laps      *web.Table
	Charts    []web.Chart
	Route     *web.Route
	Facts     []web.KV
	Notes     []string
	Plan      *planView
	PlanError string
	Weigh     weighForm
	Delete    string // the delete form's action; "" in a coach's view
}

// editForm is the run page's form for what the runner says of a run:
// their name for it, its kind, a note (POST /runs/{id}/edit).
type editForm struct {
	Action           string
	Name, Kind, Note web.Field
}

// weighForm is the "weighed before and after?" form of the fluid advice.
type weighForm struct {
	Action        string
	Before, After web.Field
	Applied       bool
}

// planView is a run's recovery plan as the run page shows it.
type planView struct {
	*coach.Plan
	KindWhy    string
	OnHoldNote string // present.OnHold
	Flag       flagView
	// When is the legs ready (present.LegsReady); Hold instead while the
	// plan is on hold.
	When        []web.KV
	Hold        *holdView
	Soreness    []web.MuscleValue
	EarlierNote string // present.EarlierSorenessNote
	PeakTable   web.Table
	PeakWords   string // present.PeakWords
	Nutrition   []web.Tile
	FluidNote   string
	Items       []itemView
	// Lead are the items to do first (coach.DoThis), under LeadHeading:
	// the top of the page says them before the run's numbers.
	Lead          []itemView
	LeadHeading   string
	LeadReady     string // present.LegsReadyLine
	Skipped       []skippedView
	Disagreements []protocol.Disagreement
}

// pageRun is one run: metrics, zones, laps, charts, route and its recovery plan.
func (s *Server) pageRun(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, false)
	if !ok {
		return
	}
	s.renderCached(w, r, v, "page-run", func() (Page, bool) { return s.drawRun(w, r, v) })
}

// drawRun builds the run page.
func (s *Server) drawRun(w http.ResponseWriter, r *http.Request, v *view) (Page, bool) {
	id, err := runID(r)
	if err != nil {
		s.fail(w, r, err)
		return Page{}, false
	}
	a, err := v.Store.FindActivityByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return Page{}, false
	}
	prof := v.st.H.Profile
	e := v.st.EntryOf(app.CoachActivity(a))
	p := runPage{Own: v.Own, Kind: string(e.Kind), Note: a.Note}
	if v.Own {
		p.Edit = v.editForm(e)
	}
	p.Tiles = v.runTiles(a, v.st)
	p.Zones, p.ZoneNote = runZones(a, prof)
	p.Laps = v.lapTable(a)
	series := present.NewSeries(a, runChartPoints)
	p.Charts = v.runCharts(series, a.Sport)
	p.Route = runRoute(series)
	p.Facts, p.Notes = v.runFacts(a)

	// The recovery plan, with the fluid advice for a weighed runner.
	unit, _, _ := weightUnit(v.units)
	q := r.URL.Query()
	p.Weigh = weighForm{Action: v.link("/runs/" + itoa(id)),
		Before: web.Field{Name: "before", Label: "Weight before", Type: "number", Value: q.Get("before"), Step: "0.1", Unit: unit, Auto: "off"},
		After:  web.Field{Name: "after", Label: "Weight after", Type: "number", Value: q.Get("after"), Step: "0.1", Unit: unit, Auto: "off"}}
	var wc coach.WeightChange
	if q.Get("before") != "" || q.Get("after") != "" {
		b, e1 := v.parseWeight(q.Get("before"))
		aft, e2 := v.parseWeight(q.Get("after"))
		switch {
		case e1 != nil || b <= 0:
			p.Weigh.Before.Error = "Enter your weight in " + unit + "."
		case e2 != nil || aft <= 0:
			p.Weigh.After.Error = "Enter your weight in " + unit + "."
		default:
			wc = coach.WeightChange{BeforeKg: b, AfterKg: aft}
			p.Weigh.Applied = true
		}
	}
	if plan, err := v.st.Plan(id, wc); err == nil {
		p.Plan = v.planView(plan)
	} else {
		p.PlanError = "This activity starts after now, so it has no recovery plan yet."
	}
	if v.Own {
		p.Delete = "/runs/" + itoa(id) + "/delete"
	}
	page := pageFor(r, v.Target, web.NavRuns, v.title(e), p)
	start := a.Start.In(v.loc)
	page.Subtitle = start.Format("Monday 2 January 2006, 15:04") + " · " + web.Label(string(a.Sport))
	if a.Device != "" {
		page.Subtitle += " · " + a.Device
	}
	return page, true
}

// editForm is the form that renames e's activity, sets its kind and its
// note, filled with what the runner has said.
func (v *view) editForm(e coach.Entry) *editForm {
	a := e.A
	f := &editForm{Action: "/runs/" + itoa(a.ID) + "/edit",
		Name: web.Field{Name: "name", Label: "Name", Value: a.UserName, Auto: "off",
			Help: fmt.Sprintf("Up to %d characters. Left empty, it is called “%s”.", store.MaxNameLen,
				present.Title(coach.Entry{A: &coach.Activity{Activity: a.Activity}, Kind: e.Kind, Workout: e.Workout}, v.st.H.Profile))},
		Kind: web.Field{Name: "kind", Label: "Kind", Type: "select",
			Help: "What it was, for its recovery plan and your load. Rebound tells from heart rate, laps, pace and distance unless you say."},
		Note: web.Field{Name: "note", Label: "Note", Type: "textarea", Value: a.Note,
			Help: fmt.Sprintf("For you: how it went, the weather, the shoes. Up to %d characters.", store.MaxNoteLen)}}
	auto := "Let Rebound tell"
	if a.Kind == "" && e.Kind != "" {
		auto += " (" + strings.ToLower(web.Label(string(e.Kind))) + ")"
	}
	f.Kind.Options = []web.Option{{Value: "auto", Label: auto, Checked: a.Kind == ""}}
	for _, k := range recovery.Kinds {
		f.Kind.Options = append(f.Kind.Options, web.Option{Value: string(k), Label: withFirst(k.Noun(), unicode.ToUpper), Checked: a.Kind == k})
	}
	return f
}

// runID is the run id of a page's path, ENOTFOUND when it is none.
func runID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, rebound.Errorf(rebound.ENOTFOUND, "there is no run %q", r.PathValue("id"))
	}
	return id, nil
}

// postEditRun saves what the runner says of a run: fields name, kind
// (a recovery.Kind, or auto) and note, each changed only when sent.
func (s *Server) postEditRun(w http.ResponseWriter, r *http.Request) {
	v, ok := s.openForm(w, r)
	if !ok {
		return
	}
	id, err := runID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var e store.ActivityEdit
	if r.PostForm.Has("name") {
		name := r.PostForm.Get("name")
		e.Name = &name
	}
	if r.PostForm.Has("note") {
		note := r.PostForm.Get("note")
		e.Note = &note
	}
	if r.PostForm.Has("kind") {
		k, err := store.ParseKind(r.PostForm.Get("kind"))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		e.Kind = &k
	}
	if err := v.Store.UpdateActivity(r.Context(), id, e); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, r, "success", "Saved.")
	s.back(w, r, v.Target, "/runs/"+itoa(id))
}

// parseWeight reads a weight in the runner's units as kilograms.
func (v *view) parseWeight(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(s, ",", ".")), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, rebound.Errorf(rebound.EINVALID, "%q is not a number", s)
	}
	if v.units.Imperial() {
		f *= present.KgPerPound
	}
	return f, nil
}

// splitUnit splits "12.34 km" into "12.34" and "km".
func splitUnit(s string) (string, string) {
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

func tile(label, formatted, note string) web.Tile {
	val, unit := splitUnit(formatted)
	if strings.Contains(val, ":") && unit == "" {
		return web.Tile{Label: label, Value: formatted, Note: note}
	}
	return web.Tile{Label: label, Value: val, Unit: unit, Note: note}
}

// runTiles are the run's key metrics, with the device's own totals as notes.
func (v *view) runTiles(a *store.Activity, st *coach.State) []web.Tile {
	u, sm, dev := v.units, a.Summary, a.DeviceTotals
	has := activity.Has
	var ts []web.Tile
	if sm.DistanceM > 0 {
		note := ""
		if dev != nil && has(dev.DistanceM) && dev.DistanceM > 0 {
			note = "device " + u.Distance(dev.DistanceM)
		}
		ts = append(ts, tile("Distance", u.Distance(sm.DistanceM), note))
	}
	moving := web.Tile{Label: "Moving time", Value: present.Clock(sm.MovingS)}
	if has(sm.ElapsedS) && math.Abs(sm.ElapsedS-sm.MovingS) >= 30 {
		moving.Note = "elapsed " + present.Clock(sm.ElapsedS)
	}
	ts = append(ts, moving)
	if measure := present.MeasureOf(a.Sport); measure != "" && sm.AvgSpeedMS > 0 && sm.DistanceM > 0 {
		note := ""
		if sm.GradeAdjustedSpeedMS > 0 && a.Sport.IsRun() {
			note = "grade-adjusted " + u.Pace(sm.GradeAdjustedSpeedMS)
		}
		ts = append(ts, tile("Average "+measure, u.Measure(a.Sport, sm.AvgSpeedMS), note))
	}
	if has(sm.AscentM) {
		note := ""
		if has(sm.DescentM) {
			note = "descent " + u.Elevation(sm.DescentM)
		}
		ts = append(ts, tile("Elevation gain", u.Elevation(sm.AscentM), note))
	}
	if has(sm.AvgHR) && sm.AvgHR > 0 {
		note := ""
		if has(sm.MaxHR) {
			note = "max " + present.BPM(sm.MaxHR)
		}
		ts = append(ts, web.Tile{Label: "Average heart rate", Value: present.BPM(sm.AvgHR), Unit: "bpm", Note: note})
	}
	if i := st.Index(a.ID); i >= 0 {
		e := st.Entries[i]
		note := map[string]string{"hr": "Banister TRIMP from heart rate", "rpe": "from your effort rating",
			"pace": "estimated from pace", "duration": "estimated from time"}[e.Session.Source]
		ts = append(ts, web.Tile{Label: "Load", Value: fmt.Sprintf("%.0f", e.Session.Load), Unit: "TRIMP", Note: note})
	}
	if has(sm.AvgCadenceSPM) && sm.AvgCadenceSPM > 0 {
		unit := "spm"
		if !a.Sport.IsRun() {
			unit = "rpm"
		}
		ts = append(ts, web.Tile{Label: "Cadence", Value: fmt.Sprintf("%.0f", sm.AvgCadenceSPM), Unit: unit})
	}
	if has(sm.AvgPowerW) && sm.AvgPowerW > 0 {
		ts = append(ts, web.Tile{Label: "Power", Value: fmt.Sprintf("%.0f", sm.AvgPowerW), Unit: "W"})
	}
	if has(sm.AvgTempC) {
		ts = append(ts, tile("Temperature", u.Temperature(sm.AvgTempC), "device sensor"))
	}
	if has(sm.DownhillM) && sm.DownhillM > 0 && a.Sport.IsRun() {
		ts = append(ts, tile("Downhill", u.Distance(sm.DownhillM), "steeper than −3 %, loads the quads"))
	}
	return ts
}

// runZones are the heart-rate-reserve zones with their bpm ranges.
func runZones(a *store.Activity, prof profile.Profile) ([]web.Zone, string) {
	if len(a.Summary.HRSeconds) == 0 {
		return nil, ""
	}
	hr := prof.HR()
	z := activity.Zones(a.Summary.HRSeconds, hr)
	total := z[0] + z[1] + z[2] + z[3] + z[4]
	if total <= 0 {
		return nil, ""
	}
	bpm := func(f float64) int { return int(math.Round(hr.Rest + f*(hr.Max-hr.Rest))) }
	b := activity.ZoneBoundsHRR
	ranges := []string{
		fmt.Sprintf("< %d bpm", bpm(b[0])),
		fmt.Sprintf("%d–%d bpm", bpm(b[0]), bpm(b[1])-1),
		fmt.Sprintf("%d–%d bpm", bpm(b[1]), bpm(b[2])-1),
		fmt.Sprintf("%d–%d bpm", bpm(b[2]), bpm(b[3])-1),
		fmt.Sprintf("≥ %d bpm", bpm(b[3])),
	}
	out := make([]web.Zone, 5)
	for i := range out {
		out[i] = web.Zone{Name: fmt.Sprintf("Z%d", i+1), Range: ranges[i], Time: present.Clock(z[i]), Percent: z[i] / total * 100}
	}
	note := fmt.Sprintf("Heart-rate-reserve zones (Karvonen) from resting %.0f and maximum %.0f bpm", hr.Rest, hr.Max)
	switch {
	case hr.RestEstimated && hr.MaxEstimated:
		note += " (both estimated: set yours in your profile)"
	case hr.MaxEstimated:
		note += " (maximum estimated as 208 − 0.7 × age: set yours in your profile)"
	case hr.RestEstimated:
		note += " (resting estimated: set yours in your profile)"
	}
	return out, note + "."
}

// lapTable is the run's laps, or nil with fewer than two.
func (v *view) lapTable(a *store.Activity) *web.Table {
	if len(a.Laps) < 2 {
		return nil
	}
	u := v.units
	measure := withFirst(cmp.Or(present.MeasureOf(a.Sport), "pace"), unicode.ToUpper)
	t := &web.Table{Head: []string{"Lap", "Distance", "Time", measure, "Avg HR", "Max HR", "Ascent"},
		Numeric: []bool{true, true, true, true, true, true, true}}
	for i, l := range a.Laps {
		pace := "–"
		if l.DistanceM > 0 && l.TimerS > 0 {
			pace = u.Measure(a.Sport, l.DistanceM/l.TimerS)
		}
		dist := "–"
		if activity.Has(l.DistanceM) && l.DistanceM > 0 {
			dist = u.Distance(l.DistanceM)
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), dist, present.Clock(l.TimerS), pace,
			present.BPM(l.AvgHR), present.BPM(l.MaxHR), u.Elevation(l.AscentM)})
	}
	return t
}

// runFacts are the smaller facts of a run: source, device, gear, warnings.
func (v *view) runFacts(a *store.Activity) ([]web.KV, []string) {
	var kv []web.KV
	if a.Gear != "" {
		kv = append(kv, web.KV{Label: "Shoes", Value: a.Gear})
	}
	if a.Device != "" {
		kv = append(kv, web.KV{Label: "Device", Value: a.Device})
	}
	src := a.SourceFile
	if i := strings.LastIndexAny(src, `/\`); i >= 0 {
		src = src[i+1:]
	}
	if src != "" {
		kv = append(kv, web.KV{Label: "File", Value: src, Note: strings.ToUpper(a.Format)})
	}
	if a.Summary.ElevationSource != "" {
		kv = append(kv, web.KV{Label: "Elevation from", Value: a.Summary.ElevationSource})
	}
	kv = append(kv, web.KV{Label: "Imported", Value: v.day(a.ImportedAt) + " " + a.ImportedAt.In(v.loc).Format("15:04")})
	notes := append(append([]string{}, a.Warnings...), a.Summary.Notes...)
	return kv, notes
}

// planView prepares a plan for the run page.
func (v *view) planView(plan *coach.Plan) *planView {
	pv := &planView{Plan: plan, KindWhy: words(plan.Run.KindWhy), OnHoldNote: present.OnHold(plan.OnHold),
		Flag: v.flag(plan.SeeProfessional), EarlierNote: present.EarlierSorenessNote(plan.EarlierSoreness),
		PeakWords: present.PeakWords(v.st)}
	for _, l := range present.LegsReady(plan, v.st.Now) {
		if plan.OnHold != "" {
			pv.Hold = &holdView{When: l.When, Note: l.Note, Where: pv.Flag.Where}
			continue
		}
		pv.When = append(pv.When, web.KV{Label: l.Label, Value: l.When, Note: l.Note})
	}
	pv.PeakTable = web.Table{Head: []string{"Muscle group", "Peak", "When"}, Numeric: []bool{false, true, false}}
	for _, m := range plan.Soreness {
		pv.Soreness = append(pv.Soreness, web.MuscleValue{Muscle: string(m.Muscle), Value: m.Peak})
		when := "–"
		if m.Peak >= minTimedPeak {
			when = coach.Moment(plan.Run.End.Add(hours(m.PeakHours)), v.st.Now)
		}
		pv.PeakTable.Rows = append(pv.PeakTable.Rows, []string{web.Label(string(m.Muscle)), fmt.Sprintf("%.1f / 10", m.Peak), when})
	}
	n, u := plan.Nutrition, v.units
	if n.CarbsG.Max > 0 {
		pv.Nutrition = append(pv.Nutrition,
			web.Tile{Label: "Carbohydrate", Value: fmt.Sprintf("%.0f–%.0f", n.CarbsG.Min, n.CarbsG.Max), Unit: "g", Note: "within 30-60 min"},
			web.Tile{Label: "Protein", Value: fmt.Sprintf("%.0f–%.0f", n.ProteinG.Min, n.ProteinG.Max), Unit: "g", Note: "with the carbohydrate"})
	}
	lo, unit := splitUnit(u.Volume(n.FluidML.Min))
	hi, _ := splitUnit(u.Volume(n.FluidML.Max))
	fluid := web.Tile{Label: "Fluid", Value: lo + "–" + hi, Unit: unit, Note: "over the next hours"}
	if n.Electrolytes {
		fluid.Note = "with electrolytes: long, hard or hot"
	}
	pv.Nutrition = append(pv.Nutrition, fluid)
	pv.FluidNote = strings.Join(n.Notes, "; ")
	pv.Items = v.planItems(plan.Steps)
	pv.LeadHeading, pv.LeadReady = present.PriorityHeading(coach.DoThis), present.LegsReadyLine(plan, v.st.Now)
	for _, it := range pv.Items {
		if it.Priority == coach.DoThis {
			pv.Lead = append(pv.Lead, it)
		}
	}
	pv.Skipped = v.skippedViews(plan.Skipped)
	// Where the sources disagree: each step shows its own main
	// disagreement; the section lists the others that concern the plan's
	// steps and the general ones (when soreness peaks, how long it lasts).
	seen := map[string]bool{}
	for _, st := range plan.Steps {
		if t, ok := protocol.ByID(st.ID); ok && t.Disagreement != nil {
			seen[t.Disagreement.ID] = true
		}
	}
	add := func(d protocol.Disagreement) {
		if !seen[d.ID] {
			seen[d.ID] = true
			pv.Disagreements = append(pv.Disagreements, d.In(u.System))
		}
	}
	for _, d := range protocol.Disagreements() {
		if len(d.Techniques) == 0 {
			add(d)
		}
	}
	for _, st := range plan.Steps {
		for _, d := range protocol.DisagreementsFor(st.ID) {
			add(d)
		}
	}
	return pv
}

// postDeleteRun deletes a run (the run page asks to confirm first).
func (s *Server) postDeleteRun(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	id, err := runID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := t.Store.FindActivityByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.state(r.Context(), t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := t.Store.DeleteActivity(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, r, "success", fmt.Sprintf("%s of %s was deleted.", present.Title(st.EntryOf(app.CoachActivity(a)), st.H.Profile),
		a.Start.In(present.Location(a.Activity, st.H.Profile)).Format("2 January 2006")))
	s.back(w, r, t, "/runs")
}

// chartSeries is one series of a chart, as app.js reads it (see the web
// package documentation).
type chartSeries struct {
	Label    string       `json:"label"`
	Unit     string       `json:"unit,omitempty"`
	Format   string       `json:"format,omitempty"` // pace, dec1, dec2
	Invert   bool         `json:"invert,omitempty"`
	Area     bool         `json:"area,omitempty"`
	Dash     bool         `json:"dash,omitempty"`
	Values   []*float64   `json:"values"`
	Checkins [][2]float64 `json:"checkins,omitempty"`
}

// val is a chart value rounded to 2 decimals, nil when absent.
func val(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	f = math.Round(f*100) / 100
	return &f
}

// runCharts are the pace (or speed: present.Measure), heart-rate and
// elevation charts over distance (over time when the run has no distance)
// of an activity of sport.
func (v *view) runCharts(s present.Series, sport activity.Sport) []web.Chart {
	if s.Points < 2 {
		return nil
	}
	u := v.units
	perKm, distUnit, eleUnit, eleScale := 1.0, "km", "m", 1.0
	if u.Imperial() {
		perKm, distUnit, eleUnit, eleScale = present.MetresPerMile/1000, "mi", "ft", 1/present.MetresPerFoot
	}
	var x []*float64
	xLabel, xUnit := "Distance", distUnit
	hasDist := false
	for _, d := range s.DistanceM {
		if present.Num(d).Valid() && d > 0 {
			hasDist = true
			break
		}
	}
	for i := range s.Points {
		if hasDist {
			x = append(x, val(float64(s.DistanceM[i])/1000/perKm))
		} else {
			x = append(x, val(float64(s.TimeS[i])/60))
		}
	}
	if !hasDist {
		xLabel, xUnit = "Time", "min"
	}
	// A chart needs an increasing x: drop points without one.
	keep := make([]bool, len(x))
	last := math.Inf(-1)
	for i, xv := range x {
		if xv != nil && *xv >= last {
			keep[i], last = true, *xv
		}
	}
	colOf := func(vals []present.Num, conv func(float64) float64) ([]*float64, bool) {
		out := make([]*float64, 0, len(vals))
		any := false
		for i, n := range vals {
			if !keep[i] {
				continue
			}
			f := conv(float64(n))
			out = append(out, val(f))
			if present.Num(n).Valid() {
				any = true
			}
		}
		return out, any
	}
	col := func(vals []present.Num, scale float64) ([]*float64, bool) {
		return colOf(vals, func(f float64) float64 { return f * scale })
	}
	var xs []float64
	for i, xv := range x {
		if keep[i] {
			xs = append(xs, *xv)
		}
	}
	if len(xs) < 2 {
		return nil
	}
	data := func(sr chartSeries) map[string]any {
		return map[string]any{"x": xs, "xLabel": xLabel, "xUnit": xUnit, "sync": "run", "series": []chartSeries{sr}}
	}
	var out []web.Chart
	// Pace per km or mile on foot, per 100 m or 100 yd swimming, speed
	// (km/h or mph, from the pace: 3600 / s per km) for the rest.
	pace := chartSeries{Label: "Pace", Unit: "/" + distUnit, Format: "pace", Invert: true}
	ok := false
	paceScale := perKm
	if sport == activity.Swimming {
		pace.Unit, paceScale = "/100 m", 0.1
		if u.Imperial() {
			pace.Unit, paceScale = "/100 yd", measure.MetresPer100Yd/1000
		}
	}
	switch present.MeasureOf(sport) {
	case "pace":
		pace.Values, ok = col(s.PaceSPerKm, paceScale)
	case "speed":
		pace = chartSeries{Label: "Speed", Unit: "km/h", Format: "dec1"}
		if u.Imperial() {
			pace.Unit = "mph"
		}
		pace.Values, ok = colOf(s.PaceSPerKm, func(f float64) float64 { return 3600 / (f * perKm) })
	}
	if ok {
		out = append(out, web.Chart{ID: "run-pace", Kind: web.ChartLines, Title: pace.Label, Size: "sm", Data: data(pace)})
	}
	if vals, ok := col(s.HR, 1); ok {
		out = append(out, web.Chart{ID: "run-hr", Kind: web.ChartLines, Title: "Heart rate", Size: "sm",
			Data: data(chartSeries{Label: "Heart rate", Unit: "bpm", Values: vals})})
	}
	if vals, ok := col(s.AltitudeM, eleScale); ok {
		out = append(out, web.Chart{ID: "run-ele", Kind: web.ChartLines, Title: "Elevation", Size: "sm",
			Data: data(chartSeries{Label: "Elevation", Unit: eleUnit, Area: true, Values: vals})})
	}
	return out
}

// maxRoutePoints is how many points the route keeps.
const maxRoutePoints = 400

// runRoute is the GPS track, thinned, or nil without one.
func runRoute(s present.Series) *web.Route {
	var pts [][2]float64
	for i := range s.Lat {
		lat, lon := float64(s.Lat[i]), float64(s.Lon[i])
		if math.IsNaN(lat) || math.IsNaN(lon) || (lat == 0 && lon == 0) {
			continue
		}
		pts = append(pts, [2]float64{math.Round(lat*1e5) / 1e5, math.Round(lon*1e5) / 1e5})
	}
	if len(pts) < 2 {
		return nil
	}
	if len(pts) > maxRoutePoints {
		step := float64(len(pts)-1) / float64(maxRoutePoints-1)
		thin := make([][2]float64, 0, maxRoutePoints)
		for i := range maxRoutePoints {
			thin = append(thin, pts[int(math.Round(float64(i)*step))])
		}
		pts = thin
	}
	return &web.Route{ID: "route", Title: "Drawn from the GPS track, without map tiles", Points: pts}
}

// hours is h hours as a duration.
func hours(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }
