package server_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSorenessPagePeakNeverUnderNow: on a seeded season day, with this
// morning's check-in rating some muscles above the model's forecast
// (quads 6, calves 4) and one at 0, the /soreness table's "Now" is
// today's soreness (the rating where given) and its "Peak" from now on
// is never under it: both come from today's forecast
// (coach.State.SorenessForecast), a rating carried along the model's
// shape. The "Peak at" is told in parts of days, never a clock time.
func TestSorenessPagePeakNeverUnderNow(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	e.seed(e.ana.ID)
	b := e.signIn(e.ana)
	if res, body := b.post("/checkin", url.Values{"soreness-quads": {"6"}, "soreness-calves": {"4"}, "soreness-hamstrings": {"0"},
		"sleep": {"7.5"}, "sleep-quality": {"4"}, "stress": {"2"}}); res.StatusCode >= 400 {
		t.Fatalf("check-in: %d %s", res.StatusCode, body)
	}
	_, body := b.get("/soreness")
	body, _, _ = strings.Cut(body, "Your latest soreness ratings")
	rows := regexp.MustCompile(`<tr><td>([^<]+)</td><td class="num">([\d.]+)</td><td class="num">([\d.]+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>`).FindAllStringSubmatch(body, -1)
	if len(rows) < 5 {
		t.Fatalf("%d rows in the soreness table:\n%s", len(rows), body)
	}
	clock := regexp.MustCompile(`\b\d?\d:\d\d\b`)
	for _, r := range rows {
		now, _ := strconv.ParseFloat(r[2], 64)
		peak, _ := strconv.ParseFloat(r[3], 64)
		if peak < now {
			t.Errorf("%s: now %.1f, peak %.1f under it", r[1], now, peak)
		}
		if want := map[string]float64{"Quads": 6, "Calves": 4, "Hamstrings": 0}; want[r[1]] != 0 && now != want[r[1]] {
			t.Errorf("%s: now %.1f, the rating %.0f", r[1], now, want[r[1]])
		}
		if clock.MatchString(r[4]) || clock.MatchString(r[5]) {
			t.Errorf("%s: a clock time in %q / %q", r[1], r[4], r[5])
		}
	}
}
