package protocol

// longTerm returns the habits and planning that work over weeks. Their
// window is the week after the run (0-168 h) unless said otherwise.
func longTerm() []Technique {
	return []Technique{
		{
			ID:     "cross-training",
			Name:   "Low-impact cross-training",
			Phase:  LongTerm,
			StartH: 24, EndH: 168,
			Dose:     Dose{Text: "swimming, cycling or the elliptical on non-running days"},
			Evidence: Practice,
			EvidenceNote: "No study in the references tests cross-training for running recovery; it's standard " +
				"coaching practice (" + legRecovery + ", " + fourTechniques + ").",
			Requires: []string{EquipPool, EquipBike, EquipElliptical},
			Contraindications: []Contraindication{
				{CondSharpPain, Modify, "Pick an activity that doesn't hurt the painful area, or rest.", Seed002},
			},
			AppliesAfter: []string{RunAny},
			How: "On some non-running days, swim, cycle or use an elliptical trainer instead. Keep most of it easy; " +
				"it replaces running, it doesn't add to it.",
			Why: "You keep your heart and lungs fit and strengthen supporting muscles while the muscles and joints " +
				"that take the pounding of running get a break.",
			Sources: []Source{
				{Seed000, "On days off running, low-impact swimming, cycling or elliptical work keeps up cardio fitness " +
					"and strengthens supporting muscles without the repetitive strain of running."},
				{Seed001, "Swimming, cycling or yoga let sore leg muscles rest while you keep your fitness."},
			},
		},
		{
			ID:     "strength",
			Name:   "Strength training",
			Phase:  LongTerm,
			StartH: 0, EndH: 168,
			Dose: Dose{Default: StrengthPerWeekDefault, Min: StrengthPerWeekMin, Max: StrengthPerWeekMax, Unit: UnitPerWeek,
				Text: "2 sessions a week (sources: 1-2 and 2-3) on easy-run or rest days: squats, lunges, deadlifts, calf raises, hip and glute work, core"},
			Muscles:  []string{Quads, Hamstrings, Glutes, Calves, HipFlexors},
			Evidence: Low,
			EvidenceNote: "Strength programmes cut sports injuries to about a third in a meta-analysis of trials across " +
				"many sports (Lauersen et al. 2014), but runner-specific trials are few; regular ice baths after " +
				"lifting blunt the gains (Roberts et al. 2015).",
			Contraindications: []Contraindication{
				{CondAfterHardOrLong, Avoid, "Never in the day after a hard session or long run: put strength work on an easy-run day or a rest day.", Seed002},
			},
			AppliesAfter: []string{RunEasy},
			How: "Twice a week, on an easy-run day or a rest day, work your legs, hips and core: squats, lunges, " +
				"deadlifts, calf raises, side-lying and glute exercises, planks. Start with light weights and add " +
				"resistance gradually. If you want the strength gains, don't end these sessions with an ice bath.",
			Why: "Running moves you straight ahead, over and over. Without hip stability and balanced strength some " +
				"muscles get overworked while others stay weak, a recipe for shin splints, IT band or hip pain.",
			Sources: []Source{
				{Seed001, "Resistance training for quadriceps, hamstrings, calves and glutes (squats, lunges, deadlifts, " +
					"calf raises), starting light and gradually increasing the load, builds stability and reduces " +
					"future soreness."},
				{Seed002, "Lift 2-3 times per week (lower-body, hip and glute, and core work) to fix the muscle " +
					"imbalances behind overuse injuries; schedule it for easy-run or rest days, never straight after " +
					"hard workouts or long runs; its FAQ says most runners benefit from 1-2 sessions a week."},
				{RefLauersen2014, "Meta-analysis of 25 trials (26,610 people) across sports: strength training cut " +
					"injuries to about a third (RR 0.315), while stretching showed no benefit."},
				{RefRoberts2015, "Regular cold-water immersion after strength sessions blunted long-term gains in muscle " +
					"mass and strength."},
			},
			Disagreement: dStrengthFrequency(),
		},
		{
			ID:     "gradual-progression",
			Name:   "Build up gradually (the 10% rule)",
			Phase:  LongTerm,
			StartH: 0, EndH: 168,
			Dose: Dose{Default: 10, Min: 0, Max: 10, Unit: UnitPercent,
				Text: "at most 10% more weekly distance or intensity than the week before (e.g. from {{mi 20 to 22}})"},
			Evidence: Low,
			EvidenceNote: "Buist et al. 2008 found no fewer injuries with a 10%-per-week plan; Nielsen et al. 2014 " +
				"linked increases above 30% in two weeks with more injuries (not significant at 5%).",
			AppliesAfter: []string{RunAny},
			How: "Raise your weekly distance, or the amount of fast running, by no more than about 10% from one week " +
				"to the next: {{mi 20}} this week, at most {{mi 22}} next week. Increase distance, speed or duration one at " +
				"a time, and hold steady for a week when you're still sore.",
			Why: "Tissues adapt more slowly than fitness. Adding too much too soon, especially on hard surfaces or " +
				"with tired form, is the usual road to shin splints and other overuse injuries. " + TenPercentRuleCaveat,
			Sources: []Source{
				{Seed001, "Increase distance, speed or duration gradually; pushing too hard too soon causes more " +
					"soreness and injuries."},
				{Seed002, "Ramping up mileage fast, hard running surfaces and poor form overload particular leg muscles, " +
					"causing lasting stiffness or overuse injuries such as shin splints and hip pain."},
				{Seed003, "Citing the National Academy of Sports Medicine: cap the week-to-week rise in mileage or " +
					"intensity at 10 percent, e.g. from 20 to 22 miles, to head off strains, shin splints and overuse injuries."},
				{RefBuist2008, "In a randomised trial of 532 novice runners, a graded 10%-per-week programme gave the same " +
					"injury rate as a standard programme (20.8% vs 20.3%)."},
				{RefNielsen2014, "Novice runners who increased weekly distance by more than 30% over two weeks had more " +
					"distance-related injuries (hazard ratio 1.59, not significant at 5%)."},
			},
			Disagreement: dTenPercentRule(),
		},
		{
			ID:     "periodization",
			Name:   "Weekly structure and recovery weeks",
			Phase:  LongTerm,
			StartH: 0, EndH: 168,
			Dose:         Dose{Text: "alternate hard and easy days; plan rest days each week and an easier week every few weeks"},
			Evidence:     Practice,
			EvidenceNote: "Standard coaching practice; the references hold no trial of particular weekly structures.",
			AppliesAfter: []string{RunAny},
			How: "Follow a plan that puts an easy day or a rest day after every hard session or long run, includes " +
				"rest days every week and an easier recovery week from time to time, and matches recovery to what " +
				"you ran: about a day after an easy run, 2-3 after a long run or hard workout.",
			Why: "Fitness is built in the recovery between hard efforts. Listening to signs of persistent fatigue or " +
				"unusual pain and easing off in time keeps soreness from turning into overtraining.",
			Sources: []Source{
				{Seed000, "Watch for overtraining, persistent fatigue or unusual pain; plan rest days and structure " +
					"training in cycles, following hard efforts with easier runs and adding recovery weeks."},
				{Seed002, "Adapt recovery to the run: easy runs (3-5 miles, conversational), hard workouts (intervals, " +
					"tempo, hills) and long runs (10+ miles) each need their own routine, within a weekly structure."},
				{Seed003, "A training plan with rest days and easy base-run days prevents overtraining, overuse and soreness."},
			},
		},
		{
			ID:     "footwear",
			Name:   "Fitted, fresh running shoes",
			Phase:  LongTerm,
			StartH: 0, EndH: 168,
			Dose: Dose{Default: 400, Min: ShoeLimitMilesMin, Max: ShoeLimitMilesMax, Unit: UnitMiles,
				Text: "replace every {{mi 300-500}}, sooner if they feel flat or aches increase"},
			Muscles:  []string{Feet, Calves, Shins},
			Evidence: Practice,
			EvidenceNote: "Cook et al. 1985 measured shoes losing shock absorption, not injuries; no outcome study backs " +
				"replacing shoes every {{mi 300-500}}.",
			AppliesAfter: []string{RunAny},
			How: "Get fitted at a running shop for shoes that suit your feet and stride, and replace them every " +
				"{{mi 300-500}}: sooner when they feel flat or you notice more aches than usual. " +
				"Rebound warns from {{mi 300}} and uses {{mi 400}} as the midpoint.",
			Why: "Worn-out or ill-fitting shoes cushion and support less, and runners link them to more soreness and " +
				"injuries.",
			Sources: []Source{
				{Seed001, "Choose shoes with enough cushioning and support, fitted at a specialty running store; " +
					"ill-fitting or worn-out shoes add to soreness and injury risk."},
				{Seed003, "Swap shoes after 300 to 500 miles, or earlier once they feel flat and you ache more than usual; " +
					"have a local running store fit you."},
				{RefCook1985, "In machine tests, running shoes kept only about 60-75% of their shock absorption after " +
					"50-500 miles; no injury outcomes were measured."},
			},
		},
		{
			ID:     "balanced-nutrition",
			Name:   "Balanced everyday diet",
			Phase:  LongTerm,
			StartH: 0, EndH: 168,
			Dose:         Dose{Text: "whole foods: lean protein, complex carbohydrates, healthy fats, plenty of fruit and vegetables"},
			Evidence:     Practice,
			EvidenceNote: "General sports-nutrition advice; the references hold no trial of whole diets for running recovery.",
			AppliesAfter: []string{RunAny},
			How: "Beyond the post-run snack, eat mostly whole foods every day: lean protein, whole grains and other " +
				"complex carbohydrates, healthy fats such as avocado, nuts and olive oil, and a variety of fruit and " +
				"vegetables. For amounts that fit your training, see a registered dietitian.",
			Why: "Repair, energy and a healthy immune system all need a steady supply of nutrients, not just what " +
				"you eat in the hour after a run.",
			Sources: []Source{
				{Seed000, "A consistently nutrient-dense diet (whole foods, lean protein, complex carbohydrates, healthy " +
					"fats, varied fruit and vegetables) supplies what ongoing repair, energy and immunity need."},
				{Seed001, "Balance carbohydrates, proteins and healthy fats; fats such as avocado and nuts help with " +
					"inflammation; drink plenty of water through the day."},
				{Seed003, "Practise prevention by eating well; complex carbohydrates are rich in vitamins and minerals."},
				{Seed004, "A registered dietitian nutritionist can set the right amounts of each macronutrient for your " +
					"body and training."},
			},
		},
		{
			ID:     "anti-inflammatory-foods",
			Name:   "Anti-inflammatory foods",
			Phase:  LongTerm,
			StartH: 0, EndH: 168,
			Dose:     Dose{Text: "berries, leafy greens, turmeric, ginger and oily fish such as salmon, as part of meals"},
			Evidence: VeryLow,
			EvidenceNote: "No study in the references shows these foods reduce running soreness; they are healthy " +
				"regardless.",
			AppliesAfter: []string{RunAny},
			How: "Work berries, leafy greens, turmeric, ginger and oily fish such as salmon into your regular meals " +
				"and snacks. Think of them as good food, not as medicine.",
			Why: "They carry antioxidants and omega-3 fats, which the articles say calm inflammation; whether that " +
				"makes your legs less sore is unproven.",
			Sources: []Source{
				{Seed001, "Foods carrying antioxidants and omega-3 fats (berries, leafy greens, turmeric, ginger, oily fish " +
					"like salmon) may lower inflammation and soreness."},
				{Seed003, "Fats from avocado, nuts and olive oil may dampen inflammation and supply energy."},
			},
		},
		{
			ID:     "supplements",
			Name:   "Supplements (BCAAs, omega-3)",
			Phase:  LongTerm,
			StartH: 0, EndH: 168,
			Dose:     Dose{Text: "only after advice from a doctor or sports dietitian"},
			Evidence: VeryLow,
			EvidenceNote: "The references hold no trial of BCAAs or fish oil for running recovery; " + fourTechniques + " itself says to " +
				"consult a professional first.",
			Contraindications: []Contraindication{
				{CondAny, DoctorFirst, "Ask a doctor or sports dietitian before starting any supplement, especially if you take medication.", Seed001},
			},
			AppliesAfter: []string{RunAny},
			How: "Before buying branched-chain amino acids (BCAAs) or fish-oil omega-3 capsules, ask a doctor or " +
				"sports nutritionist whether you need them. Food usually covers both: protein in meals, and oily fish.",
			Why: "BCAAs are protein building blocks and omega-3 fats are anti-inflammatory, so they're marketed for " +
				"recovery, but the benefit for runners who eat well is unclear.",
			Sources: []Source{
				{Seed001, "BCAAs help repair muscle and reduce fatigue, and omega-3 fatty acids from fish oil are " +
					"anti-inflammatory; check with a doctor or sports nutritionist before taking any of " +
					"them."},
			},
		},
		{
			ID:     "stress-management",
			Name:   "Manage stress",
			Phase:  LongTerm,
			StartH: 0, EndH: 168,
			Dose:     Dose{Text: "regular meditation, yoga, slow breathing or time outdoors"},
			Evidence: Practice,
			EvidenceNote: "No study in the references tests stress management for running recovery; " + legRecovery + " gives the " +
				"cortisol rationale.",
			AppliesAfter: []string{RunAny},
			How: "Make room for something that calms you most days: meditation, yoga, slow breathing, or time in " +
				"nature. Count heavy work or life stress as training load and ease off running in stressful weeks.",
			Why: "Long-running stress keeps cortisol high, which works against muscle repair and recovery.",
			Sources: []Source{
				{Seed000, "Chronic psychological stress raises cortisol, which can hinder recovery and muscle repair; " +
					"meditation, yoga, deep breathing or time in nature help."},
			},
		},
		{
			ID:     "active-release-technique",
			Name:   "Active Release Technique (by a practitioner)",
			Phase:  LongTerm,
			StartH: 48, EndH: 720,
			Dose:         Dose{Text: "sessions with a certified ART practitioner"},
			Muscles:      []string{Calves, Hamstrings, Quads, Glutes, HipFlexors},
			InjuryCare:   true,
			Evidence:     Practice,
			EvidenceNote: "A branded manual therapy described in " + fourTechniques + "; no study in the references tests it.",
			AppliesAfter: []string{RunAny},
			How: "If one area stays tight or sore, book a certified Active Release Technique practitioner: they press " +
				"on the tight spot while moving the muscle through its range.",
			Why: "It targets specific adhesions and scar tissue in a muscle; a hands-on professional option when " +
				"self-care hasn't freed a tight spot.",
			Sources: []Source{
				{Seed001, "ART is a specialised hands-on therapy in which a trained practitioner combines targeted " +
					"pressure with movement of the muscle to free adhesions and scar tissue in tight areas."},
			},
		},
	}
}

// seeProfessional is the rule that ends self-care: the red flags of
// Symptoms, or soreness past SorenessSeeProfessionalDays.
func seeProfessional() Technique {
	return Technique{
		ID:     "see-professional",
		Name:   "See a professional",
		Phase:  Immediate,
		StartH: 0, EndH: 720,
		Dose: Dose{Default: SorenessSeeProfessionalDays, Min: 0, Max: SorenessSeeProfessionalDays, Unit: UnitDays,
			Text: "at once for an urgent red flag; within days for the others, or when soreness lasts past 7 days"},
		Evidence: Practice,
		EvidenceNote: "Clinical common sense shared by all the articles; the urgent signs (dark urine, a swollen warm calf, " +
			"chest pain, fainting) follow clinical guidance.",
		AppliesAfter: []string{RunAny},
		How: "Stop self-treating and see a sports-medicine doctor, physiotherapist or athletic trainer " +
			"if you have sharp pain, pain that gets worse or doesn't ease with rest, marked swelling, bruising or a " +
			"misshapen limb, numbness, tingling or weakness, pain that changes your stride, or soreness lasting more " +
			"than a week. Chest pain, fainting, cola-coloured urine or one swollen, warm calf need urgent care now.",
		Why: "Normal soreness is spread over both legs, loosens once you are warm and is gone within days; these signs " +
			"point to an injury or illness that rest and foam rolling won't fix.",
		Sources: []Source{
			{Seed000, "Soreness is normal, but persistent pain that doesn't ease with rest, sharp pain during or right " +
				"after a run, significant swelling, bruising or deformity, worsening pain, and numbness, tingling or " +
				"weakness are reasons to see a sports-medicine doctor, physiotherapist or athletic trainer."},
			{Seed001, "Severe soreness, soreness with swelling or bruising, or soreness that persists despite rest may " +
				"be an injury needing professional evaluation; most soreness resolves within 24 to 72 hours."},
			{Seed002, "Most runners recover within 24-72 hours; soreness lasting longer than a week may signal " +
				"overtraining or injury; sharp, localised pain, swelling or pain that worsens while running or " +
				"changes your stride means see a professional."},
			{Seed003, "Persistent or sharp pain, or lasting pain that doesn't improve with rest, may be an injury: " +
				"see a doctor or physical therapist."},
			{RefList, "Dark urine with severe muscle pain and weakness (exertional rhabdomyolysis), one calf swollen, " +
				"warm, red or painful (deep-vein thrombosis), and chest pain or fainting during or after exercise need " +
				"urgent or emergency care."},
		},
		Disagreement: dSorenessDuration(),
	}
}
