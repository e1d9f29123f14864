package protocol_test

import (
	"fmt"

	"github.com/rebound-run/rebound/measure"
	"github.com/rebound-run/rebound/protocol"
)

func ExampleCarbs() {
	// A 70 kg runner after a long run.
	c, p := protocol.Carbs(70), protocol.Protein(70)
	fmt.Printf("carbohydrate %.0f-%.0f g, protein %.1f-%.0f g\n", c.Min, c.Max, p.Min, p.Max)
	// Output: carbohydrate 56-84 g, protein 17.5-28 g
}

func ExampleFluid() {
	weighed := protocol.Fluid(1.2) // 1.2 kg lighter after the run
	unknown := protocol.Fluid(0)   // didn't weigh
	fmt.Printf("%.0f ml (at least %.0f); not weighed: %.0f-%.0f ml\n", weighed.Max, weighed.Min, unknown.Min, unknown.Max)
	// Output: 1800 ml (at least 1500); not weighed: 473-710 ml
}

func ExampleByID() {
	t, _ := protocol.ByID("cold-water-immersion")
	fmt.Println(t.In(measure.Metric).Dose.Text)
	fmt.Println(t.In(measure.Imperial).Dose.Text)
	for _, c := range t.Check([]string{protocol.CondHighBloodPressure}) {
		fmt.Println(c.Action, "-", c.Condition)
	}
	// Output:
	// 10 min at 10-15 °C; 5 min the first time; never more than 15 min; most benefit in the first 3 min
	// 10 min at 50-59 °F; 5 min the first time; never more than 15 min; most benefit in the first 3 min
	// doctor-first - high-blood-pressure
}

func ExampleNeedsElectrolytes() {
	ok, why := protocol.NeedsElectrolytes(false, false, 28)
	fmt.Println(ok, why)
	// Output: true Electrolytes help after a hot run (28 °C, at or above 25 °C)
}
