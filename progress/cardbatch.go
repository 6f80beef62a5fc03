package progress

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ScheduledCardKeys returns the keys of every card of a learner that is
// not retired, in one read transaction and without decoding any card: the
// due index holds exactly those cards. Check them against the packs on
// offer with it, then retire the missing ones with [Store.RetireCards].
func (s *Store) ScheduledCardKeys(profile uint64) ([]CardKey, error) {
	var out []CardKey
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		return pb.Bucket(bucketDue).ForEach(func(k, _ []byte) error {
			key, ok := cardKeyOf(k[min(len(k), 8):])
			if len(k) <= 8 || !ok {
				return fmt.Errorf("%w: due index key %q", ErrCorrupt, k)
			}
			out = append(out, key)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("scheduled card keys: %w", err)
	}
	return out, nil
}
