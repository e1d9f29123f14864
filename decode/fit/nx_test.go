package fit_test

import (
	"bytes"
	"testing"

	"github.com/muktihari/fit/decoder"
)

func BenchmarkBareNoExpand(b *testing.B) {
	files, total := benchFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	var rd bytes.Reader
	opts := []decoder.Option{decoder.WithMesgListener(nopListener{}), decoder.WithBroadcastOnly(), decoder.WithIgnoreChecksum(), decoder.WithNoComponentExpansion()}
	dec := decoder.New(&rd, opts...)
	for b.Loop() {
		for _, data := range files {
			rd.Reset(data)
			dec.Reset(&rd, opts...)
			for dec.Next() {
				if _, err := dec.Decode(); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
