package present

import "github.com/rebound-run/rebound/profile"

// ProfileJSON is the runner's profile (profile.Profile) in the profile
// document of `rebound profile --json` and GET /api/v1/profile
// (docs/json.md), unset fields left out. Like the other mirrors it has a
// field of the same name for each exported field of profile.Profile
// (TestMirrorsCoverDomain). PUT /api/v1/profile decodes its own input
// (server.ProfileInput), whose background is a BackgroundJSON.
type ProfileJSON struct {
	WeightKg   float64        `json:"weight_kg,omitempty"`
	Age        int            `json:"age,omitempty"`
	Sex        profile.Sex    `json:"sex,omitempty"`
	RestingHR  float64        `json:"resting_hr,omitempty"`
	MaxHR      float64        `json:"max_hr,omitempty"`
	Units      profile.Units  `json:"units,omitempty"`
	Timezone   string         `json:"timezone,omitempty"`
	Conditions []string       `json:"conditions,omitempty"`
	Equipment  []string       `json:"equipment,omitempty"`
	Background BackgroundJSON `json:"background,omitzero"`
}

// NewProfileJSON is the JSON of p.
func NewProfileJSON(p profile.Profile) ProfileJSON {
	return ProfileJSON{WeightKg: p.WeightKg, Age: p.Age, Sex: p.Sex, RestingHR: p.RestingHR, MaxHR: p.MaxHR,
		Units: p.Units, Timezone: p.Timezone, Conditions: p.Conditions, Equipment: p.Equipment,
		Background: BackgroundJSON(p.Background)}
}

// BackgroundJSON is the runner's training background
// (profile.Background): left out of the profile when all its fields are
// zero, each field left out when zero. Its fields match profile.Background
// one to one, so a Go conversion fills it.
type BackgroundJSON struct {
	WeeklyKm     float64 `json:"weekly_km,omitempty"`
	RunningYears float64 `json:"running_years,omitempty"`
	NewRunner    bool    `json:"new_runner,omitempty"`
	Dismissed    bool    `json:"dismissed,omitempty"`
}

// Background is the background d describes.
func (d BackgroundJSON) Background() profile.Background { return profile.Background(d) }
