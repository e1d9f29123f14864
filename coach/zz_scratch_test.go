package coach_test

import (
	"fmt"
	"testing"
)

func TestZZReasons(t *testing.T) {
	rs := calRunners()
	for _, run := range calRuns() {
		for _, ri := range []int{0, 1} {
			p := calibrate(t, run, rs[ri], 65)
			fmt.Printf("== %s / %s\nkind %s %s: %v\n", run.name, rs[ri].name, p.Run.Kind, p.Run.Workout, p.Run.KindWhy)
			for _, r := range p.Recovery.Reasons {
				fmt.Println("  -", r)
			}
			for _, w := range p.Warnings {
				fmt.Println("  !", w.Code, w.Message)
			}
		}
	}
}
