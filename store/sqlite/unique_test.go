package sqlite

import (
	"context"
	"path/filepath"
	"testing"
)

func TestIsUniqueViolation(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	insert := `INSERT INTO profile (athlete_id, json) VALUES (1, '{}')`
	if _, err := db.write.Exec(insert); err != nil || isUniqueViolation(err) {
		t.Fatalf("first insert: %v", err)
	}
	if _, err := db.write.Exec(insert); !isUniqueViolation(err) {
		t.Errorf("second insert: %v, want a unique violation", err)
	}
}
