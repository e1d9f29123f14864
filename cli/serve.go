package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strings"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/web"
)

// DefaultAddr is where `rebound serve` listens by default: this machine only.
const DefaultAddr = "127.0.0.1:8080"

type serveCmd struct{ g *globals }

func (c *serveCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("serve", "serve [--addr HOST:PORT] [--trusted-proxy CIDR]... [--secure-cookies] [--db PATH|postgres://…]")
	addr := fs.String("addr", DefaultAddr, "address to listen on (loopback: a one-time sign-in link for the local runner)")
	var opts serveOptions
	fs.BoolVar(&opts.secure, "secure-cookies", false, "mark cookies Secure on plain HTTP (behind a TLS proxy that sends no X-Forwarded-Proto)")
	fs.Var((*prefixList)(&opts.proxies), "trusted-proxy",
		"a reverse proxy's address or CIDR range (repeatable, or comma-separated): only from these are X-Forwarded-For and X-Forwarded-Proto heeded (default none)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	db, err := c.g.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	return serve(ctx, c.g.env, db, *addr, opts, nil)
}

// serveOptions are serve's settings for a server behind a proxy.
type serveOptions struct {
	secure  bool           // --secure-cookies
	proxies []netip.Prefix // --trusted-proxy
}

// prefixList is a repeatable flag of addresses and CIDR ranges, each
// value one or several separated by commas; an address is a range of one.
type prefixList []netip.Prefix

func (l *prefixList) String() string {
	if l == nil {
		return ""
	}
	var s []string
	for _, p := range *l {
		s = append(s, p.String())
	}
	return strings.Join(s, ",")
}

func (l *prefixList) Set(v string) error {
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		p, err := netip.ParsePrefix(f)
		if err != nil {
			a, aerr := netip.ParseAddr(f)
			if aerr != nil {
				return fmt.Errorf("%q is neither an address nor a CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, ::1)", f)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		*l = append(*l, p.Masked())
	}
	return nil
}

// serve runs the web app on db until ctx ends. Bound to loopback, it
// prints a one-time sign-in link for each of linkUsers; when linkUsers is
// nil, for the single local runner of a personal database (created as
// the account "runner" when the database has no accounts yet). Everyone
// else signs in with a password.
func serve(ctx context.Context, env Env, db store.Database, addr string, opts serveOptions, linkUsers []*account.User) error {
	out := env.Stdout
	if linkUsers == nil {
		users, err := db.FindUsers(ctx)
		if err != nil {
			return err
		}
		// A personal database has no accounts yet: its runner becomes user 1,
		// who owns the data the CLI imported (store.LocalAthleteID).
		if len(users) == 0 {
			u := &account.User{Name: "runner", Role: account.Athlete}
			if err := db.CreateUser(ctx, u); err != nil {
				return err
			}
			users = append(users, u)
			fmt.Fprintf(out, "Created the account %q for this database's runner (add a password with: rebound user passwd runner).\n", u.Name)
		}
		if len(users) == 1 {
			linkUsers = users
		}
	}
	if !server.IsLoopback(addr) {
		linkUsers = nil
	}
	var ids []int64
	for _, u := range linkUsers {
		ids = append(ids, u.ID)
	}
	tmpl, err := web.Templates(nil)
	if err != nil {
		return err
	}
	srv, err := server.New(server.Config{DB: db, Decoders: Decoders(), Templates: tmpl, Static: web.Static(),
		Local: len(ids) > 0, LinkUsers: ids, SecureCookies: opts.secure, TrustedProxies: opts.proxies, Now: env.Now,
		Logger: slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		return err
	}
	return srv.ListenAndServe(ctx, addr, func(a net.Addr) {
		base := "http://" + displayAddr(a.String())
		fmt.Fprintf(out, "Rebound is serving at %s\n", base)
		// link is user u's one-time sign-in URL, which takes a coach to
		// the athletes' table; srv was configured to allow them all, so an
		// error here is a bug, reported on stderr.
		link := func(u *account.User) string {
			l, err := srv.LoginLink(u.ID)
			if err != nil {
				fmt.Fprintf(env.Stderr, "rebound: one-time sign-in link for %s: %v\n", u.Name, err)
				return base + "/login"
			}
			if u.Role == account.Coach {
				l += "?next=/coach"
			}
			return base + l
		}
		switch len(linkUsers) {
		case 0:
			fmt.Fprintf(out, "Sign in at %s/login\n", base)
		case 1:
			fmt.Fprintf(out, "Open this one-time link to sign in as %s (valid 15 minutes):\n  %s\n", linkUsers[0].Name, link(linkUsers[0]))
		default:
			fmt.Fprintf(out, "One-time sign-in links (each works once, for 15 minutes; passwords work at %s/login):\n", base)
			for _, u := range linkUsers {
				fmt.Fprintf(out, "  as %-*s %s\n", nameWidth(linkUsers)+1, u.Name+":", link(u))
			}
		}
		fmt.Fprintln(out, "Press Ctrl-C to stop.")
	})
}

// nameWidth is the width of the longest user name.
func nameWidth(us []*account.User) int {
	w := 0
	for _, u := range us {
		w = max(w, len(u.Name))
	}
	return w
}

// displayAddr shows a wildcard listen address as localhost.
func displayAddr(a string) string {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return a
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return host + ":" + port
}
