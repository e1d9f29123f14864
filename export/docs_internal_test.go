package export

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/profile"
)

// TestDocsMirrorDomain: the archive's summary, totals and background
// documents have the fields of their domain types (a Go conversion
// between them builds only while they do) under the keys the archive
// format has had since version 1, in this order; a key renamed or
// dropped would make earlier archives import wrong, so it fails here.
func TestDocsMirrorDomain(t *testing.T) {
	for _, tt := range []struct {
		domain, doc reflect.Type
		keys        string
	}{
		{reflect.TypeFor[activity.Summary](), reflect.TypeFor[summaryJSON](),
			"distance_m distance_source elapsed_s moving_s avg_speed_ms max_speed_ms grade_adjusted_speed_ms ascent_m descent_m " +
				"downhill_m elevation_source avg_hr max_hr hr_seconds avg_cadence_spm max_cadence_spm avg_power_w avg_temp_c " +
				"min_temp_c max_temp_c device_recovery_h notes"},
		{reflect.TypeFor[activity.Totals](), reflect.TypeFor[totalsJSON](),
			"distance_m elapsed_s timer_s avg_hr max_hr ascent_m descent_m avg_cadence_spm calories"},
		{reflect.TypeFor[profile.Background](), reflect.TypeFor[Background](),
			"weekly_km running_years new_runner dismissed"},
	} {
		if !tt.domain.ConvertibleTo(tt.doc) || !tt.doc.ConvertibleTo(tt.domain) {
			t.Errorf("%v and %v do not convert into each other", tt.domain, tt.doc)
		}
		var keys []string
		for i := range tt.doc.NumField() {
			keys = append(keys, jsonKey(tt.doc.Field(i)))
		}
		if got := strings.Join(keys, " "); got != tt.keys {
			t.Errorf("%v has the keys\n%s\nwant\n%s", tt.doc, got, tt.keys)
		}
	}
}

// TestProfileDocCoversProfile: each field of profile.Profile has a key
// in profile.json, and a full profile comes back from its document as it
// went in. A field added to profile.Profile fails here until
// profileJSON carries it.
func TestProfileDocCoversProfile(t *testing.T) {
	pt, dt := reflect.TypeFor[profile.Profile](), reflect.TypeFor[profileJSON]()
	for i := range pt.NumField() {
		f, ok := dt.FieldByName(pt.Field(i).Name)
		if !ok || jsonKey(f) == f.Name {
			t.Errorf("profile.Profile.%s has no key in profile.json (profileJSON)", pt.Field(i).Name)
		}
	}
	p := profile.Profile{WeightKg: 61.5, Age: 36, Sex: profile.Female, RestingHR: 50, MaxHR: 186, Units: profile.Imperial,
		Timezone: "Europe/Paris", Conditions: []string{"injury"}, Equipment: []string{"pool"},
		Background: profile.Background{WeeklyKm: 30, RunningYears: 5, NewRunner: true, Dismissed: true}}
	if back := newProfileJSON(p).profile(); !reflect.DeepEqual(back, p) {
		t.Errorf("%+v comes back from profile.json as %+v", p, back)
	}
}
