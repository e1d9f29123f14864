//go:build race

package e2e

// raceEnabled is set under the race detector, which makes the server and
// the command line several times slower: the season walk then samples
// its days (see sampledDays) so that the package stays within go test's
// default ten minutes on two cores.
const raceEnabled = true
