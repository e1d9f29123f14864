package protocol

import "strings"

// The names of equipment and conditions for people, defined once: a
// plan's "left out" reasons and warnings, and the profile's forms, say
// "a foam roller" and "heart disease", never the ids.

var equipmentNames = map[string]string{
	EquipFoamRoller: "foam roller", EquipMassageGun: "massage gun", EquipIceBath: "ice bath",
	EquipBathtub: "bathtub", EquipCompression: "compression garments", EquipPool: "pool",
	EquipBike: "bike", EquipElliptical: "elliptical",
}

// EquipmentName names a piece of equipment (an Equip… id): "foam roller",
// "compression garments"; an unknown id with its hyphens as spaces.
func EquipmentName(id string) string {
	if n, ok := equipmentNames[id]; ok {
		return n
	}
	return strings.ReplaceAll(id, "-", " ")
}

// EquipmentNames names the pieces of equipment of which any one will do,
// each with its article: "a foam roller", "a pool, a bike or an
// elliptical", "compression garments".
func EquipmentNames(ids []string) string {
	var ns []string
	for _, id := range ids {
		n := EquipmentName(id)
		switch {
		case strings.HasSuffix(n, "s"):
		case strings.ContainsRune("aeiou", rune(n[0])):
			n = "an " + n
		default:
			n = "a " + n
		}
		ns = append(ns, n)
	}
	if len(ns) < 2 {
		return strings.Join(ns, "")
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " or " + ns[len(ns)-1]
}

var conditionNames = map[string]string{
	CondHeartDisease: "heart disease", CondHighBloodPressure: "high blood pressure", CondDiabetes: "diabetes",
	CondRaynauds: "Raynaud’s", CondPregnancy: "pregnancy", CondInjury: "a current injury", CondPAD: "peripheral arterial disease",
	CondFirst48h: "the first 48 h after the run", CondAfterStrength: "a strength session the same day",
	CondAfterHardOrLong: "a hard session or long run", CondOlderRunner: "an older runner",
}

// ConditionName names a condition, a red-flag symptom or a situation of a
// contraindication (a Cond… value or a symptom id) for a sentence:
// "heart disease", "sharp or pinpoint pain"; an unknown id with its
// hyphens as spaces.
func ConditionName(id string) string {
	if n, ok := conditionNames[id]; ok {
		return n
	}
	if s, ok := SymptomByID(id); ok {
		return strings.ToLower(s.Name[:1]) + s.Name[1:]
	}
	return strings.ReplaceAll(id, "-", " ")
}
