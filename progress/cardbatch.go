package progress

import (
	"bytes"
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
		due := pb.Bucket(bucketDue)
		// Counting the keys reads only the pages' headers, and spares
		// growing the list thousands of keys at a time.
		out = make([]CardKey, 0, due.Stats().KeyN)
		names := interner{}
		return due.ForEach(func(k, _ []byte) error {
			key, ok := names.cardKey(k[min(len(k), 8):])
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

// interner shares the strings of pack and lesson ids among the card keys
// read in one go: a learner's thousands of cards name few packs and
// lessons.
type interner map[string]string

func (m interner) intern(b []byte) string {
	if s, ok := m[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	m[s] = s
	return s
}

// cardKey reads a card key as cardKeyOf does, sharing the pack and lesson
// ids.
func (m interner) cardKey(b []byte) (CardKey, bool) {
	i := bytes.IndexByte(b, 0)
	if i < 0 {
		return CardKey{}, false
	}
	j := bytes.IndexByte(b[i+1:], 0)
	if j < 0 {
		return CardKey{}, false
	}
	j += i + 1
	if bytes.IndexByte(b[j+1:], 0) >= 0 {
		return CardKey{}, false
	}
	return CardKey{Pack: m.intern(b[:i]), Lesson: m.intern(b[i+1 : j]), Question: string(b[j+1:])}, true
}
