package protocol_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rebound-run/rebound/protocol"
)

// seedDir returns the shared seeds folder beside the repository, skipping
// the test when it is absent.
func seedDir(tb testing.TB) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "shared", "seeds")
	if _, err := os.Stat(filepath.Join(dir, protocol.Seed000)); err != nil {
		tb.Skipf("seed articles not found at %s", dir)
	}
	return dir
}

// normalize lower-cases s and turns en dashes into hyphens and the
// no-space "10-15°C" into "10-15 °C", so numbers compare as written.
func normalize(s string) string {
	s = strings.NewReplacer("–", "-", "—", "-", "°C", " °C", "  °C", " °C").Replace(s)
	return strings.ToLower(strings.ReplaceAll(s, "  °c", " °c"))
}

// ruleText is what the rule base says on behalf of seed: the Says of every
// source citing it, the dose text of techniques that cite it, every
// disagreement, and the symptoms that cite it.
func ruleText(seed string) string {
	var b strings.Builder
	for _, t := range protocol.Techniques() {
		cites := false
		for _, s := range t.Sources {
			if s.Ref == seed {
				cites = true
				b.WriteString(s.Says + "\n")
			}
		}
		if cites {
			b.WriteString(t.Dose.Text + "\n")
		}
	}
	for _, d := range protocol.Disagreements() {
		b.WriteString(d.Default + "\n" + d.Range + "\n" + d.Note + "\n")
	}
	for _, s := range protocol.Symptoms() {
		if strings.Contains(s.Source, seed) {
			b.WriteString(s.Name + "\n" + s.Why + "\n")
		}
	}
	return normalize(b.String())
}

// TestSeedCoverage walks the five seed articles for their key numbers and
// facts and checks that the rule base carries each one, attributed to that
// seed. inSeed is the fact as the article words it (so the test also fails
// if a seed changes); inRules is how the rule base states it.
func TestSeedCoverage(t *testing.T) {
	dir := seedDir(t)
	facts := []struct{ seed, inSeed, inRules string }{
		{protocol.Seed000, "0.8-1.2 grams per kilogram", "0.8-1.2 g per kg"},
		{protocol.Seed000, "0.25-0.4 grams per kilogram", "0.25-0.4 g per kg"},
		{protocol.Seed000, "within 30-60 minutes", "within 30-60 minutes"},
		{protocol.Seed000, "1.5 times the amount of weight lost", "1.5 times the weight lost"},
		{protocol.Seed000, "pale yellow", "pale yellow"},
		{protocol.Seed000, "5-10 minutes of walking", "5-10 minutes of walking"},
		{protocol.Seed000, "20-30 minutes on the day after a hard run", "the day after a hard run, 20-30 minutes"},
		{protocol.Seed000, "hold each stretch for 20-30 seconds", "20-30 seconds"},
		{protocol.Seed000, "pausing for 20-30 seconds", "pausing 20-30 seconds"},
		{protocol.Seed000, "10-15 minutes in a 10-15°C ice bath", "10-15 minutes in a 10-15 °C ice bath"},
		{protocol.Seed000, "above your heart for 15-20 minutes", "above the heart for 15-20 minutes"},
		{protocol.Seed000, "7-9 hours", "7-9 hours"},
		{protocol.Seed000, "peaking 24-72 hours", "24-72 h"},
		{protocol.Seed000, "numbness, tingling, or weakness", "numbness, tingling or weakness"},
		{protocol.Seed000, "significant swelling, bruising, or deformity", "deformity"},
		{protocol.Seed000, "growth hormone", "growth hormone"},
		{protocol.Seed000, "cortisol", "cortisol"},
		{protocol.Seed000, "swimming, cycling, or elliptical", "swimming, cycling or elliptical"},

		{protocol.Seed001, "15 to 30 seconds and repeat them two to three times", "15-30 s and repeating 2-3 times"},
		{protocol.Seed001, "1-2 minutes on each muscle group", "1-2 minutes on each muscle group"},
		{protocol.Seed001, "submerge your legs for 10-15 minutes", "submerge your legs for 10-15 minutes"},
		{protocol.Seed001, "warm water for 3-4 minutes", "warm water for 3-4 minutes"},
		{protocol.Seed001, "cold water for 1-2 minutes", "cold for 1-2 minutes"},
		{protocol.Seed001, "repeat this cycle for 15-20 minutes", "repeat for 15-20 minutes"},
		{protocol.Seed001, "a cup or two of epsom salt", "a cup or two of epsom salt"},
		{protocol.Seed001, "15-20 minutes at a time, several times a day", "15-20 minute sessions, repeated several times a day"},
		{protocol.Seed001, "7 to 9 hours", "7 to 9 hours"},
		{protocol.Seed001, "around 2 seconds", "around 2 seconds"},
		{protocol.Seed001, "resolve within 24 to 72 hours", "within 24 to 72 hours"},
		{protocol.Seed001, "at least 48 hours", "at least 48 hours"},
		{protocol.Seed001, "branched-chain amino acids", "bcaas"},
		{protocol.Seed001, "omega-3", "omega-3"},
		{protocol.Seed001, "across the grain", "across the grain"},
		{protocol.Seed001, "mild to moderate soreness", "mild to moderate soreness"},
		{protocol.Seed001, "walking lunges, leg swings, and high knees", "walking lunges, leg swings and high knees"},
		{protocol.Seed001, "adhesions", "adhesions"},
		{protocol.Seed001, "ending with cold water", "ending with cold"},

		{protocol.Seed002, "5-10 minutes of easy walking", "5-10 minutes easy walk"},
		{protocol.Seed002, "16-24 oz", "16-24 oz"},
		{protocol.Seed002, "within 30-60 minutes", "within 30-60 minutes"},
		{protocol.Seed002, "foam rolling (5-10 minutes)", "foam rolling (5-10 minutes)"},
		{protocol.Seed002, "static stretching (5-10 minutes)", "static stretching for 5-10 minutes"},
		{protocol.Seed002, "7-9 hours per night", "7-9 hours a night"},
		{protocol.Seed002, "within 24-48 hours", "24-48 h"},
		{protocol.Seed002, "peaks 48-72 hours", "48-72 h"},
		{protocol.Seed002, "2-3 times per week", "2-3 times per week"},
		{protocol.Seed002, "1-2 strength sessions per week", "1-2 sessions a week"},
		{protocol.Seed002, "within 24-72 hours", "within 24-72 hours"},
		{protocol.Seed002, "two to three days", "two to three days"},
		{protocol.Seed002, "3-5 miles", "3-5 miles"},
		{protocol.Seed002, "10+ miles", "10+ miles"},
		{protocol.Seed002, "longer than a week", "longer than a week"},
		{protocol.Seed002, "changes your stride", "changes your stride"},
		{protocol.Seed002, "not after hard workouts or long runs", "never straight after hard workouts or long runs"},
		{protocol.Seed002, "opt for passive recovery (complete rest)", "passive recovery (complete rest)"},

		{protocol.Seed003, "10 percent", "10 percent"},
		{protocol.Seed003, "run 22 miles the next week", "from 20 to 22 miles"},
		{protocol.Seed003, "national academy of sports medicine", "national academy of sports medicine"},
		{protocol.Seed003, "300 to 500 miles", "300 to 500 miles"},
		{protocol.Seed003, "walking for 10 minutes to cool down", "about 10 minutes of light jogging or walking"},
		{protocol.Seed003, "within 30 minutes to an hour", "30 minutes to an hour after"},
		{protocol.Seed003, "one to two times for 30 to 60 seconds", "one or two passes of 30 to 60 seconds"},
		{protocol.Seed003, "10 to 20 minutes at a time", "10 to 20 minutes per application"},
		{protocol.Seed003, "20 to 30 minutes", "20 to 30 minutes"},
		{protocol.Seed003, "1 to 2 cups of epsom salt", "1 to 2 cups of epsom salt"},
		{protocol.Seed003, "hot days", "hot days"},
		{protocol.Seed003, "restorative yoga", "restorative yoga"},

		{protocol.Seed004, "more than two percent of your body weight", "more than two percent of body weight"},
		{protocol.Seed004, "2018 review in the journal sports medicine", "2018 sports medicine review"},
		{protocol.Seed004, "2021 review published in frontiers in physiology", "2021 review in frontiers in physiology"},
		{protocol.Seed004, "2020 review in journal of bodywork", "2020 review (j bodywork mov ther)"},
		{protocol.Seed004, "74-percent", "74%"},
		{protocol.Seed004, "53-percent", "53%"},
		{protocol.Seed004, "5-minute cold plunge", "5-minute plunge"},
		{protocol.Seed004, "no longer than 10 minutes", "no longer than 10 minutes"},
		{protocol.Seed004, "three-minute mark", "three-minute mark"},
		{protocol.Seed004, "24 and 48 hours", "24 and 48 hours"},
		{protocol.Seed004, "heart disease, high blood pressure, and diabetes", "heart disease, high blood pressure or diabetes"},
		{protocol.Seed004, "at least one to two days of rest after a long run", "no less than one to two days of rest following a long run"},
		{protocol.Seed004, "potentially longer if you are an older runner", "more for older runners"},
		{protocol.Seed004, "four hours of sleep", "four hours of sleep"},
		{protocol.Seed004, "20 athletes", "20 athletes"},
		{protocol.Seed004, "12-minute", "12-minute"},
		{protocol.Seed004, "hospital for special surgery", "hospital for special surgery"},
		{protocol.Seed004, "pilates or yoga", "pilates or yoga"},
		{protocol.Seed004, "inhaling through your nose and exhaling through your mouth", "in through the nose and out through the mouth"},
		{protocol.Seed004, "american heart association", "american heart association"},
		{protocol.Seed004, "registered dietitian", "registered dietitian"},
	}
	texts := map[string]string{}
	for _, seed := range protocol.Seeds() {
		b, err := os.ReadFile(filepath.Join(dir, seed))
		if err != nil {
			t.Fatal(err)
		}
		texts[seed] = normalize(string(b))
	}
	for _, f := range facts {
		if !strings.Contains(texts[f.seed], normalize(f.inSeed)) {
			t.Errorf("%s no longer says %q", f.seed, f.inSeed)
			continue
		}
		if !strings.Contains(ruleText(f.seed), normalize(f.inRules)) {
			t.Errorf("%s says %q, but no entry citing it carries %q", f.seed, f.inSeed, f.inRules)
		}
	}
}

// TestSeedsCited checks that each seed is a source of several techniques.
func TestSeedsCited(t *testing.T) {
	count := map[string]int{}
	for _, tech := range protocol.Techniques() {
		for _, s := range tech.Sources {
			count[s.Ref]++
		}
	}
	for _, seed := range protocol.Seeds() {
		if count[seed] < 5 {
			t.Errorf("%s is cited by only %d techniques", seed, count[seed])
		}
	}
}
