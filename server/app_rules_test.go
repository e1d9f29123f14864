package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/store/storetest"
)

// TestClearingRedFlags: over the API, "symptoms": [] answers none and
// clears a standing red flag, and a check-in without the key leaves it;
// the check-in form, which shows every symptom, always answers.
func TestClearingRedFlags(t *testing.T) {
	e := newAPIEnv(t, withTemplates)
	tok := e.anaToken
	flagged := func() bool {
		var doc todayDoc
		e.must(200, tok, "GET", "/api/v1/today", nil, &doc)
		return doc.SeeProfessional.Needed
	}
	e.must(201, tok, "POST", "/api/v1/checkins", map[string]any{"symptoms": []string{"bone-pain"}}, nil)
	if !flagged() {
		t.Fatal("bone pain: no referral")
	}
	e.must(200, tok, "POST", "/api/v1/checkins", map[string]any{"sleep_h": 8}, nil)
	if !flagged() {
		t.Error("a check-in without symptoms cleared the flag")
	}
	e.must(200, tok, "POST", "/api/v1/checkins", map[string]any{"symptoms": nil}, nil)
	if !flagged() {
		t.Error(`"symptoms": null cleared the flag`)
	}
	e.must(200, tok, "POST", "/api/v1/checkins", map[string]any{"symptoms": []string{}}, nil)
	if flagged() {
		t.Error(`"symptoms": [] left the flag standing`)
	}

	// The form, with nothing ticked.
	e.must(200, tok, "POST", "/api/v1/checkins", map[string]any{"symptoms": []string{"bone-pain"}}, nil)
	if !flagged() {
		t.Fatal("bone pain again: no referral")
	}
	b := e.signIn(e.ana)
	if res, body := b.post("/checkin", url.Values{"stress": {"2"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("check-in form: %d %.300s", res.StatusCode, body)
	}
	if flagged() {
		t.Error("the check-in form with no symptom ticked left the flag standing")
	}
}

// TestCheckInRPENullRemoves: "rpe": {"ID": null} removes a run's rating,
// in the check-in's transaction.
func TestCheckInRPENullRemoves(t *testing.T) {
	e := newAPIEnv(t)
	ctx := context.Background()
	st := e.db.ForAthlete(e.ana.ID)
	run := storetest.MustCreateActivity(t, st, storetest.NewActivity(time.Now().Add(-30*time.Hour), activity.Running)).ID
	e.must(201, e.anaToken, "POST", "/api/v1/checkins", map[string]any{"rpe": map[string]any{fmt.Sprint(run): 6}}, nil)
	if rpes, _ := st.FindRPEs(ctx); rpes[run] != 6 {
		t.Fatalf("RPEs %v", rpes)
	}
	e.must(200, e.anaToken, "POST", "/api/v1/checkins", map[string]any{"rpe": map[string]any{fmt.Sprint(run): nil}}, nil)
	if rpes, _ := st.FindRPEs(ctx); len(rpes) != 0 {
		t.Errorf("RPEs %v after null", rpes)
	}
}

// TestImplausibleWeights: the API and the profile form refuse a weight
// outside 35-200 kg with a message naming the other reading, unless it
// is the stored weight sent back.
func TestImplausibleWeights(t *testing.T) {
	e := newAPIEnv(t, withTemplates)
	ctx := context.Background()
	tok := e.anaToken
	res, data := e.call(tok, "PUT", "/api/v1/profile", map[string]any{"weight_kg": 250})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(data), "did you mean 250 lb (113.4 kg)?") {
		t.Errorf("PUT weight_kg 250: %d %s", res.StatusCode, data)
	}
	e.must(200, tok, "PUT", "/api/v1/profile", map[string]any{"weight_kg": 61.5}, nil)
	// A light weight stored by the CLI, typed with its unit, is sent back
	// unchanged with another field.
	st := e.db.ForAthlete(e.ana.ID)
	if err := st.SaveProfile(ctx, profile.Profile{WeightKg: 31.8}); err != nil {
		t.Fatal(err)
	}
	e.must(200, tok, "PUT", "/api/v1/profile", map[string]any{"weight_kg": 31.8, "age": 40}, nil)
	res, data = e.call(tok, "GET", "/api/v1/plan/latest?weight_before=250&weight_after=248", nil)
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("plan with 250 kg: %d %s", res.StatusCode, data)
	}

	// The form shows pounds to an imperial runner: 70 there is 31.8 kg.
	if err := st.SaveProfile(ctx, profile.Profile{WeightKg: 70, Units: profile.Imperial}); err != nil {
		t.Fatal(err)
	}
	b := e.signIn(e.ana)
	r, body := b.post("/profile", url.Values{"weight": {"70"}, "units": {"imperial"}})
	if r.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Weight 70 lb is 31.8 kg, outside the 35-200 kg of an adult runner: did you mean 70 kg?") {
		t.Errorf("profile form, 70 lb: %d", r.StatusCode)
	}
	if p, _ := st.FindProfile(ctx); p.WeightKg != 70 {
		t.Errorf("a refused form saved %v kg", p.WeightKg)
	}
	if r, _ := b.post("/profile", url.Values{"weight": {"154.3"}, "units": {"imperial"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("profile form, 154.3 lb: %d", r.StatusCode)
	}
	if p, _ := st.FindProfile(ctx); p.WeightKg != 70 {
		t.Errorf("154.3 lb saved as %v kg, want 70", p.WeightKg)
	}
}
