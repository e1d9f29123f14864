package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
)

// The Today page asks for the runner's training background once: until
// they give it (their weekly distance and years, or that they are new to
// running) or say not now. The profile page and the API keep it.
func TestBackgroundAskedOnce(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	ctx := context.Background()
	const ask = "What running are you used to?"
	profileOf := func(id int64) profile.Profile {
		t.Helper()
		p, err := e.db.ForAthlete(id).FindProfile(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	ana := e.signIn(e.ana)
	if _, body := ana.get("/"); !strings.Contains(body, ask) || !strings.Contains(body, "Rebound assumes a recreational runner (about 25 km a week") {
		t.Fatalf("Today does not ask for the background")
	}
	if res, body := ana.post("/profile/background", url.Values{"action": {"save"}, "weekly-distance": {"32"}, "running-years": {"4"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save background: %d %.300s", res.StatusCode, body)
	}
	if b := profileOf(e.ana.ID).Background; b.WeeklyKm != 32 || b.RunningYears != 4 || b.NewRunner {
		t.Errorf("saved background %+v", b)
	}
	if _, body := ana.get("/"); strings.Contains(body, ask) {
		t.Errorf("Today still asks once the background is given")
	}
	// Nothing given is not an answer.
	if res, _ := ana.post("/profile/background", url.Values{"action": {"save"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("empty background: %d, want 400", res.StatusCode)
	}

	// Bo says not now: the question goes, the assumption stays.
	bo := e.signIn(e.bo)
	if res, _ := bo.post("/profile/background", url.Values{"action": {"dismiss"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dismiss: %d", res.StatusCode)
	}
	if _, body := bo.get("/"); strings.Contains(body, ask) {
		t.Errorf("Today still asks after not now")
	}
	var doc present.Profile
	res, body := e.api(e.boTok, "GET", "/api/v1/profile", nil)
	if res.StatusCode != http.StatusOK || json.Unmarshal(body, &doc) != nil || !doc.BackgroundAssumed || doc.AskBackground || !doc.Background.Dismissed {
		t.Errorf("GET profile after not now: %d %s", res.StatusCode, body)
	}
	// Then says new to running; the API document goes back as it came.
	if res, _ := bo.post("/profile/background", url.Values{"action": {"new"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new runner: %d", res.StatusCode)
	}
	res, body = e.api(e.boTok, "GET", "/api/v1/profile", nil)
	var raw map[string]any
	if err := json.Unmarshal(body, &raw); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET profile: %d %s", res.StatusCode, body)
	}
	if res, body := e.api(e.boTok, "PUT", "/api/v1/profile", raw); res.StatusCode != http.StatusOK {
		t.Fatalf("PUT back the GET document: %d %s", res.StatusCode, body)
	}
	if b := profileOf(e.bo.ID).Background; !b.NewRunner || b.WeeklyKm != 0 {
		t.Errorf("background after the round trip %+v", b)
	}

	// The profile form: in the units it shows, miles once imperial; a
	// new runner with a weekly distance is refused.
	if res, body := ana.post("/profile", url.Values{"units": {"imperial"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("profile form to imperial: %d %.300s", res.StatusCode, body)
	}
	form := url.Values{"units": {"imperial"}, "weekly-distance": {"20"}, "running-years": {"2"}}
	if res, body := ana.post("/profile", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("profile form: %d %.300s", res.StatusCode, body)
	}
	if b := profileOf(e.ana.ID).Background; b.WeeklyKm < 32.18 || b.WeeklyKm > 32.19 || b.RunningYears != 2 {
		t.Errorf("background from the form in miles %+v, want 20 mi = 32.19 km", b)
	}
	if _, body := ana.get("/profile"); !strings.Contains(body, `name="weekly-distance" type="number" value="20"`) || !strings.Contains(body, "mi a week") {
		t.Errorf("profile form does not show 20 mi a week")
	}
	form.Set("background", "new-runner")
	if res, body := ana.post("/profile", form); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "A new runner has no weekly distance") {
		t.Errorf("new runner with a weekly distance: %d", res.StatusCode)
	}
}
