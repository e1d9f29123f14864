package server

import (
	"math"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/store"
)

// apiProfile is the runner's profile (`rebound profile --json`).
func (s *Server) apiProfile(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	p, err := s.athlete(t).Profile(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, present.NewProfile(p))
}

// ProfileInput is the body of PUT /api/v1/profile: the whole profile,
// in metric units whatever the display units; absent or zero fields are
// unset. The read-only keys of GET's document (effective_…, …_estimated)
// are accepted and ignored, so that a client may send back what it read.
type ProfileInput struct {
	WeightKg   float64  `json:"weight_kg"`
	Age        int      `json:"age"`
	Sex        string   `json:"sex"`
	RestingHR  float64  `json:"resting_hr"`
	MaxHR      float64  `json:"max_hr"`
	Units      string   `json:"units"`
	Timezone   string   `json:"timezone"`
	Conditions []string `json:"conditions"`
	Equipment  []string `json:"equipment"`
	// Background is the runner's training background (weekly_km,
	// running_years, new_runner, dismissed); absent means not given.
	Background Background `json:"background"`

	EffectiveRestingHR *float64 `json:"effective_resting_hr"`
	EffectiveMaxHR     *float64 `json:"effective_max_hr"`
	RestingHREstimated *bool    `json:"resting_hr_estimated"`
	MaxHREstimated     *bool    `json:"max_hr_estimated"`
	BackgroundAssumed  *bool    `json:"background_assumed"`
	AskBackground      *bool    `json:"ask_background"`
}

// Background is the background of a ProfileInput: the keys of
// present.BackgroundJSON, under a type of this name so that a decoding
// error still names it ("Go struct field Background.background.weekly_km").
type Background present.BackgroundJSON

// apiSaveProfile replaces the profile (`rebound profile set`;
// app.ChangeProfile), validated as the CLI validates it; zones and TRIMP
// of every run follow at once. A weight_kg outside the plausible range
// (present.PlausibleMinKg-PlausibleMaxKg) is refused unless it is the
// weight already stored: the message names it in pounds too.
func (s *Server) apiSaveProfile(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	var in ProfileInput
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	conds, equip := append([]string{}, in.Conditions...), append([]string{}, in.Equipment...)
	p, err := s.athlete(t).ChangeProfile(r.Context(), app.ProfileChange{
		Weight: &present.Weight{Value: in.WeightKg, Unit: present.Kg}, Age: &in.Age, Sex: &in.Sex,
		RestingHR: &in.RestingHR, MaxHR: &in.MaxHR, Units: &in.Units, Timezone: &in.Timezone,
		Conditions: &conds, Equipment: &equip, Background: app.WholeBackground(present.BackgroundJSON(in.Background).Background())})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, present.NewProfile(p))
}

// apiGear lists the shoes with their distance (`rebound gear --json`).
func (s *Server) apiGear(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	shoes, err := t.Store.FindShoes(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, present.NewGear(shoes))
}

// ShoeInput is the body of POST /api/v1/gear: a shoe to add, or to
// update when one of that name (case-insensitive) exists. Absent fields
// keep the stored shoe's values (a new shoe: the upper end of the common
// 300-500 mile replacement range, not default, not retired). The
// computed keys of GET's documents are accepted and ignored.
type ShoeInput struct {
	Name    string   `json:"name"`
	LimitKm *float64 `json:"limit_km"`
	Default *bool    `json:"default"`
	Retired *bool    `json:"retired"`

	DistanceM *float64 `json:"distance_m"`
	Runs      *int     `json:"runs"`
}

// maxShoeLimitKm bounds a shoe's replacement distance.
const maxShoeLimitKm = 10000

// apiSaveShoe adds or updates a shoe (`rebound gear add`, `gear retire`):
// 201 with the shoe when it is new, 200 when it was updated.
func (s *Server) apiSaveShoe(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	var in ShoeInput
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	name := strings.TrimSpace(in.Name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "a shoe's name has 1 to 100 characters"))
		return
	}
	ctx := r.Context()
	status := http.StatusOK
	sh, err := t.Store.FindShoe(ctx, name)
	if rebound.ErrorCode(err) == rebound.ENOTFOUND {
		sh, status, err = store.Shoe{Name: name, LimitKm: math.Round(protocol.ShoeLimitKmMax)}, http.StatusCreated, nil
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if in.LimitKm != nil {
		if !(*in.LimitKm >= 0 && *in.LimitKm <= maxShoeLimitKm) {
			s.fail(w, r, rebound.Errorf(rebound.EINVALID, "limit_km %g: want 0 (none) to %d", *in.LimitKm, maxShoeLimitKm))
			return
		}
		sh.LimitKm = *in.LimitKm
	}
	if in.Default != nil {
		sh.Default = *in.Default
	}
	if in.Retired != nil {
		sh.Retired = *in.Retired
	}
	if sh.Retired && sh.Default {
		if in.Default != nil && *in.Default {
			s.fail(w, r, rebound.Errorf(rebound.EINVALID, "a retired shoe cannot be the default"))
			return
		}
		sh.Default = false
	}
	if err := t.Store.SaveShoe(ctx, sh); err != nil {
		s.fail(w, r, err)
		return
	}
	saved, err := t.Store.FindShoe(ctx, sh.Name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, status, present.NewShoe(saved))
}
