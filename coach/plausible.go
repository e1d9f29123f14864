package coach

import (
	"github.com/rebound-run/rebound/activity"
)

// PlausibleOnly returns the activities that can be real workouts, leaving
// out those activity.Implausible rejects (a start in 1989 or next year,
// 136 years of elapsed time, 77 million km): one of them would otherwise
// change today's advice and the week's plan. The importer stored the
// reason with each as a warning (ingest.ImplausibleWarning), which `show`
// and the run page display.
func PlausibleOnly(acts []*Activity) []*Activity {
	kept := acts[:0:0]
	for _, a := range acts {
		if activity.Implausible(a.Activity, a.Summary, a.ImportedAt) == "" {
			kept = append(kept, a)
		}
	}
	return kept
}
