package activity

// Summary is an activity's profile-independent metrics, computed once at
// import by Compute. Heart-rate zones and TRIMP depend on the runner's
// profile, so the summary keeps the heart-rate histogram they are derived
// from (see Zones and TRIMP) instead of the profile-dependent numbers:
// changing the profile changes them without re-reading any file.
//
// Absent values are NaN in memory; JSON encodes them as null.
type Summary struct {
	DistanceM float64 `json:"distance_m"`
	// DistanceSource says where DistanceM came from: "device" (the
	// device's cumulative distance), "gps" (a haversine sum of positions),
	// "totals" (the file's own summary, when it has no usable samples) or "none".
	DistanceSource string  `json:"distance_source"`
	ElapsedS       float64 `json:"elapsed_s"`
	MovingS        float64 `json:"moving_s"`
	AvgSpeedMS     float64 `json:"avg_speed_ms"` // distance / moving time
	MaxSpeedMS     float64 `json:"max_speed_ms"`
	// GradeAdjustedSpeedMS is the flat-ground speed of equal metabolic
	// cost (Minetti et al. 2002), over moving time.
	GradeAdjustedSpeedMS float64 `json:"grade_adjusted_speed_ms"`
	AscentM              float64 `json:"ascent_m"`
	DescentM             float64 `json:"descent_m"`
	// DownhillM is the distance covered on grades of DownhillGrade or
	// steeper downhill: the eccentric load that makes quads sore.
	DownhillM float64 `json:"downhill_m"`
	// ElevationSource is "barometric"/"device" altitude, "gps", or "none".
	ElevationSource string  `json:"elevation_source"`
	AvgHR           float64 `json:"avg_hr"`
	MaxHR           float64 `json:"max_hr"`
	// HRSeconds[b] is the time in seconds spent at b beats per minute
	// (moving or not, gaps over MaxSampleGapS excluded); nil without HR.
	HRSeconds     []float64 `json:"hr_seconds,omitempty"`
	AvgCadenceSPM float64   `json:"avg_cadence_spm"`
	MaxCadenceSPM float64   `json:"max_cadence_spm"`
	AvgPowerW     float64   `json:"avg_power_w"`
	AvgTempC      float64   `json:"avg_temp_c"`
	MinTempC      float64   `json:"min_temp_c"`
	MaxTempC      float64   `json:"max_temp_c"`
	// DeviceRecoveryH is the recovery time the recording device itself
	// worked out for the activity (Garmin's recovery advisor, written as
	// a FIT event), in hours; NaN when the file has none.
	DeviceRecoveryH float64 `json:"device_recovery_h"`
	// Notes say where Compute trusted the file's own summary over its
	// samples, and why.
	Notes []string `json:"notes,omitempty"`
}
