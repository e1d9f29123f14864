package gpx_test

import (
	"encoding/xml"
	"github.com/rebound-run/rebound/internal/corpus"
	"os"
	"path/filepath"
	"testing"

	"github.com/rebound-run/rebound/decode/gpx"
)

// benchFiles returns the contents of the corpus's GPX files that import.
func benchFiles(b *testing.B) (files [][]byte, total int64) {
	td := corpus.Dir(b)
	for _, row := range corpus.ManifestOf(b, ".gpx") {
		if row.Get("expect") != "import" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(td, row.Get("path")))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		total += int64(len(data))
	}
	return files, total
}

// BenchmarkDecode decodes every importable GPX file of the corpus per
// iteration; MB/s is over their total size.
func BenchmarkDecode(b *testing.B) {
	files, total := benchFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, data := range files {
			if _, err := gpx.Decode(data, "bench.gpx"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEncodingXML is the baseline: a plain xml.Unmarshal of the same
// files into structs that hold what Decode reads (times are left as
// strings, so the baseline does less work than Decode).
func BenchmarkEncodingXML(b *testing.B) {
	files, total := benchFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, data := range files {
			var doc stdGPX
			if err := xml.Unmarshal(data, &doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}

type stdGPX struct {
	Creator  string `xml:"creator,attr"`
	Name     string `xml:"name"`
	Metadata struct {
		Name string `xml:"name"`
	} `xml:"metadata"`
	Tracks []struct {
		Name     string `xml:"name"`
		Type     string `xml:"type"`
		Segments []struct {
			Points []stdPoint `xml:"trkpt"`
		} `xml:"trkseg"`
	} `xml:"trk"`
}

type stdPoint struct {
	Lat        float64  `xml:"lat,attr"`
	Lon        float64  `xml:"lon,attr"`
	Ele        *float64 `xml:"ele"`
	Time       string   `xml:"time"`
	Speed      *float64 `xml:"speed"`
	Extensions struct {
		Items []stdExt `xml:",any"`
	} `xml:"extensions"`
}

// stdExt holds any extension element with its children (hr, cad, power,
// atemp inside a TrackPointExtension, or directly in extensions).
type stdExt struct {
	XMLName  xml.Name
	Value    string   `xml:",chardata"`
	Children []stdExt `xml:",any"`
}
