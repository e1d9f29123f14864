package protocol

// KmPerMile converts the seeds' miles to kilometres.
const KmPerMile = 1.609344

// Sleep (000, 001, 002: 7-9 h a night; 004: need varies with age, sex and
// fitness, and sleep loss lowers endurance performance).
const (
	SleepMinH = 7
	SleepMaxH = 9
)

// Training progression (003, citing the National Academy of Sports
// Medicine): weekly mileage or intensity should rise by at most 10% a week,
// e.g. 20 miles one week, at most 22 the next.
const WeeklyIncreaseLimit = 0.10

// TenPercentRuleCaveat is what Rebound says next to the 10% rule.
const TenPercentRuleCaveat = "The 10% rule is a coaching guide, not a proven safety limit: " +
	"in a randomised trial of 532 novice runners (Buist et al. 2008) a 10%-per-week plan " +
	"gave the same injury rate as a standard plan (20.8% vs 20.3%), and Nielsen et al. 2014 " +
	"linked increases above 30% over two weeks with more distance-related injuries " +
	"(hazard ratio 1.59, not significant at 5%). Avoid big jumps; 10% is a sensible ceiling."

// Running shoes (003): replace every 300-500 miles, or sooner when they feel
// flat and aches increase. Practice, not trial evidence (Cook et al. 1985
// measured lost shock absorption, not injuries).
const (
	ShoeLimitMilesMin = 300
	ShoeLimitMilesMax = 500
	ShoeLimitKmMin    = ShoeLimitMilesMin * KmPerMile // 482.8 km
	ShoeLimitKmMax    = ShoeLimitMilesMax * KmPerMile // 804.7 km
)

// Run kinds (002): easy runs are 3-5 miles at conversational pace; long
// runs are 10 miles or more.
const (
	EasyRunMilesMin = 3
	EasyRunMilesMax = 5
	LongRunMiles    = 10
	LongRunKm       = LongRunMiles * KmPerMile // 16.1 km
)

// Recovery time by run kind (002): easy runs often need about a day; long
// runs and hard workouts two to three days for full muscle repair. Most
// runners recover within 24-72 h (001, 002).
const (
	RecoveryDaysEasy    = 1
	RecoveryDaysHardMin = 2
	RecoveryDaysHardMax = 3
	TypicalRecoveryMinH = 24
	TypicalRecoveryMaxH = 72
)

// Rest after a long run (004, a sports physical therapist): at least one to
// two days, possibly more for older runners.
const (
	RestDaysAfterLongMin = 1
	RestDaysAfterLongMax = 2
)

// DehydrationBodyWeightLoss is the fraction of body weight lost as sweat
// beyond which performance may suffer (004, citing a 2019 study in Int J
// Sport Nutr Exerc Metab).
const DehydrationBodyWeightLoss = 0.02

// DOMS timing. Onset within 24-48 h and a peak at 48-72 h (002); peak at
// 24-72 h (000; Cheung et al. 2003, which Rebound uses); gone within 5-7 days
// after unaccustomed eccentric work (Cheung et al. 2003). See the "doms-peak"
// and "soreness-duration" disagreements.
const (
	DOMSOnsetMinH      = 24
	DOMSOnsetMaxH      = 48
	DOMSPeakMinH       = 24
	DOMSPeakMaxH       = 72
	DOMSResolveMinDays = 5
	DOMSResolveMaxDays = 7
)

// SorenessSeeProfessionalDays: soreness or pain lasting longer than this may
// signal overtraining or injury; see a professional (002). Urgency "soon".
const SorenessSeeProfessionalDays = 7

// HeatWaitH is how long to wait after a run before applying heat (001), so
// inflammation can settle first.
const HeatWaitH = 48

// Cold water (000, 001: 10-15 min at 10-15 °C; 004 citing the Cleveland
// Clinic: start with 5 min, stay no longer than 10, most benefit in the first
// few minutes and tapering after about 3).
const (
	ColdWaterMinC       = 10
	ColdWaterMaxC       = 15
	ColdWaterDefaultMin = 10
	ColdWaterFirstMin   = 5
	ColdWaterMaxMin     = 15
	ColdBenefitTaperMin = 3
)

// Cool-down length (000, 002: 5-10 min; 003: about 10 min).
const (
	CoolDownMinMin = 5
	CoolDownMaxMin = 10
)

// Strength sessions a week (002: 2-3 in the body, 1-2 in its FAQ; Rebound
// defaults to 2, which both allow).
const (
	StrengthPerWeekMin     = 1
	StrengthPerWeekMax     = 3
	StrengthPerWeekDefault = 2
)

// Threshold is a named constant with its unit and sources, for display.
// Sources are references as in Source.Ref (people read them through
// Cite); Note qualifies them ("citing the Cleveland Clinic"), or is empty.
type Threshold struct {
	Name    string
	Value   float64
	Unit    string
	Sources []string
	Note    string
}

// Thresholds returns the named thresholds above, for documentation and
// display.
func Thresholds() []Threshold {
	return []Threshold{
		{"SleepMinH", SleepMinH, "h", []string{Seed000, Seed001, Seed002}, ""},
		{"SleepMaxH", SleepMaxH, "h", []string{Seed000, Seed001, Seed002}, ""},
		{"WeeklyIncreaseLimit", WeeklyIncreaseLimit, "fraction", []string{Seed003, RefBuist2008, RefNielsen2014}, "citing the National Academy of Sports Medicine; a guide, not a proven limit"},
		{"ShoeLimitMilesMin", ShoeLimitMilesMin, "miles", []string{Seed003, RefCook1985}, "practice"},
		{"ShoeLimitMilesMax", ShoeLimitMilesMax, "miles", []string{Seed003, RefCook1985}, "practice"},
		{"EasyRunMilesMin", EasyRunMilesMin, "miles", []string{Seed002}, ""},
		{"EasyRunMilesMax", EasyRunMilesMax, "miles", []string{Seed002}, ""},
		{"LongRunMiles", LongRunMiles, "miles", []string{Seed002}, ""},
		{"RecoveryDaysEasy", RecoveryDaysEasy, "days", []string{Seed002}, ""},
		{"RecoveryDaysHardMin", RecoveryDaysHardMin, "days", []string{Seed002}, ""},
		{"RecoveryDaysHardMax", RecoveryDaysHardMax, "days", []string{Seed002}, ""},
		{"TypicalRecoveryMinH", TypicalRecoveryMinH, "h", []string{Seed001, Seed002}, ""},
		{"TypicalRecoveryMaxH", TypicalRecoveryMaxH, "h", []string{Seed001, Seed002}, ""},
		{"RestDaysAfterLongMin", RestDaysAfterLongMin, "days", []string{Seed004}, ""},
		{"RestDaysAfterLongMax", RestDaysAfterLongMax, "days", []string{Seed004}, ""},
		{"DehydrationBodyWeightLoss", DehydrationBodyWeightLoss, "fraction of body weight", []string{Seed004}, ""},
		{"DOMSOnsetMinH", DOMSOnsetMinH, "h", []string{Seed002}, ""},
		{"DOMSOnsetMaxH", DOMSOnsetMaxH, "h", []string{Seed002}, ""},
		{"DOMSPeakMinH", DOMSPeakMinH, "h", []string{Seed000, RefCheung2003}, ""},
		{"DOMSPeakMaxH", DOMSPeakMaxH, "h", []string{Seed000, Seed002, RefCheung2003}, ""},
		{"DOMSResolveMinDays", DOMSResolveMinDays, "days", []string{RefCheung2003}, ""},
		{"DOMSResolveMaxDays", DOMSResolveMaxDays, "days", []string{RefCheung2003}, ""},
		{"SorenessSeeProfessionalDays", SorenessSeeProfessionalDays, "days", []string{Seed002}, ""},
		{"HeatWaitH", HeatWaitH, "h", []string{Seed001}, ""},
		{"ColdWaterMinC", ColdWaterMinC, "°C", []string{Seed000}, ""},
		{"ColdWaterMaxC", ColdWaterMaxC, "°C", []string{Seed000}, ""},
		{"ColdWaterDefaultMin", ColdWaterDefaultMin, "min", []string{Seed000, Seed001, Seed004}, ""},
		{"ColdWaterFirstMin", ColdWaterFirstMin, "min", []string{Seed004}, "citing the Cleveland Clinic"},
		{"ColdWaterMaxMin", ColdWaterMaxMin, "min", []string{Seed000, Seed001}, ""},
		{"ColdBenefitTaperMin", ColdBenefitTaperMin, "min", []string{Seed004}, "citing the Cleveland Clinic"},
		{"CoolDownMinMin", CoolDownMinMin, "min", []string{Seed000, Seed002}, ""},
		{"CoolDownMaxMin", CoolDownMaxMin, "min", []string{Seed000, Seed002, Seed003}, ""},
		{"StrengthPerWeekMin", StrengthPerWeekMin, "times/week", []string{Seed002}, "its FAQ"},
		{"StrengthPerWeekMax", StrengthPerWeekMax, "times/week", []string{Seed002}, ""},
		{"StrengthPerWeekDefault", StrengthPerWeekDefault, "times/week", []string{Seed002}, ""},
		{"CarbsPerKgMin", CarbsPerKgMin, "g/kg", []string{Seed000}, ""},
		{"CarbsPerKgMax", CarbsPerKgMax, "g/kg", []string{Seed000}, ""},
		{"ProteinPerKgMin", ProteinPerKgMin, "g/kg", []string{Seed000}, ""},
		{"ProteinPerKgMax", ProteinPerKgMax, "g/kg", []string{Seed000}, ""},
		{"RefuelWindowMinMin", RefuelWindowMinMin, "min", []string{Seed000, Seed002, Seed003}, ""},
		{"RefuelWindowMaxMin", RefuelWindowMaxMin, "min", []string{Seed000, Seed002, Seed003}, ""},
		{"FluidPerKgLost", FluidPerKgLost, "L per kg lost", []string{Seed000}, ""},
		{"FluidPerKgLostLow", FluidPerKgLostLow, "L per kg lost", []string{RefACSM2016}, "not yet checked against the paper"},
		{"FluidUnknownOzMin", FluidUnknownOzMin, "US fl oz", []string{Seed002}, ""},
		{"FluidUnknownOzMax", FluidUnknownOzMax, "US fl oz", []string{Seed002}, ""},
		{"HotRunTempC", HotRunTempC, "°C", []string{Seed003}, "Rebound's number for the article's \"hot days\""},
	}
}
