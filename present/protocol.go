package present

import "github.com/rebound-run/rebound/protocol"

// Protocol is the JSON of `rebound protocol --json` and GET
// /api/v1/protocol: the whole rule base as data. Its nested keys are the
// protocol package's Go field names (ID, Name, Phase…).
type Protocol struct {
	Techniques    []protocol.Technique    `json:"techniques"`
	Disagreements []protocol.Disagreement `json:"disagreements"`
	Symptoms      []protocol.Symptom      `json:"symptoms"`
	Thresholds    []protocol.Threshold    `json:"thresholds"`
}

// NewProtocol returns the rule base.
func NewProtocol() Protocol {
	return Protocol{protocol.Techniques(), protocol.Disagreements(), protocol.Symptoms(), protocol.Thresholds()}
}
