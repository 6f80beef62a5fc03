package progress

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// FirstAttempts calls fn with each learner's first finished attempt at
// every quiz they have finished, with its answers, for each of profiles
// in turn and all in one read transaction. A learner's attempts come in
// the order of their keys: by pack, then lesson. Later attempts are not
// read, and their answers not decoded: question statistics (Moodle's
// among them) analyse first attempts. A profile that does not exist is
// [ErrNotFound]; an error from fn stops the walk and is returned.
func (s *Store) FirstAttempts(profiles []uint64, fn func(profile uint64, k LessonKey, a Attempt) error) error {
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, id := range profiles {
			pb, err := profileBucket(tx, id)
			if err != nil {
				return err
			}
			if err := firstAttempts(pb, func(k LessonKey, a Attempt) error { return fn(id, k, a) }); err != nil {
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
// fn with the first finished attempt of each lesson.
func firstAttempts(pb bucket, fn func(k LessonKey, a Attempt) error) error {
	attempts, err := child(pb, bucketAttempts)
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
		a := rec.attempt(id)
		if err := readAnswers(pb, k, &a); err != nil {
			return err
		}
		done = k
		if err := fn(k, a); err != nil {
			return err
		}
	}
	return nil
}
