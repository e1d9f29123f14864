package present

import (
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
)

// Profile is the JSON of `rebound profile --json` and GET /api/v1/profile:
// the stored profile (unset fields omitted) and the heart-rate anchors the
// models use, estimated where the runner has not set them, and the
// training background they use.
type Profile struct {
	ProfileJSON
	EffectiveRestingHR float64 `json:"effective_resting_hr"`
	EffectiveMaxHR     float64 `json:"effective_max_hr"`
	RestingHREstimated bool    `json:"resting_hr_estimated"`
	MaxHREstimated     bool    `json:"max_hr_estimated"`
	// BackgroundAssumed is set when the runner has not given a
	// background and the models assume a recreational runner
	// (recovery.DefaultBackground) until four weeks of runs are in.
	BackgroundAssumed bool `json:"background_assumed"`
	// AskBackground is set while Rebound should ask for the background:
	// not given and not dismissed.
	AskBackground bool `json:"ask_background"`
}

// NewProfile builds the profile document of p.
func NewProfile(p profile.Profile) Profile {
	hr := p.HR()
	return Profile{NewProfileJSON(p), hr.Rest, hr.Max, hr.RestEstimated, hr.MaxEstimated,
		recovery.BackgroundOf(p.Background).Assumed, !p.Background.Asked()}
}

// Background describes the runner's training background in their units:
// "25 km a week, running for 3 years", "new to running", or, when not
// given, what Rebound assumes instead.
func Background(p profile.Profile) string {
	b := recovery.BackgroundOf(p.Background)
	s := b.Describe(func(km float64) string { return coach.WeeklyDistance(p, km) })
	if b.Assumed {
		return "not given: Rebound assumes " + s + " until it has four weeks of your runs"
	}
	return s
}

// BackgroundPrompt is the one-line request for the background that the
// CLI prints while it is not given or dismissed ("" otherwise).
func BackgroundPrompt(p profile.Profile) string {
	if p.Background.Asked() {
		return ""
	}
	return "Tip: tell Rebound what running you are used to, so that your first plans fit you: " + coach.BackgroundCommand(p) +
		" (--skip-background stops this tip)."
}
