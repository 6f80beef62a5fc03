package progress

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/upskill-council/upskill/internal/score"
)

// Attempt is one go at a lesson's quiz.
type Attempt struct {
	ID uint64
	// Questions holds the question ids in the order this attempt asks them.
	Questions []string
	// Seed fixes the order of choices for this attempt, so that a resumed
	// attempt shows them as before.
	Seed     int64
	Started  time.Time
	Finished time.Time // zero while the attempt is open
	// Answers are the answers given so far, in question order.
	Answers []Answer
	// Correct (fully right answers), Points (the sum of the answers'
	// scores, with partial credit) and Percent are set when the attempt is
	// finished.
	Correct int
	Points  float64
	Percent int
	Passed  bool
}

// Answer is a learner's answer to one question.
type Answer struct {
	Question string `json:"question"`
	Choices  []int  `json:"choices,omitempty"` // indexes in the pack's order
	Text     string `json:"text,omitempty"`
	Correct  bool   `json:"correct"`
	// Score is the partial credit of an answer that is not fully right,
	// from 0 to 1.
	Score float64   `json:"score,omitempty"`
	At    time.Time `json:"at"`
	// Rating schedules the question's review card; the review policy
	// decides it, and [Store.RecordAnswer] refuses an answer without one.
	// Answers stored before review cards existed have none.
	Rating Rating `json:"rating,omitempty"`
	// Seconds is how long the learner took to answer, if known.
	Seconds float64 `json:"seconds,omitempty"`
}

// Points is what an answer counts towards the score: 1 when right, else
// its partial credit.
func (a Answer) Points() float64 {
	if a.Correct {
		return 1
	}
	return min(max(a.Score, 0), 1)
}

// Next returns the index in Questions of the first question not yet
// answered, or len(Questions) when all are.
func (a *Attempt) Next() int {
	for i, q := range a.Questions {
		if !a.answered(q) {
			return i
		}
	}
	return len(a.Questions)
}

func (a *Attempt) answered(question string) bool {
	return slices.ContainsFunc(a.Answers, func(x Answer) bool { return x.Question == question })
}

// Open reports whether the attempt is unfinished.
func (a *Attempt) Open() bool { return a.Finished.IsZero() }

type attemptRecord struct {
	Questions []string  `json:"questions"`
	Seed      int64     `json:"seed"`
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished,omitzero"`
	Correct   int       `json:"correct,omitempty"`
	Points    float64   `json:"points,omitempty"`
	Percent   int       `json:"percent,omitempty"`
	Passed    bool      `json:"passed,omitempty"`
}

func (r attemptRecord) attempt(id uint64) Attempt {
	if r.Points == 0 {
		r.Points = float64(r.Correct) // written before partial credit
	}
	return Attempt{ID: id, Questions: r.Questions, Seed: r.Seed, Started: r.Started, Finished: r.Finished,
		Correct: r.Correct, Points: r.Points, Percent: r.Percent, Passed: r.Passed}
}

func attemptKey(k LessonKey, id uint64) []byte {
	return join([]byte(k.Pack), []byte(k.Lesson), itob(id))
}

// StartAttempt begins a quiz attempt that will ask questions in the given
// order. Any unfinished attempt at the same quiz is abandoned (kept, but no
// longer resumed). The lesson becomes the one to continue from.
func (s *Store) StartAttempt(profile uint64, k LessonKey, questions []string, seed int64, at time.Time) (Attempt, error) {
	if len(questions) == 0 {
		return Attempt{}, fmt.Errorf("start quiz %s: no questions", k)
	}
	var a Attempt
	err := s.update(profile, func(pb bucket) error {
		attempts, err := child(pb, bucketAttempts)
		if err != nil {
			return err
		}
		id, err := attempts.NextSequence()
		if err != nil {
			return err
		}
		rec := attemptRecord{Questions: questions, Seed: seed, Started: at}
		if err := attempts.put(attemptKey(k, id), rec); err != nil {
			return err
		}
		if _, err := updateLesson(pb, k, func(r *LessonRecord) error {
			r.OpenAttempt = id
			if r.Status == NotStarted {
				r.Status, r.Opened = InProgress, at
			}
			return nil
		}); err != nil {
			return err
		}
		a = rec.attempt(id)
		return setLast(pb, k)
	})
	if err != nil {
		return Attempt{}, fmt.Errorf("start quiz %s: %w", k, err)
	}
	return a, nil
}

// OpenAttempt returns the learner's unfinished attempt at a quiz, with its
// answers, if there is one.
func (s *Store) OpenAttempt(profile uint64, k LessonKey) (Attempt, bool, error) {
	var a Attempt
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		lessons, err := child(pb, bucketLessons)
		if err != nil {
			return err
		}
		var lesson LessonRecord
		if _, err := lessons.get(k.bytes(), &lesson); err != nil || lesson.OpenAttempt == 0 {
			return err
		}
		a, ok, err = readAttempt(pb, k, lesson.OpenAttempt)
		return err
	})
	if err != nil {
		return Attempt{}, false, fmt.Errorf("read open quiz attempt at %s of profile %d: %w", k, profile, err)
	}
	return a, ok && a.Open(), nil
}

// LastAttempt returns the learner's most recent finished attempt at a
// quiz, with its answers.
func (s *Store) LastAttempt(profile uint64, k LessonKey) (Attempt, bool, error) {
	var a Attempt
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		attempts, err := child(pb, bucketAttempts)
		if err != nil {
			return err
		}
		prefix := append(k.bytes(), 0)
		c := attempts.Cursor()
		// Walk back from the end of this lesson's key range.
		k2, _ := c.Seek(append(bytes.Clone(prefix), 0xff))
		if k2 == nil {
			k2, _ = c.Last()
		} else {
			k2, _ = c.Prev()
		}
		for ; k2 != nil && bytes.HasPrefix(k2, prefix); k2, _ = c.Prev() {
			id, err := attempts.id(k2[len(prefix):])
			if err != nil {
				return err
			}
			cand, found, err := readAttempt(pb, k, id)
			if err != nil {
				return err
			}
			if found && !cand.Open() {
				a, ok = cand, true
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return Attempt{}, false, fmt.Errorf("read last quiz attempt at %s of profile %d: %w", k, profile, err)
	}
	return a, ok, nil
}

// readAttempt reads an attempt with its answers. An answer whose key and
// record name different questions is damage.
func readAttempt(pb bucket, k LessonKey, id uint64) (Attempt, bool, error) {
	attempts, err := child(pb, bucketAttempts)
	if err != nil {
		return Attempt{}, false, err
	}
	var rec attemptRecord
	found, err := attempts.get(attemptKey(k, id), &rec)
	if err != nil || !found {
		return Attempt{}, false, err
	}
	a := rec.attempt(id)
	if err := readAnswers(pb, k, &a); err != nil {
		return Attempt{}, false, err
	}
	return a, true, nil
}

// readAnswers reads the answers of attempt a, in question order.
func readAnswers(pb bucket, k LessonKey, a *Attempt) error {
	answers, err := child(pb, bucketAnswers)
	if err != nil {
		return err
	}
	a.Answers = make([]Answer, 0, len(a.Questions))
	prefix := append(attemptKey(k, a.ID), 0)
	c := answers.Cursor()
	for key, v := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, v = c.Next() {
		question := key[len(prefix):]
		if err := answers.checkText(key, question); err != nil {
			return err
		}
		var ans Answer
		if err := answers.decode(key, v, &ans); err != nil {
			return err
		}
		if ans.Question != string(question) {
			return damaged(answers.name, "key %s holds the answer to %q", quoteKey(key), ans.Question)
		}
		a.Answers = append(a.Answers, ans)
	}
	if !slices.IsSortedFunc(a.Answers, func(x, y Answer) int {
		return slices.Index(a.Questions, x.Question) - slices.Index(a.Questions, y.Question)
	}) {
		slices.SortStableFunc(a.Answers, func(x, y Answer) int {
			return slices.Index(a.Questions, x.Question) - slices.Index(a.Questions, y.Question)
		})
	}
	return nil
}

// RecordAnswer stores one answer in its own transaction, durable on disk
// when it returns, and schedules the question's review card by the
// answer's Rating, which must be set ([ErrInvalid] otherwise; [ErrNoPolicy]
// when the store has no review policy). Call it before showing the learner
// any feedback.
func (s *Store) RecordAnswer(profile uint64, k LessonKey, attempt uint64, ans Answer) error {
	err := s.updateShared(profile, func(pb bucket) error {
		attempts, err := child(pb, bucketAttempts)
		if err != nil {
			return err
		}
		answers, err := child(pb, bucketAnswers)
		if err != nil {
			return err
		}
		var rec attemptRecord
		found, err := attempts.get(attemptKey(k, attempt), &rec)
		switch {
		case err != nil:
			return err
		case !found:
			return fmt.Errorf("attempt %d: %w", attempt, ErrNotFound)
		case !rec.Finished.IsZero():
			return ErrAttemptClosed
		case !slices.Contains(rec.Questions, ans.Question):
			return fmt.Errorf("question %q is not in attempt %d: %w", ans.Question, attempt, ErrNotFound)
		}
		key := join(attemptKey(k, attempt), []byte(ans.Question))
		if answered, err := answers.exists(key); err != nil {
			return err
		} else if answered {
			return fmt.Errorf("question %q: %w", ans.Question, ErrAlreadyAnswered)
		}
		if err := answers.put(key, ans); err != nil {
			return err
		}
		// The question's review card is scheduled in the same transaction,
		// so an answer is never stored without its schedule.
		if err := reviewCard(pb, s.policy, CardKey{Pack: k.Pack, Lesson: k.Lesson, Question: ans.Question}, ans.Rating, ans.At); err != nil {
			return err
		}
		if s.outbox != nil {
			a := rec.attempt(attempt)
			if err := s.emit(pb, profile, Event{Kind: EventQuestionAnswered, Lesson: k, Attempt: &a, Answer: &ans, At: ans.At}); err != nil {
				return err
			}
		}
		return markDay(pb, ans.At, nil)
	})
	if err != nil {
		return fmt.Errorf("record answer to %s/%s: %w", k, ans.Question, err)
	}
	return nil
}

// FinishAttempt scores an attempt from its stored answers (an unanswered
// question counts as wrong), records the score, keeps the best score, and
// completes the lesson when the attempt passes passMark per cent. Percent
// is rounded to the nearest whole number; whether it passes is decided on
// the exact fraction.
func (s *Store) FinishAttempt(profile uint64, k LessonKey, attempt uint64, passMark int, at time.Time) (Attempt, error) {
	var a Attempt
	err := s.update(profile, func(pb bucket) error {
		found := false
		var err error
		a, found, err = readAttempt(pb, k, attempt)
		switch {
		case err != nil:
			return err
		case !found:
			return fmt.Errorf("attempt %d: %w", attempt, ErrNotFound)
		case !a.Open():
			return ErrAttemptClosed
		}
		for _, ans := range a.Answers {
			if ans.Correct {
				a.Correct++
			}
			a.Points += ans.Points()
		}
		total := float64(len(a.Questions))
		a.Percent = score.Percent(a.Points, total) // rounded half up, as every screen shows it
		// Decided on the exact fraction: 2 of 3 is below a pass mark of 67%.
		a.Passed = a.Points*100 >= float64(passMark)*total-1e-9
		a.Finished = at
		rec := attemptRecord{Questions: a.Questions, Seed: a.Seed, Started: a.Started, Finished: at,
			Correct: a.Correct, Points: a.Points, Percent: a.Percent, Passed: a.Passed}
		attempts, err := child(pb, bucketAttempts)
		if err != nil {
			return err
		}
		if err := attempts.put(attemptKey(k, attempt), rec); err != nil {
			return err
		}
		completed := false
		if _, err := updateLesson(pb, k, func(r *LessonRecord) error {
			r.Attempts++
			if r.OpenAttempt == attempt {
				r.OpenAttempt = 0
			}
			if !r.Scored || a.Percent > r.BestScore {
				r.BestScore, r.Scored = a.Percent, true
			}
			if a.Passed {
				completed = complete(r, at)
			}
			return nil
		}); err != nil {
			return err
		}
		if a.Passed {
			if err := logCompletion(pb, k, at, completedQuiz); err != nil {
				return err
			}
		}
		if err := s.emitQuiz(pb, profile, k, a, completed); err != nil {
			return err
		}
		return markDay(pb, at, func(d *dayRecord) {
			d.Quizzes++
			if completed {
				d.Lessons++
			}
		})
	})
	if err != nil {
		return Attempt{}, fmt.Errorf("finish quiz %s: %w", k, err)
	}
	return a, nil
}
