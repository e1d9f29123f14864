package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/samplecodec"
)

// transition is the sub-sport of a multisport file's transition legs
// (decode/fit).
const transition = "transition"

// ImplausibleWarning starts the warning stored with an activity that
// activity.Implausible says cannot be a real workout (a date in 1989 or
// next year, 136 years of elapsed time); the coaching leaves such
// activities out (app.LoadHistory).
const ImplausibleWarning = "left out of the coaching: "

// Store is what ingest needs of a store.
type Store interface {
	CreateActivity(ctx context.Context, a *store.Activity) error
	HasActivityHash(ctx context.Context, sha256 string) (bool, error)
	// FindDuplicate, UpdateActivityName and UpdateActivityGear name an
	// activity already stored after an export that names it (see
	// nameStored).
	FindDuplicate(ctx context.Context, sha256 string, sport activity.Sport, start time.Time) (*store.Activity, error)
	UpdateActivityName(ctx context.Context, id int64, name string) error
	UpdateActivityGear(ctx context.Context, id int64, gear string) error
	// FindShoes gives the runner's default shoes, which imported runs
	// that name no gear count towards.
	FindShoes(ctx context.Context) ([]store.Shoe, error)
}

// Skipped is a file that holds no recorded activity, with the reason.
type Skipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// Failed is a file that could not be imported, with the error.
type Failed struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

// Report is the outcome of one import. Its JSON form is the output of
// `rebound import --json`.
type Report struct {
	Imported   int       `json:"imported"`
	Duplicates int       `json:"duplicates"`
	Skipped    []Skipped `json:"skipped"`
	Failed     []Failed  `json:"failed"`
	// IDs are the ids of the activities stored by this import.
	IDs   []int64 `json:"ids"`
	Files int     `json:"files"`
	Bytes int64   `json:"bytes"`
}

// Event is a progress notification. Total grows as archives are opened;
// Done counts files finished (imported, duplicate, skipped or failed).
type Event struct {
	Total, Done int
	File        string
	Outcome     string // "imported", "duplicate", "skipped", "failed"
	Detail      string // the skip reason or error, for the last two
}

// Importer imports files into Store.
type Importer struct {
	Store Store
	// Decoders maps each format to its decoder (decode/fit, decode/gpx,
	// decode/tcx). A format without a decoder is reported as failed. A
	// decoder must not keep its input (or any slice of it) once it has
	// returned: a worker reads its next file into the same buffer.
	Decoders map[decode.Format]decode.Decoder
	// Workers is the number of decoding goroutines; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is called from the writer goroutine after each file.
	Progress func(Event)
	// Now stamps ImportedAt; time.Now when nil.
	Now func() time.Time
}

// job is one file to decode: a path to read, or bytes already read from
// an archive (with optional Strava metadata), or a manual activity.
type job struct {
	name   string
	path   string
	data   []byte
	meta   *Meta
	manual *activity.Activity
	// release, when set, gives back the room data takes in the queue
	// (MaxQueuedBytes): the worker calls it once it is done with data.
	release func()
}

// result is what a worker made of a job.
type result struct {
	name   string
	acts   []*store.Activity
	dups   int    // activities already stored from this content: not decoded
	hash   string // of the content, for dups
	meta   *Meta  // what an export's index says of the file
	skip   string // skip reason
	err    error
	nbytes int64
	walked bool // a failure or skip of the walker: no file was read
}

// Import imports every file under paths and returns what happened to each.
// The error is non-nil only when the import itself could not go on (the
// context was cancelled, the store failed); per-file problems are in the
// report.
func (im *Importer) Import(ctx context.Context, paths []string) (*Report, error) {
	return im.run(ctx, func(w *walker) { w.walk(paths) })
}

// run is the import pipeline fed by feed: feed queues jobs through the
// walker (in its own goroutine), workers decode them on every core, and
// this goroutine stores each result in order of completion and builds the
// report. Import feeds it paths, ImportFiles uploaded files.
func (im *Importer) run(ctx context.Context, feed func(w *walker)) (*Report, error) {
	gear, err := defaultGear(ctx, im.Store)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := im.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan job, workers*2)
	// Room for a few results per worker lets the workers go on while the
	// writer waits on the disk (a checkpoint, an fsync); results hold
	// encoded samples, not Sample values, so the room costs little memory.
	results := make(chan result, workers*4)
	totals := make(chan int, 16)
	walked := make(chan result, 16) // the walker's own failures and skips

	go func() {
		defer close(jobs)
		w := walker{ctx: ctx, jobs: jobs, total: totals, out: walked, mem: newQueueBudget()}
		feed(&w)
		close(totals)
		close(walked)
	}()

	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker()
			w.gear = gear
			defer w.close()
			for j := range jobs {
				r := im.process(ctx, w, j)
				if j.release != nil {
					j.release()
				}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	rep := &Report{Skipped: []Skipped{}, Failed: []Failed{}, IDs: []int64{}}
	ev := Event{}
	var storeErr error
	for results != nil || totals != nil || walked != nil {
		select {
		case n, ok := <-totals:
			if !ok {
				totals = nil
				continue
			}
			ev.Total += n
		case r, ok := <-walked:
			if !ok {
				walked = nil
				continue
			}
			outcome, detail, _ := im.store(ctx, rep, r)
			ev.Done++
			im.notify(ev, r.name, outcome, detail)
		case r, ok := <-results:
			if !ok {
				results = nil
				continue
			}
			if storeErr != nil {
				continue
			}
			outcome, detail, err := im.store(ctx, rep, r)
			if err != nil {
				storeErr = err
				cancel()
				continue
			}
			ev.Done++
			im.notify(ev, r.name, outcome, detail)
		}
	}
	if storeErr != nil {
		return rep, storeErr
	}
	if err := ctx.Err(); err != nil && !errors.Is(err, context.Canceled) {
		return rep, err
	}
	return rep, nil
}

func (im *Importer) notify(ev Event, file, outcome, detail string) {
	if im.Progress != nil {
		ev.File, ev.Outcome, ev.Detail = file, outcome, detail
		im.Progress(ev)
	}
}

// store writes a worker's result and records it in rep.
func (im *Importer) store(ctx context.Context, rep *Report, r result) (outcome, detail string, err error) {
	if !r.walked {
		rep.Files++
		rep.Bytes += r.nbytes
	}
	switch {
	case r.err != nil:
		rep.Failed = append(rep.Failed, Failed{File: r.name, Error: r.err.Error()})
		return "failed", r.err.Error(), nil
	case r.skip != "":
		rep.Skipped = append(rep.Skipped, Skipped{File: r.name, Reason: r.skip})
		return "skipped", r.skip, nil
	case r.dups > 0:
		rep.Duplicates += r.dups
		for i := range r.dups {
			if err := im.nameStored(ctx, r.meta, legHash(r.hash, i), "", time.Time{}); err != nil {
				return "", "", fmt.Errorf("name %q: %w", r.name, err)
			}
		}
		return "duplicate", "", nil
	}
	now := time.Now
	if im.Now != nil {
		now = im.Now
	}
	outcome = "duplicate"
	for _, a := range r.acts {
		a.ImportedAt = now().UTC()
		if why := activity.Implausible(a.Activity, a.Summary, a.ImportedAt); why != "" {
			a.Warnings = append(a.Warnings, ImplausibleWarning+why)
		}
		err := im.Store.CreateActivity(ctx, a)
		switch {
		case err == nil:
			rep.Imported++
			rep.IDs = append(rep.IDs, a.ID)
			outcome = "imported"
		case rebound.ErrorCode(err) == rebound.ECONFLICT:
			rep.Duplicates++
			if err := im.nameStored(ctx, r.meta, a.SHA256, a.Sport, a.Start); err != nil {
				return "", "", fmt.Errorf("name %q: %w", r.name, err)
			}
		case rebound.ErrorCode(err) == rebound.EINVALID:
			// The store refuses this activity (not the import): the
			// file fails, the batch goes on.
			msg := fmt.Sprintf("%s: %v", r.name, err)
			rep.Failed = append(rep.Failed, Failed{File: r.name, Error: msg})
			outcome, detail = "failed", msg
		default:
			return "", "", fmt.Errorf("store %q: %w", r.name, err)
		}
	}
	return outcome, detail, nil
}

// nameStored gives the stored activity that a new one duplicates (the
// same content, or the same sport starting within store.DuplicateWindow)
// the name an export's index gives it, and its gear when it has none: an
// export imported after the files it holds still names them. The
// runner's own name (store.Activity.UserName) is not touched and is still
// what shows. Without an index entry it does nothing.
func (im *Importer) nameStored(ctx context.Context, m *Meta, sha string, sport activity.Sport, start time.Time) error {
	if m == nil || (m.Name == "" && m.Gear == "") {
		return nil
	}
	dup, err := im.Store.FindDuplicate(ctx, sha, sport, start)
	if rebound.ErrorCode(err) == rebound.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	if m.Name != "" && dup.Name != m.Name {
		if err := im.Store.UpdateActivityName(ctx, dup.ID, m.Name); err != nil {
			return err
		}
	}
	if m.Gear != "" && dup.Gear == "" {
		return im.Store.UpdateActivityGear(ctx, dup.ID, m.Gear)
	}
	return nil
}

// legHash is the SHA-256 an activity of a file is stored under: the
// file's for the first, "hash#i" for the i-th after it (a multisport
// file's legs, chained recordings).
func legHash(hash string, i int) string {
	if i == 0 {
		return hash
	}
	return fmt.Sprintf("%s#%d", hash, i)
}

// worker is the state one decoding goroutine reuses from file to file.
// defaultGear is the runner's default shoes (not retired), "" for none:
// read at the start of each import, so a long --watch follows changes.
func defaultGear(ctx context.Context, st Store) (string, error) {
	shoes, err := st.FindShoes(ctx)
	if err != nil {
		return "", fmt.Errorf("import: read the default shoes: %w", err)
	}
	for _, sh := range shoes {
		if sh.Default && !sh.Retired {
			return sh.Name, nil
		}
	}
	return "", nil
}

type worker struct {
	gear    string // given to runs that name no gear: the default shoes
	enc     *zstd.Encoder
	buf     []byte // the file read last
	scratch []byte // compression output, copied out exactly sized
}

func newWorker() *worker {
	// The fastest level, without Huffman coding of literals: on the
	// benchmark corpus (bench/README.md) it compresses FIT files 1.66:1
	// instead of 1.82:1 and a fifth faster; compressing the original is
	// still the import's largest single cost. A 512 KiB window compresses
	// activity files as well as the default 4 MiB one (their repeats are a
	// few records apart), faster, and the encoder keeps a history buffer
	// of the window's size.
	enc, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true), zstd.WithWindowSize(512<<10),
		zstd.WithNoEntropyCompression(true))
	return &worker{enc: enc}
}

func (w *worker) close() { w.enc.Close() }

// compress returns data compressed with zstd. It compresses into scratch
// and returns an exactly sized copy, so that a poorly compressible file
// costs no regrowing and the queue of results to store holds no slack.
func (w *worker) compress(data []byte) []byte {
	w.scratch = w.enc.EncodeAll(data, w.scratch[:0])
	out := make([]byte, len(w.scratch))
	copy(out, w.scratch)
	if cap(w.scratch) > maxScratch {
		w.scratch = nil
	}
	return out
}

// maxScratch bounds the buffers a worker keeps between files.
const maxScratch = 512 << 10

// process reads, hashes, decodes and summarises one job. It never panics:
// a decoder panic becomes a failure of that file.
func (im *Importer) process(ctx context.Context, w *worker, j job) (r result) {
	r.name = j.name
	defer func() {
		if p := recover(); p != nil {
			r = result{name: j.name, err: fmt.Errorf("%s: internal error while decoding: %v", j.name, p)}
		}
	}()
	if j.manual != nil {
		sa := &store.Activity{SHA256: manualHash(j), SourceFile: j.name, Activity: j.manual}
		applyMeta(sa, j.meta)
		activity.Sanitize(sa.Activity)
		sa.Gear = activity.CleanText(sa.Gear, "gear name", &sa.Warnings)
		sa.Summary = activity.Compute(sa.Activity)
		r.acts = []*store.Activity{sa}
		return r
	}
	data := j.data
	if data == nil {
		var err error
		data, err = readFile(j.name, j.path, w.buf)
		if err != nil {
			r.err = err
			return r
		}
		if len(data) <= maxScratch {
			w.buf = data // reused for the next file: nothing keeps it
		}
	}
	r.nbytes = int64(len(data))
	data, format, err := unwrap(data, j.name)
	if err != nil {
		r.err = err
		return r
	}
	sumBytes := sha256.Sum256(data)
	hash := hex.EncodeToString(sumBytes[:])
	r.hash, r.meta = hash, j.meta
	if r.dups = im.storedFrom(ctx, hash); r.dups > 0 {
		return r
	}
	acts, err := analyse(im.Decoders, data, format, j.name, hash)
	if skip := (*decode.SkipError)(nil); errors.As(err, &skip) {
		r.skip = skip.Reason
		return r
	} else if err != nil {
		r.err = err
		return r
	}
	original := w.compress(data)
	for i, sa := range acts {
		applyMeta(sa, j.meta)
		if sa.Gear == "" && sa.Sport.IsRun() {
			sa.Gear = w.gear
		}
		// What an export's index gave it is cleaned as the file's own
		// texts were (activity.Sanitize in analyse).
		sa.Name = activity.CleanText(sa.Name, "name", &sa.Warnings)
		sa.Gear = activity.CleanText(sa.Gear, "gear name", &sa.Warnings)
		if i == 0 {
			sa.Original = original
		}
		if n := len(sa.Samples); n > 0 && n <= samplecodec.MaxSamples {
			// Encoded here, on every core, rather than in the store's
			// single writer, and then dropped: a result waiting for the
			// writer holds the encoding, about a tenth of their size. (Beyond
			// MaxSamples the store refuses the activity: leave that to it.)
			sa.EncodedSamples = samplecodec.Encode(sa.Samples)
			sa.Samples = nil
		}
		r.acts = append(r.acts, sa)
	}
	return r
}

// Analyse decodes an activity file's content (gzipped or not; the
// format is sniffed) with decoders and returns what importing it stores,
// but for the compressed original, the export's metadata and the default
// gear: each activity it holds with its SHA-256 (the content's, then
// hash#1, hash#2… for further activities of one file), source name name,
// format, samples and summary computed by activity.Compute. It returns a
// *decode.SkipError when the file is valid but holds no recorded
// activity, and an error naming the file when it cannot be read.
// `rebound reprocess` re-analyses stored originals with it, and importing
// a Rebound export restores activities from their originals with it.
func Analyse(decoders map[decode.Format]decode.Decoder, name string, data []byte) (acts []*store.Activity, err error) {
	defer func() {
		if p := recover(); p != nil {
			acts, err = nil, fmt.Errorf("%s: internal error while decoding: %v", name, p)
		}
	}()
	data, format, err := unwrap(data, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return analyse(decoders, data, format, name, hex.EncodeToString(sum[:]))
}

// analyse decodes data, of the given format and SHA-256, into the
// activities to store (see Analyse).
func analyse(decoders map[decode.Format]decode.Decoder, data []byte, format decode.Format, name, hash string) ([]*store.Activity, error) {
	dec := decoders[format]
	switch {
	case format == decode.Unknown:
		return nil, &decode.SkipError{File: name, Reason: "not a FIT, GPX or TCX file"}
	case format == decode.Zip:
		return nil, fmt.Errorf("%s: a zip archive inside a gzip file is not supported", name)
	case dec == nil:
		return nil, fmt.Errorf("%s: no decoder for %s files", name, format)
	}
	acts, err := dec(data, name)
	if err != nil {
		return nil, err
	}
	if len(acts) == 0 {
		return nil, &decode.SkipError{File: name, Reason: "the file holds no activity"}
	}
	// A multisport file's transitions (a few minutes between its swim,
	// ride and run) are not kept as activities of their own.
	acts = slices.DeleteFunc(acts, func(a *activity.Activity) bool { return a.Legs != nil && a.SubSport == transition })
	if len(acts) == 0 {
		return nil, &decode.SkipError{File: name, Reason: "the file holds only transitions"}
	}
	out := make([]*store.Activity, len(acts))
	for i, a := range acts {
		h := legHash(hash, i)
		if a.Format == "" {
			a.Format = string(format)
		}
		activity.Sanitize(a)
		out[i] = &store.Activity{SHA256: h, SourceFile: name, Activity: a, Summary: activity.Compute(a)}
	}
	return out, nil
}

// unwrap un-gzips data (repeatedly) and detects its format.
// unwrap un-gzips data (up to twice) and detects its format. A gzip
// stream is inflated through the limits (MaxFileBytes, MaxRatio) and
// sniffed from its first bytes: when they are not an activity file, the
// rest is never inflated and unwrap returns them with decode.Unknown.
func unwrap(data []byte, name string) ([]byte, decode.Format, error) {
	for depth := 0; ; depth++ {
		f := decode.Detect(data)
		if f != decode.Gzip {
			if len(data) == 0 {
				return nil, f, fmt.Errorf("%s: the file is empty", name)
			}
			return data, f, nil
		}
		if depth == 2 {
			return nil, f, fmt.Errorf("%s: gzip nested too deep", name)
		}
		br := bytes.NewReader(data)
		zr, err := gzip.NewReader(br) // br is a ByteReader: gzip reads no further than it needs
		if err != nil {
			return nil, f, fmt.Errorf("%s: gunzip: %w", name, err)
		}
		size := int64(len(data))
		m := &meter{r: zr, in: func() int64 { return size - int64(br.Len()) }, max: MaxFileBytes}
		head, err := sniff(m)
		if err == nil && decode.Detect(head) == decode.Unknown {
			return head, decode.Unknown, nil
		}
		if err == nil {
			data, err = m.readAll(head, 0)
		}
		var lerr *LimitError
		switch {
		case errors.As(err, &lerr):
			return nil, f, fmt.Errorf("%s: %w", name, err)
		case err != nil:
			return nil, f, fmt.Errorf("%s: gunzip: %w (the file is damaged or cut short)", name, err)
		}
	}
}

// storedFrom returns how many activities are stored from the content with
// this hash (a file can hold several: hash, hash#1, hash#2…), so that a
// re-import skips decoding and still counts every duplicate.
func (im *Importer) storedFrom(ctx context.Context, hash string) int {
	n := 0
	for {
		if ok, err := im.Store.HasActivityHash(ctx, legHash(hash, n)); err != nil || !ok {
			return n
		}
		n++
	}
}

func manualHash(j job) string {
	s := sha256.Sum256([]byte("manual\x00" + j.name))
	return hex.EncodeToString(s[:])
}
