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

	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
)

// TestMirrorsCoverDomain: every exported field of a document's coach and
// recovery types, down to the leaves, has a field of the same name in
// its presentation mirror, which the conversion fills with the same value
// (nil stays nil, so that null and [] are kept apart); and the mirror has
// no field the domain type lacks. A field added to coach.Plan without its
// mirror, or a mirror field the conversion forgets, fails here.
func TestMirrorsCoverDomain(t *testing.T) {
	for _, filled := range []bool{true, false} {
		var p coach.Plan
		var d coach.Today
		var w coach.WeekPlan
		if filled {
			seed := 0
			for _, v := range []any{&p, &d, &w} {
				fill(reflect.ValueOf(v).Elem(), &seed)
			}
		}
		for _, c := range []struct {
			name           string
			domain, mirror any
		}{
			{"plan", p, present.NewPlanJSON(&p)},
			{"today", d, present.NewTodayJSON(&d)},
			{"week", w, present.NewWeekPlanJSON(&w)},
		} {
			mirrors(t, c.name, reflect.ValueOf(c.domain), reflect.ValueOf(c.mirror))
		}
	}
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

// TestNoJSONTagsInDomain: the JSON names live in package present alone;
// the domain types of coach and recovery carry none.
func TestNoJSONTagsInDomain(t *testing.T) {
	for _, dir := range []string{"../coach", "../recovery"} {
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
