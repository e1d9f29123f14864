package recovery

import (
	"strings"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/measure"
)

// The words for kinds of session, defined once: reasons ("A long run:
// easy running after…", "you marked it as a race", "a 1 h 05 min ride counts
// as cross-training") and activity names ("Morning easy run") use them.

// Noun names a session of kind k: "easy run", "recovery run", "long
// run", "hard session", "race", "cross-training session". A
// cross-training session is better named by its sport (Session).
func (k Kind) Noun() string {
	switch k {
	case RecoveryRun:
		return "recovery run"
	case Long:
		return "long run"
	case Hard:
		return "hard session"
	case Race:
		return "race"
	case Cross:
		return "cross-training session"
	}
	return "easy run"
}

// Noun names a hard session of workout w: "intervals", "tempo run",
// "hill session", "downhill run"; "" for none.
func (w Workout) Noun() string {
	switch w {
	case Intervals:
		return "intervals"
	case Tempo:
		return "tempo run"
	case Hills:
		return "hill session"
	case Downhill:
		return "downhill run"
	}
	return ""
}

// Marked is the reason for a kind the runner chose: "you marked it as a
// race", "you marked it as cross-training".
func (k Kind) Marked() string {
	if k == Cross {
		return "you marked it as cross-training"
	}
	return "you marked it as " + withArticle(k.Noun())
}

// Session says what a session was, with its article, for reasons: "a long
// run", "a race", "an easy run", and for cross-training its length and
// sport: "a 1 h 05 min ride", "a 40 min swim".
func Session(k Kind, sport activity.Sport, durationS float64) string {
	if k != Cross {
		return withArticle(k.Noun())
	}
	if durationS > 0 {
		return "a " + measure.Duration(durationS) + " " + sport.Noun()
	}
	return withArticle(sport.Noun())
}

// CrossReason is why a session counts as cross-training: "a 1 h 05 min ride
// counts as cross-training".
func CrossReason(sport activity.Sport, durationS float64) string {
	return Session(Cross, sport, durationS) + " counts as cross-training"
}

// withArticle puts "a" or "an" before a noun.
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
