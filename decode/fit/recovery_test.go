package fit_test

import (
	"testing"

	"github.com/rebound-run/rebound/activity"
)

// TestDeviceRecoveryTime reads the recovery time Garmin devices write as
// FIT event 38 (data = minutes; Runalyze issue 1408 documents it): the
// values were listed with muktihari/fit's raw decoder, every event 38 of
// each file, and the last one counts (a device writes it again after each
// stop). Files without the event have none.
func TestDeviceRecoveryTime(t *testing.T) {
	for _, tc := range []struct {
		file string
		min  float64
	}{
		{"fit/fitparse__activity-small-fenix2-run.fit", 1872}, // three events, all 1872: 31.2 h
		{"fit/sweatpy__2020-06-01-16-52-40.fit", 5083},        // 5085, then 5083 two minutes on
		{"fit/jimmykane__running-with-developer-data.fit", 1405},
		{"fit/sweatpy__4078723797.fit", 4552},
		{"fit/fitparse__garmin-fenix-5-walk.fit", 5},
		{"fit/fitparse__2013-02-06-12-11-14.fit", 0}, // no event 38
	} {
		t.Run(tc.file, func(t *testing.T) {
			a := decodeOne(t, tc.file)
			if a.DeviceRecoveryMin != tc.min {
				t.Errorf("device recovery %g min, want %g", a.DeviceRecoveryMin, tc.min)
			}
			s := activity.Compute(a)
			switch {
			case tc.min == 0 && activity.Has(s.DeviceRecoveryH):
				t.Errorf("summary recovery %g h, want none", s.DeviceRecoveryH)
			case tc.min > 0 && s.DeviceRecoveryH != tc.min/60:
				t.Errorf("summary recovery %g h, want %g", s.DeviceRecoveryH, tc.min/60)
			}
		})
	}
}
