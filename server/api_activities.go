package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/ingest"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/store"
)

// Activity list paging.
const (
	defaultPageSize = 100
	maxPageSize     = 1000
)

// ActivityList is a page of GET /api/v1/activities: Items are the
// documents of `rebound runs --json`, newest first; Total counts every
// activity the filter selects.
type ActivityList struct {
	Total  int           `json:"total"`
	Offset int           `json:"offset"`
	Limit  int           `json:"limit"`
	Items  []present.Run `json:"items"`
}

// apiActivities lists activities: ?since= and ?until= (YYYY-MM-DD, until
// exclusive), ?sport=, ?limit= (1-1000, default 100), ?offset=.
func (s *Server) apiActivities(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, false)
	if !ok {
		return
	}
	ctx := r.Context()
	prof, err := t.Store.FindProfile(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := store.ActivityFilter{}
	since, err := queryDay(r, "since", prof.Location())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	until, err := queryDay(r, "until", prof.Location())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !since.IsZero() {
		f.Since = &since
	}
	if !until.IsZero() {
		f.Until = &until
	}
	if v := r.URL.Query().Get("sport"); v != "" {
		sp := activity.Sport(v)
		if !sp.Valid() {
			s.fail(w, r, rebound.Errorf(rebound.EINVALID, "sport %q: want one of %s", v, sportNames()))
			return
		}
		f.Sport = &sp
	}
	if f.Limit, err = queryInt(r, "limit", defaultPageSize, 1, maxPageSize); err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Offset, err = queryInt(r, "offset", 0, 0, 1<<31-1); err != nil {
		s.fail(w, r, err)
		return
	}
	acts, total, err := t.Store.FindActivities(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.state(ctx, t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := ActivityList{Total: total, Offset: f.Offset, Limit: f.Limit, Items: make([]present.Run, 0, len(acts))}
	for _, a := range acts {
		out.Items = append(out.Items, present.NewRun(st.EntryOf(app.CoachActivity(a)), prof, false))
	}
	s.reply(w, r, http.StatusOK, out)
}

func sportNames() string {
	var names []string
	for _, sp := range activity.Sports {
		names = append(names, string(sp))
	}
	return strings.Join(names, ", ")
}

// RunDetail is GET /api/v1/activities/{id}: the `rebound show --json`
// document, with the chart series when asked for (?samples=1).
type RunDetail struct {
	present.Run
	Series *present.Series `json:"series,omitempty"`
}

// apiActivity is one activity with its laps; ?samples=1 adds the chart
// series (at most ?points=, default and maximum 1000).
func (s *Server) apiActivity(w http.ResponseWriter, r *http.Request) {
	t, id, ok := s.targetActivity(w, r, false)
	if !ok {
		return
	}
	samples, err := queryBool(r, "samples")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	points, err := queryInt(r, "points", present.DefaultSeriesPoints, 10, present.DefaultSeriesPoints)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !samples {
		points = 0
	}
	out, err := s.runDetail(r.Context(), t, id, points)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, out)
}

// apiDeleteActivity deletes an activity with its samples and original.
func (s *Server) apiDeleteActivity(w http.ResponseWriter, r *http.Request) {
	s.deleteOfActivity(w, r, store.Store.DeleteActivity)
}

// deleteOfActivity answers a DELETE on the activity of the path's id, or
// on something of it: del removes it from the target athlete's store.
// 204 when done; del's error (ENOTFOUND for no such activity) otherwise.
func (s *Server) deleteOfActivity(w http.ResponseWriter, r *http.Request, del func(store.Store, context.Context, int64) error) {
	t, id, ok := s.targetActivity(w, r, true)
	if !ok {
		return
	}
	if err := del(t.Store, r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// ActivityEdit is the body of PATCH /api/v1/activities/{id}: what the
// runner says of an activity. A field left out stays as it is; kind is a
// recovery.Kind, or "auto" (or "") to let Rebound classify it again.
type ActivityEdit struct {
	Name *string `json:"name"`
	Kind *string `json:"kind"`
	Note *string `json:"note"`
}

// apiEditActivity renames an activity, sets its kind, writes its note
// (`rebound edit`), and answers the activity as edited.
func (s *Server) apiEditActivity(w http.ResponseWriter, r *http.Request) {
	t, id, ok := s.targetActivity(w, r, true)
	if !ok {
		return
	}
	var in ActivityEdit
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	e := store.ActivityEdit{Name: in.Name, Note: in.Note}
	if in.Kind != nil {
		k, err := store.ParseKind(*in.Kind)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		e.Kind = &k
	}
	ctx := r.Context()
	if err := t.Store.UpdateActivity(ctx, id, e); err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := s.runDetail(ctx, t, id, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, out)
}

// GearInput is the body of PUT /api/v1/activities/{id}/gear: a shoe's
// name (one of GET /api/v1/gear), or "" for none.
type GearInput struct {
	Gear string `json:"gear"`
}

// apiActivityGear counts an activity towards a shoe (`rebound gear assign`).
func (s *Server) apiActivityGear(w http.ResponseWriter, r *http.Request) {
	t, id, ok := s.targetActivity(w, r, true)
	if !ok {
		return
	}
	var in GearInput
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	name := strings.TrimSpace(in.Gear)
	if name != "" {
		shoe, err := t.Store.FindShoe(ctx, name)
		if rebound.ErrorCode(err) == rebound.ENOTFOUND {
			s.fail(w, r, rebound.Errorf(rebound.EINVALID, "no shoe named %q: add it with POST /api/v1/gear", name))
			return
		} else if err != nil {
			s.fail(w, r, err)
			return
		}
		name = shoe.Name
	}
	if err := t.Store.UpdateActivityGear(ctx, id, name); err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := s.runDetail(ctx, t, id, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, out)
}

// runDetail is the `rebound show --json` document of the target's
// activity id, named and classified as the coaching state sees it, with
// a chart series of that many points (none for 0).
func (s *Server) runDetail(ctx context.Context, t Target, id int64, points int) (RunDetail, error) {
	a, err := t.Store.FindActivityByID(ctx, id)
	if err != nil {
		return RunDetail{}, err
	}
	st, err := s.state(ctx, t)
	if err != nil {
		return RunDetail{}, err
	}
	out := RunDetail{Run: present.NewRun(st.EntryOf(app.CoachActivity(a)), st.H.Profile, true)}
	if points > 0 {
		series := present.NewSeries(a, points)
		out.Series = &series
	}
	return out, nil
}

// RPEInput is the body of PUT /api/v1/activities/{id}/rpe: the session's
// rating of perceived exertion, 0-10 (Foster's session RPE). DELETE on the
// same path removes it.
type RPEInput struct {
	RPE *float64 `json:"rpe"`
}

// apiActivityRPE rates a session (`rebound checkin --rpe ID=N`).
func (s *Server) apiActivityRPE(w http.ResponseWriter, r *http.Request) {
	t, id, ok := s.targetActivity(w, r, true)
	if !ok {
		return
	}
	var in RPEInput
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.RPE == nil || !(*in.RPE >= 0 && *in.RPE <= 10) {
		s.fail(w, r, rebound.Errorf(rebound.EINVALID, "rpe: want a number from 0 to 10 (to remove a rating, DELETE this path)"))
		return
	}
	if err := t.Store.SaveRPE(r.Context(), id, *in.RPE); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiClearActivityRPE removes a session's rating (`rebound checkin --rpe
// ID=none`): its load comes from heart rate, pace or duration again.
func (s *Server) apiClearActivityRPE(w http.ResponseWriter, r *http.Request) {
	s.deleteOfActivity(w, r, store.Store.DeleteRPE)
}

// spillAbove is the size from which an uploaded file is written to a
// temporary file rather than kept in memory.
const spillAbove = 8 << 20

// apiUpload imports the files of a multipart/form-data body (one or more
// parts named "file": FIT, GPX or TCX files, gzipped or not, or Strava and
// Garmin Connect export zips) through the same pipeline as `rebound
// import`, and answers its report: 200 when no file failed, 422 when some
// did. The body is capped at Config.MaxUpload.
func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) {
	t, ok := s.target(w, r, true)
	if !ok {
		return
	}
	files, cleanup, err := s.uploadedFiles(w, r)
	defer cleanup()
	if err == nil && len(files) == 0 {
		err = rebound.Errorf(rebound.EINVALID, "no files: send them in multipart/form-data parts named \"file\"")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	im := &ingest.Importer{Store: t.Store, Decoders: s.cfg.Decoders, Now: s.cfg.Now}
	rep, err := im.ImportFiles(ctx, files)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if len(rep.Failed) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.reply(w, r, status, rep)
}

// uploadFields are the multipart field names that carry files: "file"
// (the API's, one part per file) and "files" (the upload page's input).
var uploadFields = []string{"file", "files"}

// uploadedFiles reads the files of a multipart body (parts named in
// uploadFields), none if it has none. Files above spillAbove go to
// temporary files, which cleanup removes. The body is streamed part by
// part, unless the CSRF check has parsed the form already.
func (s *Server) uploadedFiles(w http.ResponseWriter, r *http.Request) (files []ingest.File, cleanup func(), err error) {
	var temps []string
	cleanup = func() {
		for _, p := range temps {
			os.Remove(p)
		}
	}
	add := func(src io.Reader, name string) error {
		f, spilled, err := readUpload(src, name)
		if spilled != "" {
			temps = append(temps, spilled)
		}
		if err == nil {
			files = append(files, f)
		}
		return err
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return nil, cleanup, rebound.Errorf(rebound.EINVALID, "send the files as multipart/form-data, in parts named \"file\"")
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
		for _, field := range uploadFields {
			for _, fh := range r.MultipartForm.File[field] {
				name := uploadName(fh.Filename, len(files))
				f, err := fh.Open()
				if err != nil {
					return nil, cleanup, fmt.Errorf("upload %q: %w", name, err)
				}
				err = add(f, name)
				f.Close()
				if err != nil {
					return nil, cleanup, err
				}
			}
		}
		return files, cleanup, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, cleanup, rebound.Errorf(rebound.EINVALID, "the multipart body cannot be read: %v", err)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return files, cleanup, nil
		}
		if err != nil {
			return nil, cleanup, uploadError(err)
		}
		// As ParseMultipartForm, a part without a file name is a value.
		if slices.Contains(uploadFields, part.FormName()) && part.FileName() != "" {
			err = add(part, uploadName(part.FileName(), len(files)))
		}
		part.Close()
		if err != nil {
			return nil, cleanup, err
		}
	}
}

// readUpload reads one uploaded file, into memory up to spillAbove and to
// a temporary file beyond (whose path it returns for removal). Only what
// is read is held: a small file does not cost a spillAbove buffer.
func readUpload(src io.Reader, name string) (ingest.File, string, error) {
	head, err := io.ReadAll(io.LimitReader(src, spillAbove+1))
	if err != nil {
		return ingest.File{}, "", uploadError(err)
	}
	if len(head) <= spillAbove {
		return ingest.File{Name: name, Data: head}, "", nil
	}
	tmp, err := os.CreateTemp("", "rebound-upload-*")
	if err != nil {
		return ingest.File{}, "", fmt.Errorf("upload %q: %w", name, err)
	}
	if _, err := tmp.Write(head); err != nil {
		tmp.Close()
		return ingest.File{}, tmp.Name(), fmt.Errorf("upload %q: %w", name, err)
	}
	if _, err := io.Copy(tmp, src); err != nil {
		tmp.Close()
		return ingest.File{}, tmp.Name(), uploadError(err)
	}
	if err := tmp.Close(); err != nil {
		return ingest.File{}, tmp.Name(), fmt.Errorf("upload %q: %w", name, err)
	}
	return ingest.File{Name: name, Path: tmp.Name()}, tmp.Name(), nil
}

// uploadError keeps a body-size error recognisable (413) and makes the
// rest a bad request.
func uploadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return rebound.Errorf(rebound.EINVALID, "the upload could not be read: %v", err)
}

// uploadName is the name an uploaded file is reported by: the base name
// the client gave, else "upload-N".
func uploadName(name string, i int) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if name == "." || name == "/" || name == "" {
		return fmt.Sprintf("upload-%d", i+1)
	}
	return name
}
