package sim

import (
	"math"
	"slices"
	"time"

	"github.com/rebound-run/rebound/profile"
)

// Runner is a simulated runner: its true physiological parameters, where
// it runs, and the seed of everything random about it. The zero value is
// not useful; start from DefaultRunner and change fields.
type Runner struct {
	Name      string      // shown in the demo
	About     string      // who this runner is, in a few words, shown in the demo
	Age       int         // years
	Sex       profile.Sex // for sex-specific models such as TRIMP
	WeightKg  float64     // body mass, kg
	RestingHR float64     // true resting heart rate, bpm
	MaxHR     float64     // true maximum heart rate, bpm (not necessarily Tanaka's estimate)

	// ThresholdPaceSPerKm is the pace the runner can hold for about an
	// hour (lactate threshold / critical speed), in seconds per km. Every
	// run's speed is planned as a fraction of it.
	ThresholdPaceSPerKm float64
	// BikeFTPW is the cycling functional threshold power, watts; rides
	// are planned as a fraction of it.
	BikeFTPW float64
	// CadenceSPM is the running cadence at 3 m/s, steps per minute.
	CadenceSPM float64
	// CardiacDriftBPMPerHour is how much heart rate creeps up per hour of
	// steady running at a moderate effort (about 65 % of VO2 reserve) in
	// mild weather; it scales with effort and heat.
	CardiacDriftBPMPerHour float64

	// SorenessSensitivity scales how sore a given muscle load makes this
	// runner (1 = typical): the true value of recovery.Params.Gain.
	SorenessSensitivity float64
	// SorenessPeakH is when this runner's soreness peaks after a run, in
	// hours: the true value of recovery.Params.PeakH.
	SorenessPeakH float64
	// RecoveryHalfLifeH is the half-life, in hours, of acute fatigue
	// after a workout (it moves resting HR, HRV and sleep).
	RecoveryHalfLifeH float64
	// SleepNeedH is the runner's habitual sleep, hours a night.
	SleepNeedH float64
	// HRVBaselineMs is the runner's rested morning rMSSD, milliseconds.
	HRVBaselineMs float64
	// WorkdayStress is the runner's usual life stress on a working day,
	// 1 (none) to 5 (very high); 0 means DefaultWorkdayStress. Stress
	// shortens sleep and raises morning resting HR (CheckIns).
	WorkdayStress float64

	// StartLat and StartLon are the fixed start point of every route
	// (WGS84 degrees).
	StartLat, StartLon float64
	// Location is the runner's time zone. Workouts are planned in local
	// time and the FIT files carry its offset. Nil means UTC.
	Location *time.Location
	// DeviceSerial is the serial number written to the FIT files.
	DeviceSerial uint32
	// Seed selects the random streams; the same Runner always produces
	// the same season, tracks and check-ins.
	Seed int64

	// Plan is what Season plans; empty means HalfMarathon.
	Plan Plan
	// Conditions and Equipment are what the runner lists in the profile
	// (values of profile.Conditions and profile.Equipment). They change
	// the advice the runner gets, not the simulation.
	Conditions, Equipment []string
	// Background is the runner's training before the simulated weeks, as
	// they give it in the profile: the simulated soreness (CheckIns)
	// takes it as what the legs were used to before the first workout,
	// as the recovery model does (recovery.ContributionsWith).
	Background profile.Background
	// Complaints are red-flag symptoms the runner reports on the morning
	// check-ins at the end of the season.
	Complaints []Complaint
}

// Complaint is a red-flag symptom a runner starts to report near the end
// of the season.
type Complaint struct {
	// Symptom is the id of a red-flag symptom (protocol.Symptoms), such
	// as "bone-pain".
	Symptom string
	// DaysBeforeEnd is how many days before the season's last day the
	// check-ins start to report it (0: from the last day). Every later
	// check-in reports it too, PostSeasonDays included.
	DaysBeforeEnd int
}

// DefaultRunner returns a recreational half-marathoner (about 1:43):
// threshold pace 4:40/km, resting HR 50, true maximum HR 186 (Tanaka's
// estimate for her age would be 183). Her time zone is the fixed UTC+1
// offset named Etc/GMT-1, which profile.Profile accepts as a time zone.
//
// She is a healthy runner whose soreness resolves normally: a little less
// sore than the population model predicts (gain 0.8) and quicker to peak
// (40 h; 42 h at her age), so a run's soreness is under 5 % of its peak a
// week later, within the 5-7 days DOMS takes to resolve (Cheung et al.
// 2003). Run with Base weeks before her season (as the demo does), her
// ratings never stay at 3/10 or more for the week that would call for a
// professional (seed 002). Her parameters differ from the population's so
// that the personal fit has something to find.
func DefaultRunner() Runner {
	return Runner{
		Name:                   "Alex Demo",
		About:                  "a recreational half-marathoner",
		Age:                    36,
		Sex:                    profile.Female,
		WeightKg:               61,
		RestingHR:              50,
		MaxHR:                  186,
		ThresholdPaceSPerKm:    280,
		BikeFTPW:               185,
		CadenceSPM:             168,
		CardiacDriftBPMPerHour: 6,
		SorenessSensitivity:    0.8,
		SorenessPeakH:          40,
		RecoveryHalfLifeH:      30,
		SleepNeedH:             7.5,
		HRVBaselineMs:          62,
		StartLat:               47.0502,
		StartLon:               8.3093,
		Location:               time.FixedZone("Etc/GMT-1", 3600),
		DeviceSerial:           3917004521,
		Seed:                   1,
		Background:             profile.Background{WeeklyKm: 30, RunningYears: 5},
	}
}

// Profile returns the profile.Profile that describes r as a runner would
// enter it: body, heart-rate anchors, time zone (the Location's name),
// conditions and equipment.
func (r Runner) Profile() profile.Profile {
	return profile.Profile{
		WeightKg:   r.WeightKg,
		Age:        r.Age,
		Sex:        r.Sex,
		RestingHR:  r.RestingHR,
		MaxHR:      r.MaxHR,
		Units:      profile.Metric,
		Timezone:   r.location().String(),
		Conditions: slices.Clone(r.Conditions),
		Equipment:  slices.Clone(r.Equipment),
		Background: r.Background,
	}
}

func (r Runner) location() *time.Location {
	if r.Location == nil {
		return time.UTC
	}
	return r.Location
}

// ThresholdSpeedMS is the speed of ThresholdPaceSPerKm, m/s.
func (r Runner) ThresholdSpeedMS() float64 { return 1000 / r.ThresholdPaceSPerKm }

// VO2Max is the runner's maximal oxygen uptake in ml/kg/min, implied by
// the threshold pace: the ACSM running cost of threshold speed divided by
// ThresholdVO2Fraction.
func (r Runner) VO2Max() float64 {
	return runningVO2(r.ThresholdSpeedMS(), 0) / ThresholdVO2Fraction
}

// Physiological constants of the simulation.
const (
	// RestingVO2 is one MET, 3.5 ml O2 per kg per minute (ACSM).
	RestingVO2 = 3.5
	// ACSMRunningVO2PerM is the oxygen cost of horizontal running, 0.2 ml
	// per kg per metre, from the ACSM running equation
	// VO2 = 0.2·speed(m/min) + 3.5 (ACSM's Guidelines for Exercise
	// Testing and Prescription).
	ACSMRunningVO2PerM = 0.2
	// ThresholdVO2Fraction is the fraction of VO2max a trained runner can
	// sustain for about an hour; lactate threshold / critical speed lies at
	// about 80-90 % of VO2max in trained runners (Jones & Carter 2000,
	// Sports Med 29:373).
	ThresholdVO2Fraction = 0.85
	// HRTauUpS is the time constant of heart rate's rise after an
	// increase in effort. Heart-rate on-kinetics in moderate exercise
	// have time constants of roughly 20-40 s.
	HRTauUpS = 30.0
	// HRTauDownS is the time constant of heart rate's fall after effort
	// drops: the fast phase of heart-rate recovery takes about a minute
	// (Imai et al. 1994, J Am Coll Cardiol 24:1529).
	HRTauDownS = 60.0
	// StandingHRAboveRest is how far above resting heart rate a runner
	// stands just before or during a run's stop (orthostatic rise plus
	// the elevated heart rate of recent exercise).
	StandingHRAboveRest = 30.0
	// DriftDecayTauS is how fast cardiac drift unwinds while standing
	// still (a few minutes of rest restore plasma volume and stroke
	// volume only partly).
	DriftDecayTauS = 600.0
	// DriftReferenceVO2R is the effort (fraction of VO2 reserve) at which
	// drift runs at CardiacDriftBPMPerHour; drift is roughly proportional
	// to effort.
	DriftReferenceVO2R = 0.65
	// HeatDriftPerC adds this fraction of drift per °C of air above
	// HeatDriftThresholdC: cardiovascular drift grows in the heat (Coyle
	// & González-Alonso 2001, Exerc Sport Sci Rev 29:88).
	HeatDriftPerC       = 0.05
	HeatDriftThresholdC = 15.0
	// HRNoiseBPM and HRNoiseTauS shape the beat-to-beat and sensor
	// wander of recorded heart rate: an AR(1) process of this standard
	// deviation and correlation time (a chest strap's readings wander by
	// a bpm or two around the underlying value).
	HRNoiseBPM  = 1.2
	HRNoiseTauS = 10.0
	// DayFormSigmaBPM is the standard deviation of a workout's overall
	// heart-rate offset (hydration, sleep, caffeine): day-to-day heart
	// rate at a fixed submaximal load varies by 2-4 bpm.
	DayFormSigmaBPM = 2.0

	// HillPacingExponent sets how much runners slow on climbs. Holding
	// metabolic power constant would mean speed × MinettiCost(grade)
	// constant; real runners only partly slow down on climbs and speed up
	// on descents (Townshend et al. 2010, Med Sci Sports Exerc 42:160),
	// so the grade factor is (Cost(0)/Cost(grade))^0.6: uphill, effort
	// and heart rate rise.
	HillPacingExponent = 0.6
	// DownhillSpeedCap limits the speed-up on descents (braking, footing)
	// to 10 % over the flat speed.
	DownhillSpeedCap = 1.10
	// SpeedTauS is the time constant of accelerating or slowing between
	// planned speeds: a runner reaches a new pace within a few seconds.
	SpeedTauS = 3.0
	// PaceNoiseFrac and PaceNoiseTauS shape the unplanned wander of pace,
	// a few percent over tens of seconds, as GPS watches show on steady
	// runs.
	PaceNoiseFrac = 0.025
	PaceNoiseTauS = 20.0

	// CadenceSPMPerMS is how much running cadence rises per m/s of speed.
	// Runners speed up mostly by lengthening their stride: cadence rises
	// by roughly 8-10 spm per m/s between 3 and 5 m/s (Cavanagh & Kram
	// 1989, Med Sci Sports Exerc 21:467), keeping recreational cadences
	// within about 160-185 spm.
	CadenceSPMPerMS = 9.0
	// CadenceNoiseSPM is the second-to-second jitter of cadence.
	CadenceNoiseSPM = 1.5
	// MinRunCadenceSPM and MaxRunCadenceSPM clamp running cadence.
	MinRunCadenceSPM = 150.0
	MaxRunCadenceSPM = 200.0
	// BikeCadenceRPM is the pedalling cadence of a recreational cyclist
	// on the flat (80-95 rpm is the usual self-selected range).
	BikeCadenceRPM = 88.0

	// KcalPerKgKm is the gross energy cost of running, about 1 kcal per
	// kg of body mass per km, nearly independent of speed (Margaria et
	// al. 1963, J Appl Physiol 18:367).
	KcalPerKgKm = 1.0
	// CyclingMET is the metabolic equivalent of moderate road cycling
	// (Ainsworth et al. 2011 Compendium of Physical Activities, "bicycling,
	// general", 7.5 MET).
	CyclingMET = 7.5

	// Cycling resistance: CdA of a rider on the hoods ~0.4 m² (Debraux
	// et al. 2011, Sports Eng 14:19), rolling resistance of road tyres
	// ~0.005, air density at 400 m and 15 °C ~1.2 kg/m³, bike mass 9 kg.
	BikeCdAM2      = 0.4
	BikeCrr        = 0.005
	AirDensityKgM3 = 1.2
	BikeMassKg     = 9.0
	// BikeMaxSpeedMS caps descending speed (the rider brakes).
	BikeMaxSpeedMS = 15.0
	// ACSMCyclingVO2PerKgm is the ACSM leg-cycling equation's slope:
	// VO2 = 1.8·work rate(kg·m/min)/body mass + 7 ml/kg/min; 1 W is 6.12
	// kg·m/min.
	ACSMCyclingVO2PerKgm = 1.8
	WattsToKgmPerMin     = 6.12

	// Weather: a temperate northern-hemisphere climate (central Europe
	// at 400 m): annual mean 10 °C, ±9 °C seasonal swing peaking around
	// 19 July (day 200), ±4 °C between the early-morning low and the
	// mid-afternoon high, and day-to-day weather of ±2.5 °C (one SD).
	AnnualMeanC       = 10.0
	AnnualAmplitudeC  = 9.0
	WarmestDayOfYear  = 200
	DiurnalAmplitudeC = 4.0
	WeatherSigmaC     = 2.5
	// WristTempBiasC is how far above air temperature a wrist-worn
	// device's thermometer settles once warmed by the body, and
	// WristTempTauS how fast it gets there.
	WristTempBiasC = 4.0
	WristTempTauS  = 600.0
)

// minettiCost is the energy cost of running on grade i (a fraction), in J
// per kg per metre, from Minetti et al. 2002 (J Appl Physiol 93:1039),
// eq. 4, clamped to the fitted range ±0.45. It is the same curve as
// activity.MinettiCost.
func minettiCost(i float64) float64 {
	i = math.Max(-0.45, math.Min(0.45, i))
	return ((((155.4*i-30.4)*i-43.3)*i+46.3)*i+19.5)*i + 3.6
}

// runningVO2 is the oxygen uptake in ml/kg/min of running at v m/s on
// grade g: the ACSM horizontal running equation, with the grade's extra
// cost taken from Minetti's curve.
func runningVO2(v, g float64) float64 {
	return RestingVO2 + ACSMRunningVO2PerM*v*60*minettiCost(g)/minettiCost(0)
}

// cyclingVO2 is the oxygen uptake in ml/kg/min of pedalling at p watts
// (ACSM leg-cycling equation); coasting (p = 0) is rest.
func cyclingVO2(p, weightKg float64) float64 {
	if p <= 0 {
		return RestingVO2
	}
	return ACSMCyclingVO2PerKgm*p*WattsToKgmPerMin/weightKg + 2*RestingVO2
}

// vo2Reserve converts an oxygen uptake into a fraction of VO2 reserve.
// Fractions of VO2 reserve and of heart-rate reserve match closely
// (Swain & Leutholtz 1997, Med Sci Sports Exerc 29:410), which is how
// heart rate follows from effort.
func (r Runner) vo2Reserve(vo2 float64) float64 {
	return (vo2 - RestingVO2) / (r.VO2Max() - RestingVO2)
}

// gradeSpeedFactor is the factor applied to the planned flat speed on
// grade g (see HillPacingExponent and DownhillSpeedCap).
func gradeSpeedFactor(g float64) float64 {
	f := math.Pow(minettiCost(0)/minettiCost(g), HillPacingExponent)
	return math.Max(0.4, math.Min(DownhillSpeedCap, f))
}

// airTempC is the air temperature at t (local time) before day-to-day
// weather: seasonal cosine plus a diurnal cosine with its minimum at 05:00
// and maximum at 15:00 (approximately).
func airTempC(t time.Time) float64 {
	doy := float64(t.YearDay())
	season := AnnualMeanC + AnnualAmplitudeC*math.Cos(2*math.Pi*(doy-WarmestDayOfYear)/365.25)
	h := float64(t.Hour()) + float64(t.Minute())/60
	diurnal := -DiurnalAmplitudeC * math.Cos(2*math.Pi*(h-5)/20)
	if h < 5 || h > 15 {
		// Evening and night cool off more slowly than the morning warms.
		x := h
		if x < 5 {
			x += 24
		}
		diurnal = DiurnalAmplitudeC * math.Cos(math.Pi*(x-15)/14)
	}
	return season + diurnal
}
