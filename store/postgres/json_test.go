package postgres

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/activity"
)

// TestJSONSameAsSQLite fails when json.go and store/sqlite/json.go differ
// in code: both engines must write the same documents.
func TestJSONSameAsSQLite(t *testing.T) {
	code := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		const from = "\n// jfloat is a float64"
		s := string(b)
		i := strings.Index(s, from)
		if i < 0 {
			t.Fatalf("%s: no %q", path, from)
		}
		return s[i:]
	}
	if code("json.go") != code("../sqlite/json.go") {
		t.Error("json.go and ../sqlite/json.go differ below their package comments: change both or neither")
	}
}

// TestJSONMirrors fails when activity.Summary or activity.Totals gains,
// loses or renames a field that summaryJSON or totalsJSON does not mirror.
func TestJSONMirrors(t *testing.T) {
	for _, tt := range []struct{ domain, mirror reflect.Type }{
		{reflect.TypeFor[activity.Summary](), reflect.TypeFor[summaryJSON]()},
		{reflect.TypeFor[activity.Totals](), reflect.TypeFor[totalsJSON]()},
	} {
		if tt.domain.NumField() != tt.mirror.NumField() {
			t.Errorf("%v has %d fields, %v %d", tt.domain, tt.domain.NumField(), tt.mirror, tt.mirror.NumField())
			continue
		}
		for i := range tt.domain.NumField() {
			d, m := tt.domain.Field(i), tt.mirror.Field(i)
			want := map[reflect.Type]reflect.Type{
				reflect.TypeFor[float64]():   reflect.TypeFor[jfloat](),
				reflect.TypeFor[[]float64](): reflect.TypeFor[jfloats](),
				reflect.TypeFor[[]string]():  reflect.TypeFor[[]string](),
				reflect.TypeFor[string]():    reflect.TypeFor[string](),
			}[d.Type]
			if d.Name != m.Name || m.Type != want || d.Tag.Get("json") != m.Tag.Get("json") {
				t.Errorf("%v.%s %v `%s` is mirrored by %s %v `%s`",
					tt.domain, d.Name, d.Type, d.Tag, m.Name, m.Type, m.Tag)
			}
		}
	}
}
