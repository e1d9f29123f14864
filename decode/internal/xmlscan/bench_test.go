package xmlscan

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muktihari/xmltokenizer"

	"github.com/rebound-run/rebound/internal/corpus"
)

// tokenizers are the ways of finding the tokens of a document in memory
// that BenchmarkTokenizers compares (see the package doc). Each returns
// the number of tokens, so that none can be optimised away.
var tokenizers = []struct {
	name string
	run  func(data []byte) (int, error)
}{
	{"rebound", func(data []byte) (int, error) {
		var s Scanner
		s.Init(data)
		n := 0
		for {
			err := s.Next()
			if err == io.EOF {
				return n, nil
			}
			if err != nil {
				return n, err
			}
			n++
		}
	}},
	// xmltokenizer as Rebound used it up to v0.0.5 of the library: a 16
	// KiB read buffer that grows by 16 KiB at a time up to the document's
	// size. A token of n bytes costs about n²/32 KiB bytes of copying.
	{"xmltokenizer-16KiB", func(data []byte) (int, error) {
		return rawTokens(xmltokenizer.New(bytes.NewReader(data),
			xmltokenizer.WithReadBufferSize(16<<10),
			xmltokenizer.WithAutoGrowBufferMaxLimitSize(len(data)+64<<10)))
	}},
	// xmltokenizer with its buffer sized to the whole document: it never
	// grows, so it is linear, but it copies the document once.
	{"xmltokenizer-presized", func(data []byte) (int, error) {
		return rawTokens(xmltokenizer.New(bytes.NewReader(data),
			xmltokenizer.WithReadBufferSize(len(data)+1),
			xmltokenizer.WithAutoGrowBufferMaxLimitSize(2*len(data)+64<<10)))
	}},
	// encoding/xml's RawToken: linear, but it allocates for every token.
	{"encoding-xml-RawToken", func(data []byte) (int, error) {
		d := xml.NewDecoder(bytes.NewReader(data))
		d.Strict = false
		n := 0
		for {
			_, err := d.RawToken()
			if err == io.EOF {
				return n, nil
			}
			if err != nil {
				return n, err
			}
			n++
		}
	}},
}

func rawTokens(z *xmltokenizer.Tokenizer) (int, error) {
	n := 0
	for {
		_, err := z.RawToken()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

// BenchmarkTokenizers finds every token of (a) the importable GPX and TCX
// files of the corpus and (b) a GPX document whose <name> holds 4 or 32
// MB, with each of the tokenizers. Run it with
//
//	go test -run '^$' -bench Tokenizers -benchtime 3x ./decode/internal/xmlscan
//
// The results are in the package doc and bench/README.md.
func BenchmarkTokenizers(b *testing.B) {
	td := corpus.Dir(b)
	var files [][]byte
	var total int64
	for _, row := range corpus.Manifest(b) {
		p := row.Get("path")
		if row.Get("expect") != "import" || !(strings.HasSuffix(p, ".gpx") || strings.HasSuffix(p, ".tcx")) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(td, p))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		total += int64(len(data))
	}
	longName := func(n int) []byte {
		return []byte(`<gpx><trk><name>` + strings.Repeat("a", n) + `</name><trkseg/></trk></gpx>`)
	}
	sets := []struct {
		name string
		docs [][]byte
	}{
		{"corpus", files},
		{"name-4MB", [][]byte{longName(4 << 20)}},
		{"name-32MB", [][]byte{longName(32 << 20)}},
	}
	for _, set := range sets {
		var size int64
		for _, d := range set.docs {
			size += int64(len(d))
		}
		for _, tk := range tokenizers {
			b.Run(set.name+"/"+tk.name, func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				for b.Loop() {
					for _, d := range set.docs {
						if _, err := tk.run(d); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}
