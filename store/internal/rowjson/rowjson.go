// Package rowjson is the JSON form of an activity's summary, totals, laps
// and pauses, of a check-in and of the profile, as both store engines
// keep them in their JSON columns, so a row is byte for byte the same in
// SQLite and PostgreSQL.
package rowjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"

	"github.com/rebound-run/rebound/activity"
)

// The JSON columns hold frozen copies of the activity types, not the types
// themselves, for two reasons: encoding/json rejects NaN, which marks every
// absent value in Rebound, and the stored shape must not change when a
// domain type does. A field added to activity.Summary or activity.Totals
// must be added here too; TestJSONMirrors fails until it is.

// jfloat is a float64 that encodes NaN (absent) as JSON null and ±Inf as
// the strings "+Inf" and "-Inf", and decodes them back.
type jfloat float64

// MarshalJSON implements json.Marshaler.
func (f jfloat) MarshalJSON() ([]byte, error) { return appendJfloat(nil, float64(f)), nil }

// UnmarshalJSON implements json.Unmarshaler.
func (f *jfloat) UnmarshalJSON(b []byte) error {
	v, err := parseJfloat(b)
	*f = jfloat(v)
	return err
}

func appendJfloat(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(b, "null"...)
	case math.IsInf(v, 1):
		return append(b, `"+Inf"`...)
	case math.IsInf(v, -1):
		return append(b, `"-Inf"`...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

func parseJfloat(b []byte) (float64, error) {
	switch string(b) {
	case "null":
		return math.NaN(), nil
	case `"+Inf"`:
		return math.Inf(1), nil
	case `"-Inf"`:
		return math.Inf(-1), nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return math.NaN(), fmt.Errorf("bad number %.20q", b)
	}
	return v, nil
}

// jfloats is a list of jfloat values that encodes and decodes itself in
// one pass, several times faster than encoding/json's element by element
// walk: a summary's heart-rate histogram has a couple of hundred.
type jfloats []float64

// MarshalJSON implements json.Marshaler.
func (fs jfloats) MarshalJSON() ([]byte, error) {
	if fs == nil {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 2+8*len(fs))
	b = append(b, '[')
	for i, v := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJfloat(b, v)
	}
	return append(b, ']'), nil
}

// UnmarshalJSON implements json.Unmarshaler. encoding/json has checked
// that b is valid JSON; an element that is not a jfloat is an error.
func (fs *jfloats) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*fs = nil
		return nil
	}
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return fmt.Errorf("want a list of numbers, got %.20q", b)
	}
	b = bytes.TrimSpace(b[1 : len(b)-1])
	if len(b) == 0 {
		*fs = nil
		return nil
	}
	out := make([]float64, 0, bytes.Count(b, []byte{','})+1)
	for len(b) > 0 {
		elem, rest, found := bytes.Cut(b, []byte{','})
		if found && len(bytes.TrimSpace(rest)) == 0 {
			return fmt.Errorf("trailing comma in %.20q", b)
		}
		v, err := parseJfloat(bytes.TrimSpace(elem))
		if err != nil {
			return err
		}
		out = append(out, v)
		b = rest
	}
	*fs = out
	return nil
}

// setNaN sets every jfloat field of the struct *p, embedded structs
// included, to NaN.
func setNaN(p any) {
	v := reflect.ValueOf(p).Elem()
	for i := range v.NumField() {
		switch f := v.Field(i); {
		case f.Type() == reflect.TypeFor[jfloat]():
			f.SetFloat(math.NaN())
		case f.Kind() == reflect.Struct:
			setNaN(f.Addr().Interface())
		}
	}
}

// nilIfEmpty returns v, or nil when it is empty.
func nilIfEmpty[T any](v []T) []T {
	if len(v) == 0 {
		return nil
	}
	return v
}

// Summary is the stored form of activity.Summary.
type Summary struct {
	DistanceM            jfloat   `json:"distance_m"`
	DistanceSource       string   `json:"distance_source"`
	ElapsedS             jfloat   `json:"elapsed_s"`
	MovingS              jfloat   `json:"moving_s"`
	AvgSpeedMS           jfloat   `json:"avg_speed_ms"`
	MaxSpeedMS           jfloat   `json:"max_speed_ms"`
	GradeAdjustedSpeedMS jfloat   `json:"grade_adjusted_speed_ms"`
	AscentM              jfloat   `json:"ascent_m"`
	DescentM             jfloat   `json:"descent_m"`
	DownhillM            jfloat   `json:"downhill_m"`
	ElevationSource      string   `json:"elevation_source"`
	AvgHR                jfloat   `json:"avg_hr"`
	MaxHR                jfloat   `json:"max_hr"`
	HRSeconds            jfloats  `json:"hr_seconds,omitempty"`
	AvgCadenceSPM        jfloat   `json:"avg_cadence_spm"`
	MaxCadenceSPM        jfloat   `json:"max_cadence_spm"`
	AvgPowerW            jfloat   `json:"avg_power_w"`
	AvgTempC             jfloat   `json:"avg_temp_c"`
	MinTempC             jfloat   `json:"min_temp_c"`
	MaxTempC             jfloat   `json:"max_temp_c"`
	DeviceRecoveryH      jfloat   `json:"device_recovery_h"`
	Notes                []string `json:"notes,omitempty"`
}

// UnmarshalSummary decodes a summary. Numbers missing from data (a field
// added after the row was written) are NaN, that is absent, not zero.
func UnmarshalSummary(data []byte) (activity.Summary, error) {
	s := nanSummary
	err := json.Unmarshal(data, &s)
	return s.Summary(), err
}

// nanSummary is a Summary with every number NaN.
var nanSummary = func() (s Summary) { setNaN(&s); return s }()

func FromSummary(s activity.Summary) Summary {
	return Summary{
		DistanceM:            jfloat(s.DistanceM),
		DistanceSource:       s.DistanceSource,
		ElapsedS:             jfloat(s.ElapsedS),
		MovingS:              jfloat(s.MovingS),
		AvgSpeedMS:           jfloat(s.AvgSpeedMS),
		MaxSpeedMS:           jfloat(s.MaxSpeedMS),
		GradeAdjustedSpeedMS: jfloat(s.GradeAdjustedSpeedMS),
		AscentM:              jfloat(s.AscentM),
		DescentM:             jfloat(s.DescentM),
		DownhillM:            jfloat(s.DownhillM),
		ElevationSource:      s.ElevationSource,
		AvgHR:                jfloat(s.AvgHR),
		MaxHR:                jfloat(s.MaxHR),
		HRSeconds:            s.HRSeconds,
		AvgCadenceSPM:        jfloat(s.AvgCadenceSPM),
		MaxCadenceSPM:        jfloat(s.MaxCadenceSPM),
		AvgPowerW:            jfloat(s.AvgPowerW),
		AvgTempC:             jfloat(s.AvgTempC),
		MinTempC:             jfloat(s.MinTempC),
		MaxTempC:             jfloat(s.MaxTempC),
		DeviceRecoveryH:      jfloat(s.DeviceRecoveryH),
		Notes:                s.Notes,
	}
}

func (s Summary) Summary() activity.Summary {
	return activity.Summary{
		DistanceM:            float64(s.DistanceM),
		DistanceSource:       s.DistanceSource,
		ElapsedS:             float64(s.ElapsedS),
		MovingS:              float64(s.MovingS),
		AvgSpeedMS:           float64(s.AvgSpeedMS),
		MaxSpeedMS:           float64(s.MaxSpeedMS),
		GradeAdjustedSpeedMS: float64(s.GradeAdjustedSpeedMS),
		AscentM:              float64(s.AscentM),
		DescentM:             float64(s.DescentM),
		DownhillM:            float64(s.DownhillM),
		ElevationSource:      s.ElevationSource,
		AvgHR:                float64(s.AvgHR),
		MaxHR:                float64(s.MaxHR),
		HRSeconds:            nilIfEmpty(s.HRSeconds),
		AvgCadenceSPM:        float64(s.AvgCadenceSPM),
		MaxCadenceSPM:        float64(s.MaxCadenceSPM),
		AvgPowerW:            float64(s.AvgPowerW),
		AvgTempC:             float64(s.AvgTempC),
		MinTempC:             float64(s.MinTempC),
		MaxTempC:             float64(s.MaxTempC),
		DeviceRecoveryH:      float64(s.DeviceRecoveryH),
		Notes:                nilIfEmpty(s.Notes),
	}
}

// Totals is the stored form of activity.Totals.
type Totals struct {
	DistanceM     jfloat `json:"distance_m"`
	ElapsedS      jfloat `json:"elapsed_s"`
	TimerS        jfloat `json:"timer_s"`
	AvgHR         jfloat `json:"avg_hr"`
	MaxHR         jfloat `json:"max_hr"`
	AscentM       jfloat `json:"ascent_m"`
	DescentM      jfloat `json:"descent_m"`
	AvgCadenceSPM jfloat `json:"avg_cadence_spm"`
	Calories      jfloat `json:"calories"`
}

// UnmarshalJSON implements json.Unmarshaler: numbers missing from b are
// NaN.
func (t *Totals) UnmarshalJSON(b []byte) error {
	type plain Totals // without this method
	p := plain(nanTotals)
	err := json.Unmarshal(b, &p)
	*t = Totals(p)
	return err
}

// nanTotals is a Totals with every number NaN.
var nanTotals = func() (t Totals) { setNaN(&t); return t }()

func FromTotals(t activity.Totals) Totals {
	return Totals{
		DistanceM:     jfloat(t.DistanceM),
		ElapsedS:      jfloat(t.ElapsedS),
		TimerS:        jfloat(t.TimerS),
		AvgHR:         jfloat(t.AvgHR),
		MaxHR:         jfloat(t.MaxHR),
		AscentM:       jfloat(t.AscentM),
		DescentM:      jfloat(t.DescentM),
		AvgCadenceSPM: jfloat(t.AvgCadenceSPM),
		Calories:      jfloat(t.Calories),
	}
}

func (t Totals) Totals() activity.Totals {
	return activity.Totals{
		DistanceM:     float64(t.DistanceM),
		ElapsedS:      float64(t.ElapsedS),
		TimerS:        float64(t.TimerS),
		AvgHR:         float64(t.AvgHR),
		MaxHR:         float64(t.MaxHR),
		AscentM:       float64(t.AscentM),
		DescentM:      float64(t.DescentM),
		AvgCadenceSPM: float64(t.AvgCadenceSPM),
		Calories:      float64(t.Calories),
	}
}

// Lap is the stored form of activity.Lap.
type Lap struct {
	StartMS int64  `json:"start_ms"`
	Totals  Totals `json:"totals"`
}

// Pause is the stored form of activity.Pause.
type Pause struct {
	StartMS int64 `json:"start_ms"`
	EndMS   int64 `json:"end_ms"`
}

// MarshalList returns the JSON of list, "[]" when it is empty.
func MarshalList[T any](list []T) ([]byte, error) {
	if len(list) == 0 {
		return []byte("[]"), nil
	}
	return json.Marshal(list)
}
