package server

import (
	"encoding/json"
	"net/http"
	"sync"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// The OpenAPI 3.0 document of the API, served at /api/openapi.json.
//
// It is built here in Go rather than kept as a JSON file: the helpers
// below keep it short enough to read, and the enumerations (sports,
// muscle groups, symptoms, conditions, equipment…) come from the domain
// packages, so they cannot drift from what the server accepts. It is
// written by hand all the same, from docs/json.md, and never generated
// from the Go types: the tests hold the router to it (openapi_test.go:
// every /api/ route is in it and every path in it is a route) and
// validate every response of the handler tests against it
// (api_helpers_test.go), with additionalProperties forbidden, so a key
// added to a response without documenting it fails the tests.

// apiOpenAPI serves the document. It needs no sign-in.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(openAPIJSON())
}

var openAPIJSON = sync.OnceValue(func() []byte {
	data, err := json.MarshalIndent(OpenAPI(), "", " ")
	if err != nil {
		panic("server: the OpenAPI document does not encode: " + err.Error())
	}
	return data
})

// js is a JSON object of the document.
type js = map[string]any

// prop is an object property; opt ones are not required.
type prop struct {
	name string
	s    js
	opt  bool
}

func p(name string, s js) prop   { return prop{name, s, false} }
func opt(name string, s js) prop { return prop{name, s, true} }

func desc(s js, d string) js {
	if d != "" {
		s["description"] = d
	}
	return s
}

func ref(name string) js { return js{"$ref": "#/components/schemas/" + name} }

// nullRef is a reference that may be null (OpenAPI 3.0 has no null type).
func nullRef(name, d string) js {
	return desc(js{"nullable": true, "allOf": []any{ref(name)}}, d)
}

func str(d string) js      { return desc(js{"type": "string"}, d) }
func dateTime(d string) js { return desc(js{"type": "string", "format": "date-time"}, d) }
func date(d string) js     { return desc(js{"type": "string", "format": "date"}, d) }
func num(d string) js      { return desc(js{"type": "number"}, d) }
func integer(d string) js  { return desc(js{"type": "integer", "format": "int64"}, d) }
func boolean(d string) js  { return desc(js{"type": "boolean"}, d) }

// numN is a number that is null when absent.
func numN(d string) js { return desc(js{"type": "number", "nullable": true}, d) }

// nullable returns a copy of s that may also be null.
func nullable(s js) js {
	out := js{"nullable": true}
	for k, v := range s {
		out[k] = v
	}
	return out
}

func arr(items js, d string) js { return desc(js{"type": "array", "items": items}, d) }

func enum[T ~string](d string, values ...T) js {
	vs := make([]any, len(values))
	for i, v := range values {
		vs[i] = string(v)
	}
	return desc(js{"type": "string", "enum": vs}, d)
}

func mapOf(values js, d string) js {
	return desc(js{"type": "object", "additionalProperties": values}, d)
}

// object is an object schema with props; those not opt are required.
func object(d string, props ...prop) js {
	ps, req := js{}, []any{}
	for _, x := range props {
		ps[x.name] = x.s
		if !x.opt {
			req = append(req, x.name)
		}
	}
	o := desc(js{"type": "object", "properties": ps}, d)
	if len(req) > 0 {
		o["required"] = req
	}
	return o
}

func muscleEnum(d string) js {
	return enum(d, recovery.Muscles[:]...)
}

// Operations.

type param struct {
	name, in, d string
	s           js
	required    bool
}

func query(name string, s js, d string) param { return param{name, "query", d, s, false} }
func path(name string, s js, d string) param  { return param{name, "path", d, s, true} }

func jsonBody(s js, d string) js {
	return js{"description": d, "required": true, "content": js{"application/json": js{"schema": s}}}
}

func jsonResp(s js, d string) js {
	return js{"description": d, "content": js{"application/json": js{"schema": s}}}
}

// op is one operation. athlete adds the ?athlete= parameter; errs lists
// the error statuses worth naming (every operation also has a default
// error response).
func op(id, tag, summary, d string, athlete bool, params []param, body js, ok map[string]js, errs ...string) js {
	o := js{"operationId": id, "tags": []any{tag}, "summary": summary}
	if d != "" {
		o["description"] = d
	}
	var ps []any
	if athlete {
		ps = append(ps, js{"$ref": "#/components/parameters/athlete"})
	}
	for _, x := range params {
		pj := js{"name": x.name, "in": x.in, "schema": x.s}
		if x.d != "" {
			pj["description"] = x.d
		}
		if x.required {
			pj["required"] = true
		}
		ps = append(ps, pj)
	}
	if len(ps) > 0 {
		o["parameters"] = ps
	}
	if body != nil {
		o["requestBody"] = body
	}
	resp := js{}
	for code, r := range ok {
		resp[code] = r
	}
	for _, code := range errs {
		resp[code] = js{"$ref": "#/components/responses/E" + code}
	}
	resp["default"] = js{"$ref": "#/components/responses/Error"}
	o["responses"] = resp
	return o
}

func ok200(s js, d string) map[string]js { return map[string]js{"200": jsonResp(s, d)} }

// errorResponses are the named error responses.
var errorResponses = map[string]string{
	"400": "The request is invalid (a parameter, the body): the message says which value and why.",
	"401": "Not signed in: no or a bad API token, or no session.",
	"403": "Signed in but not allowed: a coach's view is read-only, or the CSRF token is missing from a session's unsafe request.",
	"404": "Not found, or another athlete's: their data is never reported as existing.",
	"409": "It already exists.",
	"413": "The body is larger than its limit (1 MiB for JSON, the server's upload limit for files); a Content-Length over it is refused before the body is read.",
	"429": "Too many uploads in progress (the account's, or the server's in all): Retry-After says when to try again.",
}

// OpenAPI returns the OpenAPI 3.0 document of the API.
func OpenAPI() js {
	read := []string{"400", "401", "404"}
	write := []string{"400", "401", "403", "404", "413"}
	self := []string{"401", "403", "404"} // the viewer's own account: 403 for ?athlete= of a coach's athlete (see Server.self)
	idParam := path("id", js{"type": "integer", "format": "int64", "minimum": 1}, "the activity's id")
	planParams := []param{
		query("weight_before", js{"type": "number", "minimum": present.PlausibleMinKg, "maximum": present.PlausibleMaxKg}, "body weight before the run, kg (with weight_after)"),
		query("weight_after", js{"type": "number", "minimum": present.PlausibleMinKg, "maximum": present.PlausibleMaxKg}, "body weight after the run, kg (with weight_before)"),
	}
	dateParam := query("date", js{"type": "string", "format": "date"}, "the day (YYYY-MM-DD in the runner's time zone; default today)")

	paths := js{
		"/api/openapi.json": js{"get": withoutAuth(op("openAPI", "meta", "This document", "", false, nil, nil,
			ok200(js{"type": "object"}, "The OpenAPI 3.0 document")))},

		"/api/v1/activities": js{
			"get": op("listActivities", "activities", "List activities, newest first (`rebound runs --json`)", "", true,
				[]param{
					query("since", js{"type": "string", "format": "date"}, "only activities starting on or after this day (YYYY-MM-DD)"),
					query("until", js{"type": "string", "format": "date"}, "only activities starting before this day"),
					query("sport", enum("", activity.Sports...), "only this sport"),
					query("limit", js{"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}, "page size"),
					query("offset", js{"type": "integer", "minimum": 0, "default": 0}, "activities to skip"),
				}, nil, ok200(ref("ActivityList"), "A page of activities"), read...),
			"post": op("uploadActivities", "activities", "Upload activity files (`rebound import --json`)",
				"Imports FIT, GPX and TCX files (gzipped or not) and Strava or Garmin Connect export zips through the same pipeline as `rebound import`: "+
					"content is sniffed, duplicates are recognised, each activity is stored atomically. The body is capped at the server's upload limit "+
					"(256 MiB by default), and an account may have 2 uploads in progress, the server 4 in all (by default). "+
					"A browser session sends its CSRF token in X-CSRF-Token or ?csrf_token=.", true, nil,
				js{"required": true, "content": js{"multipart/form-data": js{"schema": object("",
					p("file", arr(js{"type": "string", "format": "binary"}, "one part per file")),
					opt("csrf_token", str("a browser session's CSRF token (API tokens need none)")))}}},
				map[string]js{
					"200": jsonResp(ref("ImportReport"), "Every file was imported, recognised as a duplicate or skipped"),
					"422": jsonResp(ref("ImportReport"), "Some files failed: see failed[]; the others were imported"),
				}, append(write, "429")...),
		},
		"/api/v1/activities/{id}": js{
			"get": op("getActivity", "activities", "One activity with its laps (`rebound show --json`)", "", true,
				[]param{idParam,
					query("samples", js{"type": "string", "enum": []any{"0", "1", "true", "false"}}, "1: add the chart series"),
					query("points", js{"type": "integer", "minimum": 10, "maximum": 1000, "default": 1000}, "the series' number of points at most"),
				}, nil, ok200(ref("RunDetail"), "The activity"), read...),
			"delete": op("deleteActivity", "activities", "Delete an activity with its samples and original file", "", true,
				[]param{idParam}, nil, map[string]js{"204": {"description": "Deleted"}}, write...),
			"patch": op("editActivity", "activities", "Rename an activity, set its kind, add a note (`rebound edit`)",
				"Fields left out stay as they are. The kind replaces Rebound's own classification in plans and load until set to auto.", true,
				[]param{idParam}, jsonBody(ref("ActivityEdit"), "What changes"), ok200(ref("RunDetail"), "The activity as edited"), write...),
		},
		"/api/v1/activities/{id}/gear": js{"put": op("setActivityGear", "activities", "Count an activity towards a shoe (`rebound gear assign`)", "", true,
			[]param{idParam}, jsonBody(ref("GearInput"), "The shoe"), ok200(ref("RunDetail"), "The activity, with its gear"), write...)},
		"/api/v1/activities/{id}/rpe": js{
			"put": op("setActivityRPE", "activities", "Rate a session's perceived exertion (session RPE)",
				"Replaces any earlier rating. To remove a rating, DELETE this path.", true,
				[]param{idParam}, jsonBody(ref("RPEInput"), "The rating"), map[string]js{"204": {"description": "Saved"}}, write...),
			"delete": op("clearActivityRPE", "activities", "Remove a session's effort rating (`rebound checkin --rpe ID=none`)",
				"Its load then comes from heart rate, pace or duration again. A session without a rating is left as it is.", true,
				[]param{idParam}, nil, map[string]js{"204": {"description": "Cleared, or there was no rating"}}, write...),
		},

		"/api/v1/plan/latest": js{"get": op("getLatestPlan", "coaching", "The recovery plan after the latest run (`rebound plan latest --json`)", "", true,
			planParams, nil, ok200(ref("Plan"), "The plan"), read...)},
		"/api/v1/plan/{id}": js{"get": op("getPlan", "coaching", "The recovery plan after a run (`rebound plan ID --json`)", "", true,
			append([]param{idParam}, planParams...), nil, ok200(ref("Plan"), "The plan"), read...)},
		"/api/v1/today": js{"get": op("getToday", "coaching", "Readiness, recommendation and checklist (`rebound today --json`)", "", true,
			[]param{dateParam}, nil, ok200(ref("Today"), "The day's readiness"), read...)},
		"/api/v1/checkins": js{
			"get": op("listCheckIns", "coaching", "Morning check-ins, oldest first", "", true,
				[]param{
					query("from", js{"type": "string", "format": "date"}, "first day (inclusive)"),
					query("to", js{"type": "string", "format": "date"}, "last day (inclusive)"),
				}, nil, ok200(arr(ref("CheckIn"), ""), "The check-ins"), read...),
			"post": op("checkIn", "coaching", "Log a morning check-in (`rebound checkin --json`)",
				"Validated as the CLI validates its flags. A second check-in of the same day is merged into the first: its values replace "+
					"those given again, its symptoms are added. Answers the readiness after it.", true, nil,
				jsonBody(ref("CheckInInput"), "The check-in"), map[string]js{
					"201": jsonResp(ref("Today"), "The day's first check-in was saved; the readiness after it"),
					"200": jsonResp(ref("Today"), "The check-in was merged into the day's; the readiness after it"),
				}, write...),
		},
		"/api/v1/checklist": js{"get": op("getChecklist", "coaching", "The day's recovery checklist and what is ticked", "", true,
			[]param{dateParam}, nil, ok200(ref("Checklist"), "The checklist"), read...)},
		"/api/v1/checklist/{step}": js{"put": op("tick", "coaching", "Tick or untick a checklist step",
			"A step is ticked only when it is on that day's checklist (404 otherwise); a tick can always be taken back.", true,
			[]param{path("step", str(""), "a step id of the day's checklist")}, jsonBody(ref("TickInput"), "Done or not"),
			ok200(ref("Checklist"), "The day's checklist after it"), write...)},
		"/api/v1/load": js{"get": op("getLoad", "coaching", "Training load (`rebound load --json`)", "", true,
			[]param{query("weeks", js{"type": "integer", "minimum": 1, "maximum": 520, "default": 8}, "weeks of history")},
			nil, ok200(ref("Load"), "The load"), read...)},
		"/api/v1/week": js{"get": op("getWeek", "coaching", "The suggested 7 days (`rebound week --json`)",
			"Planned from the runner's last four weeks up to the first day, as `rebound week --date D` does.", true,
			[]param{query("date", js{"type": "string", "format": "date"}, "the first of the 7 days (YYYY-MM-DD in the runner's time zone; default today)")},
			nil, ok200(ref("Week"), "The week"), read...)},
		"/api/v1/model": js{"get": op("getModel", "coaching", "What Rebound has learned about the runner's recovery (`rebound model --json`)", "", true,
			nil, nil, ok200(ref("Model"), "The fitted model"), read...)},
		"/api/v1/protocol": js{"get": op("getProtocol", "coaching", "The whole rule base (`rebound protocol --json`)", "", true,
			nil, nil, ok200(ref("Protocol"), "The rule base"), read...)},

		"/api/v1/profile": js{
			"get": op("getProfile", "profile", "The runner's profile (`rebound profile --json`)", "", true,
				nil, nil, ok200(ref("Profile"), "The profile"), read...),
			"put": op("saveProfile", "profile", "Replace the runner's profile (`rebound profile set`)", "", true,
				nil, jsonBody(ref("ProfileInput"), "The whole profile, metric"), ok200(ref("Profile"), "The saved profile"), write...),
		},
		"/api/v1/gear": js{
			"get": op("listGear", "profile", "Shoes and their distance (`rebound gear --json`)", "", true,
				nil, nil, ok200(arr(ref("Shoe"), ""), "The shoes, by name"), read...),
			"post": op("saveShoe", "profile", "Add a shoe, or update the one of that name", "", true,
				nil, jsonBody(ref("ShoeInput"), "The shoe"), map[string]js{
					"201": jsonResp(ref("Shoe"), "Added"),
					"200": jsonResp(ref("Shoe"), "Updated"),
				}, write...),
		},

		"/api/v1/me": js{"get": op("getMe", "account", "The signed-in account", "", true,
			nil, nil, ok200(ref("Me"), "The account"), self...)},
		"/api/v1/athletes": js{"get": op("listAthletes", "account", "A coach's athletes, by need",
			"The athletes who granted the viewer access, red flags first (urgent before soon), then the lowest readiness. Empty for an athlete.", true,
			nil, nil, ok200(arr(ref("AthleteSummary"), ""), "The athletes"), self...)},
		"/api/v1/tokens": js{
			"get": op("listTokens", "account", "The viewer's API and calendar tokens (without secrets)", "", true,
				nil, nil, ok200(arr(ref("Token"), ""), "The tokens"), self...),
			"post": op("createToken", "account", "Create a personal API token",
				"The secret (rbd_…) is in the response only: the server keeps its hash. Send it as Authorization: Bearer.", true,
				nil, jsonBody(ref("TokenInput"), "What the token is for"), map[string]js{"201": jsonResp(ref("NewToken"), "The token and its secret")}, write...),
		},
		"/api/v1/tokens/{id}": js{"delete": op("deleteToken", "account", "Revoke one of the viewer's tokens", "", true,
			[]param{path("id", js{"type": "integer", "format": "int64", "minimum": 1}, "the token's id")}, nil,
			map[string]js{"204": {"description": "Revoked"}}, "400", "401", "403", "404")},
		"/api/v1/calendar": js{"post": op("createCalendar", "account", "(Re)create the viewer's iCalendar feed address",
			"Replaces any earlier address (it stops working). The address is the only credential of the feed: keep it private.", true,
			nil, nil, map[string]js{"201": jsonResp(ref("CalendarFeed"), "The feed's address")}, self...)},
		"/api/v1/export": js{"get": op("exportData", "account", "Download everything of the viewer as a zip (`rebound export`)",
			"Streams a zip archive: manifest.json, one document per resource (profile, activities with summaries, laps and pauses, samples, "+
				"check-ins, session RPEs, shoes, checklist ticks) in JSON or CSV, and every original file as imported under originals/. "+
				"docs/json.md describes it. A JSON export can be imported into another Rebound with `rebound import`.", true,
			[]param{query("format", enum("the documents' format", "json", "csv"), "json (the default) or csv")}, nil,
			map[string]js{"200": {"description": "The zip archive, as a download",
				"content": js{"application/zip": js{"schema": js{"type": "string", "format": "binary"}}}}}, "400", "401", "403", "404")},
		"/api/v1/account": js{"delete": op("deleteAccount", "account", "Delete the viewer's account with all its data",
			"Deletes, in one transaction, the account and everything of it: activities with their samples and original files, the profile, "+
				"check-ins, session RPEs, shoes, checklist ticks, sessions, API tokens and calendar feeds, and the grants it gave or was given. "+
				"It cannot be undone: download GET /api/v1/export first. confirm must be the account's name.", true,
			[]param{{name: "confirm", in: "query", d: "the account's name, to confirm", s: str(""), required: true}}, nil,
			map[string]js{"204": {"description": "Deleted, with everything of it"}}, "400", "401", "403", "404")},
		"/calendar/{file}": js{"get": withoutAuth(op("calendarFeed", "account", "The iCalendar feed of the next 7 days",
			"{file} is SECRET.ics, the address POST /api/v1/calendar gave. All-day events, one a day, with the plan's reasons.", false,
			[]param{path("file", js{"type": "string", "pattern": `^[A-Za-z0-9_-]+\.ics$`}, "the feed's secret followed by .ics")}, nil,
			map[string]js{"200": {"description": "An iCalendar (RFC 5545) feed", "content": js{"text/calendar": js{"schema": js{"type": "string"}}}}},
			"404"))},
	}

	return js{
		"openapi": "3.0.3",
		"info": js{
			"title":   "Rebound API",
			"version": "1",
			"description": "Rebound's REST API: everything the CLI does, as JSON. Documents are those of the CLI's --json (docs/json.md). " +
				"Every /api/v1 route needs an API token (Authorization: Bearer rbd_…) or a browser session; a session's POST, PUT and DELETE " +
				"requests also send its CSRF token in X-CSRF-Token. Routes act on the viewer's own data, or with ?athlete=ID on an athlete " +
				"who granted the viewer (a coach) access, read-only. Errors are {code, message}.",
		},
		"servers":  []any{js{"url": "/"}},
		"security": []any{js{"bearerToken": []any{}}, js{"sessionCookie": []any{}}},
		"tags": []any{
			js{"name": "activities"}, js{"name": "coaching"}, js{"name": "profile"}, js{"name": "account"}, js{"name": "meta"},
		},
		"paths": paths,
		"components": js{
			"securitySchemes": js{
				"bearerToken": js{"type": "http", "scheme": "bearer", "description": "A personal API token (rbd_…), from POST /api/v1/tokens or `rebound user token`."},
				"sessionCookie": js{"type": "apiKey", "in": "cookie", "name": "rebound_session",
					"description": "A browser session (__Host-rebound_session over HTTPS). Unsafe methods need X-CSRF-Token."},
			},
			"parameters": js{
				"athlete": js{"name": "athlete", "in": "query", "schema": js{"type": "integer", "format": "int64", "minimum": 1},
					"description": "act on this athlete's data (a coach's athlete, read-only); default: the viewer's own"},
			},
			"responses": errorResponseComponents(),
			"schemas":   schemas(),
		},
	}
}

func withoutAuth(o js) js { o["security"] = []any{}; return o }

func errorResponseComponents() js {
	out := js{"Error": jsonResp(ref("Error"), "An error")}
	for code, d := range errorResponses {
		out["E"+code] = jsonResp(ref("Error"), d)
	}
	return out
}

// schemas are the documents, following docs/json.md.
func schemas() js {
	totals := []prop{
		p("distance_m", numN("")), p("elapsed_s", numN("")), p("timer_s", numN("")), p("avg_hr", numN("")), p("max_hr", numN("")),
		p("ascent_m", numN("")), p("descent_m", numN("")), p("avg_cadence_spm", numN("")), p("calories", numN("")),
	}
	run := []prop{
		p("id", integer("")),
		p("sport", enum("", activity.Sports...)),
		p("sub_sport", str("the source's own finer label")),
		p("start", dateTime("start with the file's UTC offset, else in the runner's zone")),
		p("name", str("the runner's name for it, else its source's (a Strava export, a device's workout, a GPX or TCX name), else empty")),
		p("title", str("the name every view shows: name, unless it only names a sport or a date, else the kind and time of day (\"Morning easy run\")")),
		p("kind", enum("the kind of session: the runner's, else Rebound's; empty when not classified yet (it starts in the future)",
			append([]string{""}, kindNames()...)...)),
		p("kind_marked", boolean("the runner set the kind (PATCH, `rebound edit --kind`)")),
		p("note", str("the runner's note")),
		p("device", str("")),
		p("format", enum("", "fit", "gpx", "tcx", "manual")),
		p("source_file", str("the file (or archive!entry) it was imported from")),
		p("gear", str("")),
		p("distance_m", numN("")),
		p("distance_source", enum("", "device", "gps", "totals", "none")),
		p("elapsed_s", numN("first to last sample, pauses included")),
		p("moving_s", numN("")),
		p("avg_speed_ms", numN("")),
		p("avg_pace_s_per_km", numN("")),
		p("gap_s_per_km", numN("grade-adjusted pace (Minetti et al. 2002)")),
		p("max_speed_ms", numN("")),
		p("ascent_m", numN("")),
		p("descent_m", numN("")),
		p("downhill_m", numN("distance on grades steeper than −3 %")),
		p("elevation_source", enum("", "device", "gps", "none")),
		p("avg_hr", numN("")),
		p("max_hr", numN("")),
		p("hr_zones_s", nullable(desc(js{"type": "array", "items": js{"type": "number"}, "minItems": 5, "maxItems": 5},
			"seconds in heart-rate-reserve zones Z1-Z5; null without heart rate"))),
		p("trimp", numN("Banister TRIMP; null without heart rate")),
		p("hr_anchors", ref("HRAnchors")),
		p("avg_cadence_spm", numN("")),
		p("avg_power_w", numN("")),
		p("avg_temp_c", numN("")),
		p("device_totals", nullRef("Totals", "what the file itself says")),
		opt("legs", arr(enum("", activity.Sports...), "the sports of the multisport file this activity is one leg of, in order")),
		p("warnings", arr(str(""), "")),
		p("imported_at", dateTime("")),
	}
	step := []prop{
		p("id", str("the rule base's technique id")),
		p("phase", enum("", protocol.Immediate, protocol.SameDay, protocol.Days1to3, protocol.LongTerm)),
		p("start_h", num("hours after the run's end")),
		p("end_h", num("")),
		p("title", str("")),
		p("dose", str("")),
		p("how", str("")),
		p("why", str("")),
		p("evidence", enum("", protocol.Grades()...)),
		p("sources", arr(str(""), "seed file names and published studies")),
		opt("note", str("a change for this runner (a condition or symptom)")),
		p("start_at", dateTime("")),
		p("end_at", dateTime("")),
		opt("disagreement", str("where the sources differ and what Rebound chose")),
		p("priority", desc(js{"type": "integer", "minimum": 1, "maximum": 3}, "1 do this, 2 helpful, 3 more options")),
		opt("group", enum("alternatives: do one of the group", "hands-on", "cold-or-compression", "stretching", "warmth", "ice")),
		opt("focus", arr(muscleEnum(""), "muscle groups to work on")),
		opt("until_cleared", boolean("the step lasts until the red flag is cleared, whatever its window says")),
	}
	shoe := []prop{
		p("name", str("")),
		p("limit_km", num("replace after this distance; 0: no limit")),
		p("default", boolean("given to new runs imported without gear")),
		p("retired", boolean("")),
		p("distance_m", num("the distance of the activities with this gear")),
		p("runs", integer("")),
	}
	token := object("An API token (scope api) or a calendar feed token (scope calendar)",
		p("id", integer("")), p("user_id", integer("")), p("name", str("")),
		p("scope", enum("", account.ScopeAPI, account.ScopeCalendar)), p("created_at", dateTime("")))
	params := object("Soreness model parameters", p("gain", num("scales every soreness peak; above 1: sorer than most")),
		p("peak_h", num("hours after a run when soreness peaks")))
	profileProps := []prop{
		opt("weight_kg", num("")), opt("age", integer("")), opt("sex", enum("", profile.Male, profile.Female)),
		opt("resting_hr", num("")), opt("max_hr", num("")), opt("units", enum("display units", profile.Metric, profile.Imperial)),
		opt("timezone", str("IANA time zone")),
		opt("conditions", arr(enum("", profile.Conditions...), "")), opt("equipment", arr(enum("", profile.Equipment...), "")),
		opt("background", object("The runner's training background before the runs Rebound holds; left out when not given",
			opt("weekly_km", num("typical weekly running distance, km")), opt("running_years", num("years of running")),
			opt("new_runner", boolean("new to running")), opt("dismissed", boolean("the runner chose not to give it: Rebound stops asking")))),
	}
	planRun := object("The run a plan is for",
		p("id", integer("")),
		p("kind", enum("", recovery.Kinds[:]...)),
		opt("workout", enum("what a hard session (or the hard part of a long run, the terrain of a race) was", recovery.Intervals, recovery.Tempo, recovery.Hills, recovery.Downhill)),
		p("kind_reasons", arr(str("each names the numbers that decided it"), "")),
		p("sport", enum("", activity.Sports...)),
		p("start", dateTime("")), p("end", dateTime("")), p("name", str("")),
		p("distance_m", num("")),
		p("load", num("TRIMP units")),
		p("load_source", enum("", "hr", "rpe", "pace", "duration")))
	seeProfessional := object("Whether a red flag calls for a professional; while needed, nothing it rules out is suggested",
		p("needed", boolean("")),
		opt("urgency", enum("urgent: now; soon: within days", protocol.Urgent, protocol.Soon)),
		p("reasons", arr(str(""), "")),
		opt("since", date("the day the standing symptom was first reported")),
		opt("clear", str("how to clear the flag")),
		opt("clear_steps", arr(object("One thing that clears the flag",
			p("how", str("in words")),
			p("by", enum("what it concerns, so that each surface can say where: a check-in's symptoms, the injury condition on the profile, a check-in's soreness",
				coach.ClearBySymptoms, coach.ClearByInjury, coach.ClearBySoreness))), "")))

	return js{
		"Error": object("An error", p("code", str("invalid, not_found, conflict, unauthorized, forbidden, too_large, too_many_requests, method_not_allowed, internal")),
			p("message", str("what went wrong, fit to show"))),

		"Totals":    object("Totals as a file or lap records them; null when absent", totals...),
		"HRAnchors": object("The heart rates zones and TRIMP used", p("resting_hr", numN("")), p("max_hr", numN("")), p("resting_hr_estimated", boolean("")), p("max_hr_estimated", boolean(""))),
		"Lap": object("A lap", append(append([]prop{p("index", integer("1-based")), p("start", dateTime(""))}, totals...),
			p("avg_pace_s_per_km", numN("")))...),
		"Run": object("An activity (`rebound runs --json`)", run...),
		"RunDetail": object("An activity with laps (`rebound show --json`), and its chart series when asked for",
			append(append([]prop{}, run...), opt("laps", arr(ref("Lap"), "left out when the file has none")), opt("series", ref("Series")))...),
		"Series": object("Chart columns, one value per point, null where absent",
			p("points", integer("values in each column")),
			p("time_s", arr(numN(""), "seconds since the start")),
			p("distance_m", arr(numN(""), "cumulative distance")),
			p("pace_s_per_km", arr(numN(""), "null when standing or unknown")),
			p("hr", arr(numN(""), "")), p("altitude_m", arr(numN(""), "")), p("cadence_spm", arr(numN(""), "")),
			p("lat", arr(numN(""), "degrees")), p("lon", arr(numN(""), "degrees"))),
		"ActivityList": object("A page of activities",
			p("total", integer("activities the filter selects")), p("offset", integer("")), p("limit", integer("")),
			p("items", arr(ref("Run"), "newest first"))),
		"ImportReport": object("The outcome of an import (`rebound import --json`)",
			p("imported", integer("activities stored")),
			p("duplicates", integer("activities already stored")),
			p("skipped", arr(object("", p("file", str("")), p("reason", str(""))), "valid files holding no recorded activity")),
			p("failed", arr(object("", p("file", str("")), p("error", str("names the file and the problem"))), "files that could not be read")),
			p("ids", arr(integer(""), "ids of the stored activities")),
			p("files", integer("files read")), p("bytes", integer("their size"))),
		"GearInput": object("", p("gear", str("a shoe's name (GET /api/v1/gear), or empty for none"))),
		"ActivityEdit": object("What the runner says of an activity; every field is optional",
			opt("name", desc(js{"type": "string", "maxLength": store.MaxNameLen}, "your name for it; empty: the file's, or Rebound's")),
			opt("kind", enum("a kind, or auto (or empty) to let Rebound classify it again",
				append([]string{"auto", ""}, kindNames()...)...)),
			opt("note", desc(js{"type": "string", "maxLength": store.MaxNoteLen}, "empty removes it"))),
		"RPEInput": object("", p("rpe", desc(js{"type": "number", "minimum": 0, "maximum": 10}, "session RPE 0-10"))),

		"Range":           object("", p("min", num("")), p("max", num(""))),
		"Step":            object("One recommendation", step...),
		"Warning":         object("", p("code", str("doctor-first, shoe-worn, weekly-increase, load-spike, dehydration, no-weight, no-distance…")), p("message", str(""))),
		"SeeProfessional": seeProfessional,
		"Params":          params,
		"PlanRun":         planRun,
		"Plan": object("The recovery plan after one run (`rebound plan --json`)",
			p("run", ref("PlanRun")),
			p("recovery", object("When easy and hard running are fine again",
				p("easy_hours", num("")), p("hard_hours", num("")), p("easy_at", dateTime("")), p("ready_at", dateTime("")),
				p("reasons", arr(str("the last states the two clocks"), "")),
				p("device_hours", numN("the recovery time the watch wrote into the file (Garmin), hours; null when none")))),
			p("soreness", arr(object("Forecast peak soreness of one muscle group",
				p("muscle", muscleEnum("")), p("peak", num("0-10")), p("peak_hours", num("after the run's end"))), "highest first")),
			p("nutrition", object("The first hours' food and drink",
				p("carbs_g", ref("Range")), p("protein_g", ref("Range")),
				opt("fast_carbs_g_per_h", ref("Range")), opt("fast_hours", integer("hours of fast refuelling")),
				p("next_meal", boolean("after a short easy run the next normal meal can be the refuel")),
				p("fluid_ml", ref("Range")),
				p("fluid_from", enum("", "weights", "estimate", "default")),
				p("electrolytes", boolean("")), p("notes", arr(str(""), "")))),
			p("steps", arr(ref("Step"), "")),
			p("earlier_soreness", arr(object("Soreness earlier runs had left when this run ended",
				p("muscle", muscleEnum("")), p("value", num("0-10"))), "highest first; 0.5 or more")),
			p("skipped", arr(object("A technique left out", p("id", str("")), p("name", str("")), p("reason", str("")),
				opt("needs", arr(str("equipment id"), "equipment of which the runner has none, when that is why"))), "")),
			p("warnings", arr(ref("Warning"), "")),
			p("see_professional", ref("SeeProfessional")),
			opt("on_hold", str("while a red flag stands: why no training is planned and how to clear it")),
			p("model_params", ref("Params")),
			p("disclaimer", str(""))),
		"Today": object("The day's readiness (`rebound today --json`)",
			p("date", date("")),
			p("readiness", nullable(object("null with nothing to go on", p("score", desc(js{"type": "integer", "minimum": 0, "maximum": 100},
				"never above the top of the recommendation's band (rest 39, active recovery 59, easy run 79)"))))),
			p("recommendation", enum("", recovery.Rest, recovery.ActiveRecovery, recovery.EasyRun, recovery.QualityOK, recovery.NoData)),
			p("decided_by", enum("what decided the recommendation", coach.ByRedFlag, coach.ByInjury, coach.ByLastingSoreness, coach.ByNoData,
				coach.ByReportedSoreness, coach.ByForecast, coach.ByClock, coach.ByHRV, coach.ByReadiness, coach.ByBreak, coach.ByReturn)),
			p("reasons", arr(str(""), "what decided first")),
			p("factors", arr(object("One input of readiness",
				p("id", enum("held appears when the score is held at the top of the recommendation's band: its penalty holds it",
					"form", "acwr", "soreness", "sleep", "stress", "resting-hr", "hrv", "held")),
				p("name", str("")), p("value", str("as shown")), p("penalty", num("points taken off 100")),
				p("status", enum("", "good", "fair", "poor", "unknown")), p("reason", str("")), p("source", str("")),
				opt("limit", enum("the most the factor allows today", recovery.Rest, recovery.ActiveRecovery, recovery.EasyRun))), "")),
			p("soreness_now", arr(object("",
				p("muscle", muscleEnum("")), p("value", num("0-10")), p("source", enum("", "check-in", "forecast")),
				p("in_24h", num("the forecast for this time tomorrow"))), "highest first")),
			p("steps", arr(ref("Step"), "the day's checklist")),
			p("warnings", arr(ref("Warning"), "")),
			p("see_professional", ref("SeeProfessional")),
			p("last_run", nullRef("PlanRun", "the latest run; null without runs")),
			p("easy_at", nullable(dateTime("when easy running is fine again"))),
			p("ready_at", nullable(dateTime("when hard sessions are fine again"))),
			p("checked_in", boolean("whether the day has a check-in")),
			p("disclaimer", str(""))),
		"CheckIn": object("A morning check-in; values not given are null",
			p("date", date("")),
			p("soreness", mapOf(num("0-10"), "rated muscle groups (calves, shins, quads, hamstrings, glutes, hip-flexors, feet) -> soreness")),
			p("sleep_h", numN("")), p("sleep_quality", numN("1-5")), p("stress", numN("1-5")),
			p("resting_hr", numN("")), p("hrv_ms", numN("rMSSD")),
			p("symptoms", arr(enum("", protocol.SymptomIDs()...), "")),
			p("symptoms_answered", boolean("the red-flag question was answered: an empty list cleared earlier flags"))),
		"CheckInInput": object("A check-in to log; leave out what was not measured",
			opt("date", date("default today")),
			opt("soreness", mapOf(desc(js{"type": "number", "minimum": 0, "maximum": 10}, ""),
				"muscle group (calves, shins, quads, hamstrings, glutes, hip-flexors, feet) -> soreness 0-10")),
			opt("sleep_h", nullable(desc(js{"type": "number", "minimum": 0, "maximum": 24}, "hours slept"))),
			opt("sleep_quality", nullable(desc(js{"type": "number", "minimum": 1, "maximum": 5}, ""))),
			opt("stress", nullable(desc(js{"type": "number", "minimum": 1, "maximum": 5}, ""))),
			opt("resting_hr", nullable(desc(js{"type": "number", "minimum": 25, "maximum": 150}, "morning resting heart rate"))),
			opt("hrv_ms", nullable(desc(js{"type": "number", "minimum": 1, "maximum": 400}, "morning HRV (rMSSD)"))),
			opt("symptoms", nullable(arr(enum("", protocol.SymptomIDs()...),
				"the red-flag symptoms the runner has today: [] answers none and clears earlier red flags; left out (or null), the question was not asked and earlier flags stand"))),
			opt("rpe", mapOf(nullable(desc(js{"type": "number", "minimum": 0, "maximum": 10}, "")),
				"activity id (or latest) -> session RPE 0-10, or null to remove the rating"))),
		"Checklist": object("A day's checklist and its ticks", p("date", date("")),
			p("steps", arr(object("A checklist step", append(append([]prop{}, step...),
				p("done", boolean("")), p("done_at", nullable(dateTime("when it was ticked"))))...), ""))),
		"TickInput": object("", p("done", boolean("")), opt("date", date("default today"))),
		"Load": object("Training load (`rebound load --json`)",
			p("date", date("")),
			p("fitness", numN("42-day weighted load")), p("fatigue", numN("7-day weighted load")), p("form", numN("yesterday's fitness − fatigue")),
			p("form_note", str("the numbers form comes from, and their day")),
			p("acwr", numN("EWMA acute:chronic ratio; null before four weeks")),
			p("monotony", numN("")), p("strain", numN("")),
			p("weeks", arr(object("A Monday-to-Sunday week",
				p("start", date("")), p("distance_m", numN("")), p("load", numN("")), p("runs", integer("")),
				p("change", numN("against the week before, a fraction")), p("over_10_percent", boolean("over cap_m")),
				p("cap_m", numN("10 % over the average of the up to four weeks before; null without them")), p("in_progress", boolean(""))), "")),
			p("days", arr(object("", p("date", date("")), p("load", numN("")), p("fitness", numN("")), p("fatigue", numN("")),
				p("form", numN("")), p("acwr", numN(""))), "")),
			p("acwr_note", str("")), p("ten_percent_note", str("")), p("load_unit", str("")),
			p("load_sources", mapOf(integer(""), "how session loads were obtained (hr, rpe, pace, duration) -> count"))),
		"Week": object("The suggested 7 days (`rebound week --json`)",
			p("from", date("")),
			p("days", arr(object("",
				p("date", date("")), p("weekday", str("")),
				p("type", enum("", coach.DayRest, coach.DayActiveRecovery, coach.DayEasy, coach.DayHard, coach.DayLong, coach.DayCross)),
				p("distance_m", num("")), p("strength", boolean("")),
				p("done", boolean("the first day already holds a recorded session: what was done")),
				p("not_before", nullable(dateTime("the run waits for a recovery clock that ends that day"))),
				p("reasons", arr(str(""), "why, each with its source"))), "")),
			p("target_distance_m", num("the week's planned running, a run done on the first day included")),
			p("last_week_distance_m", num("the 7 days before from")),
			p("four_week_average_m", numN("weekly running of the (up to) four weeks before from; null without running")),
			p("ten_percent_cap_m", numN("10 % over the four-week average; null without running")),
			p("pattern", object("The runner's last four weeks, which the week follows",
				p("weeks", integer("")), p("runs_per_week", integer("")), p("hard_per_week", integer("")),
				p("easy_m", num("median easy run (assumed without history)")), p("hard_m", numN("median hard session")),
				p("long_m", numN("median long run")), p("longest_m", numN("longest run that was not a race")),
				p("long_day", str("weekday")), p("long_day_assumed", boolean("")),
				p("hard_days", arr(str(""), "weekdays, most frequent first")), p("assumed", boolean("no running history: a recreational week")))),
			p("adjustments", arr(object("", p("id", enum("", "lighter-week", "after-race", "readiness", "load")),
				p("fraction", num("how much lighter; the largest applies")), p("reason", str(""))), "")),
			p("assumptions", arr(str(""), "what was assumed for want of history")),
			p("notes", arr(str(""), "")),
			p("see_professional", ref("SeeProfessional")),
			p("disclaimer", str(""))),
		"Model": object("What Rebound has learned (`rebound model --json`)",
			p("personal", ref("Params")), p("population", ref("Params")),
			p("check_ins", integer("")), p("observations", integer("soreness ratings")),
			p("peak_runs", integer("runs whose ratings can show when soreness peaks; the peak time is fitted from 3")),
			p("mae_population", numN("mean absolute error 0-10; null with fewer than 8 ratings")), p("mae_personal", numN("")),
			p("peak_hours", num("when soreness peaks for this runner now: the personal peak time × the age and sleep factor, as the plans use it")),
			p("explanation", str(""))),
		"Protocol": protocolSchema(),

		"Profile": object("The runner's profile (`rebound profile --json`); unset fields are left out",
			append(append([]prop{}, profileProps...),
				p("effective_resting_hr", num("")), p("effective_max_hr", num("")),
				p("resting_hr_estimated", boolean("")), p("max_hr_estimated", boolean("")),
				p("background_assumed", boolean("no background given: the models assume a recreational runner until four weeks of runs are in")),
				p("ask_background", boolean("Rebound should ask for the background (not given, not dismissed)")))...),
		"ProfileInput": object("The whole profile, metric; left-out fields are unset. The read-only keys of GET are accepted and ignored. "+
			"A weight_kg outside 35-200 kg is refused (400, the message names the reading in pounds) unless it is the weight already stored.",
			append(append([]prop{}, profileProps...),
				opt("effective_resting_hr", num("ignored")), opt("effective_max_hr", num("ignored")),
				opt("resting_hr_estimated", boolean("ignored")), opt("max_hr_estimated", boolean("ignored")),
				opt("background_assumed", boolean("ignored")), opt("ask_background", boolean("ignored")))...),
		"Shoe": object("A shoe and how far it has gone", shoe...),
		"ShoeInput": object("A shoe to add or update; left-out fields keep their values",
			p("name", str("matched case-insensitively")), opt("limit_km", desc(js{"type": "number", "minimum": 0, "maximum": maxShoeLimitKm}, "")),
			opt("default", boolean("")), opt("retired", boolean("")),
			opt("distance_m", num("ignored")), opt("runs", integer("ignored"))),

		"Me": object("The signed-in account", p("id", integer("")), p("name", str("")),
			p("role", enum("", account.Athlete, account.Coach, account.Admin)), p("created_at", dateTime("")),
			p("auth", enum("how this request signed in", "token", "session"))),
		"AthleteSummary": object("A row of a coach's table",
			p("id", integer("")), p("name", str("")),
			p("readiness", desc(js{"type": "integer", "minimum": 0, "maximum": 100, "nullable": true}, "null with nothing to go on")),
			p("recommendation", enum("", recovery.Rest, recovery.ActiveRecovery, recovery.EasyRun, recovery.QualityOK, recovery.NoData)),
			p("red_flag", object("", p("needed", boolean("")), p("urgency", enum("", "urgent", "soon", "")), p("reasons", arr(str(""), "")))),
			p("checked_in", boolean("today")),
			p("last_run", nullable(dateTime("the latest run's start")))),
		"Token":        token,
		"TokenInput":   object("", p("name", str("what the token is for"))),
		"NewToken":     object("A new token and its secret, shown once", p("token", ref("Token")), p("secret", str("rbd_…"))),
		"CalendarFeed": object("The calendar feed's secret address", p("url", str("")), p("token", ref("Token"))),
	}
}

// protocolSchema is `rebound protocol --json` (present.Protocol).
func protocolSchema() js {
	strs := func(d string) js { return arr(str(""), d) }
	cites := strs("the sources as people read them: an article's title, a study's citation")
	disagreement := object("Where sources disagree",
		p("id", str("")), p("topic", str("")), p("techniques", strs("technique ids")), p("default", str("what Rebound uses")),
		p("range", str("")), p("note", str("")))
	technique := object("One technique of the rule base",
		p("id", str("stable technique id")), p("name", str("")),
		p("phase", enum("", protocol.Immediate, protocol.SameDay, protocol.Days1to3, protocol.LongTerm)),
		p("start_h", num("")), p("end_h", num("")),
		p("dose", object("", p("default", num("")), p("min", num("")), p("max", num("")), p("unit", str("")), p("text", str("")))),
		p("muscles", strs("")),
		p("evidence", enum("", protocol.Grades()...)), p("evidence_note", str("")),
		p("requires", strs("equipment, any one of which is enough")),
		p("contraindications", arr(object("",
			p("condition", str("")), p("action", enum("", protocol.Avoid, protocol.DoctorFirst, protocol.Modify)),
			p("why", str("")), p("source", str("the source's identifier")), p("citation", str("the source as people read it"))), "")),
		p("applies_after", strs("run kinds")),
		p("how", str("")), p("why", str("")),
		p("sources", arr(object("", p("ref", str("the source's identifier: a seed article's file name or a study's citation")),
			p("citation", str("the source as people read it")), p("says", str(""))), "")),
		p("disagreement", nullable(disagreement)),
		p("injury_care", boolean("first aid for a sore spot or an injury: never a plan's lead without one")))
	return object("The whole rule base (`rebound protocol --json`)",
		p("techniques", arr(technique, "")),
		p("disagreements", arr(disagreement, "")),
		p("symptoms", arr(object("A red-flag symptom", p("id", str("")), p("name", str("")),
			p("urgency", enum("", protocol.Urgent, protocol.Soon)), p("why", str("")),
			p("sources", strs("identifiers")), p("citations", cites),
			p("calls", strs("techniques the symptom calls for while it stands"))), "")),
		p("thresholds", arr(object("A named constant", p("name", str("")), p("value", num("")), p("unit", str("")),
			p("sources", strs("identifiers")), p("citations", cites), p("note", str(""))), "")))
}

// kindNames are recovery.Kinds as strings.
func kindNames() []string {
	var out []string
	for _, k := range recovery.Kinds {
		out = append(out, string(k))
	}
	return out
}
