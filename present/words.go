package present

import (
	"math"
	"strconv"
	"strings"

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/load"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// This file words Rebound's decisions for people, once for every surface:
// the CLI prints these labels and the web pages show them (package web's
// template helpers call these functions). Change a word here and both
// change.

// Advice is how a recommendation is shown: a short label and a sentence.
type Advice struct {
	ID    string // rest, active-recovery, easy-run, quality-ok or no-data
	Label string // "Active recovery"
	Hint  string // one sentence
}

// AdviceFor words a recommendation (recovery.Recommendation: rest,
// active-recovery, easy-run, quality-ok, no-data).
func AdviceFor(id string) Advice {
	switch recovery.Recommendation(id) {
	case recovery.Rest:
		return Advice{id, "Rest", "Take the day off running."}
	case recovery.ActiveRecovery:
		return Advice{id, "Active recovery", "Move gently: walk, spin or swim at a chatting effort."}
	case recovery.EasyRun:
		return Advice{id, "Easy run", "An easy run is fine; keep it conversational."}
	case recovery.QualityOK:
		return Advice{id, "Ready for quality", "Your body is ready for a hard or long session."}
	case recovery.NoData:
		return Advice{id, "Not enough data yet", "Import your runs and check in each morning to see how ready you are."}
	}
	return Advice{id, Label(id), ""}
}

// PhaseTitle is the heading of a protocol phase: "First hour", "Same
// day", "Days 1–3", "This week and beyond".
func PhaseTitle(phase string) string {
	switch protocol.Phase(phase) {
	case protocol.Immediate:
		return "First hour"
	case protocol.SameDay:
		return "Same day"
	case protocol.Days1to3:
		return "Days 1–3"
	case protocol.LongTerm:
		return "This week and beyond"
	}
	return Label(phase)
}

// PhaseHint says in a few words when a phase is.
func PhaseHint(phase string) string {
	switch protocol.Phase(phase) {
	case protocol.Immediate:
		return "as soon as you stop"
	case protocol.SameDay:
		return "the rest of the day and tonight"
	case protocol.Days1to3:
		return "while the soreness peaks"
	case protocol.LongTerm:
		return "habits that keep you running"
	}
	return ""
}

// PriorityHeading is the heading of a plan's steps of a priority
// (coach.DoThis, Helpful, MoreOptions): "Do this", "Helpful", "More
// options".
func PriorityHeading(priority int) string {
	switch priority {
	case coach.DoThis:
		return "Do this"
	case coach.Helpful:
		return "Helpful"
	case coach.MoreOptions:
		return "More options"
	}
	return "Other steps"
}

// Window says when a step happens, from its window in hours after the
// run: "right away", "within 30 min", "12–72 h after", "2–7 days after",
// "from today, all week".
func Window(startH, endH float64) string {
	s, e := startH, endH
	if e < s {
		e = s
	}
	var unit string
	var div float64
	switch {
	case e <= 1:
		unit, div = "min", 1.0/60
	case e <= 72 && s < 48:
		unit, div = "h", 1
	default:
		unit, div = "days", 24
	}
	f := func(h float64) string { return strconv.FormatFloat(math.Round(h/div*2)/2, 'f', -1, 64) }
	switch {
	case s == 0 && e == 0:
		return "right away"
	case s == 0:
		if unit == "days" && e == 24*7 {
			// A step of the first hours that goes on all week (sleep):
			// not "this week and beyond", the title of the long-term
			// habits, which it would read as under its own heading.
			return "from today, all week"
		}
		return "within " + f(e) + " " + unit
	case f(s) == f(e):
		return "from " + f(s) + " " + unit
	}
	return f(s) + "–" + f(e) + " " + unit + " after"
}

// ACWRWords says where an acute:chronic load ratio sits against the
// runner's usual load: load.ACWRWords, which the readiness factor uses
// too.
func ACWRWords(acwr float64) string { return load.ACWRWords(acwr) }

// KindLabel is the label of a run kind (recovery.Kind: easy, recovery,
// long, hard, race, cross-training) or of a week day's type, which adds
// rest and active-recovery, worded as today's advice words them.
func KindLabel(kind string) string {
	switch recovery.Kind(kind) {
	case recovery.Easy:
		return "Easy"
	case recovery.RecoveryRun:
		return "Recovery run"
	case recovery.Long:
		return "Long"
	case recovery.Hard:
		return "Hard"
	case recovery.Race:
		return "Race"
	case recovery.Cross:
		return "Cross-training"
	}
	switch kind {
	case coach.DayRest, coach.DayActiveRecovery: // the words of today's advice
		return AdviceFor(kind).Label
	}
	return Label(kind)
}

// WorkoutLabel is the label of what a hard session was
// (recovery.Workout: intervals, tempo, hills, downhill).
func WorkoutLabel(w string) string {
	switch recovery.Workout(w) {
	case recovery.Intervals:
		return "Intervals"
	case recovery.Tempo:
		return "Tempo"
	case recovery.Hills:
		return "Hills"
	case recovery.Downhill:
		return "Downhill"
	}
	return Label(w)
}

// StatusWord is how a readiness factor's status (good, fair, poor,
// unknown) reads.
func StatusWord(status string) string {
	switch status {
	case "good":
		return "good"
	case "fair":
		return "fair"
	case "poor":
		return "poor"
	}
	return "no data"
}

// Label turns an ID into a label: "hip-flexors" becomes "Hip flexors".
func Label(id string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(id)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Cite is how a step's or a technique's sources read in full:
// protocol.Cite of each, each once (the web pages' source lists).
func Cite(refs []string) []string { return protocol.CiteAll(refs) }

// CiteBrief is how sources read on one line (the CLI's steps): the
// articles by short title, studies by their full citation, each once.
func CiteBrief(refs []string) []string {
	out := make([]string, 0, len(refs))
	seen := map[string]bool{}
	for _, r := range refs {
		c := protocol.Cite(r)
		if protocol.IsSeed(r) {
			c = protocol.Short(r)
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// Grade is how an evidence grade is shown.
type Grade struct {
	Level   int    // 1 strongest … 4 weakest, 5 expert practice, 0 unknown
	Label   string // short, for a badge: "Moderate evidence"
	Meaning string // one sentence
}

// GradeFor words an evidence grade: the protocol's grades (moderate, low,
// very-low, practice, with protocol.Grade's meanings), letter grades A-D
// and strong/limited/expert-opinion.
func GradeFor(g string) Grade {
	switch strings.ToLower(strings.TrimSpace(g)) {
	case "a", "strong", "high":
		return Grade{1, "Strong evidence", "Consistent controlled trials or meta-analyses support it."}
	case "b", string(protocol.Moderate):
		return Grade{2, "Moderate evidence", protocol.Moderate.Meaning()}
	case "c", string(protocol.Low), "limited":
		return Grade{3, "Low evidence", protocol.Low.Meaning()}
	case "d", string(protocol.VeryLow), "very low":
		return Grade{4, "Very low evidence", protocol.VeryLow.Meaning()}
	case string(protocol.Practice), "expert-opinion", "expert opinion", "expert":
		return Grade{5, "Expert practice", protocol.Practice.Meaning()}
	}
	return Grade{Label: Label(g)}
}

// MuscleLabel is how a muscle group reads: "hip-flexors" is "Hip
// flexors", on every surface.
func MuscleLabel(m string) string { return Label(m) }

// Hours says a number of hours after a run: "30 h", whatever its size,
// so that peaks and clocks read alike ("47 h" beside "51 h", never "2.1
// days").
func Hours(h float64) string { return strconv.FormatFloat(math.Round(h), 'f', 0, 64) + " h" }

// EarlierSoreness says what earlier runs had left when a run ended:
// "quads 1.2, calves 0.8".
func EarlierSoreness(ms []coach.MuscleValue) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = strings.ToLower(MuscleLabel(string(m.Muscle))) + " " + strconv.FormatFloat(m.Value, 'f', 1, 64)
	}
	return strings.Join(parts, ", ")
}

// EarlierSorenessLead opens the line under a plan's soreness forecast that
// says what earlier runs had left (EarlierSoreness).
const EarlierSorenessLead = "Still there from earlier runs when it ended"

// EarlierSorenessNote is that line: "Still there from earlier runs when
// it ended: quads 1.2, calves 0.8"; "" when they had left nothing.
func EarlierSorenessNote(ms []coach.MuscleValue) string {
	if len(ms) == 0 {
		return ""
	}
	return EarlierSorenessLead + ": " + EarlierSoreness(ms)
}
