package progress

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestBackupOpensWithTheSameLearners: a backup taken while the store is
// open is a progress file that Open reads, with every learner and key.
func TestBackupOpensWithTheSameLearners(t *testing.T) {
	s := newStore(t)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, name := range []string{"Ann", "Bo"} {
		p, err := s.CreateProfile(name, "staff", at)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddKey(p.ID, testFingerprint(name), testKeyLine(name), "", at); err != nil {
			t.Fatal(err)
		}
	}
	copyPath := filepath.Join(t.TempDir(), "backup.db")
	f, err := os.Create(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	mustCheckFile(t, copyPath)
	c := openAt(t, copyPath)
	got, err := c.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "Ann" || got[1].Name != "Bo" {
		t.Fatalf("backup has learners %+v, want Ann and Bo", got)
	}
	if p, err := c.ProfileByKey(testFingerprint("Bo")); err != nil || p.Name != "Bo" {
		t.Fatalf("backup: Bo's key finds %+v, %v", p, err)
	}
}
