package protocol

// immediate returns the techniques for the first hour after the run.
func immediate() []Technique {
	return []Technique{
		{
			ID:     "cool-down",
			Name:   "Cool-down walk or jog",
			Phase:  Immediate,
			StartH: 0, EndH: 0.25,
			Dose: Dose{Default: 10, Min: CoolDownMinMin, Max: CoolDownMaxMin, Unit: UnitMin,
				Text: "5-10 min of walking or very easy jogging; the full 10 min after hard sessions and long runs"},
			Evidence: Low,
			EvidenceNote: "A 2018 review (Van Hooren & Peake, Sports Med 48:1575) found active cool-downs do little " +
				"for soreness or next-day performance, though they clear blood lactate faster and help heart and breathing settle.",
			Contraindications: []Contraindication{
				{CondSharpPain, Modify, "Walk rather than jog, and stop if the pain gets worse.", Seed002},
			},
			AppliesAfter: []string{RunAny},
			How: "Don't stop dead at the finish. Ease down to a walk or a very slow jog for 5-10 minutes, until " +
				"your breathing is calm and your heart rate has come down. After intervals, tempo or a long run, " +
				"give it the full 10 minutes.",
			Why: "When you stop suddenly, the leg muscles stop pumping blood back to the heart: blood pools in the " +
				"legs, blood pressure dips and you can feel dizzy or even faint. Tapering off lets your body settle " +
				"gradually while blood keeps moving through the muscles.",
			Sources: []Source{
				{Seed000, "Going straight from running to rest can pool blood in the legs and cause light-headedness; " +
					"5-10 minutes of walking or gentle jogging lets the heart rate drop gradually and keeps blood flowing."},
				{Seed002, "Every post-run routine starts with a 5-10 minutes easy walk, which keeps blood from pooling in the legs."},
				{Seed003, "End hard sessions and long runs with about 10 minutes of light jogging or walking at a moderate " +
					"heart rate, and do easy cardio again the following day."},
				{Seed004, "Cites a 2018 Sports Medicine review: active cool-downs made no significant difference to " +
					"performance or injuries but may clear lactic acid from the blood faster and help the immune, heart " +
					"and lung systems recover. The American Heart Association still advises cooling down, since stopping " +
					"quickly can make you feel sick or pass out; a physical therapist adds that blood pressure can drop " +
					"when muscle pumping stops abruptly."},
				{RefVanHooren2018, "Narrative review: active cool-downs are largely ineffective for same-day and next-day " +
					"performance, do not prevent injuries and mostly do not reduce soreness, but speed lactate removal " +
					"from the blood and the recovery of heart and breathing; typical practice is 5-15 min within an hour."},
			},
			Disagreement: dCoolDownDuration(),
		},
		{
			ID:     "rehydrate",
			Name:   "Rehydrate",
			Phase:  Immediate,
			StartH: 0, EndH: 1,
			Dose: Dose{Default: 591, Min: 473, Max: 710, Unit: UnitMl,
				Text: "1.5 x the weight lost ({{L/kg 1.5}}); not weighed: {{floz 16-24}}, then drink to thirst"},
			Evidence: Moderate,
			EvidenceNote: "Position stands advise replacing about {{L/kg 1.25-1.5}} lost, with sodium (ACSM 2016, " +
				checkNote + "); " + eightTips + " cites a 2019 study that losing more than 2% of body weight can hurt performance.",
			AppliesAfter: []string{RunAny},
			How: "Weigh yourself before and after a run if you can, and drink about {{L/kg 1.5}} lost over the " +
				"next few hours: water, or a sports drink after long, hard or hot runs. If you didn't weigh " +
				"yourself, drink the amount your plan gives (at least {{floz 16-24}}, more after longer, harder or " +
				"hotter runs) and keep sipping through the day. Pale-yellow urine means you've caught up.",
			Why: "Sweat takes water and salts with it. Short on fluid, muscles work poorly, cramp more easily and " +
				"repair and refuel more slowly. Drinking a bit more than you lost covers the urine you make while " +
				"you catch up.",
			Sources: []Source{
				{Seed000, "Replace lost fluid and electrolytes with water, electrolyte drinks or sports drinks; as a " +
					"rule of thumb drink 1.5 times the weight lost during the run; pale-yellow urine shows good hydration."},
				{Seed001, "Drink water before, during and after runs and plenty through the day; dehydration can make " +
					"soreness worse; add electrolyte or sports drinks after long-distance or intense sessions."},
				{Seed002, "After every run, drink 16-24 oz of water or an electrolyte drink to replace sweat losses."},
				{Seed003, "Dehydrated muscles don't work properly and can get sore and cramp, and repair and glycogen " +
					"refilling slow down; drink (water, sports drinks, electrolyte mixes) before, during and after " +
					"runs, and rest if you feel tired or dizzy."},
				{Seed004, "Losing more than two percent of body weight as sweat could hinder performance (a 2019 study in " +
					"Int J Sport Nutr Exerc Metab); runners often train in the heat; serious runners should have a sports " +
					"dietitian build them a hydration and fuelling plan."},
				{RefACSM2016, "About 1.25-1.5 L of fluid for every kg of body weight lost, with sodium (" + checkNote + ")."},
			},
			Disagreement: dFluid(),
		},
		{
			ID:     "electrolytes",
			Name:   "Electrolytes",
			Phase:  Immediate,
			StartH: 0, EndH: 1,
			Dose:     Dose{Text: "make part of the fluid a sports drink or water with an electrolyte tablet"},
			Evidence: Low,
			EvidenceNote: "Position stands pair post-exercise fluid with sodium so the body keeps it (ACSM 2016, " + checkNote +
				"); no study in the references ties electrolyte drinks to less soreness.",
			AppliesAfter: []string{RunLong, RunHard},
			How: "After a long run, a hard session, a race or a run in the heat, drink part of your fluid as a sports " +
				"drink or water with an electrolyte tablet. After a short easy run on a cool day, water and your next " +
				"meal are enough.",
			Why: "Heavy sweating costs sodium and other salts as well as water. Replacing them helps you hold on to " +
				"the fluid you drink and may head off cramps.",
			Sources: []Source{
				{Seed000, "Sweat removes fluid and electrolytes; if they aren't replaced, cells work less well, adding to " +
					"fatigue and cramping."},
				{Seed001, "For long-distance running or intense workouts, add electrolyte or sports drinks to replace " +
					"minerals."},
				{Seed003, "Sports drinks or tablets put back the electrolytes lost in heavy sweat (hard runs, hot days), " +
					"above all after speed sessions, long runs and races."},
				{Seed004, "A post-workout snack or meal restores water, electrolytes, glucose, protein and minerals; " +
					"recovery hinges on getting fluids, electrolytes and carbohydrate in balance."},
				{RefACSM2016, "Post-exercise fluid should come with sodium (" + checkNote + ")."},
			},
		},
		{
			ID:     "refuel",
			Name:   "Refuel: carbohydrate and protein",
			Phase:  Immediate,
			StartH: 0, EndH: 1,
			Dose: Dose{Default: 1.0, Min: CarbsPerKgMin, Max: CarbsPerKgMax, Unit: UnitGPerKg,
				Text: "{{g/kg 0.8-1.2}} of carbohydrate plus {{g/kg 0.25-0.4}} of protein, within 30-60 min"},
			Evidence: Moderate,
			EvidenceNote: "Position stands back carbohydrate with protein after hard exercise to refill glycogen and " +
				"start repair (ACSM 2016; ISSN 2017; " + checkNote + ").",
			AppliesAfter: []string{RunAny},
			How: "Within 30-60 minutes, eat something with carbohydrate and some protein: chocolate milk, a protein " +
				"shake, a banana with peanut butter, yoghurt and fruit, eggs on whole-grain toast. Rebound turns your " +
				"weight into grams. A proper meal with some healthy fat and vegetables later on counts as well.",
			Why: "Running uses up the sugar stored in your muscles (glycogen) and leaves tiny tears in muscle fibres. " +
				"Carbohydrate refills the store and protein supplies the building blocks for repair; running low " +
				"leaves legs heavy and recovery slow.",
			Sources: []Source{
				{Seed000, "Carbohydrate of about 0.8-1.2 g per kg of body weight within 30-60 minutes refills muscle " +
					"glycogen (fruit, whole-grain bread, a recovery drink); about 0.25-0.4 g per kg of protein supplies " +
					"amino acids for repair (lean meat, dairy, eggs, plant protein)."},
				{Seed001, "Balance carbohydrate for energy, protein for muscle repair and healthy fats such as avocado " +
					"and nuts, which help with inflammation."},
				{Seed002, "Eat protein plus carbs within 30-60 minutes (chocolate milk, a protein shake, a banana with " +
					"peanut butter); poor nutrition lengthens recovery."},
				{Seed003, "Eat protein-rich food 30 minutes to an hour after a hard run (lentils, lean meat, fish, beans, " +
					"nuts, shakes, eggs, dairy) along with complex carbohydrates and healthy fats: all three macronutrients."},
				{Seed004, "Carbohydrate with protein helps restore glycogen and repair tissue (a January review in Int J " +
					"Environ Res Public Health); special recovery products are unnecessary if you eat enough carbohydrate " +
					"at several points during recovery; a registered dietitian can set your amounts."},
				{RefACSM2016, "About 1.0-1.2 g/kg per hour of carbohydrate when glycogen must be restored fast (" + checkNote + ")."},
				{RefISSN2017, "About 0.25-0.3 g/kg of protein after exercise (" + checkNote + ")."},
			},
			Disagreement: dRefuelAmounts(),
		},
		{
			ID:     "breathing",
			Name:   "Slow breathing",
			Phase:  Immediate,
			StartH: 0, EndH: 0.5,
			Dose:     Dose{Text: "a few slow breaths, in through the nose and out through the mouth"},
			Evidence: Practice,
			EvidenceNote: "No study in the references tests breathing exercises after running; it is a " +
				"physical therapist's advice (" + eightTips + ").",
			AppliesAfter: []string{RunAny},
			How: "Before you rush back to chores or work, take a couple of minutes, during your stretches or lying " +
				"down, for slow, deep breaths: in through the nose, out through the mouth.",
			Why: "It helps body and mind switch off after the effort. A physical therapist adds " +
				"that it brings more blood and oxygen to the muscles.",
			Sources: []Source{
				{Seed004, "After a run, simple breathing exercises help both body and mind decompress and aid recovery " +
					"by raising blood flow and oxygen to the muscles; take a few deep breaths in through the nose and " +
					"out through the mouth during cool-down stretching or yoga."},
				{Seed000, "Deep breathing is one of the practices that lower stress, which otherwise raises cortisol and " +
					"hinders repair."},
			},
		},
		{
			ID:     "static-stretching",
			Name:   "Static stretching",
			Phase:  Immediate,
			StartH: 0, EndH: 1,
			Dose: Dose{Default: 30, Min: 15, Max: 30, Unit: UnitSec,
				Text: "hold each stretch 30 s (sources: 15-30 s), 2-3 times; 5-10 min in all, after the cool-down"},
			Muscles:  []string{Calves, Hamstrings, Quads, Glutes, HipFlexors},
			Evidence: Low,
			EvidenceNote: "Meta-analyses found no effect of stretching on soreness (Dupuy et al. 2018) and no faster " +
				"recovery from post-exercise stretching (Afonso et al. 2021, the 2021 review cited by " + eightTips + ").",
			Contraindications: []Contraindication{
				{CondSharpPain, Modify, "Stretch only to mild tension and never into pain; leave an injured muscle alone.", Seed000},
			},
			AppliesAfter: []string{RunAny},
			How: "After the cool-down, while you're still warm, stretch calves, hamstrings, quads, glutes and hip " +
				"flexors. Ease in until you feel gentle tension, hold about 30 seconds without bouncing, and repeat " +
				"2-3 times. Stop short of pain. Add your back, core and arms if they feel tight. Keep these long holds " +
				"for after runs, not before.",
			Why: "Thousands of strides leave leg muscles short and tight. Stretching afterwards can ease that stiff " +
				"feeling and keep your range of motion; on current evidence it does not speed recovery or prevent " +
				"soreness.",
			Sources: []Source{
				{Seed000, "After the cool-down, while warm, stretch quadriceps, hamstrings, glutes and calves, holding each " +
					"for 20-30 seconds, gently and without pain, for flexibility and less stiffness."},
				{Seed001, "Stretch quadriceps, hamstrings, calves and hip flexors, holding 15-30 s and repeating 2-3 times; " +
					"its FAQ says stretching before and after runs helps prevent soreness."},
				{Seed002, "Static stretching for 5-10 minutes after foam rolling addresses stiffness and flexibility."},
				{Seed003, "Stretch after running to lengthen muscles that running shortens; stretch lightly or do " +
					"restorative yoga on recovery days."},
				{Seed004, "More research is needed: a 2021 review in Frontiers in Physiology found no evidence that " +
					"static stretching speeds recovery, though many coaches still recommend it; stretch core, back and " +
					"arms too; the Hospital for Special Surgery says static stretches belong in the cool-down, since doing them " +
					"right before a race or long run can blunt your reactions and performance."},
				{RefDupuy2018, "Meta-analysis of 99 studies: stretching (like electrostimulation) did not reduce DOMS."},
				{RefAfonso2021, "Meta-analysis of randomised trials (10 in the pooled analysis, 229 people): post-exercise " +
					"stretching did not speed recovery of soreness, strength or range of motion."},
			},
			Disagreement: dStretchHold(),
		},
		{
			ID:     "dynamic-stretching",
			Name:   "Dynamic stretching",
			Phase:  Immediate,
			StartH: 0, EndH: 0.5,
			Dose:     Dose{Text: "a few minutes of walking lunges, leg swings and high knees; also as the warm-up before your next run"},
			Muscles:  []string{Hamstrings, Quads, HipFlexors, Glutes, Calves},
			Evidence: Practice,
			EvidenceNote: "No study in the references tests dynamic stretching for recovery; preferring it to static " +
				"holds before a run follows the Hospital for Special Surgery advice cited by " + eightTips + ".",
			Contraindications: []Contraindication{
				{CondSharpPain, Avoid, "Don't swing or lunge through a painful muscle or joint.", Seed002},
			},
			AppliesAfter: []string{RunAny},
			How: "Move each leg through its full range under control: walking lunges, leg swings forwards and " +
				"sideways, high knees. Use it as the warm-up before runs, and for a few minutes after if you like.",
			Why: "Moving stretches warm and loosen the muscles without the short-lived loss of spring that long " +
				"static holds can cause right before running.",
			Sources: []Source{
				{Seed001, "Dynamic stretching moves each muscle through its whole range; do it before and after runs, e.g. " +
					"walking lunges, leg swings and high knees."},
				{Seed003, "Recommends dynamic stretches as the pre-run warm-up, which also helps prevent soreness."},
				{Seed004, "Before a run, stretch dynamically (keep moving while you stretch); held stretches just before " +
					"a race or long run can make you react more slowly (Hospital for Special Surgery)."},
			},
			Disagreement: dStretchBeforeRun(),
		},
		{
			ID:     "foam-rolling",
			Name:   "Foam rolling",
			Phase:  Immediate,
			StartH: 0, EndH: 72,
			Dose: Dose{Default: 60, Min: 30, Max: 120, Unit: UnitSec,
				Text: "about 60 s per muscle group, pausing 20-30 s on tender spots; 5-10 min in all"},
			Muscles:  []string{Calves, Hamstrings, Quads, Glutes},
			Evidence: Low,
			EvidenceNote: "Not covered by Dupuy et al. 2018; " + eightTips + " cites a 2020 review (J Bodywork Mov Ther) and small " +
				"studies showing less soreness, better pain tolerance and more blood flow after rolling.",
			Requires:          []string{EquipFoamRoller},
			Contraindications: spotContra(),
			AppliesAfter:      []string{RunAny},
			How: "Roll calves, hamstrings, quads, the outside of the thigh (IT band) and glutes. Go slowly, about a " +
				"minute per muscle group, one or two passes; on a tender spot, stop for 20-30 seconds and breathe. " +
				"Uncomfortable is fine, sharp pain is not. A massage ball reaches small spots. 5-10 minutes covers " +
				"both legs.",
			Why: "Pressure on tight spots loosens muscle and the tissue around it and raises blood flow for a while " +
				"afterwards, which can take the edge off soreness.",
			Sources: []Source{
				{Seed000, "Rolling on a foam roller or massage ball frees tight spots (trigger points) in muscle and " +
					"fascia; work quads, hamstrings, IT band, glutes and calves slowly, pausing 20-30 seconds on the tightest spots."},
				{Seed001, "Roll back and forth, lingering on tight or sore areas, for 1-2 minutes on each muscle group; " +
					"it can be uncomfortable at first."},
				{Seed002, "Foam rolling (5-10 minutes) after every run, before static stretching, eases stiffness and soreness."},
				{Seed003, "Give calves, quads, IT bands and glutes one or two passes of 30 to 60 seconds, stopping on " +
					"tender spots; rolling raises blood flow and eases soreness."},
				{Seed004, "A 2020 review (J Bodywork Mov Ther) found less soreness and more pain tolerance; a small 2017 " +
					"study (J Strength Cond Res) found 74% more blood flow in the side of the thigh right after rolling and " +
					"53% after 30 minutes; a small 2015 study (J Athl Train) found less thigh tenderness and better " +
					"sprinting after squats; ask a trainer or physical therapist how to roll."},
			},
			Disagreement: dFoamRollingTime(),
		},
		{
			ID:     "compression",
			Name:   "Compression socks or sleeves",
			Phase:  Immediate,
			StartH: 0, EndH: 24,
			Dose:     Dose{Text: "compression socks, calf sleeves or tights after the run (during it too, if you like)"},
			Muscles:  []string{Calves, Shins},
			Evidence: Moderate,
			EvidenceNote: "Dupuy et al. 2018 found compression garments reduced soreness and perceived fatigue; " + legRecovery + " " +
				"notes evidence on performance is mixed.",
			Requires:          []string{EquipCompression},
			Contraindications: []Contraindication{padCompression()},
			AppliesAfter:      []string{RunAny},
			How: "Put on compression socks, calf sleeves or tights after the run and wear them while you go about " +
				"your day. Take them off if they pinch, tingle or leave your feet cold. Ask a health professional " +
				"which compression level suits you, especially if you have circulation problems.",
			Why: "Gentle, even pressure helps blood flow back from the legs and limits swelling; many runners simply " +
				"feel fresher in them.",
			Sources: []Source{
				{Seed000, "Wearing compression socks or sleeves afterwards may cut swelling, help circulation and lower perceived " +
					"soreness; research on performance is mixed, but many runners feel the benefit."},
				{Seed001, "Compression socks or leggings, during and after runs, improve circulation and reduce swelling; " +
					"they reduce muscle vibration while running and support the calves; ask a health professional " +
					"about the right compression level."},
				{RefDupuy2018, "Compression garments reduced DOMS and were among the techniques that best reduced perceived fatigue."},
			},
		},
		{
			ID:     "cold-water-immersion",
			Name:   "Cold-water immersion (ice bath)",
			Phase:  Immediate,
			StartH: 0, EndH: 2,
			Dose: Dose{Default: ColdWaterDefaultMin, Min: ColdWaterFirstMin, Max: ColdWaterMaxMin, Unit: UnitMin,
				Text: "10 min at {{C 10-15}}; 5 min the first time; never more than 15 min; most benefit in the first 3 min"},
			Muscles:  []string{Calves, Shins, Quads, Hamstrings, Glutes, Feet},
			Evidence: Moderate,
			EvidenceNote: "Dupuy et al. 2018 found cold-water immersion reduced soreness; used regularly after strength " +
				"sessions it blunted gains in strength and muscle (Roberts et al. 2015).",
			Requires:          []string{EquipIceBath, EquipBathtub},
			Contraindications: coldContra(true),
			AppliesAfter:      []string{RunHard, RunLong},
			How: "Fill a tub with cold water and some ice to {{C 10-15}} (use a thermometer) and sit with your legs " +
				"under. Stay 10 minutes; the first time, get out after 5, and never stay past 15. Get out at once if " +
				"you feel numb, dizzy or short of breath. A cold shower is a milder stand-in.",
			Why: "Cold narrows blood vessels and dulls nerve endings, easing pain, swelling and the feeling of " +
				"soreness for a while. Most of the effect comes in the first few minutes.",
			Sources: []Source{
				{Seed000, "Brief cold exposure, such as 10-15 minutes in a 10-15 °C ice bath or a cold shower, narrows " +
					"blood vessels, which may reduce inflammation and swelling and relieve pain for a while."},
				{Seed001, "Fill a bathtub or large container with cold water and ice and submerge your legs for 10-15 " +
					"minutes; most useful after intense workouts or long runs; with a medical condition or injury, " +
					"consult a health professional first."},
				{Seed003, "For the brave: a full ice-bath plunge or whole-body cold dip to ease soreness and speed recovery."},
				{Seed004, "A 2023 review in Frontiers in Physiology found lower perceived soreness and effort right after " +
					"and lower lactate at 24 and 48 hours; the Cleveland Clinic advises starting with a 5-minute plunge " +
					"and staying no longer than 10 minutes, since most benefit comes early and tapers after the " +
					"three-minute mark; check with your doctor first if you have heart disease, high blood pressure or diabetes."},
				{RefDupuy2018, "Cold-water immersion reduced DOMS and, with massage, was among the strongest techniques for " +
					"reducing inflammation markers."},
				{RefRoberts2015, "Regular cold-water immersion after strength training blunted long-term gains in muscle " +
					"mass and strength; endurance adaptations appeared unaffected."},
			},
			Disagreement: dColdWaterDuration(),
		},
	}
}

// spotContra is the rule for hands-on techniques (rolling, massage, guns):
// never on a painful, swollen or injured spot (002, 000).
func spotContra() []Contraindication {
	return []Contraindication{
		{CondSharpPain, Avoid, "Not on a spot with sharp pain: that's a possible injury, not a knot. Rest it and have it checked.", Seed002},
		{CondSwelling, Avoid, "Not on a swollen area; rest, and see a professional if the swelling is marked.", Seed002},
		{CondInjury, Avoid, "Not on an injured or bruised area until a professional has seen it.", Seed000},
		{"calf-swelling-warmth", Avoid, "A swollen, warm calf may be a blood clot: don't rub or roll it, get urgent care.", RefList},
	}
}

// coldContra is the safety rule for cold and contrast water (004 for the
// heart, blood pressure and diabetes; REFERENCES.md for Raynaud's). With
// strength, it adds the Roberts et al. 2015 note.
func coldContra(strength bool) []Contraindication {
	cs := []Contraindication{
		{CondHeartDisease, DoctorFirst, "Cold water makes heart rate and blood pressure jump; " + eightTips + " warns that cold baths can be dangerous with heart disease.", Seed004},
		{CondHighBloodPressure, DoctorFirst, "Cold water raises blood pressure sharply; " + eightTips + " warns that cold baths can be dangerous with high blood pressure.", Seed004},
		{CondDiabetes, DoctorFirst, "Diabetes is among the conditions " + eightTips + " lists as making cold baths potentially dangerous.", Seed004},
		{CondRaynauds, Avoid, "Cold can set off painful spasms of the small blood vessels in fingers and toes. Raynaud's is a common clinical exclusion from cold therapy (clinical guidance, not yet checked); the articles don't mention it.", RefList},
		{CondPregnancy, DoctorFirst, "Precaution: cold plunges and hot soaks in pregnancy are not well studied; ask your midwife or doctor first.", RefPrecaution},
		{CondInjury, DoctorFirst, "With an injury or a medical condition, ask a health professional before an ice bath (" + fourTechniques + ").", Seed001},
		padCold(),
	}
	if strength {
		cs = append(cs, Contraindication{CondAfterStrength, Modify,
			"If you lifted weights today to build strength, skip the ice bath or move it to another day: regular cold baths after strength sessions blunted strength and muscle gains.",
			RefRoberts2015})
	}
	return cs
}
