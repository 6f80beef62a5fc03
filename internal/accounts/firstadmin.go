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
	all, err := s.Profiles()
	if err != nil {
		return progress.Profile{}, false, err
	}
	for _, p := range all {
		if p.Access == progress.AccessAdmin {
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
