package rowjson

import (
	"reflect"
	"testing"

	"github.com/rebound-run/rebound/profile"
)

// TestProfileMirrors: every field of profile.Profile and
// profile.Background has a stored field of the same name and kind with a
// key of its own, and none more; a full profile comes back as it went
// in. A field added to profile.Profile without its stored twin fails
// here (one added to profile.Background does not build).
func TestProfileMirrors(t *testing.T) {
	for _, tt := range []struct{ domain, mirror reflect.Type }{
		{reflect.TypeFor[profile.Profile](), reflect.TypeFor[Profile]()},
		{reflect.TypeFor[profile.Background](), reflect.TypeFor[Background]()},
	} {
		if tt.domain.NumField() != tt.mirror.NumField() {
			t.Errorf("%v has %d fields, %v %d", tt.domain, tt.domain.NumField(), tt.mirror, tt.mirror.NumField())
		}
		for i := range tt.domain.NumField() {
			d := tt.domain.Field(i)
			m, ok := tt.mirror.FieldByName(d.Name)
			if !ok || m.Type.Kind() != d.Type.Kind() || jsonName(m) == "" {
				t.Errorf("%v.%s %v has no stored field with a key in %v", tt.domain, d.Name, d.Type, tt.mirror)
			}
		}
	}
	p := profile.Profile{WeightKg: 61.5, Age: 36, Sex: profile.Female, RestingHR: 50, MaxHR: 186, Units: profile.Imperial,
		Timezone: "Europe/Paris", Conditions: []string{"injury"}, Equipment: []string{"pool", "bike"},
		Background: profile.Background{WeeklyKm: 30, RunningYears: 5, NewRunner: true, Dismissed: true}}
	data, err := MarshalProfile(p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalProfile(data)
	if err != nil || !reflect.DeepEqual(back, p) {
		t.Errorf("%+v is stored as %s and read back as %+v, %v", p, data, back, err)
	}
}

// TestProfileStored: the stored form keeps the keys the profile table has
// always held, unset fields and a background not given left out.
func TestProfileStored(t *testing.T) {
	for _, tt := range []struct {
		p    profile.Profile
		want string
	}{
		{profile.Profile{}, `{}`},
		{profile.Profile{WeightKg: 61, Age: 36, Sex: profile.Female, RestingHR: 50, MaxHR: 186, Units: profile.Metric,
			Timezone: "Etc/GMT-1", Conditions: []string{"raynauds"}, Equipment: []string{"pool"},
			Background: profile.Background{WeeklyKm: 30, RunningYears: 5, Dismissed: true}},
			`{"weight_kg":61,"age":36,"sex":"female","resting_hr":50,"max_hr":186,"units":"metric","timezone":"Etc/GMT-1",` +
				`"conditions":["raynauds"],"equipment":["pool"],"background":{"weekly_km":30,"running_years":5,"dismissed":true}}`},
		{profile.Profile{Background: profile.Background{NewRunner: true}}, `{"background":{"new_runner":true}}`},
	} {
		got, err := MarshalProfile(tt.p)
		if err != nil || string(got) != tt.want {
			t.Errorf("%+v is stored as %s, %v; want %s", tt.p, got, err, tt.want)
		}
	}
}
