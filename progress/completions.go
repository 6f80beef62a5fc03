package progress

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The completions log keeps every time a learner completed a lesson, not
// only the first (LessonRecord.CompletedAt), so that mandatory training
// renewed every year has a history. It lives in a learner's bucket as
// completions/, made by the learner's first completion after this version
// of Upskill and filled then from what older versions kept (each lesson's
// first completion and every passed quiz attempt), so that a learner's
// log, once it exists, is complete. A learner without one has their
// history read from those records instead.
var bucketCompletions = []byte("completions")

// How a completion came about: the value of a completions entry, one byte.
const (
	completedReading  = 'r' // a lesson without a quiz read to the end
	completedQuiz     = 'q' // its quiz passed
	completedMigrated = 'm' // found in the records older versions kept
)

// completionKey is <pack>\x00<lesson>\x00<completed unix ns as 16 hex
// digits>: fixed-width, so keys sort by time, and free of NUL bytes.
func completionKey(k LessonKey, at time.Time) []byte {
	ns := max(at.UnixNano(), 0)
	key := append(k.bytes(), 0)
	return fmt.Appendf(key, "%016x", uint64(ns))
}

// completionAt decodes the completion time of a key of the completions
// bucket whose lesson prefix has been removed, and checks its value.
func (b bucket) completionAt(key, rest, value []byte) (time.Time, error) {
	ns, err := strconv.ParseUint(string(rest), 16, 64)
	if len(rest) != 16 || err != nil || ns > math.MaxInt64 {
		return time.Time{}, damaged(b.name, "key %s does not end in a time of 16 hex digits", quoteKey(key))
	}
	if len(value) != 1 || (value[0] != completedReading && value[0] != completedQuiz && value[0] != completedMigrated) {
		return time.Time{}, damaged(b.name, "key %s has value %s, want r, q or m", quoteKey(key), quoteKey(value))
	}
	return time.Unix(0, int64(ns)), nil
}

// completionsLog returns a learner's completions log, if they have one.
// A value in its place is damage.
func completionsLog(pb bucket) (bucket, bool, error) {
	name := string(bucketCompletions)
	k, v := pb.Cursor().Seek(bucketCompletions)
	switch {
	case !bytes.Equal(k, bucketCompletions):
		return bucket{}, false, nil
	case v != nil:
		return bucket{}, false, damaged(name, "a value in %q where the bucket belongs", pb.name)
	}
	return bucket{pb.Bucket.Bucket(bucketCompletions), name}, true, nil
}

// logCompletion records that the learner completed a lesson at time at,
// making (and filling) the completions log first if the learner has none.
func logCompletion(pb bucket, k LessonKey, at time.Time, how byte) error {
	log, found, err := completionsLog(pb)
	if err != nil {
		return err
	}
	if !found {
		if log, err = startCompletions(pb); err != nil {
			return err
		}
	}
	return log.putBytes(completionKey(k, at), []byte{how})
}

// startCompletions makes a learner's completions log from the records
// older versions kept: each lesson's first completion and the finish of
// every passed quiz attempt.
func startCompletions(pb bucket) (bucket, error) {
	b, err := pb.CreateBucket(bucketCompletions)
	if err != nil {
		return bucket{}, fmt.Errorf("make the completions log: %w", err)
	}
	log := bucket{b, string(bucketCompletions)}
	lessons, err := child(pb, bucketLessons)
	if err != nil {
		return bucket{}, err
	}
	c := lessons.Cursor()
	for key, v := c.First(); key != nil; key, v = c.Next() {
		parts, err := lessons.parts(key, 2)
		if err != nil {
			return bucket{}, err
		}
		var rec LessonRecord
		if err := lessons.decode(key, v, &rec); err != nil {
			return bucket{}, err
		}
		if rec.Status == Completed && !rec.CompletedAt.IsZero() {
			if err := log.putBytes(completionKey(LessonKey{parts[0], parts[1]}, rec.CompletedAt), []byte{completedMigrated}); err != nil {
				return bucket{}, err
			}
		}
	}
	attempts, err := child(pb, bucketAttempts)
	if err != nil {
		return bucket{}, err
	}
	c = attempts.Cursor()
	for key, v := c.First(); key != nil; key, v = c.Next() {
		k, err := attempts.attemptLesson(key)
		if err != nil {
			return bucket{}, err
		}
		var rec attemptRecord
		if err := attempts.decode(key, v, &rec); err != nil {
			return bucket{}, err
		}
		if rec.Passed && !rec.Finished.IsZero() {
			if err := log.putBytes(completionKey(k, rec.Finished), []byte{completedMigrated}); err != nil {
				return bucket{}, err
			}
		}
	}
	return log, nil
}

// attemptLesson decodes the lesson of a key of the attempts bucket,
// <pack>\x00<lesson>\x00<attempt u64>, and checks its attempt id.
func (b bucket) attemptLesson(key []byte) (LessonKey, error) {
	if len(key) < 11 || key[len(key)-9] != 0 {
		return LessonKey{}, damaged(b.name, "key %s is not <pack>, <lesson>, <attempt>", quoteKey(key))
	}
	parts, err := b.parts(key[:len(key)-9], 2)
	if err != nil {
		return LessonKey{}, err
	}
	if _, err := b.id(key[len(key)-8:]); err != nil {
		return LessonKey{}, err
	}
	return LessonKey{Pack: parts[0], Lesson: parts[1]}, nil
}

// LessonHistory is what the store knows of a learner's work in one lesson:
// its record, and every time they completed it, oldest first.
type LessonHistory struct {
	Record      LessonRecord
	Completions []time.Time
}

// LessonHistories reads the histories of the lessons in keys for each of
// profiles, all in one read transaction, and calls fn for each profile in
// turn with the histories in the order of keys. It is how many learners'
// mandatory training is read at once; fn must not write to the store.
func (s *Store) LessonHistories(profiles []uint64, keys []LessonKey, fn func(profile uint64, histories []LessonHistory) error) error {
	prefixes := make([][]byte, len(keys))
	for i, k := range keys {
		prefixes[i] = append(k.bytes(), 0)
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, id := range profiles {
			hs, err := lessonHistories(tx, id, keys, prefixes)
			if err != nil {
				return err
			}
			if err := fn(id, hs); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read lesson histories: %w", err)
	}
	return nil
}

func lessonHistories(tx *bolt.Tx, id uint64, keys []LessonKey, prefixes [][]byte) ([]LessonHistory, error) {
	pb, err := profileBucket(tx, id)
	if err != nil {
		return nil, err
	}
	lessons, err := child(pb, bucketLessons)
	if err != nil {
		return nil, err
	}
	log, logged, err := completionsLog(pb)
	if err != nil {
		return nil, err
	}
	hs := make([]LessonHistory, len(keys))
	for i, k := range keys {
		h := &hs[i]
		if _, err := lessons.get(k.bytes(), &h.Record); err != nil {
			return nil, err
		}
		if logged {
			c := log.Cursor()
			for key, v := c.Seek(prefixes[i]); key != nil && bytes.HasPrefix(key, prefixes[i]); key, v = c.Next() {
				at, err := log.completionAt(key, key[len(prefixes[i]):], v)
				if err != nil {
					return nil, err
				}
				h.Completions = append(h.Completions, at)
			}
			continue
		}
		if h.Completions, err = olderCompletions(pb, h.Record, prefixes[i]); err != nil {
			return nil, err
		}
	}
	return hs, nil
}

// olderCompletions is a lesson's history for a learner without a
// completions log: its first completion and every passed quiz attempt, in
// order, each time once.
func olderCompletions(pb bucket, rec LessonRecord, prefix []byte) ([]time.Time, error) {
	var out []time.Time
	if rec.Status == Completed && !rec.CompletedAt.IsZero() {
		out = append(out, rec.CompletedAt)
	}
	attempts, err := child(pb, bucketAttempts)
	if err != nil {
		return nil, err
	}
	c := attempts.Cursor()
	for key, v := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, v = c.Next() {
		if _, err := attempts.id(key[len(prefix):]); err != nil {
			return nil, err
		}
		var a attemptRecord
		if err := attempts.decode(key, v, &a); err != nil {
			return nil, err
		}
		if a.Passed && !a.Finished.IsZero() {
			out = append(out, a.Finished)
		}
	}
	return sortedOnce(out), nil
}

// sortedOnce sorts times and drops repeats of the same instant.
func sortedOnce(ts []time.Time) []time.Time {
	for i := 1; i < len(ts); i++ { // insertion sort: a handful of times
		for j := i; j > 0 && ts[j].Before(ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
	out := ts[:0]
	for i, t := range ts {
		if i == 0 || !t.Equal(out[len(out)-1]) {
			out = append(out, t)
		}
	}
	return out
}

// purgeCompletions deletes a learner's completions of a pack, keys
// starting with prefix, if they have a log.
func purgeCompletions(pb bucket, prefix []byte) error {
	log, found, err := completionsLog(pb)
	if err != nil || !found {
		return err
	}
	var keys [][]byte
	c := log.Cursor()
	for key, _ := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, _ = c.Next() {
		keys = append(keys, bytes.Clone(key))
	}
	for _, key := range keys {
		if err := log.del(key); err != nil {
			return err
		}
	}
	return nil
}
