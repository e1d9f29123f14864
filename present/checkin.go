package present

import (
	"fmt"
	"maps"
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
	// SymptomsAnswered: the runner answered the red-flag question that
	// day, so an empty symptoms list cleared earlier flags.
	SymptomsAnswered bool `json:"symptoms_answered"`
}

// NewCheckIn builds the document of c.
func NewCheckIn(c recovery.CheckIn) CheckIn {
	out := CheckIn{Date: c.Date.Format("2006-01-02"), Soreness: map[recovery.Muscle]Num{},
		SleepH: Num(c.SleepH), SleepQuality: Num(c.SleepQuality), Stress: Num(c.Stress),
		RestingHR: Num(c.RestingHR), HRVms: Num(c.HRVms), Symptoms: append([]string{}, c.Symptoms...),
		SymptomsAnswered: c.SymptomsAnswered}
	for m, v := range c.Soreness {
		out.Soreness[m] = Num(v)
	}
	return out
}

// CheckInInput is a check-in as a client gives it: the JSON body of POST
// /api/v1/checkins, and what the check-in form and `rebound checkin`
// parse their fields into. Absent values are nil or empty.
type CheckInInput struct {
	Date         string             `json:"date"`     // YYYY-MM-DD; empty for today
	Soreness     map[string]float64 `json:"soreness"` // muscle group -> 0-10
	SleepH       *float64           `json:"sleep_h"`
	SleepQuality *float64           `json:"sleep_quality"`
	Stress       *float64           `json:"stress"`
	RestingHR    *float64           `json:"resting_hr"`
	HRVms        *float64           `json:"hrv_ms"`
	// Symptoms answers the symptom question: nil (left out, or null) when
	// it was not asked, which leaves earlier red flags standing; the
	// symptoms the runner has today otherwise, an empty list for none,
	// which clears them.
	Symptoms []string `json:"symptoms"`
	// RPE rates sessions 0-10 by activity id (or "latest"); null removes
	// a session's rating.
	RPE map[string]*float64 `json:"rpe"`
	// WeightBefore and WeightAfter are the body weights just before and
	// after the latest run, both or neither, for its fluid advice (the
	// check-in form asks them); they are not stored.
	WeightBefore *Weight `json:"-"`
	WeightAfter  *Weight `json:"-"`
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

// Problem is one wrong value of an input: its field, named by the JSON
// key ("sleep_h", "soreness.quads", "rpe.latest", "weight_before"), and
// what is wrong, in words that fit after the field's name.
type Problem struct {
	Field   string
	Message string
}

// String is the problem in words: "sleep: enter a number from 0 to 24".
func (p Problem) String() string { return fieldLabel(p.Field) + ": " + p.Message }

// Problems are every wrong value of an input. As an error they are
// EINVALID, with each problem in the message.
type Problems []Problem

// Error lists the problems: "sleep_h: enter a number from 0 to 24; ...".
func (ps Problems) Error() string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, "; ")
}

// Unwrap makes the problems an EINVALID error with their message.
func (ps Problems) Unwrap() error { return rebound.Errorf(rebound.EINVALID, "%s", ps.Error()) }

// Err returns ps as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// fieldLabel names a field in a message: "sleep" for sleep_h, "soreness
// of quads" for soreness.quads.
func fieldLabel(f string) string {
	if k, m, ok := strings.Cut(f, "."); ok {
		return map[string]string{"soreness": "soreness of ", "rpe": "rpe of "}[k] + m
	}
	if l, ok := map[string]string{"sleep_h": "sleep", "sleep_quality": "sleep quality", "resting_hr": "resting heart rate",
		"hrv_ms": "HRV", "weight_before": "weight before", "weight_after": "weight after"}[f]; ok {
		return l
	}
	return f
}

// between is the message of a number out of [lo, hi].
func between(lo, hi float64) string { return fmt.Sprintf("enter a number from %g to %g", lo, hi) }

// CheckIn validates in and returns the check-in of its day: midnight of
// Date in loc, or of today's date when Date is empty. The problems name
// every value that is wrong: an unknown muscle group or symptom, a number
// out of its range (recovery.ValidateCheckIn's), an RPE that is not 0-10,
// one weight without the other.
func (in CheckInInput) CheckIn(today time.Time, loc *time.Location) (recovery.CheckIn, Problems) {
	var ps Problems
	bad := func(field, msg string) { ps = append(ps, Problem{field, msg}) }
	day, err := CheckInDay(in.Date, today, loc)
	if err != nil {
		bad("date", strings.TrimPrefix(rebound.ErrorMessage(err), "date "))
		day = time.Date(today.In(loc).Year(), today.In(loc).Month(), today.In(loc).Day(), 0, 0, 0, 0, loc)
	}
	num := func(field string, p *float64, lo, hi float64) float64 {
		if p == nil {
			return math.NaN()
		}
		if !(*p >= lo && *p <= hi) {
			bad(field, between(lo, hi))
			return math.NaN()
		}
		return *p
	}
	c := recovery.CheckIn{Date: day, Soreness: map[recovery.Muscle]float64{},
		SleepH:       num("sleep_h", in.SleepH, 0, recovery.HoursInDay),
		SleepQuality: num("sleep_quality", in.SleepQuality, 1, 5),
		Stress:       num("stress", in.Stress, 1, 5),
		RestingHR:    num("resting_hr", in.RestingHR, recovery.RestingHRMin, recovery.RestingHRMax),
		HRVms:        num("hrv_ms", in.HRVms, recovery.HRVMin, recovery.HRVMax),
		Symptoms:     []string{}, SymptomsAnswered: in.Symptoms != nil}
	for _, k := range slices.Sorted(maps.Keys(in.Soreness)) {
		mu := recovery.Muscle(strings.ToLower(strings.TrimSpace(k)))
		switch v := in.Soreness[k]; {
		case !recovery.ValidMuscle(mu):
			bad("soreness."+k, "not a muscle group; want "+MuscleList())
		case !(v >= 0 && v <= 10):
			bad("soreness."+k, between(0, 10))
		default:
			c.Soreness[mu] = v
		}
	}
	for _, s := range in.Symptoms {
		s = strings.ToLower(strings.TrimSpace(s))
		if _, ok := protocol.SymptomByID(s); !ok {
			bad("symptoms", fmt.Sprintf("%q is not a symptom Rebound knows; want %s", s, strings.Join(protocol.SymptomIDs(), ", ")))
		} else if !slices.Contains(c.Symptoms, s) {
			c.Symptoms = append(c.Symptoms, s)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(in.RPE)) {
		if v := in.RPE[k]; v != nil && !(*v >= 0 && *v <= 10) {
			bad("rpe."+k, between(0, 10))
		}
	}
	if (in.WeightBefore == nil) != (in.WeightAfter == nil) {
		f := "weight_after"
		if in.WeightBefore == nil {
			f = "weight_before"
		}
		bad(f, "give both weights, before and after the run, or neither")
	}
	if len(ps) == 0 {
		if err := recovery.ValidateCheckIn(c); err != nil { // a backstop: the checks above cover it
			bad("check-in", rebound.ErrorMessage(err))
		}
	}
	return c, ps
}

// MuscleList lists the muscle groups a check-in rates, comma-separated.
func MuscleList() string {
	var s []string
	for _, m := range recovery.Muscles {
		s = append(s, string(m))
	}
	return strings.Join(s, ", ")
}

// ClearedNote says what a check-in that answered the symptom question
// without some red-flag symptoms did to them (withdrawn: those that stood
// before it; returning: a graded return starts with it): the red flag is
// cleared and the runner eases back in; or, taken off the day they were
// reported, the symptoms are withdrawn, with a word on what to do if they
// were real; "" when none stood. The CLI prints it, the web's flash adds
// it.
func ClearedNote(withdrawn []string, returning bool) string {
	if len(withdrawn) == 0 {
		return ""
	}
	if returning {
		return "No red-flag symptoms: the red flag is cleared. Ease back in: easy runs only for the next days."
	}
	var names []string
	for _, id := range withdrawn {
		if sym, ok := protocol.SymptomByID(id); ok {
			names = append(names, lowerFirst(sym.Name))
		}
	}
	return "Taken off today's check-in: " + OrList(names) + ". If you did have it, see a professional before you run again; " +
		"if it comes back, check in with it."
}
