package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/store"
)

// userCmd is `rebound user add|passwd|grant|revoke|list|token`.
type userCmd struct{ g *globals }

const userSynopsis = `user list
       rebound user add NAME [--role athlete|coach|admin] [--password-stdin]
       rebound user passwd NAME [--password-stdin]
       rebound user grant ATHLETE COACH      (let COACH read ATHLETE's data)
       rebound user revoke ATHLETE COACH
       rebound user token NAME [--label L]   (a personal API token, shown once)
       rebound user delete NAME [--yes]      (the account with all its data; asks unless --yes)`

func (c *userCmd) Run(ctx context.Context, args []string) error {
	fs := c.g.flags("user", userSynopsis)
	role := fs.String("role", "athlete", "role of a new user: athlete, coach or admin")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input (first line)")
	label := fs.String("label", "cli", "name of a new API token")
	yes := fs.Bool("yes", false, "delete without asking to type the name")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		pos = []string{"list"}
	}
	want := map[string]int{"list": 1, "add": 2, "passwd": 2, "grant": 3, "revoke": 3, "token": 2, "delete": 2}
	n, ok := want[pos[0]]
	if !ok || len(pos) != n {
		return rebound.Errorf(rebound.EINVALID, "usage: rebound %s", userSynopsis)
	}
	db, err := c.g.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	out := c.g.env.Stdout
	switch pos[0] {
	case "list":
		users, err := db.FindUsers(ctx)
		if err != nil {
			return err
		}
		if len(users) == 0 {
			fmt.Fprintln(out, "No users yet: rebound user add NAME (or rebound serve, which creates the local runner).")
		}
		nameOf := make(map[int64]string, len(users))
		for _, u := range users {
			nameOf[u.ID] = u.Name
		}
		for _, u := range users {
			coaches, err := db.FindCoaches(ctx, u.ID)
			if err != nil {
				return err
			}
			var names []string
			for _, id := range coaches {
				if name, ok := nameOf[id]; ok {
					names = append(names, name)
				}
			}
			pw := "password"
			if u.PasswordHash == "" {
				pw = "no password"
			}
			line := fmt.Sprintf("%3d  %-20s %-8s %s", u.ID, u.Name, u.Role, pw)
			if len(names) > 0 {
				line += "; coached by " + strings.Join(names, ", ")
			}
			fmt.Fprintln(out, line)
		}
	case "add":
		r, err := account.ParseRole(*role)
		if err != nil {
			return rebound.Errorf(rebound.EINVALID, "%v", err)
		}
		if err := account.ValidName(pos[1]); err != nil {
			return rebound.Errorf(rebound.EINVALID, "%v", err)
		}
		hash, err := c.password(*fromStdin)
		if err != nil {
			return err
		}
		u := &account.User{Name: pos[1], Role: r, PasswordHash: hash}
		if err := db.CreateUser(ctx, u); err != nil {
			return err
		}
		fmt.Fprintf(out, "Added %s (%s), user %d.\n", u.Name, u.Role, u.ID)
	case "passwd":
		u, err := db.FindUserByName(ctx, pos[1])
		if err != nil {
			return err
		}
		if u.PasswordHash, err = c.password(*fromStdin); err != nil {
			return err
		}
		if err := db.UpdateUser(ctx, u); err != nil {
			return err
		}
		// A new password signs every browser out.
		if err := db.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		fmt.Fprintf(out, "Password of %s changed; their sessions were signed out.\n", u.Name)
	case "grant", "revoke":
		athlete, coach, err := twoUsers(ctx, db, pos[1], pos[2])
		if err != nil {
			return err
		}
		if pos[0] == "grant" {
			if coach.Role != account.Coach && coach.Role != account.Admin {
				return rebound.Errorf(rebound.EINVALID, "%s is an %s: only a coach or an admin can be granted access (rebound user add NAME --role coach)", coach.Name, coach.Role)
			}
			if err := db.Grant(ctx, athlete.ID, coach.ID); err != nil {
				return err
			}
			fmt.Fprintf(out, "%s can now read %s's data (read-only).\n", coach.Name, athlete.Name)
		} else {
			if err := db.Revoke(ctx, athlete.ID, coach.ID); err != nil {
				return err
			}
			fmt.Fprintf(out, "%s can no longer read %s's data.\n", coach.Name, athlete.Name)
		}
	case "token":
		u, err := db.FindUserByName(ctx, pos[1])
		if err != nil {
			return err
		}
		secret := account.TokenPrefix + account.NewSecret()
		if err := db.CreateToken(ctx, &account.Token{UserID: u.ID, Name: *label, Scope: account.ScopeAPI, Hash: account.HashSecret(secret)}); err != nil {
			return err
		}
		fmt.Fprintf(out, "API token for %s (shown once; send it as \"Authorization: Bearer <token>\"):\n%s\n", u.Name, secret)
	case "delete":
		return c.delete(ctx, db, pos[1], *yes)
	}
	return nil
}

// delete deletes an account with all its data, once confirmed: by
// --yes, or by typing the name on a terminal.
func (c *userCmd) delete(ctx context.Context, db store.Database, name string, yes bool) error {
	env := c.g.env
	u, err := db.FindUserByName(ctx, name)
	if err != nil {
		return err
	}
	_, n, err := db.ForAthlete(u.ID).FindActivities(ctx, store.ActivityFilter{})
	if err != nil {
		return err
	}
	what := fmt.Sprintf("%s (%s, user %d) with all their data: %d %s and their original files, check-ins, ratings, shoes, "+
		"profile, sessions, API tokens and coaching grants", u.Name, u.Role, u.ID, n, plural(n, "activity", "activities"))
	if !yes {
		if !env.terminal(env.Stdout) || env.Stdin == nil {
			return rebound.Errorf(rebound.EINVALID, "deleting %s cannot be undone: add --yes to confirm", what)
		}
		fmt.Fprintf(env.Stdout, "This deletes %s. It cannot be undone (rebound export keeps a copy).\nType the name to confirm: ", what)
		typed, err := readLine(env.Stdin)
		if err != nil {
			return err
		}
		if !strings.EqualFold(strings.TrimSpace(typed), u.Name) {
			return rebound.Errorf(rebound.EINVALID, "%q is not %s: nothing deleted", typed, u.Name)
		}
	}
	if err := db.DeleteUser(ctx, u.ID); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Deleted %s.\n", what)
	return nil
}

func twoUsers(ctx context.Context, db store.AccountStore, a, b string) (*account.User, *account.User, error) {
	ua, err := db.FindUserByName(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	ub, err := db.FindUserByName(ctx, b)
	if err != nil {
		return nil, nil, err
	}
	return ua, ub, nil
}

// password reads a new password (from stdin, or asked twice on a
// terminal) and returns its hash.
func (c *userCmd) password(fromStdin bool) (string, error) {
	env := c.g.env
	var pw string
	switch {
	case fromStdin || !env.terminal(env.Stdout):
		var err error
		if pw, err = readLine(env.Stdin); err != nil {
			return "", err
		}
	default:
		a, err := readSecret(env, "Password: ")
		if err != nil {
			return "", err
		}
		b, err := readSecret(env, "Again: ")
		if err != nil {
			return "", err
		}
		if a != b {
			return "", rebound.Errorf(rebound.EINVALID, "the passwords differ")
		}
		pw = a
	}
	hash, err := account.HashPassword(pw)
	if err != nil {
		return "", rebound.Errorf(rebound.EINVALID, "%v", err)
	}
	return hash, nil
}
