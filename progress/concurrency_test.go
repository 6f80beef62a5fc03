package progress

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestConcurrentLearners: one Store used by many goroutines at once (as an
// SSH server would), each learner answering a quiz while others read;
// under -race this also proves the methods share no unguarded state.
// Every answer must be there afterwards, also after reopening.
func TestConcurrentLearners(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	const learners, questions = 8, 25
	qs := questionIDs("q", questions)
	k := LessonKey{"cyber", "phishing"}
	ids := make([]uint64, learners)
	for i := range learners {
		ids[i] = mustProfile(t, s, fmt.Sprintf("learner %d", i)).ID
	}

	var writers, readers sync.WaitGroup
	errs := make(chan error, 4*learners)
	for i, id := range ids {
		writers.Go(func() {
			if err := s.SaveReading(id, k, 1, t0); err != nil {
				errs <- err
				return
			}
			a, err := s.StartAttempt(id, k, qs, int64(i), t0)
			if err != nil {
				errs <- err
				return
			}
			for j, q := range qs {
				if err := s.RecordAnswer(id, k, a.ID, rated(Answer{Question: q, Correct: (i+j)%2 == 0, At: t0})); err != nil {
					errs <- err
					return
				}
			}
			if _, err := s.FinishAttempt(id, k, a.ID, 50, t0.Add(time.Hour)); err != nil {
				errs <- err
			}
		})
	}
	// Readers at the same time.
	var stop atomic.Bool
	var reads atomic.Int64
	for range 3 {
		readers.Go(func() {
			for done := false; !done; {
				done = stop.Load() // read at least once, and once after the writers
				for _, id := range ids {
					if _, err := s.Lessons(id, "cyber"); err != nil {
						errs <- err
						return
					}
					if _, _, err := s.OpenAttempt(id, k); err != nil {
						errs <- err
						return
					}
				}
				if _, err := s.Profiles(); err != nil {
					errs <- err
					return
				}
				reads.Add(1)
			}
		})
	}
	writers.Wait()
	stop.Store(true)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent use: %v", err)
	}
	if reads.Load() == 0 {
		t.Error("the readers never ran")
	}

	verify := func(s *Store) {
		t.Helper()
		for i, id := range ids {
			last, ok, err := s.LastAttempt(id, k)
			if err != nil || !ok {
				t.Fatalf("learner %d: LastAttempt = %v, %v", i, ok, err)
			}
			if got := answeredIDs(last); !slices.Equal(got, qs) {
				t.Errorf("learner %d: answers %q", i, got)
			}
			wantRight := (questions + 1 - i%2) / 2
			if last.Correct != wantRight {
				t.Errorf("learner %d: %d right, want %d", i, last.Correct, wantRight)
			}
			for j, ans := range last.Answers {
				if ans.Correct != ((i+j)%2 == 0) {
					t.Errorf("learner %d, %s: another learner's answer", i, ans.Question)
				}
			}
		}
	}
	verify(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	verify(openAt(t, path))
}

// TestConcurrentCreateSameName: learners created at once under the same
// name (differing in case) give exactly one profile.
func TestConcurrentCreateSameName(t *testing.T) {
	s := newStore(t)
	const n = 10
	var wg sync.WaitGroup
	var created, exists atomic.Int32
	for i := range n {
		wg.Go(func() {
			name := "Ada Lovelace"
			if i%2 == 1 {
				name = "ada LOVELACE"
			}
			_, err := s.CreateProfile(name, "", t0)
			switch {
			case err == nil:
				created.Add(1)
			case errors.Is(err, ErrProfileExists):
				exists.Add(1)
			default:
				t.Errorf("CreateProfile: %v", err)
			}
		})
	}
	wg.Wait()
	if created.Load() != 1 || exists.Load() != n-1 {
		t.Errorf("%d created, %d refused; want 1 and %d", created.Load(), exists.Load(), n-1)
	}
	if profiles, err := s.Profiles(); err != nil || len(profiles) != 1 {
		t.Errorf("Profiles() = %v, %v", profiles, err)
	}
}
