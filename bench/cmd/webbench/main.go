// Command webbench measures the web app's speed with the demo season
// loaded: a load client on loopback drives the Today page, a run page and
// /api/v1/today (and, as the ceiling, a static asset), and reports
// requests/s and p50/p99 latency per route, plus each page's weight (HTML
// and the CSS and JS it loads).
//
//	go run ./bench/cmd/webbench [-duration 10s] [-clients 8]
//
// It builds the demo database through `rebound demo` in a temporary
// directory, then serves it in-process with the real templates and
// assets. Latency is measured at the client over loopback, so it is an
// upper bound of the server's time.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/web"
)

func main() {
	duration := flag.Duration("duration", 10*time.Second, "how long to drive each route")
	clients := flag.Int("clients", 8, "concurrent clients")
	only := flag.String("only", "", "drive only the routes whose name contains this")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "webbench:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "webbench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*duration, *clients, *only); err != nil {
		fmt.Fprintln(os.Stderr, "webbench:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(duration time.Duration, clients int, only string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "rebound-webbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	dbPath := filepath.Join(dir, "demo.db")
	var out bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: os.Stderr, Getenv: func(string) string { return "" }}
	// The club demo: the runner (user 1) and four club-mates, all
	// granting access to a coach, for the coach's table.
	if code := cli.Main(ctx, []string{"--db", dbPath, "demo", "--club", "--dir", filepath.Join(dir, "season")}, env); code != 0 {
		return fmt.Errorf("demo exited %d:\n%s", code, out.String())
	}
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	users, err := db.FindUsers(ctx)
	if err != nil {
		return err
	}
	sessions := map[string]*http.Cookie{}
	now := time.Now()
	for _, u := range users {
		secret := account.NewSecret()
		if err := db.CreateSession(ctx, account.Session{Hash: account.HashSecret(secret), UserID: u.ID, CSRF: account.NewSecret(),
			CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			return err
		}
		sessions[u.Name] = &http.Cookie{Name: "rebound_session", Value: secret}
	}
	cookie, coachCookie := sessions[users[0].Name], sessions[cli.DemoCoach]
	if users[0].ID != store.LocalAthleteID || coachCookie == nil {
		return fmt.Errorf("the club demo has no runner as user 1 or no coach: %v", users)
	}
	acts, _, err := db.FindActivities(ctx, store.ActivityFilter{Limit: 1})
	if err != nil || len(acts) == 0 {
		return fmt.Errorf("no demo activities: %v", err)
	}
	tmpl, err := web.Templates(nil)
	if err != nil {
		return err
	}
	srv, err := server.New(server.Config{DB: db, Templates: tmpl, Static: web.Static(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	// The server's own time per request (from the handler's start to its
	// last byte written), beside the latency the clients see.
	var timing serverTimes
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		srv.ServeHTTP(w, r)
		timing.add(time.Since(t0))
	}))
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients * 2}}

	run := fmt.Sprintf("/runs/%d", acts[0].ID)
	same := func(p string) func(int) string { return func(int) string { return p } }
	routes := []struct {
		name  string
		path  func(i int) string
		coach bool // as the coach
	}{
		{"Today page", same("/"), false},
		{"run page", same(run), false},
		// Every request a different pair of weights: the page is drawn
		// afresh each time (the page cache never has it), as after a write.
		{"run page, drawn afresh", func(i int) string {
			return fmt.Sprintf("%s?before=70&after=%.6f", run, 69+float64(i)/1e6)
		}, false},
		{"/api/v1/today", same("/api/v1/today"), false},
		{"Runs page", same("/runs"), false},
		{"Soreness page", same("/soreness"), false},
		{"Load page", same("/load"), false},
		{"Week page", same("/week"), false},
		{"Model page", same("/model"), false},
		{"Check-in page", same("/checkin"), false},
		{"Profile page", same("/profile"), false},
		{"Coach page (5 athletes)", same("/coach"), true},
		{"the runner's Today, as the coach", same("/athletes/1"), true},
		{"static app.css (ceiling)", same(web.AssetPath("app.css")), false},
	}
	fmt.Printf("machine: %d cores (GOMAXPROCS %d), %s; demo season: %d activities; %d clients, %s per route\n\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), countActs(ctx, db), clients, duration)
	fmt.Println("| route | requests/s | client p50 ms | client p99 ms | client max ms | server p50 ms | server p99 ms | errors |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range routes {
		if !strings.Contains(r.name, only) {
			continue
		}
		timing.reset()
		who := cookie
		if r.coach {
			who = coachCookie
		}
		res := drive(client, ts.URL, r.path, who, clients, duration)
		sp50, sp99 := timing.quantiles()
		fmt.Printf("| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |\n", r.name, res.rps, ms(res.p50), ms(res.p99), ms(res.max),
			ms(sp50), ms(sp99), res.errors)
	}
	fmt.Println()
	fmt.Println("| page | HTML KB | CSS + JS KB | total KB (target < 300) |")
	fmt.Println("| --- | ---: | ---: | ---: |")
	for _, r := range routes[:2] {
		html, assets, err := weight(client, ts.URL, r.path(0), cookie)
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %.1f | %.1f | %.1f |\n", r.name, kb(html), kb(assets), kb(html+assets))
	}
	return nil
}

func countActs(ctx context.Context, db *sqlite.DB) int {
	_, n, _ := db.FindActivities(ctx, store.ActivityFilter{Limit: 1})
	return n
}

type result struct {
	rps           float64
	p50, p99, max time.Duration
	errors        int
}

// drive runs clients goroutines requesting url for d.
func drive(c *http.Client, base string, path func(int) string, cookie *http.Cookie, clients int, d time.Duration) result {
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for time.Now().Before(stop) {
				req, _ := http.NewRequest("GET", base+path(int(n.Add(1))), nil)
				req.AddCookie(cookie)
				t0 := time.Now()
				res, err := c.Do(req)
				if err != nil {
					bad++
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					bad++
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	if len(lat) == 0 {
		return result{errors: errs}
	}
	q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	return result{rps: float64(len(lat)) / d.Seconds(), p50: q(0.5), p99: q(0.99), max: lat[len(lat)-1], errors: errs}
}

var assetRe = regexp.MustCompile(`(?:href|src|data-uplot)="(/static/[^"]+)"`)

// weight returns the bytes of a page's HTML and of the CSS and JS it loads.
func weight(c *http.Client, base, path string, cookie *http.Cookie) (html, assets int, err error) {
	get := func(p string) ([]byte, error) {
		req, _ := http.NewRequest("GET", base+p, nil)
		req.AddCookie(cookie)
		res, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		return io.ReadAll(res.Body)
	}
	page, err := get(path)
	if err != nil {
		return 0, 0, err
	}
	seen := map[string]bool{}
	for _, m := range assetRe.FindAllStringSubmatch(string(page), -1) {
		u := strings.ReplaceAll(m[1], "&amp;", "&")
		if seen[u] || !(strings.Contains(u, ".css") || strings.Contains(u, ".js")) {
			continue
		}
		seen[u] = true
		b, err := get(u)
		if err != nil {
			return 0, 0, err
		}
		assets += len(b)
	}
	return len(page), assets, nil
}

// serverTimes collects the server's time per request.
type serverTimes struct {
	mu  sync.Mutex
	lat []time.Duration
}

func (s *serverTimes) add(d time.Duration) {
	s.mu.Lock()
	s.lat = append(s.lat, d)
	s.mu.Unlock()
}

func (s *serverTimes) reset() {
	s.mu.Lock()
	s.lat = s.lat[:0]
	s.mu.Unlock()
}

func (s *serverTimes) quantiles() (p50, p99 time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.lat) == 0 {
		return 0, 0
	}
	slices.Sort(s.lat)
	q := func(p float64) time.Duration { return s.lat[min(len(s.lat)-1, int(p*float64(len(s.lat))))] }
	return q(0.5), q(0.99)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
func kb(n int) float64           { return float64(n) / 1024 }
