package progress

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Activity is what a learner was doing while time was counted.
type Activity string

// Activities whose time is recorded.
const (
	Reading   Activity = "read"   // reading a lesson
	QuizTime  Activity = "quiz"   // taking a lesson's quiz
	Reviewing Activity = "review" // a review session
)

// timeKey is where time is added up: per lesson for reading and quizzes,
// once for all reviews.
func timeKey(k LessonKey, what Activity) []byte {
	if what == Reviewing {
		return []byte(Reviewing)
	}
	return join([]byte(k.Pack), []byte(k.Lesson), []byte(what))
}

// AddTime adds d of active time spent on what (for reading and quizzes, in
// lesson k) to the learner's totals and to the day of at. The caller
// leaves out idle time.
func (s *Store) AddTime(profile uint64, k LessonKey, what Activity, d time.Duration, at time.Time) error {
	if d <= 0 {
		return nil
	}
	switch what {
	case Reading, QuizTime, Reviewing:
	default:
		return fmt.Errorf("add time: activity %q: %w", what, ErrInvalid)
	}
	err := s.update(profile, func(pb *bolt.Bucket) error {
		b := pb.Bucket(bucketTime)
		key := timeKey(k, what)
		var total float64
		if _, err := get(b, key, &total); err != nil {
			return err
		}
		if err := put(b, key, total+d.Seconds()); err != nil {
			return err
		}
		day := pb.Bucket(bucketDays)
		var rec dayRecord
		if _, err := get(day, dayKey(at), &rec); err != nil {
			return err
		}
		rec.Seconds += d.Seconds()
		return put(day, dayKey(at), rec)
	})
	if err != nil {
		return fmt.Errorf("add time to %s: %w", k, err)
	}
	return nil
}

// TimeSpent is the active time a learner has spent.
type TimeSpent struct {
	Reading   map[LessonKey]time.Duration
	Quizzes   map[LessonKey]time.Duration
	Reviewing time.Duration
}

// Total is all the time spent.
func (t TimeSpent) Total() time.Duration {
	total := t.Reviewing
	for _, d := range t.Reading {
		total += d
	}
	for _, d := range t.Quizzes {
		total += d
	}
	return total
}

// Time returns the active time a learner has spent, per lesson.
func (s *Store) Time(profile uint64) (TimeSpent, error) {
	t := TimeSpent{Reading: map[LessonKey]time.Duration{}, Quizzes: map[LessonKey]time.Duration{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		return pb.Bucket(bucketTime).ForEach(func(k, v []byte) error {
			var secs float64
			if err := decode(k, v, &secs); err != nil {
				return err
			}
			d := time.Duration(secs * float64(time.Second))
			if string(k) == string(Reviewing) {
				t.Reviewing = d
				return nil
			}
			parts := bytes.Split(k, []byte{0})
			if len(parts) != 3 {
				return fmt.Errorf("%w: time key %q", ErrCorrupt, k)
			}
			lk := LessonKey{Pack: string(parts[0]), Lesson: string(parts[1])}
			switch Activity(parts[2]) {
			case Reading:
				t.Reading[lk] = d
			case QuizTime:
				t.Quizzes[lk] = d
			default:
				return fmt.Errorf("%w: time key %q", ErrCorrupt, k)
			}
			return nil
		})
	})
	if err != nil {
		return TimeSpent{}, fmt.Errorf("time spent: %w", err)
	}
	return t, nil
}
