package rowjson

import (
	"math"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/recovery"
)

func TestCheckIn(t *testing.T) {
	date := time.Date(2024, 5, 4, 0, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	t.Run("OKNaNLeftOut", func(t *testing.T) {
		in := recovery.CheckIn{Date: date, Soreness: map[recovery.Muscle]float64{"quads": 3},
			SleepH: 7.5, SleepQuality: math.NaN(), Stress: math.Inf(1), RestingHR: 48, HRVms: math.NaN()}
		b, err := MarshalCheckIn(in)
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"soreness":{"quads":3},"sleep_h":7.5,"resting_hr":48}`; string(b) != want {
			t.Errorf("MarshalCheckIn = %s, want %s", b, want)
		}
		got, err := UnmarshalCheckIn(b, date)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Date.Equal(date) || got.Soreness["quads"] != 3 || got.SleepH != 7.5 || got.RestingHR != 48 ||
			!math.IsNaN(got.SleepQuality) || !math.IsNaN(got.Stress) || !math.IsNaN(got.HRVms) || got.Symptoms == nil {
			t.Errorf("UnmarshalCheckIn = %+v", got)
		}
	})
	t.Run("OKEmptyNotNil", func(t *testing.T) {
		got, err := UnmarshalCheckIn([]byte(`{}`), date)
		if err != nil {
			t.Fatal(err)
		}
		if got.Soreness == nil || got.Symptoms == nil || !math.IsNaN(got.SleepH) {
			t.Errorf("UnmarshalCheckIn({}) = %+v, want empty soreness and symptoms, NaN sleep", got)
		}
	})
	t.Run("ErrInvalidSoreness", func(t *testing.T) {
		_, err := MarshalCheckIn(recovery.CheckIn{Date: date, Soreness: map[recovery.Muscle]float64{"calves": math.NaN()}})
		if rebound.ErrorCode(err) != rebound.EINVALID {
			t.Errorf("MarshalCheckIn = %v, want EINVALID", err)
		}
	})
	t.Run("ErrBadJSON", func(t *testing.T) {
		if _, err := UnmarshalCheckIn([]byte(`{"sleep_h":"long"}`), date); err == nil {
			t.Error("UnmarshalCheckIn of a string sleep succeeded")
		}
	})
}
