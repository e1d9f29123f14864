package server

import (
	"fmt"
	"net/http"
	"slices"
	"sync"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/web"
)

// uploadPage is the data of the upload page (page-upload).
type uploadPage struct {
	Upload  web.Upload
	Results []uploadResult
	Summary string
	Runs    []web.Link // the runs just imported
}

// uploadResult is what became of one uploaded file.
type uploadResult struct {
	File    string
	Outcome string // imported, duplicate, skipped or failed
	Detail  string
}

// pageUpload is the drop zone.
func (s *Server) pageUpload(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	s.renderUpload(w, r, t, http.StatusOK, uploadPage{})
}

// renderUpload shows the upload page with p's results and any flash.
func (s *Server) renderUpload(w http.ResponseWriter, r *http.Request, t Target, status int, p uploadPage, flash ...web.Flash) {
	p.Upload = web.Upload{Action: "/upload", CSRF: CSRFToken(r),
		Note: fmt.Sprintf("Up to %d MB at a time. Files are read on this server and kept (compressed) so they can be re-analysed; nothing goes anywhere else.", s.cfg.MaxUpload>>20)}
	page := pageFor(r, t, web.NavUpload, "Upload activities", p)
	page.Subtitle = "FIT, GPX and TCX files (also gzipped), and whole Strava or Garmin Connect export archives"
	page.Flash = append(page.Flash, flash...)
	s.render(w, r, status, "page-upload", page)
}

// postUpload imports the files of a multipart form (field "files"). A
// browser without JavaScript gets the upload page with a line per file;
// app.js, which posts one file at a time and asks for JSON, gets the
// import report ({imported, duplicates, skipped, failed, ids}).
func (s *Server) postUpload(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	files, cleanup, err := s.uploadedFiles(w, r)
	defer cleanup()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(files) == 0 {
		if wantsJSON(r) {
			s.fail(w, r, rebound.Errorf(rebound.EINVALID, "no files in the upload (multipart field \"files\")"))
			return
		}
		s.renderUpload(w, r, t, http.StatusBadRequest, uploadPage{}, web.Flash{Kind: "error", Message: "Choose one or more files first."})
		return
	}
	var mu sync.Mutex
	var results []uploadResult
	im := &ingest.Importer{Store: t.Store, Decoders: s.cfg.Decoders, Now: s.cfg.Now,
		Progress: func(ev ingest.Event) {
			mu.Lock()
			results = append(results, uploadResult{File: ev.File, Outcome: ev.Outcome, Detail: ev.Detail})
			mu.Unlock()
		}}
	rep, err := im.ImportFiles(r.Context(), files)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, rep)
		return
	}
	p := uploadPage{Results: results}
	p.Summary = fmt.Sprintf("%s imported", plural(rep.Imported, "activity", "activities"))
	var extra []string
	if rep.Duplicates > 0 {
		extra = append(extra, plural(rep.Duplicates, "duplicate", "duplicates")+" left out")
	}
	if len(rep.Skipped) > 0 {
		extra = append(extra, fmt.Sprintf("%d skipped", len(rep.Skipped)))
	}
	if len(rep.Failed) > 0 {
		extra = append(extra, fmt.Sprintf("%d failed", len(rep.Failed)))
	}
	if len(extra) > 0 {
		p.Summary += ", " + words(extra)
	}
	p.Summary += "."
	if len(rep.IDs) > 0 {
		if st, err := s.states.get(r.Context(), t.AthleteID); err == nil {
			v := &view{Target: t, st: st, loc: st.Now.Location()}
			for i := len(st.Entries) - 1; i >= 0 && len(p.Runs) < 12; i-- {
				e := st.Entries[i]
				if slices.Contains(rep.IDs, e.A.ID) {
					p.Runs = append(p.Runs, web.Link{Label: v.title(e) + ", " + v.day(e.A.Start),
						Href: "/runs/" + itoa(e.A.ID)})
				}
			}
		}
	}
	status := http.StatusOK
	if rep.Imported == 0 && len(rep.Failed) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.renderUpload(w, r, t, status, p)
}
