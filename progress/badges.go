package progress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

type badgeRecord struct {
	Awarded time.Time `json:"awarded"`
}

// AwardBadge records that a learner earned a badge. It is idempotent: a
// badge already awarded keeps its first date, and awarded is false.
func (s *Store) AwardBadge(profile uint64, pack, badge string, at time.Time) (awarded bool, err error) {
	err = s.update(profile, func(pb *bolt.Bucket) error {
		b := pb.Bucket(bucketBadges)
		key := join([]byte(pack), []byte(badge))
		if b.Get(key) != nil {
			return nil
		}
		awarded = true
		return put(b, key, badgeRecord{Awarded: at})
	})
	if err != nil {
		return false, fmt.Errorf("award badge %s/%s: %w", pack, badge, err)
	}
	return awarded, nil
}

// Badges returns when each badge of a pack was awarded to a learner, by
// badge id.
func (s *Store) Badges(profile uint64, pack string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		prefix := append([]byte(pack), 0)
		c := pb.Bucket(bucketBadges).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var rec badgeRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return fmt.Errorf("%w: decode badge %q: %v", ErrCorrupt, k, err)
			}
			out[string(k[len(prefix):])] = rec.Awarded
		}
		return nil
	})
	return out, err
}
