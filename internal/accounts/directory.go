package accounts

import (
	"time"

	"github.com/upskill-council/upskill/progress"
)

// Directory answers the SSH server's two questions from the store: whose
// key is this, and may this new key enrol with this invite code. It is
// what `upskill serve` gives the server.
type Directory struct{ Store Store }

// LearnerByKey returns the learner whose key has this SHA256 fingerprint,
// or an error wrapping progress.ErrNotFound.
func (d Directory) LearnerByKey(fingerprint string) (progress.Profile, error) {
	return d.Store.ProfileByKey(fingerprint)
}

// Enrol redeems an invite code typed by someone connecting with a new key,
// binding the key (proven by the SSH handshake) to the invite's learner.
func (d Directory) Enrol(code, fingerprint, authorizedKey string, at time.Time) (progress.Profile, error) {
	return Redeem(d.Store, code, PublicKey{Fingerprint: fingerprint, Line: authorizedKey}, at)
}
