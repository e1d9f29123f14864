// Command rebound is a self-hosted recovery coach for runners. It only
// wires the packages together: see package cli for the commands.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/rebound-run/rebound/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		IsTerminal: isTerminal, ReadPassword: readPassword})
	stop()
	os.Exit(code)
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// readPassword asks for a password on the terminal without echoing it.
func readPassword(prompt string) (string, error) {
	os.Stderr.WriteString(prompt)
	b, err := term.ReadPassword(int(os.Stdin.Fd()))
	os.Stderr.WriteString("\n")
	return string(b), err
}
