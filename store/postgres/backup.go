package postgres

// Backups
//
// Backup runs pg_dump in its custom format (-Fc: compressed, and
// restorable table by table); pg_dump reads the database in one
// repeatable-read transaction, so the dump is one moment's state while
// app servers go on writing. It writes to a temporary file beside the
// destination, renamed into place once pg_dump succeeded.
//
// Restore checks the dump first (pg_restore --list reads its table of
// contents: a custom-format dump with Rebound's tables; its migrations
// table's rows, read with pg_restore --data-only, name no migration this
// Rebound does not know), refuses a database holding data unless forced,
// then feeds psql, in one transaction, the drop of Rebound's tables and
// functions followed by pg_restore's script of the dump. COMMIT is sent
// only once pg_restore has finished without error; any error before
// (pg_restore's, or a statement's: psql stops at the first) ends the
// session with the transaction open, and PostgreSQL rolls it back: the
// database is as it was. Dropping the tables first, rather than
// pg_restore --clean, also removes tables a newer schema added that an
// older dump does not have; the next Open migrates the restored schema.
//
// The tools get the connection as a URL without its password (in
// PGPASSWORD instead, out of the process list) and without pgxpool's
// pool_* parameters, which libpq does not know. They must be installed
// (Debian: postgresql-client) and not be older than the server.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/internal/atomicfile"
)

// Tables and Functions are every table and function Rebound's migrations
// create (TestBackupTablesComplete keeps them complete): Restore drops
// them before it restores a dump.
var (
	Tables = []string{"migrations", "activities", "activity_samples", "activity_originals", "profile", "checkins",
		"activity_rpe", "shoes", "users", "sessions", "tokens", "grants", "ticks", "athlete_revisions"}
	Functions = []string{"bump_athlete_revision(bigint)", "athlete_revision_trigger()", "activity_rpe_revision_trigger()"}
)

// toolConn returns dsn as the pg_dump, pg_restore and psql tools take it:
// a URL without password and pool_* parameters, and the environment that
// carries the password.
func toolConn(dsn string) (string, []string, error) {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", nil, rebound.Errorf(rebound.EINVALID, "backup and restore take a postgres:// URL")
	}
	env := os.Environ()
	if pw, ok := u.User.Password(); ok {
		env = append(env, "PGPASSWORD="+pw)
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "pool_") {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), env, nil
}

// describeDSN names the database of dsn for messages, without password.
func describeDSN(dsn string) string {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return "the PostgreSQL database"
	}
	return describe(cfg)
}

// tool runs a PostgreSQL client program and returns its output; its
// error carries what the program wrote on stderr.
func tool(ctx context.Context, env []string, stdin io.Reader, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env, cmd.Stdin = env, stdin
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.Bytes(), toolError(name, err, errb.String())
	}
	return out.Bytes(), nil
}

func toolError(name string, err error, stderr string) error {
	if errors.Is(err, exec.ErrNotFound) {
		return rebound.Errorf(rebound.EINVALID, "%s is not installed: install PostgreSQL's client programs (Debian: apt install postgresql-client)", name)
	}
	if msg := strings.TrimSpace(stderr); msg != "" {
		return fmt.Errorf("%s: %s", name, msg)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// Backup writes a pg_dump custom-format dump of the database at dsn to
// the file dst, consistent while app servers write. It refuses
// (EINVALID) to write over an existing file unless force is set. Errors
// name dst.
func Backup(ctx context.Context, dsn, dst string, force bool) error {
	if err := backup(ctx, dsn, dst, force); err != nil {
		return fmt.Errorf("back up %s to %q: %w", describeDSN(dsn), dst, err)
	}
	return nil
}

func backup(ctx context.Context, dsn, dst string, force bool) (err error) {
	if fi, err := os.Stat(dst); err == nil {
		if fi.IsDir() {
			return rebound.Errorf(rebound.EINVALID, "%s is a folder: give a file name", dst)
		}
		if !force {
			return rebound.Errorf(rebound.EINVALID, "%s exists: give another file, or --force to replace it", dst)
		}
	}
	conn, env, err := toolConn(dsn)
	if err != nil {
		return err
	}
	tmp, err := atomicfile.Temp(dst)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err := tool(ctx, env, nil, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file="+tmp, "--dbname="+conn); err != nil {
		return err
	}
	return atomicfile.Commit(tmp, dst)
}

// CheckBackup returns nil when the file at p is a pg_dump custom-format
// dump of a Rebound database this Rebound can restore; otherwise EINVALID
// saying why, naming p.
func CheckBackup(ctx context.Context, p string) error {
	if _, err := os.Stat(p); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return rebound.Errorf(rebound.EINVALID, "%s: %v", p, err)
	}
	toc, err := tool(ctx, nil, nil, "pg_restore", "--list", p)
	if rebound.ErrorCode(err) == rebound.EINVALID {
		return err
	} else if err != nil {
		return rebound.Errorf(rebound.EINVALID, "%s is not a pg_dump custom-format dump (%v)", p, err)
	}
	var tables []string
	sc := bufio.NewScanner(bytes.NewReader(toc))
	for sc.Scan() {
		// "215; 1259 16390 TABLE public activities postgres"
		f := strings.Fields(sc.Text())
		if len(f) >= 6 && f[3] == "TABLE" && !strings.HasPrefix(f[0], ";") {
			tables = append(tables, f[5])
		}
	}
	for _, t := range []string{"migrations", "activities", "users"} {
		if !slices.Contains(tables, t) {
			return rebound.Errorf(rebound.EINVALID, "%s is not a dump of a Rebound database (it has no %s table)", p, t)
		}
	}
	data, err := tool(ctx, nil, nil, "pg_restore", "--data-only", "--table=migrations", "--file=-", p)
	if err != nil {
		return rebound.Errorf(rebound.EINVALID, "%s: read its migrations: %v", p, err)
	}
	known, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	var applied []string
	inCopy := false
	sc = bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "COPY ") && strings.Contains(line, "migrations"):
			inCopy = true
		case line == `\.`:
			inCopy = false
		case inCopy:
			name, _, _ := strings.Cut(line, "\t")
			if !slices.Contains(known, path.Join("migrations", name)) {
				return rebound.Errorf(rebound.EINVALID, "%s was dumped from a newer Rebound (it has migration %s): upgrade Rebound to restore it", p, name)
			}
			applied = append(applied, name)
		}
	}
	if len(applied) == 0 {
		return rebound.Errorf(rebound.EINVALID, "%s is not a dump of a Rebound database (its migrations table is empty)", p)
	}
	return nil
}

// holds says what data the database at dsn holds ("2 users, 40
// activities"), "" when none.
func holds(ctx context.Context, dsn string) (string, error) {
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer c.Close(ctx)
	var parts []string
	for _, t := range []struct{ table, what string }{
		{"users", "users"}, {"activities", "activities"}, {"checkins", "check-ins"}, {"shoes", "shoes"},
		{"profile", "profiles"}, {"ticks", "checklist ticks"},
	} {
		var exists bool
		if err := c.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, t.table).Scan(&exists); err != nil {
			return "", err
		}
		if !exists {
			continue
		}
		var n int64
		if err := c.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{t.table}.Sanitize()).Scan(&n); err != nil {
			return "", err
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, t.what))
		}
	}
	return strings.Join(parts, ", "), nil
}

// Restore replaces Rebound's tables in the database at dsn with those of
// the dump src (see the package's Backups comment): EINVALID, naming
// src, for a file that is not a dump of a Rebound database this Rebound
// knows; EINVALID when the database holds any data and force is not set.
// It is one transaction: a restore that fails leaves the database as it
// was.
func Restore(ctx context.Context, dsn, src string, force bool) error {
	if err := restore(ctx, dsn, src, force); err != nil {
		return fmt.Errorf("restore %s from %q: %w", describeDSN(dsn), src, err)
	}
	return nil
}

func restore(ctx context.Context, dsn, src string, force bool) error {
	if err := CheckBackup(ctx, src); err != nil {
		return err
	}
	conn, env, err := toolConn(dsn)
	if err != nil {
		return err
	}
	if !force {
		if what, err := holds(ctx, dsn); err != nil {
			return err
		} else if what != "" {
			return rebound.Errorf(rebound.EINVALID, "the database holds %s: restore --force replaces it (back it up first)", what)
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	psql := exec.CommandContext(ctx, "psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--dbname="+conn)
	psql.Env = env
	var psqlErr bytes.Buffer
	psql.Stdout, psql.Stderr = io.Discard, &psqlErr
	in, err := psql.StdinPipe()
	if err != nil {
		return err
	}
	dump := exec.CommandContext(ctx, "pg_restore", "--no-owner", "--no-privileges", "--file=-", src)
	var dumpErr bytes.Buffer
	dump.Stderr = &dumpErr
	script, err := dump.StdoutPipe()
	if err != nil {
		return err
	}
	if err := psql.Start(); err != nil {
		return toolError("psql", err, "")
	}
	if err := dump.Start(); err != nil {
		in.Close()
		psql.Wait()
		return toolError("pg_restore", err, "")
	}
	drops := "BEGIN;\nDROP TABLE IF EXISTS " + strings.Join(Tables, ", ") + " CASCADE;\n" +
		"DROP FUNCTION IF EXISTS " + strings.Join(Functions, ", ") + " CASCADE;\n"
	_, werr := io.WriteString(in, drops)
	if werr == nil {
		_, werr = io.Copy(in, script)
	}
	if werr != nil { // psql stopped at an error: the rest of the script is not wanted
		cancel()
	}
	derr := dump.Wait()
	if werr == nil && derr == nil {
		_, werr = io.WriteString(in, "COMMIT;\n")
	}
	in.Close() // without COMMIT, the session ends and the transaction rolls back
	perr := psql.Wait()
	switch {
	case derr != nil && ctx.Err() == nil:
		return toolError("pg_restore", derr, dumpErr.String())
	case perr != nil:
		return toolError("psql", perr, psqlErr.String())
	case werr != nil:
		return fmt.Errorf("psql: %w", werr)
	}
	return nil
}
