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

// CheckInEarliest is the first day a check-in may be dated: no runner
// logged a morning check-in in Rebound before 1990, so an earlier date is
// a typing error (a year 0202 for 2020), not history.
var CheckInEarliest = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckInDay returns the day a check-in dated date is for: midnight in loc
// of date (YYYY-MM-DD), or of today's date in loc when date is empty. It
// returns EINVALID, naming the date, for any other form, for a day before
// CheckInEarliest, and for a day more than one day after today (one day of
// slack for a runner whose clock or time zone is ahead of the server's).
// It is the one check of a check-in's date: `rebound checkin --date`, the
// API and the form all go through it.
func CheckInDay(date string, today time.Time, loc *time.Location) (time.Time, error) {
	y, m, d := today.In(loc).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if date == "" {
		return day, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, date, loc)
	if err != nil {
		return time.Time{}, rebound.Errorf(rebound.EINVALID, "date %q: want YYYY-MM-DD", date)
	}
	latest := day.AddDate(0, 0, 1)
	if ty, tm, td := t.Date(); time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC).Before(CheckInEarliest) {
		return time.Time{}, rebound.Errorf(rebound.EINVALID, "date %s is before %s: check the year",
			date, CheckInEarliest.Format(time.DateOnly))
	} else if t.After(latest) {
		return time.Time{}, rebound.Errorf(rebound.EINVALID, "date %s is in the future: a check-in can be dated %s at the latest",
			date, latest.Format(time.DateOnly))
	}
	return t, nil
}

// CheckIn checks in as `rebound checkin` checks its flags and returns the
// check-in of its day: midnight of Date in loc, or of today's date when
// Date is empty. Errors are EINVALID and name the value.
func (in CheckInInput) CheckIn(today time.Time, loc *time.Location) (recovery.CheckIn, error) {
	day, err := CheckInDay(in.Date, today, loc)
	if err != nil {
		return recovery.CheckIn{}, err
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
