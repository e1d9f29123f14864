package activity

import "strings"

// ParseSport maps a free-text sport label, as apps write it (Strava's
// activity types such as "Run", "Trail Run", "Weight Training"; GPX
// <type> values such as "running" or "cycling"; TCX's "Biking"), to a
// Sport. Unknown labels map to Other.
func ParseSport(label string) Sport {
	l := strings.ToLower(strings.TrimSpace(label))
	l = strings.NewReplacer("_", " ", "-", " ").Replace(l)
	compact := strings.ReplaceAll(l, " ", "")
	switch compact {
	case "run", "running", "road", "roadrunning", "9":
		return Running
	case "trailrun", "trailrunning", "trail":
		return Trail
	case "virtualrun", "treadmill", "treadmillrunning", "indoorrunning", "indoorrun":
		return Treadmill
	case "ride", "cycling", "biking", "bike", "virtualride", "ebikeride", "mountainbikeride",
		"gravelride", "roadbiking", "mountainbiking", "indoorcycling", "velomobile", "handcycle", "1":
		return Cycling
	case "swim", "swimming", "poolswim", "openwaterswimming", "lapswimming":
		return Swimming
	case "walk", "walking", "10":
		return Walking
	case "hike", "hiking", "4":
		return Hiking
	case "weighttraining", "strength", "strengthtraining", "crossfit", "workout strength":
		return Strength
	}
	if Sport(l).Valid() {
		return Sport(l)
	}
	return Other
}

// Noun is what the runner calls one session of the sport: "run", "trail
// run", "ride", "swim"... It names activities ("Morning ride") and says
// what a cross-training session was ("a 1 h 05 min ride").
func (s Sport) Noun() string {
	switch s {
	case Running:
		return "run"
	case Trail:
		return "trail run"
	case Treadmill:
		return "treadmill run"
	case Cycling:
		return "ride"
	case Swimming:
		return "swim"
	case Walking:
		return "walk"
	case Hiking:
		return "hike"
	case Strength:
		return "strength session"
	}
	return "workout"
}
