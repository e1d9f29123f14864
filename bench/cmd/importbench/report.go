package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// The labels bench/run.sh gives its measurements, in table order, with
// what each one is.
var labels = []struct{ label, what string }{
	{"sha256", "read + SHA-256 of each file, 1 core"},
	{"decode", "bare muktihari/fit streaming decode, 1 core"},
	{"fit", "Rebound's decode/fit Decode alone, 1 core"},
	{"fitsdk", "Garmin @garmin/fitsdk decode (node), 1 core"},
	{"import-1", "full import (hash, decode, metrics, store), 1 core"},
	{"import-2", "full import, 2 cores"},
	{"import-1-10k", "full import of 10,000 files, 1 core"},
	{"import-2-10k", "full import of 10,000 files, 2 cores"},
	{"gpx-xml", "GPX: encoding/xml Unmarshal, 1 core"},
	{"gpx-rebound-xml", "GPX: decode/gpx Decode, 1 core"},
	{"tcx-xml", "TCX: encoding/xml Unmarshal, 1 core"},
	{"tcx-rebound-xml", "TCX: decode/tcx Decode, 1 core"},
}

// summary is every run of one label: the fastest, and the highest peak RSS.
type summary struct {
	best   Result
	runs   int
	maxRSS float64
}

// report prints the results in the JSON-lines files as two Markdown
// tables: the measurements (the fastest run of each label, the highest
// peak RSS of any run) and the ratios with their targets.
func report(files []string, w io.Writer) error {
	if len(files) == 0 {
		return fmt.Errorf("usage: importbench report FILE.jsonl...")
	}
	got := map[string]*summary{}
	var order []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if !strings.HasPrefix(line, "{") {
				continue
			}
			var r Result
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				f.Close()
				return fmt.Errorf("%s: %w", name, err)
			}
			s := got[r.Label]
			if s == nil {
				s = &summary{best: r}
				got[r.Label] = s
				order = append(order, r.Label)
			}
			s.runs++
			if r.Seconds < s.best.Seconds {
				s.best = r
			}
			s.maxRSS = max(s.maxRSS, r.PeakRSSMiB)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return err
		}
	}

	fmt.Fprintln(w, "| measurement | what | files | MB | activities | best s | MB/s | activities/s | MB per CPU-s | peak RSS MiB | runs |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	known := map[string]bool{}
	row := func(label, what string) {
		s := got[label]
		if s == nil {
			return
		}
		b := s.best
		perCPU := "–"
		if b.CPUSeconds > 0 {
			perCPU = fmt.Sprintf("%.1f", b.MB/b.CPUSeconds)
		}
		fmt.Fprintf(w, "| %s | %s | %d | %.1f | %d | %.2f | %.1f | %.0f | %s | %.1f | %d |\n",
			label, what, b.Files, b.MB, b.Activities, b.Seconds, b.MBPerS, b.ActsPerS, perCPU, s.maxRSS, s.runs)
	}
	for _, l := range labels {
		known[l.label] = true
		row(l.label, l.what)
	}
	for _, l := range order {
		if !known[l] {
			row(l, got[l].best.Mode)
		}
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "| ratio | measured | target | met |")
	fmt.Fprintln(w, "| --- | ---: | --- | --- |")
	speed := func(l string) (float64, bool) {
		if s := got[l]; s != nil {
			return s.best.MBPerS, true
		}
		return 0, false
	}
	rss := func(l string) (float64, bool) {
		if s := got[l]; s != nil {
			return s.maxRSS, true
		}
		return 0, false
	}
	ratio := func(name, num, den string, target float64, targetText string) {
		a, ok1 := speed(num)
		b, ok2 := speed(den)
		if !ok1 || !ok2 {
			return
		}
		r := a / b
		met := "–"
		if target > 0 {
			met = yesNo(r >= target)
		}
		fmt.Fprintf(w, "| %s | %.2fx | %s | %s |\n", name, r, targetText, met)
	}
	ratio("import (1 core) / bare muktihari decode", "import-1", "decode", 0.85, "≥ 0.85x")
	ratio("import (1 core) / @garmin/fitsdk", "import-1", "fitsdk", 6.5, "≈ 6.5x (0.85 × 45 / 6)")
	ratio("bare muktihari decode / @garmin/fitsdk", "decode", "fitsdk", 0, "(reference)")
	ratio("import (1 core) / Rebound's decode/fit alone", "import-1", "fit", 0, "(reference)")
	ratio("Rebound's decode/fit / bare muktihari decode", "fit", "decode", 0, "(reference)")
	ratio("import (1 core) / read + SHA-256", "import-1", "sha256", 0, "(reference)")
	ratio("import (2 cores) / import (1 core)", "import-2", "import-1", 1.7, "≥ 1.7x")
	ratio("import 10k (2 cores) / import 10k (1 core)", "import-2-10k", "import-1-10k", 1.7, "≥ 1.7x")
	ratio("GPX: decode/gpx / encoding/xml", "gpx-rebound-xml", "gpx-xml", 3, "≥ 3x")
	ratio("TCX: decode/tcx / encoding/xml", "tcx-rebound-xml", "tcx-xml", 3, "≥ 3x")
	for _, c := range []string{"1", "2"} {
		small, ok1 := rss("import-" + c)
		big, ok2 := rss("import-" + c + "-10k")
		if !ok1 || !ok2 {
			continue
		}
		cores := map[string]string{"1": "1 core", "2": "2 cores"}[c]
		fmt.Fprintf(w, "| import peak RSS, %s: 1,000 → 10,000 files | %.1f → %.1f MiB (%+.0f%%) | ≤ 64 MiB and flat (≤ +10%%) | %s |\n",
			cores, small, big, 100*(big/small-1), yesNo(max(small, big) <= 64 && big <= 1.1*small))
	}
	if a, ok := rss("fitsdk"); ok {
		if b, ok := rss("import-1"); ok {
			fmt.Fprintf(w, "| peak RSS @garmin/fitsdk / import (1 core) | %.1f / %.1f MiB | (reference) | – |\n", a, b)
		}
	}
	return nil
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}
