package progress

import (
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

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
	// Access is what the learner may do beyond learning; never empty.
	Access Access
	// Team is the learner's team, for managers' reports; may be empty.
	Team string
	// TimeZone is the IANA name of the learner's time zone ("Europe/London"),
	// in which their days, streaks and due cards are counted; empty means
	// the server's (since schema 4).
	TimeZone string
	// Manager is the id of the learner who manages this one, for
	// managers' reports; 0 when none (since schema 4). Kept by id, so a
	// renamed manager stays the manager.
	Manager uint64
}

type profileRecord struct {
	Name       string    `json:"name"`
	Role       string    `json:"role"`
	Created    time.Time `json:"created"`
	LastPack   string    `json:"last_pack,omitempty"`
	LastLesson string    `json:"last_lesson,omitempty"`
	Access     Access    `json:"access,omitempty"` // empty: AccessLearner
	Team       string    `json:"team,omitempty"`
	TimeZone   string    `json:"time_zone,omitempty"`
	Manager    uint64    `json:"manager,omitempty"`
}

func (r profileRecord) profile(id uint64) Profile {
	return Profile{ID: id, Name: r.Name, Role: r.Role, Created: r.Created, Last: LessonKey{r.LastPack, r.LastLesson},
		Access: r.Access.orLearner(), Team: r.Team, TimeZone: r.TimeZone, Manager: r.Manager}
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
	err := s.write(func(tx *bolt.Tx) error {
		if _, found, err := findProfile(tx, name); err != nil {
			return err
		} else if found {
			return fmt.Errorf("%q: %w", name, ErrProfileExists)
		}
		id, err := newProfile(tx, name, role, at)
		p = profileRecord{Name: name, Role: role, Created: at}.profile(id)
		return err
	})
	if err != nil {
		return Profile{}, fmt.Errorf("create profile: %w", err)
	}
	return p, nil
}

// newProfile adds a learner inside tx, with a name already cleaned and
// known to be free, and returns their id.
func newProfile(tx *bolt.Tx, name, role string, at time.Time) (uint64, error) {
	profiles := tx.Bucket(bucketProfiles)
	id, err := profiles.NextSequence()
	if err != nil {
		return 0, err
	}
	pb, err := profiles.CreateBucket(itob(id))
	if errors.Is(err, berrors.ErrBucketExists) || errors.Is(err, berrors.ErrIncompatibleValue) {
		return 0, damaged(string(bucketProfiles), "learner %d exists already: the sequence is behind", id)
	} else if err != nil {
		return 0, err
	}
	for _, name := range profileBuckets {
		if _, err := pb.CreateBucket(name); err != nil {
			return 0, err
		}
	}
	return id, bucket{pb, fmt.Sprintf("profiles/%d", id)}.put(keyProfile, profileRecord{Name: name, Role: role, Created: at})
}

// Profiles lists every learner in the file, oldest first.
func (s *Store) Profiles() ([]Profile, error) {
	var out []Profile
	err := s.db.View(func(tx *bolt.Tx) error {
		return eachProfile(tx, func(p Profile, _ bucket) error {
			out = append(out, p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read profiles: %w", err)
	}
	return out, nil
}

// eachProfile calls fn with every learner and their bucket, in id order.
// Every entry of the profiles bucket must be a learner's bucket, keyed by
// id, holding a profile record with a name.
func eachProfile(tx *bolt.Tx, fn func(Profile, bucket) error) error {
	profiles := bucket{tx.Bucket(bucketProfiles), string(bucketProfiles)}
	return profiles.ForEach(func(k, v []byte) error {
		id, err := profiles.id(k)
		if err != nil {
			return err
		}
		if v != nil {
			return damaged(profiles.name, "key %s holds a value, want a learner's bucket", quoteKey(k))
		}
		pb := bucket{profiles.Bucket.Bucket(k), fmt.Sprintf("profiles/%d", id)}
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		return fn(rec.profile(id), pb)
	})
}

// readProfile reads the profile record of a learner's bucket.
func readProfile(pb bucket) (profileRecord, error) {
	var rec profileRecord
	found, err := pb.get(keyProfile, &rec)
	switch {
	case err != nil:
		return rec, err
	case !found:
		return rec, damaged(pb.name, "no profile record")
	case rec.Name == "":
		return rec, damaged(pb.name, "the profile record has no name")
	case !rec.Access.orLearner().Valid():
		return rec, damaged(pb.name, "the profile record has an unknown access level %q", rec.Access)
	case !plausibleZoneName(rec.TimeZone):
		return rec, damaged(pb.name, "the profile record has a time zone that is not a zone name")
	}
	return rec, nil
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
	if err != nil {
		return Profile{}, fmt.Errorf("find profile %q: %w", name, err)
	}
	return p, nil
}

// Profile returns a learner by id.
func (s *Store) Profile(id uint64) (Profile, error) {
	var p Profile
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, id)
		if err != nil {
			return err
		}
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		p = rec.profile(id)
		return nil
	})
	if err != nil {
		return Profile{}, fmt.Errorf("read profile %d: %w", id, err)
	}
	return p, nil
}

func findProfile(tx *bolt.Tx, name string) (Profile, bool, error) {
	want := strings.ToLower(strings.Join(strings.Fields(name), " "))
	var found Profile
	var ok bool
	err := eachProfile(tx, func(p Profile, _ bucket) error {
		if !ok && strings.ToLower(p.Name) == want {
			found, ok = p, true
		}
		return nil
	})
	return found, ok, err
}

// setLast makes k the lesson to continue from.
func setLast(pb bucket, k LessonKey) error {
	rec, err := readProfile(pb)
	if err != nil {
		return err
	}
	if rec.LastPack == k.Pack && rec.LastLesson == k.Lesson {
		return nil
	}
	rec.LastPack, rec.LastLesson = k.Pack, k.Lesson
	return pb.put(keyProfile, rec)
}

// SetCurrentPack makes a pack the one a learner continues with. The
// lesson to continue from is then worked out afresh in that pack.
func (s *Store) SetCurrentPack(profile uint64, pack string) error {
	err := s.update(profile, func(pb bucket) error {
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		if rec.LastPack == pack {
			return nil
		}
		rec.LastPack, rec.LastLesson = pack, ""
		return pb.put(keyProfile, rec)
	})
	if err != nil {
		return fmt.Errorf("set current pack: %w", err)
	}
	return nil
}
