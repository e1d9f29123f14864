package web

import (
	"math"
	"time"

	"github.com/rebound-run/rebound/coach"
)

// StyleGuide returns the page that shows every component with sample
// data (template "styleguide"). The server may serve it in a development
// mode; the tests render it and take screenshots of it.
func StyleGuide() Page {
	return Page{
		Title:    "Style guide",
		Subtitle: "Every component of the dashboard, with sample data.",
		Nav:      NavToday,
		User:     &User{Name: "Alex Runner", Role: "coach"},
		CSRF:     "sample-csrf-token",
		Flash:    []Flash{{Kind: "success", Message: "Check-in saved. Readiness updated to 72."}},
		Actions:  []Link{{Label: "Check in", Href: "#checkin", Primary: true}, {Label: "Upload", Href: "#upload"}},
		Content:  "styleguide",
		Data:     sampleData(),
	}
}

// sample is the style guide's data: one field per component.
type sample struct {
	Flashes    []Flash
	Readiness  map[string]any
	Factors    []sampleFactor
	RedUrgent  sampleFlag
	RedSoon    sampleFlag
	Warnings   []sampleWarning
	Soreness   []MuscleValue
	Checklist  Checklist
	Steps      []sampleStep
	Tiles      []Tile
	Nutrition  []Tile
	Zones      []Zone
	Laps       Table
	RunCharts  []Chart
	Route      Route
	LoadCharts []Chart
	Forecast   Chart
	Week       []Day
	Runs       []RunRow
	Athletes   []AthleteRow
	Model      []KV
	Empty      Empty
	Upload     Upload
	Checkin    sampleCheckin
	Profile    sampleProfile
	Grades     []string
	Kinds      []string
	Advice     []string
}

// The shapes of coach.Step, recovery.Factor, coach.Warning and
// coach.SeeProfessional, without importing the engine.
type (
	sampleStep struct {
		Phase                           string
		StartH, EndH                    float64
		Title, Dose, How, Why, Evidence string
		Sources                         []string
		Note, Disagreement              string
	}
	sampleFactor struct {
		Name, Value, Status, Reason, Source string
		Penalty                             float64
	}
	sampleFlag    = coach.SeeProfessional
	sampleWarning struct{ Code, Message string }
	sampleCheckin struct {
		Action   string
		Soreness []MuscleValue
		Sleep    Field
		Quality  Field
		Stress   Field
		Resting  Field
		HRV      Field
		Symptoms Choices
		Before   Field
		After    Field
	}
	sampleProfile struct {
		Action     string
		Fields     []Field
		Conditions Choices
		Equipment  Choices
	}
)

func sampleData() sample {
	soreness := []MuscleValue{{"quads", 6}, {"hamstrings", 4.5}, {"glutes", 3}, {"hip-flexors", 2}, {"calves", 7.5}, {"shins", 1}, {"feet", 0}}
	return sample{
		Flashes: []Flash{
			{Kind: "success", Message: "3 activities imported, 1 duplicate skipped."},
			{Kind: "info", Message: "Your maximum heart rate is estimated from your age (Tanaka). Set it in your profile for better zones."},
			{Kind: "warning", Message: "Last week's distance rose 18% over the week before."},
			{Kind: "error", Message: "That file could not be read: FIT header CRC mismatch."},
		},
		Readiness: map[string]any{
			"Score": 72, "Recommendation": "easy-run",
			"Reasons": []string{"your calves are sore (7/10)", "form is slightly negative after Sunday's long run"},
			"Note":    "Hard sessions are fine again from Thu 15:13",
		},
		Factors: []sampleFactor{
			{Name: "Muscle soreness", Value: "7.5/10 (calves)", Penalty: 12, Status: "poor", Reason: "your calves are sore", Source: "DOMS time course: Cheung et al. 2003"},
			{Name: "Form (fitness − fatigue)", Value: "−9 (−11% of fitness)", Penalty: 3.4, Status: "fair", Reason: "recent training has left some fatigue", Source: "Banister 42/7-day model"},
			{Name: "Sleep", Value: "6.9 h, quality 3/5", Penalty: 0.5, Status: "fair", Reason: "a little short of the 7-9 h recovery needs"},
			{Name: "Acute:chronic load", Value: "0.96", Penalty: 0, Status: "good", Reason: "load is close to your usual"},
			{Name: "Resting heart rate", Value: "51 bpm (baseline 52 ± 1)", Penalty: -1, Status: "good", Reason: "resting HR is at or below your baseline"},
			{Name: "Heart-rate variability", Value: "no data", Penalty: 0, Status: "unknown", Reason: "log HRV in the check-in to use it"},
		},
		RedUrgent: sampleFlag{Needed: true, Urgency: "urgent", Reasons: []string{"Dark, cola-coloured urine: with severe muscle pain after a hard effort it can mean muscle breakdown (exertional rhabdomyolysis)."}},
		RedSoon: sampleFlag{Needed: true, Urgency: "soon", Reasons: []string{"Pain in a bone: a tender spot on the shin that hurts to press or hop on can be a bone stress injury.", "Soreness lasting more than 7 days."},
			Clear: coach.ClearProfessional, ClearSteps: []coach.ClearStep{{How: coach.ClearProfessional, By: coach.ClearBySymptoms}}},
		Warnings: []sampleWarning{
			{Code: "ten-percent", Message: "This week's distance is 18% above last week's: the 10% rule is a ceiling, not a target."},
			{Code: "hr-estimated", Message: "Maximum heart rate is estimated (208 − 0.7 × age); zones and TRIMP may be off."},
		},
		Soreness: soreness,
		Checklist: Checklist{Action: "#checklist", CSRF: "sample-csrf-token", Items: []ChecklistItem{
			{ID: "cool-down", Title: "Cool-down walk", Detail: "5-10 min of walking or very easy jogging", Done: true},
			{ID: "refuel", Title: "Refuel: carbohydrate and protein", Detail: "49-73 g carbohydrate and 15-24 g protein within 30-60 min", Done: true},
			{ID: "rehydrate", Title: "Rehydrate", Detail: "473-710 ml over the next hours"},
			{ID: "active-recovery", Title: "Active recovery", Detail: "20-30 min of walking, easy cycling or swimming at a chatting effort"},
			{ID: "sleep", Title: "Sleep", Detail: "7-9 h tonight"},
		}},
		Steps: sampleSteps(),
		Tiles: []Tile{
			{Label: "Distance", Value: "21.10", Unit: "km", Note: "device 21.10 km"},
			{Label: "Moving time", Value: "1:43:04", Note: "elapsed 1:43:04"},
			{Label: "Pace", Value: "4:53", Unit: "/km", Note: "grade-adjusted 4:53"},
			{Label: "Heart rate", Value: "167", Unit: "bpm", Note: "max 178"},
			{Label: "TRIMP", Value: "323", Note: "Banister, from heart rate"},
			{Label: "Elevation", Value: "+16 / −16", Unit: "m"},
			{Label: "Cadence", Value: "172", Unit: "spm"},
			{Label: "Temperature", Value: "8", Unit: "°C"},
		},
		Nutrition: []Tile{
			{Label: "Carbohydrate", Value: "49-73", Unit: "g", Note: "within 30-60 min"},
			{Label: "Protein", Value: "15-24", Unit: "g", Note: "0.25-0.4 g per kg"},
			{Label: "Fluid", Value: "473-710", Unit: "ml", Note: "with electrolytes"},
		},
		Zones: []Zone{
			{Name: "Z1", Range: "< 118 bpm", Time: "0:35", Percent: 0.6},
			{Name: "Z2", Range: "118-132 bpm", Time: "0:15", Percent: 0.2},
			{Name: "Z3", Range: "132-146 bpm", Time: "0:31", Percent: 0.5},
			{Name: "Z4", Range: "146-164 bpm", Time: "1:34:47", Percent: 91.9},
			{Name: "Z5", Range: "> 164 bpm", Time: "6:57", Percent: 6.7},
		},
		Laps: Table{
			Head:    []string{"Lap", "Distance", "Time", "Pace", "HR"},
			Numeric: []bool{false, true, true, true, true},
			Rows: [][]string{
				{"1", "5.00 km", "24:41", "4:56 /km", "158"},
				{"2", "5.00 km", "24:22", "4:52 /km", "166"},
				{"3", "5.00 km", "24:18", "4:52 /km", "169"},
				{"4", "5.00 km", "24:25", "4:53 /km", "172"},
				{"5", "1.10 km", "5:18", "4:49 /km", "176"},
			},
		},
		RunCharts:  sampleRunCharts(),
		Route:      Route{ID: "route", Title: "Route: 21.1 km loop, start and finish marked", Points: sampleRoute()},
		LoadCharts: sampleLoadCharts(),
		Forecast:   sampleForecast(),
		Week: []Day{
			{Date: "2026-11-24", Weekday: "Tuesday", Type: "rest", Today: true, Reasons: []string{"calves still sore after Sunday's long run"}},
			{Date: "2026-11-25", Weekday: "Wednesday", Type: "cross-training", Distance: "45 min", Reasons: []string{"low-impact aerobic work while the legs recover"}},
			{Date: "2026-11-26", Weekday: "Thursday", Type: "easy", Distance: "8 km", Strength: true, Reasons: []string{"easy running is fine from Thu 15:13"}},
			{Date: "2026-11-27", Weekday: "Friday", Type: "rest"},
			{Date: "2026-11-28", Weekday: "Saturday", Type: "hard", Distance: "10 km", Reasons: []string{"intervals once hard sessions are fine again"}},
			{Date: "2026-11-29", Weekday: "Sunday", Type: "long", Distance: "18 km", Reasons: []string{"28% of the week's distance"}},
			{Date: "2026-11-30", Weekday: "Monday", Type: "easy", Distance: "6 km", Strength: true},
		},
		Runs: []RunRow{
			{Href: "#run-64", Date: "Sun 22 Nov", Time: "09:30", Name: "Half marathon", Kind: "long", Distance: "21.10 km", Duration: "1:43:04", Pace: "4:53 /km", HR: "167", Load: "323"},
			{Href: "#run-63", Date: "Sat 21 Nov", Time: "09:07", Kind: "easy", Distance: "5.02 km", Duration: "29:10", Pace: "5:49 /km", HR: "131", Load: "41"},
			{Href: "#run-62", Date: "Thu 19 Nov", Time: "18:15", Name: "6 × 800 m", Kind: "hard", Distance: "9.84 km", Duration: "48:31", Pace: "4:56 /km", HR: "158", Load: "142"},
			{Href: "#run-61", Date: "Wed 18 Nov", Time: "07:02", Name: "Spin class", Kind: "cross-training", Sport: "cycling", Distance: "–", Duration: "45:00", Pace: "–", HR: "", Load: "58"},
		},
		Athletes: []AthleteRow{
			{Name: "Sam Ortiz", Href: "#sam", Readiness: 41, Recommendation: "rest", RedFlag: "urgent", LastRun: "Sun · long · 30.2 km"},
			{Name: "Kim Lee", Href: "#kim", Readiness: 58, Recommendation: "active-recovery", RedFlag: "soon", LastRun: "Sat · hard · 10.1 km", CheckedIn: true},
			{Name: "Alex Runner", Href: "#alex", Readiness: 72, Recommendation: "easy-run", LastRun: "Sun · long · 21.1 km", CheckedIn: true},
			{Name: "Jo Park", Href: "#jo", Readiness: 88, Recommendation: "quality-ok", LastRun: "Fri · easy · 8.0 km", CheckedIn: true},
			{Name: "Ria Shah", Href: "#ria", NoData: true},
		},
		Model: []KV{
			{Label: "Soreness gain", Value: "1.45 ×", Note: "population 1.00"},
			{Label: "Peak soreness", Value: "67 h after a run", Note: "population 48 h"},
			{Label: "Check-ins behind the fit", Value: "84", Note: "588 ratings"},
			{Label: "Forecast error", Value: "0.74 points", Note: "1.77 before personalisation (−58%)"},
		},
		Empty:  Empty{Title: "No runs yet", Text: "Upload a FIT, GPX or TCX file, or a Strava or Garmin export, to see your runs here.", Action: Link{Label: "Upload files", Href: "#upload"}},
		Upload: Upload{Action: "/api/v1/activities", CSRF: "sample-csrf-token", Note: "Files are imported on your own machine; nothing leaves it."},
		Checkin: sampleCheckin{
			Action:   "#checkin",
			Soreness: soreness,
			Sleep:    Field{Name: "sleep", Label: "Sleep", Type: "number", Value: "6.9", Min: "0", Max: "16", Step: "0.1", Unit: "h"},
			Quality:  Field{Name: "sleep-quality", Label: "Sleep quality", Options: scaleOptions([]string{"Poor", "Fair", "OK", "Good", "Great"}, 3)},
			Stress:   Field{Name: "stress", Label: "Stress", Options: scaleOptions([]string{"Very low", "Low", "Some", "High", "Very high"}, 2)},
			Resting:  Field{Name: "resting-hr", Label: "Resting heart rate", Type: "number", Value: "51", Min: "25", Max: "120", Unit: "bpm", Help: "Measured lying down, before you get up."},
			HRV:      Field{Name: "hrv", Label: "HRV (rMSSD)", Type: "number", Value: "", Min: "5", Max: "300", Unit: "ms", Error: "Enter a number between 5 and 300."},
			Before:   Field{Name: "weight-before", Label: "Weight before the run", Type: "number", Step: "0.1", Unit: "kg"},
			After:    Field{Name: "weight-after", Label: "Weight after", Type: "number", Step: "0.1", Unit: "kg"},
			Symptoms: Choices{Name: "symptoms", Legend: "Anything beyond normal soreness?", Help: "Ticking one of these shows who to see, and how soon.", Alert: true, Options: []Option{
				{Value: "sharp-pain", Label: "Sharp pain"}, {Value: "swelling", Label: "Swelling"}, {Value: "bone-pain", Label: "Pain in a bone"},
				{Value: "numbness", Label: "Numbness or tingling"}, {Value: "chest-pain", Label: "Chest pain or pressure"}, {Value: "dark-urine", Label: "Dark, cola-coloured urine"},
				{Value: "calf-swelling-warmth", Label: "One calf swollen, warm or red"}, {Value: "lasting-soreness", Label: "Soreness lasting more than 7 days", Checked: true},
			}},
		},
		Profile: sampleProfile{
			Action: "#profile",
			Fields: []Field{
				{Name: "weight", Label: "Weight", Type: "number", Value: "61", Step: "0.1", Unit: "kg", Required: true},
				{Name: "age", Label: "Age", Type: "number", Value: "38", Min: "10", Max: "100", Unit: "years"},
				{Name: "sex", Label: "Sex", Type: "select", Help: "For the TRIMP coefficients.", Options: []Option{{Value: "female", Label: "Female", Checked: true}, {Value: "male", Label: "Male"}}},
				{Name: "max-hr", Label: "Maximum heart rate", Type: "number", Value: "186", Unit: "bpm", Help: "Leave empty to estimate it from your age."},
				{Name: "units", Label: "Units", Type: "select", Options: []Option{{Value: "metric", Label: "Metric (km, kg, °C)", Checked: true}, {Value: "imperial", Label: "Imperial (mi, lb, °F)"}}},
				{Name: "timezone", Label: "Time zone", Value: "Europe/Berlin", Auto: "off"},
			},
			Conditions: Choices{Name: "conditions", Legend: "Health conditions", Help: "Rebound leaves out what a condition rules out (no ice baths with heart disease, for example).", Options: []Option{
				{Value: "heart-disease", Label: "Heart disease"}, {Value: "high-blood-pressure", Label: "High blood pressure"}, {Value: "diabetes", Label: "Diabetes"},
				{Value: "raynauds", Label: "Raynaud’s"}, {Value: "pregnancy", Label: "Pregnancy"}, {Value: "injury", Label: "A current injury", Checked: true},
			}},
			Equipment: Choices{Name: "equipment", Legend: "Equipment you have", Options: []Option{
				{Value: "foam-roller", Label: "Foam roller", Checked: true}, {Value: "massage-gun", Label: "Massage gun"}, {Value: "ice-bath", Label: "Ice bath"},
				{Value: "bathtub", Label: "Bathtub", Checked: true}, {Value: "compression", Label: "Compression garments"}, {Value: "pool", Label: "Pool"},
				{Value: "bike", Label: "Bike or trainer", Checked: true}, {Value: "elliptical", Label: "Elliptical"},
			}},
		},
		Grades: []string{"A", "moderate", "low", "very-low", "practice"},
		Kinds:  []string{"easy", "long", "hard", "cross-training"},
		Advice: []string{"rest", "active-recovery", "easy-run", "quality-ok"},
	}
}

func scaleOptions(labels []string, checked int) []Option {
	out := make([]Option, len(labels))
	for i, l := range labels {
		v := string(rune('1' + i))
		out[i] = Option{Value: v, Label: v + " " + l, Checked: i+1 == checked}
	}
	return out
}

func sampleSteps() []sampleStep {
	src := []string{"Van Hooren & Peake 2018, Sports Med 48:1575", "Dupuy et al. 2018, Front Physiol 9:403"}
	return []sampleStep{
		{Phase: "immediate", StartH: 0, EndH: 0.25, Title: "Cool-down walk or jog", Dose: "5-10 min of walking or very easy jogging; the full 10 min after hard sessions and long runs", Evidence: "low",
			How: "Slow to a walk or a very easy jog for 5-10 minutes before you stop completely.", Why: "Easing down lets heart rate and breathing settle gradually and keeps blood from pooling in the legs.", Sources: src[:1],
			Disagreement: "How long to cool down: Rebound uses 10 min (5 min is enough after an easy run); sources range from 5 to 15 min."},
		{Phase: "immediate", StartH: 0, EndH: 1, Title: "Refuel: carbohydrate and protein", Dose: "49-73 g carbohydrate and 15-24 g protein within 30-60 min (0.8-1.2 and 0.25-0.4 g per kg of your 61.0 kg)", Evidence: "moderate",
			How: "A glass of chocolate milk and a banana, or yoghurt with fruit and granola.", Why: "Carbohydrate refills glycogen fastest in the first hours; protein supports muscle repair.",
			Sources: []string{"ACSM 2016 position stand (Thomas, Erdman & Burke 2016, Med Sci Sports Exerc 48:543)", "ISSN 2017 position stand on protein (Jäger et al. 2017, J Int Soc Sports Nutr 14:20)"}},
		{Phase: "same-day", StartH: 0, EndH: 48, Title: "Contrast baths or showers", Dose: "3-4 min warm then 1-2 min cold, repeated for 15-20 min, ending cold", Evidence: "moderate",
			How: "Two basins, one warm and one cold; or alternate the shower for a few rounds, ending cold.", Why: "Trials pooled by Dupuy et al. 2018 found less soreness afterwards.", Sources: src[1:],
			Note:         "Skipped the ice bath: you have not listed one in your equipment.",
			Disagreement: "When heat is safe after a run: “10 Ways to Prevent and Treat It” recommends warm baths for sore legs; “4 Recovery Techniques” says wait at least 48 h. Rebound applies the 48 h rule to targeted heat and allows a contrast shower sooner if nothing is swollen."},
		{Phase: "same-day", StartH: 0, EndH: 168, Title: "Sleep", Dose: "7-9 h a night, starting tonight", Evidence: "moderate", Why: "Most tissue repair happens during sleep.", Sources: []string{"Leg Recovery After Running: Immediate, Mid-Term, and Long-Term Strategies", "8 Post-Run Recovery Tips From Experts To Help You Bounce Back Faster"}},
		{Phase: "days-1-3", StartH: 12, EndH: 72, Title: "Active recovery", Dose: "20-30 min of walking, easy cycling or swimming at a chatting effort, the day after", Evidence: "moderate",
			How: "Move gently: a walk, an easy spin, a relaxed swim. Keep it easy enough to chat.", Why: "Light movement keeps blood flowing through sore muscles without adding training stress.", Sources: src[1:]},
		{Phase: "days-1-3", StartH: 48, EndH: 168, Title: "Heat pad or warm compress", Dose: "on a low setting, with cloth between it and the skin, from 48 h after the run", Evidence: "very-low", Sources: []string{"Sore Legs After Running? 4 Recovery Techniques to Get You Back on Your Feet"}},
		{Phase: "long-term", StartH: 0, EndH: 168, Title: "Build up gradually (the 10% rule)", Dose: "at most 10% more weekly distance than the week before", Evidence: "low",
			Why: "Sudden jumps in load are linked to injuries, though the 10% figure itself is weakly supported.", Sources: []string{"Buist et al. 2008, Am J Sports Med 36:33", "Nielsen et al. 2014, J Orthop Sports Phys Ther 44:739"}},
		{Phase: "long-term", StartH: 0, EndH: 168, Title: "Fitted, fresh running shoes", Dose: "replace every 480-800 km, sooner if they feel flat", Evidence: "practice", Sources: []string{"Cook et al. 1985, Am J Sports Med 13:248"}},
	}
}

// series is a chart series as app.js reads it.
type series struct {
	Label    string       `json:"label"`
	Unit     string       `json:"unit,omitempty"`
	Format   string       `json:"format,omitempty"`
	Invert   bool         `json:"invert,omitempty"`
	Area     bool         `json:"area,omitempty"`
	Dash     bool         `json:"dash,omitempty"`
	Values   []*float64   `json:"values"`
	Checkins [][2]float64 `json:"checkins,omitempty"`
}

func fp(v float64) *float64 { v = math.Round(v*100) / 100; return &v }

func sampleRunCharts() []Chart {
	var x []float64
	var pace, hr, ele []*float64
	for i := 0; i <= 211; i++ {
		d := float64(i) / 10
		x = append(x, d)
		p := 293 + 8*math.Sin(d/1.7) + 5*math.Sin(d*2.3) - 6*d/21
		if i > 100 && i < 104 {
			pace = append(pace, nil) // a gap in the recording
		} else {
			pace = append(pace, fp(p))
		}
		hr = append(hr, fp(150+18*(1-math.Exp(-d/3))+4*math.Sin(d*1.3)+3*d/21))
		ele = append(ele, fp(42+6*math.Sin(d/3.1)+2*math.Sin(d*1.1)))
	}
	data := func(s series) map[string]any {
		return map[string]any{"x": x, "xLabel": "Distance", "xUnit": "km", "sync": "run", "series": []series{s}}
	}
	return []Chart{
		{ID: "run-pace", Kind: ChartLines, Title: "Pace", Size: "sm", Data: data(series{Label: "Pace", Unit: "/km", Format: "pace", Invert: true, Values: pace})},
		{ID: "run-hr", Kind: ChartLines, Title: "Heart rate", Size: "sm", Data: data(series{Label: "Heart rate", Unit: "bpm", Values: hr})},
		{ID: "run-ele", Kind: ChartLines, Title: "Elevation", Size: "sm", Data: data(series{Label: "Elevation", Unit: "m", Area: true, Values: ele})},
	}
}

func sampleRoute() [][2]float64 {
	var pts [][2]float64
	lat0, lon0 := 52.52, 13.40
	for i := 0; i <= 240; i++ {
		t := float64(i) / 240 * 2 * math.Pi
		r := 0.028 + 0.006*math.Sin(3*t) + 0.003*math.Cos(7*t)
		pts = append(pts, [2]float64{
			math.Round((lat0+r*math.Sin(t)*0.75)*1e5) / 1e5,
			math.Round((lon0+r*math.Cos(t)*1.6+0.01*math.Sin(2*t))*1e5) / 1e5,
		})
	}
	return pts
}

var sampleToday = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func sampleLoadCharts() []Chart {
	var x []int64
	var fit, fat, form, acwr []*float64
	f, g := 45.0, 40.0
	acute, chronic := 40.0, 45.0
	for d := -83; d <= 0; d++ {
		day := sampleToday.AddDate(0, 0, d)
		load := 0.0
		switch day.Weekday() {
		case time.Sunday:
			load = 170 + float64(d+84)*1.2
		case time.Tuesday, time.Thursday:
			load = 110 + float64(d+84)*0.5
		case time.Wednesday, time.Saturday:
			load = 55
		}
		if d > -14 && d < -7 {
			load *= 0.6 // a recovery week
		}
		f += (load - f) / 42
		g += (load - g) / 7
		acute += (load - acute) * 2 / 8
		chronic += (load - chronic) * 2 / 29
		x = append(x, day.Unix())
		fit, fat, form, acwr = append(fit, fp(f)), append(fat, fp(g)), append(form, fp(f-g)), append(acwr, fp(acute/chronic))
	}
	var weeks []string
	var dist, guide []*float64
	var over []bool
	prev := 0.0
	for w, km := range []float64{38, 41, 44, 36, 46, 50, 55, 42, 52, 57, 40, 48} {
		weeks = append(weeks, sampleToday.AddDate(0, 0, 7*(w-11)-1).Format("2 Jan"))
		dist = append(dist, fp(km))
		if prev == 0 {
			guide = append(guide, nil)
		} else {
			guide = append(guide, fp(prev*1.1))
		}
		over = append(over, prev > 0 && km > prev*1.1)
		prev = km
	}
	return []Chart{
		{ID: "load-ffm", Kind: ChartTime, Title: "Fitness, fatigue and form", Note: "Banister TRIMP, 42-day fitness and 7-day fatigue; form is fitness minus fatigue.",
			Data: map[string]any{"x": x, "zero": true, "series": []series{
				{Label: "Fitness", Values: fit}, {Label: "Fatigue", Values: fat, Dash: true}, {Label: "Form", Values: form, Area: true},
			}}},
		{ID: "load-acwr", Kind: ChartTime, Title: "Acute:chronic load ratio", Note: "The 0.8-1.3 band is disputed (Impellizzeri et al. 2020): information, not a verdict.",
			Data: map[string]any{"x": x, "band": map[string]any{"from": 0.8, "to": 1.3, "label": "0.8-1.3"}, "series": []series{{Label: "ACWR", Format: "dec2", Values: acwr}}}},
		{ID: "load-weeks", Kind: ChartBars, Title: "Weekly distance", Note: "The line is 10% above the week before; bars above it are marked.",
			Data: map[string]any{"labels": weeks, "over": over, "series": []series{{Label: "Distance", Unit: "km", Format: "dec1", Values: dist}},
				"guide": series{Label: "+10% on the week before", Unit: "km", Format: "dec1", Values: guide}}},
	}
}

func sampleForecast() Chart {
	start := sampleToday.Add(-48 * time.Hour)
	var x []int64
	muscles := []struct {
		name       string
		peak, at   float64
		checkins   []float64 // ratings at 24 h and 48 h after start
		startLevel float64
	}{
		{"Calves", 7.5, 40, []float64{6, 7}, 2},
		{"Quads", 6, 30, []float64{5, 6}, 1},
		{"Hamstrings", 4.5, 36, []float64{4, 5}, 1},
		{"Glutes", 3, 28, []float64{3, 3}, 0.5},
	}
	ss := make([]series, len(muscles))
	for h := 0; h <= 9*24; h += 3 {
		x = append(x, start.Add(time.Duration(h)*time.Hour).Unix())
		for i, m := range muscles {
			t := float64(h)
			v := m.startLevel + (m.peak-m.startLevel)*(t/m.at)*math.Exp(1-t/m.at)
			ss[i].Values = append(ss[i].Values, fp(math.Max(0, v)))
		}
	}
	for i, m := range muscles {
		ss[i].Label = m.name
		for j, v := range m.checkins {
			ss[i].Checkins = append(ss[i].Checkins, [2]float64{float64(start.Add(time.Duration(8+24*j) * time.Hour).Unix()), v})
		}
	}
	return Chart{ID: "forecast", Kind: ChartForecast, Title: "Soreness forecast, next 7 days", Size: "lg",
		Note: "Lines are the forecast; dots are your check-ins. Easy running is fine below 4, hard sessions below 2.5.",
		Data: map[string]any{"x": x, "now": sampleToday.Add(8 * time.Hour).Unix(), "series": ss, "guides": []map[string]any{{"value": 4, "label": "easy"}, {"value": 2.5, "label": "hard"}}}}
}
