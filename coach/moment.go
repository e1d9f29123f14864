package coach

import (
	"time"
)

// The parts of the day a moment is told in (Rebound's words): a moment
// from PartMorning up to PartAfternoon is the morning, and so on; a moment
// from PartNight on, or before PartMorning, is the night, which people
// sleep through: it reads as the next morning.
const (
	PartMorning   = 5  // 05:00
	PartAfternoon = 12 // 12:00
	PartEvening   = 17 // 17:00
	PartNight     = 22 // 22:00
)

// MomentDateDays is how many days ahead (or back) a moment is named by its
// date rather than its weekday: from six days out a weekday reads as this
// week's ("Tuesday" 8 days ahead is taken for tomorrow).
const MomentDateDays = 6

// Moment says when t is, for people, as seen at now: the day and the part
// of the day, never a clock time (recovery clocks are estimates good to a
// few hours, and a minute reads as a promise): "this afternoon",
// "tomorrow morning", "Friday evening", and from MomentDateDays away the
// date, "Tue 15 Dec afternoon" ("Tue 15 Dec 2025 afternoon" in another
// year). The time is rounded to the hour first; a night time reads as
// the next morning. Every surface (today's reasons, a plan's "legs ready",
// the week, the CLI and the web) says a recovery moment with it; callers
// put "from" or "until" before it.
func Moment(t, now time.Time) string {
	t = t.In(now.Location()).Round(time.Hour)
	part := "morning"
	switch h := t.Hour(); {
	case h < PartMorning:
	case h < PartAfternoon:
	case h < PartEvening:
		part = "afternoon"
	case h < PartNight:
		part = "evening"
	default:
		t = t.AddDate(0, 0, 1) // the night reads as the next morning
	}
	switch days := dayDiff(now, t); {
	case days == 0:
		return "this " + part
	case days == 1:
		return "tomorrow " + part
	case days == -1:
		return "yesterday " + part
	case days > 1 && days < MomentDateDays:
		return t.Format("Monday") + " " + part
	}
	return Date(t, now) + " " + part
}

// Date names the day of t as seen at now: "Tue 15 Dec", with the year
// when it is not now's ("Tue 15 Dec 2025").
func Date(t, now time.Time) string {
	t = t.In(now.Location())
	if t.Year() != now.Year() {
		return t.Format("Mon 2 Jan 2006")
	}
	return t.Format("Mon 2 Jan")
}

// OnDay says on which day t was, looking back from now: "today",
// "yesterday", "on Sunday" (up to MomentDateDays back), "on Sun 29 Nov".
func OnDay(t, now time.Time) string {
	switch days := dayDiff(now, t); {
	case days == 0:
		return "today"
	case days == -1:
		return "yesterday"
	case days < 0 && days > -MomentDateDays:
		return "on " + t.In(now.Location()).Format("Monday")
	}
	return "on " + Date(t, now)
}

// dayDiff is how many calendar days t is after now, in now's time zone.
func dayDiff(now, t time.Time) int {
	y, m, d := now.Date()
	a := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	y, m, d = t.In(now.Location()).Date()
	b := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}
