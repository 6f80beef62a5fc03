package progress

import (
	"fmt"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// Access is what a learner may do beyond learning: it is separate from
// their learning role, which chooses their path. It is kept on the
// learner's profile record; an empty value in the file means
// [AccessLearner].
type Access string

// The access levels, from the least to the most.
const (
	// AccessLearner learns, and nothing more. It is the default.
	AccessLearner Access = "learner"
	// AccessTrainer also imports and manages packs, and invites learners.
	AccessTrainer Access = "trainer"
	// AccessManager also sees the progress of their team.
	AccessManager Access = "manager"
	// AccessAdmin manages learners, their keys and their access.
	AccessAdmin Access = "admin"
)

// AccessLevels lists every access level, from the least to the most.
var AccessLevels = []Access{AccessLearner, AccessTrainer, AccessManager, AccessAdmin}

// Valid reports whether a is one of [AccessLevels].
func (a Access) Valid() bool {
	for _, known := range AccessLevels {
		if a == known {
			return true
		}
	}
	return false
}

// Covers reports whether a grants everything b grants: every level covers
// learner and itself, and admin covers every level. Trainer and manager
// grant different things, so neither covers the other.
func (a Access) Covers(b Access) bool {
	return a == b || a == AccessAdmin || b == AccessLearner
}

// orLearner is a as stored: the empty access of an older record is a
// learner's.
func (a Access) orLearner() Access {
	if a == "" {
		return AccessLearner
	}
	return a
}

// ErrInvalidAccess is returned for an access level that is not one of
// [AccessLevels].
var ErrInvalidAccess = fmt.Errorf("%w: the access level must be learner, trainer, manager or admin", ErrInvalid)

// SetAccess gives a learner an access level.
func (s *Store) SetAccess(profile uint64, a Access) error {
	if !a.Valid() {
		return fmt.Errorf("set access %q: %w", a, ErrInvalidAccess)
	}
	return s.editProfile(profile, "set access", func(rec *profileRecord) { rec.Access = a })
}

// SetTeam puts a learner in a team (a council's team or service, as its
// staff list names it); an empty team takes them out of any team. The
// name loses control characters and extra spaces.
func (s *Store) SetTeam(profile uint64, team string) error {
	team = termsafe.Line(team)
	return s.editProfile(profile, "set team", func(rec *profileRecord) { rec.Team = team })
}

// SetRole changes a learner's learning role (an audience id, which the
// caller validates): it chooses their path. The role must not be empty.
func (s *Store) SetRole(profile uint64, role string) error {
	role = termsafe.Line(role)
	if role == "" {
		return fmt.Errorf("set role: %w: the learning role is empty", ErrInvalid)
	}
	return s.editProfile(profile, "set role", func(rec *profileRecord) { rec.Role = role })
}

// editProfile changes a learner's profile record in one transaction.
func (s *Store) editProfile(profile uint64, what string, edit func(*profileRecord)) error {
	err := s.update(profile, func(pb bucket) error {
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		edit(&rec)
		return pb.put(keyProfile, rec)
	})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
