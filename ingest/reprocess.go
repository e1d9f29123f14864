package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rebound-run/rebound"
	"github.com/rebound-run/rebound/decode"
	"github.com/rebound-run/rebound/store"
)

// ReprocessStore is what Reprocess needs of a store.
type ReprocessStore interface {
	FindActivities(ctx context.Context, f store.ActivityFilter) ([]*store.Activity, int, error)
	FindOriginal(ctx context.Context, id int64) (name string, data []byte, err error)
	UpdateActivityAnalysis(ctx context.Context, id int64, a *store.Activity) (bool, error)
}

// Reprocess outcomes.
const (
	OutcomeUpdated   = "updated"
	OutcomeUnchanged = "unchanged"
	OutcomeFailed    = "failed"
)

// Reprocessed is what Reprocess did with one stored original file.
type Reprocessed struct {
	File    string  `json:"file"`    // the source it was imported from
	IDs     []int64 `json:"ids"`     // the activities analysed from it
	Outcome string  `json:"outcome"` // updated, unchanged or failed
	// Error says why it failed (naming the file); it is "" otherwise.
	Error string `json:"error,omitempty"`
	// Note tells of a new analysis that finds more activities in the
	// file than are stored: the extra ones are not added.
	Note string `json:"note,omitempty"`
}

// ReprocessReport is the outcome of Reprocess, the document of
// `rebound reprocess --json`.
type ReprocessReport struct {
	Updated   int           `json:"updated"`
	Unchanged int           `json:"unchanged"`
	Failed    int           `json:"failed"`
	Files     []Reprocessed `json:"files"` // in activity id order
}

// Reprocess re-analyses every stored original file of st with decoders
// and the current metrics (activity.Compute), and replaces each
// activity's analysis (summary, samples, laps… see
// store.ActivityStore.UpdateActivityAnalysis) in one transaction per
// activity, keeping its id, name, sport, gear and session RPE. A file
// that no longer decodes is reported as failed and its activities are
// left as they were; the others go on. Activities without an original
// (manual entries) are left out. progress, when not nil, is called after
// each file. The error is non-nil only when the store cannot be read or
// ctx is done.
func Reprocess(ctx context.Context, st ReprocessStore, decoders map[decode.Format]decode.Decoder, progress func(Reprocessed)) (*ReprocessReport, error) {
	acts, _, err := st.FindActivities(ctx, store.ActivityFilter{})
	if err != nil {
		return nil, fmt.Errorf("reprocess: %w", err)
	}
	slices.SortFunc(acts, func(a, b *store.Activity) int { return int(a.ID - b.ID) })
	byHash := make(map[string]int64, len(acts))
	for _, a := range acts {
		byHash[a.SHA256] = a.ID
	}
	rep := &ReprocessReport{Files: []Reprocessed{}}
	for _, a := range acts {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if strings.Contains(a.SHA256, "#") {
			continue // a further activity of a file: reprocessed with its first
		}
		r, ok, err := reprocessOne(ctx, st, decoders, a, byHash)
		if err != nil {
			return rep, err
		}
		if !ok {
			continue // no original
		}
		switch r.Outcome {
		case OutcomeUpdated:
			rep.Updated++
		case OutcomeUnchanged:
			rep.Unchanged++
		default:
			rep.Failed++
		}
		rep.Files = append(rep.Files, r)
		if progress != nil {
			progress(r)
		}
	}
	return rep, nil
}

// reprocessOne re-analyses the original of a and the further activities
// of the same file. ok is false when a has no original.
func reprocessOne(ctx context.Context, st ReprocessStore, decoders map[decode.Format]decode.Decoder,
	a *store.Activity, byHash map[string]int64) (r Reprocessed, ok bool, err error) {
	name, data, err := st.FindOriginal(ctx, a.ID)
	switch {
	case rebound.ErrorCode(err) == rebound.ENOTFOUND:
		return r, false, nil
	case ctx.Err() != nil:
		return r, false, ctx.Err()
	}
	r = Reprocessed{File: a.SourceFile, IDs: []int64{a.ID}, Outcome: OutcomeUnchanged}
	if err != nil {
		r.Outcome, r.Error = OutcomeFailed, fmt.Sprintf("%s: %v", a.SourceFile, err)
		return r, true, nil
	}
	if name != "" {
		r.File = name
	}
	fresh, err := Analyse(decoders, r.File, data)
	if err != nil {
		r.Outcome, r.Error = OutcomeFailed, err.Error()
		return r, true, nil
	}
	ids := []int64{a.ID}
	for i := 1; ; i++ {
		id, ok := byHash[fmt.Sprintf("%s#%d", a.SHA256, i)]
		if !ok {
			break
		}
		ids = append(ids, id)
	}
	r.IDs = ids
	if len(fresh) > len(ids) {
		r.Note = fmt.Sprintf("the file now holds %d activities, %d of them stored; the others are not added",
			len(fresh), len(ids))
	}
	for i, id := range ids {
		if i >= len(fresh) {
			r.Outcome, r.Error = OutcomeFailed, fmt.Sprintf("%s: holds %d activities now, not the %d stored; activity %d left as it was",
				r.File, len(fresh), len(ids), id)
			return r, true, nil
		}
		changed, err := st.UpdateActivityAnalysis(ctx, id, fresh[i])
		if ctx.Err() != nil {
			return r, false, ctx.Err()
		} else if err != nil {
			r.Outcome, r.Error = OutcomeFailed, fmt.Sprintf("%s: %v", r.File, err)
			return r, true, nil
		}
		if changed {
			r.Outcome = OutcomeUpdated
		}
	}
	return r, true, nil
}
