package present

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
)

// Title is an activity's name as every view shows it (the CLI's runs,
// show, plan and today, the web's lists, run page and Today card, the
// JSON "title"): the runner's own name for it; else the one its source
// gave it (a Strava export, the planned workout a device followed, a GPX
// or TCX name), unless that names only a sport, a date or a device's
// default track; else the time of day and the kind of session, from
// e.Kind and e.Workout: "Morning easy run", "Evening intervals", "Lunchtime
// ride". A source's name on one leg of a multisport file gets the leg's
// sport: "Lake triathlon: swim". An Entry with only A (an activity not
// classified yet) is named by its sport: "Morning run".
func Title(e coach.Entry, p profile.Profile) string {
	a := e.A
	if a.UserName != "" {
		return a.UserName
	}
	if name := strings.TrimSpace(a.Name); name != "" && !genericName(name) {
		if a.Legs != nil {
			return name + ": " + a.Sport.Noun()
		}
		return name
	}
	noun := a.Sport.Noun()
	if a.Sport.IsRun() {
		switch {
		case e.Kind == recovery.Hard && e.Workout.Noun() != "":
			noun = e.Workout.Noun()
		case e.Kind == recovery.Hard || e.Kind == recovery.Race:
			noun = e.Kind.Noun()
		case e.Kind != "" && e.Kind != recovery.Cross:
			// "easy run", "long trail run", "recovery treadmill run"
			noun = strings.TrimSuffix(e.Kind.Noun(), "run") + a.Sport.Noun()
		}
	}
	return timeOfDay(a.Start.In(Location(a.Activity, p)).Hour()) + " " + noun
}

// timeOfDay names the part of the day of a start hour (local time).
func timeOfDay(h int) string {
	switch {
	case h >= 5 && h < 11:
		return "Morning"
	case h >= 11 && h < 14:
		return "Lunchtime"
	case h >= 14 && h < 18:
		return "Afternoon"
	case h >= 18 && h < 22:
		return "Evening"
	}
	return "Night"
}

// defaultNames are names devices and apps give every track or workout.
var defaultNames = map[string]bool{"sport": true, "activity": true, "workout": true, "track": true,
	"active log": true, "untitled": true, "other": true, "generic": true}

// dateWords are the words a date or time is written with (GPX names such
// as "03-OCT-10", "2013-07-06T14:59:00Z", "2020-12-18 07:24:29").
var dateWords = map[string]bool{"t": true, "z": true, "am": true, "pm": true, "utc": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true}

// genericName reports whether a source's name says nothing of the
// activity: only its sport ("Running", "Indoor Cycling"), a default
// ("ACTIVE LOG", "Sport", "Wahoo Workout"), or only a date or time.
func genericName(name string) bool {
	n := strings.ToLower(name)
	if defaultNames[n] || activity.ParseSport(n) != activity.Other || activity.Sport(n) == activity.Other {
		return true
	}
	if f := strings.Fields(n); len(f) == 2 && f[1] == "workout" { // a brand's default: "Wahoo Workout"
		return true
	}
	for _, w := range strings.FieldsFunc(n, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !dateWords[w] {
			return false
		}
	}
	return true
}

// KindSentence says what kind of session e was and why, without a full
// stop: "A long run: 10 miles or more; 90 minutes or more", "A race: you
// marked it as a race", "A 1 h 05 min ride counts as cross-training".
func KindSentence(e coach.Entry) string {
	why := strings.Join(e.Why, "; ")
	if e.Kind != recovery.Cross {
		why = recovery.Session(e.Kind, e.A.Sport, e.Run.DurationS) + ": " + why
	}
	r, n := utf8.DecodeRuneInString(why)
	return string(unicode.ToUpper(r)) + why[n:]
}
