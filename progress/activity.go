package progress

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// MinReviewCards is how many review cards make a day count towards a
// streak on their own.
const MinReviewCards = 5

// dayRecord is what a learner did on one local date.
type dayRecord struct {
	Events  int     `json:"events"`            // every learning event: reading, answers, finishes
	Lessons int     `json:"lessons,omitempty"` // lessons completed
	Quizzes int     `json:"quizzes,omitempty"` // quizzes finished, passed or not
	Cards   int     `json:"cards,omitempty"`   // review cards answered
	Seconds float64 `json:"seconds,omitempty"` // active time
	// Legacy marks a day recorded before schema 3, when any learning
	// event counted towards the streak; such days still count.
	Legacy bool `json:"legacy,omitempty"`
}

// Day is what a learner did on one date of their local calendar.
type Day struct {
	// Date is midnight UTC of the learner's local date: compare dates, not
	// instants, since the learner may have changed time zone.
	Date    time.Time
	Events  int
	Lessons int
	Quizzes int
	Cards   int
	Active  time.Duration
	// Counts says the day counts towards a streak: the learner completed
	// a lesson, finished a quiz or answered at least MinReviewCards review
	// cards.
	Counts bool
}

func (r dayRecord) day(date time.Time) Day {
	return Day{Date: date, Events: r.Events, Lessons: r.Lessons, Quizzes: r.Quizzes, Cards: r.Cards,
		Active: time.Duration(r.Seconds * float64(time.Second)),
		Counts: r.Lessons > 0 || r.Quizzes > 0 || r.Cards >= MinReviewCards || r.Legacy}
}

// markDay counts a learning event on the learner's local date of at (at
// carries the learner's time zone), and applies change, if any, to the
// day's record.
func markDay(pb bucket, at time.Time, change func(*dayRecord)) error {
	b, err := child(pb, bucketDays)
	if err != nil {
		return err
	}
	var rec dayRecord
	if _, err := b.get(dayKey(at), &rec); err != nil {
		return err
	}
	rec.Events++
	if change != nil {
		change(&rec)
	}
	return b.put(dayKey(at), rec)
}

// Days returns every date on which a learner did any learning, oldest
// first.
func (s *Store) Days(profile uint64) ([]Day, error) {
	var out []Day
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		days, err := child(pb, bucketDays)
		if err != nil {
			return err
		}
		return days.ForEach(func(k, v []byte) error {
			date, err := days.day(k)
			if err != nil {
				return err
			}
			var rec dayRecord
			if err := days.decode(k, v, &rec); err != nil {
				return err
			}
			out = append(out, rec.day(date))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read days of profile %d: %w", profile, err)
	}
	return out, nil
}

// ActiveDays returns the dates, oldest first, on which a learner did any
// learning, as midnight in loc.
func (s *Store) ActiveDays(profile uint64, loc *time.Location) ([]time.Time, error) {
	days, err := s.Days(profile)
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, len(days))
	for i, d := range days {
		out[i] = time.Date(d.Date.Year(), d.Date.Month(), d.Date.Day(), 0, 0, 0, 0, loc)
	}
	return out, nil
}
