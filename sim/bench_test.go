package sim_test

import (
	"io"
	"testing"

	"github.com/rebound-run/rebound/sim"
)

// BenchmarkSeason plans a 12-week season.
func BenchmarkSeason(b *testing.B) {
	r := sim.DefaultRunner()
	for b.Loop() {
		r.Season(seasonStart(r), 12)
	}
}

// BenchmarkWriteFITLongRun simulates and encodes a 14 km long run.
func BenchmarkWriteFITLongRun(b *testing.B) {
	r, ws := season(b)
	w := first(b, ws, sim.Long)
	b.ReportAllocs()
	for b.Loop() {
		if err := r.WriteFIT(w, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecordLongRun simulates a 14 km long run.
func BenchmarkRecordLongRun(b *testing.B) {
	r, ws := season(b)
	w := first(b, ws, sim.Long)
	b.ReportAllocs()
	for b.Loop() {
		r.Record(w)
	}
}
