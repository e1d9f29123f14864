package web

import "html/template"

// This file holds the view types the templates take. Templates read fields
// by name, so a component also accepts any other struct or map with the same
// field names: coach.Step, recovery.Factor, coach.Warning and
// coach.SeeProfessional work as they are. Where a value needs the runner's
// units (distance, pace, elevation), the field is a string formatted by the
// caller (package present), so the templates never guess units.

// Page is the data of the layout template; see the package documentation.
type Page struct {
	Title    string // the <title> and the page's <h1>
	Subtitle string // a line under the <h1>; optional
	Nav      string // ID of the active item in Nav (NavToday, …)
	User     *User  // the signed-in user; nil shows "Sign in"
	CSRF     string // the session's CSRF token (meta tag, csrf fields)
	Flash    []Flash
	Actions  []Link // buttons beside the <h1>; the first marked Primary stands out
	// Base prefixes the nav links, e.g. "/athletes/7" while a coach looks at
	// an athlete ("" for the user's own pages). Athlete is that athlete's
	// name; it shows a read-only banner and hides Check-in, Upload and Profile.
	Base    string
	Athlete string
	Content string // name of the template that renders the page body; it gets the Page
	Data    any    // the page's own data, for Content (as .Data)
	// Body, when set, is the page's body already drawn (from Content, by a
	// cache); the layout shows it instead of drawing Content again.
	Body template.HTML
}

// User is the signed-in user as the layout shows them.
type User struct {
	Name string
	Role string // athlete, coach or admin; coach and admin see the Coach link
}

// Flash is a one-time message shown at the top of a page.
type Flash struct {
	Kind    string // success, info, warning or error
	Message string
}

// Link is a labelled URL.
type Link struct {
	Label   string
	Href    string
	Primary bool
}

// IDs of the nav items, for Page.Nav.
const (
	NavToday    = "today"
	NavRuns     = "runs"
	NavSoreness = "soreness"
	NavLoad     = "load"
	NavWeek     = "week"
	NavCheckin  = "checkin"
	NavUpload   = "upload"
	NavProfile  = "profile"
	NavModel    = "model"
	NavCoach    = "coach"
)

// NavItem is one link of the top navigation bar.
type NavItem struct {
	ID, Label, Href string
	Own             bool // only on one's own pages: hidden while a coach views an athlete
	Coach           bool // only for coaches and admins; never prefixed with Page.Base
}

// Nav is the top navigation, in order. The server routes these paths.
var Nav = []NavItem{
	{ID: NavToday, Label: "Today", Href: "/"},
	{ID: NavRuns, Label: "Runs", Href: "/runs"},
	{ID: NavSoreness, Label: "Soreness", Href: "/soreness"},
	{ID: NavLoad, Label: "Load", Href: "/load"},
	{ID: NavWeek, Label: "Week", Href: "/week"},
	{ID: NavCheckin, Label: "Check-in", Href: "/checkin", Own: true},
	{ID: NavUpload, Label: "Upload", Href: "/upload", Own: true},
	{ID: NavProfile, Label: "Profile", Href: "/profile", Own: true},
	{ID: NavModel, Label: "Model", Href: "/model"},
	{ID: NavCoach, Label: "Coach", Href: "/coach", Coach: true},
}

// Checklist is a list of things to tick off, one form per item so that it
// works without JavaScript. Each form posts csrf_token, item (the ID) and
// done ("1" to tick, "0" to untick) to Action. With htmx the request has the
// header HX-Request: true and the server answers with the template
// "checklist-item" executed on a CheckRow; without it, with a 303 back.
type Checklist struct {
	Action string
	CSRF   string
	Items  []ChecklistItem
}

// ChecklistItem is one line of a Checklist.
type ChecklistItem struct {
	ID     string
	Title  string
	Detail string // a dose or hint under the title; optional
	Done   bool
}

// CheckRow is the data of the template "checklist-item".
type CheckRow struct {
	Action string
	CSRF   string
	ChecklistItem
}

// Rows returns the items with the list's action and token, for the template.
func (c Checklist) Rows() []CheckRow {
	rows := make([]CheckRow, len(c.Items))
	for i, it := range c.Items {
		rows[i] = CheckRow{Action: c.Action, CSRF: c.CSRF, ChecklistItem: it}
	}
	return rows
}

// Tile is one metric tile.
type Tile struct {
	Label string // "Distance"
	Value string // "21.10"
	Unit  string // "km"; optional
	Note  string // "device 21.09 km"; optional
}

// Zone is one heart-rate zone bar.
type Zone struct {
	Name    string  // "Z4"
	Range   string  // "150-165 bpm"
	Time    string  // "1:34:47"
	Percent float64 // share of the time in zones, 0-100
}

// Chart kinds, for Chart.Kind. The JSON each one reads is documented in
// static/app.js and the package documentation.
const (
	ChartLines    = "lines"    // one or more lines over distance or time
	ChartTime     = "time"     // lines over dates, with an optional shaded band
	ChartBars     = "bars"     // bars with an optional guide line
	ChartForecast = "forecast" // soreness forecast lines with check-in dots
)

// Chart is a chart drawn by app.js from JSON data embedded in the page.
type Chart struct {
	ID    string // unique in the page; the JSON block's id is ID+"-data"
	Kind  string // ChartLines, ChartTime, ChartBars or ChartForecast
	Title string // the caption, also the chart's accessible name
	Note  string // a line under the chart; optional
	Size  string // "sm" (160 px high), "md" or "" (240 px), "lg" (320 px)
	Data  any    // marshalled to JSON
}

// Route is a GPS track drawn by app.js as an SVG line, without map tiles.
type Route struct {
	ID     string
	Title  string
	Points [][2]float64 // [lat, lon] in degrees; thin it to a few hundred points
}

// RunRow is one line of the runs table; the strings are formatted by the caller.
type RunRow struct {
	Href     string
	Date     string // "Sun 22 Nov"
	Time     string // "09:30"; optional
	Name     string // "Half marathon"; optional, the kind is shown without it
	Kind     string // easy, long, hard or cross-training
	Sport    string
	Distance string
	Duration string
	Pace     string
	HR       string
	Load     string
}

// Table is a plain data table.
type Table struct {
	Caption string
	Head    []string
	Numeric []bool // per column: right-aligned, tabular figures
	Rows    [][]string
}

// KV is one line of a definition list.
type KV struct {
	Label string
	Value string
	Note  string // optional
}

// Day is one day of the week calendar (coach.DayPlan with the distance formatted).
type Day struct {
	Date     string // "2026-11-27"
	Weekday  string // "Friday"
	Type     string // rest, easy, hard, long or cross-training
	Distance string // "18 km"; "" on a rest day
	Strength bool
	Reasons  []string
	Today    bool
}

// AthleteRow is one line of the coach's table.
type AthleteRow struct {
	Name           string
	Href           string
	Readiness      int    // 0-100; ignored when NoData
	NoData         bool   // no check-in or run yet
	Recommendation string // rest, active-recovery, easy-run or quality-ok
	RedFlag        string // "", "soon" or "urgent"
	LastRun        string // "Sun, long run, 21.1 km"
	CheckedIn      bool   // checked in today
}

// Field is one form control for the templates "field" and "slider".
type Field struct {
	Name     string
	Label    string
	Type     string // text, number, email, password, date, select, range…; "" is text
	Value    string
	Min, Max string // optional
	Step     string // optional
	Unit     string // shown after the control; optional
	Help     string // optional
	Error    string // shown in red, and the control is marked invalid
	Required bool
	Options  []Option // for Type "select"
	Auto     string   // the autocomplete attribute; optional
}

// Option is one choice of a select or of a checkbox group.
type Option struct {
	Value   string
	Label   string
	Help    string // optional
	Checked bool   // checked box or selected option
}

// Choices is a group of checkboxes (template "checkboxes").
type Choices struct {
	Name    string // the form field name; repeated once per ticked box
	Legend  string
	Help    string
	Options []Option
	Alert   bool   // red-flag choices: ticking one may route to a professional
	ID      string // the fieldset's id, for links to it; optional
}

// Upload is the data of the template "upload".
type Upload struct {
	Action string // POST target; multipart field "files", one or more files
	CSRF   string
	Accept string // the input's accept list; "" means .fit,.gpx,.tcx,.gz,.zip
	Note   string // a line under the drop zone; optional
}

// Empty is an empty state: what is missing and what to do about it.
type Empty struct {
	Title  string
	Text   string
	Action Link // optional
}

// MuscleValue is one muscle group's soreness for the body diagram.
type MuscleValue struct {
	Muscle string // calves, shins, quads, hamstrings, glutes, hip-flexors or feet
	Value  float64
}
