package gpx_test

import (
	"encoding/xml"
	"testing"

	"github.com/rebound-run/rebound/internal/xmlbaseline"
)

// BenchmarkDecode decodes every importable GPX file of the corpus per
// iteration; MB/s is over their total size.
func BenchmarkDecode(b *testing.B) { dec.BenchDecode(b) }

// BenchmarkEncodingXML is the baseline: a plain xml.Unmarshal of the same
// files into structs that hold what Decode reads (times are left as
// strings, so the baseline does less work than Decode).
func BenchmarkEncodingXML(b *testing.B) {
	dec.Bench(b, func(data []byte) error {
		var doc xmlbaseline.GPX
		return xml.Unmarshal(data, &doc)
	})
}
