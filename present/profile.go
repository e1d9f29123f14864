package present

import "github.com/rebound-run/rebound/profile"

// Profile is the JSON of `rebound profile --json` and GET /api/v1/profile:
// the stored profile (unset fields omitted) and the heart-rate anchors the
// models use, estimated where the runner has not set them.
type Profile struct {
	profile.Profile
	EffectiveRestingHR float64 `json:"effective_resting_hr"`
	EffectiveMaxHR     float64 `json:"effective_max_hr"`
	RestingHREstimated bool    `json:"resting_hr_estimated"`
	MaxHREstimated     bool    `json:"max_hr_estimated"`
}

// NewProfile builds the profile document of p.
func NewProfile(p profile.Profile) Profile {
	hr := p.HR()
	return Profile{p, hr.Rest, hr.Max, hr.RestEstimated, hr.MaxEstimated}
}
