package progress

import (
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// Profile is one learner. Several profiles can share a file, as on a
// training-room computer.
type Profile struct {
	ID      uint64
	Name    string
	Role    string
	Created time.Time
	// Last is the lesson the learner most recently opened, for "continue
	// where you left off"; zero when they have opened none.
	Last LessonKey
}

type profileRecord struct {
	Name       string    `json:"name"`
	Role       string    `json:"role"`
	Created    time.Time `json:"created"`
	LastPack   string    `json:"last_pack,omitempty"`
	LastLesson string    `json:"last_lesson,omitempty"`
}

func (r profileRecord) profile(id uint64) Profile {
	return Profile{ID: id, Name: r.Name, Role: r.Role, Created: r.Created, Last: LessonKey{r.LastPack, r.LastLesson}}
}

// ErrEmptyName is returned when a profile would have no name.
var ErrEmptyName = errors.New("a profile needs a name")

// CreateProfile adds a learner. Names lose any control characters and
// extra spaces, are compared without regard to case, and must be unique.
func (s *Store) CreateProfile(name, role string, at time.Time) (Profile, error) {
	// A name is shown on screens and printed by commands, so it keeps no
	// control characters, and one space between words.
	name = termsafe.Line(name)
	if name == "" {
		return Profile{}, ErrEmptyName
	}
	var p Profile
	err := s.db.Update(func(tx *bolt.Tx) error {
		profiles := tx.Bucket(bucketProfiles)
		if _, found, err := findProfile(tx, name); err != nil {
			return err
		} else if found {
			return fmt.Errorf("%q: %w", name, ErrProfileExists)
		}
		id, err := profiles.NextSequence()
		if err != nil {
			return err
		}
		pb, err := profiles.CreateBucket(itob(id))
		if err != nil {
			return err
		}
		for _, name := range profileBuckets {
			if _, err := pb.CreateBucket(name); err != nil {
				return err
			}
		}
		rec := profileRecord{Name: name, Role: role, Created: at}
		p = rec.profile(id)
		return put(pb, keyProfile, rec)
	})
	if err != nil {
		return Profile{}, fmt.Errorf("create profile: %w", err)
	}
	return p, nil
}

// Profiles lists every learner in the file, oldest first.
func (s *Store) Profiles() ([]Profile, error) {
	var out []Profile
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketProfiles).ForEachBucket(func(k []byte) error {
			var rec profileRecord
			if _, err := get(tx.Bucket(bucketProfiles).Bucket(k), keyProfile, &rec); err != nil {
				return err
			}
			out = append(out, rec.profile(btoi(k)))
			return nil
		})
	})
	return out, err
}

// ProfileByName finds a learner by name, ignoring case and surrounding
// spaces. It returns ErrNotFound when there is none.
func (s *Store) ProfileByName(name string) (Profile, error) {
	var p Profile
	err := s.db.View(func(tx *bolt.Tx) error {
		found, ok, err := findProfile(tx, name)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("profile %q: %w", name, ErrNotFound)
		}
		p = found
		return nil
	})
	return p, err
}

// Profile returns a learner by id.
func (s *Store) Profile(id uint64) (Profile, error) {
	var p Profile
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, id)
		if err != nil {
			return err
		}
		var rec profileRecord
		if _, err := get(pb, keyProfile, &rec); err != nil {
			return err
		}
		p = rec.profile(id)
		return nil
	})
	return p, err
}

func findProfile(tx *bolt.Tx, name string) (Profile, bool, error) {
	want := strings.ToLower(strings.Join(strings.Fields(name), " "))
	var found Profile
	var ok bool
	err := tx.Bucket(bucketProfiles).ForEachBucket(func(k []byte) error {
		var rec profileRecord
		if _, err := get(tx.Bucket(bucketProfiles).Bucket(k), keyProfile, &rec); err != nil {
			return err
		}
		if !ok && strings.ToLower(rec.Name) == want {
			found, ok = rec.profile(btoi(k)), true
		}
		return nil
	})
	return found, ok, err
}

// setLast makes k the lesson to continue from.
func setLast(pb *bolt.Bucket, k LessonKey) error {
	var rec profileRecord
	if _, err := get(pb, keyProfile, &rec); err != nil {
		return err
	}
	if rec.LastPack == k.Pack && rec.LastLesson == k.Lesson {
		return nil
	}
	rec.LastPack, rec.LastLesson = k.Pack, k.Lesson
	return put(pb, keyProfile, rec)
}

// SetCurrentPack makes a pack the one a learner continues with. The
// lesson to continue from is then worked out afresh in that pack.
func (s *Store) SetCurrentPack(profile uint64, pack string) error {
	err := s.update(profile, func(pb *bolt.Bucket) error {
		var rec profileRecord
		if _, err := get(pb, keyProfile, &rec); err != nil {
			return err
		}
		if rec.LastPack == pack {
			return nil
		}
		rec.LastPack, rec.LastLesson = pack, ""
		return put(pb, keyProfile, rec)
	})
	if err != nil {
		return fmt.Errorf("set current pack: %w", err)
	}
	return nil
}
