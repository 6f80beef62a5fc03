package progress

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ErrManagerLoop is returned when a learner would manage themselves,
// directly or through the managers above them.
var ErrManagerLoop = fmt.Errorf("%w: a learner cannot manage themselves or their own manager", ErrInvalid)

// SetManager makes the learner manager the manager of learner profile,
// for managers' reports; a manager of 0 leaves them with none. Both must
// exist (ErrNotFound), and no learner may end up above themselves
// (ErrManagerLoop).
func (s *Store) SetManager(profile, manager uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error { return setManager(tx, profile, manager) })
	if err != nil {
		return fmt.Errorf("set manager: %w", err)
	}
	return nil
}

// setManager sets a learner's manager inside tx.
func setManager(tx *bolt.Tx, profile, manager uint64) error {
	pb, err := profileBucket(tx, profile)
	if err != nil {
		return err
	}
	rec, err := readProfile(pb)
	if err != nil {
		return err
	}
	if manager != 0 {
		if err := checkManagerChain(tx, profile, manager); err != nil {
			return err
		}
	}
	if rec.Manager == manager {
		return nil
	}
	rec.Manager = manager
	return pb.put(keyProfile, rec)
}

// checkManagerChain walks up from manager and refuses to meet profile.
// A manager who no longer exists ends the chain (a purged learner).
func checkManagerChain(tx *bolt.Tx, profile, manager uint64) error {
	seen := map[uint64]bool{}
	for id := manager; id != 0; {
		if id == profile {
			return ErrManagerLoop
		}
		if seen[id] {
			return damaged(string(bucketProfiles), "the managers above learner %d go round in a loop", manager)
		}
		seen[id] = true
		pb, err := profileBucket(tx, id)
		if errors.Is(err, ErrNotFound) && id != manager {
			return nil
		} else if err != nil {
			return fmt.Errorf("manager %d: %w", id, err)
		}
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		id = rec.Manager
	}
	return nil
}

// clearManager takes learner id away as anyone's manager, inside tx, when
// id is purged.
func clearManager(tx *bolt.Tx, id uint64) error {
	return eachProfile(tx, func(p Profile, pb bucket) error {
		if p.Manager != id {
			return nil
		}
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		rec.Manager = 0
		return pb.put(keyProfile, rec)
	})
}
