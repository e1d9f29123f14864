package activity

// Summary is an activity's profile-independent metrics, computed once at
// import by Compute. Heart-rate zones and TRIMP depend on the runner's
// profile, so the summary keeps the heart-rate histogram they are derived
// from (see Zones and TRIMP) instead of the profile-dependent numbers:
// changing the profile changes them without re-reading any file.
//
// Absent values are NaN. Its JSON forms, with their key names, belong to
// the packages that write them: the stored row (store/internal/rowjson),
// the export (package export) and the run document (package present).
type Summary struct {
	DistanceM float64
	// DistanceSource says where DistanceM came from: "device" (the
	// device's cumulative distance), "gps" (a haversine sum of positions),
	// "totals" (the file's own summary, when it has no usable samples) or "none".
	DistanceSource string
	ElapsedS       float64
	MovingS        float64
	AvgSpeedMS     float64 // distance / moving time
	MaxSpeedMS     float64
	// GradeAdjustedSpeedMS is the flat-ground speed of equal metabolic
	// cost (Minetti et al. 2002), over moving time.
	GradeAdjustedSpeedMS float64
	AscentM              float64
	DescentM             float64
	// DownhillM is the distance covered on grades of DownhillGrade or
	// steeper downhill: the eccentric load that makes quads sore.
	DownhillM float64
	// ElevationSource is "barometric"/"device" altitude, "gps", or "none".
	ElevationSource string
	AvgHR           float64
	MaxHR           float64
	// HRSeconds[b] is the time in seconds spent at b beats per minute
	// (moving or not, gaps over MaxSampleGapS excluded); nil without HR.
	HRSeconds     []float64
	AvgCadenceSPM float64
	MaxCadenceSPM float64
	AvgPowerW     float64
	AvgTempC      float64
	MinTempC      float64
	MaxTempC      float64
	// DeviceRecoveryH is the recovery time the recording device itself
	// worked out for the activity (Garmin's recovery advisor, written as
	// a FIT event), in hours; NaN when the file has none.
	DeviceRecoveryH float64
	// Notes say where Compute trusted the file's own summary over its
	// samples, and why.
	Notes []string
}
