package rowjson

import (
	"encoding/json"

	"github.com/rebound-run/rebound/profile"
)

// Profile is the stored form of profile.Profile, the profile table's data
// column: unset (zero) fields are left out, and so is a background not
// given. A field added to profile.Profile or profile.Background must be
// added here too; TestProfileMirrors fails until it is.
type Profile struct {
	WeightKg   float64       `json:"weight_kg,omitempty"`
	Age        int           `json:"age,omitempty"`
	Sex        profile.Sex   `json:"sex,omitempty"`
	RestingHR  float64       `json:"resting_hr,omitempty"`
	MaxHR      float64       `json:"max_hr,omitempty"`
	Units      profile.Units `json:"units,omitempty"`
	Timezone   string        `json:"timezone,omitempty"`
	Conditions []string      `json:"conditions,omitempty"`
	Equipment  []string      `json:"equipment,omitempty"`
	Background Background    `json:"background,omitzero"`
}

// Background is the stored form of profile.Background. Its fields match
// one to one, so a Go conversion fills it.
type Background struct {
	WeeklyKm     float64 `json:"weekly_km,omitempty"`
	RunningYears float64 `json:"running_years,omitempty"`
	NewRunner    bool    `json:"new_runner,omitempty"`
	Dismissed    bool    `json:"dismissed,omitempty"`
}

// MarshalProfile returns the stored JSON of p. encoding/json refuses a NaN
// or infinite number, which the caller reports as invalid.
func MarshalProfile(p profile.Profile) ([]byte, error) {
	return json.Marshal(Profile{WeightKg: p.WeightKg, Age: p.Age, Sex: p.Sex, RestingHR: p.RestingHR, MaxHR: p.MaxHR,
		Units: p.Units, Timezone: p.Timezone, Conditions: p.Conditions, Equipment: p.Equipment,
		Background: Background(p.Background)})
}

// UnmarshalProfile decodes a stored profile.
func UnmarshalProfile(data []byte) (profile.Profile, error) {
	var s Profile
	if err := json.Unmarshal(data, &s); err != nil {
		return profile.Profile{}, err
	}
	return profile.Profile{WeightKg: s.WeightKg, Age: s.Age, Sex: s.Sex, RestingHR: s.RestingHR, MaxHR: s.MaxHR,
		Units: s.Units, Timezone: s.Timezone, Conditions: s.Conditions, Equipment: s.Equipment,
		Background: profile.Background(s.Background)}, nil
}
