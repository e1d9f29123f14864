package server

import (
	"io/fs"
	"net/http"
	"strconv"
)

// routes registers every route. The API's routes are in api*.go, the
// pages' in pages*.go; each is listed in the OpenAPI document
// (openapi.go) or is a page.
func (s *Server) routes() {
	if s.cfg.Static != nil {
		static := http.StripPrefix("/static/", http.FileServerFS(filesOnly{s.cfg.Static}))
		s.mux.Handle("GET /static/", cacheForever(static))
		s.patterns = append(s.patterns, "GET /static/")
	}
	s.handle("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.handle("GET /signin/{secret}", s.handleSignInLink)
	s.authRoutes()
	s.apiRoutes()
	s.pageRoutes()
}

// cacheForever marks static assets cacheable: their URLs carry a content
// hash (web.AssetPath), so a changed file has a new URL.
func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		h.ServeHTTP(w, r)
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// filesOnly is a file system whose directories do not exist, so that the
// static file server lists none (404) and serves files only.
type filesOnly struct{ fs.FS }

func (f filesOnly) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := file.Stat(); err != nil || st.IsDir() {
		file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return file, nil
}
