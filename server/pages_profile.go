package server

import (
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/web"
)

// profilePage is the data of the profile page (page-profile).
type profilePage struct {
	ReadOnly   bool
	Action     string
	CSRF       string
	Fields     []web.Field
	Conditions web.Choices
	Equipment  web.Choices
	Background web.Choices // the new-runner box beside the background fields
	HRNote     string
	Summary    []web.KV // a coach's read-only view
	Shoes      []shoeRow
	ShoeAction string
	ShoeUnit   string
	ShoeLimit  string
	Tokens     []tokenRow
	TokenNew   string // a new API token, shown once
	TokenForm  string
	// Your data: the export's downloads and the account's deletion form
	// (only on one's own profile).
	ExportJSON, ExportCSV string
	DeleteAction          string
	AccountName           string
	Errors                []string
}

// shoeRow is one pair of shoes.
type shoeRow struct {
	Name, Distance, Limit string
	Runs                  int
	Percent               float64
	Default, Retired      bool
	Worn                  bool
}

// tokenRow is one personal API token.
type tokenRow struct {
	Name, Created, Delete string
}

var conditionLabels = map[string]string{"heart-disease": "Heart disease", "high-blood-pressure": "High blood pressure", "diabetes": "Diabetes",
	"raynauds": "Raynaud’s", "pregnancy": "Pregnancy", "injury": "A current injury",
	"peripheral-arterial-disease": "Peripheral arterial disease"}

var equipmentLabels = map[string]string{"foam-roller": "Foam roller", "massage-gun": "Massage gun", "ice-bath": "Ice bath",
	"bathtub": "Bathtub", "compression": "Compression garments", "pool": "Pool", "bike": "Bike or trainer", "elliptical": "Elliptical"}

// pageProfile is the profile, shoes and API tokens.
func (s *Server) pageProfile(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, false)
	if !ok {
		return
	}
	p, err := s.profileForm(r, v, v.st.H.Profile)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderProfile(w, r, v, http.StatusOK, p)
}

func (s *Server) renderProfile(w http.ResponseWriter, r *http.Request, v *view, status int, p profilePage) {
	title := "Profile"
	if !v.Own {
		title = v.Athlete.Name + "’s profile"
	}
	page := pageFor(r, v.Target, web.NavProfile, title, p)
	page.Subtitle = "What Rebound knows about you shapes every plan: heart-rate zones, grams and millilitres, what to leave out"
	if len(p.Errors) > 0 {
		page.Flash = append(page.Flash, web.Flash{Kind: "error", Message: strings.Join(p.Errors, " ")})
	}
	s.render(w, r, status, "page-profile", page)
}

// profileForm is the profile page for prof.
func (s *Server) profileForm(r *http.Request, v *view, prof profile.Profile) (profilePage, error) {
	u := present.For(prof)
	p := profilePage{ReadOnly: !v.Own, Action: "/profile", CSRF: CSRFToken(r), ShoeAction: "/profile/shoes", TokenForm: "/profile/tokens"}
	hr := prof.HR()
	p.HRNote = fmt.Sprintf("Heart-rate zones use resting %.0f and maximum %.0f bpm", hr.Rest, hr.Max)
	if hr.MaxEstimated {
		p.HRNote += " (maximum estimated as 208 − 0.7 × age, Tanaka 2001)"
	}
	p.HRNote += "."
	num := func(x float64, scale float64, d int) string {
		if x <= 0 {
			return ""
		}
		return strconv.FormatFloat(math.Round(x*scale*math.Pow10(d))/math.Pow10(d), 'f', -1, 64)
	}
	wUnit, wLo, wHi := weightUnit(u)
	wScale := 1.0
	if u.Imperial() {
		wScale = 1 / present.KgPerPound
	}
	age := ""
	if prof.Age > 0 {
		age = strconv.Itoa(prof.Age)
	}
	sel := func(opts [][2]string, cur string) []web.Option {
		out := make([]web.Option, len(opts))
		for i, o := range opts {
			out[i] = web.Option{Value: o[0], Label: o[1], Checked: o[0] == cur}
		}
		return out
	}
	p.Fields = []web.Field{
		{Name: "weight", Label: "Weight", Type: "number", Value: num(prof.WeightKg, wScale, 1),
			Min: strconv.FormatFloat(wLo, 'g', -1, 64), Max: strconv.FormatFloat(wHi, 'g', -1, 64), Step: "0.1", Unit: wUnit,
			Help: "For grams of carbohydrate and protein after a run."},
		{Name: "age", Label: "Age", Type: "number", Value: age, Min: "1", Max: "110", Step: "1", Unit: "years",
			Help: "Estimates your maximum heart rate when you don't set it; older runners get an extra rest day after long runs."},
		{Name: "sex", Label: "Sex", Type: "select", Help: "Chooses the sex-specific TRIMP coefficients (Banister).",
			Options: sel([][2]string{{"", "Not given"}, {"female", "Female"}, {"male", "Male"}}, string(prof.Sex))},
		{Name: "resting-hr", Label: "Resting heart rate", Type: "number", Value: num(prof.RestingHR, 1, 0), Min: "25", Max: "120", Step: "1", Unit: "bpm"},
		{Name: "max-hr", Label: "Maximum heart rate", Type: "number", Value: num(prof.MaxHR, 1, 0), Min: "100", Max: "240", Step: "1", Unit: "bpm",
			Help: "Leave empty to estimate it from your age."},
		{Name: "units", Label: "Units", Type: "select",
			Options: sel([][2]string{{"metric", "Metric (km, kg, °C)"}, {"imperial", "Imperial (mi, lb, °F)"}}, string(prof.UnitsOrDefault()))},
		{Name: "timezone", Label: "Time zone", Value: profile.ZoneName(prof.Timezone), Auto: "off",
			Help: "An IANA name such as Europe/Berlin or America/New_York, or an offset such as UTC+01:00; days and times are shown in it."},
	}
	p.Fields = append(p.Fields, backgroundFields(prof)...)
	p.Background = web.Choices{Name: "background", Legend: "Running background",
		Help:    "Until Rebound has four weeks of your runs, what you are used to decides how sore a run makes you and how soon you are ready; without it Rebound assumes a recreational runner.",
		Options: []web.Option{{Value: "new-runner", Label: "I am new to running", Checked: prof.Background.NewRunner}}}
	p.Conditions = web.Choices{Name: "conditions", ID: "conditions", Legend: "Health conditions",
		Help: "Rebound leaves out what a condition rules out: no ice baths with heart disease, high blood pressure or diabetes, for example."}
	for _, c := range profile.Conditions {
		p.Conditions.Options = append(p.Conditions.Options, web.Option{Value: c, Label: conditionLabels[c], Checked: slices.Contains(prof.Conditions, c)})
	}
	p.Equipment = web.Choices{Name: "equipment", ID: "equipment", Legend: "Equipment you have", Help: "Techniques that need something you don't have are left out of your plans."}
	for _, e := range profile.Equipment {
		p.Equipment.Options = append(p.Equipment.Options, web.Option{Value: e, Label: equipmentLabels[e], Checked: slices.Contains(prof.Equipment, e)})
	}
	if p.ReadOnly {
		for _, f := range p.Fields {
			val := f.Value
			if f.Type == "select" {
				for _, o := range f.Options {
					if o.Checked {
						val = o.Label
					}
				}
			} else if val != "" && f.Unit != "" {
				val += " " + f.Unit
			}
			if val == "" {
				val = "not set"
			}
			p.Summary = append(p.Summary, web.KV{Label: f.Label, Value: val})
		}
		list := func(xs []string, labels map[string]string) string {
			var out []string
			for _, x := range xs {
				out = append(out, labels[x])
			}
			if len(out) == 0 {
				return "none"
			}
			return strings.Join(out, ", ")
		}
		p.Summary = append(p.Summary, web.KV{Label: "Conditions", Value: list(prof.Conditions, conditionLabels)},
			web.KV{Label: "Equipment", Value: list(prof.Equipment, equipmentLabels)},
			web.KV{Label: "Running background", Value: present.Background(prof)})
	}
	// Shoes.
	shoes, err := v.Store.FindShoes(r.Context())
	if err != nil {
		return p, err
	}
	p.ShoeUnit, p.ShoeLimit = "km", fmt.Sprintf("%.0f", math.Round(protocol.ShoeLimitKmMax))
	if u.Imperial() {
		p.ShoeUnit, p.ShoeLimit = "mi", fmt.Sprintf("%.0f", math.Round(protocol.ShoeLimitKmMax*1000/present.MetresPerMile))
	}
	slices.SortStableFunc(shoes, func(a, b store.Shoe) int {
		switch {
		case a.Retired != b.Retired:
			if a.Retired {
				return 1
			}
			return -1
		case a.Default != b.Default:
			if a.Default {
				return -1
			}
			return 1
		}
		return 0
	})
	for _, sh := range shoes {
		row := shoeRow{Name: sh.Name, Distance: u.Distance(sh.DistanceM), Runs: sh.Runs, Default: sh.Default, Retired: sh.Retired}
		if sh.LimitKm > 0 {
			row.Limit = u.Distance(sh.LimitKm * 1000)
			row.Percent = math.Min(100, sh.DistanceM/10/sh.LimitKm)
			row.Worn = sh.Worn()
		}
		p.Shoes = append(p.Shoes, row)
	}
	// API tokens and the runner's data (only on one's own profile).
	if v.Own {
		p.ExportJSON, p.ExportCSV = "/api/v1/export?format=json", "/api/v1/export?format=csv"
		p.DeleteAction, p.AccountName = "/profile/delete", v.Viewer.Name
		toks, err := s.cfg.DB.FindTokens(r.Context(), v.Viewer.ID)
		if err != nil {
			return p, err
		}
		for _, t := range toks {
			if t.Scope == account.ScopeAPI {
				p.Tokens = append(p.Tokens, tokenRow{Name: t.Name, Created: v.day(t.CreatedAt), Delete: "/profile/tokens/" + itoa(t.ID) + "/delete"})
			}
		}
	}
	return p, nil
}

// postProfile saves the profile form.
func (s *Server) postProfile(w http.ResponseWriter, r *http.Request) {
	v, ok := s.openForm(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	prof := v.st.H.Profile
	next := prof
	errs := map[string]string{}
	num := formNumber(f, errs)
	switch units := f.Get("units"); units {
	case "metric", "imperial":
		next.Units = profile.Units(units)
	default:
		errs["units"] = "Choose metric or imperial."
	}
	// The weight is entered in the units shown on the form (the old ones).
	next.WeightKg = 0
	if raw := strings.TrimSpace(f.Get("weight")); raw != "" {
		if w, err := present.ParseWeight(raw); err != nil {
			_, lo, hi := weightUnit(present.For(prof))
			errs["weight"] = fmt.Sprintf("Enter a number from %g to %g, or leave it empty.", lo, hi)
		} else if kg, q := app.ProfileWeight(prof, next.UnitsOrDefault(), w.In(present.WeightUnitOf(prof.UnitsOrDefault()))); q != nil {
			errs["weight"] = withFirst(q.Error(), unicode.ToUpper) + "."
		} else {
			next.WeightKg = kg
		}
	}
	next.Age = int(num("age", 1, 110))
	if raw := f.Get("age"); raw != "" && errs["age"] == "" && float64(next.Age) != num("age", 1, 110) {
		errs["age"] = "Enter whole years."
	}
	switch sex := f.Get("sex"); sex {
	case "", "male", "female":
		next.Sex = profile.Sex(sex)
	default:
		errs["sex"] = "Choose female, male or not given."
	}
	next.RestingHR = num("resting-hr", 25, 120)
	next.MaxHR = num("max-hr", 100, 240)
	if next.MaxHR > 0 && next.RestingHR > 0 && next.MaxHR <= next.RestingHR && errs["max-hr"] == "" {
		errs["max-hr"] = "Must be above your resting heart rate."
	}
	next.Timezone = strings.TrimSpace(f.Get("timezone"))
	if next.Timezone != "" {
		if _, err := profile.LoadZone(next.Timezone); err != nil || strings.EqualFold(next.Timezone, "local") {
			errs["timezone"] = "Not a time zone Rebound knows: use a name such as Europe/Berlin, or leave it empty for UTC."
		}
	}
	pick := func(name string, known []string) []string {
		out := []string{}
		for _, x := range f[name] {
			if slices.Contains(known, x) && !slices.Contains(out, x) {
				out = append(out, x)
			} else if !slices.Contains(known, x) {
				errs[name] = fmt.Sprintf("Unknown choice %q.", x)
			}
		}
		return out
	}
	next.Conditions = pick("conditions", profile.Conditions)
	next.Equipment = pick("equipment", profile.Equipment)
	next.Background = readBackground(f, present.For(prof), prof.Background, num, errs)
	if len(errs) == 0 {
		if err := next.Validate(); err != nil {
			errs["form"] = rebound.ErrorMessage(err)
		}
	}
	if len(errs) > 0 {
		p, err := s.profileForm(r, v, prof)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		// Show what was entered, with the messages.
		for i := range p.Fields {
			fl := &p.Fields[i]
			if fl.Type == "select" {
				for j := range fl.Options {
					fl.Options[j].Checked = fl.Options[j].Value == f.Get(fl.Name)
				}
			} else {
				fl.Value = f.Get(fl.Name)
			}
			fl.Error = errs[fl.Name]
		}
		for _, ch := range []*web.Choices{&p.Conditions, &p.Equipment, &p.Background} {
			for j := range ch.Options {
				ch.Options[j].Checked = slices.Contains(f[ch.Name], ch.Options[j].Value)
			}
		}
		p.Errors = []string{"The profile was not saved."}
		if m := errs["form"]; m != "" {
			p.Errors = append(p.Errors, m)
		}
		s.renderProfile(w, r, v, http.StatusBadRequest, p)
		return
	}
	if err := v.app.SaveProfile(r.Context(), next); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, r, "success", "Profile saved: zones, loads and plans follow at once.")
	s.back(w, r, v.Target, "/profile")
}

// formNumber returns a reader of a form's optional numbers: a field's
// value (a decimal comma is fine), 0 when empty, and 0 with a message in
// errs under the field's name when it is not a number from lo to hi.
func formNumber(f url.Values, errs map[string]string) func(name string, lo, hi float64) float64 {
	return func(name string, lo, hi float64) float64 {
		raw := strings.TrimSpace(strings.ReplaceAll(f.Get(name), ",", "."))
		if raw == "" {
			return 0
		}
		x, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(x) || x < lo || x > hi {
			errs[name] = fmt.Sprintf("Enter a number from %g to %g, or leave it empty.", lo, hi)
			return 0
		}
		return x
	}
}

// Bounds of the background fields, in km a week and years.
const (
	formWeeklyMax = profile.MaxWeeklyKm
	formYearsMax  = profile.MaxRunningYears
)

// backgroundFields are the profile form's fields of the runner's
// background: weekly distance (in their units) and years of running.
func backgroundFields(prof profile.Profile) []web.Field {
	u := present.For(prof)
	unit, scale := "km a week", 1.0
	if u.Imperial() {
		unit, scale = "mi a week", 1000/present.MetresPerMile
	}
	num := func(x float64) string {
		if x <= 0 {
			return ""
		}
		return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
	}
	return []web.Field{
		{Name: "weekly-distance", Label: "Usual weekly running", Type: "number", Value: num(prof.Background.WeeklyKm * scale), Min: "0",
			Max: strconv.FormatFloat(math.Round(formWeeklyMax*scale), 'f', -1, 64), Step: "any", Unit: unit,
			Help: "Before the runs Rebound holds; it stands in for them until four weeks of your runs are in."},
		{Name: "running-years", Label: "Years of running", Type: "number", Value: num(prof.Background.RunningYears), Min: "0",
			Max: strconv.Itoa(formYearsMax), Step: "any", Unit: "years"},
	}
}

// readBackground reads the background fields of a profile or Today form
// (weekly-distance in the form's units, running-years, and background =
// new-runner when ticked) over old, noting errors in errs.
func readBackground(f url.Values, u present.Units, old profile.Background, num func(string, float64, float64) float64, errs map[string]string) profile.Background {
	b := old
	scale := 1.0
	if u.Imperial() {
		scale = present.MetresPerMile / 1000
	}
	b.WeeklyKm = num("weekly-distance", 0, math.Round(formWeeklyMax/scale)) * scale
	b.RunningYears = num("running-years", 0, formYearsMax)
	b.NewRunner = slices.Contains(f["background"], "new-runner")
	if b.NewRunner && (b.WeeklyKm > 0 || b.RunningYears > 0) {
		errs["weekly-distance"] = "A new runner has no weekly distance or years yet: clear them, or untick “I am new to running”."
	}
	return b
}

// postBackground answers the Today page's question about the runner's
// background: action save (weekly-distance, running-years), new (new to
// running) or dismiss (stop asking; Rebound keeps assuming a
// recreational runner).
func (s *Server) postBackground(w http.ResponseWriter, r *http.Request) {
	v, ok := s.openForm(w, r)
	if !ok {
		return
	}
	prof := v.st.H.Profile
	next := prof
	errs := map[string]string{}
	num := formNumber(r.PostForm, errs)
	msg := "Background saved: your plans now start from what you are used to."
	switch action := r.PostForm.Get("action"); action {
	case "save":
		next.Background = readBackground(r.PostForm, present.For(prof), prof.Background, num, errs)
		if !next.Background.Given() && len(errs) == 0 {
			errs["weekly-distance"] = "Enter your usual weekly distance or years of running, or choose “I am new to running”."
		}
	case "new":
		next.Background = profile.Background{NewRunner: true}
	case "dismiss":
		next.Background.Dismissed = true
		msg = "Rebound won’t ask again; it keeps assuming a recreational runner until it has four weeks of your runs. You can give your background in your profile at any time."
	default:
		errs["action"] = fmt.Sprintf("unknown action %q", action)
	}
	if len(errs) == 0 {
		if err := next.Validate(); err != nil {
			errs["form"] = rebound.ErrorMessage(err)
		}
	}
	if len(errs) > 0 {
		var all []string
		for _, k := range slices.Sorted(maps.Keys(errs)) {
			all = append(all, errs[k])
		}
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "%s", strings.Join(all, " ")))
		return
	}
	if err := v.app.SaveProfile(r.Context(), next); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, r, "success", msg)
	s.back(w, r, v.Target, "/")
}

// postShoe adds a pair of shoes (action add, name, limit), makes one the
// default (action default) or retires it (action retire).
func (s *Server) postShoe(w http.ResponseWriter, r *http.Request) {
	v, ok := s.openForm(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	name := strings.TrimSpace(r.PostForm.Get("name"))
	if name == "" || len(name) > 80 {
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "give the shoes a name of 1 to 80 characters"))
		return
	}
	var msg string
	switch action := r.PostForm.Get("action"); action {
	case "add":
		if _, err := v.Store.FindShoe(ctx, name); err == nil {
			s.fail(w, r, rebound.Errorf(rebound.ECONFLICT, "you already have shoes called %q", name))
			return
		}
		sh := store.Shoe{Name: name, LimitKm: math.Round(protocol.ShoeLimitKmMax), Default: r.PostForm.Get("default") != ""}
		if raw := strings.TrimSpace(r.PostForm.Get("limit")); raw != "" {
			x, err := strconv.ParseFloat(raw, 64)
			if err != nil || x <= 0 || x > 5000 {
				s.fail(w, r, rebound.Errorf(rebound.EINVALID, "the limit must be a distance from 1 to 5000"))
				return
			}
			if v.units.Imperial() {
				x *= present.MetresPerMile / 1000
			}
			sh.LimitKm = x
		}
		if err := v.Store.SaveShoe(ctx, sh); err != nil {
			s.fail(w, r, err)
			return
		}
		msg = name + " added."
	case "default", "retire", "unretire":
		sh, err := v.Store.FindShoe(ctx, name)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		switch action {
		case "default":
			sh.Default, sh.Retired = true, false
			msg = sh.Name + " now goes to newly imported runs."
		case "retire":
			sh.Retired, sh.Default = true, false
			msg = sh.Name + " retired."
		default:
			sh.Retired = false
			msg = sh.Name + " back in use."
		}
		if err := v.Store.SaveShoe(ctx, sh); err != nil {
			s.fail(w, r, err)
			return
		}
	default:
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "unknown shoe action %q", action))
		return
	}
	s.setFlash(w, r, "success", msg)
	s.back(w, r, v.Target, "/profile#shoes")
}

// postToken creates a personal API token and shows it once.
func (s *Server) postToken(w http.ResponseWriter, r *http.Request) {
	v, ok := s.openForm(w, r)
	if !ok {
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	if name == "" {
		name = "API token"
	}
	if len(name) > 80 {
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "a token name has at most 80 characters"))
		return
	}
	secret := account.TokenPrefix + account.NewSecret()
	if err := s.cfg.DB.CreateToken(r.Context(), &account.Token{UserID: v.Viewer.ID, Name: name, Scope: account.ScopeAPI,
		Hash: account.HashSecret(secret)}); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.profileForm(r, v, v.st.H.Profile)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.TokenNew = secret
	s.renderProfile(w, r, v, http.StatusOK, p)
}

// postDeleteToken deletes one of the viewer's API tokens.
func (s *Server) postDeleteToken(w http.ResponseWriter, r *http.Request) {
	s.deleteToken(w, r, account.ScopeAPI, "/profile#tokens", "Token deleted: scripts using it can no longer sign in.")
}

// deleteToken deletes a token of the viewer's of the given scope.
func (s *Server) deleteToken(w http.ResponseWriter, r *http.Request, scope account.Scope, back, msg string) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, rebound.Errorf(rebound.ENOTFOUND, "no such token"))
		return
	}
	toks, err := s.cfg.DB.FindTokens(r.Context(), t.Viewer.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !slices.ContainsFunc(toks, func(k account.Token) bool { return k.ID == id && k.Scope == scope }) {
		s.fail(w, r, rebound.Errorf(rebound.ENOTFOUND, "no such token"))
		return
	}
	if err := s.cfg.DB.DeleteToken(r.Context(), t.Viewer.ID, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, r, "success", msg)
	s.back(w, r, t, back)
}

// postCalendar creates the secret iCalendar feed address (served by
// calendarFeed at /calendar/SECRET.ics) and shows it once.
func (s *Server) postCalendar(w http.ResponseWriter, r *http.Request) {
	v, ok := s.open(w, r, true)
	if !ok {
		return
	}
	// One feed at a time, as POST /api/v1/calendar: a new address
	// replaces the old one, which stops working.
	url, _, err := s.replaceCalendarFeed(r, v.Viewer.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderWeek(w, r, v, url)
}

// postDeleteCalendar stops a calendar feed.
func (s *Server) postDeleteCalendar(w http.ResponseWriter, r *http.Request) {
	s.deleteToken(w, r, account.ScopeCalendar, "/week#calendar", "Calendar feed stopped: calendars subscribed to it no longer update.")
}
