package present

import (
	"fmt"
	"math"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// LoadJSON is the JSON of `rebound load`.
type LoadJSON struct {
	Date        string         `json:"date"`
	Fitness     Num            `json:"fitness"`
	Fatigue     Num            `json:"fatigue"`
	Form        Num            `json:"form"`
	FormNote    string         `json:"form_note"`
	ACWR        Num            `json:"acwr"`
	Monotony    Num            `json:"monotony"`
	Strain      Num            `json:"strain"`
	Weeks       []WeekJSON     `json:"weeks"`
	Days        []DayJSON      `json:"days"`
	ACWRNote    string         `json:"acwr_note"`
	TenPercent  string         `json:"ten_percent_note"`
	LoadUnit    string         `json:"load_unit"`
	LoadSources map[string]int `json:"load_sources"`
}

// WeekJSON is one week of `rebound load --json`.
type WeekJSON struct {
	Start     string `json:"start"`
	DistanceM Num    `json:"distance_m"`
	Load      Num    `json:"load"`
	Runs      int    `json:"runs"`
	Change    Num    `json:"change"`
	OverLimit bool   `json:"over_10_percent"`
	CapM      Num    `json:"cap_m"`
	SoFar     bool   `json:"in_progress"`
}

// DayJSON is one day of `rebound load --json`.
type DayJSON struct {
	Date    string `json:"date"`
	Load    Num    `json:"load"`
	Fitness Num    `json:"fitness"`
	Fatigue Num    `json:"fatigue"`
	Form    Num    `json:"form"`
	ACWR    Num    `json:"acwr"`
}

// NewLoad is the training-load view of a state: today's figures, the last
// weeks' days and weekly running distance.
func NewLoad(st *coach.State, weeks int) LoadJSON {
	out := LoadJSON{Date: st.Now.Format("2006-01-02"), Fitness: Num(math.NaN()), Fatigue: Num(math.NaN()),
		Form: Num(math.NaN()), ACWR: Num(math.NaN()), Monotony: Num(math.NaN()), Strain: Num(math.NaN()),
		Weeks: []WeekJSON{}, Days: []DayJSON{}, ACWRNote: "EWMA acute:chronic ratio (Williams et al. 2017). The 0.8-1.3 and >1.5 bands are disputed (Impellizzeri et al. 2020): information, not a verdict.",
		TenPercent: protocol.TenPercentRuleCaveat, LoadUnit: "Banister TRIMP (rated or estimated sessions converted to the same scale)", LoadSources: map[string]int{}}
	for _, e := range st.Entries {
		out.LoadSources[e.Session.Source]++
	}
	if n := len(st.Days); n > 0 {
		d := st.Days[n-1]
		out.Fitness, out.Fatigue, out.Form, out.ACWR = Num(d.Fitness), Num(d.Fatigue), Num(d.Form), Num(d.ACWR)
		out.FormNote = "no load before today"
		if n > 1 {
			// Form is the day before's balance: name its numbers, so that
			// the subtraction can be checked beside today's.
			y := st.Days[n-2]
			out.FormNote = fmt.Sprintf("fitness %.1f − fatigue %.1f at the end of %s", y.Fitness, y.Fatigue, y.Date.Format("Mon 2 Jan"))
		}
		m, s := load.Monotony(st.Days)
		out.Monotony, out.Strain = Num(m), Num(s)
		for _, d := range st.Days[max(0, n-7*weeks):] {
			out.Days = append(out.Days, DayJSON{d.Date.Format("2006-01-02"), Num(d.Load), Num(d.Fitness), Num(d.Fatigue), Num(d.Form), Num(d.ACWR)})
		}
	}
	ws := st.Weeks
	if len(ws) > weeks {
		ws = ws[len(ws)-weeks:]
	}
	for _, w := range ws {
		out.Weeks = append(out.Weeks, WeekJSON{w.Start.Format("2006-01-02"), Num(w.DistanceM), Num(w.Load), w.Runs, Num(w.Change), w.OverLimit, Num(w.CapM), w.InProgress})
	}
	return out
}

// ModelJSON is the JSON of `rebound model`.
type ModelJSON struct {
	Personal     ParamsJSON `json:"personal"`
	Population   ParamsJSON `json:"population"`
	CheckIns     int        `json:"check_ins"`
	Observations int        `json:"observations"`
	// PeakRuns is how many runs' ratings can show when soreness peaks:
	// the peak time is fitted from recovery.PeakMinRuns on.
	PeakRuns int `json:"peak_runs"`
	// PeakHours is when soreness peaks for this runner now: the personal
	// peak time lengthened by age and sleep debt (recovery.Modifiers),
	// the number every plan's "peaks … h after" uses.
	PeakHours     float64 `json:"peak_hours"`
	MAEPopulation Num     `json:"mae_population"`
	MAEPersonal   Num     `json:"mae_personal"`
	Explanation   string  `json:"explanation"`
}

// ModelExplanation says what the fitted model parameters mean.
var ModelExplanation = fmt.Sprintf("Soreness per muscle is forecast from each run's muscular load, softened by what you are used to (repeated-bout effect; until four weeks of your runs are in, your running background stands in for them) and spread over a DOMS time course. "+
	"Your gain scales how sore runs make you; your peak time is when soreness peaks. Both are fitted to your check-ins and shrunk toward the population values: one check-in moves the gain by at most ×%g, "+
	"and the peak time stays at the population's %g h until your ratings after %d different runs can show when yours peaks. A morning's ratings never move the peak time, so rating less soreness never makes the forecast or the clocks longer. "+
	"Forecast errors are measured on your newest 25%% of check-ins, with the model fitted on the rest.", recovery.GainStepPerCheckIn, recovery.DefaultPeakH, recovery.PeakMinRuns)

// NewModel is what Rebound has learned about a runner's recovery.
func NewModel(st *coach.State) ModelJSON {
	f := st.Fitted
	out := ModelJSON{Personal: ParamsJSON(f.Params), Population: ParamsJSON(recovery.DefaultParams()), CheckIns: len(st.H.CheckIns), Observations: f.Observations, PeakRuns: f.PeakRuns,
		MAEPopulation: Num(f.MAEPopulation), MAEPersonal: Num(f.MAEPersonal),
		PeakHours: math.Round(st.Mod.PeakHours(f.Params.PeakH)), Explanation: ModelExplanation}
	return out
}

// PeakWords says when soreness peaks for the runner of st, the peak every
// plan's forecast uses, and how it comes from their own peak time: "83 h
// after a run (61 h from your check-ins, × 1.37 for age and sleep)", or
// held at recovery.MaxPeakH. The CLI's model, the model, soreness and run
// pages all say it so.
func PeakWords(st *coach.State) string {
	own, stretch := st.Params().PeakH, st.Mod.Stretch()
	at := math.Round(st.Mod.PeakHours(own))
	switch {
	case st.Mod.Held(own):
		return fmt.Sprintf("%.0f h after a run (your %.0f h × %.2f for age and sleep would be %.0f h; held at %.0f h, the latest the studies put the peak)",
			at, own, stretch, own*stretch, recovery.MaxPeakH)
	case at != math.Round(own):
		return fmt.Sprintf("%.0f h after a run (your %.0f h × %.2f for age and sleep)", at, own, stretch)
	}
	return fmt.Sprintf("%.0f h after a run", at)
}
