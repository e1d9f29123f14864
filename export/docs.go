package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// FormatName and Version identify an archive in its manifest. A version
// is raised only when a key changes meaning or goes; keys may be added.
const (
	FormatName = "rebound-export"
	Version    = 1
)

// The formats of the documents.
const (
	JSON = "json"
	CSV  = "csv"
)

// Manifest is manifest.json: what the archive is and holds.
type Manifest struct {
	Format     string    `json:"format"`      // FormatName
	Version    int       `json:"version"`     // Version
	DataFormat string    `json:"data_format"` // JSON or CSV
	ExportedAt time.Time `json:"exported_at"`
	Athlete    Athlete   `json:"athlete"`
	Files      []string  `json:"files"` // the other entries, in archive order
	Counts     Counts    `json:"counts"`
}

// Athlete is whose data an archive holds.
type Athlete struct {
	ID   int64  `json:"id"`
	Name string `json:"name"` // "" for the local runner of a database without accounts
}

// Counts are how many of each resource an archive holds.
type Counts struct {
	Activities     int `json:"activities"`
	Samples        int `json:"samples"`
	Originals      int `json:"originals"`
	CheckIns       int `json:"check_ins"`
	SessionRPEs    int `json:"session_rpes"`
	Shoes          int `json:"shoes"`
	ChecklistTicks int `json:"checklist_ticks"`
}

// The resources' entry names, without the extension.
const (
	profileDoc    = "profile"
	activitiesDoc = "activities"
	lapsDoc       = "laps"   // CSV only: laps are in activities.json
	pausesDoc     = "pauses" // CSV only
	samplesDoc    = "samples"
	checkInsDoc   = "checkins"
	rpesDoc       = "session_rpes"
	shoesDoc      = "shoes"
	ticksDoc      = "checklist_ticks"
	manifestName  = "manifest.json"
	originalsDir  = "originals/"
)

// num is a number of a document: NaN (absent) and ±Inf are JSON null,
// anything else keeps every digit.
type num float64

// MarshalJSON implements json.Marshaler.
func (n num) MarshalJSON() ([]byte, error) { return appendNum(nil, float64(n)), nil }

// UnmarshalJSON implements json.Unmarshaler: null is NaN.
func (n *num) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = num(math.NaN())
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("%.20q is not a number", b)
	}
	*n = num(v)
	return nil
}

func appendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// numText is v as a CSV cell: empty when absent.
func numText(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// field is one key of a flat document (a summary, totals): a float64 as
// num, a string, or a list of either.
type field struct {
	key   string
	value any // num, string, []num or []string
}

// object is a flat document whose keys keep their order.
type object []field

// MarshalJSON implements json.Marshaler.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.key, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// summaryJSON is an activity's summary in activities.json (its "summary"
// object) and activities.csv (its columns): the keys of activity.Summary
// in declaration order. Its fields match activity.Summary one to one, so
// a Go conversion fills it both ways, and a field added to
// activity.Summary breaks the build here until it has its key
// (TestDocsMirrorDomain checks the keys).
type summaryJSON struct {
	DistanceM            float64   `json:"distance_m"`
	DistanceSource       string    `json:"distance_source"`
	ElapsedS             float64   `json:"elapsed_s"`
	MovingS              float64   `json:"moving_s"`
	AvgSpeedMS           float64   `json:"avg_speed_ms"`
	MaxSpeedMS           float64   `json:"max_speed_ms"`
	GradeAdjustedSpeedMS float64   `json:"grade_adjusted_speed_ms"`
	AscentM              float64   `json:"ascent_m"`
	DescentM             float64   `json:"descent_m"`
	DownhillM            float64   `json:"downhill_m"`
	ElevationSource      string    `json:"elevation_source"`
	AvgHR                float64   `json:"avg_hr"`
	MaxHR                float64   `json:"max_hr"`
	HRSeconds            []float64 `json:"hr_seconds"`
	AvgCadenceSPM        float64   `json:"avg_cadence_spm"`
	MaxCadenceSPM        float64   `json:"max_cadence_spm"`
	AvgPowerW            float64   `json:"avg_power_w"`
	AvgTempC             float64   `json:"avg_temp_c"`
	MinTempC             float64   `json:"min_temp_c"`
	MaxTempC             float64   `json:"max_temp_c"`
	DeviceRecoveryH      float64   `json:"device_recovery_h"`
	Notes                []string  `json:"notes"`
}

// totalsJSON is the totals a file or lap records (activity.Totals) in
// activities.json ("device_totals" and each of "laps") and in
// activities.csv (the device_ columns) and laps.csv. Like summaryJSON it
// converts to and from its domain type.
type totalsJSON struct {
	DistanceM     float64 `json:"distance_m"`
	ElapsedS      float64 `json:"elapsed_s"`
	TimerS        float64 `json:"timer_s"`
	AvgHR         float64 `json:"avg_hr"`
	MaxHR         float64 `json:"max_hr"`
	AscentM       float64 `json:"ascent_m"`
	DescentM      float64 `json:"descent_m"`
	AvgCadenceSPM float64 `json:"avg_cadence_spm"`
	Calories      float64 `json:"calories"`
}

// fieldsOf returns the fields of the struct v (summaryJSON, totalsJSON),
// keyed by their json tags, in declaration order. Its
// fields must be float64, string, []float64 or []string: Write fails
// (rather than drop a value) on any other.
func fieldsOf(v any) (object, error) {
	rv := reflect.ValueOf(v)
	var out object
	for i := range rv.NumField() {
		key := jsonKey(rv.Type().Field(i))
		switch f := rv.Field(i); {
		case f.Kind() == reflect.Float64:
			out = append(out, field{key, num(f.Float())})
		case f.Kind() == reflect.String:
			out = append(out, field{key, f.String()})
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Float64:
			ns := make([]num, f.Len())
			for j := range ns {
				ns[j] = num(f.Index(j).Float())
			}
			if f.IsNil() {
				ns = nil
			}
			out = append(out, field{key, ns})
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			ss := make([]string, f.Len())
			for j := range ss {
				ss[j] = f.Index(j).String()
			}
			out = append(out, field{key, ss})
		default:
			return nil, fmt.Errorf("export: %s.%s has type %s, which the export does not know", rv.Type(), key, f.Type())
		}
	}
	return out, nil
}

// setFields sets the fields of the struct *dst from a document's keys
// (see fieldsOf); keys it does not have are absent (NaN, "", nil), and
// keys dst has not are ignored (a later version's).
func setFields(dst any, doc map[string]json.RawMessage) error {
	rv := reflect.ValueOf(dst).Elem()
	for i := range rv.NumField() {
		key := jsonKey(rv.Type().Field(i))
		f := rv.Field(i)
		raw, ok := doc[key]
		if !ok || string(raw) == "null" {
			if f.Kind() == reflect.Float64 {
				f.SetFloat(math.NaN())
			}
			continue
		}
		switch {
		case f.Kind() == reflect.Float64:
			var n num
			if err := json.Unmarshal(raw, &n); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			f.SetFloat(float64(n))
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Float64:
			var ns []num
			if err := json.Unmarshal(raw, &ns); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			vs := reflect.MakeSlice(f.Type(), len(ns), len(ns))
			for j, n := range ns {
				vs.Index(j).SetFloat(float64(n))
			}
			f.Set(vs)
		default: // strings and lists of strings
			if err := json.Unmarshal(raw, f.Addr().Interface()); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
	}
	return nil
}

func jsonKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

// profileJSON is profile.json: the profile with every key, null where not
// set.
type profileJSON struct {
	WeightKg   *float64 `json:"weight_kg"`
	Age        *int     `json:"age"`
	Sex        string   `json:"sex"` // "female", "male" or ""
	RestingHR  *float64 `json:"resting_hr"`
	MaxHR      *float64 `json:"max_hr"`
	Units      string   `json:"units"` // "metric", "imperial" or "" (metric)
	Timezone   string   `json:"timezone"`
	Conditions []string `json:"conditions"`
	Equipment  []string `json:"equipment"`
	// Background is the runner's training background (weekly_km,
	// running_years, new_runner, dismissed; left out when not given).
	Background Background `json:"background"`
}

// Background is the runner's training background in profile.json
// (profile.Background): each key left out when zero. Its fields match
// profile.Background one to one, so a Go conversion fills it both ways.
// It is named Background, not backgroundJSON, so that an import error
// names it as earlier versions did ("Go struct field
// Background.background.weekly_km").
type Background struct {
	WeeklyKm     float64 `json:"weekly_km,omitempty"`
	RunningYears float64 `json:"running_years,omitempty"`
	NewRunner    bool    `json:"new_runner,omitempty"`
	Dismissed    bool    `json:"dismissed,omitempty"`
}

func newProfileJSON(p profile.Profile) profileJSON {
	pos := func(v float64) *float64 {
		if v > 0 {
			return &v
		}
		return nil
	}
	d := profileJSON{WeightKg: pos(p.WeightKg), Sex: string(p.Sex), RestingHR: pos(p.RestingHR), MaxHR: pos(p.MaxHR),
		Units: string(p.Units), Timezone: p.Timezone,
		Conditions: append([]string{}, p.Conditions...), Equipment: append([]string{}, p.Equipment...), Background: Background(p.Background)}
	if p.Age > 0 {
		d.Age = &p.Age
	}
	return d
}

func (d profileJSON) profile() profile.Profile {
	val := func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	}
	p := profile.Profile{WeightKg: val(d.WeightKg), Sex: profile.Sex(d.Sex), RestingHR: val(d.RestingHR), MaxHR: val(d.MaxHR),
		Units: profile.Units(d.Units), Timezone: d.Timezone, Background: profile.Background(d.Background)}
	if d.Age != nil {
		p.Age = *d.Age
	}
	if len(d.Conditions) > 0 {
		p.Conditions = d.Conditions
	}
	if len(d.Equipment) > 0 {
		p.Equipment = d.Equipment
	}
	return p
}

// activityJSON is one element of activities.json. Summary, DeviceTotals
// and each lap's totals carry the keys of summaryJSON and totalsJSON.
type activityJSON struct {
	ID         int64     `json:"id"`
	SHA256     string    `json:"sha256"`
	Sport      string    `json:"sport"`
	SubSport   string    `json:"sub_sport"`
	Start      time.Time `json:"start"`
	UTCOffsetS *int      `json:"utc_offset_s"`
	Name       string    `json:"name"`
	Device     string    `json:"device"`
	Format     string    `json:"format"`
	SourceFile string    `json:"source_file"`
	Gear       string    `json:"gear"`
	ImportedAt time.Time `json:"imported_at"`
	// Original is the archive entry of the file it was decoded from (one
	// file may hold several activities), null for a manual entry.
	Original *string         `json:"original"`
	Samples  int             `json:"samples"` // how many samples.json has of it
	Summary  json.RawMessage `json:"summary"`
	// DeviceTotals are the file's own totals, null when it has none.
	DeviceTotals json.RawMessage   `json:"device_totals"`
	Laps         []json.RawMessage `json:"laps"` // {start, ...totals}
	Pauses       []pauseJSON       `json:"pauses"`
	Legs         []string          `json:"legs"`
	Warnings     []string          `json:"warnings"`
}

type pauseJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// newActivityJSON is the document of a (without samples).
func newActivityJSON(a *store.Activity, original string, samples int) (activityJSON, error) {
	d := activityJSON{ID: a.ID, SHA256: a.SHA256, Sport: string(a.Sport), SubSport: a.SubSport, Start: a.Start.UTC(),
		UTCOffsetS: a.UTCOffsetS, Name: a.Name, Device: a.Device, Format: a.Format, SourceFile: a.SourceFile,
		Gear: a.Gear, ImportedAt: a.ImportedAt.UTC(), Samples: samples,
		Laps: []json.RawMessage{}, Pauses: []pauseJSON{}, Legs: []string{}, Warnings: append([]string{}, a.Warnings...)}
	if original != "" {
		d.Original = &original
	}
	var err error
	if d.Summary, err = marshalFields(summaryJSON(a.Summary), nil); err != nil {
		return d, err
	}
	if a.DeviceTotals != nil {
		if d.DeviceTotals, err = marshalFields(totalsJSON(*a.DeviceTotals), nil); err != nil {
			return d, err
		}
	} else {
		d.DeviceTotals = json.RawMessage("null")
	}
	for _, l := range a.Laps {
		raw, err := marshalFields(totalsJSON(l.Totals), object{{"start", l.Start.UTC()}})
		if err != nil {
			return d, err
		}
		d.Laps = append(d.Laps, raw)
	}
	for _, p := range a.Pauses {
		d.Pauses = append(d.Pauses, pauseJSON{p.Start.UTC(), p.End.UTC()})
	}
	for _, l := range a.Legs {
		d.Legs = append(d.Legs, string(l))
	}
	return d, nil
}

// marshalFields encodes the fields of v after those of head.
func marshalFields(v any, head object) (json.RawMessage, error) {
	fs, err := fieldsOf(v)
	if err != nil {
		return nil, err
	}
	return object(append(head, fs...)).MarshalJSON()
}

// activity returns the activity a document describes, without samples.
func (d activityJSON) activity() (*store.Activity, error) {
	a := &store.Activity{ID: d.ID, SHA256: d.SHA256, SourceFile: d.SourceFile, Gear: d.Gear, ImportedAt: d.ImportedAt,
		Activity: &activity.Activity{Sport: activity.Sport(d.Sport), SubSport: d.SubSport, Start: d.Start,
			UTCOffsetS: d.UTCOffsetS, Name: d.Name, Device: d.Device, Format: d.Format}}
	if !a.Sport.Valid() {
		return nil, fmt.Errorf("sport %q: not one Rebound knows", d.Sport)
	}
	if d.Start.IsZero() {
		return nil, fmt.Errorf("no start")
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(d.Summary, &doc); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	var sum summaryJSON
	if err := setFields(&sum, doc); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	a.Summary = activity.Summary(sum)
	if len(d.DeviceTotals) > 0 && string(d.DeviceTotals) != "null" {
		var t totalsJSON
		if err := json.Unmarshal(d.DeviceTotals, &doc); err != nil {
			return nil, fmt.Errorf("device_totals: %w", err)
		}
		if err := setFields(&t, doc); err != nil {
			return nil, fmt.Errorf("device_totals: %w", err)
		}
		a.DeviceTotals = (*activity.Totals)(&t)
	}
	for i, raw := range d.Laps {
		var doc map[string]json.RawMessage
		var start time.Time
		if err := json.Unmarshal(raw, &doc); err != nil {
			return nil, fmt.Errorf("lap %d: %w", i+1, err)
		}
		if err := json.Unmarshal(doc["start"], &start); err != nil {
			return nil, fmt.Errorf("lap %d: start: %w", i+1, err)
		}
		var t totalsJSON
		if err := setFields(&t, doc); err != nil {
			return nil, fmt.Errorf("lap %d: %w", i+1, err)
		}
		a.Laps = append(a.Laps, activity.Lap{Start: start, Totals: activity.Totals(t)})
	}
	for _, p := range d.Pauses {
		a.Pauses = append(a.Pauses, activity.Pause{Start: p.Start, End: p.End})
	}
	for _, l := range d.Legs {
		a.Legs = append(a.Legs, activity.Sport(l))
	}
	if len(d.Warnings) > 0 {
		a.Warnings = d.Warnings
	}
	return a, nil
}

// sampleJSON is one sample in samples.json.
type sampleJSON struct {
	Time         time.Time `json:"time"`
	LatDeg       num       `json:"lat_deg"`
	LonDeg       num       `json:"lon_deg"`
	AltitudeM    num       `json:"altitude_m"`
	DistanceM    num       `json:"distance_m"`
	SpeedMS      num       `json:"speed_ms"`
	HeartRateBPM num       `json:"heart_rate_bpm"`
	CadenceSPM   num       `json:"cadence_spm"`
	PowerW       num       `json:"power_w"`
	TemperatureC num       `json:"temperature_c"`
}

// samplesJSON is one element of samples.json: an activity's samples.
type samplesJSON struct {
	ActivityID int64        `json:"activity_id"`
	Samples    []sampleJSON `json:"samples"`
}

// sampleColumns are the sample keys after time, in order.
var sampleColumns = []string{"lat_deg", "lon_deg", "altitude_m", "distance_m", "speed_ms", "heart_rate_bpm",
	"cadence_spm", "power_w", "temperature_c"}

// sampleValues are s's values in sampleColumns order.
func sampleValues(s activity.Sample) [9]float64 {
	return [9]float64{s.LatDeg, s.LonDeg, s.AltitudeM, s.DistanceM, s.SpeedMS, s.HeartRateBPM, s.CadenceSPM, s.PowerW, s.TemperatureC}
}

// appendSampleJSON appends the JSON of s (as sampleJSON) to b, by hand:
// a long run has tens of thousands.
func appendSampleJSON(b []byte, s activity.Sample) []byte {
	b = append(b, `{"time":"`...)
	b = s.Time.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	for i, v := range sampleValues(s) {
		b = append(b, `,"`...)
		b = append(b, sampleColumns[i]...)
		b = append(b, `":`...)
		b = appendNum(b, v)
	}
	return append(b, '}')
}

func (s sampleJSON) sample() activity.Sample {
	return activity.Sample{Time: s.Time, LatDeg: float64(s.LatDeg), LonDeg: float64(s.LonDeg), AltitudeM: float64(s.AltitudeM),
		DistanceM: float64(s.DistanceM), SpeedMS: float64(s.SpeedMS), HeartRateBPM: float64(s.HeartRateBPM),
		CadenceSPM: float64(s.CadenceSPM), PowerW: float64(s.PowerW), TemperatureC: float64(s.TemperatureC)}
}

// checkInJSON is one element of checkins.json.
type checkInJSON struct {
	Date         string         `json:"date"` // YYYY-MM-DD, the runner's day
	Soreness     map[string]num `json:"soreness"`
	SleepH       num            `json:"sleep_h"`
	SleepQuality num            `json:"sleep_quality"`
	Stress       num            `json:"stress"`
	RestingHR    num            `json:"resting_hr"`
	HRVms        num            `json:"hrv_ms"`
	Symptoms     []string       `json:"symptoms"`
	// SymptomsAnswered: the runner answered the red-flag question, so
	// an empty symptoms list clears earlier flags.
	SymptomsAnswered bool `json:"symptoms_answered"`
}

// UnmarshalJSON implements json.Unmarshaler: a value the document leaves
// out is absent (NaN), as a null one is.
func (d *checkInJSON) UnmarshalJSON(b []byte) error {
	type plain checkInJSON
	nan := num(math.NaN())
	p := plain{SleepH: nan, SleepQuality: nan, Stress: nan, RestingHR: nan, HRVms: nan}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*d = checkInJSON(p)
	return nil
}

func newCheckInJSON(c recovery.CheckIn) checkInJSON {
	d := checkInJSON{Date: c.Date.Format(time.DateOnly), Soreness: map[string]num{}, SleepH: num(c.SleepH),
		SleepQuality: num(c.SleepQuality), Stress: num(c.Stress), RestingHR: num(c.RestingHR), HRVms: num(c.HRVms),
		Symptoms: append([]string{}, c.Symptoms...), SymptomsAnswered: c.SymptomsAnswered}
	for m, v := range c.Soreness {
		d.Soreness[string(m)] = num(v)
	}
	return d
}

// checkIn returns the check-in, dated midnight UTC of its day (the stores
// keep the day only).
func (d checkInJSON) checkIn() (recovery.CheckIn, error) {
	day, err := time.Parse(time.DateOnly, d.Date)
	if err != nil {
		return recovery.CheckIn{}, fmt.Errorf("date %q: want YYYY-MM-DD", d.Date)
	}
	c := recovery.CheckIn{Date: day, Soreness: map[recovery.Muscle]float64{}, SleepH: float64(d.SleepH),
		SleepQuality: float64(d.SleepQuality), Stress: float64(d.Stress), RestingHR: float64(d.RestingHR),
		HRVms: float64(d.HRVms), Symptoms: append([]string{}, d.Symptoms...), SymptomsAnswered: d.SymptomsAnswered}
	for m, v := range d.Soreness {
		c.Soreness[recovery.Muscle(m)] = float64(v)
	}
	if err := recovery.ValidateCheckIn(c); err != nil {
		return c, fmt.Errorf("%s: %w", d.Date, err)
	}
	return c, nil
}

// rpeJSON is one element of session_rpes.json.
type rpeJSON struct {
	ActivityID int64   `json:"activity_id"`
	RPE        float64 `json:"rpe"`
}
