// Package cli implements the rebound command line: one type per
// subcommand, each with its own flag set, dispatched by Main. It wires the
// adapters (decoders, the SQLite store) to the domain and formats output
// for people (in the runner's units) and programs (--json).
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/decode/fit"
	"github.com/rebound-run/rebound/decode/gpx"
	"github.com/rebound-run/rebound/decode/tcx"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/engine"
)

// Env is the process environment a command runs in, injected so that
// tests can run commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// IsTerminal reports whether w is an interactive terminal; when nil,
	// no writer is.
	IsTerminal func(w io.Writer) bool
	// ReadPassword asks for a secret without echo; when nil, a line is
	// read from Stdin.
	ReadPassword func(prompt string) (string, error)
}

func (e Env) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e Env) terminal(w io.Writer) bool { return e.IsTerminal != nil && e.IsTerminal(w) }

// exitError carries a process exit code through a command's error return.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

const usage = `Rebound: a recovery coach for runners.

Usage: rebound [--db PATH] [--user NAME] COMMAND [options]

Commands:
  demo                 create a demo database from a simulated 12-week season and show it
  import PATH...       import FIT, GPX and TCX files, folders and Strava/Garmin export zips
                       (or a Rebound export zip, to move to a new database)
  runs                 list activities
  show ID              show one activity with its metrics and laps
  edit ID              rename an activity, mark it a race, workout, long, easy run..., add a note
  profile              show the runner's profile
  profile set ...      set weight, age, sex, heart rates, units, time zone, conditions, equipment
  plan [ID|latest]     the recovery plan after a run: first hour, next days, this week
  today                today's readiness (0-100), recommendation and checklist
  checkin              log today's soreness, sleep, stress, resting HR, HRV, symptoms
  load                 fitness, fatigue, form, acute:chronic ratio, weekly distance
  week                 the suggested next 7 days
  model                what Rebound has learned about how you recover
  protocol             the whole recovery rule base with sources and evidence
  gear                 shoes and their distance; gear add|assign|retire
  serve                the web dashboard and REST API (default http://127.0.0.1:8080)
  user                 accounts for the web app: user add|passwd|grant|revoke|list|token|delete
  export FILE.zip      everything of yours, as JSON (or --format csv) and the original files
  backup FILE          a consistent copy of the whole database, while it is in use
  restore FILE         replace the database with a backup (--force if it holds data)
  reprocess            re-analyse every stored original with this version's decoders and metrics

Every command takes --db PATH (or REBOUND_DB; a postgres:// URL for
PostgreSQL); the default database is $XDG_DATA_HOME/rebound/rebound.db
(~/.local/share/rebound/rebound.db). --user NAME works on that account's
data in a shared database (default: the local runner, user 1).
Run 'rebound COMMAND -h' for a command's options.
`

type command interface {
	Run(ctx context.Context, args []string) error
}

// Main runs the command line args and returns the process exit code.
func Main(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	g := &globals{env: env}
	fs := flag.NewFlagSet("rebound", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { fmt.Fprint(env.Stderr, usage) }
	g.register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	args = fs.Args()
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return 2
	}
	var cmd command
	switch args[0] {
	case "demo":
		cmd = &demoCmd{g: g}
	case "import":
		cmd = &importCmd{g: g}
	case "runs":
		cmd = &runsCmd{g: g}
	case "show":
		cmd = &showCmd{g: g}
	case "edit":
		cmd = &editCmd{g: g}
	case "profile":
		cmd = &profileCmd{g: g}
	case "plan":
		cmd = &planCmd{g: g}
	case "today":
		cmd = &todayCmd{g: g}
	case "load":
		cmd = &loadCmd{g: g}
	case "week":
		cmd = &weekCmd{g: g}
	case "model":
		cmd = &modelCmd{g: g}
	case "protocol":
		cmd = &protocolCmd{g: g}
	case "checkin":
		cmd = &checkinCmd{g: g}
	case "gear":
		cmd = &gearCmd{g: g}
	case "serve":
		cmd = &serveCmd{g: g}
	case "user":
		cmd = &userCmd{g: g}
	case "reprocess":
		cmd = &reprocessCmd{g: g}
	case "export":
		cmd = &exportCmd{g: g}
	case "backup":
		cmd = &backupCmd{g: g}
	case "restore":
		cmd = &restoreCmd{g: g}
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, usage)
		return 0
	default:
		fmt.Fprintf(env.Stderr, "rebound: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd.Run(ctx, args[1:])
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintf(env.Stderr, "rebound %s: %v\n", args[0], ee.err)
		}
		return ee.code
	case rebound.ErrorCode(err) == rebound.EINVALID || rebound.ErrorCode(err) == rebound.ENOTFOUND:
		fmt.Fprintf(env.Stderr, "rebound %s: %s\n", args[0], hint(rebound.ErrorMessage(err)))
		return 1
	default:
		fmt.Fprintf(env.Stderr, "rebound %s: %v\n", args[0], err)
		return 1
	}
}

// globals are the options every command takes.
type globals struct {
	env  Env
	db   string
	user string
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.Func("db", "database file (default $REBOUND_DB or the XDG data directory)", func(s string) error {
		g.db = s
		return nil
	})
	fs.Func("user", "work on this account's data (default: the local runner)", func(s string) error {
		g.user = s
		return nil
	})
}

// flags returns a flag set for a subcommand that also accepts --db.
func (g *globals) flags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(g.env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(g.env.Stderr, "Usage: rebound %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
	}
	g.register(fs)
	return fs
}

// dbPath resolves the database path: --db, then REBOUND_DB, then
// $XDG_DATA_HOME/rebound/rebound.db, then ~/.local/share/rebound/rebound.db.
func (g *globals) dbPath() (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	if p := g.env.Getenv("REBOUND_DB"); p != "" {
		return p, nil
	}
	return dataFile(g.env, "rebound.db")
}

// dataFile returns a path in Rebound's XDG data directory.
func dataFile(env Env, name string) (string, error) {
	if d := env.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "rebound", name), nil
	}
	home := env.Getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", fmt.Errorf("find the data directory: set --db, REBOUND_DB or HOME: %w", err)
		}
	}
	return filepath.Join(home, ".local", "share", "rebound", name), nil
}

// open opens the store of the runner the command works on: --user's, or
// the local runner's.
func (g *globals) open(ctx context.Context) (store.Store, error) {
	db, err := g.openDB(ctx)
	if err != nil || g.user == "" {
		return db, err
	}
	u, err := db.FindUserByName(ctx, g.user)
	if err != nil {
		db.Close()
		return nil, err
	}
	return db.ForAthlete(u.ID), nil
}

// openDB opens the whole database.
func (g *globals) openDB(ctx context.Context) (store.Database, error) {
	p, err := g.dbPath()
	if err != nil {
		return nil, err
	}
	return engine.Open(ctx, p) // its errors name the database
}

// Decoders returns the decoder of every supported format.
func Decoders() map[decode.Format]decode.Decoder {
	return map[decode.Format]decode.Decoder{decode.FIT: fit.Decode, decode.GPX: gpx.Decode, decode.TCX: tcx.Decode}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// parseDate parses a day as YYYY-MM-DD in loc, or an RFC 3339 time.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, rebound.Errorf(rebound.EINVALID, "date %q: want YYYY-MM-DD", s)
}

// leftPad pads s with spaces to width runes, right-aligning it.
func leftPad(s string, width int) string {
	n := len([]rune(s))
	if n >= width {
		return s
	}
	return strings.Repeat(" ", width-n) + s
}

// rightPad pads s with spaces to width runes, cutting it with … if longer.
func rightPad(s string, width int) string {
	r := []rune(s)
	if len(r) > width {
		return string(r[:width-1]) + "…"
	}
	return s + strings.Repeat(" ", width-len(r))
}

// readSecret asks for a secret: without echo on a terminal, else a line of Stdin.
func readSecret(env Env, prompt string) (string, error) {
	if env.ReadPassword != nil {
		return env.ReadPassword(prompt)
	}
	fmt.Fprint(env.Stderr, prompt)
	return readLine(env.Stdin)
}

// readLine reads one line from r without its line ending. It reads byte
// by byte, never past the newline, so that the next call reads the next
// line (a buffered reader would swallow it).
func readLine(r io.Reader) (string, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if n == 1 {
			if b[0] == '\n' {
				break
			}
			line = append(line, b[0])
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
	}
	return strings.TrimSuffix(string(line), "\r"), nil
}

// hint adds where on the command line to look to an error's message: an
// activity not found points to rebound runs, a shoe to rebound gear, no
// activities to rebound import. Only the CLI adds it; the API and the web
// name no commands.
func hint(msg string) string {
	switch {
	case strings.HasPrefix(msg, "activity ") && strings.HasSuffix(msg, " not found"):
		return msg + " (see rebound runs)"
	case strings.HasPrefix(msg, "no shoe named "):
		return msg + " (see rebound gear)"
	case msg == "no activities yet":
		return msg + ": import some with rebound import"
	}
	return msg
}
