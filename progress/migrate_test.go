package progress

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// withMigrations adds test-only steps to the package's real ones for one
// test (a test step from schema 0 leads into the real steps).
func withMigrations(t *testing.T, steps ...migration) {
	t.Helper()
	saved := migrations
	migrations = append(append([]migration{}, steps...), saved...)
	t.Cleanup(func() { migrations = saved })
}

// schemaZeroFile makes a progress file with one learner and marks it as
// schema 0, as if an older Upskill had written it.
func schemaZeroFile(t *testing.T) (path string, p Profile) {
	t.Helper()
	path = tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	p = mustProfile(t, s, "Ada")
	if err := s.SaveReading(p.ID, LessonKey{"cyber", "intro"}, 0.4, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	setSchema(t, path, "0")
	return path, p
}

var keyMarker = []byte("migrated")

// TestMigrateFromSchemaZero: a file at an older schema is backed up to
// PATH.schema-0.bak, the registered step runs once inside a transaction,
// the schema becomes SchemaVersion, the records survive, and the backup is
// a valid, checked copy of the file as it was.
func TestMigrateFromSchemaZero(t *testing.T) {
	path, p := schemaZeroFile(t)
	runs := 0
	withMigrations(t, migration{from: 0, apply: func(tx *bolt.Tx, _ Policy) error {
		runs++
		if got := string(tx.Bucket(bucketMeta).Get(keySchema)); got != "0" {
			return fmt.Errorf("step sees schema %q, want 0", got)
		}
		return tx.Bucket(bucketMeta).Put(keyMarker, []byte("yes"))
	}})

	s := openAt(t, path)
	if runs != 1 {
		t.Fatalf("migration ran %d times, want 1", runs)
	}
	if got, err := s.ProfileByName("ada"); err != nil || got.ID != p.ID {
		t.Errorf("profile after migration = %+v, %v", got, err)
	}
	if rec := mustLesson(t, s, p.ID, LessonKey{"cyber", "intro"}); rec.Position != 0.4 {
		t.Errorf("lesson after migration = %+v", rec)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := metaValue(t, path, keySchema); got != fmt.Sprint(SchemaVersion) {
		t.Errorf("schema after migration = %q, want %d", got, SchemaVersion)
	}
	if got := metaValue(t, path, keyMarker); got != "yes" {
		t.Errorf("the migration step's write is missing: %q", got)
	}

	backup := path + ".schema-0.bak"
	info, err := os.Stat(backup)
	if err != nil {
		t.Fatalf("no backup: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", info.Mode().Perm())
	}
	readBolt(t, backup, func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			t.Errorf("backup fails bbolt's check: %v", errors.Join(errs...))
		}
		meta := tx.Bucket(bucketMeta)
		if got := string(meta.Get(keySchema)); got != "0" {
			t.Errorf("backup schema = %q, want the old 0", got)
		}
		if meta.Get(keyMarker) != nil {
			t.Error("backup was taken after the migration step")
		}
		if tx.Bucket(bucketProfiles).Bucket(itob(p.ID)) == nil {
			t.Error("backup lacks the learner")
		}
		return nil
	})

	// Opening again does not migrate again.
	openAt(t, path)
	if runs != 1 {
		t.Errorf("migration ran again on the next Open (%d runs)", runs)
	}
}

// TestMigrateFailureRollsBack: a step that fails leaves the file at its
// old schema with none of the step's writes, keeps the backup, names it in
// the error and does not keep the file locked.
func TestMigrateFailureRollsBack(t *testing.T) {
	path, _ := schemaZeroFile(t)
	errStep := errors.New("step failed")
	withMigrations(t, migration{from: 0, apply: func(tx *bolt.Tx, _ Policy) error {
		if err := tx.Bucket(bucketMeta).Put(keyMarker, []byte("half")); err != nil {
			return err
		}
		return errStep
	}})
	s, err := Open(path, testOptions)
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded although the migration failed")
	}
	if !errors.Is(err, errStep) {
		t.Errorf("error %q does not wrap the step's error", err)
	}
	backup := path + ".schema-0.bak"
	if !strings.Contains(err.Error(), backup) {
		t.Errorf("error %q does not name the backup", err)
	}
	if got := metaValue(t, path, keySchema); got != "0" {
		t.Errorf("schema after a failed migration = %q, want 0", got)
	}
	if got := metaValue(t, path, keyMarker); got != "" {
		t.Errorf("a failed step's write was kept: %q", got)
	}
	if _, err := os.Stat(backup); err != nil {
		t.Errorf("backup missing after a failed migration: %v", err)
	}

	// With a working step the same file now opens, at once.
	withMigrations(t, migration{from: 0, apply: func(tx *bolt.Tx, _ Policy) error { return nil }})
	openAt(t, path)
}

// TestMigratePanicIsCorrupt: a step that panics is reported as ErrCorrupt
// rather than crashing, and the file is released.
func TestMigratePanicIsCorrupt(t *testing.T) {
	path, _ := schemaZeroFile(t)
	withMigrations(t, migration{from: 0, apply: func(tx *bolt.Tx, _ Policy) error { panic("boom") }})
	s, err := Open(path, testOptions)
	if !errors.Is(err, ErrCorrupt) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Open = %v, want ErrCorrupt", err)
	}
	if got := metaValue(t, path, keySchema); got != "0" { // metaValue waits at most 1 s for the lock
		t.Errorf("schema = %q, want 0", got)
	}
	// Fixed, the same file opens and migrates.
	withMigrations(t, migration{from: 0, apply: func(tx *bolt.Tx, _ Policy) error { return nil }})
	openAt(t, path)
}

// TestMigrateNoStep: a file at an older schema with no step registered for
// it is refused, and left exactly as it was, with no backup written.
func TestMigrateNoStep(t *testing.T) {
	tests := []struct {
		name  string
		steps []migration
	}{
		{"no steps", nil},
		{"only a step from another schema", []migration{{from: 5, apply: func(*bolt.Tx, Policy) error { return nil }}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, _ := schemaZeroFile(t)
			withMigrations(t, tt.steps...)
			before := snapshot(t, path)
			s, err := Open(path, testOptions)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded with no upgrade from schema 0")
			}
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "schema 0") {
				t.Errorf("Open error = %q, want ErrCorrupt mentioning schema 0", err)
			}
			assertUnchanged(t, path, before)
			if _, err := os.Stat(path + ".schema-0.bak"); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("backup written although the file was refused (%v)", err)
			}
		})
	}
}
