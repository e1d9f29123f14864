package scratch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode/tcx"
)

func TestScratchTCX(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/testdata/*/*.tcx")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		acts, err := tcx.Decode(data, filepath.Base(f))
		if err != nil {
			fmt.Printf("%-50s ERR %v (%T)\n", filepath.Base(f), err, err)
			continue
		}
		for _, a := range acts {
			var hr, cad, pw, ele, pos int
			for _, s := range a.Samples {
				if activity.Has(s.HeartRateBPM) {
					hr++
				}
				if activity.Has(s.CadenceSPM) {
					cad++
				}
				if activity.Has(s.PowerW) {
					pw++
				}
				if activity.Has(s.AltitudeM) {
					ele++
				}
				if s.HasPosition() {
					pos++
				}
			}
			fmt.Printf("%-50s n=%d hr=%d cad=%d pw=%d ele=%d pos=%d sport=%s dev=%q start=%s laps=%d pauses=%d off=%v warn=%q\n", filepath.Base(f), len(a.Samples), hr, cad, pw, ele, pos, a.Sport, a.Device, a.Start, len(a.Laps), len(a.Pauses), a.UTCOffsetS, a.Warnings)
			fmt.Printf("    totals %+v\n", *a.DeviceTotals)
			if len(a.Samples) > 0 {
				fmt.Printf("    first %+v\n", a.Samples[0])
			}
			if len(a.Laps) > 0 {
				fmt.Printf("    lap0 %+v\n", a.Laps[0])
			}
		}
	}
}
