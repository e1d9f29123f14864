package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/server"
)

// Documents as the tests read them: only the keys they check.
type (
	runDoc struct {
		ID         int64    `json:"id"`
		Sport      string   `json:"sport"`
		SourceFile string   `json:"source_file"`
		Start      string   `json:"start"`
		Gear       string   `json:"gear"`
		DistanceM  *float64 `json:"distance_m"`
		Laps       []struct {
			Index int `json:"index"`
		} `json:"laps"`
		Series *struct {
			Points     int        `json:"points"`
			TimeS      []*float64 `json:"time_s"`
			DistanceM  []*float64 `json:"distance_m"`
			PaceSPerKm []*float64 `json:"pace_s_per_km"`
			HR         []*float64 `json:"hr"`
			AltitudeM  []*float64 `json:"altitude_m"`
			Lat        []*float64 `json:"lat"`
			Lon        []*float64 `json:"lon"`
		} `json:"series"`
	}
	listDoc struct {
		Total int      `json:"total"`
		Limit int      `json:"limit"`
		Items []runDoc `json:"items"`
	}
	reportDoc struct {
		Imported   int     `json:"imported"`
		Duplicates int     `json:"duplicates"`
		IDs        []int64 `json:"ids"`
		Skipped    []struct{ File, Reason string }
		Failed     []struct{ File, Error string }
	}
	stepDoc struct {
		ID     string  `json:"id"`
		Done   bool    `json:"done"`
		DoneAt *string `json:"done_at"`
	}
	todayDoc struct {
		Date      string `json:"date"`
		Readiness struct {
			Score int `json:"score"`
		} `json:"readiness"`
		Recommendation  string    `json:"recommendation"`
		Steps           []stepDoc `json:"steps"`
		CheckedIn       bool      `json:"checked_in"`
		SeeProfessional struct {
			Needed  bool   `json:"needed"`
			Urgency string `json:"urgency"`
		} `json:"see_professional"`
		SorenessNow []struct {
			Muscle string  `json:"muscle"`
			Value  float64 `json:"value"`
			Source string  `json:"source"`
		} `json:"soreness_now"`
		LastRun *struct {
			ID int64 `json:"id"`
		} `json:"last_run"`
	}
	checkInDoc struct {
		Date     string              `json:"date"`
		Soreness map[string]*float64 `json:"soreness"`
		SleepH   *float64            `json:"sleep_h"`
		Stress   *float64            `json:"stress"`
		Symptoms []string            `json:"symptoms"`
	}
	checklistDoc struct {
		Date  string    `json:"date"`
		Steps []stepDoc `json:"steps"`
	}
	shoeDoc struct {
		Name      string  `json:"name"`
		LimitKm   float64 `json:"limit_km"`
		Default   bool    `json:"default"`
		Retired   bool    `json:"retired"`
		DistanceM float64 `json:"distance_m"`
		Runs      int     `json:"runs"`
	}
	tokenDoc struct {
		ID    int64  `json:"id"`
		Name  string `json:"name"`
		Scope string `json:"scope"`
	}
)

// Real activity files of the shared corpus (manifest expect: import).
const (
	fenixRun   = "fit/fitparse__activity-small-fenix2-run.fit"    // 9.0 km, 4 laps, GPS, HR
	devDataRun = "fit/jimmykane__running-with-developer-data.fit" // 5.4 km, 14 laps
	gpxRun     = "gpx/togeojson__Friday-Evening-Run.gpx"
	brokenRun  = "broken/madehere__fenix2-run-truncated-half.fit" // expect: fail
	settings   = "fit/non-activity/fitparse__Settings.fit"        // expect: skip
	boRun      = "fit/sportslib__6914538454.fit"
)

// TestAPI drives every API route as Ana (a simulated season of real FIT
// files plus uploads), her coach and Bo, checks status and content, and
// validates every exchange against the OpenAPI document. It ends by
// checking that every documented operation was seen succeeding.
func TestAPI(t *testing.T) {
	e := newAPIEnv(t)
	if n := e.seedSeason(e.ana.ID, 5); n < 10 {
		t.Fatalf("season: %d activities", n)
	}
	e.must(200, "", "GET", "/api/openapi.json", nil, nil)
	t.Run("Activities", func(t *testing.T) { testActivities(t, e.with(t)) })
	t.Run("Edit", func(t *testing.T) { testEditActivity(t, e.with(t)) })
	t.Run("Coaching", func(t *testing.T) { testCoaching(t, e.with(t)) })
	t.Run("CheckInsAndChecklist", func(t *testing.T) { testCheckIns(t, e.with(t)) })
	t.Run("ProfileAndGear", func(t *testing.T) { testProfileAndGear(t, e.with(t)) })
	t.Run("Account", func(t *testing.T) { testAccount(t, e.with(t)) })
	t.Run("Calendar", func(t *testing.T) { testCalendar(t, e.with(t)) })
	t.Run("Data", func(t *testing.T) { testData(t, e.with(t)) })
	t.Run("Errors", func(t *testing.T) { testErrors(t, e.with(t)) })

	// Every operation of the document succeeded at least once, and its
	// response validated.
	for path, item := range e.doc.Paths.Map() {
		for method := range item.Operations() {
			ok := false
			for k := range e.validated {
				var m, p string
				var status int
				fmt.Sscanf(k, "%s %s %d", &m, &p, &status)
				ok = ok || (m == method && p == path && status < 300)
			}
			if !ok {
				t.Errorf("%s %s: no successful response was validated", method, path)
			}
		}
	}
}

func testActivities(t *testing.T, e *apiEnv) {
	tok := e.anaToken
	var before listDoc
	e.must(200, tok, "GET", "/api/v1/activities?limit=1000", nil, &before)

	// Upload: three runs, a non-activity file and a broken one.
	res, body := e.upload(tok, "", corpusFile(t, fenixRun), corpusFile(t, devDataRun), corpusFile(t, gpxRun),
		corpusFile(t, settings), corpusFile(t, brokenRun))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("upload with a broken file: %d, want 422: %s", res.StatusCode, body)
	}
	var rep reportDoc
	if err := json.Unmarshal(body, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 3 || len(rep.IDs) != 3 || len(rep.Skipped) != 1 || len(rep.Failed) != 1 ||
		rep.Failed[0].File != "madehere__fenix2-run-truncated-half.fit" || !strings.Contains(rep.Failed[0].Error, "madehere__fenix2-run-truncated-half.fit") {
		t.Fatalf("upload report %+v", rep)
	}
	// The same runs again: duplicates, nothing new, 200.
	res, body = e.upload(tok, "", corpusFile(t, fenixRun), corpusFile(t, devDataRun))
	if err := json.Unmarshal(body, &rep); err != nil || res.StatusCode != 200 || rep.Imported != 0 || rep.Duplicates != 2 {
		t.Fatalf("second upload: %d %s", res.StatusCode, body)
	}

	// List, filter and page.
	var all listDoc
	e.must(200, tok, "GET", "/api/v1/activities?limit=1000", nil, &all)
	if all.Total != before.Total+3 || len(all.Items) != all.Total {
		t.Errorf("list: total %d, %d items, want %d", all.Total, len(all.Items), before.Total+3)
	}
	for i := 1; i < len(all.Items); i++ {
		a, _ := time.Parse(time.RFC3339, all.Items[i-1].Start)
		b, _ := time.Parse(time.RFC3339, all.Items[i].Start)
		if a.Before(b) {
			t.Errorf("list not newest first: %s before %s", all.Items[i-1].Start, all.Items[i].Start)
		}
		if all.Items[i].Laps != nil {
			t.Errorf("list item %d has laps", all.Items[i].ID)
		}
	}
	var page listDoc
	e.must(200, tok, "GET", "/api/v1/activities?limit=2&offset=1", nil, &page)
	if page.Total != all.Total || len(page.Items) != 2 || page.Items[0].ID != all.Items[1].ID {
		t.Errorf("page: %+v", page)
	}
	var old listDoc
	e.must(200, tok, "GET", "/api/v1/activities?until=2020-01-01&sport=running", nil, &old)
	if old.Total != 2 { // the Fenix 2 run (2015) and the developer-data run (2018)
		var starts []string
		for _, it := range old.Items {
			starts = append(starts, it.Start)
		}
		t.Errorf("until 2020: %d (%v), want the 2015 and 2018 runs", old.Total, starts)
	}
	e.must(200, tok, "GET", "/api/v1/activities?since=2016-01-01&limit=5", nil, nil)

	// One activity with laps, and with its chart series.
	id := rep0(t, e, fenixRun)
	var run runDoc
	e.must(200, tok, "GET", fmt.Sprintf("/api/v1/activities/%d", id), nil, &run)
	if run.ID != id || run.Sport != "running" || len(run.Laps) != 4 || run.Series != nil || run.DistanceM == nil || math.Abs(*run.DistanceM-9008) > 150 {
		t.Errorf("show %d: %+v", id, run)
	}
	e.must(200, tok, "GET", fmt.Sprintf("/api/v1/activities/%d?samples=1", id), nil, &run)
	s := run.Series
	if s == nil || s.Points < 100 || s.Points > 1000 {
		t.Fatalf("series: %+v", s)
	}
	for name, col := range map[string][]*float64{"time": s.TimeS, "distance": s.DistanceM, "pace": s.PaceSPerKm, "hr": s.HR,
		"altitude": s.AltitudeM, "lat": s.Lat, "lon": s.Lon} {
		if len(col) != s.Points {
			t.Errorf("series %s: %d values for %d points", name, len(col), s.Points)
		}
		if col[len(col)/2] == nil {
			t.Errorf("series %s: no value mid-run", name)
		}
	}
	if last := s.DistanceM[len(s.DistanceM)-1]; last == nil || math.Abs(*last-*run.DistanceM) > 50 {
		t.Errorf("series ends at %v m, the run is %v m", last, *run.DistanceM)
	}
	if p := s.PaceSPerKm[s.Points/2]; p == nil || *p < 180 || *p > 600 {
		t.Errorf("pace mid-run %v s/km", p)
	}
	e.must(200, tok, "GET", fmt.Sprintf("/api/v1/activities/%d?samples=true&points=50", id), nil, &run)
	if run.Series == nil || run.Series.Points > 50 || run.Series.Points < 25 {
		t.Errorf("50 points: %+v", run.Series)
	}

	// Gear: a shoe must exist; then the run counts towards it.
	e.must(400, tok, "PUT", fmt.Sprintf("/api/v1/activities/%d/gear", id), server.GearInput{Gear: "Ghost 15"}, nil)
	e.must(201, tok, "POST", "/api/v1/gear", map[string]any{"name": "Ghost 15", "limit_km": 700}, nil)
	e.must(200, tok, "PUT", fmt.Sprintf("/api/v1/activities/%d/gear", id), server.GearInput{Gear: "ghost 15"}, &run)
	if run.Gear != "Ghost 15" {
		t.Errorf("gear %q", run.Gear)
	}
	var shoes []shoeDoc
	e.must(200, tok, "GET", "/api/v1/gear", nil, &shoes)
	if len(shoes) != 1 || shoes[0].Runs != 1 || math.Abs(shoes[0].DistanceM-*run.DistanceM) > 1 {
		t.Errorf("shoes %+v", shoes)
	}
	e.must(200, tok, "PUT", fmt.Sprintf("/api/v1/activities/%d/gear", id), server.GearInput{Gear: ""}, &run)
	if run.Gear != "" {
		t.Errorf("gear after clearing %q", run.Gear)
	}

	// Session RPE.
	e.must(204, tok, "PUT", fmt.Sprintf("/api/v1/activities/%d/rpe", id), map[string]any{"rpe": 6}, nil)
	e.must(400, tok, "PUT", fmt.Sprintf("/api/v1/activities/%d/rpe", id), map[string]any{"rpe": 11}, nil)
	e.must(400, tok, "PUT", fmt.Sprintf("/api/v1/activities/%d/rpe", id), map[string]any{}, nil)
	e.must(404, tok, "PUT", "/api/v1/activities/999999/rpe", map[string]any{"rpe": 5}, nil)
	// Clearing it: DELETE, again when there is nothing left, 404 for no
	// such run; a rating of another run stays.
	rpes := func() map[int64]float64 {
		t.Helper()
		m, err := e.db.ForAthlete(e.ana.ID).FindRPEs(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	other := rep0(t, e, devDataRun)
	e.must(204, tok, "PUT", fmt.Sprintf("/api/v1/activities/%d/rpe", other), map[string]any{"rpe": 4}, nil)
	if got := rpes(); got[id] != 6 || got[other] != 4 {
		t.Fatalf("ratings before clearing %v", got)
	}
	e.must(204, tok, "DELETE", fmt.Sprintf("/api/v1/activities/%d/rpe", id), nil, nil)
	if got := rpes(); got[other] != 4 {
		t.Errorf("ratings after clearing %d: %v", id, got)
	} else if _, rated := got[id]; rated {
		t.Errorf("run %d still rated after DELETE: %v", id, got)
	}
	e.must(204, tok, "DELETE", fmt.Sprintf("/api/v1/activities/%d/rpe", id), nil, nil)
	e.must(404, tok, "DELETE", "/api/v1/activities/999999/rpe", nil, nil)

	// Delete: gone, and gone again.
	gpxID := rep0(t, e, gpxRun)
	e.must(204, tok, "DELETE", fmt.Sprintf("/api/v1/activities/%d", gpxID), nil, nil)
	e.must(404, tok, "GET", fmt.Sprintf("/api/v1/activities/%d", gpxID), nil, nil)
	e.must(404, tok, "DELETE", fmt.Sprintf("/api/v1/activities/%d", gpxID), nil, nil)
	e.must(200, tok, "GET", "/api/v1/activities?limit=1", nil, &page)
	if page.Total != all.Total-1 {
		t.Errorf("after delete: total %d, want %d", page.Total, all.Total-1)
	}

	// Bad requests.
	e.must(404, tok, "GET", "/api/v1/activities/999999", nil, nil)
	e.must(400, tok, "GET", "/api/v1/activities/abc", nil, nil)
	e.must(400, tok, "GET", "/api/v1/activities?limit=0", nil, nil)
	e.must(400, tok, "GET", "/api/v1/activities?limit=5000", nil, nil)
	e.must(400, tok, "GET", "/api/v1/activities?since=yesterday", nil, nil)
	e.must(400, tok, "GET", "/api/v1/activities?sport=jogging", nil, nil)
	e.must(400, tok, "GET", fmt.Sprintf("/api/v1/activities/%d?samples=maybe", id), nil, nil)
	e.must(400, tok, "POST", "/api/v1/activities", map[string]any{"file": "x"}, nil) // not multipart
	if res, body := e.upload(tok, ""); res.StatusCode != 400 {
		t.Errorf("upload of no files: %d %s", res.StatusCode, body)
	}
}

// errorCode is the code of a JSON error body, "" when it is none.
func errorCode(body []byte) string {
	var apiErr server.APIError
	if json.Unmarshal(body, &apiErr) != nil || apiErr.Message == "" {
		return ""
	}
	return apiErr.Code
}

// rep0 returns the id of Ana's activity imported from a corpus file.
func rep0(t *testing.T, e *apiEnv, rel string) int64 {
	t.Helper()
	var all listDoc
	e.must(200, e.anaToken, "GET", "/api/v1/activities?limit=1000", nil, &all)
	name := rel[strings.LastIndex(rel, "/")+1:]
	for _, it := range all.Items {
		if it.SourceFile == name {
			return it.ID
		}
	}
	t.Fatalf("no activity from %s", rel)
	return 0
}

func testCoaching(t *testing.T, e *apiEnv) {
	tok := e.anaToken
	var today todayDoc
	e.must(200, tok, "GET", "/api/v1/today", nil, &today)
	if today.Date != time.Now().In(time.FixedZone("", 3600)).Format(time.DateOnly) || today.Readiness.Score < 0 ||
		today.Readiness.Score > 100 || today.LastRun == nil || len(today.SorenessNow) != 7 || len(today.Steps) == 0 {
		t.Errorf("today %+v", today)
	}
	yesterday := time.Now().In(time.FixedZone("", 3600)).AddDate(0, 0, -1).Format(time.DateOnly)
	var then todayDoc
	e.must(200, tok, "GET", "/api/v1/today?date="+yesterday, nil, &then)
	if then.Date != yesterday || !then.CheckedIn {
		t.Errorf("yesterday: date %s, checked in %v (the season has check-ins up to yesterday)", then.Date, then.CheckedIn)
	}

	var plan struct {
		Run struct {
			ID   int64  `json:"id"`
			Kind string `json:"kind"`
		} `json:"run"`
		Steps     []stepDoc `json:"steps"`
		Nutrition struct {
			FluidML struct{ Min, Max float64 } `json:"fluid_ml"`
		} `json:"nutrition"`
		Warnings []struct{ Code string } `json:"warnings"`
	}
	e.must(200, tok, "GET", "/api/v1/plan/latest", nil, &plan)
	if plan.Run.ID != today.LastRun.ID || len(plan.Steps) == 0 {
		t.Errorf("latest plan for %d, today's last run %d, %d steps", plan.Run.ID, today.LastRun.ID, len(plan.Steps))
	}
	latest := plan.Run.ID
	e.must(200, tok, "GET", fmt.Sprintf("/api/v1/plan/%d?weight_before=61&weight_after=59.8", latest), nil, &plan)
	// 61 - 59.8 = 1.2 kg lost × 1.25-1.5 L per kg (ACSM 2016; protocol.Fluid)
	// = 1500-1800 ml; without weights it would be 16-24 US fl oz (473-710 ml).
	if fl := plan.Nutrition.FluidML; plan.Run.ID != latest || fl.Min != 1500 || fl.Max != 1800 {
		t.Errorf("plan with a 1.2 kg loss: fluid %+v ml, want 1500-1800", fl)
	}
	e.must(400, tok, "GET", "/api/v1/plan/latest?weight_before=61", nil, nil)
	e.must(400, tok, "GET", "/api/v1/plan/latest?weight_before=6100&weight_after=60", nil, nil)
	e.must(404, tok, "GET", "/api/v1/plan/999999", nil, nil)

	var load struct {
		Weeks []struct {
			Start string `json:"start"`
		} `json:"weeks"`
		Days    []struct{} `json:"days"`
		Fitness *float64   `json:"fitness"`
	}
	e.must(200, tok, "GET", "/api/v1/load?weeks=3", nil, &load)
	if len(load.Weeks) != 3 || len(load.Days) != 21 || load.Fitness == nil {
		t.Errorf("load over 3 weeks: %d weeks, %d days, fitness %v", len(load.Weeks), len(load.Days), load.Fitness)
	}
	e.must(400, tok, "GET", "/api/v1/load?weeks=0", nil, nil)

	var week struct {
		From string `json:"from"`
		Days []struct {
			Type string `json:"type"`
		} `json:"days"`
	}
	e.must(200, tok, "GET", "/api/v1/week", nil, &week)
	if len(week.Days) != 7 || week.From != today.Date {
		t.Errorf("week from %s with %d days", week.From, len(week.Days))
	}
	// ?date= plans the week from that day, from the history up to it.
	if d, err := time.Parse(time.DateOnly, today.Date); err == nil {
		past := d.AddDate(0, 0, -10).Format(time.DateOnly)
		e.must(200, tok, "GET", "/api/v1/week?date="+past, nil, &week)
		if len(week.Days) != 7 || week.From != past {
			t.Errorf("week?date=%s from %s with %d days", past, week.From, len(week.Days))
		}
	}
	e.must(400, tok, "GET", "/api/v1/week?date=tomorrow", nil, nil)
	var model struct {
		CheckIns int `json:"check_ins"`
	}
	e.must(200, tok, "GET", "/api/v1/model", nil, &model)
	if model.CheckIns < 20 {
		t.Errorf("model backed by %d check-ins", model.CheckIns)
	}
	var proto struct {
		Techniques []struct{ ID string } `json:"techniques"`
		Symptoms   []struct{ ID string } `json:"symptoms"`
	}
	e.must(200, tok, "GET", "/api/v1/protocol", nil, &proto)
	if len(proto.Techniques) < 30 || len(proto.Symptoms) < 5 {
		t.Errorf("protocol: %d techniques, %d symptoms", len(proto.Techniques), len(proto.Symptoms))
	}
}

func testCheckIns(t *testing.T, e *apiEnv) {
	tok := e.anaToken
	loc := time.FixedZone("", 3600) // the simulated runner's zone
	day := time.Now().In(loc).Format(time.DateOnly)
	week := time.Now().In(loc).AddDate(0, 0, -6).Format(time.DateOnly)
	var cs []checkInDoc
	e.must(200, tok, "GET", "/api/v1/checkins?from="+week+"&to="+day, nil, &cs)
	if len(cs) != 6 || cs[0].Date != week || cs[0].SleepH == nil || len(cs[0].Soreness) == 0 {
		t.Fatalf("check-ins of the last week: %+v", cs)
	}
	var all []checkInDoc
	e.must(200, tok, "GET", "/api/v1/checkins", nil, &all)
	if len(all) < 30 {
		t.Errorf("%d check-ins in all", len(all))
	}

	// Today's first check-in is created (201), a second one merged (200).
	var today todayDoc
	e.must(201, tok, "POST", "/api/v1/checkins", map[string]any{"soreness": map[string]float64{"quads": 6, "calves": 2},
		"sleep_h": 7.5, "stress": 2, "rpe": map[string]float64{"latest": 5}}, &today)
	if !today.CheckedIn {
		t.Errorf("after a check-in: checked_in false")
	}
	for _, s := range today.SorenessNow {
		if s.Muscle == "quads" && (s.Value != 6 || s.Source != "check-in") {
			t.Errorf("quads now %v from %s, want 6 from the check-in", s.Value, s.Source)
		}
	}
	e.must(200, tok, "POST", "/api/v1/checkins", map[string]any{"date": day, "soreness": map[string]float64{"quads": 4},
		"symptoms": []string{"calf-swelling-warmth"}}, &today)
	if !today.SeeProfessional.Needed || today.SeeProfessional.Urgency != "urgent" || today.Recommendation != "rest" {
		t.Errorf("a swollen, warm calf: %+v, recommendation %s", today.SeeProfessional, today.Recommendation)
	}
	e.must(200, tok, "GET", "/api/v1/checkins?from="+day+"&to="+day, nil, &cs)
	if len(cs) != 1 || *cs[0].Soreness["quads"] != 4 || *cs[0].Soreness["calves"] != 2 || cs[0].SleepH == nil || *cs[0].SleepH != 7.5 ||
		len(cs[0].Symptoms) != 1 {
		t.Errorf("merged check-in %+v", cs)
	}
	for _, bad := range []map[string]any{
		{"soreness": map[string]float64{"quads": 11}},
		{"soreness": map[string]float64{"biceps": 3}},
		{"sleep_h": 30},
		{"stress": 0},
		{"symptoms": []string{"hiccups"}},
		{"date": "31/12/2025"},
		{"date": "9999-12-31", "sleep_h": 7}, // the far future
		{"date": "1989-12-31", "sleep_h": 7}, // before 1990
		{"rpe": map[string]float64{"latest": 12}},
		{"rpe": map[string]float64{"first": 3}},
		{"mood": "great"},
	} {
		e.must(400, tok, "POST", "/api/v1/checkins", bad, nil)
	}
	e.must(404, tok, "POST", "/api/v1/checkins", map[string]any{"rpe": map[string]float64{"999999": 3}}, nil)
	e.must(400, tok, "POST", "/api/v1/checkins", []byte(`{"sleep_h": 7} {"sleep_h": 8}`), nil)
	e.must(400, tok, "GET", "/api/v1/checkins?from=june", nil, nil)

	// The checklist: tick a step, see it done, untick it.
	var cl checklistDoc
	e.must(200, tok, "GET", "/api/v1/checklist", nil, &cl)
	if cl.Date != day || len(cl.Steps) == 0 {
		t.Fatalf("checklist %+v", cl)
	}
	step := cl.Steps[0].ID
	e.must(200, tok, "PUT", "/api/v1/checklist/"+step, server.TickInput{Done: true}, &cl)
	if !cl.Steps[0].Done || cl.Steps[0].DoneAt == nil {
		t.Errorf("after ticking %s: %+v", step, cl.Steps[0])
	}
	e.must(200, tok, "GET", "/api/v1/checklist?date="+day, nil, &cl)
	if !cl.Steps[0].Done {
		t.Errorf("tick of %s not kept", step)
	}
	e.must(200, tok, "PUT", "/api/v1/checklist/"+step, server.TickInput{Done: false, Date: day}, &cl)
	if cl.Steps[0].Done || cl.Steps[0].DoneAt != nil {
		t.Errorf("after unticking %s: %+v", step, cl.Steps[0])
	}
	e.must(404, tok, "PUT", "/api/v1/checklist/not-a-step", server.TickInput{Done: true}, nil)
	tomorrow := time.Now().In(loc).AddDate(0, 0, 2).Format(time.DateOnly)
	e.must(400, tok, "PUT", "/api/v1/checklist/"+step, server.TickInput{Done: true, Date: tomorrow}, nil)
	yesterday := time.Now().In(loc).AddDate(0, 0, -1).Format(time.DateOnly)
	var past checklistDoc
	e.must(200, tok, "GET", "/api/v1/checklist?date="+yesterday, nil, &past)
	if past.Date != yesterday {
		t.Errorf("yesterday's checklist is of %s", past.Date)
	}
	if len(past.Steps) > 0 {
		e.must(200, tok, "PUT", "/api/v1/checklist/"+past.Steps[0].ID, server.TickInput{Done: true, Date: yesterday}, &past)
		if !past.Steps[0].Done {
			t.Errorf("yesterday's tick not kept")
		}
	}
}

func testProfileAndGear(t *testing.T, e *apiEnv) {
	tok := e.anaToken
	var prof map[string]any
	e.must(200, tok, "GET", "/api/v1/profile", nil, &prof)
	if prof["weight_kg"] != 61.0 || prof["timezone"] != "Etc/GMT-1" || prof["effective_max_hr"] != 186.0 {
		t.Errorf("profile %v", prof)
	}
	// Send back what was read, changed: the read-only keys are ignored.
	prof["conditions"] = []string{"raynauds"}
	prof["equipment"] = []string{"foam-roller", "bathtub"}
	prof["max_hr"] = 0.0
	e.must(200, tok, "PUT", "/api/v1/profile", prof, &prof)
	if prof["max_hr_estimated"] != true || prof["effective_max_hr"] != 183.0 || len(prof["equipment"].([]any)) != 2 {
		t.Errorf("saved profile %v", prof)
	}
	e.must(200, tok, "GET", "/api/v1/profile", nil, &prof)
	if c := prof["conditions"].([]any); len(c) != 1 || c[0] != "raynauds" {
		t.Errorf("conditions %v", c)
	}
	for _, bad := range []map[string]any{
		{"weight_kg": 5}, {"units": "furlongs"}, {"timezone": "Mars/Olympus"}, {"conditions": []string{"flu"}},
		{"equipment": []string{"sauna"}}, {"max_hr": 50, "resting_hr": 60}, {"sex": "x"}, {"favourite_colour": "red"},
	} {
		e.must(400, tok, "PUT", "/api/v1/profile", bad, nil)
	}

	// Shoes: add (201), update (200), retire.
	var sh shoeDoc
	e.must(201, tok, "POST", "/api/v1/gear", map[string]any{"name": "Pegasus 40", "default": true}, &sh)
	if !sh.Default || sh.LimitKm != 805 { // 500 mi × 1.609344 km/mi = 804.67, rounded
		t.Errorf("new shoe %+v: want default with the common 500-mile limit (805 km)", sh)
	}
	e.must(200, tok, "POST", "/api/v1/gear", map[string]any{"name": "pegasus 40", "limit_km": 600}, &sh)
	if sh.Name != "Pegasus 40" || sh.LimitKm != 600 || !sh.Default {
		t.Errorf("updated shoe %+v", sh)
	}
	// A new run gets the default shoe.
	res, body := e.upload(e.anaToken, "", corpusFile(t, "fit/sportslib__6916663933.fit"))
	var rep reportDoc
	if err := json.Unmarshal(body, &rep); err != nil || res.StatusCode != 200 || rep.Imported != 1 {
		t.Fatalf("upload: %d %s", res.StatusCode, body)
	}
	var run runDoc
	e.must(200, tok, "GET", fmt.Sprintf("/api/v1/activities/%d", rep.IDs[0]), nil, &run)
	if run.Gear != "Pegasus 40" {
		t.Errorf("new run's gear %q, want the default shoe", run.Gear)
	}
	e.must(200, tok, "POST", "/api/v1/gear", map[string]any{"name": "Pegasus 40", "retired": true}, &sh)
	if !sh.Retired || sh.Default || sh.Runs != 1 {
		t.Errorf("retired shoe %+v", sh)
	}
	for _, bad := range []map[string]any{{"name": ""}, {"name": "x", "limit_km": -1}, {"name": "Pegasus 40", "default": true}} {
		e.must(400, tok, "POST", "/api/v1/gear", bad, nil)
	}
	var shoes []shoeDoc
	e.must(200, tok, "GET", "/api/v1/gear", nil, &shoes)
	if len(shoes) != 2 {
		t.Errorf("shoes %+v", shoes)
	}
}

func testAccount(t *testing.T, e *apiEnv) {
	var me struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		Role string `json:"role"`
		Auth string `json:"auth"`
	}
	e.must(200, e.anaToken, "GET", "/api/v1/me", nil, &me)
	if me.ID != e.ana.ID || me.Name != "ana" || me.Role != "athlete" || me.Auth != "token" {
		t.Errorf("me %+v", me)
	}
	e.must(200, e.anaToken, "GET", fmt.Sprintf("/api/v1/me?athlete=%d", e.ana.ID), nil, nil)

	// Tokens: create one, use it, list it, revoke it.
	var nt struct {
		Token  tokenDoc `json:"token"`
		Secret string   `json:"secret"`
	}
	e.must(201, e.anaToken, "POST", "/api/v1/tokens", server.TokenInput{Name: "backup script"}, &nt)
	if !strings.HasPrefix(nt.Secret, account.TokenPrefix) || nt.Token.Name != "backup script" || nt.Token.Scope != "api" {
		t.Errorf("new token %+v", nt)
	}
	if stored, err := e.db.FindToken(t.Context(), account.HashSecret(nt.Secret)); err != nil || stored.ID != nt.Token.ID {
		t.Errorf("the new token is not stored by its hash: %v", err)
	}
	e.must(200, nt.Secret, "GET", "/api/v1/me", nil, nil)
	var toks []tokenDoc
	e.must(200, e.anaToken, "GET", "/api/v1/tokens", nil, &toks)
	found := false
	for _, tk := range toks {
		found = found || tk.ID == nt.Token.ID
	}
	if !found || bytes.Contains(e.must(200, e.anaToken, "GET", "/api/v1/tokens", nil, nil), []byte(nt.Secret)) {
		t.Errorf("token list %+v (the secret must never be listed)", toks)
	}
	e.must(400, e.anaToken, "POST", "/api/v1/tokens", server.TokenInput{Name: " "}, nil)
	e.must(204, e.anaToken, "DELETE", fmt.Sprintf("/api/v1/tokens/%d", nt.Token.ID), nil, nil)
	e.must(401, nt.Secret, "GET", "/api/v1/me", nil, nil)
	e.must(404, e.anaToken, "DELETE", fmt.Sprintf("/api/v1/tokens/%d", nt.Token.ID), nil, nil)

	// A coach's table, by need.
	testAthletes(t, e)
}

// testAthletes grants the coach three more athletes: one with an urgent
// red flag, one with a soon one, one fresh. The table lists red flags
// first (urgent, then soon), then the lowest readiness.
func testAthletes(t *testing.T, e *apiEnv) {
	ctx := t.Context()
	coach := e.token(e.coach)
	mk := func(name string, symptoms []string) int64 {
		u := &account.User{Name: name, Role: account.Athlete}
		if err := e.db.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := e.db.Grant(ctx, u.ID, e.coach.ID); err != nil {
			t.Fatal(err)
		}
		if symptoms != nil {
			e.must(201, e.token(u), "POST", "/api/v1/checkins", map[string]any{"symptoms": symptoms, "sleep_h": 8}, nil)
		}
		return u.ID
	}
	soon := mk("cy", []string{"sharp-pain"})
	fresh := mk("di", nil)
	urgent := mk("ed", []string{"chest-pain"})
	var rows []struct {
		ID        int64 `json:"id"`
		Readiness int   `json:"readiness"`
		RedFlag   struct {
			Needed  bool   `json:"needed"`
			Urgency string `json:"urgency"`
		} `json:"red_flag"`
	}
	e.must(200, coach, "GET", "/api/v1/athletes", nil, &rows)
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	// Ana reported a swollen, warm calf today (urgent) as Ed did; Cy
	// sharp pain (soon); Di nothing.
	want := map[int64]string{e.ana.ID: "urgent", urgent: "urgent", soon: "soon", fresh: ""}
	if len(rows) != 4 || ids[3] != fresh || ids[2] != soon {
		t.Fatalf("coach table %v: want the urgent red flags (Ana, Ed), then Cy (soon), then Di", ids)
	}
	for _, r := range rows {
		if r.RedFlag.Urgency != want[r.ID] || r.RedFlag.Needed != (want[r.ID] != "") {
			t.Errorf("athlete %d: red flag %+v, want %q", r.ID, r.RedFlag, want[r.ID])
		}
	}
	if rows[0].Readiness > rows[1].Readiness {
		t.Errorf("urgent rows %+v: lowest readiness first", rows[:2])
	}
	var none []any
	e.must(200, e.boTok, "GET", "/api/v1/athletes", nil, &none)
	if len(none) != 0 {
		t.Errorf("an athlete's athletes: %v", none)
	}
}

func testCalendar(t *testing.T, e *apiEnv) {
	var feed struct {
		URL   string   `json:"url"`
		Token tokenDoc `json:"token"`
	}
	e.must(201, e.anaToken, "POST", "/api/v1/calendar", nil, &feed)
	if !strings.HasPrefix(feed.URL, e.ts.URL+"/calendar/") || !strings.HasSuffix(feed.URL, ".ics") || feed.Token.Scope != "calendar" {
		t.Fatalf("calendar feed %+v", feed)
	}
	u, err := url.Parse(feed.URL)
	if err != nil {
		t.Fatal(err)
	}
	res, body := e.call("", "GET", u.Path, nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("feed: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	text := string(body)
	if !strings.HasPrefix(text, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(text, "END:VCALENDAR\r\n") {
		t.Errorf("feed does not start and end as an iCalendar: %.80q … %q", text, text[max(0, len(text)-40):])
	}
	lines := strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n")
	for i, l := range lines {
		if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
			t.Errorf("line %d has a bare line break: %q", i, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d has %d octets (RFC 5545 folds at 75): %q", i, len(l), l)
		}
	}
	unfolded := strings.ReplaceAll(text, "\r\n ", "")
	if n := strings.Count(unfolded, "BEGIN:VEVENT\r\n"); n != 7 {
		t.Errorf("%d events, want 7", n)
	}
	for _, want := range []string{"VERSION:2.0\r\n", "PRODID:", "DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:", "SUMMARY:", "DESCRIPTION:",
		"UID:", "DTSTAMP:", "Rebound informs\\; it does not diagnose."} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	// The feed's secret is no API token.
	secret := strings.TrimSuffix(u.Path[len("/calendar/"):], ".ics")
	e.must(401, secret, "GET", "/api/v1/me", nil, nil)
	// A new address replaces the old one.
	var again struct {
		URL string `json:"url"`
	}
	e.must(201, e.anaToken, "POST", "/api/v1/calendar", nil, &again)
	if again.URL == feed.URL {
		t.Fatal("the new address is the old one")
	}
	if res, _ := e.call("", "GET", u.Path, nil); res.StatusCode != 404 {
		t.Errorf("old feed address: %d, want 404", res.StatusCode)
	}
	u2, _ := url.Parse(again.URL)
	if res, _ := e.call("", "GET", u2.Path, nil); res.StatusCode != 200 {
		t.Errorf("new feed address: %d", res.StatusCode)
	}
	// An API token is no calendar secret, and garbage is not found.
	for _, p := range []string{"/calendar/" + e.anaToken + ".ics", "/calendar/nothing.ics", "/calendar/" + secret} {
		if res, _ := e.call("", "GET", p, nil); res.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
		}
	}
}

func testErrors(t *testing.T, e *apiEnv) {
	tok := e.anaToken
	// Unknown routes and methods answer JSON errors.
	res, body := e.call(tok, "GET", "/api/v1/nothing", nil)
	if res.StatusCode != 404 || errorCode(body) != "not_found" {
		t.Errorf("unknown route: %d %s", res.StatusCode, body)
	}
	res, body = e.call(tok, "PATCH", "/api/v1/profile", map[string]any{})
	if res.StatusCode != 405 || res.Header.Get("Allow") != "GET, PUT, HEAD" || errorCode(body) != "method_not_allowed" {
		t.Errorf("PATCH profile: %d Allow=%q %s", res.StatusCode, res.Header.Get("Allow"), body)
	}
	// A JSON body over 1 MiB is refused with 413.
	big := map[string]any{"name": strings.Repeat("x", 2<<20)}
	res, body = e.call(tok, "POST", "/api/v1/tokens", big)
	if res.StatusCode != 413 || errorCode(body) != "too_large" {
		t.Errorf("2 MiB body: %d %.200s", res.StatusCode, body)
	}
	e.must(400, tok, "PUT", "/api/v1/profile", []byte(`{"weight_kg":`), nil)
	e.must(400, tok, "GET", "/api/v1/today?athlete=ana", nil, nil)
	e.must(400, tok, "GET", "/api/v1/today?date=2026-02-30", nil, nil)
}

// TestAPIUploadLimit: an upload over Config.MaxUpload is refused with 413
// and stores nothing.
func TestAPIUploadLimit(t *testing.T) {
	e := newAPIEnv(t, func(c *server.Config) { c.MaxUpload = 64 << 10 })
	res, body := e.upload(e.anaToken, "", corpusFile(t, fenixRun)) // 119 KB
	if res.StatusCode != http.StatusRequestEntityTooLarge || errorCode(body) != "too_large" {
		t.Errorf("upload over the limit: %d %s", res.StatusCode, body)
	}
	var list listDoc
	e.must(200, e.anaToken, "GET", "/api/v1/activities", nil, &list)
	if list.Total != 0 {
		t.Errorf("%d activities stored", list.Total)
	}
	res, body = e.upload(e.anaToken, "", corpusFile(t, "fit/fitparse__garmin-fenix-5-run.fit")) // 5.6 KB
	if res.StatusCode != 200 {
		t.Errorf("upload under the limit: %d %s", res.StatusCode, body)
	}
}

// TestAPIUploadInBrowser: a signed-in browser uploads with its session and
// CSRF token (header or form field), as the upload page does; without
// the token it is refused.
func TestAPIUploadInBrowser(t *testing.T) {
	e := newTestEnv(t)
	b := e.signIn(e.ana)
	data, ct := multipartBody(t, []uploadFile{corpusFile(t, "fit/fitparse__garmin-fenix-5-run.fit")})
	res := b.do("POST", "/api/v1/activities", bytes.NewReader(data), ct)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("upload with X-CSRF-Token: %d", res.StatusCode)
	}
	// The token as a form field, before the file (as a form posts it).
	var buf bytes.Buffer
	mw := formWithCSRF(t, &buf, b.csrf, corpusFile(t, devDataRun))
	csrf := b.csrf
	b.csrf = ""
	res = b.do("POST", "/api/v1/activities", &buf, mw)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("upload with a csrf_token field: %d", res.StatusCode)
	}
	data, ct = multipartBody(t, []uploadFile{corpusFile(t, gpxRun)})
	res = b.do("POST", "/api/v1/activities", bytes.NewReader(data), ct)
	res.Body.Close()
	if res.StatusCode != 403 {
		t.Errorf("upload without a CSRF token: %d, want 403", res.StatusCode)
	}
	b.csrf = csrf
	res = b.do("GET", "/api/v1/activities", nil, "")
	defer res.Body.Close()
	var list listDoc
	if err := json.NewDecoder(res.Body).Decode(&list); err != nil || list.Total != 2 {
		t.Errorf("after the browser's uploads: %v, %d activities, want 2", err, list.Total)
	}
}

// TestAPIUploadSpillsLargeFiles: a file over the in-memory size (8 MiB)
// goes through a temporary file, is imported from it like any other, and
// the temporary file is gone after the request.
func TestAPIUploadSpillsLargeFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // os.CreateTemp("", …) writes here
	e := newAPIEnv(t)
	run := corpusFile(t, gpxRun)
	// A GPX run padded with a 9 MiB comment inside <gpx>: still the same run.
	end := bytes.LastIndex(run.data, []byte("</gpx>"))
	if end < 0 {
		t.Fatalf("%s has no </gpx>", gpxRun)
	}
	big := append(append(append([]byte{}, run.data[:end]...), "<!-- "+strings.Repeat("x", 9<<20)+" -->\n"...), run.data[end:]...)
	res, body := e.upload(e.anaToken, "", uploadFile{"big.gpx", big})
	var rep reportDoc
	if err := json.Unmarshal(body, &rep); err != nil || res.StatusCode != 200 || rep.Imported != 1 {
		t.Fatalf("upload of a %d MiB GPX file: %d %.300s", len(big)>>20, res.StatusCode, body)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range left {
		if strings.HasPrefix(f.Name(), "rebound-upload-") {
			t.Errorf("temporary file %s left after the upload", f.Name())
		}
	}
}
