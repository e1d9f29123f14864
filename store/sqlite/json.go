package sqlite

import (
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

var nan = jfloat(math.NaN())

// MarshalJSON implements json.Marshaler.
func (f jfloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte("null"), nil
	case math.IsInf(v, 1):
		return []byte(`"+Inf"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Inf"`), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *jfloat) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case "null":
		*f = nan
		return nil
	case `"+Inf"`:
		*f = jfloat(math.Inf(1))
		return nil
	case `"-Inf"`:
		*f = jfloat(math.Inf(-1))
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("bad number %.20q", b)
	}
	*f = jfloat(v)
	return nil
}

// setNaN sets every jfloat field of the struct *p, embedded structs
// included, to NaN: decoding leaves a field missing from the JSON (one
// added after the row was written) absent rather than zero.
func setNaN(p any) {
	v := reflect.ValueOf(p).Elem()
	for i := range v.NumField() {
		switch f := v.Field(i); {
		case f.Type() == reflect.TypeFor[jfloat]():
			f.Set(reflect.ValueOf(nan))
		case f.Kind() == reflect.Struct:
			setNaN(f.Addr().Interface())
		}
	}
}

func toJfloats(v []float64) []jfloat {
	if v == nil {
		return nil
	}
	out := make([]jfloat, len(v))
	for i, x := range v {
		out[i] = jfloat(x)
	}
	return out
}

func fromJfloats(v []jfloat) []float64 {
	if len(v) == 0 {
		return nil
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

// summaryJSON is the stored form of activity.Summary.
type summaryJSON struct {
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
	HRSeconds            []jfloat `json:"hr_seconds,omitempty"`
	AvgCadenceSPM        jfloat   `json:"avg_cadence_spm"`
	MaxCadenceSPM        jfloat   `json:"max_cadence_spm"`
	AvgPowerW            jfloat   `json:"avg_power_w"`
	AvgTempC             jfloat   `json:"avg_temp_c"`
	MinTempC             jfloat   `json:"min_temp_c"`
	MaxTempC             jfloat   `json:"max_temp_c"`
}

// UnmarshalJSON implements json.Unmarshaler: missing numbers are NaN.
func (s *summaryJSON) UnmarshalJSON(b []byte) error {
	type plain summaryJSON
	var p plain
	setNaN(&p)
	err := json.Unmarshal(b, &p)
	*s = summaryJSON(p)
	return err
}

func toSummaryJSON(s activity.Summary) summaryJSON {
	return summaryJSON{
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
		HRSeconds:            toJfloats(s.HRSeconds),
		AvgCadenceSPM:        jfloat(s.AvgCadenceSPM),
		MaxCadenceSPM:        jfloat(s.MaxCadenceSPM),
		AvgPowerW:            jfloat(s.AvgPowerW),
		AvgTempC:             jfloat(s.AvgTempC),
		MinTempC:             jfloat(s.MinTempC),
		MaxTempC:             jfloat(s.MaxTempC),
	}
}

func (s summaryJSON) summary() activity.Summary {
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
		HRSeconds:            fromJfloats(s.HRSeconds),
		AvgCadenceSPM:        float64(s.AvgCadenceSPM),
		MaxCadenceSPM:        float64(s.MaxCadenceSPM),
		AvgPowerW:            float64(s.AvgPowerW),
		AvgTempC:             float64(s.AvgTempC),
		MinTempC:             float64(s.MinTempC),
		MaxTempC:             float64(s.MaxTempC),
	}
}

// totalsJSON is the stored form of activity.Totals.
type totalsJSON struct {
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

// UnmarshalJSON implements json.Unmarshaler: missing numbers are NaN.
func (t *totalsJSON) UnmarshalJSON(b []byte) error {
	type plain totalsJSON
	var p plain
	setNaN(&p)
	err := json.Unmarshal(b, &p)
	*t = totalsJSON(p)
	return err
}

func toTotalsJSON(t activity.Totals) totalsJSON {
	return totalsJSON{
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

func (t totalsJSON) totals() activity.Totals {
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

// lapJSON is the stored form of activity.Lap.
type lapJSON struct {
	StartMS int64      `json:"start_ms"`
	Totals  totalsJSON `json:"totals"`
}

// pauseJSON is the stored form of activity.Pause.
type pauseJSON struct {
	StartMS int64 `json:"start_ms"`
	EndMS   int64 `json:"end_ms"`
}

// marshalList returns the JSON of list, "[]" when it is empty.
func marshalList[T any](list []T) ([]byte, error) {
	if len(list) == 0 {
		return []byte("[]"), nil
	}
	return json.Marshal(list)
}
