package export

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/store"
)

// maxDocBytes bounds what Import reads of one document entry (a JSON
// document is decoded as it is read; only activities.json is kept whole).
const maxDocBytes = 4 << 30

// ImportReport is what Import did with an export: the document of
// `rebound import --json EXPORT.zip`.
type ImportReport struct {
	Athlete     Athlete `json:"athlete"`      // whose export it was
	Activities  int     `json:"activities"`   // stored
	Duplicates  int     `json:"duplicates"`   // already stored (same content, or same sport and start): kept
	FromFiles   int     `json:"from_files"`   // of the stored, decoded again from their original
	CheckIns    int     `json:"check_ins"`    // stored
	SessionRPEs int     `json:"session_rpes"` // stored, for the activities stored
	Shoes       int     `json:"shoes"`        // stored
	Ticks       int     `json:"checklist_ticks"`
	Profile     bool    `json:"profile"` // stored: the store had none
	// Kept counts what the store already had and Import left as it was:
	// check-ins of the same day, shoes of the same name, ticks, and the
	// profile.
	Kept   int             `json:"kept"`
	Failed []ingest.Failed `json:"failed"` // what could not be stored, naming the entry
}

// ReadManifest returns the manifest of an archive Write made. It returns
// ENOTFOUND when the archive has no manifest.json of a Rebound export
// (it is some other zip), and EINVALID for a Rebound export this version
// cannot read.
func ReadManifest(zr *zip.Reader) (*Manifest, error) {
	var f *zip.File
	for _, e := range zr.File {
		if e.Name == manifestName {
			f = e
		}
	}
	if f == nil {
		return nil, rebound.Errorf(rebound.ENOTFOUND, "no %s", manifestName)
	}
	var m Manifest
	if err := readJSON(f, 1<<20, &m); err != nil {
		return nil, rebound.Errorf(rebound.ENOTFOUND, "%s: %v", manifestName, err)
	}
	switch {
	case m.Format != FormatName:
		return nil, rebound.Errorf(rebound.ENOTFOUND, "%s: format %q, not %q", manifestName, m.Format, FormatName)
	case m.Version < 1 || m.Version > Version:
		return nil, rebound.Errorf(rebound.EINVALID, "a Rebound export of version %d; this Rebound reads version 1 to %d: upgrade Rebound",
			m.Version, Version)
	case m.DataFormat != JSON:
		return nil, rebound.Errorf(rebound.EINVALID, "a Rebound export in %s: only JSON exports can be imported (rebound export --format json)",
			m.DataFormat)
	}
	return &m, nil
}

// readJSON decodes the entry f, of at most limit bytes, into v.
func readJSON(f *zip.File, limit int64, v any) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := json.NewDecoder(io.LimitReader(rc, limit))
	if err := dec.Decode(v); err != nil {
		return err
	}
	return nil
}

// compressor compresses restored originals; EncodeAll is safe for
// concurrent use.
var compressor = sync.OnceValue(func() *zstd.Encoder {
	enc, _ := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
	return enc
})

// Import stores the JSON export zr (named name in messages, e.g. the
// file's path) into st: activities (from their originals when the archive
// has them, decoded with decoders; from their documents otherwise),
// session RPEs, check-ins, shoes, checklist ticks and, when st has none,
// the profile. It adds and never replaces (see the package doc); each
// activity is stored in its own transaction. What cannot be stored is in
// the report's Failed, named name!entry; the error is non-nil only when
// zr is not an export Import can read (EINVALID, naming name) or the store
// fails.
func Import(ctx context.Context, zr *zip.Reader, name string, st store.Store, decoders map[decode.Format]decode.Decoder) (*ImportReport, error) {
	m, err := ReadManifest(zr)
	if err != nil {
		if rebound.ErrorCode(err) == rebound.ENOTFOUND {
			return nil, rebound.Errorf(rebound.EINVALID, "%s: not a Rebound export (%s)", name, rebound.ErrorMessage(err))
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	im := &importer{ctx: ctx, name: name, st: st, decoders: decoders, files: map[string]*zip.File{}, ids: map[int64]int64{},
		rep: &ImportReport{Athlete: m.Athlete, Failed: []ingest.Failed{}}}
	for _, f := range zr.File {
		im.files[f.Name] = f
	}
	for _, step := range []func() error{im.profile, im.activities, im.rpes, im.checkIns, im.shoes, im.ticks} {
		if err := ctx.Err(); err != nil {
			return im.rep, err
		}
		if err := step(); err != nil {
			return im.rep, err
		}
	}
	return im.rep, nil
}

// importer is one Import in progress.
type importer struct {
	ctx      context.Context
	name     string
	st       store.Store
	decoders map[decode.Format]decode.Decoder
	files    map[string]*zip.File
	ids      map[int64]int64 // exported activity id -> stored id, for the activities stored
	rep      *ImportReport
}

// fail records that the entry (and what in it) could not be stored.
func (im *importer) fail(entry string, err error) {
	file := im.name + "!" + entry
	im.rep.Failed = append(im.rep.Failed, ingest.Failed{File: file, Error: file + ": " + describe(err)})
}

// describe is err's text with the message, not the code, of a
// rebound.Error in it: "2026-11-02: sleep 99 is out of range", not
// "2026-11-02: invalid: sleep 99 is out of range".
func describe(err error) string {
	var e *rebound.Error
	if errors.As(err, &e) {
		return strings.Replace(err.Error(), e.Error(), e.Message, 1)
	}
	return err.Error()
}

// doc decodes the document name into v; false (recorded as failed) when
// the archive lacks it or it is not valid.
func (im *importer) doc(name string, v any) bool {
	f := im.files[name]
	if f == nil {
		im.fail(name, errors.New("missing from the archive"))
		return false
	}
	if err := readJSON(f, maxDocBytes, v); err != nil {
		im.fail(name, err)
		return false
	}
	return true
}

// storeErr returns err when it is the store's failure (not a refusal of
// one value), so that Import stops.
func storeErr(err error) error {
	switch rebound.ErrorCode(err) {
	case rebound.EINVALID, rebound.ENOTFOUND, rebound.ECONFLICT:
		return nil
	}
	return err
}

func (im *importer) profile() error {
	var d profileJSON
	if !im.doc(profileDoc+".json", &d) {
		return nil
	}
	p := d.profile()
	if reflect.DeepEqual(p, profile.Profile{}) {
		return nil
	}
	cur, err := im.st.FindProfile(im.ctx)
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(cur, profile.Profile{}) {
		im.rep.Kept++
		return nil
	}
	if err := p.Validate(); err != nil {
		im.fail(profileDoc+".json", err)
		return nil
	}
	if err := im.st.SaveProfile(im.ctx, p); err != nil {
		if storeErr(err) != nil {
			return err
		}
		im.fail(profileDoc+".json", err)
		return nil
	}
	im.rep.Profile = true
	return nil
}

// activities stores the activities: from their originals, else (and
// when an original no longer decodes) from their documents and samples.
func (im *importer) activities() error {
	const entry = activitiesDoc + ".json"
	var docs []activityJSON
	if !im.doc(entry, &docs) {
		return nil
	}
	fromDocs := map[int64]activityJSON{} // activities to restore from their documents
	var (
		cached string // the original decoded last: a file's activities follow each other
		fresh  []*store.Activity
		data   []byte
		ferr   error
	)
	for _, d := range docs {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		what := fmt.Sprintf("%s (activity %d)", entry, d.ID)
		if d.Original == nil {
			fromDocs[d.ID] = d
			continue
		}
		if *d.Original != cached {
			cached = *d.Original
			data, fresh, ferr = im.original(cached)
		}
		a, err := pick(fresh, ferr, d, data)
		if err != nil {
			im.fail(what, fmt.Errorf("%w; restored from the documents instead", err))
			fromDocs[d.ID] = d
			continue
		}
		if err := im.create(what, d.ID, a); err != nil {
			return err
		}
		if _, ok := im.ids[d.ID]; ok {
			im.rep.FromFiles++
		}
	}
	if len(fromDocs) == 0 {
		return nil
	}
	// The samples of the activities restored from their documents, read
	// one activity at a time.
	need := map[int64]bool{}
	for id, d := range fromDocs {
		if d.Samples > 0 {
			need[id] = true
		}
	}
	samples := map[int64][]sampleJSON{}
	if len(need) > 0 {
		if err := im.samples(need, func(id int64, ss []sampleJSON) { samples[id] = ss }); err != nil {
			return err
		}
	}
	for _, d := range docs {
		if _, ok := fromDocs[d.ID]; !ok {
			continue
		}
		what := fmt.Sprintf("%s (activity %d)", entry, d.ID)
		a, err := d.activity()
		if err != nil {
			im.fail(what, err)
			continue
		}
		if ss, ok := samples[d.ID]; ok {
			for _, s := range ss {
				a.Samples = append(a.Samples, s.sample())
			}
			delete(samples, d.ID)
		} else if d.Samples > 0 {
			im.fail(what, fmt.Errorf("its %d samples are missing from %s.json; restored without them", d.Samples, samplesDoc))
		}
		if err := im.create(what, d.ID, a); err != nil {
			return err
		}
	}
	return nil
}

// original reads and decodes an original's entry.
func (im *importer) original(entry string) ([]byte, []*store.Activity, error) {
	f := im.files[entry]
	if !strings.HasPrefix(entry, originalsDir) || strings.Contains(entry, "..") || f == nil {
		return nil, nil, fmt.Errorf("its original %q is not in the archive", entry)
	}
	if f.UncompressedSize64 > ingest.MaxFileBytes {
		return nil, nil, fmt.Errorf("%s: larger than %d MB", entry, ingest.MaxFileBytes>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", entry, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, ingest.MaxFileBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", entry, err)
	}
	acts, err := ingest.Analyse(im.decoders, im.name+"!"+entry, data)
	return data, acts, err
}

// pick returns the activity of document d among those its original
// decodes to (the file's first, or the #i-th), with the document's name,
// sport, gear, source and import time, and the original itself for the
// file's first.
func pick(fresh []*store.Activity, err error, d activityJSON, data []byte) (*store.Activity, error) {
	if err != nil {
		return nil, err
	}
	base, nth, multi := strings.Cut(d.SHA256, "#")
	i := 0
	if multi {
		if _, err := fmt.Sscanf(nth, "%d", &i); err != nil || i < 1 {
			return nil, fmt.Errorf("SHA-256 %q is not a file's hash or hash#N", d.SHA256)
		}
	}
	if len(fresh) == 0 || fresh[0].SHA256 != base {
		return nil, fmt.Errorf("its original does not have the SHA-256 %s it was imported with", base)
	}
	if i >= len(fresh) {
		return nil, fmt.Errorf("its original holds %d activities, not the %d its SHA-256 says", len(fresh), i+1)
	}
	sport := activity.Sport(d.Sport)
	if !sport.Valid() {
		return nil, fmt.Errorf("sport %q: not one Rebound knows", d.Sport)
	}
	a := fresh[i]
	a.SHA256, a.SourceFile, a.Gear, a.ImportedAt = d.SHA256, d.SourceFile, d.Gear, d.ImportedAt
	a.Sport, a.Name = sport, d.Name
	if i == 0 {
		a.Original = compressor().EncodeAll(data, nil)
	}
	return a, nil
}

// create stores a, exported as activity id, and maps the ids.
func (im *importer) create(what string, id int64, a *store.Activity) error {
	err := im.st.CreateActivity(im.ctx, a)
	switch {
	case err == nil:
		im.ids[id] = a.ID
		im.rep.Activities++
	case rebound.ErrorCode(err) == rebound.ECONFLICT:
		im.rep.Duplicates++
	case storeErr(err) == nil:
		im.fail(what, err)
	default:
		return err
	}
	return nil
}

// samples reads samples.json, one activity at a time, and hands those of
// the activities in need to got.
func (im *importer) samples(need map[int64]bool, got func(id int64, ss []sampleJSON)) error {
	const entry = samplesDoc + ".json"
	f := im.files[entry]
	if f == nil {
		im.fail(entry, errors.New("missing from the archive"))
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		im.fail(entry, err)
		return nil
	}
	defer rc.Close()
	dec := json.NewDecoder(io.LimitReader(rc, maxDocBytes))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		im.fail(entry, fmt.Errorf("not a JSON array (%v)", err))
		return nil
	}
	for dec.More() {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		var head struct {
			ActivityID int64           `json:"activity_id"`
			Samples    json.RawMessage `json:"samples"`
		}
		if err := dec.Decode(&head); err != nil {
			im.fail(entry, err)
			return nil
		}
		if !need[head.ActivityID] {
			continue
		}
		var ss []sampleJSON
		if err := json.Unmarshal(head.Samples, &ss); err != nil {
			im.fail(fmt.Sprintf("%s (activity %d)", entry, head.ActivityID), err)
			continue
		}
		got(head.ActivityID, ss)
	}
	return nil
}

func (im *importer) rpes() error {
	const entry = rpesDoc + ".json"
	var rs []rpeJSON
	if !im.doc(entry, &rs) {
		return nil
	}
	for _, r := range rs {
		id, ok := im.ids[r.ActivityID]
		if !ok {
			continue // its activity was kept as stored, or not stored
		}
		if err := im.st.SaveRPE(im.ctx, id, r.RPE); storeErr(err) != nil {
			return err
		} else if err != nil {
			im.fail(fmt.Sprintf("%s (activity %d)", entry, r.ActivityID), err)
			continue
		}
		im.rep.SessionRPEs++
	}
	return nil
}

func (im *importer) checkIns() error {
	const entry = checkInsDoc + ".json"
	var ds []checkInJSON
	if !im.doc(entry, &ds) {
		return nil
	}
	stored, err := im.st.FindCheckIns(im.ctx, time.Time{}, time.Time{}, time.UTC)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, c := range stored {
		have[c.Date.Format(time.DateOnly)] = true
	}
	for _, d := range ds {
		c, err := d.checkIn()
		if err != nil {
			im.fail(entry, err)
			continue
		}
		if have[d.Date] {
			im.rep.Kept++
			continue
		}
		if err := im.st.SaveCheckIn(im.ctx, c); storeErr(err) != nil {
			return err
		} else if err != nil {
			im.fail(entry, fmt.Errorf("%s: %w", d.Date, err))
			continue
		}
		have[d.Date] = true
		im.rep.CheckIns++
	}
	return nil
}

func (im *importer) shoes() error {
	const entry = shoesDoc + ".json"
	var ds []store.Shoe
	if !im.doc(entry, &ds) {
		return nil
	}
	stored, err := im.st.FindShoes(im.ctx)
	if err != nil {
		return err
	}
	have, hasDefault := map[string]bool{}, false
	for _, s := range stored {
		have[strings.ToLower(s.Name)] = true
		hasDefault = hasDefault || s.Default
	}
	for _, d := range ds {
		if have[strings.ToLower(d.Name)] {
			im.rep.Kept++
			continue
		}
		s := store.Shoe{Name: d.Name, LimitKm: d.LimitKm, Default: d.Default && !hasDefault, Retired: d.Retired}
		if err := im.st.SaveShoe(im.ctx, s); storeErr(err) != nil {
			return err
		} else if err != nil {
			im.fail(entry, fmt.Errorf("%q: %w", d.Name, err))
			continue
		}
		have[strings.ToLower(d.Name)], hasDefault = true, hasDefault || s.Default
		im.rep.Shoes++
	}
	return nil
}

func (im *importer) ticks() error {
	const entry = ticksDoc + ".json"
	var ds []store.Tick
	if !im.doc(entry, &ds) {
		return nil
	}
	stored, err := im.st.FindAllTicks(im.ctx)
	if err != nil {
		return err
	}
	have := map[[2]string]bool{}
	for _, t := range stored {
		have[[2]string{t.Day, t.StepID}] = true
	}
	for _, t := range ds {
		if have[[2]string{t.Day, t.StepID}] {
			im.rep.Kept++
			continue
		}
		if t.StepID == "" {
			im.fail(entry, fmt.Errorf("%s: a tick without a step", t.Day))
			continue
		}
		if err := im.st.SetTick(im.ctx, t.Day, t.StepID, true, t.At); storeErr(err) != nil {
			return err
		} else if err != nil {
			im.fail(entry, err)
			continue
		}
		have[[2]string{t.Day, t.StepID}] = true
		im.rep.Ticks++
	}
	return nil
}
