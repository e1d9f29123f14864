package sim

import "github.com/rebound-run/rebound/profile"

// ClubMates returns four runners of DefaultRunner's club, each unlike the
// others, for a coach's view of a club: BeginnerRunner, MarathonRunner,
// VeteranRunner and InjuredRunner, in that order. They share the default
// runner's town (start point and time zone); everything else is their own.
func ClubMates() []Runner {
	return []Runner{BeginnerRunner(), MarathonRunner(), VeteranRunner(), InjuredRunner()}
}

// BeginnerRunner returns a new runner on the Beginner plan: three short
// easy runs a week at a jog (threshold pace 6:15/km, so easy runs at
// about 8:00/km), unfit (resting HR 68) and quick to get sore on so
// little training, but recovering fast at 27.
func BeginnerRunner() Runner {
	r := DefaultRunner() // the town (start point, time zone) and any field not set below
	r.Name, r.About = "Jordan Lee", "a beginner, three short easy runs a week"
	r.Plan = Beginner
	r.Age, r.Sex, r.WeightKg = 27, profile.Male, 82
	r.RestingHR, r.MaxHR = 68, 192
	r.ThresholdPaceSPerKm, r.BikeFTPW, r.CadenceSPM = 375, 160, 160
	r.CardiacDriftBPMPerHour = 9
	r.SorenessSensitivity, r.SorenessPeakH, r.RecoveryHalfLifeH = 1.8, 40, 24
	r.SleepNeedH, r.HRVBaselineMs = 7.8, 45
	r.Equipment = []string{"foam-roller"}
	r.Background = profile.Background{NewRunner: true}
	r.DeviceSerial, r.Seed = 3917004522, 2
	return r
}

// MarathonRunner returns a new runner on the MarathonBlock plan, in the
// heaviest fortnight of her build (about 110 km a week, a third more than
// the week before): a 3:05 marathoner (threshold pace 4:10/km) used to
// the mileage (she gets little sore) but slow to recover, with a
// stressful job and about 6 h of sleep on work nights, so her readiness
// is low at the end of the season.
func MarathonRunner() Runner {
	r := DefaultRunner() // the town (start point, time zone) and any field not set below
	r.Name, r.About = "Marta Ruiz", "a marathoner in the heaviest fortnight of her block, with a demanding job"
	r.Plan = MarathonBlock
	r.Age, r.Sex, r.WeightKg = 41, profile.Female, 56
	r.RestingHR, r.MaxHR = 46, 181
	r.ThresholdPaceSPerKm, r.BikeFTPW, r.CadenceSPM = 250, 200, 174
	r.CardiacDriftBPMPerHour = 5
	r.SorenessSensitivity, r.SorenessPeakH, r.RecoveryHalfLifeH = 0.8, 48, 48
	r.SleepNeedH, r.HRVBaselineMs, r.WorkdayStress = 6.0, 55, 4.5
	r.Equipment = []string{"foam-roller", "compression", "massage-gun", "bike"}
	r.Background = profile.Background{WeeklyKm: 75, RunningYears: 10}
	r.DeviceSerial, r.Seed = 3917004523, 3
	return r
}

// VeteranRunner returns a new runner of 67 on the half-marathon plan
// (threshold pace 5:30/km) with heart disease in his profile, which
// rules out cold-water immersion and contrast baths until a doctor says
// otherwise, although he owns an ice bath.
func VeteranRunner() Runner {
	r := DefaultRunner() // the town (start point, time zone) and any field not set below
	r.Name, r.About = "Walter Brandt", "training for the half marathon with a heart condition"
	r.Age, r.Sex, r.WeightKg = 67, profile.Male, 74
	r.RestingHR, r.MaxHR = 56, 160
	r.ThresholdPaceSPerKm, r.BikeFTPW, r.CadenceSPM = 330, 170, 164
	r.CardiacDriftBPMPerHour = 7
	r.SorenessSensitivity, r.SorenessPeakH, r.RecoveryHalfLifeH = 0.7, 60, 40
	r.SleepNeedH, r.HRVBaselineMs = 7.2, 30
	r.Conditions = []string{"heart-disease"}
	r.Equipment = []string{"ice-bath", "bathtub", "foam-roller", "bike"}
	r.Background = profile.Background{WeeklyKm: 35, RunningYears: 30}
	r.DeviceSerial, r.Seed = 3917004524, 4
	return r
}

// InjuredRunner returns a new runner on the half-marathon plan who has
// reported pain in a bone (a tender spot on the shin, a possible bone
// stress injury) on the last two mornings: a red flag.
func InjuredRunner() Runner {
	r := DefaultRunner() // the town (start point, time zone) and any field not set below
	r.Name, r.About = "Priya Nair", "training for the half marathon; a sore spot on her shin"
	r.Age, r.Sex, r.WeightKg = 31, profile.Female, 58
	r.RestingHR, r.MaxHR = 52, 189
	r.ThresholdPaceSPerKm, r.BikeFTPW, r.CadenceSPM = 265, 190, 172
	r.SorenessSensitivity, r.SorenessPeakH, r.RecoveryHalfLifeH = 1.0, 48, 28
	r.SleepNeedH, r.HRVBaselineMs = 7.6, 70
	r.Complaints = []Complaint{{Symptom: "bone-pain", DaysBeforeEnd: 1}}
	r.Background = profile.Background{WeeklyKm: 35, RunningYears: 6}
	r.DeviceSerial, r.Seed = 3917004525, 5
	return r
}
