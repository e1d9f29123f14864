package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// ptr returns a pointer to v, for store.ActivityEdit fields.
func ptr[T any](v T) *T { return &v }

// testEdit checks the runner's edits (UpdateActivity) and the source's
// name set after the import (UpdateActivityName).
func testEdit(t *testing.T, open opener) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		s := open(t)
		a := NewActivity(day, activity.Running)
		a.Name = "Morning Run" // the source's
		MustCreateActivity(t, s, a)
		b := MustCreateActivity(t, s, NewActivity(day.Add(time.Hour), activity.Running))
		// The name's surrounding and inner white space is tidied, the
		// note's line breaks kept.
		err := s.UpdateActivity(ctx, a.ID, store.ActivityEdit{Name: ptr("  Club 10k\n race "),
			Kind: ptr(recovery.Race), Note: ptr("Windy.\nNew shoes felt fine.\n")})
		if err != nil {
			t.Fatalf("UpdateActivity: %v", err)
		}
		a.UserName, a.Kind, a.Note = "Club 10k race", recovery.Race, "Windy.\nNew shoes felt fine."
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
		acts, _, err := s.FindActivities(ctx, store.ActivityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range acts {
			if x.ID == a.ID && (x.UserName != a.UserName || x.Kind != a.Kind || x.Note != a.Note || x.Name != "Morning Run") {
				t.Errorf("FindActivities: name %q/%q kind %q note %q", x.Name, x.UserName, x.Kind, x.Note)
			}
		}
		checkActivity(t, b, MustFindActivityByID(t, s, b.ID)) // untouched

		// A nil field stays as it is; "" clears.
		if err := s.UpdateActivity(ctx, a.ID, store.ActivityEdit{Note: ptr("")}); err != nil {
			t.Fatal(err)
		}
		a.Note = ""
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
		if err := s.UpdateActivity(ctx, a.ID, store.ActivityEdit{Name: ptr(""), Kind: ptr(recovery.Kind(""))}); err != nil {
			t.Fatal(err)
		}
		a.UserName, a.Kind = "", ""
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
		if err := s.UpdateActivity(ctx, a.ID, store.ActivityEdit{}); err != nil {
			t.Errorf("an empty edit: %v", err)
		}
	})

	t.Run("OKCreateKeepsThem", func(t *testing.T) {
		s := open(t)
		a := NewActivity(day, activity.Cycling)
		a.UserName, a.Kind, a.Note = "Commute", recovery.Cross, "Rain."
		MustCreateActivity(t, s, a)
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
	})

	t.Run("OKLengthInCharacters", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		name, note := strings.Repeat("é", store.MaxNameLen), strings.Repeat("ö", store.MaxNoteLen) // twice as many bytes
		if err := s.UpdateActivity(ctx, a.ID, store.ActivityEdit{Name: &name, Note: &note}); err != nil {
			t.Fatalf("a name of %d characters and a note of %d: %v", store.MaxNameLen, store.MaxNoteLen, err)
		}
		a.UserName, a.Note = name, note
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		for what, e := range map[string]store.ActivityEdit{
			"a long name": {Name: ptr(strings.Repeat("x", store.MaxNameLen+1))},
			"a long note": {Note: ptr(strings.Repeat("x", store.MaxNoteLen+1)), Name: ptr("Kept out")},
			"a workout":   {Kind: ptr(recovery.Kind("tempo"))},
		} {
			checkCode(t, what, s.UpdateActivity(ctx, a.ID, e), rebound.EINVALID)
		}
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID)) // nothing written
		long := NewActivity(day.Add(time.Hour), activity.Running)
		long.Note = strings.Repeat("x", store.MaxNoteLen+1)
		checkCode(t, "create with a long note", s.CreateActivity(ctx, long), rebound.EINVALID)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		checkCode(t, "edit an unknown activity", s.UpdateActivity(ctx, 1, store.ActivityEdit{Name: ptr("x")}), rebound.ENOTFOUND)
		checkCode(t, "empty edit of an unknown activity", s.UpdateActivity(ctx, 1, store.ActivityEdit{}), rebound.ENOTFOUND)
		checkCode(t, "name an unknown activity", s.UpdateActivityName(ctx, 1, "x"), rebound.ENOTFOUND)
	})

	t.Run("UpdateName", func(t *testing.T) {
		s := open(t)
		a := MustCreateActivity(t, s, NewActivity(day, activity.Running))
		if err := s.UpdateActivity(ctx, a.ID, store.ActivityEdit{Name: ptr("Mine")}); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateActivityName(ctx, a.ID, "Lunch Run"); err != nil {
			t.Fatalf("UpdateActivityName: %v", err)
		}
		a.Name, a.UserName = "Lunch Run", "Mine" // the runner's own stays
		checkActivity(t, a, MustFindActivityByID(t, s, a.ID))
	})
}

// testFindDuplicate checks FindDuplicate against CreateActivity's own
// duplicate rules.
func testFindDuplicate(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	run := MustCreateActivity(t, s, NewActivity(day, activity.Running))
	near := MustCreateActivity(t, s, NewActivity(day.Add(-50*time.Second), activity.Cycling))
	// 90 s apart: both lie within a minute of starts between them.
	far := MustCreateActivity(t, s, NewActivity(day.Add(40*time.Second), activity.Cycling))
	summary := func(a *store.Activity) *store.Activity {
		c := *a
		act := *a.Activity
		act.Samples, c.Activity, c.Original = nil, &act, nil
		return &c
	}
	for _, c := range []struct {
		name  string
		sha   string
		sport activity.Sport
		start time.Time
		want  *store.Activity // nil: ENOTFOUND
	}{
		{"ByHash", run.SHA256, "", time.Time{}, run},
		{"ByHashWhateverTheSport", run.SHA256, activity.Swimming, day.Add(time.Hour), run},
		{"BySportAndStart", "other", activity.Running, day.Add(40 * time.Second), run},
		{"NearestAfter", "other", activity.Cycling, day.Add(5 * time.Second), far},     // 35 s from far, 55 s from near
		{"NearestBefore", "other", activity.Cycling, day.Add(-10 * time.Second), near}, // 40 s from near, 50 s from far
		{"ErrNotFoundOtherSport", "other", activity.Hiking, day, nil},
		{"ErrNotFoundOutsideWindow", "other", activity.Running, day.Add(store.DuplicateWindow), nil},
		{"ErrNotFoundNoStart", "other", activity.Running, time.Time{}, nil},
	} {
		got, err := s.FindDuplicate(ctx, c.sha, c.sport, c.start)
		if c.want == nil {
			checkCode(t, c.name, err, rebound.ENOTFOUND)
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		checkActivity(t, summary(c.want), got)
	}
}
