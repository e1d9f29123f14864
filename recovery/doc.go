// Package recovery holds Rebound's recovery models: how sore each leg
// muscle group will be, hour by hour, after the runs a runner did
// (Soreness), how long until an easy run and the next hard session are
// fine (RecoveryTime), how ready the runner is today (Readiness), and how
// the soreness model's per-runner parameters are fitted from daily
// check-ins (Fit).
//
// It is pure: no I/O, no clock; every function takes the times it needs.
// Every constant is named with its source. Where the literature gives a
// range and no single value, the choice is Rebound's and says so.
package recovery
