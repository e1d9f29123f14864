package fit

import (
	"strconv"
	"strings"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/rebound-run/rebound/activity"
)

// mapSport maps a FIT sport and sub-sport to Rebound's Sport.
func mapSport(sp typedef.Sport, sub typedef.SubSport) activity.Sport {
	switch sp {
	case typedef.SportRunning:
		switch sub {
		case typedef.SubSportTrail:
			return activity.Trail
		case typedef.SubSportTreadmill, typedef.SubSportIndoorRunning, typedef.SubSportVirtualActivity:
			return activity.Treadmill
		}
		return activity.Running
	case typedef.SportCycling, typedef.SportEBiking:
		return activity.Cycling
	case typedef.SportSwimming:
		return activity.Swimming
	case typedef.SportWalking:
		return activity.Walking
	case typedef.SportHiking:
		return activity.Hiking
	case typedef.SportTraining, typedef.SportFitnessEquipment:
		if sub == typedef.SubSportStrengthTraining {
			return activity.Strength
		}
	}
	return activity.Other
}

// subSportLabel is the FIT sub_sport name, or the sport's when the
// sub-sport is generic or absent.
func subSportLabel(sp typedef.Sport, sub typedef.SubSport) string {
	if sub != typedef.SubSportGeneric && sub != typedef.SubSportInvalid {
		if s := sub.String(); !strings.HasPrefix(s, "SubSportInvalid(") {
			return s
		}
		return "sub_sport_" + strconv.Itoa(int(sub))
	}
	if sp == typedef.SportInvalid {
		return "generic"
	}
	if s := sp.String(); !strings.HasPrefix(s, "SportInvalid(") {
		return s
	}
	return "sport_" + strconv.Itoa(int(sp))
}

// device names the recording device as "manufacturer product", in the
// camelCase spelling of the FIT profile (e.g. "garmin fenix2",
// "wahooFitness 28"). Garmin-family products are named, others numbered.
func (b *builder) device() string {
	manu, prod := b.id.manufacturer, b.id.product
	if manu == typedef.ManufacturerInvalid || manu == 0 {
		manu, prod = b.devManufacturer, b.devProduct
	}
	if manu == typedef.ManufacturerInvalid || manu == 0 {
		return b.id.productName
	}
	name := manu.String()
	if strings.HasPrefix(name, "ManufacturerInvalid(") {
		name = "manufacturer " + strconv.Itoa(int(manu))
	} else {
		name = camel(name)
	}
	switch {
	case prod == basetype.Uint16Invalid:
		if b.id.productName != "" {
			return name + " " + b.id.productName
		}
		return name
	case manu == typedef.ManufacturerGarmin || manu == typedef.ManufacturerDynastream ||
		manu == typedef.ManufacturerDynastreamOem || manu == typedef.ManufacturerTacx:
		if p := typedef.GarminProduct(prod).String(); !strings.HasPrefix(p, "GarminProductInvalid(") {
			return name + " " + camel(p)
		}
	}
	return name + " " + strconv.Itoa(int(prod))
}

// camel turns a FIT profile snake_case name into camelCase
// ("vivo_active_hr" -> "vivoActiveHr").
func camel(s string) string {
	if strings.IndexByte(s, '_') < 0 {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	up := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_':
			up = sb.Len() > 0
		case up && c >= 'a' && c <= 'z':
			sb.WriteByte(c - 'a' + 'A')
			up = false
		default:
			sb.WriteByte(c)
			up = false
		}
	}
	return sb.String()
}
