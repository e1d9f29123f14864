package protocol

// sameDay returns the techniques for the rest of the day of the run and the
// nights that follow.
func sameDay() []Technique {
	return []Technique{
		{
			ID:     "contrast-therapy",
			Name:   "Contrast baths or showers",
			Phase:  SameDay,
			StartH: 0, EndH: 48,
			Dose: Dose{Default: 15, Min: 15, Max: 20, Unit: UnitMin,
				Text: "3-4 min warm then 1-2 min cold, repeated for 15-20 min, ending cold; in the shower, a few minutes hot then 1-2 min cold, a few rounds"},
			Muscles:      []string{Calves, Shins, Feet, Quads, Hamstrings},
			Evidence:     Moderate,
			EvidenceNote: "Dupuy et al. 2018 found contrast water therapy reduced soreness.",
			Contraindications: append(coldContra(false),
				Contraindication{CondSwelling, Avoid, "No warm water on a swollen spot in the first 48-72 h; use an ice pack instead, or rest.", RefList}),
			AppliesAfter: []string{RunAny},
			How: "Fill two basins or buckets, one warm (comfortably hot, never scalding) and one cold. Soak your " +
				"legs 3-4 minutes in the warm, then 1-2 minutes in the cold, and repeat for 15-20 minutes, finishing " +
				"cold. In the shower: a few minutes warm, then 1-2 minutes cold, for a few rounds, ending on cold.",
			Why: "Switching between warm and cold makes blood vessels open and close, stirring up circulation, and " +
				"trials pooled by Dupuy et al. 2018 found less soreness afterwards.",
			Sources: []Source{
				{Seed001, "Soak the legs in warm water for 3-4 minutes, then cold for 1-2 minutes, and repeat for 15-20 " +
					"minutes; or shower hot for a few minutes, then cold for a minute or two, alternating for a few " +
					"cycles and ending with cold; heat brings blood flow, cold narrows the vessels."},
				{RefDupuy2018, "Contrast water therapy reduced DOMS."},
			},
			Disagreement: dHeatTiming(),
		},
		{
			ID:     "ice-pack",
			Name:   "Ice pack on a sore spot",
			Phase:  SameDay,
			StartH: 0, EndH: 72,
			Dose: Dose{Default: 15, Min: 10, Max: 20, Unit: UnitMin,
				Text: "15 min at a time (10-20), wrapped in a towel, several times a day with breaks for the skin to warm"},
			Muscles:    []string{Calves, Shins, Quads, Hamstrings, Feet},
			InjuryCare: true,
			Evidence:   Low,
			EvidenceNote: "The references test cold baths and cryotherapy (Dupuy et al. 2018), not post-run ice packs as " +
				"such; ice mainly numbs pain for a while.",
			Contraindications: []Contraindication{
				{CondRaynauds, Avoid, "Cold can set off painful spasms of small blood vessels; Raynaud's is a common clinical exclusion from cold therapy (clinical guidance, not yet checked).", RefList},
				diabetesCold(),
				padCold(),
			},
			AppliesAfter: []string{RunAny},
			How: "Wrap an ice pack, cold compress or a bag of frozen peas in a thin towel and hold it on the sore " +
				"spot for about 15 minutes. Never put ice straight on the skin. Let the skin warm up before the next " +
				"round; a few rounds a day is plenty.",
			Why: "Cold narrows blood vessels and dulls nerve endings, which eases pain and can calm local " +
				"inflammation for a while.",
			Sources: []Source{
				{Seed001, "Within RICE: ice the sore area in 15-20 minute sessions, repeated several times a day, to calm " +
					"inflammation."},
				{Seed003, "Use an ice pack or cold compress inside a towel on sore areas, 10 to 20 minutes per application, " +
					"with breaks for the skin to rewarm; ice narrows blood vessels, cuts inflammation and numbs " +
					"nerve endings; useful after a hard workout."},
			},
			Disagreement: dIcePackDuration(),
		},
		{
			ID:     "rice",
			Name:   "RICE: rest, ice, compression, elevation",
			Phase:  SameDay,
			StartH: 0, EndH: 72,
			Dose:       Dose{Text: "rest the spot; ice 15-20 min several times a day; a snug compression wrap; legs up"},
			Muscles:    []string{Calves, Shins, Feet},
			InjuryCare: true,
			Evidence:   VeryLow,
			EvidenceNote: "RICE is long-standing first aid; the references hold no trial of it for post-run soreness, " +
				"though its compression part draws on Dupuy et al. 2018.",
			Contraindications: []Contraindication{
				{CondRaynauds, Modify, "Skip the ice part; rest, compression and elevation still apply.", RefList},
				diabetesCold(),
				padCold(),
				padCompression(),
				pregnancyLyingFlat(),
			},
			AppliesAfter: []string{RunAny},
			How: "For one sore, puffy spot: rest it and avoid what makes it worse; ice it about 15-20 minutes at a " +
				"time, a few times a day, wrapped in a towel; wear a compression sleeve or wrap that is snug, not " +
				"tight; keep it raised when sitting or lying. If it's sharp, bruised, very swollen or no better in a " +
				"few days, see a professional.",
			Why: "Together these limit swelling and pain while the tissue settles.",
			Sources: []Source{
				{Seed001, "Rest and avoid what aggravates the soreness; ice in 15-20 minute sessions several times " +
					"daily; use compression garments or wraps for support and blood flow; elevate the legs to help " +
					"circulation and reduce swelling."},
			},
			Disagreement: dIcePackDuration(),
		},
		{
			ID:     "elevation",
			Name:   "Legs up",
			Phase:  SameDay,
			StartH: 0, EndH: 24,
			Dose: Dose{Default: 15, Min: 15, Max: 20, Unit: UnitMin,
				Text: "15-20 min lying down with the legs above heart height"},
			Muscles:  []string{Calves, Feet, Shins},
			Evidence: Practice,
			EvidenceNote: "No study in the references tests leg elevation after running; it rests on gravity helping " +
				"blood and fluid drain from the legs.",
			Contraindications: []Contraindication{pregnancyLyingFlat()},
			AppliesAfter:      []string{RunAny},
			How: "Lie on your back with your legs up a wall or on pillows, feet above your heart, for 15-20 " +
				"minutes. It pairs well with slow breathing or compression socks.",
			Why: "Gravity helps blood and fluid drain from the lower legs back to the heart, easing swelling and " +
				"the heavy-legs feeling.",
			Sources: []Source{
				{Seed000, "Lying with the legs raised above the heart for 15-20 minutes helps blood return and fluid " +
					"drain from the lower legs, reducing swelling."},
				{Seed001, "Lie down after the run with the legs propped up a wall or on a pillow so gravity drains " +
					"excess fluid; also part of RICE."},
			},
		},
		{
			ID:     "massage",
			Name:   "Massage",
			Phase:  SameDay,
			StartH: 0, EndH: 72,
			Dose:     Dose{Text: "a sports or deep-tissue massage, or a few minutes of self-massage on each sore muscle"},
			Muscles:  []string{Calves, Hamstrings, Quads, Glutes},
			Evidence: Moderate,
			EvidenceNote: "In Dupuy et al. 2018, massage had the largest effect of any technique on both soreness and " +
				"perceived fatigue.",
			Contraindications: spotContra(),
			AppliesAfter:      []string{RunAny},
			How: "Book a sports massage, or massage your own legs: moderate pressure, slow circles, spending longer " +
				"where it feels tight. Ask for deep-tissue work only for stubborn tension, and keep off anything " +
				"sharp, swollen or bruised.",
			Why: "Massage brings blood to the muscles and eases tightness and stiffness; of the recovery techniques " +
				"studied, it reduced soreness and fatigue the most.",
			Sources: []Source{
				{Seed001, "A gentle self-massage or foam roller on sore muscles, moderate pressure in circles, focusing on " +
					"uncomfortable spots, relieves tension and soreness and raises blood flow."},
				{Seed003, "A sports massage or a tool such as a massage gun raises blood flow and works out tightness; a " +
					"deep-tissue massage for serious tension."},
				{RefDupuy2018, "Massage was the most effective technique for reducing both DOMS and perceived fatigue, " +
					"and among the best at lowering inflammation markers."},
			},
		},
		{
			ID:     "massage-gun",
			Name:   "Massage gun",
			Phase:  SameDay,
			StartH: 0, EndH: 72,
			Dose:     Dose{Text: "a few minutes a day on the legs, following the maker's instructions"},
			Muscles:  []string{Calves, Hamstrings, Quads, Glutes},
			Evidence: VeryLow,
			EvidenceNote: "Percussion devices were not studied in Dupuy et al. 2018 or the other references; evidence for " +
				"hands-on massage may not carry over.",
			Requires:          []string{EquipMassageGun},
			Contraindications: spotContra(),
			AppliesAfter:      []string{RunAny},
			How: "Follow the maker's instructions. Glide the head slowly over calves, hamstrings, quads and glutes for " +
				"a few minutes in total, on a low setting at first. Keep off bones, joints, the back of the knee and " +
				"anything sharp, swollen or bruised.",
			Why: "Rapid pulses of pressure can loosen tight muscle and bring blood to it, much like a quick massage.",
			Sources: []Source{
				{Seed001, "Handheld percussion massagers deliver rapid pulses of pressure to sore, tense spots, raising " +
					"blood flow and easing tightness; use one on the legs for a few minutes each day, as the maker instructs."},
				{Seed003, "Names the TheraGun and Hyperice Hypervolt percussion guns as a stand-in for a sports massage."},
			},
		},
		{
			ID:     "warm-bath",
			Name:   "Warm bath",
			Phase:  SameDay,
			StartH: 0, EndH: 72,
			Dose: Dose{Default: 20, Min: 15, Max: 30, Unit: UnitMin,
				Text: "20 min in warm, not hot, water (sources: 15-20 and 20-30 min); add {{cups 1-2}} of Epsom salt if you like"},
			Muscles:  []string{Calves, Shins, Quads, Hamstrings, Glutes, Feet},
			Evidence: VeryLow,
			EvidenceNote: "No study in the references tests warm baths after running; the claim that they reduce " +
				"inflammation is unsupported, though the soak is relaxing.",
			Requires:          []string{EquipBathtub},
			Contraindications: heatContra(false),
			AppliesAfter:      []string{RunAny},
			How: "Run a warm (not hot) bath and lie back in it for about 20 minutes. Add a favourite scent or " +
				"{{cups 1-2}} of Epsom salt if you enjoy it. Skip it if any spot is swollen or injured, and drink some water " +
				"afterwards.",
			Why: "Warm water relaxes tight muscles and helps you wind down; it's comfort more than proven treatment.",
			Sources: []Source{
				{Seed001, "Soak the legs 15-20 minutes in a warm bath with a cup or two of Epsom salt stirred in; its FAQ " +
					"says to hold off heat until at least 48 hours after a run."},
				{Seed003, "Soak the legs in a warm bath for 20 to 30 minutes; scents such as lavender, peppermint or " +
					"eucalyptus oil can add to the calm; 1 to 2 cups of Epsom salt are optional."},
			},
			Disagreement: dWarmBathDuration(),
		},
		{
			ID:     "epsom-salt",
			Name:   "Epsom salt in the bath",
			Phase:  SameDay,
			StartH: 0, EndH: 72,
			Dose: Dose{Default: 1, Min: 1, Max: 2, Unit: UnitCups,
				Text: "{{cups 1-2}} of Epsom salt in a warm bath, soaking 15-20 min"},
			Muscles:  []string{Calves, Shins, Quads, Hamstrings, Glutes, Feet},
			Evidence: VeryLow,
			EvidenceNote: "No study in the references shows that magnesium from bath salts passes through the skin or " +
				"eases soreness; any benefit is likely the warm soak itself.",
			Requires:          []string{EquipBathtub},
			Contraindications: heatContra(false),
			AppliesAfter:      []string{RunAny},
			How: "Dissolve {{cups 1-2}} of Epsom salt (magnesium sulfate) in warm bathwater and stay in for 15-20 " +
				"minutes. It's cheap and harmless for most people; treat it as a comfort, not a cure.",
			Why: "The articles say the magnesium is absorbed through the skin and relaxes muscles; that isn't shown. " +
				"The warm soak does help you relax.",
			Sources: []Source{
				{Seed001, "Epsom salt is magnesium sulfate; dissolve a cup or two in warm bathwater and soak 15-20 minutes; " +
					"claims the magnesium is absorbed through the skin, relaxing muscles and reducing inflammation."},
				{Seed003, "Suggests 1 to 2 cups of Epsom salt per bath; claims its magnesium relaxes muscles and reduces " +
					"inflammation."},
			},
			Disagreement: dWarmBathDuration(),
		},
		{
			ID:     "urine-check",
			Name:   "Urine-colour check",
			Phase:  SameDay,
			StartH: 0, EndH: 24,
			Dose:     Dose{Text: "aim for pale yellow"},
			Evidence: Practice,
			EvidenceNote: "Urine colour is a rough field guide to hydration, not a measurement; no outcome study in the " +
				"references.",
			AppliesAfter: []string{RunAny},
			How: "Glance at your urine over the rest of the day. Pale yellow: you're hydrated. Darker yellow: keep " +
				"drinking. Brown or cola-coloured, especially with severe muscle pain or weakness after a hard run, " +
				"is not thirst: get urgent care (see the dark-urine warning).",
			Why: "It's the easiest free check that you've drunk enough, and it catches the rare sign of muscle " +
				"breakdown.",
			Sources: []Source{
				{Seed000, "Urine colour is a simple indicator of hydration; pale yellow is the target."},
				{RefList, "Dark, cola-coloured urine with severe muscle pain and weakness after hard exercise is a warning " +
					"sign of exertional rhabdomyolysis: urgent care."},
			},
		},
		{
			ID:     "sleep",
			Name:   "Sleep",
			Phase:  SameDay,
			StartH: 0, EndH: 168,
			Dose: Dose{Default: 8, Min: SleepMinH, Max: SleepMaxH, Unit: UnitHours,
				Text: "7-9 h a night, starting tonight; more in heavy training weeks"},
			Evidence: Moderate,
			EvidenceNote: "Sleep loss lowers endurance performance (a 2023 review in Eur J Sport " +
				"Science, cited by " + eightTips + "); clinical guidance takes 7-9 h for adults.",
			AppliesAfter: []string{RunAny},
			How: "Aim for 7-9 hours of unbroken sleep every night, and protect it most after races, long runs and " +
				"in heavy training blocks. How much you need varies with age, sex and fitness.",
			Why: "Most muscle repair happens in deep sleep, when the body releases growth hormone. In one study, a " +
				"single 4-hour night made athletes run slower and think less sharply the next day.",
			Sources: []Source{
				{Seed000, "Sleep may be the most important part of recovery: growth hormone released in deep sleep drives " +
					"muscle repair; 7-9 hours of good sleep a night is the target."},
				{Seed001, "The body repairs damaged muscle during sleep; get 7 to 9 hours of unbroken sleep; " +
					"build rest days into training and avoid overtraining."},
				{Seed002, "Most muscle repair happens during deep sleep; runners need 7-9 hours a night, especially in " +
					"heavy training blocks."},
				{Seed004, "Sleep deprivation lowers endurance performance, especially in efforts over 30 minutes (Eur J Sport " +
					"Sci review, 2023); in a 2020 study in Physiology & Behavior, 20 athletes ran a 12-minute " +
					"test after a normal night and after four hours of sleep, and after the short night ran slower and less " +
					"far, with worse reaction time, mood and concentration; need depends on age, gender and fitness."},
			},
		},
		{
			ID:     "passive-rest",
			Name:   "Complete rest",
			Phase:  SameDay,
			StartH: 0, EndH: 72,
			Dose:       Dose{Text: "no running or painful activity until sharp pain, swelling or joint pain settles"},
			InjuryCare: true,
			Evidence:   Practice,
			EvidenceNote: "Resting an injured part is standard first aid; no study in the references compares it with " +
				"active recovery after running.",
			AppliesAfter: []string{RunAny},
			How: "If you have sharp or pinpoint pain, swelling, joint pain, or think you've hurt something, skip the " +
				"recovery walk or spin and rest completely: no running, nothing that hurts. If it isn't clearly " +
				"better within a few days, or a red flag appears, see a professional.",
			Why: "Light movement helps normal soreness, but loading an injured muscle, tendon or bone makes the " +
				"damage worse.",
			Sources: []Source{
				{Seed002, "Choose passive recovery (complete rest) over active recovery when there is sharp pain, " +
					"significant swelling, joint discomfort, or a suspected injury such as shin splints or a pulled muscle."},
				{Seed003, "Rest lets the body repair itself and reduces inflammation; it's the most common way to heal " +
					"from injuries."},
				{Seed001, "If soreness is severe or comes with pain, take a rest day or do low-impact activity until " +
					"it eases."},
			},
			Disagreement: dActiveVsPassive(),
		},
	}
}

// heatContra is the safety rule for heat (001: wait 48 h; REFERENCES.md: no
// heat on acute injury or swelling). local is true for targeted heat (pads,
// compresses), which is avoided outright in the first 48 h; whole-body warm
// soaks are only modified (kept warm, not hot).
func heatContra(local bool) []Contraindication {
	first := Contraindication{CondFirst48h, Modify,
		fourTechniques + " advises waiting 48 h before heat. Rebound allows a warm, not hot, soak sooner for plain soreness; wait if anything is swollen or injured.",
		Seed001}
	if local {
		first = Contraindication{CondFirst48h, Avoid,
			"Wait at least 48 h after the run, so any inflammation can settle before you add heat.", Seed001}
	}
	return []Contraindication{
		first,
		{CondSwelling, Avoid, "No heat on a swollen area in the first 48-72 h; it can increase swelling.", RefList},
		{CondInjury, Avoid, "No heat on a fresh injury in the first 48-72 h.", RefList},
		{CondPregnancy, DoctorFirst, "Precaution: ask your midwife or doctor before hot baths or long heat sessions, and keep water warm rather than hot.", RefPrecaution},
		diabetesHeat(),
	}
}
