package progress

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// TestCreateProfileNames: names are trimmed and inner runs of white space
// collapsed; a blank name is ErrEmptyName; a name equal to an existing one
// ignoring case and spacing is ErrProfileExists; failures create nothing.
func TestCreateProfileNames(t *testing.T) {
	s := newStore(t)
	p, err := s.CreateProfile("  Ada \t  Lovelace\n", "trainer", t0)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != 1 || p.Name != "Ada Lovelace" || p.Role != "trainer" || !p.Created.Equal(t0) || p.Last != (LessonKey{}) {
		t.Errorf("CreateProfile = %+v", p)
	}
	émile := mustProfile(t, s, "Émile")

	tests := []struct {
		name string
		want error
	}{
		{"", ErrEmptyName},
		{"   ", ErrEmptyName},
		{"\t\n ", ErrEmptyName},
		{"Ada Lovelace", ErrProfileExists},
		{"ada lovelace", ErrProfileExists},
		{"ADA LOVELACE", ErrProfileExists},
		{"  ada\t\tLOVELACE  ", ErrProfileExists},
		{"ÉMILE", ErrProfileExists},
		{"émile", ErrProfileExists},
	}
	for _, tt := range tests {
		if got, err := s.CreateProfile(tt.name, "", t0); !errors.Is(err, tt.want) {
			t.Errorf("CreateProfile(%q) = %+v, %v; want %v", tt.name, got, err, tt.want)
		}
	}

	// Names that only look alike are different learners.
	for _, name := range []string{"Ada", "Ada Lovelace 2", "AdaLovelace"} {
		if _, err := s.CreateProfile(name, "", t0); err != nil {
			t.Errorf("CreateProfile(%q): %v", name, err)
		}
	}
	profiles, err := s.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range profiles {
		names = append(names, p.Name)
	}
	if fmt.Sprint(names) != fmt.Sprint([]string{"Ada Lovelace", "Émile", "Ada", "Ada Lovelace 2", "AdaLovelace"}) {
		t.Errorf("profiles = %q", names)
	}
	// Refused names used up no ids.
	if last := profiles[len(profiles)-1]; last.ID != 5 || émile.ID != 2 {
		t.Errorf("ids: Émile %d, last %d; want 2 and 5", émile.ID, last.ID)
	}
}

// TestProfilesOldestFirst: Profiles lists learners in the order they were
// created, not by name, also past 255 learners (big-endian ids).
func TestProfilesOldestFirst(t *testing.T) {
	s := newStore(t)
	const n = 260
	for i := range n {
		// Names sort the other way round from creation.
		mustProfile(t, s, fmt.Sprintf("learner %03d", n-i))
	}
	profiles, err := s.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(profiles) != n {
		t.Fatalf("%d profiles, want %d", len(profiles), n)
	}
	for i, p := range profiles {
		if p.ID != uint64(i+1) || p.Name != fmt.Sprintf("learner %03d", n-i) {
			t.Fatalf("profiles[%d] = %d %q, want %d %q", i, p.ID, p.Name, i+1, fmt.Sprintf("learner %03d", n-i))
		}
	}
}

// TestProfileLookup: ProfileByName ignores case and spacing, Profile finds
// by id, and both give ErrNotFound for unknown learners.
func TestProfileLookup(t *testing.T) {
	s := newStore(t)
	ada := mustProfile(t, s, "Ada Lovelace")
	bea, err := s.CreateProfile("Bea", "manager", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ada Lovelace", "ada lovelace", "  ADA   lovelace ", "ada\tlovelace"} {
		if p, err := s.ProfileByName(name); err != nil || p.ID != ada.ID || p.Name != "Ada Lovelace" {
			t.Errorf("ProfileByName(%q) = %+v, %v", name, p, err)
		}
	}
	if p, err := s.ProfileByName("bea"); err != nil || p.ID != bea.ID || p.Role != "manager" || !p.Created.Equal(t0.Add(time.Hour)) {
		t.Errorf("ProfileByName(bea) = %+v, %v", p, err)
	}
	for _, name := range []string{"Ada", "Lovelace", "", "Bea Smith"} {
		if p, err := s.ProfileByName(name); !errors.Is(err, ErrNotFound) {
			t.Errorf("ProfileByName(%q) = %+v, %v; want ErrNotFound", name, p, err)
		}
	}
	if p, err := s.Profile(bea.ID); err != nil || p.Name != "Bea" || p.ID != bea.ID {
		t.Errorf("Profile(%d) = %+v, %v", bea.ID, p, err)
	}
	for _, id := range []uint64{0, 3, 1 << 40} {
		if p, err := s.Profile(id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Profile(%d) = %+v, %v; want ErrNotFound", id, p, err)
		}
	}
}

// TestUnknownProfile: every per-learner method reports ErrNotFound for a
// learner who does not exist, and writes nothing.
func TestUnknownProfile(t *testing.T) {
	s := newStore(t)
	mustProfile(t, s, "Ada")
	const nobody = 99
	k := LessonKey{"cyber", "intro"}
	calls := map[string]func() error{
		"Lesson":         func() error { _, err := s.Lesson(nobody, k); return err },
		"Lessons":        func() error { _, err := s.Lessons(nobody, "cyber"); return err },
		"SaveReading":    func() error { return s.SaveReading(nobody, k, 0.5, t0) },
		"CompleteLesson": func() error { return s.CompleteLesson(nobody, k, t0) },
		"StartAttempt":   func() error { _, err := s.StartAttempt(nobody, k, []string{"q"}, 1, t0); return err },
		"OpenAttempt":    func() error { _, _, err := s.OpenAttempt(nobody, k); return err },
		"LastAttempt":    func() error { _, _, err := s.LastAttempt(nobody, k); return err },
		"RecordAnswer":   func() error { return s.RecordAnswer(nobody, k, 1, rated(Answer{Question: "q", At: t0})) },
		"FinishAttempt":  func() error { _, err := s.FinishAttempt(nobody, k, 1, 50, t0); return err },
		"AwardBadge":     func() error { _, err := s.AwardBadge(nobody, "cyber", "b", t0); return err },
		"Badges":         func() error { _, err := s.Badges(nobody, "cyber"); return err },
		"ActiveDays":     func() error { _, err := s.ActiveDays(nobody, time.UTC); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s for an unknown learner = %v, want ErrNotFound", name, err)
		}
	}
	if profiles, err := s.Profiles(); err != nil || len(profiles) != 1 {
		t.Errorf("Profiles() = %v, %v", profiles, err)
	}
}

func TestCreateProfileDropsControlCharacters(t *testing.T) {
	s := newStore(t)
	p, err := s.CreateProfile("Sam\x1b]0;pwned\x07 \u202ePatel", "staff", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Sam Patel" {
		t.Errorf("name %q, want %q", p.Name, "Sam Patel")
	}
	if _, err := s.CreateProfile("\x1b[2J", "staff", time.Now()); !errors.Is(err, ErrEmptyName) {
		t.Errorf("a name of only an escape: %v, want ErrEmptyName", err)
	}
}
