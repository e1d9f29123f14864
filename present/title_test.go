package present_test

import (
	"os"
	"testing"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/internal/corpus"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
)

// at is a local time in the runner's zone (UTC).
func at(h, m int) time.Time { return time.Date(2026, 9, 7, h, m, 0, 0, time.UTC) }

func entry(sport activity.Sport, start time.Time, kind recovery.Kind, w recovery.Workout) coach.Entry {
	return coach.Entry{A: &coach.Activity{Activity: &activity.Activity{Sport: sport, Start: start}}, Kind: kind, Workout: w}
}

func TestTitle(t *testing.T) {
	p := profile.Profile{}
	named := func(e coach.Entry, source, user string, legs ...activity.Sport) coach.Entry {
		a, act := *e.A, *e.A.Activity
		act.Name, act.Legs = source, legs
		a.Activity, a.UserName = &act, user
		e.A = &a
		return e
	}
	easy := entry(activity.Running, at(7, 10), recovery.Easy, "")
	offset := entry(activity.Running, at(5, 30), recovery.Easy, "")
	off := 2 * 3600 // the file says: local time is UTC+2, 07:30
	offset.A.UTCOffsetS = &off
	for _, c := range []struct {
		e    coach.Entry
		want string
	}{
		// The kind and the time of day.
		{easy, "Morning easy run"},
		{entry(activity.Trail, at(9, 0), recovery.Long, ""), "Morning long trail run"},
		{entry(activity.Treadmill, at(6, 0), recovery.RecoveryRun, ""), "Morning recovery treadmill run"},
		{entry(activity.Running, at(18, 30), recovery.Hard, recovery.Intervals), "Evening intervals"},
		{entry(activity.Running, at(12, 0), recovery.Hard, ""), "Lunchtime hard session"},
		{entry(activity.Running, at(10, 0), recovery.Race, ""), "Morning race"},
		{entry(activity.Cycling, at(12, 30), recovery.Cross, ""), "Lunchtime ride"},
		{entry(activity.Swimming, at(23, 0), recovery.Cross, ""), "Night swim"},
		{entry(activity.Hiking, at(15, 0), recovery.Cross, ""), "Afternoon hike"},
		{entry(activity.Running, at(7, 0), "", ""), "Morning run"}, // not classified yet
		{offset, "Morning easy run"},
		// The runner's name over the source's; the source's unless it
		// says nothing.
		{named(easy, "Morning Run", "Club 10k"), "Club 10k"},
		{named(easy, "Friday Evening Run", ""), "Friday Evening Run"},
		{named(easy, "Running", ""), "Morning easy run"},
		{named(easy, "Indoor Cycling", ""), "Morning easy run"},
		{named(easy, "ACTIVE LOG", ""), "Morning easy run"},
		{named(easy, "Wahoo Workout", ""), "Morning easy run"},
		{named(easy, "2013-07-06T14:59:00Z", ""), "Morning easy run"},
		{named(easy, "03-OCT-10", ""), "Morning easy run"},
		{named(easy, "04/24/22", ""), "Morning easy run"},
		{named(easy, "Route 2019-12-15 3:50pm", ""), "Route 2019-12-15 3:50pm"},
		// A leg of a multisport file.
		{named(entry(activity.Swimming, at(7, 0), recovery.Cross, ""), "Lake triathlon", "",
			activity.Swimming, activity.Other, activity.Cycling), "Lake triathlon: swim"},
		{named(entry(activity.Swimming, at(7, 0), recovery.Cross, ""), "", "",
			activity.Swimming, activity.Other, activity.Cycling), "Morning swim"},
	} {
		if got := present.Title(c.e, p); got != c.want {
			t.Errorf("%s %s at %s, named %q/%q: %q, want %q", c.e.Kind, c.e.A.Sport, c.e.A.Start.Format("15:04"),
				c.e.A.Name, c.e.A.UserName, got, c.want)
		}
	}
}

// TestTitleOfRealFiles names activities decoded from the shared corpus.
func TestTitleOfRealFiles(t *testing.T) {
	decoders := cli.Decoders()
	for rel, want := range map[string]string{
		"fit/fitparse-rs__hrv-activity.fit":     "HIIT 20 X 0:30/0:15", // the workout it followed
		"gpx/togeojson__Friday-Evening-Run.gpx": "Friday Evening Run",  // <name>
		"tcx/tcxparser__test.tcx":               "Aerobics",            // <Notes>
		"gpx/gpxpy__cerknicko-jezero.gpx":       "Afternoon workout",   // "ACTIVE LOG", no sport; 14:23 UTC
		"fit/fitparse__garmin-fenix-5-run.fit":  "Morning run",         // sport profile "Run"; 14:34 UTC, 07:34 by the file's UTC offset
	} {
		data, err := os.ReadFile(corpus.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		acts, err := decoders[decode.Detect(data)](data, rel)
		if err != nil {
			t.Fatal(err)
		}
		if got := present.Title(coach.Entry{A: &coach.Activity{Activity: acts[0]}}, profile.Profile{}); got != want {
			t.Errorf("%s: %q, want %q", rel, got, want)
		}
	}
}

func TestMeasure(t *testing.T) {
	metric, imperial := present.Units{System: profile.Metric}, present.Units{System: profile.Imperial}
	for _, c := range []struct {
		sport    activity.Sport
		speedMS  float64
		met, imp string
	}{
		// 100 m in 120 s; 100 yd = 91.44 m in 109.7 s.
		{activity.Swimming, 100.0 / 120, "2:00 /100 m", "1:50 /100 yd"},
		// 10 m/s = 36 km/h = 22.37 mph.
		{activity.Cycling, 10, "36.0 km/h", "22.4 mph"},
		// 1 km in 300 s; 1609.344 m in 482.8 s.
		{activity.Running, 1000.0 / 300, "5:00 /km", "8:03 /mi"},
		{activity.Hiking, 1, "16:40 /km", "26:49 /mi"},
		{activity.Other, 4, "14.4 km/h", "8.9 mph"}, // rowing, skiing: speed
		{activity.Strength, 0, "–", "–"},
		{activity.Swimming, activity.NaN, "–", "–"},
	} {
		if got := metric.Measure(c.sport, c.speedMS); got != c.met {
			t.Errorf("%s at %.3f m/s: %q, want %q", c.sport, c.speedMS, got, c.met)
		}
		if got := imperial.Measure(c.sport, c.speedMS); got != c.imp {
			t.Errorf("%s at %.3f m/s, imperial: %q, want %q", c.sport, c.speedMS, got, c.imp)
		}
	}
}
