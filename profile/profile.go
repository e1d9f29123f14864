// Package profile holds the runner's profile (body, heart-rate anchors,
// units, time zone) and derives what depends on it, such as an estimated
// maximum heart rate. It is pure: no I/O, no clock.
package profile

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/measure"
)

// Sex selects the sex-specific coefficients of models such as Banister's
// TRIMP. Empty means unknown.
type Sex string

// The accepted values of Sex.
const (
	Male   Sex = "male"
	Female Sex = "female"
)

// Units is how text output shows distances, paces, weights and volumes:
// a measure.System, which formats them.
type Units = measure.System

// The accepted values of Units.
const (
	Metric   = measure.Metric
	Imperial = measure.Imperial
)

// Default heart-rate anchors used when the runner has not given them.
const (
	// DefaultRestingHR is a typical adult resting heart rate (bpm), used only
	// until the runner sets their own.
	DefaultRestingHR = 60
	// DefaultAge is used to estimate maximum heart rate when no age is set.
	DefaultAge = 35
)

// Profile is what Rebound knows about the runner. Zero numeric fields mean
// "not set".
type Profile struct {
	WeightKg   float64
	Age        int
	Sex        Sex
	RestingHR  float64
	MaxHR      float64
	Units      Units
	Timezone   string
	Conditions []string
	Equipment  []string
	// Background is the runner's training before the runs Rebound holds.
	Background Background
}

// Background is the runner's training background: their typical weekly
// running distance and years of running, or that they are new to
// running. Until Rebound holds about four weeks of their runs, the
// soreness and recovery models take it as what the runner is used to.
// Zero values mean "not given".
type Background struct {
	WeeklyKm     float64
	RunningYears float64
	NewRunner    bool
	// Dismissed is set when the runner chose not to give it: Rebound
	// stops asking (and keeps assuming a recreational runner).
	Dismissed bool
}

// Bounds of a background.
const (
	MaxWeeklyKm     = 300 // beyond any runner's training week
	MaxRunningYears = 80
)

// Given reports whether the runner has said what their background is.
func (b Background) Given() bool { return b.NewRunner || b.WeeklyKm > 0 || b.RunningYears > 0 }

// Asked reports whether Rebound should stop asking for the background:
// it was given or dismissed.
func (b Background) Asked() bool { return b.Given() || b.Dismissed }

// EstimateMaxHR returns the Tanaka, Monahan & Seals (2001, J Am Coll Cardiol
// 37:153) estimate of maximum heart rate, 208 - 0.7 x age, in bpm.
func EstimateMaxHR(age int) float64 { return 208 - 0.7*float64(age) }

// HR is the pair of heart-rate anchors the zone and TRIMP models use, and
// whether each was estimated rather than set by the runner.
type HR struct {
	Rest, Max                   float64
	RestEstimated, MaxEstimated bool
	Sex                         Sex
}

// HR returns the heart-rate anchors: the runner's own values where set,
// otherwise Tanaka's estimate from age (or DefaultAge) and DefaultRestingHR.
func (p Profile) HR() HR {
	h := HR{Rest: p.RestingHR, Max: p.MaxHR, Sex: p.Sex}
	if h.Rest <= 0 {
		h.Rest, h.RestEstimated = DefaultRestingHR, true
	}
	if h.Max <= 0 {
		age := p.Age
		if age <= 0 {
			age = DefaultAge
		}
		h.Max, h.MaxEstimated = math.Round(EstimateMaxHR(age)), true
	}
	return h
}

// UnitsOrDefault returns the runner's units, metric when unset.
func (p Profile) UnitsOrDefault() Units {
	if p.Units == Imperial {
		return Imperial
	}
	return Metric
}

// Location returns the runner's time zone, UTC when unset or unknown.
func (p Profile) Location() *time.Location {
	if p.Timezone == "" {
		return time.UTC
	}
	loc, err := LoadZone(p.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// OffsetZone names the fixed zone of a UTC offset in seconds, "UTC+01:00"
// or "UTC-05:30": what Rebound takes as the runner's zone when the
// profile has none but their files say their watch's offset.
func OffsetZone(offsetS int) string {
	sign := '+'
	if offsetS < 0 {
		sign, offsetS = '-', -offsetS
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, offsetS/3600, offsetS/60%60)
}

// ZoneName is how a person reads a zone: a fixed offset from the IANA
// "Etc" area as OffsetZone names it, "Etc/GMT-1" as "UTC+01:00" (the Etc
// names invert the sign: Etc/GMT-1 is one hour ahead of UTC); any other
// name as it is.
func ZoneName(name string) string {
	if rest, ok := strings.CutPrefix(name, "Etc/GMT"); ok && rest != "" {
		if h, err := strconv.Atoi(rest); err == nil && h >= -14 && h <= 12 {
			return OffsetZone(-h * 3600)
		}
	}
	return name
}

// LoadZone loads an IANA zone, or a fixed one named as OffsetZone names
// them.
func LoadZone(name string) (*time.Location, error) {
	var sign rune
	var h, m int
	if n, err := fmt.Sscanf(name, "UTC%c%02d:%02d", &sign, &h, &m); err == nil && n == 3 && (sign == '+' || sign == '-') && h <= 14 && m < 60 {
		off := h*3600 + m*60
		if sign == '-' {
			off = -off
		}
		return time.FixedZone(name, off), nil
	}
	return time.LoadLocation(name)
}

// Validate reports the first implausible field as an EINVALID error.
func (p Profile) Validate() error {
	switch {
	case p.WeightKg < 0 || p.WeightKg > 300:
		return rebound.Errorf(rebound.EINVALID, "weight %.1f kg is out of range (20-300)", p.WeightKg)
	case p.WeightKg > 0 && p.WeightKg < 20:
		return rebound.Errorf(rebound.EINVALID, "weight %.1f kg is out of range (20-300)", p.WeightKg)
	case p.Age < 0 || p.Age > 110:
		return rebound.Errorf(rebound.EINVALID, "age %d is out of range (1-110)", p.Age)
	case p.Sex != "" && p.Sex != Male && p.Sex != Female:
		return rebound.Errorf(rebound.EINVALID, "sex %q: want male or female", p.Sex)
	case p.RestingHR < 0 || p.RestingHR > 120:
		return rebound.Errorf(rebound.EINVALID, "resting heart rate %.0f bpm is out of range (25-120)", p.RestingHR)
	case p.RestingHR > 0 && p.RestingHR < 25:
		return rebound.Errorf(rebound.EINVALID, "resting heart rate %.0f bpm is out of range (25-120)", p.RestingHR)
	case p.MaxHR != 0 && (p.MaxHR < 100 || p.MaxHR > 240):
		return rebound.Errorf(rebound.EINVALID, "maximum heart rate %.0f bpm is out of range (100-240)", p.MaxHR)
	case p.MaxHR > 0 && p.RestingHR > 0 && p.MaxHR <= p.RestingHR:
		return rebound.Errorf(rebound.EINVALID, "maximum heart rate %.0f must be above resting %.0f", p.MaxHR, p.RestingHR)
	case p.Units != "" && p.Units != Metric && p.Units != Imperial:
		return rebound.Errorf(rebound.EINVALID, "units %q: want metric or imperial", p.Units)
	case p.Background.WeeklyKm < 0 || p.Background.WeeklyKm > MaxWeeklyKm || math.IsNaN(p.Background.WeeklyKm):
		return rebound.Errorf(rebound.EINVALID, "weekly distance %.0f km is out of range (0-%d)", p.Background.WeeklyKm, MaxWeeklyKm)
	case p.Background.RunningYears < 0 || p.Background.RunningYears > MaxRunningYears || math.IsNaN(p.Background.RunningYears):
		return rebound.Errorf(rebound.EINVALID, "years of running %g is out of range (0-%d)", p.Background.RunningYears, MaxRunningYears)
	case p.Background.NewRunner && (p.Background.WeeklyKm > 0 || p.Background.RunningYears > 0):
		return rebound.Errorf(rebound.EINVALID, "a new runner has no weekly distance or years of running yet: give one or the other")
	}
	if p.Timezone != "" {
		if _, err := LoadZone(p.Timezone); err != nil {
			return rebound.Errorf(rebound.EINVALID, "time zone %q: %v", p.Timezone, err)
		}
	}
	return nil
}

// String is a one-line summary, for logs.
func (p Profile) String() string {
	return fmt.Sprintf("weight=%.1fkg age=%d sex=%s rest=%.0f max=%.0f units=%s tz=%s",
		p.WeightKg, p.Age, p.Sex, p.RestingHR, p.MaxHR, p.UnitsOrDefault(), p.Timezone)
}

// Conditions that change Rebound's advice.
var Conditions = []string{"heart-disease", "high-blood-pressure", "diabetes", "raynauds", "pregnancy", "injury", "peripheral-arterial-disease"}

// Equipment a runner may have, which unlocks techniques that need it.
var Equipment = []string{"foam-roller", "massage-gun", "ice-bath", "bathtub", "compression", "pool", "bike", "elliptical"}

// ParseList splits a comma-separated list, checking each item against
// known. "none" or "" gives an empty list.
func ParseList(what, spec string, known []string) ([]string, error) {
	out := []string{}
	if spec == "" || spec == "none" {
		return out, nil
	}
	for _, item := range strings.Split(spec, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		if item == "" {
			continue
		}
		if !slices.Contains(known, item) {
			return nil, rebound.Errorf(rebound.EINVALID, "%s %q: want one of %s (or none)", what, item, strings.Join(known, ", "))
		}
		if !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	return out, nil
}
