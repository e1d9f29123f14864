package ingest

import (
	"archive/zip"
	"encoding/csv"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/store"
)

// Meta is what an export's index says of one activity (Strava's
// activities.csv): the runner's own name for it, its type and its gear.
type Meta struct {
	Name  string
	Sport activity.Sport // "" when the index gives no type
	Gear  string
}

// stravaDate is the layout of activities.csv's "Activity Date" column
// (English exports; the time is UTC).
const stravaDate = "Jan 2, 2006, 3:04:05 PM"

// stravaMeta reads activities.csv from a Strava bulk export, if the archive
// has one. It returns the metadata keyed by zip entry name, and a job for
// each manual activity (a row with no file).
func stravaMeta(archive string, zr *zip.Reader) (map[string]*Meta, []job, error) {
	var csvFile *zip.File
	for _, f := range zr.File {
		if path.Base(f.Name) == "activities.csv" && (csvFile == nil || len(f.Name) < len(csvFile.Name)) {
			csvFile = f
		}
	}
	if csvFile == nil {
		return nil, nil, nil
	}
	name := archive + "!" + csvFile.Name
	rc, err := csvFile.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	r := csv.NewReader(io.LimitReader(rc, 64<<20))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: read header: %w", name, err)
	}
	col := columns(header)
	if col.first("Filename") < 0 || col.first("Activity ID") < 0 {
		return nil, nil, fmt.Errorf("%s: not a Strava activities.csv (no Filename or Activity ID column)", name)
	}
	dir := path.Dir(csvFile.Name)
	meta := map[string]*Meta{}
	var manual []job
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return meta, manual, fmt.Errorf("%s: line %d: %w", name, line, err)
		}
		get := func(c string) string { return col.get(rec, c) }
		m := &Meta{Name: get("Activity Name"), Gear: get("Activity Gear")}
		if t := get("Activity Type"); t != "" {
			m.Sport = activity.ParseSport(t)
		}
		if file := get("Filename"); file != "" {
			meta[path.Join(dir, file)] = m
			continue
		}
		a, err := manualActivity(rec, col, m)
		if err != nil {
			return meta, manual, fmt.Errorf("%s: line %d: %w", name, line, err)
		}
		manual = append(manual, job{name: name + "#" + get("Activity ID"), manual: a, meta: m})
	}
	return meta, manual, nil
}

// header maps column names to their indexes; Strava's export repeats some
// names (Elapsed Time, Distance, Max Heart Rate): the first is in display
// units, the second in SI units.
type header map[string][]int

func columns(h []string) header {
	c := header{}
	for i, n := range h {
		n = strings.TrimSpace(strings.TrimPrefix(n, "\ufeff"))
		c[n] = append(c[n], i)
	}
	return c
}

func (h header) first(name string) int {
	if idx := h[name]; len(idx) > 0 {
		return idx[0]
	}
	return -1
}

func (h header) get(rec []string, name string) string {
	if i := h.first(name); i >= 0 && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// si returns the last column of that name (the SI-unit copy), as a number.
func (h header) si(rec []string, name string) float64 {
	idx := h[name]
	for k := len(idx) - 1; k >= 0; k-- {
		if idx[k] < len(rec) && strings.TrimSpace(rec[idx[k]]) != "" {
			if v, err := strconv.ParseFloat(strings.TrimSpace(rec[idx[k]]), 64); err == nil {
				return v
			}
		}
	}
	return activity.NaN
}

// manualActivity builds an activity with no samples from a row with no
// file: a workout the runner typed in by hand.
func manualActivity(rec []string, col header, m *Meta) (*activity.Activity, error) {
	date := col.get(rec, "Activity Date")
	start, err := time.Parse(stravaDate, date)
	if err != nil {
		return nil, fmt.Errorf("activity date %q: want a date like %q", date, stravaDate)
	}
	tot := activity.NewTotals()
	tot.ElapsedS = col.si(rec, "Elapsed Time")
	tot.TimerS = col.si(rec, "Moving Time")
	tot.DistanceM = col.si(rec, "Distance")
	if Has := activity.Has; Has(tot.DistanceM) && len(col["Distance"]) < 2 {
		tot.DistanceM *= 1000 // only the km column is present
	}
	tot.AvgHR = col.si(rec, "Average Heart Rate")
	tot.MaxHR = col.si(rec, "Max Heart Rate")
	tot.AscentM = col.si(rec, "Elevation Gain")
	sport := m.Sport
	if sport == "" {
		sport = activity.Other
	}
	return &activity.Activity{Sport: sport, Start: start.UTC(), Name: m.Name, Format: "manual",
		Device: "manual entry", DeviceTotals: &tot}, nil
}

// applyMeta lays an export's metadata over a decoded activity: its name and
// gear, and its type unless the file is more specific (a FIT file that says
// trail or treadmill keeps that when the export just says "Run"; the legs
// of a multisport file keep their own sports).
func applyMeta(a *store.Activity, m *Meta) {
	if m == nil {
		return
	}
	if m.Name != "" {
		a.Name = m.Name
	}
	if m.Gear != "" {
		a.Gear = m.Gear
	}
	if m.Sport != "" && a.Legs == nil && !(m.Sport == activity.Running && a.Sport.IsRun()) {
		a.Sport = m.Sport
	}
}
