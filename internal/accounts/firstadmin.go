package accounts

import (
	"errors"
	"fmt"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// FirstAdminName is the name the first admin is given when their key has
// no comment.
const FirstAdminName = "Administrator"

// FirstAdmin makes sure a server has someone to manage it: when no
// learner has admin access, the holder of key becomes an admin, as a new
// learner named after the key's comment (or FirstAdminName), or, when the
// key is already enrolled, by raising its owner to admin. When an admin
// exists it changes nothing, so that it is safe on every start. It
// returns the admin it made and whether it made one.
func FirstAdmin(s Store, key PublicKey, now time.Time) (progress.Profile, bool, error) {
	return firstAdmin(s, key, now, false)
}

// firstAdmin is FirstAdmin; more is set for the second and later keys of
// FirstAdmins, which are enrolled although the first just made an admin.
func firstAdmin(s Store, key PublicKey, now time.Time, more bool) (progress.Profile, bool, error) {
	all, err := s.Profiles()
	if err != nil {
		return progress.Profile{}, false, err
	}
	for _, p := range all {
		if p.Access == progress.AccessAdmin && !more {
			return progress.Profile{}, false, nil
		}
	}
	owner, err := s.ProfileByKey(key.Fingerprint)
	switch {
	case err == nil:
		if err := s.SetAccess(owner.ID, progress.AccessAdmin); err != nil {
			return progress.Profile{}, false, fmt.Errorf("first admin: %w", err)
		}
		owner.Access = progress.AccessAdmin
		return owner, true, nil
	case !errors.Is(err, progress.ErrNotFound):
		return progress.Profile{}, false, fmt.Errorf("first admin: %w", err)
	}
	name := key.Comment
	if name == "" {
		name = FirstAdminName
	}
	e, err := NewEnrolment(name, string(lessons.Staff), "", string(progress.AccessAdmin))
	if err != nil {
		return progress.Profile{}, false, fmt.Errorf("first admin: %w", err)
	}
	p, err := Add(s, progress.AccessAdmin, e, key, now)
	if err != nil {
		return progress.Profile{}, false, fmt.Errorf("first admin: %w", err)
	}
	return p, true, nil
}

// FirstAdmins is FirstAdmin for several keys (a server's config may name
// a few): when no learner has admin access, each key's holder becomes an
// admin; when one does, nothing changes. It returns the admins it made.
func FirstAdmins(s Store, keys []PublicKey, now time.Time) ([]progress.Profile, error) {
	var made []progress.Profile
	for i, key := range keys {
		if i > 0 && len(made) == 0 {
			break // an admin existed before: nothing to do
		}
		p, ok, err := firstAdmin(s, key, now, i > 0)
		if err != nil {
			return made, err
		}
		if ok {
			made = append(made, p)
		}
	}
	return made, nil
}
