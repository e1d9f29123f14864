package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
)

// funcs returns the helpers every template can use (listed in doc.go).
func funcs(assets *assetTable) template.FuncMap {
	return template.FuncMap{
		"asset":       assets.path,
		"json":        toJSON,
		"dict":        dict,
		"list":        func(v ...any) []any { return v },
		"get":         field,
		"number":      number,
		"percent":     percent,
		"fmtDur":      fmtDur,
		"timing":      timing,
		"grade":       grade,
		"timeline":    timeline,
		"priorities":  priorities,
		"advice":      advice,
		"flagHeading": present.FlagHeading,
		"flagAdvice":  flagAdvice,
		"noTraining":  func() string { return present.NoTraining },
		"tenPercent":  func() string { return present.TenPercentRule },
		"kind":        kind,
		"status":      func(s any) string { return present.StatusWord(fmt.Sprint(s)) },
		"sore":        sore,
		"body":        body,
		"regions":     regions,
		"soreClass":   soreClass,
		"ring":        ring,
		"impact":      impact,
		"pct":         pct,
		"label":       func(id any) string { return Label(fmt.Sprint(id)) },
		"navItems":    navItems,
		"join":        strings.Join,
		"add":         func(a, b int) int { return a + b },
		"mul":         func(a, b int) int { return a * b },
		"short":       short,
		"shortDate":   shortDate,
		"hasPrefix":   strings.HasPrefix,
	}
}

// flagAdvice is present.FlagAdvice of a red flag: a coach.SeeProfessional,
// a view that embeds one (the server's flagView), or the style guide's map
// with an Urgency.
func flagAdvice(v any) string {
	switch x := v.(type) {
	case coach.SeeProfessional:
		return present.FlagAdvice(x)
	case *coach.SeeProfessional:
		return present.FlagAdvice(*x)
	}
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() == reflect.Struct {
		if f := rv.FieldByName("SeeProfessional"); f.IsValid() {
			if sp, ok := f.Interface().(coach.SeeProfessional); ok {
				return present.FlagAdvice(sp)
			}
		}
	}
	return present.FlagAdvice(coach.SeeProfessional{Needed: true, Urgency: fmt.Sprint(field(v, "Urgency"))})
}

// toJSON marshals v for a <script type="application/json"> block. The
// encoder escapes <, > and & as \u003c…, so the text cannot close the element.
func toJSON(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// dict builds a map from alternating keys and values, to pass several values
// to a template: {{template "gauge" dict "Score" 72 "Label" "Readiness"}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// float reads any number (or a named number type) as a float64.
func float(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case time.Duration:
		return x.Seconds(), true
	case nil:
		return 0, false
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Float32, reflect.Float64:
		return r.Float(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(r.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(r.Uint()), true
	case reflect.Pointer:
		if r.IsNil() {
			return 0, false
		}
		return float(r.Elem().Interface())
	}
	return 0, false
}

// number formats v with thousands separators and the given number of
// decimals (default 0): number 12345.67 1 is "12,345.7". NaN, infinities
// and non-numbers give "–".
func number(v any, decimals ...int) string {
	f, ok := float(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	d := 0
	if len(decimals) > 0 {
		d = max(decimals[0], 0)
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', d, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if f < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("−") // U+2212 minus sign
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// short formats a number with at most one decimal, dropping ".0":
// 4.5 is "4.5", 6 is "6".
func short(v any) string {
	f, ok := float(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	return strings.TrimSuffix(number(f, 1), ".0")
}

// shortDate turns "2026-11-24" into "24 Nov"; other text is returned as is.
func shortDate(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return d.Format("2 Jan")
}

// percent formats a fraction as a percentage: percent 0.764 is "76%",
// percent 0.764 1 is "76.4%".
func percent(v any, decimals ...int) string {
	f, ok := float(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	return number(f*100, decimals...) + "%"
}

// fmtDur formats seconds (any number) or a time.Duration as h:mm:ss, or
// m:ss under an hour: 3723 is "1:02:03", 305 is "5:05".
func fmtDur(v any) string {
	f, ok := float(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	sign := ""
	if f < 0 {
		sign, f = "−", -f
	}
	s := int64(math.Round(f))
	h, m, sec := s/3600, s/60%60, s%60
	if h > 0 {
		return fmt.Sprintf("%s%d:%02d:%02d", sign, h, m, sec)
	}
	return fmt.Sprintf("%s%d:%02d", sign, m, sec)
}

// timing is present.Window for templates (which pass numbers of any
// type): when a step happens, worded as the CLI words it.
func timing(startH, endH any) string {
	s, _ := float(startH)
	e, _ := float(endH)
	return present.Window(s, e)
}

// Grade is how an evidence grade is shown.
type Grade struct {
	Level   int    // 1 strongest … 4 weakest, 5 expert practice, 0 unknown
	Label   string // short, for the badge
	Meaning string // one sentence, for the tooltip
	Bars    []Bar  // the badge's signal bars
}

// Bar is one bar of a grade badge, in a 15×12 box.
type Bar struct {
	X, Y, H int
	On      bool
}

func (g Grade) withBars() Grade {
	for i := range 4 {
		h := 3 + 3*i
		g.Bars = append(g.Bars, Bar{X: 4 * i, Y: 12 - h, H: h, On: g.Level >= 1 && g.Level <= 4 && i < 5-g.Level})
	}
	return g
}

// grade maps an evidence grade to its badge, worded by present.GradeFor.
func grade(g string) Grade {
	p := present.GradeFor(g)
	return Grade{Level: p.Level, Label: p.Label, Meaning: p.Meaning}.withBars()
}

// Phase is one group of the recovery timeline.
type Phase struct {
	ID    string
	Title string
	Hint  string
	Steps []any
}

// timeline groups steps (a slice of structs or maps with a Phase field) by
// phase in time order; unknown phases follow, in the order first seen.
func timeline(steps any) ([]Phase, error) {
	r := reflect.ValueOf(steps)
	if !r.IsValid() {
		return nil, nil
	}
	if r.Kind() != reflect.Slice && r.Kind() != reflect.Array {
		return nil, fmt.Errorf("timeline: want a slice of steps, got %T", steps)
	}
	var out []Phase
	at := map[string]int{}
	for _, p := range protocol.Phases() {
		id := string(p)
		at[id] = len(out)
		out = append(out, Phase{ID: id, Title: present.PhaseTitle(id), Hint: present.PhaseHint(id)})
	}
	for i := range r.Len() {
		s := r.Index(i).Interface()
		id := fmt.Sprint(field(s, "Phase"))
		j, ok := at[id]
		if !ok {
			j = len(out)
			at[id] = j
			out = append(out, Phase{ID: id, Title: present.PhaseTitle(id)})
		}
		out[j].Steps = append(out[j].Steps, s)
	}
	kept := out[:0]
	for _, p := range out {
		if len(p.Steps) > 0 {
			kept = append(kept, p)
		}
	}
	return kept, nil
}

// PriorityGroup is the steps of a plan of one priority (coach.DoThis,
// Helpful, MoreOptions) under its heading; Priority 0 is steps without
// one, under no heading.
type PriorityGroup struct {
	Priority int
	Heading  string
	Steps    []any
}

// priorities groups steps (a slice of structs or maps with a Priority
// field) by priority, first to last, in their order within each.
func priorities(steps any) ([]PriorityGroup, error) {
	r := reflect.ValueOf(steps)
	if !r.IsValid() {
		return nil, nil
	}
	if r.Kind() != reflect.Slice && r.Kind() != reflect.Array {
		return nil, fmt.Errorf("priorities: want a slice of steps, got %T", steps)
	}
	var out []PriorityGroup
	at := map[int]int{}
	for i := range r.Len() {
		s := r.Index(i).Interface()
		p, _ := float(field(s, "Priority"))
		pr := int(p)
		j, ok := at[pr]
		if !ok {
			j = len(out)
			at[pr] = j
			g := PriorityGroup{Priority: pr}
			if pr > 0 {
				g.Heading = present.PriorityHeading(pr)
			}
			out = append(out, g)
		}
		out[j].Steps = append(out[j].Steps, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Priority < out[j].Priority })
	return out, nil
}

// field reads a struct field or map entry by name; nil if absent.
func field(v any, name string) any {
	r := reflect.ValueOf(v)
	for r.Kind() == reflect.Pointer || r.Kind() == reflect.Interface {
		if r.IsNil() {
			return nil
		}
		r = r.Elem()
	}
	switch r.Kind() {
	case reflect.Struct:
		if f := r.FieldByName(name); f.IsValid() && f.CanInterface() {
			return f.Interface()
		}
	case reflect.Map:
		if r.Type().Key().Kind() == reflect.String {
			if f := r.MapIndex(reflect.ValueOf(name).Convert(r.Type().Key())); f.IsValid() {
				return f.Interface()
			}
		}
	}
	return nil
}

// Advice is how a recommendation is shown (present.Advice).
type Advice = present.Advice

func advice(rec any) Advice { return present.AdviceFor(fmt.Sprint(rec)) }

// kind labels a run kind (easy, recovery, long, hard, race,
// cross-training) or a week day's type (those and rest).
func kind(k any) string { return present.KindLabel(fmt.Sprint(k)) }

// Sore is how a soreness rating is shown.
type Sore struct {
	Value float64
	Level int    // 0-10, for the sore-N classes
	Word  string // none, mild, moderate, strong, severe
}

// sore rounds a 0-10 soreness to its colour level and word.
func sore(v any) Sore {
	f, ok := float(v)
	if !ok || math.IsNaN(f) {
		f = 0
	}
	f = math.Max(0, math.Min(10, f))
	level := int(math.Round(f))
	word := "none"
	switch {
	case f >= 8:
		word = "severe"
	case f >= 6:
		word = "strong"
	case f >= 4:
		word = "moderate"
	case f >= 1:
		word = "mild"
	case f > 0:
		word = "slight"
	}
	return Sore{Value: f, Level: level, Word: word}
}

// Region is one muscle group of the body diagram.
type Region struct {
	ID    string
	Label string
	Known bool // a value was given
	Sore
}

// Muscles are the body diagram's regions, in the order of its legend.
var Muscles = []string{"quads", "hamstrings", "glutes", "hip-flexors", "calves", "shins", "feet"}

// body turns soreness values into the diagram's regions. It takes a slice of
// structs or maps with Muscle and Value (MuscleValue, coach.SorenessNow) or a
// map from muscle to value.
func body(v any) (map[string]Region, error) {
	out := make(map[string]Region, len(Muscles))
	for _, m := range Muscles {
		out[m] = Region{ID: m, Label: Label(m)}
	}
	set := func(m string, val any) {
		if r, ok := out[m]; ok {
			r.Known = true
			r.Sore = sore(val)
			out[m] = r
		}
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Invalid:
	case reflect.Map:
		if r.Type().Key().Kind() != reflect.String {
			return nil, fmt.Errorf("body: map keys of %T are not strings", v)
		}
		it := r.MapRange()
		for it.Next() {
			set(it.Key().String(), it.Value().Interface())
		}
	case reflect.Slice, reflect.Array:
		for i := range r.Len() {
			e := r.Index(i).Interface()
			set(fmt.Sprint(field(e, "Muscle")), field(e, "Value"))
		}
	default:
		return nil, fmt.Errorf("body: want a slice or map of soreness values, got %T", v)
	}
	return out, nil
}

// regions is body in the order of Muscles.
func regions(v any) ([]Region, error) {
	m, err := body(v)
	if err != nil {
		return nil, err
	}
	out := make([]Region, len(Muscles))
	for i, id := range Muscles {
		out[i] = m[id]
	}
	return out, nil
}

// soreClass is a region's colour class: sore-0 … sore-10, or sore-na
// without a value.
func soreClass(r Region) string {
	if !r.Known {
		return "sore-na"
	}
	return "sore-" + strconv.Itoa(r.Level)
}

// Ring is the geometry of the readiness gauge: a circle of radius 52 whose
// stroke is dashed to the score's share of its circumference.
type Ring struct {
	Score int
	Dash  string // stroke-dasharray
	Level string // low, mid or high, for the colour
}

func ring(score any) Ring {
	f, _ := float(score)
	s := int(math.Round(math.Max(0, math.Min(100, f))))
	const circ = 2 * math.Pi * 52
	filled := circ * float64(s) / 100
	level := "high"
	switch {
	case s < 40:
		level = "low"
	case s < 67:
		level = "mid"
	}
	return Ring{Score: s, Dash: fmt.Sprintf("%.2f %.2f", filled, circ), Level: level}
}

// impact formats a readiness factor's penalty (points off 100) as "−10",
// "−0.5", or "±0" when it costs nothing.
func impact(penalty any) string {
	p, _ := float(penalty)
	if math.Abs(p) < 0.05 {
		return "±0"
	}
	d := 0
	if math.Abs(p) < 9.95 && math.Abs(p-math.Round(p)) >= 0.05 {
		d = 1
	}
	if p < 0 { // a bonus
		return "+" + number(-p, d)
	}
	return "−" + number(p, d)
}

// pct is v as a percentage of total, clamped to 0-100, for SVG widths:
// pct 30 120 is "25%".
func pct(v, total any) string {
	a, _ := float(v)
	b, _ := float(total)
	if b <= 0 || math.IsNaN(a) {
		return "0%"
	}
	return strconv.FormatFloat(math.Max(0, math.Min(100, a/b*100)), 'f', 1, 64) + "%"
}

// Label turns an ID into a label: "hip-flexors" becomes "Hip flexors".
// Templates call it as label, on any value.
func Label(id string) string { return present.Label(id) }

// NavLink is one link of the rendered navigation bar.
type NavLink struct {
	ID, Label, Href string
	Active          bool
}

// navItems lists the nav links a page (a Page or *Page) shows.
func navItems(v any) ([]NavLink, error) {
	var p Page
	switch x := v.(type) {
	case Page:
		p = x
	case *Page:
		p = *x
	default:
		return nil, fmt.Errorf("navItems: want a web.Page, got %T", v)
	}
	var out []NavLink
	coach := p.User != nil && (p.User.Role == "coach" || p.User.Role == "admin")
	for _, it := range Nav {
		if it.Coach && !coach || it.Own && p.Athlete != "" {
			continue
		}
		href := it.Href
		if !it.Coach {
			href = strings.TrimSuffix(p.Base+it.Href, "/")
			if href == "" {
				href = "/"
			}
		}
		out = append(out, NavLink{ID: it.ID, Label: it.Label, Href: href, Active: it.ID == p.Nav})
	}
	return out, nil
}
