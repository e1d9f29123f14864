// Command mkcorpus builds the benchmark corpora from the real activity
// files of the shared test corpus (../shared/testdata), without copying
// those files into the repository.
//
//	mkcorpus -n 1000 -out bench/out/corpus/fit-1000      # FIT corpus
//	mkcorpus -xml -copies 10 -out bench/out/corpus/xml    # GPX and TCX corpus
//
// FIT: the pool is every FIT file the manifest expects to import, except
// those Garmin's JavaScript SDK cannot read (noted in the manifest's
// decoder_notes), so that every decoder compared reads the same bytes.
// Copy i (0-based) is pool[i % len(pool)], sorted by path, with every
// date_time field (timestamp, start_time, time_created, local_timestamp,
// …) moved forward by a distinct multiple of 65536 s and the file CRCs
// recomputed; see fitshift.go. Each pool file is checked once before use
// (verify.go): muktihari/fit must decode the shifted copy into the same
// messages with only the date_time values moved, and Rebound's decode/fit
// must return the same activities with every time moved. A file failing
// that is left out of the pool, with a note on stderr. Offsets are chosen
// so that every copy's activities start more than two minutes from any
// other activity of the same sport (Rebound treats a start within a
// minute as a duplicate), and every copy has a distinct SHA-256.
//
// XML: -copies copies of every GPX and TCX file the manifest expects to
// import, with every ISO date-time in the text moved by a distinct offset.
//
// The output is deterministic. It is written to OUT.tmp and renamed to OUT
// when complete, with a list of the copies in OUT.tsv.
package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/gpx"
	"github.com/rebound-run/rebound/decode/tcx"
	"github.com/rebound-run/rebound/internal/corpus"
)

// probeOffset is the offset each pool file is verified with.
const probeOffset = 7 * ShiftUnit

// minSeparation is how far apart two activities of the same sport must
// start (Rebound's duplicate window is a minute).
const minSeparation = 2 * 60

func main() {
	testdata := flag.String("testdata", "", "the shared test corpus (default: ../shared/testdata beside the repository)")
	out := flag.String("out", "", "output folder (required); it must not exist")
	n := flag.Int("n", 1000, "number of FIT files")
	xmlMode := flag.Bool("xml", false, "build the GPX/TCX corpus instead")
	copies := flag.Int("copies", 10, "with -xml: copies of each GPX and TCX file")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *testdata == "" {
		*testdata = defaultTestdata()
	}
	var err error
	if *xmlMode {
		err = buildXML(*testdata, *out, *copies)
	} else {
		err = buildFIT(*testdata, *out, *n)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkcorpus:", err)
		os.Exit(1)
	}
}

// defaultTestdata is ../shared/testdata beside the repository holding the
// working directory.
func defaultTestdata() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared", "testdata")
		}
		if filepath.Dir(d) == d {
			return filepath.Join("..", "shared", "testdata")
		}
	}
}

// readManifest reads the corpus manifest, sorted by path.
func readManifest(testdata string) ([]corpus.Entry, error) {
	rows, err := corpus.ReadManifest(testdata)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rows, func(a, b corpus.Entry) int { return strings.Compare(a.Path, b.Path) })
	return rows, nil
}

// poolFile is a FIT file of the pool, planned and verified.
type poolFile struct {
	rel  string
	data []byte
	plan *fitPlan
	acts []*activity.Activity // decoded from the original
}

// fitPool reads, plans and verifies the FIT files of the pool.
func fitPool(testdata string) ([]poolFile, error) {
	rows, err := readManifest(testdata)
	if err != nil {
		return nil, err
	}
	var pool []poolFile
	for _, r := range rows {
		if r.Format != "fit" || r.Expect != "import" {
			continue
		}
		if strings.Contains(r.Get("decoder_notes"), "Garmin JS SDK") {
			fmt.Fprintf(os.Stderr, "mkcorpus: %s: left out (Garmin's JS SDK cannot decode it: %s)\n", r.Path, r.Get("decoder_notes"))
			continue
		}
		data, err := os.ReadFile(filepath.Join(testdata, r.Path))
		if err != nil {
			return nil, err
		}
		pf, err := preparePool(r.Path, data)
		if err != nil {
			fmt.Fprintf(os.Stderr, "mkcorpus: %s: left out: %v\n", r.Path, err)
			continue
		}
		pool = append(pool, pf)
	}
	if len(pool) == 0 {
		return nil, errors.New("no usable FIT file in " + testdata)
	}
	return pool, nil
}

// preparePool plans one file and verifies its round trip.
func preparePool(rel string, data []byte) (poolFile, error) {
	plan, err := planFIT(data)
	if err != nil {
		return poolFile{}, fmt.Errorf("plan: %w", err)
	}
	shifted, err := plan.apply(data, probeOffset)
	if err != nil {
		return poolFile{}, err
	}
	acts, err := verifyFIT(data, shifted, probeOffset)
	if err != nil {
		return poolFile{}, fmt.Errorf("round trip: %w", err)
	}
	return poolFile{rel: rel, data: data, plan: plan, acts: acts}, nil
}

// starts records the start of every activity placed so far, by sport, in
// minute buckets.
type starts map[activity.Sport]map[int64][]int64

func (s starts) free(sport activity.Sport, t int64) bool {
	for b := t/60 - 3; b <= t/60+3; b++ {
		for _, u := range s[sport][b] {
			if t-u < minSeparation && u-t < minSeparation {
				return false
			}
		}
	}
	return true
}

func (s starts) add(sport activity.Sport, t int64) {
	if s[sport] == nil {
		s[sport] = map[int64][]int64{}
	}
	s[sport][t/60] = append(s[sport][t/60], t)
}

func buildFIT(testdata, out string, n int) error {
	pool, err := fitPool(testdata)
	if err != nil {
		return err
	}
	return writeFIT(pool, out, n)
}

// writeFIT writes n shifted copies of the pool's files to out.
func writeFIT(pool []poolFile, out string, n int) error {
	tmp, err := startOutput(out)
	if err != nil {
		return err
	}
	var list bytes.Buffer
	list.WriteString("file\tsource\toffset_s\tbytes\tsport\tstart_utc\tsha256\n")
	placed := starts{}
	hashes := map[[32]byte]string{}
	width := len(fmt.Sprint(n))
	var total int64
	k := uint32(0) // offsets are k*ShiftUnit, k strictly increasing
	for i := range n {
		src := pool[i%len(pool)]
	next:
		for {
			k++
			off := k * ShiftUnit
			if off/ShiftUnit != k || off > src.plan.maxOffset() {
				return fmt.Errorf("%s: ran out of offsets at copy %d", src.rel, i+1)
			}
			for _, a := range src.acts {
				if !placed.free(a.Sport, a.Start.Unix()+int64(off)) {
					continue next
				}
			}
			break
		}
		off := k * ShiftUnit
		data, err := src.plan.apply(src.data, off)
		if err != nil {
			return fmt.Errorf("%s: %w", src.rel, err)
		}
		sum := sha256.Sum256(data)
		name := fmt.Sprintf("%0*d_%s", width, i+1, filepath.Base(src.rel))
		if other, dup := hashes[sum]; dup {
			return fmt.Errorf("%s has the same content as %s", name, other)
		}
		hashes[sum] = name
		for _, a := range src.acts {
			placed.add(a.Sport, a.Start.Unix()+int64(off))
		}
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return err
		}
		total += int64(len(data))
		a := src.acts[0]
		fmt.Fprintf(&list, "%s\t%s\t%d\t%d\t%s\t%s\t%x\n", name, src.rel, off, len(data), a.Sport,
			a.Start.Add(time.Duration(off)*time.Second).UTC().Format(time.RFC3339), sum)
	}
	if err := finishOutput(tmp, out, list.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mkcorpus: %d FIT files, %.1f MB, from a pool of %d, in %s\n", n, float64(total)/1e6, len(pool), out)
	return nil
}

func buildXML(testdata, out string, copies int) error {
	rows, err := readManifest(testdata)
	if err != nil {
		return err
	}
	decoders := map[string]decode.Decoder{"gpx": gpx.Decode, "tcx": tcx.Decode}
	type source struct {
		rel, format string
		data        []byte
	}
	var pool []source
	for _, r := range rows {
		dec := decoders[r.Format]
		if dec == nil || r.Expect != "import" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(testdata, r.Path))
		if err != nil {
			return err
		}
		// Check the rewrite: the same activities, every time moved.
		probe := time.Duration(probeOffset) * time.Second
		want, err1 := dec(data, r.Path)
		got, err2 := dec(shiftXML(data, probe), r.Path)
		if err := errors.Join(err1, err2); err != nil || len(want) != len(got) || !sameShifted(want, got, probe) {
			fmt.Fprintf(os.Stderr, "mkcorpus: %s: left out: the shifted copy does not decode to the same activities (%v)\n", r.Path, err)
			continue
		}
		pool = append(pool, source{rel: r.Path, format: r.Format, data: data})
	}
	tmp, err := startOutput(out)
	if err != nil {
		return err
	}
	var list bytes.Buffer
	list.WriteString("file\tsource\toffset_s\tbytes\n")
	var total int64
	for c := range copies {
		for j, src := range pool {
			off := time.Duration(c*len(pool)+j+1) * ShiftUnit * time.Second
			data := shiftXML(src.data, off)
			name := filepath.Join(src.format, fmt.Sprintf("%03d_%s", c+1, filepath.Base(src.rel)))
			if err := os.MkdirAll(filepath.Join(tmp, src.format), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
				return err
			}
			total += int64(len(data))
			fmt.Fprintf(&list, "%s\t%s\t%d\t%d\n", name, src.rel, int64(off/time.Second), len(data))
		}
	}
	if err := finishOutput(tmp, out, list.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mkcorpus: %d GPX/TCX files, %.1f MB, in %s\n", copies*len(pool), float64(total)/1e6, out)
	return nil
}

func sameShifted(want, got []*activity.Activity, d time.Duration) bool {
	for i := range want {
		if !equalActivities(shiftActivity(want[i], d), got[i]) {
			return false
		}
	}
	return true
}

// equalActivities compares two activities, absent (NaN) values equal.
func equalActivities(a, b *activity.Activity) bool {
	return reflect.DeepEqual(nanFree(a), nanFree(b))
}

// startOutput creates OUT.tmp (removing a leftover one); out itself must
// not exist.
func startOutput(out string) (string, error) {
	if _, err := os.Stat(out); err == nil {
		return "", fmt.Errorf("%s exists; remove it first", out)
	}
	tmp := out + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return "", err
	}
	return tmp, os.MkdirAll(tmp, 0o755)
}

// finishOutput writes the list of copies and renames OUT.tmp to OUT.
func finishOutput(tmp, out string, list []byte) error {
	if err := os.WriteFile(out+".tsv", list, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}
