//go:build unix

package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rebound-run/rebound/web"
)

// The Content-Security-Policy the server is expected to send.
// (frame-ancestors 'self' rather than 'none' only so that the test can
// frame the page at phone width.)
const strictCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'; report-uri /csp-report"

// browser finds a Chromium to drive, or skips the test.
func browser(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH")
	return ""
}

// checkResult is what testdata/check.js posts.
type checkResult struct {
	Width, Height, ScrollWidth int
	Overflow                   []string
	NavLinks                   int
	NavHidden                  []string
	Dark                       bool
	Charts, Routes             int
	CSP, Errors                []string
	Violations                 []struct {
		ID, Impact, Help string
		Nodes            []string
	}
}

// harness serves the style guide the way the server will: assets under
// /static/, a strict CSP on every response.
type harness struct {
	srv     *httptest.Server
	mu      sync.Mutex
	reports []string
	results chan checkResult
}

func newHarness(t *testing.T, html string) *harness {
	h := &harness{results: make(chan checkResult, 1)}
	// check.js first in <head>, axe-core last in <body>.
	checked := strings.Replace(html, "<head>", `<head><script src="/testdata/check.js"></script>`, 1)
	checked = strings.Replace(checked, "</body>", `<script src="/testdata/axe.min.js" defer></script></body>`, 1)
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, body)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", page(html))
	mux.HandleFunc("GET /check", page(checked))
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(web.Static())))
	mux.Handle("GET /testdata/", http.StripPrefix("/testdata/", http.FileServer(http.Dir("testdata"))))
	// Headless Chromium windows are at least 500 px wide: narrower
	// viewports are an iframe of that width.
	mux.HandleFunc("GET /frame", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		fmt.Fprintf(w, `<!doctype html><html><body style="margin:0;background:#777"><iframe src="%s" width="%s" height="%s" style="border:0;display:block"></iframe></body></html>`,
			template.HTMLEscapeString(q.Get("src")), template.HTMLEscapeString(q.Get("w")), template.HTMLEscapeString(q.Get("h")))
	})
	mux.HandleFunc("POST /csp-report", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.reports = append(h.reports, string(b))
		h.mu.Unlock()
	})
	mux.HandleFunc("POST /result", func(w http.ResponseWriter, r *http.Request) {
		var res checkResult
		if err := json.NewDecoder(r.Body).Decode(&res); err != nil {
			t.Errorf("result: %v", err)
		}
		select {
		case h.results <- res:
		default:
		}
	})
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/frame" {
			w.Header().Set("Content-Security-Policy", strictCSP)
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// chromium runs the browser on url and returns when it exits, or kills its
// process group when stop is closed or after a minute.
func chromium(t *testing.T, bin string, stop <-chan struct{}, args ...string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	all := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
		"--disable-extensions", "--mute-audio", "--user-data-dir=" + t.TempDir()}, args...)
	cmd := exec.Command(bin, all...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("%v: %s", err, lastLines(stderr.String(), 5))
		}
		return nil
	case <-stop:
	case <-ctx.Done():
		t.Errorf("chromium timed out: %s", lastLines(stderr.String(), 5))
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	<-done
	return nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// scheme sets prefers-color-scheme for Chromium.
var schemes = map[string][]string{
	"light": {"--blink-settings=preferredColorScheme=1"},
	"dark":  {"--blink-settings=preferredColorScheme=0", "--force-dark-mode"},
}

// TestBrowser loads the style guide in headless Chromium on a desktop and a
// phone (375 px), light and dark, under the strict CSP: no CSP violation,
// no script error, every chart drawn, no horizontal overflow, every nav
// link in sight and reachable by a tap, and no serious or critical
// axe-core violation. With REBOUND_SCREENSHOTS=DIR it also saves
// screenshots there (viewport and full page, the full page also in parts).
func TestBrowser(t *testing.T) {
	bin := browser(t)
	shots := os.Getenv("REBOUND_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, render(t, web.StyleGuide()))
	for _, vp := range []struct {
		name string
		w, h int
	}{{"desktop", 1280, 900}, {"phone", 375, 667}} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(vp.name+"-"+scheme, func(t *testing.T) {
				stop := make(chan struct{})
				var res checkResult
				var got bool
				go func() {
					select {
					case res = <-h.results:
						got = true
					case <-time.After(50 * time.Second):
					}
					close(stop)
				}()
				args := append([]string{fmt.Sprintf("--window-size=%d,%d", max(vp.w, 500), vp.h)}, schemes[scheme]...)
				if err := chromium(t, bin, stop, append(args, h.url("/check", vp.w, vp.h))...); err != nil {
					t.Fatal(err)
				}
				<-stop
				if !got {
					t.Fatal("no result from check.js")
				}
				if res.Dark != (scheme == "dark") {
					t.Errorf("prefers-color-scheme: dark is %v", res.Dark)
				}
				for _, e := range res.CSP {
					t.Errorf("CSP violation: %s", e)
				}
				for _, e := range res.Errors {
					t.Errorf("script error: %s", e)
				}
				if res.Charts != 7 || res.Routes != 1 {
					t.Errorf("drew %d charts and %d routes, want 7 and 1", res.Charts, res.Routes)
				}
				if res.Width != vp.w {
					t.Errorf("viewport is %d px wide, want %d", res.Width, vp.w)
				}
				if res.ScrollWidth > res.Width {
					t.Errorf("page is %d px wide in a %d px viewport: %s", res.ScrollWidth, res.Width, strings.Join(res.Overflow, ", "))
				}
				// Every page of the navigation is in sight and one tap away.
				if res.NavLinks != len(web.Nav) || len(res.NavHidden) > 0 {
					t.Errorf("%d of %d nav links; out of sight or covered: %s", res.NavLinks, len(web.Nav), strings.Join(res.NavHidden, ", "))
				}
				for _, v := range res.Violations {
					msg := fmt.Sprintf("axe %s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Error(msg)
					} else {
						t.Log(msg)
					}
				}
				if shots == "" {
					return
				}
				base := filepath.Join(shots, "styleguide-"+vp.name+"-"+scheme)
				for _, s := range []struct {
					file string
					h    int
				}{{base + ".png", vp.h}, {base + "-full.png", max(res.Height, vp.h)}} {
					args := append([]string{fmt.Sprintf("--window-size=%d,%d", max(vp.w, 500), s.h), "--screenshot=" + s.file, "--virtual-time-budget=4000"}, schemes[scheme]...)
					if err := chromium(t, bin, nil, append(args, h.url("/", vp.w, s.h))...); err != nil {
						t.Fatal(err)
					}
					if vp.w < 500 {
						if err := crop(s.file, vp.w); err != nil {
							t.Fatal(err)
						}
					}
				}
				if err := split(base+"-full.png", map[string]int{"desktop": 1400, "phone": 1500}[vp.name]); err != nil {
					t.Error(err)
				}
			})
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, r := range h.reports {
		t.Errorf("CSP report: %s", r)
	}
}

// url is the address of path in a viewport w px wide and h px high.
func (h *harness) url(path string, w, ht int) string {
	if w >= 500 {
		return h.srv.URL + path
	}
	return fmt.Sprintf("%s/frame?w=%d&h=%d&src=%s", h.srv.URL, w, ht, url.QueryEscape(path))
}

// crop keeps the left w pixels of a screenshot.
func crop(file string, w int) error {
	img, err := readPNG(file)
	if err != nil {
		return err
	}
	b := img.Bounds()
	return writePNG(file, img.(subImager).SubImage(image.Rect(b.Min.X, b.Min.Y, b.Min.X+w, b.Max.Y)))
}

type subImager interface {
	SubImage(image.Rectangle) image.Image
}

func readPNG(file string) (image.Image, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

func writePNG(file string, img image.Image) error {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// split cuts a tall screenshot into parts of at most height pixels,
// written beside it as NAME-01.png, NAME-02.png…
func split(file string, height int) error {
	img, err := readPNG(file)
	if err != nil {
		return err
	}
	b := img.Bounds()
	for i, y := 1, b.Min.Y; y < b.Max.Y; i, y = i+1, y+height {
		part := img.(subImager).SubImage(image.Rect(b.Min.X, y, b.Max.X, min(y+height, b.Max.Y)))
		if err := writePNG(fmt.Sprintf("%s-%02d.png", strings.TrimSuffix(file, ".png"), i), part); err != nil {
			return err
		}
	}
	return nil
}
