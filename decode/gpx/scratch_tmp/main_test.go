package scratch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rebound-run/rebound/activity"
	"github.com/rebound-run/rebound/decode/gpx"
)

func TestScratch(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/testdata/*/*.gpx")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		acts, err := gpx.Decode(data, filepath.Base(f))
		if err != nil {
			fmt.Printf("%-50s ERR %v (%T)\n", filepath.Base(f), err, err)
			continue
		}
		for _, a := range acts {
			var hr, cad, pw, ele, tmp int
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
				if activity.Has(s.TemperatureC) {
					tmp++
				}
			}
			fmt.Printf("%-50s n=%d hr=%d cad=%d pw=%d ele=%d tmp=%d sport=%s name=%q dev=%q start=%s pauses=%d off=%v warn=%q\n", filepath.Base(f), len(a.Samples), hr, cad, pw, ele, tmp, a.Sport, a.Name, a.Device, a.Start, len(a.Pauses), a.UTCOffsetS, a.Warnings)
			if len(a.Samples) > 0 {
				fmt.Printf("    first %+v\n", a.Samples[0])
			}
		}
	}
}
