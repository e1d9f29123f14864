// Package sim is a deterministic simulated runner. It plans a training
// season (Season: a half marathon by default, or Runner.Plan's), simulates
// each workout second by second (Record), writes the result as real FIT
// activity files (EncodeFIT, WriteFIT, WriteSeason) and produces the
// runner's daily subjective check-ins (CheckIns). DefaultRunner is the
// demo's runner; ClubMates are four more of its club, each unlike the
// others (a beginner, a marathoner in a heavy block, a veteran with a
// heart condition, a runner reporting a red-flag symptom).
//
// The runner's true physiological parameters are explicit fields of
// Runner, so that the recovery model's tests can compare what the model
// infers with what the simulation used. Every physiological constant of
// the simulation is an exported constant with a note on where its value
// comes from; the numbers are plausible textbook values, not fitted to any
// one person.
//
// # Determinism
//
// Everything is a pure function of the Runner (including its Seed) and the
// arguments: Season, Record and CheckIns do no I/O and read no clock, and
// each draws from its own math/rand/v2 PCG stream seeded from Runner.Seed
// (Record from the seed and the workout's start time and kind, so that
// one workout's track does not depend on which others were simulated).
// WriteSeason is the only function that touches the file system, and
// writing the same season twice gives byte-identical files.
//
// # What a workout looks like
//
// Workouts start at a fixed point (Runner.StartLat, Runner.StartLon) and
// follow one of a few fixed routes: a rolling park loop, a flat
// out-and-back river path, a hilly road with a 7 % climb, and a long
// valley loop for the bike. Each second the simulation moves the runner
// along the route at the speed its plan asks for, adjusted for the grade;
// heart rate follows a first-order response to the metabolic demand (which
// grows with speed and grade) with cardiac drift; cadence grows with
// speed. Some runs stop at a traffic light (speed 0, the timer running)
// and long runs stop at a drinking fountain with the timer stopped. The
// returned activity.Activity is quantised to the resolution of the FIT
// fields it is written to, so that decoding the FIT file gives back the
// same numbers.
package sim
