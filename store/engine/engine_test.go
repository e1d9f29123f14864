package engine_test

import (
	"testing"

	"github.com/rebound-run/rebound/store/engine"
)

func TestRedact(t *testing.T) {
	for _, tt := range []struct{ dsn, want string }{
		{"postgres://ana:s3cret@db.example:5432/rebound", "postgres://ana:xxxxx@db.example:5432/rebound"},
		{"postgresql://ana:s3cret@db.example/rebound?application_name=a@b", "postgresql://ana:xxxxx@db.example/rebound?application_name=a@b"},
		{"postgres://ana@db.example/rebound", "postgres://ana@db.example/rebound"},
		{"postgres://ana:s3%zzcret@db.example/rebound", "postgres://…"},
		{"/home/ana/.local/share/rebound/rebound.db", "/home/ana/.local/share/rebound/rebound.db"},
		{"file:/tmp/a@b:c.db", "file:/tmp/a@b:c.db"},
	} {
		if got := engine.Redact(tt.dsn); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.dsn, got, tt.want)
		}
	}
}
