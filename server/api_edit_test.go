package server_test

import (
	"fmt"
	"strings"
	"testing"
)

// testEditActivity renames the latest run of Ana's season, marks it a
// race and adds a note (PATCH /api/v1/activities/{id}); the activity, the
// list and its plan follow; then Rebound's own name and kind come back.
func testEditActivity(t *testing.T, e *apiEnv) {
	tok := e.anaToken
	type edited struct {
		ID                      int64
		Name, Title, Kind, Note string
		KindMarked              bool `json:"kind_marked"`
	}
	var list struct{ Items []edited }
	e.must(200, tok, "GET", "/api/v1/activities?limit=1", nil, &list)
	before := list.Items[0]
	if before.Title == "" || before.Kind == "" || before.KindMarked {
		t.Fatalf("before: %+v", before)
	}
	path := fmt.Sprintf("/api/v1/activities/%d", before.ID)

	var got edited
	e.must(200, tok, "PATCH", path, map[string]any{"name": " Club 10k ", "kind": "race", "note": "Windy."}, &got)
	want := edited{ID: before.ID, Name: "Club 10k", Title: "Club 10k", Kind: "race", Note: "Windy.", KindMarked: true}
	if got != want {
		t.Errorf("PATCH: %+v, want %+v", got, want)
	}
	e.must(200, tok, "GET", "/api/v1/activities?limit=1", nil, &list)
	if list.Items[0] != want {
		t.Errorf("list after PATCH: %+v", list.Items[0])
	}
	var plan struct {
		Run      struct{ Kind string }
		Recovery struct{ Reasons []string }
	}
	e.must(200, tok, "GET", fmt.Sprintf("/api/v1/plan/%d", before.ID), nil, &plan)
	if plan.Run.Kind != "race" || !strings.HasPrefix(plan.Recovery.Reasons[0], "A race: ") {
		t.Errorf("plan after PATCH: %+v", plan)
	}

	// A field left out stays; auto and "" go back to Rebound's.
	e.must(200, tok, "PATCH", path, map[string]any{"kind": "auto", "name": ""}, &got)
	if got.Title != before.Title || got.Kind != before.Kind || got.KindMarked || got.Note != "Windy." {
		t.Errorf("after auto: %+v, want %+v with the note", got, before)
	}

	for _, c := range []struct {
		body any
		want string
	}{
		{map[string]any{"kind": "tempo"}, `kind \"tempo\"`},
		{map[string]any{"name": strings.Repeat("é", 201)}, "a name is at most 200 characters, not 201"},
		{map[string]any{"note": strings.Repeat("x", 2001)}, "a note is at most 2000 characters"},
		{map[string]any{"title": "x"}, "not valid JSON for this route"},
	} {
		if body := e.must(400, tok, "PATCH", path, c.body, nil); !strings.Contains(string(body), c.want) {
			t.Errorf("PATCH %v: %s, want %q", c.body, body, c.want)
		}
	}
	e.must(404, tok, "PATCH", "/api/v1/activities/999999", map[string]any{"name": "x"}, nil)
}
