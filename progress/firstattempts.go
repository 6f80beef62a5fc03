package progress

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// AttemptMarks is a finished quiz attempt as question statistics read
// it: the questions it asked and the mark of each answer given.
type AttemptMarks struct {
	ID        uint64
	Questions []string // in the order the attempt asked them
	// Marks are the answers given, in question order; a question asked
	// but not answered has none.
	Marks []Mark
}

// Mark is what one answer scored: [Answer.Points].
type Mark struct {
	Question string
	Points   float64
}

// markRecord is the part of an answerRecord a Mark needs: decoding only
// it spares parsing times and choices, which question statistics never
// read.
type markRecord struct {
	Question string  `json:"question"`
	Correct  bool    `json:"correct"`
	Score    float64 `json:"score,omitempty"`
}

// FirstAttempts calls fn with the marks of each learner's first finished
// attempt at every quiz they have finished, for each of profiles in turn
// and all in one read transaction. A learner's attempts come in the order
// of their keys: by pack, then lesson. Later attempts are not read, nor
// their answers decoded: question statistics (Moodle's among them)
// analyse first attempts. A profile that does not exist is [ErrNotFound];
// an error from fn stops the walk and is returned. fn must not keep
// a.Marks after it returns: the slice is reused.
func (s *Store) FirstAttempts(profiles []uint64, fn func(profile uint64, k LessonKey, a AttemptMarks) error) error {
	err := s.db.View(func(tx *bolt.Tx) error {
		var marks []Mark
		for _, id := range profiles {
			pb, err := profileBucket(tx, id)
			if err != nil {
				return err
			}
			err = firstAttempts(pb, &marks, func(k LessonKey, a AttemptMarks) error { return fn(id, k, a) })
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read first quiz attempts: %w", err)
	}
	return nil
}

// firstAttempts walks one learner's attempts bucket in key order, calling
// fn with the first finished attempt of each lesson; marks is reused
// between calls.
func firstAttempts(pb bucket, marks *[]Mark, fn func(k LessonKey, a AttemptMarks) error) error {
	attempts, err := child(pb, bucketAttempts)
	if err != nil {
		return err
	}
	answers, err := child(pb, bucketAnswers)
	if err != nil {
		return err
	}
	var done LessonKey // the last lesson whose first finished attempt was given
	c := attempts.Cursor()
	for key, v := c.First(); key != nil; key, v = c.Next() {
		k, id, err := attempts.attemptKey(key)
		if err != nil {
			return err
		}
		if k == done {
			continue
		}
		var rec attemptRecord
		if err := attempts.decode(key, v, &rec); err != nil {
			return err
		}
		if rec.Finished.IsZero() {
			continue
		}
		a := AttemptMarks{ID: id, Questions: rec.Questions}
		if a.Marks, err = readMarks(answers, key, (*marks)[:0]); err != nil {
			return err
		}
		*marks = a.Marks
		done = k
		if err := fn(k, a); err != nil {
			return err
		}
	}
	return nil
}

// readMarks appends to out the marks of the answers to the attempt whose
// key is attemptKey, in key order.
func readMarks(answers bucket, attemptKey []byte, out []Mark) ([]Mark, error) {
	prefix := append(attemptKey[:len(attemptKey):len(attemptKey)], 0)
	c := answers.Cursor()
	for key, v := c.Seek(prefix); key != nil && len(key) > len(prefix) && string(key[:len(prefix)]) == string(prefix); key, v = c.Next() {
		question := key[len(prefix):]
		if err := answers.checkText(key, question); err != nil {
			return nil, err
		}
		var rec markRecord
		if err := answers.decode(key, v, &rec); err != nil {
			return nil, err
		}
		if rec.Question != string(question) {
			return nil, damaged(answers.name, "key %s holds the answer to %q", quoteKey(key), rec.Question)
		}
		out = append(out, Mark{Question: rec.Question, Points: Answer{Correct: rec.Correct, Score: rec.Score}.Points()})
	}
	return out, nil
}
