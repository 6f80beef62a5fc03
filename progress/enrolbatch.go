package progress

import (
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// Enrolment is one learner of a batch given to [Store.EnrolLearners]: a
// row of a staff list, or one learner added with a key.
type Enrolment struct {
	Name   string
	Role   string // the learning role (an audience id); required
	Team   string // replaces the learner's team; may be empty
	Access Access // empty is AccessLearner
	// TimeZone is an IANA zone name; empty keeps the learner's.
	TimeZone string
	// Manager names the learner's manager: a learner of the file or of
	// the same batch. Empty keeps the learner's manager.
	Manager string
	// KeyFingerprint and KeyLine, when set, bind an SSH key to the
	// learner (as [Store.AddKey]); KeyLabel names it.
	KeyFingerprint, KeyLine, KeyLabel string
	// InviteHash, when set, stores Invite under that code hash (as
	// [Store.CreateInvite]); the invite's name, role, team, access and
	// time zone are the enrolment's.
	InviteHash []byte
	// InviteExpires is when that invite stops working.
	InviteExpires time.Time
	// InviteOnly, with an invite, makes no learner who does not exist yet:
	// the invite makes them when it is redeemed, with the manager this
	// enrolment names. A learner another enrolment of the batch names as
	// their manager is made all the same, so that the link can be kept.
	InviteOnly bool
}

// EnrolError is why EnrolLearners refused a batch: the enrolment at Index
// (counting from 0) was refused for Err. Nothing was changed.
type EnrolError struct {
	Index int
	Name  string
	Err   error
}

// Error names the enrolment and the reason.
func (e *EnrolError) Error() string {
	return fmt.Sprintf("learner %d (%s): %v", e.Index, e.Name, e.Err)
}

// Unwrap is the reason.
func (e *EnrolError) Unwrap() error { return e.Err }

// EnrolLearners enrols a batch of learners in one transaction: all of
// them, or, if any is refused, none, even if the process dies half-way.
// Each learner is made if there is none of that name; one who exists
// takes the enrolment's role, team and access, unless they have access it
// does not cover ([Access.Covers]; refused with ErrInviteAccess). Then its
// key is bound (ErrKeyInUse if another learner has it) and its invite
// stored; managers are set last, so a batch may name a manager it enrols.
// It returns the learners, in the batch's order (a zero Profile for an
// InviteOnly learner not made yet). An enrolment refused gives an
// *EnrolError naming it.
func (s *Store) EnrolLearners(batch []Enrolment, at time.Time) ([]Profile, error) {
	batch = slices.Clone(batch) // cleaned below; the caller's stays as it was
	for i := range batch {
		if err := checkEnrolment(&batch[i], at); err != nil {
			return nil, fmt.Errorf("enrol learners: %w", &EnrolError{i, batch[i].Name, err})
		}
	}
	out := make([]Profile, len(batch))
	managers := map[string]bool{}
	for _, e := range batch {
		managers[strings.ToLower(e.Manager)] = e.Manager != ""
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		byName := map[string]uint64{}
		if err := eachProfile(tx, func(p Profile, _ bucket) error {
			byName[strings.ToLower(p.Name)] = p.ID
			return nil
		}); err != nil {
			return err
		}
		for i, e := range batch {
			_, exists := byName[strings.ToLower(e.Name)]
			if e.InviteOnly && e.InviteHash != nil && !exists && !managers[strings.ToLower(e.Name)] {
				continue // made when the invite is redeemed
			}
			p, err := enrolOne(tx, byName, e, at)
			if err != nil {
				return &EnrolError{i, e.Name, err}
			}
			out[i] = p
		}
		for i, e := range batch {
			inv := e.invite(at)
			if e.Manager != "" {
				id, ok := byName[strings.ToLower(e.Manager)]
				if !ok {
					return &EnrolError{i, e.Name, fmt.Errorf("manager %q: %w", e.Manager, ErrNotFound)}
				}
				if out[i].ID != 0 {
					if err := setManager(tx, out[i].ID, id); err != nil {
						return &EnrolError{i, e.Name, fmt.Errorf("manager %q: %w", e.Manager, err)}
					}
					out[i].Manager = id
				}
				inv.Manager = id
			}
			if e.InviteHash != nil {
				if err := putInvite(tx, inv, e.InviteHash); err != nil {
					return &EnrolError{i, e.Name, err}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("enrol learners: %w", err)
	}
	return out, nil
}

// checkEnrolment cleans and checks one enrolment before the transaction.
func checkEnrolment(e *Enrolment, at time.Time) error {
	e.Name, e.Role, e.Team = termsafe.Line(e.Name), termsafe.Line(e.Role), termsafe.Line(e.Team)
	e.Manager = termsafe.Line(e.Manager)
	e.Access = e.Access.orLearner()
	switch {
	case e.Name == "":
		return ErrEmptyName
	case e.Role == "":
		return fmt.Errorf("%w: the learning role is empty", ErrInvalid)
	case !e.Access.Valid():
		return ErrInvalidAccess
	case strings.EqualFold(e.Manager, e.Name):
		return ErrManagerLoop
	}
	if e.TimeZone != "" {
		if _, err := LoadTimeZone(e.TimeZone); err != nil {
			return err
		}
	}
	if e.KeyFingerprint != "" || e.KeyLine != "" {
		if !validFingerprint(e.KeyFingerprint) {
			return ErrBadFingerprint
		}
		if err := checkKeyLine(e.KeyLine); err != nil {
			return err
		}
		e.KeyLabel = termsafe.Line(e.KeyLabel)
	}
	if e.InviteHash != nil {
		inv, err := checkNewInvite(e.invite(at), e.InviteHash)
		if err != nil {
			return err
		}
		e.InviteExpires = inv.Expires
	}
	return nil
}

// invite is the enrolment's invite.
func (e Enrolment) invite(at time.Time) Invite {
	return Invite{Name: e.Name, Role: e.Role, Team: e.Team, Access: e.Access, TimeZone: e.TimeZone,
		Created: at, Expires: e.InviteExpires}
}

// enrolOne makes or updates one learner of a batch inside tx and binds
// its key; byName gains a learner it makes.
func enrolOne(tx *bolt.Tx, byName map[string]uint64, e Enrolment, at time.Time) (Profile, error) {
	id, found := byName[strings.ToLower(e.Name)]
	if !found {
		var err error
		if id, err = newProfile(tx, e.Name, e.Role, at); err != nil {
			return Profile{}, err
		}
		byName[strings.ToLower(e.Name)] = id
	}
	pb, err := profileBucket(tx, id)
	if err != nil {
		return Profile{}, err
	}
	rec, err := readProfile(pb)
	if err != nil {
		return Profile{}, err
	}
	if found && !e.Access.Covers(rec.Access.orLearner()) {
		return Profile{}, fmt.Errorf("%q is %s: %w", rec.Name, rec.Access, ErrInviteAccess)
	}
	rec.Role, rec.Team, rec.Access = e.Role, e.Team, e.Access
	if e.TimeZone != "" {
		rec.TimeZone = e.TimeZone
	}
	if err := pb.put(keyProfile, rec); err != nil {
		return Profile{}, err
	}
	if e.KeyFingerprint != "" {
		if err := bindKey(tx, id, e.KeyFingerprint, e.KeyLine, e.KeyLabel, at); err != nil {
			return Profile{}, err
		}
	}
	return rec.profile(id), nil
}
