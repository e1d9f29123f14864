// Package coach turns a runner's stored history (profile, activities,
// check-ins, shoes) into advice: each run's kind and load, the load
// series, the soreness forecast with the runner's fitted parameters, the
// recovery plan after a run, today's readiness and the next 7 days. It
// joins the pure models of load, recovery and protocol. It does no I/O:
// it works on the History it is given, which the application layer reads
// from a store (app.LoadHistory). It imports no store: its activities are
// domain values (Activity), which app.CoachActivity makes from the
// store's rows, and its shoes are gear.Shoe.
package coach
