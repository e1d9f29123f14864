package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/profile"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/sim"
	"github.com/rebound-run/rebound/store"
)

// DemoCoach is the name of the club demo's coach account.
const DemoCoach = "coach"

// demoAccount is an account the club demo created, with its password,
// which is shown once.
type demoAccount struct {
	user     *account.User
	password string
	who      string // whose it is, for the table of accounts
	redFlag  bool   // today's state calls for a professional
}

// club adds the runner's club to the demo database: an account for the
// runner (user 1, who owns the data imported before), one for each of
// sim.ClubMates with their own season imported into their own data
// (store.Database.ForAthlete), and the coach, whom every athlete of the
// club grants read access. It prints each club-mate's season and day, and
// returns the accounts in that order, the coach last.
func (c *demoCmd) club(ctx context.Context, db store.Database, runner sim.Runner, dir string, start, today time.Time) ([]demoAccount, error) {
	out := c.g.env.Stdout
	me, err := newDemoAccount(ctx, db, loginName(runner.Name), account.Athlete)
	if err != nil {
		return nil, err
	}
	if me.user.ID != store.LocalAthleteID {
		return nil, fmt.Errorf("create the demo runner's account: it is user %d, not %d, who owns the imported data", me.user.ID, store.LocalAthleteID)
	}
	me.who = runner.Name + ", the runner above"
	accounts := []demoAccount{me}

	mates := sim.ClubMates()
	fmt.Fprintln(out, "\n══ The club ══")
	fmt.Fprintf(out, "%s trains with a club. %d club-mates were simulated the same way, each imported through the same\n"+
		"path into their own account (FIT files in %s):\n", firstName(runner.Name), len(mates), filepath.Join(dir, "club"))
	for _, r := range mates {
		a, err := newDemoAccount(ctx, db, loginName(r.Name), account.Athlete)
		if err != nil {
			return nil, err
		}
		a.who = r.Name
		st := db.ForAthlete(a.user.ID)
		sn, err := c.season(ctx, st, r, filepath.Join(dir, "club", a.user.Name), start, today, nil)
		if err != nil {
			return nil, err
		}
		if n := len(sn.report.Failed); n > 0 {
			printReport(out, sn.report, sn.took)
			return nil, &exitError{code: 1, err: fmt.Errorf("%d of %s's demo files failed to import", n, r.Name)}
		}
		state, err := loadState(ctx, st, today)
		if err != nil {
			return nil, fmt.Errorf("load %s's state: %w", r.Name, err)
		}
		t := state.Today()
		a.redFlag = t.SeeProfessional.Needed
		printClubMate(out, a.user.Name, r, state, t)
		accounts = append(accounts, a)
	}

	ch, err := newDemoAccount(ctx, db, DemoCoach, account.Coach)
	if err != nil {
		return nil, err
	}
	for _, a := range accounts {
		if err := db.Grant(ctx, a.user.ID, ch.user.ID); err != nil {
			return nil, fmt.Errorf("grant %s access to %s: %w", ch.user.Name, a.user.Name, err)
		}
	}
	ch.who = fmt.Sprintf("the club's coach: reads the %d athletes above, changes nothing", len(accounts))
	fmt.Fprintf(out, "\nThe coach %q reads all %d of them (%s included): the web app's Athletes page lists them most in need\n"+
		"first, red flags before the lowest readiness.\n", ch.user.Name, len(accounts), firstName(runner.Name))
	return append(accounts, ch), nil
}

// newDemoAccount creates an account with a random password.
func newDemoAccount(ctx context.Context, db store.AccountStore, name string, role account.Role) (demoAccount, error) {
	a := demoAccount{password: account.NewPassword()}
	hash, err := account.HashPassword(a.password)
	if err != nil {
		return a, fmt.Errorf("hash %s's password: %w", name, err)
	}
	a.user = &account.User{Name: name, Role: role, PasswordHash: hash}
	if err := db.CreateUser(ctx, a.user); err != nil {
		return a, fmt.Errorf("create the demo account %s: %w", name, err)
	}
	return a, nil
}

// firstName is the first word of a full name.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}

// loginName is the login of a simulated runner: the first name in lower case.
func loginName(name string) string { return strings.ToLower(firstName(name)) }

// printClubMate writes a club-mate's two or three lines: who, the season,
// today, and what their conditions rule out.
func printClubMate(w io.Writer, login string, r sim.Runner, st *coach.State, t *coach.Today) {
	prof := r.Profile()
	// The season's runs, not the base weeks before it.
	from := st.Now.AddDate(0, 0, -7*DemoWeeks)
	runs, dist := 0, 0.0
	for _, e := range st.Entries {
		if e.A.Sport.IsRun() && !e.A.Start.Before(from) {
			runs++
			dist += e.A.Summary.DistanceM
		}
	}
	fmt.Fprintf(w, "\n  %-7s %s, %d — %s\n", login, r.Name, r.Age, r.About)
	today := present.AdviceFor(t.Recommendation).Label
	if n, ok := t.Score(); ok {
		today = fmt.Sprintf("readiness %d/100, %s", n, today)
	}
	fmt.Fprintf(w, "          %d runs, %s in the %d weeks of the season; today: %s\n", runs, present.For(prof).Distance(dist),
		DemoWeeks, today)
	for _, line := range ruledOut(prof) {
		fmt.Fprintf(w, "          %s\n", line)
	}
	if t.SeeProfessional.Needed {
		fmt.Fprintf(w, "          !! %s\n", present.FlagHeading(t.SeeProfessional.Urgency))
		for _, reason := range t.SeeProfessional.Reasons {
			fmt.Fprintf(w, "             %s\n", reason)
		}
	}
}

// ruledOut says, for each of the profile's conditions, which recovery
// techniques it rules out or sends to a doctor first, why, and on whose
// word (the protocol's contraindications).
func ruledOut(prof profile.Profile) []string {
	var lines []string
	for _, cond := range prof.Conditions {
		for _, act := range []protocol.Action{protocol.Avoid, protocol.DoctorFirst} {
			var names, whys, srcs []string
			for _, t := range protocol.Techniques() {
				for _, ci := range t.Check([]string{cond}) {
					if ci.Condition != cond || ci.Action != act {
						continue
					}
					names = append(names, strings.ToLower(t.Name))
					if !slices.Contains(whys, ci.Why) {
						whys = append(whys, ci.Why)
					}
					if !slices.Contains(srcs, ci.Source) {
						srcs = append(srcs, ci.Source)
					}
				}
			}
			if len(names) == 0 {
				continue
			}
			what := "no " + strings.Join(names, ", ")
			if act == protocol.DoctorFirst {
				what = "ask a doctor before " + strings.Join(names, " or ")
			}
			// The sources the reasons do not already name.
			why := strings.Join(whys, " ")
			var cite []string
			for _, src := range srcs {
				if short := protocol.Short(src); short == "" || !strings.Contains(why, short) {
					cite = append(cite, protocol.Cite(src))
				}
			}
			line := fmt.Sprintf("%s: %s. %s", protocol.ConditionName(cond), what, why)
			if len(cite) > 0 {
				line += " (" + strings.Join(cite, "; ") + ")"
			}
			lines = append(lines, line)
		}
	}
	return lines
}

// clubExample is the club-mate whose day the demo suggests looking at:
// the first with a red flag, else the first club-mate.
func clubExample(accounts []demoAccount) demoAccount {
	for _, a := range accounts {
		if a.redFlag {
			return a
		}
	}
	return accounts[1]
}

// printAccounts writes the table of the demo's accounts and passwords.
func printAccounts(w io.Writer, accounts []demoAccount) {
	fmt.Fprintln(w, "\nAccounts (random passwords, shown only now; change one with: rebound user passwd NAME):")
	fmt.Fprintf(w, "  %-8s %-8s %-20s %s\n", "user", "role", "password", "who")
	for _, a := range accounts {
		fmt.Fprintf(w, "  %-8s %-8s %-20s %s\n", a.user.Name, a.user.Role, a.password, a.who)
	}
}
