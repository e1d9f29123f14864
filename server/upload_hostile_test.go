package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/internal/hostile"
)

// TestAPIUploadHostileFileFailsAlone uploads a 10 MB FIT file of 5,000,000
// records with a real run after it. The file used to stop the import (the
// store refused its samples) and the API answered a bare 400 although the
// run before it could be stored; now it fails alone, the run is stored,
// and the answer is the import report: 422 with the run in imported and
// the FIT file in failed, with why.
func TestAPIUploadHostileFileFailsAlone(t *testing.T) {
	e := newAPIEnv(t)
	var fit bytes.Buffer
	if err := hostile.WriteFIT(&fit, 5_000_000, time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC), 150); err != nil {
		t.Fatal(err)
	}
	res, body := e.upload(e.anaToken, "", uploadFile{"long.fit", fit.Bytes()}, corpusFile(t, fenixRun))
	var rep reportDoc
	if err := json.Unmarshal(body, &rep); err != nil || res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("upload: %d %.300s", res.StatusCode, body)
	}
	if rep.Imported != 1 || len(rep.IDs) != 1 || len(rep.Failed) != 1 || rep.Failed[0].File != "long.fit" ||
		!strings.Contains(rep.Failed[0].Error, "5000000 records") {
		t.Errorf("report %+v", rep)
	}
	var list listDoc
	e.must(200, e.anaToken, "GET", "/api/v1/activities", nil, &list)
	if list.Total != 1 {
		t.Errorf("%d activities stored, want the run", list.Total)
	}
}

// TestAPIUploadBomb uploads a 10 MB zip whose nested zip is 10 GiB: the
// server reads it through ingest's limits, and answers the report with
// the nested archive failed as a decompression bomb.
func TestAPIUploadBomb(t *testing.T) {
	e := newAPIEnv(t)
	inner, err := hostile.ZipContent("activity.fit", 0, 10<<30)
	if err != nil {
		t.Fatal(err)
	}
	var zip bytes.Buffer
	if err := hostile.WriteZip(&zip, []hostile.Entry{{Name: "Part1.zip", Content: inner}}); err != nil {
		t.Fatal(err)
	}
	res, body := e.upload(e.anaToken, "", uploadFile{"export.zip", zip.Bytes()})
	var rep reportDoc
	if err := json.Unmarshal(body, &rep); err != nil || res.StatusCode != http.StatusUnprocessableEntity ||
		len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].Error, "expands more than 100 times its compressed size") {
		t.Errorf("upload: %d %.400s", res.StatusCode, body)
	}
}
