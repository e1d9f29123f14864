package xmlscan

import (
	"errors"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode"
)

// recorder is a Handler that notes the tags it is given.
type recorder struct {
	s      *Scanner
	tags   []string
	failAt string // Start fails at a start tag of this local name
	record string
}

var errStop = errors.New("stop")

func (r *recorder) Start() error {
	if string(r.s.Local()) == r.failAt {
		return errStop
	}
	r.tags = append(r.tags, render(r.s))
	return nil
}

func (r *recorder) End()           { r.tags = append(r.tags, render(r.s)) }
func (r *recorder) Record() string { return r.record }

func TestRun(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		failAt  string
		record  string
		want    string // the tags passed to the handler
		wantErr string // "" for success, "stop" for the handler's error, else the ParseError's text
	}{
		{
			name: "complete document",
			doc:  "<?xml version='1.0'?>\n<a><b>1</b><c/></a>\n",
			want: "<a[]> <b[]>1 </b> <c[]/> </a>",
		},
		{
			name:    "empty",
			doc:     "",
			wantErr: `decode gpx "f.gpx": empty file (the file holds no data; re-export it)`,
		},
		{
			name:    "only white space",
			doc:     " \r\n\t",
			wantErr: `decode gpx "f.gpx": empty file (the file holds no data; re-export it)`,
		},
		{
			name:    "no elements",
			doc:     "\ufeffhello <!-- world -->",
			wantErr: `decode gpx "f.gpx": no XML elements (this is not a GPX file)`,
		},
		{
			name:    "mismatched tags, with the handler's record",
			doc:     "<a><b></a>",
			record:  "track point 7",
			want:    "<a[]> <b[]>",
			wantErr: `decode gpx "f.gpx": track point 7: end tag </a> does not match <b> (the file is not well-formed XML; re-export it from the app or device)`,
		},
		{
			name:    "cut off, without a record",
			doc:     "<a>\n<b>\n<c>1",
			want:    "<a[]> <b[]> <c[]>1",
			wantErr: `decode gpx "f.gpx": line 3: unexpected end of file inside <c> (the file is cut off; download or export it again)`,
		},
		{
			name:    "cut off, with a record",
			doc:     "<a>\n<b></b>\n",
			record:  "track point 2",
			want:    "<a[]> <b[]> </b>",
			wantErr: `decode gpx "f.gpx": track point 2 (line 3): unexpected end of file inside <a> (the file is cut off; download or export it again)`,
		},
		{
			name:    "handler error returned as it is",
			doc:     "<a><b/><c/></a>",
			failAt:  "c",
			want:    "<a[]> <b[]/>",
			wantErr: "stop",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Scanner
			r := &recorder{s: &s, failAt: tt.failAt, record: tt.record}
			err := s.Init([]byte(tt.doc)).Run(decode.GPX, "f.gpx", r)
			if got := strings.Join(r.tags, " "); got != tt.want {
				t.Errorf("tags %q, want %q", got, tt.want)
			}
			switch tt.wantErr {
			case "":
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case "stop":
				if err != errStop {
					t.Errorf("Run: %v, want the handler's error", err)
				}
			default:
				var perr *decode.ParseError
				if !errors.As(err, &perr) || perr.Format != decode.GPX || perr.File != "f.gpx" {
					t.Fatalf("Run: %v (%T), want a *decode.ParseError for f.gpx", err, err)
				}
				if err.Error() != tt.wantErr {
					t.Errorf("Run:\n got %s\nwant %s", err, tt.wantErr)
				}
				if strings.Contains(tt.wantErr, "cut off") && !errors.Is(err, ErrTruncated) {
					t.Errorf("%v does not wrap ErrTruncated", err)
				}
			}
		})
	}
}

func TestRecover(t *testing.T) {
	decodePanics := func() (acts []*activity.Activity, err error) {
		defer Recover(decode.TCX, "f.tcx", &acts, &err)
		acts = []*activity.Activity{{}}
		panic("boom")
	}
	acts, err := decodePanics()
	var perr *decode.ParseError
	if acts != nil || !errors.As(err, &perr) || perr.Format != decode.TCX || perr.File != "f.tcx" ||
		!strings.Contains(err.Error(), "internal error: boom") {
		t.Errorf("got %v, %v (%T); want no activities and a ParseError", acts, err, err)
	}

	decodeFine := func() (acts []*activity.Activity, err error) {
		defer Recover(decode.TCX, "f.tcx", &acts, &err)
		return []*activity.Activity{{}}, nil
	}
	if acts, err := decodeFine(); len(acts) != 1 || err != nil {
		t.Errorf("without a panic: %v, %v", acts, err)
	}
}
