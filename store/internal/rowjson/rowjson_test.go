package rowjson

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/activity"
)

// TestJSONMirrors fails when activity.Summary or activity.Totals gains,
// loses or renames a field that Summary or Totals does not mirror, or a
// stored field has no key of its own.
func TestJSONMirrors(t *testing.T) {
	for _, tt := range []struct{ domain, mirror reflect.Type }{
		{reflect.TypeFor[activity.Summary](), reflect.TypeFor[Summary]()},
		{reflect.TypeFor[activity.Totals](), reflect.TypeFor[Totals]()},
	} {
		if tt.domain.NumField() != tt.mirror.NumField() {
			t.Errorf("%v has %d fields, %v %d", tt.domain, tt.domain.NumField(), tt.mirror, tt.mirror.NumField())
			continue
		}
		keys := map[string]bool{}
		for i := range tt.domain.NumField() {
			d, m := tt.domain.Field(i), tt.mirror.Field(i)
			want := map[reflect.Type]reflect.Type{
				reflect.TypeFor[float64]():   reflect.TypeFor[jfloat](),
				reflect.TypeFor[[]float64](): reflect.TypeFor[jfloats](),
				reflect.TypeFor[[]string]():  reflect.TypeFor[[]string](),
				reflect.TypeFor[string]():    reflect.TypeFor[string](),
			}[d.Type]
			if d.Name != m.Name || m.Type != want || jsonName(m) == "" {
				t.Errorf("%v.%s %v is mirrored by %s %v `%s`", tt.domain, d.Name, d.Type, m.Name, m.Type, m.Tag)
			}
			if _, dup := keys[jsonName(m)]; dup {
				t.Errorf("%v: key %q twice", tt.mirror, jsonName(m))
			}
			keys[jsonName(m)] = true
		}
	}
}

// jsonName is the key of a stored field.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

func TestJfloat(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1.5, 1e300, 5e-324, math.MaxFloat64,
		1.0 / 3, math.NaN(), math.Inf(1), math.Inf(-1)} {
		b, err := json.Marshal([]jfloat{jfloat(v)})
		if err != nil {
			t.Fatalf("Marshal(%v): %v", v, err)
		}
		var got []jfloat
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		g := float64(got[0])
		if !(g == v && math.Signbit(g) == math.Signbit(v) || math.IsNaN(g) && math.IsNaN(v)) {
			t.Errorf("%v encodes as %s and decodes as %v", v, b, g)
		}
	}
	var f jfloat
	for _, bad := range []string{`"NaN"`, `"1"`, `true`, `{}`} {
		if err := json.Unmarshal([]byte(bad), &f); err == nil {
			t.Errorf("Unmarshal(%s) succeeded as %v", bad, f)
		}
	}
}

func TestSummaryJSONMissingIsNaN(t *testing.T) {
	// A row written before a field existed decodes that field as absent.
	got, err := UnmarshalSummary([]byte(`{"distance_m":5000,"distance_source":"gps"}`))
	if err != nil {
		t.Fatal(err)
	}
	if got.DistanceM != 5000 || got.DistanceSource != "gps" || !math.IsNaN(got.ElapsedS) || !math.IsNaN(got.MaxTempC) {
		t.Errorf("decoded %+v, want distance 5000 from gps and NaN elsewhere", got)
	}
	var l []Lap
	if err := json.Unmarshal([]byte(`[{"start_ms":7,"totals":{"timer_s":60}}]`), &l); err != nil {
		t.Fatal(err)
	}
	if tot := l[0].Totals.Totals(); l[0].StartMS != 7 || tot.TimerS != 60 || !math.IsNaN(tot.DistanceM) {
		t.Errorf("decoded lap %+v, want start 7, timer 60, NaN distance", l[0])
	}
}

func TestJfloats(t *testing.T) {
	type wrap struct {
		V jfloats `json:"v"`
	}
	in := jfloats{0, 1.5, math.NaN(), math.Inf(1), math.Inf(-1), -2e-300, 120}
	b, err := json.Marshal(wrap{in})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"v":[0,1.5,null,"+Inf","-Inf",-2e-300,120]}`; string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	var out wrap
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.V) != len(in) {
		t.Fatalf("decoded %v, want %v", out.V, in)
	}
	for i := range in {
		if !(out.V[i] == in[i] || math.IsNaN(out.V[i]) && math.IsNaN(in[i])) {
			t.Errorf("element %d = %v, want %v", i, out.V[i], in[i])
		}
	}

	for text, want := range map[string]int{`{"v":null}`: 0, `{"v":[]}`: 0, `{"v":[ ]}`: 0, `{"v": [ 1 , null ]}`: 2, `{}`: 0} {
		var w wrap
		if err := json.Unmarshal([]byte(text), &w); err != nil || len(w.V) != want {
			t.Errorf("Unmarshal(%s) = %v, %v; want %d elements", text, w.V, err, want)
		}
	}
	for _, bad := range []string{`{"v":[1,"a,b"]}`, `{"v":["NaN"]}`, `{"v":{}}`, `{"v":[[1]]}`, `{"v":1}`} {
		var w wrap
		if err := json.Unmarshal([]byte(bad), &w); err == nil {
			t.Errorf("Unmarshal(%s) succeeded as %v", bad, w.V)
		}
	}
}
