package progress

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"
)

// LessonKey names a lesson across pack versions.
type LessonKey struct {
	Pack   string
	Lesson string
}

func (k LessonKey) String() string { return k.Pack + "/" + k.Lesson }

// bytes is the key of the lesson in the lessons bucket, and the prefix of
// its attempts and answers.
func (k LessonKey) bytes() []byte { return join([]byte(k.Pack), []byte(k.Lesson)) }

// join builds a composite key from parts separated by NUL bytes.
func join(parts ...[]byte) []byte { return bytes.Join(parts, []byte{0}) }

// itob encodes an id big-endian, so that keys sort in numeric order.
func itob(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func btoi(b []byte) uint64 { return binary.BigEndian.Uint64(b) }

// dayKey is the learner's local date of t.
func dayKey(t time.Time) []byte { return []byte(t.Format(time.DateOnly)) }

// profileBucket returns a learner's bucket, or ErrNotFound.
func profileBucket(tx *bolt.Tx, id uint64) (bucket, error) {
	profiles := bucket{tx.Bucket(bucketProfiles), string(bucketProfiles)}
	pb, found, err := nested(profiles, itob(id), fmt.Sprintf("profiles/%d", id))
	if err != nil {
		return bucket{}, err
	}
	if !found {
		return bucket{}, fmt.Errorf("profile %d: %w", id, ErrNotFound)
	}
	return pb, nil
}

// Status is where a learner is with a lesson.
type Status string

// Lesson statuses.
const (
	NotStarted Status = ""
	InProgress Status = "in_progress"
	Completed  Status = "completed"
)

// Label is the status as learners read it.
func (s Status) Label() string {
	switch s {
	case InProgress:
		return "in progress"
	case Completed:
		return "completed"
	default:
		return "not started"
	}
}

// LessonRecord is a learner's state in one lesson.
type LessonRecord struct {
	Status Status `json:"status,omitempty"`
	// Position is how far through the lesson text the learner has
	// scrolled, from 0 (top) to 1 (end), so it survives re-wrapping.
	Position    float64   `json:"position,omitempty"`
	Opened      time.Time `json:"opened,omitzero"`
	CompletedAt time.Time `json:"completed,omitzero"`
	// BestScore is the best quiz score in per cent; Scored says whether
	// there is one.
	BestScore int  `json:"best_score,omitempty"`
	Scored    bool `json:"scored,omitempty"`
	// Attempts counts finished quiz attempts.
	Attempts int `json:"attempts,omitempty"`
	// OpenAttempt is the id of an unfinished attempt, or 0.
	OpenAttempt uint64 `json:"open_attempt,omitempty"`
}

// Lesson returns a learner's record for a lesson; a lesson never opened
// gives the zero record.
func (s *Store) Lesson(profile uint64, k LessonKey) (LessonRecord, error) {
	var rec LessonRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		lessons, err := child(pb, bucketLessons)
		if err != nil {
			return err
		}
		_, err = lessons.get(k.bytes(), &rec)
		return err
	})
	if err != nil {
		return LessonRecord{}, fmt.Errorf("read lesson %s of profile %d: %w", k, profile, err)
	}
	return rec, nil
}

// Lessons returns a learner's records for every lesson of a pack they have
// opened, by lesson id.
func (s *Store) Lessons(profile uint64, pack string) (map[string]LessonRecord, error) {
	out := map[string]LessonRecord{}
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		lessons, err := child(pb, bucketLessons)
		if err != nil {
			return err
		}
		prefix := append([]byte(pack), 0)
		c := lessons.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			lesson, err := lessons.text(k, k[len(prefix):])
			if err != nil {
				return err
			}
			var rec LessonRecord
			if err := lessons.decode(k, v, &rec); err != nil {
				return err
			}
			out[lesson] = rec
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read lessons of pack %s of profile %d: %w", pack, profile, err)
	}
	return out, nil
}

// updateLesson applies change to a lesson's record inside tx, creating the
// record when needed.
func updateLesson(pb bucket, k LessonKey, change func(*LessonRecord) error) (LessonRecord, error) {
	var rec LessonRecord
	b, err := child(pb, bucketLessons)
	if err != nil {
		return rec, err
	}
	if _, err := b.get(k.bytes(), &rec); err != nil {
		return rec, err
	}
	if err := change(&rec); err != nil {
		return rec, err
	}
	return rec, b.put(k.bytes(), rec)
}

// SaveReading records how far through a lesson the learner has read, marks
// the lesson in progress if it was not started, makes it the lesson to
// continue from, and counts the day as active.
func (s *Store) SaveReading(profile uint64, k LessonKey, position float64, at time.Time) error {
	if math.IsNaN(position) { // from 0/0 on an empty lesson; max would keep it
		position = 0
	}
	position = min(max(position, 0), 1)
	err := s.update(profile, func(pb bucket) error {
		first := false
		if _, err := updateLesson(pb, k, func(r *LessonRecord) error {
			r.Position = position
			if r.Status == NotStarted {
				r.Status, r.Opened, first = InProgress, at, true
			}
			return nil
		}); err != nil {
			return err
		}
		if err := setLast(pb, k); err != nil {
			return err
		}
		if first {
			if err := s.emit(pb, profile, Event{Kind: EventLessonRead, Lesson: k, At: at}); err != nil {
				return err
			}
		}
		return markDay(pb, at, nil)
	})
	if err != nil {
		return fmt.Errorf("save reading position in %s: %w", k, err)
	}
	return nil
}

// CompleteLesson marks a lesson without a quiz as completed.
func (s *Store) CompleteLesson(profile uint64, k LessonKey, at time.Time) error {
	err := s.update(profile, func(pb bucket) error {
		completed := false
		if _, err := updateLesson(pb, k, func(r *LessonRecord) error {
			completed = complete(r, at)
			return nil
		}); err != nil {
			return err
		}
		// Every completion is logged, the first and any later one, as a
		// renewal of mandatory training.
		if err := logCompletion(pb, k, at, completedReading); err != nil {
			return err
		}
		if completed {
			if err := s.emit(pb, profile, Event{Kind: EventLessonCompleted, Lesson: k, At: at}); err != nil {
				return err
			}
		}
		return markDay(pb, at, func(d *dayRecord) {
			if completed {
				d.Lessons++
			}
		})
	})
	if err != nil {
		return fmt.Errorf("complete lesson %s: %w", k, err)
	}
	return nil
}

// complete marks a lesson completed at time at, and reports whether it
// was not completed before.
func complete(r *LessonRecord, at time.Time) bool {
	if r.Opened.IsZero() {
		r.Opened = at
	}
	if r.Status == Completed {
		return false
	}
	r.Status, r.CompletedAt = Completed, at
	return true
}

// update runs fn in one write transaction on a learner's bucket.
func (s *Store) update(profile uint64, fn func(pb bucket) error) error {
	return s.write(inProfile(profile, fn))
}

// updateShared is update for the writes many sessions make at once
// (answers and reviews): with [Options.BatchDelay] set, concurrent calls
// share a commit. It returns, as update does, only when fn's writes are
// on disk. fn may then run more than once (bbolt retries a batch without
// a call that failed), so it must act only through its transaction.
func (s *Store) updateShared(profile uint64, fn func(pb bucket) error) error {
	if !s.batch {
		return s.update(profile, fn)
	}
	return s.db.Batch(inProfile(profile, fn))
}

// inProfile is a transaction function that runs fn on profile's bucket.
func inProfile(profile uint64, fn func(pb bucket) error) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		return fn(pb)
	}
}
