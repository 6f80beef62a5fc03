package progress

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// testPolicy is the tests' review policy: go-fsrs with its default
// parameters, and past answers rated by their result. The real policy is
// in internal/review, which this package cannot import.
type testPolicy struct{ f *fsrs.FSRS }

func (p testPolicy) Schedule(c fsrs.Card, r Rating, at time.Time) fsrs.Card {
	return p.f.Next(c, at, fsrs.Rating(r)).Card
}

func (testPolicy) RatePast(a Answer) Rating { return rated(a).Rating }

// testOptions open every test store.
var testOptions = Options{Policy: testPolicy{fsrs.NewFSRS(fsrs.DefaultParam())}}

// rated gives an answer without a rating the one its result earns: right
// Good, partly right Hard, wrong Again.
func rated(a Answer) Answer {
	switch {
	case a.Rating != 0:
	case a.Correct:
		a.Rating = Good
	case a.Score > 0:
		a.Rating = Hard
	default:
		a.Rating = Again
	}
	return a
}

// TestRecordWithoutPolicy: a store opened without a review policy reads
// as usual but refuses to record an answer or a review, and stores
// nothing of it.
func TestRecordWithoutPolicy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "u.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := mustProfile(t, s, "Ada")
	k := LessonKey{Pack: "pack", Lesson: "one"}
	a := mustStart(t, s, p.ID, k, []string{"q"}, t0)
	if err := s.RecordAnswer(p.ID, k, a.ID, Answer{Question: "q", Correct: true, Rating: Good, At: t0}); !errors.Is(err, ErrNoPolicy) {
		t.Errorf("RecordAnswer without a policy: %v, want ErrNoPolicy", err)
	}
	if open, ok, err := s.OpenAttempt(p.ID, k); err != nil || !ok || len(open.Answers) != 0 {
		t.Errorf("after the refused answer: %+v %v %v, want no answers", open, ok, err)
	}
	if keys, err := s.CardKeys(p.ID); err != nil || len(keys) != 0 {
		t.Errorf("cards after the refused answer: %v %v", keys, err)
	}
}

// TestRecordRefusesMissingRating: the store never makes up a rating; an
// answer or review without a valid one is refused with ErrInvalid and
// nothing is stored.
func TestRecordRefusesMissingRating(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{Pack: "pack", Lesson: "one"}
	a := mustStart(t, s, p.ID, k, []string{"q"}, t0)
	for _, r := range []Rating{0, -1, 5} {
		if err := s.RecordAnswer(p.ID, k, a.ID, Answer{Question: "q", Correct: true, Rating: r, At: t0}); !errors.Is(err, ErrInvalid) {
			t.Errorf("RecordAnswer rated %d: %v, want ErrInvalid", r, err)
		}
	}
	if keys, err := s.CardKeys(p.ID); err != nil || len(keys) != 0 {
		t.Errorf("cards after refused answers: %v %v", keys, err)
	}
	if err := s.RecordAnswer(p.ID, k, a.ID, Answer{Question: "q", Correct: true, Rating: Good, At: t0}); err != nil {
		t.Fatalf("the same answer rated: %v", err)
	}
	r, err := s.StartReview(p.ID, []CardKey{{"pack", "one", "q"}}, 1, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordReview(p.ID, r.ID, ReviewAnswer{Card: CardKey{"pack", "one", "q"}, Correct: true, At: t0.Add(time.Hour)}); !errors.Is(err, ErrInvalid) {
		t.Errorf("RecordReview without a rating: %v, want ErrInvalid", err)
	}
	if c, err := s.Card(p.ID, CardKey{"pack", "one", "q"}); err != nil || c.Reps != 1 {
		t.Errorf("card after the refused review: %+v %v, want 1 rep", c, err)
	}
}
