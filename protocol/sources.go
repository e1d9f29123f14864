package protocol

import "strings"

// The five seed articles, by file name (in the project's shared seeds
// folder). Their facts are carried over; none of their sentences is. The
// file names identify them in data (Source.Ref, the JSON "sources"); people
// read them as Cite and Short word them, never by file name.
const (
	// Seed000: "Leg Recovery After Running: Immediate, Mid-Term, and
	// Long-Term Strategies" (doses for refuelling, fluid, cold, elevation,
	// sleep; when to seek help).
	Seed000 = "000_c4f0cacbf88d7572.txt"
	// Seed001: "Sore Legs After Running? 4 Recovery Techniques…", a
	// collection of short articles with an FAQ (contrast therapy, RICE,
	// Epsom salt, AIS, friction massage, the 48-hour heat rule).
	Seed001 = "001_c14f00639ba46361.txt"
	// Seed002: a January 2026 coaching guide (the post-run routine, DOMS
	// timing, recovery by run type, strength days, when to see a
	// professional). Its copy has no title line.
	Seed002 = "002_d5e85ceb9f7a1094.txt"
	// Seed003: "Sore Legs After Running? 10 Ways to Prevent and Treat It",
	// by a NASM-certified trainer and running coach (the 10% rule, shoe
	// mileage, ice, heat, warm bath).
	Seed003 = "003_34b84d33a428df89.txt"
	// Seed004: "8 Post-Run Recovery Tips From Experts" (physical
	// therapists and a coach; cites reviews on cool-downs, stretching,
	// foam rolling, sleep and cold water, and the cold-bath warning).
	Seed004 = "004_e25a0c6dcfc9bdca.txt"
)

// Seeds returns the five seed file names.
func Seeds() []string { return []string{Seed000, Seed001, Seed002, Seed003, Seed004} }

// Published studies and position stands, as cited in Source.Ref. Items
// the project's reference list marks *check* (taken from a secondary
// source, not yet read in the paper) are stated "as reported" where used.
const (
	RefDupuy2018     = "Dupuy et al. 2018, Front Physiol 9:403"
	RefRoberts2015   = "Roberts et al. 2015, J Physiol 593:4285"
	RefCheung2003    = "Cheung, Hume & Maxwell 2003, Sports Med 33:145"
	RefBuist2008     = "Buist et al. 2008, Am J Sports Med 36:33"
	RefNielsen2014   = "Nielsen et al. 2014, J Orthop Sports Phys Ther 44:739"
	RefCook1985      = "Cook et al. 1985, Am J Sports Med 13:248"
	RefACSM2016      = "ACSM 2016 position stand with the Academy of Nutrition and Dietetics and Dietitians of Canada (Thomas, Erdman & Burke 2016, Med Sci Sports Exerc 48:543)"
	RefISSN2017      = "ISSN 2017 position stand on protein (Jäger et al. 2017, J Int Soc Sports Nutr 14:20)"
	RefVanHooren2018 = "Van Hooren & Peake 2018, Sports Med 48:1575"
	RefAfonso2021    = "Afonso et al. 2021, Front Physiol 12:677581"
	RefLauersen2014  = "Lauersen, Bertelsen & Andersen 2014, Br J Sports Med 48:871"
	RefSawka2007     = "Sawka et al. 2007, Med Sci Sports Exerc 39:377"
	RefAgeRecovery   = "Fell & Williams 2008; Fernandes et al. 2020 (age and recovery)"
	// RefList is a clinical rule the project's reference list states
	// without a paper to cite yet (marked *check* there). It is an
	// identifier: people read Cite(RefList).
	RefList = "REFERENCES.md"
	// RefPrecaution is a precaution of Rebound's own, in no source.
	RefPrecaution     = "Rebound precaution (not in the seeds or references)"
	checkNote         = "as reported in a secondary source, not yet checked against the paper"
	tenPercentSummary = "a randomised trial of 532 novice runners found the same injury rate with a 10%-per-week plan as with a standard plan (20.8% vs 20.3%)"
)

// The seeds' short titles, for mentions in running text (disagreements,
// evidence notes): the words Short returns. The 2026 guide has no title,
// so it is named by what it is, in lower case within a sentence and as
// coachingGuideStart (ShortStart) at its start.
const (
	legRecovery        = "“Leg Recovery After Running”"
	fourTechniques     = "“4 Recovery Techniques”"
	coachingGuide      = "the 2026 coaching guide"
	coachingGuideStart = "The 2026 coaching guide"
	tenWays            = "“10 Ways to Prevent and Treat It”"
	eightTips          = "“8 Post-Run Recovery Tips”"
)

// citation returns how people read a source that is not cited as
// written (the seeds, by title, and the two references that are not
// papers): the full form (Cite) and the short one (Short).
func citation(ref string) (full, short string, ok bool) {
	switch ref {
	case Seed000:
		return "Leg Recovery After Running: Immediate, Mid-Term, and Long-Term Strategies", legRecovery, true
	case Seed001:
		return "Sore Legs After Running? 4 Recovery Techniques to Get You Back on Your Feet", fourTechniques, true
	case Seed002:
		return coachingGuideStart + ": best recovery for legs after running (January 2026)", coachingGuide, true
	case Seed003:
		return "Sore Legs After Running? 10 Ways to Prevent and Treat It (Marnie Kunz, NASM-certified trainer and running coach)", tenWays, true
	case Seed004:
		return "8 Post-Run Recovery Tips From Experts To Help You Bounce Back Faster", eightTips, true
	case RefList:
		return "clinical guidance (secondary source, not yet checked)", "clinical guidance", true
	case RefPrecaution:
		return "Rebound's own precaution", "Rebound's own precaution", true
	}
	return "", "", false
}

// Cite returns a source reference (a Source.Ref, Contraindication.Source
// or one of Symptom.Refs) as people read it: a seed article's title, a
// study's citation as it is ("Dupuy et al. 2018, Front Physiol 9:403"),
// "clinical guidance (secondary source, not yet checked)" for RefList and
// "Rebound's own precaution" for RefPrecaution. It never returns a file
// name.
func Cite(ref string) string {
	if full, _, ok := citation(ref); ok {
		return full
	}
	return ref
}

// Short returns a source reference in a few words, for a mention in a
// sentence: a seed's short title in quotes (“8 Post-Run Recovery Tips”),
// a study up to its year ("Dupuy et al. 2018", "ACSM 2016").
func Short(ref string) string {
	if _, short, ok := citation(ref); ok {
		return short
	}
	for i := 0; i+4 <= len(ref); i++ {
		y := ref[i : i+4]
		if (y[:2] == "19" || y[:2] == "20") && isDigits(y[2:]) && (i == 0 || !isDigits(ref[i-1:i])) &&
			(i+4 == len(ref) || !isDigits(ref[i+4:i+5])) {
			return ref[:i+4]
		}
	}
	return ref
}

// ShortStart is Short for the start of a sentence: its first letter in
// upper case ("The 2026 coaching guide", "Clinical guidance").
func ShortStart(ref string) string {
	s := Short(ref)
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// CiteAll returns Cite of each reference, each once, in order.
func CiteAll(refs []string) []string {
	out := make([]string, 0, len(refs))
	seen := map[string]bool{}
	for _, r := range refs {
		if c := Cite(r); !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// IsSeed reports whether ref is one of the five seed file names.
func IsSeed(ref string) bool {
	for _, s := range Seeds() {
		if s == ref {
			return true
		}
	}
	return false
}
