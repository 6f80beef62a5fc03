package progress

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestSettingsPersist saves a learner's setting, reopens the file and
// reads it back; another learner's stays unset.
func TestSettingsPersist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "upskill.db")
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	a, _ := s.CreateProfile("Alex", "staff", now)
	b, _ := s.CreateProfile("Sam", "staff", now)
	if set, err := s.Settings(a.ID); err != nil || set.Accessible {
		t.Fatalf("new learner's settings = %+v (err %v), want zero", set, err)
	}
	if err := s.SaveSettings(a.ID, Settings{Accessible: true}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(path, testOptions); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if set, err := s.Settings(a.ID); err != nil || !set.Accessible {
		t.Fatalf("after reopening, settings = %+v (err %v), want accessible", set, err)
	}
	if set, err := s.Settings(b.ID); err != nil || set.Accessible {
		t.Fatalf("the other learner's settings = %+v (err %v), want zero", set, err)
	}
	if err := s.SaveSettings(999, Settings{}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("saving for no such learner: %v, want ErrNotFound", err)
	}
	if _, err := s.Profiles(); err != nil {
		t.Fatalf("profiles unreadable beside settings: %v", err)
	}
}
