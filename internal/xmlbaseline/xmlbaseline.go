// Package xmlbaseline holds the plain encoding/xml structs that the GPX and
// TCX benchmarks use as their baseline (decode/gpx's and decode/tcx's
// BenchmarkEncodingXML, bench/cmd/importbench's encoding-xml measurement):
// xml.Unmarshal into them reads what Rebound's decoders read. Times stay
// strings, so the baseline does less work than the decoders.
package xmlbaseline

import "encoding/xml"

// GPX is a GPX document.
type GPX struct {
	Creator  string `xml:"creator,attr"`
	Name     string `xml:"name"`
	Metadata struct {
		Name string `xml:"name"`
	} `xml:"metadata"`
	Tracks []struct {
		Name     string `xml:"name"`
		Type     string `xml:"type"`
		Segments []struct {
			Points []Point `xml:"trkpt"`
		} `xml:"trkseg"`
	} `xml:"trk"`
}

// Point is a GPX track point.
type Point struct {
	Lat        float64  `xml:"lat,attr"`
	Lon        float64  `xml:"lon,attr"`
	Ele        *float64 `xml:"ele"`
	Time       string   `xml:"time"`
	Speed      *float64 `xml:"speed"`
	Extensions struct {
		Items []Ext `xml:",any"`
	} `xml:"extensions"`
}

// Ext holds any extension element with its children (hr, cad, power,
// atemp inside a TrackPointExtension, or directly in extensions).
type Ext struct {
	XMLName  xml.Name
	Value    string `xml:",chardata"`
	Children []Ext  `xml:",any"`
}

// TCX is a TCX document.
type TCX struct {
	Activities []struct {
		Sport   string `xml:"Sport,attr"`
		ID      string `xml:"Id"`
		Creator struct {
			Name string `xml:"Name"`
		} `xml:"Creator"`
		Laps []struct {
			StartTime        string   `xml:"StartTime,attr"`
			TotalTimeSeconds float64  `xml:"TotalTimeSeconds"`
			DistanceMeters   float64  `xml:"DistanceMeters"`
			MaximumSpeed     *float64 `xml:"MaximumSpeed"`
			Calories         *float64 `xml:"Calories"`
			AvgHR            *float64 `xml:"AverageHeartRateBpm>Value"`
			MaxHR            *float64 `xml:"MaximumHeartRateBpm>Value"`
			Cadence          *float64 `xml:"Cadence"`
			AvgRunCadence    *float64 `xml:"Extensions>LX>AvgRunCadence"`
			Tracks           []struct {
				Points []Trackpoint `xml:"Trackpoint"`
			} `xml:"Track"`
		} `xml:"Lap"`
	} `xml:"Activities>Activity"`
}

// Trackpoint is a TCX trackpoint.
type Trackpoint struct {
	Time       string   `xml:"Time"`
	Lat        *float64 `xml:"Position>LatitudeDegrees"`
	Lon        *float64 `xml:"Position>LongitudeDegrees"`
	Altitude   *float64 `xml:"AltitudeMeters"`
	Distance   *float64 `xml:"DistanceMeters"`
	HR         *float64 `xml:"HeartRateBpm>Value"`
	Cadence    *float64 `xml:"Cadence"`
	Speed      *float64 `xml:"Extensions>TPX>Speed"`
	RunCadence *float64 `xml:"Extensions>TPX>RunCadence"`
	Watts      *float64 `xml:"Extensions>TPX>Watts"`
}
