package export

import (
	"archive/zip"
	"compress/flate"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/recovery"
	"github.com/rebound-run/rebound/store"
)

// Source is what Write reads: one athlete's store.
type Source interface {
	FindProfile(ctx context.Context) (profile.Profile, error)
	FindActivities(ctx context.Context, f store.ActivityFilter) ([]*store.Activity, int, error)
	FindActivityByID(ctx context.Context, id int64) (*store.Activity, error)
	FindOriginal(ctx context.Context, id int64) (name string, data []byte, err error)
	FindCheckIns(ctx context.Context, from, to time.Time, loc *time.Location) ([]recovery.CheckIn, error)
	FindRPEs(ctx context.Context) (map[int64]float64, error)
	FindShoes(ctx context.Context) ([]store.Shoe, error)
	FindAllTicks(ctx context.Context) ([]store.Tick, error)
}

// Options are what Write needs besides the data.
type Options struct {
	Format  string    // JSON or CSV ("" is JSON)
	Athlete Athlete   // whose data it is, for the manifest
	Now     time.Time // the export's time: exported_at and the entries' dates
}

// ParseFormat returns the format named s (json or csv, any case), or
// EINVALID.
func ParseFormat(s string) (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(s)); f {
	case JSON, CSV:
		return f, nil
	case "":
		return JSON, nil
	}
	return "", rebound.Errorf(rebound.EINVALID, "export format %q: want json or csv", s)
}

// Write streams everything of st into a zip archive on w, documents in
// opt.Format, and returns its manifest. It reads one activity at a time;
// what it has written is flushed to w as it goes. On error the archive
// is incomplete: callers write to a temporary file and rename it, or
// abort the download.
func Write(ctx context.Context, w io.Writer, st Source, opt Options) (*Manifest, error) {
	format, err := ParseFormat(opt.Format)
	if err != nil {
		return nil, err
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	zw := zip.NewWriter(w)
	// Originals and samples are most of an archive: the fastest level
	// keeps an export of years of runs quick, at a few per cent of size.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	x := &writer{ctx: ctx, zw: zw, st: st, format: format, now: opt.Now,
		man: &Manifest{Format: FormatName, Version: Version, DataFormat: format, ExportedAt: opt.Now.UTC(),
			Athlete: opt.Athlete, Files: []string{}}}
	if err := x.write(); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return x.man, nil
}

// writer is one export in progress.
type writer struct {
	ctx    context.Context
	zw     *zip.Writer
	st     Source
	format string
	now    time.Time
	man    *Manifest

	acts      []*store.Activity // every activity, without samples, by id
	originals map[int64]string  // activity id -> its original's entry
	samples   map[int64]int     // activity id -> samples written
}

func (x *writer) write() error {
	acts, _, err := x.st.FindActivities(x.ctx, store.ActivityFilter{})
	if err != nil {
		return err
	}
	slices.SortFunc(acts, func(a, b *store.Activity) int { return int(a.ID - b.ID) })
	x.acts = acts
	for _, step := range []func() error{x.profile, x.originalFiles, x.sampleDoc, x.activities,
		x.checkIns, x.rpes, x.shoes, x.ticks} {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	man, err := x.create(manifestName, false)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(man)
	enc.SetIndent("", "  ")
	return enc.Encode(x.man)
}

// create starts the archive entry name, listed in the manifest unless it
// is the manifest.
func (x *writer) create(name string, listed bool) (io.Writer, error) {
	if listed {
		x.man.Files = append(x.man.Files, name)
	}
	return x.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: x.now})
}

// doc writes the resource name: a JSON array of the n elements elem
// returns, or a CSV file of header and the rows rows gives, as x.format
// says.
func (x *writer) doc(name string, n int, elem func(i int) (any, error), header []string, rows func(i int) ([][]string, error)) error {
	w, err := x.create(name+"."+x.format, true)
	if err != nil {
		return err
	}
	if x.format == CSV {
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		for i := range n {
			rs, err := rows(i)
			if err != nil {
				return err
			}
			if err := cw.WriteAll(rs); err != nil {
				return fmt.Errorf("%s.csv: %w", name, err)
			}
		}
		cw.Flush()
		return cw.Error()
	}
	return writeArray(w, n, elem)
}

// writeArray writes a JSON array of n elements, one a line, element by
// element.
func writeArray(w io.Writer, n int, elem func(i int) (any, error)) error {
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	for i := range n {
		v, err := elem(i)
		if err != nil {
			return err
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		sep := ",\n"
		if i == 0 {
			sep = "\n"
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n]\n")
	return err
}

func (x *writer) profile() error {
	p, err := x.st.FindProfile(x.ctx)
	if err != nil {
		return err
	}
	d := newProfileJSON(p)
	w, err := x.create(profileDoc+"."+x.format, true)
	if err != nil {
		return err
	}
	if x.format == JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	opt := func(v *float64) string {
		if v == nil {
			return ""
		}
		return numText(*v)
	}
	age := ""
	if d.Age != nil {
		age = strconv.Itoa(*d.Age)
	}
	return csv.NewWriter(w).WriteAll([][]string{
		{"weight_kg", "age", "sex", "resting_hr", "max_hr", "units", "timezone", "conditions", "equipment"},
		{opt(d.WeightKg), age, d.Sex, opt(d.RestingHR), opt(d.MaxHR), d.Units, d.Timezone,
			strings.Join(d.Conditions, listSep), strings.Join(d.Equipment, listSep)},
	})
}

// listSep joins the elements of a list in one CSV cell.
const listSep = "|"

// originalFiles writes every original under originals/, decompressed, as
// it was imported. A file that held several activities is written once,
// with its first activity; the others refer to it.
func (x *writer) originalFiles() error {
	x.originals = map[int64]string{}
	byHash := map[string]string{}
	for _, a := range x.acts {
		if base, _, ok := strings.Cut(a.SHA256, "#"); ok {
			if entry, ok := byHash[base]; ok {
				x.originals[a.ID] = entry
			}
			continue
		}
		name, data, err := x.st.FindOriginal(x.ctx, a.ID)
		if rebound.ErrorCode(err) == rebound.ENOTFOUND {
			continue // a manual entry
		} else if err != nil {
			return err
		}
		entry := originalsDir + OriginalName(a.ID, name, data)
		w, err := x.create(entry, true)
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return fmt.Errorf("%s: %w", entry, err)
		}
		x.originals[a.ID], byHash[a.SHA256] = entry, entry
		x.man.Counts.Originals++
	}
	return nil
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// OriginalName is the name of activity id's original under originals/:
// the id, then the last part of the source name (after the last /, \ or
// ! of an archive entry) with every character but letters, digits, dot,
// dash and underscore made _, without leading dots or a .gz suffix (the
// file is stored decompressed), at most 100 bytes, and with the
// extension of its format when the name lacks it: 12-Morning_Run.fit.
func OriginalName(id int64, source string, data []byte) string {
	base := source
	if i := strings.LastIndexAny(base, `/\!`); i >= 0 {
		base = base[i+1:]
	}
	base = strings.TrimLeft(unsafeChars.ReplaceAllString(base, "_"), "._")
	for strings.HasSuffix(strings.ToLower(base), ".gz") {
		base = base[:len(base)-3]
	}
	if len(base) > 100 {
		base = strings.TrimLeft(base[len(base)-100:], "._")
	}
	if base == "" {
		base = "original"
	}
	switch f := decode.Detect(data); f {
	case decode.FIT, decode.GPX, decode.TCX:
		if ext := "." + string(f); !strings.HasSuffix(strings.ToLower(base), ext) {
			base += ext
		}
	}
	return fmt.Sprintf("%d-%s", id, base)
}

// sampleDoc writes samples.json (or .csv), reading one activity at a time.
func (x *writer) sampleDoc() error {
	x.samples = map[int64]int{}
	w, err := x.create(samplesDoc+"."+x.format, true)
	if err != nil {
		return err
	}
	var cw *csv.Writer
	if x.format == CSV {
		cw = csv.NewWriter(w)
		if err := cw.Write(append([]string{"activity_id", "time"}, sampleColumns...)); err != nil {
			return err
		}
	} else if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	first := true
	var buf []byte
	for _, a := range x.acts {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		full, err := x.st.FindActivityByID(x.ctx, a.ID)
		if rebound.ErrorCode(err) == rebound.ENOTFOUND {
			continue // deleted meanwhile
		} else if err != nil {
			return err
		}
		if len(full.Samples) == 0 {
			continue
		}
		x.samples[a.ID] = len(full.Samples)
		x.man.Counts.Samples += len(full.Samples)
		if cw != nil {
			id := strconv.FormatInt(a.ID, 10)
			for _, s := range full.Samples {
				row := []string{id, s.Time.UTC().Format(time.RFC3339Nano)}
				for _, v := range sampleValues(s) {
					row = append(row, numText(v))
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
			continue
		}
		buf = buf[:0]
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = fmt.Appendf(buf, "\n{\"activity_id\":%d,\"samples\":[", a.ID)
		for i, s := range full.Samples {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, "\n  "...)
			buf = appendSampleJSON(buf, s)
			if len(buf) > 1<<20 {
				if _, err := w.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
		buf = append(buf, "]}"...)
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	if cw != nil {
		cw.Flush()
		return cw.Error()
	}
	_, err = io.WriteString(w, "\n]\n")
	return err
}

func (x *writer) activities() error {
	x.man.Counts.Activities = len(x.acts)
	doc := func(i int) (activityJSON, error) {
		a := x.acts[i]
		return newActivityJSON(a, x.originals[a.ID], x.samples[a.ID])
	}
	if x.format == JSON {
		return x.doc(activitiesDoc, len(x.acts), func(i int) (any, error) { return doc(i) }, nil, nil)
	}
	// activities.csv, laps.csv and pauses.csv.
	sumKeys, err := fieldsOf(summaryJSON{})
	if err != nil {
		return err
	}
	totKeys, err := fieldsOf(totalsJSON(activity.NewTotals()))
	if err != nil {
		return err
	}
	header := []string{"id", "sha256", "sport", "sub_sport", "start", "utc_offset_s", "name", "device", "format",
		"source_file", "gear", "imported_at", "original", "samples"}
	for _, f := range sumKeys {
		header = append(header, f.key)
	}
	for _, f := range totKeys {
		header = append(header, "device_"+f.key)
	}
	header = append(header, "legs", "warnings")
	if err := x.doc(activitiesDoc, len(x.acts), nil, header, func(i int) ([][]string, error) {
		a := x.acts[i]
		offset := ""
		if a.UTCOffsetS != nil {
			offset = strconv.Itoa(*a.UTCOffsetS)
		}
		row := []string{strconv.FormatInt(a.ID, 10), a.SHA256, string(a.Sport), a.SubSport, a.Start.UTC().Format(time.RFC3339Nano),
			offset, a.Name, a.Device, a.Format, a.SourceFile, a.Gear, a.ImportedAt.UTC().Format(time.RFC3339Nano),
			x.originals[a.ID], strconv.Itoa(x.samples[a.ID])}
		sum, err := fieldsOf(summaryJSON(a.Summary))
		if err != nil {
			return nil, err
		}
		row = append(row, cells(sum)...)
		if a.DeviceTotals != nil {
			tot, err := fieldsOf(totalsJSON(*a.DeviceTotals))
			if err != nil {
				return nil, err
			}
			row = append(row, cells(tot)...)
		} else {
			row = append(row, make([]string, len(totKeys))...)
		}
		legs := make([]string, len(a.Legs))
		for i, l := range a.Legs {
			legs[i] = string(l)
		}
		return [][]string{append(row, strings.Join(legs, listSep), strings.Join(a.Warnings, "\n"))}, nil
	}); err != nil {
		return err
	}
	lapHeader := []string{"activity_id", "lap", "start"}
	for _, f := range totKeys {
		lapHeader = append(lapHeader, f.key)
	}
	if err := x.doc(lapsDoc, len(x.acts), nil, lapHeader, func(i int) ([][]string, error) {
		a := x.acts[i]
		var rows [][]string
		for j, l := range a.Laps {
			tot, err := fieldsOf(totalsJSON(l.Totals))
			if err != nil {
				return nil, err
			}
			rows = append(rows, append([]string{strconv.FormatInt(a.ID, 10), strconv.Itoa(j + 1),
				l.Start.UTC().Format(time.RFC3339Nano)}, cells(tot)...))
		}
		return rows, nil
	}); err != nil {
		return err
	}
	return x.doc(pausesDoc, len(x.acts), nil, []string{"activity_id", "start", "end"}, func(i int) ([][]string, error) {
		a := x.acts[i]
		var rows [][]string
		for _, p := range a.Pauses {
			rows = append(rows, []string{strconv.FormatInt(a.ID, 10), p.Start.UTC().Format(time.RFC3339Nano),
				p.End.UTC().Format(time.RFC3339Nano)})
		}
		return rows, nil
	})
}

// cells are the CSV cells of a flat document's fields.
func cells(o object) []string {
	out := make([]string, len(o))
	for i, f := range o {
		switch v := f.value.(type) {
		case num:
			out[i] = numText(float64(v))
		case string:
			out[i] = v
		case []num:
			parts := make([]string, len(v))
			for j, n := range v {
				parts[j] = numText(float64(n))
			}
			out[i] = strings.Join(parts, listSep)
		case []string:
			out[i] = strings.Join(v, "\n")
		}
	}
	return out
}

func (x *writer) checkIns() error {
	cs, err := x.st.FindCheckIns(x.ctx, time.Time{}, time.Time{}, time.UTC)
	if err != nil {
		return err
	}
	x.man.Counts.CheckIns = len(cs)
	header := []string{"date"}
	for _, m := range recovery.Muscles {
		header = append(header, "soreness_"+string(m))
	}
	header = append(header, "sleep_h", "sleep_quality", "stress", "resting_hr", "hrv_ms", "symptoms")
	return x.doc(checkInsDoc, len(cs), func(i int) (any, error) { return newCheckInJSON(cs[i]), nil }, header,
		func(i int) ([][]string, error) {
			c := cs[i]
			row := []string{c.Date.Format(time.DateOnly)}
			for _, m := range recovery.Muscles {
				v, ok := c.Soreness[m]
				if !ok {
					v = activity.NaN
				}
				row = append(row, numText(v))
			}
			row = append(row, numText(c.SleepH), numText(c.SleepQuality), numText(c.Stress), numText(c.RestingHR),
				numText(c.HRVms), strings.Join(c.Symptoms, listSep))
			return [][]string{row}, nil
		})
}

func (x *writer) rpes() error {
	m, err := x.st.FindRPEs(x.ctx)
	if err != nil {
		return err
	}
	var rs []rpeJSON
	for id, v := range m {
		rs = append(rs, rpeJSON{ActivityID: id, RPE: v})
	}
	slices.SortFunc(rs, func(a, b rpeJSON) int { return int(a.ActivityID - b.ActivityID) })
	x.man.Counts.SessionRPEs = len(rs)
	return x.doc(rpesDoc, len(rs), func(i int) (any, error) { return rs[i], nil }, []string{"activity_id", "rpe"},
		func(i int) ([][]string, error) {
			return [][]string{{strconv.FormatInt(rs[i].ActivityID, 10), numText(rs[i].RPE)}}, nil
		})
}

func (x *writer) shoes() error {
	shoes, err := x.st.FindShoes(x.ctx)
	if err != nil {
		return err
	}
	x.man.Counts.Shoes = len(shoes)
	return x.doc(shoesDoc, len(shoes), func(i int) (any, error) { return shoes[i], nil },
		[]string{"name", "limit_km", "default", "retired", "distance_m", "runs"},
		func(i int) ([][]string, error) {
			s := shoes[i]
			return [][]string{{s.Name, numText(s.LimitKm), strconv.FormatBool(s.Default), strconv.FormatBool(s.Retired),
				numText(s.DistanceM), strconv.Itoa(s.Runs)}}, nil
		})
}

func (x *writer) ticks() error {
	ticks, err := x.st.FindAllTicks(x.ctx)
	if err != nil {
		return err
	}
	x.man.Counts.ChecklistTicks = len(ticks)
	return x.doc(ticksDoc, len(ticks), func(i int) (any, error) {
		t := ticks[i]
		t.At = t.At.UTC()
		return t, nil
	}, []string{"day", "step_id", "at"}, func(i int) ([][]string, error) {
		t := ticks[i]
		return [][]string{{t.Day, t.StepID, t.At.UTC().Format(time.RFC3339Nano)}}, nil
	})
}
