// Command importbench runs one import-speed measurement over a corpus
// folder and prints it as one JSON line; one measurement per process keeps
// the peak RSS (VmHWM) clean.
//
//	importbench -mode import DIR        full import into a fresh SQLite database
//	importbench -mode decode DIR        bare muktihari/fit streaming decode (no-op listener)
//	importbench -mode fit DIR           Rebound's decode/fit Decode alone (split, CRC, reader, converter)
//	importbench -mode sha256 DIR        read + SHA-256 of each file
//	importbench -mode xml DIR           encoding/xml Unmarshal of each GPX/TCX file
//	importbench -mode rebound-xml DIR   decode/gpx, decode/tcx Decode of each file
//	importbench report FILE.jsonl       the table of a run's results (see report.go)
//
// The import uses ingest.Importer with cli.Decoders() and GOMAXPROCS
// workers, as `rebound import` does; its time runs from opening the new
// database to closing it. The other modes read each file into a reused
// buffer and process it on one goroutine. Every mode exits with status 1
// if any file failed (or, for the import, was not stored as new), so a
// figure is never printed for a run that did less than the whole corpus.
// MB are 10^6 bytes (as in `go test -bench`), RSS is in MiB.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/proto"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/fit"
	"github.com/rebound-run/rebound/decode/gpx"
	"github.com/rebound-run/rebound/decode/tcx"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/xmlbaseline"
	"github.com/rebound-run/rebound/store/sqlite"
)

// Result is the JSON line a measurement prints.
type Result struct {
	Label      string  `json:"label"`
	Mode       string  `json:"mode"`
	Files      int     `json:"files"`
	Activities int     `json:"activities"`
	MB         float64 `json:"mb"`
	Seconds    float64 `json:"seconds"`
	FilesPerS  float64 `json:"files_per_s"`
	ActsPerS   float64 `json:"activities_per_s"`
	MBPerS     float64 `json:"mb_per_s"`
	PeakRSSMiB float64 `json:"peak_rss_mib"`
	GOMAXPROCS int     `json:"gomaxprocs"`
	Workers    int     `json:"workers,omitempty"`
	Errors     int     `json:"errors"`
	Skipped    int     `json:"skipped,omitempty"`
	Duplicates int     `json:"duplicates,omitempty"`
	DBMB       float64 `json:"db_mb,omitempty"`
	Runtime    string  `json:"runtime"`
	FirstError string  `json:"first_error,omitempty"`
	CPUs       []int   `json:"cpus,omitempty"`
	// CPUSeconds is the user+system CPU time of the measured part.
	CPUSeconds float64 `json:"cpu_seconds"`
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "report" {
		if err := report(os.Args[2:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "importbench report:", err)
			os.Exit(1)
		}
		return
	}
	mode := flag.String("mode", "", "import, decode, fit, sha256, xml or rebound-xml")
	label := flag.String("label", "", "name of the measurement in the results (default: the mode)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the measured part to this file")
	memProfile := flag.String("memprofile", "", "write a heap (alloc) profile at the end to this file")
	flag.Parse()
	if *mode == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: importbench -mode import|decode|fit|sha256|xml|rebound-xml [-label L] DIR\n       importbench report FILE.jsonl")
		os.Exit(2)
	}
	if *label == "" {
		*label = *mode
	}
	dir := flag.Arg(0)
	files, total, err := listFiles(dir)
	if err != nil {
		fatal(err)
	}
	if len(files) == 0 {
		fatal(fmt.Errorf("no files in %s", dir))
	}
	r := &Result{Label: *label, Mode: *mode, Files: len(files), MB: float64(total) / 1e6,
		GOMAXPROCS: runtime.GOMAXPROCS(0), Runtime: runtime.Version(), CPUs: affinity()}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fatal(err)
		}
	}
	cpu0 := cpuSeconds()
	start := time.Now()
	switch *mode {
	case "import":
		err = runImport(dir, r)
	case "decode":
		err = perFile(files, r, bareDecoder())
	case "fit":
		err = perFile(files, r, func(data []byte, name string) (int, error) {
			acts, err := fit.Decode(data, name)
			return len(acts), err
		})
	case "sha256":
		err = perFile(files, r, func(data []byte, _ string) (int, error) {
			sum := sha256.Sum256(data)
			sink += int(sum[0])
			return 0, nil
		})
	case "xml":
		err = perFile(files, r, encodingXML)
	case "rebound-xml":
		err = perFile(files, r, reboundXML)
	default:
		err = fmt.Errorf("unknown mode %q", *mode)
	}
	elapsed := time.Since(start)
	r.CPUSeconds = cpuSeconds() - cpu0
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		fatal(err)
	}
	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			fatal(err)
		}
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			fatal(err)
		}
		f.Close()
	}

	r.Seconds = elapsed.Seconds()
	r.FilesPerS = float64(r.Files) / r.Seconds
	r.ActsPerS = float64(r.Activities) / r.Seconds
	r.MBPerS = r.MB / r.Seconds
	r.PeakRSSMiB = peakRSSMiB()
	line, _ := json.Marshal(r)
	fmt.Println(string(line))
	fmt.Fprintf(os.Stderr, "importbench %s: %d files, %.1f MB in %.2f s: %.1f MB/s, %.0f files/s, peak RSS %.1f MiB, CPU %.2f s (%.2f cores busy)\n",
		r.Label, r.Files, r.MB, r.Seconds, r.MBPerS, r.FilesPerS, r.PeakRSSMiB, r.CPUSeconds, r.CPUSeconds/r.Seconds)
	if r.Errors > 0 {
		fmt.Fprintf(os.Stderr, "importbench %s: %d file(s) failed, e.g. %s\n", r.Label, r.Errors, r.FirstError)
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "importbench:", err)
	os.Exit(1)
}

// sink keeps the compiler from dropping work whose result is unused.
var sink int

// listFiles returns the regular files under dir, recursively and sorted,
// hidden files and folders left out (as ingest does), and their total size.
func listFiles(dir string) ([]string, int64, error) {
	var files []string
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			files = append(files, p)
			total += fi.Size()
		}
		return nil
	})
	slices.Sort(files)
	return files, total, err
}

// runImport imports dir into a fresh database in a temporary folder.
func runImport(dir string, r *Result) error {
	tmp, err := os.MkdirTemp("", "rebound-bench-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tmp, "bench.db"))
	if err != nil {
		return err
	}
	r.Workers = runtime.GOMAXPROCS(0)
	im := &ingest.Importer{Store: db, Decoders: cli.Decoders(), Workers: r.Workers}
	rep, err := im.Import(ctx, []string{dir})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	r.Activities = rep.Imported
	r.Skipped = len(rep.Skipped)
	r.Duplicates = rep.Duplicates
	r.Errors = len(rep.Failed) + len(rep.Skipped) + rep.Duplicates
	switch {
	case len(rep.Failed) > 0:
		r.FirstError = rep.Failed[0].Error
	case len(rep.Skipped) > 0:
		r.FirstError = "skipped " + rep.Skipped[0].File + ": " + rep.Skipped[0].Reason
	case rep.Duplicates > 0:
		r.FirstError = fmt.Sprintf("%d duplicates: the corpus is not distinct", rep.Duplicates)
	}
	if rep.Files != r.Files {
		return fmt.Errorf("the import saw %d files, the folder has %d", rep.Files, r.Files)
	}
	var dbBytes int64
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			dbBytes += fi.Size()
		}
	}
	r.DBMB = float64(dbBytes) / 1e6
	return nil
}

// perFile reads each file into a reused buffer and passes it to fn, which
// returns the number of activities it found.
func perFile(files []string, r *Result, fn func(data []byte, name string) (int, error)) error {
	var buf []byte
	for _, p := range files {
		var err error
		buf, err = readInto(buf, p)
		if err != nil {
			return err
		}
		n, err := fn(buf, p)
		if err != nil {
			r.Errors++
			if r.FirstError == "" {
				r.FirstError = fmt.Sprintf("%s: %v", p, err)
			}
			continue
		}
		r.Activities += n
	}
	return nil
}

func readInto(buf []byte, p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if int64(cap(buf)) < fi.Size() {
		buf = make([]byte, fi.Size())
	}
	buf = buf[:fi.Size()]
	_, err = io.ReadFull(f, buf)
	return buf, err
}

type nopListener struct{}

func (nopListener) OnMesg(proto.Message) {}

// bareDecoder is decode/fit's BenchmarkBareListener: muktihari's
// streaming decode alone (one reused decoder, no-op listener, broadcast
// only, no checksum, default factory and component expansion), every FIT
// file of a chain.
func bareDecoder() func([]byte, string) (int, error) {
	var rd bytes.Reader
	opts := []decoder.Option{decoder.WithMesgListener(nopListener{}), decoder.WithBroadcastOnly(), decoder.WithIgnoreChecksum()}
	dec := decoder.New(&rd, opts...)
	return func(data []byte, _ string) (int, error) {
		rd.Reset(data)
		dec.Reset(&rd, opts...)
		n := 0
		for dec.Next() {
			if _, err := dec.Decode(); err != nil {
				return 0, err
			}
			n++
		}
		if n == 0 {
			return 0, errors.New("no FIT data")
		}
		return 1, nil
	}
}

// reboundXML decodes a GPX or TCX file with Rebound's decoder.
func reboundXML(data []byte, name string) (int, error) {
	var dec decode.Decoder
	switch strings.ToLower(filepath.Ext(name)) {
	case ".gpx":
		dec = gpx.Decode
	case ".tcx":
		dec = tcx.Decode
	default:
		return 0, fmt.Errorf("not a .gpx or .tcx file")
	}
	acts, err := dec(data, name)
	return len(acts), err
}

// encodingXML is the baseline: xml.Unmarshal into plain structs holding
// what Rebound's decoders read (internal/xmlbaseline, the structs of
// decode/gpx's and decode/tcx's BenchmarkEncodingXML; times stay strings,
// so the baseline does less work than Decode).
func encodingXML(data []byte, name string) (int, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".gpx":
		var doc xmlbaseline.GPX
		if err := xml.Unmarshal(data, &doc); err != nil {
			return 0, err
		}
		return len(doc.Tracks), nil
	case ".tcx":
		var doc xmlbaseline.TCX
		if err := xml.Unmarshal(data, &doc); err != nil {
			return 0, err
		}
		return len(doc.Activities), nil
	}
	return 0, fmt.Errorf("not a .gpx or .tcx file")
}

// peakRSSMiB is the process's peak resident set size: VmHWM from
// /proc/self/status, else getrusage's ru_maxrss.
func peakRSSMiB() float64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
				if err == nil {
					return kb / 1024
				}
			}
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		return float64(ru.Maxrss) / 1024
	}
	return 0
}

// cpuSeconds is the user+system CPU time the process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// affinity lists the CPUs the process may run on (Cpus_allowed_list).
func affinity() []int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return nil
	}
	for _, line := range strings.Split(string(b), "\n") {
		rest, ok := strings.CutPrefix(line, "Cpus_allowed_list:")
		if !ok {
			continue
		}
		var cpus []int
		for _, part := range strings.Split(strings.TrimSpace(rest), ",") {
			lo, hi, found := strings.Cut(part, "-")
			a, err1 := strconv.Atoi(lo)
			b := a
			var err2 error
			if found {
				b, err2 = strconv.Atoi(hi)
			}
			if err1 != nil || err2 != nil {
				return nil
			}
			for c := a; c <= b; c++ {
				cpus = append(cpus, c)
			}
		}
		return cpus
	}
	return nil
}
