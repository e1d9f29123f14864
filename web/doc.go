// Package web holds the dashboard's look: the HTML templates, the
// stylesheet, the scripts and the browser libraries, all embedded in the
// binary. The HTTP server (package server) owns routes, sessions and data;
// it parses the templates once with Templates, serves Static under /static/,
// and executes "layout" with a Page.
//
// # Serving
//
//	tpl, err := web.Templates(template.FuncMap{"pace": units.Pace}) // extra helpers win
//	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(web.Static())))
//	err = tpl.ExecuteTemplate(w, "layout", web.Page{Title: "Today", Nav: web.NavToday, …})
//
// Asset URLs carry a content hash (AssetPath, template func asset), so
// /static/ responses may be cached for a year. In a development mode,
// ParseTemplates(os.DirFS("web"), extra) re-reads templates and assets from
// disk. The pages are built for this Content-Security-Policy, which the
// browser test enforces:
//
//	default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;
//	connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'
//
// No template has inline script, inline event handlers or style attributes:
// chart data travels in <script type="application/json"> blocks (use the
// json helper), and app.js draws from them. htmx is configured (meta
// htmx-config) not to eval or inject styles; don't use hx-on.
//
// # Writing a page
//
// A page is a named template that renders the inside of <main>. It receives
// the whole Page: .Data is the page's own data, .CSRF the token for forms,
// .Base the prefix for links to the same athlete's pages. The layout draws
// the top bar, flash messages, the page header (Title, Subtitle, Actions)
// and the footer around it. Put page templates in templates/pages/, one file
// per page, named page-<name>:
//
//	{{define "page-runs"}}{{$d := .Data}}
//	{{with $d.Runs}}
//	  <section class="card card-flush">{{template "runs" .}}</section>
//	{{else}}
//	  <section class="card">{{template "empty" $d.Empty}}</section>
//	{{end}}
//	<form class="card form" method="post" action="{{$.Base}}/runs/import">
//	  {{template "csrf" $.CSRF}}
//	  {{template "field" $d.Folder}}
//	  <div class="form-actions"><button class="btn btn-primary">Import</button></div>
//	</form>
//	{{end}}
//
// and render it with
//
//	tpl.ExecuteTemplate(w, "layout", web.Page{Title: "Runs", Nav: web.NavRuns,
//		User: &web.User{Name: "Alex", Role: "athlete"}, CSRF: token,
//		Content: "page-runs", Data: runsPage{Runs: rows, Empty: empty, Folder: field}})
//
// Every form that posts needs {{template "csrf" $.CSRF}}; app.js sends the
// same token as X-CSRF-Token (from <meta name="csrf-token">) on htmx and
// upload requests. An htmx request has the header HX-Request: true; answer
// it with a fragment (for the checklist, "checklist-item" on a CheckRow).
//
// # Layout classes
//
// Pages compose components with a few layout classes from app.css: card
// (a white panel; card-flush without padding, for tables), card-title and
// card-head (a title with something on the right), section and
// section-title, grid with grid-2, grid-3, grid-today (7:5) or grid-run
// (3:2), which stack on a phone, stack (vertical spacing), row (a wrapping
// line), form and form-actions, btn with btn-primary, btn-quiet, btn-danger
// and btn-sm, muted, help, sr-only. templates/styleguide.html uses them all.
//
// # Components
//
// Each is a template called with {{template "name" DATA}}. Fields are read
// by name, so the engine's own types work where noted, and so does any
// struct or map with the same field names.
//
//	layout          Page
//	csrf            the token (string)
//	flash           Flash{Kind: success|info|warning|error, Message}
//	icon            a name: success, info, warning, error, alert, check, upload, file, clock, book
//	logo            nothing
//	readiness       Score int, Recommendation, Reasons []string, Note, NoScore, DecidedBy, EasyAt, ReadyAt (optional): the Today hero
//	gauge           Score 0-100 and optional Label: coach.ReadinessScore, or dict "Score" n
//	recommendation  rest | active-recovery | easy-run | quality-ok | no-data
//	factors         []recovery.Factor (Name, Value, Penalty float64 points off 100, Status good|fair|poor|unknown, Reason, Source)
//	redflag         coach.SeeProfessional (Needed, Urgency urgent|soon, Reasons, Clear) and optional Where []Link; empty unless Needed
//	links           []Link as " (a; b)" after a sentence; nothing when empty
//	warnings        []coach.Warning (Message)
//	grade           an evidence grade: moderate, low, very-low, practice; A-D; strong, limited, expert-opinion
//	step            coach.Step (Title, Dose, How, Why, Evidence, Sources, StartH, EndH or Timing and Clock, Note, Disagreement);
//	                a group of alternatives as one item with Members []coach.Step and IDs (data-steps)
//	timeline        []coach.Step grouped by Phase: immediate, same-day, days-1-3, long-term (others follow)
//	priorities      []coach.Step grouped by Priority (Do this, Helpful, More options folded away), each a timeline
//	checklist       Checklist{Action, CSRF, Items []ChecklistItem{ID, Title, Detail, Done}}; each item has data-step="ID"
//	checklist-item  CheckRow (one item with Action and CSRF): the htmx answer to a tick
//	tiles           []Tile{Label, Value, Unit, Note}
//	zones           []Zone{Name, Range, Time, Percent 0-100}
//	kind            easy | recovery | long | hard | race | cross-training (a badge)
//	runs            []RunRow{Href, Date, Time, Name, Kind, Sport, Distance, Duration, Pace, HR, Load}
//	table           Table{Caption, Head, Numeric []bool, Rows [][]string}
//	kv              []KV{Label, Value, Note}
//	week            []Day{Date (2006-01-02), Weekday, Type, Distance, Strength, Reasons, Today}
//	athletes        []AthleteRow{Name, Href, Readiness, NoData, Recommendation, RedFlag ""|soon|urgent, LastRun, CheckedIn}
//	empty           Empty{Title, Text, Action Link}
//	chart           Chart{ID, Kind, Title, Note, Size sm|md|lg, Data}
//	route           Route{ID, Title, Points [][2]float64 as [lat, lon]}
//	body            soreness per muscle: []MuscleValue, []coach.SorenessNow, or map[string]float64
//	soreness-inputs the same, as 0-10 sliders in half points named soreness-<muscle>
//	field           Field{Name, Label, Type, Value, Min, Max, Step, Unit, Help, Error, Required, Options, Auto}
//	slider          Field (Name, Label, Value, Min, Max, Step, Help), 0-10 by default
//	scale           Field (Name, Label, Help, Options): a row of radio buttons
//	checkboxes      Choices{Name, Legend, Help, Options []Option{Value, Label, Help, Checked}, Alert, ID}
//	upload          Upload{Action, CSRF, Accept, Note}
//	styleguide      StyleGuide(): every component with sample data
//
// # Chart data
//
// Chart.Data is marshalled to JSON; app.js reads, by Kind (times are Unix
// seconds, missing values null):
//
//	lines     {"x": [km…], "xLabel": "Distance", "xUnit": "km", "sync": "run",
//	           "series": [{"label", "unit", "format", "invert", "area", "dash", "values": […]}]}
//	time      {"x": [t…], "zero": true, "band": {"from": 0.8, "to": 1.3, "label"},
//	           "series": [the same]}
//	bars      {"labels": ["7 Sep"…], "over": [bool…], "series": [one series],
//	           "guide": {"label", "unit", "format", "values": […]}}
//	forecast  {"x": [t…], "now": t, "guides": [{"value": 4, "label": "easy"}],
//	           "series": [{"label", "values": […], "checkins": [[t, v]…]}]}
//
// format is one of pace (seconds per unit shown as m:ss), int, dec1, dec2,
// or empty; invert draws smaller values higher (pace); charts that share a
// sync key share the cursor. Charts follow the container's width and the
// colour scheme.
//
// # Uploads
//
// The upload form posts multipart field "files". app.js posts each file on
// its own, with Accept: application/json and X-CSRF-Token, and shows the
// answer {"imported":N,"duplicates":N,"skipped":[{"file","reason"}],
// "failed":[{"file","error"}]} per file; any other answer is shown as an
// error, with the JSON "message" (or error.message) if there is one.
// Without JavaScript the form posts all files at once.
//
// # Vendored libraries
//
// web/npm/package.json and package-lock.json pin uPlot, htmx (2.x) and
// axe-core. `go generate ./web` runs `npm ci` there and copies
// uPlot.iife.min.js, uPlot.min.css and htmx.min.js into static/vendor, and
// axe.min.js into testdata (it is only for browser tests, so it is not
// embedded); static/vendor/VERSIONS records versions and checksums. The
// copies are committed, so users never need npm. CI runs
// web/check-generated.sh, which regenerates and fails on a difference.
// uPlot is loaded by app.js only on pages with a chart.
//
// # Tests
//
// web_test.go executes every component and the style guide and checks the
// output against the CSP rules, asset hashes, unique ids and valid JSON.
// browser_test.go (skipped without chromium or with -short) loads the style
// guide in headless Chromium at 1280×900 and 375×667, light and dark, under
// the CSP above, and fails on a CSP report, a script error, a missing chart,
// horizontal overflow or a serious or critical axe-core violation. With
// REBOUND_SCREENSHOTS=DIR it saves screenshots there.
package web
