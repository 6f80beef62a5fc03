package server

import (
	"time"

	"github.com/upskill-council/upskill/progress"
)

// Directory is who may connect, and how a new key is enrolled. The
// server asks it about proven keys only, by their SHA256 fingerprint
// (gossh.FingerprintSHA256, "SHA256:...").
type Directory interface {
	// LearnerByKey returns the learner whose key has this fingerprint,
	// or an error wrapping progress.ErrNotFound for an unknown key.
	LearnerByKey(fingerprint string) (progress.Profile, error)
	// Enrol binds the key (its fingerprint and its authorized_keys line)
	// to the learner a one-time invite code was issued for, and returns
	// that learner. A wrong, used or expired code is an error.
	Enrol(code, fingerprint, authorizedKey string, at time.Time) (progress.Profile, error)
}
