package progress

import (
	"errors"
	"testing"
	"time"
)

// TestBulkCommitsAllOrNothing: a Bulk's writes appear together when its
// function returns nil, and none of them when it fails.
func TestBulkCommitsAllOrNothing(t *testing.T) {
	s := newStore(t)
	k := LessonKey{Pack: "p", Lesson: "l"}
	var id uint64
	err := s.Bulk(func(b *Bulk) error {
		p, err := b.CreateProfile("Ada", "staff", t0)
		if err != nil {
			return err
		}
		id = p.ID
		if err := b.SetTeam(p.ID, "Revenues"); err != nil {
			return err
		}
		a, err := b.StartAttempt(p.ID, k, []string{"q1", "q2"}, 1, t0)
		if err != nil {
			return err
		}
		if err := b.RecordAnswer(p.ID, k, a.ID, Answer{Question: "q1", Correct: true, Rating: Good, At: t0}); err != nil {
			return err
		}
		_, err = b.FinishAttempt(p.ID, k, a.ID, 50, t0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Profile(id)
	if err != nil || p.Team != "Revenues" {
		t.Fatalf("profile after bulk = %+v, %v; want team Revenues", p, err)
	}
	rec, err := s.Lesson(id, k)
	if err != nil || rec.Status != Completed || rec.BestScore != 50 {
		t.Fatalf("lesson after bulk = %+v, %v; want completed with 50%%", rec, err)
	}

	boom := errors.New("boom")
	err = s.Bulk(func(b *Bulk) error {
		if _, err := b.CreateProfile("Bea", "staff", t0); err != nil {
			return err
		}
		if err := b.SetTeam(id, "Planning"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("failed bulk = %v, want boom", err)
	}
	if _, err := s.ProfileByName("Bea"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a failed bulk kept its new profile: %v", err)
	}
	if p, _ := s.Profile(id); p.Team != "Revenues" {
		t.Errorf("a failed bulk kept its team change: %q", p.Team)
	}
	if err := s.Bulk(func(b *Bulk) error { return b.s.Bulk(func(*Bulk) error { return nil }) }); !errors.Is(err, ErrNestedBulk) {
		t.Errorf("nested bulk = %v, want ErrNestedBulk", err)
	}
}

// TestFirstAttemptsSkipsOpenAndLater: each lesson's first finished
// attempt comes once, with its answers; an abandoned attempt before it
// and later attempts do not.
func TestFirstAttemptsSkipsOpenAndLater(t *testing.T) {
	s := newStore(t)
	ada := mustProfile(t, s, "Ada")
	bea := mustProfile(t, s, "Bea")
	one, two := LessonKey{Pack: "p", Lesson: "one"}, LessonKey{Pack: "p", Lesson: "two"}
	mustStart(t, s, ada.ID, one, []string{"q1", "q2"}, t0) // abandoned
	first := mustStart(t, s, ada.ID, one, []string{"q1", "q2"}, t0.Add(time.Minute))
	mustAnswer(t, s, ada.ID, one, first.ID, "q2", true, t0)
	mustFinish(t, s, ada.ID, one, first.ID, 50, t0)
	later := mustStart(t, s, ada.ID, one, []string{"q1", "q2"}, t0.Add(time.Hour))
	mustAnswer(t, s, ada.ID, one, later.ID, "q1", true, t0)
	mustFinish(t, s, ada.ID, one, later.ID, 50, t0)
	b := mustStart(t, s, bea.ID, two, []string{"q9"}, t0)
	mustAnswer(t, s, bea.ID, two, b.ID, "q9", false, t0)
	mustFinish(t, s, bea.ID, two, b.ID, 50, t0)

	type seen struct {
		profile uint64
		lesson  string
		attempt uint64
		answers int
	}
	var got []seen
	err := s.FirstAttempts([]uint64{ada.ID, bea.ID}, func(p uint64, k LessonKey, a AttemptMarks) error {
		got = append(got, seen{p, k.Lesson, a.ID, len(a.Marks)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []seen{{ada.ID, "one", first.ID, 1}, {bea.ID, "two", b.ID, 1}}
	if len(got) != len(want) {
		t.Fatalf("FirstAttempts gave %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("FirstAttempts[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	if err := s.FirstAttempts([]uint64{99}, func(uint64, LessonKey, AttemptMarks) error { return nil }); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown profile = %v, want ErrNotFound", err)
	}
}
