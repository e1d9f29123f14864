package present

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/recovery"
)

// CheckIn is the JSON of one morning check-in (GET /api/v1/checkins).
// Values not given are null; soreness lists only the rated muscle groups.
type CheckIn struct {
	Date         string                  `json:"date"` // YYYY-MM-DD, the runner's day
	Soreness     map[recovery.Muscle]Num `json:"soreness"`
	SleepH       Num                     `json:"sleep_h"`
	SleepQuality Num                     `json:"sleep_quality"`
	Stress       Num                     `json:"stress"`
	RestingHR    Num                     `json:"resting_hr"`
	HRVms        Num                     `json:"hrv_ms"`
	Symptoms     []string                `json:"symptoms"`
}

// NewCheckIn builds the document of c.
func NewCheckIn(c recovery.CheckIn) CheckIn {
	out := CheckIn{Date: c.Date.Format("2006-01-02"), Soreness: map[recovery.Muscle]Num{},
		SleepH: Num(c.SleepH), SleepQuality: Num(c.SleepQuality), Stress: Num(c.Stress),
		RestingHR: Num(c.RestingHR), HRVms: Num(c.HRVms), Symptoms: append([]string{}, c.Symptoms...)}
	for m, v := range c.Soreness {
		out.Soreness[m] = Num(v)
	}
	return out
}

// CheckInInput is a check-in as a client sends it (POST /api/v1/checkins,
// the check-in form). Absent values are nil or empty.
type CheckInInput struct {
	Date         string             `json:"date"`     // YYYY-MM-DD; empty for today
	Soreness     map[string]float64 `json:"soreness"` // muscle group -> 0-10
	SleepH       *float64           `json:"sleep_h"`
	SleepQuality *float64           `json:"sleep_quality"`
	Stress       *float64           `json:"stress"`
	RestingHR    *float64           `json:"resting_hr"`
	HRVms        *float64           `json:"hrv_ms"`
	Symptoms     []string           `json:"symptoms"`
	// RPE rates sessions 0-10 by activity id (or "latest").
	RPE map[string]float64 `json:"rpe"`
}

// CheckIn checks in as `rebound checkin` checks its flags and returns the
// check-in of its day: midnight of Date in loc, or of today's date when
// Date is empty. Errors are EINVALID and name the value.
func (in CheckInInput) CheckIn(today time.Time, loc *time.Location) (recovery.CheckIn, error) {
	y, m, d := today.In(loc).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if in.Date != "" {
		t, err := time.ParseInLocation("2006-01-02", in.Date, loc)
		if err != nil {
			return recovery.CheckIn{}, rebound.Errorf(rebound.EINVALID, "date %q: want YYYY-MM-DD", in.Date)
		}
		day = t
	}
	val := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	c := recovery.CheckIn{Date: day, Soreness: map[recovery.Muscle]float64{}, SleepH: val(in.SleepH),
		SleepQuality: val(in.SleepQuality), Stress: val(in.Stress), RestingHR: val(in.RestingHR),
		HRVms: val(in.HRVms), Symptoms: []string{}}
	for k, v := range in.Soreness {
		c.Soreness[recovery.Muscle(strings.ToLower(strings.TrimSpace(k)))] = v
	}
	for _, s := range in.Symptoms {
		s = strings.ToLower(strings.TrimSpace(s))
		if _, ok := protocol.SymptomByID(s); !ok {
			return c, rebound.Errorf(rebound.EINVALID, "symptom %q: want one of %s", s, strings.Join(protocol.SymptomIDs(), ", "))
		}
		if !slices.Contains(c.Symptoms, s) {
			c.Symptoms = append(c.Symptoms, s)
		}
	}
	for k, v := range in.RPE {
		if math.IsNaN(v) || v < 0 || v > 10 {
			return c, rebound.Errorf(rebound.EINVALID, "rpe of %s must be 0-10, not %g", k, v)
		}
	}
	return c, recovery.ValidateCheckIn(c)
}
