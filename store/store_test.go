package store_test

import (
	"math"
	"strings"
	"testing"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

func TestValidate(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct {
		name string
		err  error
		ok   bool
	}{
		{"filter zero", store.ActivityFilter{}.Validate(), true},
		{"filter offset -1", store.ActivityFilter{Offset: -1}.Validate(), false},
		{"filter limit -1", store.ActivityFilter{Limit: -1}.Validate(), false},
		{"shoe", store.Shoe{Name: "Pegasus"}.Validate(), true},
		{"shoe without name", store.Shoe{LimitKm: 600}.Validate(), false},
		{"shoe limit -1", store.Shoe{Name: "Pegasus", LimitKm: -1}.Validate(), false},
		{"shoe limit NaN", store.Shoe{Name: "Pegasus", LimitKm: nan}.Validate(), false},
		{"RPE 0", store.ValidateRPE(0), true},
		{"RPE 10", store.ValidateRPE(10), true},
		{"RPE -0.5", store.ValidateRPE(-0.5), false},
		{"RPE 10.5", store.ValidateRPE(10.5), false},
		{"RPE NaN", store.ValidateRPE(nan), false},
	} {
		if code := rebound.ErrorCode(tt.err); tt.ok != (code == "") || !tt.ok && code != rebound.EINVALID {
			t.Errorf("%s: %v, want ok %v or else EINVALID", tt.name, tt.err, tt.ok)
		}
	}
}

func TestParseDay(t *testing.T) {
	if d, err := store.ParseDay("2026-11-24"); err != nil || d.Format("2006-01-02 15:04 MST") != "2026-11-24 00:00 UTC" {
		t.Errorf("ParseDay(2026-11-24) = %v, %v", d, err)
	}
	for _, bad := range []string{"", "24/11/2026", "2026-02-30", "2026-11-24T00:00:00Z"} {
		if _, err := store.ParseDay(bad); rebound.ErrorCode(err) != rebound.EINVALID {
			t.Errorf("ParseDay(%q) = %v, want EINVALID", bad, err)
		}
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]recovery.Kind{
		"race": recovery.Race, " Race ": recovery.Race, "hard": recovery.Hard, "workout": recovery.Hard,
		"long": recovery.Long, "easy": recovery.Easy, "recovery": recovery.RecoveryRun,
		"cross-training": recovery.Cross, "cross": recovery.Cross, "auto": "", "": "",
	} {
		if got, err := store.ParseKind(in); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"tempo", "intervals", "fast"} {
		if _, err := store.ParseKind(in); rebound.ErrorCode(err) != rebound.EINVALID {
			t.Errorf("ParseKind(%q): %v, want EINVALID", in, err)
		}
	}
}

func TestActivityEditValidate(t *testing.T) {
	name, note := " Club\t10k \n race ", "  Windy.\nLegs fine.  "
	e := store.ActivityEdit{Name: &name, Note: &note}
	if err := e.Validate(); err != nil || *e.Name != "Club 10k race" || *e.Note != "Windy.\nLegs fine." {
		t.Errorf("Validate: %v, name %q note %q", err, *e.Name, *e.Note)
	}
	if name != " Club\t10k \n race " {
		t.Errorf("Validate changed the caller's string: %q", name)
	}
	bad := "a\x00b\xff"
	e = store.ActivityEdit{Name: &bad}
	if err := e.Validate(); err != nil || *e.Name != "ab\uFFFD" {
		t.Errorf("Validate: %v, %q", err, *e.Name)
	}
	long := strings.Repeat("x", store.MaxNameLen+1)
	e = store.ActivityEdit{Name: &long}
	if err := e.Validate(); rebound.ErrorCode(err) != rebound.EINVALID || !strings.Contains(rebound.ErrorMessage(err), "200 characters") {
		t.Errorf("a name of %d characters: %v", len(long), err)
	}
}
