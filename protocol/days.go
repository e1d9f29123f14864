package protocol

// days1to3 returns the techniques for the one to three days after the run.
func days1to3() []Technique {
	return []Technique{
		{
			ID:     "active-recovery",
			Name:   "Active recovery",
			Phase:  Days1to3,
			StartH: 12, EndH: 72,
			Dose: Dose{Default: 20, Min: 20, Max: 30, Unit: UnitMin,
				Text: "20-30 min of walking, easy cycling or swimming at a chatting effort, the day after"},
			Evidence:     Moderate,
			EvidenceNote: "Dupuy et al. 2018 found active recovery reduced soreness.",
			Contraindications: []Contraindication{
				{CondSharpPain, Avoid, "With sharp pain, rest completely instead (passive-rest).", Seed002},
				{CondSwelling, Avoid, "With significant swelling, rest completely instead (passive-rest).", Seed002},
				{CondInjury, Avoid, "With a suspected injury such as shin splints or a pulled muscle, rest completely instead.", Seed002},
				{"joint-pain", Avoid, "With joint pain, rest completely instead.", Seed002},
			},
			AppliesAfter: []string{RunHard, RunLong},
			How: "The day after a hard session or long run, move gently for 20-30 minutes: a walk or short hike, an " +
				"easy spin on a bike, a relaxed swim, or a very slow jog. Keep it easy enough to chat and low on " +
				"impact, and stop if anything starts to hurt.",
			Why: "Light movement keeps blood flowing through sore muscles, bringing oxygen and nutrients and clearing " +
				"waste, without adding training stress. For normal soreness it beats lying still.",
			Sources: []Source{
				{Seed000, "On the day after a hard run, 20-30 minutes of very easy, low-impact movement (walking, cycling, " +
					"swimming) gets blood to the muscles without much added stress."},
				{Seed001, "Rather than a full rest day, gentle walking, swimming or cycling helps sore legs recover; use it " +
					"on rest days or as a cooldown."},
				{Seed002, "Low-intensity movement (easy walking, cycling, light jogging) beats full rest for muscle " +
					"repair, especially for heavy legs after long runs; skip it for sharp pain, significant " +
					"swelling or a suspected injury."},
				{Seed003, "Do recovery cardio the day after hard workouts (walking, cycling, swimming, light jogging, short " +
					"hikes), keep the heart rate moderate and don't overdo it."},
				{RefDupuy2018, "Active recovery reduced DOMS."},
			},
			Disagreement: dActiveVsPassive(),
		},
		{
			ID:     "easy-run",
			Name:   "Easy recovery run",
			Phase:  Days1to3,
			StartH: 24, EndH: 72,
			Dose:         Dose{Text: "a short, very slow run at a pace you can talk at"},
			Evidence:     Practice,
			EvidenceNote: "Coaching practice; no study in the references compares running on with resting when mildly sore.",
			Contraindications: []Contraindication{
				{CondSharpPain, Avoid, "Sharp pain means rest, not running.", Seed002},
				{CondSwelling, Avoid, "Don't run on a swollen leg.", Seed002},
				{CondInjury, Avoid, "Don't run on a suspected injury.", Seed002},
				{CondStrideChange, Avoid, "If pain changes how you run, stop: see a professional.", Seed002},
			},
			AppliesAfter: []string{RunAny},
			How: "Mild to moderate soreness needn't stop you running. Keep the next run short and very slow, at a " +
				"pace you can talk at; it should loosen up as you warm up. If soreness is severe or turns into pain, " +
				"take a rest day or cross-train instead.",
			Why: "Normal soreness eases as the muscles warm; an injury gets worse. An easy run keeps the habit " +
				"without adding damage.",
			Sources: []Source{
				{Seed001, "Running with mild to moderate soreness is generally safe if you adjust intensity or distance; " +
					"if soreness is severe or painful, take a rest day or do low-impact activity."},
				{Seed002, "Ordinary soreness is the same in both legs, eases once you are warmed up and is gone in a few " +
					"days; an easy run means 3-5 miles at a pace you can talk at."},
				{Seed003, "Even on a run streak, recovery days can be very slow, light jogs, keeping intensity low."},
			},
		},
		{
			ID:     "rest-day",
			Name:   "Rest day",
			Phase:  Days1to3,
			StartH: 12, EndH: 72,
			Dose: Dose{Default: RestDaysAfterLongMin, Min: RestDaysAfterLongMin, Max: RestDaysAfterLongMax, Unit: UnitDays,
				Text: "1-2 rest days after a long run, more for older runners; no hard session for 2-3 days"},
			Evidence: Practice,
			EvidenceNote: "Coaching practice; the references hold no trial on rest days, and evidence that older runners " +
				"recover more slowly is mixed (" + RefAgeRecovery + ").",
			Contraindications: []Contraindication{
				{CondOlderRunner, Modify, "Plan an extra rest day if you find you need it (" + eightTips + "); studies of age and recovery are mixed.", Seed004},
			},
			AppliesAfter: []string{RunLong, RunHard},
			How: "Build days off running into every week, and take 1-2 after a long run. A rest day can still include " +
				"a walk, yoga or Pilates, just no hard training. Older runners, and anyone still sore, may need more. " +
				"Wait before the next hard session: 2-3 days after most sessions, longer after a race (your plan gives the time).",
			Why: "Muscles, tendons, joints and bones rebuild between sessions, not during them. Skipping rest is how " +
				"soreness turns into overtraining or an overuse injury.",
			Sources: []Source{
				{Seed000, "Schedule rest days, mix hard efforts with easy running and add recovery weeks, so the body has " +
					"time to adapt."},
				{Seed001, "Plan rest days so muscles recover and rebuild; this prevents overuse injuries and overtraining."},
				{Seed002, "An easy run usually takes about a day to recover from; a long run or hard workout can take two " +
					"to three days before the muscle is fully repaired."},
				{Seed003, "Enough rest days and easy base-run days prevent overtraining, soreness and overuse injuries."},
				{Seed004, "A physical therapist's rule of thumb: no less than one to two days of rest following a long " +
					"run, longer for older runners; how much depends on age, how often and how long you run, and " +
					"experience; a rest day can still hold Pilates or yoga."},
				{RefAgeRecovery, "Veteran athletes felt slower recovery yet performed the same; a review of 11 studies " +
					"was mixed, so age is modelled gently with low evidence."},
			},
			Disagreement: dRestAfterLong(),
		},
		{
			ID:     "heat",
			Name:   "Heat pad or warm compress",
			Phase:  Days1to3,
			StartH: HeatWaitH, EndH: 168,
			Dose:     Dose{Text: "a heating pad, warm towel or warm compress on a low setting, with cloth between it and the skin, from 48 h after the run"},
			Muscles:  []string{Calves, Hamstrings, Quads, Glutes},
			Evidence: VeryLow,
			EvidenceNote: "No study in the references tests heat after running; " + fourTechniques + " says it suits lingering rather " +
				"than fresh soreness.",
			Contraindications: heatContra(true),
			AppliesAfter:      []string{RunAny},
			How: "From two days after the run, if muscles still feel tight, put a heating pad, a warm towel or a warm " +
				"compress on them. Keep it warm, not hot, with a cloth between it and your skin, and don't fall asleep " +
				"on a heating pad.",
			Why: "Warmth relaxes tight muscle and brings blood to it. Waiting 48 hours avoids adding heat to fresh " +
				"inflammation.",
			Sources: []Source{
				{Seed001, "Heat (hot showers, warm compresses) relaxes muscles and raises blood flow but suits chronic more " +
					"than acute soreness; hold off heat until at least 48 hours after a run."},
				{Seed003, "Heating pads, warm compresses and warm towels raise blood flow and ease tension; keep heat off " +
					"bare skin and low enough not to burn."},
				{RefList, "No heat on an acute injury or swelling in the first 48-72 h; the articles say wait at least 48 h."},
			},
			Disagreement: dHeatTiming(),
		},
		{
			ID:     "yoga-pilates",
			Name:   "Gentle yoga or Pilates",
			Phase:  Days1to3,
			StartH: 24, EndH: 168,
			Dose:     Dose{Text: "a gentle or restorative session on a recovery day"},
			Evidence: Practice,
			EvidenceNote: "No study in the references tests yoga or Pilates for running recovery; both are coach " +
				"recommendations (" + tenWays + ", " + eightTips + ").",
			Contraindications: []Contraindication{
				pregnancyLyingFlat(),
				{CondSharpPain, Modify, "Skip poses that load the painful area.", Seed002},
			},
			AppliesAfter: []string{RunAny},
			How: "On a recovery or rest day, do a gentle or restorative yoga class or a Pilates session. Keep it easy; " +
				"the aim is to move and loosen up, not to train.",
			Why: "It stretches lightly and builds flexibility, balance, stability and core strength without the " +
				"pounding of running, and it's relaxing.",
			Sources: []Source{
				{Seed003, "Restorative yoga is a good way to get light stretching on recovery days."},
				{Seed004, "Rest from running can stay active: Pilates or yoga work on flexibility, balance, stability, core " +
					"strength and muscular endurance."},
				{Seed001, "Yoga is one of the cross-training options that let sore legs rest while keeping fitness."},
				{Seed000, "Yoga is among the practices that lower stress."},
			},
		},
		{
			ID:     "active-isolated-stretching",
			Name:   "Active isolated stretching (AIS)",
			Phase:  Days1to3,
			StartH: 24, EndH: 168,
			Dose: Dose{Default: 2, Min: 2, Max: 2, Unit: UnitSec,
				Text: "hold each stretch about 2 s, release, and repeat"},
			Muscles:  []string{Quads, Hamstrings, Calves},
			Evidence: Practice,
			EvidenceNote: "No study in the references tests AIS; Dupuy et al. 2018 found no effect of stretching in " +
				"general on soreness.",
			Contraindications: []Contraindication{
				{CondSharpPain, Modify, "Stay short of pain; leave an injured muscle alone.", Seed001},
			},
			AppliesAfter: []string{RunAny},
			How: "Warm up first. Move into each stretch with your own muscles rather than pulling, hold it for about " +
				"2 seconds, let go, and repeat a handful of times, for quads, hamstrings and calves.",
			Why: "Short, repeated holds work on flexibility and range of motion without long static holds.",
			Sources: []Source{
				{Seed001, "Active isolated stretching holds each stretch for a short time (around 2 seconds) and then " +
					"releases it, for flexibility and range of motion in the quads, hamstrings and calves; warm up first."},
				{RefDupuy2018, "Stretching did not reduce DOMS."},
			},
			Disagreement: dStretchHold(),
		},
		{
			ID:     "cross-fiber-friction-massage",
			Name:   "Cross-fibre friction massage",
			Phase:  Days1to3,
			StartH: 24, EndH: 168,
			Dose:         Dose{Text: "a few minutes a day on a tight spot in the quads, hamstrings or calves"},
			Muscles:      []string{Quads, Hamstrings, Calves},
			InjuryCare:   true,
			Evidence:     Practice,
			EvidenceNote: "A manual-therapy technique described in " + fourTechniques + "; no study in the references tests it.",
			Contraindications: []Contraindication{
				spotContra()[0], spotContra()[1],
				{CondInjury, DoctorFirst, "Friction work on an injury is for a professional to decide.", RefPrecaution},
			},
			AppliesAfter: []string{RunAny},
			How: "With your fingertips or a massage tool, press firmly and rub across the direction of the muscle " +
				"fibres, not along them, over a tight spot in the quads, hamstrings or calves, for a few minutes.",
			Why: "The aim is to loosen scar tissue and stuck layers and bring blood to the spot; it's an old " +
				"hands-on technique rather than a tested one.",
			Sources: []Source{
				{Seed001, "Press firmly with the fingertips or a tool at right angles to the fibres (across the grain) to " +
					"break up scar tissue, help circulation and reduce soreness; a few minutes daily on quads, " +
					"hamstrings and calves."},
			},
		},
	}
}
