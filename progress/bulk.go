package progress

import (
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrNestedBulk is returned by [Store.Bulk] called inside another Bulk.
var ErrNestedBulk = errors.New("a bulk write is already open")

// Bulk is a set of writes that share one transaction: see [Store.Bulk].
// Its methods are the Store's write methods of the same names, with the
// same checks and errors; they must be called only from the goroutine
// running Bulk's function, and only while it runs.
type Bulk struct {
	s *Store // a copy of the Store whose writes go into tx
}

// Bulk runs fn with a [Bulk] whose writes all share one write
// transaction, committed (and synced) once when fn returns nil; an error
// from fn, or from any write, undoes them all. It is for writing many
// learners' history at once (generated test files, imports): ten thousand
// answers cost one commit instead of ten thousand. Readers see none of the
// writes until the commit; a bbolt write transaction keeps every page it
// changes in memory, so keep one Bulk to a few hundred learners.
func (s *Store) Bulk(fn func(b *Bulk) error) error {
	if s.tx != nil {
		return ErrNestedBulk
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		inner := *s
		inner.tx, inner.batch = tx, false
		return fn(&Bulk{s: &inner})
	})
	if err != nil {
		return fmt.Errorf("bulk write: %w", err)
	}
	return nil
}

// write runs fn in the store's bulk transaction if it has one, else in a
// transaction of its own.
func (s *Store) write(fn func(tx *bolt.Tx) error) error {
	if s.tx != nil {
		return fn(s.tx)
	}
	return s.db.Update(fn)
}

// CreateProfile is [Store.CreateProfile] inside the bulk transaction.
func (b *Bulk) CreateProfile(name, role string, at time.Time) (Profile, error) {
	return b.s.CreateProfile(name, role, at)
}

// SetTeam is [Store.SetTeam] inside the bulk transaction.
func (b *Bulk) SetTeam(profile uint64, team string) error { return b.s.SetTeam(profile, team) }

// SaveReading is [Store.SaveReading] inside the bulk transaction.
func (b *Bulk) SaveReading(profile uint64, k LessonKey, position float64, at time.Time) error {
	return b.s.SaveReading(profile, k, position, at)
}

// StartAttempt is [Store.StartAttempt] inside the bulk transaction.
func (b *Bulk) StartAttempt(profile uint64, k LessonKey, questions []string, seed int64, at time.Time) (Attempt, error) {
	return b.s.StartAttempt(profile, k, questions, seed, at)
}

// RecordAnswer is [Store.RecordAnswer] inside the bulk transaction.
func (b *Bulk) RecordAnswer(profile uint64, k LessonKey, attempt uint64, ans Answer) error {
	return b.s.RecordAnswer(profile, k, attempt, ans)
}

// FinishAttempt is [Store.FinishAttempt] inside the bulk transaction.
func (b *Bulk) FinishAttempt(profile uint64, k LessonKey, attempt uint64, passMark int, at time.Time) (Attempt, error) {
	return b.s.FinishAttempt(profile, k, attempt, passMark, at)
}

// CompleteLesson is [Store.CompleteLesson] inside the bulk transaction.
func (b *Bulk) CompleteLesson(profile uint64, k LessonKey, at time.Time) error {
	return b.s.CompleteLesson(profile, k, at)
}
