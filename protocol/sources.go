package protocol

// The five seed articles, by file name (in the project's shared seeds
// folder). Their facts are carried over; none of their sentences is.
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
	// professional).
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
// REFERENCES.md marks *check* are stated "as reported" where used.
const (
	RefDupuy2018      = "Dupuy et al. 2018, Front Physiol 9:403"
	RefRoberts2015    = "Roberts et al. 2015, J Physiol 593:4285"
	RefCheung2003     = "Cheung, Hume & Maxwell 2003, Sports Med 33:145"
	RefBuist2008      = "Buist et al. 2008, Am J Sports Med 36:33"
	RefNielsen2014    = "Nielsen et al. 2014, J Orthop Sports Phys Ther 44:739"
	RefCook1985       = "Cook et al. 1985, Am J Sports Med 13:248"
	RefACSM2016       = "ACSM 2016 position stand with the Academy of Nutrition and Dietetics and Dietitians of Canada (Thomas, Erdman & Burke 2016, Med Sci Sports Exerc 48:543)"
	RefISSN2017       = "ISSN 2017 position stand on protein (Jäger et al. 2017, J Int Soc Sports Nutr 14:20)"
	RefVanHooren2018  = "Van Hooren & Peake 2018, Sports Med 48:1575"
	RefAfonso2021     = "Afonso et al. 2021, Front Physiol 12:677581"
	RefLauersen2014   = "Lauersen, Bertelsen & Andersen 2014, Br J Sports Med 48:871"
	RefSawka2007      = "Sawka et al. 2007, Med Sci Sports Exerc 39:377"
	RefAgeRecovery    = "Fell & Williams 2008; Fernandes et al. 2020 (age and recovery, as summarised in REFERENCES.md)"
	RefList           = "REFERENCES.md"
	RefPrecaution     = "Rebound precaution (not in the seeds or references)"
	checkNote         = "as reported in REFERENCES.md, which marks it *check*"
	tenPercentSummary = "a randomised trial of 532 novice runners found the same injury rate with a 10%-per-week plan as with a standard plan (20.8% vs 20.3%)"
)

// IsSeed reports whether ref is one of the five seed file names.
func IsSeed(ref string) bool {
	for _, s := range Seeds() {
		if s == ref {
			return true
		}
	}
	return false
}
