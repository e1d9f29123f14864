package rowjson

import (
	"encoding/json"
	"math"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/recovery"
)

// checkIn is the stored form of a check-in: NaN fields are left out. The
// date is a column of its own.
type checkIn struct {
	Soreness     map[recovery.Muscle]float64 `json:"soreness,omitempty"`
	SleepH       *float64                    `json:"sleep_h,omitempty"`
	SleepQuality *float64                    `json:"sleep_quality,omitempty"`
	Stress       *float64                    `json:"stress,omitempty"`
	RestingHR    *float64                    `json:"resting_hr,omitempty"`
	HRVms        *float64                    `json:"hrv_ms,omitempty"`
	Symptoms     []string                    `json:"symptoms,omitempty"`
	Answered     bool                        `json:"symptoms_answered,omitempty"`
}

// MarshalCheckIn returns the stored form of c, without its date. Returns
// EINVALID for a soreness rating that is not a number.
func MarshalCheckIn(c recovery.CheckIn) ([]byte, error) {
	for m, v := range c.Soreness {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, rebound.Errorf(rebound.EINVALID, "soreness of %s is not a number", m)
		}
	}
	return json.Marshal(checkIn{Soreness: c.Soreness, SleepH: opt(c.SleepH), SleepQuality: opt(c.SleepQuality),
		Stress: opt(c.Stress), RestingHR: opt(c.RestingHR), HRVms: opt(c.HRVms), Symptoms: c.Symptoms,
		Answered: c.SymptomsAnswered})
}

// UnmarshalCheckIn decodes the check-in of date from its stored form.
// Values left out are NaN; Soreness and Symptoms are never nil.
func UnmarshalCheckIn(data []byte, date time.Time) (recovery.CheckIn, error) {
	var j checkIn
	if err := json.Unmarshal(data, &j); err != nil {
		return recovery.CheckIn{}, err
	}
	c := recovery.CheckIn{Date: date, Soreness: j.Soreness, SleepH: val(j.SleepH), SleepQuality: val(j.SleepQuality),
		Stress: val(j.Stress), RestingHR: val(j.RestingHR), HRVms: val(j.HRVms), Symptoms: j.Symptoms,
		SymptomsAnswered: j.Answered}
	if c.Soreness == nil {
		c.Soreness = map[recovery.Muscle]float64{}
	}
	if c.Symptoms == nil {
		c.Symptoms = []string{}
	}
	return c, nil
}

// opt returns v, or nil when it is not a finite number.
func opt(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// val returns *p, or NaN when p is nil.
func val(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// MergeCheckIn merges c into the stored check-in data of its day (by
// recovery.MergeCheckIn; "{}" for a day without one) and returns the
// merged check-in and its stored form.
func MergeCheckIn(data []byte, c recovery.CheckIn) (recovery.CheckIn, []byte, error) {
	old, err := UnmarshalCheckIn(data, c.Date)
	if err != nil {
		return c, nil, err
	}
	merged := recovery.MergeCheckIn(old, c)
	out, err := MarshalCheckIn(merged)
	return merged, out, err
}
