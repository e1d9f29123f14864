package protocol

import "strings"

// Urgency says how quickly a red-flag symptom needs a professional.
type Urgency string

// The urgencies.
const (
	// Urgent: get medical help now (emergency services or same-day urgent
	// care). Don't run, don't wait to see if it passes.
	Urgent Urgency = "urgent"
	// Soon: stop running on it and book a doctor, physiotherapist or
	// sports-medicine professional within days.
	Soon Urgency = "soon"
)

// Symptom is a red flag: a sign that this is more than normal soreness and
// self-care should give way to a professional.
type Symptom struct {
	ID      string // kebab-case, e.g. "calf-swelling-warmth"
	Name    string
	Urgency Urgency
	// Why is what it may mean and what to do, for a runner. It opens by
	// naming the symptom in full, so it stands alone: a red flag's reason
	// is Why, not Name followed by Why.
	Why    string
	Source string // seed file names and/or citations, separated by "; "
	// Calls lists the techniques the symptom itself calls for while it
	// stands, beyond the always-safe ones (AllowedWhileFlagged).
	Calls []string
}

// Symptoms returns the red-flag symptoms, urgent ones first.
//
// Urgent: chest pain, fainting, dark urine (exertional rhabdomyolysis), a
// swollen, warm calf (deep-vein thrombosis) and a limb that looks out of
// shape. Dizziness is "soon": brief light-headedness on stopping is common
// and is what a cool-down prevents; with chest pain or fainting it falls
// under those urgent entries instead. Soreness past
// SorenessSeeProfessionalDays is "soon" (002).
func Symptoms() []Symptom {
	ss := symptoms()
	for i := range ss {
		ss[i].Calls = symptomCalls[ss[i].ID]
	}
	return ss
}

// symptomCalls is what each symptom calls for while it stands: legs up
// after fainting or dizziness, PEACE & LOVE for a suspected soft-tissue
// injury; nothing more for the others (rest and a professional).
var symptomCalls = map[string][]string{
	"fainting": {"elevation"}, "dizziness": {"elevation"},
	"sharp-pain": softTissueCare, "swelling": softTissueCare, "bruising": softTissueCare,
	"one-sided-pain": softTissueCare, "worsening-pain": softTissueCare, "persistent-pain": softTissueCare,
	"joint-pain": softTissueCare, "stride-change": softTissueCare,
}

func symptoms() []Symptom {
	return []Symptom{
		sy("chest-pain", "Chest pain or pressure", Urgent,
			"Chest pain, pressure or a racing, irregular heartbeat during or after a run can be a heart problem. Stop and call emergency services.",
			RefList),
		sy("fainting", "Fainting or nearly fainting", Urgent,
			"Passing out during or after exercise is an emergency until a doctor says otherwise. Lie down with your legs up and get help.",
			RefList+"; "+Seed004),
		sy("dark-urine", "Dark, cola-coloured urine", Urgent,
			"Brown or cola-coloured urine with severe muscle pain or weakness after a hard effort can mean muscle breakdown (exertional rhabdomyolysis), which can harm the kidneys. Get urgent care; don't just drink more and wait.",
			RefList),
		sy("calf-swelling-warmth", "One calf swollen, warm or red", Urgent,
			"A calf that is swollen, warm, red or painful on one side only can be a blood clot (deep-vein thrombosis), especially after a long trip or time off your feet. Get it checked today; don't massage or roll it.",
			RefList),
		sy("deformity", "A limb or joint that looks out of shape", Urgent,
			"A bone or joint that looks bent, bumped out or wrong can be a fracture or dislocation. Don't walk it off; get it seen today.",
			Seed000),
		sy("sharp-pain", "Sharp pain", Soon,
			"Sharp, stabbing or pinpoint pain during or right after a run points to an injury, not soreness. Stop running on it, rest it and get it assessed.",
			Seed000+"; "+Seed002),
		sy("bone-pain", "Pain in a bone", Soon,
			"Pain on a bone, such as a tender spot on the shin or the top of the foot that hurts to press or hop on, can be a bone stress injury from overuse. Stop running and see a professional.",
			Seed002),
		sy("swelling", "Swelling", Soon,
			"Visible or marked swelling is not part of normal soreness. Rest, no heat, no massage on the spot, and see a professional if it's significant or doesn't settle.",
			Seed000+"; "+Seed001+"; "+Seed002),
		sy("bruising", "Bruising", Soon,
			"Bruising on a sore area suggests torn tissue rather than normal muscle soreness. Have it assessed.",
			Seed000+"; "+Seed001),
		sy("numbness", "Numbness", Soon,
			"Numbness in the legs or feet is a nerve sign, not soreness. See a professional.",
			Seed000),
		sy("tingling", "Tingling or pins and needles", Soon,
			"Tingling in the legs or feet is a nerve sign, not soreness. See a professional.",
			Seed000),
		sy("weakness", "Weakness in the legs or feet", Soon,
			"A leg or foot that gives way or won't push off properly needs assessment. With dark urine and severe muscle pain it's urgent.",
			Seed000+"; "+RefList),
		sy("worsening-pain", "Pain that gets worse", Soon,
			"Pain that grows over days, gets worse as you run, or gets in the way of daily life is an injury pattern. Stop and see a professional.",
			Seed000+"; "+Seed002),
		sy("persistent-pain", "Pain that doesn't ease with rest", Soon,
			"Pain that stays despite rest and the usual recovery steps may be an injury. See a doctor or physiotherapist.",
			Seed000+"; "+Seed001+"; "+Seed003),
		sy("lasting-soreness", "Soreness lasting more than 7 days", Soon,
			"Normal soreness fades within a few days. Soreness or pain lasting longer than a week may mean overtraining or an injury: see a professional.",
			Seed002+"; "+RefCheung2003),
		sy("stride-change", "Pain that changes how you run", Soon,
			"If you're limping or changing your stride to avoid pain, stop running: you're overloading something else. See a professional.",
			Seed002),
		sy("one-sided-pain", "Pain in one leg or one spot", Soon,
			"Normal soreness is spread evenly over both legs and eases as you warm up. Pain in one spot or one leg that doesn't warm up is more likely an injury.",
			Seed002),
		sy("joint-pain", "Joint pain", Soon,
			"Pain in the knee, ankle or hip joint rather than the muscle calls for full rest instead of active recovery, and an assessment if it lasts.",
			Seed002),
		sy("dizziness", "Dizziness or light-headedness", Soon,
			"Feeling light-headed right after stopping is common: walk slowly, drink, and sit or lie down with your legs up. If it lasts, keeps coming back, or comes with chest pain or fainting, treat it as urgent.",
			Seed003+"; "+Seed004+"; "+RefList),
	}
}

// Refs returns the symptom's source references, each as in Source.Ref
// (people read them through Cite).
func (s Symptom) Refs() []string { return strings.Split(s.Source, "; ") }

// NeedsClearance says whether only a professional clears the symptom:
// the urgent ones, and bone pain (a possible bone stress injury, which a
// coach would not let a runner self-clear: the 2026 coaching guide says
// to stop running and see a professional). The others clear once a
// professional has seen the runner or the symptom has settled.
func (s Symptom) NeedsClearance() bool { return s.Urgency == Urgent || s.ID == "bone-pain" }

// SymptomByID returns the symptom with the given id.
func SymptomByID(id string) (Symptom, bool) {
	for _, s := range Symptoms() {
		if s.ID == id {
			return s, true
		}
	}
	return Symptom{}, false
}

// SymptomIDs returns every symptom id, in the order of Symptoms.
func SymptomIDs() []string {
	ss := Symptoms()
	ids := make([]string, len(ss))
	for i, s := range ss {
		ids[i] = s.ID
	}
	return ids
}

// sy builds a symptom (Calls comes from symptomCalls).
func sy(id, name string, u Urgency, why, source string) Symptom {
	return Symptom{ID: id, Name: name, Urgency: u, Why: why, Source: source}
}
