package progress

import (
	"fmt"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// keyUID is the key of a learner's stable id in their profile bucket.
var keyUID = []byte("uid")

// LearnerUID returns a learner's stable id, a random UUID in its
// canonical text form, making it the first time it is needed. It
// survives renames and is never the learner's name or email address, so
// records sent elsewhere (xAPI statements' account name) can use it.
func (s *Store) LearnerUID(profile uint64) (string, error) {
	var uid string
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		uid, err = learnerUID(pb, false)
		return err
	})
	if err == nil && uid == "" {
		err = s.update(profile, func(pb bucket) error {
			uid, err = learnerUID(pb, true)
			return err
		})
	}
	if err != nil {
		return "", fmt.Errorf("stable id of profile %d: %w", profile, err)
	}
	return uid, nil
}

// learnerUID reads the learner's stable id from their bucket; when there
// is none, it makes one if create is set (pb must then be writable), or
// returns "".
func learnerUID(pb bucket, create bool) (string, error) {
	v, found, err := pb.lookup(keyUID)
	switch {
	case err != nil:
		return "", err
	case found:
		return pb.uid(v)
	case !create:
		return "", nil
	}
	id, err := uuid.NewRandom()
	if err != nil {
		return "", fmt.Errorf("make a stable id: %w", err)
	}
	uid := id.String()
	return uid, pb.putBytes(keyUID, []byte(uid))
}
