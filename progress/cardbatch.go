package progress

import (
	"bytes"
	"fmt"
	"unicode/utf8"

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
		due, err := child(pb, bucketDue)
		if err != nil {
			return err
		}
		// Counting the keys reads only the pages' headers, and spares
		// growing the list thousands of keys at a time.
		out = make([]CardKey, 0, due.Stats().KeyN)
		names := interner{}
		return due.ForEach(func(k, v []byte) error {
			if v == nil {
				return damaged(due.name, "key %s holds a bucket, want a rating", quoteKey(k))
			}
			if _, err := due.dueTime(k); err != nil {
				return err
			}
			key, ok := names.cardKey(k[8:])
			if !ok {
				// The checked decoder says exactly what is wrong.
				if _, err := due.cardKey(k[8:]); err != nil {
					return err
				}
				return damaged(due.name, "key %s is not <due time><pack>, <lesson>, <question>", quoteKey(k))
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

// cardKey reads a card key as bucket.cardKey does, sharing the pack and
// lesson ids: three parts, none empty, all UTF-8. It reports false for
// anything else, for the checked decoder to name.
func (m interner) cardKey(b []byte) (CardKey, bool) {
	if !utf8.Valid(b) {
		return CardKey{}, false
	}
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
	if i == 0 || j == i+1 || j+1 == len(b) {
		return CardKey{}, false
	}
	return CardKey{Pack: m.intern(b[:i]), Lesson: m.intern(b[i+1 : j]), Question: string(b[j+1:])}, true
}
