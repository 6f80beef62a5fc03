package progress

import (
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
	err := s.update(profile, func(pb bucket) error {
		b, err := child(pb, bucketTime)
		if err != nil {
			return err
		}
		day, err := child(pb, bucketDays)
		if err != nil {
			return err
		}
		key := timeKey(k, what)
		var total float64
		if _, err := b.get(key, &total); err != nil {
			return err
		}
		if err := b.put(key, total+d.Seconds()); err != nil {
			return err
		}
		var rec dayRecord
		if _, err := day.get(dayKey(at), &rec); err != nil {
			return err
		}
		rec.Seconds += d.Seconds()
		return day.put(dayKey(at), rec)
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
		spent, err := child(pb, bucketTime)
		if err != nil {
			return err
		}
		return spent.ForEach(func(k, v []byte) error {
			var secs float64
			if err := spent.decode(k, v, &secs); err != nil {
				return err
			}
			d := time.Duration(secs * float64(time.Second))
			if string(k) == string(Reviewing) {
				t.Reviewing = d
				return nil
			}
			parts, err := spent.parts(k, 3)
			if err != nil {
				return err
			}
			lk := LessonKey{Pack: parts[0], Lesson: parts[1]}
			switch Activity(parts[2]) {
			case Reading:
				t.Reading[lk] = d
			case QuizTime:
				t.Quizzes[lk] = d
			default:
				return damaged(spent.name, "key %s names no activity", quoteKey(k))
			}
			return nil
		})
	})
	if err != nil {
		return TimeSpent{}, fmt.Errorf("read time spent by profile %d: %w", profile, err)
	}
	return t, nil
}
