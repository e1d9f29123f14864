// Package present shapes Rebound's data for people and programs: the
// stable JSON documents of the CLI and API (documented in docs/json.md)
// and the unit-aware text formatting of numbers (distance, pace, time,
// elevation, temperature) in the runner's units. It is pure: it takes
// stored values and a profile and returns values or strings.
package present

import (
	"cmp"
	"encoding/json"
	"math"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
)

// Num is a float64 that encodes NaN (absent) as JSON null and rounds to a
// sensible precision.
type Num float64

// MarshalJSON implements json.Marshaler.
func (n Num) MarshalJSON() ([]byte, error) { return marshalRounded(float64(n), 100) }

// marshalRounded encodes f rounded to 1/scale, or null when f is NaN or
// infinite.
func marshalRounded(f, scale float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(math.Round(f*scale) / scale)
}

// Valid reports whether n is present.
func (n Num) Valid() bool { return !math.IsNaN(float64(n)) }

// Run is the JSON document of one activity (`rebound runs --json` lists
// them without laps; `rebound show --json` includes laps).
type Run struct {
	ID             int64            `json:"id"`
	Sport          activity.Sport   `json:"sport"`
	SubSport       string           `json:"sub_sport"`
	Start          string           `json:"start"`
	Name           string           `json:"name"`
	Title          string           `json:"title"`
	Kind           recovery.Kind    `json:"kind"`
	KindMarked     bool             `json:"kind_marked"`
	Note           string           `json:"note"`
	Device         string           `json:"device"`
	Format         string           `json:"format"`
	SourceFile     string           `json:"source_file"`
	Gear           string           `json:"gear"`
	DistanceM      Num              `json:"distance_m"`
	DistanceSource string           `json:"distance_source"`
	ElapsedS       Num              `json:"elapsed_s"`
	MovingS        Num              `json:"moving_s"`
	AvgSpeedMS     Num              `json:"avg_speed_ms"`
	AvgPaceSPerKm  Num              `json:"avg_pace_s_per_km"`
	GAPSPerKm      Num              `json:"gap_s_per_km"`
	MaxSpeedMS     Num              `json:"max_speed_ms"`
	AscentM        Num              `json:"ascent_m"`
	DescentM       Num              `json:"descent_m"`
	DownhillM      Num              `json:"downhill_m"`
	ElevSource     string           `json:"elevation_source"`
	AvgHR          Num              `json:"avg_hr"`
	MaxHR          Num              `json:"max_hr"`
	HRZonesS       *[5]Num          `json:"hr_zones_s"`
	TRIMP          Num              `json:"trimp"`
	AvgCadenceSPM  Num              `json:"avg_cadence_spm"`
	AvgPowerW      Num              `json:"avg_power_w"`
	AvgTempC       Num              `json:"avg_temp_c"`
	DeviceTotals   *Totals          `json:"device_totals"`
	Legs           []activity.Sport `json:"legs,omitempty"`
	Warnings       []string         `json:"warnings"`
	Laps           []Lap            `json:"laps,omitempty"`
	HRAnchors      *HRAnchors       `json:"hr_anchors,omitempty"`
	ImportedAt     string           `json:"imported_at"`
}

// HRAnchors says which resting and maximum heart rates the zones and TRIMP
// used and whether each was estimated.
type HRAnchors struct {
	RestingHR          Num  `json:"resting_hr"`
	MaxHR              Num  `json:"max_hr"`
	RestingHREstimated bool `json:"resting_hr_estimated"`
	MaxHREstimated     bool `json:"max_hr_estimated"`
}

// Totals is the JSON form of activity.Totals.
type Totals struct {
	DistanceM     Num `json:"distance_m"`
	ElapsedS      Num `json:"elapsed_s"`
	TimerS        Num `json:"timer_s"`
	AvgHR         Num `json:"avg_hr"`
	MaxHR         Num `json:"max_hr"`
	AscentM       Num `json:"ascent_m"`
	DescentM      Num `json:"descent_m"`
	AvgCadenceSPM Num `json:"avg_cadence_spm"`
	Calories      Num `json:"calories"`
}

// Lap is the JSON form of a lap.
type Lap struct {
	Index int    `json:"index"`
	Start string `json:"start"`
	Totals
	AvgPaceSPerKm Num `json:"avg_pace_s_per_km"`
}

func totals(t activity.Totals) Totals {
	return Totals{Num(t.DistanceM), Num(t.ElapsedS), Num(t.TimerS), Num(t.AvgHR), Num(t.MaxHR),
		Num(t.AscentM), Num(t.DescentM), Num(t.AvgCadenceSPM), Num(t.Calories)}
}

// Location returns the zone an activity's times are shown in: the file's
// own UTC offset when it has one, else the runner's time zone.
func Location(a *activity.Activity, p profile.Profile) *time.Location {
	if a.UTCOffsetS != nil {
		return time.FixedZone("", *a.UTCOffsetS)
	}
	return p.Location()
}

// NewRun builds the JSON document of e's activity, with its kind and
// title from e (an Entry with only A: not classified yet); with laps, its
// laps too.
func NewRun(e coach.Entry, p profile.Profile, laps bool) Run {
	a := e.A
	loc := Location(a.Activity, p)
	s := a.Summary
	hr := p.HR()
	r := Run{
		ID: a.ID, Sport: a.Sport, SubSport: a.SubSport, Start: a.Start.In(loc).Format(time.RFC3339),
		Name: cmp.Or(a.UserName, a.Name), Title: Title(e, p), Kind: e.Kind, KindMarked: a.Kind != "", Note: a.Note,
		Device: a.Device, Format: a.Format, SourceFile: a.SourceFile, Gear: a.Gear,
		DistanceM: Num(s.DistanceM), DistanceSource: s.DistanceSource,
		ElapsedS: Num(s.ElapsedS), MovingS: Num(s.MovingS), AvgSpeedMS: Num(s.AvgSpeedMS),
		AvgPaceSPerKm: Num(activity.PaceSPerKm(s.AvgSpeedMS)), GAPSPerKm: Num(activity.PaceSPerKm(s.GradeAdjustedSpeedMS)),
		MaxSpeedMS: Num(s.MaxSpeedMS), AscentM: Num(s.AscentM), DescentM: Num(s.DescentM), DownhillM: Num(s.DownhillM),
		ElevSource: s.ElevationSource, AvgHR: Num(s.AvgHR), MaxHR: Num(s.MaxHR), TRIMP: Num(activity.NaN),
		AvgCadenceSPM: Num(s.AvgCadenceSPM), AvgPowerW: Num(s.AvgPowerW), AvgTempC: Num(s.AvgTempC),
		Legs: a.Legs, Warnings: a.Warnings, ImportedAt: a.ImportedAt.In(loc).Format(time.RFC3339),
		HRAnchors: &HRAnchors{Num(hr.Rest), Num(hr.Max), hr.RestEstimated, hr.MaxEstimated},
	}
	r.Warnings = append(append([]string{}, a.Warnings...), s.Notes...)
	if len(s.HRSeconds) > 0 {
		z := activity.Zones(s.HRSeconds, hr)
		r.HRZonesS = &[5]Num{Num(z[0]), Num(z[1]), Num(z[2]), Num(z[3]), Num(z[4])}
		r.TRIMP = Num(activity.TRIMP(s.HRSeconds, hr))
	}
	if a.DeviceTotals != nil {
		t := totals(*a.DeviceTotals)
		r.DeviceTotals = &t
	}
	if laps {
		r.Laps = []Lap{}
		for i, l := range a.Laps {
			lp := Lap{Index: i + 1, Start: l.Start.In(loc).Format(time.RFC3339), Totals: totals(l.Totals), AvgPaceSPerKm: Num(activity.NaN)}
			if l.DistanceM > 0 && l.TimerS > 0 {
				lp.AvgPaceSPerKm = Num(l.TimerS / l.DistanceM * 1000)
			}
			r.Laps = append(r.Laps, lp)
		}
	}
	return r
}
