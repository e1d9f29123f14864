package protocol

// Disagreements returns every point on which the sources disagree, with
// Rebound's default and the reason for it. Each call builds fresh values.
func Disagreements() []Disagreement {
	return []Disagreement{
		*dDOMSPeak(),
		*dSorenessDuration(),
		*dCoolDownDuration(),
		*dCoolDownBenefit(),
		*dFluid(),
		*dRefuelAmounts(),
		*dStretchHold(),
		*dStaticStretchingBenefit(),
		*dStretchBeforeRun(),
		*dFoamRollingTime(),
		*dColdWaterDuration(),
		*dIcePackDuration(),
		*dHeatTiming(),
		*dWarmBathDuration(),
		*dActiveVsPassive(),
		*dRestAfterLong(),
		*dStrengthFrequency(),
		*dTenPercentRule(),
		*dRICEvsPEACE(),
	}
}

// DisagreementByID returns the disagreement with the given id.
func DisagreementByID(id string) (Disagreement, bool) {
	for _, d := range Disagreements() {
		if d.ID == id {
			return d, true
		}
	}
	return Disagreement{}, false
}

func dDOMSPeak() *Disagreement {
	return &Disagreement{
		ID:      "doms-peak",
		Topic:   "When delayed-onset muscle soreness (DOMS) peaks",
		Default: "soreness starts within 24-48 h and peaks 24-72 h after the run",
		Range:   "peak 24-72 h (" + legRecovery + ") or 48-72 h (" + coachingGuide + "); onset within 24-48 h (" + coachingGuide + ")",
		Note: legRecovery + " puts the peak at 24-72 h after hard exercise; " + coachingGuide + " says DOMS sets in " +
			"within 24-48 h and peaks at 48-72 h. Cheung et al. 2003 (Sports Med 33:145) report a peak 24-72 h after " +
			"unaccustomed eccentric exercise, so Rebound uses the wider 24-72 h window, which contains " +
			"the guide's; a runner may feel worst on day 2 or day 3.",
	}
}

func dSorenessDuration() *Disagreement {
	return &Disagreement{
		ID:         "soreness-duration",
		Topic:      "How long normal soreness lasts",
		Techniques: []string{"see-professional"},
		Default:    "mostly gone within 72 h after usual training; up to 5-7 days after unusual efforts; past 7 days, see a professional",
		Range:      "24-72 h (" + fourTechniques + ", " + coachingGuide + ") to 5-7 days (Cheung et al. 2003); more than a week is a warning (" + coachingGuide + ")",
		Note: fourTechniques + " and " + coachingGuide + " say most soreness resolves within 24-72 h (the guide: " +
			"easy runs about a day, long runs and hard workouts 2-3 days). Cheung et al. 2003 report that DOMS after " +
			"unaccustomed eccentric work (a race, a long downhill) can take 5-7 days to go. Rebound expects 72 h " +
			"after familiar training, tolerates up to 7 days after an unusual one, and flags soreness " +
			"beyond 7 days (the guide: it may mean overtraining or injury).",
	}
}

func dCoolDownDuration() *Disagreement {
	return &Disagreement{
		ID:         "cool-down-duration",
		Topic:      "How long to cool down",
		Techniques: []string{"cool-down"},
		Default:    "10 min (5 min is enough after an easy run)",
		Range:      "5-10 min (" + legRecovery + ", " + coachingGuide + ") to about 10 min (" + tenWays + ")",
		Note: legRecovery + " and " + coachingGuide + " give 5-10 min of walking or very light jogging; " + tenWays +
			" says about 10 min of light jogging or walking and ties it to hard sessions and long runs. 10 min sits in " +
			"every range, so it is the default after hard and long runs.",
	}
}

func dCoolDownBenefit() *Disagreement {
	return &Disagreement{
		ID:         "cool-down-benefit",
		Topic:      "Whether a cool-down helps recovery",
		Techniques: []string{"cool-down"},
		Default:    "recommend it, for a gentle return to rest, not as a soreness cure",
		Range:      "essential (" + legRecovery + ", " + coachingGuide + ", " + tenWays + ", the American Heart Association cited in " + eightTips + ") to largely ineffective for recovery (Van Hooren & Peake 2018)",
		Note: legRecovery + ", " + coachingGuide + " and " + tenWays + " present the cool-down as a core recovery step. " +
			eightTips + " cites a 2018 Sports " +
			"Medicine review (Van Hooren & Peake, 48:1575) finding active cool-downs do not improve " +
			"performance or prevent injury and mostly do not reduce soreness, though they clear lactate " +
			"from the blood faster and help heart and breathing recover; the American Heart Association " +
			"still advises one because stopping abruptly can make you feel sick or faint. It costs " +
			"minutes and prevents light-headedness, so Rebound keeps it, graded low.",
	}
}

func dFluid() *Disagreement {
	return &Disagreement{
		ID:         "fluid-replacement",
		Topic:      "How much to drink after a run",
		Techniques: []string{"rehydrate"},
		Default:    "{{L/kg 1.25-1.5}} of weight lost when weighed; otherwise {{floz 16-24}} after a run under an hour and, after longer runs, an estimate from the duration, effort and heat (capped at {{L 1.5-2}}), then drink to thirst",
		Range:      "{{L/kg 1.25-1.5}} lost (ACSM 2016, not yet checked) to 1.5 x the loss (" + legRecovery + "); {{floz 16-24}} fixed (" + coachingGuide + "); \"plenty\" (" + fourTechniques + ", " + tenWays + ")",
		Note: legRecovery + " says drink 1.5 times the weight lost. The ACSM 2016 position stand, " + checkNote +
			", gives about {{L/kg 1.25-1.5}} lost, with sodium. " + coachingGuideStart + " gives a " +
			"flat {{floz 16-24}} after every run. " + fourTechniques + " and " + tenWays + " only say drink " +
			"before, during and after. Rebound uses {{L/kg 1.25-1.5}} (the position stand's range, whose top is " +
			legRecovery + "'s figure) when the runner weighed themselves. Without weights it keeps the guide's " +
			"amount after a run under an hour and, after longer runs, adds the sweat of each further hour " +
			"(Sawka et al. 2007), capped, since a fixed glass can't know the loss and more is not better.",
	}
}

func dRefuelAmounts() *Disagreement {
	return &Disagreement{
		ID:         "refuel-amounts",
		Topic:      "How much carbohydrate and protein after a run",
		Techniques: []string{"refuel"},
		Default:    "{{g/kg 0.8-1.2}} of carbohydrate and {{g/kg 0.25-0.4}} of protein within 30-60 min (" + legRecovery + ")",
		Range:      "carbohydrate {{g/kg 0.8-1.2}} (" + legRecovery + ") to {{g/kg 1.0-1.2}} an hour (ACSM 2016, not yet checked); protein {{g/kg 0.25-0.4}} (" + legRecovery + ") or {{g/kg 0.25-0.3}} (ISSN 2017, not yet checked)",
		Note: legRecovery + " gives {{g/kg 0.8-1.2}} of carbohydrate and {{g/kg 0.25-0.4}} of protein within 30-60 min; " +
			coachingGuide + " and " + tenWays + " give only the timing. The ACSM 2016 and ISSN 2017 position stands, " +
			checkNote + ", give {{g/kg 1.0-1.2}} of carbohydrate an hour when glycogen must " +
			"come back fast (e.g. two sessions in a day) and about {{g/kg 0.25-0.3}} of protein. " + eightTips + " adds " +
			"that eating enough carbohydrate at intervals makes special recovery products unnecessary. " +
			"The articles' amounts are the floor after every run; Rebound gives the hourly rate when the next " +
			"session is within about 8 h, as the ACSM stand does, and after a long or hard session only as that " +
			"condition (otherwise the day's meals refill glycogen).",
	}
}

func dStretchHold() *Disagreement {
	return &Disagreement{
		ID:         "stretch-hold",
		Topic:      "How long to hold a stretch",
		Techniques: []string{"static-stretching", "active-isolated-stretching"},
		Default:    "static: 30 s, 2-3 times per muscle; active isolated: about 2 s, repeated",
		Range:      "15-30 s x 2-3 (" + fourTechniques + ") or 20-30 s (" + legRecovery + "); about 2 s for active isolated stretching (" + fourTechniques + ")",
		Note: legRecovery + " says hold each stretch 20-30 s; " + fourTechniques + " says 15-30 s, repeated two or three times, and " +
			"also describes active isolated stretching with holds of about 2 s. 30 s lies in both " +
			"static ranges. The 2 s holds belong to a different method and stay with it.",
	}
}

func dStaticStretchingBenefit() *Disagreement {
	return &Disagreement{
		ID:         "static-stretching-benefit",
		Topic:      "Whether stretching after a run speeds recovery",
		Techniques: []string{"static-stretching"},
		Default:    "offer it for stiffness and range of motion, graded low, and say it doesn't reduce soreness",
		Range:      "recommended by all five articles (the coaches in " + eightTips + " too); no recovery benefit in Dupuy et al. 2018 and Afonso et al. 2021",
		Note: "All five articles recommend post-run stretching, " + fourTechniques + " saying it prevents soreness. The " +
			"meta-analysis of Dupuy et al. 2018 found no effect of stretching on soreness, " +
			"and the 2021 Frontiers in Physiology review cited by " + eightTips + " (Afonso et al. 2021) found no " +
			"faster recovery; that article itself says more research is needed. Stretching is harmless and may " +
			"ease the feeling of stiffness, so Rebound keeps it with an honest low grade.",
	}
}

func dStretchBeforeRun() *Disagreement {
	return &Disagreement{
		ID:         "stretch-before-run",
		Topic:      "Which stretching to do before a run",
		Techniques: []string{"dynamic-stretching", "static-stretching"},
		Default:    "dynamic stretching before runs; static holds only after",
		Range:      "pre- and post-run stretching (the FAQ of " + fourTechniques + ") to dynamic only before, static only in the cool-down (" + tenWays + "; " + eightTips + ", citing the Hospital for Special Surgery)",
		Note: "The FAQ of " + fourTechniques + " recommends stretching before and after runs without saying which kind, and " +
			"its dynamic-stretching section says before and after. " + tenWays + " recommends dynamic stretches " +
			"before running. " + eightTips + " cites the Hospital for Special Surgery: keep static stretching for " +
			"the cool-down, because before a race or long run it can slow your reactions and hurt " +
			"performance. Rebound follows the more specific advice.",
	}
}

func dFoamRollingTime() *Disagreement {
	return &Disagreement{
		ID:         "foam-rolling-time",
		Topic:      "How long to foam roll",
		Techniques: []string{"foam-rolling"},
		Default:    "about 60 s per muscle group, pausing 20-30 s on tender spots; 5-10 min in all",
		Range:      "20-30 s pauses on tight spots (" + legRecovery + "); 30-60 s x 1-2 per part (" + tenWays + "); 1-2 min per muscle group (" + fourTechniques + "); 5-10 min in total (" + coachingGuide + ")",
		Note: legRecovery + " gives 20-30 s pauses on tight spots; " + tenWays + " gives 30-60 s once or twice per " +
			"body part; " + fourTechniques + " gives 1-2 min per muscle group; " + coachingGuide + " gives 5-10 min for " +
			"the whole session. These describe different things (a spot, a pass, a muscle, a session) and fit " +
			"together: 60 s per group meets the lower bound of one and the upper bound of the other, and five " +
			"groups fill the guide's 5-10 min.",
	}
}

func dColdWaterDuration() *Disagreement {
	return &Disagreement{
		ID:         "cold-water-duration",
		Topic:      "How long to stay in cold water",
		Techniques: []string{"cold-water-immersion"},
		Default:    "10 min at {{C 10-15}}; 5 min the first time; never more than 15 min",
		Range:      "5-10 min (" + eightTips + ", citing the Cleveland Clinic) to 10-15 min (" + legRecovery + ", " + fourTechniques + ")",
		Note: legRecovery + " gives 10-15 min at {{C 10-15}}; " + fourTechniques + " gives 10-15 min for the legs. " +
			eightTips + ", citing the " +
			"Cleveland Clinic, says start with 5 min and stay no longer than 10, since most of the " +
			"benefit comes in the first few minutes and tapers after about 3. 10 min is the one value " +
			"every source accepts; beginners start at 5.",
	}
}

func dIcePackDuration() *Disagreement {
	return &Disagreement{
		ID:         "ice-pack-duration",
		Topic:      "How long to ice a sore spot",
		Techniques: []string{"ice-pack", "rice"},
		Default:    "15 min at a time, wrapped in a towel, a few times a day with breaks for the skin to warm",
		Range:      "10-20 min (" + tenWays + ") to 15-20 min several times a day (" + fourTechniques + ")",
		Note: fourTechniques + " (RICE) gives 15-20 min sessions several times a day; " + tenWays + " gives 10-20 min per " +
			"application, wrapped in a towel, with breaks so the skin warms up. 15 min is in both ranges and " +
			"keeps the skin safe.",
	}
}

func dHeatTiming() *Disagreement {
	return &Disagreement{
		ID:         "heat-timing",
		Topic:      "When heat is safe after a run",
		Techniques: []string{"heat", "warm-bath", "contrast-therapy"},
		Default:    "local heat (pads, compresses) from 48 h; a warm, not hot, bath or contrast shower sooner if nothing is swollen or injured",
		Range:      "heat helpful after running (" + tenWays + ") to wait at least 48 h (the FAQ of " + fourTechniques + "; clinical guidance: not on acute injury or swelling for 48-72 h)",
		Note: tenWays + " recommends heating pads, warm compresses and warm baths for sore legs after running. " +
			"The FAQ of " + fourTechniques + " says heat suits lingering rather than fresh soreness and to wait at least 48 h " +
			"so inflammation can settle, yet the same article also recommends contrast baths and a warm Epsom-salt " +
			"soak for quick relief. Clinical guidance says no heat on an acute injury or swelling in the " +
			"first 48-72 h. Rebound applies the 48 h rule to targeted heat and to anything swollen or " +
			"injured, and allows a warm whole-body soak or a contrast shower earlier for plain soreness.",
	}
}

func dWarmBathDuration() *Disagreement {
	return &Disagreement{
		ID:         "warm-bath-duration",
		Topic:      "How long to soak in a warm bath",
		Techniques: []string{"warm-bath", "epsom-salt"},
		Default:    "20 min",
		Range:      "15-20 min (" + fourTechniques + ") to 20-30 min (" + tenWays + ")",
		Note: fourTechniques + " gives 15-20 min for an Epsom-salt soak; " + tenWays + " gives 20-30 min. 20 min is the value " +
			"both allow.",
	}
}

func dActiveVsPassive() *Disagreement {
	return &Disagreement{
		ID:         "active-vs-passive-rest",
		Topic:      "Light activity or complete rest when sore",
		Techniques: []string{"active-recovery", "passive-rest"},
		Default:    "light activity for normal soreness; complete rest with sharp pain, swelling, joint pain or a suspected injury",
		Range:      "rest (" + fourTechniques + ", " + tenWays + ") to active recovery beats complete rest (" + legRecovery + ", " + coachingGuide + ")",
		Note: fourTechniques + " and " + tenWays + " stress rest days, the latter calling rest the main way to heal; " +
			legRecovery + " and " + coachingGuide + " say light movement speeds recovery more than lying still, and " +
			"Dupuy et al. 2018 found active recovery reduced soreness. The guide draws the line Rebound uses: " +
			"complete rest once soreness " +
			"becomes sharp pain, swelling or joint pain, or an injury is suspected.",
	}
}

func dRestAfterLong() *Disagreement {
	return &Disagreement{
		ID:         "rest-after-long-run",
		Topic:      "Rest after a long run",
		Techniques: []string{"rest-day"},
		Default:    "1 rest day (2 if still sore or an older runner) and no hard session for 2-3 days",
		Range:      "1-2 rest days (" + eightTips + ") to 2-3 days for full muscle repair (" + coachingGuide + ")",
		Note: "The physical therapist in " + eightTips + " advises resting no less than 1-2 days following a long run, longer for " +
			"older runners; " + coachingGuide + " says long runs and hard workouts may need 2-3 days for full muscle " +
			"repair. They measure different things (days off running vs days to full recovery) and " +
			"combine: rest 1-2 days, then keep running easy until day 3.",
	}
}

func dStrengthFrequency() *Disagreement {
	return &Disagreement{
		ID:         "strength-frequency",
		Topic:      "Strength sessions a week",
		Techniques: []string{"strength"},
		Default:    "2 a week, on easy-run or rest days",
		Range:      "1-2 a week (the FAQ of " + coachingGuide + ") to 2-3 a week (its body text)",
		Note: coachingGuideStart + " recommends strength training 2-3 times a week in its body text and says most " +
			"runners benefit from 1-2 sessions in its FAQ. 2 fits both.",
	}
}

func dTenPercentRule() *Disagreement {
	return &Disagreement{
		ID:         "ten-percent-rule",
		Topic:      "Whether the 10% rule prevents injuries",
		Techniques: []string{"gradual-progression"},
		Default:    "keep 10% a week as a ceiling, and say it's a guide, not a guarantee",
		Range:      "at most 10% a week (" + tenWays + ", citing NASM) to no difference in injuries (Buist et al. 2008)",
		Note: tenWays + ", citing the National Academy of Sports Medicine, caps weekly increases in mileage or " +
			"intensity at 10%. In Buist et al. 2008, " + tenPercentSummary + "; Nielsen et al. " +
			"2014 linked increases above 30% over two weeks with more distance-related injuries " +
			"(hazard ratio 1.59, not significant at 5%). Big jumps look risky, the exact 10% is not " +
			"proven.",
	}
}
