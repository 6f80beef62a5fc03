package progress

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// keySettings holds a learner's settings inside their profile bucket.
var keySettings = []byte("settings")

// Settings are a learner's own preferences, kept with their profile so
// that they follow the learner to any terminal that opens the file.
type Settings struct {
	// Accessible says the learner uses the line-by-line accessible mode,
	// for screen readers, rather than the full-screen interface.
	Accessible bool `json:"accessible,omitempty"`
}

// Settings returns a learner's settings; a learner who never saved any
// has the zero Settings.
func (s *Store) Settings(profile uint64) (Settings, error) {
	var set Settings
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		_, err = pb.get(keySettings, &set)
		return err
	})
	if err != nil {
		return Settings{}, fmt.Errorf("read settings of profile %d: %w", profile, err)
	}
	return set, nil
}

// SaveSettings replaces a learner's settings, in one transaction. A
// damaged settings record is reported, not written over, as every other
// record is.
func (s *Store) SaveSettings(profile uint64, set Settings) error {
	err := s.update(profile, func(pb bucket) error {
		var old Settings
		if _, err := pb.get(keySettings, &old); err != nil {
			return err
		}
		return pb.put(keySettings, set)
	})
	if err != nil {
		return fmt.Errorf("save settings of profile %d: %w", profile, err)
	}
	return nil
}
