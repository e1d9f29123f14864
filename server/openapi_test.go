package server_test

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPICoversRoutes: every route of the router under /api/ (and the
// calendar feed) is in the OpenAPI document, and every operation of the
// document is a route.
func TestOpenAPICoversRoutes(t *testing.T) {
	e := newAPIEnv(t)
	routes := map[string]bool{}
	for _, pattern := range e.srv.Routes() {
		method, path, ok := strings.Cut(pattern, " ")
		if !ok || !(strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/calendar/")) {
			continue
		}
		routes[method+" "+path] = true
		item := e.doc.Paths.Value(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("route %q is not in the OpenAPI document", pattern)
		}
	}
	if len(routes) < 25 {
		t.Errorf("only %d API routes registered", len(routes))
	}
	var ops []string
	for path, item := range e.doc.Paths.Map() {
		for method := range item.Operations() {
			op := method + " " + path
			ops = append(ops, op)
			if !routes[op] {
				t.Errorf("the OpenAPI document has %s, which is no route", op)
			}
		}
	}
	sort.Strings(ops)
	t.Logf("%d operations: %s", len(ops), strings.Join(ops, ", "))
}

// TestOpenAPIDocument: served without sign-in, every operation has an id
// and a summary, and every /api/v1 operation takes ?athlete= and
// documents 401.
func TestOpenAPIDocument(t *testing.T) {
	e := newAPIEnv(t)
	res, _ := e.api("", "GET", "/api/openapi.json", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/openapi.json without sign-in: %d", res.StatusCode)
	}
	ids := map[string]bool{}
	idRE := regexp.MustCompile(`^[a-z][A-Za-z]+$`)
	for path, item := range e.doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			if !idRE.MatchString(op.OperationID) || ids[op.OperationID] {
				t.Errorf("%s: operationId %q missing or repeated", name, op.OperationID)
			}
			ids[op.OperationID] = true
			if op.Summary == "" {
				t.Errorf("%s: no summary", name)
			}
			if !strings.HasPrefix(path, "/api/v1/") {
				continue
			}
			hasAthlete := false
			for _, p := range op.Parameters {
				hasAthlete = hasAthlete || (p.Value != nil && p.Value.Name == "athlete" && p.Value.In == "query")
			}
			if !hasAthlete {
				t.Errorf("%s: no ?athlete= parameter", name)
			}
			if op.Responses.Status(401) == nil {
				t.Errorf("%s: 401 not documented", name)
			}
			if op.Security != nil && len(*op.Security) == 0 {
				t.Errorf("%s: documented as needing no sign-in", name)
			}
		}
	}
}
