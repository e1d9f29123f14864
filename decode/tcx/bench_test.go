package tcx_test

import (
	"encoding/xml"
	"github.com/rebound-run/rebound/internal/corpus"
	"os"
	"path/filepath"
	"testing"

	"github.com/rebound-run/rebound/decode/tcx"
)

// benchFiles returns the contents of the corpus's TCX files that import.
func benchFiles(b *testing.B) (files [][]byte, total int64) {
	td := corpus.Dir(b)
	for _, row := range corpus.ManifestOf(b, ".tcx") {
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

// BenchmarkDecode decodes every importable TCX file of the corpus per
// iteration; MB/s is over their total size.
func BenchmarkDecode(b *testing.B) {
	files, total := benchFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, data := range files {
			if _, err := tcx.Decode(data, "bench.tcx"); err != nil {
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
			var doc stdTCX
			if err := xml.Unmarshal(data, &doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}

type stdTCX struct {
	Activities []struct {
		Sport   string `xml:"Sport,attr"`
		ID      string `xml:"Id"`
		Creator struct {
			Name string `xml:"Name"`
		} `xml:"Creator"`
		Laps []struct {
			StartTime        string   `xml:"StartTime,attr"`
			TotalTimeSeconds float64  `xml:"TotalTimeSeconds"`
			DistanceMeters   float64  `xml:"DistanceMeters"`
			MaximumSpeed     *float64 `xml:"MaximumSpeed"`
			Calories         *float64 `xml:"Calories"`
			AvgHR            *float64 `xml:"AverageHeartRateBpm>Value"`
			MaxHR            *float64 `xml:"MaximumHeartRateBpm>Value"`
			Cadence          *float64 `xml:"Cadence"`
			AvgRunCadence    *float64 `xml:"Extensions>LX>AvgRunCadence"`
			Tracks           []struct {
				Points []stdTrackpoint `xml:"Trackpoint"`
			} `xml:"Track"`
		} `xml:"Lap"`
	} `xml:"Activities>Activity"`
}

type stdTrackpoint struct {
	Time       string   `xml:"Time"`
	Lat        *float64 `xml:"Position>LatitudeDegrees"`
	Lon        *float64 `xml:"Position>LongitudeDegrees"`
	Altitude   *float64 `xml:"AltitudeMeters"`
	Distance   *float64 `xml:"DistanceMeters"`
	HR         *float64 `xml:"HeartRateBpm>Value"`
	Cadence    *float64 `xml:"Cadence"`
	Speed      *float64 `xml:"Extensions>TPX>Speed"`
	RunCadence *float64 `xml:"Extensions>TPX>RunCadence"`
	Watts      *float64 `xml:"Extensions>TPX>Watts"`
}
