package app

import (
	"context"
	"github.com/rebound-run/rebound"
	"math"
	"strings"

	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
)

// ProfileChange is a change to the profile: each field that is not nil
// replaces the stored one (a zero value unsets it).
type ProfileChange struct {
	// Weight is the body weight as entered; Value 0 unsets it.
	Weight    *present.Weight
	Age       *int
	Sex       *string
	RestingHR *float64
	MaxHR     *float64
	Units     *string
	Timezone  *string
	// Conditions and Equipment are lists of ids; "none" or an empty list
	// clears them.
	Conditions *[]string
	Equipment  *[]string
	// Background changes the runner's training background; nil fields
	// stay as they are.
	Background *BackgroundChange
}

// BackgroundChange is a change of the runner's training background: the
// weekly distance and years given clear "new to running", and "new to
// running" clears them.
type BackgroundChange struct {
	WeeklyKm     *float64
	RunningYears *float64
	NewRunner    *bool
	Dismissed    *bool // stop asking for it
}

// WholeBackground is the change that replaces the background with b (a
// form or an API document that sends all of it).
func WholeBackground(b profile.Background) *BackgroundChange {
	ch := &BackgroundChange{NewRunner: &b.NewRunner, Dismissed: &b.Dismissed}
	if !b.NewRunner {
		ch.WeeklyKm, ch.RunningYears = &b.WeeklyKm, &b.RunningYears
	}
	return ch
}

// apply applies ch to b.
func (ch BackgroundChange) apply(b *profile.Background) error {
	if ch.NewRunner != nil && *ch.NewRunner && (ch.WeeklyKm != nil || ch.RunningYears != nil) {
		return rebound.Errorf(rebound.EINVALID, "new to running goes without a weekly distance or years of running")
	}
	if ch.WeeklyKm != nil {
		b.WeeklyKm, b.NewRunner = *ch.WeeklyKm, false
	}
	if ch.RunningYears != nil {
		b.RunningYears, b.NewRunner = *ch.RunningYears, false
	}
	if ch.NewRunner != nil {
		b.NewRunner = *ch.NewRunner
		if b.NewRunner {
			b.WeeklyKm, b.RunningYears = 0, 0
		}
	}
	if ch.Dismissed != nil {
		b.Dismissed = *ch.Dismissed
	}
	return nil
}

// ChangeProfile applies ch to the stored profile, validates the result
// (profile.Validate) and saves it; zones and TRIMP of every stored run
// follow at once. A bare weight is read in the profile's units (the new
// ones when ch changes them); a weight whose reading is in doubt (a bare
// number while the units change, or a value outside the plausible range
// that was not typed with its unit) is returned as a
// *present.WeightQuestion (Field "weight"), saving nothing, unless it
// reads as the weight already stored.
func (a *Athlete) ChangeProfile(ctx context.Context, ch ProfileChange) (profile.Profile, error) {
	old, err := a.store.FindProfile(ctx)
	if err != nil {
		return old, err
	}
	p := old
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	if ch.Units != nil {
		p.Units = profile.Units(strings.ToLower(strings.TrimSpace(*ch.Units)))
	}
	if ch.Weight != nil {
		var q *present.WeightQuestion
		if p.WeightKg, q = ProfileWeight(old, p.UnitsOrDefault(), *ch.Weight); q != nil {
			return old, q
		}
	}
	if ch.Age != nil {
		p.Age = *ch.Age
	}
	if ch.Sex != nil {
		p.Sex = profile.Sex(strings.ToLower(strings.TrimSpace(*ch.Sex)))
	}
	if ch.RestingHR != nil {
		p.RestingHR = *ch.RestingHR
	}
	if ch.MaxHR != nil {
		p.MaxHR = *ch.MaxHR
	}
	set(&p.Timezone, ch.Timezone)
	if ch.Conditions != nil {
		if p.Conditions, err = profile.ParseList("condition", strings.Join(*ch.Conditions, ","), profile.Conditions); err != nil {
			return old, err
		}
	}
	if ch.Equipment != nil {
		if p.Equipment, err = profile.ParseList("equipment", strings.Join(*ch.Equipment, ","), profile.Equipment); err != nil {
			return old, err
		}
	}
	if ch.Background != nil {
		if err := ch.Background.apply(&p.Background); err != nil {
			return old, err
		}
	}
	if err := p.Validate(); err != nil {
		return old, err
	}
	if err := a.store.SaveProfile(ctx, p); err != nil {
		return old, err
	}
	return p, nil
}

// ProfileWeight reads a body weight entered for the profile old, whose
// units are becoming units, and returns it in kilograms (0 for a zero
// Value: the weight is unset). A bare number is read in units. An entry
// that shows the stored weight as Rebound shows it (to 0.1 of its unit:
// a form sending back what it showed) keeps the stored weight exactly and
// is not questioned; otherwise a reading in doubt (present.Weight.Resolve)
// is returned as a question (Field "weight").
func ProfileWeight(old profile.Profile, units profile.Units, w present.Weight) (float64, *present.WeightQuestion) {
	if w.Value == 0 {
		return 0, nil
	}
	kg, q := w.Resolve(units, units != old.UnitsOrDefault())
	taken := w.In(present.WeightUnitOf(units))
	stored := old.WeightKg
	if taken.Unit == present.Lb {
		stored /= present.KgPerPound
	}
	if old.WeightKg > 0 && math.Round(taken.Value*10) == math.Round(stored*10) {
		return old.WeightKg, nil
	}
	if q != nil {
		q.Field = "weight"
	}
	return kg, q
}

// SaveProfile validates p (profile.Validate) and replaces the stored
// profile with it. Forms that show the weight in its unit resolve it
// first (present.Weight.Resolve).
func (a *Athlete) SaveProfile(ctx context.Context, p profile.Profile) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return a.store.SaveProfile(ctx, p)
}
