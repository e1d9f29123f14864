package server_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/server"
)

// rawRequest sends head (a request line and headers, no body) on a new
// connection and reads the answer. The body the headers announce is
// never sent, so a server that waits for it does not answer: the
// deadline turns that hang into a failure.
func rawRequest(t *testing.T, e *testEnv, head string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", e.ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(30 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer before the body was sent (%v): the server waits for a body its Content-Length already put over the limit", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// A body whose Content-Length is over its route's limit is refused (413)
// at once, before a byte of it is read: an upload over MaxUpload, on the
// API and on the upload page (whose CSRF check used to read the form
// first), and any other body over 1 MiB.
func TestContentLengthCheckedBeforeReading(t *testing.T) {
	e := newTestEnv(t, withTemplates, func(c *server.Config) { c.MaxUpload = 8 << 20 })
	b := e.signIn(e.ana)
	for _, tt := range []struct {
		name, head, want string
	}{
		{"API upload", "POST /api/v1/activities HTTP/1.1\r\nHost: rebound\r\nAuthorization: Bearer " + e.anaToken +
			"\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 300000000\r\n\r\n",
			`"code":"too_large","message":"the upload is larger than the 8 MB this server takes at a time`},
		{"upload page", "POST /upload HTTP/1.1\r\nHost: rebound\r\nCookie: " + b.cookie.Name + "=" + b.cookie.Value +
			"\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 8388609\r\n\r\n",
			"The upload is larger than the 8 MB this server takes at a time"},
		{"JSON body", "PUT /api/v1/profile HTTP/1.1\r\nHost: rebound\r\nAuthorization: Bearer " + e.anaToken +
			"\r\nContent-Type: application/json\r\nContent-Length: 1048577\r\n\r\n",
			`"message":"the request body is larger than 1 MB"`},
		{"sign-in form", "POST /login HTTP/1.1\r\nHost: rebound\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\n",
			"The request body is larger than 1 MB"},
		{"form post", "POST /checkin HTTP/1.1\r\nHost: rebound\r\nCookie: " + b.cookie.Name + "=" + b.cookie.Value +
			"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\n",
			"The request body is larger than 1 MB"},
	} {
		res, body := rawRequest(t, e, tt.head)
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d %.300s; want 413 saying %q", tt.name, res.StatusCode, body, tt.want)
		}
	}
	// A chunked body has no Content-Length: it fails when it passes the
	// limit, with the same answer.
	req, _ := http.NewRequest("PUT", e.ts.URL+"/api/v1/profile", io.MultiReader(strings.NewReader(`{"units":"`), strings.NewReader(strings.Repeat("x", 2<<20))))
	req.Header.Set("Authorization", "Bearer "+e.anaToken)
	req.ContentLength = -1
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked 2 MiB JSON body: %d, want 413", res.StatusCode)
	}
}

// /static/ serves files and lists no directory.
func TestStaticListsNoDirectory(t *testing.T) {
	e := newTestEnv(t, withTemplates)
	for path, want := range map[string]int{
		"/static/":                 http.StatusNotFound,
		"/static/vendor/":          http.StatusNotFound,
		"/static/vendor":           http.StatusNotFound,
		"/static/app.css":          http.StatusOK,
		"/static/vendor/VERSIONS":  http.StatusOK,
		"/static/no-such-file.css": http.StatusNotFound,
	} {
		res, err := http.Get(e.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want || strings.Contains(string(body), `<a href="app.css">`) {
			t.Errorf("GET %s: %d, want %d and no listing", path, res.StatusCode, want)
		}
	}
}

// heldUpload is an upload whose body is still being sent.
type heldUpload struct {
	w    *io.PipeWriter
	mw   *multipart.Writer
	done chan int // its status once answered
}

// holdUpload starts an upload as token (or as browser b when token is "")
// and sends enough of its body that the server must be reading it (more
// than the connection's buffers hold): it is then past every check made
// before the body is read, and in progress until finish.
func holdUpload(t *testing.T, e *testEnv, token string, b *browser) *heldUpload {
	t.Helper()
	pr, pw := io.Pipe()
	h := &heldUpload{w: pw, mw: multipart.NewWriter(pw), done: make(chan int, 1)}
	path := "/api/v1/activities"
	if token == "" {
		path = "/upload"
	}
	req, _ := http.NewRequest("POST", e.ts.URL+path, pr)
	req.Header.Set("Content-Type", h.mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	} else {
		req.AddCookie(b.cookie)
		req.Header.Set("X-CSRF-Token", b.csrf)
		req.Header.Set("Accept", "application/json")
	}
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			h.done <- 0
			return
		}
		res.Body.Close()
		h.done <- res.StatusCode
	}()
	part, err := h.mw.CreateFormFile("file", "filler.bin")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("filler "), 1<<16)
	for sent := 0; sent < 24<<20; sent += len(chunk) {
		if _, err := part.Write(chunk); err != nil {
			t.Fatalf("the held upload's body was refused after %d bytes: %v (status %d)", sent, err, <-h.done)
		}
	}
	return h
}

// finish ends the held upload's body and returns its status.
func (h *heldUpload) finish() int {
	h.mw.Close()
	h.w.Close()
	return <-h.done
}

// Uploads in progress are bounded per user and in all: one more is
// refused (429, Retry-After, a message saying why) before its body is
// read, on the API and on the upload page; once one finishes, the next
// is taken.
func TestUploadsBoundedInConcurrency(t *testing.T) {
	e := newTestEnv(t, withTemplates, func(c *server.Config) { c.MaxUploadsPerUser, c.MaxUploads = 2, 3 })
	ana := e.signIn(e.ana)
	small := func(token string, b *browser) (*http.Response, string) {
		t.Helper()
		data, ct := multipartBody(t, []uploadFile{{"tiny.gpx", []byte("<gpx></gpx>")}})
		path := "/api/v1/activities"
		if token == "" {
			path = "/upload"
		}
		req, _ := http.NewRequest("POST", e.ts.URL+path, bytes.NewReader(data))
		req.Header.Set("Content-Type", ct)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		} else {
			req.AddCookie(b.cookie)
			req.Header.Set("X-CSRF-Token", b.csrf)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, string(body)
	}
	busy := func(who string, res *http.Response, body, want string) {
		t.Helper()
		if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !strings.Contains(body, want) {
			t.Errorf("%s: %d, Retry-After %q, %.300s; want 429 saying %q", who, res.StatusCode, res.Header.Get("Retry-After"), body, want)
		}
	}

	first, second := holdUpload(t, e, e.anaToken, nil), holdUpload(t, e, "", ana)
	res, body := small(e.anaToken, nil)
	busy("Ana's third upload (API)", res, body, "you have 2 uploads in progress")
	var apiErr server.APIError
	if err := json.Unmarshal([]byte(body), &apiErr); err != nil || apiErr.Code != server.ETOOMANY {
		t.Errorf("Ana's third upload: %s, want a JSON error %s", body, server.ETOOMANY)
	}
	res, body = small("", ana)
	busy("Ana's third upload (page)", res, body, "You have 2 uploads in progress")

	// Bo may upload while Ana has two going, until the server has three.
	bos := holdUpload(t, e, e.boTok, nil)
	res, body = small(e.token(e.coach), nil)
	busy("the coach's upload with three in progress", res, body, "the server is busy with 3 uploads")

	for i, h := range []*heldUpload{first, second, bos} {
		if status := h.finish(); status != http.StatusOK && status != http.StatusUnprocessableEntity {
			t.Errorf("held upload %d: %d, want its import report (200 or 422)", i+1, status)
		}
	}
	if res, body := small(e.anaToken, nil); res.StatusCode == http.StatusTooManyRequests {
		t.Errorf("Ana's upload once hers finished: %d %s", res.StatusCode, body)
	}
	if res, body := small(e.token(e.coach), nil); res.StatusCode == http.StatusTooManyRequests {
		t.Errorf("the coach's upload once the others finished: %d %s", res.StatusCode, body)
	}
}
