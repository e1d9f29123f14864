package cli_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-run/rebound/account"
	"github.com/rebound-run/rebound/app"
	"github.com/rebound-run/rebound/cli"
	"github.com/rebound-run/rebound/coach"
	"github.com/rebound-run/rebound/present"
	"github.com/rebound-run/rebound/protocol"
	"github.com/rebound-run/rebound/server"
	"github.com/rebound-run/rebound/store"
	"github.com/rebound-run/rebound/store/sqlite"
	"github.com/rebound-run/rebound/web"
)

// clubAthletes are the club demo's athletes: the runner (user 1) and the
// club-mates, in the order they are created.
var clubAthletes = []string{"alex", "jordan", "marta", "walter", "priya"}

// accountRow matches a line of the demo's table of accounts.
var accountRow = regexp.MustCompile(`(?m)^  (\S+)\s+(athlete|coach)\s+([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})\s`)

// passwords reads the demo's table of accounts: name -> password.
func passwords(t *testing.T, out string) map[string]string {
	t.Helper()
	pw := map[string]string{}
	for _, m := range accountRow.FindAllStringSubmatch(out, -1) {
		pw[m[1]] = m[3]
	}
	if len(pw) != len(clubAthletes)+1 {
		t.Fatalf("the demo printed %d accounts, want %d:\n%s", len(pw), len(clubAthletes)+1, out)
	}
	return pw
}

// coachTable signs in as the coach with the password form and returns
// the athletes of the coach's page in its order, and the page.
func coachTable(t *testing.T, base string, signIn func(c *http.Client) *http.Response) ([]string, string) {
	t.Helper()
	jar := &cookieJar{}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res := signIn(c)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || len(jar.cookies) == 0 {
		t.Fatalf("coach sign-in: status %d, %d cookies", res.StatusCode, len(jar.cookies))
	}
	res, err := c.Get(base + "/coach")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /coach: status %d\n%s", res.StatusCode, body)
	}
	var names []string
	for _, m := range regexp.MustCompile(`<a href="/athletes/\d+">([^<]+)</a>`).FindAllStringSubmatch(string(body), -1) {
		names = append(names, m[1])
	}
	return names, string(body)
}

// cookieJar keeps the cookies a test server sets, whatever their flags.
type cookieJar struct{ cookies []*http.Cookie }

func (j *cookieJar) SetCookies(_ *url.URL, cs []*http.Cookie) { j.cookies = append(j.cookies, cs...) }
func (j *cookieJar) Cookies(*url.URL) []*http.Cookie          { return j.cookies }

// checkCoachOrder checks the coach's table: every club athlete, the one
// with the red flag first, then the marathoner with the lowest readiness.
func checkCoachOrder(t *testing.T, names []string, page string) {
	t.Helper()
	got := slices.Sorted(slices.Values(names))
	if want := slices.Sorted(slices.Values(clubAthletes)); !slices.Equal(got, want) {
		t.Fatalf("the coach's table lists %v, want %v", names, clubAthletes)
	}
	if names[0] != "priya" || names[1] != "marta" {
		t.Errorf("the coach's table is ordered %v: want priya (red flag) first, then marta (lowest readiness)", names)
	}
	if !strings.Contains(page, "1 athlete reported") || !strings.Contains(page, "flag-soon") {
		t.Error("the coach's page does not say that one athlete reported a red flag")
	}
}

// TestDemoClub runs `demo --club --serve` into a temp dir with a real
// SQLite file and checks the club it makes while it serves: accounts,
// grants, each athlete's own data, the red flag, the heart condition, the
// coach's page, and the one-time links for the runner and the coach.
func TestDemoClub(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and imports five 12-week seasons")
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "club.db")
	season := filepath.Join(dir, "season")
	ctx, cancel := context.WithCancel(context.Background())
	stdout := &syncBuffer{}
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: io.Discard, Now: func() time.Time { return now },
		Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(ctx, []string{"--db", dbPath, "demo", "--club", "--serve", "--addr", "127.0.0.1:0", "--dir", season}, env)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("demo --club --serve exited %d:\n%s", code, stdout.String())
		}
	}()
	linkRE := regexp.MustCompile(`(?m)^  as (\S+):\s+(http://127\.0\.0\.1:\d+)(/signin/\S+)$`)
	var links [][]string
	for i := 0; i < 6000 && len(links) < 2; i++ {
		select {
		case code := <-done:
			done <- code // for the deferred check
			t.Fatalf("demo --club --serve exited early:\n%s", stdout.String())
		case <-time.After(20 * time.Millisecond):
		}
		links = linkRE.FindAllStringSubmatch(stdout.String(), -1)
	}
	out := stdout.String()
	if len(links) != 2 || links[0][1] != "alex" || links[1][1] != cli.DemoCoach {
		t.Fatalf("want one-time links for alex and the coach:\n%s", out)
	}
	for _, want := range []string{"Readiness", "══ The club ══", "!! " + present.FlagHeading("soon"), protocol.ConditionName("heart-disease") + ": ask a doctor before cold-water immersion", "Accounts (random passwords"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo --club output lacks %q", want)
		}
	}
	pw := passwords(t, out)

	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	t.Run("Accounts", func(t *testing.T) {
		users, err := db.FindUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range users {
			names = append(names, u.Name)
			want := account.Athlete
			if u.Name == cli.DemoCoach {
				want = account.Coach
			}
			if u.Role != want {
				t.Errorf("%s is an %s, want %s", u.Name, u.Role, want)
			}
			if !account.CheckPassword(u.PasswordHash, pw[u.Name]) {
				t.Errorf("%s's printed password %q does not sign in", u.Name, pw[u.Name])
			}
		}
		if want := append(slices.Clone(clubAthletes), cli.DemoCoach); !slices.Equal(names, want) {
			t.Errorf("accounts %v, want %v", names, want)
		}
		if users[0].ID != store.LocalAthleteID || users[0].Name != "alex" {
			t.Errorf("user %d is %s: the runner must own the local data", store.LocalAthleteID, users[0].Name)
		}
	})

	byName := map[string]*account.User{}
	users, err := db.FindUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		byName[u.Name] = u
	}
	coachUser := byName[cli.DemoCoach]

	t.Run("Grants", func(t *testing.T) {
		granted, err := db.FindGrantedAthletes(ctx, coachUser.ID)
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for _, n := range clubAthletes {
			want = append(want, byName[n].ID)
			coaches, err := db.FindCoaches(ctx, byName[n].ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(coaches, []int64{coachUser.ID}) {
				t.Errorf("%s's coaches %v, want only %d", n, coaches, coachUser.ID)
			}
		}
		slices.Sort(want)
		if !slices.Equal(granted, want) {
			t.Errorf("the coach was granted %v, want exactly the club athletes %v", granted, want)
		}
	})

	t.Run("Isolated", func(t *testing.T) {
		// Each athlete holds exactly the activities of their own FIT
		// files, and their own check-ins; the coach holds none.
		for _, n := range append(slices.Clone(clubAthletes), cli.DemoCoach) {
			fitDir := filepath.Join(season, "club", n)
			switch n {
			case "alex":
				fitDir = season
			case cli.DemoCoach:
				fitDir = ""
			}
			files := 0
			if fitDir != "" {
				ents, err := os.ReadDir(fitDir)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range ents {
					if strings.HasSuffix(e.Name(), ".fit") {
						files++
					}
				}
			}
			st := db.ForAthlete(byName[n].ID)
			acts, total, err := st.FindActivities(ctx, store.ActivityFilter{})
			if err != nil {
				t.Fatal(err)
			}
			cs, err := st.FindCheckIns(ctx, time.Time{}, time.Time{}, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			if len(acts) != files || total != files {
				t.Errorf("%s has %d activities (total %d) for %d FIT files", n, len(acts), total, files)
			}
			wantCheckIns := cli.DemoWeeks * 7 // every morning up to today
			if n == cli.DemoCoach {
				wantCheckIns = 0
			}
			if len(cs) != wantCheckIns {
				t.Errorf("%s has %d check-ins, want %d", n, len(cs), wantCheckIns)
			}
			if n != cli.DemoCoach && files < 30 {
				t.Errorf("%s has only %d FIT files", n, files)
			}
		}
		// The local store is the runner's.
		local, _, err := db.FindActivities(ctx, store.ActivityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		alex, _, err := db.ForAthlete(byName["alex"].ID).FindActivities(ctx, store.ActivityFilter{})
		if err != nil || len(local) != len(alex) || local[0].ID != alex[0].ID {
			t.Errorf("the local store has %d activities, alex %d (%v)", len(local), len(alex), err)
		}
	})

	// states are every athlete's state at the demo's clock.
	states := map[string]*coach.State{}
	for _, n := range clubAthletes {
		h, err := app.LoadHistory(ctx, db.ForAthlete(byName[n].ID))
		if err != nil {
			t.Fatal(err)
		}
		states[n] = coach.NewState(h, now)
	}

	t.Run("RedFlag", func(t *testing.T) {
		for _, n := range clubAthletes {
			sp := states[n].Today().SeeProfessional
			if want := n == "priya"; sp.Needed != want {
				t.Errorf("%s: red flag %v (%v), want %v", n, sp.Needed, sp.Reasons, want)
			}
		}
		sp := states["priya"].Today().SeeProfessional
		if sp.Urgency != string(protocol.Soon) || len(sp.Reasons) == 0 || !strings.HasPrefix(sp.Reasons[0], "Pain on a bone") {
			t.Errorf("priya's red flag: %+v", sp)
		}
	})

	t.Run("LowReadiness", func(t *testing.T) {
		marta := states["marta"].Today().Readiness.Score
		if marta >= 60 {
			t.Errorf("the marathoner's readiness is %d, want below 60", marta)
		}
		// Priya's red flag caps her readiness (at most the rest band's
		// top), so the marathoner is the lowest of the others.
		for _, n := range clubAthletes {
			if s := states[n].Today().Readiness.Score; n != "marta" && n != "priya" && s <= marta {
				t.Errorf("%s's readiness %d is not above the marathoner's %d", n, s, marta)
			}
		}
	})

	t.Run("HeartCondition", func(t *testing.T) {
		// The techniques that heart disease rules out or sends to a
		// doctor first, from the protocol itself.
		ruled := map[string]bool{}
		for _, tq := range protocol.Techniques() {
			for _, c := range tq.Contraindications {
				if c.Condition == protocol.CondHeartDisease && (c.Action == protocol.Avoid || c.Action == protocol.DoctorFirst) {
					ruled[tq.ID] = true
				}
			}
		}
		if !ruled["cold-water-immersion"] {
			t.Fatalf("the protocol no longer rules out cold-water immersion with heart disease: %v", ruled)
		}
		st := states["walter"]
		if !slices.Contains(st.H.Profile.Conditions, protocol.CondHeartDisease) || !slices.Contains(st.H.Profile.Equipment, "ice-bath") {
			t.Fatalf("walter's profile %v", st.H.Profile)
		}
		skipped := 0
		for _, e := range st.Entries {
			p, err := st.Plan(e.A.ID, coach.WeightChange{})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range p.Steps {
				if ruled[s.ID] {
					t.Errorf("the plan after %s's run of %s has %s", "walter", e.A.Start.Format(time.DateOnly), s.ID)
				}
			}
			for _, s := range p.Skipped {
				if s.ID == "cold-water-immersion" && strings.Contains(s.Reason, "doctor") {
					skipped++
				}
			}
		}
		for _, s := range st.Today().Steps {
			if ruled[s.ID] {
				t.Errorf("walter's checklist today has %s", s.ID)
			}
		}
		// Not vacuous: he owns an ice bath, so cold-water immersion is
		// left out for his heart, after his hard and long runs.
		if skipped < 10 {
			t.Errorf("cold-water immersion was left out for the heart condition after %d runs, want most hard and long ones", skipped)
		}
	})

	t.Run("ErrNotFresh", func(t *testing.T) {
		// The accounts exist: a second club in the same database is refused.
		code, out, errs := rebound(t, dbPath, "--db", dbPath, "demo", "--club", "--dir", season)
		if code != 1 || !strings.Contains(errs, "needs a fresh database") || strings.Contains(out, "Wrote") {
			t.Errorf("demo --club on a database with accounts: exit %d\n%s\n%s", code, out, errs)
		}
	})

	t.Run("CoachPage", func(t *testing.T) {
		tmpl, err := web.Templates(nil)
		if err != nil {
			t.Fatal(err)
		}
		srv, err := server.New(server.Config{DB: db, Decoders: cli.Decoders(), Templates: tmpl, Static: web.Static(),
			Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()
		names, page := coachTable(t, ts.URL, func(c *http.Client) *http.Response {
			// The sign-in form's page sets its CSRF cookie; the form
			// sends the same token back.
			res, err := c.Get(ts.URL + "/login")
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			token := ""
			for _, ck := range res.Cookies() {
				if strings.HasSuffix(ck.Name, "rebound_login") {
					token = ck.Value
				}
			}
			res, err = c.PostForm(ts.URL+"/login", url.Values{"name": {cli.DemoCoach}, "password": {pw[cli.DemoCoach]}, "csrf_token": {token}})
			if err != nil {
				t.Fatal(err)
			}
			return res
		})
		checkCoachOrder(t, names, page)
	})

	t.Run("Links", func(t *testing.T) {
		base := links[0][2]
		// The runner's link opens the runner's own pages.
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.Get(base + links[0][3])
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" || len(res.Cookies()) == 0 {
			t.Errorf("alex's link: status %d to %q, %d cookies", res.StatusCode, res.Header.Get("Location"), len(res.Cookies()))
		}
		// The coach's link leads to the athletes' table.
		names, page := coachTable(t, base, func(c *http.Client) *http.Response {
			res, err := c.Get(base + links[1][3])
			if err != nil {
				t.Fatal(err)
			}
			if loc := res.Header.Get("Location"); loc != "/coach" {
				t.Errorf("the coach's link goes to %q, want /coach", loc)
			}
			return res
		})
		checkCoachOrder(t, names, page)
	})
}
