package progress

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// txID is the id of the file's last committed write transaction: one
// more for every commit.
func txID(t *testing.T, s *Store) int {
	t.Helper()
	var id int
	if err := s.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil }); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestSharedCommits: with a BatchDelay, answers recorded at once by many
// learners share commits, where without one each takes its own; either
// way every answer is stored.
func TestSharedCommits(t *testing.T) {
	const learners = 40
	for _, tc := range []struct {
		delay  time.Duration
		shared bool
	}{{0, false}, {50 * time.Millisecond, true}} {
		t.Run(fmt.Sprintf("delay=%v", tc.delay), func(t *testing.T) {
			opts := testOptions
			opts.BatchDelay = tc.delay
			s, err := Open(tempPath(t), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			k := LessonKey{"cyber", "phishing"}
			ids := make([]uint64, learners)
			attempts := make([]uint64, learners)
			for i := range learners {
				ids[i] = mustProfile(t, s, fmt.Sprintf("learner %d", i)).ID
				a, err := s.StartAttempt(ids[i], k, []string{"q"}, 1, t0)
				if err != nil {
					t.Fatal(err)
				}
				attempts[i] = a.ID
			}
			before := txID(t, s)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range learners {
				wg.Go(func() {
					<-start
					if err := s.RecordAnswer(ids[i], k, attempts[i], rated(Answer{Question: "q", Correct: true, At: t0})); err != nil {
						t.Error(err)
					}
				})
			}
			close(start)
			wg.Wait()
			commits := txID(t, s) - before
			if tc.shared && commits >= learners/2 {
				t.Errorf("%d answers took %d commits; shared commits should take far fewer", learners, commits)
			}
			if !tc.shared && commits != learners {
				t.Errorf("%d answers took %d commits; each should take its own", learners, commits)
			}
			for i := range learners {
				a, ok, err := s.OpenAttempt(ids[i], k)
				if err != nil || !ok || len(a.Answers) != 1 {
					t.Errorf("learner %d: attempt %+v, %v, %v", i, a, ok, err)
				}
			}
		})
	}
}

// TestSharedCommitsRefuseRepeats: when one call in a shared commit fails
// (an answer given twice), bbolt runs the others again without it; each
// answer is stored once, each repeat is refused, and the review day
// counts every card once.
func TestSharedCommitsRefuseRepeats(t *testing.T) {
	opts := testOptions
	opts.BatchDelay = 20 * time.Millisecond
	path := tempPath(t)
	s, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	const learners = 10
	k := LessonKey{"cyber", "phishing"}
	card := CardKey{Pack: "cyber", Lesson: "phishing", Question: "q"}
	ids := make([]uint64, learners)
	attempts := make([]uint64, learners)
	for i := range learners {
		ids[i] = mustProfile(t, s, fmt.Sprintf("learner %d", i)).ID
		a, err := s.StartAttempt(ids[i], k, []string{"q"}, 1, t0)
		if err != nil {
			t.Fatal(err)
		}
		attempts[i] = a.ID
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored, refused := 0, 0
	start := make(chan struct{})
	for i := range learners {
		for range 2 { // the same answer twice, at once
			wg.Go(func() {
				<-start
				err := s.RecordAnswer(ids[i], k, attempts[i], rated(Answer{Question: "q", Correct: true, At: t0}))
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					stored++
				case errors.Is(err, ErrAlreadyAnswered):
					refused++
				default:
					t.Error(err)
				}
			})
		}
	}
	close(start)
	wg.Wait()
	if stored != learners || refused != learners {
		t.Errorf("%d stored and %d refused; want %d of each", stored, refused, learners)
	}
	// Reviews count their cards in the day's record: a call run twice
	// must not count twice.
	reviews := make([]uint64, learners)
	for i := range learners {
		r, err := s.StartReview(ids[i], []CardKey{card}, 1, t0.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		reviews[i] = r.ID
	}
	start = make(chan struct{})
	for i := range learners {
		for range 2 {
			wg.Go(func() {
				<-start
				err := s.RecordReview(ids[i], reviews[i], ReviewAnswer{Card: card, Correct: true, Rating: Good, At: t0.Add(time.Hour)})
				if err != nil && !errors.Is(err, ErrAlreadyAnswered) {
					t.Error(err)
				}
			})
		}
	}
	close(start)
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
	for i := range learners {
		a, ok, err := s.OpenAttempt(ids[i], k)
		if err != nil || !ok || len(a.Answers) != 1 {
			t.Errorf("learner %d: attempt %+v, %v, %v", i, a, ok, err)
		}
		r, ok, err := s.OpenReview(ids[i])
		if err != nil || !ok || len(r.Answers) != 1 {
			t.Errorf("learner %d: review %+v, %v, %v", i, r, ok, err)
		}
		days, err := s.Days(ids[i])
		if err != nil {
			t.Fatal(err)
		}
		cards := 0
		for _, d := range days {
			cards += d.Cards
		}
		if cards != 1 {
			t.Errorf("learner %d: the days count %d review cards; one was answered", i, cards)
		}
	}
}
