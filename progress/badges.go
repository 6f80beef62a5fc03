package progress

import (
	"bytes"
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
	err = s.update(profile, func(pb bucket) error {
		b, err := child(pb, bucketBadges)
		if err != nil {
			return err
		}
		key := join([]byte(pack), []byte(badge))
		if found, err := b.exists(key); err != nil || found {
			return err
		}
		awarded = true
		if err := b.put(key, badgeRecord{Awarded: at}); err != nil {
			return err
		}
		return s.emit(pb, profile, Event{Kind: EventBadgeEarned, Lesson: LessonKey{Pack: pack}, Badge: badge, At: at})
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
		badges, err := child(pb, bucketBadges)
		if err != nil {
			return err
		}
		prefix := append([]byte(pack), 0)
		c := badges.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			id, err := badges.text(k, k[len(prefix):])
			if err != nil {
				return err
			}
			var rec badgeRecord
			if err := badges.decode(k, v, &rec); err != nil {
				return err
			}
			out[id] = rec.Awarded
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read badges of pack %s of profile %d: %w", pack, profile, err)
	}
	return out, nil
}
