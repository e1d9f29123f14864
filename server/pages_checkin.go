package server

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/web"
)

// checkinPage is the data of the check-in form (page-checkin).
type checkinPage struct {
	Action    string
	CSRF      string
	Day       string
	Existing  bool // the day has a check-in already: the form updates it
	Soreness  []web.MuscleValue
	Sleep     web.Field
	Quality   web.Field
	Stress    web.Field
	Resting   web.Field
	HRV       web.Field
	Urgent    web.Choices
	Soon      web.Choices
	LatestRun string // "Sunday's long run, 21.1 km"; "" without runs
	RunHref   string
	Before    web.Field
	After     web.Field
	RPE       web.Field
	Errors    []string
	// ReadOnly is a coach's view: the day's answers, no form.
	ReadOnly bool
	Summary  []web.KV
}

// pageCheckIn is the morning check-in form.
func (s *Server) pageCheckIn(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, false)
	if !ok {
		return
	}
	c := v.st.CheckInOn(v.st.Now)
	if !v.Own {
		p := checkinPage{ReadOnly: true, Day: v.st.Now.Format("Monday 2 January"), Existing: c != nil}
		if c != nil {
			p.Summary = checkinSummary(*c)
			for _, m := range recovery.Muscles {
				if x, ok := c.Soreness[m]; ok {
					p.Soreness = append(p.Soreness, web.MuscleValue{Muscle: string(m), Value: x})
				}
			}
		}
		page := pageFor(r, v.Target, web.NavCheckin, v.Athlete.Name+"’s check-in", p)
		page.Subtitle = p.Day
		s.render(w, r, http.StatusOK, "page-checkin", page)
		return
	}
	s.renderCheckIn(w, r, v, http.StatusOK, s.checkinForm(r, v, c))
}

func (s *Server) renderCheckIn(w http.ResponseWriter, r *http.Request, v *view, status int, p checkinPage) {
	page := pageFor(r, v.Target, web.NavCheckin, "Morning check-in", p)
	page.Subtitle = p.Day + ": a minute now makes today's readiness, and your soreness model, fit you better"
	if len(p.Errors) > 0 {
		page.Flash = append(page.Flash, web.Flash{Kind: "error", Message: "Please check the highlighted answers: " + strings.Join(p.Errors, "; ") + "."})
	}
	s.render(w, r, status, "page-checkin", page)
}

// checkinForm is the form, filled with a day's check-in when there is one.
func (s *Server) checkinForm(r *http.Request, v *view, c *recovery.CheckIn) checkinPage {
	p := checkinPage{Action: v.link("/checkin"), CSRF: CSRFToken(r), Day: v.st.Now.Format("Monday 2 January"), Existing: c != nil}
	num := func(f float64, d int) string {
		if math.IsNaN(f) {
			return ""
		}
		return strconv.FormatFloat(f, 'f', d, 64)
	}
	var cur recovery.CheckIn
	if c != nil {
		cur = *c
	} else {
		cur = recovery.CheckIn{SleepH: math.NaN(), SleepQuality: math.NaN(), Stress: math.NaN(), RestingHR: math.NaN(), HRVms: math.NaN()}
	}
	for _, m := range recovery.Muscles {
		p.Soreness = append(p.Soreness, web.MuscleValue{Muscle: string(m), Value: cur.Soreness[m]})
	}
	p.Sleep = web.Field{Name: "sleep", Label: "Sleep last night", Type: "number", Value: num(cur.SleepH, 1), Min: "0", Max: fmtG(recovery.HoursInDay), Step: "0.25", Unit: "h"}
	p.Quality = web.Field{Name: "sleep-quality", Label: "Sleep quality", Options: scale(cur.SleepQuality, "Poor", "Fair", "OK", "Good", "Great")}
	p.Stress = web.Field{Name: "stress", Label: "Stress", Options: scale(cur.Stress, "Very low", "Low", "Some", "High", "Very high")}
	p.Resting = web.Field{Name: "resting-hr", Label: "Resting heart rate", Type: "number", Value: num(cur.RestingHR, 0), Min: fmtG(recovery.RestingHRMin), Max: fmtG(recovery.RestingHRMax), Step: "1", Unit: "bpm",
		Help: "Measured lying down, before you get up; compared with your own baseline."}
	p.HRV = web.Field{Name: "hrv", Label: "Heart-rate variability (rMSSD)", Type: "number", Value: num(cur.HRVms, 0), Min: fmtG(recovery.HRVMin), Max: fmtG(recovery.HRVMax), Step: "1", Unit: "ms",
		Help: "From your watch or strap, if it measures it."}
	has := map[string]bool{}
	for _, sym := range cur.Symptoms {
		has[sym] = true
	}
	p.Urgent = web.Choices{Name: "symptoms", Legend: "Needs help today", Alert: true,
		Help: "Any of these means: don't run, get medical help now."}
	p.Soon = web.Choices{Name: "symptoms", Legend: "More than normal soreness",
		Help: "Any of these means: stop running on it and see a doctor or physiotherapist."}
	for _, sym := range protocol.Symptoms() {
		o := web.Option{Value: sym.ID, Label: sym.Name, Checked: has[sym.ID]}
		if sym.Urgency == protocol.Urgent {
			p.Urgent.Options = append(p.Urgent.Options, o)
		} else {
			p.Soon.Options = append(p.Soon.Options, o)
		}
	}
	unit, lo, hi := weightUnit(v.units)
	minW, maxW := strconv.FormatFloat(lo, 'g', -1, 64), strconv.FormatFloat(hi, 'g', -1, 64)
	p.Before = web.Field{Name: "weight-before", Label: "Weight before the run", Type: "number", Min: minW, Max: maxW, Step: "0.1", Unit: unit}
	p.After = web.Field{Name: "weight-after", Label: "Weight after the run", Type: "number", Min: minW, Max: maxW, Step: "0.1", Unit: unit,
		Help: "Weighed just before and after, in the same clothes: Rebound turns the difference into how much to drink."}
	p.RPE = web.Field{Name: "rpe", Label: "How hard did it feel?", Type: "select",
		Help: "Borg CR-10 session effort (Foster 2001): it sets the load of runs without heart rate. “Not rated” removes a rating."}
	if n := len(v.st.Entries); n > 0 {
		e := v.st.Entries[n-1]
		p.LatestRun = fmt.Sprintf("%s, %s (%s)", v.title(e), v.clock(e.A.Start.In(v.loc)),
			v.units.Distance(e.A.Summary.DistanceM))
		p.RunHref = v.link("/runs/" + itoa(e.A.ID))
		cur, rated := v.st.H.RPE[e.A.ID]
		p.RPE.Options = []web.Option{{Value: "", Label: "Not rated", Checked: !rated}}
		for i, l := range []string{"Rest", "Very, very easy", "Easy", "Moderate", "Somewhat hard", "Hard", "Hard+", "Very hard", "Very hard+", "Very, very hard", "Maximal"} {
			p.RPE.Options = append(p.RPE.Options, web.Option{Value: strconv.Itoa(i), Label: fmt.Sprintf("%d · %s", i, l), Checked: rated && cur == float64(i)})
		}
	}
	return p
}

// scale is a 1-5 rating's radio buttons.
func scale(cur float64, labels ...string) []web.Option {
	out := make([]web.Option, len(labels))
	for i, l := range labels {
		out[i] = web.Option{Value: strconv.Itoa(i + 1), Label: l, Checked: cur == float64(i+1)}
	}
	return out
}

// postCheckIn saves the morning check-in (app.CheckIn: merged with an
// earlier one of the same day, with the latest run's effort rating, in
// one transaction) and says how much to drink when the runner weighed
// themselves; then shows Today, where readiness already reflects it. The
// form shows every symptom, so it always answers the symptom question:
// nothing ticked clears earlier red flags.
func (s *Server) postCheckIn(w http.ResponseWriter, r *http.Request) {
	v, ok := s.openForm(w, r)
	if !ok {
		return
	}
	p := s.checkinForm(r, v, nil)
	in, fields, ps := checkinInput(r.PostForm, &p, v)
	var res *app.CheckedIn
	err := ps.Err()
	if err == nil {
		res, err = v.app.CheckIn(r.Context(), in)
	}
	if errors.As(err, &ps) {
		for _, pr := range ps {
			if fl := fields[strings.SplitN(pr.Field, ".", 2)[0]]; fl != nil {
				fl.Error = pr.Message
				p.Errors = append(p.Errors, withFirst(fl.Label, unicode.ToLower)+": "+pr.Message)
			} else {
				p.Errors = append(p.Errors, pr.String())
			}
		}
		s.renderCheckIn(w, r, v, http.StatusBadRequest, p)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := res.Today
	msg := fmt.Sprintf("Check-in saved. Readiness is %d: %s.", score(t), strings.ToLower(present.AdviceFor(t.Recommendation).Label))
	kind := "success"
	if t.SeeProfessional.Needed {
		kind = "warning"
		msg = "Check-in saved. What you reported needs a professional: see the box below."
	}
	if plan := res.Plan; plan != nil {
		n := plan.Nutrition
		msg += fmt.Sprintf(" Drink %s–%s over the next hours after %s", v.units.Volume(n.FluidML.Min), v.units.Volume(n.FluidML.Max),
			v.titleOf(plan.Run.ID))
		if len(n.Notes) > 0 {
			msg += " (" + n.Notes[0] + ")"
		}
		msg += "."
		for _, wn := range plan.Warnings {
			if wn.Code == "dehydration" {
				msg += " " + wn.Message
				kind = "warning"
			}
		}
	}
	ret := res.State.Returning()
	if note := present.ClearedNote(res.Withdrawn, ret != nil && ret.Cleared.Equal(res.CheckIn.Date)); note != "" {
		msg += " " + note
	}
	s.setFlash(w, r, kind, msg)
	s.back(w, r, v.Target, "/")
}

// checkinInput parses the check-in form into the input every channel
// gives app.CheckIn, filling p with what was entered (to show it again
// with the problems). It returns p's fields by the input's field names
// (present.Problem.Field, before any dot), and the values that are not
// even numbers; ranges are app.CheckIn's to check.
func checkinInput(f url.Values, p *checkinPage, v *view) (present.CheckInInput, map[string]*web.Field, present.Problems) {
	in := present.CheckInInput{Soreness: map[string]float64{}, Symptoms: []string{}}
	var ps present.Problems
	number := func(raw string) *float64 {
		x, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64)
		if err != nil {
			x = math.NaN() // not a number: out of every range
		}
		return &x
	}
	field := func(fl *web.Field) *float64 {
		raw := strings.TrimSpace(f.Get(fl.Name))
		fl.Value = raw
		for i := range fl.Options {
			fl.Options[i].Checked = fl.Options[i].Value == raw
		}
		if raw == "" {
			return nil
		}
		return number(raw)
	}
	for i, mu := range recovery.Muscles {
		if raw := strings.TrimSpace(f.Get("soreness-" + string(mu))); raw != "" {
			in.Soreness[string(mu)] = *number(raw)
			p.Soreness[i].Value = in.Soreness[string(mu)]
		}
	}
	in.SleepH, in.SleepQuality, in.Stress = field(&p.Sleep), field(&p.Quality), field(&p.Stress)
	in.RestingHR, in.HRVms = field(&p.Resting), field(&p.HRV)
	in.Symptoms = append(in.Symptoms, f["symptoms"]...)
	checked := map[string]bool{}
	for _, sym := range in.Symptoms {
		checked[sym] = true
	}
	for _, ch := range []*web.Choices{&p.Urgent, &p.Soon} {
		for i := range ch.Options {
			ch.Options[i].Checked = checked[ch.Options[i].Value]
		}
	}
	// The latest run: its effort rating, and weights for its fluid advice
	// in the units the form shows.
	if n := len(v.st.Entries); n > 0 {
		// The form always sends rpe when there is a run: "Not rated" ("")
		// removes an earlier rating; a post without the field leaves it be.
		if raws, sent := f["rpe"]; sent {
			in.RPE = map[string]*float64{itoa(v.st.Entries[n-1].A.ID): nil}
			if raws[0] != "" {
				in.RPE[itoa(v.st.Entries[n-1].A.ID)] = number(raws[0])
			}
			for i := range p.RPE.Options {
				p.RPE.Options[i].Checked = p.RPE.Options[i].Value == raws[0]
			}
		}
	}
	weight := func(fl *web.Field, name string) *present.Weight {
		raw := strings.TrimSpace(f.Get(fl.Name))
		fl.Value = raw
		if raw == "" {
			return nil
		}
		wt, err := present.ParseWeight(raw)
		if err != nil {
			ps = append(ps, present.Problem{Field: name, Message: rebound.ErrorMessage(err)})
			return nil
		}
		wt = wt.In(present.WeightUnitOf(v.units.System))
		return &wt
	}
	in.WeightBefore, in.WeightAfter = weight(&p.Before, "weight_before"), weight(&p.After, "weight_after")
	fields := map[string]*web.Field{"sleep_h": &p.Sleep, "sleep_quality": &p.Quality, "stress": &p.Stress, "resting_hr": &p.Resting,
		"hrv_ms": &p.HRV, "rpe": &p.RPE, "weight_before": &p.Before, "weight_after": &p.After}
	return in, fields, ps
}

// checkinSummary lists a check-in's answers.
func checkinSummary(c recovery.CheckIn) []web.KV {
	var kv []web.KV
	f := func(label string, x float64, format string) {
		if !math.IsNaN(x) {
			kv = append(kv, web.KV{Label: label, Value: fmt.Sprintf(format, x)})
		}
	}
	f("Sleep", c.SleepH, "%.1f h")
	f("Sleep quality", c.SleepQuality, "%.0f of 5")
	f("Stress", c.Stress, "%.0f of 5")
	f("Resting heart rate", c.RestingHR, "%.0f bpm")
	f("HRV", c.HRVms, "%.0f ms")
	var syms []string
	for _, id := range c.Symptoms {
		if sym, ok := protocol.SymptomByID(id); ok {
			syms = append(syms, sym.Name)
		}
	}
	if len(syms) > 0 {
		kv = append(kv, web.KV{Label: "Symptoms", Value: strings.Join(syms, ", ")})
	} else {
		kv = append(kv, web.KV{Label: "Symptoms", Value: "none"})
	}
	return kv
}

// fmtG formats a form field's bound.
func fmtG(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
