package progress

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

type dayRecord struct {
	Events int `json:"events"`
}

// markDay counts a learning event (reading, an answer, a finished quiz or
// lesson) on the learner's local date of at.
func markDay(pb *bolt.Bucket, at time.Time) error {
	b := pb.Bucket(bucketDays)
	var rec dayRecord
	if _, err := get(b, dayKey(at), &rec); err != nil {
		return err
	}
	rec.Events++
	return put(b, dayKey(at), rec)
}

// ActiveDays returns the dates, oldest first, on which a learner did any
// learning, as midnight in loc.
func (s *Store) ActiveDays(profile uint64, loc *time.Location) ([]time.Time, error) {
	var out []time.Time
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		return pb.Bucket(bucketDays).ForEach(func(k, _ []byte) error {
			if d, err := time.ParseInLocation(time.DateOnly, string(k), loc); err == nil {
				out = append(out, d)
			}
			return nil
		})
	})
	return out, err
}
