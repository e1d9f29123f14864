// Command hostilebench measures what the hostile files of issue #12 cost
// an import: wall time, CPU time (which a loaded machine inflates less),
// peak memory (the child process's peak RSS) and
// peak temporary disk (the size of the child's own TMPDIR, sampled every
// 10 ms), for the CLI's path (ingest.Importer.Import of paths) and the
// server's upload path (ingest.Importer.ImportFiles, with uploads above
// 8 MiB spilled to disk first, as server.readUpload does).
//
//	hostilebench [-dir DIR] [-timeout 120s] [-only NAME,...]
//
// It builds the files once under DIR/files (internal/hostile), then runs
// each case in a child process of its own (the same binary with -child) on
// a fresh SQLite database and prints one Markdown table row per case. A
// child still running at -timeout is killed and its row says so, with the
// peaks reached until then.
//
// To measure code from before a change, build this command in a checkout
// of that code (it uses only ingest's public API, which it shares).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/internal/hostile"
	"github.com/rebound-run/rebound/store/sqlite"
)

// A case is one measurement: its files, how they are imported, and with
// how many workers (0: GOMAXPROCS).
type benchCase struct {
	name, what string
	mode       string // "cli", "upload" or "upload3" (three uploads at once)
	workers    int
	files      []string // under DIR/files
}

var cases = []benchCase{
	{"nested-bomb", "10.5 MB zip whose nested zip is 10 GiB", "cli", 0, []string{"nested-bomb.zip"}},
	{"nested-bomb-upload", "the same, uploaded", "upload", 0, []string{"nested-bomb.zip"}},
	{"zeros-zip", "10 MB zip of forty 256 MiB entries of zeros", "cli", 0, []string{"zeros.zip"}},
	{"zeros-zip-upload", "the same, uploaded", "upload", 0, []string{"zeros.zip"}},
	{"zeros-zip-upload-x3", "the same, three uploads at once", "upload3", 0, []string{"zeros.zip"}},
	{"name-32MB", "GPX with a 32 MB <name>", "cli", 0, []string{"name-32MB.gpx"}},
	{"spaces-gpx-gz", "245 KB .gpx.gz: 240 MB of spaces in a name", "cli", 0, []string{"spaces.gpx.gz"}},
	{"spaces-32KB-upload", "32 KB .gpx.gz upload: 32 MB of spaces in a name", "upload", 0, []string{"spaces-32KB.gpx.gz"}},
	{"fit-5M", "FIT of 5,000,000 records, then a good GPX, one worker", "cli", 1, []string{"a-5M-records.fit", "b-good.gpx"}},
	{"fit-5M-upload", "the same, uploaded", "upload", 1, []string{"a-5M-records.fit", "b-good.gpx"}},
}

func main() {
	child := flag.Bool("child", false, "run one import (internal)")
	mode := flag.String("mode", "cli", "with -child: cli, upload or upload3")
	workers := flag.Int("workers", 0, "with -child: decoding goroutines")
	dbPath := flag.String("db", "", "with -child: the database")
	dir := flag.String("dir", "bench/out/hostile", "where the files are built")
	timeout := flag.Duration("timeout", 120*time.Second, "kill a case after this long")
	only := flag.String("only", "", "comma-separated case names")
	flag.Parse()
	if *child {
		if err := runChild(*mode, *workers, *dbPath, flag.Args()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	files := filepath.Join(*dir, "files")
	if err := build(files); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("| case | what | path | s | CPU s | peak RSS MiB | peak temp MiB | outcome |")
	fmt.Println("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |")
	for _, c := range cases {
		if *only != "" && !strings.Contains(","+*only+",", ","+c.name+",") {
			continue
		}
		r := measure(self, *dir, files, c, *timeout)
		fmt.Printf("| %s | %s | %s | %.1f | %.1f | %.0f | %.0f | %s |\n", c.name, c.what, c.mode, r.took.Seconds(),
			r.cpu.Seconds(), float64(r.rssKB)/1024, float64(r.tempPeak)/(1<<20), r.outcome)
	}
}

type result struct {
	took     time.Duration
	cpu      time.Duration // user and system CPU time of the child
	rssKB    int64
	tempPeak int64
	outcome  string
}

// measure runs one case in a child process with a TMPDIR of its own.
func measure(self, dir, files string, c benchCase, timeout time.Duration) result {
	work, err := os.MkdirTemp(dir, "run-*")
	if err != nil {
		return result{outcome: err.Error()}
	}
	defer os.RemoveAll(work)
	tmp := filepath.Join(work, "tmp")
	os.Mkdir(tmp, 0o755)
	args := []string{"-child", "-mode", c.mode, "-workers", fmt.Sprint(c.workers), "-db", filepath.Join(work, "db.sqlite")}
	for _, f := range c.files {
		args = append(args, filepath.Join(files, f))
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	var peak int64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			if n := hostile.DiskUse(tmp); n > peak {
				peak = n
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start)
	close(done)
	wg.Wait()
	r := result{took: took, tempPeak: peak}
	if cmd.ProcessState != nil {
		r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.rssKB = ru.Maxrss
		}
	}
	switch {
	case ctx.Err() != nil:
		r.outcome = fmt.Sprintf("**killed after %s**", timeout)
	case err != nil:
		r.outcome = "import error: " + firstLine(errOut.String())
	default:
		r.outcome = strings.TrimSpace(out.String())
	}
	return r
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// runChild imports files into a fresh database and prints the outcome.
func runChild(mode string, workers int, dbPath string, paths []string) error {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	im := &ingest.Importer{Store: db, Decoders: cli.Decoders(), Workers: workers}
	var reps []*ingest.Report
	switch mode {
	case "cli":
		rep, err := im.Import(ctx, paths)
		if err != nil {
			return err
		}
		reps = append(reps, rep)
	case "upload", "upload3":
		n := 1
		if mode == "upload3" {
			n = 3
		}
		reps = make([]*ingest.Report, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				files, cleanup, err := uploads(paths)
				defer cleanup()
				if err != nil {
					errs[i] = err
					return
				}
				reps[i], errs[i] = im.ImportFiles(ctx, files)
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("unknown mode %q", mode)
	}
	var parts []string
	for _, rep := range reps {
		s := fmt.Sprintf("%d imported, %d skipped, %d failed", rep.Imported, len(rep.Skipped), len(rep.Failed))
		if len(rep.Failed) > 0 {
			s += ": " + firstLine(rep.Failed[0].Error)
		} else if len(rep.Skipped) > 0 {
			s += ": " + firstLine(rep.Skipped[0].Reason)
		}
		parts = append(parts, s)
	}
	b, _ := json.Marshal(strings.Join(parts, "; "))
	fmt.Println(strings.Trim(string(b), `"`))
	return nil
}

// spillAbove is server.spillAbove: the server keeps an upload up to this
// size in memory and spills a larger one to a temporary file.
const spillAbove = 8 << 20

// uploads reads files as the server reads uploads.
func uploads(paths []string) ([]ingest.File, func(), error) {
	var temps []string
	cleanup := func() {
		for _, p := range temps {
			os.Remove(p)
		}
	}
	var files []ingest.File
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, cleanup, err
		}
		name := filepath.Base(p)
		if fi.Size() <= spillAbove {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, cleanup, err
			}
			files = append(files, ingest.File{Name: name, Data: data})
			continue
		}
		tmp, err := os.CreateTemp("", "rebound-upload-*")
		if err != nil {
			return nil, cleanup, err
		}
		temps = append(temps, tmp.Name())
		src, err := os.Open(p)
		if err == nil {
			_, err = tmp.ReadFrom(src)
			src.Close()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, cleanup, err
		}
		files = append(files, ingest.File{Name: name, Path: tmp.Name()})
	}
	return files, cleanup, nil
}

// build writes the hostile files into dir, skipping those already there.
func build(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	write := func(name string, fn func(f *os.File) error) error {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return nil
		}
		f, err := os.Create(p + ".part")
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			f.Close()
			return fmt.Errorf("build %s: %w", name, err)
		}
		if err := f.Close(); err != nil {
			return err
		}
		return os.Rename(p+".part", p)
	}
	start := time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC)
	steps := []struct {
		name string
		fn   func(f *os.File) error
	}{
		{"nested-bomb.zip", func(f *os.File) error {
			inner, err := hostile.ZipContent("activity.fit", 0, 10<<30)
			if err != nil {
				return err
			}
			return hostile.WriteZip(f, []hostile.Entry{{Name: "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", Content: inner}})
		}},
		{"zeros.zip", func(f *os.File) error {
			var es []hostile.Entry
			for i := range 40 {
				es = append(es, hostile.Entry{Name: fmt.Sprintf("activities/%d.fit", 1000+i), Content: hostile.Content{N: 256 << 20}})
			}
			return hostile.WriteZip(f, es)
		}},
		{"name-32MB.gpx", func(f *os.File) error {
			c := hostile.GPX('a', 32<<20)
			for _, b := range [][]byte{c.Prefix, bytes.Repeat([]byte{'a'}, int(c.N)), c.Suffix} {
				if _, err := f.Write(b); err != nil {
					return err
				}
			}
			return nil
		}},
		{"spaces.gpx.gz", func(f *os.File) error { return hostile.GPX(' ', 240<<20).WriteGzip(f) }},
		{"spaces-32KB.gpx.gz", func(f *os.File) error { return hostile.GPX(' ', 32<<20).WriteGzip(f) }},
		{"a-5M-records.fit", func(f *os.File) error { return hostile.WriteFIT(f, 5_000_000, start, 150) }},
		{"b-good.gpx", func(f *os.File) error {
			c := hostile.GPX('a', 10)
			_, err := f.Write(append(append(c.Prefix, bytes.Repeat([]byte{'a'}, 10)...), c.Suffix...))
			return err
		}},
	}
	for _, s := range steps {
		if err := write(s.name, s.fn); err != nil {
			return err
		}
	}
	return nil
}
