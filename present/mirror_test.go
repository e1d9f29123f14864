package present_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
)

// TestMirrorsCoverDomain: every exported field of a document's coach,
// recovery, profile and activity types, down to the leaves, has a field
// of the same name in its presentation mirror, which the conversion fills
// with the same value (nil stays nil, so that null and [] are kept
// apart); and the mirror has no field the domain type lacks. A field
// added to coach.Plan, profile.Profile or activity.Totals without its
// mirror, or a mirror field the conversion forgets, fails here; and a
// background decoded from its JSON (PUT /api/v1/profile) comes back whole.
func TestMirrorsCoverDomain(t *testing.T) {
	for _, filled := range []bool{true, false} {
		var p coach.Plan
		var d coach.Today
		var w coach.WeekPlan
		var pr profile.Profile
		var dev, lap activity.Totals
		if filled {
			seed := 0
			for _, v := range []any{&p, &d, &w, &pr, &dev, &lap} {
				fill(reflect.ValueOf(v).Elem(), &seed)
			}
		}
		run := present.NewRun(coach.Entry{A: &coach.Activity{Activity: &activity.Activity{Sport: activity.Running,
			DeviceTotals: &dev, Laps: []activity.Lap{{Totals: lap}}}}}, profile.Profile{}, true)
		for _, c := range []struct {
			name           string
			domain, mirror any
		}{
			{"plan", p, present.NewPlanJSON(&p)},
			{"today", d, present.NewTodayJSON(&d)},
			{"week", w, present.NewWeekPlanJSON(&w)},
			{"profile", pr, present.NewProfileJSON(pr)},
			{"device totals", dev, *run.DeviceTotals},
			{"lap totals", lap, run.Laps[0].Totals},
		} {
			mirrors(t, c.name, reflect.ValueOf(c.domain), reflect.ValueOf(c.mirror))
		}
		if back := present.NewProfileJSON(pr).Background.Background(); back != pr.Background {
			t.Errorf("background %+v comes back from its JSON as %+v", pr.Background, back)
		}
	}
}

// TestRunCoversSummary: each field of activity.Summary is in the run
// document (present.Run) under its own name with its value, or shown
// through another key, or left out on purpose (the export has every
// field). A field added to activity.Summary fails here until it is given
// a place in the document or a reason to stay out.
func TestRunCoversSummary(t *testing.T) {
	shownAs := map[string]string{
		"GradeAdjustedSpeedMS": "GAPSPerKm",  // as a pace
		"HRSeconds":            "HRZonesS",   // as zones, and TRIMP
		"ElevationSource":      "ElevSource", // same key, elevation_source
		"Notes":                "Warnings",   // after the decoder's warnings
	}
	leftOut := map[string]string{
		"MaxCadenceSPM":   "the document has the average; the export keeps the maximum",
		"MinTempC":        "the document has the average; `rebound show` prints the range",
		"MaxTempC":        "the document has the average; `rebound show` prints the range",
		"DeviceRecoveryH": "the recovery model weighs it (recovery.Run); the export keeps it",
	}
	var s activity.Summary
	seed := 0
	fill(reflect.ValueOf(&s).Elem(), &seed)
	e := coach.Entry{A: &coach.Activity{Activity: &activity.Activity{Sport: activity.Running}, Summary: s}}
	run := reflect.ValueOf(present.NewRun(e, profile.Profile{}, false))
	st := reflect.TypeFor[activity.Summary]()
	for i := range st.NumField() {
		f := st.Field(i)
		if as, ok := shownAs[f.Name]; ok {
			if _, ok := run.Type().FieldByName(as); !ok {
				t.Errorf("activity.Summary.%s is shown as present.Run.%s, which does not exist", f.Name, as)
			}
			continue
		}
		if _, ok := leftOut[f.Name]; ok {
			if _, ok := run.Type().FieldByName(f.Name); ok {
				t.Errorf("activity.Summary.%s is said to be left out of present.Run, which has it", f.Name)
			}
			continue
		}
		rf, ok := run.Type().FieldByName(f.Name)
		if !ok {
			t.Errorf("activity.Summary.%s is not in the run document (present.Run): add it, or list it as shown as another key or left out", f.Name)
			continue
		}
		mirrors(t, "summary."+f.Name, reflect.ValueOf(s).Field(i), run.FieldByIndex(rf.Index))
	}
	for name := range mergeKeys(shownAs, leftOut) {
		if _, ok := st.FieldByName(name); !ok {
			t.Errorf("%s is listed but activity.Summary has no such field", name)
		}
	}
}

// mergeKeys is the set of the keys of ms.
func mergeKeys(ms ...map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		for k := range m {
			out[k] = true
		}
	}
	return out
}

// mirrors compares a domain value with its mirror, field by field.
func mirrors(t *testing.T, path string, d, m reflect.Value) {
	t.Helper()
	if d.Type() == reflect.TypeOf(time.Time{}) {
		if m.Type() != d.Type() || !d.Interface().(time.Time).Equal(m.Interface().(time.Time)) {
			t.Errorf("%s: %v, its mirror %v", path, d, m)
		}
		return
	}
	if d.Kind() != m.Kind() {
		t.Errorf("%s: a %s, its mirror a %s", path, d.Kind(), m.Kind())
		return
	}
	switch d.Kind() {
	case reflect.Struct:
		dt, mt := d.Type(), m.Type()
		if mt.PkgPath() != reflect.TypeOf(present.PlanJSON{}).PkgPath() {
			t.Errorf("%s: the mirror of %s is %s, not a type of package present", path, dt, mt)
		}
		for i := range dt.NumField() {
			f := dt.Field(i)
			if !f.IsExported() {
				continue
			}
			mf, ok := mt.FieldByName(f.Name)
			if !ok {
				t.Errorf("%s: %s.%s has no field %s in its mirror %s", path, dt, f.Name, f.Name, mt)
				continue
			}
			mirrors(t, path+"."+f.Name, d.Field(i), m.FieldByIndex(mf.Index))
		}
		for i := range mt.NumField() {
			f := mt.Field(i)
			if _, ok := dt.FieldByName(f.Name); !ok {
				t.Errorf("%s: the mirror %s has %s, which %s has not", path, mt, f.Name, dt)
			}
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == "" {
				t.Errorf("%s: the mirror %s's %s has no JSON name", path, mt, f.Name)
			}
		}
	case reflect.Pointer, reflect.Slice:
		if d.IsNil() != m.IsNil() {
			t.Errorf("%s: nil %v, its mirror nil %v", path, d.IsNil(), m.IsNil())
			return
		}
		if d.Kind() == reflect.Pointer {
			if !d.IsNil() {
				mirrors(t, path, d.Elem(), m.Elem())
			}
			return
		}
		if d.Len() != m.Len() {
			t.Errorf("%s: %d elements, its mirror %d", path, d.Len(), m.Len())
			return
		}
		for i := range d.Len() {
			mirrors(t, path+"["+strconv.Itoa(i)+"]", d.Index(i), m.Index(i))
		}
	default:
		if !m.CanConvert(d.Type()) || m.Convert(d.Type()).Interface() != d.Interface() {
			t.Errorf("%s: %v, its mirror %v", path, d, m)
		}
	}
}

// fill sets every exported field of v, down to the leaves, to a value of
// its own (*seed counts them), each slice to two elements.
func fill(v reflect.Value, seed *int) {
	*seed++
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 1, 0, 0, *seed, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), seed)
			}
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), seed)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), seed)
		}
	case reflect.String:
		v.SetString("s" + strconv.Itoa(*seed))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*seed))
	case reflect.Float64:
		v.SetFloat(float64(*seed) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	default:
		panic("fill: no value for a " + v.Kind().String() + " (" + v.Type().String() + ")")
	}
}

// TestNoJSONTagsInDomain: the JSON names live in the packages that write
// JSON (present for the CLI and API, export for the archive, the stores
// for their rows); the domain types of coach, recovery, activity and
// profile carry none.
func TestNoJSONTagsInDomain(t *testing.T) {
	for _, dir := range []string{"../coach", "../recovery", "../activity", "../profile"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v, %d files", dir, err, len(files))
		}
		fset := token.NewFileSet()
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if field, ok := n.(*ast.Field); ok && field.Tag != nil {
					tag, err := strconv.Unquote(field.Tag.Value)
					if _, has := reflect.StructTag(tag).Lookup("json"); has || err != nil {
						t.Errorf("%s: tag %s: JSON names belong in package present", fset.Position(field.Pos()), field.Tag.Value)
					}
				}
				return true
			})
		}
	}
}
